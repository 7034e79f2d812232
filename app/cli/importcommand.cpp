// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "app/cli/commands.h"
#include "core/catalog/catalogcsv.h"
#include "core/fileio.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// `import FILE --catalog-csv IN`: replaces the fleet file's catalog with the CSV's, in one
/// transaction, after the whole CSV has been read and validated; on any error the file is unchanged.
int runImport(Arguments args)
{
    const auto catalogCsv = args.option("catalog-csv");
    const std::string file = args.positional("FILE");
    args.finish();
    if (!catalogCsv) {
        throw UsageError("import needs --catalog-csv IN");
    }
    auto database = core::store::FleetDatabase::open(file);
    core::Fleet fleet = database.fleet();
    fleet.catalog = core::catalog::catalogFromCsv(core::readTextFile(*catalogCsv), *catalogCsv);
    database.save(fleet);
    std::cout << "imported " << fleet.catalog.accelerators.size() << " accelerators, " << fleet.catalog.systems.size()
              << " systems, " << fleet.catalog.networkParts.size() << " network parts into " << file << "\n";
    return 0;
}

} // namespace fw::cli
