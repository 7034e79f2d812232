// SPDX-License-Identifier: Apache-2.0
#include "app/cli/commands.h"

namespace fw::cli {

const std::vector<Command>& allCommands()
{
    static const std::vector<Command> commands{
        {&newCommand, runNew},
        {&infoCommand, runInfo},
        {&catalogCommand, runCatalog},
        {&classifyCommand, runClassify},
        {&estimateTrainingCommand, runEstimateTraining},
        {&estimateInferenceCommand, runEstimateInference},
        {&estimatePowerCommand, runEstimatePower},
        {&estimateTcoCommand, runEstimateTco},
        {&topologyCommand, runTopology},
        {&planCommand, runPlan},
        {&riskCommand, runRisk},
        {&robustCommand, runRobust},
        {&importCommand, runImport},
        {&exportCommand, runExport},
        {&reportCommand, runReport},
        {&limitsCommand, runLimits},
    };
    return commands;
}

} // namespace fw::cli
