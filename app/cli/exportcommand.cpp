// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "app/cli/commands.h"
#include "core/catalog/catalogcsv.h"
#include "core/compliance/rulelibrary.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/plan/evaluator.h"
#include "core/plan/optimizer.h"
#include "core/plan/scenario.h"
#include "core/report/plantables.h"
#include "core/store/fleetdatabase.h"
#include "core/workload/assumptions.h"

namespace fw::cli {

/// `export FILE [--scenario NAME] --xlsx OUT | --csv DIR`: the scenario's plan as spreadsheet tables.
/// `export FILE --scenario NAME --json OUT`: the scenario in its JSON form.
/// `export FILE --catalog-csv OUT`: the fleet file's catalog as one CSV, written atomically.
int runExport(Arguments args)
{
    const auto catalogCsv = args.option("catalog-csv");
    const auto scenario = args.option("scenario");
    const auto jsonOut = args.option("json");
    const auto xlsx = args.option("xlsx");
    const auto csvDirectory = args.option("csv");
    const std::string file = args.positional("FILE");
    args.finish();
    if (!catalogCsv && !(scenario && jsonOut) && !xlsx && !csvDirectory) {
        throw UsageError("export needs --catalog-csv OUT, --scenario NAME --json OUT, --xlsx OUT or --csv DIR");
    }
    for (const auto& out : {catalogCsv, jsonOut, xlsx}) {
        if (out) {
            core::requireWritableTarget(*out); // before any work: a directory or a missing folder is refused now
        }
    }
    const auto database = core::store::FleetDatabase::open(file);
    if (xlsx || csvDirectory) {
        // The plan of the scenario (the file's first without --scenario) as tables.
        const auto& fleet = database.fleet();
        const core::plan::Scenario* chosen = fleet.scenarios.empty() ? nullptr : &fleet.scenarios.front();
        for (const auto& s : fleet.scenarios) {
            if (scenario && s.name == *scenario) {
                chosen = &s;
            }
        }
        if (chosen == nullptr || (scenario && chosen->name != *scenario)) {
            throw core::ValidationError(file + ": no scenario" +
                                        (scenario ? " named '" + *scenario + "'" : std::string()));
        }
        const auto rules = core::compliance::RuleLibrary::loadShipped();
        const auto model = core::plan::buildPlanModel(*chosen, fleet, rules, core::workload::shippedModelAssumptions());
        const auto plan = core::plan::optimize(model);
        const auto tables = core::report::planTables(fleet, model, plan, core::plan::evaluate(model, plan), rules);
        if (xlsx) {
            core::report::writeXlsx(*xlsx, tables);
            std::cout << *xlsx << "\n";
        }
        if (csvDirectory) {
            core::report::writeCsvDirectory(*csvDirectory, tables);
            std::cout << *csvDirectory << "\n";
        }
        return 0;
    }
    if (scenario) {
        for (const auto& s : database.fleet().scenarios) {
            if (s.name == *scenario) {
                core::writeFileAtomically(*jsonOut, core::plan::scenarioToJson(s));
                std::cout << *jsonOut << "\n";
                return 0;
            }
        }
        throw core::ValidationError(file + ": no scenario named '" + *scenario + "'");
    }
    core::writeFileAtomically(*catalogCsv, core::catalog::catalogToCsv(database.fleet().catalog));
    std::cout << *catalogCsv << "\n";
    return 0;
}

} // namespace fw::cli
