// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/fleetdocument.h"
#include "ui/models/scenariotablemodel.h"

namespace fw::ui {

/// The "System" column of a scenario list whose rows name a system (offers, installed systems):
/// only a SKU of the fleet's catalog is taken.
template <typename Row>
ScenarioColumn systemColumn(const FleetDocument* document, std::vector<Row> core::plan::Scenario::*rows)
{
    return {QObject::tr("System"), QObject::tr("A system SKU of the fleet's catalog"),
            [rows](const core::plan::Scenario& s, int r) {
                return QVariant(QString::fromStdString(rowOf(s.*rows, r).system));
            },
            [document, rows](core::plan::Scenario& s, int r, const QString& text) {
                const std::string sku = text.trimmed().toStdString();
                if (document->fleet().catalog.findSystem(sku) == nullptr) {
                    return QObject::tr("no system “%1” in the catalog").arg(text.trimmed());
                }
                rowOf(s.*rows, r).system = sku;
                return QString();
            }};
}

} // namespace fw::ui
