// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/fabricdesign.h"

#include <chrono>

#include "core/limits.h"

namespace fw::ui {

FabricDesign designFabric(const core::topology::FabricSpec& spec, const core::catalog::Catalog& catalog,
                          int maxFailedSwitches, int trials, unsigned seed)
{
    using namespace fw::core::topology;
    const auto started = std::chrono::steady_clock::now();
    FabricDesign d;
    d.fabric = buildFabric(spec);
    d.bom = billOfMaterials(d.fabric, catalog);
    FlowNetwork network(d.fabric);
    d.bisection = bisection(d.fabric, network, candidateCuts(d.fabric));
    d.hops = hopStatistics(d.fabric);
    d.pathDiversity = pathDiversity(d.fabric, network);
    const int step = std::max(1, maxFailedSwitches / 8);
    // Up to 9 failure points of `trials` each, against the same work budget as the CLI's --trials.
    core::limits::check(core::limits::failureTrials, trials, "failure trials");
    core::limits::checkProduct(core::limits::failureWork, 9LL * trials,
                               static_cast<std::int64_t>(boost::num_edges(d.fabric.graph)),
                               "failure trials × graph edges");
    for (int failed = 0; failed <= maxFailedSwitches; failed += step) {
        d.failedSwitches.push_back(failed);
        d.failures.push_back(failSwitches(d.fabric, failed, failed == 0 ? 1 : trials, seed));
    }
    d.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return d;
}

} // namespace fw::ui
