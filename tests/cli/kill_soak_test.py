#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""kill -9 soak: child processes writing a fleet file (import of a scenario and of a catalog CSV,
plan --save, the GUI document's Save and Save As, new) are killed with SIGKILL at random points.
Afterwards every file must open (fleetwright-cli info exits 0) and hold exactly its state before the
write or after it; no temporary may outlive the next open.

usage: kill_soak_test.py FLEETWRIGHT_CLI DOCUMENT_SAVER [ITERATIONS] [SEED]"""
import csv as csv_module
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

TABLES = ("meta", "accelerators", "systems", "network_parts", "scenarios", "plans")


def state(path):
    """The logical content of a fleet file: every row of every table, and the two header pragmas.
    (Run after fleetwright-cli has opened it, so that a hot journal is already rolled back.)"""
    db = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    try:
        content = {"application_id": db.execute("PRAGMA application_id").fetchone()[0],
                   "user_version": db.execute("PRAGMA user_version").fetchone()[0]}
        for table in TABLES:
            content[table] = db.execute("SELECT * FROM " + table + " ORDER BY 1").fetchall()
        return content
    finally:
        db.close()


def without_times(value):
    """A plan document without when it ran and how long it took (solve_s, build_s, saved_at)."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k not in ("solve_s", "build_s", "saved_at")}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def without_plan_times(content):
    """plan --save stores when it ran and how long it took: equal states ignore those."""
    plans = [(row[0], row[1], row[3], json.dumps(without_times(json.loads(row[4])), sort_keys=True))
             for row in content["plans"]]
    return dict(content, plans=plans)


def main():
    cli, saver = sys.argv[1], sys.argv[2]
    iterations = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 18)
    work = tempfile.mkdtemp(prefix="fleetwright-kill-soak-")
    try:
        base = os.path.join(work, "base.fleet")
        subprocess.run([cli, "new", base, "--sample"], check=True, capture_output=True)
        scenario = os.path.join(work, "s.json")
        subprocess.run([cli, "export", base, "--scenario", "US neocloud 2027-2029", "--json", scenario], check=True,
                       capture_output=True)
        document = json.load(open(scenario))
        document["name"] = "soak"
        json.dump(document, open(scenario, "w"))
        csv = os.path.join(work, "c.csv")
        subprocess.run([cli, "export", base, "--catalog-csv", csv], check=True, capture_output=True)
        with open(csv, newline="", encoding="utf-8") as f:
            rows = list(csv_module.reader(f))
        rows[1][rows[0].index("notes")] = "changed by the kill -9 soak"
        with open(csv, "w", newline="", encoding="utf-8") as f:
            csv_module.writer(f, lineterminator="\r\n").writerows(rows)

        target = os.path.join(work, "f.fleet")
        copy = os.path.join(work, "copy.fleet")
        writers = {
            "import scenario": lambda: [cli, "import", target, "--scenario", scenario],
            "import catalog": lambda: [cli, "import", target, "--catalog-csv", csv],
            "plan --save": lambda: [cli, "plan", target, "--save", "--time-limit", "60"],  # optimal in ~1 s
            "document save": lambda: [saver, target, "Soak Inc."],
            "document save as": lambda: [saver, target, "Soak Inc.", copy],
            "new": lambda: [cli, "new", copy, "--sample"],
        }
        # The state after each writer ran to the end, and how long that took.
        after, duration = {}, {}
        for name, command in writers.items():
            for path in (target, copy):
                if os.path.exists(path):
                    os.remove(path)
            shutil.copy(base, target)
            started = time.monotonic()
            subprocess.run(command(), check=True, capture_output=True)
            duration[name] = time.monotonic() - started
            written = copy if name in ("document save as", "new") else target
            after[name] = without_plan_times(state(written))
        before = without_plan_times(state(base))
        counts = {"before": 0, "after": 0}
        names = list(writers)
        for i in range(iterations):
            name = names[i % len(names)]
            for path in os.listdir(work):
                if path.startswith(("f.fleet", "copy.fleet")):
                    os.remove(os.path.join(work, path))
            shutil.copy(base, target)
            # Half the kills anywhere in the run, half in its last fifth, where the writing is.
            span = duration[name]
            delay = rng.uniform(0, span) if i % 2 == 0 else rng.uniform(0.8 * span, 1.1 * span)
            child = subprocess.Popen(writers[name](), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
            child.wait()
            written = copy if name in ("document save as", "new") else target
            for path in {target, written}:
                if not os.path.exists(path):
                    if path == written and name in ("document save as", "new"):
                        # Killed before the rename: nothing at the new path; its temporaries go at
                        # the next open of a file of that name.
                        subprocess.run([cli, "new", path], check=True, capture_output=True)
                        info = subprocess.run([cli, "info", path], capture_output=True, text=True)
                        assert info.returncode == 0, info.stderr
                        counts["before"] += 1
                        continue
                    raise AssertionError("iteration %d (%s): %s is gone" % (i, name, path))
                info = subprocess.run([cli, "info", path, "--json"], capture_output=True, text=True)
                if info.returncode != 0:
                    raise AssertionError("iteration %d (%s, killed at %.3f s): %s does not open: %s"
                                         % (i, name, delay, path, info.stderr))
                if path != written:
                    continue
                now = without_plan_times(state(path))
                if name in ("document save as", "new"):
                    expected = {"after": after[name]}
                else:
                    expected = {"before": before, "after": after[name]}
                match = [k for k, v in expected.items() if v == now]
                if not match:
                    raise AssertionError("iteration %d (%s, killed at %.3f s): %s is neither its before nor its "
                                         "after state" % (i, name, delay, path))
                counts[match[0]] += 1
            left = [p for p in os.listdir(work) if ".tmp-" in p]
            if left:
                raise AssertionError("iteration %d (%s): temporaries left after the next open: %s" % (i, name, left))
        print("kill -9 soak: %d iterations, %d files found in their before state, %d in their after state, "
              "0 corrupt" % (iterations, counts["before"], counts["after"]))
        print("%d passed, 0 failed" % iterations)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
