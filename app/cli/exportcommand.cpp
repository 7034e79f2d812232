// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "app/cli/commands.h"
#include "core/catalog/catalogcsv.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/plan/scenario.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// `export FILE --scenario NAME --json OUT`: the scenario in its JSON form.
/// `export FILE --catalog-csv OUT`: the fleet file's catalog as one CSV, written atomically.
int runExport(Arguments args)
{
    const auto catalogCsv = args.option("catalog-csv");
    const auto scenario = args.option("scenario");
    const auto jsonOut = args.option("json");
    const std::string file = args.positional("FILE");
    args.finish();
    if (!catalogCsv && !(scenario && jsonOut)) {
        throw UsageError("export needs --catalog-csv OUT or --scenario NAME --json OUT");
    }
    const auto database = core::store::FleetDatabase::open(file);
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
