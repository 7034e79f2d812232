#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Measurement, not a test: the two-stage robust plan of the US sample with two more events (a Texas
electricity price rise, an AMD price cut: 5 events, 2^5 = 32 futures) by the extensive form and by
progressive hedging, one after the other on one thread: each method's RP (the first stage re-planned in
every future), its lower bound, iterations and wall time, whether hedging's bounds bracket the
extensive form's plan, and how far apart the two RPs are.

    tests/bench/hedging_vs_extensive.py FLEETWRIGHT_CLI [TIME_LIMIT_S]

TIME_LIMIT_S (default 60) bounds each CBC solve: the extensive form's one solve, and each of hedging's.
Hedging computes its Lagrangian bound every 5th iteration, slams from its 10th (alone it did not converge
in 50 iterations; with slamming from the 10th it converged at the 24th, README) and prints each iteration
on stderr as it ends. Takes about an hour on one core (hedging alone took 23 min on 2 MPI ranks); run it
on an idle machine."""
import json
import os
import subprocess
import sys
import tempfile
import time

SCENARIO = "US neocloud 2027-2029"
MORE_EVENTS = [
    {"name": "Texas power price rise", "probability": 0.3, "kind": "electricity_price", "site": "Texas",
     "multiplier": 1.3},
    {"name": "AMD price cut", "probability": 0.4, "kind": "vendor_price", "vendor": "AMD", "from": "2027Q3",
     "multiplier": 0.8},
]


def checked(*command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)}: {result.stderr.strip()}")


def timed(command):
    """Runs `command`, its stderr (hedging's --progress lines) passed through as it goes."""
    started = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit {result.returncode} (its message above)")
    return time.monotonic() - started, json.loads(result.stdout)


def main():
    cli = sys.argv[1]
    time_limit = sys.argv[2] if len(sys.argv) > 2 else "60"
    with tempfile.TemporaryDirectory() as tmp:
        fleet, scenario = os.path.join(tmp, "us32.fleet"), os.path.join(tmp, "us32.json")
        checked(cli, "new", fleet, "--sample")
        checked(cli, "export", fleet, "--scenario", SCENARIO, "--json", scenario)
        with open(scenario) as f:
            document = json.load(f)
        document["name"] = "US sample, 32 futures"
        document["uncertainty"]["events"] += MORE_EVENTS
        with open(scenario, "w") as f:
            json.dump(document, f)
        checked(cli, "import", fleet, "--scenario", scenario)
        options = ["robust", fleet, "--scenario", document["name"], "--futures", "32", "--threads", "1",
                   "--time-limit", time_limit, "--json"]
        print(f"robust plan of the US sample with {len(document['uncertainty']['events'])} events "
              f"(32 futures), {time_limit} s a CBC solve, one thread")
        print("method               rp_usd   lower_bound_usd  iterations  residual   wall_s  status")
        results = {}
        for method in ("extensive", "ph"):
            hedging = ["--ph-bound-every", "5", "--ph-slam-after", "10", "--progress"] if method == "ph" else []
            seconds, robust = timed([cli, *options, "--method", method, *hedging])
            results[method] = robust
            hedging = robust.get("progressive_hedging", {})
            residual = hedging.get("residual", float("nan"))
            print(f"{method:<12} {robust['rp_usd']:>14,.0f} {robust['lower_bound_usd']:>17,.0f} "
                  f"{len(robust.get('iterations', [])):>11} {residual:>9.2e} {seconds:>8.1f}  {robust['status']}"
                  + (f", first stage: {hedging['first_stage']}" if hedging else ""), flush=True)
        extensive, ph = results["extensive"], results["ph"]
        brackets = ph["lower_bound_usd"] <= extensive["rp_usd"] and ph["rp_usd"] >= extensive["lower_bound_usd"]
        apart = (ph["rp_usd"] - extensive["rp_usd"]) / extensive["rp_usd"]
        print(f"hedging's bounds bracket the extensive form's plan: {'yes' if brackets else 'no'}; "
              f"RP by hedging − RP by the extensive form: {apart:+.3%}")
        print(f"EEV {extensive['eev_usd']:,.0f} USD, WS {extensive['ws_usd']:,.0f} USD")


if __name__ == "__main__":
    main()
