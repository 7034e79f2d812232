// SPDX-License-Identifier: Apache-2.0
#include "core/topology/flownetwork.h"

#include <algorithm>
#include <cmath>

#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

namespace fw::core::topology {
namespace {

constexpr double megabitsPerGigabit = 1000.0;

/// Arcs in the order they are made, before sorting by tail: pairs (2k, 2k + 1) are reverses.
struct ArcList {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
    void addPair(std::uint32_t a, std::uint32_t b)
    {
        arcs.emplace_back(a, b);
        arcs.emplace_back(b, a);
    }
};

} // namespace

FlowNetwork::FlowNetwork(const Fabric& fabric) : m_fabric(fabric)
{
    const FabricGraph& g = fabric.graph;
    const auto vertices = static_cast<std::uint32_t>(boost::num_vertices(g) + 2);
    m_source = vertices - 2;
    m_sink = vertices - 1;
    ArcList list;
    list.arcs.reserve(4 * boost::num_edges(g) + 4 * fabric.nodes.size());
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const auto a = static_cast<std::uint32_t>(boost::source(*e, g));
        const auto b = static_cast<std::uint32_t>(boost::target(*e, g));
        list.addPair(a, b); // a→b, and its reverse of capacity 0
        list.addPair(b, a); // b→a, and its reverse of capacity 0
    }
    const std::size_t firstTerminal = list.arcs.size();
    for (const Vertex node : fabric.nodes) {
        list.addPair(m_source, static_cast<std::uint32_t>(node));
        list.addPair(static_cast<std::uint32_t>(node), m_sink);
    }
    // Counting sort by tail: position[i] is where made arc i sits in the graph (its arc index).
    std::vector<std::uint32_t> start(vertices + 1, 0);
    for (const auto& [tail, head] : list.arcs) {
        ++start[tail + 1];
    }
    for (std::size_t v = 0; v < vertices; ++v) {
        start[v + 1] += start[v];
    }
    std::vector<std::uint32_t> position(list.arcs.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted(list.arcs.size());
    for (std::size_t i = 0; i < list.arcs.size(); ++i) {
        position[i] = start[list.arcs[i].first]++;
        sorted[position[i]] = list.arcs[i];
    }
    m_graph = Graph(boost::edges_are_sorted, sorted.begin(), sorted.end(), vertices);
    m_reverse.resize(sorted.size());
    for (std::size_t i = 0; i < list.arcs.size(); ++i) {
        const std::size_t partner = i ^ 1U;
        m_reverse[position[i]] = Arc(list.arcs[partner].first, position[partner]);
    }
    m_edgeArc.reserve(2 * boost::num_edges(g));
    for (std::size_t i = 0; i < firstTerminal; i += 4) {
        m_edgeArc.push_back(position[i]);
        m_edgeArc.push_back(position[i + 2]);
    }
    for (std::size_t i = firstTerminal; i < list.arcs.size(); i += 4) {
        m_sourceArc.push_back(position[i]);
        m_sinkArc.push_back(position[i + 2]);
    }
    m_capacity.assign(sorted.size(), 0);
    m_residual.assign(sorted.size(), 0);
    m_distance.assign(vertices, 0);
    m_colour.assign(vertices, boost::white_color);
    m_predecessor.assign(vertices, Arc());
}

void FlowNetwork::setLinkCapacities(CapacityUnit unit, const Damage& damage, const std::set<VertexKind>& skipped)
{
    const FabricGraph& g = m_fabric.graph;
    const bool damaged = !damage.vertices.empty() || !damage.links.empty();
    std::size_t i = 0;
    for (auto [e, end] = boost::edges(g); e != end; ++e, ++i) {
        const Vertex a = boost::source(*e, g);
        const Vertex b = boost::target(*e, g);
        const FabricLink& link = g[*e];
        int links = link.links;
        if (skipped.contains(g[a].kind) || skipped.contains(g[b].kind)) {
            links = 0;
        } else if (damaged) {
            if (damage.vertices.contains(a) || damage.vertices.contains(b)) {
                links = 0;
            } else if (const auto it = damage.links.find({std::min(a, b), std::max(a, b)}); it != damage.links.end()) {
                links = std::max(0, links - it->second);
            }
        }
        const std::int64_t c = unit == CapacityUnit::Links
                                   ? links
                                   : std::llround(link.capacityGbps / link.links * links * megabitsPerGigabit);
        m_capacity[m_edgeArc[2 * i]] = c;
        m_capacity[m_edgeArc[2 * i + 1]] = c;
    }
    for (std::size_t n = 0; n < m_sourceArc.size(); ++n) {
        m_capacity[m_sourceArc[n]] = 0;
        m_capacity[m_sinkArc[n]] = 0;
    }
}

void FlowNetwork::setTerminals(const std::vector<std::int8_t>& side, const std::vector<std::int64_t>& injectionMbps)
{
    for (std::size_t n = 0; n < m_sourceArc.size(); ++n) {
        m_capacity[m_sourceArc[n]] = side[n] == 0 ? injectionMbps[n] : 0;
        m_capacity[m_sinkArc[n]] = side[n] == 1 ? injectionMbps[n] : 0;
    }
}

MaxFlowAlgorithm fastestMaxFlow(FabricKind kind)
{
    return kind == FabricKind::Torus ? MaxFlowAlgorithm::BoykovKolmogorov : MaxFlowAlgorithm::PushRelabel;
}

std::int64_t FlowNetwork::maxFlow()
{
    return maxFlow(m_source, m_sink, fastestMaxFlow(m_fabric.spec.kind));
}

std::int64_t FlowNetwork::maxFlow(MaxFlowAlgorithm algorithm)
{
    return maxFlow(m_source, m_sink, algorithm);
}

std::int64_t FlowNetwork::maxFlow(Vertex from, Vertex to)
{
    return maxFlow(from, to, fastestMaxFlow(m_fabric.spec.kind));
}

std::int64_t FlowNetwork::maxFlow(Vertex from, Vertex to, MaxFlowAlgorithm algorithm)
{
    const auto arcIndex = boost::get(boost::edge_index, m_graph);
    const auto vertexIndex = boost::get(boost::vertex_index, m_graph);
    const auto capacity = boost::make_iterator_property_map(m_capacity.begin(), arcIndex);
    const auto residual = boost::make_iterator_property_map(m_residual.begin(), arcIndex);
    const auto reverse = boost::make_iterator_property_map(m_reverse.begin(), arcIndex);
    const auto colour = boost::make_iterator_property_map(m_colour.begin(), vertexIndex);
    const auto predecessor = boost::make_iterator_property_map(m_predecessor.begin(), vertexIndex);
    const auto s = static_cast<std::uint32_t>(from);
    const auto t = static_cast<std::uint32_t>(to);
    switch (algorithm) {
    case MaxFlowAlgorithm::PushRelabel:
        return boost::push_relabel_max_flow(m_graph, s, t, capacity, residual, reverse, vertexIndex);
    case MaxFlowAlgorithm::BoykovKolmogorov: {
        const auto distance = boost::make_iterator_property_map(m_distance.begin(), vertexIndex);
        return boost::boykov_kolmogorov_max_flow(m_graph, capacity, residual, reverse, predecessor, colour, distance,
                                                 vertexIndex, s, t);
    }
    case MaxFlowAlgorithm::EdmondsKarp:
        return boost::edmonds_karp_max_flow(m_graph, s, t, capacity, residual, reverse, colour, predecessor);
    }
    return 0;
}

} // namespace fw::core::topology
