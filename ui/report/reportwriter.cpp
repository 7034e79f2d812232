// SPDX-License-Identifier: Apache-2.0
#include "ui/report/reportwriter.h"

#include <QBuffer>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QPrinter>
#include <QSaveFile>

#include <algorithm>
#include <memory>

#include "core/error.h"
#include "ui/charts/chartbuilder.h"

namespace fw::ui {
namespace {

constexpr double margin = 40.0;       // pt
constexpr double footerHeight = 20.0; // pt

/// Draws onto a PDF in points, moving to a new page when the next block does not fit.
class PageCursor {
public:
    PageCursor(QPagedPaintDevice& device, QPainter& painter, const core::report::ReportModel& model)
        : m_writer(device), m_painter(painter), m_model(model)
    {
        const QRectF page = device.pageLayout().paintRect(QPageLayout::Point);
        m_width = page.width();
        m_height = page.height();
        m_y = 0.0;
    }

    double width() const { return m_width; }
    int page() const { return m_page; }
    double y() const { return m_y; }
    void advance(double dy) { m_y += dy; }
    double remaining() const { return m_height - footerHeight - m_y; }

    /// Starts a new page when fewer than `needed` points are left.
    void ensure(double needed)
    {
        if (remaining() < needed) {
            newPage();
        }
    }

    void newPage()
    {
        drawFooter();
        m_writer.newPage();
        ++m_page;
        m_y = 0.0;
    }

    void drawFooter()
    {
        m_painter.save();
        m_painter.setFont(font(7.5));
        m_painter.setPen(QColor(90, 90, 90));
        const QRectF footer(0, m_height - footerHeight + 6, m_width, footerHeight - 6);
        m_painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                           QString::fromStdString(m_model.generator + " · " + m_model.fileName));
        m_painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Page %1").arg(m_page));
        m_painter.restore();
    }

    static QFont font(double points, bool bold = false)
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(points);
        f.setBold(bold);
        return f;
    }

private:
    QPagedPaintDevice& m_writer;
    QPainter& m_painter;
    const core::report::ReportModel& m_model;
    double m_width = 0.0;
    double m_height = 0.0;
    double m_y = 0.0;
    int m_page = 1;
};

void drawTitleBlock(QPainter& painter, PageCursor& cursor, const core::report::ReportModel& model)
{
    painter.setFont(PageCursor::font(16, true));
    const QString title =
        QString::fromStdString(model.title + (model.fleetName.empty() ? "" : " — " + model.fleetName));
    painter.drawText(QRectF(0, cursor.y(), cursor.width(), 24), Qt::AlignLeft | Qt::AlignVCenter, title);
    cursor.advance(26);
    painter.setFont(PageCursor::font(8.5));
    painter.setPen(QColor(70, 70, 70));
    painter.drawText(QRectF(0, cursor.y(), cursor.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("File: %1    Date: %2    %3")
                         .arg(QString::fromStdString(model.fileName), QString::fromStdString(model.date),
                              QString::fromStdString(model.generator)));
    cursor.advance(14);
    for (const auto& fact : model.facts) {
        painter.drawText(QRectF(0, cursor.y(), cursor.width(), 13), Qt::AlignLeft | Qt::AlignVCenter,
                         QString::fromStdString(fact));
        cursor.advance(13);
    }
    painter.setPen(Qt::black);
    cursor.advance(8);
}

constexpr double headingHeight = 24.0;
constexpr double minimumChartHeight = 200.0;

/// Height of the first block of `section` (a paragraph, a table's title, header and three rows, or a
/// chart at its smallest), which its heading keeps with it on one page.
double firstBlockHeight(QPainter& painter, double width, const core::report::ReportSection& section)
{
    if (!section.paragraphs.empty()) {
        painter.setFont(PageCursor::font(8.5));
        return painter
                   .boundingRect(QRectF(0, 0, width, 1000), Qt::TextWordWrap,
                                 QString::fromStdString(section.paragraphs.front()))
                   .height() +
               5;
    }
    if (!section.tables.empty()) {
        return 18 + 4 * 11.0;
    }
    if (!section.lineCharts.empty() || !section.barCharts.empty() || !section.scatterCharts.empty() ||
        !section.fanCharts.empty()) {
        return minimumChartHeight;
    }
    return 20;
}

/// Draws a section heading, on a new page unless the section's first block fits under it: a
/// heading never stands alone at the foot of a page.
void drawHeading(QPainter& painter, PageCursor& cursor, const std::string& heading, double keepWith = 56.0)
{
    cursor.ensure(headingHeight + keepWith);
    painter.setFont(PageCursor::font(12, true));
    painter.drawText(QRectF(0, cursor.y(), cursor.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
                     QString::fromStdString(heading));
    cursor.advance(headingHeight);
}

void drawParagraphs(QPainter& painter, PageCursor& cursor, const std::vector<std::string>& paragraphs)
{
    painter.setFont(PageCursor::font(8.5));
    for (const auto& paragraph : paragraphs) {
        const QString text = QString::fromStdString(paragraph);
        const QRectF needed = painter.boundingRect(QRectF(0, 0, cursor.width(), 1000), Qt::TextWordWrap, text);
        cursor.ensure(needed.height() + 4);
        painter.drawText(QRectF(0, cursor.y(), cursor.width(), needed.height()), Qt::TextWordWrap, text);
        cursor.advance(needed.height() + 5);
    }
}

void drawTable(QPainter& painter, PageCursor& cursor, const core::report::ReportTable& table)
{
    const QFont headerFont = PageCursor::font(7, true);
    const QFont cellFont = PageCursor::font(7);
    const double rowHeight = 11.0;
    // Column widths: each column's widest text (at most 45 % of the page), stretched to the page. On a
    // table too wide for the page, each column keeps at least its longest word (cells wrap between
    // words) and gives up a share of the rest.
    const QFontMetricsF metrics(cellFont, painter.device());
    const QFontMetricsF headerMetrics(headerFont, painter.device());
    const double most = cursor.width() * 0.45;
    std::vector<double> widths(table.columns.size(), 0.0);
    std::vector<double> least(table.columns.size(), 0.0);
    const auto measure = [&](std::size_t c, const std::string& text, const QFontMetricsF& fonts) {
        const QString cell = QString::fromStdString(text);
        widths[c] = std::max(widths[c], fonts.horizontalAdvance(cell));
        for (const QString& word : cell.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            least[c] = std::max(least[c], fonts.horizontalAdvance(word));
        }
    };
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        measure(c, table.columns[c], headerMetrics);
        for (const auto& row : table.rows) {
            measure(c, row[c], metrics);
        }
    }
    double total = 0.0;
    double leastTotal = 0.0;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        widths[c] = std::min(widths[c] + 8.0, most);
        least[c] = std::min(least[c] + 8.0, widths[c]);
        total += widths[c];
        leastTotal += least[c];
    }
    if (total <= cursor.width() || leastTotal >= cursor.width()) {
        const double scale = cursor.width() / total;
        for (double& w : widths) {
            w *= scale;
        }
    } else {
        const double share = (cursor.width() - leastTotal) / (total - leastTotal);
        for (std::size_t c = 0; c < widths.size(); ++c) {
            widths[c] = least[c] + (widths[c] - least[c]) * share;
        }
    }
    // A row is as tall as its tallest cell, each cell's text wrapped at word breaks within its column.
    const auto heightOf = [&](const std::vector<std::string>& cells, bool header) {
        const QFontMetricsF fits(header ? headerFont : cellFont, painter.device());
        double height = rowHeight;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const QRectF box(0, 0, std::max(1.0, widths[c] - 6), 1000);
            height = std::max(height,
                              fits.boundingRect(box, Qt::TextWordWrap, QString::fromStdString(cells[c])).height() + 2);
        }
        return height;
    };
    auto drawRow = [&](const std::vector<std::string>& cells, bool header, bool shaded) {
        const double height = heightOf(cells, header);
        if (header || shaded) {
            painter.fillRect(QRectF(0, cursor.y(), cursor.width(), height),
                             header ? QColor(220, 226, 235) : QColor(245, 246, 248));
        }
        painter.setFont(header ? headerFont : cellFont);
        double x = 0.0;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const Qt::Alignment align = (c < 2 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter;
            painter.drawText(QRectF(x + 3, cursor.y(), widths[c] - 6, height), align | Qt::TextWordWrap,
                             QString::fromStdString(cells[c]));
            x += widths[c];
        }
        cursor.advance(height);
    };
    cursor.ensure(18 + 3 * rowHeight);
    painter.setFont(PageCursor::font(10, true));
    painter.drawText(QRectF(0, cursor.y(), cursor.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
                     QString::fromStdString(table.title));
    cursor.advance(18);
    drawRow(table.columns, true, false);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (cursor.remaining() < heightOf(table.rows[r], false)) {
            cursor.newPage();
            drawRow(table.columns, true, false); // the header again on every page the table spans
        }
        drawRow(table.rows[r], false, r % 2 == 1);
    }
    cursor.advance(10);
}

/// Height of the notes block at the page width.
double notesHeight(QPainter& painter, double width, const std::vector<std::string>& notes)
{
    painter.setFont(PageCursor::font(7));
    double height = 0.0;
    for (const auto& note : notes) {
        height +=
            painter.boundingRect(QRectF(0, 0, width, 200), Qt::TextWordWrap, QString::fromStdString(note)).height() + 4;
    }
    return height;
}

/// Draws the chart in the room left on the page above `reserved` points (at most 380 pt tall);
/// starts a new page when less than 200 pt would be left.
void drawChart(QPainter& painter, PageCursor& cursor, QChart* chart, double reserved, double maximumHeight = 380.0)
{
    cursor.ensure(minimumChartHeight + reserved);
    const double height = std::min(cursor.remaining() - reserved - 8.0, maximumHeight);
    stylePalette(chart, paperPalette()); // black on white on paper, whatever the screen shows
    QGraphicsScene scene;
    scene.addItem(chart); // the scene owns the chart from here on
    // Lay the chart out at screen-like size so fonts and markers keep their proportions, then let
    // the painter scale it into the page: the PDF receives the vector paths, not a bitmap.
    const QSizeF layoutSize(cursor.width() * 1.4, height * 1.4);
    chart->setGeometry(QRectF(QPointF(0, 0), layoutSize));
    chart->setBackgroundVisible(false);
    const QRectF target(0, cursor.y(), cursor.width(), height);
    scene.render(&painter, target, QRectF(QPointF(0, 0), layoutSize));
    cursor.advance(height + 8);
}

void drawNotes(QPainter& painter, PageCursor& cursor, const std::vector<std::string>& notes)
{
    painter.setFont(PageCursor::font(7));
    painter.setPen(QColor(70, 70, 70));
    for (const auto& note : notes) {
        const QRectF box(0, cursor.y(), cursor.width(), 200);
        const QRectF needed = painter.boundingRect(box, Qt::TextWordWrap, QString::fromStdString(note));
        cursor.ensure(needed.height() + 4);
        painter.drawText(QRectF(0, cursor.y(), cursor.width(), needed.height()), Qt::TextWordWrap,
                         QString::fromStdString(note));
        cursor.advance(needed.height() + 4);
    }
    painter.setPen(Qt::black);
}

/// The table of contents: one line per headed section with the page it starts on (blank on the
/// measuring pass). It has the same height on both passes, so the pages it names stay right.
void drawContents(QPainter& painter, PageCursor& cursor, const core::report::ReportModel& model,
                  const std::vector<int>& pages)
{
    drawHeading(painter, cursor, "Contents");
    painter.setFont(PageCursor::font(9));
    std::size_t i = 0;
    for (const auto& section : model.sections) {
        if (section.heading.empty()) {
            continue;
        }
        const QRectF line(12, cursor.y(), cursor.width() - 12, 14);
        painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(section.heading));
        if (i < pages.size()) {
            painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, QString::number(pages[i]));
        }
        ++i;
        cursor.advance(14);
    }
    cursor.advance(10);
}

QPageLayout pageLayout(QPageSize::PageSizeId size)
{
    return QPageLayout(QPageSize(size), QPageLayout::Portrait, QMarginsF(margin, margin, margin, margin),
                       QPageLayout::Point);
}

/// Draws the whole report onto `device`, whose page layout is set and whose resolution is 72 dpi
/// (one device unit is one point, for the geometry and the fonts alike), and returns the page each
/// headed section starts on.
std::vector<int> render(const core::report::ReportModel& model, QPagedPaintDevice& device,
                        const std::vector<int>& contentsPages)
{
    std::vector<int> headingPages;
    QPainter painter(&device);
    painter.setRenderHint(QPainter::Antialiasing);
    PageCursor cursor(device, painter, model);
    drawTitleBlock(painter, cursor, model);
    if (std::count_if(model.sections.begin(), model.sections.end(), [](const auto& s) { return !s.heading.empty(); }) >=
        3) {
        drawContents(painter, cursor, model, contentsPages);
    }
    for (const auto& section : model.sections) {
        if (!section.heading.empty()) {
            drawHeading(painter, cursor, section.heading, firstBlockHeight(painter, cursor.width(), section));
            headingPages.push_back(cursor.page());
        }
        drawParagraphs(painter, cursor, section.paragraphs);
        for (const auto& table : section.tables) {
            drawTable(painter, cursor, table);
        }
        const double reserved = notesHeight(painter, cursor.width(), section.notes);
        for (const auto& chart : section.lineCharts) {
            drawChart(painter, cursor, buildLineChart(chart), 0.0, 250.0);
        }
        for (const auto& chart : section.barCharts) {
            drawChart(painter, cursor, buildStackedBarChart(chart), 0.0, 250.0);
        }
        for (const auto& chart : section.fanCharts) {
            drawChart(painter, cursor, buildFanChart(chart), 0.0, 250.0);
        }
        for (const auto& chart : section.scatterCharts) {
            drawChart(painter, cursor, buildScatterChart(chart), reserved);
        }
        drawNotes(painter, cursor, section.notes);
        cursor.advance(6);
    }
    cursor.drawFooter();
    painter.end();
    return headingPages;
}

/// The page each headed section starts on, from a first pass drawn into a thrown-away PDF.
std::vector<int> contentsPages(const core::report::ReportModel& model, const QPageLayout& layout)
{
    QBuffer measuring;
    measuring.open(QIODevice::WriteOnly);
    QPdfWriter writer(&measuring);
    writer.setResolution(72);
    writer.setPageLayout(layout);
    return render(model, writer, {});
}

} // namespace

void writeReportPdf(const core::report::ReportModel& model, const QString& path, Paper paper)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        throw core::IoError(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
    }
    const QPageLayout layout = pageLayout(paper == Paper::Letter ? QPageSize::Letter : QPageSize::A4);
    QPdfWriter writer(&file);
    writer.setResolution(72); // one device unit = one point
    writer.setPageLayout(layout);
    writer.setTitle(QString::fromStdString(model.title + " — " + model.fleetName));
    writer.setCreator(QString::fromStdString(model.generator));
    render(model, writer, contentsPages(model, layout));
    if (!file.commit()) {
        throw core::IoError(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
    }
}

void printReport(const core::report::ReportModel& model, QPrinter& printer)
{
    // The printer keeps its paper size; the margins are the report's.
    const QPageLayout layout(printer.pageLayout().pageSize(), QPageLayout::Portrait,
                             QMarginsF(margin, margin, margin, margin), QPageLayout::Point);
    printer.setPageLayout(layout);
    printer.setResolution(72);
    printer.setDocName(QString::fromStdString(model.title + " — " + model.fleetName));
    render(model, printer, contentsPages(model, layout));
}

} // namespace fw::ui
