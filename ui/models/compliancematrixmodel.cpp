// SPDX-License-Identifier: Apache-2.0
#include "ui/models/compliancematrixmodel.h"

#include "core/report/plainwords.h"
#include "ui/document/fleetdocument.h"

namespace fw::ui {

using namespace fw::core::compliance;

ComplianceMatrixModel::ComplianceMatrixModel(FleetDocument* document, const RuleLibrary* library, QObject* parent)
    : QAbstractTableModel(parent), m_document(document), m_library(library), m_date(library->newestDate())
{
    connect(document, &FleetDocument::fleetChanged, this, &ComplianceMatrixModel::recompute);
    recompute();
}

void ComplianceMatrixModel::setDate(core::Date date)
{
    m_date = date;
    recompute();
}

void ComplianceMatrixModel::setCountries(const QStringList& countries)
{
    m_countries = countries;
    recompute();
}

void ComplianceMatrixModel::recompute()
{
    beginResetModel();
    m_cells.clear();
    m_stackName.clear();
    try {
        const RuleStack stack = m_library->stackAt(m_date);
        m_stackName = QString::fromStdString(stack.name());
        const auto& fleet = m_document->fleet();
        for (const auto& accelerator : fleet.catalog.accelerators) {
            const ItemMetrics item = itemMetrics(accelerator);
            std::vector<Determination> row;
            for (const QString& country : m_countries) {
                const Party party{country.toStdString(), fleet.company.hqCountry, fleet.company.parentHqCountry};
                row.push_back(determine(stack, m_library->countryGroups(), item, party));
            }
            m_cells.push_back(std::move(row));
        }
    } catch (const core::ValidationError& e) {
        m_stackName = QString::fromUtf8(e.what()); // no rule set in force: an empty matrix says so
        m_cells.clear();
    }
    endResetModel();
}

int ComplianceMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cells.size());
}

int ComplianceMatrixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || m_cells.empty() ? 0 : static_cast<int>(m_countries.size());
}

const Determination& ComplianceMatrixModel::determination(const QModelIndex& index) const
{
    return m_cells.at(static_cast<std::size_t>(index.row())).at(static_cast<std::size_t>(index.column()));
}

QColor ComplianceMatrixModel::colour(Treatment t, ReviewPolicy p)
{
    switch (t) {
    case Treatment::Allowed: return QColor(0x59A14F);
    case Treatment::LicenseException: return QColor(0x76B7B2);
    case Treatment::ProhibitedRisk: return QColor(0x6B2C5F);
    case Treatment::LicenseRequired: break;
    }
    switch (p) {
    case ReviewPolicy::PresumptionOfApproval: return QColor(0xEDC948);
    case ReviewPolicy::CaseByCase: return QColor(0xF28E2B);
    default: return QColor(0xE15759);
    }
}

QColor ComplianceMatrixModel::cellColour(const Determination& d)
{
    // A missing catalog figure could make it stricter: neither "allowed" nor a licence colour.
    return d.review ? QColor(0xBAB0AC) : colour(d.treatment, d.reviewPolicy);
}

QString ComplianceMatrixModel::shortLabel(const Determination& d)
{
    switch (d.treatment) {
    case Treatment::Allowed: return QStringLiteral("✓");
    case Treatment::ProhibitedRisk: return QStringLiteral("✗");
    case Treatment::LicenseException: {
        QStringList codes;
        for (const auto& e : d.exceptions) {
            codes << QString::fromStdString(e.code);
        }
        return codes.join(QLatin1Char('/'));
    }
    case Treatment::LicenseRequired: break;
    }
    // The colour says "licence"; the code says how an application would be reviewed (legend()).
    switch (d.reviewPolicy) {
    case ReviewPolicy::PresumptionOfApproval: return tr("AP");
    case ReviewPolicy::CaseByCase: return tr("CbC");
    case ReviewPolicy::PresumptionOfDenial: return tr("DP");
    default: return tr("L");
    }
}

std::vector<std::pair<QString, QColor>> ComplianceMatrixModel::legend()
{
    return {
        {tr("✓ allowed"), colour(Treatment::Allowed, ReviewPolicy::None)},
        {tr("ACA, NAC…: licence exception"), colour(Treatment::LicenseException, ReviewPolicy::None)},
        {tr("AP licence, approval presumed"), colour(Treatment::LicenseRequired, ReviewPolicy::PresumptionOfApproval)},
        {tr("CbC licence, case-by-case"), colour(Treatment::LicenseRequired, ReviewPolicy::CaseByCase)},
        {tr("DP licence, denial presumed"), colour(Treatment::LicenseRequired, ReviewPolicy::PresumptionOfDenial)},
        {tr("✗ prohibited risk"), colour(Treatment::ProhibitedRisk, ReviewPolicy::None)},
        {tr("? needs review (a figure is missing)"), QColor(0xBAB0AC)}};
}

QVariant ComplianceMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const Determination& d = determination(index);
    switch (role) {
    case Qt::DisplayRole:
        return (d.review ? QStringLiteral("?") : shortLabel(d)) +
               (d.warnings.empty() ? QString() : QStringLiteral(" ⚠"));
    case Qt::BackgroundRole: return cellColour(d);
    case Qt::ForegroundRole: return cellColour(d).lightnessF() < 0.5 ? QColor(Qt::white) : QColor(Qt::black);
    case Qt::ToolTipRole:
        return QStringLiteral("%1 (%2): %3 — %4")
            .arg(QString::fromStdString(core::report::plainEccn(d.classification.eccn)),
                 QString::fromStdString(core::report::plainEccn(d.eccn)),
                 QString::fromStdString(core::report::plainTreatment(d.treatment, d.reviewPolicy)),
                 QString::fromStdString(d.decidedBy));
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignCenter);
    default: return {};
    }
}

QVariant ComplianceMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    if (orientation == Qt::Horizontal && section >= 0 && section < m_countries.size()) {
        const std::string code = m_countries.at(section).toStdString();
        const auto& names = m_library->countryGroups().countryNames;
        const auto it = names.find(code);
        return role == Qt::ToolTipRole && it != names.end() ? QString::fromStdString(it->second)
                                                            : QString::fromStdString(code);
    }
    const auto& accelerators = m_document->fleet().catalog.accelerators;
    if (orientation == Qt::Vertical && section >= 0 && static_cast<std::size_t>(section) < accelerators.size()) {
        return QString::fromStdString(accelerators[static_cast<std::size_t>(section)].sku);
    }
    return {};
}

} // namespace fw::ui
