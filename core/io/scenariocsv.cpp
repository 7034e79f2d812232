// SPDX-License-Identifier: Apache-2.0
#include "core/io/scenariocsv.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.h"
#include "core/io/csv.h"
#include "core/numbertext.h"
#include "core/plan/scenariocheck.h"

namespace fw::core::io {
namespace {

using plan::Quarter;
using plan::Scenario;

/// The columns of one table: which are known (for refusing the others) and which are required.
struct Columns {
    const SpreadsheetTable& table;
    std::set<int> known;

    /// The column named `name`, or -1; marks it known.
    int optional(std::string_view name)
    {
        const int c = table.column(name);
        if (c >= 0) {
            known.insert(c);
        }
        return c;
    }
    int required(std::string_view name)
    {
        const int c = optional(name);
        if (c < 0) {
            throw FileFormatError(table.fileName + ": row " + std::to_string(headerRow()) + ": missing column '" +
                                  std::string(name) + "'");
        }
        return c;
    }
    /// Refuses a column none of the reads above asked for, naming the ones that are read.
    void refuseOthers(const std::string& expected) const
    {
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            if (!known.contains(static_cast<int>(c))) {
                throw FileFormatError(table.fileName + ": row " + std::to_string(headerRow()) + ", column " +
                                      std::to_string(c + 1) + ": unknown column '" + table.header[c] +
                                      "' (the columns are " + expected + ")");
            }
        }
    }
    std::size_t headerRow() const { return table.headerRow; }
};

const std::string& cell(const SpreadsheetTable& t, std::size_t row, int column)
{
    return t.rows[row][static_cast<std::size_t>(column)];
}

std::string textCell(const SpreadsheetTable& t, std::size_t row, int column)
{
    if (cell(t, row, column).empty()) {
        throw FileFormatError(t.where(row, column) + ": empty");
    }
    return cell(t, row, column);
}

double nonNegative(const SpreadsheetTable& t, std::size_t row, int column, double fallback)
{
    const double value = column < 0 ? fallback : t.number(row, column).value_or(fallback);
    if (value < 0.0) {
        throw FileFormatError(t.where(row, column) + ": " + cell(t, row, column) + " is below 0");
    }
    return value;
}

Quarter quarterCell(const SpreadsheetTable& t, std::size_t row, int column)
{
    try {
        return Quarter::parse(textCell(t, row, column));
    } catch (const ValidationError& e) {
        throw FileFormatError(t.where(row, column) + ": " + e.what());
    }
}

std::string catalogSystem(const SpreadsheetTable& t, std::size_t row, int column, const catalog::Catalog& catalog)
{
    const std::string key = textCell(t, row, column);
    const auto* system = catalog.findSystem(key);
    if (system == nullptr) {
        throw FileFormatError(t.where(row, column) + ": no system \"" + key + "\" in the fleet's catalog");
    }
    return system->sku;
}

std::vector<plan::InstalledSystems> installedRows(const SpreadsheetTable& t, const Scenario& s,
                                                  const catalog::Catalog& catalog)
{
    Columns columns{t, {}};
    const int site = columns.required("site");
    const int system = columns.required("system");
    const int count = columns.required("count");
    const int age = columns.optional("age_years");
    const int purchased = columns.optional("purchased");
    const int resale = columns.optional("resale_usd");
    const int price = columns.optional("price_usd");
    columns.refuseOthers("site, system, count, age_years or purchased, resale_usd or price_usd");
    std::vector<plan::InstalledSystems> rows;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        plan::InstalledSystems i;
        i.site = textCell(t, r, site);
        if (std::none_of(s.sites.begin(), s.sites.end(), [&](const auto& x) { return x.name == i.site; })) {
            throw FileFormatError(t.where(r, site) + ": no site \"" + i.site + "\" in scenario '" + s.name + "'");
        }
        i.system = catalogSystem(t, r, system, catalog);
        const auto units = t.count(r, count);
        if (!units) {
            throw FileFormatError(t.where(r, count) + ": empty");
        }
        i.count = *units;
        if (age >= 0 && purchased >= 0 && !cell(t, r, age).empty() && !cell(t, r, purchased).empty()) {
            throw FileFormatError(t.where(r, purchased) + ": give age_years or purchased, not both");
        }
        i.ageYears = nonNegative(t, r, age, 0.0);
        if (purchased >= 0 && !cell(t, r, purchased).empty()) {
            const int quarters = plan::quartersFrom(quarterCell(t, r, purchased), s.firstQuarter);
            if (quarters < 0) {
                throw FileFormatError(t.where(r, purchased) + ": " + cell(t, r, purchased) +
                                      " is after the horizon's first quarter " + s.firstQuarter.toString());
            }
            i.ageYears = quarters / 4.0;
        }
        if (resale >= 0 && !cell(t, r, resale).empty()) {
            i.resaleUsd = nonNegative(t, r, resale, 0.0);
        }
        if (price >= 0 && !cell(t, r, price).empty()) {
            if (i.resaleUsd) {
                throw FileFormatError(t.where(r, price) + ": give resale_usd or price_usd, not both");
            }
            i.priceUsd = nonNegative(t, r, price, 0.0);
        }
        rows.push_back(i);
    }
    return rows;
}

std::vector<plan::QuarterDemand> demandRows(const SpreadsheetTable& t, const Scenario& s)
{
    Columns columns{t, {}};
    const int quarter = columns.required("quarter");
    const int training = columns.optional("training_pflops");
    const int forecastTraining = columns.optional("forecast_training_pflops");
    const int largestJob = columns.optional("largest_training_job_pflops");
    std::vector<int> classColumns;
    std::vector<int> forecastColumns;
    std::string expected = "quarter, training_pflops, forecast_training_pflops, largest_training_job_pflops";
    for (const auto& c : s.inferenceClasses) {
        const bool single = s.inferenceClasses.size() == 1;
        const int column =
            single && t.column(c.name) < 0 ? columns.optional("inference_tokens_per_s") : columns.optional(c.name);
        classColumns.push_back(column);
        forecastColumns.push_back(columns.optional(c.name + " forecast"));
        expected += ", " + (single ? "inference_tokens_per_s or " : std::string()) + "'" + c.name + "', '" + c.name +
                    " forecast'";
    }
    columns.refuseOthers(expected + " (columns of contracted and forecast tokens/s per inference class of scenario '" +
                         s.name + "')");
    if (t.rows.empty()) {
        throw FileFormatError(t.fileName + ": no rows; the demand needs at least the first quarter's");
    }
    if (static_cast<int>(t.rows.size()) > s.quarters) {
        throw FileFormatError(t.where(static_cast<std::size_t>(s.quarters), quarter) + ": the horizon has " +
                              std::to_string(s.quarters) + " quarters");
    }
    std::vector<plan::QuarterDemand> rows;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const Quarter expectedQuarter = s.firstQuarter.plus(static_cast<int>(r));
        if (!(quarterCell(t, r, quarter) == expectedQuarter)) {
            throw FileFormatError(t.where(r, quarter) + ": expected " + expectedQuarter.toString() +
                                  " (one row per quarter, in order from the horizon's first)");
        }
        plan::QuarterDemand d;
        d.trainingPflops = nonNegative(t, r, training, 0.0);
        d.forecastTrainingPflops = nonNegative(t, r, forecastTraining, 0.0);
        d.largestTrainingJobPflops = nonNegative(t, r, largestJob, 0.0);
        if (d.largestTrainingJobPflops > d.totalTraining()) {
            throw FileFormatError(t.where(r, largestJob) + ": " + formatNumber(d.largestTrainingJobPflops) +
                                  " is above the row's training demand (contracted and forecast, " +
                                  formatNumber(d.totalTraining()) + "): the job is part of it");
        }
        for (std::size_t k = 0; k < classColumns.size(); ++k) {
            d.inferenceTokensPerSecond.push_back(nonNegative(t, r, classColumns[k], 0.0));
            d.forecastInferenceTokensPerSecond.push_back(nonNegative(t, r, forecastColumns[k], 0.0));
        }
        rows.push_back(d);
    }
    return rows;
}

/// A per-quarter series: one number in column `single`, or a column `<prefix> <quarter>` per
/// quarter, consecutive from the horizon's first. Empty when the row gives none.
std::vector<double> seriesCells(const SpreadsheetTable& t, std::size_t row, int single,
                                const std::vector<int>& byQuarter)
{
    int lastGiven = -1;
    for (std::size_t k = 0; k < byQuarter.size(); ++k) {
        if (!cell(t, row, byQuarter[k]).empty()) {
            lastGiven = static_cast<int>(k);
        }
    }
    if (single >= 0 && !cell(t, row, single).empty()) {
        if (lastGiven >= 0) {
            throw FileFormatError(t.where(row, byQuarter[static_cast<std::size_t>(lastGiven)]) + ": give '" +
                                  t.header[static_cast<std::size_t>(single)] + "' or one value per quarter, not both");
        }
        return {nonNegative(t, row, single, 0.0)};
    }
    std::vector<double> series;
    for (int k = 0; k <= lastGiven; ++k) {
        const int column = byQuarter[static_cast<std::size_t>(k)];
        if (cell(t, row, column).empty()) {
            throw FileFormatError(t.where(row, column) +
                                  ": empty, but a later quarter has a value (leave only the quarters after the last "
                                  "value empty: the last value repeats)");
        }
        series.push_back(nonNegative(t, row, column, 0.0));
    }
    return series;
}

/// The columns `<prefix> 2027Q1`, `<prefix> 2027Q2` … present, in horizon order; a gap is refused.
std::vector<int> quarterColumns(Columns& columns, const std::string& prefix, const Scenario& s)
{
    std::vector<int> found;
    for (int k = 0; k < s.quarters; ++k) {
        const int c = columns.optional(prefix + " " + s.firstQuarter.plus(k).toString());
        if (c < 0) {
            break;
        }
        found.push_back(c);
    }
    return found;
}

std::vector<plan::Offer> marketRows(const SpreadsheetTable& t, const Scenario& s, const catalog::Catalog& catalog)
{
    Columns columns{t, {}};
    const int system = columns.required("system");
    const int condition = columns.optional("condition");
    const int age = columns.optional("age_years");
    const int lead = columns.optional("lead_quarters");
    const int price = columns.optional("price_usd");
    const int supply = columns.optional("supply_per_quarter");
    const auto prices = quarterColumns(columns, "price_usd", s);
    const auto supplies = quarterColumns(columns, "supply_per_quarter", s);
    const std::string first = s.firstQuarter.toString();
    columns.refuseOthers("system, condition, age_years, lead_quarters, price_usd, supply_per_quarter, and by "
                         "quarter 'price_usd " +
                         first + "', 'supply_per_quarter " + first + "' … consecutive from the horizon's first");
    std::vector<plan::Offer> rows;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        plan::Offer o;
        o.system = catalogSystem(t, r, system, catalog);
        const std::string kind = condition >= 0 && !cell(t, r, condition).empty() ? cell(t, r, condition) : "new";
        if (kind != "new" && kind != "used") {
            throw FileFormatError(t.where(r, condition) + ": \"" + kind + "\" is not new or used");
        }
        o.used = kind == "used";
        o.ageYears = nonNegative(t, r, age, 0.0);
        o.leadQuarters = lead >= 0 ? t.count(r, lead).value_or(0) : 0;
        o.priceUsd = seriesCells(t, r, price, prices);
        for (const double units : seriesCells(t, r, supply, supplies)) {
            if (units != std::floor(units) || units > 1e9) {
                throw FileFormatError(t.fileName + ": row " + std::to_string(t.rowNumbers[r]) + ": supply " +
                                      formatNumber(units) + " is not a whole number of units");
            }
            o.supply.push_back(static_cast<int>(units));
        }
        if (o.supply.empty()) {
            throw FileFormatError(t.fileName + ": row " + std::to_string(t.rowNumbers[r]) +
                                  ": no supply (column supply_per_quarter or 'supply_per_quarter " + first + "' …)");
        }
        rows.push_back(o);
    }
    return rows;
}

} // namespace

std::string_view toString(ScenarioTable table)
{
    switch (table) {
    case ScenarioTable::Fleet: return "fleet";
    case ScenarioTable::Demand: return "demand";
    case ScenarioTable::Market: return "market";
    }
    return "";
}

Scenario withTableFromCsv(Scenario scenario, ScenarioTable table, std::string_view text, const std::string& fileName,
                          const catalog::Catalog& catalog)
{
    const SpreadsheetTable t = readSpreadsheetCsv(text, fileName);
    switch (table) {
    case ScenarioTable::Fleet: scenario.installed = installedRows(t, scenario, catalog); break;
    case ScenarioTable::Demand: scenario.demand = demandRows(t, scenario); break;
    case ScenarioTable::Market: scenario.market = marketRows(t, scenario, catalog); break;
    }
    try {
        plan::checkScenario(scenario);
    } catch (const ValidationError& e) {
        throw FileFormatError(fileName + ": " + e.what());
    }
    return scenario;
}

} // namespace fw::core::io
