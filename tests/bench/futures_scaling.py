#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark, not a test: `risk` over many futures of the US sample (ten two-outcome events, each 0.5,
so 1,024 futures in the tree; N draws of them, identical draws merged) on 1 thread, on 2 threads and on
2 MPI ranks (fleetwright-mpi under mpirun), in one run: wall time, the ratio to 1 thread, and the
re-plans each rank did. Every run must give the same expected cost (a node limit ends every solve).

    tests/bench/futures_scaling.py FLEETWRIGHT_CLI FLEETWRIGHT_MPI [FUTURES] [MPIEXEC]

Run it on an idle machine: the ratios are only as good as the cores are free."""
import json
import os
import subprocess
import sys
import tempfile
import time

EVENTS = [
    {"kind": "demand", "stream": "training", "multiplier": 0.6, "from": "2028Q1"},
    {"kind": "demand", "stream": "chat 70B", "multiplier": 1.4, "from": "2028Q3"},
    {"kind": "vendor_price", "vendor": "NVIDIA", "multiplier": 0.8, "from": "2027Q3"},
    {"kind": "vendor_price", "vendor": "AMD", "multiplier": 0.85, "from": "2027Q4"},
    {"kind": "demand", "stream": "training", "multiplier": 1.2, "from": "2027Q4"},
    {"kind": "demand", "stream": "MoE 671B (37B active)", "multiplier": 0.8, "from": "2029Q1"},
    {"kind": "vendor_price", "vendor": "NVIDIA", "multiplier": 1.1, "from": "2028Q2"},
    {"kind": "demand", "stream": "training", "multiplier": 0.9, "from": "2029Q2"},
    {"kind": "vendor_price", "vendor": "AMD", "multiplier": 0.9, "from": "2028Q4"},
    {"kind": "demand", "stream": "chat 70B", "multiplier": 1.1, "from": "2027Q3"},
]


def checked(*command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)}: {result.stderr.strip()}")


def timed(command, env=None):
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)}: {result.stderr.strip()}")
    return time.monotonic() - started, json.loads(result.stdout)


def main():
    cli, mpi = sys.argv[1], sys.argv[2]
    futures = sys.argv[3] if len(sys.argv) > 3 else "1000"
    mpiexec = sys.argv[4] if len(sys.argv) > 4 else "mpirun"
    with tempfile.TemporaryDirectory() as tmp:
        fleet, scenario = os.path.join(tmp, "many.fleet"), os.path.join(tmp, "many.json")
        checked(cli, "new", fleet, "--sample")
        checked(cli, "export", fleet, "--scenario", "US neocloud 2027-2029", "--json", scenario)
        with open(scenario) as f:
            document = json.load(f)
        document["name"] = "many futures"
        document["uncertainty"]["events"] = [dict(e, name=f"event {i + 1}", probability=0.5)
                                             for i, e in enumerate(EVENTS)]
        with open(scenario, "w") as f:
            json.dump(document, f)
        checked(cli, "import", fleet, "--scenario", scenario)
        options = ["risk", fleet, "--scenario", "many futures", "--futures", futures, "--seed", "1",
                   "--node-limit", "5000", "--time-limit", "600", "--json"]
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        runs = [("1 thread", [cli, *options, "--threads", "1"], None),
                ("2 threads", [cli, *options, "--threads", "2"], None),
                ("2 MPI ranks", [mpiexec, "--oversubscribe", "-np", "2", mpi, *options], env)]
        print(f"risk over {futures} draws of 1,024 futures (US sample, 10 events), node limit 5000")
        print("run            futures  wall_s  ratio  expected_cost_usd   replans per rank")
        baseline = None
        expected = None
        for name, command, run_env in runs:
            seconds, risk = timed(command, run_env)
            baseline = baseline or seconds
            expected = expected if expected is not None else risk["expected_cost_usd"]
            if risk["expected_cost_usd"] != expected:
                sys.exit(f"{name}: expected cost {risk['expected_cost_usd']} differs from {expected}")
            per_rank = " ".join(f"{r['rank']}:{r['replans']}" for r in risk["solves_per_rank"])
            print(f"{name:<14} {len(risk['futures']):>7} {seconds:>7.1f} {baseline / seconds:>6.2f}  "
                  f"{risk['expected_cost_usd']:>17,.0f}   {per_rank}")


if __name__ == "__main__":
    main()
