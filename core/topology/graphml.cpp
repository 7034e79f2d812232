// SPDX-License-Identifier: Apache-2.0
#include "core/topology/graphml.h"

#include <boost/graph/graphml.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace fw::core::topology {

void writeGraphml(std::ostream& out, const Fabric& fabric)
{
    const FabricGraph& g = fabric.graph;
    using Edge = boost::graph_traits<FabricGraph>::edge_descriptor;
    boost::dynamic_properties properties;
    properties.property("kind", boost::make_function_property_map<Vertex, std::string>(
                                    [&g](Vertex v) { return std::string(toString(g[v].kind)); }));
    properties.property("plane", boost::make_function_property_map<Vertex, int>([&g](Vertex v) { return g[v].plane; }));
    properties.property("capacity_gbps",
                        boost::make_function_property_map<Edge, double>([&g](Edge e) { return g[e].capacityGbps; }));
    properties.property("links", boost::make_function_property_map<Edge, int>([&g](Edge e) { return g[e].links; }));
    properties.property("layer", boost::make_function_property_map<Edge, std::string>(
                                     [&g](Edge e) { return std::string(toString(g[e].layer)); }));
    boost::write_graphml(out, g, properties, true);
}

} // namespace fw::core::topology
