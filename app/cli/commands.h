// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "app/cli/arguments.h"

namespace fw::cli {

// One function per subcommand, each in its own file with the CommandSpec that describes its
// options. Each parses its options (UsageError on a bad command line), lets fw::core::Error through
// for main() to report, and returns the exit code.

int runNew(Arguments args);
int runInfo(Arguments args);
int runCatalog(Arguments args);
int runImport(Arguments args);
int runClassify(Arguments args);
int runEstimateTraining(Arguments args);
int runEstimateInference(Arguments args);
int runEstimatePower(Arguments args);
int runEstimateTco(Arguments args);
int runTopology(Arguments args);
int runPlan(Arguments args);
int runRisk(Arguments args);
int runRobust(Arguments args);
int runExport(Arguments args);
int runReport(Arguments args);
int runLimits(Arguments args);

extern const CommandSpec newCommand;
extern const CommandSpec infoCommand;
extern const CommandSpec catalogCommand;
extern const CommandSpec importCommand;
extern const CommandSpec classifyCommand;
extern const CommandSpec estimateTrainingCommand;
extern const CommandSpec estimateInferenceCommand;
extern const CommandSpec estimatePowerCommand;
extern const CommandSpec estimateTcoCommand;
extern const CommandSpec topologyCommand;
extern const CommandSpec planCommand;
extern const CommandSpec riskCommand;
extern const CommandSpec robustCommand;
extern const CommandSpec exportCommand;
extern const CommandSpec reportCommand;
extern const CommandSpec limitsCommand;

struct Command {
    const CommandSpec* spec;
    int (*run)(Arguments);
};

/// Every subcommand, in the order the top-level `--help` lists them.
const std::vector<Command>& allCommands();

} // namespace fw::cli
