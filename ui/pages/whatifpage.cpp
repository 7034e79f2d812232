// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/whatifpage.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/economics/tco.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/workload/calibration.h"
#include "core/workload/servedmodels.h"
#include "core/workload/serving.h"
#include "core/workload/training.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/widgets/pageheading.h"
#include "ui/widgets/problemlabel.h"

namespace fw::ui {
namespace {

using namespace fw::core;

/// A spin box that shows a number the way people write it: "70 B parameters", "15.6 T tokens", not
/// "70.000"; `decimals` is how finely it may be typed.
class PlainSpinBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override
    {
        QLocale shown = locale();
        if (!isGroupSeparatorShown()) {
            shown.setNumberOptions(QLocale::OmitGroupSeparator);
        }
        return shown.toString(value, 'f', QLocale::FloatingPointShortest);
    }
};

QDoubleSpinBox* number(QWidget* parent, double minimum, double maximum, double value, int decimals,
                       const QString& suffix, const QString& toolTip)
{
    auto* box = new PlainSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setToolTip(toolTip);
    box->setKeyboardTracking(true);
    box->setGroupSeparatorShown(true);
    return box;
}

QSpinBox* whole(QWidget* parent, int minimum, int maximum, int value, const QString& suffix, const QString& toolTip)
{
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setToolTip(toolTip);
    box->setGroupSeparatorShown(true);
    return box;
}

QString formatted(double value, int decimals = 0)
{
    return QLocale().toString(value, 'f', decimals);
}

/// A share as people read it: 0.4 is "40 %".
QString percent(double share)
{
    return QLocale().toString(share * 100.0, 'f', share * 100.0 == std::round(share * 100.0) ? 0 : 1) +
           QStringLiteral(" %");
}

/// A very large number as "3.79 × 10²⁵".
QString powerOfTen(double value)
{
    if (value <= 0.0 || !std::isfinite(value)) {
        return formatted(value);
    }
    const int exponent = static_cast<int>(std::floor(std::log10(value)));
    if (exponent < 6) {
        return formatted(value);
    }
    static const QString superscripts = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString power;
    for (const QChar digit : QString::number(exponent)) {
        power += superscripts[digit.digitValue()];
    }
    return QStringLiteral("%1 × 10%2").arg(QLocale().toString(value / std::pow(10.0, exponent), 'f', 2), power);
}

QString sourceTip(const workload::SourcedValue& v)
{
    return QString::fromStdString(v.source + " — " + v.note);
}

/// A results box: one value label per (key, title) row, in order; keys are unique across tabs.
QGroupBox* resultsBox(QWidget* parent, const std::vector<std::pair<QString, QString>>& rows,
                      std::map<QString, QLabel*>& results)
{
    auto* box = new QGroupBox(QObject::tr("Results"), parent);
    auto* grid = new QFormLayout(box);
    for (const auto& [key, title] : rows) {
        auto* value = new QLabel(QStringLiteral("–"), box);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setObjectName(key);
        grid->addRow(title + QStringLiteral(":"), value);
        results[key] = value;
    }
    return box;
}

QChartView* chartView(QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(260);
    return view;
}

void replaceChart(QChartView* view, QChart* chart)
{
    chart->legend()->setAlignment(Qt::AlignBottom);
    showChart(view, chart);
}

/// Inputs on the left, results on the right, the chart below.
QWidget* tabWith(QWidget* parent, QFormLayout* inputs, QGroupBox* results, QChartView* chart)
{
    auto* tab = new QWidget(parent);
    auto* top = new QHBoxLayout;
    auto* inputBox = new QGroupBox(QObject::tr("Inputs"), tab);
    inputBox->setLayout(inputs);
    top->addWidget(inputBox, 1);
    top->addWidget(results, 1);
    auto* layout = new QVBoxLayout(tab);
    layout->addLayout(top);
    layout->addWidget(chart, 1);
    return tab;
}

} // namespace

WhatIfPage::WhatIfPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_tabs(new QTabWidget(this)), m_problem(new ProblemLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("<b>What-if calculator</b> — training, inference, power and cost of ownership "
                                     "for the fleet's catalog. Hover an input for the source of its default."),
                                  this));
    layout->addWidget(m_problem);
    try {
        m_assumptions = workload::shippedModelAssumptions();
    } catch (const Error& e) {
        m_problem->showProblem(tr("The model assumptions could not be loaded: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_tabs->addTab(buildTrainingTab(), tr("Training"));
    m_tabs->addTab(buildInferenceTab(), tr("Inference"));
    m_tabs->addTab(buildPowerTab(), tr("Power"));
    m_tabs->addTab(buildTcoTab(), tr("Cost of ownership"));
    layout->addWidget(m_tabs, 1);
    fillSkuCombos();
    connect(document, &FleetDocument::fleetChanged, this, [this] {
        fillSkuCombos();
        recompute();
    });
    for (auto* spin : findChildren<QAbstractSpinBox*>()) {
        if (auto* d = qobject_cast<QDoubleSpinBox*>(spin)) {
            connect(d, &QDoubleSpinBox::valueChanged, this, &WhatIfPage::recompute);
        } else if (auto* i = qobject_cast<QSpinBox*>(spin)) {
            connect(i, &QSpinBox::valueChanged, this, &WhatIfPage::recompute);
        }
    }
    for (auto* combo : findChildren<QComboBox*>()) {
        connect(combo, &QComboBox::currentIndexChanged, this, &WhatIfPage::recompute);
    }
    recompute();
}

QWidget* WhatIfPage::buildTrainingTab()
{
    auto* form = new QFormLayout;
    m_trainingSku = new QComboBox(this);
    m_trainingCompare1 = new QComboBox(this);
    m_trainingCompare2 = new QComboBox(this);
    m_trainingAccelerators = whole(this, 1, 1'000'000, 16384, tr(" accelerators"), tr("Accelerators in the cluster"));
    m_trainingParams = number(this, 0.001, 100'000, 405, 3, tr(" B parameters"), tr("Total parameters, billions"));
    m_trainingActive = number(this, 0, 100'000, 0, 3, tr(" B active"),
                              tr("Active parameters per token, billions (mixture of experts); 0: dense, all active"));
    m_trainingActive->setSpecialValueText(tr("dense (all active)"));
    m_trainingTokens = number(this, 0.001, 1'000'000, 15.6, 3, tr(" T tokens"), tr("Training tokens, trillions"));
    m_trainingPrecision = new QComboBox(this);
    for (auto p : catalog::allPrecisions) {
        m_trainingPrecision->addItem(QString::fromUtf8(catalog::toString(p).data()));
    }
    m_trainingPrecision->setCurrentText(QStringLiteral("bf16"));
    m_trainingMfu = number(this, 0, 100, 0, 1, tr(" %"),
                           tr("Model-FLOPs utilisation, % of dense peak; 0 uses the family's published figure "
                              "scaled to the cluster"));
    m_trainingMfu->setSpecialValueText(tr("published, scaled"));
    m_trainingGoodput =
        number(this, 0, 100, 0, 1, tr(" %"),
               tr("Share of wall time spent training; 0 uses the failure model (interruptions, checkpoints, "
                  "restarts): %1")
                   .arg(sourceTip(m_assumptions->value("training_interruptions_per_accelerator_day"))));
    m_trainingGoodput->setSpecialValueText(tr("from interruptions"));
    form->addRow(tr("Accelerator:"), m_trainingSku);
    form->addRow(tr("Compare with:"), m_trainingCompare1);
    form->addRow(tr("and:"), m_trainingCompare2);
    form->addRow(tr("Cluster:"), m_trainingAccelerators);
    form->addRow(tr("Model:"), m_trainingParams);
    form->addRow(tr("Active:"), m_trainingActive);
    form->addRow(tr("Data:"), m_trainingTokens);
    form->addRow(tr("Precision:"), m_trainingPrecision);
    form->addRow(tr("MFU:"), m_trainingMfu);
    form->addRow(tr("Goodput:"), m_trainingGoodput);
    m_trainingChart = chartView(this);
    return tabWith(this, form,
                   resultsBox(this,
                              {{QStringLiteral("flops"), tr("Training FLOPs")},
                               {QStringLiteral("mfu"), tr("MFU used")},
                               {QStringLiteral("goodput"), tr("Goodput used")},
                               {QStringLiteral("wall_days"), tr("Wall-clock days")},
                               {QStringLiteral("accelerator_hours"), tr("Accelerator-hours")},
                               {QStringLiteral("training_w_per_accelerator"), tr("IT power per accelerator (W)")},
                               {QStringLiteral("energy_mwh"), tr("Energy (MWh, with PUE)")}},
                              m_results),
                   m_trainingChart);
}

QWidget* WhatIfPage::buildInferenceTab()
{
    auto* form = new QFormLayout;
    m_inferenceSku = new QComboBox(this);
    m_inferenceCompare = new QComboBox(this);
    m_inferenceModel = new QComboBox(this);
    for (const auto& entry : workload::shippedServedModels()) {
        m_inferenceModel->addItem(QString::fromStdString(entry.display), QString::fromStdString(entry.shape.name));
        m_inferenceModel->setItemData(m_inferenceModel->count() - 1, QString::fromStdString(entry.source),
                                      Qt::ToolTipRole);
    }
    m_inferenceModel->addItem(tr("Custom (size below)"), QString());
    m_inferenceModel->setCurrentIndex(std::max(0, m_inferenceModel->findData(QStringLiteral("llama-3.1-70b"))));
    m_inferenceParams = number(this, 0.001, 100'000, 70, 3, tr(" B parameters"),
                               tr("Total parameters, billions (custom model; shape derived from the size)"));
    m_inferenceActive = number(this, 0, 100'000, 0, 3, tr(" B active"), tr("Active parameters per token; 0: dense"));
    m_inferenceActive->setSpecialValueText(tr("dense (all active)"));
    m_inferencePrecision = new QComboBox(this);
    m_inferencePrecision->addItem(tr("BF16 (2 bytes per parameter)"), 2.0);
    m_inferencePrecision->addItem(tr("FP8 (1 byte)"), 1.0);
    m_inferencePrecision->addItem(tr("FP4 (½ byte)"), 0.5);
    m_inferencePrecision->setCurrentIndex(1);
    m_inferencePrecision->setToolTip(
        tr("Weights and the rate the chip computes at; a chip without the format runs the next wider one. "
           "The KV cache is FP8 beside FP8 or FP4 weights, else BF16."));
    m_inferenceInput = whole(this, 1, 10'000'000, 1024, tr(" prompt tokens"), tr("Input tokens per request (ISL)"));
    m_inferenceOutput = whole(this, 1, 10'000'000, 1024, tr(" answer tokens"), tr("Output tokens per request (OSL)"));
    m_inferenceSpeed = number(this, 0.1, 10'000, 20, 1, tr(" tokens/s per user"), tr("Speed each user must see"));
    m_inferenceTtft = number(this, 0, 600, 0, 2, tr(" s to first token"), tr("Longest prefill wait; 0: no limit"));
    m_inferenceTtft->setSpecialValueText(tr("no limit"));
    m_inferenceServing = new QComboBox(this);
    m_inferenceServing->addItem(tr("colocated (prompts in the decode rounds)"), false);
    m_inferenceServing->addItem(tr("disaggregated (prompts on a prefill pool)"), true);
    m_inferenceServing->setToolTip(
        tr("Disaggregated: prompts are prefilled on accelerators of their own, counted in the tokens/s per "
           "accelerator. Colocated: in the decode rounds, where expert-parallel rounds wait for the rank that "
           "starts the most prompts."));
    m_inferenceTarget = number(this, 0, 1e12, 100'000, 0, tr(" tokens/s"), tr("Total throughput to serve; 0: none"));
    m_inferenceTarget->setSpecialValueText(tr("no target"));
    form->addRow(tr("Accelerator:"), m_inferenceSku);
    form->addRow(tr("Compare with:"), m_inferenceCompare);
    form->addRow(tr("Model:"), m_inferenceModel);
    form->addRow(tr("Custom size:"), m_inferenceParams);
    form->addRow(tr("Custom active:"), m_inferenceActive);
    form->addRow(tr("Precision:"), m_inferencePrecision);
    form->addRow(tr("Prompt:"), m_inferenceInput);
    form->addRow(tr("Answer:"), m_inferenceOutput);
    form->addRow(tr("Per-user speed:"), m_inferenceSpeed);
    form->addRow(tr("First token:"), m_inferenceTtft);
    form->addRow(tr("Serving:"), m_inferenceServing);
    form->addRow(tr("Target:"), m_inferenceTarget);
    m_inferenceChart = chartView(this);
    return tabWith(this, form,
                   resultsBox(this,
                              {{QStringLiteral("serving_layout"), tr("Best layout (hover: step terms)")},
                               {QStringLiteral("batch"), tr("Users per replica (batch)")},
                               {QStringLiteral("tokens_per_s_per_accelerator"), tr("Tokens/s per accelerator")},
                               {QStringLiteral("achieved_tokens_per_s_per_user"), tr("Tokens/s per user reached")},
                               {QStringLiteral("fastest_tokens_per_s_per_user"), tr("Fastest per user (batch 1)")},
                               {QStringLiteral("ttft_s"), tr("Time to first token (s)")},
                               {QStringLiteral("bound"), tr("Binding limit")},
                               {QStringLiteral("accelerators_needed"), tr("Accelerators for the target")}},
                              m_results),
                   m_inferenceChart);
}

QWidget* WhatIfPage::buildPowerTab()
{
    auto* form = new QFormLayout;
    m_powerSystem = new QComboBox(this);
    m_powerCount = whole(this, 1, 1'000'000, 1000, tr(" systems"), tr("Systems deployed"));
    m_powerPue =
        number(this, 1.0, 3.0, m_assumptions->value("pue").value, 2, QString(), sourceTip(m_assumptions->value("pue")));
    m_powerUtilization = number(this, 0.01, 1.0, m_assumptions->value("utilization").value, 2, QString(),
                                sourceTip(m_assumptions->value("utilization")));
    m_powerShare = number(this, 0.0, 1.0, m_assumptions->value("network_storage_share").value, 3, QString(),
                          tr("Network and storage as a share of server power, added to it: %1")
                              .arg(sourceTip(m_assumptions->value("network_storage_share"))));
    m_powerAvailable = number(this, 0, 10'000, 20, 1, tr(" MW"), tr("Facility power available, for oversubscription"));
    form->addRow(tr("System:"), m_powerSystem);
    form->addRow(tr("Count:"), m_powerCount);
    form->addRow(tr("PUE:"), m_powerPue);
    form->addRow(tr("Utilisation:"), m_powerUtilization);
    form->addRow(tr("Network + storage share:"), m_powerShare);
    form->addRow(tr("Power available:"), m_powerAvailable);
    m_powerChart = chartView(this);
    return tabWith(this, form,
                   resultsBox(this,
                              {{QStringLiteral("server_w_per_accelerator"), tr("Server power per accelerator (W)")},
                               {QStringLiteral("it_w_per_accelerator"), tr("IT power per accelerator, all in (W)")},
                               {QStringLiteral("it_mw"), tr("IT power (MW)")},
                               {QStringLiteral("facility_mw"), tr("Facility power (MW)")},
                               {QStringLiteral("energy_mwh_per_year"), tr("Energy per year (MWh)")},
                               {QStringLiteral("systems_at_nameplate"), tr("Systems the power hosts at nameplate")},
                               {QStringLiteral("systems_with_capping"), tr("… with power capping (hover: risk)")}},
                              m_results),
                   m_powerChart);
}

QWidget* WhatIfPage::buildTcoTab()
{
    auto* form = new QFormLayout;
    m_tcoSystem = new QComboBox(this);
    m_tcoCount = whole(this, 1, 1'000'000, 1000, tr(" systems"), tr("Systems bought"));
    m_tcoYears = whole(this, 1, 15, static_cast<int>(m_assumptions->value("life_years").value), tr(" years"),
                       sourceTip(m_assumptions->value("life_years")));
    m_tcoKwh = number(this, 0, 1, m_assumptions->value("electricity_usd_per_kwh").value, 3, tr(" USD/kWh"),
                      sourceTip(m_assumptions->value("electricity_usd_per_kwh")));
    m_tcoMaintenance = number(this, 0, 0.5, m_assumptions->value("maintenance_share_per_year").value, 3,
                              tr(" of capex/year"), sourceTip(m_assumptions->value("maintenance_share_per_year")));
    m_tcoDiscount = number(this, 0, 0.5, m_assumptions->value("discount_rate").value, 3, tr(" per year"),
                           sourceTip(m_assumptions->value("discount_rate")));
    form->addRow(tr("System:"), m_tcoSystem);
    form->addRow(tr("Count:"), m_tcoCount);
    form->addRow(tr("Life:"), m_tcoYears);
    form->addRow(tr("Electricity:"), m_tcoKwh);
    form->addRow(tr("Maintenance:"), m_tcoMaintenance);
    form->addRow(tr("Discount rate:"), m_tcoDiscount);
    form->addRow(new QLabel(tr("PUE, utilisation and network share come from the Power tab."), this));
    m_tcoChart = chartView(this);
    return tabWith(this, form,
                   resultsBox(this,
                              {{QStringLiteral("capex_usd"), tr("Capex (USD)")},
                               {QStringLiteral("opex_usd_per_year"), tr("Opex per year (USD)")},
                               {QStringLiteral("npv_usd"), tr("NPV of cost (USD)")},
                               {QStringLiteral("usd_per_accelerator_hour"), tr("USD per accelerator-hour")},
                               {QStringLiteral("usd_per_pflop_day"), tr("USD per PFLOP-day (BF16 peak)")},
                               {QStringLiteral("residual"), tr("Residual value (USD; hover: basis)")}},
                              m_results),
                   m_tcoChart);
}

void WhatIfPage::fillSkuCombos()
{
    const auto& catalog = m_document->fleet().catalog;
    const auto refill = [](QComboBox* box, const QStringList& items, const QString& preferred) {
        const QString current = box->currentText();
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItems(items);
        const int keep = box->findText(current.isEmpty() ? preferred : current);
        box->setCurrentIndex(std::max(0, keep));
    };
    QStringList trainers;
    QStringList accelerators;
    for (const auto& a : catalog.accelerators) {
        accelerators << QString::fromStdString(a.sku);
        if (a.trainingCapable != catalog::TrainingCapability::No) {
            trainers << QString::fromStdString(a.sku);
        }
    }
    QStringList systems;
    for (const auto& s : catalog.systems) {
        systems << QString::fromStdString(s.sku);
    }
    refill(m_trainingSku, trainers, QStringLiteral("H100 SXM"));
    refill(m_trainingCompare1, trainers, QStringLiteral("B200"));
    refill(m_trainingCompare2, trainers, QStringLiteral("MI300X"));
    refill(m_inferenceSku, accelerators, QStringLiteral("B200"));
    refill(m_inferenceCompare, accelerators, QStringLiteral("GB200"));
    refill(m_powerSystem, systems, QStringLiteral("DGX H100"));
    refill(m_tcoSystem, systems, QStringLiteral("DGX H100"));
}

QString WhatIfPage::result(const QString& key) const
{
    const auto it = m_results.find(key);
    return it == m_results.end() ? QString() : it->second->text();
}

QString WhatIfPage::resultToolTip(const QString& key) const
{
    const auto it = m_results.find(key);
    return it == m_results.end() ? QString() : it->second->toolTip();
}

void WhatIfPage::setResult(const QString& key, const QString& text, const QString& toolTip)
{
    m_results.at(key)->setText(text);
    m_results.at(key)->setToolTip(toolTip);
}

void WhatIfPage::recompute()
{
    QStringList problems;
    for (auto step : {&WhatIfPage::recomputeTraining, &WhatIfPage::recomputeInference, &WhatIfPage::recomputePower,
                      &WhatIfPage::recomputeTco}) {
        try {
            (this->*step)();
        } catch (const Error& e) {
            problems << QString::fromUtf8(e.what());
        }
    }
    m_problem->showProblem(problems.join(QStringLiteral("; ")));
}

void WhatIfPage::recomputeTraining()
{
    const auto& catalog = m_document->fleet().catalog;
    const auto setupFor = [&](const QString& sku, int count) {
        workload::TrainingSetup setup;
        setup.accelerator = catalog.findAccelerator(sku.toStdString());
        if (setup.accelerator == nullptr) {
            throw ValidationError("no accelerator '" + sku.toStdString() + "'");
        }
        setup.accelerators = count;
        setup.precision = workload::parsePrecision(m_trainingPrecision->currentText().toStdString());
        if (m_trainingMfu->value() > 0) {
            setup.mfu = m_trainingMfu->value() / 100.0;
        }
        if (m_trainingGoodput->value() > 0) {
            setup.goodput = m_trainingGoodput->value() / 100.0;
        }
        setup.pue = m_powerPue->value();
        if (const auto* system = facility::firstSystemOf(catalog, *setup.accelerator)) {
            setup.itWattsPerAccelerator =
                facility::powerPerAccelerator(*system, *setup.accelerator, m_powerShare->value(), *m_assumptions)
                    .itWatts;
        }
        return setup;
    };
    workload::TrainingJob job;
    job.totalParameters = m_trainingParams->value() * 1e9;
    if (m_trainingActive->value() > 0) {
        job.activeParameters = m_trainingActive->value() * 1e9;
    }
    job.tokens = m_trainingTokens->value() * 1e12;
    const auto setup = setupFor(m_trainingSku->currentText(), m_trainingAccelerators->value());
    const auto e = workload::estimateTraining(job, setup, *m_assumptions);
    setResult(QStringLiteral("flops"), powerOfTen(e.flops));
    setResult(QStringLiteral("mfu"), percent(e.mfu), QString::fromStdString(e.mfuSource));
    setResult(QStringLiteral("goodput"), percent(e.goodput));
    setResult(QStringLiteral("wall_days"), formatted(e.wallDays, 1));
    setResult(QStringLiteral("accelerator_hours"), formatted(e.acceleratorHours));
    setResult(QStringLiteral("training_w_per_accelerator"), formatted(setup.itWattsPerAccelerator));
    setResult(QStringLiteral("energy_mwh"), formatted(e.energyMwh));

    auto* chart = new QChart;
    chart->setTitle(tr("Training days against cluster size"));
    auto* x = new QLogValueAxis;
    x->setBase(2);
    x->setLabelFormat("%.0f");
    x->setTitleText(tr("Accelerators (log scale)"));
    auto* y = new QLogValueAxis;
    y->setLabelFormat("%g");
    y->setTitleText(tr("Days (log scale)"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    constexpr int fewest = 256;
    constexpr int most = 65536;
    double lowest = std::numeric_limits<double>::max();
    double highest = 0.0;
    std::vector<std::pair<QString, QList<QPointF>>> curves;
    for (QComboBox* box : {m_trainingSku, m_trainingCompare1, m_trainingCompare2}) {
        QList<QPointF> points;
        for (int count = fewest; count <= most; count *= 2) {
            try {
                const double days =
                    workload::estimateTraining(job, setupFor(box->currentText(), count), *m_assumptions).wallDays;
                points.append(QPointF(count, days));
                lowest = std::min(lowest, days);
                highest = std::max(highest, days);
            } catch (const Error&) {
                break; // no dense rate at this precision: the SKU has no line
            }
        }
        curves.emplace_back(box->currentText(), points);
    }
    // Each curve in its own colour, line style and marker size, so that a curve on top of another
    // still shows both; one identical to an earlier one says so in the legend.
    const std::array<Qt::PenStyle, 3> styles{Qt::SolidLine, Qt::DashLine, Qt::DotLine};
    for (std::size_t k = 0; k < curves.size(); ++k) {
        auto* series = new QLineSeries;
        QString name = curves[k].first;
        for (std::size_t earlier = 0; earlier < k; ++earlier) {
            if (!curves[k].second.isEmpty() && curves[k].second == curves[earlier].second) {
                name = tr("%1 (same as %2)").arg(curves[k].first, curves[earlier].first);
                break;
            }
        }
        series->setName(name);
        series->append(curves[k].second);
        QPen pen(seriesColour(static_cast<int>(k)));
        pen.setStyle(styles[k % styles.size()]);
        pen.setWidthF(3.0 - static_cast<double>(k) * 0.5);
        series->setPen(pen);
        series->setPointsVisible(true);
        series->setMarkerSize(9.0 - 2.0 * static_cast<double>(k));
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    // Half a doubling of room beyond the clusters, and whole decades of days: no curve touches a border.
    x->setRange(fewest / 1.5, most * 1.5);
    if (highest > 0.0) {
        y->setRange(std::pow(10.0, std::floor(std::log10(lowest))),
                    std::pow(10.0, std::ceil(std::log10(highest * 1.01))));
    }
    replaceChart(m_trainingChart, chart);
}

workload::ServedModel WhatIfPage::inferenceModel() const
{
    const double bytes = m_inferencePrecision->currentData().toDouble();
    const double kvPerValue = bytes < 2.0 ? 1.0 : 2.0;
    const QString name = m_inferenceModel->currentData().toString();
    if (!name.isEmpty()) {
        return workload::findServedModel(workload::shippedServedModels(), name.toStdString()).at(bytes, kvPerValue);
    }
    workload::ServedModel model;
    model.parameters = m_inferenceParams->value() * 1e9;
    if (m_inferenceActive->value() > 0) {
        model.activeParameters = m_inferenceActive->value() * 1e9;
    }
    model.bytesPerParameter = bytes;
    model = workload::withDerivedShape(model);
    model.kvBytesPerToken = 2.0 * 8 * 128 * model.layers * kvPerValue; // 8 KV heads of 128, as Llama
    return model;
}

void WhatIfPage::recomputeInference()
{
    const auto& catalog = m_document->fleet().catalog;
    const bool custom = m_inferenceModel->currentData().toString().isEmpty();
    m_inferenceParams->setEnabled(custom);
    m_inferenceActive->setEnabled(custom);
    const workload::ServedModel model = inferenceModel();
    workload::ServingTraffic traffic;
    traffic.inputTokens = m_inferenceInput->value();
    traffic.outputTokens = m_inferenceOutput->value();
    traffic.tokensPerSecondPerUser = m_inferenceSpeed->value();
    if (m_inferenceTtft->value() > 0) {
        traffic.timeToFirstTokenS = m_inferenceTtft->value();
    }
    traffic.disaggregated = m_inferenceServing->currentData().toBool();
    const auto constants = workload::servingConstants(*m_assumptions);

    // The throughput–interactivity curve of both accelerators, with the required speed marked.
    auto* chart = new QChart;
    chart->setTitle(tr("Tokens/s per accelerator against tokens/s per user"));
    auto* x = new QLogValueAxis;
    x->setLabelFormat("%g");
    x->setMinorTickCount(-1); // a grid line at 2, 3 … 9 of each decade
    x->setTitleText(tr("Tokens/s per user (log scale)"));
    auto* y = new QValueAxis;
    y->setLabelFormat("%.0f");
    y->setTitleText(tr("Tokens/s per accelerator"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double top = 1.0;
    double slowest =
        traffic.tokensPerSecondPerUser > 0.0 ? traffic.tokensPerSecondPerUser : std::numeric_limits<double>::max();
    double fastest = traffic.tokensPerSecondPerUser;
    for (QComboBox* box : {m_inferenceSku, m_inferenceCompare}) {
        const auto* a = catalog.findAccelerator(box->currentText().toStdString());
        if (a == nullptr) {
            continue;
        }
        auto* series = new QLineSeries;
        series->setName(box->currentText());
        series->setPointsVisible(true);
        try {
            const auto chip = workload::servingChip(*a, model);
            for (const auto& p : workload::servingCurve(model, traffic, chip, constants, 20)) {
                series->append(p.tokensPerSecondPerUser, p.tokensPerSecondPerAccelerator);
                top = std::max(top, p.tokensPerSecondPerAccelerator);
                slowest = std::min(slowest, p.tokensPerSecondPerUser);
                fastest = std::max(fastest, p.tokensPerSecondPerUser);
            }
        } catch (const Error&) {
            series->setName(box->currentText() + tr(" (cannot serve it)"));
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    auto* required = new QLineSeries;
    required->setName(tr("required speed"));
    required->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    required->append(traffic.tokensPerSecondPerUser, 0.0);
    required->append(traffic.tokensPerSecondPerUser, top * 1.05);
    chart->addSeries(required);
    required->attachAxis(x);
    required->attachAxis(y);
    y->setRange(0.0, top * 1.05);
    y->applyNiceNumbers(); // ticks at round numbers of tokens/s
    // Both curves and the required speed with a fifth of room, widened to a power of ten where they
    // span none, so that every point shows and the axis has a label.
    if (fastest > 0.0) {
        x->setRange(std::min(slowest / 1.2, std::pow(10.0, std::floor(std::log10(fastest)))),
                    std::max(fastest * 1.2, std::pow(10.0, std::ceil(std::log10(slowest)))));
    }
    replaceChart(m_inferenceChart, chart);

    const auto* accelerator = catalog.findAccelerator(m_inferenceSku->currentText().toStdString());
    if (accelerator == nullptr) {
        return;
    }
    const auto chip = workload::servingChip(*accelerator, model);
    setResult(QStringLiteral("fastest_tokens_per_s_per_user"),
              formatted(workload::fastestTokensPerSecondPerUser(model, traffic, chip, constants), 1));
    const auto point = workload::servingPoint(model, traffic, chip, constants);
    if (!point) {
        for (const char* key : {"serving_layout", "batch", "tokens_per_s_per_accelerator",
                                "achieved_tokens_per_s_per_user", "ttft_s", "bound", "accelerators_needed"}) {
            setResult(QString::fromLatin1(key), tr("–"));
        }
        throw ValidationError(accelerator->sku + " cannot serve this model at the speed per user asked");
    }
    const auto& r = point->round;
    QString terms = tr("Per decode round: compute %1 ms, memory %2 ms, communication %3 ms, fixed %4 ms")
                        .arg(formatted(r.computeS * 1e3, 2), formatted(r.memoryS * 1e3, 2),
                             formatted(r.communicationS * 1e3, 2), formatted(r.overheadS * 1e3, 2));
    if (workload::asRunBy(model, chip).active() > model.active()) {
        terms += tr(". Every token runs through every expert: the chip's network is scheduled ahead of time");
    }
    setResult(QStringLiteral("serving_layout"),
              QString::fromStdString(point->layout.text()) + tr(" (%1 accelerators)").arg(point->layout.accelerators()),
              terms);
    setResult(QStringLiteral("batch"), formatted(point->batch));
    setResult(QStringLiteral("tokens_per_s_per_accelerator"), formatted(point->tokensPerSecondPerAccelerator, 1));
    setResult(QStringLiteral("achieved_tokens_per_s_per_user"), formatted(point->tokensPerSecondPerUser, 1));
    setResult(QStringLiteral("ttft_s"), formatted(point->timeToFirstTokenS, 2));
    setResult(QStringLiteral("bound"), r.bound() == workload::Bound::Compute ? tr("compute") : tr("memory bandwidth"));
    const double perReplica = point->tokensPerSecondPerAccelerator * point->layout.accelerators();
    setResult(QStringLiteral("accelerators_needed"),
              m_inferenceTarget->value() > 0
                  ? formatted(std::ceil(m_inferenceTarget->value() / perReplica) * point->layout.accelerators())
                  : tr("–"));
}

void WhatIfPage::recomputePower()
{
    const auto& catalog = m_document->fleet().catalog;
    const auto* system = catalog.findSystem(m_powerSystem->currentText().toStdString());
    if (system == nullptr) {
        return;
    }
    const auto& accelerator = *catalog.findAccelerator(system->acceleratorSku);
    const auto e = facility::estimatePower(*system, accelerator, m_powerCount->value(), m_powerPue->value(),
                                           m_powerUtilization->value(), m_powerShare->value(), *m_assumptions);
    setResult(QStringLiteral("server_w_per_accelerator"), formatted(e.perAccelerator.serverWatts),
              QString::fromStdString(e.perAccelerator.serverBasis));
    setResult(QStringLiteral("it_w_per_accelerator"), formatted(e.perAccelerator.itWatts));
    setResult(QStringLiteral("it_mw"), formatted(e.itMegawatts, 2));
    setResult(QStringLiteral("facility_mw"), formatted(e.facilityMegawatts, 2));
    setResult(QStringLiteral("energy_mwh_per_year"), formatted(e.energyMwhPerYear));
    const auto o =
        facility::oversubscribe(m_powerAvailable->value(), e.perAccelerator.itWatts * system->acceleratorsPerSystem,
                                m_powerPue->value(), m_assumptions->value("power_oversubscription_gain").value);
    setResult(QStringLiteral("systems_at_nameplate"), formatted(o.nameplateSystems));
    setResult(QStringLiteral("systems_with_capping"), formatted(o.cappedSystems), QString::fromStdString(o.risk));

    auto* set = new QBarSet(tr("W per accelerator"));
    *set << e.perAccelerator.serverWatts << e.perAccelerator.itWatts << e.perAccelerator.itWatts * e.pue;
    auto* series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value W"));
    series->setLabelsPrecision(5);
    auto* chart = new QChart;
    chart->setTitle(tr("Power per accelerator of %1, by level").arg(QString::fromStdString(system->sku)));
    chart->addSeries(series);
    auto* axisX = new QBarCategoryAxis;
    axisX->append({tr("server"), tr("IT, with network and storage"), tr("facility (× PUE)")});
    auto* axisY = new QValueAxis;
    axisY->setTitleText(tr("W per accelerator"));
    axisY->setRange(0, e.perAccelerator.itWatts * e.pue * 1.15);
    axisY->setLabelFormat("%.0f");
    axisY->applyNiceNumbers();
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    chart->legend()->hide();
    replaceChart(m_powerChart, chart);
}

void WhatIfPage::recomputeTco()
{
    const auto& catalog = m_document->fleet().catalog;
    economics::TcoInputs in;
    in.system = catalog.findSystem(m_tcoSystem->currentText().toStdString());
    if (in.system == nullptr) {
        return;
    }
    in.accelerator = catalog.findAccelerator(in.system->acceleratorSku);
    in.count = m_tcoCount->value();
    in.years = m_tcoYears->value();
    in.pue = m_powerPue->value();
    in.utilization = m_powerUtilization->value();
    in.networkStorageShare = m_powerShare->value();
    in.usdPerKwh = m_tcoKwh->value();
    in.maintenanceSharePerYear = m_tcoMaintenance->value();
    in.discountRate = m_tcoDiscount->value();
    const auto e = economics::estimateTco(in, *m_assumptions);
    setResult(QStringLiteral("capex_usd"), formatted(e.capexUsd));
    setResult(QStringLiteral("opex_usd_per_year"), formatted(e.opexUsdPerYear));
    setResult(QStringLiteral("npv_usd"), formatted(e.npvUsd));
    setResult(QStringLiteral("usd_per_accelerator_hour"), formatted(e.usdPerAcceleratorHour, 2));
    setResult(QStringLiteral("usd_per_pflop_day"), formatted(e.usdPerPflopDay, 2));
    setResult(QStringLiteral("residual"), formatted(e.residualUsd), QString::fromStdString(e.residualBasis));

    auto* set = new QBarSet(tr("USD per year"));
    *set << e.depreciationUsdPerYear / 1e6 << e.energyUsdPerYear / 1e6 << e.maintenanceUsdPerYear / 1e6
         << e.colocationUsdPerYear / 1e6;
    auto* series = new QBarSeries;
    series->append(set);
    auto* chart = new QChart;
    chart->setTitle(tr("Cost per year of %1 × %2").arg(in.count).arg(QString::fromStdString(in.system->sku)));
    chart->addSeries(series);
    auto* axisX = new QBarCategoryAxis;
    axisX->append({tr("depreciation"), tr("energy"), tr("maintenance"), tr("colocation")});
    auto* axisY = new QValueAxis;
    axisY->setTitleText(tr("million USD per year"));
    axisY->setLabelFormat("%.1f");
    double top = 0.0;
    for (int i = 0; i < set->count(); ++i) {
        top = std::max(top, set->at(i));
    }
    axisY->setRange(0, top > 0 ? top * 1.15 : 1.0); // nice numbers need a range to round
    axisY->applyNiceNumbers();
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    chart->legend()->hide();
    replaceChart(m_tcoChart, chart);
}

} // namespace fw::ui
