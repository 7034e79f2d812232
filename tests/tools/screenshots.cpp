// SPDX-License-Identifier: Apache-2.0
// Renders the GUI's pages to PNG files for docs/screenshots/ (run by scripts/screenshots under Xvfb):
//   fleetwright-screenshots OUTDIR WIDTHxHEIGHT
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QItemSelectionModel>
#include <QListWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>

#include <functional>

#include <cstdio>

#include "ui/document/fleetdocument.h"
#include "ui/help/helpdialog.h"
#include "ui/mainwindow.h"
#include "ui/models/compliancematrixmodel.h"
#include "ui/pages/catalogpage.h"
#include "ui/pages/comparepage.h"
#include "ui/pages/compliancepage.h"
#include "ui/pages/demandpage.h"
#include "ui/pages/fleetpage.h"
#include "ui/pages/marketpage.h"
#include "ui/pages/overviewpage.h"
#include "ui/pages/planpage.h"
#include "ui/pages/policypage.h"
#include "ui/pages/riskpage.h"
#include "ui/pages/sitespage.h"
#include "ui/pages/topologypage.h"
#include "ui/pages/whatifpage.h"

namespace {

void settle()
{
    for (int i = 0; i < 10; ++i) {
        QApplication::processEvents();
    }
}

bool save(QWidget* widget, const QDir& dir, const QString& name, const QString& size)
{
    settle();
    const QString path = dir.filePath(QStringLiteral("%1-%2.png").arg(name, size));
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

void selectRows(QTableView* view, const QList<int>& rows)
{
    view->setCurrentIndex(view->model()->index(rows.first(), 0)); // shows it in the details panel
    for (int row : rows) {
        view->selectionModel()->select(view->model()->index(row, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

/// Every page of `window` (as the planner leaves it: planned, compared, a record and a cell chosen)
/// into `dir`, named PAGE-SIZE[SUFFIX].png.
bool shootPages(fw::ui::MainWindow& window, const QDir& dir, const QString& size, const QString& suffix)
{
    const auto shoot = [&](QWidget* widget, const QString& name) { return save(widget, dir, name + suffix, size); };
    bool ok = true;
    const std::vector<std::pair<QWidget*, QString>> pages{
        {window.planPage(), QStringLiteral("plan")},       {window.overviewPage(), QStringLiteral("overview")},
        {window.sitesPage(), QStringLiteral("sites")},     {window.fleetPage(), QStringLiteral("fleet")},
        {window.demandPage(), QStringLiteral("demand")},   {window.marketPage(), QStringLiteral("market")},
        {window.policyPage(), QStringLiteral("policy")},   {window.comparePage(), QStringLiteral("compare")},
        {window.catalogPage(), QStringLiteral("catalog")}, {window.compliancePage(), QStringLiteral("compliance")},
        {window.riskPage(), QStringLiteral("risk")},       {window.topologyPage(), QStringLiteral("topology")}};
    for (const auto& [page, name] : pages) {
        window.showPage(page);
        ok = shoot(&window, name) && ok;
    }
    window.showPage(window.whatIfPage());
    const QStringList tabs{QStringLiteral("training"), QStringLiteral("inference"), QStringLiteral("power"),
                           QStringLiteral("tco")};
    for (int tab = 0; tab < window.whatIfPage()->tabs()->count(); ++tab) {
        window.whatIfPage()->tabs()->setCurrentIndex(tab);
        ok = shoot(&window, QStringLiteral("whatif-") + tabs[tab]) && ok;
    }
    window.whatIfPage()->tabs()->setCurrentIndex(0);
    // The Market page's cloud offers and what the plan rents.
    window.showPage(window.marketPage());
    auto* market = window.marketPage()->findChild<QTabWidget*>();
    market->setCurrentIndex(3);
    ok = shoot(&window, QStringLiteral("market-cloud")) && ok;
    market->setCurrentIndex(4);
    ok = shoot(&window, QStringLiteral("market-rentals")) && ok;
    market->setCurrentIndex(0);
    return ok;
}

void waitFor(const std::function<bool()>& done)
{
    while (!done()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true); // no settings of a real session: light palette, default geometry
    if (argc != 3) {
        std::fprintf(stderr, "usage: fleetwright-screenshots OUTDIR WIDTHxHEIGHT\n");
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    const QString size = QString::fromLocal8Bit(argv[2]);
    const QStringList parts = size.split(QLatin1Char('x'));
    if (parts.size() != 2 || !QDir().mkpath(dir.path())) {
        std::fprintf(stderr, "bad arguments\n");
        return 2;
    }
    fw::ui::MainWindow window;
    window.newSampleFleet();
    window.resize(parts[0].toInt(), parts[1].toInt());
    window.show();
    window.showPage(window.planPage());
    auto* plan = window.planPage();
    plan->run();
    waitFor([plan] { return !plan->isRunning(); });
    auto* compare = window.comparePage();
    for (int i = 0; i < compare->scenarios()->count(); ++i) {
        compare->scenarios()->item(i)->setCheckState(Qt::Checked);
    }
    compare->compare();
    waitFor([compare] { return !compare->isRunning(); });
    auto* risk = window.riskPage();
    risk->run(true); // the US sample's 8 futures, and the robust plan
    waitFor([risk] { return !risk->isRunning(); });
    auto* page = window.catalogPage();
    selectRows(page->acceleratorView(), {2});
    window.compliancePage()->matrixView()->setCurrentIndex(window.compliancePage()->matrixModel()->index(2, 12));
    auto* topology = window.topologyPage();
    fw::core::topology::FabricSpec spec = topology->spec();
    spec.nodes = 256; // 2,048 GPUs, rail-optimised, QM9700: a 3-tier-sized drawing
    topology->setSpec(spec);
    waitFor([topology] { return !topology->isBusy(); });

    bool ok = shootPages(window, dir, size, QString());
    window.showPage(window.catalogPage());
    ok = save(&window, dir, QStringLiteral("catalog-details"), size) && ok;
    selectRows(page->acceleratorView(), {2, 15, 19, 22});
    if (QWidget* comparison = page->compareSelected()) {
        comparison->resize(std::min(comparison->width(), parts[0].toInt()), std::min(760, parts[1].toInt()));
        ok = save(comparison, dir, QStringLiteral("catalog-compare"), size) && ok;
        comparison->close();
    }
    page->chartChooser()->setCurrentIndex(1);
    ok = save(&window, dir, QStringLiteral("catalog-price-chart"), size) && ok;
    page->chartChooser()->setCurrentIndex(0);
    selectRows(page->acceleratorView(), {2});

    // Help → Guide, over the window.
    if (auto* guide = window.showGuide()) {
        ok = save(guide, dir, QStringLiteral("help"), size) && ok;
        guide->close();
    }

    // A scenario without a plan: the diagnosis leads with the cause and the smallest change.
    window.showPage(window.planPage());
    auto capped = window.document()->scenario();
    capped.policy.maxVendorShare = 0.6;
    window.document()->changeScenario(capped, QStringLiteral("Cap the vendor share"));
    plan->run();
    waitFor([plan] { return !plan->isRunning(); });
    ok = save(&window, dir, QStringLiteral("plan-diagnosis"), size) && ok;
    window.document()->undoStack()->undo();

    // The same pages in the dark palette.
    window.setDarkPalette(true);
    ok = shootPages(window, dir, size, QStringLiteral("-dark")) && ok;
    window.setDarkPalette(false);

    // File → Preview Report…: grab the preview once it shows, then close it.
    bool previewed = false;
    QTimer poll;
    poll.setInterval(200);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (top->objectName() == QStringLiteral("reportPreview") && top->isVisible() && !previewed) {
                previewed = true;
                top->resize(std::min(900, parts[0].toInt()), std::min(1000, parts[1].toInt() * 9 / 10));
                ok = save(top, dir, QStringLiteral("report-preview"), size) && ok;
                static_cast<QDialog*>(top)->reject();
            }
        }
    });
    poll.start();
    window.previewReport();
    waitFor([&previewed] { return previewed; });
    return ok ? 0 : 1;
}
