// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/fleetpage.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <map>

#include "core/units/quantity.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/models/systemcolumn.h"
#include "ui/widgets/scenariopagelayout.h"
#include "ui/widgets/scenariotableview.h"

namespace fw::ui {
namespace {

using core::plan::InstalledSystems;
using core::plan::Scenario;

ScenarioTable installedTable(const FleetDocument* document)
{
    ScenarioTable t;
    t.noun = QObject::tr("installed row");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.installed.size()); };
    t.columns = [document](const Scenario&) {
        const auto system = [document](const Scenario& s, int r) {
            return document->fleet().catalog.findSystem(rowOf(s.installed, r).system);
        };
        std::vector<ScenarioColumn> c;
        c.push_back(
            {QObject::tr("Site"), QObject::tr("A site of this scenario (Sites & power page)"),
             [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.installed, r).site)); },
             [](Scenario& s, int r, const QString& text) {
                 rowOf(s.installed, r).site = text.trimmed().toStdString();
                 return QString();
             }});
        c.push_back(systemColumn(document, &Scenario::installed));
        c.push_back(fieldColumn(QObject::tr("Count"),
                                QObject::tr("Systems installed and running at the start of the horizon"),
                                &Scenario::installed, &core::plan::InstalledSystems::count));
        c.push_back(fieldColumn(QObject::tr("Age (years)"), QObject::tr("Age at the horizon's start, years"),
                                &Scenario::installed, &core::plan::InstalledSystems::ageYears));
        c.push_back(fieldColumn(QObject::tr("Resale (USD)"),
                                QObject::tr("What one unit fetches if sold in the first quarter, USD; it falls on the "
                                            "accelerator's used-price curve after. Empty: its new price on that "
                                            "curve at its age. Give this or the price new, not both"),
                                &Scenario::installed, &core::plan::InstalledSystems::resaleUsd));
        c.push_back(fieldColumn(QObject::tr("Price new (USD)"),
                                QObject::tr("What one unit cost new, USD (the fleet register's purchase price); the "
                                            "resale value is this on the accelerator's used-price curve at its age. "
                                            "Empty: the system's full-system price"),
                                &Scenario::installed, &core::plan::InstalledSystems::priceUsd));
        c.push_back({QObject::tr("Accelerators"),
                     QObject::tr("Count × accelerators per system (catalog)"),
                     [system](const Scenario& s, int r) {
                         const auto* x = system(s, r);
                         return x ? QVariant(rowOf(s.installed, r).count * x->acceleratorsPerSystem) : QVariant();
                     },
                     {}});
        c.push_back({QObject::tr("Max power (kW)"),
                     QObject::tr("Count × the system's maximum power (catalog), kW"),
                     [system](const Scenario& s, int r) {
                         const auto* x = system(s, r);
                         return x && x->maxPower ? QVariant(rowOf(s.installed, r).count *
                                                            core::units::inWatts(*x->maxPower) / 1000.0)
                                                 : QVariant();
                     },
                     {}});
        return c;
    };
    t.insertRow = [document](Scenario& s, int row) {
        InstalledSystems i;
        i.site = s.sites.empty() ? std::string() : s.sites.front().name;
        const auto& systems = document->fleet().catalog.systems;
        i.system = systems.empty() ? std::string() : systems.front().sku;
        s.installed.insert(s.installed.begin() + row, i);
    };
    t.removeRow = [](Scenario& s, int row) { s.installed.erase(s.installed.begin() + row); };
    return t;
}

} // namespace

FleetPage::FleetPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document),
      m_installed(new ScenarioTableModel(document, installedTable(document), this)), m_chart(new QChartView(this))
{
    auto* view = new ScenarioTableView(m_installed, this);
    layOutScenarioPage(this, document,
                       tr("<b>Installed fleet</b> — the systems already running at each site when the horizon "
                          "starts, with their age and resale value; the plan keeps them, or retires and sells "
                          "them where that is cheaper."),
                       tableBesideChart(m_installed, view, tr("row"), m_chart, this));
    connect(document, &FleetDocument::fleetChanged, this, &FleetPage::refreshChart);
    connect(document, &FleetDocument::currentScenarioChanged, this, &FleetPage::refreshChart);
    refreshChart();
}

void FleetPage::refreshChart()
{
    QStringList sites;
    QList<double> accelerators;
    QList<int> colours; // each site in its colour, as on every chart
    if (m_document->currentScenario() >= 0) {
        const Scenario& s = m_document->scenario();
        for (const auto& site : s.sites) {
            double count = 0.0;
            for (const auto& i : s.installed) {
                const auto* system = m_document->fleet().catalog.findSystem(i.system);
                if (i.site == site.name && system != nullptr) {
                    count += i.count * system->acceleratorsPerSystem;
                }
            }
            colours << static_cast<int>(sites.size());
            sites << QString::fromStdString(site.name);
            accelerators << count;
        }
    }
    showChart(m_chart,
              buildBarChart(tr("Installed accelerators per site"), tr("accelerators"), sites, accelerators, colours));
}

} // namespace fw::ui
