// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace fw::core::topology {

enum class FabricKind { FatTree, Dragonfly, Torus };
enum class VertexKind { Node, Leaf, Spine, Core, Router, ScaleUp, Management };
/// The layer a link belongs to; the bill of materials counts links per layer.
enum class LinkLayer { NodeLeaf, LeafSpine, SpineCore, RouterLocal, RouterGlobal, Torus, ScaleUp, ManagementLeaf };
enum class Medium { Copper, Optical };

/// How many spines a pod gets (fat trees).
enum class SpineRule {
    /// NVIDIA's SuperPOD rule (the default): the smallest spine count that divides every leaf's
    /// uplinks evenly, so each leaf has the same number of links to every spine.
    DivideUplinks,
    /// The fewest spines whose ports hold the leaves' uplinks: ceil(uplinks ÷ spine down ports).
    Fewest,
};

std::string_view toString(VertexKind kind);
std::string_view toString(LinkLayer layer);
std::string_view toString(SpineRule rule);

/// What a planner asks for. Speeds are per direction, Gb/s.
struct FabricSpec {
    FabricKind kind = FabricKind::FatTree;
    int nodes = 0; ///< servers (fat tree); terminals (dragonfly, 0: as many as the shape holds)
    int acceleratorsPerNode = 8;
    int rails = 8;    ///< NICs per node, one per rail (at most one per accelerator)
    int nicPorts = 1; ///< ports of each NIC, each at nicGbps; the planes share them evenly
    double nicGbps = 400;
    int switchRadix = 64;     ///< ports of the switch model (dragonfly: 0 = what its shape needs)
    double portGbps = 400;    ///< speed of those ports; a faster port breaks out into NIC-speed ports
    std::string switchSku;    ///< the catalog part, for power and price; empty: unpriced
    std::optional<int> tiers; ///< 2 or 3; empty: the fewest that fit
    std::vector<double> oversubscription{1.0, 1.0}; ///< down:up per tier (leaf, spine); 3 means 3:1
    bool railOptimised = true;
    /// Independent copies of the fabric. Each NIC port is on one plane, so planes multiply the
    /// ports rather than split the rails: 2 planes need nicPorts 2, 4, … and give each plane
    /// nicPorts ÷ planes ports of every NIC.
    int planes = 1;
    /// Scalable units (NVIDIA DGX SuperPOD): leaves and leaf uplinks are built for whole units of
    /// this many node slots, and slots without a node are left unused, as the reference
    /// architecture asks. 0: no units, leaves sized for the nodes present.
    int nodesPerUnit = 0;
    int managementNodes = 0; ///< node slots after the nodes taken by fabric managers (UFM appliances)
    int managementPorts = 0; ///< compute-fabric ports of each management node in each plane
    SpineRule spineRule = SpineRule::DivideUplinks;
    int scaleUpDomain = 8;        ///< accelerators in one NVLink-class domain
    double scaleUpGbytesPerS = 0; ///< per accelerator; counted when a domain spans several nodes
    // Dragonfly (Kim et al., ISCA 2008): groups of routers, all-to-all inside a group. All four 0:
    // the balanced shape (a = 2p = 2h) that the router radix allows, with the groups `nodes` need.
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
    int group = 0; ///< pod (switches), scalable unit (nodes of a fat tree), group (dragonfly), domain (scale-up)
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
    int effectiveRadix = 0;              ///< ports per switch after breakout
    double linkGbps = 0.0;               ///< speed of one link
    int endpoints = 0;                   ///< NIC ports of the nodes (fat tree) or terminals
    int maxEndpoints = 0;                ///< without a new tier
    int pods = 0;                        ///< per plane (fat tree); groups (dragonfly)
    int scalableUnits = 0;               ///< fat tree with nodesPerUnit; else 0
    std::vector<Vertex> nodes;           ///< node (accelerator server or terminal) vertices in order
    std::vector<Vertex> managementNodes; ///< fabric managers (UFM) holding compute-fabric ports
    std::vector<std::string> notes;      ///< where a sizing rule could not be kept, and what was done
};

/// Builds the fabric. Fat trees: every tier gets the switches its spine rule and oversubscription
/// ask for; parallel links between a pair of switches are allowed. Dragonfly: the shape given, or
/// the balanced one the radix allows sized for `nodes`. Throws ValidationError with a one-line
/// message for a bad specification (no nodes, radix < 2, more rails than NICs, planes that do not
/// divide the NIC ports, a fabric that cannot fit in 3 tiers, a dragonfly too small for its nodes, …).
Fabric buildFabric(const FabricSpec& spec);

/// "1:1", "1:3,1:1": down:up ratios per tier → {1, 3}. Throws ValidationError.
std::vector<double> parseOversubscription(const std::string& text);

} // namespace fw::core::topology
