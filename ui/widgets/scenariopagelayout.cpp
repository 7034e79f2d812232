// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/scenariopagelayout.h"

#include <QChartView>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/widgets/pageheading.h"
#include "ui/widgets/problemlabel.h"
#include "ui/widgets/rowbuttons.h"
#include "ui/widgets/scenariobar.h"
#include "ui/widgets/scenariotableview.h"

namespace fw::ui {

void layOutScenarioPage(QWidget* page, FleetDocument* document, const QString& heading, QWidget* body)
{
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(pageHeading(heading, page));
    layout->addWidget(new ScenarioBar(document, page));
    layout->addWidget(new ProblemLabel(document, page));
    layout->addWidget(body, 1);
}

QWidget* tableBesideChart(ScenarioTableModel* model, ScenarioTableView* view, const QString& noun, QChartView* chart,
                          QWidget* parent)
{
    chart->setRenderHint(QPainter::Antialiasing);
    chart->setMinimumSize(360, 240);
    auto* left = new QWidget(parent);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(view, 1);
    leftLayout->addWidget(new RowButtons(model, view, noun, left));
    auto* split = new QSplitter(Qt::Horizontal, parent);
    split->addWidget(left);
    split->addWidget(chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    return split;
}

} // namespace fw::ui
