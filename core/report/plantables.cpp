// SPDX-License-Identifier: Apache-2.0
#include "core/report/plantables.h"

#include <xlsxwriter.h>

#include "core/compliance/classifier.h"
#include "core/compliance/treatment.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/numbertext.h"

namespace fw::core::report {
namespace {

/// One CSV field, quoted as RFC 4180 wants (the catalog CSV reads them back the same way).
std::string quoted(const std::string& text)
{
    std::string out = "\"";
    for (char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

} // namespace

std::vector<DataTable> planTables(const Fleet& fleet, const plan::PlanModel& m, const plan::Plan& plan,
                                  const plan::Evaluation& e, const compliance::RuleLibrary& rules)
{
    const auto& sc = m.scenario;
    DataTable purchases{"Purchases", {"quarter", "site", "country", "system", "condition", "count", "capex_usd"}, {}};
    DataTable treatment{
        "Compliance",
        {"quarter", "system", "site", "country", "eccn", "treatment", "review_policy", "rule_set", "paragraph", "url"},
        {}};
    for (const auto& p : plan.purchases) {
        const auto& site = sc.sites[static_cast<std::size_t>(p.site)];
        const auto& system = m.systems[static_cast<std::size_t>(p.offer)];
        const std::string quarter = sc.firstQuarter.plus(p.quarter).toString();
        purchases.rows.push_back({quarter, site.name, site.country, system.sku,
                                  std::string(system.used ? "used" : "new"), double(p.count),
                                  p.count * m.price(p.offer, p.quarter)});
        const auto* catalogSystem = fleet.catalog.findSystem(system.sku);
        const auto* accelerator = fleet.catalog.findAccelerator(catalogSystem->acceleratorSku);
        const auto stack = rules.stackAt(sc.firstQuarter.plus(p.quarter).firstDay());
        const auto d = compliance::determine(stack, rules.countryGroups(), compliance::itemMetrics(*accelerator),
                                             {site.country, m.company.hqCountry, m.company.parentHqCountry}, true);
        const auto citation = d.citations.empty() ? compliance::Citation{} : d.citations.back();
        treatment.rows.push_back(
            {quarter, system.sku, site.name, site.country, d.eccn, std::string(compliance::toString(d.treatment)),
             std::string(compliance::toString(d.reviewPolicy)), citation.ruleSet, citation.paragraph, citation.url});
    }
    DataTable quarters{
        "Quarters", {"quarter", "training_pflops", "training_demand_pflops", "training_unserved_pflops"}, {}};
    for (const auto& c : sc.inferenceClasses) {
        quarters.columns.push_back(c.name + " inference_tokens_per_s");
        quarters.columns.push_back(c.name + " inference_demand_tokens_per_s");
        quarters.columns.push_back(c.name + " inference_unserved_tokens_per_s");
    }
    quarters.columns.push_back("capex_usd");
    for (const auto& site : sc.sites) {
        quarters.columns.push_back(site.name + " power_mw");
        quarters.columns.push_back(site.name + " power_available_mw");
        quarters.columns.push_back(site.name + " racks");
    }
    for (const auto& q : e.quarters) {
        std::vector<std::variant<double, std::string>> row{q.quarter, q.trainingPflops, q.trainingDemandPflops,
                                                           q.trainingUnservedPflops};
        for (std::size_t c = 0; c < q.inferenceTokensPerSecond.size(); ++c) {
            row.emplace_back(q.inferenceTokensPerSecond[c]);
            row.emplace_back(q.inferenceDemandTokensPerSecond[c]);
            row.emplace_back(q.inferenceUnservedTokensPerSecond[c]);
        }
        row.emplace_back(q.capexUsd);
        for (std::size_t j = 0; j < q.powerMw.size(); ++j) {
            row.emplace_back(q.powerMw[j]);
            row.emplace_back(q.powerAvailableMw[j]);
            row.emplace_back(double(q.racks[j]));
        }
        quarters.rows.push_back(std::move(row));
    }
    DataTable retirements{"Retirements", {"quarter", "site", "country", "system", "count", "resale_usd"}, {}};
    for (const auto& r : plan.retirements) {
        const auto& site = sc.sites[static_cast<std::size_t>(r.site)];
        retirements.rows.push_back({sc.firstQuarter.plus(r.quarter).toString(), site.name, site.country,
                                    m.systems[static_cast<std::size_t>(r.system)].sku, double(r.count),
                                    r.count * m.saleProceedsUsd(r.system, r.site, r.quarter)});
    }
    return {std::move(purchases), std::move(retirements), std::move(quarters), std::move(treatment)};
}

void writeXlsx(const std::filesystem::path& file, const std::vector<DataTable>& tables)
{
    TemporaryFile temporary(file);
    lxw_workbook* workbook = workbook_new(temporary.path().c_str());
    if (workbook == nullptr) {
        throw IoError(file.string() + ": cannot create the workbook");
    }
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    for (const auto& table : tables) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.name.c_str());
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].c_str(), bold);
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
                const auto& cell = table.rows[r][c];
                const auto row = static_cast<lxw_row_t>(r + 1);
                const auto col = static_cast<lxw_col_t>(c);
                if (const auto* number = std::get_if<double>(&cell)) {
                    worksheet_write_number(sheet, row, col, *number, nullptr);
                } else {
                    worksheet_write_string(sheet, row, col, std::get<std::string>(cell).c_str(), nullptr);
                }
            }
        }
    }
    const lxw_error result = workbook_close(workbook);
    if (result != LXW_NO_ERROR) {
        throw IoError(file.string() + ": cannot write (" + lxw_strerror(result) + ")");
    }
    temporary.commit();
}

void writeCsvDirectory(const std::filesystem::path& directory, const std::vector<DataTable>& tables)
{
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) {
        throw IoError(directory.string() + ": cannot create (" + ec.message() + ")");
    }
    for (const auto& table : tables) {
        std::string csv;
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            csv += (c ? "," : "") + quoted(table.columns[c]);
        }
        csv += "\r\n";
        for (const auto& row : table.rows) {
            for (std::size_t c = 0; c < row.size(); ++c) {
                const auto* number = std::get_if<double>(&row[c]);
                csv += (c ? "," : "") + (number ? formatNumber(*number) : quoted(std::get<std::string>(row[c])));
            }
            csv += "\r\n";
        }
        writeFileAtomically(directory / (table.name + ".csv"), csv);
    }
}

} // namespace fw::core::report
