// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "app/cli/commands.h"
#include "core/catalog/catalogcsv.h"
#include "core/fileio.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// `export FILE --catalog-csv OUT`: the fleet file's catalog as one CSV, written atomically.
int runExport(Arguments args)
{
    const auto catalogCsv = args.option("catalog-csv");
    const std::string file = args.positional("FILE");
    args.finish();
    if (!catalogCsv) {
        throw UsageError("export needs --catalog-csv OUT");
    }
    const auto database = core::store::FleetDatabase::open(file);
    core::writeFileAtomically(*catalogCsv, core::catalog::catalogToCsv(database.fleet().catalog));
    std::cout << *catalogCsv << "\n";
    return 0;
}

} // namespace fw::cli
