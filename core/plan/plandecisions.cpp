// SPDX-License-Identifier: Apache-2.0
#include "core/plan/plandecisions.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace fw::core::plan {
namespace {

constexpr PlanStatus statuses[] = {PlanStatus::Optimal, PlanStatus::Feasible, PlanStatus::Infeasible,
                                   PlanStatus::TimeLimit, PlanStatus::Cancelled};

/// Appends [indices…, value] for every non-zero cell of `grid` (system, site, quarter).
void addCells(nlohmann::json& out, const UnitGrid& grid, std::vector<int> prefix = {})
{
    for (int s = 0; s < grid.systems(); ++s) {
        for (int j = 0; j < grid.sites(); ++j) {
            for (int t = 0; t < grid.quarters(); ++t) {
                if (grid(s, j, t) != 0.0) {
                    nlohmann::json cell = nlohmann::json::array();
                    for (const int p : prefix) {
                        cell.push_back(p);
                    }
                    cell.push_back(s);
                    cell.push_back(j);
                    cell.push_back(t);
                    cell.push_back(grid(s, j, t));
                    out.push_back(cell);
                }
            }
        }
    }
}

/// Reads the rows of `decisions[key]`: each an array of `limits.size()` indices below their limits
/// and a number.
template <typename Visit>
void readRows(const nlohmann::json& decisions, const char* key, const std::vector<int>& limits,
              const std::string& where, Visit visit)
{
    if (!decisions.contains(key)) {
        return;
    }
    const auto& rows = decisions.at(key);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string path = where + ": decisions." + key + "[" + std::to_string(r) + "]";
        if (!row.is_array() || row.size() != limits.size() + 1 || !row.back().is_number()) {
            throw FileFormatError(path + ": expected " + std::to_string(limits.size()) + " indices and a number");
        }
        std::vector<int> indices;
        for (std::size_t k = 0; k < limits.size(); ++k) {
            if (!row[k].is_number_integer() || row[k].get<int>() < 0 || row[k].get<int>() >= limits[k]) {
                throw FileFormatError(path + "[" + std::to_string(k) + "]: " + row[k].dump() +
                                      " is out of range for this scenario");
            }
            indices.push_back(row[k].get<int>());
        }
        visit(indices, row.back().get<double>());
    }
}

/// The plan's rentals: contracts [quarter, cloud offer, blocks], the cloud offer of each named run,
/// and the rented accelerators in use [cloud offer, quarter, n] and [class, cloud offer, quarter, n].
void addRentalDecisions(nlohmann::json& d, const Plan& plan)
{
    d["rentals"] = nlohmann::json::array();
    for (const auto& r : plan.rentals) {
        d["rentals"].push_back({r.quarter, r.cloudOffer, r.blocks});
    }
    d["run_cloud_offers"] = plan.runCloudOffers;
    d["rented_training"] = nlohmann::json::array();
    d["rented_inference"] = nlohmann::json::array();
    for (std::size_t k = 0; k < plan.rentedTraining.size(); ++k) {
        for (std::size_t t = 0; t < plan.rentedTraining[k].size(); ++t) {
            if (plan.rentedTraining[k][t] != 0.0) {
                d["rented_training"].push_back({k, t, plan.rentedTraining[k][t]});
            }
        }
    }
    for (std::size_t c = 0; c < plan.rentedInference.size(); ++c) {
        for (std::size_t k = 0; k < plan.rentedInference[c].size(); ++k) {
            for (std::size_t t = 0; t < plan.rentedInference[c][k].size(); ++t) {
                if (plan.rentedInference[c][k][t] != 0.0) {
                    d["rented_inference"].push_back({c, k, t, plan.rentedInference[c][k][t]});
                }
            }
        }
    }
}

} // namespace

nlohmann::json planDecisions(const Plan& plan, const std::vector<ShadowPrice>& prices)
{
    nlohmann::json d = {{"status", std::string(toString(plan.status))},
                        {"method", plan.method},
                        {"objective_usd", plan.objectiveUsd},
                        {"gap", plan.gap},
                        {"solve_s", plan.solveSeconds},
                        {"build_s", plan.buildSeconds},
                        {"columns", plan.columns},
                        {"rows", plan.rows},
                        {"integer_columns", plan.integerColumns},
                        {"run_sites", plan.runSites},
                        {"run_families", plan.runFamilies},
                        {"diagnosis", plan.diagnosis}};
    d["purchases"] = nlohmann::json::array();
    for (const auto& p : plan.purchases) {
        d["purchases"].push_back({p.quarter, p.site, p.offer, p.count});
    }
    d["retirements"] = nlohmann::json::array();
    for (const auto& r : plan.retirements) {
        d["retirements"].push_back({r.quarter, r.site, r.system, r.count});
    }
    d["build_out_mw"] = nlohmann::json::array();
    for (std::size_t j = 0; j < plan.buildOutMw.size(); ++j) {
        for (std::size_t t = 0; t < plan.buildOutMw[j].size(); ++t) {
            if (plan.buildOutMw[j][t] != 0.0) {
                d["build_out_mw"].push_back({j, t, plan.buildOutMw[j][t]});
            }
        }
    }
    d["shadow_prices"] = nlohmann::json::array();
    for (const auto& p : prices) {
        d["shadow_prices"].push_back({{"constraint", p.constraint},
                                      {"site", p.site},
                                      {"quarter", p.quarter},
                                      {"offer", p.offer},
                                      {"value", p.value},
                                      {"unit", p.unit},
                                      {"cloud_offer", p.cloudOffer}});
    }
    d["training"] = nlohmann::json::array();
    addCells(d["training"], plan.training);
    d["reserved"] = nlohmann::json::array();
    addCells(d["reserved"], plan.reserved);
    d["capped"] = nlohmann::json::array();
    addCells(d["capped"], plan.capped);
    d["inference"] = nlohmann::json::array();
    for (std::size_t c = 0; c < plan.inference.size(); ++c) {
        addCells(d["inference"], plan.inference[c], {static_cast<int>(c)});
    }
    addRentalDecisions(d, plan);
    return d;
}

namespace {

/// The rentals of saved decisions (addRentalDecisions); a plan saved before rentals has none.
void readRentalDecisions(const PlanModel& m, const nlohmann::json& d, const std::string& where, Plan& plan)
{
    const int K = m.cloudOffers();
    const int T = m.quarters();
    readRows(d, "rentals", {T, K}, where, [&](const std::vector<int>& i, double blocks) {
        plan.rentals.push_back({i[0], i[1], static_cast<int>(std::lround(blocks))});
    });
    plan.runCloudOffers = d.value("run_cloud_offers", std::vector<int>(m.scenario.trainingRuns.size(), -1));
    if (plan.runCloudOffers.size() != m.scenario.trainingRuns.size() ||
        std::any_of(plan.runCloudOffers.begin(), plan.runCloudOffers.end(), [&](int k) { return k < -1 || k >= K; })) {
        throw FileFormatError(where + ": decisions.run_cloud_offers: not one cloud offer (or −1) per named run");
    }
    plan.rentedTraining.assign(static_cast<std::size_t>(K), std::vector<double>(static_cast<std::size_t>(T), 0.0));
    plan.rentedInference.assign(static_cast<std::size_t>(m.inferenceClasses()), plan.rentedTraining);
    readRows(d, "rented_training", {K, T}, where,
             [&](const std::vector<int>& i, double n) { plan.rentedTraining[i[0]][i[1]] = n; });
    readRows(d, "rented_inference", {m.inferenceClasses(), K, T}, where,
             [&](const std::vector<int>& i, double n) { plan.rentedInference[i[0]][i[1]][i[2]] = n; });
}

/// The system family serving each named run at its site (addPlan's run_families). A plan saved
/// before training clusters has none: each placed run is read as on the family with the most
/// accelerators reserved at its site in its first quarter (the evaluator then shows a split run short).
void readRunFamilies(const PlanModel& m, const nlohmann::json& d, const std::string& where, Plan& plan)
{
    const auto runs = m.scenario.trainingRuns.size();
    if (d.contains("run_families")) {
        plan.runFamilies = d.value("run_families", std::vector<int>{});
        if (plan.runFamilies.size() != runs || std::any_of(plan.runFamilies.begin(), plan.runFamilies.end(),
                                                           [&](int f) { return f < -1 || f >= m.families(); })) {
            throw FileFormatError(where + ": decisions.run_families: not one system family (or −1) per named run");
        }
        return;
    }
    plan.runFamilies.assign(runs, -1);
    for (std::size_t r = 0; r < runs; ++r) {
        const int j = plan.runSites[r];
        const int t = m.runFirstQuarter(static_cast<int>(r));
        double most = 0.0;
        for (std::size_t s = 0; s < m.systems.size() && j >= 0 && j < m.sites() && t >= 0 && t < m.quarters(); ++s) {
            const double accelerators = plan.reserved(s, j, t) * m.systems[s].accelerators;
            if (accelerators > most) {
                most = accelerators;
                plan.runFamilies[r] = m.fabricOf[s];
            }
        }
    }
}

/// The units in capped power domains. A plan saved before they were decisions has none: there the
/// units serving inference at a site that oversubscribes were the capped ones.
void readCapped(const PlanModel& m, const nlohmann::json& d, const std::string& where, Plan& plan)
{
    if (!m.scenario.capsPower()) {
        return;
    }
    plan.capped = m.zeroGrid();
    if (d.contains("capped")) {
        readRows(d, "capped", {static_cast<int>(m.systems.size()), m.sites(), m.quarters()}, where,
                 [&](const std::vector<int>& i, double units) { plan.capped(i[0], i[1], i[2]) = units; });
        return;
    }
    for (const auto& grid : plan.inference) {
        for (int s = 0; s < grid.systems(); ++s) {
            for (int j = 0; j < grid.sites(); ++j) {
                const bool capping = m.scenario.sites[static_cast<std::size_t>(j)].oversubscription > 0.0;
                for (int t = 0; t < grid.quarters() && capping; ++t) {
                    plan.capped(s, j, t) += grid(s, j, t);
                }
            }
        }
    }
}

Plan readPlan(const PlanModel& m, const nlohmann::json& d, const std::string& where)
{
    if (!d.is_object()) {
        throw FileFormatError(where + ": decisions: not a JSON object");
    }
    Plan plan;
    const std::string status = d.value("status", "");
    const auto* known =
        std::find_if(std::begin(statuses), std::end(statuses), [&](PlanStatus s) { return toString(s) == status; });
    if (known == std::end(statuses)) {
        throw FileFormatError(where + ": decisions.status: \"" + status + "\" is not a plan status");
    }
    plan.status = *known;
    plan.method = d.value("method", "");
    plan.objectiveUsd = d.value("objective_usd", 0.0);
    plan.gap = d.value("gap", 0.0);
    plan.solveSeconds = d.value("solve_s", 0.0);
    plan.buildSeconds = d.value("build_s", 0.0);
    plan.columns = d.value("columns", 0);
    plan.rows = d.value("rows", 0);
    plan.integerColumns = d.value("integer_columns", 0);
    plan.diagnosis = d.value("diagnosis", std::vector<std::string>{});
    plan.runSites = d.value("run_sites", std::vector<int>{});
    if (plan.runSites.size() != m.scenario.trainingRuns.size()) {
        throw FileFormatError(where + ": decisions.run_sites: " + std::to_string(plan.runSites.size()) + " sites for " +
                              std::to_string(m.scenario.trainingRuns.size()) + " named runs");
    }
    const int S = static_cast<int>(m.systems.size());
    const int J = m.sites();
    const int T = m.quarters();
    const auto count = [](double value) { return static_cast<int>(std::lround(value)); };
    readRows(d, "purchases", {T, J, m.offers()}, where, [&](const std::vector<int>& i, double n) {
        plan.purchases.push_back({i[0], i[1], i[2], count(n)});
    });
    readRows(d, "retirements", {T, J, S}, where, [&](const std::vector<int>& i, double n) {
        plan.retirements.push_back({i[0], i[1], i[2], count(n)});
    });
    readRows(d, "build_out_mw", {J, T}, where, [&](const std::vector<int>& i, double mw) {
        plan.buildOutMw.resize(static_cast<std::size_t>(J), std::vector<double>(static_cast<std::size_t>(T), 0.0));
        plan.buildOutMw[static_cast<std::size_t>(i[0])][static_cast<std::size_t>(i[1])] = mw;
    });
    plan.training = m.zeroGrid();
    readRows(d, "training", {S, J, T}, where,
             [&](const std::vector<int>& i, double units) { plan.training(i[0], i[1], i[2]) = units; });
    plan.reserved = m.zeroGrid();
    readRows(d, "reserved", {S, J, T}, where,
             [&](const std::vector<int>& i, double units) { plan.reserved(i[0], i[1], i[2]) = units; });
    readRunFamilies(m, d, where, plan);
    plan.inference.assign(static_cast<std::size_t>(m.inferenceClasses()), m.zeroGrid());
    readRows(d, "inference", {m.inferenceClasses(), S, J, T}, where,
             [&](const std::vector<int>& i, double units) { plan.inference[i[0]](i[1], i[2], i[3]) = units; });
    readCapped(m, d, where, plan);
    readRentalDecisions(m, d, where, plan);
    return plan;
}

std::vector<ShadowPrice> readShadowPrices(const PlanModel& m, const nlohmann::json& d, const std::string& where)
{
    std::vector<ShadowPrice> prices;
    const auto rows = d.value("shadow_prices", nlohmann::json::array());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        ShadowPrice p{row.value("constraint", ""), row.value("site", -1),   row.value("quarter", -1),
                      row.value("offer", -1),      row.value("value", 0.0), row.value("unit", ""),
                      row.value("cloud_offer", -1)};
        if (p.site >= m.sites() || p.quarter >= m.quarters() || p.offer >= m.offers() ||
            p.cloudOffer >= m.cloudOffers() ||
            (p.site < 0 && (p.constraint == "site_power" || p.constraint == "site_racks")) ||
            (p.offer < 0 && p.constraint == "supply") || (p.cloudOffer < 0 && p.constraint == "rented_capacity")) {
            throw FileFormatError(where + ": decisions.shadow_prices[" + std::to_string(r) +
                                  "]: its site, quarter, offer or cloud offer is out of range for this scenario");
        }
        prices.push_back(p);
    }
    return prices;
}

} // namespace

// The decisions come from a file: a value of the wrong JSON type is a FileFormatError naming it,
// never a json::type_error escaping to the caller.
Plan planFromDecisions(const PlanModel& m, const nlohmann::json& d, const std::string& where)
{
    try {
        return readPlan(m, d, where);
    } catch (const nlohmann::json::exception& e) {
        throw FileFormatError(where + ": decisions: " + e.what());
    }
}

std::vector<ShadowPrice> shadowPricesFromDecisions(const PlanModel& m, const nlohmann::json& d,
                                                   const std::string& where)
{
    try {
        return readShadowPrices(m, d, where);
    } catch (const nlohmann::json::exception& e) {
        throw FileFormatError(where + ": decisions.shadow_prices: " + e.what());
    }
}

} // namespace fw::core::plan
