// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/riskpage.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "core/error.h"
#include "core/limits.h"
#include "core/plan/planmodel.h"
#include "core/plan/uncertainty.h"
#include "core/report/figuretext.h"
#include "core/report/plainwords.h"
#include "core/report/riskfans.h"
#include "core/report/risksection.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/document/planbook.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/pages/planfindings.h"
#include "ui/widgets/rowbuttons.h"
#include "ui/widgets/scenariopagelayout.h"
#include "ui/widgets/scenariotableview.h"

namespace fw::ui {
namespace {

using core::plan::Scenario;
using core::plan::UncertainEvent;

/// A new country cap starts at the AI diffusion rule's License Exception LPP allowance: 26,900,000 TPP
/// per consignee and calendar year, about 1,699 H100s (data/rules/US-AID-2025-01.json).
constexpr double lppAllowanceTpp = 26'900'000.0;

UncertainEvent& eventOf(Scenario& s, int r)
{
    return rowOf(s.uncertainty.events, r);
}
const UncertainEvent& eventOf(const Scenario& s, int r)
{
    return rowOf(s.uncertainty.events, r);
}

using core::plan::eventIsDated;
using core::plan::eventMultiplies;

/// The kinds of event the core applies, as the file names them; shown in words ("vendor price").
const QStringList& kinds()
{
    static const QStringList all = [] {
        QStringList k;
        for (const auto& kind : core::plan::eventKinds()) {
            k << QString::fromStdString(kind);
        }
        return k;
    }();
    return all;
}

/// The kinds in words: "demand, vendor price, … or remote access licence".
QString kindWords()
{
    QStringList words;
    for (const auto& kind : core::plan::eventKinds()) {
        words << QString::fromStdString(core::report::plainKey(kind));
    }
    const QString last = words.takeLast();
    return QObject::tr("%1 or %2").arg(words.join(QStringLiteral(", ")), last);
}

/// What an event of `kind` applies to when it is first chosen: every stream or site, the first
/// offer's vendor, the first site, or the first site's country; checkScenario checks the rest.
std::string defaultTarget(const FleetDocument* document, const Scenario& s, const std::string& kind)
{
    const std::string_view key = core::plan::eventTargetKey(kind);
    if (kind == "vendor_price" || kind == "vendor_supply") {
        for (const auto& offer : s.market) {
            const auto* system = document->fleet().catalog.findSystem(offer.system);
            const auto* accelerator =
                system ? document->fleet().catalog.findAccelerator(system->acceleratorSku) : nullptr;
            if (!offer.used && accelerator != nullptr && accelerator->vendor) {
                return *accelerator->vendor;
            }
        }
        return {};
    }
    if (key == "system") {
        for (const auto& offer : s.market) {
            if (!offer.used) {
                return offer.system;
            }
        }
        return {};
    }
    if (kind == "power_delay") {
        return s.sites.empty() ? std::string() : s.sites.front().name;
    }
    if (key == "country") {
        return s.sites.empty() ? std::string() : s.sites.front().country;
    }
    if (key == "buyer_hq" || key == "renter_hq") {
        return core::plan::buyerOf(s, document->fleet().company).hqCountry;
    }
    return {};
}

/// How the From column shows an event following a successor's launch: "launch of GB200 NVL72".
QString launchWords()
{
    return QObject::tr("launch of %1");
}

QString notForKind(const UncertainEvent& e, const QString& what)
{
    return QObject::tr("a %1 event has no %2").arg(QString::fromStdString(core::report::plainKey(e.kind)), what);
}

ScenarioTable eventsTable(const FleetDocument* document)
{
    ScenarioTable t;
    t.noun = QObject::tr("event");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.uncertainty.events.size()); };
    t.rowName = [](const Scenario& s, int r) { return QString::fromStdString(eventOf(s, r).name); };
    t.columns = [document](const Scenario&) {
        std::vector<ScenarioColumn> c;
        c.push_back({QObject::tr("Event"), QObject::tr("A name, given once: the futures are named by their events"),
                     [](const Scenario& s, int r) { return QVariant(QString::fromStdString(eventOf(s, r).name)); },
                     [](Scenario& s, int r, const QString& text) {
                         eventOf(s, r).name = text.trimmed().toStdString();
                         return QString();
                     }});
        c.push_back(
            {QObject::tr("Probability"), QObject::tr("Chance the event happens, 0 to 1, independently of the others"),
             [](const Scenario& s, int r) { return QVariant(eventOf(s, r).probability); },
             [](Scenario& s, int r, const QString& text) { return writeNumber(text, eventOf(s, r).probability); }});
        c.push_back({QObject::tr("Kind"), kindWords(),
                     [](const Scenario& s, int r) {
                         return QVariant(QString::fromStdString(core::report::plainKey(eventOf(s, r).kind)));
                     },
                     [document](Scenario& s, int r, const QString& text) {
                         QString kind = text.trimmed().toLower();
                         kind.replace(QLatin1Char(' '), QLatin1Char('_'));
                         kind.replace(QStringLiteral("license"), QStringLiteral("licence"));
                         if (!kinds().contains(kind)) {
                             return QObject::tr("“%1” is not %2").arg(text.trimmed(), kindWords());
                         }
                         UncertainEvent& e = eventOf(s, r);
                         if (e.kind != kind.toStdString()) {
                             // What the old kind applied to means nothing to the new one.
                             e.kind = kind.toStdString();
                             e.target = defaultTarget(document, s, e.kind);
                             e.quarters = core::plan::eventDelays(e.kind) ? std::max(e.quarters, 1) : 0;
                             e.multiplier = eventMultiplies(e.kind) ? e.multiplier : 1.0;
                             e.limitTpp = e.kind == "country_cap" ? lppAllowanceTpp : 0.0;
                             e.fromLaunchOf = core::plan::eventFollowsLaunch(e.kind) ? e.fromLaunchOf : "";
                             // A dated kind with no quarter in the horizon (it followed a launch, or held
                             // for the whole horizon) starts in the horizon's first.
                             const int from = core::plan::quartersFrom(s.firstQuarter, e.from);
                             if (eventIsDated(e.kind) && e.fromLaunchOf.empty() && (from < 0 || from >= s.quarters)) {
                                 e.from = s.firstQuarter;
                             }
                         }
                         return QString();
                     }});
        c.push_back({QObject::tr("Applies to"),
                     QObject::tr("Demand: training or an inference class (empty: all); vendor price or supply: "
                                 "a vendor; used market or software efficiency: a vendor (empty: all); part delay, "
                                 "price, performance or software efficiency: a system; electricity price: a site "
                                 "(empty: all); power delay: a site; licence required or country cap: a country "
                                 "(two letters); buyer licence required or remote access licence: the buyer's or "
                                 "renter's headquarters country (two letters)"),
                     [](const Scenario& s, int r) { return QVariant(QString::fromStdString(eventOf(s, r).target)); },
                     [](Scenario& s, int r, const QString& text) {
                         UncertainEvent& e = eventOf(s, r);
                         const QString target = text.trimmed();
                         e.target = (core::plan::eventTargetsCountry(e.kind) ? target.toUpper() : target).toStdString();
                         return QString();
                     }});
        c.push_back(
            {QObject::tr("From"),
             QObject::tr("The quarter the event takes effect, e.g. 2028Q1 (demand, prices, a part's "
                         "performance, software, licences and caps); a vendor or part price, the used market or a "
                         "part's software may instead change from a successor's launch: “launch of” and a new "
                         "offer of the market, e.g. “launch of GB200 NVL72” (the first quarter it ships in each "
                         "future)"),
             [](const Scenario& s, int r) {
                 const auto& e = eventOf(s, r);
                 if (!e.fromLaunchOf.empty()) {
                     return QVariant(launchWords().arg(QString::fromStdString(e.fromLaunchOf)));
                 }
                 return QVariant(eventIsDated(e.kind) ? QString::fromStdString(e.from.toString()) : QString());
             },
             [](Scenario& s, int r, const QString& text) {
                 UncertainEvent& e = eventOf(s, r);
                 if (!eventIsDated(e.kind)) {
                     return notForKind(e, QObject::tr("quarter: it holds for the whole horizon"));
                 }
                 const QString given = text.trimmed();
                 const QString launch = launchWords().arg(QString());
                 if (given.startsWith(launch, Qt::CaseInsensitive)) {
                     if (!core::plan::eventFollowsLaunch(e.kind)) {
                         return notForKind(e, QObject::tr("launch to follow: give a quarter"));
                     }
                     e.fromLaunchOf = given.mid(launch.size()).trimmed().toStdString();
                     e.from = {}; // unused, as the file reads it
                     return QString();
                 }
                 try {
                     e.from = core::plan::Quarter::parse(given.toUpper().toStdString());
                 } catch (const core::Error&) {
                     return QObject::tr("“%1” is not a quarter such as 2028Q1, or “launch of” a system").arg(given);
                 }
                 e.fromLaunchOf.clear();
                 return QString();
             }});
        c.push_back({QObject::tr("Multiplier"),
                     QObject::tr("Demand, price, supply or performance × this when the event happens: 0.7 is 30 % "
                                 "less; software efficiency: × this a year"),
                     [](const Scenario& s, int r) {
                         const auto& e = eventOf(s, r);
                         return eventMultiplies(e.kind) ? QVariant(e.multiplier) : QVariant(QString());
                     },
                     [](Scenario& s, int r, const QString& text) {
                         UncertainEvent& e = eventOf(s, r);
                         return eventMultiplies(e.kind) ? writeNumber(text, e.multiplier)
                                                        : notForKind(e, QObject::tr("multiplier"));
                     }});
        c.push_back({QObject::tr("Delay (quarters)"),
                     QObject::tr("A power delay: the site's power arrives this late; a part delay: the part ships "
                                 "this late"),
                     [](const Scenario& s, int r) {
                         const auto& e = eventOf(s, r);
                         return core::plan::eventDelays(e.kind) ? QVariant(e.quarters) : QVariant(QString());
                     },
                     [](Scenario& s, int r, const QString& text) {
                         UncertainEvent& e = eventOf(s, r);
                         return core::plan::eventDelays(e.kind) ? writeCount(text, e.quarters)
                                                                : notForKind(e, QObject::tr("delay"));
                     }});
        c.push_back({QObject::tr("Cap (TPP a year)"),
                     QObject::tr("A country cap: controlled accelerators bought for the country's sites count "
                                 "against this many TPP per calendar year (0: none may be bought)"),
                     [](const Scenario& s, int r) {
                         const auto& e = eventOf(s, r);
                         return e.kind == "country_cap" ? QVariant(e.limitTpp) : QVariant(QString());
                     },
                     [](Scenario& s, int r, const QString& text) {
                         UncertainEvent& e = eventOf(s, r);
                         return e.kind == "country_cap" ? writeNumber(text, e.limitTpp)
                                                        : notForKind(e, QObject::tr("cap"));
                     }});
        return c;
    };
    t.insertRow = [](Scenario& s, int row) {
        UncertainEvent e;
        int n = static_cast<int>(s.uncertainty.events.size()) + 1;
        const auto taken = [&](const std::string& name) {
            return std::any_of(s.uncertainty.events.begin(), s.uncertainty.events.end(),
                               [&](const UncertainEvent& x) { return x.name == name; });
        };
        do {
            e.name = QObject::tr("Event %1").arg(n++).toStdString();
        } while (taken(e.name));
        e.probability = 0.1;
        e.kind = "demand";
        e.from = s.firstQuarter;
        e.multiplier = 0.8;
        s.uncertainty.events.insert(s.uncertainty.events.begin() + row, e);
    };
    t.removeRow = [](Scenario& s, int row) { s.uncertainty.events.erase(s.uncertainty.events.begin() + row); };
    return t;
}

} // namespace

RiskPage::RiskPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_events(new ScenarioTableModel(document, eventsTable(document), this)),
      m_futures(new QSpinBox(this)), m_seed(new QSpinBox(this)), m_alpha(new QDoubleSpinBox(this)),
      m_timeLimit(new QSpinBox(this)), m_nodeLimit(new QSpinBox(this)),
      m_assess(new QPushButton(tr("Assess risk"), this)), m_method(new QComboBox(this)),
      m_cvarWeight(new QDoubleSpinBox(this)), m_outOfSample(new QSpinBox(this)),
      m_hedgingIterations(new QSpinBox(this)), m_rhoMultiplier(new QDoubleSpinBox(this)),
      m_slamAfter(new QSpinBox(this)), m_boundEvery(new QSpinBox(this)),
      m_robust(new QPushButton(tr("Solve robust plan"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_status(new QLabel(this)), m_figures(new QTextBrowser(this)), m_futuresTable(new QTextBrowser(this)),
      m_histogram(new QChartView(this)), m_fanSelector(new QComboBox(this)), m_fanChart(new QChartView(this))
{
    m_futures->setRange(1, 1000);
    m_futures->setValue(16);
    m_futures->setToolTip(tr("The whole tree of futures when it has at most this many; else this many drawn"));
    m_seed->setRange(1, 1000000);
    m_seed->setToolTip(tr("Seed of the draws: the same seed gives the same futures"));
    m_alpha->setRange(0.5, 0.99);
    m_alpha->setSingleStep(0.05);
    m_alpha->setValue(0.95);
    m_alpha->setToolTip(tr("CVaR level: the mean of the worst (1 − level) of the probability"));
    m_timeLimit->setRange(1, 86400);
    m_timeLimit->setValue(60);
    m_timeLimit->setSuffix(tr(" s"));
    m_timeLimit->setToolTip(tr("The solver's time limit for each plan: each future, and the stochastic plan"));
    m_nodeLimit->setRange(static_cast<int>(core::limits::nodeLimit.least),
                          static_cast<int>(core::limits::nodeLimit.most));
    m_nodeLimit->setSpecialValueText(tr("none"));
    m_nodeLimit->setToolTip(tr("Each plan stops after this many branch-and-bound nodes (none: only the time "
                               "limit): unlike the time limit the same on every machine, so a run gives the "
                               "same answer on a loaded or a faster one"));
    m_assess->setToolTip(tr(
        "Freeze the plan's first-year purchases and power build-out and plan every future again, in the background"));
    m_robust->setToolTip(tr("Also solve the two-stage stochastic plan: one first year for every future (slower)"));
    m_method->addItem(tr("Extensive form"), static_cast<int>(core::plan::RobustMethod::ExtensiveForm));
    m_method->addItem(tr("Progressive hedging"), static_cast<int>(core::plan::RobustMethod::ProgressiveHedging));
    m_method->setToolTip(tr("How the robust plan is solved: every future in one MILP (exact up to the gap), or "
                            "each future on its own, iteration by iteration, until they agree (for many futures; "
                            "a heuristic, bracketed by its bounds)"));
    m_cvarWeight->setRange(0.0, 1.0);
    m_cvarWeight->setSingleStep(0.1);
    m_cvarWeight->setToolTip(tr("The robust plan minimises (1 − weight) × expected cost + weight × CVaR at the "
                                "CVaR level: 0 is expected cost alone (either method)"));
    m_outOfSample->setRange(0, 1000);
    m_outOfSample->setSpecialValueText(tr("none"));
    m_outOfSample->setToolTip(tr("RP, WS, EEV, VSS and EVPI again on this many futures drawn afresh (seed + 1): "
                                 "three more plans per draw"));
    // Progressive hedging's own settings, from its defaults, within the CLI's limits (--ph-iterations,
    // --ph-rho, --ph-slam-after, --ph-bound-every).
    const core::plan::HedgingOptions hedging;
    namespace limits = core::limits;
    m_hedgingIterations->setRange(static_cast<int>(limits::hedgingIterations.least),
                                  static_cast<int>(limits::hedgingIterations.most));
    m_hedgingIterations->setValue(hedging.iterationLimit);
    m_hedgingIterations->setToolTip(tr("Progressive hedging stops after this many iterations (each solves every "
                                       "future once) if the futures have not agreed by then"));
    // Narrower than the CLI's 1e-4 to 1e4 (a box that fits the small screen): 0.1 and 1 already bracket
    // what the US sample needs (HedgingOptions::rhoMultiplier).
    m_rhoMultiplier->setDecimals(3);
    m_rhoMultiplier->setRange(std::max(limits::hedgingRhoMultiplier.least, 0.001),
                              std::min(limits::hedgingRhoMultiplier.most, 100.0));
    m_rhoMultiplier->setSingleStep(0.1);
    m_rhoMultiplier->setValue(hedging.rhoMultiplier);
    m_rhoMultiplier->setToolTip(tr("Times rho, each purchase's penalty for disagreeing with the average: "
                                   "larger agrees sooner, perhaps on a worse first year"));
    m_slamAfter->setRange(static_cast<int>(limits::hedgingSlamAfter.least),
                          static_cast<int>(limits::hedgingSlamAfter.most));
    m_slamAfter->setValue(hedging.slamAfter);
    m_slamAfter->setToolTip(tr("From this iteration on, an iteration that brings the futures no closer fixes the "
                               "purchase they are least apart on at their average (slamming)"));
    m_boundEvery->setRange(static_cast<int>(limits::hedgingBoundEvery.least),
                           static_cast<int>(limits::hedgingBoundEvery.most));
    m_boundEvery->setValue(hedging.boundEvery);
    m_boundEvery->setToolTip(tr("Progressive hedging's Lagrangian lower bound at every this many iterations (and "
                                "the last): each costs one more solve per future"));
    const auto hedgingChosen = [this] {
        const bool chosen =
            m_method->currentData().toInt() == static_cast<int>(core::plan::RobustMethod::ProgressiveHedging);
        for (QWidget* field :
             std::initializer_list<QWidget*>{m_hedgingIterations, m_rhoMultiplier, m_slamAfter, m_boundEvery}) {
            field->setEnabled(chosen);
        }
    };
    connect(m_method, &QComboBox::currentIndexChanged, this, hedgingChosen);
    hedgingChosen();
    m_cancel->setEnabled(false);
    m_status->setWordWrap(true);
    m_histogram->setRenderHint(QPainter::Antialiasing);
    m_histogram->setMinimumSize(320, 200);
    m_fanChart->setRenderHint(QPainter::Antialiasing);
    m_fanChart->setMinimumSize(320, 200);
    m_fanSelector->setToolTip(tr("What the fan shows: capacity allocated vs demand (training or an inference "
                                 "class), or the facility power drawn at a site vs what it has"));
    m_fanSelector->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_figures->setMinimumWidth(300);
    try {
        m_rules = std::make_shared<const core::compliance::RuleLibrary>(core::compliance::RuleLibrary::loadShipped());
    } catch (const core::Error& e) {
        m_status->setText(tr("The rule sets could not be loaded: %1").arg(QString::fromUtf8(e.what())));
        m_assess->setEnabled(false);
        m_robust->setEnabled(false);
    }

    auto* view = new ScenarioTableView(m_events, this);
    view->verticalHeader()->hide(); // the event's name is the first column
    // The words (event, kind, target, from) share the width; the figures take what they need.
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    const auto sizeFigures = [view] {
        for (int figure : {1, 5, 6, 7}) {
            if (figure < view->horizontalHeader()->count()) {
                view->horizontalHeader()->setSectionResizeMode(figure, QHeaderView::ResizeToContents);
            }
        }
    };
    sizeFigures(); // and again whenever the columns are made anew (another scenario, another fleet)
    connect(m_events, &QAbstractItemModel::modelReset, view, sizeFigures);
    connect(m_events, &QAbstractItemModel::columnsInserted, view, sizeFigures);
    auto* eventsBox = new QWidget(this);
    auto* eventsLayout = new QVBoxLayout(eventsBox);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    eventsLayout->addWidget(view, 1);
    eventsLayout->addWidget(new RowButtons(m_events, view, tr("event"), eventsBox));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Futures:"), this));
    controls->addWidget(m_futures);
    controls->addWidget(new QLabel(tr("Seed:"), this));
    controls->addWidget(m_seed);
    controls->addWidget(new QLabel(tr("CVaR level:"), this));
    controls->addWidget(m_alpha);
    controls->addWidget(new QLabel(tr("Time limit:"), this));
    controls->addWidget(m_timeLimit);
    controls->addWidget(new QLabel(tr("Node limit:"), this));
    controls->addWidget(m_nodeLimit);
    controls->addWidget(new QLabel(tr("Bound every:"), this));
    controls->addWidget(m_boundEvery);
    controls->addStretch(1);
    controls->addWidget(m_assess);
    controls->addWidget(m_cancel);
    auto* robustControls = new QHBoxLayout;
    robustControls->addWidget(new QLabel(tr("Robust plan by"), this));
    robustControls->addWidget(m_method);
    robustControls->addWidget(new QLabel(tr("CVaR weight:"), this));
    robustControls->addWidget(m_cvarWeight);
    robustControls->addWidget(new QLabel(tr("Out-of-sample draws:"), this));
    robustControls->addWidget(m_outOfSample);
    robustControls->addWidget(new QLabel(tr("Iterations:"), this));
    robustControls->addWidget(m_hedgingIterations);
    robustControls->addWidget(new QLabel(tr("ρ ×"), this));
    robustControls->addWidget(m_rhoMultiplier);
    robustControls->addWidget(new QLabel(tr("Slam after:"), this));
    robustControls->addWidget(m_slamAfter);
    robustControls->addStretch(1);
    robustControls->addWidget(m_robust);
    auto* charts = new QTabWidget(this);
    charts->addTab(m_histogram, tr("Cost histogram"));
    auto* fans = new QWidget(this);
    auto* fansLayout = new QVBoxLayout(fans);
    fansLayout->setContentsMargins(0, 0, 0, 0);
    auto* fanPick = new QHBoxLayout;
    fanPick->addWidget(new QLabel(tr("Show:"), fans));
    fanPick->addWidget(m_fanSelector);
    fanPick->addStretch(1);
    fansLayout->addLayout(fanPick);
    fansLayout->addWidget(m_fanChart, 1);
    charts->addTab(fans, tr("Capacity and power fans"));
    charts->addTab(m_futuresTable, tr("Every future"));
    auto* results = new QSplitter(Qt::Horizontal, this);
    results->addWidget(m_figures);
    results->addWidget(charts);
    results->setStretchFactor(0, 2); // every future's six columns need the wider side
    results->setStretchFactor(1, 3);
    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addLayout(controls);
    lowerLayout->addLayout(robustControls);
    lowerLayout->addWidget(m_status);
    lowerLayout->addWidget(results, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(eventsBox);
    split->addWidget(lower);
    split->setStretchFactor(0, 2); // four events fit at 1280×800 before the table scrolls
    split->setStretchFactor(1, 3);
    layOutScenarioPage(this, document,
                       tr("<b>Risk</b> — the uncertain events of the future, each happening or not with its "
                          "probability, and how the plan fares across the futures they make: its first year "
                          "frozen, every future planned again."),
                       split);

    m_progressTick.setInterval(500);
    connect(&m_progressTick, &QTimer::timeout, this, &RiskPage::showProgress);
    connect(m_assess, &QPushButton::clicked, this, [this] { run(false); });
    connect(m_robust, &QPushButton::clicked, this, [this] { run(true); });
    connect(m_cancel, &QPushButton::clicked, this, &RiskPage::cancel);
    connect(m_fanSelector, &QComboBox::currentIndexChanged, this, &RiskPage::showFan);
    connect(document, &FleetDocument::fleetChanged, this, &RiskPage::showRun);
    connect(document, &FleetDocument::currentScenarioChanged, this, &RiskPage::showRun);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<RiskRun>>::finished, this, [this] {
        m_running = false;
        m_progressTick.stop();
        m_cancel->setEnabled(false);
        m_assess->setEnabled(true);
        m_robust->setEnabled(true);
        const auto result = m_watcher.result();
        if (result->plannedHere && result->plan) {
            m_document->plans()->add(result->plan); // the Plan page shows the plan assessed
        }
        m_shown = result;
        showRun();
        emit finished();
    });
    showRun();
}

RiskPage::~RiskPage()
{
    cancel();
    m_watcher.waitForFinished();
}

void RiskPage::run(bool robust)
{
    if (m_running || !m_rules || m_document->currentScenario() < 0) {
        return;
    }
    const core::Fleet fleet = m_document->fleet();
    const Scenario scenario = m_document->scenario();
    std::shared_ptr<const PlanRun> plan;
    if (const auto found = m_document->plans()->find(fleet, scenario);
        found.run && planFitsScenario(*found.run, fleet, scenario)) {
        plan = found.run;
    }
    RiskRequest request;
    request.futures = m_futures->value();
    request.seed = static_cast<std::uint32_t>(m_seed->value());
    request.alpha = m_alpha->value();
    request.timeLimitSeconds = m_timeLimit->value();
    request.nodeLimit = m_nodeLimit->value();
    request.robust = robust;
    request.method = static_cast<core::plan::RobustMethod>(m_method->currentData().toInt());
    request.cvarWeight = m_cvarWeight->value();
    request.outOfSampleFutures = m_outOfSample->value();
    request.hedging.iterationLimit = m_hedgingIterations->value();
    request.hedging.rhoMultiplier = m_rhoMultiplier->value();
    request.hedging.slamAfter = m_slamAfter->value();
    request.hedging.boundEvery = m_boundEvery->value();
    m_running = true;
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_progress = std::make_shared<RiskProgress>();
    m_assess->setEnabled(false);
    m_robust->setEnabled(false);
    m_cancel->setEnabled(true);
    m_elapsed.start();
    m_progressTick.start();
    showProgress();
    const auto cancel = m_cancelFlag;
    const auto progress = m_progress;
    const auto rules = m_rules;
    m_watcher.setFuture(QtConcurrent::run([fleet, scenario, rules, plan, request, cancel, progress] {
        // cancel and progress stay alive until it ends
        return assessPlanRisk(
            fleet, scenario, *rules, plan, request, cancel.get(),
            [progress](int done, int total) {
                progress->done = done;
                progress->total = total;
            },
            [progress, blend = request.cvarWeight > 0.0](const core::plan::HedgingIteration& it) {
                progress->residual = it.residual;
                progress->valueAtRiskResidual = blend ? it.valueAtRiskResidual : -1.0;
                progress->keptAnswers = it.keptAnswers;
                progress->hedgingIteration = it.iteration;
            });
    }));
}

void RiskPage::cancel()
{
    if (m_cancelFlag) {
        m_cancelFlag->store(true);
        m_cancel->setEnabled(false);
    }
}

std::shared_ptr<const RiskRun> RiskPage::currentRun() const
{
    if (!m_shown || m_document->currentScenario() < 0 || !m_shown->error.empty() ||
        !(m_shown->inputs == planInputs(m_document->fleet(), m_document->scenario()))) {
        return nullptr;
    }
    return m_shown;
}

void RiskPage::showProgress()
{
    const int total = m_progress ? m_progress->total.load() : 0;
    const QString seconds = tr("%1 s").arg(m_elapsed.elapsed() / 1000);
    if (const int iteration = m_progress ? m_progress->hedgingIteration.load() : -1; iteration >= 0) {
        const double valueAtRisk = m_progress->valueAtRiskResidual.load();
        const QString residual = QString::number(m_progress->residual.load(), 'g', 3);
        QString text = valueAtRisk < 0.0
                           ? tr("Progressive hedging: iteration %1 done, residual %2 (stops at 0.001)")
                                 .arg(iteration)
                                 .arg(residual)
                           : tr("Progressive hedging: iteration %1 done, residual %2, value at risk's %3 (both stop "
                                "at 0.001)")
                                 .arg(iteration)
                                 .arg(residual, QString::number(valueAtRisk, 'g', 3));
        if (const int kept = m_progress->keptAnswers.load(); kept > 0) {
            text += tr("; %n future(s) met the time limit before a plan and kept the last answer", "", kept);
        }
        m_status->setText(tr("%1 … %2").arg(text, seconds));
        return;
    }
    m_status->setText(
        total == 0
            ? tr("Planning … %1").arg(seconds)
            : tr("Planning the futures: %1 of %2 done … %3").arg(m_progress->done.load()).arg(total).arg(seconds));
}

void RiskPage::showRun()
{
    if (m_running) {
        return; // the progress stays until the run ends
    }
    const bool any = m_document->currentScenario() >= 0;
    const bool mine = any && m_shown && m_shown->inputs.scenario.name == m_document->scenario().name;
    if (!mine || !m_shown->error.empty()) {
        m_figures->clear();
        m_futuresTable->clear();
        showChart(m_histogram,
                  buildStackedBarChart({tr("NPV cost over the futures (million USD)").toStdString(), {}, {}, {}}));
        showFan();
        if (mine) {
            m_status->setText(tr("No figures: %1").arg(m_document->plainMessage(m_shown->error)));
        } else if (any && m_document->scenario().uncertainty.events.empty()) {
            m_status->setText(tr("This scenario has no uncertain events: add one above, then press Assess risk."));
        } else {
            m_status->setText(any ? tr("Press Assess risk to plan every future with the plan's first year frozen.")
                                  : QString());
        }
        return;
    }
    const RiskRun& run = *m_shown;
    const auto& risk = run.risk;
    const bool current = currentRun() != nullptr;
    m_status->setText((current ? QString() : tr("Out of date: the scenario has changed since. ")) +
                      tr("Expected NPV cost %1 USD; CVaR %2 USD over %3 futures%4.")
                          .arg(QString::fromStdString(core::report::usd(risk.expectedCostUsd)),
                               QString::fromStdString(core::report::usd(risk.cvarUsd)))
                          .arg(risk.futures.size())
                          .arg(run.plannedHere ? tr(" (the scenario was planned first)") : QString()) +
                      (risk.infeasibleProbability > 0.0
                           ? tr(" In %1 of the probability the frozen purchases give no plan: the figures are "
                                "over the futures with one.")
                                 .arg(QStringLiteral("%1 %").arg(risk.infeasibleProbability * 100.0, 0, 'f', 1))
                           : QString()));
    // Each table under its title, as the report prints them.
    const auto titled = [](const core::report::ReportTable& table) {
        return QStringLiteral("<p><b>%1</b></p>").arg(QString::fromStdString(table.title).toHtmlEscaped()) +
               tableHtml(table);
    };
    QString html = titled(core::report::riskFiguresTable(risk));
    if (run.robust) {
        html += titled(core::report::robustFiguresTable(*run.robust));
        const auto hedges = core::report::hedgeTable(*run.plan->model, risk.frozen, *run.robust);
        html += hedges.rows.empty() ? tr("<p>The robust plan decides the same first year as the plan.</p>")
                                    : titled(hedges);
        if (const auto insurance = core::report::insuranceTable(risk, *run.robust);
            !hedges.rows.empty() && !insurance.rows.empty()) { // the same first year costs the same
            html += titled(insurance) +
                    QStringLiteral("<p>%1</p>")
                        .arg(QString::fromStdString(core::report::insuranceText(risk, *run.robust)).toHtmlEscaped());
        }
    }
    m_figures->setHtml(html);
    m_futuresTable->setHtml(titled(core::report::riskFuturesTable(risk)));
    showChart(m_histogram, buildStackedBarChart(core::report::riskHistogram(risk)));
    // One item per fan, kept on the same measure when the list is the same.
    QStringList items;
    for (const auto& fan : risk.fans) {
        const QString name = QString::fromStdString(fan.name);
        switch (fan.measure) {
        case core::plan::FanMeasure::Training: items << tr("Training: capacity vs demand"); break;
        case core::plan::FanMeasure::Inference: items << tr("Inference “%1”: capacity vs demand").arg(name); break;
        case core::plan::FanMeasure::Power: items << tr("Power at %1: drawn vs available").arg(name); break;
        }
    }
    QStringList shown;
    for (int i = 0; i < m_fanSelector->count(); ++i) {
        shown << m_fanSelector->itemText(i);
    }
    if (items != shown) {
        const QSignalBlocker quiet(m_fanSelector);
        m_fanSelector->clear();
        m_fanSelector->addItems(items);
    }
    showFan();
}

void RiskPage::showFan()
{
    const int index = m_fanSelector->currentIndex();
    const bool mine = m_document->currentScenario() >= 0 && m_shown && m_shown->error.empty() && m_shown->plan &&
                      m_shown->inputs.scenario.name == m_document->scenario().name;
    if (!mine || index < 0 || static_cast<std::size_t>(index) >= m_shown->risk.fans.size()) {
        if (m_fanSelector->count() > 0 && !mine) {
            const QSignalBlocker quiet(m_fanSelector);
            m_fanSelector->clear();
        }
        showChart(
            m_fanChart,
            buildFanChart({tr("Capacity and power across the futures").toStdString(), {}, {}, {}, {}, {}, {}, 0}));
        return;
    }
    showChart(m_fanChart, buildFanChart(core::report::riskFanChart(
                              *m_shown->plan->model, m_shown->risk.fans[static_cast<std::size_t>(index)])));
}

} // namespace fw::ui
