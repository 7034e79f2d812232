// SPDX-License-Identifier: Apache-2.0
#include <array>
#include <cstdint>

#include "core/error.h"
#include "core/limits.h"
#include "core/topology/fabricbuilders.h"

namespace fw::core::topology::detail {
namespace {

void validateTorus(const FabricSpec& s)
{
    if (s.dims.size() < 2 || s.dims.size() > 3) {
        throw ValidationError("fabric: a torus needs 2 or 3 dimensions (--dims 16x16 or 4x4x4)");
    }
    std::int64_t nodes = 1;
    for (int d : s.dims) {
        if (d < 2) {
            throw ValidationError("fabric: torus dimension " + std::to_string(d) + " must be ≥ 2");
        }
        limits::check(limits::torusDimension, d, "fabric: torus dimension");
        nodes = limits::checkProduct(limits::fabricAccelerators, nodes, d, "fabric: torus nodes");
    }
}

} // namespace

void buildTorus(Fabric& f)
{
    const FabricSpec& s = f.spec;
    validateTorus(s);
    f.linkGbps = s.nicGbps;
    f.tiers = 0;
    std::array<int, 3> dims{s.dims[0], s.dims[1], s.dims.size() == 3 ? s.dims[2] : 1};
    // Each product of two ints fits 64 bits; narrow() refuses one past an int before the next.
    const std::int64_t total =
        static_cast<std::int64_t>(narrow(static_cast<std::int64_t>(dims[0]) * dims[1])) * dims[2];
    if (s.nodes != 0 && s.nodes != total) {
        throw ValidationError("fabric: a torus of these dimensions has " + std::to_string(total) + " nodes, not " +
                              std::to_string(s.nodes) + " (leave --nodes out or match --dims)");
    }
    const int count = narrow(total);
    f.nodes.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        f.nodes.push_back(addVertex(f.graph, VertexKind::Node, 0, 0, static_cast<int>(2 * s.dims.size())));
    }
    // Node index = (z · Y + y) · X + x: the bisection's cuts across each dimension read it back.
    const auto index = [&](int x, int y, int z) {
        return static_cast<std::size_t>((static_cast<std::int64_t>(z) * dims[1] + y) * dims[0] + x);
    };
    for (int z = 0; z < dims[2]; ++z) {
        for (int y = 0; y < dims[1]; ++y) {
            for (int x = 0; x < dims[0]; ++x) {
                const Vertex here = f.nodes[index(x, y, z)];
                const std::array<std::array<int, 3>, 3> next{
                    {{(x + 1) % dims[0], y, z}, {x, (y + 1) % dims[1], z}, {x, y, (z + 1) % dims[2]}}};
                for (std::size_t d = 0; d < s.dims.size(); ++d) {
                    const Vertex there = f.nodes[index(next[d][0], next[d][1], next[d][2])];
                    // A ring of 2 has one neighbour on both sides: two parallel links.
                    connect(f.graph, here, there, 1, s.nicGbps, LinkLayer::Torus, Medium::Copper);
                }
            }
        }
    }
    f.endpoints = count;
    f.maxEndpoints = count;
}

} // namespace fw::core::topology::detail
