// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/chartbuilder.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

#include <array>
#include <cmath>
#include <limits>

namespace fw::ui {
namespace {

/// Ten colours that stay distinct on screen and paper (Tableau 10), one per series in order.
const std::array<QColor, 10> seriesColours{QColor(0x4E79A7), QColor(0xF28E2B), QColor(0xE15759), QColor(0x76B7B2),
                                           QColor(0x59A14F), QColor(0xEDC948), QColor(0xB07AA1), QColor(0xFF9DA7),
                                           QColor(0x9C755F), QColor(0xBAB0AC)};

/// Nice ticks from 0 up past `top`, labelled with as many decimals as the range needs (whole numbers
/// from 10 up), so a small range does not repeat "0 0 1 1".
void setValueRange(QValueAxis* axis, double top)
{
    axis->setRange(0.0, top);
    axis->applyNiceNumbers();
    axis->setLabelFormat(axis->max() >= 10.0 ? "%.0f" : "%.1f");
}

QAbstractAxis* makeAxis(bool logarithmic, const std::string& title)
{
    if (logarithmic) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10.0);
        axis->setLabelFormat("%.0f");
        axis->setMinorTickCount(-1);
        axis->setTitleText(QString::fromStdString(title));
        return axis;
    }
    auto* axis = new QValueAxis;
    axis->setLabelFormat("%.0f");
    axis->setTitleText(QString::fromStdString(title));
    return axis;
}

/// Linear axes start at zero and end on a nice number; log axes span whole decades.
void setAxisRange(QAbstractAxis* axis, bool logarithmic, double minimum, double maximum)
{
    if (logarithmic) {
        const double low = minimum <= maximum ? std::pow(10.0, std::floor(std::log10(minimum))) : 1.0;
        const double high = std::pow(10.0, std::ceil(std::log10(std::max(maximum, low * 10.0))));
        axis->setRange(low, high);
        return;
    }
    auto* linear = static_cast<QValueAxis*>(axis);
    linear->setRange(0.0, maximum * 1.05);
    linear->applyNiceNumbers();
}

} // namespace

QChart* buildScatterChart(const core::report::ScatterChart& data)
{
    auto* chart = new QChart;
    chart->setTitle(QString::fromStdString(data.title));
    QAbstractAxis* xAxis = makeAxis(data.logX, data.xAxisTitle);
    QAbstractAxis* yAxis = makeAxis(data.logY, data.yAxisTitle);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    double xMin = std::numeric_limits<double>::max();
    double yMin = std::numeric_limits<double>::max();
    double xMax = 1.0;
    double yMax = 1.0;
    for (const auto& group : data.series) {
        auto* series = new QScatterSeries;
        series->setName(QString::fromStdString(group.name));
        series->setMarkerSize(9.0);
        const QColor colour = seriesColours[static_cast<std::size_t>(chart->series().size()) % seriesColours.size()];
        series->setColor(colour);
        series->setBorderColor(colour.darker(130));
        for (const auto& point : group.points) {
            series->append(point.x, point.y);
            xMin = std::min(xMin, point.x);
            yMin = std::min(yMin, point.y);
            xMax = std::max(xMax, point.x);
            yMax = std::max(yMax, point.y);
        }
        // Name the point under the mouse; the chart keeps the labels alive with the series.
        QObject::connect(series, &QScatterSeries::hovered, series,
                         [labels = group.points, xTitle = data.xAxisTitle,
                          yTitle = data.yAxisTitle](const QPointF& point, bool entered) {
                             if (!entered) {
                                 QToolTip::hideText();
                                 return;
                             }
                             for (const auto& p : labels) {
                                 if (p.x == point.x() && p.y == point.y()) {
                                     QToolTip::showText(QCursor::pos(),
                                                        QStringLiteral("%1\n%2: %3\n%4: %5")
                                                            .arg(QString::fromStdString(p.label),
                                                                 QString::fromStdString(xTitle), QString::number(p.x),
                                                                 QString::fromStdString(yTitle), QString::number(p.y)));
                                     return;
                                 }
                             }
                         });
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
    setAxisRange(xAxis, data.logX, xMin, xMax);
    setAxisRange(yAxis, data.logY, yMin, yMax);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

QChart* buildLineChart(const core::report::LineChart& data)
{
    auto* chart = new QChart;
    chart->setTitle(QString::fromStdString(data.title));
    auto* x = new QBarCategoryAxis;
    for (const auto& category : data.categories) {
        x->append(QString::fromStdString(category));
    }
    x->setTruncateLabels(false);
    if (data.categories.size() > 8) {
        x->setLabelsAngle(-45); // quarters stay readable on a narrow chart
    }
    auto* y = new QValueAxis;
    y->setTitleText(QString::fromStdString(data.yAxisTitle));
    y->setLabelFormat("%.0f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double top = 1.0;
    std::size_t colour = 0;
    for (const auto& line : data.series) {
        auto* series = new QLineSeries;
        series->setName(QString::fromStdString(line.name));
        for (std::size_t i = 0; i < line.values.size(); ++i) {
            series->append(static_cast<double>(i), line.values[i]);
            top = std::max(top, line.values[i]);
        }
        if (!line.dashed) {
            colour = static_cast<std::size_t>(chart->series().size()) % seriesColours.size();
        }
        QPen pen(seriesColours[colour]);
        pen.setStyle(line.dashed ? Qt::DashLine : Qt::SolidLine);
        pen.setWidthF(line.dashed ? 1.5 : 2.5);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        if (line.dashed) {
            chart->legend()->markers(series).front()->setVisible(false);
        }
    }
    setValueRange(y, top * 1.1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart* buildBarChart(const QString& title, const QString& valueTitle, const QStringList& categories,
                      const QList<double>& values)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    auto* set = new QBarSet(valueTitle);
    set->setColor(seriesColours[0]);
    set->append(values);
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto* axisY = new QBarCategoryAxis;
    axisY->append(categories);
    axisY->setTruncateLabels(false);
    auto* axisX = new QValueAxis;
    axisX->setTitleText(valueTitle);
    axisX->setLabelFormat("%.0f");
    chart->addAxis(axisY, Qt::AlignLeft);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);
    const double top = values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end());
    setValueRange(axisX, std::max(1.0, top * 1.05)); // an empty chart keeps a finite axis
    chart->legend()->hide();
    return chart;
}

QChart* buildStackedBarChart(const QString& title, const QString& valueTitle, const QStringList& categories,
                             const std::vector<std::pair<QString, QList<double>>>& sets)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    auto* series = new QStackedBarSeries;
    double top = 1.0;
    QList<double> totals(categories.size(), 0.0);
    for (std::size_t k = 0; k < sets.size(); ++k) {
        auto* set = new QBarSet(sets[k].first);
        set->setColor(seriesColours[k % seriesColours.size()]);
        set->append(sets[k].second);
        series->append(set);
        for (qsizetype i = 0; i < sets[k].second.size() && i < totals.size(); ++i) {
            totals[i] += sets[k].second[i];
            top = std::max(top, totals[i]);
        }
    }
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTruncateLabels(false);
    if (categories.size() > 8) {
        x->setLabelsAngle(-45);
    }
    auto* y = new QValueAxis;
    y->setTitleText(valueTitle);
    y->setLabelFormat("%.0f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    setValueRange(y, top * 1.1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

void showChart(QChartView* view, QChart* chart)
{
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace fw::ui
