// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/topology/fabric.h"

// What the fabric builders share; used inside core/topology only.
namespace fw::core::topology::detail {

/// Adds `links` parallel links of `gbps` each between a and b, merging with an edge already there.
void connect(FabricGraph& g, Vertex a, Vertex b, int links, double gbps, LinkLayer layer, Medium medium);

Vertex addVertex(FabricGraph& g, VertexKind kind, int plane, int group, int radix);

/// ceil(a ÷ b) for a ≥ 0, b > 0.
constexpr std::int64_t ceilDiv(std::int64_t a, std::int64_t b)
{
    return (a + b - 1) / b;
}

/// a · b for a, b ≥ 0, or the largest int64 where the product would not fit: counts that big are
/// refused or capped by whoever compares them, never wrapped around.
constexpr std::int64_t saturatingProduct(std::int64_t a, std::int64_t b)
{
    std::int64_t product = 0;
    return __builtin_mul_overflow(a, b, &product) ? std::numeric_limits<std::int64_t>::max() : product;
}

/// A count known to fit an int (it is bounded by one already held in an int).
int narrow(std::int64_t value);

/// Each of these fills `f.graph`, `f.nodes` and the shape fields of `f` from `f.spec`, after
/// checking the parts of the spec that belong to its kind (ValidationError with a one-line message).
void buildFatTree(Fabric& f);
void buildDragonfly(Fabric& f);
void buildTorus(Fabric& f);

} // namespace fw::core::topology::detail
