// SPDX-License-Identifier: Apache-2.0
#include "core/topology/fabric.h"

#include <charconv>
#include <limits>
#include <sstream>

#include "core/error.h"
#include "core/limits.h"
#include "core/numbertext.h"
#include "core/topology/fabricbuilders.h"

namespace fw::core::topology {

namespace detail {

void connect(FabricGraph& g, Vertex a, Vertex b, int links, double gbps, LinkLayer layer, Medium medium)
{
    const auto [edge, exists] = boost::edge(a, b, g);
    if (exists) {
        g[edge].links += links;
        g[edge].capacityGbps += links * gbps;
        return;
    }
    boost::add_edge(a, b, FabricLink{links * gbps, links, layer, medium}, g);
}

Vertex addVertex(FabricGraph& g, VertexKind kind, int plane, int group, int radix)
{
    return boost::add_vertex(FabricVertex{kind, plane, group, radix}, g);
}

int narrow(std::int64_t value)
{
    if (value > std::numeric_limits<int>::max()) {
        throw ValidationError("fabric: a count of " + std::to_string(value) + " is too large");
    }
    return static_cast<int>(value);
}

} // namespace detail

std::string_view toString(VertexKind kind)
{
    switch (kind) {
    case VertexKind::Node: return "node";
    case VertexKind::Leaf: return "leaf";
    case VertexKind::Spine: return "spine";
    case VertexKind::Core: return "core";
    case VertexKind::Router: return "router";
    case VertexKind::ScaleUp: return "scale_up";
    case VertexKind::Management: return "management";
    }
    return "node";
}

std::string_view toString(LinkLayer layer)
{
    switch (layer) {
    case LinkLayer::NodeLeaf: return "node_leaf";
    case LinkLayer::LeafSpine: return "leaf_spine";
    case LinkLayer::SpineCore: return "spine_core";
    case LinkLayer::RouterLocal: return "router_local";
    case LinkLayer::RouterGlobal: return "router_global";
    case LinkLayer::Torus: return "torus";
    case LinkLayer::ScaleUp: return "scale_up";
    case LinkLayer::ManagementLeaf: return "management_leaf";
    }
    return "node_leaf";
}

std::string_view toString(SpineRule rule)
{
    return rule == SpineRule::DivideUplinks ? "divide" : "fewest";
}

std::vector<double> parseOversubscription(const std::string& text)
{
    std::vector<double> ratios;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const auto colon = item.find(':');
        double up = 0;
        double down = 0;
        const bool ok = colon != std::string::npos &&
                        std::from_chars(item.data(), item.data() + colon, up).ec == std::errc() &&
                        std::from_chars(item.data() + colon + 1, item.data() + item.size(), down).ec == std::errc() &&
                        up > 0 && down > 0;
        if (!ok) {
            throw ValidationError("oversubscription '" + item + "' is not up:down like 1:1 or 1:3");
        }
        ratios.push_back(down / up);
    }
    if (ratios.empty()) {
        throw ValidationError("oversubscription is empty; give 1:1 or 1:3,1:1");
    }
    return ratios;
}

Fabric buildFabric(const FabricSpec& spec)
{
    if (!(spec.nicGbps > 0.0) || !(spec.portGbps > 0.0)) {
        throw ValidationError("fabric: link speeds must be > 0 Gb/s");
    }
    limits::check(limits::linkGbps, spec.nicGbps, "fabric: NIC speed");
    limits::check(limits::linkGbps, spec.portGbps, "fabric: switch port speed");
    limits::check(limits::scaleUpGbytesPerS, spec.scaleUpGbytesPerS, "fabric: scale-up bandwidth");
    Fabric f;
    f.spec = spec;
    switch (spec.kind) {
    case FabricKind::FatTree: detail::buildFatTree(f); break;
    case FabricKind::Dragonfly: detail::buildDragonfly(f); break;
    case FabricKind::Torus: detail::buildTorus(f); break;
    }
    return f;
}

} // namespace fw::core::topology
