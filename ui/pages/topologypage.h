// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

#include "core/topology/fabric.h"
#include "ui/jobs/fabricdesign.h"

class QCheckBox;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QGraphicsScene;
class QLabel;
class QSpinBox;
class QTableView;
class QTimer;

namespace fw::ui {

class BomTableModel;
class FleetDocument;
class ZoomableView;

/// The topology page: edit a fabric specification (NIC ports and planes, scalable units and
/// management nodes, spine rule) and see its bill of materials, metrics (bisection with the cut
/// that is the minimum, hops, leaf-to-leaf path diversity, the scalable units), a drawing (zoom
/// with the wheel, pan by dragging, Fit to see it whole) and a chart of bandwidth left as switches
/// fail. Designs run on a worker thread on a copy of the inputs; a
/// result that is no longer the latest request is dropped. GUI thread only.
class TopologyPage : public QWidget {
    Q_OBJECT
public:
    explicit TopologyPage(FleetDocument* document, QWidget* parent = nullptr);
    ~TopologyPage() override;

    /// Sets the specification's main fields and starts a design (as if typed).
    void setSpec(const core::topology::FabricSpec& spec);
    core::topology::FabricSpec spec() const;
    BomTableModel* bomModel() const { return m_bomModel; }
    QString metric(const QString& key) const;
    QLabel* problem() const { return m_problem; }
    bool isBusy() const;
    ZoomableView* drawing() const { return m_drawing; }

signals:
    /// A design finished and is shown (stale ones are dropped before this).
    void designShown();

private:
    void scheduleDesign();
    void startDesign();
    void showDesign(const FabricDesign& design);
    void fillSwitches();
    QWidget* buildSpecification();
    QWidget* buildMetrics();
    QWidget* buildDrawingPanel();
    void showFailureChart(const FabricDesign& design);

    FleetDocument* m_document;
    QSpinBox* m_nodes;
    QSpinBox* m_acceleratorsPerNode;
    QSpinBox* m_rails;
    QDoubleSpinBox* m_nicGbps;
    QComboBox* m_switch;
    QSpinBox* m_radix;
    QDoubleSpinBox* m_portGbps;
    QComboBox* m_tiers;
    QDoubleSpinBox* m_leafRatio;
    QDoubleSpinBox* m_spineRatio;
    QCheckBox* m_railOptimised;
    QSpinBox* m_planes;
    QSpinBox* m_nicPorts;
    QComboBox* m_spineRule;
    QSpinBox* m_nodesPerUnit;
    QSpinBox* m_managementNodes;
    QSpinBox* m_managementPorts;
    QSpinBox* m_maxFailed;
    QLabel* m_problem;
    QLabel* m_status;
    std::map<QString, QLabel*> m_metrics;
    BomTableModel* m_bomModel;
    QTableView* m_bomView;
    QGraphicsScene* m_scene;
    ZoomableView* m_drawing;
    QChartView* m_failureChart;
    QTimer* m_debounce;
    QFutureWatcher<std::shared_ptr<FabricDesign>> m_watcher;
    int m_requested = 0; ///< generation of the newest request
    int m_running = 0;   ///< generation of the running job
};

} // namespace fw::ui
