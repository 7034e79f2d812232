// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/catalogjson.h"
#include "core/workload/assumptions.h"
#include "tests/core/testdir.h"

namespace fw::tests {

/// The shipped catalog and model defaults, read once for the economics tests.
inline const core::catalog::Catalog& shippedCatalog()
{
    static const core::catalog::Catalog c = core::catalog::loadCatalogDirectory(shippedData() / "catalog");
    return c;
}

inline const core::workload::ModelAssumptions& shippedAssumptions()
{
    static const auto a = core::workload::loadModelAssumptions(shippedData() / "models" / "assumptions.json");
    return a;
}

} // namespace fw::tests
