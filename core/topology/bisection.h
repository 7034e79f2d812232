// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/topology/fabric.h"
#include "core/topology/flownetwork.h"

namespace fw::core::topology {

/// A split of the fabric's nodes into two halves of ⌊n/2⌋ and ⌈n/2⌉ nodes.
struct BalancedCut {
    std::string name;              ///< "across dimension 1 (16 of 16×4)", "pod-aligned", "by node index", …
    std::vector<std::int8_t> side; ///< per node (Fabric::nodes order): 0 first half, 1 second
};

/// The candidate balanced cuts of a fabric, each once (a cut and its mirror are one cut):
/// - torus: one across each even dimension (the lower half of its coordinates against the upper);
///   the index split if no dimension is even;
/// - fat tree: pod-aligned (3 tiers) and leaf-block-aligned cuts, which keep whole pods or blocks
///   on one side, largest first, and split at most one; and the index split;
/// - dragonfly: the group-aligned cut and the index split.
/// By symmetry the minimum over them is exact for tori whose longest dimension is even and for fat
/// trees (without multi-node scale-up domains) whose pods and leaf blocks all hold the same number
/// of nodes; otherwise it is an upper bound on the minimum bisection.
struct CutCandidates {
    std::vector<BalancedCut> cuts;
    bool exact = false; ///< the minimum over `cuts` is the minimum bisection
    std::string bound;  ///< why it is exact, or that it is an upper bound
};
CutCandidates candidateCuts(const Fabric& fabric);

/// One candidate's flow.
struct CutFlow {
    std::string name;
    double gbps = 0.0;     ///< maximum flow from the first half to the second, one direction
    double fullGbps = 0.0; ///< the smaller half's injection bandwidth
    double seconds = 0.0;
};

/// Bisection bandwidth: the minimum over the candidate cuts of the maximum flow (Boost.Graph,
/// fastestMaxFlow() on a FlowNetwork built once) from one half of the nodes to the other, in one
/// direction, in Gb/s; every node of the first half injects at its full bandwidth into the fabric
/// (its links to switches; half its links in a torus) and every node of the second half drains
/// as much. Servers may forward between their own links (rail to rail inside the node); fabric
/// managers (UFM) do not. `exact` and `bound`: see CutCandidates.
struct Bisection {
    double bisectionGbps = 0.0;     ///< the minimum cut's flow
    double fullBisectionGbps = 0.0; ///< the minimum cut's smaller half at full injection
    double ratio = 0.0;             ///< bisectionGbps ÷ fullBisectionGbps
    std::string cut;                ///< the minimum cut's name
    bool exact = false;
    std::string bound;             ///< why it is exact, or that it is an upper bound
    std::vector<CutFlow> cuts;     ///< every candidate, in candidateCuts() order
    std::vector<std::int8_t> side; ///< the minimum cut's halves, per node
    double seconds = 0.0;          ///< building the flow network and every cut's flow
};

/// The one-line convention, for --help, the README and GraphML.
inline constexpr const char* bisectionConvention =
    "bisection_gbps: the minimum over candidate balanced cuts of the maximum flow from one half of the nodes to "
    "the other, one direction, Gb/s";

/// Bisection of the intact fabric, or with `damage` (failure trials). Blocking and pure.
Bisection bisection(const Fabric& fabric, const Damage& damage = {});

/// The same, reusing `network` (built for `fabric`) and `candidates` (candidateCuts(fabric)): what
/// failure trials call once per trial. `seconds` covers the flows only.
Bisection bisection(const Fabric& fabric, FlowNetwork& network, const CutCandidates& candidates,
                    const Damage& damage = {});

} // namespace fw::core::topology
