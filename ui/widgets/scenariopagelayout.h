// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QChartView;
class QWidget;

namespace fw::ui {

class FleetDocument;
class ScenarioTableModel;
class ScenarioTableView;

/// Lays out a scenario page: the heading, the scenario bar, the refusal of the last edit and then
/// `body`, which takes the rest of the height.
void layOutScenarioPage(QWidget* page, FleetDocument* document, const QString& heading, QWidget* body);

/// A table with Add/Remove buttons under it on the left and a chart on the right.
QWidget* tableBesideChart(ScenarioTableModel* model, ScenarioTableView* view, const QString& noun, QChartView* chart,
                          QWidget* parent);

} // namespace fw::ui
