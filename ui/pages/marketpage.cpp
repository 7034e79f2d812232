// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/marketpage.h"

#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/error.h"
#include "core/report/rentalstable.h"
#include "core/report/rentorowntables.h"
#include "core/units/quantity.h"
#include "core/workload/assumptions.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/document/planbook.h"
#include "ui/models/quarterseriestable.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/models/systemcolumn.h"
#include "ui/pages/planfindings.h"
#include "ui/widgets/rowbuttons.h"
#include "ui/widgets/scenariopagelayout.h"
#include "ui/widgets/scenariotableview.h"

namespace fw::ui {
namespace {

using core::plan::CloudOffer;
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

/// The contract of a cloud offer in words: on demand, reserved, or reserved and prepaid.
QString contractWords(const CloudOffer& offer)
{
    return !offer.reserved ? QObject::tr("on demand")
           : offer.prepaid ? QObject::tr("reserved, prepaid")
                           : QObject::tr("reserved");
}

/// A text column over one field of a cloud offer; `upper` for a country code.
ScenarioColumn cloudTextColumn(const QString& title, const QString& tip, std::string CloudOffer::*field,
                               bool upper = false)
{
    return {
        title, tip,
        [field](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.cloudOffers, r).*field)); },
        [field, upper](Scenario& s, int r, const QString& text) {
            const QString trimmed = text.trimmed();
            rowOf(s.cloudOffers, r).*field = (upper ? trimmed.toUpper() : trimmed).toStdString();
            return QString();
        }};
}

ScenarioTable cloudOffersTable(const FleetDocument* document)
{
    ScenarioTable t;
    t.noun = QObject::tr("cloud offer");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.cloudOffers.size()); };
    t.rowName = [](const Scenario& s, int r) {
        const auto& o = rowOf(s.cloudOffers, r);
        return QString::fromStdString(o.provider + " " + o.sku);
    };
    t.columns = [document](const Scenario&) {
        std::vector<ScenarioColumn> c;
        c.push_back(cloudTextColumn(QObject::tr("Provider"), QObject::tr("Who rents the accelerators out"),
                                    &CloudOffer::provider));
        c.push_back(cloudTextColumn(QObject::tr("HQ"),
                                    QObject::tr("The provider's headquarters (two letters): export controls judge "
                                                "the chips in its region as its export"),
                                    &CloudOffer::providerHq, true));
        c.push_back(cloudTextColumn(QObject::tr("Parent"),
                                    QObject::tr("The provider's ultimate parent (empty: itself), screened against "
                                                "the restricted parties"),
                                    &CloudOffer::providerParent));
        c.push_back(cloudTextColumn(QObject::tr("Parent HQ"),
                                    QObject::tr("The ultimate parent's headquarters (two letters; empty: the "
                                                "provider's), for the headquarters rules and screening"),
                                    &CloudOffer::providerParentHq, true));
        c.push_back(cloudTextColumn(QObject::tr("Region"),
                                    QObject::tr("The country the accelerators are in (two letters)"),
                                    &CloudOffer::region, true));
        c.push_back(
            {QObject::tr("SKU"), QObject::tr("A system or accelerator SKU of the fleet's catalog"),
             [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.cloudOffers, r).sku)); },
             [document](Scenario& s, int r, const QString& text) {
                 const std::string sku = text.trimmed().toStdString();
                 const auto& catalog = document->fleet().catalog;
                 if (catalog.findSystem(sku) == nullptr && catalog.findAccelerator(sku) == nullptr) {
                     return QObject::tr("no system or accelerator “%1” in the catalog").arg(text.trimmed());
                 }
                 rowOf(s.cloudOffers, r).sku = sku;
                 return QString();
             }});
        c.push_back({QObject::tr("Contract"),
                     QObject::tr("on demand (a quarter at a time), reserved (the whole term paid by the hour), or "
                                 "reserved, prepaid (the whole term paid when it starts)"),
                     [](const Scenario& s, int r) { return QVariant(contractWords(rowOf(s.cloudOffers, r))); },
                     [](Scenario& s, int r, const QString& text) {
                         QString form = text.trimmed().toLower();
                         form.replace(QLatin1Char('_'), QLatin1Char(' '));
                         auto& o = rowOf(s.cloudOffers, r);
                         if (form == QStringLiteral("on demand")) {
                             o.reserved = false;
                             o.prepaid = false;
                             o.termQuarters = 1;
                         } else if (form == QStringLiteral("reserved") || form == QStringLiteral("reserved, prepaid") ||
                                    form == QStringLiteral("reserved prepaid")) {
                             o.termQuarters = o.reserved ? o.termQuarters : 4; // a year, the common term
                             o.reserved = true;
                             o.prepaid = form != QStringLiteral("reserved");
                         } else {
                             return QObject::tr("“%1” is not on demand, reserved or reserved, prepaid").arg(text);
                         }
                         return QString();
                     }});
        c.push_back(fieldColumn(QObject::tr("Term (quarters)"),
                                QObject::tr("A reserved contract spans this many quarters, all paid; on demand: 1"),
                                &Scenario::cloudOffers, &CloudOffer::termQuarters));
        c.push_back({QObject::tr("USD per accelerator-hour"),
                     QObject::tr("The first quarter's price per accelerator-hour, USD (a series by quarter in the "
                                 "file: the last value repeats)"),
                     [](const Scenario& s, int r) { return QVariant(rowOf(s.cloudOffers, r).usdPerHourIn(0)); },
                     [](Scenario& s, int r, const QString& text) {
                         return writeFirstQuarter(text, rowOf(s.cloudOffers, r).usdPerAcceleratorHour);
                     }});
        c.push_back({QObject::tr("Accelerators available"),
                     QObject::tr("Accelerators that may be under contract in the first quarter"),
                     [](const Scenario& s, int r) { return QVariant(rowOf(s.cloudOffers, r).availableIn(0)); },
                     [](Scenario& s, int r, const QString& text) {
                         return writeFirstQuarter(text, rowOf(s.cloudOffers, r).available);
                     }});
        c.push_back(fieldColumn(QObject::tr("Min commitment"),
                                QObject::tr("A contract takes at least this many accelerators"), &Scenario::cloudOffers,
                                &CloudOffer::minCommitAccelerators));
        c.push_back(fieldColumn(QObject::tr("Block"),
                                QObject::tr("Contracts are whole blocks of this many accelerators"),
                                &Scenario::cloudOffers, &CloudOffer::blockAccelerators));
        c.push_back({QObject::tr("Price source"),
                     QObject::tr("Where the price comes from (URL or citation); several separated by “; ”"),
                     [](const Scenario& s, int r) {
                         QStringList sources;
                         for (const auto& source : rowOf(s.cloudOffers, r).priceSources) {
                             sources << QString::fromStdString(source);
                         }
                         return QVariant(sources.join(QStringLiteral("; ")));
                     },
                     [](Scenario& s, int r, const QString& text) {
                         auto& sources = rowOf(s.cloudOffers, r).priceSources;
                         sources.clear();
                         for (const QString& source : text.split(QStringLiteral("; "))) {
                             sources.push_back(source.trimmed().toStdString());
                         }
                         return QString();
                     }});
        return c;
    };
    t.insertRow = [document](Scenario& s, int row) {
        CloudOffer offer;
        const auto& systems = document->fleet().catalog.systems;
        offer.provider = QObject::tr("New provider").toStdString();
        offer.providerHq = document->fleet().company.hqCountry; // the renter's own country, until typed
        offer.region = offer.providerHq;
        offer.sku = systems.empty() ? std::string() : systems.front().sku;
        offer.usdPerAcceleratorHour = {0.0};
        offer.priceSources = {QObject::tr("to be sourced").toStdString()};
        offer.available = {0};
        s.cloudOffers.insert(s.cloudOffers.begin() + row, offer);
    };
    t.removeRow = [](Scenario& s, int row) { s.cloudOffers.erase(s.cloudOffers.begin() + row); };
    return t;
}

} // namespace

MarketPage::MarketPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_offers(new ScenarioTableModel(document, offersTable(document), this)),
      m_prices(new ScenarioTableModel(document, pricesTable(document), this)),
      m_supplies(new ScenarioTableModel(document, suppliesTable(), this)),
      m_cloudOffers(new ScenarioTableModel(document, cloudOffersTable(document), this)), m_chart(new QChartView(this)),
      m_rentals(new QTextBrowser(this))
{
    auto* view = new ScenarioTableView(m_offers, this);
    view->verticalHeader()->hide(); // the system is the first column
    // The offers take the whole width; below, one tab each for the series by quarter and the chart.
    auto* tabs = new QTabWidget(this);
    tabs->addTab(new ScenarioTableView(m_prices, tabs), tr("Price by quarter (USD)"));
    tabs->addTab(new ScenarioTableView(m_supplies, tabs), tr("Supply by quarter (units)"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(360, 220);
    tabs->addTab(m_chart, tr("Price per PFLOP/s"));
    // Renting beside buying: the cloud offers, and what the plan rents from them.
    auto* cloudView = new ScenarioTableView(m_cloudOffers, tabs);
    cloudView->verticalHeader()->hide(); // the provider is the first column
    auto* cloud = new QWidget(tabs);
    auto* cloudLayout = new QVBoxLayout(cloud);
    cloudLayout->setContentsMargins(0, 0, 0, 0);
    cloudLayout->addWidget(cloudView, 1);
    cloudLayout->addWidget(new RowButtons(m_cloudOffers, cloudView, tr("cloud offer"), cloud));
    tabs->addTab(cloud, tr("Cloud offers (rent)"));
    tabs->addTab(m_rentals, tr("Rented in the plan"));
    auto* offers = new QWidget(this);
    auto* offersLayout = new QVBoxLayout(offers);
    offersLayout->setContentsMargins(0, 0, 0, 0);
    offersLayout->addWidget(view, 1);
    offersLayout->addWidget(new RowButtons(m_offers, view, tr("offer"), offers));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(offers);
    split->addWidget(tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layOutScenarioPage(this, document,
                       tr("<b>Market</b> — the systems on offer: price and units each quarter (type or paste a "
                          "series below; the last value repeats), lead time; and cloud capacity to rent instead. "
                          "Export controls, cooling and racks decide where each may go."),
                       split);
    connect(document, &FleetDocument::fleetChanged, this, &MarketPage::refreshChart);
    connect(document, &FleetDocument::currentScenarioChanged, this, &MarketPage::refreshChart);
    connect(document, &FleetDocument::fleetChanged, this, &MarketPage::refreshRentals);
    connect(document, &FleetDocument::currentScenarioChanged, this, &MarketPage::refreshRentals);
    connect(document->plans(), &PlanBook::added, this, &MarketPage::refreshRentals);
    refreshChart();
    refreshRentals();
}

void MarketPage::refreshRentals()
{
    if (m_document->currentScenario() < 0) {
        m_rentals->clear();
        return;
    }
    const auto found = m_document->plans()->find(m_document->fleet(), m_document->scenario());
    if (!found.run || !found.run->error.empty() || !found.run->model) {
        m_rentals->setHtml(tr("<p>No plan of this scenario yet: press Plan (Ctrl+R); what it rents shows here, with "
                              "the export-control treatment of each rented block.</p>"));
        return;
    }
    const auto& run = *found.run;
    const auto table = core::report::rentalsTable(*run.model, run.plan);
    QString html =
        found.current ? QString() : tr("<p><b>Out of date:</b> the scenario has changed since this plan.</p>");
    const auto notesHtml = [](const std::vector<std::string>& notes) {
        QString text;
        for (const auto& note : notes) {
            text += QStringLiteral("<p>%1</p>").arg(QString::fromStdString(note).toHtmlEscaped());
        }
        return text;
    };
    const auto titled = [](const core::report::ReportTable& t) {
        return QStringLiteral("<p><b>%1</b></p>").arg(QString::fromStdString(t.title).toHtmlEscaped()) + tableHtml(t);
    };
    if (table.rows.empty()) {
        html += tr("<p>The plan rents nothing: owning is cheaper, or no cloud offer is allowed for this buyer.</p>");
    } else {
        html += tableHtml(table) + notesHtml(core::report::rentalNotes(*run.model, run.plan));
        html += titled(core::report::rentedShareTable(run.model->scenario, run.evaluation));
    }
    // Rent or own: the break-even utilisation of each system the plan buys or could buy at each site.
    try {
        const auto breakEven = core::report::breakEvenTable(*run.model, run.plan, run.inputs.catalog,
                                                            core::workload::shippedModelAssumptions());
        if (!breakEven.rows.empty()) {
            html += titled(breakEven) + notesHtml(core::report::breakEvenNotes());
        } else if (run.model->cloudOffers() > 0) {
            html += notesHtml({core::report::noBreakEvenNote()});
        }
    } catch (const core::ValidationError& e) {
        html += tr("<p>No break-even: %1</p>").arg(QString::fromStdString(e.what()).toHtmlEscaped());
    }
    m_rentals->setHtml(html);
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
