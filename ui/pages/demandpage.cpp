// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/demandpage.h"

#include <QChart>
#include <QChartView>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/models/trainingrunstable.h"
#include "ui/widgets/rowbuttons.h"
#include "ui/widgets/scenariopagelayout.h"
#include "ui/widgets/scenariotableview.h"

namespace fw::ui {
namespace {

using core::plan::QuarterDemand;
using core::plan::Scenario;

/// The demand of quarter `q`, spelling out the repeated last value first so that editing a later
/// quarter does not change the ones before it.
QuarterDemand& demandAt(Scenario& s, int q)
{
    std::vector<QuarterDemand> spelled;
    for (int k = 0; k < std::max<int>(s.quarters, static_cast<int>(s.demand.size())); ++k) {
        spelled.push_back(s.demandIn(k));
    }
    s.demand = spelled;
    return s.demand[static_cast<std::size_t>(q)];
}

ScenarioTable demandTable()
{
    ScenarioTable t;
    t.noun = QObject::tr("quarter");
    t.rows = [](const Scenario& s) { return s.quarters; };
    t.rowName = [](const Scenario& s, int q) { return QString::fromStdString(s.firstQuarter.plus(q).toString()); };
    t.columns = [](const Scenario& s) {
        std::vector<ScenarioColumn> c;
        c.push_back(
            {QObject::tr("Training (PFLOP/s)"),
             QObject::tr("Sustained training compute: dense BF16 peak × MFU × goodput, PFLOP/s"),
             [](const Scenario& s, int q) { return QVariant(s.demandIn(q).trainingPflops); },
             [](Scenario& s, int q, const QString& text) { return writeNumber(text, demandAt(s, q).trainingPflops); }});
        c.push_back({QObject::tr("Forecast training\n(PFLOP/s)"),
                     QObject::tr("Forecast training on top of the contracted: the plan may leave it unserved at the "
                                 "scenario's price per PFLOP-hour"),
                     [](const Scenario& s, int q) { return QVariant(s.demandIn(q).forecastTrainingPflops); },
                     [](Scenario& s, int q, const QString& text) {
                         return writeNumber(text, demandAt(s, q).forecastTrainingPflops);
                     }});
        c.push_back({QObject::tr("Largest job\n(PFLOP/s)"),
                     QObject::tr("Sustained PFLOP/s of the quarter's largest training job, part of the training "
                                 "demand (contracted and forecast): one cluster (one system family at one site) or one "
                                 "cloud offer holds it "
                                 "whole"),
                     [](const Scenario& s, int q) { return QVariant(s.demandIn(q).largestTrainingJobPflops); },
                     [](Scenario& s, int q, const QString& text) {
                         return writeNumber(text, demandAt(s, q).largestTrainingJobPflops);
                     }});
        for (int k = 0; k < static_cast<int>(s.inferenceClasses.size()); ++k) {
            c.push_back({QObject::tr("%1\n(tokens/s)").arg(QString::fromStdString(s.inferenceClasses[k].name)),
                         QObject::tr("Output tokens per second of this inference class, summed over users"),
                         [k](const Scenario& x, int q) { return QVariant(x.demandIn(q).inference(k)); },
                         [k](Scenario& x, int q, const QString& text) {
                             auto& tokens = demandAt(x, q).inferenceTokensPerSecond;
                             tokens.resize(std::max(tokens.size(), static_cast<std::size_t>(k) + 1), 0.0);
                             return writeNumber(text, tokens[static_cast<std::size_t>(k)]);
                         }});
        }
        return c;
    };
    return t;
}

ScenarioTable classTable()
{
    using core::plan::InferenceClass;
    const auto number = [](const QString& title, const QString& tip, auto InferenceClass::*field) {
        return fieldColumn(title, tip, &Scenario::inferenceClasses, field);
    };
    ScenarioTable t;
    t.noun = QObject::tr("inference class");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.inferenceClasses.size()); };
    t.rowName = [](const Scenario& s, int r) { return QString::fromStdString(rowOf(s.inferenceClasses, r).name); };
    t.columns = [number](const Scenario&) {
        return std::vector<ScenarioColumn>{
            {QObject::tr("Name"), QObject::tr("The class's name, unique in the scenario: a demand column each"),
             [](const Scenario& s, int r) {
                 return QVariant(QString::fromStdString(rowOf(s.inferenceClasses, r).name));
             },
             [](Scenario& s, int r, const QString& text) {
                 rowOf(s.inferenceClasses, r).name = text.trimmed().toStdString();
                 return QString();
             }},
            number(QObject::tr("Parameters"), QObject::tr("Model parameters (count)"), &InferenceClass::parameters),
            number(QObject::tr("Active parameters"),
                   QObject::tr("Parameters each token uses, for a mixture of experts (count); empty: dense, all of "
                               "them"),
                   &InferenceClass::activeParameters),
            number(QObject::tr("Bytes/parameter"), QObject::tr("Weight precision in bytes (2 = BF16, 1 = FP8)"),
                   &InferenceClass::bytesPerParameter),
            number(QObject::tr("KV bytes/token"), QObject::tr("KV-cache bytes per token of context"),
                   &InferenceClass::kvBytesPerToken),
            number(QObject::tr("Experts"), QObject::tr("Routed experts of a mixture of experts; 0: dense"),
                   &InferenceClass::experts),
            number(QObject::tr("Experts/token"), QObject::tr("Experts each token chooses (k of the experts)"),
                   &InferenceClass::expertsPerToken),
            number(QObject::tr("Prompt (tokens)"), QObject::tr("Input tokens per request"),
                   &InferenceClass::inputTokens),
            number(QObject::tr("Answer (tokens)"), QObject::tr("Output tokens per request"),
                   &InferenceClass::outputTokens),
            number(QObject::tr("Tokens/s per user"), QObject::tr("Output speed each user must see, tokens/s"),
                   &InferenceClass::tokensPerSecondPerUser),
            number(QObject::tr("First token (s)"),
                   QObject::tr("Longest wait for the first token, seconds; empty: no limit"),
                   &InferenceClass::timeToFirstTokenS),
            {QObject::tr("Disaggregated"),
             QObject::tr("Prompts prefilled on accelerators of their own; unchecked, in the decode rounds, where "
                         "expert-parallel rounds wait for the rank that starts the most prompts"),
             [](const Scenario& s, int r) { return QVariant(rowOf(s.inferenceClasses, r).disaggregated); },
             [](Scenario& s, int r, const QString& text) {
                 return writeYesNo(text, rowOf(s.inferenceClasses, r).disaggregated);
             },
             true}};
    };
    t.insertRow = [](Scenario& s, int row) {
        InferenceClass c;
        int n = static_cast<int>(s.inferenceClasses.size()) + 1;
        const auto taken = [&](const std::string& name) {
            return std::any_of(s.inferenceClasses.begin(), s.inferenceClasses.end(),
                               [&](const InferenceClass& x) { return x.name == name; });
        };
        do {
            c.name = "class " + std::to_string(n++);
        } while (taken(c.name));
        s.inferenceClasses.insert(s.inferenceClasses.begin() + row, c);
        for (auto& d : s.demand) { // its demand columns (contracted, forecast) start at 0, the others keep theirs
            if (static_cast<int>(d.inferenceTokensPerSecond.size()) >= row) {
                d.inferenceTokensPerSecond.insert(d.inferenceTokensPerSecond.begin() + row, 0.0);
            }
            auto& forecast = d.forecastInferenceTokensPerSecond; // none given: none for the new class either
            if (!forecast.empty() && static_cast<int>(forecast.size()) >= row) {
                forecast.insert(forecast.begin() + row, 0.0);
            }
        }
    };
    t.removeRow = [](Scenario& s, int row) {
        s.inferenceClasses.erase(s.inferenceClasses.begin() + row);
        for (auto& d : s.demand) { // its demand columns (contracted, forecast) go with it
            for (auto* tokens : {&d.inferenceTokensPerSecond, &d.forecastInferenceTokensPerSecond}) {
                if (static_cast<int>(tokens->size()) > row) {
                    tokens->erase(tokens->begin() + row);
                }
            }
        }
    };
    return t;
}

} // namespace

DemandPage::DemandPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_demand(new ScenarioTableModel(document, demandTable(), this)),
      m_demandView(new ScenarioTableView(m_demand, this)),
      m_class(new ScenarioTableModel(document, classTable(), this)),
      m_runs(new ScenarioTableModel(document, trainingRunsTable(), this)), m_training(new QChartView(this)),
      m_inference(new QChartView(this))
{
    // Below the demand: the inference classes and the named runs, one tab each, a few rows high.
    const auto rowsOf = [](ScenarioTableModel* model, const QString& noun, QWidget* parent) {
        auto* page = new QWidget(parent);
        auto* layout = new QVBoxLayout(page);
        auto* view = new ScenarioTableView(model, page);
        view->verticalHeader()->hide(); // the name is the first column
        view->setFixedHeight(view->horizontalHeader()->sizeHint().height() +
                             3 * view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth());
        layout->addWidget(view);
        layout->addWidget(new RowButtons(model, view, noun, page));
        return page;
    };
    auto* below = new QTabWidget(this);
    below->addTab(rowsOf(m_class, tr("class"), below),
                  tr("Inference model classes (what the tokens/s are of: a demand column each)"));
    below->addTab(rowsOf(m_runs, tr("run"), below), tr("Named training runs (each one cluster at one site)"));
    for (QChartView* view : {m_training, m_inference}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(320, 220);
    }
    auto* charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_training);
    charts->addWidget(m_inference);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_demandView);
    split->addWidget(charts);
    split->setStretchFactor(0, 1); // room for a demand column per inference class
    split->setStretchFactor(1, 1);
    auto* body = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(split, 1);
    bodyLayout->addWidget(below);
    layOutScenarioPage(this, document,
                       tr("<b>Demand</b> — what the fleet must serve each quarter, before the policy's headroom; "
                          "type or paste a column from a spreadsheet."),
                       body);
    connect(document, &FleetDocument::fleetChanged, this, &DemandPage::refreshCharts);
    connect(document, &FleetDocument::currentScenarioChanged, this, &DemandPage::refreshCharts);
    refreshCharts();
}

void DemandPage::refreshCharts()
{
    core::report::LineChart training{tr("Training demand").toStdString(), "PFLOP/s", {}, {}};
    core::report::LineChart inference{tr("Inference demand").toStdString(), tr("M tokens/s").toStdString(), {}, {}};
    if (m_document->currentScenario() >= 0) {
        const Scenario& s = m_document->scenario();
        core::report::LineSeries pflops{tr("training").toStdString(), {}, false};
        for (int q = 0; q < s.quarters; ++q) {
            training.categories.push_back(s.firstQuarter.plus(q).toString());
            pflops.values.push_back(s.demandIn(q).trainingPflops);
        }
        inference.categories = training.categories;
        training.series.push_back(pflops);
        for (std::size_t k = 0; k < s.inferenceClasses.size(); ++k) {
            core::report::LineSeries tokens{s.inferenceClasses[k].name, {}, false};
            for (int q = 0; q < s.quarters; ++q) {
                tokens.values.push_back(s.demandIn(q).inference(static_cast<int>(k)) / 1e6);
            }
            inference.series.push_back(tokens);
        }
    }
    QChart* trainingChart = buildLineChart(training);
    QChart* inferenceChart = buildLineChart(inference);
    trainingChart->legend()->hide();
    inferenceChart->legend()->setVisible(inference.series.size() > 1); // the classes, beside the plot
    inferenceChart->legend()->setAlignment(Qt::AlignRight);
    showChart(m_training, trainingChart);
    showChart(m_inference, inferenceChart);
}

} // namespace fw::ui
