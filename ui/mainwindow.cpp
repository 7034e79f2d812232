// SPDX-License-Identifier: Apache-2.0
#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
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
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QtConcurrent>

#include "core/error.h"
#include "core/fileio.h"
#include "core/report/planreport.h"
#include "core/report/reportmodel.h"
#include "ui/document/fleetdocument.h"
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
#include "ui/pages/sitespage.h"
#include "ui/pages/topologypage.h"
#include "ui/pages/whatifpage.h"
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
      m_overviewPage(new OverviewPage(m_document, m_planPage, this)), m_sitesPage(new SitesPage(m_document, this)),
      m_fleetPage(new FleetPage(m_document, this)), m_demandPage(new DemandPage(m_document, this)),
      m_marketPage(new MarketPage(m_document, this)), m_policyPage(new PolicyPage(m_document, this)),
      m_comparePage(new ComparePage(m_document, this))
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
    statusBar()->addPermanentWidget(m_planStatus);
    connect(m_planPage, &PlanPage::planShown, this, &MainWindow::updatePlanStatus);
    connect(m_document, &FleetDocument::fleetChanged, this, &MainWindow::updatePlanStatus);
    connect(m_document, &FleetDocument::currentScenarioChanged, this, &MainWindow::updatePlanStatus);
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

void MainWindow::updatePlanStatus()
{
    const auto run = m_planPage->shownRun();
    if (!run || !run->error.empty()) {
        m_planStatus->setText(tr("No plan yet"));
    } else if (m_planPage->isStale()) {
        m_planStatus->setText(tr("Plan is stale: inputs changed since it was computed"));
    } else {
        const qint64 minutes = m_planPage->shownAt().secsTo(QDateTime::currentDateTime()) / 60;
        m_planStatus->setText(
            tr("Plan: %1, made %2")
                .arg(QString::fromStdString(statusText(run->plan)),
                     minutes < 1 ? tr("just now") : tr("%n min ago", nullptr, static_cast<int>(minutes))));
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
    const int page = settings.value(QStringLiteral("window/page"), 0).toInt();
    if (page >= 0 && page < m_navigation->count()) {
        m_navigation->setCurrentRow(page);
    }
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/page"), m_navigation->currentRow());
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
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] { saveAs(); });
    file->addSeparator();
    file->addAction(tr("&Export Report…"), QKeySequence(tr("Ctrl+E")), this, [this] {
        const QString suggested = QFileInfo(m_document->displayName()).completeBaseName() + QStringLiteral(".pdf");
        const QString path = QFileDialog::getSaveFileName(this, tr("Export report"), suggested, tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            exportReportInBackground(path);
        }
    });
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
    keepShownPlan();
    try {
        m_document->save();
    } catch (const core::Error& e) {
        showError(tr("Cannot save"), e);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_document->filePath()), 4000);
    return true;
}

void MainWindow::keepShownPlan()
{
    // The plan on screen is saved with the file while it is current, as `plan --save` would.
    if (const auto run = m_planPage->shownRun(); run && !m_planPage->isStale()) {
        if (auto kept = planToKeep(*run)) {
            m_document->keepPlan(std::move(*kept));
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
    keepShownPlan();
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

namespace {

/// The report of `fleet`: the plan report of its first scenario, or the catalog report without one.
/// Pure and blocking: safe on a worker thread with its own copy of the fleet.
core::report::ReportModel reportFor(const core::Fleet& fleet, const std::string& name, const std::string& fileBytes,
                                    double timeLimitSeconds)
{
    const std::string date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    if (fleet.scenarios.empty()) {
        return core::report::buildCatalogReport(fleet, name, date);
    }
    core::plan::OptimizerOptions options;
    options.timeLimitSeconds = timeLimitSeconds;
    return core::report::planAndReport(fleet, fleet.scenarios.front(), core::compliance::RuleLibrary::loadShipped(),
                                       core::workload::shippedModelAssumptions(), options, name, fileBytes, date);
}

} // namespace

bool MainWindow::exportReport(const QString& path)
{
    try {
        const std::string bytes =
            m_document->filePath().isEmpty() ? std::string() : core::readTextFile(m_document->filePath().toStdString());
        writeReportPdf(reportFor(m_document->fleet(), m_document->displayName().toStdString(), bytes, 60.0), path);
    } catch (const core::Error& e) {
        showError(tr("Cannot export the report"), e);
        return false;
    }
    statusBar()->showMessage(tr("Report written to %1").arg(path), 6000);
    return true;
}

void MainWindow::exportReportInBackground(const QString& path)
{
    reportInBackground([this, path](const core::report::ReportModel& model) {
        writeReportPdf(model, path);
        statusBar()->showMessage(tr("Report written to %1").arg(path), 6000);
    });
}

void MainWindow::previewReport()
{
    reportInBackground([this](const core::report::ReportModel& model) {
        QPrinter printer(QPrinter::HighResolution);
        QPrintPreviewDialog preview(&printer, this);
        preview.setObjectName(QStringLiteral("reportPreview"));
        preview.setWindowTitle(tr("Report preview — %1").arg(QString::fromStdString(model.title)));
        connect(&preview, &QPrintPreviewDialog::paintRequested, this,
                [&model](QPrinter* target) { printReport(model, *target); });
        statusBar()->clearMessage();
        preview.resize(900, 1000);
        preview.exec();
    });
}

void MainWindow::reportInBackground(std::function<void(const core::report::ReportModel&)> then)
{
    // Planning runs on a worker with a copy of the fleet; drawing (Qt Charts) on this thread.
    statusBar()->showMessage(tr("Planning for the report …"));
    const core::Fleet fleet = m_document->fleet();
    const std::string name = m_document->displayName().toStdString();
    std::string bytes;
    try {
        bytes =
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
                throw core::Error(*error);
            }
            then(*model);
        } catch (const core::Error& e) {
            showError(tr("Cannot make the report"), e);
        }
    });
    watcher->setFuture(QtConcurrent::run([fleet, name, bytes, error]() -> std::shared_ptr<core::report::ReportModel> {
        try {
            return std::make_shared<core::report::ReportModel>(reportFor(fleet, name, bytes, 60.0));
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
