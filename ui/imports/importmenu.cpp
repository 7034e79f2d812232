// SPDX-License-Identifier: Apache-2.0
#include "ui/imports/importmenu.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

#include "core/error.h"
#include "core/fileio.h"
#include "core/io/scenariocsv.h"
#include "ui/document/fleetdocument.h"
#include "ui/imports/netboximportdialog.h"

namespace fw::ui {
namespace {

/// Asks for a CSV file and imports it into one table of the current scenario.
void importTable(FleetDocument* document, core::io::ScenarioTable table, const QString& title, QWidget* parent)
{
    if (document->currentScenario() < 0) {
        QMessageBox::information(parent, title, QObject::tr("The fleet has no scenario to import into yet."));
        return;
    }
    const QString path =
        QFileDialog::getOpenFileName(parent, title, QString(), QObject::tr("CSV (*.csv);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    if (const QString problem = importTableFromCsv(document, table, path); !problem.isEmpty()) {
        QMessageBox::warning(parent, title, problem);
    }
}

} // namespace

QString importTableFromCsv(FleetDocument* document, core::io::ScenarioTable table, const QString& path)
{
    if (document->currentScenario() < 0) {
        return QObject::tr("The fleet has no scenario to import into.");
    }
    try {
        const std::string file = path.toStdString();
        auto after = core::io::withTableFromCsv(document->scenario(), table, core::readTextFile(file), file,
                                                document->fleet().catalog);
        const QString text = QObject::tr("Import %1 from %2")
                                 .arg(QString::fromUtf8(core::io::toString(table).data()), QFileInfo(path).fileName());
        QString refused;
        const auto connection = QObject::connect(document, &FleetDocument::editRejected,
                                                 [&refused](const QString& reason) { refused = reason; });
        const bool changed = document->changeScenario(std::move(after), text);
        QObject::disconnect(connection);
        return changed ? QString() : refused;
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
}

void addImportMenu(QMenu* file, FleetDocument* document, QWidget* parent)
{
    using core::io::ScenarioTable;
    file->addAction(QObject::tr("Import from &NetBox…"), parent, [document, parent] {
        NetboxImportDialog dialog(document, parent);
        dialog.exec();
    });
    QMenu* menu = file->addMenu(QObject::tr("Import &Table from CSV"));
    const std::pair<ScenarioTable, QString> tables[] = {
        {ScenarioTable::Fleet, QObject::tr("Installed &Fleet…")},
        {ScenarioTable::Demand, QObject::tr("&Demand…")},
        {ScenarioTable::Market, QObject::tr("&Market…")},
    };
    for (const auto& [table, text] : tables) {
        menu->addAction(text, parent, [document, parent, table, text] {
            importTable(
                document, table,
                QObject::tr("Import %1 from CSV").arg(QString(text).remove(QLatin1Char('&')).remove(QChar(0x2026))),
                parent);
        });
    }
}

} // namespace fw::ui
