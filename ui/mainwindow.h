// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>

#include "core/report/reportmodel.h"
#include "ui/document/recoveryfile.h"

class QLabel;
class QListWidget;
class QMimeData;
class QMenu;
class QStackedWidget;

namespace fw::ui {

class CatalogPage;
class ComparePage;
class CompliancePage;
class DemandPage;
class FleetPage;
class MarketPage;
class OverviewPage;
class PolicyPage;
class SitesPage;
class PlanPage;
class TopologyPage;
class WhatIfPage;
class FleetDocument;

/// The application window: a navigation side bar on the left selecting a page, the File menu
/// (New, Open, Open Recent, Save, Save As, Export Report, Preview Report, Quit) and Edit (Undo, Redo), the file name
/// and a modified marker in the title, and a prompt for unsaved changes on close. Errors from core
/// are shown in a message box; nothing is lost when an open or save fails. GUI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    FleetDocument* document() const { return m_document; }
    CatalogPage* catalogPage() const { return m_catalogPage; }
    CompliancePage* compliancePage() const { return m_compliancePage; }
    WhatIfPage* whatIfPage() const { return m_whatIfPage; }
    TopologyPage* topologyPage() const { return m_topologyPage; }
    PlanPage* planPage() const { return m_planPage; }
    OverviewPage* overviewPage() const { return m_overviewPage; }
    ComparePage* comparePage() const { return m_comparePage; }
    SitesPage* sitesPage() const { return m_sitesPage; }
    FleetPage* fleetPage() const { return m_fleetPage; }
    DemandPage* demandPage() const { return m_demandPage; }
    MarketPage* marketPage() const { return m_marketPage; }
    PolicyPage* policyPage() const { return m_policyPage; }
    /// Shows the page at `index` of the side bar.
    void showPage(int index);
    /// Shows `page`, one of the pages above.
    void showPage(QWidget* page);

    /// Opens `path`; on failure shows the error and keeps the current fleet. Returns success.
    bool openFile(const QString& path);
    /// Replaces the document with an unsaved copy of the sample fleet.
    void newSampleFleet();
    /// Opens the one `.fleet` file in dropped `data` (after the unsaved-changes prompt); false if
    /// it holds none. What a drop on the window does.
    bool openDropped(const QMimeData& data);
    /// Writes the report (the plan report of the first scenario, else the catalog report) to
    /// `path`; shows and returns false on failure. Blocking: for tests and scripts.
    bool exportReport(const QString& path);
    /// The same, planning on a worker thread; File → Export Report… uses it.
    void exportReportInBackground(const QString& path);
    /// Plans on a worker thread, then shows the report in a print preview (File → Preview Report…),
    /// page by page as the PDF would be, with printing from there.
    void previewReport();

    /// Writes unsaved changes to this session's recovery file, or removes it when nothing is
    /// unsaved. A timer calls it every autosaveInterval; a crash then loses at most that much work.
    void autosave();
    static constexpr int autosaveIntervalMs = 60 * 1000;
    const RecoveryFile& recoveryFile() const { return *m_recovery; }
    /// Asks, for each autosave a crashed session left, whether to restore it. Returns how many were.
    int offerRecovery();
    /// Restores `orphan`: its file is opened (when it has one) and the autosaved content replaces it
    /// as one undo step, so it shows as unsaved. The orphan's files are removed. Shows errors.
    bool restoreAutosave(const RecoveryFile::Orphan& orphan);

protected:
    void closeEvent(QCloseEvent* event) override;
    /// A `.fleet` file dropped on the window is opened (after the unsaved-changes prompt).
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    /// Builds the report model on a worker thread and hands it to `then` on this thread; errors are
    /// shown.
    void reportInBackground(std::function<void(const core::report::ReportModel&)> then);
    /// Window geometry and the page last shown, from and to QSettings.
    void restoreState();
    void saveState() const;
    void addPage(const QString& name, QWidget* page);
    void updateTitle();
    void updateRecentFiles();
    void rememberRecentFile(const QString& path);
    bool save();
    bool saveAs();
    void keepShownPlan();
    /// Asks what to do with unsaved changes; true when it is fine to discard the document now.
    bool maybeSave();
    void showError(const QString& what, const std::exception& error);

    FleetDocument* m_document;
    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    CatalogPage* m_catalogPage;
    CompliancePage* m_compliancePage;
    WhatIfPage* m_whatIfPage;
    TopologyPage* m_topologyPage;
    PlanPage* m_planPage;
    OverviewPage* m_overviewPage;
    SitesPage* m_sitesPage;
    FleetPage* m_fleetPage;
    DemandPage* m_demandPage;
    MarketPage* m_marketPage;
    PolicyPage* m_policyPage;
    ComparePage* m_comparePage;
    /// The status bar's note on the plan: its status and age, or that it is out of date.
    void updatePlanStatus();

    QMenu* m_recentMenu = nullptr;
    QLabel* m_planStatus = nullptr;
    QTimer m_planAgeTimer;
    std::unique_ptr<RecoveryFile> m_recovery;
    QTimer m_autosaveTimer;
};

} // namespace fw::ui
