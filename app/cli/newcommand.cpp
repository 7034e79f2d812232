// SPDX-License-Identifier: Apache-2.0
#include <filesystem>
#include <iostream>

#include "app/cli/commands.h"
#include "core/error.h"
#include "core/fleet.h"
#include "core/store/fleetdatabase.h"

namespace fw::cli {

/// `new FILE [--sample]`: refuses to replace an existing file.
int runNew(Arguments args)
{
    const bool sample = args.flag("sample");
    const std::filesystem::path file = args.positional("FILE");
    args.finish();
    if (std::filesystem::exists(file)) {
        throw core::IoError(file.string() + ": already exists; choose another name or remove it first");
    }
    const core::Fleet fleet = sample ? core::sampleFleet() : core::newFleet(file.stem().string());
    core::store::FleetDatabase::create(file, fleet);
    std::cout << file.string() << "\n";
    return 0;
}

} // namespace fw::cli
