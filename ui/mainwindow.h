// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

#include "core/report/reportmodel.h"
#include "ui/document/recoveryfile.h"
#include "ui/jobs/reportjob.h"
#include "ui/report/reportwriter.h"

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
class RiskPage;
class SitesPage;
class PlanPage;
class TopologyPage;
class WhatIfPage;
class FleetDocument;
class HelpDialog;

/// The application window: a navigation side bar on the left selecting a page; the menus File (New,
/// Open, Open Recent, Save, Save As, Export Report, Preview Report, Quit), Edit (Undo, Redo), Plan
/// (Plan, Cancel, Make the Smallest Change), View (the pages, Ctrl+1 …; Dark Palette) and Help
/// (Guide on F1, About); the file name and a modified marker in the title; the current scenario's
/// plan and its age in the status bar; a prompt for unsaved changes on close. Errors from core are
/// shown in a message box; nothing is lost when an open or save fails. A window geometry saved on
/// another screen is brought back onto this one. GUI thread only.
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
    RiskPage* riskPage() const { return m_riskPage; }
    /// Shows the page at `index` of the side bar.
    void showPage(int index);
    /// Shows `page`, one of the pages above.
    void showPage(QWidget* page);

    /// Opens `path`; on failure shows the error and keeps the current fleet. Returns success.
    bool openFile(const QString& path);
    /// Saves the fleet to `path` with the current plan of every scenario (what Save As does after its
    /// dialog); shows the error and returns false on failure.
    bool saveTo(const QString& path);
    /// Replaces the document with an unsaved copy of the sample fleet.
    void newSampleFleet();
    /// Opens the one `.fleet` file in dropped `data` (after the unsaved-changes prompt); false if
    /// it holds none. What a drop on the window does.
    bool openDropped(const QMimeData& data);
    /// What File → Export Report… makes unless told otherwise: the current scenario's report with
    /// the sensitivity section, from the plan on screen when it is current.
    ReportRequest defaultReport() const;
    /// Writes the report `request` asks for to `path`; shows and returns false on failure. Uses the
    /// current plan of the scenario when there is one (nothing solved again). Blocking: for tests and
    /// scripts.
    bool exportReport(const QString& path, std::optional<ReportRequest> request = std::nullopt,
                      Paper paper = Paper::A4);
    /// The same on a worker thread; File → Export Report… uses it after its dialog.
    void exportReportInBackground(const QString& path, std::optional<ReportRequest> request = std::nullopt,
                                  Paper paper = Paper::A4);
    /// Shows the current scenario's report in a print preview (File → Preview Report…), page by page
    /// as the PDF would be, with printing from there; the plan on screen when it is current.
    void previewReport();
    /// Help → Guide: the guide at the section of the page shown.
    HelpDialog* showGuide();
    /// View → Dark Palette: the window (and every chart) in dark or light colours; remembered.
    void setDarkPalette(bool dark);
    bool isDarkPalette() const { return m_dark; }
    /// Moves and shrinks the window onto the screen it is mostly on (or the primary one) when it
    /// does not fit there: what restoring a geometry saved on another screen needs.
    void fitToScreen();

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
    void createPlanMenu();
    void createViewMenu();
    void createHelpMenu();
    /// Builds the report model on a worker thread and hands it to `then` on this thread; errors are
    /// shown.
    void reportInBackground(const ReportRequest& request, std::function<void(const core::report::ReportModel&)> then);
    /// The current plan on screen of scenario `index`, or null.
    std::shared_ptr<const PlanRun> currentPlanOf(int index) const;
    /// File → Export Report…: asks where, which scenario and paper, then exports in the background.
    void exportWithDialog();
    /// Window geometry and the page last shown, from and to QSettings.
    void restoreState();
    void saveState() const;
    void addPage(const QString& name, QWidget* page);
    void updateTitle();
    void updateRecentFiles();
    void rememberRecentFile(const QString& path);
    bool save();
    bool saveAs();
    /// Keeps the current plan of every scenario with the fleet, as `plan --save` would.
    void keepCurrentPlans();
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
    RiskPage* m_riskPage;
    ComparePage* m_comparePage;
    /// The status bar's note on the plan: its status and age, or that it is out of date.
    void updatePlanStatus();

    QMenu* m_recentMenu = nullptr;
    HelpDialog* m_guide = nullptr;
    bool m_dark = false;
    QLabel* m_planStatus = nullptr;
    QTimer m_planAgeTimer;
    std::unique_ptr<RecoveryFile> m_recovery;
    QTimer m_autosaveTimer;
};

} // namespace fw::ui
