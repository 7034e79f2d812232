// SPDX-License-Identifier: Apache-2.0
// The plan report as data: its sections, the cost breakdown with its credits, the diagnosis of a
// scenario without a plan.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/fingerprint.h"
#include "core/plan/optimizer.h"
#include "core/report/figuretext.h"
#include "core/report/planreport.h"
#include "core/workload/assumptions.h"

namespace fw::core::plan {
// From optimizer_test.cpp (the same test executable).
const Fleet& sample();
const compliance::RuleLibrary& rules();
const workload::ModelAssumptions& assumptions();
Scenario tiny();
} // namespace fw::core::plan

namespace fw::core::report {
namespace {

TEST(PlanReport, HasEverySectionAndTheTotalsOfThePlan)
{
    const auto& fleet = plan::sample();
    const auto& scenario = fleet.scenarios.front();
    const ReportModel r =
        planAndReport(fleet, scenario, plan::rules(), plan::assumptions(), {}, "sample.fleet", "bytes", "2026-11-28");
    std::vector<std::string> headings;
    for (const auto& s : r.sections) {
        headings.push_back(s.heading);
    }
    EXPECT_EQ(headings,
              (std::vector<std::string>{"1. Executive summary", "2. Purchase schedule",
                                        "3. Capacity and power by quarter", "4. Export-control compliance",
                                        "5. Scale-out fabric per site and system family", "6. Sensitivity",
                                        "7. Assumptions and data sources", "Appendix: the catalog's accelerators"}));
    // The total row adds up the purchase rows.
    const auto& table = r.sections[1].tables[0];
    long long units = 0;
    for (std::size_t i = 0; i + 1 < table.rows.size(); ++i) {
        units += std::stoll(table.rows[i][3]);
    }
    EXPECT_EQ(table.rows.back()[0], "Total");
    EXPECT_EQ(std::to_string(units), table.rows.back()[3]);
    EXPECT_EQ(r.facts.back(), "Fleet file fingerprint (FNV-1a 64): " + core::fingerprint("bytes"));
    // The cost breakdown: the installed systems' value at the start, capex, fabric, energy, maintenance,
    // rent and unserved forecast demand make the gross cost (100 %), the credits are negative shares of
    // it, and the net cost is what the summary states. The sample rents a little, leaves some forecast
    // demand unserved and sells its A100s.
    const auto& breakdown = r.sections[0].tables.at(0);
    std::vector<std::string> parts;
    for (const auto& row : breakdown.rows) {
        parts.push_back(row[0]);
    }
    ASSERT_EQ(parts, (std::vector<std::string>{
                         "Installed systems' value at the start", "Capex", "Scale-out fabric", "Energy", "Maintenance",
                         "Rented capacity", "Forecast demand left unserved", "Gross cost",
                         "Credit: value left at the horizon end", "Credit: retired systems sold", "Net cost"}));
    EXPECT_EQ(breakdown.rows[7][2], "100.0 %");
    EXPECT_EQ(breakdown.rows[8][1].front(), '-');
    const auto number = [](std::string text) {
        std::erase(text, ',');
        return std::stod(text);
    };
    const auto share = [](const std::string& text) { return std::stod(text.substr(0, text.find(' '))); };
    // Every share is between −100 % and 100 % of the gross, and the parts add up to the dollar:
    // gross = the seven parts; net = gross + credits (the credits are negative).
    for (const auto& row : breakdown.rows) {
        EXPECT_LE(std::abs(share(row[2])), 100.0) << row[0];
    }
    double spent = 0.0;
    double shares = 0.0;
    for (std::size_t i = 0; i < 7; ++i) {
        spent += number(breakdown.rows[i][1]);
        shares += share(breakdown.rows[i][2]);
    }
    EXPECT_NEAR(number(breakdown.rows[7][1]), spent, 3.0);
    EXPECT_NEAR(shares, 100.0, 0.3);
    EXPECT_NEAR(number(breakdown.rows[10][1]),
                number(breakdown.rows[7][1]) + number(breakdown.rows[8][1]) + number(breakdown.rows[9][1]), 2.0);
    // The capex by vendor chart under the schedule, one bar set per vendor the plan buys from.
    ASSERT_EQ(r.sections[1].barCharts.size(), 1U);
    EXPECT_FALSE(r.sections[1].barCharts[0].sets.empty());
    // The rented blocks under the purchases: each with its treatment and rule basis, and the rent
    // they add up to is at least the breakdown's (which discounts it).
    const auto& tables = r.sections[1].tables;
    const auto rented =
        std::find_if(tables.begin(), tables.end(), [](const ReportTable& t) { return t.title == "Rented capacity"; });
    ASSERT_NE(rented, tables.end());
    ASSERT_FALSE(rented->rows.empty());
    double paid = 0.0;
    for (const auto& row : rented->rows) {
        EXPECT_EQ(row[7].rfind("allowed", 0), 0U) << row[7];
        paid += number(row[6]);
    }
    EXPECT_GE(paid + 1.0, number(breakdown.rows[5][1]));
    const auto& notes = r.sections[1].notes;
    EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const std::string& n) {
        return n.rfind("Rule basis, ", 0) == 0 && n.find("remote access") != std::string::npos;
    }));
    EXPECT_TRUE(
        std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return n.rfind("Price of ", 0) == 0; }));
    // Beside them, the share rented per quarter (one row each) and the break-even utilisation of owning
    // against renting per system and site, with how it is made as a note.
    const auto titled = [&tables](const std::string& title) {
        return std::find_if(tables.begin(), tables.end(), [&](const ReportTable& t) { return t.title == title; });
    };
    const auto rentedShare = titled("Share of capacity rented");
    ASSERT_NE(rentedShare, tables.end());
    EXPECT_EQ(rentedShare->rows.size(), static_cast<std::size_t>(scenario.quarters));
    EXPECT_EQ(rentedShare->columns.size(), 3 + scenario.inferenceClasses.size());
    const auto breakEven = titled("Rent or own: break-even utilisation");
    ASSERT_NE(breakEven, tables.end());
    ASSERT_FALSE(breakEven->rows.empty());
    for (const auto& row : breakEven->rows) {
        EXPECT_NE(row[4].find(" %"), std::string::npos) << row[4];
    }
    EXPECT_TRUE(
        std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return n.rfind("Break-even: ", 0) == 0; }));
    // Sites at their peak: one row per site; Norway within its 100 rack positions at 150 kW.
    const auto& sites = r.sections[2].tables.at(0);
    ASSERT_EQ(sites.rows.size(), scenario.sites.size());
    EXPECT_EQ(sites.rows[1][0], "Norway");
    EXPECT_LE(std::stoi(sites.rows[1][4]), 100);
    EXPECT_EQ(sites.rows[1][5], "100");
    EXPECT_EQ(sites.rows[1][6], "150");
    // Fabric: one row per site and family with accelerators, and a total: the fabric row of the
    // cost breakdown.
    const auto& fabric = r.sections[4].tables.at(0).rows;
    ASSERT_GE(fabric.size(), 2U);
    for (std::size_t i = 0; i + 1 < fabric.size(); ++i) {
        EXPECT_NE(fabric[i][4], "0") << fabric[i][0];
    }
    EXPECT_EQ(fabric.back()[0], "Total");
    EXPECT_EQ(fabric.back()[9], breakdown.rows[2][1]);
    // Sensitivity: six re-solved variants, each with its own solve status; cheaper electricity
    // cannot cost more.
    const auto& variants = r.sections[5].tables[0].rows;
    ASSERT_EQ(variants.size(), 7U);
    EXPECT_EQ(variants[1][0], "electricity price −20 %");
    EXPECT_EQ(variants[1][2].front(), '-');
    // Every system the scenario offers appears with its source.
    const auto& sources = r.sections[6].paragraphs;
    for (const auto& offer : scenario.market) {
        const auto* system = fleet.catalog.findSystem(offer.system);
        const bool cited = std::any_of(sources.begin(), sources.end(), [&](const std::string& p) {
            return p.find(system->sku) != std::string::npos && p.find(system->source) != std::string::npos;
        });
        EXPECT_TRUE(cited) << system->sku;
    }
}

TEST(PlanReport, ACreditTooSmallToShowHasNoMinusSign)
{
    // 400 USD of value left against a gross cost of 10 M USD: −0.004 %, shown as 0.0 %, not −0.0 %.
    plan::Evaluation e;
    e.capexNpvUsd = 10e6;
    e.residualNpvUsd = 400.0;
    e.costUsd = e.capexNpvUsd - e.residualNpvUsd;
    const ReportTable table = costBreakdownTable(e);
    const auto credit = std::find_if(table.rows.begin(), table.rows.end(),
                                     [](const auto& row) { return row[0] == "Credit: value left at the horizon end"; });
    ASSERT_NE(credit, table.rows.end());
    EXPECT_EQ((*credit)[1], "-400");
    EXPECT_EQ((*credit)[2], "0.0 %");
    EXPECT_EQ(fixed(-0.04, 1), "0.0");
    EXPECT_EQ(fixed(-0.06, 1), "-0.1");
    EXPECT_EQ(fixed(-0.0, 2), "0.00");
}

TEST(PlanReport, AnInfeasiblePlanSaysSo)
{
    Fleet fleet = plan::sample();
    fleet.company = {"Overseas Builder", "CN", "CN"};
    plan::Scenario s = plan::tiny();
    s.sites[0].country = "MY";
    const ReportModel r = planAndReport(fleet, s, plan::rules(), plan::assumptions(), {}, "x.fleet", "", "2026-11-28");
    ASSERT_FALSE(r.sections.empty());
    // The cause first: with a Chinese headquarters nothing may be bought for Malaysia, so only
    // dropping the demand gives a plan (6 and 14 PFLOP/s in tiny()).
    const auto& paragraphs = r.sections[0].paragraphs;
    EXPECT_EQ(paragraphs[0].rfind("No plan meets this scenario. Cause: ", 0), 0U) << paragraphs[0];
    EXPECT_NE(paragraphs[0].find("No offer may be bought for any site in any quarter (licence required"),
              std::string::npos)
        << paragraphs[0];
    EXPECT_EQ(paragraphs[1], "Smallest change that gives a plan: Lower the training demand to 0 PFLOP/s in "
                             "2027Q1–2027Q2. (planned again with the change: it has a plan)");
    // Then what the relaxed plan falls short of, in the planner's words.
    const auto shortBy =
        std::find(paragraphs.begin(), paragraphs.end(), "• 2027Q1 training demand cannot be met: short by 6 PFLOP/s");
    EXPECT_NE(shortBy, paragraphs.end());
    EXPECT_EQ(r.sections[1].heading, "2. Assumptions and data sources");
    EXPECT_EQ(r.facts[2].rfind("Plan: no plan, solved in ", 0), 0U) << r.facts[2]; // no gap without a plan
}

} // namespace
} // namespace fw::core::report
