#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""fleetwright-mpi against fleetwright-cli: `mpirun -np 2 fleetwright-mpi robust …` and the threaded run
give the same plan for the same seed, rank 1 does its share of the solves, only rank 0 prints, and a
bad input is one line and exit 1 from the whole job.

    mpi_test.py FLEETWRIGHT_CLI FLEETWRIGHT_MPI MPIEXEC"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

CLI, MPI, MPIEXEC = sys.argv[1:4]
TIME_FACTOR = float(os.environ.get("FW_TEST_TIME_FACTOR", "1"))
# As root (CI), OpenMPI refuses to start without these; the oversubscription lets 2 ranks share 1 core.
MPI_ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1",
               # Under the sanitizers: OpenMPI's own allocations left at exit are not ours to fix.
               ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600 * TIME_FACTOR)


def mpirun(ranks, *args):
    return subprocess.run([MPIEXEC, "-np", str(ranks), MPI, *args], capture_output=True, text=True,
                          env=MPI_ENV, timeout=600 * TIME_FACTOR)


# Figures that depend on the wall clock or on who solved what; everything else must agree.
CLOCKS = {"seconds", "solve_s", "rank", "solves_per_rank", "extensive_form_solve_s"}


def figures(document):
    if isinstance(document, dict):
        return {k: figures(v) for k, v in document.items() if k not in CLOCKS}
    if isinstance(document, list):
        return [figures(v) for v in document]
    return document


class MpiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.fleet = os.path.join(cls.tmp.name, "two events.fleet")
        scenario = os.path.join(cls.tmp.name, "two events.json")
        cli("new", cls.fleet, "--sample")
        cli("export", cls.fleet, "--scenario", "US neocloud 2027-2029", "--json", scenario)
        with open(scenario) as f:
            document = json.load(f)
        document["name"] = "two events"
        document["uncertainty"]["events"] = document["uncertainty"]["events"][:2]  # 4 futures
        document["quarters"] = 6
        document["sites"] = document["sites"][:1]  # Texas alone: each solve a second or two
        with open(scenario, "w") as f:
            json.dump(document, f)
        assert cli("import", cls.fleet, "--scenario", scenario).returncode == 0

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_two_ranks_plan_as_one_and_two_threads_do(self):
        # A node limit, not a time limit, ends each solve: the same on every rank and under any load.
        options = ["--scenario", "two events", "--method", "ph", "--ph-iterations", "3", "--node-limit", "2000",
                   "--time-limit", "600", "--json"]
        one = cli("robust", self.fleet, *options)
        self.assertEqual(one.returncode, 0, one.stderr)
        two_threads = cli("robust", self.fleet, *options, "--threads", "2")
        self.assertEqual(two_threads.returncode, 0, two_threads.stderr)
        ranks = mpirun(2, "robust", self.fleet, *options, "--progress")
        self.assertEqual(ranks.returncode, 0, ranks.stderr)
        progress = [line for line in ranks.stderr.splitlines() if line.startswith("hedging iteration ")]
        one, two_threads, ranks = (json.loads(r.stdout) for r in (one, two_threads, ranks))  # rank 0 printed once
        self.assertEqual(len(progress), len(ranks["iterations"]))  # rank 0's progress, once an iteration
        self.assertGreater(len(one["first_stage_purchases"]), 2)
        self.assertEqual(figures(ranks), figures(one))
        self.assertEqual(figures(two_threads), figures(one))
        # Future k is rank k mod 2's; rank 1 did half the hedging solves and half the re-plans.
        self.assertEqual([f["rank"] for f in ranks["futures"]], [0, 1, 0, 1])
        per_rank = {r["rank"]: r for r in ranks["solves_per_rank"]}
        solves = sum(i["solves"] + i["bound_solves"] for i in ranks["iterations"])
        self.assertEqual(per_rank[0]["hedging_solves"] + per_rank[1]["hedging_solves"], solves)
        self.assertGreaterEqual(per_rank[1]["hedging_solves"], 0.4 * solves)
        self.assertEqual(per_rank[1]["replans"], 3 * 2)
        self.assertEqual(one["solves_per_rank"][0]["hedging_solves"], solves)

    def test_two_ranks_hedge_the_value_at_risk_as_one_does(self):
        # Under mean–CVaR the futures' η travel between ranks too: the same iterations to the last digit.
        options = ["--scenario", "two events", "--method", "ph", "--ph-iterations", "3", "--node-limit", "2000",
                   "--time-limit", "600", "--cvar", "0.9:0.5", "--json"]
        one = cli("robust", self.fleet, *options)
        self.assertEqual(one.returncode, 0, one.stderr)
        ranks = mpirun(2, "robust", self.fleet, *options)
        self.assertEqual(ranks.returncode, 0, ranks.stderr)
        one, ranks = json.loads(one.stdout), json.loads(ranks.stdout)
        self.assertEqual(one["objective"]["kind"], "mean_cvar")
        self.assertTrue(all("value_at_risk_usd" in i for i in one["iterations"]))
        self.assertEqual(figures(ranks), figures(one))

    def test_risk_on_two_ranks_is_the_threaded_risk(self):
        one = cli("risk", self.fleet, "--scenario", "two events", "--node-limit", "2000", "--json")
        ranks = mpirun(2, "risk", self.fleet, "--scenario", "two events", "--node-limit", "2000", "--json")
        self.assertEqual(ranks.returncode, 0, ranks.stderr)
        self.assertEqual(figures(json.loads(ranks.stdout)), figures(json.loads(one.stdout)))
        self.assertEqual(json.loads(ranks.stdout)["solves_per_rank"],
                         [{"rank": 0, "replans": 2}, {"rank": 1, "replans": 2}])

    def test_bad_input_is_one_line_from_the_whole_job(self):
        missing = os.path.join(self.tmp.name, "missing.fleet")
        result = mpirun(2, "robust", missing, "--json")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        lines = [line for line in result.stderr.splitlines() if line.startswith("fleetwright-mpi:")]
        self.assertEqual(len(lines), 1, result.stderr)  # rank 0's; rank 1 says nothing
        self.assertIn(missing, lines[0])
        self.assertTrue(mpirun(2, "robust", "--help").stdout.startswith("Usage: fleetwright-mpi robust FILE"))
        # Only the commands that share futures: anything else is fleetwright-cli's.
        result = mpirun(2, "plan", self.fleet)
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown command 'plan'", result.stderr)
        result = mpirun(2, "robust", self.fleet, "--node-limit", "-1")
        self.assertEqual(result.returncode, 1)
        self.assertIn("--node-limit: -1 nodes is below", result.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
