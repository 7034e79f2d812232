// SPDX-License-Identifier: Apache-2.0
#include "core/topology/graphml.h"

#include <boost/graph/graphml.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace fw::core::topology {

void writeGraphml(std::ostream& out, const Fabric& fabric, const Bisection* cut)
{
    const FabricGraph& g = fabric.graph;
    using Edge = boost::graph_traits<FabricGraph>::edge_descriptor;
    const auto graphText = [](std::string text) {
        return boost::make_function_property_map<FabricGraph*, std::string>(
            [text = std::move(text)](FabricGraph*) { return text; });
    };
    boost::dynamic_properties properties;
    properties.property("capacity_convention",
                        graphText("capacity_gbps: per direction, Gb/s, all the edge's parallel links together"));
    properties.property("bisection_convention", graphText(bisectionConvention));
    properties.property("kind", boost::make_function_property_map<Vertex, std::string>(
                                    [&g](Vertex v) { return std::string(toString(g[v].kind)); }));
    properties.property("plane", boost::make_function_property_map<Vertex, int>([&g](Vertex v) { return g[v].plane; }));
    properties.property("capacity_gbps",
                        boost::make_function_property_map<Edge, double>([&g](Edge e) { return g[e].capacityGbps; }));
    properties.property("links", boost::make_function_property_map<Edge, int>([&g](Edge e) { return g[e].links; }));
    properties.property("layer", boost::make_function_property_map<Edge, std::string>(
                                     [&g](Edge e) { return std::string(toString(g[e].layer)); }));
    std::vector<std::string> side;
    if (cut != nullptr && cut->side.size() == fabric.nodes.size()) {
        side.assign(boost::num_vertices(g), std::string());
        for (std::size_t n = 0; n < fabric.nodes.size(); ++n) {
            side[fabric.nodes[n]] = cut->side[n] == 0 ? "first" : "second";
        }
        properties.property("bisection_side", boost::make_function_property_map<Vertex, std::string>(
                                                  [&side](Vertex v) { return side[v]; }));
        properties.property("bisection_cut", graphText(cut->cut));
        properties.property("bisection_gbps", boost::make_function_property_map<FabricGraph*, double>(
                                                  [gbps = cut->bisectionGbps](FabricGraph*) { return gbps; }));
    }
    boost::write_graphml(out, g, properties, true);
}

} // namespace fw::core::topology
