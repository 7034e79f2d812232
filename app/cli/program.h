// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/cli/commands.h"

namespace fw::cli {

/// A command-line program over a table of subcommands: fleetwright-cli (every command) and
/// fleetwright-mpi (the commands that share futures between MPI ranks).
struct Program {
    std::string_view name;    ///< "fleetwright-cli": the usage's and every error line's first word
    std::string_view summary; ///< the usage's line under the synopsis
    const std::vector<Command>& commands;
};

/// Runs `arguments` (argv without the program) as `program`: --help, --version, or a subcommand.
/// Every failure ends as one line on stderr: exit 2 for the command line, 1 for anything else —
/// including what escapes from a library (a bad_alloc, a JSON type error), which is a defect to fix
/// but still never a crash.
int runProgram(const Program& program, const std::vector<std::string>& arguments);

} // namespace fw::cli
