// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "core/topology/fabric.h"

namespace fw::core::topology {

/// Switches and physical links taken out, for failure analysis.
struct Damage {
    std::set<Vertex> vertices;
    std::map<std::pair<Vertex, Vertex>, int> links; ///< (smaller, larger) vertex → links removed
};

/// Boost.Graph's maximum-flow algorithms. All three give the same flow; which is fastest depends on
/// the fabric (tests/bench/maxflow_algorithms): see fastestMaxFlow().
enum class MaxFlowAlgorithm { PushRelabel, BoykovKolmogorov, EdmondsKarp };

/// Measured with tests/bench/maxflow_algorithms on bisection cuts: push-relabel for fat trees (5 ms
/// against Boykov–Kolmogorov's 45 ms at 32,768 accelerators) and dragonflies (12 against 15 ms);
/// Boykov–Kolmogorov for tori (2.3 against 8 ms on 32×32×32). Edmonds–Karp takes seconds on all.
MaxFlowAlgorithm fastestMaxFlow(FabricKind kind);

/// What one unit of arc capacity stands for.
enum class CapacityUnit {
    Megabits, ///< capacities in whole Mb/s per direction (exact integer flows)
    Links,    ///< one unit per physical link (edge-disjoint paths)
};

/// A fabric as a flow network, built once and reused for many flows (the bisection's candidate
/// cuts, failure trials). Every fabric edge is two arcs, a→b and b→a, each of the edge's capacity,
/// and each with its own reverse arc of capacity 0: the form Boost.Graph's max-flow algorithms
/// require (push-relabel's second phase tells reverse arcs by their capacity 0; with an edge's two
/// arcs each the other's reverse its Debug checks fail, as the asan suite found). A super source has
/// an arc to every node and every node an arc to a super sink; their capacities are 0 until
/// setTerminals(). Stored as a compressed sparse row graph (Boost.Graph), arcs sorted by tail. Not
/// thread-safe: one flow at a time.
class FlowNetwork {
public:
    explicit FlowNetwork(const Fabric& fabric);

    /// Capacities of the fabric's arcs: each edge's Gb/s (as Mb/s) or its links, less what
    /// `damage` removes; 0 on every edge at a vertex in `damage.vertices` or of a kind in `skipped`.
    void setLinkCapacities(CapacityUnit unit, const Damage& damage = {}, const std::set<VertexKind>& skipped = {});
    /// The super source feeds node i with injectionMbps[i] where side[i] == 0; nodes with side 1
    /// drain into the super sink with theirs; other sides are left out (capacity 0).
    void setTerminals(const std::vector<std::int8_t>& side, const std::vector<std::int64_t>& injectionMbps);
    /// The maximum flow from the super source to the super sink, by fastestMaxFlow() of the
    /// fabric's kind or by `algorithm`.
    std::int64_t maxFlow();
    std::int64_t maxFlow(MaxFlowAlgorithm algorithm);
    /// The maximum flow between two fabric vertices.
    std::int64_t maxFlow(Vertex from, Vertex to);
    std::int64_t maxFlow(Vertex from, Vertex to, MaxFlowAlgorithm algorithm);

    std::size_t arcs() const { return m_capacity.size(); }

private:
    using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                     boost::no_property, std::uint32_t, std::uint32_t>;
    using Arc = boost::graph_traits<Graph>::edge_descriptor;

    const Fabric& m_fabric;
    Graph m_graph;
    std::uint32_t m_source = 0;
    std::uint32_t m_sink = 0;
    std::vector<std::uint32_t> m_edgeArc;   ///< fabric edge i → its arcs a→b (2i) and b→a (2i + 1)
    std::vector<std::uint32_t> m_sourceArc; ///< node i → the arc source→node
    std::vector<std::uint32_t> m_sinkArc;   ///< node i → the arc node→sink
    std::vector<Arc> m_reverse;             ///< by arc index
    std::vector<std::int64_t> m_capacity;   ///< by arc index
    std::vector<std::int64_t> m_residual;   ///< by arc index
    std::vector<std::int64_t> m_distance;   ///< by vertex (Boykov–Kolmogorov)
    std::vector<boost::default_color_type> m_colour;
    std::vector<Arc> m_predecessor;
};

} // namespace fw::core::topology
