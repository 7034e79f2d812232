// SPDX-License-Identifier: Apache-2.0
#include <string>
#include <vector>

#include "app/cli/program.h"

int main(int argc, char** argv)
{
    const fw::cli::Program program{
        "fleetwright-cli",
        "Plans GPU datacenter fleets: catalog, export controls, fabrics, capacity, cost and purchase plans.",
        fw::cli::allCommands()};
    return fw::cli::runProgram(program, std::vector<std::string>(argv + 1, argv + argc));
}
