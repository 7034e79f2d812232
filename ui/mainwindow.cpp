// SPDX-License-Identifier: Apache-2.0
#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QCloseEvent>
#include <QDate>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QtConcurrent>

#include "core/error.h"
#include "core/fileio.h"
#include "core/report/plainwords.h"
#include "core/report/planreport.h"
#include "core/report/reportmodel.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/document/planbook.h"
#include "ui/help/helpdialog.h"
#include "ui/imports/importmenu.h"
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
#include "ui/report/exportdialog.h"
#include "ui/report/reportwriter.h"

namespace fw::ui {
namespace {

constexpr int maxRecentFiles = 8;
const QString fleetFilter = QObject::tr("Fleet files (*.fleet);;All files (*)");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new FleetDocument(this)), m_navigation(new QListWidget(this)),
      m_pages(new QStackedWidget(this)), m_catalogPage(new CatalogPage(m_document, this)),
      m_compliancePage(new CompliancePage(m_document, this)), m_whatIfPage(new WhatIfPage(m_document, this)),
      m_topologyPage(new TopologyPage(m_document, this)), m_planPage(new PlanPage(m_document, this)),
      m_overviewPage(new OverviewPage(m_planPage, this)), m_sitesPage(new SitesPage(m_document, this)),
      m_fleetPage(new FleetPage(m_document, this)), m_demandPage(new DemandPage(m_document, this)),
      m_marketPage(new MarketPage(m_document, this)), m_policyPage(new PolicyPage(m_document, this)),
      m_riskPage(new RiskPage(m_document, this)), m_comparePage(new ComparePage(m_document, this))
{
    m_navigation->setFixedWidth(150);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setStyleSheet(QStringLiteral("QListWidget::item { padding: 8px 10px; }"));
    m_navigation->setAccessibleName(tr("Pages"));
    addPage(tr("Overview"), m_overviewPage);
    addPage(tr("Plan"), m_planPage);
    addPage(tr("Sites & power"), m_sitesPage);
    addPage(tr("Fleet"), m_fleetPage);
    addPage(tr("Demand"), m_demandPage);
    addPage(tr("Market"), m_marketPage);
    addPage(tr("Policy"), m_policyPage);
    addPage(tr("Compare"), m_comparePage);
    addPage(tr("Catalog"), m_catalogPage);
    addPage(tr("Compliance"), m_compliancePage);
    addPage(tr("Risk"), m_riskPage);
    addPage(tr("Topology"), m_topologyPage);
    addPage(tr("What-if"), m_whatIfPage);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    createMenus();
    connect(m_document, &FleetDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &FleetDocument::modifiedChanged, this, &MainWindow::setWindowModified);
    connect(m_document, &FleetDocument::fleetChanged, this, [this] {
        const auto& catalog = m_document->fleet().catalog;
        statusBar()->showMessage(tr("%1 accelerators, %2 systems, %3 network parts")
                                     .arg(catalog.accelerators.size())
                                     .arg(catalog.systems.size())
                                     .arg(catalog.networkParts.size()));
    });
    connect(m_document, &FleetDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified) {
            m_recovery->discard(); // saved, opened, or undone back to the file: nothing to recover
        }
    });
    m_planStatus = new QLabel(this);
    m_planStatus->setObjectName(QStringLiteral("planStatus"));
    statusBar()->addPermanentWidget(m_planStatus);
    connect(m_planPage, &PlanPage::shownChanged, this, &MainWindow::updatePlanStatus);
    m_planAgeTimer.setInterval(30 * 1000);
    connect(&m_planAgeTimer, &QTimer::timeout, this, &MainWindow::updatePlanStatus);
    m_planAgeTimer.start();
    updatePlanStatus();
    m_recovery = std::make_unique<RecoveryFile>();
    m_autosaveTimer.setInterval(autosaveIntervalMs);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer.start();
    updateTitle();
    resize(1280, 800);
    setAcceptDrops(true);
    restoreState();
}

namespace {

/// How long ago `when` was, for the status bar: "just now", "5 min ago", "3 h ago", or the date.
QString age(const QDateTime& when)
{
    const qint64 minutes = when.secsTo(QDateTime::currentDateTime()) / 60;
    if (minutes < 1) {
        return QObject::tr("just now");
    }
    if (minutes < 60) {
        return QObject::tr("%n min ago", nullptr, static_cast<int>(minutes));
    }
    if (minutes < 24 * 60) {
        return QObject::tr("%n h ago", nullptr, static_cast<int>(minutes / 60));
    }
    return QObject::tr("on %1").arg(QLocale().toString(when, QLocale::ShortFormat));
}

} // namespace

void MainWindow::updatePlanStatus()
{
    if (m_document->currentScenario() < 0) {
        m_planStatus->setText(tr("No scenario"));
        return;
    }
    const QString name = QString::fromStdString(m_document->scenario().name);
    const auto run = m_planPage->shownRun();
    if (!run) {
        m_planStatus->setText(tr("No plan of “%1” yet").arg(name));
    } else if (!run->error.empty()) {
        m_planStatus->setText(tr("“%1” cannot be planned").arg(name));
    } else if (m_planPage->isStale()) {
        m_planStatus->setText(tr("Plan of “%1” is out of date: %2").arg(name, m_planPage->staleReason()));
    } else {
        const QString when = run->savedAt.empty() ? tr("made %1").arg(age(m_planPage->shownAt()))
                                                  : tr("saved in the file %1").arg(age(m_planPage->shownAt()));
        m_planStatus->setText(
            tr("Plan of “%1”: %2, %3").arg(name, QString::fromStdString(core::plan::statusText(run->plan)), when));
    }
}

MainWindow::~MainWindow()
{
    // The document outlives this object's members while QWidget deletes the children: its last
    // signals must not reach them.
    disconnect(m_document, nullptr, this, nullptr);
}

void MainWindow::autosave()
{
    if (!m_document->isModified()) {
        m_recovery->discard();
        return;
    }
    try {
        m_recovery->write(m_document->fleet(), m_document->filePath());
    } catch (const core::Error& e) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(QString::fromUtf8(e.what())), 10000);
    }
}

int MainWindow::offerRecovery()
{
    int restored = 0;
    for (const auto& orphan : RecoveryFile::orphans()) {
        const QString of =
            orphan.originPath.isEmpty() ? tr("an unsaved fleet") : QFileInfo(orphan.originPath).fileName();
        QMessageBox box(QMessageBox::Question, tr("Restore unsaved changes"),
                        tr("Fleetwright closed without saving changes to %1 (autosaved %2). Restore them?")
                            .arg(of, QLocale().toString(orphan.written, QLocale::ShortFormat)),
                        QMessageBox::NoButton, this);
        QPushButton* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
        box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
        box.exec();
        if (box.clickedButton() == restore) {
            if (!maybeSave()) {
                return restored;
            }
            restored += restoreAutosave(orphan) ? 1 : 0;
        } else {
            RecoveryFile::remove(orphan);
        }
    }
    return restored;
}

bool MainWindow::restoreAutosave(const RecoveryFile::Orphan& orphan)
{
    try {
        core::Fleet fleet = RecoveryFile::read(orphan);
        if (!orphan.originPath.isEmpty() && QFileInfo::exists(orphan.originPath)) {
            m_document->open(orphan.originPath);
        } else {
            m_document->reset(core::Fleet{});
        }
        m_document->replaceContent(std::move(fleet), tr("Restore unsaved changes"));
    } catch (const core::Error& e) {
        showError(tr("Cannot restore the autosave"), e);
        return false;
    }
    RecoveryFile::remove(orphan);
    autosave(); // this session's own recovery file now holds the restored changes
    return true;
}

void MainWindow::restoreState()
{
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    fitToScreen();
    const int page = settings.value(QStringLiteral("window/page"), 0).toInt();
    if (page >= 0 && page < m_navigation->count()) {
        m_navigation->setCurrentRow(page);
    }
    setDarkPalette(settings.value(QStringLiteral("view/dark"), false).toBool());
}

void MainWindow::fitToScreen()
{
    if (isMaximized() || isFullScreen()) {
        return;
    }
    QScreen* screen = QGuiApplication::screenAt(geometry().center());
    if (screen == nullptr) {
        screen = QGuiApplication::primaryScreen();
    }
    if (screen == nullptr) {
        return;
    }
    const QRect available = screen->availableGeometry();
    // The frame (title bar, borders) around the client area, once the window manager has drawn it.
    const QMargins frame(geometry().left() - frameGeometry().left(), geometry().top() - frameGeometry().top(),
                         frameGeometry().right() - geometry().right(), frameGeometry().bottom() - geometry().bottom());
    const QRect room = available.marginsRemoved(frame);
    if (room.contains(geometry())) {
        return;
    }
    QRect fitted(QPoint(), geometry().size().boundedTo(room.size()));
    fitted.moveCenter(room.center());
    setGeometry(fitted);
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/page"), m_navigation->currentRow());
    settings.setValue(QStringLiteral("view/dark"), m_dark);
}

namespace {

/// The local `.fleet` file in dropped data, or empty.
QString droppedFleet(const QMimeData& data)
{
    const auto urls = data.urls();
    if (urls.size() == 1 && urls.front().isLocalFile() &&
        urls.front().toLocalFile().endsWith(QStringLiteral(".fleet"))) {
        return urls.front().toLocalFile();
    }
    return {};
}

} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedFleet(*event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    if (openDropped(*event->mimeData())) {
        event->acceptProposedAction();
    }
}

bool MainWindow::openDropped(const QMimeData& data)
{
    const QString path = droppedFleet(data);
    return !path.isEmpty() && maybeSave() && openFile(path);
}

void MainWindow::addPage(const QString& name, QWidget* page)
{
    m_navigation->addItem(name);
    m_pages->addWidget(page);
}

void MainWindow::showPage(int index)
{
    m_navigation->setCurrentRow(index);
}

void MainWindow::showPage(QWidget* page)
{
    m_navigation->setCurrentRow(m_pages->indexOf(page));
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, [this] {
        if (maybeSave()) {
            newSampleFleet();
        }
    });
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeSave()) {
            return;
        }
        const QString path = QFileDialog::getOpenFileName(this, tr("Open fleet"), QString(), fleetFilter);
        if (!path.isEmpty()) {
            openFile(path);
        }
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentFiles();
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
    file->addAction(tr("Save &As…"), QKeySequence(tr("Ctrl+Shift+S")), this, [this] { saveAs(); });
    file->addSeparator();
    file->addAction(tr("&Export Report…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportWithDialog);
    file->addAction(tr("Pre&view Report…"), this, &MainWindow::previewReport);
    file->addSeparator();
    addImportMenu(file, m_document, this);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    createPlanMenu();
    createViewMenu();
    createHelpMenu();
}

void MainWindow::createPlanMenu()
{
    QMenu* plan = menuBar()->addMenu(tr("&Plan"));
    plan->addAction(tr("&Plan the Scenario"), QKeySequence(tr("Ctrl+R")), this, [this] {
        showPage(m_planPage);
        m_planPage->run();
    });
    plan->addAction(tr("&Cancel Planning"), this, [this] { m_planPage->cancel(); });
    plan->addAction(tr("Make the &Smallest Change"), this, [this] {
        if (!m_planPage->applySmallestChange()) {
            statusBar()->showMessage(tr("The plan on screen proposes no change"), 4000);
        }
    });
}

void MainWindow::createViewMenu()
{
    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_navigation->count(); ++i) {
        // "Sites & power": a menu reads '&' as the mnemonic marker, so it is doubled.
        QString name = m_navigation->item(i)->text();
        QAction* go =
            view->addAction(name.replace(QLatin1Char('&'), QStringLiteral("&&")), this, [this, i] { showPage(i); });
        if (i < 10) {
            go->setShortcut(QKeySequence(tr("Ctrl+%1").arg((i + 1) % 10)));
        }
    }
    view->addSeparator();
    view->addAction(tr("&Next Page"), QKeySequence(tr("Ctrl+PgDown")), this,
                    [this] { showPage((m_navigation->currentRow() + 1) % m_navigation->count()); });
    view->addAction(tr("&Previous Page"), QKeySequence(tr("Ctrl+PgUp")), this, [this] {
        showPage((m_navigation->currentRow() + m_navigation->count() - 1) % m_navigation->count());
    });
    view->addSeparator();
    QAction* dark = view->addAction(tr("&Dark Palette"));
    dark->setCheckable(true);
    dark->setObjectName(QStringLiteral("darkPalette"));
    connect(dark, &QAction::toggled, this, &MainWindow::setDarkPalette);
}

void MainWindow::createHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Guide"), QKeySequence::HelpContents, this, &MainWindow::showGuide);
    help->addAction(tr("&About Fleetwright"), this,
                    [this] { QMessageBox::about(this, tr("About Fleetwright"), aboutHtml()); });
}

HelpDialog* MainWindow::showGuide()
{
    static const QStringList anchors{
        QStringLiteral("overview"), QStringLiteral("plan"),       QStringLiteral("sites"),    QStringLiteral("fleet"),
        QStringLiteral("demand"),   QStringLiteral("market"),     QStringLiteral("policy"),   QStringLiteral("compare"),
        QStringLiteral("catalog"),  QStringLiteral("compliance"), QStringLiteral("topology"), QStringLiteral("whatif")};
    if (m_guide == nullptr) {
        m_guide = new HelpDialog(this);
    }
    m_guide->show();
    m_guide->raise();
    m_guide->showSection(anchors.value(m_navigation->currentRow(), QStringLiteral("workflow")));
    return m_guide;
}

void MainWindow::setDarkPalette(bool dark)
{
    m_dark = dark;
    if (auto* action = findChild<QAction*>(QStringLiteral("darkPalette")); action && action->isChecked() != dark) {
        const QSignalBlocker blocker(action);
        action->setChecked(dark);
    }
    QPalette palette = QApplication::style()->standardPalette();
    if (dark) {
        // Fusion's dark colours (as KDE's Breeze Dark): light text on grey, blue selection.
        palette.setColor(QPalette::Window, QColor(53, 53, 53));
        palette.setColor(QPalette::WindowText, QColor(230, 230, 230));
        palette.setColor(QPalette::Base, QColor(35, 35, 35));
        palette.setColor(QPalette::AlternateBase, QColor(45, 45, 45));
        palette.setColor(QPalette::ToolTipBase, QColor(25, 25, 25));
        palette.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
        palette.setColor(QPalette::Text, QColor(230, 230, 230));
        palette.setColor(QPalette::Button, QColor(53, 53, 53));
        palette.setColor(QPalette::ButtonText, QColor(230, 230, 230));
        palette.setColor(QPalette::BrightText, Qt::red);
        palette.setColor(QPalette::Link, QColor(90, 160, 240));
        palette.setColor(QPalette::Highlight, QColor(42, 130, 218));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
        palette.setColor(QPalette::Disabled, QPalette::Text, QColor(127, 127, 127));
        palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(127, 127, 127));
        palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(127, 127, 127));
    }
    QApplication::setPalette(palette);
    // A widget with a style sheet keeps the palette it was polished with: polish it again.
    m_navigation->setStyleSheet(m_navigation->styleSheet());
    for (QChartView* view : findChildren<QChartView*>()) {
        if (view->chart() != nullptr) {
            stylePalette(view->chart());
        }
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — Fleetwright").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::newSampleFleet()
{
    try {
        m_document->reset(core::sampleFleet());
    } catch (const core::Error& e) {
        showError(tr("Cannot create the sample fleet"), e);
    }
}

bool MainWindow::openFile(const QString& path)
{
    try {
        m_document->open(path);
    } catch (const core::Error& e) {
        showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), e);
        return false;
    }
    rememberRecentFile(path);
    return true;
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty()) {
        return saveAs();
    }
    keepCurrentPlans();
    try {
        m_document->save();
    } catch (const core::Error& e) {
        showError(tr("Cannot save"), e);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_document->filePath()), 4000);
    return true;
}

std::shared_ptr<const PlanRun> MainWindow::currentPlanOf(int index) const
{
    const auto& scenarios = m_document->fleet().scenarios;
    if (index < 0 || index >= static_cast<int>(scenarios.size())) {
        return nullptr;
    }
    const auto found = m_document->plans()->find(m_document->fleet(), scenarios[static_cast<std::size_t>(index)]);
    return found.current ? found.run : nullptr;
}

void MainWindow::keepCurrentPlans()
{
    // Every scenario's plan that is current is saved with the file, as `plan --save` would.
    for (int i = 0; i < static_cast<int>(m_document->fleet().scenarios.size()); ++i) {
        if (const auto run = currentPlanOf(i)) {
            if (auto kept = planToKeep(*run)) {
                m_document->keepPlan(std::move(*kept));
            }
        }
    }
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save fleet as"), m_document->displayName(), fleetFilter);
    if (path.isEmpty()) {
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".fleet");
    }
    return saveTo(path);
}

bool MainWindow::saveTo(const QString& path)
{
    keepCurrentPlans();
    try {
        m_document->saveAs(path);
    } catch (const core::Error& e) {
        showError(tr("Cannot save"), e);
        return false;
    }
    rememberRecentFile(path);
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

ReportRequest MainWindow::defaultReport() const
{
    ReportRequest request;
    request.scenario = m_document->currentScenario();
    request.fileName = m_document->displayName().toStdString();
    request.date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    return request;
}

bool MainWindow::exportReport(const QString& path, std::optional<ReportRequest> request, Paper paper)
{
    ReportRequest r = request.value_or(defaultReport());
    try {
        r.fileBytes =
            m_document->filePath().isEmpty() ? std::string() : core::readTextFile(m_document->filePath().toStdString());
        writeReportPdf(buildReport(m_document->fleet(), r, currentPlanOf(r.scenario)), path, paper);
    } catch (const core::Error& e) {
        showError(tr("Cannot export the report"), e);
        return false;
    }
    statusBar()->showMessage(tr("Report written to %1").arg(path), 6000);
    return true;
}

void MainWindow::exportWithDialog()
{
    ExportReportDialog dialog(
        *m_document, [this](int scenario) { return currentPlanOf(scenario) != nullptr; }, this);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty()) {
        return;
    }
    ReportRequest request = defaultReport();
    request.scenario = dialog.scenario();
    request.sensitivity = dialog.sensitivity();
    exportReportInBackground(dialog.path(), request, dialog.paper());
}

void MainWindow::exportReportInBackground(const QString& path, std::optional<ReportRequest> request, Paper paper)
{
    reportInBackground(request.value_or(defaultReport()), [this, path, paper](const core::report::ReportModel& model) {
        writeReportPdf(model, path, paper);
        statusBar()->showMessage(tr("Report written to %1").arg(path), 6000);
    });
}

void MainWindow::previewReport()
{
    reportInBackground(defaultReport(), [this](const core::report::ReportModel& model) {
        QPrinter printer(QPrinter::HighResolution);
        QPrintPreviewDialog preview(&printer, this);
        preview.setObjectName(QStringLiteral("reportPreview"));
        preview.setWindowTitle(tr("Report preview — %1").arg(QString::fromStdString(model.title)));
        connect(&preview, &QPrintPreviewDialog::paintRequested, this,
                [&model](QPrinter* target) { printReport(model, *target); });
        statusBar()->clearMessage();
        // As large as the window's screen allows, never past it.
        const QScreen* screen = this->screen();
        const QSize room = screen != nullptr ? screen->availableGeometry().size() * 0.9 : QSize(900, 700);
        preview.resize(QSize(900, 1000).boundedTo(room));
        preview.exec();
    });
}

void MainWindow::reportInBackground(const ReportRequest& request,
                                    std::function<void(const core::report::ReportModel&)> then)
{
    // Planning (when the scenario has no current plan) runs on a worker with a copy of the fleet;
    // drawing (Qt Charts) on this thread.
    const auto shown = currentPlanOf(request.scenario);
    statusBar()->showMessage(shown || request.scenario < 0 ? tr("Making the report …")
                                                           : tr("Planning for the report …"));
    const core::Fleet fleet = m_document->fleet();
    ReportRequest r = request;
    if (request.scenario == m_document->currentScenario()) {
        r.risk = m_riskPage->currentRun();
    }
    try {
        r.fileBytes =
            m_document->filePath().isEmpty() ? std::string() : core::readTextFile(m_document->filePath().toStdString());
    } catch (const core::Error& e) {
        showError(tr("Cannot make the report"), e);
        return;
    }
    auto* watcher = new QFutureWatcher<std::shared_ptr<core::report::ReportModel>>(this);
    auto error = std::make_shared<std::string>();
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, error, then = std::move(then)] {
        const auto model = watcher->result();
        watcher->deleteLater();
        try {
            if (!model) {
                throw core::Error(m_document->plainMessage(*error).toStdString());
            }
            then(*model);
        } catch (const core::Error& e) {
            showError(tr("Cannot make the report"), e);
        }
    });
    watcher->setFuture(QtConcurrent::run([fleet, r, shown, error]() -> std::shared_ptr<core::report::ReportModel> {
        try {
            return std::make_shared<core::report::ReportModel>(buildReport(fleet, r, shown));
        } catch (const std::exception& e) { // core::Error, or bad_alloc: never out of the worker
            *error = e.what();
            return nullptr;
        }
    }));
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified()) {
        return true;
    }
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (maybeSave()) {
        saveState();
        event->accept();
    } else {
        event->ignore();
    }
}

void MainWindow::showError(const QString& what, const std::exception& error)
{
    QMessageBox box(QMessageBox::Critical, what, what, QMessageBox::Ok, this);
    box.setInformativeText(QString::fromUtf8(error.what()));
    box.setObjectName(QStringLiteral("errorBox"));
    box.exec();
}

void MainWindow::rememberRecentFile(const QString& path)
{
    QSettings settings;
    QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > maxRecentFiles) {
        files.removeLast();
    }
    settings.setValue(QStringLiteral("recentFiles"), files);
    updateRecentFiles();
}

void MainWindow::updateRecentFiles()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : files) {
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave()) {
                                openFile(path);
                            }
                        })
            ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

} // namespace fw::ui
