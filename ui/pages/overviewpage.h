// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QChartView;
class QLabel;
class QPushButton;

namespace fw::ui {

class PlanPage;

/// Overview: the current plan at a glance — status and age, NPV cost and its parts, what is bought,
/// training capacity against demand, the tightest power headroom per site, vendor shares at the
/// horizon's end and how many offer–site pairs the rules or cooling block. Shows the Plan page's
/// latest plan; says so when there is none or it is out of date. GUI thread only.
class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(PlanPage* plan, QWidget* parent = nullptr);

    QLabel* headline() const { return m_headline; }
    QLabel* figures() const { return m_figures; }
    QChartView* headroomChart() const { return m_headroom; }

private:
    void refresh();

    PlanPage* m_plan;
    QLabel* m_headline;
    QLabel* m_figures;
    QPushButton* m_planNow;
    QWidget* m_charts; ///< the three charts, hidden until there is a plan
    QChartView* m_capacity;
    QChartView* m_headroom;
    QChartView* m_vendors;
};

} // namespace fw::ui
