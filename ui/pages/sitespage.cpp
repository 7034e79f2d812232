// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/sitespage.h"

#include <QChart>
#include <QChartView>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/quarterseriestable.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/widgets/rowbuttons.h"
#include "ui/widgets/scenariopagelayout.h"
#include "ui/widgets/scenariotableview.h"

namespace fw::ui {
namespace {

using core::plan::Scenario;
using core::plan::Site;

ScenarioTable sitesTable()
{
    ScenarioTable t;
    t.noun = QObject::tr("site");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.sites.size()); };
    t.rowName = [](const Scenario& s, int row) { return QString::fromStdString(rowOf(s.sites, row).name); };
    t.columns = [](const Scenario&) {
        std::vector<ScenarioColumn> c;
        c.push_back({QObject::tr("Name"), QObject::tr("The site's name, unique in the scenario"),
                     [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.sites, r).name)); },
                     [](Scenario& s, int r, const QString& text) {
                         const std::string before = rowOf(s.sites, r).name;
                         rowOf(s.sites, r).name = text.trimmed().toStdString();
                         for (auto& installed : s.installed) { // the installed fleet follows its site
                             if (installed.site == before) {
                                 installed.site = rowOf(s.sites, r).name;
                             }
                         }
                         return QString();
                     }});
        c.push_back(
            {QObject::tr("Country"),
             QObject::tr("ISO 3166-1 alpha-2 code: decides which export-control rules apply to systems here"),
             [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.sites, r).country)); },
             [](Scenario& s, int r, const QString& text) {
                 rowOf(s.sites, r).country = text.trimmed().toUpper().toStdString();
                 return QString();
             }});
        c.push_back(
            fieldColumn(QObject::tr("PUE"),
                        QObject::tr("Power usage effectiveness: facility power ÷ IT power (≥ 1, dimensionless)"),
                        &Scenario::sites, &core::plan::Site::pue));
        c.push_back(fieldColumn(QObject::tr("Electricity (USD/kWh)"),
                                QObject::tr("Price of facility energy, USD per kWh"), &Scenario::sites,
                                &core::plan::Site::electricityUsdPerKwh));
        c.push_back(
            {QObject::tr("Liquid cooling"),
             QObject::tr("Whether the site can take liquid-cooled systems (NVL72-class racks need it)"),
             [](const Scenario& s, int r) { return QVariant(rowOf(s.sites, r).liquidCooling); },
             [](Scenario& s, int r, const QString& text) { return writeYesNo(text, rowOf(s.sites, r).liquidCooling); },
             true});
        c.push_back(
            fieldColumn(QObject::tr("Racks"),
                        QObject::tr("Rack positions for systems; empty: floor space is not a limit. A system takes "
                                    "whole racks, never shared with another system"),
                        &Scenario::sites, &core::plan::Site::racks));
        c.push_back(
            fieldColumn(QObject::tr("kW per rack"),
                        QObject::tr("IT power one rack may draw, kW; empty: no limit. A system drawing more is not "
                                    "placed here"),
                        &Scenario::sites, &core::plan::Site::maxKwPerRack));
        c.push_back(fieldColumn(QObject::tr("U per rack"),
                                QObject::tr("Rack units one rack holds for systems (42 U standard)"), &Scenario::sites,
                                &core::plan::Site::unitsPerRack));
        c.push_back(
            fieldColumn(QObject::tr("Oversubscription"),
                        QObject::tr("Power capping: units the plan puts in the site's capped power domain count "
                                    "1 ÷ (1 + this) of their power, so that many more fit (POLCA: 0.3); they serve "
                                    "inference or stand idle, never train. 0: none"),
                        &Scenario::sites, &core::plan::Site::oversubscription));
        c.push_back(fieldColumn(QObject::tr("Build-out (MW/quarter)"),
                                QObject::tr("Power the site can add each quarter, MW; 0: none"), &Scenario::sites,
                                &core::plan::Site::buildOutMaxMwPerQuarter));
        c.push_back(fieldColumn(QObject::tr("Build-out (USD/MW)"), QObject::tr("Price of one MW of build-out, USD"),
                                &Scenario::sites, &core::plan::Site::buildOutUsdPerMw));
        c.push_back(fieldColumn(QObject::tr("Build-out lead (quarters)"),
                                QObject::tr("Ordered in quarter t, the power serves from t + lead"), &Scenario::sites,
                                &core::plan::Site::buildOutLeadQuarters));
        c.push_back({QObject::tr("Notes"), QObject::tr("Where the site's figures come from"),
                     [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.sites, r).notes)); },
                     [](Scenario& s, int r, const QString& text) {
                         rowOf(s.sites, r).notes = text.toStdString();
                         return QString();
                     }});
        return c;
    };
    t.insertRow = [](Scenario& s, int row) {
        Site site;
        int n = static_cast<int>(s.sites.size()) + 1;
        const auto taken = [&](const std::string& name) {
            return std::any_of(s.sites.begin(), s.sites.end(), [&](const Site& x) { return x.name == name; });
        };
        do {
            site.name = "Site " + std::to_string(n++);
        } while (taken(site.name));
        site.country = "US";
        site.powerMw = {0.0};
        s.sites.insert(s.sites.begin() + row, site);
    };
    t.removeRow = [](Scenario& s, int row) {
        const std::string name = rowOf(s.sites, row).name;
        std::erase_if(s.installed, [&](const auto& installed) { return installed.site == name; });
        s.sites.erase(s.sites.begin() + row);
    };
    return t;
}

ScenarioTable powerTable()
{
    return quarterSeriesTable(QuarterSeries<Site, double>{
        QObject::tr("site"), &Scenario::sites, &Site::powerMw,
        [](const Site& site) { return QString::fromStdString(site.name); },
        [](const Site&) { return std::optional<double>(0.0); },
        QObject::tr("Facility power available in this quarter, MW (IT power × PUE must fit)")});
}

} // namespace

SitesPage::SitesPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_sites(new ScenarioTableModel(document, sitesTable(), this)),
      m_power(new ScenarioTableModel(document, powerTable(), this)), m_powerView(new ScenarioTableView(m_power, this)),
      m_chart(new QChartView(this))
{
    auto* sitesBox = new QGroupBox(tr("Sites"), this);
    auto* sitesLayout = new QVBoxLayout(sitesBox);
    auto* sitesView = new ScenarioTableView(m_sites, sitesBox);
    sitesView->verticalHeader()->hide(); // the name is the first column
    sitesLayout->addWidget(sitesView);
    sitesLayout->addWidget(new RowButtons(m_sites, sitesView, tr("site"), sitesBox));

    auto* powerBox = new QGroupBox(tr("Facility power available (MW) by quarter — type or paste a ramp"), this);
    auto* powerLayout = new QHBoxLayout(powerBox);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(360, 240);
    auto* powerSplit = new QSplitter(Qt::Horizontal, powerBox);
    powerSplit->addWidget(m_powerView);
    powerSplit->addWidget(m_chart);
    powerSplit->setStretchFactor(0, 3);
    powerSplit->setStretchFactor(1, 2);
    powerLayout->addWidget(powerSplit);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(sitesBox);
    split->addWidget(powerBox);
    split->setStretchFactor(1, 2);
    layOutScenarioPage(
        this, document,
        tr("<b>Sites &amp; power</b> — where systems can go: the country decides the export controls, "
           "PUE and electricity price the running cost, racks and kW per rack the floor, and power arrives "
           "in steps."),
        split);

    connect(document, &FleetDocument::fleetChanged, this, &SitesPage::refreshChart);
    connect(document, &FleetDocument::currentScenarioChanged, this, &SitesPage::refreshChart);
    refreshChart();
}

void SitesPage::refreshChart()
{
    core::report::LineChart data;
    data.title = tr("Facility power available").toStdString();
    data.yAxisTitle = "MW";
    if (m_document->currentScenario() >= 0) {
        const Scenario& s = m_document->scenario();
        for (int q = 0; q < s.quarters; ++q) {
            data.categories.push_back(s.firstQuarter.plus(q).toString());
        }
        for (const Site& site : s.sites) {
            core::report::LineSeries series{site.name, {}, false};
            for (int q = 0; q < s.quarters; ++q) {
                series.values.push_back(site.availableMw(q));
            }
            data.series.push_back(series);
        }
    }
    showChart(m_chart, buildLineChart(data));
}

} // namespace fw::ui
