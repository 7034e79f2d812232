// SPDX-License-Identifier: Apache-2.0
#include "ui/marketpage.h"

#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "core/units/quantity.h"
#include "ui/chartbuilder.h"
#include "ui/fleetdocument.h"
#include "ui/scenariopagelayout.h"
#include "ui/scenariotablemodel.h"
#include "ui/scenariotableview.h"

namespace fw::ui {
namespace {

using core::plan::Offer;
using core::plan::Scenario;

/// The offer's price (its own, else the catalog's) per dense BF16 PFLOP/s of peak; nullopt when a
/// figure is missing.
std::optional<double> usdPerPflops(const core::catalog::Catalog& catalog, const Offer& offer)
{
    const auto* system = catalog.findSystem(offer.system);
    if (system == nullptr) {
        return std::nullopt;
    }
    const auto* accelerator = catalog.findAccelerator(system->acceleratorSku);
    if (accelerator == nullptr || !accelerator->bf16 || (!offer.priceUsd && !system->price)) {
        return std::nullopt;
    }
    const double price = offer.priceUsd ? *offer.priceUsd : core::units::inUsd(*system->price);
    const double pflops = core::units::inTeraflops(*accelerator->bf16) / 1000.0 * system->acceleratorsPerSystem;
    return pflops > 0.0 ? std::optional(price / pflops) : std::nullopt;
}

ScenarioTable offersTable(const FleetDocument* document)
{
    ScenarioTable t;
    t.noun = QObject::tr("offer");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.market.size()); };
    t.rowName = [](const Scenario& s, int r) {
        const Offer& offer = rowOf(s.market, r);
        return QString::fromStdString(offer.system) + (offer.used ? QObject::tr(" (used)") : QString());
    };
    t.columns = [document](const Scenario&) {
        std::vector<ScenarioColumn> c;
        c.push_back(
            {QObject::tr("System"), QObject::tr("A system SKU of the fleet's catalog"),
             [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.market, r).system)); },
             [document](Scenario& s, int r, const QString& text) {
                 const std::string sku = text.trimmed().toStdString();
                 if (document->fleet().catalog.findSystem(sku) == nullptr) {
                     return QObject::tr("no system “%1” in the catalog").arg(text.trimmed());
                 }
                 rowOf(s.market, r).system = sku;
                 return QString();
             }});
        c.push_back({QObject::tr("Price (USD)"), QObject::tr("Price of one system, USD; empty: the catalog price"),
                     [](const Scenario& s, int r) {
                         const auto& price = rowOf(s.market, r).priceUsd;
                         return price ? QVariant(*price) : QVariant(QString());
                     },
                     [](Scenario& s, int r, const QString& text) {
                         if (text.trimmed().isEmpty()) {
                             rowOf(s.market, r).priceUsd.reset();
                             return QString();
                         }
                         double price = 0.0;
                         QString problem = writeNumber(text, price);
                         rowOf(s.market, r).priceUsd = price;
                         return problem;
                     }});
        c.push_back({QObject::tr("Condition"), QObject::tr("new, or used (secondhand): then give its price and age"),
                     [](const Scenario& s, int r) {
                         return QVariant(rowOf(s.market, r).used ? QStringLiteral("used") : QStringLiteral("new"));
                     },
                     [](Scenario& s, int r, const QString& text) {
                         const QString condition = text.trimmed().toLower();
                         if (condition != QStringLiteral("new") && condition != QStringLiteral("used")) {
                             return QObject::tr("“%1” is not new or used").arg(text);
                         }
                         rowOf(s.market, r).used = condition == QStringLiteral("used");
                         return QString();
                     }});
        c.push_back(
            {QObject::tr("Age (years)"),
             QObject::tr("A used system's age when bought, years; it depreciates "
                         "over the life left"),
             [](const Scenario& s, int r) { return QVariant(rowOf(s.market, r).ageYears); },
             [](Scenario& s, int r, const QString& text) { return writeNumber(text, rowOf(s.market, r).ageYears); }});
        c.push_back({QObject::tr("Catalog price (USD)"),
                     QObject::tr("The catalog's price of one system, USD, and its source"),
                     [document](const Scenario& s, int r) {
                         const auto* system = document->fleet().catalog.findSystem(rowOf(s.market, r).system);
                         return system && system->price ? QVariant(core::units::inUsd(*system->price))
                                                        : QVariant(QString());
                     },
                     {}});
        c.push_back({QObject::tr("Supply per quarter"), QObject::tr("Systems the vendor can allocate each quarter"),
                     [](const Scenario& s, int r) { return QVariant(rowOf(s.market, r).supplyPerQuarter); },
                     [](Scenario& s, int r, const QString& text) {
                         return writeCount(text, rowOf(s.market, r).supplyPerQuarter);
                     }});
        c.push_back({QObject::tr("Lead (quarters)"), QObject::tr("Bought in quarter t, serving from quarter t + lead"),
                     [](const Scenario& s, int r) { return QVariant(rowOf(s.market, r).leadQuarters); },
                     [](Scenario& s, int r, const QString& text) {
                         return writeCount(text, rowOf(s.market, r).leadQuarters);
                     }});
        c.push_back({QObject::tr("USD per PFLOP/s"),
                     QObject::tr("Price ÷ dense BF16 peak of the whole system, USD per PFLOP/s (catalog figures)"),
                     [document](const Scenario& s, int r) {
                         const auto value = usdPerPflops(document->fleet().catalog, rowOf(s.market, r));
                         return value ? QVariant(std::round(*value)) : QVariant(QString());
                     },
                     {}});
        return c;
    };
    t.insertRow = [document](Scenario& s, int row) {
        Offer offer;
        const auto& systems = document->fleet().catalog.systems;
        offer.system = systems.empty() ? std::string() : systems.front().sku;
        s.market.insert(s.market.begin() + row, offer);
    };
    t.removeRow = [](Scenario& s, int row) { s.market.erase(s.market.begin() + row); };
    return t;
}

} // namespace

MarketPage::MarketPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_offers(new ScenarioTableModel(document, offersTable(document), this)),
      m_chart(new QChartView(this))
{
    auto* view = new ScenarioTableView(m_offers, this);
    view->verticalHeader()->hide(); // the system is the first column
    layOutScenarioPage(this, document,
                       tr("<b>Market</b> — the systems on offer: price, units each quarter and lead time. Export "
                          "controls and cooling decide where each may go."),
                       tableBesideChart(m_offers, view, tr("offer"), m_chart, this));
    connect(document, &FleetDocument::fleetChanged, this, &MarketPage::refreshChart);
    connect(document, &FleetDocument::currentScenarioChanged, this, &MarketPage::refreshChart);
    refreshChart();
}

void MarketPage::refreshChart()
{
    QStringList systems;
    QList<double> values;
    if (m_document->currentScenario() >= 0) {
        for (const Offer& offer : m_document->scenario().market) {
            if (const auto value = usdPerPflops(m_document->fleet().catalog, offer)) {
                systems << QString::fromStdString(offer.system);
                values << *value / 1000.0;
            }
        }
    }
    showChart(m_chart,
              buildBarChart(tr("Price per dense BF16 PFLOP/s"), tr("thousand USD per PFLOP/s"), systems, values));
}

} // namespace fw::ui
