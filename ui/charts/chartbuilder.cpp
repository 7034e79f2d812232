// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/chartbuilder.h"

#include <QApplication>
#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPalette>
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

/// Ten colours that stay distinct on screen and paper (Tableau 10), one per slot.
const std::array<QColor, 10> seriesColours{QColor(0x4E79A7), QColor(0xF28E2B), QColor(0xE15759), QColor(0x76B7B2),
                                           QColor(0x59A14F), QColor(0xEDC948), QColor(0xB07AA1), QColor(0xFF9DA7),
                                           QColor(0x9C755F), QColor(0xBAB0AC)};

/// At most this many quarter labels under a chart: a 300-pixel chart has room for seven "27Q1".
constexpr int mostQuarterLabels = 7;

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

/// An x axis for categories at 0, 1, 2 …: every k-th labelled, upright, so that at most
/// mostQuarterLabels show and none runs into the next; half a step of room at both ends.
QCategoryAxis* categoryAxis(const std::vector<std::string>& categories)
{
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const int count = static_cast<int>(categories.size());
    const int step = std::max(1, (count + mostQuarterLabels - 1) / mostQuarterLabels);
    for (int i = 0; i < count; i += step) {
        axis->append(QString::fromStdString(categories[static_cast<std::size_t>(i)]), i);
    }
    axis->setRange(-0.5, std::max(0, count - 1) + 0.5);
    axis->setGridLineVisible(false);
    return axis;
}

/// A chart's category x axis (categoryAxis) and value y axis titled `yTitle`, added to `chart`.
struct QuarterAxes {
    QCategoryAxis* x;
    QValueAxis* y;
};
QuarterAxes addQuarterAxes(QChart* chart, const std::vector<std::string>& categories, const std::string& yTitle)
{
    QuarterAxes axes{categoryAxis(categories), new QValueAxis};
    axes.y->setTitleText(QString::fromStdString(yTitle));
    chart->addAxis(axes.x, Qt::AlignBottom);
    chart->addAxis(axes.y, Qt::AlignLeft);
    return axes;
}

} // namespace

QColor seriesColour(int slot)
{
    return seriesColours[static_cast<std::size_t>(std::max(0, slot)) % seriesColours.size()];
}

QPalette paperPalette()
{
    QPalette paper(Qt::white);
    paper.setColor(QPalette::WindowText, Qt::black);
    paper.setColor(QPalette::Base, Qt::white);
    return paper;
}

void stylePalette(QChart* chart)
{
    stylePalette(chart, QApplication::palette());
}

void stylePalette(QChart* chart, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    const QColor grid = dark ? QColor(80, 80, 80) : QColor(220, 220, 220);
    chart->setBackgroundBrush(base);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid.darker(130));
    }
}

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
        const QColor colour = seriesColour(static_cast<int>(chart->series().size()));
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
    stylePalette(chart);
    return chart;
}

QChart* buildLineChart(const core::report::LineChart& data)
{
    auto* chart = new QChart;
    chart->setTitle(QString::fromStdString(data.title));
    const auto [x, y] = addQuarterAxes(chart, data.categories, data.yAxisTitle);
    double top = 1.0;
    int nextSlot = 0;
    int slot = 0;
    std::size_t longestName = 0;
    for (const auto& line : data.series) {
        auto* series = new QLineSeries;
        const bool zero = std::all_of(line.values.begin(), line.values.end(), [](double v) { return v == 0.0; });
        const bool hidden = !line.dashed && zero && data.series.size() > 1;
        series->setName(QString::fromStdString(line.name) + (hidden ? QObject::tr(" (none)") : QString()));
        if (!hidden) { // lines at zero would hide each other: the legend says "(none)" instead
            for (std::size_t i = 0; i < line.values.size(); ++i) {
                series->append(static_cast<double>(i), line.values[i]);
                top = std::max(top, line.values[i]);
            }
        }
        if (line.colour >= 0) {
            slot = line.colour;
        } else if (!line.dashed) {
            slot = nextSlot;
        }
        nextSlot = std::max(nextSlot, slot + (line.dashed ? 0 : 1));
        QPen pen(seriesColour(slot));
        pen.setStyle(line.dashed ? Qt::DashLine : Qt::SolidLine);
        pen.setWidthF(line.dashed ? 1.5 : 2.5);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        if (line.dashed) {
            chart->legend()->markers(series).front()->setVisible(false);
        } else {
            longestName = std::max(longestName, line.name.size());
        }
    }
    setValueRange(y, top * 1.1);
    // Long names (scenarios) read whole on the right; short ones (sites) fit under the plot.
    chart->legend()->setAlignment(longestName > 16 ? Qt::AlignRight : Qt::AlignBottom);
    stylePalette(chart);
    return chart;
}

QChart* buildFanChart(const core::report::FanChart& data)
{
    auto* chart = new QChart;
    chart->setTitle(QString::fromStdString(data.title));
    // Named pointers, not a structured binding: the lambdas below capture them (clang 14 cannot).
    const QuarterAxes axes = addQuarterAxes(chart, data.categories, data.yAxisTitle);
    QCategoryAxis* const x = axes.x;
    QValueAxis* const y = axes.y;
    double top = 1.0;
    const auto fill = [&top](QLineSeries* series, const std::vector<double>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            series->append(static_cast<double>(i), values[i]);
            top = std::max(top, values[i]);
        }
    };
    const auto attach = [&](QAbstractSeries* series) {
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    };
    const QColor colour = seriesColour(data.colour);
    const QString value = QString::fromStdString(data.valueName);
    const auto band = [&](const std::vector<double>& low, const std::vector<double>& high, int alpha,
                          const QString& name) {
        auto* area = new QAreaSeries;
        auto* upper = new QLineSeries(area); // the area series draws them; the parent keeps them
        auto* lower = new QLineSeries(area);
        fill(upper, high);
        fill(lower, low);
        area->setUpperSeries(upper);
        area->setLowerSeries(lower);
        area->setName(name);
        QColor shade = colour;
        shade.setAlpha(alpha);
        area->setBrush(shade);
        area->setPen(Qt::NoPen);
        attach(area);
    };
    band(data.value.p5, data.value.p95, 60, QObject::tr("%1 P5–P95").arg(value));
    band(data.value.p25, data.value.p75, 150, QObject::tr("P25–P75"));
    const auto line = [&](const std::vector<double>& values, const QString& name, const QPen& pen) {
        auto* series = new QLineSeries;
        fill(series, values);
        series->setName(name);
        series->setPen(pen);
        attach(series);
        return series;
    };
    QPen median(colour.darker(140));
    median.setWidthF(2.5);
    line(data.value.p50, QObject::tr("median"), median);
    const QString reference = QString::fromStdString(data.referenceName);
    QPen dashed(QColor(0x80, 0x80, 0x80));
    dashed.setWidthF(2.0);
    dashed.setStyle(Qt::DashLine);
    const bool varies = data.reference.p5 != data.reference.p95;
    line(data.reference.p50, varies ? QObject::tr("%1 median").arg(reference) : reference, dashed);
    if (varies) {
        QPen dotted = dashed;
        dotted.setWidthF(1.5);
        dotted.setStyle(Qt::DotLine);
        line(data.reference.p5, QObject::tr("%1 P5, P95").arg(reference), dotted);
        auto* high = line(data.reference.p95, QObject::tr("%1 P95").arg(reference), dotted);
        chart->legend()->markers(high).front()->setVisible(false);
    }
    setValueRange(y, top * 1.1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(!data.categories.empty()); // no run yet: a title, no empty entries
    stylePalette(chart);
    return chart;
}

QChart* buildStackedBarChart(const core::report::BarChart& data)
{
    auto* chart = new QChart;
    chart->setTitle(QString::fromStdString(data.title));
    auto* series = new QStackedBarSeries;
    double top = 1.0;
    std::vector<double> totals(data.categories.size(), 0.0);
    for (std::size_t k = 0; k < data.sets.size(); ++k) {
        const auto& part = data.sets[k];
        auto* set = new QBarSet(QString::fromStdString(part.name));
        set->setColor(seriesColour(part.colour >= 0 ? part.colour : static_cast<int>(k)));
        set->setBorderColor(Qt::transparent);
        for (std::size_t i = 0; i < totals.size(); ++i) {
            const double value = i < part.values.size() ? part.values[i] : 0.0;
            set->append(value);
            totals[i] += value;
            top = std::max(top, totals[i]);
        }
        series->append(set);
    }
    chart->addSeries(series);
    const auto [x, y] = addQuarterAxes(chart, data.categories, data.yAxisTitle);
    series->attachAxis(x);
    series->attachAxis(y);
    setValueRange(y, top * 1.1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    stylePalette(chart);
    return chart;
}

QChart* buildBarChart(const QString& title, const QString& valueTitle, const QStringList& categories,
                      const QList<double>& values, const QList<int>& colours, double fullScale)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    QAbstractBarSeries* series = nullptr;
    if (colours.isEmpty()) {
        series = new QHorizontalBarSeries;
        auto* set = new QBarSet(valueTitle);
        set->setColor(seriesColour(0));
        set->append(values);
        series->append(set);
    } else {
        // One set per bar, each in its slot's colour, the others' bars zero: stacked, so each sits
        // in the middle of its row.
        series = new QHorizontalStackedBarSeries;
        for (qsizetype i = 0; i < values.size(); ++i) {
            auto* set = new QBarSet(categories.value(i));
            set->setColor(seriesColour(colours.value(i)));
            for (qsizetype k = 0; k < values.size(); ++k) {
                set->append(k == i ? values[i] : 0.0);
            }
            series->append(set);
        }
        series->setBarWidth(0.6);
    }
    chart->addSeries(series);
    auto* axisY = new QBarCategoryAxis;
    axisY->append(categories);
    axisY->setTruncateLabels(false);
    auto* axisX = new QValueAxis;
    axisX->setTitleText(valueTitle);
    chart->addAxis(axisY, Qt::AlignLeft);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);
    const double top = values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end());
    if (fullScale > 0.0) {
        axisX->setRange(0.0, fullScale);
    } else {
        setValueRange(axisX, std::max(1.0, top * 1.05)); // an empty chart keeps a finite axis
    }
    chart->legend()->hide();
    stylePalette(chart);
    return chart;
}

void showChart(QChartView* view, QChart* chart)
{
    stylePalette(chart);
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace fw::ui
