// SPDX-License-Identifier: Apache-2.0
#include "core/topology/bisection.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace fw::core::topology {
namespace {

constexpr double megabitsPerGigabit = 1000.0;

/// A node's bandwidth into the fabric: its links to switches, or half its links to other nodes (torus).
double injection(const FabricGraph& g, Vertex node)
{
    double toSwitches = 0.0;
    double toNodes = 0.0;
    for (auto [e, end] = boost::out_edges(node, g); e != end; ++e) {
        const VertexKind other = g[boost::target(*e, g)].kind;
        if (other == VertexKind::Node) {
            toNodes += g[*e].capacityGbps;
        } else if (other != VertexKind::ScaleUp && other != VertexKind::Management) {
            toSwitches += g[*e].capacityGbps;
        }
    }
    return toSwitches > 0.0 ? toSwitches : toNodes / 2.0;
}

BalancedCut indexSplit(std::size_t nodes)
{
    BalancedCut cut{"by node index (first half against second)", std::vector<std::int8_t>(nodes, 1)};
    std::fill(cut.side.begin(), cut.side.begin() + static_cast<std::ptrdiff_t>(nodes / 2), 0);
    return cut;
}

/// Keeps whole groups on the first side, largest first, while they fit in ⌊n/2⌋ nodes, then
/// fills the side from the first group left over (the one group split).
BalancedCut groupAligned(const std::vector<int>& groupOf, const std::string& level)
{
    std::map<int, std::vector<std::size_t>> members;
    for (std::size_t n = 0; n < groupOf.size(); ++n) {
        members[groupOf[n]].push_back(n);
    }
    std::vector<const std::vector<std::size_t>*> groups;
    for (const auto& [key, nodes] : members) {
        groups.push_back(&nodes);
    }
    std::stable_sort(groups.begin(), groups.end(), [](auto* a, auto* b) { return a->size() > b->size(); });
    const std::size_t half = groupOf.size() / 2;
    std::vector<std::int8_t> side(groupOf.size(), 1);
    std::size_t taken = 0;
    int whole = 0;
    const std::vector<std::size_t>* split = nullptr;
    for (const auto* group : groups) {
        if (taken + group->size() <= half) {
            for (std::size_t n : *group) {
                side[n] = 0;
            }
            taken += group->size();
            ++whole;
        } else if (split == nullptr) {
            split = group;
        }
    }
    bool splitUsed = false;
    if (taken < half && split != nullptr) {
        for (std::size_t i = 0; taken < half; ++i, ++taken) {
            side[(*split)[i]] = 0;
        }
        splitUsed = true;
    }
    if (groups.size() == 1) {
        return {"within the one " + level + " (its nodes split in half)", std::move(side)};
    }
    return {level + "-aligned (" + std::to_string(whole) + " of " + std::to_string(groups.size()) + " " + level +
                "s whole on the first side" + (splitUsed ? ", one split" : "") + ")",
            std::move(side)};
}

const char* axisName(std::size_t d)
{
    static const char* names[] = {"x", "y", "z"};
    return names[d];
}

std::vector<BalancedCut> torusCuts(const Fabric& f)
{
    const auto& dims = f.spec.dims;
    std::string shape;
    for (std::size_t d = 0; d < dims.size(); ++d) {
        shape += (d > 0 ? "×" : "") + std::to_string(dims[d]);
    }
    std::vector<BalancedCut> cuts;
    for (std::size_t d = 0; d < dims.size(); ++d) {
        if (dims[d] % 2 != 0) {
            continue;
        }
        std::int64_t stride = 1;
        for (std::size_t e = 0; e < d; ++e) {
            stride *= dims[e];
        }
        BalancedCut cut{"across " + std::string(axisName(d)) + " (" + std::to_string(dims[d]) + " of " + shape +
                            "): " + axisName(d) + " < " + std::to_string(dims[d] / 2) + " against the rest",
                        std::vector<std::int8_t>(f.nodes.size())};
        for (std::size_t n = 0; n < f.nodes.size(); ++n) {
            const auto coordinate = static_cast<std::int64_t>(n) / stride % dims[d];
            cut.side[n] = coordinate < dims[d] / 2 ? 0 : 1;
        }
        cuts.push_back(std::move(cut));
    }
    if (cuts.empty()) {
        cuts.push_back(indexSplit(f.nodes.size()));
    }
    return cuts;
}

/// Per node: its leaf block (the lowest-numbered plane-0 leaf it reaches) and that leaf's pod.
void fatTreeGroups(const Fabric& f, std::vector<int>& block, std::vector<int>& pod)
{
    const FabricGraph& g = f.graph;
    for (const Vertex node : f.nodes) {
        Vertex first = boost::graph_traits<FabricGraph>::null_vertex();
        for (auto [e, end] = boost::out_edges(node, g); e != end; ++e) {
            const Vertex other = boost::target(*e, g);
            if (g[other].kind == VertexKind::Leaf && g[other].plane == 0 && other < first) {
                first = other;
            }
        }
        const bool found = first != boost::graph_traits<FabricGraph>::null_vertex();
        block.push_back(found ? static_cast<int>(first) : -1);
        pod.push_back(found ? g[first].group : -1);
    }
}

bool equalSizes(const std::vector<int>& groupOf)
{
    std::map<int, std::size_t> sizes;
    for (int g : groupOf) {
        ++sizes[g];
    }
    return std::all_of(sizes.begin(), sizes.end(), [&](const auto& s) { return s.second == sizes.begin()->second; });
}

bool sameCut(const std::vector<std::int8_t>& a, const std::vector<std::int8_t>& b)
{
    if (a == b) {
        return true;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == b[i]) {
            return false;
        }
    }
    return true;
}

bool hasScaleUp(const Fabric& f)
{
    const FabricGraph& g = f.graph;
    for (auto [v, end] = boost::vertices(g); v != end; ++v) {
        if (g[*v].kind == VertexKind::ScaleUp) {
            return true;
        }
    }
    return false;
}

const std::string upperBound = "upper bound: the minimum over the candidate cuts; another balanced cut may carry less";

/// Tori: exact when the longest dimension is even (a straight cut across it is the minimum).
void torusExactness(const Fabric& f, CutCandidates& candidates)
{
    const int longest = *std::max_element(f.spec.dims.begin(), f.spec.dims.end());
    candidates.exact = longest % 2 == 0;
    candidates.bound = candidates.exact ? "exact: a torus's minimum bisection cuts its longest dimension in half"
                                        : upperBound + " (the longest dimension is odd)";
}

/// Fat trees: exact by symmetry when every pod and every leaf block holds as many nodes as the
/// others and no scale-up domain joins nodes across them.
void fatTreeExactness(const Fabric& f, const std::vector<int>& block, const std::vector<int>& pod,
                      CutCandidates& candidates)
{
    candidates.exact = !hasScaleUp(f) && equalSizes(block) && equalSizes(pod);
    candidates.bound = candidates.exact
                           ? "exact by symmetry: every pod and every leaf block holds the same number of nodes"
                           : upperBound;
}

} // namespace

CutCandidates candidateCuts(const Fabric& fabric)
{
    CutCandidates candidates;
    candidates.bound = upperBound;
    if (fabric.nodes.size() < 2) {
        return candidates;
    }
    std::vector<BalancedCut> found;
    switch (fabric.spec.kind) {
    case FabricKind::Torus:
        found = torusCuts(fabric);
        torusExactness(fabric, candidates);
        break;
    case FabricKind::FatTree: {
        std::vector<int> block;
        std::vector<int> pod;
        fatTreeGroups(fabric, block, pod);
        if (fabric.tiers == 3) {
            found.push_back(groupAligned(pod, "pod"));
        }
        found.push_back(groupAligned(block, "leaf block"));
        found.push_back(indexSplit(fabric.nodes.size()));
        fatTreeExactness(fabric, block, pod, candidates);
        break;
    }
    case FabricKind::Dragonfly: {
        std::vector<int> group;
        for (const Vertex node : fabric.nodes) {
            group.push_back(fabric.graph[node].group);
        }
        found.push_back(groupAligned(group, "group"));
        found.push_back(indexSplit(fabric.nodes.size()));
        break;
    }
    }
    for (auto& cut : found) {
        if (std::none_of(candidates.cuts.begin(), candidates.cuts.end(),
                         [&](const BalancedCut& c) { return sameCut(c.side, cut.side); })) {
            candidates.cuts.push_back(std::move(cut));
        }
    }
    return candidates;
}

Bisection bisection(const Fabric& fabric, FlowNetwork& network, const CutCandidates& candidates, const Damage& damage)
{
    const auto started = std::chrono::steady_clock::now();
    const std::vector<BalancedCut>& cuts = candidates.cuts;
    Bisection result;
    result.exact = candidates.exact;
    result.bound = candidates.bound;
    if (cuts.empty()) {
        return result;
    }
    network.setLinkCapacities(CapacityUnit::Megabits, damage, {VertexKind::Management});
    std::vector<double> gbps(fabric.nodes.size());
    std::vector<std::int64_t> mbps(fabric.nodes.size());
    for (std::size_t n = 0; n < fabric.nodes.size(); ++n) {
        gbps[n] = injection(fabric.graph, fabric.nodes[n]);
        mbps[n] = std::llround(gbps[n] * megabitsPerGigabit);
    }
    std::size_t best = 0;
    for (std::size_t c = 0; c < cuts.size(); ++c) {
        const auto cutStarted = std::chrono::steady_clock::now();
        network.setTerminals(cuts[c].side, mbps);
        CutFlow flow;
        flow.name = cuts[c].name;
        flow.gbps = static_cast<double>(network.maxFlow()) / megabitsPerGigabit;
        double halves[2] = {0.0, 0.0};
        for (std::size_t n = 0; n < gbps.size(); ++n) {
            halves[cuts[c].side[n] == 0 ? 0 : 1] += gbps[n];
        }
        flow.fullGbps = std::min(halves[0], halves[1]);
        flow.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - cutStarted).count();
        result.cuts.push_back(std::move(flow));
        if (result.cuts.back().gbps < result.cuts[best].gbps) {
            best = c;
        }
    }
    result.bisectionGbps = result.cuts[best].gbps;
    result.fullBisectionGbps = result.cuts[best].fullGbps;
    result.ratio = result.fullBisectionGbps > 0 ? result.bisectionGbps / result.fullBisectionGbps : 0.0;
    result.cut = result.cuts[best].name;
    result.side = cuts[best].side;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

Bisection bisection(const Fabric& fabric, const Damage& damage)
{
    const auto started = std::chrono::steady_clock::now();
    FlowNetwork network(fabric);
    Bisection result = bisection(fabric, network, candidateCuts(fabric), damage);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace fw::core::topology
