// SPDX-License-Identifier: Apache-2.0
// Renders the GUI's pages to PNG files for docs/screenshots/ (run by scripts/screenshots under Xvfb):
//   fleetwright-screenshots OUTDIR WIDTHxHEIGHT
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QItemSelectionModel>
#include <QListWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <cstdio>

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

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
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
    while (plan->isRunning()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    bool ok = save(&window, dir, QStringLiteral("plan"), size);
    window.showPage(window.overviewPage());
    ok = save(&window, dir, QStringLiteral("overview"), size) && ok;
    window.showPage(window.sitesPage());
    ok = save(&window, dir, QStringLiteral("sites"), size) && ok;
    window.showPage(window.fleetPage());
    ok = save(&window, dir, QStringLiteral("fleet"), size) && ok;
    window.showPage(window.demandPage());
    ok = save(&window, dir, QStringLiteral("demand"), size) && ok;
    window.showPage(window.marketPage());
    ok = save(&window, dir, QStringLiteral("market"), size) && ok;
    window.showPage(window.policyPage());
    ok = save(&window, dir, QStringLiteral("policy"), size) && ok;
    window.showPage(window.comparePage());
    auto* compare = window.comparePage();
    for (int i = 0; i < compare->scenarios()->count(); ++i) {
        compare->scenarios()->item(i)->setCheckState(Qt::Checked);
    }
    compare->compare();
    while (compare->isRunning()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    ok = save(&window, dir, QStringLiteral("compare"), size) && ok;
    window.showPage(window.catalogPage());
    ok = save(&window, dir, QStringLiteral("catalog"), size) && ok;

    auto* page = window.catalogPage();
    selectRows(page->acceleratorView(), {2});
    ok = save(&window, dir, QStringLiteral("catalog-details"), size) && ok;

    selectRows(page->acceleratorView(), {2, 15, 19, 22});
    if (QWidget* comparison = page->compareSelected()) {
        ok = save(comparison, dir, QStringLiteral("catalog-compare"), size) && ok;
        comparison->close();
    }
    page->chartChooser()->setCurrentIndex(1);
    ok = save(&window, dir, QStringLiteral("catalog-price-chart"), size) && ok;
    window.showPage(window.compliancePage());
    window.compliancePage()->matrixView()->setCurrentIndex(window.compliancePage()->matrixModel()->index(2, 12));
    ok = save(&window, dir, QStringLiteral("compliance"), size) && ok;
    window.showPage(window.topologyPage());
    auto* topology = window.topologyPage();
    fw::core::topology::FabricSpec spec = topology->spec();
    spec.nodes = 256; // 2,048 GPUs, rail-optimised, QM9700: a 3-tier-sized drawing
    topology->setSpec(spec);
    while (topology->isBusy()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    ok = save(&window, dir, QStringLiteral("topology"), size) && ok;
    window.showPage(window.whatIfPage());
    auto* whatIf = window.whatIfPage();
    const QStringList tabs{QStringLiteral("training"), QStringLiteral("inference"), QStringLiteral("power"),
                           QStringLiteral("tco")};
    for (int tab = 0; tab < whatIf->tabs()->count(); ++tab) {
        whatIf->tabs()->setCurrentIndex(tab);
        ok = save(&window, dir, QStringLiteral("whatif-") + tabs[tab], size) && ok;
    }
    // File → Preview Report…: grab the preview once it shows, then close it.
    bool previewed = false;
    QTimer poll;
    poll.setInterval(200);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (top->objectName() == QStringLiteral("reportPreview") && top->isVisible() && !previewed) {
                previewed = true;
                top->resize(parts[0].toInt(), parts[1].toInt());
                ok = save(top, dir, QStringLiteral("report-preview"), size) && ok;
                static_cast<QDialog*>(top)->reject();
            }
        }
    });
    poll.start();
    window.previewReport();
    while (!previewed) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return ok ? 0 : 1;
}
