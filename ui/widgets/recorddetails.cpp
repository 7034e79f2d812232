// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/recorddetails.h"

#include <QLocale>
#include <QRegularExpression>

#include "core/catalog/fields.h"
#include "core/catalog/fieldvalue.h"
#include "core/catalog/metrics.h"
#include "core/economics/systemprice.h"
#include "core/error.h"
#include "core/optional.h"
#include "core/report/plainwords.h"
#include "core/workload/assumptions.h"

namespace fw::ui {
namespace {

using namespace fw::core::catalog;

/// HTML-escapes `text` and turns every http(s) URL in it into a link.
QString linkified(const QString& text)
{
    static const QRegularExpression url(QString::fromLatin1(R"re((https?://[^\s;,()"<>]+[^\s;,.()"<>]))re"));
    QString html;
    qsizetype last = 0;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        html += text.mid(last, match.capturedStart() - last).toHtmlEscaped();
        const QString link = match.captured(1).toHtmlEscaped();
        html += QStringLiteral("<a href=\"%1\">%1</a>").arg(link);
        last = match.capturedEnd();
    }
    return html + text.mid(last).toHtmlEscaped();
}

QString row(const QString& label, const QString& valueHtml)
{
    return QStringLiteral("<tr><td style='color:#808080; padding-right:10px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), valueHtml);
}

QString number(std::optional<double> value, int decimals, const QString& unit = {})
{
    if (!value) {
        return QStringLiteral("<i>not published</i>");
    }
    return QLocale().toString(*value, 'f', decimals) + (unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
}

template <class Record>
QString fieldRows(const Record& record)
{
    QString html;
    visitFields(record, [&](const FieldInfo& f, const auto& member) {
        const FieldValue value = toFieldValue(member, f);
        const QString label = QString::fromUtf8(f.label.data(), static_cast<qsizetype>(f.label.size()));
        QString text = QString::fromStdString(core::report::plainFieldValue(value, f.key));
        if (std::holds_alternative<std::monostate>(value) || text.isEmpty()) {
            html += row(label, QStringLiteral("<i>not published</i>"));
            return;
        }
        if (const auto* d = std::get_if<double>(&value)) {
            text = QLocale().toString(*d, 'f', QLocale::FloatingPointShortest);
        } else if (const auto* i = std::get_if<std::int64_t>(&value); i && f.key != "release_year") {
            text = QLocale().toString(static_cast<qlonglong>(*i));
        }
        if (!f.unit.empty()) {
            text += QStringLiteral(" ") + QString::fromUtf8(f.unit.data(), static_cast<qsizetype>(f.unit.size()));
        }
        html += row(label, linkified(text));
    });
    return html;
}

double perThousand(double perUnit)
{
    return perUnit * 1e3;
}

QString page(const QString& title, const QString& rows)
{
    return QStringLiteral("<h3>%1</h3><table cellspacing='2'>%2</table>").arg(title.toHtmlEscaped(), rows);
}

/// What the optimizer pays for one unit: the full-system price and how it was made (a baseboard
/// price plus the sourced host-and-integration uplift), or why it refuses the price.
QString plannedPriceHtml(const System& s)
{
    if (!s.price) {
        return QStringLiteral("<i>not published</i>");
    }
    try {
        const auto full = core::economics::fullSystemPrice(s, core::workload::shippedModelAssumptions());
        return QLocale().toString(full.usd, 'f', 0) + QStringLiteral(" USD: ") +
               linkified(QString::fromStdString(full.basis));
    } catch (const core::Error& e) {
        return QStringLiteral("<span style='color:#b00020'>%1</span>")
            .arg(QString::fromStdString(core::report::plainMessage(e.what())).toHtmlEscaped());
    }
}

} // namespace

QString recordDetailsHtml(const Accelerator& a, const Catalog&)
{
    QString derived = row(QObject::tr("TPP"), number(totalProcessingPerformance(a), 0)) +
                      row(QObject::tr("PD"), number(performanceDensity(a), 2, QStringLiteral("per mm²"))) +
                      row(QObject::tr("BF16 per W"), number(bf16TflopsPerWatt(a), 3, QStringLiteral("TFLOP/s/W"))) +
                      row(QObject::tr("BF16 per k$"), number(core::transformed(bf16TflopsPerUsd(a), perThousand), 2,
                                                             QStringLiteral("TFLOP/s per k$"))) +
                      row(QObject::tr("Memory per k$"),
                          number(core::transformed(memoryGbPerUsd(a), perThousand), 2, QStringLiteral("GB per k$")));
    return page(QString::fromStdString(a.sku),
                fieldRows(a) + QStringLiteral("<tr><td colspan=2><hr/></td></tr>") + derived);
}

QString recordDetailsHtml(const System& s, const Catalog& catalog)
{
    QString derived;
    if (const Accelerator* a = catalog.findAccelerator(s.acceleratorSku)) {
        const auto perAccelerator = systemPowerPerAccelerator(s, *a);
        derived =
            row(QObject::tr("Power per accelerator"),
                number(perAccelerator ? std::optional<double>(core::units::inWatts(*perAccelerator)) : std::nullopt, 0,
                       QStringLiteral("W (before network and storage)")));
    }
    derived += row(QObject::tr("Planned price"), plannedPriceHtml(s));
    return page(QString::fromStdString(s.sku),
                fieldRows(s) + QStringLiteral("<tr><td colspan=2><hr/></td></tr>") + derived);
}

QString recordDetailsHtml(const NetworkPart& n, const Catalog&)
{
    return page(QString::fromStdString(n.sku), fieldRows(n));
}

} // namespace fw::ui
