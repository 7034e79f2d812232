// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace fw::core::topology {

enum class FabricKind { FatTree, Dragonfly, Torus };
enum class VertexKind { Node, Leaf, Spine, Core, Router, ScaleUp };
/// The layer a link belongs to; the bill of materials counts links per layer.
enum class LinkLayer { NodeLeaf, LeafSpine, SpineCore, RouterLocal, RouterGlobal, Torus, ScaleUp };
enum class Medium { Copper, Optical };

std::string_view toString(VertexKind kind);
std::string_view toString(LinkLayer layer);

/// What a planner asks for. Speeds are per direction, Gb/s.
struct FabricSpec {
    FabricKind kind = FabricKind::FatTree;
    int nodes = 0;
    int acceleratorsPerNode = 8;
    int rails = 8; ///< NICs per node, one per rail
    double nicGbps = 400;
    int switchRadix = 64;     ///< ports of the switch model
    double portGbps = 400;    ///< speed of those ports; a faster port breaks out into NIC-speed ports
    std::string switchSku;    ///< the catalog part, for power and price; empty: unpriced
    std::optional<int> tiers; ///< 2 or 3; empty: the fewest that fit
    std::vector<double> oversubscription{1.0, 1.0}; ///< down:up per tier (leaf, spine); 3 means 3:1
    bool railOptimised = true;
    int planes = 1;
    int scaleUpDomain = 8;        ///< accelerators in one NVLink-class domain
    double scaleUpGbytesPerS = 0; ///< per accelerator; counted when a domain spans several nodes
    // Dragonfly (Kim et al., ISCA 2008): groups of routers, all-to-all inside a group.
    int routersPerGroup = 0;
    int terminalsPerRouter = 0;
    int globalLinksPerRouter = 0;
    int groups = 0;
    // Torus: the node grid, 2 or 3 dimensions, wrap-around links.
    std::vector<int> dims;
};

struct FabricVertex {
    VertexKind kind = VertexKind::Node;
    int plane = 0;
    int group = 0; ///< pod (fat tree), group (dragonfly), domain (scale-up)
    int radix = 0; ///< ports, for switches and routers
};

struct FabricLink {
    double capacityGbps = 0.0; ///< all parallel links together, per direction
    int links = 1;             ///< parallel physical links this edge stands for
    LinkLayer layer = LinkLayer::NodeLeaf;
    Medium medium = Medium::Optical;
};

/// Parallel links between one pair of vertices are one edge (links = their number), so a large
/// fabric stays small for the graph algorithms.
using FabricGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, FabricVertex, FabricLink>;
using Vertex = boost::graph_traits<FabricGraph>::vertex_descriptor;

struct TierSummary {
    std::string name; ///< leaf, spine, core, router
    int switches = 0;
    int portsUsed = 0;
    int portsFree = 0;
};

/// A designed fabric: the graph, its shape, and what it could grow to without another tier.
struct Fabric {
    FabricSpec spec;
    FabricGraph graph;
    int tiers = 0;
    int effectiveRadix = 0;    ///< ports per switch after breakout
    double linkGbps = 0.0;     ///< speed of one link
    int endpoints = 0;         ///< NIC ports (fat tree) or terminals
    int maxEndpoints = 0;      ///< without a new tier
    std::vector<Vertex> nodes; ///< node vertices in order
};

/// Builds the fabric. Every tier gets the fewest switches that keep its oversubscription; parallel
/// links between a pair of switches are allowed. Throws ValidationError with a one-line message for a
/// bad specification (no nodes, radix < 2, more rails than NICs, a fabric that cannot fit in 3 tiers, …).
Fabric buildFabric(const FabricSpec& spec);

/// "1:1", "1:3,1:1": down:up ratios per tier → {1, 3}. Throws ValidationError.
std::vector<double> parseOversubscription(const std::string& text);

} // namespace fw::core::topology
