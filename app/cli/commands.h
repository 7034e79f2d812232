// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/cli/arguments.h"

namespace fw::cli {

// One function per subcommand, each in its own file. Each parses its options (UsageError on a bad
// command line), lets fw::core::Error through for main() to report, and returns the exit code.

int runNew(Arguments args);
int runInfo(Arguments args);
int runCatalog(Arguments args);
int runImport(Arguments args);
int runClassify(Arguments args);
int runEstimate(Arguments args);
int runTopology(Arguments args);
int runPlan(Arguments args);
int runExport(Arguments args);
int runReport(Arguments args, int argc, char** argv);

} // namespace fw::cli
