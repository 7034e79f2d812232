#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The fleetwright-cli contract: exit codes 0/1/2, one-line error messages naming the file, JSON output."""
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
# Time limits are for an optimised build; the asan preset (Debug, ASan + UBSan) runs several times
# slower and sets FW_TEST_TIME_FACTOR (CMakePresets.json) to scale them.
TIME_FACTOR = float(os.environ.get("FW_TEST_TIME_FACTOR", "1"))


def run(*args, env=None, timeout=120):
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=full_env, timeout=timeout * TIME_FACTOR)


class CliCase(unittest.TestCase):
    """A temporary directory per test, and the helpers every class of this file shares."""
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="fleetwright-cli-test-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def assertUserError(self, result, message):
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stderr, "fleetwright-cli: " + message + "\n")

    def sample_variant(self, name, change):
        """A sample fleet holding the US sample scenario changed by `change` and renamed `name`; returns the
        fleet, the scenario JSON file and the scenario."""
        fleet, out = self.path(name + ".fleet"), self.path(name + ".json")
        run("new", fleet, "--sample")
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", out)
        scenario = json.load(open(out))
        scenario["name"] = name
        change(scenario)
        json.dump(scenario, open(out, "w"))
        self.assertEqual(run("import", fleet, "--scenario", out).returncode, 0)
        return fleet, out, scenario


class CliTest(CliCase):
    """The command-line contract; planning and reading the samples."""

    def test_version(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^fleetwright \d+\.\d+\.\d+\n$")

    def test_usage_errors_exit_2(self):
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("frobnicate").returncode, 2)
        self.assertEqual(run("catalog", "--kind", "gpu").returncode, 2)
        self.assertEqual(run("info").returncode, 2)
        self.assertEqual(run("report", "x.fleet").returncode, 2)
        self.assertEqual(run("new", "a.fleet", "--bogus").returncode, 2)

    def test_new_and_info(self):
        fleet = self.path("sample.fleet")
        result = run("new", fleet, "--sample")
        self.assertEqual(result.returncode, 0, result.stderr)
        info = run("info", fleet, "--json")
        self.assertEqual(info.returncode, 0, info.stderr)
        document = json.loads(info.stdout)
        self.assertEqual(document["schema_version"], 4)
        self.assertEqual(document["scenarios"], 2)
        self.assertEqual(document["accelerators"], 36)
        self.assertEqual(document["systems"], 23)
        self.assertEqual(document["network_parts"], 15)
        self.assertIn("accelerators: 36", run("info", fleet).stdout)

    def test_new_refuses_to_overwrite(self):
        fleet = self.path("a.fleet")
        self.assertEqual(run("new", fleet).returncode, 0)
        before = open(fleet, "rb").read()
        self.assertUserError(run("new", fleet), fleet + ": already exists; choose another name or remove it first")
        self.assertEqual(open(fleet, "rb").read(), before)

    def test_info_on_random_bytes(self):
        bad = self.path("random.fleet")
        rng = random.Random(3)
        with open(bad, "wb") as f:
            f.write(bytes(rng.randrange(256) for _ in range(5000)))
        self.assertUserError(run("info", bad), bad + ": not a fleet database (not an SQLite file)")

    def test_info_on_missing_file(self):
        self.assertUserError(run("info", self.path("absent.fleet")), self.path("absent.fleet") + ": no such file")

    def test_catalog_json(self):
        result = run("catalog", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertGreaterEqual(len(document["accelerators"]), 36)
        self.assertGreaterEqual(len(document["systems"]), 20)
        self.assertGreaterEqual(len(document["network"]), 15)
        for kind in ("accelerators", "systems", "network"):
            for record in document[kind]:
                self.assertTrue(record["source"], record["sku"])
        h100 = next(a for a in document["accelerators"] if a["sku"] == "H100 SXM")
        self.assertAlmostEqual(h100["tpp"], 15832, delta=158.32)  # export-test-vectors.csv
        dgx = next(s for s in document["systems"] if s["sku"] == "DGX H100")
        self.assertEqual(dgx["power_per_accelerator_w"], 1275)
        # Every price has a scope; a baseboard is planned with the host-and-integration uplift.
        for s in document["systems"]:
            self.assertEqual(s["price_scope"] is None, s["price_usd"] is None, s["sku"])
        self.assertEqual((dgx["price_scope"], dgx["full_system_price_usd"], dgx["price_basis"]),
                         ("full_system", 270000, "full-system price"))
        mi300x = next(s for s in document["systems"] if s["sku"] == "MI300X 8-GPU server")
        self.assertEqual(mi300x["price_scope"], "baseboard")
        self.assertEqual(mi300x["full_system_price_usd"], 205870 + 32010)  # data/models/assumptions.json
        self.assertTrue(mi300x["price_basis"].startswith(
            "baseboard price 205,870 USD + host and integration uplift 32,010 USD (https://www.semianalysis.com/"))
        self.assertIn("baseboard", run("catalog", "--kind", "system").stdout)

    def test_catalog_filters(self):
        document = json.loads(run("catalog", "--vendor", "amd", "--kind", "accelerator", "--json").stdout)
        self.assertEqual(len(document["systems"]), 0)
        self.assertGreaterEqual(len(document["accelerators"]), 4)
        self.assertTrue(all(a["vendor"] == "AMD" for a in document["accelerators"]))
        text = run("catalog", "--kind", "network").stdout
        self.assertIn("QM9700", text)
        self.assertNotIn("H100 SXM", text)

    def test_catalog_of_a_file(self):
        fleet = self.path("f.fleet")
        run("new", fleet)
        document = json.loads(run("catalog", fleet, "--json").stdout)
        self.assertEqual(document["catalog"], fleet)
        self.assertEqual(len(document["accelerators"]), 36)

    def test_broken_shipped_data_names_the_file(self):
        data = self.path("data")
        shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "..", "data"), data)
        accelerators = os.path.join(data, "catalog", "accelerators.json")
        document = json.load(open(accelerators, encoding="utf-8"))
        document["accelerators"][0]["tdp_w"] = -400
        json.dump(document, open(accelerators, "w", encoding="utf-8"))
        result = run("catalog", env={"FLEETWRIGHT_DATA_DIR": data})
        self.assertUserError(result, accelerators + ": accelerator 'A100 SXM' field 'tdp_w': -400 W is negative; must be ≥ 0")

    def test_report_pdf(self):
        fleet = self.path("r.fleet")
        pdf = self.path("r.pdf")
        run("new", fleet, "--sample")
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
        result = subprocess.run([CLI, "report", fleet, "--pdf", pdf], capture_output=True, text=True, env=env,
                                timeout=120 * TIME_FACTOR)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(pdf, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
        for sku in ("H100 SXM", "MI300X", "Gaudi 3", "TPU v5p", "B200", "H200 SXM"):
            self.assertIn(sku, text)
        self.assertIn("15,832", text)
        # The sample has scenarios: the report is the plan report of the first.
        for heading in ("Executive summary", "Purchase schedule", "Capacity and power by quarter",
                        "Export-control compliance", "Scale-out fabric per site", "Sensitivity", "Assumptions and data sources", "not legal advice"):
            self.assertIn(heading, text)
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
        for page in range(1, pages + 1):
            self.assertIn(f"Page {page}", text)
        # The contents name the page each section starts on.
        contents = re.findall(r"^\s+(\d\. [A-Za-z ,-]+?)\s{2,}(\d+)$", text, re.MULTILINE)
        self.assertEqual(len(contents), 7)
        for heading, page in contents:
            on_page = subprocess.run(["pdftotext", "-f", page, "-l", page, "-layout", pdf, "-"],
                                     capture_output=True, text=True, check=True).stdout
            self.assertRegex(on_page, r"(?m)^" + re.escape(heading) + r"$", heading)
        plan = json.loads(run("plan", fleet, "--json").stdout)
        units = sum(p["count"] for p in plan["purchases"])
        capex = sum(p["capex_usd"] for p in plan["purchases"])
        parts = plan["cost_npv_usd"]
        self.assertAlmostEqual(parts["installed_at_start"] + parts["capex"] + parts["fabric"] + parts["energy"]
                               + parts["maintenance"]
                               + parts["rental"] + parts["unserved"] - parts["residual_value"] - parts["resale"],
                               plan["evaluated_cost_usd"], delta=1e-6 * plan["evaluated_cost_usd"])
        # The sample states revenues: the margin is the revenue of the demand served less the fleet's
        # cost (the net cost without unserved demand), as the report's summary says.
        self.assertGreater(plan["revenue_npv_usd"], plan["evaluated_cost_usd"])
        self.assertAlmostEqual(plan["margin_npv_usd"],
                               plan["revenue_npv_usd"] - (plan["evaluated_cost_usd"] - parts["unserved"]), delta=1.0)
        self.assertIn("Revenue of the demand served", " ".join(text.split()))
        self.assertTrue(all(site["capped_units"] == 0 for q in plan["quarters"] for site in q["sites"]))  # no site caps
        schedule = text[text.index("Purchases (new and used systems)"):]
        total = re.search(r"Total\s+([\d,]+)\s+([\d,]+)", schedule)
        self.assertEqual(int(total.group(1).replace(",", "")), units)
        self.assertAlmostEqual(int(total.group(2).replace(",", "")), capex, delta=1)
        self.assertIn("https://unanswered.io/guide/nvidia-dgx-power-consumption-watts", text)  # DGX H100's source
        letter = self.path("letter.pdf")
        self.assertEqual(run("report", fleet, "--pdf", letter, "--paper", "letter").returncode, 0)
        self.assertIn("612 x 792 pts", subprocess.run(["pdfinfo", letter], capture_output=True, text=True).stdout)

    def test_report_on_bad_file(self):
        bad = self.path("bad.fleet")
        with open(bad, "w") as f:
            f.write("not a database at all, just text" * 100)
        result = run("report", bad, "--pdf", self.path("out.pdf"))
        self.assertUserError(result, bad + ": not a fleet database (not an SQLite file)")
        self.assertFalse(os.path.exists(self.path("out.pdf")))

    def test_catalog_csv_round_trip(self):
        first, second = self.path("a.fleet"), self.path("b.fleet")
        csv_a, csv_b = self.path("a.csv"), self.path("b.csv")
        run("new", first, "--sample")
        run("new", second)
        self.assertEqual(run("export", first, "--catalog-csv", csv_a).returncode, 0)
        result = run("import", second, "--catalog-csv", csv_a)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(run("export", second, "--catalog-csv", csv_b).returncode, 0)
        self.assertEqual(open(csv_a, "rb").read(), open(csv_b, "rb").read())
        self.assertEqual(json.loads(run("catalog", first, "--json").stdout)["accelerators"],
                         json.loads(run("catalog", second, "--json").stdout)["accelerators"])

    def test_bad_catalog_csv_changes_nothing(self):
        fleet, csv = self.path("c.fleet"), self.path("c.csv")
        run("new", fleet)
        run("export", fleet, "--catalog-csv", csv)
        text = open(csv, encoding="utf-8").read().replace('"700"', '"-700"', 1)
        open(csv, "w", encoding="utf-8").write(text)
        before = open(fleet, "rb").read()
        result = run("import", fleet, "--catalog-csv", csv)
        self.assertUserError(result, csv + ": row 4 (accelerator 'H100 SXM') field 'tdp_w': -700 W is negative; must be ≥ 0")
        self.assertEqual(open(fleet, "rb").read(), before)
        self.assertEqual(run("import", fleet).returncode, 2)

    def classify(self, *args):
        result = run("classify", *args, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_classify_h100(self):
        document = self.classify("--rules", "US-AC-2023-11", "--sku", "H100 SXM", "--dest", "CN")
        item = document["items"][0]
        self.assertEqual(item["sku"], "H100 SXM")
        self.assertEqual(item["eccn"], "3A090.a")
        self.assertAlmostEqual(item["tpp"], 15832, delta=158)
        cn = item["destinations"][0]
        self.assertEqual(cn["treatment"], "license_required")
        self.assertEqual(cn["review_policy"], "presumption_of_denial")
        self.assertTrue(any(c["paragraph"].startswith("3A090.a") for c in cn["citations"]))
        self.assertEqual(document["stack"]["base"], "US-AC-2023-11")
        self.assertIn("not legal advice", document["disclaimer"])
        de = self.classify("--rules", "US-AC-2023-11", "--sku", "H100 SXM", "--dest", "DE")
        self.assertEqual(de["items"][0]["destinations"][0]["treatment"], "allowed")

    def test_classify_headquarters_rule(self):
        document = self.classify("--rules", "US-HQ-GUIDANCE-2026-05", "--sku", "H100 SXM", "--dest", "DE", "--hq", "CN")
        de = document["items"][0]["destinations"][0]
        self.assertEqual(de["treatment"], "license_required")
        self.assertIn("US-HQ-GUIDANCE-2026-05", [c["rule_set"] for c in de["citations"]])
        self.assertEqual(document["stack"]["date"], "2026-05-31")

    def test_classify_a_missing_figure_needs_review_never_not_controlled(self):
        # TPU v4: TPP 4,400, die area unpublished; 3A090.a.2 tests PD >= 5.92 (not 3.2: the rule tested).
        document = self.classify("--rules", "latest", "--sku", "TPU v4", "--dest", "CN,DE")
        item = document["items"][0]
        self.assertEqual(item["eccn"], "needs_review")
        self.assertEqual(item["review_candidate"]["paragraph"], "3A090.a.2")
        self.assertEqual(item["review_candidate"]["thresholds"], "PD ≥ 5.92")
        cn, de = item["destinations"]
        self.assertEqual(cn["treatment"], "needs_review")
        self.assertEqual(cn["review"]["treatment_if_controlled"], "license_required")
        self.assertEqual(cn["review"]["missing"], ["performance density (die area)"])
        self.assertEqual(de["treatment"], "allowed")  # allowed in Germany either way
        self.assertIsNone(de["review"])
        text = run("classify", "--rules", "latest", "--sku", "TPU v4", "--dest", "CN")
        self.assertIn("needs review", text.stdout)
        self.assertNotIn("3.2", text.stdout)

    def test_classify_latest_and_date(self):
        latest = self.classify("--rules", "latest", "--sku", "H200 SXM", "--dest", "CN")
        self.assertEqual(latest["items"][0]["destinations"][0]["review_policy"], "case_by_case")
        self.assertIn("US-AID-2025-01", latest["stack"]["not_enforced"])
        before = self.classify("--rules", "latest", "--date", "2025-06-01", "--sku", "H200 SXM", "--dest", "CN")
        self.assertEqual(before["items"][0]["destinations"][0]["review_policy"], "presumption_of_denial")
        self.assertEqual(before["stack"]["date"], "2025-06-01")

    def test_classify_quantity_crosses_lpp(self):
        document = self.classify("--rules", "US-AID-2025-01", "--sku", "H100 SXM", "--dest", "IN", "--quantity", "1700")
        india = document["items"][0]["destinations"][0]
        self.assertEqual(india["treatment"], "license_required")
        self.assertEqual(india["cap_crossings"][0]["excess_tpp"], 14400)

    def test_classify_errors(self):
        self.assertUserError(run("classify", "--rules", "latest", "--dest", "XX"),
                             "--dest: unknown country code 'XX' (ISO 3166-1 alpha-2, e.g. CN, DE)")
        self.assertEqual(run("classify", "--sku", "H100 SXM").returncode, 2)
        self.assertEqual(run("classify", "--rules", "US-NOPE").returncode, 1)
        self.assertEqual(run("classify", "--rules", "latest", "--sku", "H1000").returncode, 1)

    def test_classify_rejects_a_malformed_user_rule_file(self):
        bad = self.path("mine.json")
        with open(bad, "w", encoding="utf-8") as f:
            json.dump({"id": "MINE", "name": "x", "kind": "guidance", "jurisdiction": "US", "citation": "x",
                       "effective_from": "2027-01-01", "layer": "overlay", "country_groups": "us-ear-country-groups-2026-06",
                       "destination_rules": [{"id": "r", "applies_to": ["3A999"], "treatment": "allowed",
                                              "citation": {"text": "x"}}]}, f)
        self.assertUserError(run("classify", "--rules", "latest", "--rule-file", bad),
                             bad + ": destination_rules[0].applies_to: [0]: unknown ECCN \"3A999\"")

    def estimate(self, *args):
        result = run("estimate", *args, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_estimate_training_llama3(self):
        # Llama 3.1 405B model card: 30.84M H100 GPU-hours for 15.6T tokens.
        e = self.estimate("training", "--sku", "H100 SXM", "--accelerators", "16384", "--params", "405e9",
                          "--tokens", "15.6e12")
        for key in ("flops", "mfu", "goodput", "wall_days", "accelerator_hours", "energy_mwh", "cost_usd"):
            self.assertIn(key, e)
        self.assertAlmostEqual(e["accelerator_hours"] / 30.84e6, 1.0, delta=0.2)
        self.assertAlmostEqual(e["flops"], 6 * 405e9 * 15.6e12, delta=1e20)

    def test_estimate_inference_power_tco(self):
        i = self.estimate("inference", "--sku", "H100 SXM", "--params", "70e9", "--target-tokens-per-s", "5000")
        self.assertEqual(i["accelerators_per_replica"], 2)
        self.assertGreaterEqual(i["serving_accelerators_per_replica"], 2)
        self.assertIn(i["bound"], ("compute", "memory"))
        self.assertGreater(i["accelerators_needed"], 0)
        p = self.estimate("power", "--system", "DGX H100", "--count", "1")
        self.assertEqual(p["server_w_per_accelerator"], 1275)
        self.assertAlmostEqual(p["it_w_per_accelerator"], 1275 * 1.111, delta=0.01)  # + network and storage, 11.1 % of server power
        self.assertFalse(p["server_power_estimated"])
        t = self.estimate("tco", "--system", "DGX H100", "--count", "10", "--years", "5")
        # Capex: 10 × 270,000 USD of systems, and by default each system's share of its family's
        # scale-out fabric (the plan's two-tier band per accelerator × 8), with no installation share.
        self.assertEqual(t["systems_capex_usd"], 2700000)
        self.assertGreater(t["fabric_usd_per_system"], 0)
        self.assertAlmostEqual(t["fabric_capex_usd"], 10 * t["fabric_usd_per_system"], places=6)
        self.assertAlmostEqual(t["capex_usd"], 2700000 + t["fabric_capex_usd"], places=6)
        self.assertEqual(self.estimate("tco", "--system", "DGX H100", "--count", "10", "--no-fabric")["capex_usd"],
                         2700000)
        for key in ("opex_usd_per_year", "npv_usd", "usd_per_accelerator_hour", "pue", "usd_per_kwh"):
            self.assertIn(key, t)

    def test_estimate_inference_calibration(self):
        c = self.estimate("inference", "--calibration")
        rows = {r["id"]: r for r in c["rows"]}
        self.assertGreaterEqual(len(rows), 15)
        # The targets: median 15 % and leave-one-out 20 % (met); worst 35 % (not: README).
        self.assertLessEqual(c["median_error"], 0.15)
        self.assertLessEqual(c["leave_one_out_median_error"], 0.20)
        for r in rows.values():
            self.assertAlmostEqual(r["error"], (r["modelled"] - r["published"]) / r["published"], places=9)
        # A row measured at a stated layout and batch says so; one the model lays out itself has nulls.
        self.assertEqual((rows["V-02"]["layout"], rows["V-02"]["batch"]), ("EP8", 7168))
        self.assertEqual((rows["X-01"]["layout"], rows["X-01"]["batch"]), (None, None))
        # Groq's software-scheduled network runs Mixtral through every expert (46.7 B parameters a
        # token); a GPU runs the two chosen (12.9 B). The row agrees within 35 %.
        self.assertLessEqual(abs(rows["V-71"]["error"]), 0.35)
        mixtral = ["--model", "mixtral-8x7b", "--input-tokens", "0", "--output-tokens", "1024"]
        groq = self.estimate("inference", "--sku", "Groq LPU", *mixtral, "--tokens-per-s-per-user", "400")
        self.assertTrue(groq["software_scheduled"])
        self.assertEqual(groq["params_run_per_token"], groq["params"])
        self.assertNotIn("EP", groq["layout"])
        gpu = self.estimate("inference", "--sku", "H100 SXM", *mixtral)
        self.assertFalse(gpu["software_scheduled"])
        self.assertEqual(gpu["params_run_per_token"], gpu["active_params"])

    def test_estimate_tco_rent_or_own(self):
        base = ["--system", "DGX H100", "--years", "5"]
        t = self.estimate("tco", *base, "--rent-usd-per-hour", "2.35")
        # Energy per GPU-hour used: (10,200 W / 8 × 1.111 (network, storage) + the fabric's watts per GPU)
        # × PUE 1.3 × $0.078/kWh; without the fabric $0.143636.
        energy = (1275 * 1.111 + t["fabric_w_per_system"] / 8) * 1.3 / 1000 * 0.078
        self.assertGreater(t["fabric_w_per_system"], 0)
        self.assertAlmostEqual(t["owner_energy_usd_per_accelerator_hour"], energy, places=9)
        fixed = t["owner_fixed_usd_per_accelerator_year"]
        self.assertAlmostEqual(t["owner_usd_per_accelerator_hour_full_use"], fixed / 8760 + energy, places=9)
        self.assertAlmostEqual(t["break_even_utilisation"], fixed / (8760 * (2.35 - energy)), places=9)
        self.assertAlmostEqual(t["break_even_hours_per_year"], t["break_even_utilisation"] * 8760, places=6)
        self.assertEqual(t["break_even_utilisation_unclamped"], t["break_even_utilisation"])
        self.assertEqual(t["break_even_outcome"], "break_even")
        self.assertEqual(t["rent_usd_per_hour"], 2.35)
        self.assertGreater(t["break_even_utilisation"], 0)
        self.assertLess(t["break_even_utilisation"], 1)
        # Undiscounted and at full use, the owner's cost is the TCO's own cost per accelerator-hour.
        flat = self.estimate("tco", *base, "--discount-rate", "0", "--utilization", "1", "--rent-usd-per-hour", "2.35")
        self.assertAlmostEqual(flat["owner_usd_per_accelerator_hour_full_use"], flat["usd_per_accelerator_hour"], places=12)
        text = run("estimate", "tco", *base, "--rent-usd-per-hour", "2.35")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertRegex(text.stdout, r"break_even: owning is cheaper above \d+\.\d % utilisation \(\d+ h a year\), "
                                      r"renting below, at 2\.35 USD per accelerator-hour\n")
        self.assertIn("break_even_utilisation: ", text.stdout)
        self.assertNotIn("reference rental price", text.stdout)
        # Below the owner's energy per hour renting is always cheaper: the figure is clamped and flagged.
        cheap = self.estimate("tco", *base, "--rent-usd-per-hour", "0.1")
        self.assertEqual(cheap["break_even_outcome"], "renting_always_cheaper")
        self.assertEqual(cheap["break_even_utilisation"], 1.0)
        self.assertIsNone(cheap["break_even_utilisation_unclamped"])

    def test_estimate_tco_counts_the_scale_out_fabric(self):
        base = ["--system", "DGX H100", "--years", "5", "--discount-rate", "0", "--rent-usd-per-hour", "2.35"]
        none = self.estimate("tco", *base, "--no-fabric")
        self.assertEqual(none["fabric_usd_per_system"], 0)
        self.assertEqual(none["fabric_basis"], "none: --no-fabric")
        # Given: 1,000 USD and 100 W per GPU (tests/core/economics/rental_test.cpp works the same by hand,
        # with the catalog's used prices here): F rises by 8,000 / (8 × 5) = 200 USD a GPU-year and V by
        # 0.1 kW × 1.3 × 0.078 = 0.01014 USD per hour used.
        given = self.estimate("tco", *base, "--fabric-usd-per-accelerator", "1000", "--fabric-w-per-accelerator", "100")
        self.assertEqual(given["fabric_usd_per_system"], 8000)
        self.assertEqual(given["fabric_w_per_system"], 800)
        self.assertEqual(given["fabric_capex_usd"], 8000)
        self.assertEqual(given["fabric_basis"], "given: 1000 USD and 100 W per accelerator × 8")
        self.assertAlmostEqual(given["owner_fixed_usd_per_accelerator_year"],
                               none["owner_fixed_usd_per_accelerator_year"] + 200, places=6)
        self.assertAlmostEqual(given["owner_energy_usd_per_accelerator_hour"],
                               none["owner_energy_usd_per_accelerator_hour"] + 0.01014, places=9)
        self.assertAlmostEqual(given["break_even_utilisation"],
                               given["owner_fixed_usd_per_accelerator_year"] /
                               (8760 * (2.35 - given["owner_energy_usd_per_accelerator_hour"])), places=9)
        self.assertGreater(given["break_even_utilisation"], none["break_even_utilisation"])
        # By default the family's fabric from the catalog, as the plan prices it; only the price given.
        default = self.estimate("tco", *base)
        self.assertRegex(default["fabric_basis"], r"^two-tier fat tree on \S+: [\d.]+ USD and [\d.]+ W per "
                                                  r"accelerator × 8")
        price = self.estimate("tco", *base, "--fabric-usd-per-accelerator", "1000")
        self.assertEqual(price["fabric_usd_per_system"], 8000)
        self.assertAlmostEqual(price["fabric_w_per_system"], default["fabric_w_per_system"], places=9)
        text = run("estimate", "tco", *base)
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("\nfabric_basis: two-tier fat tree on ", text.stdout)
        self.assertIn("\nfabric_capex_usd: ", text.stdout)

    def test_estimate_tco_rejects_a_bad_fabric(self):
        base = ["estimate", "tco", "--system", "DGX H100"]
        self.assertUserError(run(*base, "--fabric-usd-per-accelerator", "-5"),
                             "--fabric-usd-per-accelerator: -5 USD is below the least scale-out fabric price per "
                             "accelerator accepted, 0 USD")
        self.assertUserError(run(*base, "--fabric-w-per-accelerator", "1e9"),
                             "--fabric-w-per-accelerator: 1000000000 W is above the largest scale-out fabric power "
                             "per accelerator accepted, 10000 W")
        self.assertUserError(run(*base, "--fabric-usd-per-accelerator", "nan"),
                             "--fabric-usd-per-accelerator: 'nan' is not a finite number")
        self.assertEqual(run(*base, "--no-fabric", "--fabric-usd-per-accelerator", "10").returncode, 2)
        self.assertEqual(run(*base, "--no-fabric", "yes").returncode, 2)

    def test_estimate_tco_lists_reference_rental_prices_without_a_rent(self):
        t = self.estimate("tco", "--system", "DGX H100")
        self.assertNotIn("break_even_utilisation", t)
        prices = t["reference_rental_prices"]
        dates = [p["date"] for p in prices]
        self.assertEqual(dates[0], "2026-06")
        for p in prices:
            self.assertRegex(p["source"], r"^https?://")
            for key in ("usd_per_accelerator_hour", "contract", "seller", "confidence"):
                self.assertIn(key, p)
        text = run("estimate", "tco", "--system", "DGX H100")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("reference rental price: 2026-06 2.65 USD/h reserved 12 months, SemiAnalysis H100 1-year "
                      "contract index (secondary) https://", text.stdout)
        self.assertTrue(text.stdout.endswith("give --rent-usd-per-hour P for the utilisation above which owning is "
                                             "cheaper than renting\n"))

    def test_estimate_tco_rejects_absurd_rents(self):
        base = ["estimate", "tco", "--system", "DGX H100"]
        self.assertUserError(run(*base, "--rent-usd-per-hour", "-1"),
                             "--rent-usd-per-hour: -1 USD is below the least rental price of one accelerator-hour "
                             "accepted, 0 USD")
        self.assertUserError(run(*base, "--rent-usd-per-hour", "nan"), "--rent-usd-per-hour: 'nan' is not a finite number")
        self.assertUserError(run(*base, "--rent-usd-per-hour", "1e9"),
                             "--rent-usd-per-hour: 1000000000 USD is above the largest rental price of one "
                             "accelerator-hour accepted, 1000 USD")
        self.assertEqual(run(*base, "--rent-usd-per-hour").returncode, 2)
        self.assertEqual(run(*base, "--rent-usd-per-hour", "2", "--rent-usd-per-hour", "3").returncode, 2)

    def test_estimate_rejects_nonsense(self):
        base = ["estimate", "training", "--sku", "H100 SXM", "--accelerators", "8", "--params", "7e9"]
        self.assertUserError(run(*base, "--tokens", "-5"),
                             "--tokens: -5 tokens is below the least training tokens of one run accepted, 0 tokens")
        self.assertUserError(run(*base, "--tokens", "1e12", "--mfu", "1.5"), "MFU 1.5 is outside (0, 1]")
        self.assertUserError(run(*base, "--tokens", "1e12", "--pue", "0.9"), "--pue: 0.9 is below the least PUE accepted, 1")
        self.assertUserError(run("estimate", "training", "--sku", "H1000", "--accelerators", "8", "--params", "7e9",
                                 "--tokens", "1e12"), "--sku: unknown accelerator 'H1000'")
        self.assertUserError(run(*base, "--tokens", "lots"), "--tokens: 'lots' is not a number")
        self.assertEqual(run("estimate").returncode, 2)
        self.assertEqual(run("estimate", "weather").returncode, 2)

    def topology(self, *args):
        result = run("topology", *args, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_topology_rail_optimised_256_gpus(self):
        t = self.topology("--nodes", "32", "--accelerators-per-node", "8", "--rails", "8", "--nic-gbps", "400",
                          "--switch", "QM9700")
        self.assertEqual([(x["name"], x["switches"]) for x in t["tiers"]], [("leaf", 8), ("spine", 4)])
        for key in ("nodes", "endpoints", "switches_total", "links", "links_total", "optics", "copper", "power_w",
                    "cost_usd", "bisection_gbps", "full_bisection_gbps", "bisection_ratio", "diameter_hops",
                    "max_endpoints", "bisection_s", "bisection_cut", "bisection_exact", "bisection_cuts",
                    "path_diversity", "path_diversity_between", "management_ports", "scalable_units", "total_s"):
            self.assertIn(key, t)
        self.assertEqual(t["links"]["node_leaf"], 256)
        self.assertEqual(t["bisection_ratio"], 1.0)
        self.assertTrue(t["bisection_exact"])
        # Rail 0 and rail 7 leaves: 32 uplinks each, 8 to each of 4 spines.
        self.assertEqual(t["path_diversity"], 32)
        for tier in t["tiers"]:
            self.assertGreaterEqual(tier["ports_free"], 0)

    def test_topology_non_cubic_torus_reports_the_long_cut(self):
        # 16×4 at 400 Gb/s: across x, 4 rings cut twice = 8 links = 3,200 Gb/s; across y 12,800.
        t = self.topology("--kind", "torus", "--dims", "16x4", "--nic-gbps", "400")
        self.assertEqual(t["bisection_gbps"], 3200.0)
        self.assertEqual(t["bisection_cut"], "across x (16 of 16×4): x < 8 against the rest")
        self.assertTrue(t["bisection_exact"])
        self.assertEqual(sorted(c["gbps"] for c in t["bisection_cuts"]), [3200.0, 12800.0])
        self.assertIn("one direction, Gb/s", t["bisection_convention"])

    # NVIDIA DGX SuperPOD reference architecture for DGX H100, Table 4 "Compute fabric component
    # count" (SUs of 32 nodes less one node slot for UFM; QM9700; cables "Compute and UFM" and
    # "Spine-Leaf"):
    # https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/latest/network-fabrics.html
    SUPERPOD_H100 = [  # (SUs, nodes, GPUs, leaves, spines, compute and UFM cables, spine-leaf cables)
        (1, 31, 248, 8, 4, 252, 256),
        (2, 63, 504, 16, 8, 508, 512),
        (3, 95, 760, 24, 16, 764, 768),
        (4, 127, 1016, 32, 16, 1020, 1024),
    ]

    def test_topology_dgx_h100_superpod_table(self):
        for units, nodes, gpus, leaves, spines, compute_cables, spine_cables in self.SUPERPOD_H100:
            with self.subTest(units=units):
                t = self.topology("--nodes", str(nodes), "--switch", "QM9700", "--nodes-per-su", "32",
                                  "--management-nodes", "1", "--management-ports", "4")
                self.assertEqual(t["scalable_units"], units)
                self.assertEqual(t["endpoints"], gpus)
                self.assertEqual([(x["name"], x["switches"]) for x in t["tiers"]],
                                 [("leaf", leaves), ("spine", spines)])
                self.assertEqual(t["links"]["node_leaf"] + t["links"]["management_leaf"], compute_cables)
                self.assertEqual(t["links"]["leaf_spine"], spine_cables)
                self.assertEqual(t["management_ports"], 4)
        # The fewest-spines rule misses the 3-SU row: 768 uplinks ÷ 64 = 12 spines.
        t = self.topology("--nodes", "95", "--switch", "QM9700", "--nodes-per-su", "32", "--management-nodes", "1",
                          "--management-ports", "4", "--spine-rule", "fewest")
        self.assertEqual(t["tiers"][1]["switches"], 12)

    def test_topology_two_ports_per_gpu_over_two_planes(self):
        # 64 nodes × 8 GPUs × two 400G ports, one per plane: 1,024 ports, each plane 16 leaves and 8 spines.
        t = self.topology("--nodes", "64", "--switch", "QM9700", "--planes", "2")
        self.assertEqual(t["nic_ports"], 2)
        self.assertEqual(t["endpoints"], 1024)
        self.assertEqual([(x["name"], x["switches"]) for x in t["tiers"]], [("leaf", 32), ("spine", 16)])
        self.assertEqual(t["bisection_ratio"], 1.0)
        self.assertEqual(self.topology("--nodes", "64", "--switch", "QM9700", "--planes", "2", "--nic-ports", "4")
                         ["endpoints"], 2048)
        self.assertUserError(run("topology", "--nodes", "64", "--planes", "2", "--nic-ports", "3"),
                             "fabric: 2 planes need the ports of every NIC shared evenly, but a NIC has 3 "
                             "(give --nic-ports 2)")

    def test_topology_graphml_loads_in_networkx(self):
        import networkx  # Debian python3-networkx
        graphml = self.path("fabric.graphml")
        t = self.topology("--nodes", "64", "--rails", "8", "--switch-radix", "32", "--port-gbps", "400",
                          "--oversubscription", "1:3,1:1", "--tiers", "3", "--graphml", graphml)
        g = networkx.read_graphml(graphml)
        self.assertEqual(g.number_of_nodes(), t["graph_vertices"])
        self.assertEqual(g.number_of_edges(), t["graph_edges"])
        kinds = {d["kind"] for _, d in g.nodes(data=True)}
        self.assertTrue({"node", "leaf", "spine", "core"} <= kinds, kinds)
        self.assertTrue(all("capacity_gbps" in d for _, _, d in g.edges(data=True)))
        self.assertIn("one direction, Gb/s", g.graph["bisection_convention"])
        self.assertEqual(g.graph["bisection_cut"], t["bisection_cut"])
        sides = [d["bisection_side"] for _, d in g.nodes(data=True) if d["kind"] == "node"]
        self.assertEqual((sides.count("first"), sides.count("second")), (32, 32))
        # networkx's own max flow across the marked cut agrees.
        flow = networkx.DiGraph()
        injection = {}
        for u, v, d in g.edges(data=True):
            for a, b in ((u, v), (v, u)):
                flow.add_edge(a, b, capacity=float(d["capacity_gbps"]))
                if g.nodes[a]["kind"] == "node":
                    injection[a] = injection.get(a, 0.0) + float(d["capacity_gbps"])
        for node, d in g.nodes(data=True):
            if d["kind"] == "node":
                flow.add_edge(*(("source", node) if d["bisection_side"] == "first" else (node, "sink")),
                              capacity=injection[node])
        self.assertAlmostEqual(networkx.maximum_flow_value(flow, "source", "sink"), t["bisection_gbps"])

    def test_topology_failures_and_other_kinds(self):
        t = self.topology("--nodes", "64", "--rails", "4", "--accelerators-per-node", "4", "--switch-radix", "16",
                          "--fail-switches", "2", "--trials", "5", "--seed", "3")
        self.assertEqual(t["failures"]["trials"], 5)
        self.assertLessEqual(t["failures"]["min_ratio"], 1.0)
        torus = self.topology("--kind", "torus", "--dims", "4x4x4", "--nic-gbps", "100")
        self.assertEqual(torus["endpoints"], 64)
        self.assertEqual(torus["diameter_hops"], 6)
        fly = self.topology("--kind", "dragonfly", "--routers-per-group", "4", "--terminals-per-router", "2",
                            "--global-links-per-router", "2", "--groups", "9", "--nic-gbps", "200", "--port-gbps", "200")
        self.assertEqual(fly["endpoints"], 72)
        self.assertFalse(fly["bisection_exact"])

    def test_topology_dragonfly_sized_from_radix_and_nodes(self):
        # Radix 7: h = 2, p = 2, a = 4; 50 terminals need 7 groups of 8 (at most a·h + 1 = 9).
        fly = self.topology("--kind", "dragonfly", "--switch-radix", "7", "--nodes", "50")
        self.assertEqual(fly["endpoints"], 50)
        self.assertEqual(fly["pods"], 7)
        self.assertEqual(fly["tiers"][0], {"name": "router", "switches": 28, "ports_used": fly["tiers"][0]["ports_used"],
                                           "ports_free": fly["tiers"][0]["ports_free"]})
        self.assertUserError(run("topology", "--kind", "dragonfly", "--switch-radix", "7", "--nodes", "73"),
                             "fabric: 73 terminals need 10 groups of 8, but 4 routers × 2 global links reach at most "
                             "9 groups (72 terminals); use a larger radix or fewer nodes")
        self.assertUserError(run("topology", "--kind", "dragonfly", "--switch-radix", "6", "--routers-per-group", "4",
                                 "--terminals-per-router", "2", "--global-links-per-router", "2", "--groups", "9"),
                             "fabric: routers of radix 6 cannot hold 2 terminals + 3 local + 2 global ports = 7")

    def test_topology_bad_specifications(self):
        self.assertUserError(run("topology", "--nodes", "0"), "fabric: nodes 0 must be ≥ 1")
        self.assertUserError(run("topology", "--nodes", "8", "--switch-radix", "1"),
                             "--switch-radix: 1 ports is below the least switch ports accepted, 2 ports")
        self.assertUserError(run("topology", "--nodes", "8", "--accelerators-per-node", "4", "--rails", "8"),
                             "fabric: 8 rails need 8 NICs per node, but a node has 4 accelerators with one NIC each")
        result = run("topology", "--nodes", "100000", "--switch-radix", "16")
        self.assertEqual(result.returncode, 1)
        self.assertIn("do not fit in 3 tiers", result.stderr)
        self.assertEqual(run("topology", "--nodes", "8", "--kind", "hypercube").returncode, 2)
        self.assertUserError(run("topology", "--nodes", "8", "--spine-rule", "most"),
                             "--spine-rule: 'most' must be divide or fewest")
        self.assertUserError(run("topology", "--kind", "torus", "--dims", "4x4", "--nodes", "15"),
                             "fabric: a torus of these dimensions has 16 nodes, not 15 (leave --nodes out or match "
                             "--dims)")
        self.assertUserError(run("topology", "--kind", "torus", "--dims", "4x4y"),
                             "--dims: '4x4y' is not like 16x16 or 4x4x4")
        # Options another kind reads are refused, not ignored.
        for args in (("--kind", "torus", "--dims", "4x4", "--switch-radix", "64"),
                     ("--kind", "dragonfly", "--nodes", "8", "--switch-radix", "7", "--planes", "2"),
                     ("--nodes", "8", "--dims", "4x4"),
                     ("--nodes", "8", "--groups", "3")):
            with self.subTest(args=args):
                result = run("topology", *args)
                self.assertEqual(result.returncode, 2, result.stderr)

    def test_plan_the_sample(self):
        fleet = self.path("plan.fleet")
        run("new", fleet, "--sample")
        result = run("plan", fleet, "--baseline", "greedy", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        plan = json.loads(result.stdout)
        self.assertIn(plan["status"], ("optimal", "feasible"))
        for key in ("objective_usd", "gap", "solve_s", "purchases", "retirements", "power_build_out", "quarters",
                    "binding"):
            self.assertIn(key, plan)
        self.assertEqual(plan["violations"], [])
        self.assertGreater(len(plan["purchases"]), 0)
        for p in plan["purchases"]:
            self.assertNotEqual(p["site"], "Abu Dhabi")  # licence required, the sample counts on none
            for key in ("quarter", "site", "system", "condition", "count", "capex_usd"):
                self.assertIn(key, p)
        self.assertIn("power_available_mw", plan["quarters"][0]["sites"][0])
        self.assertGreaterEqual(plan["saving_vs_baseline_usd"], 0)
        self.assertEqual(plan["diagnosis"], [])
        # Forecast demand is left unserved at its price before power binds, so the sample's prices may
        # all be zero; those given are positive, and power's (where given) is per MW.
        self.assertTrue(all(p["value"] > 0 for p in plan["shadow_prices"]))
        self.assertTrue(all(p["unit"] == "USD per MW" for p in plan["shadow_prices"] if p["constraint"] == "site_power"))
        self.assertTrue(all(p["text"].endswith("(LP relaxation)") for p in plan["shadow_prices"]))
        self.assertIn("used", {p["condition"] for p in plan["purchases"]})  # the sample's used DGX H100s
        # "optimal" only for a closed gap; otherwise the status text gives the gap.
        if plan["status"] == "optimal":
            self.assertLessEqual(plan["gap"], 1e-6)
            self.assertEqual(plan["status_text"], "optimal")
        else:
            self.assertIn("of the best possible", plan["status_text"])
        # The fabric is priced in the plan: 5-20 % of the systems' capex.
        cost = plan["cost_npv_usd"]
        self.assertGreaterEqual(cost["fabric"], 0.05 * cost["capex"])
        self.assertLessEqual(cost["fabric"], 0.20 * cost["capex"])
        # Forecast demand left unserved is listed with its price, and every entry is within its forecast.
        for u in plan["unserved_demand"]:
            self.assertLessEqual(u["unserved"], u["of_forecast"] * (1 + 1e-9))
            self.assertGreater(u["cost_usd"], 0)
        self.assertEqual(cost["unserved"] > 0, len(plan["unserved_demand"]) > 0)
        # Offers are compared at full-system prices: the MI300X baseboard with its uplift, shown as such.
        mi300x = next(o for o in plan["offer_prices"] if o["system"] == "MI300X 8-GPU server")
        self.assertEqual(mi300x["price_usd"], 205870 + 32010)
        self.assertTrue(mi300x["price_basis"].startswith("baseboard price 205,870 USD + host and integration uplift"))
        for p in plan["purchases"]:
            if p["system"] == "MI300X 8-GPU server" and p["condition"] == "new":
                self.assertAlmostEqual(p["capex_usd"], p["count"] * (205870 + 32010), delta=1)

    def test_plan_the_china_headquartered_sample_as_its_buyer(self):
        fleet = self.path("cnhq.fleet")
        run("new", fleet, "--sample")  # the fleet's company is US-headquartered
        result = run("plan", fleet, "--scenario", "China-headquartered builder abroad 2027-2028", "--json")
        plan = json.loads(result.stdout)
        self.assertEqual(plan["buyer"]["hq"], "CN")
        self.assertEqual(plan["buyer"]["parent_hq"], "CN")
        self.assertEqual(len(plan["blocked"]), 6)  # three offers at two sites
        for b in plan["blocked"]:
            self.assertIn("US-HQ-GUIDANCE-2026-05", b["reason"])
        self.assertEqual(plan["purchases"], [])
        # Owned controlled chips are blocked; training and serving are rented in Malaysia from a
        # non-Chinese provider, with the rule basis and the remote-access red flag.
        self.assertEqual(plan["violations"], [])
        self.assertGreater(len(plan["rentals"]), 0)
        self.assertGreater(plan["cost_npv_usd"]["rental"], 0)
        for r in plan["rentals"]:
            self.assertEqual(r["region"], "MY")
            self.assertNotEqual(r["provider_hq"], "CN")
            for field in ("provider", "sku", "accelerators", "quarters", "usd", "treatment"):
                self.assertIn(field, r)
            self.assertIn("remote access red_flag", r["treatment"])
            self.assertIn("most likely to change", r["warnings"][0])
        self.assertEqual([q["rented_share"] for q in plan["quarters"]], [1.0] * 8)
        # All training and serving is rented; nothing may be owned, so there is no break-even to show.
        self.assertEqual([r["training"]["share"] for r in plan["rented_share"]], [1.0] * 8)
        self.assertEqual([r["inference"][0]["share"] for r in plan["rented_share"]], [1.0] * 8)
        self.assertEqual(plan["break_even"], [])

    def test_plan_rents_beside_buying_and_refuses_a_bad_cloud_offer(self):
        fleet = self.path("rent.fleet")
        run("new", fleet, "--sample")
        plan = json.loads(run("plan", fleet, "--json").stdout)
        self.assertEqual(plan["violations"], [])
        self.assertIn("rental", plan["cost_npv_usd"])
        for r in plan["rentals"]:
            self.assertGreater(r["usd"], 0)
            self.assertTrue(r["treatment"].startswith("allowed"))
        for q in plan["quarters"]:
            self.assertGreaterEqual(q["rented_share"], 0.0)
            self.assertLessEqual(q["rented_share"], 1.0)
        # Rented ÷ served per quarter, training and each inference class (null where nothing is served).
        self.assertEqual([r["quarter"] for r in plan["rented_share"]], [q["quarter"] for q in plan["quarters"]])
        for r, q in zip(plan["rented_share"], plan["quarters"]):
            training = r["training"]
            self.assertAlmostEqual(training["served_pflops"], q["training_pflops"])
            self.assertLessEqual(training["rented_pflops"], training["served_pflops"] * (1 + 1e-9))
            if training["served_pflops"] > 0:
                self.assertAlmostEqual(training["share"], training["rented_pflops"] / training["served_pflops"])
            self.assertEqual([c["class"] for c in r["inference"]], [c["class"] for c in q["inference"]])
            for c in r["inference"]:
                if c["share"] is not None:
                    self.assertGreaterEqual(c["share"], 0.0)
                    self.assertLessEqual(c["share"], 1.0)
        # Break-even of owning against renting per system and site, from the TCO of `estimate tco`.
        self.assertGreater(len(plan["break_even"]), 0)
        bought = {(p["system"], p["site"]) for p in plan["purchases"]}
        for b in plan["break_even"]:
            for field in ("system", "site", "cloud_provider", "rent_usd_per_accelerator_hour",
                          "break_even_utilisation", "break_even_hours_per_year", "plan_utilisation"):
                self.assertIn(field, b)
            self.assertAlmostEqual(b["break_even_hours_per_year"], b["break_even_utilisation"] * 8760, places=6)
            self.assertGreaterEqual(b["break_even_utilisation"], 0.0)
            self.assertLessEqual(b["break_even_utilisation"], 1.0)
            if (b["system"], b["site"]) in bought:
                self.assertIsNotNone(b["plan_utilisation"])
        h100 = next(b for b in plan["break_even"] if b["system"] == "DGX H100" and b["condition"] == "new"
                    and b["site"] == "Texas")
        self.assertEqual(h100["match"], "accelerator")
        self.assertEqual(h100["cloud_provider"], "Lambda")  # the cheapest on-demand H100 (2.99 USD/h)
        # The same break-even `estimate tco --rent-usd-per-hour` prints for the same inputs.
        out = self.path("rent-us.json")
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", out)
        scenario = json.load(open(out))
        texas = next(site for site in scenario["sites"] if site["name"] == "Texas")
        tco = json.loads(run("estimate", "tco", "--system", "DGX H100", "--years", str(h100["life_years"]),
                             "--price-usd", repr(h100["price_usd"]), "--pue", repr(texas["pue"]),
                             "--usd-per-kwh", repr(texas["electricity_usd_per_kwh"]),
                             "--discount-rate", repr(scenario["discount_rate"]),
                             "--rent-usd-per-hour", repr(h100["rent_usd_per_accelerator_hour"]), "--json").stdout)
        self.assertAlmostEqual(tco["break_even_utilisation"], h100["break_even_utilisation"], places=9)
        # Both count the DGX H100's share of its family's two-tier fabric.
        self.assertGreater(h100["fabric_usd_per_system"], 0)
        self.assertAlmostEqual(tco["fabric_usd_per_system"], h100["fabric_usd_per_system"], places=6)
        self.assertAlmostEqual(tco["fabric_w_per_system"], h100["fabric_w_per_system"], places=9)
        self.assertEqual(tco["fabric_basis"], h100["fabric_basis"])
        # Shadow prices of rented capacity, where an offer's availability binds, name the offer.
        for p in plan["shadow_prices"]:
            if p["constraint"] == "rented_capacity":
                self.assertEqual(p["unit"], "USD per accelerator")
                self.assertTrue(p["text"].startswith("one more rented "), p["text"])
                self.assertIn(p["provider"], p["text"])

        def negative(scenario):
            scenario["cloud_offers"][0]["usd_per_accelerator_hour"] = -2
        for name, change, message in (
                ("negative rent", negative, "cloud_offers[0].usd_per_accelerator_hour: -2 is negative; must be ≥ 0"),
                ("no sku", lambda s: s["cloud_offers"][0].pop("sku"), "cloud_offers[0].sku: missing")):
            out = self.path(name + ".json")
            run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", out)
            scenario = json.load(open(out))
            scenario["name"] = name
            change(scenario)
            json.dump(scenario, open(out, "w"))
            self.assertUserError(run("import", fleet, "--scenario", out), out + ": " + message)

    def test_plan_blocks_a_provider_whose_parent_is_on_the_restricted_party_list(self):
        # The shipped list (data/parties/restricted-parties.json) carries Beijing Zhipu Huazhang
        # Technology Co., Ltd. (Entity List, added 2025-01-16, 90 FR 4617) with the alias "Zhipu AI".
        def listed_parent(scenario):
            scenario["cloud_offers"][0]["provider_parent"] = "ZHIPU AI"
        fleet, _, scenario = self.sample_variant("screened", listed_parent)
        result = run("plan", fleet, "--scenario", "screened", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        plan = json.loads(result.stdout)
        provider = scenario["cloud_offers"][0]["provider"]
        blocked = [b for b in plan["blocked_cloud_offers"] if b["provider"] == provider and b["listed_party"]]
        self.assertEqual(len(blocked), 1, plan["blocked_cloud_offers"])
        self.assertEqual(blocked[0]["quarters"], scenario["quarters"])
        entry = blocked[0]["listed_party"]
        self.assertEqual(entry["name"], "Beijing Zhipu Huazhang Technology Co., Ltd.")
        self.assertEqual(entry["list"], "Entity List")
        self.assertEqual(entry["date_added"], "2025-01-16")
        self.assertEqual(entry["matched_as"], "parent")
        self.assertTrue(entry["source"].startswith("https://"))
        self.assertIn("counterparty screening: parent 'ZHIPU AI' is on the Entity List", blocked[0]["reason"])
        self.assertFalse(any(r["provider"] == provider for r in plan["rentals"]))  # one offer per provider

        # A user's own list that is not well formed: one line naming the file, record, field and value.
        bad = self.path("parties.json")
        json.dump({"entries": [{"name": "X", "country": "China", "list": "Entity List",
                                "date_added": "2025-01-16", "source": "https://example.org"}]}, open(bad, "w"))
        def own_list(scenario):
            scenario["policy"]["restricted_parties"] = bad
        fleet, _, _ = self.sample_variant("own list", own_list)
        self.assertUserError(run("plan", fleet, "--scenario", "own list", "--json"),
                             bad + ": entries[0].country: 'China' is not an ISO 3166-1 alpha-2 code")

    def test_hostile_uncertainty_is_refused_on_import_with_one_line(self):
        fleet, out, scenario = self.sample_variant("uncertain", lambda s: None)
        cases = [
            ({"probability": 1.5}, "uncertainty.events[0].probability: 1.5 is above the largest probability of an uncertain event "
                                   "accepted, 1"),
            ({"probability": -1}, "uncertainty.events[0].probability: -1 is below"),
            ({"kind": "asteroid"}, "\"asteroid\" is not demand, vendor_price, vendor_supply, used_market, part_delay, "
                                   "part_price, part_performance, electricity_price, power_delay, licence_required, "
                                   "buyer_licence_required, remote_access_licence, country_cap, "
                                   "software_efficiency or part_software_efficiency"),
            ({"kind": "part_delay", "system": "", "quarters": 2, "stream": None, "from": None, "multiplier": None},
             "uncertainty.events[0].system: a part's event needs the system it is about"),
            ({"kind": "power_delay", "site": "Atlantis", "quarters": 2, "stream": None, "from": None,
              "multiplier": None}, "uncertainty.events[0].site: \"Atlantis\" is not a site of the scenario"),
        ]
        for change, message in cases:
            bad = json.loads(json.dumps(scenario))
            event = bad["uncertainty"]["events"][0]
            event.update(change)
            bad["uncertainty"]["events"][0] = {k: v for k, v in event.items() if v is not None}
            json.dump(bad, open(out, "w"))
            result = run("import", fleet, "--scenario", out)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn(message, result.stderr)
            self.assertEqual(result.stderr.count("\n"), 1)
        with open(out, "w") as f:
            f.write(json.dumps(scenario).replace('"probability": 0.3', '"probability": NaN'))
        result = run("import", fleet, "--scenario", out)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stderr.count("\n"), 1)
        many = json.loads(json.dumps(scenario))
        many["uncertainty"]["events"] = [dict(scenario["uncertainty"]["events"][0], name="e%d" % k) for k in range(100)]
        json.dump(many, open(out, "w"))
        self.assertIn("events (count): 100 events is above the largest", run("import", fleet, "--scenario", out).stderr)

    def test_plan_builds_power_where_a_site_may(self):
        def grow(scenario):
            scenario["sites"][1]["build_out"] = {"max_mw_per_quarter": 4, "usd_per_mw": 100000, "lead_quarters": 1}
            for d in scenario["demand"]:  # all demand contracted: power binds (forecast could be left instead)
                d["training_pflops"] += d.pop("forecast_training_pflops", 0)
                forecast = d.pop("forecast_inference_tokens_per_s", [0, 0])
                d["inference_tokens_per_s"] = [a + b for a, b in zip(d["inference_tokens_per_s"], forecast)]
        fleet, out, scenario = self.sample_variant("Norway can grow", grow)
        plan = json.loads(run("plan", fleet, "--scenario", "Norway can grow", "--json").stdout)
        self.assertEqual(plan["violations"], [])
        built = plan["power_build_out"]
        self.assertGreater(len(built), 0)  # cheap power where power binds: it builds
        for b in built:
            self.assertEqual(b["site"], "Norway")
            self.assertLessEqual(b["mw"], 4 + 1e-6)
            self.assertEqual(b["capex_usd"], b["mw"] * 100000)
        bad = dict(scenario, name="bad")
        bad["sites"][1]["build_out"] = {"max_mw_per_quarter": -1, "usd_per_mw": 1}
        json.dump(bad, open(out, "w"))
        self.assertUserError(run("import", fleet, "--scenario", out),
                             out + ": sites[1].build_out.max_mw_per_quarter: -1 is negative; must be ≥ 0")

    def test_power_build_out_ordered_in_the_first_year_is_shared_by_every_future(self):
        # Norway starts with 2 MW and may add up to 4 MW a quarter at 0.1 M USD per MW, serving a quarter
        # later: the plan contracts power in 2027, so risk freezes that build-out with the purchases and
        # robust decides it once for every future (a power contract is a first-stage decision).
        def contract(scenario):
            scenario["sites"][1]["power_mw"] = [2]
            scenario["sites"][1]["build_out"] = {"max_mw_per_quarter": 4, "usd_per_mw": 100000, "lead_quarters": 1}
        fleet, _, _ = self.sample_variant("Norway contracts power", contract)
        limits = ["--scenario", "Norway contracts power", "--node-limit", "500", "--json"]
        risk = json.loads(run("risk", fleet, *limits).stdout)
        self.assertGreater(len(risk["frozen_build_out"]), 0)
        robust = json.loads(run("robust", fleet, *limits).stdout)
        for first in (risk["frozen_build_out"], robust["first_stage_build_out"],
                      robust["expected_value_first_stage_build_out"]):
            for order in first:
                self.assertEqual(order["site"], "Norway")
                self.assertLess(order["quarter"], "2028Q1")
                self.assertGreater(order["mw"], 0)
                self.assertLessEqual(order["mw"], 4 + 1e-6)
        self.assertGreater(sum(o["mw"] for o in robust["first_stage_build_out"]), 0)
        # The expected-value plan's re-plans share its frozen build-out, so the extensive form starts from them.
        self.assertEqual(robust["extensive_form_start"]["from"], "expected-value plan")
        self.assertLessEqual(robust["lower_bound_usd"], robust["rp_usd"] * (1 + 1e-9))
        self.assertLessEqual(robust["ws_usd"], robust["rp_usd"] * (1 + 1e-9))
        self.assertLessEqual(robust["rp_usd"], robust["eev_usd"] * (1 + 1e-9))

    def test_an_announced_part_added_to_the_catalog_is_offered_from_its_launch(self):
        # Buy now or wait: an announced part (data/catalog/roadmap.json has no BF16 rate, power or price
        # for Rubin) enters the catalog as the planner's assumptions, a GB200 NVL72's rows copied and
        # changed, and the scenario offers it from 2028Q1 with a slip and a resale fall at its launch.
        fleet, catalog = self.path("rubin.fleet"), self.path("catalog.csv")
        run("new", fleet, "--sample")
        self.assertEqual(run("export", fleet, "--catalog-csv", catalog).returncode, 0)
        with open(catalog, newline="") as f:
            rows = list(csv.DictReader(f))
        chip = dict(next(r for r in rows if r["record"] == "accelerator" and r["sku"] == "GB200"))
        chip.update(sku="Rubin", name="NVIDIA Rubin (announced; BF16, power and price assumed)", bf16_tflops="4000",
                    fp8_tflops="8000", fp4_tflops="35000", memory_gb="288", memory_type="HBM4",
                    memory_bw_tbps="22", tdp_w="1800", price_new_usd="60000", used_price_curve="[]",
                    price_source="planner's assumption", source="data/catalog/roadmap.json")
        rack = dict(next(r for r in rows if r["record"] == "system" and r["sku"] == "GB200 NVL72"))
        rack.update(sku="Vera Rubin NVL72", name="NVIDIA Vera Rubin NVL72 (announced)", accelerator_sku="Rubin",
                    max_power_w="190000", price_usd="4300000", price_source="planner's assumption")
        with open(catalog, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), quoting=csv.QUOTE_ALL)
            writer.writeheader()
            writer.writerows(rows + [chip, rack])
        self.assertEqual(run("import", fleet, "--catalog-csv", catalog).returncode, 0)
        out = self.path("rubin.json")
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", out)
        scenario = json.load(open(out))
        scenario["name"] = "wait for Rubin"
        scenario["market"].append({"system": "Vera Rubin NVL72", "supply_per_quarter": [0, 0, 0, 0, 4]})
        scenario["uncertainty"]["events"] = [
            {"name": "Rubin slips", "probability": 0.4, "kind": "part_delay", "system": "Vera Rubin NVL72",
             "quarters": 2},
            {"name": "resale falls", "probability": 0.6, "kind": "used_market", "vendor": "NVIDIA",
             "from_launch_of": "Vera Rubin NVL72", "multiplier": 0.7}]
        json.dump(scenario, open(out, "w"))
        self.assertEqual(run("import", fleet, "--scenario", out).returncode, 0)
        plan = json.loads(run("plan", fleet, "--scenario", "wait for Rubin", "--json").stdout)
        self.assertEqual(plan["violations"], [])
        rubin = [p for p in plan["purchases"] if p["system"] == "Vera Rubin NVL72"]
        self.assertGreater(len(rubin), 0)  # 288 PFLOP/s BF16 for 4.3 M USD (GB200 NVL72: 180 for 3 M): it buys
        self.assertTrue(all(p["quarter"] >= "2028Q1" for p in rubin))

    def test_plan_without_a_plan_names_the_cause_and_the_smallest_change(self):
        # The sample's installed fleet is all NVIDIA and AMD arrives a quarter after it is bought: a
        # 60 % cap on any vendor cannot hold in 2027Q1.
        def cap(scenario):
            scenario["policy"]["max_vendor_share"] = 0.6
            scenario.pop("cloud_offers")  # rented capacity is outside vendor shares: it could stand in
        fleet, out, scenario = self.sample_variant("capped", cap)
        plan = json.loads(run("plan", fleet, "--scenario", "capped", "--json").stdout)
        self.assertEqual(plan["status"], "infeasible")
        self.assertGreater(len(plan["diagnosis"]), 0)
        lead = plan["causes"][0]
        self.assertEqual(lead["limit"], "largest vendor share")
        self.assertIn("the installed fleet is 100 % NVIDIA", lead["cause"])
        self.assertEqual(lead["change"], "Raise the largest vendor share from 60 % to 100 %.")
        self.assertTrue(lead["checked"])
        sample = json.loads(run("plan", fleet, "--json").stdout)
        self.assertEqual(sample["causes"], [])  # a plan needs no cause

    def test_plan_places_a_named_run_whole_at_one_site(self):
        def add_run(scenario):
            scenario["training_runs"] = [{"name": "frontier pre-train", "start": "2028Q2", "accelerators": 4096,
                                          "weeks": 10}]
        fleet, out, scenario = self.sample_variant("with a run", add_run)
        plan = json.loads(run("plan", fleet, "--scenario", "with a run", "--json").stdout)
        self.assertEqual(plan["violations"], [])
        self.assertEqual(len(plan["training_runs"]), 1)
        placed = plan["training_runs"][0]
        self.assertIn(placed["site"], ("Texas", "Norway", "Johor"))
        self.assertEqual((placed["first_quarter"], placed["last_quarter"]), ("2028Q2", "2028Q2"))
        scenario["training_runs"][0]["start"] = "2031Q1"
        json.dump(scenario, open(out, "w"))
        self.assertUserError(run("import", fleet, "--scenario", out),
                             out + ": training_runs[0].start: 2031Q1 is outside the horizon 2027Q1–2029Q4")

    def test_the_us_sample_serves_its_named_runs_by_training_clusters(self):
        fleet = self.path("clusters.fleet")
        run("new", fleet, "--sample")
        plan = json.loads(run("plan", fleet, "--json").stdout)
        self.assertEqual(plan["violations"], [])
        clusters = plan["training_clusters"]
        self.assertGreater(len(clusters), 0)
        keys = {(c["family"], c["site"]) for c in clusters}
        self.assertEqual(len(keys), len(clusters))  # one family at one site each
        for c in clusters:
            self.assertEqual(c["name"], c["family"] + " at " + c["site"])
            self.assertGreater(c["accelerators"], 0)
            self.assertEqual(c["quarters"], [q["quarter"] for q in c["by_quarter"]])
        served = {name: c for c in clusters for name in c["runs"]}
        runs = plan["training_runs"]
        self.assertEqual(sorted(r["name"] for r in runs), ["8B pre-train", "post-train 2027"])
        for r in runs:  # stated as work: sized on the family that serves it, within the deadline
            self.assertGreater(r["training_flops"], 0)
            cluster = served[r["name"]]
            self.assertEqual((cluster["family"], cluster["site"]), (r["family"], r["site"]))
            self.assertLessEqual(r["accelerators"], cluster["accelerators"])
            self.assertIn(r["first_quarter"], cluster["quarters"])
        self.assertAlmostEqual(next(r for r in runs if r["name"] == "8B pre-train")["training_flops"],
                               6 * 8e9 * 15e12, delta=1e12)
        # Each quarter's largest training job is held whole by exactly one cluster that carries it.
        exported = self.path("clusters.json")
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", exported)
        with open(exported, encoding="utf-8") as f:
            scenario = json.load(f)
        year, first = int(scenario["first_quarter"][:4]), int(scenario["first_quarter"][5])
        jobs = {}  # the last demand entry repeats to the horizon's end
        for q in range(scenario["quarters"]):
            d = scenario["demand"][min(q, len(scenario["demand"]) - 1)]
            if d.get("largest_training_job_pflops"):
                index = first - 1 + q
                jobs["%dQ%d" % (year + index // 4, index % 4 + 1)] = d["largest_training_job_pflops"]
        self.assertGreater(len(jobs), 0)
        holders = {}
        for c in clusters:
            for quarter in c["largest_job_quarters"]:
                self.assertNotIn(quarter, holders)
                holders[quarter] = c["name"]
                carried = next(q["sustained_pflops"] for q in c["by_quarter"] if q["quarter"] == quarter)
                self.assertGreaterEqual(carried, 0.999999 * jobs[quarter])
        self.assertEqual(sorted(holders), sorted(jobs))

    def test_plan_save_keeps_the_plan_and_info_says_when_it_is_out_of_date(self):
        fleet, out = self.path("saved.fleet"), self.path("saved.json")
        run("new", fleet, "--sample")
        info = json.loads(run("info", fleet, "--json").stdout)
        self.assertEqual(info["saved_plans"], [])
        saved = json.loads(run("plan", fleet, "--save", "--json").stdout)
        self.assertIn("saved_at", saved)
        self.assertEqual(len(saved["decisions"]["purchases"]), len(saved["purchases"]))  # what the GUI rebuilds
        plans = json.loads(run("info", fleet, "--json").stdout)["saved_plans"]
        self.assertEqual(len(plans), 1)
        self.assertEqual(plans[0]["scenario"], "US neocloud 2027-2029")
        self.assertEqual(plans[0]["objective_usd"], saved["objective_usd"])
        self.assertFalse(plans[0]["out_of_date"])
        self.assertEqual(plans[0]["changed"], [])
        self.assertLessEqual({"scenario.demand", "catalog.systems", "company", "rules", "assumptions"},
                             set(saved["inputs"]))
        # The shipped model data changes (a copy of the data directory with one file edited): named.
        data = self.path("data")
        shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "..", "data"), data)
        with open(os.path.join(data, "models", "assumptions.json"), "a") as f:
            f.write("\n")
        edited = run("info", fleet, "--json", env={"FLEETWRIGHT_DATA_DIR": data})
        self.assertEqual(json.loads(edited.stdout)["saved_plans"][0]["changed"], ["the model assumptions"])
        run("plan", fleet, "--save", "--json")  # again: it replaces the first
        self.assertEqual(len(json.loads(run("info", fleet, "--json").stdout)["saved_plans"]), 1)
        # Change the scenario: the saved plan is now out of date.
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", out)
        scenario = json.load(open(out))
        scenario["discount_rate"] = 0.1
        json.dump(scenario, open(out, "w"))
        self.assertEqual(run("import", fleet, "--scenario", out).returncode, 0)
        plans = json.loads(run("info", fleet, "--json").stdout)["saved_plans"]
        self.assertTrue(plans[0]["out_of_date"])
        self.assertEqual(plans[0]["changed"], ["the scenario's discount rate"])

    def test_scenario_import_export_and_errors(self):
        fleet, out = self.path("s.fleet"), self.path("s.json")
        run("new", fleet, "--sample")
        self.assertEqual(run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", out).returncode, 0)
        scenario = json.load(open(out))
        scenario["name"] = "copy"
        scenario["sites"][0]["power_mw"] = [-5]
        json.dump(scenario, open(out, "w"))
        before = open(fleet, "rb").read()
        self.assertUserError(run("import", fleet, "--scenario", out),
                             out + ": sites[0].power_mw: -5 is negative; must be ≥ 0")
        self.assertEqual(open(fleet, "rb").read(), before)
        scenario["sites"][0]["power_mw"] = [40]
        json.dump(scenario, open(out, "w"))
        self.assertEqual(run("import", fleet, "--scenario", out).returncode, 0)
        self.assertEqual(json.loads(run("info", fleet, "--json").stdout)["scenarios"], 3)
        self.assertEqual(run("plan", fleet, "--scenario", "copy", "--json").returncode, 0)
        self.assertUserError(run("plan", fleet, "--scenario", "nope"), fleet + ": no scenario named 'nope'")

    def test_prices_and_supply_by_quarter_and_racks(self):
        # The sample with the DGX B200 halving in price from 2028Q1 and no H100 supply after 2027Q2,
        # and Texas down to 60 rack positions: the plan pays each quarter's price, buys no new H100
        # after 2027Q2, and keeps Texas within its racks.
        fleet, out = self.path("q.fleet"), self.path("q.json")
        run("new", fleet, "--sample")
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", out)
        scenario = json.load(open(out))
        scenario["name"] = "by quarter"
        b200 = next(o for o in scenario["market"] if o["system"] == "DGX B200")
        b200["price_usd"] = [515000, 515000, 515000, 515000, 257500]
        h100 = next(o for o in scenario["market"] if o["system"] == "DGX H100" and o.get("condition") != "used")
        h100["supply_per_quarter"] = [60, 60, 0]
        scenario["sites"][0]["racks"] = 60
        json.dump(scenario, open(out, "w"))
        self.assertEqual(run("import", fleet, "--scenario", out).returncode, 0)
        exported = self.path("back.json")
        run("export", fleet, "--scenario", "by quarter", "--json", exported)
        back = json.load(open(exported))
        self.assertEqual(next(o for o in back["market"] if o["system"] == "DGX B200")["price_usd"], b200["price_usd"])
        self.assertEqual(back["sites"][0]["racks"], 60)
        # Its largest training jobs make CBC branch (~20 s in a release build): a plan stopped at its
        # time limit (under the sanitizers, beside other tests) is still a plan to check.
        plan = json.loads(run("plan", fleet, "--scenario", "by quarter", "--time-limit", str(int(60 * TIME_FACTOR)),
                              "--json").stdout)
        self.assertIn(plan["status"], ("optimal", "feasible", "time_limit"))
        self.assertEqual(plan["violations"], [])
        for p in plan["purchases"]:
            if p["system"] == "DGX B200":
                price = 257500 if p["quarter"] >= "2028Q1" else 515000
                self.assertAlmostEqual(p["capex_usd"], p["count"] * price, delta=1)
            if p["system"] == "DGX H100" and p["condition"] == "new":
                self.assertLessEqual(p["quarter"], "2027Q2")
        for q in plan["quarters"]:
            texas = q["sites"][0]
            self.assertEqual(texas["racks_available"], 60)
            self.assertLessEqual(texas["racks"], 60)
        h100["supply_per_quarter"] = [60, "many"]
        json.dump(scenario, open(out, "w"))
        self.assertUserError(run("import", fleet, "--scenario", out),
                             out + ": market[0].supply_per_quarter[1]: must be a number")

    def test_export_plan_xlsx_and_csv(self):
        import zipfile
        fleet, xlsx, directory = self.path("x.fleet"), self.path("plan.xlsx"), self.path("csv")
        run("new", fleet, "--sample")
        result = run("export", fleet, "--xlsx", xlsx, "--csv", directory)
        self.assertEqual(result.returncode, 0, result.stderr)
        workbook = zipfile.ZipFile(xlsx)
        names = re.findall(r'<sheet name="([^"]+)"', workbook.read("xl/workbook.xml").decode())
        self.assertEqual(names, ["Purchases", "Retirements", "Quarters", "Compliance"])
        plan = json.loads(run("plan", fleet, "--json").stdout)
        # Sheet 1, row 2, column F holds the first purchase's count as a number.
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
        first = re.search(r'<c r="F2"[^>]*><v>([^<]+)</v>', sheet)
        self.assertEqual(float(first.group(1)), plan["purchases"][0]["count"])
        rows = open(os.path.join(directory, "Purchases.csv"), encoding="utf-8").read().strip().splitlines()
        self.assertEqual(len(rows) - 1, len(plan["purchases"]))
        self.assertTrue(os.path.exists(os.path.join(directory, "Compliance.csv")))

    NETBOX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "io", "netbox")

    def test_import_netbox_creates_then_updates_a_scenario(self):
        fleet = self.path("dc.fleet")
        self.assertEqual(run("new", fleet).returncode, 0)
        result = run("import", fleet, "--netbox", self.NETBOX, "--map", os.path.join(self.NETBOX, "map.csv"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("created scenario 'NetBox import'", result.stdout)
        self.assertIn("3 sites, 23 accelerator systems installed", result.stdout)
        self.assertIn("  Supermicro SYS-821GE-TNHR: 2 devices (role GPU server)", result.stdout)
        self.assertIn("IT power 200 kW (UPS limit) × PUE 1.25 = 0.25 MW facility", result.stdout)
        self.assertIn("devices not counted: 2 planned", result.stdout)
        out = self.path("netbox.json")
        self.assertEqual(run("export", fleet, "--scenario", "NetBox import", "--json", out).returncode, 0)
        scenario = json.load(open(out, encoding="utf-8"))
        self.assertEqual([s["name"] for s in scenario["sites"]], ["Dallas DFW-1", "Oslo OSL-1", "Johor JHB-1"])
        self.assertEqual(sum(i["count"] for i in scenario["installed"]), 23)
        again = run("import", fleet, "--netbox", self.NETBOX, "--device-status", "active,planned")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("updated scenario 'NetBox import'", again.stdout)
        self.assertIn("21 accelerator systems installed", again.stdout)  # no map: 19 active + 2 planned

    def test_import_netbox_refuses_a_truncated_save_and_keeps_the_file(self):
        fleet = self.path("dc.fleet")
        self.assertEqual(run("new", fleet).returncode, 0)
        before = open(fleet, "rb").read()
        directory = self.path("netbox")
        shutil.copytree(self.NETBOX, directory)
        shutil.copy(os.path.join(self.NETBOX + "-truncated", "devices.json"), os.path.join(directory, "devices.json"))
        result = run("import", fleet, "--netbox", directory)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr.count("\n"), 1, result.stderr)
        self.assertIn(os.path.join(directory, "devices.json") + ": next: ", result.stderr)
        self.assertIn("a truncated save (10 of 39 devices); save every page: /api/dcim/devices/?limit=0", result.stderr)
        self.assertEqual(open(fleet, "rb").read(), before)
        self.assertUserError(run("import", fleet, "--netbox", self.path("absent")),
                             self.path("absent") + ": not a directory of NetBox JSON files")
        self.assertEqual(run("import", fleet, "--netbox", directory, "--device-status", "active,").returncode, 2)

    def test_import_tables_from_spreadsheet_csv(self):
        fleet = self.path("s.fleet")
        self.assertEqual(run("new", fleet, "--sample").returncode, 0)
        scenario = json.loads(run("info", fleet, "--json").stdout)
        self.assertEqual(scenario["scenarios"], 2)
        exported = self.path("us.json")
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", exported)
        site = json.load(open(exported, encoding="utf-8"))["sites"][0]["name"]
        fleet_csv = self.path("fleet.csv")
        with open(fleet_csv, "w", encoding="utf-8-sig", newline="") as f:
            f.write("Site;System;Count;age_years\r\n" + site + ";DGX H100;24;1,5\r\n")
        result = run("import", fleet, "--scenario", "US neocloud 2027-2029", "--fleet-csv", fleet_csv)
        self.assertEqual(result.returncode, 0, result.stderr)
        run("export", fleet, "--scenario", "US neocloud 2027-2029", "--json", exported)
        installed = json.load(open(exported, encoding="utf-8"))["installed"]
        self.assertEqual(installed, [{"site": site, "system": "DGX H100", "count": 24, "age_years": 1.5}])

    def test_import_tables_all_or_nothing(self):
        fleet = self.path("s.fleet")
        self.assertEqual(run("new", fleet, "--sample").returncode, 0)
        before = open(fleet, "rb").read()
        good = self.path("market.csv")
        with open(good, "w", encoding="utf-8") as f:
            f.write("system,supply_per_quarter\nDGX B200,10\n")
        bad = self.path("demand.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("quarter,training_pflops\n2027Q1,100\n2027Q3,200\n")
        result = run("import", fleet, "--market-csv", good, "--demand-csv", bad)
        self.assertUserError(result, bad + ": row 3, column 'quarter': expected 2027Q2 (one row per quarter, in order "
                             "from the horizon's first)")
        self.assertEqual(open(fleet, "rb").read(), before)


class StochasticCliTest(CliCase):
    """`risk` and `robust` on the US sample's futures: the longest solves of the contract (its own CTest
    entry, cli_stochastic, left out of the sanitizer suite: README, "Fuzzing and sanitizers")."""

    def test_licence_exposure_counts_the_first_year_units_a_rule_event_stops(self):
        # Johor powered (8 MW) and cheap (0.03 USD/kWh) from the start: the plan buys there in 2027. The
        # Malaysia licence requirement (from 2027Q3, probability 0.25) stops its Johor purchases of
        # 2027Q3-Q4 in the futures where it happens: expected units = 0.25 x those units.
        def johor(scenario):
            scenario["sites"][3]["power_mw"] = [8, 8, 16]
            scenario["sites"][3]["electricity_usd_per_kwh"] = 0.03
        fleet, _, _ = self.sample_variant("Johor early", johor)
        risk = json.loads(run("risk", fleet, "--scenario", "Johor early", "--node-limit", "200", "--json").stdout)
        stopped = sum(p["count"] for p in risk["frozen_purchases"]
                      if p["site"] == "Johor" and p["quarter"] >= "2027Q3")
        self.assertGreater(stopped, 0)
        for future in risk["futures"]:
            licensed = "Malaysia licence requirement" in future["name"]
            self.assertEqual(future["licence_exposed_units"], stopped if licensed else 0, future["name"])
            self.assertEqual("licence required for MY from 2027Q3" in future["licence_exposure"], licensed)
        self.assertAlmostEqual(risk["licence_exposure"]["probability"], 0.25)
        self.assertAlmostEqual(risk["licence_exposure"]["expected_units"], 0.25 * stopped)

    def test_risk_of_the_sample_plan_over_its_eight_futures(self):
        fleet = self.path("sample.fleet")
        run("new", fleet, "--sample")
        result = run("risk", fleet, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        risk = json.loads(result.stdout)
        self.assertFalse(risk["sampled"])  # 3 events: the whole tree of 8 futures
        self.assertEqual(len(risk["futures"]), 8)
        self.assertAlmostEqual(sum(f["probability"] for f in risk["futures"]), 1.0)
        self.assertEqual(risk["futures"][0]["name"], "no event")
        self.assertAlmostEqual(risk["futures"][0]["probability"], 0.7 * 0.6 * 0.75)
        p = risk["percentiles"]
        self.assertLessEqual(p["p5_usd"], p["p50_usd"])
        self.assertLessEqual(p["p50_usd"], p["p95_usd"])
        self.assertLessEqual(p["p95_usd"], risk["cvar"]["cvar_usd"] + 1e-6)
        self.assertEqual(risk["cvar"]["alpha"], 0.95)
        self.assertGreater(risk["expected_cost_usd"], 0)
        self.assertIn("expected_npv_usd", risk["unmet_demand"])
        unmet = risk["unmet_demand"]  # shares of one demand left unserved over the horizon
        self.assertLessEqual(0.0, unmet["expected_share"])
        self.assertLessEqual(unmet["expected_share"], unmet["largest_share"] + 1e-12)
        self.assertEqual(unmet["largest_share"], max(f["unserved_share"] for f in risk["futures"]))
        worst = max(risk["futures"], key=lambda f: f["unserved_share"])
        self.assertEqual(unmet["largest_share_of"], worst["unserved_demand"])
        self.assertIn(worst["unserved_demand"], ["training", "chat 70B", "MoE 671B (37B active)"])
        self.assertLessEqual(unmet["largest_share"], 1.0)
        self.assertIn("expected_units", risk["stranded_capacity"])
        self.assertTrue(all(q["quarter"] < "2028Q1" for q in risk["frozen_purchases"]))
        # The fans: per quarter, weighted percentiles of capacity vs demand and power per site.
        fan = risk["fan"]
        self.assertEqual(fan["quarters"][0], "2027Q1")
        self.assertEqual(len(fan["quarters"]), 12)
        self.assertEqual(fan["levels"], [0.05, 0.25, 0.5, 0.75, 0.95])
        self.assertEqual(fan["training"]["unit"], "PFLOP/s")
        self.assertGreaterEqual(len(fan["inference"]), 1)
        self.assertGreaterEqual(len(fan["power"]), 1)
        figures = [fan["training"]["capacity"], fan["training"]["demand"]]
        figures += [c["capacity"] for c in fan["inference"]] + [s["drawn"] for s in fan["power"]]
        for figure in figures:
            for t in range(12):
                row = [figure[level][t] for level in ("p5", "p25", "p50", "p75", "p95")]
                self.assertEqual(row, sorted(row))
        for site in fan["power"]:
            self.assertEqual(site["unit"], "MW")
            self.assertTrue(all(d <= a * (1 + 1e-6) for d, a in zip(site["drawn"]["p95"], site["available"]["p95"])))
        self.assertLess(fan["training"]["demand"]["p5"][-1], fan["training"]["demand"]["p95"][-1])  # demand drop
        # One seed, one answer, on two threads too; a sample of 5 draws from the tree of 8.
        one = json.loads(run("risk", fleet, "--futures", "5", "--seed", "3", "--json").stdout)
        two = json.loads(run("risk", fleet, "--futures", "5", "--seed", "3", "--threads", "2", "--json").stdout)
        self.assertTrue(one["sampled"])
        self.assertEqual(one["expected_cost_usd"], two["expected_cost_usd"])
        self.assertEqual([f["name"] for f in one["futures"]], [f["name"] for f in two["futures"]])
        self.assertEqual(run("risk", fleet, "--cvar", "1").returncode, 1)
        self.assertEqual(run("risk", fleet, "--futures", "0").returncode, 1)
        self.assertEqual(run("risk", fleet, "--bogus").returncode, 2)
        self.assertEqual(run("risk").returncode, 2)
        # The China-HQ sample's rule tightening: with remote access licensed from 2028Q1 its rented
        # capacity has nowhere to go (owned controlled chips are blocked by the headquarters rule), so
        # its training and chat, both priced forecasts, are left unserved for the second half of the
        # horizon; the first half is as in the no-event future (where the plan leaves a sliver of
        # training unserved rather than rent another DGX).
        china = "China-headquartered builder abroad 2027-2028"
        cn = json.loads(run("risk", fleet, "--scenario", china, "--json").stdout)
        tightened = [f for f in cn["futures"] if f["name"] == "Remote Access Security Act"]
        calm = [f for f in cn["futures"] if f["name"] == "no event"]
        self.assertEqual(len(cn["futures"]), 2)
        self.assertNotEqual(tightened[0]["status"], "infeasible")
        self.assertLess(calm[0]["unserved_share"], 0.05)
        self.assertAlmostEqual(tightened[0]["unserved_share"], 0.5 + calm[0]["unserved_share"] / 2, places=6)
        self.assertEqual(cn["infeasible_probability"], 0.0)
        self.assertAlmostEqual(cn["unmet_demand"]["largest_share"], tightened[0]["unserved_share"], places=9)
        # Were its chat traffic contracted (it must be served), that future would have no plan: the
        # probability is reported, with what stops it, and the figures are over the other future.
        cn_json = self.path("cn.json")
        run("export", fleet, "--scenario", china, "--json", cn_json)
        document = json.load(open(cn_json))
        document["name"] = "contracted chat"
        document["demand"] = [{"training_pflops": 0, "forecast_training_pflops": 50, "inference_tokens_per_s": 100000}]
        json.dump(document, open(cn_json, "w"))
        self.assertEqual(run("import", fleet, "--scenario", cn_json).returncode, 0)
        hard = json.loads(run("risk", fleet, "--scenario", "contracted chat", "--json").stdout)
        stopped = [f for f in hard["futures"] if f["name"] == "Remote Access Security Act"]
        self.assertEqual(stopped[0]["status"], "infeasible")
        self.assertIn("2028Q1 inference demand of chat 8B cannot be met", stopped[0]["diagnosis"])
        self.assertAlmostEqual(hard["infeasible_probability"], 0.3)
        self.assertUserError(run("robust", fleet, "--scenario", "contracted chat"),
                             "future \"Remote Access Security Act\" has no plan: 2028Q1 inference demand of chat 8B "
                             "cannot be met: short by 100,000 tokens/s")
        certain, _, _ = self.sample_variant("certain", lambda scenario: scenario.pop("uncertainty"))
        self.assertUserError(run("risk", certain, "--scenario", "certain"),
                             certain + ": scenario 'certain' has no uncertainty: add an \"uncertainty\" "
                             "object to its JSON (import FILE --scenario IN.json)")

    def test_robust_plan_of_a_two_future_sample(self):
        def one_event(scenario):
            scenario["uncertainty"]["events"] = scenario["uncertainty"]["events"][:1]
            scenario["quarters"] = 6
        fleet, out, scenario = self.sample_variant("one event", one_event)
        result = run("robust", fleet, "--scenario", "one event", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        robust = json.loads(result.stdout)
        self.assertEqual(len(robust["futures"]), 2)
        for key in ("expected_cost_usd", "vss_usd", "evpi_usd", "rp_usd", "ws_usd", "eev_usd", "lower_bound_usd",
                    "upper_bound_usd", "first_stage_purchases"):
            self.assertIn(key, robust)
        self.assertEqual(robust["expected_cost_usd"], robust["rp_usd"])
        self.assertAlmostEqual(robust["evpi_usd"], robust["rp_usd"] - robust["ws_usd"], delta=1e-6 * robust["rp_usd"])
        self.assertAlmostEqual(robust["vss_usd"], robust["eev_usd"] - robust["rp_usd"], delta=1e-6 * robust["rp_usd"])
        self.assertLessEqual(robust["lower_bound_usd"], robust["rp_usd"] + 1e-6 * robust["rp_usd"])
        self.assertTrue(all(q["quarter"] < "2028Q1" for q in robust["first_stage_purchases"]))
        self.assertEqual(robust["method"], "extensive")
        self.assertNotIn("iterations", robust)
        # The extensive form starts from the expected-value plan's re-plans: it costs EEV, and RP is no worse.
        start = robust["extensive_form_start"]
        self.assertEqual(start["from"], "expected-value plan")
        self.assertAlmostEqual(start["objective_usd"], robust["eev_usd"], delta=1e-6 * robust["eev_usd"])
        self.assertIsInstance(start["kept"], bool)
        self.assertLessEqual(robust["rp_usd"], robust["eev_usd"] * (1 + 1e-9))
        self.assertEqual(run("robust", fleet, "--method", "benders").returncode, 2)
        self.assertEqual(run("robust", fleet, "--ph-iterations", "3").returncode, 2)  # extensive has none

        # Progressive hedging on the same futures: the same figures, its iterations and its solves.
        # 18 iterations, ~85 s in a release build: several times that under the sanitizers.
        result = run("robust", fleet, "--scenario", "one event", "--method", "ph", "--json", timeout=600)
        self.assertEqual(result.returncode, 0, result.stderr)
        ph = json.loads(result.stdout)
        self.assertEqual(ph["method"], "ph")
        for key in ("expected_cost_usd", "vss_usd", "evpi_usd", "rp_usd", "ws_usd", "eev_usd", "lower_bound_usd",
                    "upper_bound_usd", "first_stage_purchases", "iterations", "solves_per_rank"):
            self.assertIn(key, ph)
        self.assertEqual(ph["status"], "converged")
        futures = len(ph["futures"])
        self.assertEqual(futures, 2)
        iterations = ph["iterations"]
        self.assertLessEqual(iterations[-1]["residual"], 1e-3)
        # The futures swap 60 units of one offer between the two sites each iteration, leaving x̄ in place:
        # the cycle rule for one purchase fixes them (without it: 38 iterations).
        self.assertTrue(any(i["cycle"] for i in iterations))
        self.assertLessEqual(len(iterations), 25)
        self.assertEqual([i["iteration"] for i in iterations], list(range(len(iterations))))
        self.assertTrue(all(i["solves"] == futures for i in iterations))  # one CBC solve per future per iteration
        self.assertEqual(iterations[0]["bound_solves"], 0)
        self.assertTrue(all(i["bound_solves"] == futures for i in iterations[1:]))
        self.assertEqual(ph["solves_per_rank"],
                         [{"rank": 0, "threads": 1, "replans": 3 * futures,
                           "hedging_solves": sum(i["solves"] + i["bound_solves"] for i in iterations)}])
        self.assertTrue(all(f["rank"] == 0 for f in ph["futures"]))
        self.assertEqual(ph["expected_cost_usd"], ph["rp_usd"])
        self.assertEqual(ph["rp_usd"], ph["upper_bound_usd"])  # its first stage, re-planned per future
        self.assertLessEqual(ph["lower_bound_usd"], robust["rp_usd"] * (1 + 1e-9))
        self.assertEqual(ph["lower_bound_usd"], max(i["lower_bound_usd"] for i in iterations))
        # WS: each future's cheapest plan known alone, its own re-plan or the method's plan there: within
        # the solver's gap (0.5 %) of each other.
        self.assertAlmostEqual(ph["ws_usd"], robust["ws_usd"], delta=0.005 * robust["rp_usd"])
        self.assertLessEqual(ph["ws_usd"], ph["rp_usd"] * (1 + 1e-9))
        self.assertGreater(robust["rp_usd"], 0)  # the installed systems' value at the start keeps it a cost
        self.assertAlmostEqual(ph["rp_usd"], robust["rp_usd"], delta=0.01 * robust["rp_usd"])
        self.assertAlmostEqual(ph["evpi_usd"], ph["rp_usd"] - ph["ws_usd"], delta=1e-6 * ph["rp_usd"])
        self.assertTrue(all("hedging_cost_usd" in f for f in ph["futures"]))
        self.assertTrue(all(q["quarter"] < "2028Q1" for q in ph["first_stage_purchases"]))
        result = run("robust", fleet, "--scenario", "one event", "--method", "ph", "--ph-iterations", "1", "--progress",
                     "--json")
        limited = json.loads(result.stdout)
        self.assertLessEqual(len(limited["iterations"]), 2)
        # --progress: one line on stderr per iteration, as it ends, with the figures --json gives at the end
        progress = result.stderr.splitlines()
        self.assertEqual(len(progress), len(limited["iterations"]))
        for line, iteration in zip(progress, limited["iterations"]):
            self.assertRegex(line, rf"^hedging iteration {iteration['iteration']}: residual [0-9.e+-]+, lower bound "
                                   r"(none|-?[0-9,]+ USD), expected cost [0-9,]+ USD, \d+ first-stage decisions fixed, "
                                   rf"{iteration['solves'] + iteration['bound_solves']} solves(, .*)?, [0-9,.]+ s$")
            self.assertIn(f"{iteration['fixed_purchases']} first-stage decisions fixed", line)
        self.assertEqual(run("robust", fleet, "--progress").returncode, 2)  # the extensive form has no iterations
        self.assertEqual(run("robust", fleet, "--method", "ph", "--ph-iterations", "0").returncode, 1)
        # Slamming: after --ph-slam-after iterations; this run converges on its own before the default 20.
        self.assertTrue(all(i["slammed"] is False for i in iterations))
        self.assertEqual(run("robust", fleet, "--ph-slam-after", "3").returncode, 2)  # hedging's alone
        self.assertEqual(run("robust", fleet, "--method", "ph", "--ph-slam-after", "0").returncode, 1)

    def test_report_with_a_risk_section(self):
        def one_event(scenario):
            scenario["uncertainty"]["events"] = scenario["uncertainty"]["events"][:1]
            scenario["quarters"] = 6
        fleet, _, _ = self.sample_variant("one event", one_event)
        pdf = self.path("risk.pdf")
        # A node limit, not the time limit, stops a long solve: the report and robust below give one answer.
        limits = ("--time-limit", "600", "--node-limit", "20000")
        result = run("report", fleet, "--scenario", "one event", "--pdf", pdf, "--risk", "--robust", "extensive",
                     "--threads", "2", *limits, timeout=900)
        self.assertEqual(result.returncode, 0, result.stderr)
        text = " ".join(subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        # The section the GUI's Risk page adds: the plan across the futures, then the stochastic plan.
        for words in ("Risk across the futures", "CVaR", "VSS = EEV − RP", "EVPI = RP − WS", "CBC's bound on the RP"):
            self.assertIn(words, text)
        robust = json.loads(run("robust", fleet, "--scenario", "one event", *limits, "--json", timeout=900).stdout)
        # WS: each future planned alone, as robust finds it (the report prints whole USD).
        ws = re.search(r"WS ([0-9,]+) each future planned knowing it", text)
        self.assertIsNotNone(ws, "no WS row in the risk section")
        self.assertAlmostEqual(float(ws.group(1).replace(",", "")), robust["ws_usd"], delta=1.0)
        # Its options need --risk; a scenario without uncertainty has no risk section; nothing is written.
        self.assertEqual(run("report", fleet, "--pdf", pdf, "--futures", "4").returncode, 2)
        self.assertEqual(run("report", fleet, "--pdf", pdf, "--threads", "2").returncode, 2)
        self.assertEqual(run("report", fleet, "--pdf", pdf, "--node-limit", "-1").returncode, 1)
        self.assertEqual(run("report", fleet, "--pdf", pdf, "--risk", "--robust", "benders").returncode, 2)
        certain, _, _ = self.sample_variant("certain", lambda scenario: scenario.pop("uncertainty"))
        refused = self.path("refused.pdf")
        self.assertUserError(run("report", certain, "--scenario", "certain", "--pdf", refused, "--risk"),
                             certain + ": scenario 'certain': no uncertainty: add an \"uncertainty\" object to the "
                             "scenario's JSON for a risk section")
        self.assertFalse(os.path.exists(refused))

    def test_robust_mean_cvar_by_both_methods(self):
        # The two-future sample variant under 0.5 × expected cost + 0.5 × CVaR_0.5: progressive hedging
        # makes the value at risk one more shared decision. ~35 s in a release build (14 iterations).
        def one_event(scenario):
            scenario["uncertainty"]["events"] = scenario["uncertainty"]["events"][:1]
            scenario["quarters"] = 6
        fleet, out, scenario = self.sample_variant("one event", one_event)
        runs = {}
        for method in ("extensive", "ph"):
            result = run("robust", fleet, "--scenario", "one event", "--method", method, "--cvar", "0.5:0.5", "--json",
                         timeout=900)
            self.assertEqual(result.returncode, 0, result.stderr)
            runs[method] = json.loads(result.stdout)
            self.assertEqual(runs[method]["objective"], {"kind": "mean_cvar", "cvar_alpha": 0.5, "cvar_weight": 0.5})
        extensive, ph = runs["extensive"], runs["ph"]
        self.assertEqual(ph["status"], "converged")
        self.assertLessEqual(ph["progressive_hedging"]["value_at_risk_residual"], 1e-3)
        last = ph["iterations"][-1]
        self.assertLessEqual(last["residual"], 1e-3)
        self.assertLessEqual(last["value_at_risk_residual"], 1e-3)
        self.assertTrue(all("value_at_risk_usd" in i for i in ph["iterations"]))
        # The upper bound is the blend of the first stage re-planned per future: 0.5 × expected cost + 0.5 ×
        # CVaR (RP is that for hedging; the extensive form's own objective when lower, as its re-plans stop
        # at the gap).
        for r in (extensive, ph):
            self.assertAlmostEqual(r["upper_bound_usd"], 0.5 * r["expected_cost_usd"] + 0.5 * r["cvar_usd"],
                                   delta=1e-6 * r["rp_usd"])
        self.assertEqual(ph["rp_usd"], ph["upper_bound_usd"])
        # The two methods agree within 1 %, and each one's bound lies below the other's plan.
        self.assertAlmostEqual(ph["rp_usd"], extensive["rp_usd"], delta=0.01 * extensive["rp_usd"])
        self.assertLessEqual(ph["lower_bound_usd"], extensive["rp_usd"] * (1 + 1e-9))
        self.assertLessEqual(extensive["lower_bound_usd"], ph["rp_usd"] * (1 + 1e-9))
        self.assertLessEqual(ph["ws_usd"], ph["rp_usd"] * (1 + 1e-9))


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    unittest.main(verbosity=2)
