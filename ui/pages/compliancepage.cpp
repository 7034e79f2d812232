// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/compliancepage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/error.h"
#include "core/report/plainwords.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/compliancematrixmodel.h"
#include "ui/widgets/pageheading.h"
#include "ui/widgets/problemlabel.h"

namespace fw::ui {
namespace {

using namespace fw::core::compliance;

/// Where the sites of a typical global plan are; the user edits the list.
const QString defaultCountries = QStringLiteral("US,DE,NO,GB,JP,IL,IN,SG,MY,AE,SA,VN,CN");

QString citationHtml(const Citation& c)
{
    const QString where = QString::fromStdString(c.ruleSet + " " + c.paragraph).toHtmlEscaped();
    const QString link =
        c.url.empty()
            ? where
            : QStringLiteral("<a href=\"%1\">%2</a>").arg(QString::fromStdString(c.url).toHtmlEscaped(), where);
    return QStringLiteral("<li>%1 <i>(%2)</i><br/>%3</li>")
        .arg(link, QString::fromStdString(c.provenance).toHtmlEscaped(),
             QString::fromStdString(c.text).toHtmlEscaped());
}

} // namespace

CompliancePage::CompliancePage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_matrix(new QTableView(this)),
      m_slider(new QSlider(Qt::Horizontal, this)), m_dateLabel(new QLabel(this)), m_ruleSets(new QComboBox(this)),
      m_countries(new QLineEdit(defaultCountries, this)), m_hq(new QComboBox(this)), m_parentHq(new QComboBox(this)),
      m_reasoning(new QTextBrowser(this)), m_problem(new ProblemLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("<b>Export-control compliance</b> — treatment of shipping one unit of each "
                                     "accelerator to your company in each country. <b>Decision support, not legal "
                                     "advice.</b>"),
                                  this));
    layout->addWidget(m_problem);
    try {
        m_library = std::make_unique<RuleLibrary>(RuleLibrary::loadShipped());
    } catch (const core::Error& e) {
        m_problem->showProblem(tr("The rule sets could not be loaded: %1").arg(QString::fromUtf8(e.what())));
        return;
    }

    // Controls: date, rule set, countries, company.
    const core::Date first = m_library->ruleSets().front().effectiveFrom;
    const core::Date today = std::max(core::Date::today(), m_library->newestDate());
    m_slider->setRange(0, static_cast<int>((today.days() - first.days()).count()));
    m_slider->setPageStep(90);
    m_slider->setToolTip(
        tr("Drag to watch the rules change from %1 to today").arg(QString::fromStdString(first.toString())));
    m_ruleSets->addItem(tr("Date on the slider"), QString());
    for (const auto& rs : m_library->ruleSets()) {
        m_ruleSets->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(rs.id),
                                                          QString::fromStdString(rs.effectiveFrom.toString())),
                            QString::fromStdString(rs.id));
    }
    m_ruleSets->setToolTip(tr("Jump to the stack in force on a rule set's effective date"));
    m_countries->setToolTip(tr("Destination countries, ISO 3166-1 alpha-2 codes separated by commas"));
    for (QComboBox* box : {m_hq, m_parentHq}) {
        box->addItem(tr("(unknown)"), QString());
        for (const auto& [code, name] : m_library->countryGroups().countryNames) {
            box->addItem(QStringLiteral("%1 — %2").arg(QString::fromStdString(code), QString::fromStdString(name)),
                         QString::fromStdString(code));
        }
    }
    m_hq->setToolTip(tr("Country of the buyer's headquarters: headquarters rules apply before destination rules"));
    m_parentHq->setToolTip(tr("Country of the ultimate parent's headquarters"));

    auto* controls = new QGroupBox(tr("Rules and company"), this);
    auto* form = new QFormLayout(controls);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(365);
    auto* dateColumn = new QVBoxLayout;
    dateColumn->setSpacing(0);
    dateColumn->addWidget(m_slider);
    dateColumn->addWidget(yearScale(first, today));
    form->addRow(tr("Ship date:"), dateColumn);
    m_dateLabel->setWordWrap(true);
    form->addRow(tr("Rules in force:"), m_dateLabel);
    form->addRow(tr("Rule set:"), m_ruleSets);
    form->addRow(tr("Destinations:"), m_countries);
    auto* companyRow = new QHBoxLayout;
    companyRow->addWidget(new QLabel(tr("Headquarters"), controls));
    companyRow->addWidget(m_hq, 1);
    companyRow->addWidget(new QLabel(tr("Ultimate parent"), controls));
    companyRow->addWidget(m_parentHq, 1);
    form->addRow(tr("Company:"), companyRow);
    layout->addWidget(controls);

    // One wrapping line: a swatch and its words stay together, the items wrap at 1280 px.
    QStringList items;
    for (const auto& [label, colour] : ComplianceMatrixModel::legend()) {
        items << QStringLiteral("<span style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
                     .arg(colour.name(), label.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    }
    auto* legend = new QLabel(tr("Legend: %1").arg(items.join(QStringLiteral(" &nbsp; "))), this);
    legend->setTextFormat(Qt::RichText);
    legend->setWordWrap(true);
    layout->addWidget(legend);
    auto* cells = new QLabel(tr("Cells give the licence review policy or the licence exception as the legend's code; "
                                "hover a cell for its words. ⚠ = a warning: a rule on the books but not "
                                "enforced, or a foreign measure (click the cell)."),
                             this);
    cells->setWordWrap(true);
    layout->addWidget(cells);

    m_model = new ComplianceMatrixModel(document, m_library.get(), this);
    m_model->setCountries(m_countries->text().split(QLatin1Char(','), Qt::SkipEmptyParts));
    m_matrix->setModel(m_model);
    m_matrix->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrix->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_matrix->verticalHeader()->setDefaultSectionSize(m_matrix->fontMetrics().height() + 6);
    m_reasoning->setOpenExternalLinks(true);
    m_reasoning->setMinimumWidth(240);
    refreshReasoning();
    // The matrix takes the width its countries need; the reasoning the rest.
    m_matrix->horizontalHeader()->setMinimumSectionSize(40);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_matrix);
    split->addWidget(m_reasoning);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_slider, &QSlider::valueChanged, this, &CompliancePage::onDateChanged);
    connect(m_ruleSets, &QComboBox::currentIndexChanged, this, [this, first](int index) {
        const QString id = m_ruleSets->itemData(index).toString();
        if (const RuleSet* rs = id.isEmpty() ? nullptr : m_library->find(id.toStdString())) {
            m_slider->setValue(static_cast<int>((rs->effectiveFrom.days() - first.days()).count()));
        }
    });
    connect(m_countries, &QLineEdit::editingFinished, this, [this] { setCountries(m_countries->text()); });
    const auto companyEdited = [this] {
        setCompany(m_hq->currentData().toString(), m_parentHq->currentData().toString());
    };
    connect(m_hq, &QComboBox::activated, this, companyEdited);
    connect(m_parentHq, &QComboBox::activated, this, companyEdited);
    connect(m_matrix->selectionModel(), &QItemSelectionModel::currentChanged, this, &CompliancePage::showReasoning);
    connect(m_matrix, &QTableView::clicked, this, &CompliancePage::showReasoning);
    connect(document, &FleetDocument::fleetChanged, this, [this] {
        refreshCompanyFields();
        refreshReasoning(); // the catalog or the company changed the cell's answer
    });
    m_slider->setValue(static_cast<int>((m_library->newestDate().days() - first.days()).count()));
    onDateChanged(m_slider->value());
    refreshCompanyFields();
}

CompliancePage::~CompliancePage() = default;

void CompliancePage::setCountries(const QString& commaSeparated)
{
    QStringList valid;
    QStringList unknown;
    for (QString code : commaSeparated.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        code = code.trimmed().toUpper();
        (m_library->countryGroups().isoCodes.contains(code.toStdString()) ? valid : unknown) << code;
    }
    m_problem->showProblem(
        unknown.isEmpty() ? QString()
                          : tr("Not a country code (ISO 3166-1 alpha-2): %1").arg(unknown.join(QStringLiteral(", "))));
    m_countries->setText(valid.join(QLatin1Char(',')));
    m_model->setCountries(valid);
    refreshReasoning();
}

void CompliancePage::setCompany(const QString& hq, const QString& parentHq)
{
    core::Company company = m_document->fleet().company;
    if (company.hqCountry == hq.toStdString() && company.parentHqCountry == parentHq.toStdString()) {
        return;
    }
    company.hqCountry = hq.toStdString();
    company.parentHqCountry = parentHq.toStdString();
    m_document->changeCompany(company);
}

void CompliancePage::refreshCompanyFields()
{
    const auto& company = m_document->fleet().company;
    m_hq->setCurrentIndex(std::max(0, m_hq->findData(QString::fromStdString(company.hqCountry))));
    m_parentHq->setCurrentIndex(std::max(0, m_parentHq->findData(QString::fromStdString(company.parentHqCountry))));
}

void CompliancePage::onDateChanged(int dayOffset)
{
    const core::Date first = m_library->ruleSets().front().effectiveFrom;
    const core::Date date(std::chrono::year_month_day(first.days() + std::chrono::days(dayOffset)));
    m_model->setDate(date);
    m_dateLabel->setText(
        QStringLiteral("<b>%1</b> — %2").arg(QString::fromStdString(date.toString()), m_model->stackName()));
    refreshReasoning(); // the rules in force moved: the chosen cell's answer may have too
}

QWidget* CompliancePage::yearScale(core::Date first, core::Date last)
{
    // A label per 1 January, its stretch the days to the next: under the slider's groove, the
    // labels stand where their dates are.
    auto* scale = new QWidget(this);
    auto* row = new QHBoxLayout(scale);
    const int handle = style()->pixelMetric(QStyle::PM_SliderLength, nullptr, m_slider) / 2;
    row->setContentsMargins(handle, 0, handle, 0);
    row->setSpacing(0);
    const auto year = [](core::Date d) { return static_cast<int>(std::chrono::year_month_day(d.days()).year()); };
    core::Date from = first;
    for (int y = year(first) + 1; y <= year(last) + 1; ++y) {
        const core::Date january(std::chrono::year_month_day(std::chrono::year(y) / 1 / 1));
        const core::Date to = january.days() < last.days() ? january : last;
        const int days = static_cast<int>((to.days() - from.days()).count());
        auto* label = new QLabel(from.days() == first.days() ? QString() : QString::number(y - 1), scale);
        label->setStyleSheet(QStringLiteral("font-size: 8pt"));
        row->addWidget(label, std::max(1, days), Qt::AlignLeft | Qt::AlignTop);
        from = to;
        if (to.days() == last.days()) {
            break;
        }
    }
    return scale;
}

void CompliancePage::refreshReasoning()
{
    if (m_model == nullptr || m_chosenRow < 0 || m_chosenRow >= m_model->rowCount() || m_chosenColumn < 0 ||
        m_chosenColumn >= m_model->columnCount()) {
        m_reasoning->setHtml(
            tr("<p style='color:#808080'>Click a cell to see the reasoning and the rules it cites.</p>"));
        return;
    }
    showReasoning(m_model->index(m_chosenRow, m_chosenColumn));
}

void CompliancePage::showReasoning(const QModelIndex& index)
{
    if (!index.isValid()) {
        return;
    }
    m_chosenRow = index.row();
    m_chosenColumn = index.column();
    const Determination& d = m_model->determination(index);
    const QString sku = m_model->headerData(index.row(), Qt::Vertical).toString();
    const QString country = m_model->headerData(index.column(), Qt::Horizontal).toString();
    QString html = QStringLiteral("<h3>%1 → %2</h3>").arg(sku.toHtmlEscaped(), country.toHtmlEscaped());
    html += tr("<p><b>Classification:</b> %1 %2; as a system %3</p>")
                .arg(QString::fromStdString(core::report::plainEccn(d.classification.eccn)),
                     QString::fromStdString(d.classification.paragraph),
                     QString::fromStdString(core::report::plainEccn(d.classification.systemEccn)));
    html += tr("<p><b>Treatment:</b> %1")
                .arg(QString::fromStdString(core::report::plainTreatment(d.treatment, d.reviewPolicy)));
    for (const auto& e : d.exceptions) {
        html +=
            tr("<br/>Licence exception %1 (%2): %3%4")
                .arg(QString::fromStdString(e.code), QString::fromStdString(e.cfr), QString::fromStdString(e.mechanism),
                     e.noticeDays > 0 ? tr(", %1 days' notice").arg(e.noticeDays) : QString());
    }
    html += tr("<br/>Decided by rule <code>%1</code> under %2 on %3.</p>")
                .arg(QString::fromStdString(d.decidedBy), m_model->stackName(),
                     QString::fromStdString(m_model->date().toString()));
    html += tr("<p><b>Citations</b></p><ul>");
    for (const auto& c : d.citations) {
        html += citationHtml(c);
    }
    html += QStringLiteral("</ul>");
    if (!d.warnings.empty()) {
        html += tr("<p><b>Warnings</b></p><ul>");
        for (const auto& w : d.warnings) {
            html += QStringLiteral("<li>%1</li>")
                        .arg(QString::fromStdString(core::report::plainMessage(w.message)).toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    html += tr("<p style='color:#808080'>Decision support, not legal advice.</p>");
    m_reasoning->setHtml(html);
}

} // namespace fw::ui
