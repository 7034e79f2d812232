// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QPrinter;

#include "core/report/reportmodel.h"

namespace fw::ui {

/// Renders `model` to a PDF at `path`: A4 or Letter portrait, title block, tables (split across pages with the
/// header repeated), charts as vector graphics, page numbers in the footer. The file is written
/// through QSaveFile, so `path` is either untouched or complete. Throws fw::core::IoError naming
/// the file. Needs a QApplication (Qt Charts); GUI thread only.
enum class Paper { A4, Letter };
void writeReportPdf(const core::report::ReportModel& model, const QString& path, Paper paper = Paper::A4);

/// Draws `model` onto `printer` on the printer's paper, as writeReportPdf draws the PDF: what the
/// report preview (QPrintPreviewDialog) shows and prints.
void printReport(const core::report::ReportModel& model, QPrinter& printer);

} // namespace fw::ui
