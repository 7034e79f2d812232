// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "core/catalog/catalog.h"

namespace fw::ui {

/// Every field of a catalog record as an HTML table (label, value with unit), the derived figures,
/// and its sources as links; for the catalog page's details panel.
QString recordDetailsHtml(const core::catalog::Accelerator& record, const core::catalog::Catalog& catalog);
QString recordDetailsHtml(const core::catalog::System& record, const core::catalog::Catalog& catalog);
QString recordDetailsHtml(const core::catalog::NetworkPart& record, const core::catalog::Catalog& catalog);

} // namespace fw::ui
