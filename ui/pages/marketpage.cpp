// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/marketpage.h"

#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/units/quantity.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/quarterseriestable.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/models/systemcolumn.h"
#include "ui/widgets/rowbuttons.h"
#include "ui/widgets/scenariopagelayout.h"
#include "ui/widgets/scenariotableview.h"

namespace fw::ui {
namespace {

using core::plan::Offer;
using core::plan::Scenario;

/// The first quarter's value of a series, as the offers table shows and edits it; the by-quarter
/// tables show the rest.
template <typename Value>
QString writeFirstQuarter(const QString& text, std::vector<Value>& series)
{
    Value value{};
    const QString problem = writeValue(text, value);
    if (series.size() <= 1) {
        series = {value};
    } else {
        series.front() = value;
    }
    return problem;
}

/// The catalog price of an offer's system, USD, if the catalog has one.
std::optional<double> catalogPrice(const FleetDocument* document, const Offer& offer)
{
    const auto* system = document->fleet().catalog.findSystem(offer.system);
    return system && system->price ? std::optional<double>(core::units::inUsd(*system->price)) : std::nullopt;
}

/// The offer's price (its own, else the catalog's) per dense BF16 PFLOP/s of peak; nullopt when a
/// figure is missing.
std::optional<double> usdPerPflops(const core::catalog::Catalog& catalog, const Offer& offer)
{
    const auto* system = catalog.findSystem(offer.system);
    if (system == nullptr) {
        return std::nullopt;
    }
    const auto* accelerator = catalog.findAccelerator(system->acceleratorSku);
    const auto own = offer.priceIn(0);
    if (accelerator == nullptr || !accelerator->bf16 || (!own && !system->price)) {
        return std::nullopt;
    }
    const double price = own ? *own : core::units::inUsd(*system->price);
    const double pflops = core::units::inTeraflops(*accelerator->bf16) / 1000.0 * system->acceleratorsPerSystem;
    return pflops > 0.0 ? std::optional(price / pflops) : std::nullopt;
}

QString offerName(const Offer& offer)
{
    return QString::fromStdString(offer.system) + (offer.used ? QObject::tr(" (used)") : QString());
}

ScenarioTable offersTable(const FleetDocument* document)
{
    ScenarioTable t;
    t.noun = QObject::tr("offer");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.market.size()); };
    t.rowName = [](const Scenario& s, int r) { return offerName(rowOf(s.market, r)); };
    t.columns = [document](const Scenario&) {
        std::vector<ScenarioColumn> c;
        c.push_back(systemColumn(document, &Scenario::market));
        c.push_back({QObject::tr("Price (USD)"),
                     QObject::tr("Price of one system in the first quarter, USD; empty: the catalog price. Later "
                                 "quarters: the price table below"),
                     [](const Scenario& s, int r) { return optionalCell(rowOf(s.market, r).priceIn(0)); },
                     [](Scenario& s, int r, const QString& text) {
                         if (text.trimmed().isEmpty()) {
                             auto& prices = rowOf(s.market, r).priceUsd;
                             if (prices.size() > 1) {
                                 return QObject::tr("the price varies by quarter: edit it in the price table below");
                             }
                             prices.clear();
                             return QString();
                         }
                         return writeFirstQuarter(text, rowOf(s.market, r).priceUsd);
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
        c.push_back(fieldColumn(QObject::tr("Age (years)"),
                                QObject::tr("A used system's age when bought, years; it depreciates "
                                            "over the life left"),
                                &Scenario::market, &core::plan::Offer::ageYears));
        c.push_back({QObject::tr("Catalog price (USD)"),
                     QObject::tr("The catalog's price of one system, USD, and its source"),
                     [document](const Scenario& s, int r) {
                         const auto* system = document->fleet().catalog.findSystem(rowOf(s.market, r).system);
                         return system && system->price ? QVariant(core::units::inUsd(*system->price))
                                                        : QVariant(QString());
                     },
                     {}});
        c.push_back({QObject::tr("Supply per quarter"),
                     QObject::tr("Systems the vendor can allocate in the first quarter; later quarters: the supply "
                                 "table below"),
                     [](const Scenario& s, int r) { return QVariant(rowOf(s.market, r).supplyIn(0)); },
                     [](Scenario& s, int r, const QString& text) {
                         return writeFirstQuarter(text, rowOf(s.market, r).supply);
                     }});
        c.push_back(fieldColumn(QObject::tr("Lead (quarters)"),
                                QObject::tr("Bought in quarter t, serving from quarter t + lead"), &Scenario::market,
                                &core::plan::Offer::leadQuarters));
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
        offer.supply = {0};
        s.market.insert(s.market.begin() + row, offer);
    };
    t.removeRow = [](Scenario& s, int row) { s.market.erase(s.market.begin() + row); };
    return t;
}

ScenarioTable pricesTable(const FleetDocument* document)
{
    return quarterSeriesTable(QuarterSeries<Offer, double>{
        QObject::tr("offer"), &Scenario::market, &Offer::priceUsd, offerName,
        [document](const Offer& offer) { return catalogPrice(document, offer); },
        QObject::tr("Price of one system bought in this quarter, USD (the catalog price until one is typed)")});
}

ScenarioTable suppliesTable()
{
    return quarterSeriesTable(
        QuarterSeries<Offer, int>{QObject::tr("offer"), &Scenario::market, &Offer::supply, offerName,
                                  [](const Offer&) { return std::optional<int>(0); },
                                  QObject::tr("Systems the vendor can allocate in this quarter")});
}

} // namespace

MarketPage::MarketPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_offers(new ScenarioTableModel(document, offersTable(document), this)),
      m_prices(new ScenarioTableModel(document, pricesTable(document), this)),
      m_supplies(new ScenarioTableModel(document, suppliesTable(), this)), m_chart(new QChartView(this))
{
    auto* view = new ScenarioTableView(m_offers, this);
    view->verticalHeader()->hide(); // the system is the first column
    // The offers take the whole width; below, one tab each for the series by quarter and the chart.
    auto* byQuarter = new QTabWidget(this);
    byQuarter->addTab(new ScenarioTableView(m_prices, byQuarter), tr("Price by quarter (USD)"));
    byQuarter->addTab(new ScenarioTableView(m_supplies, byQuarter), tr("Supply by quarter (units)"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(360, 220);
    byQuarter->addTab(m_chart, tr("Price per PFLOP/s"));
    auto* offers = new QWidget(this);
    auto* offersLayout = new QVBoxLayout(offers);
    offersLayout->setContentsMargins(0, 0, 0, 0);
    offersLayout->addWidget(view, 1);
    offersLayout->addWidget(new RowButtons(m_offers, view, tr("offer"), offers));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(offers);
    split->addWidget(byQuarter);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layOutScenarioPage(this, document,
                       tr("<b>Market</b> — the systems on offer: price and units each quarter (type or paste a "
                          "series below; the last value repeats), lead time. Export controls, cooling and racks "
                          "decide where each may go."),
                       split);
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
