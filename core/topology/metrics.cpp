// SPDX-License-Identifier: Apache-2.0
#include "core/topology/metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/two_bit_color_map.hpp>

namespace fw::core::topology {
namespace {

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
        const Vertex a = boost::source(e, g);
        const Vertex b = boost::target(e, g);
        const auto it = damage.links.find({std::min(a, b), std::max(a, b)});
        return it == damage.links.end() || it->second < g[e].links;
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
    if (trials <= 0 || fabric.nodes.empty()) {
        return result;
    }
    FlowNetwork network(fabric);
    const auto cuts = candidateCuts(fabric);
    const double intact = bisection(fabric, network, cuts).bisectionGbps;
    std::mt19937 random(seed);
    std::vector<double> left;
    for (int t = 0; t < trials; ++t) {
        const Damage damage = damager(random);
        left.push_back(bisection(fabric, network, cuts, damage).bisectionGbps);
        result.connectedTrials += nodesConnected(fabric, damage) ? 1 : 0;
    }
    result.minGbps = *std::min_element(left.begin(), left.end());
    result.medianGbps = median(left);
    result.minRatio = intact > 0 ? result.minGbps / intact : 0.0;
    result.medianRatio = intact > 0 ? result.medianGbps / intact : 0.0;
    return result;
}

std::vector<Vertex> verticesOf(const Fabric& f, VertexKind kind, int plane)
{
    std::vector<Vertex> found;
    for (auto [v, end] = boost::vertices(f.graph); v != end; ++v) {
        if (f.graph[*v].kind == kind && f.graph[*v].plane == plane) {
            found.push_back(*v);
        }
    }
    return found;
}

std::string describe(const Fabric& f, Vertex v, const std::vector<Vertex>& peers, const char* groupName)
{
    const auto position = std::find(peers.begin(), peers.end(), v) - peers.begin();
    return std::string(toString(f.graph[v].kind)) + " " + std::to_string(position) + " (" + groupName + " " +
           std::to_string(f.graph[v].group) + ")";
}

/// Edge-disjoint paths from `from` to `to` through switches (servers forward in a torus only).
int disjointPaths(const Fabric& fabric, FlowNetwork& network, Vertex from, Vertex to)
{
    std::set<VertexKind> skipped{VertexKind::ScaleUp, VertexKind::Management};
    if (fabric.spec.kind != FabricKind::Torus) {
        skipped.insert(VertexKind::Node);
    }
    network.setLinkCapacities(CapacityUnit::Links, {}, skipped);
    return static_cast<int>(network.maxFlow(from, to));
}

} // namespace

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
    // The searches run on a compressed sparse row copy (an arc each way per edge): a large fabric's
    // adjacency lists are slower to walk than one contiguous array.
    using HopGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                        boost::no_property, std::uint32_t, std::uint32_t>;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
    arcs.reserve(2 * boost::num_edges(g));
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const auto a = static_cast<std::uint32_t>(boost::source(*e, g));
        const auto b = static_cast<std::uint32_t>(boost::target(*e, g));
        arcs.emplace_back(a, b);
        arcs.emplace_back(b, a);
    }
    const HopGraph hops(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), boost::num_vertices(g));
    double sum = 0.0;
    long long pairs = 0;
    std::vector<int> distance(boost::num_vertices(g));
    boost::two_bit_color_map<boost::typed_identity_property_map<std::uint32_t>> colour(boost::num_vertices(g));
    for (const Vertex s : sources) {
        std::fill(distance.begin(), distance.end(), -1);
        distance[s] = 0;
        boost::breadth_first_search(
            hops, static_cast<std::uint32_t>(s),
            boost::visitor(boost::make_bfs_visitor(boost::record_distances(distance.data(), boost::on_tree_edge())))
                .color_map(colour));
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
    FlowNetwork network(fabric);
    return disjointPaths(fabric, network, from, to);
}

PathDiversity pathDiversity(const Fabric& fabric)
{
    FlowNetwork network(fabric);
    return pathDiversity(fabric, network);
}

PathDiversity pathDiversity(const Fabric& fabric, FlowNetwork& network)
{
    PathDiversity result;
    const FabricSpec& s = fabric.spec;
    if (s.kind == FabricKind::Torus) {
        if (fabric.nodes.size() < 2) {
            return result;
        }
        // The node opposite node 0: half way round every ring.
        std::int64_t index = 0;
        std::int64_t stride = 1;
        for (int d : s.dims) {
            index += d / 2 * stride;
            stride *= d;
        }
        result.from = fabric.nodes.front();
        result.to = fabric.nodes[static_cast<std::size_t>(index)];
        result.between = "node 0 and node " + std::to_string(index) + " (half way round every ring)";
    } else {
        const bool fatTree = s.kind == FabricKind::FatTree;
        const auto switches = verticesOf(fabric, fatTree ? VertexKind::Leaf : VertexKind::Router, 0);
        if (switches.size() < 2) {
            return result;
        }
        result.from = switches.front();
        result.to = switches.back();
        const char* group = fatTree ? "pod" : "group";
        result.between =
            describe(fabric, result.from, switches, group) + " and " + describe(fabric, result.to, switches, group);
    }
    result.paths = disjointPaths(fabric, network, result.from, result.to);
    return result;
}

FailureAnalysis failSwitches(const Fabric& fabric, int count, int trials, unsigned seed)
{
    std::vector<Vertex> switches;
    for (auto [v, end] = boost::vertices(fabric.graph); v != end; ++v) {
        const auto kind = fabric.graph[*v].kind;
        if (kind != VertexKind::Node && kind != VertexKind::ScaleUp && kind != VertexKind::Management) {
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
        const auto isSwitch = [&](Vertex v) {
            return g[v].kind != VertexKind::Node && g[v].kind != VertexKind::ScaleUp &&
                   g[v].kind != VertexKind::Management;
        };
        if (!isSwitch(a) || !isSwitch(b)) {
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
