// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/policypage.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

#include <set>

#include "core/compliance/rulelibrary.h"
#include "core/error.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/widgets/scenariopagelayout.h"

namespace fw::ui {
namespace {

using core::plan::Scenario;

QDoubleSpinBox* percentBox(double maximum, const QString& tip, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0.0, maximum);
    box->setDecimals(1);
    box->setSuffix(QObject::tr(" %"));
    box->setKeyboardTracking(false);
    box->setToolTip(tip);
    return box;
}

/// An optional amount of USD typed as text: empty is "no limit".
QString budgetText(const std::optional<double>& budget)
{
    return budget ? QLocale().toString(*budget, 'f', 0) : QString();
}

} // namespace

PolicyPage::PolicyPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_firstQuarter(new QLineEdit(this)), m_quarters(new QSpinBox(this)),
      m_discount(percentBox(100.0, tr("Discount rate per year for the NPV, %"), this)),
      m_life(new QDoubleSpinBox(this)), m_rules(new QComboBox(this)), m_appetite(new QComboBox(this)),
      m_maxVendorShare(
          percentBox(100.0, tr("No vendor above this share of installed dense BF16 peak, any quarter"), this)),
      m_minVendors(new QSpinBox(this)),
      m_minVendorShare(percentBox(100.0,
                                  tr("Each vendor counted must hold at least this share of installed "
                                     "dense BF16 peak, %"),
                                  this)),
      m_headroom(percentBox(1000.0, tr("Capacity kept above demand every quarter, % of demand"), this)),
      m_budgetQuarter(new QLineEdit(this)), m_budgetTotal(new QLineEdit(this)), m_excluded(new QListWidget(this)),
      m_objective(new QComboBox(this)),
      m_resaleCost(percentBox(99.0,
                              tr("Share of a retired system's resale value lost when it is sold (broker, "
                                 "logistics, data wiping), %"),
                              this)),
      m_buyerHq(new QComboBox(this)), m_buyerParentHq(new QComboBox(this)), m_buyerConsignee(new QLineEdit(this))
{
    m_objective->addItem(tr("lowest cost that meets demand"), QStringLiteral("min_cost"));
    m_objective->addItem(tr("most capacity the budget buys"), QStringLiteral("max_capacity"));
    m_objective->addItem(tr("highest NPV margin"), QStringLiteral("max_margin"));
    m_objective->setToolTip(tr("Lowest NPV of capex + opex − residual; or the most dense peak compute (averaged "
                               "over the horizon) within the budgets, demand still met, then the lowest NPV for it; "
                               "or the highest NPV of revenue less cost, forecast demand served only where it earns "
                               "more than it costs (needs a revenue in the scenario)"));
    m_firstQuarter->setToolTip(tr("The horizon's first quarter, like 2027Q1"));
    m_minVendors->setRange(1, 10);
    m_minVendors->setKeyboardTracking(false);
    m_minVendors->setToolTip(tr("At least this many vendors every quarter (1: no rule)"));
    m_quarters->setRange(1, 80);
    m_quarters->setSuffix(tr(" quarters"));
    m_quarters->setKeyboardTracking(false);
    m_quarters->setToolTip(tr("Length of the horizon; demand and power repeat their last quarter"));
    m_life->setRange(0.25, 30.0);
    m_life->setDecimals(2);
    m_life->setSuffix(tr(" years"));
    m_life->setKeyboardTracking(false);
    m_life->setToolTip(tr("Service life: a used offer must have life left, and the break-even with renting spreads the "
                          "price over it. Resale and residual values follow the used-price curve, not this life"));
    m_rules->addItem(tr("latest enforced, quarter by quarter"), QStringLiteral("latest"));
    for (QComboBox* box : {m_buyerHq, m_buyerParentHq}) {
        box->addItem(QString(), QString()); // "the company's (XX)": its text is set by refresh()
    }
    try {
        const auto library = core::compliance::RuleLibrary::loadShipped();
        for (const auto& set : library.ruleSets()) {
            m_rules->addItem(QString::fromStdString(set.id + " — " + set.name), QString::fromStdString(set.id));
        }
        for (const auto& [code, name] : library.countryGroups().countryNames) {
            for (QComboBox* box : {m_buyerHq, m_buyerParentHq}) {
                box->addItem(QStringLiteral("%1 — %2").arg(QString::fromStdString(code), QString::fromStdString(name)),
                             QString::fromStdString(code));
            }
        }
    } catch (const core::Error&) {
        // The compliance page reports a broken rule library; here "latest" and the company's
        // countries stay selectable.
    }
    m_buyerHq->setToolTip(tr("Headquarters of the buyer in this scenario: headquarters rules apply before "
                             "destination rules. The company's unless set"));
    m_buyerParentHq->setToolTip(tr("Headquarters of the buyer's ultimate parent. The company's unless set"));
    m_buyerConsignee->setToolTip(tr("The consignee per-consignee caps count against. The company's name unless set"));
    m_rules->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_rules->setMinimumContentsLength(40);
    m_rules->setToolTip(tr("The export-control rule set whose stack decides what may be bought for each site"));
    m_appetite->addItem(tr("none: only licence-free purchases"), QStringLiteral("none"));
    m_appetite->addItem(tr("apply where approval is presumed"), QStringLiteral("presumption_of_approval"));
    m_appetite->addItem(tr("apply case by case too"), QStringLiteral("case_by_case"));
    m_appetite->setToolTip(tr("Which licence applications the company is willing to make"));
    m_budgetQuarter->setPlaceholderText(tr("no limit"));
    m_budgetQuarter->setToolTip(tr("Capex allowed in any one quarter, USD; empty: no limit"));
    m_budgetTotal->setPlaceholderText(tr("no limit"));
    m_budgetTotal->setToolTip(tr("Capex allowed over the whole horizon, USD; empty: no limit"));
    m_excluded->setToolTip(tr("Checked vendors are never bought"));

    auto* horizon = new QGroupBox(tr("Horizon"), this);
    auto* horizonForm = new QFormLayout(horizon);
    horizonForm->addRow(tr("First quarter:"), m_firstQuarter);
    horizonForm->addRow(tr("Length:"), m_quarters);
    horizonForm->addRow(tr("Discount rate:"), m_discount);
    horizonForm->addRow(tr("Depreciation life:"), m_life);
    horizonForm->addRow(tr("Objective:"), m_objective);
    auto* rules = new QGroupBox(tr("Rules and limits"), this);
    auto* rulesForm = new QFormLayout(rules);
    rulesForm->addRow(tr("Export-control rules:"), m_rules);
    rulesForm->addRow(tr("Licence appetite:"), m_appetite);
    rulesForm->addRow(tr("Max vendor share:"), m_maxVendorShare);
    rulesForm->addRow(tr("Min vendors:"), m_minVendors);
    rulesForm->addRow(tr("… each with at least:"), m_minVendorShare);
    rulesForm->addRow(tr("Headroom over demand:"), m_headroom);
    rulesForm->addRow(tr("Cost of reselling:"), m_resaleCost);
    rulesForm->addRow(tr("Budget per quarter (USD):"), m_budgetQuarter);
    rulesForm->addRow(tr("Budget in total (USD):"), m_budgetTotal);
    auto* buyer = new QGroupBox(tr("Buyer"), this);
    auto* buyerForm = new QFormLayout(buyer);
    buyerForm->addRow(tr("Headquarters:"), m_buyerHq);
    buyerForm->addRow(tr("Ultimate parent:"), m_buyerParentHq);
    buyerForm->addRow(tr("Consignee:"), m_buyerConsignee);
    auto* vendors = new QGroupBox(tr("Excluded vendors"), this);
    auto* vendorsLayout = new QVBoxLayout(vendors);
    vendorsLayout->addWidget(m_excluded);
    auto* columns = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(horizon);
    left->addWidget(rules);
    left->addWidget(buyer);
    left->addStretch(1);
    columns->addLayout(left, 3);
    columns->addWidget(vendors, 2);
    auto* body = new QWidget(this);
    body->setLayout(columns);
    layOutScenarioPage(this, document,
                       tr("<b>Policy &amp; horizon</b> — how far ahead to plan, for which buyer, and under which "
                          "rules, limits and budgets. The company (every scenario's buyer unless set here) is set "
                          "on the Compliance page."),
                       body);

    connect(m_firstQuarter, &QLineEdit::editingFinished, this, [this] {
        commit(tr("Edit first quarter"), [this](Scenario& s) {
            try {
                s.firstQuarter = core::plan::Quarter::parse(m_firstQuarter->text().trimmed().toStdString());
            } catch (const core::ValidationError& e) {
                return tr("first quarter: %1").arg(QString::fromUtf8(e.what()));
            }
            return QString();
        });
    });
    connect(m_quarters, &QSpinBox::valueChanged, this, [this](int value) {
        commit(tr("Edit horizon length"), [value](Scenario& s) {
            s.quarters = value;
            return QString();
        });
    });
    const auto percent = [this](QDoubleSpinBox* box, const QString& text, double& (*field)(Scenario&)) {
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, text, field](double value) {
            commit(text, [field, value](Scenario& s) {
                field(s) = value / 100.0;
                return QString();
            });
        });
    };
    percent(m_discount, tr("Edit discount rate"), [](Scenario& s) -> double& { return s.discountRatePerYear; });
    percent(m_maxVendorShare, tr("Edit max vendor share"),
            [](Scenario& s) -> double& { return s.policy.maxVendorShare; });
    percent(m_headroom, tr("Edit headroom"), [](Scenario& s) -> double& { return s.policy.headroom; });
    percent(m_resaleCost, tr("Edit cost of reselling"),
            [](Scenario& s) -> double& { return s.policy.resaleCostShare; });
    percent(m_minVendorShare, tr("Edit minimum vendor share"),
            [](Scenario& s) -> double& { return s.policy.minVendorShare; });
    connect(m_minVendors, &QSpinBox::valueChanged, this, [this](int value) {
        commit(tr("Edit minimum vendors"), [value](Scenario& s) {
            s.policy.minVendors = value;
            return QString();
        });
    });
    connect(m_life, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        commit(tr("Edit depreciation life"), [value](Scenario& s) {
            s.lifeYears = value;
            return QString();
        });
    });
    const auto choice = [this](QComboBox* box, const QString& text, std::string core::plan::Policy::*field) {
        connect(box, &QComboBox::activated, this, [this, box, text, field] {
            commit(text, [box, field](Scenario& s) {
                s.policy.*field = box->currentData().toString().toStdString();
                return QString();
            });
        });
    };
    choice(m_objective, tr("Edit objective"), &core::plan::Policy::objective);
    choice(m_rules, tr("Edit rule set"), &core::plan::Policy::rules);
    choice(m_appetite, tr("Edit licence appetite"), &core::plan::Policy::licenceAppetite);
    connect(m_budgetQuarter, &QLineEdit::editingFinished, this, [this] {
        commit(tr("Edit budget per quarter"), [this](Scenario& s) {
            return writeOptionalNumber(m_budgetQuarter->text(), s.policy.budgetUsdPerQuarter);
        });
    });
    connect(m_budgetTotal, &QLineEdit::editingFinished, this, [this] {
        commit(tr("Edit total budget"),
               [this](Scenario& s) { return writeOptionalNumber(m_budgetTotal->text(), s.policy.budgetUsdTotal); });
    });
    const auto buyerCountry = [this](QComboBox* box, const QString& text, std::string core::plan::Buyer::*field) {
        connect(box, &QComboBox::activated, this, [this, box, text, field] {
            commit(text, [box, field](Scenario& s) {
                s.buyer.*field = box->currentData().toString().toStdString();
                return QString();
            });
        });
    };
    buyerCountry(m_buyerHq, tr("Edit buyer's headquarters"), &core::plan::Buyer::hqCountry);
    buyerCountry(m_buyerParentHq, tr("Edit buyer's parent"), &core::plan::Buyer::parentHqCountry);
    connect(m_buyerConsignee, &QLineEdit::editingFinished, this, [this] {
        commit(tr("Edit consignee"), [this](Scenario& s) {
            s.buyer.consignee = m_buyerConsignee->text().trimmed().toStdString();
            return QString();
        });
    });
    connect(m_excluded, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const std::string vendor = item->text().toStdString();
        const bool exclude = item->checkState() == Qt::Checked;
        commit(exclude ? tr("Exclude %1").arg(item->text()) : tr("Allow %1").arg(item->text()),
               [vendor, exclude](Scenario& s) {
                   auto& excluded = s.policy.excludedVendors;
                   std::erase(excluded, vendor);
                   if (exclude) {
                       excluded.push_back(vendor);
                   }
                   return QString();
               });
    });
    connect(document, &FleetDocument::fleetChanged, this, &PolicyPage::refresh);
    connect(document, &FleetDocument::currentScenarioChanged, this, &PolicyPage::refresh);
    refresh();
}

void PolicyPage::commit(const QString& text, const std::function<QString(Scenario&)>& change)
{
    if (m_document->currentScenario() < 0) {
        return;
    }
    Scenario changed = m_document->scenario();
    if (const QString problem = change(changed); !problem.isEmpty()) {
        m_document->rejectEdit(problem);
        refresh(); // the field shows the value that stands again
        return;
    }
    if (changed != m_document->scenario()) {
        m_document->changeScenario(changed, text);
    }
}

void PolicyPage::refresh()
{
    const QList<QWidget*> fields{m_firstQuarter,  m_quarters,       m_discount,      m_life,           m_rules,
                                 m_appetite,      m_maxVendorShare, m_minVendors,    m_minVendorShare, m_headroom,
                                 m_budgetQuarter, m_budgetTotal,    m_excluded,      m_objective,      m_resaleCost,
                                 m_buyerHq,       m_buyerParentHq,  m_buyerConsignee};
    const bool any = m_document->currentScenario() >= 0;
    for (QWidget* field : fields) {
        field->setEnabled(any);
    }
    if (!any) {
        return;
    }
    const Scenario& s = m_document->scenario();
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QWidget* field : fields) {
        blockers.push_back(std::make_unique<QSignalBlocker>(field));
    }
    m_firstQuarter->setText(QString::fromStdString(s.firstQuarter.toString()));
    m_quarters->setValue(s.quarters);
    m_discount->setValue(s.discountRatePerYear * 100.0);
    m_life->setValue(s.lifeYears);
    m_rules->setCurrentIndex(std::max(0, m_rules->findData(QString::fromStdString(s.policy.rules))));
    m_appetite->setCurrentIndex(std::max(0, m_appetite->findData(QString::fromStdString(s.policy.licenceAppetite))));
    m_objective->setCurrentIndex(std::max(0, m_objective->findData(QString::fromStdString(s.policy.objective))));
    m_maxVendorShare->setValue(s.policy.maxVendorShare * 100.0);
    m_minVendors->setValue(s.policy.minVendors);
    m_minVendorShare->setValue(s.policy.minVendorShare * 100.0);
    m_headroom->setValue(s.policy.headroom * 100.0);
    m_resaleCost->setValue(s.policy.resaleCostShare * 100.0);
    m_budgetQuarter->setText(budgetText(s.policy.budgetUsdPerQuarter));
    m_budgetTotal->setText(budgetText(s.policy.budgetUsdTotal));
    const core::Company& company = m_document->fleet().company;
    const auto companys = [](const std::string& value) {
        return value.empty() ? tr("the company's (unknown)")
                             : tr("the company's (%1)").arg(QString::fromStdString(value));
    };
    m_buyerHq->setItemText(0, companys(company.hqCountry));
    m_buyerParentHq->setItemText(0, companys(company.parentHqCountry));
    for (auto [box, value] :
         {std::pair{m_buyerHq, &s.buyer.hqCountry}, std::pair{m_buyerParentHq, &s.buyer.parentHqCountry}}) {
        const int index = box->findData(QString::fromStdString(*value));
        if (index < 0) { // a code the shipped country list lacks: shown as it is
            box->addItem(QString::fromStdString(*value), QString::fromStdString(*value));
        }
        box->setCurrentIndex(std::max(0, box->findData(QString::fromStdString(*value))));
    }
    m_buyerConsignee->setPlaceholderText(company.name.empty()
                                             ? tr("the company's name")
                                             : tr("the company's name (%1)").arg(QString::fromStdString(company.name)));
    m_buyerConsignee->setText(QString::fromStdString(s.buyer.consignee));
    std::set<std::string> vendors(s.policy.excludedVendors.begin(), s.policy.excludedVendors.end());
    for (const auto& a : m_document->fleet().catalog.accelerators) {
        if (a.vendor) {
            vendors.insert(*a.vendor);
        }
    }
    m_excluded->clear();
    for (const auto& vendor : vendors) {
        auto* item = new QListWidgetItem(QString::fromStdString(vendor), m_excluded);
        const bool excluded = std::find(s.policy.excludedVendors.begin(), s.policy.excludedVendors.end(), vendor) !=
                              s.policy.excludedVendors.end();
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(excluded ? Qt::Checked : Qt::Unchecked);
    }
}

} // namespace fw::ui
