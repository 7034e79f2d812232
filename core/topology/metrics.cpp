// SPDX-License-Identifier: Apache-2.0
#include "core/topology/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

namespace fw::core::topology {
namespace {

// listS out-edge lists: the reverse-edge map stores edge descriptors, which must stay valid while
// arcs are added (a vecS list reallocates and moves the edge properties they point to).
using FlowTraits = boost::adjacency_list_traits<boost::listS, boost::vecS, boost::directedS>;
// Integer capacities in Mb/s: push-relabel's flow checks are exact, which doubles cannot promise.
using FlowValue = long long;
constexpr double megabitsPerGigabit = 1000.0;
using FlowGraph = boost::adjacency_list<
    boost::listS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, FlowValue,
                    boost::property<boost::edge_residual_capacity_t, FlowValue,
                                    boost::property<boost::edge_reverse_t, FlowTraits::edge_descriptor>>>>;

/// One arc a→b of `gbps` with its zero-capacity reverse b→a, as push-relabel requires.
void addArc(FlowGraph& g, std::size_t a, std::size_t b, double gbps)
{
    auto capacity = boost::get(boost::edge_capacity, g);
    auto reverse = boost::get(boost::edge_reverse, g);
    const auto ab = boost::add_edge(a, b, g).first;
    const auto ba = boost::add_edge(b, a, g).first;
    capacity[ab] = static_cast<FlowValue>(std::llround(gbps * megabitsPerGigabit));
    capacity[ba] = 0;
    reverse[ab] = ba;
    reverse[ba] = ab;
}

/// An undirected link: an arc each way, each with its own reverse.
void addArcPair(FlowGraph& g, std::size_t a, std::size_t b, double forwardGbps, double backwardGbps)
{
    if (forwardGbps > 0) {
        addArc(g, a, b, forwardGbps);
    }
    if (backwardGbps > 0) {
        addArc(g, b, a, backwardGbps);
    }
}

/// Usable capacity of an edge after `damage`; 0 when an end is removed.
double capacityAfter(const FabricGraph& g, const boost::graph_traits<FabricGraph>::edge_descriptor& e,
                     const Damage& damage, bool unitPerLink)
{
    const Vertex a = boost::source(e, g);
    const Vertex b = boost::target(e, g);
    if (damage.vertices.contains(a) || damage.vertices.contains(b)) {
        return 0.0;
    }
    int links = g[e].links;
    if (const auto it = damage.links.find({std::min(a, b), std::max(a, b)}); it != damage.links.end()) {
        links = std::max(0, links - it->second);
    }
    return unitPerLink ? links : g[e].capacityGbps / g[e].links * links;
}

/// Fills `flow` (made with num_vertices(g) + 2 vertices: the last two are the source and the sink)
/// with the fabric: each undirected edge becomes two arcs of its capacity. The flow graph is built in
/// place, never copied: its reverse-edge map points into its own edge storage.
void fillFlowNetwork(FlowGraph& flow, const FabricGraph& g, const Damage& damage, bool unitPerLink)
{
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const double c = capacityAfter(g, *e, damage, unitPerLink);
        if (c > 0.0) {
            addArcPair(flow, boost::source(*e, g), boost::target(*e, g), c, c);
        }
    }
}

/// A node's bandwidth into the fabric: its links to switches, or half its links to other nodes (torus).
double injection(const FabricGraph& g, Vertex node)
{
    double toSwitches = 0.0;
    double toNodes = 0.0;
    for (auto [e, end] = boost::out_edges(node, g); e != end; ++e) {
        const Vertex other = boost::target(*e, g);
        if (g[other].kind == VertexKind::Node) {
            toNodes += g[*e].capacityGbps;
        } else if (g[other].kind != VertexKind::ScaleUp) {
            toSwitches += g[*e].capacityGbps;
        }
    }
    return toSwitches > 0.0 ? toSwitches : toNodes / 2.0;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

bool nodesConnected(const Fabric& fabric, const Damage& damage)
{
    const FabricGraph& g = fabric.graph;
    const auto keepVertex = [&](Vertex v) { return !damage.vertices.contains(v); };
    const auto keepEdge = [&](const boost::graph_traits<FabricGraph>::edge_descriptor& e) {
        return capacityAfter(g, e, damage, true) > 0.0;
    };
    boost::filtered_graph<FabricGraph, std::function<bool(boost::graph_traits<FabricGraph>::edge_descriptor)>,
                          std::function<bool(Vertex)>>
        surviving(g, keepEdge, keepVertex);
    std::vector<int> component(boost::num_vertices(g), -1);
    boost::connected_components(surviving, component.data());
    const int first = component[fabric.nodes.front()];
    return std::all_of(fabric.nodes.begin(), fabric.nodes.end(), [&](Vertex v) { return component[v] == first; });
}

template <class Damager>
FailureAnalysis runTrials(const Fabric& fabric, int trials, unsigned seed, Damager&& damager)
{
    FailureAnalysis result;
    result.trials = std::max(0, trials);
    if (trials <= 0) {
        return result;
    }
    const double intact = bisection(fabric).bisectionGbps;
    std::mt19937 random(seed);
    std::vector<double> left;
    for (int t = 0; t < trials; ++t) {
        const Damage damage = damager(random);
        left.push_back(bisection(fabric, damage).bisectionGbps);
        result.connectedTrials += nodesConnected(fabric, damage) ? 1 : 0;
    }
    result.minGbps = *std::min_element(left.begin(), left.end());
    result.medianGbps = median(left);
    result.minRatio = intact > 0 ? result.minGbps / intact : 0.0;
    result.medianRatio = intact > 0 ? result.medianGbps / intact : 0.0;
    return result;
}

} // namespace

Bisection bisection(const Fabric& fabric, const Damage& damage)
{
    const FabricGraph& g = fabric.graph;
    const std::size_t source = boost::num_vertices(g);
    const std::size_t sink = source + 1;
    FlowGraph flow(source + 2);
    fillFlowNetwork(flow, g, damage, false);
    const std::size_t half = fabric.nodes.size() / 2;
    double sideA = 0.0;
    double sideB = 0.0;
    for (std::size_t i = 0; i < fabric.nodes.size(); ++i) {
        const Vertex node = fabric.nodes[i];
        const double in = injection(g, node);
        if (i < half) {
            addArcPair(flow, source, node, in, 0.0);
            sideA += in;
        } else {
            addArcPair(flow, node, sink, in, 0.0);
            sideB += in;
        }
    }
    Bisection result;
    result.fullBisectionGbps = std::min(sideA, sideB);
    if (half == 0) {
        return result;
    }
    result.bisectionGbps = static_cast<double>(boost::push_relabel_max_flow(flow, source, sink)) / megabitsPerGigabit;
    result.ratio = result.fullBisectionGbps > 0 ? result.bisectionGbps / result.fullBisectionGbps : 0.0;
    return result;
}

HopStatistics hopStatistics(const Fabric& fabric, int maxSources, unsigned seed)
{
    const FabricGraph& g = fabric.graph;
    HopStatistics stats;
    std::vector<Vertex> sources = fabric.nodes;
    if (static_cast<int>(sources.size()) > maxSources) {
        std::mt19937 random(seed);
        std::shuffle(sources.begin(), sources.end(), random);
        sources.resize(static_cast<std::size_t>(maxSources));
        stats.sampled = true;
    }
    stats.sources = static_cast<int>(sources.size());
    double sum = 0.0;
    long long pairs = 0;
    std::vector<int> distance(boost::num_vertices(g));
    for (const Vertex s : sources) {
        std::fill(distance.begin(), distance.end(), -1);
        distance[s] = 0;
        boost::breadth_first_search(
            g, s,
            boost::visitor(boost::make_bfs_visitor(boost::record_distances(distance.data(), boost::on_tree_edge()))));
        for (const Vertex t : fabric.nodes) {
            if (t != s && distance[t] > 0) {
                stats.diameter = std::max(stats.diameter, distance[t]);
                sum += distance[t];
                ++pairs;
            }
        }
    }
    stats.averageHops = pairs > 0 ? sum / pairs : 0.0;
    return stats;
}

int pathDiversity(const Fabric& fabric, Vertex from, Vertex to)
{
    const std::size_t source = boost::num_vertices(fabric.graph);
    const std::size_t sink = source + 1;
    FlowGraph flow(source + 2);
    fillFlowNetwork(flow, fabric.graph, {}, true);
    const double big = static_cast<double>(boost::num_edges(fabric.graph)) * 64.0 + 1.0; // more than all links
    addArcPair(flow, source, from, big, 0.0);
    addArcPair(flow, to, sink, big, 0.0);
    return static_cast<int>(boost::push_relabel_max_flow(flow, source, sink) /
                            static_cast<FlowValue>(megabitsPerGigabit));
}

FailureAnalysis failSwitches(const Fabric& fabric, int count, int trials, unsigned seed)
{
    std::vector<Vertex> switches;
    for (auto [v, end] = boost::vertices(fabric.graph); v != end; ++v) {
        const auto kind = fabric.graph[*v].kind;
        if (kind != VertexKind::Node && kind != VertexKind::ScaleUp) {
            switches.push_back(*v);
        }
    }
    return runTrials(fabric, trials, seed, [&](std::mt19937& random) {
        Damage damage;
        std::vector<Vertex> pool = switches;
        std::shuffle(pool.begin(), pool.end(), random);
        for (int i = 0; i < std::min<int>(count, static_cast<int>(pool.size())); ++i) {
            damage.vertices.insert(pool[static_cast<std::size_t>(i)]);
        }
        return damage;
    });
}

FailureAnalysis failLinks(const Fabric& fabric, double percent, int trials, unsigned seed)
{
    const FabricGraph& g = fabric.graph;
    // One entry per physical switch-to-switch link.
    std::vector<std::pair<Vertex, Vertex>> links;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const Vertex a = boost::source(*e, g);
        const Vertex b = boost::target(*e, g);
        if (g[a].kind == VertexKind::Node || g[b].kind == VertexKind::Node) {
            continue;
        }
        for (int k = 0; k < g[*e].links; ++k) {
            links.emplace_back(std::min(a, b), std::max(a, b));
        }
    }
    const int count = static_cast<int>(std::round(links.size() * std::clamp(percent, 0.0, 100.0) / 100.0));
    return runTrials(fabric, trials, seed, [&](std::mt19937& random) {
        Damage damage;
        std::vector<std::pair<Vertex, Vertex>> pool = links;
        std::shuffle(pool.begin(), pool.end(), random);
        for (int i = 0; i < count; ++i) {
            ++damage.links[pool[static_cast<std::size_t>(i)]];
        }
        return damage;
    });
}

} // namespace fw::core::topology
