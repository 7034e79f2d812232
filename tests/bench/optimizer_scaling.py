#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark, not a test: the purchase optimizer on growing scenarios, up to 50 sites x 40 offers x 16
quarters. For each size it prints the MILP size, build and solve time, the gap CBC reached within the
time limit, and the optimizer's cost against the greedy baseline on the same scenario, in one run.

    tests/bench/optimizer_scaling.py build/release/app/cli/fleetwright-cli [time_limit_s]"""
import json
import os
import random
import subprocess
import sys
import tempfile

SYSTEMS = ["DGX H100", "DGX B200", "GB200 NVL72", "MI300X 8-GPU server", "Gaudi 3 8-accelerator server",
           "DGX A100", "HGX H100 server"]
COUNTRIES = ["US", "NO", "DE", "GB", "JP", "IN", "MY", "SG", "CA", "AU"]
SIZES = [(2, 5, 8), (5, 10, 12), (10, 20, 16), (25, 30, 16), (50, 40, 16)]


def scenario(sites, offers, quarters, seed):
    rng = random.Random(seed)
    base_mw = 400.0 / sites
    return {
        "name": f"bench {sites}x{offers}x{quarters}",
        "first_quarter": "2027Q1",
        "quarters": quarters,
        "sites": [{"name": f"site{j}", "country": COUNTRIES[j % len(COUNTRIES)], "pue": round(rng.uniform(1.1, 1.5), 2),
                   "electricity_usd_per_kwh": round(rng.uniform(0.04, 0.12), 3),
                   "power_mw": [round(base_mw * (0.5 + 0.1 * q) * rng.uniform(0.8, 1.2), 1) for q in range(quarters)],
                   "liquid_cooling": rng.random() < 0.6} for j in range(sites)],
        "installed": [],
        "demand": [{"training_pflops": 400 + 150 * q, "inference_tokens_per_s": 1e6 + 4e5 * q} for q in range(quarters)],
        "inference_class": {"params": 70e9, "bytes_per_param": 2, "kv_bytes_per_token": 327680, "context": 4096,
                            "tokens_per_s_per_user": 20},
        # Offers beyond the catalog's priced systems are the same systems from other sellers at other prices.
        "market": [{"system": SYSTEMS[o % len(SYSTEMS)],
                    "price_usd": {"DGX H100": 270000, "DGX B200": 379273, "GB200 NVL72": 3000000,
                                  "MI300X 8-GPU server": 205870, "Gaudi 3 8-accelerator server": 125000,
                                  "DGX A100": 199000, "HGX H100 server": 296644}[SYSTEMS[o % len(SYSTEMS)]]
                                 * (1 + 0.05 * (o // len(SYSTEMS))),
                    "supply_per_quarter": rng.randint(20, 120), "lead_quarters": rng.randint(0, 2)}
                   for o in range(offers)],
        "policy": {"rules": "latest", "max_vendor_share": 0.8, "headroom": 0.05},
    }


def main():
    cli = sys.argv[1]
    limit = sys.argv[2] if len(sys.argv) > 2 else "120"
    print("sites offers quarters  columns   rows  integers  build_s  solve_s  status      gap     cbc_usd        greedy_usd     saving")
    with tempfile.TemporaryDirectory() as tmp:
        for sites, offers, quarters in SIZES:
            fleet = os.path.join(tmp, f"{sites}.fleet")
            path = os.path.join(tmp, f"{sites}.json")
            json.dump(scenario(sites, offers, quarters, sites), open(path, "w"))
            subprocess.run([cli, "new", fleet], check=True, capture_output=True)
            subprocess.run([cli, "import", fleet, "--scenario", path], check=True, capture_output=True)
            out = subprocess.run([cli, "plan", fleet, "--baseline", "greedy", "--time-limit", limit, "--json"],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print(f"{sites:>5} {offers:>6} {quarters:>8}  error: {out.stderr.strip()}")
                continue
            p = json.loads(out.stdout)
            greedy = p["baseline"]
            # A plan counts only when the evaluator finds no violated constraint.
            ours_ok = not p["violations"] and p["purchases"]
            greedy_ok = not greedy["violations"]
            saving = (greedy["evaluated_cost_usd"] - p["evaluated_cost_usd"]) / greedy["evaluated_cost_usd"] \
                if ours_ok and greedy_ok else float("nan")
            print(f"{sites:>5} {offers:>6} {quarters:>8}  {p['model']['columns']:>7} {p['model']['rows']:>6} "
                  f"{p['model']['integer_columns']:>9}  {p['build_s']:>7.2f}  {p['solve_s']:>7.2f}  {p['status']:<10} "
                  f"{p['gap']:>6.4f}  {p['evaluated_cost_usd'] if ours_ok else float('nan'):>13.0f}  "
                  f"{greedy['evaluated_cost_usd']:>13.0f} ({'valid' if greedy_ok else str(len(greedy['violations'])) + ' violations'})"
                  f"  {saving:>6.1%}")


if __name__ == "__main__":
    main()
