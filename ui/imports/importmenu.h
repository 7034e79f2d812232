// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "core/io/scenariocsv.h"

class QMenu;
class QWidget;

namespace fw::ui {

class FleetDocument;

/// Adds File → Import from NetBox… (NetboxImportDialog) and File → Import Table from CSV: the
/// Installed Fleet, Demand and Market tables of the current scenario from spreadsheet CSV. Each import is one undo
/// step; a bad file changes nothing and its one-line reason is shown in a message box. GUI thread only.
void addImportMenu(QMenu* file, FleetDocument* document, QWidget* parent);

/// Replaces `table` of the document's current scenario with the CSV file at `path`, as one undo
/// step; returns the one-line reason it cannot (and then changes nothing), or an empty string.
QString importTableFromCsv(FleetDocument* document, core::io::ScenarioTable table, const QString& path);

} // namespace fw::ui
