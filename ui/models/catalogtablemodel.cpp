// SPDX-License-Identifier: Apache-2.0
#include "ui/models/catalogtablemodel.h"

#include <QLocale>

#include "core/catalog/fields.h"
#include "core/catalog/fieldvalue.h"
#include "core/catalog/metrics.h"
#include "core/optional.h"
#include "core/report/plainwords.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/headertext.h"

namespace fw::ui {
namespace {

using namespace fw::core::catalog;

std::vector<DerivedColumn<Accelerator>> derivedColumns(const Accelerator*)
{
    return {
        {QObject::tr("TPP"),
         QObject::tr("Total processing performance: dense TOPS × bit length, highest precision "
                     "(ECCN 3A090 Technical Note 1)"),
         [](const Accelerator& a, const Catalog&) { return totalProcessingPerformance(a); }, 0},
        {QObject::tr("PD"), QObject::tr("Performance density: TPP per mm² of die area (ECCN 3A090 Technical Note 3)"),
         [](const Accelerator& a, const Catalog&) { return performanceDensity(a); }, 2},
        {QObject::tr("BF16 TFLOP/s per kW"), QObject::tr("Dense BF16 TFLOP/s per kW of TDP"),
         [](const Accelerator& a, const Catalog&) {
             return fw::core::transformed(bf16TflopsPerWatt(a), [](double v) { return v * 1e3; });
         },
         0},
        {QObject::tr("BF16 TFLOP/s per k$"), QObject::tr("Dense BF16 TFLOP/s per thousand US dollars of the new price"),
         [](const Accelerator& a, const Catalog&) {
             return fw::core::transformed(bf16TflopsPerUsd(a), [](double v) { return v * 1e3; });
         },
         1},
    };
}

std::vector<DerivedColumn<System>> derivedColumns(const System*)
{
    return {{QObject::tr("Power per accelerator (W)"),
             QObject::tr("Maximum system power / accelerator count, else TDP + host overhead share; before network "
                         "and storage"),
             [](const System& s, const Catalog& c) -> std::optional<double> {
                 const Accelerator* a = c.findAccelerator(s.acceleratorSku);
                 if (a == nullptr) {
                     return std::nullopt;
                 }
                 return fw::core::transformed(systemPowerPerAccelerator(s, *a), core::units::inWatts);
             },
             0}};
}

std::vector<DerivedColumn<NetworkPart>> derivedColumns(const NetworkPart*)
{
    return {};
}

QString formatted(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

/// A stored figure as published: whole numbers with separators, fractions with up to six digits.
QString formattedFigure(double value)
{
    if (value == std::floor(value) || std::abs(value) >= 1000.0) {
        return formatted(value, value == std::floor(value) ? 0 : 1);
    }
    return QLocale().toString(value, 'g', 6);
}

} // namespace

template <class Record>
CatalogTableModel<Record>::CatalogTableModel(FleetDocument* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document), m_derived(derivedColumns(static_cast<const Record*>(nullptr)))
{
    Record prototype;
    visitFields(prototype, [&](const FieldInfo&, auto&) { ++m_fieldCount; });
    m_rowCount = static_cast<int>(records().size());
    connect(document, &FleetDocument::fleetChanged, this, [this] { onFleetChanged(); });
}

template <class Record>
void CatalogTableModel<Record>::onFleetChanged()
{
    // An edit keeps the rows: refresh them in place so views keep their selection and editor.
    const int rows = static_cast<int>(records().size());
    if (rows == m_rowCount && rows > 0) {
        emit dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_rowCount = rows;
    endResetModel();
}

template <class Record>
Qt::ItemFlags CatalogTableModel<Record>::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    const Qt::ItemFlags base = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    return index.column() < m_fieldCount ? base | Qt::ItemIsEditable : base;
}

template <class Record>
bool CatalogTableModel<Record>::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.column() >= m_fieldCount || index.row() >= rowCount()) {
        return false;
    }
    Catalog after = m_document->fleet().catalog;
    auto& rows = recordsOf<Record>(after);
    Record& edited = rows[static_cast<std::size_t>(index.row())];
    const std::string before = edited.sku;
    const std::string text = value.toString().trimmed().toStdString();
    QString field; ///< its label, as the column header names it
    int column = 0;
    bool same = false;
    try {
        visitFields(edited, [&](const FieldInfo& f, auto& member) {
            if (column++ != index.column()) {
                return;
            }
            field = QString::fromUtf8(f.label.data(), static_cast<qsizetype>(f.label.size()));
            const FieldValue parsed = parseTextAs(text, typeExample(member));
            same = parsed == toFieldValue(member, f);
            fromFieldValue(member, parsed, f);
        });
    } catch (const core::ValidationError& e) {
        m_document->rejectEdit(QStringLiteral("%1 '%2' field '%3': %4")
                                   .arg(QString::fromUtf8(recordKind<Record>().data()), QString::fromStdString(before),
                                        field, m_document->plainMessage(e.what())));
        return false;
    }
    if (same) {
        return true;
    }
    const QString description = tr("Edit %1 of %2").arg(field, QString::fromStdString(before));
    return m_document->changeCatalog(std::move(after), description, index.row() * 1000 + index.column());
}

template <class Record>
const std::vector<Record>& CatalogTableModel<Record>::records() const
{
    return recordsOf<Record>(m_document->fleet().catalog);
}

template <class Record>
const Record& CatalogTableModel<Record>::record(int row) const
{
    return records().at(static_cast<std::size_t>(row));
}

template <class Record>
int CatalogTableModel<Record>::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(records().size());
}

template <class Record>
int CatalogTableModel<Record>::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_fieldCount + static_cast<int>(m_derived.size());
}

template <class Record>
QString CatalogTableModel<Record>::columnKey(int column) const
{
    if (column >= m_fieldCount) {
        return m_derived.at(static_cast<std::size_t>(column - m_fieldCount)).title;
    }
    QString key;
    int index = 0;
    Record prototype;
    visitFields(prototype, [&](const FieldInfo& f, auto&) {
        if (index++ == column) {
            key = QString::fromUtf8(f.key.data(), static_cast<qsizetype>(f.key.size()));
        }
    });
    return key;
}

template <class Record>
QVariant CatalogTableModel<Record>::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::TextAlignmentRole && role != Qt::ToolTipRole &&
        role != Qt::EditRole && role != UnitRole && role != ChoicesRole) {
        return {};
    }
    const Record& r = record(index.row());
    if (index.column() >= m_fieldCount) {
        const auto& column = m_derived.at(static_cast<std::size_t>(index.column() - m_fieldCount));
        const auto value = column.value(r, m_document->fleet().catalog);
        switch (role) {
        case Qt::EditRole:
        case UnitRole:
        case ChoicesRole: return {};
        case Qt::DisplayRole: return value ? formatted(*value, column.decimals) : QStringLiteral("–");
        case SortRole: return value ? QVariant(*value) : QVariant(-1.0);
        case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return column.toolTip;
        }
    }
    QVariant result;
    int column = 0;
    visitFields(r, [&](const FieldInfo& f, const auto& member) {
        if (column++ != index.column()) {
            return;
        }
        const FieldValue value = toFieldValue(member, f);
        const bool numeric = std::holds_alternative<double>(typeExample(member)) ||
                             std::holds_alternative<std::int64_t>(typeExample(member));
        const bool empty = std::holds_alternative<std::monostate>(value);
        switch (role) {
        case Qt::EditRole: result = QString::fromStdString(toText(value)); break;
        case UnitRole: result = QString::fromUtf8(f.unit.data(), static_cast<qsizetype>(f.unit.size())); break;
        case ChoicesRole: {
            QStringList choices;
            for (const auto& choice : allowedValues(member)) {
                choices << QString::fromStdString(choice);
            }
            result = choices;
            break;
        }
        case Qt::DisplayRole:
            if (empty) {
                result = QStringLiteral("–");
            } else if (const auto* d = std::get_if<double>(&value)) {
                result = formattedFigure(*d);
            } else if (f.key == "release_year") {
                result = QString::number(std::get<std::int64_t>(value));
            } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
                result = formatted(static_cast<double>(*i), 0);
            } else {
                result = QString::fromStdString(core::report::plainFieldValue(value, f.key));
            }
            break;
        case SortRole:
            if (numeric) {
                const auto* d = std::get_if<double>(&value);
                const auto* i = std::get_if<std::int64_t>(&value);
                result = d ? *d : i ? static_cast<double>(*i) : -1.0;
            } else {
                result = QString::fromStdString(toText(value));
            }
            break;
        case Qt::TextAlignmentRole:
            result = QVariant((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
            break;
        default:
            if (f.key == "source" || f.key == "notes" || f.key == "price_source" || f.key == "name") {
                result = QString::fromStdString(toText(value));
            }
        }
    });
    return result;
}

template <class Record>
QVariant CatalogTableModel<Record>::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && role == Qt::DisplayRole && section >= 0 && section < rowCount()) {
        return QString::fromStdString(record(section).sku); // names the columns of a transposed comparison
    }
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (section >= m_fieldCount) {
        const auto& column = m_derived.at(static_cast<std::size_t>(section - m_fieldCount));
        if (role == Qt::DisplayRole) {
            return wrappedHeader(column.title);
        }
        return role == Qt::ToolTipRole ? QVariant(column.toolTip) : QVariant();
    }
    QVariant result;
    int index = 0;
    Record prototype;
    visitFields(prototype, [&](const FieldInfo& f, auto&) {
        if (index++ != section) {
            return;
        }
        const QString label = QString::fromUtf8(f.label.data(), static_cast<qsizetype>(f.label.size()));
        const QString unit = QString::fromUtf8(f.unit.data(), static_cast<qsizetype>(f.unit.size()));
        const QString title = unit.isEmpty() ? label : QStringLiteral("%1 (%2)").arg(label, unit);
        if (role == Qt::DisplayRole) {
            result = wrappedHeader(title);
        } else if (role == Qt::ToolTipRole) {
            result = f.required ? tr("%1: required").arg(title) : title;
        }
    });
    return result;
}

template class CatalogTableModel<Accelerator>;
template class CatalogTableModel<System>;
template class CatalogTableModel<NetworkPart>;

} // namespace fw::ui
