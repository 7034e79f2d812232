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
#include <cmath>

#include "core/economics/tco.h"
#include "core/error.h"
#include "core/facility/powermodel.h"
#include "core/workload/inference.h"
#include "core/workload/training.h"
#include "ui/charts/chartbuilder.h"
#include "ui/document/fleetdocument.h"
#include "ui/widgets/pageheading.h"

namespace fw::ui {
namespace {

using namespace fw::core;

QDoubleSpinBox* number(QWidget* parent, double minimum, double maximum, double value, int decimals,
                       const QString& suffix, const QString& toolTip)
{
    auto* box = new QDoubleSpinBox(parent);
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
    : QWidget(parent), m_document(document), m_tabs(new QTabWidget(this)), m_problem(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("<b>What-if calculator</b> — training, inference, power and cost of ownership "
                                     "for the fleet's catalog. Hover an input for the source of its default."),
                                  this));
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    try {
        m_assumptions = workload::shippedModelAssumptions();
    } catch (const Error& e) {
        m_problem->setText(tr("The model assumptions could not be loaded: %1").arg(QString::fromUtf8(e.what())));
        m_problem->show();
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
    m_trainingMfu = number(this, 0, 1, 0, 3, QString(), tr("Model-FLOPs utilisation; 0 uses the published figure"));
    m_trainingMfu->setSpecialValueText(tr("published default"));
    m_trainingMfu->setSingleStep(0.01);
    m_trainingGoodput = number(this, 0, 1, 0, 3, QString(), sourceTip(m_assumptions->value("goodput")));
    m_trainingGoodput->setSpecialValueText(tr("default (%1)").arg(m_assumptions->value("goodput").value));
    m_trainingGoodput->setSingleStep(0.01);
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
    m_inferenceParams = number(this, 0.001, 100'000, 70, 3, tr(" B parameters"), tr("Total parameters, billions"));
    m_inferenceActive = number(this, 0, 100'000, 0, 3, tr(" B active"), tr("Active parameters per token; 0: dense"));
    m_inferenceActive->setSpecialValueText(tr("dense (all active)"));
    m_inferenceBytes = number(this, 0.25, 8, 2, 2, tr(" bytes/parameter"), tr("2 for FP16/BF16 weights, 1 for FP8"));
    m_inferenceKv = number(this, 0, 1e8, 327'680, 0, tr(" bytes/token"),
                           tr("KV cache per token of context, all layers (Llama 2 70B with GQA: 327,680)"));
    m_inferenceContext = whole(this, 0, 10'000'000, 4096, tr(" tokens"), tr("Context held per user"));
    m_inferenceSpeed = number(this, 0.1, 10'000, 20, 1, tr(" tokens/s per user"), tr("Speed each user must see"));
    m_inferenceTarget = number(this, 0, 1e12, 100'000, 0, tr(" tokens/s"), tr("Total throughput to serve; 0: none"));
    m_inferenceTarget->setSpecialValueText(tr("no target"));
    form->addRow(tr("Accelerator:"), m_inferenceSku);
    form->addRow(tr("Model:"), m_inferenceParams);
    form->addRow(tr("Active:"), m_inferenceActive);
    form->addRow(tr("Weights:"), m_inferenceBytes);
    form->addRow(tr("KV cache:"), m_inferenceKv);
    form->addRow(tr("Context:"), m_inferenceContext);
    form->addRow(tr("Per-user speed:"), m_inferenceSpeed);
    form->addRow(tr("Target:"), m_inferenceTarget);
    m_inferenceChart = chartView(this);
    return tabWith(this, form,
                   resultsBox(this,
                              {{QStringLiteral("accelerators_per_replica"), tr("Fewest accelerators that hold it")},
                               {QStringLiteral("serving_accelerators_per_replica"), tr("Serving replica size")},
                               {QStringLiteral("batch"), tr("Users per replica (batch)")},
                               {QStringLiteral("tokens_per_s_per_accelerator"), tr("Tokens/s per accelerator")},
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
    m_powerShare = number(this, 0.0, 0.5, m_assumptions->value("network_storage_share").value, 2, QString(),
                          sourceTip(m_assumptions->value("network_storage_share")));
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
    refill(m_inferenceSku, accelerators, QStringLiteral("H100 SXM"));
    refill(m_powerSystem, systems, QStringLiteral("DGX H100"));
    refill(m_tcoSystem, systems, QStringLiteral("DGX H100"));
}

QString WhatIfPage::result(const QString& key) const
{
    const auto it = m_results.find(key);
    return it == m_results.end() ? QString() : it->second->text();
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
    m_problem->setText(problems.join(QStringLiteral("\n")));
    m_problem->setVisible(!problems.isEmpty());
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
            setup.mfu = m_trainingMfu->value();
        }
        if (m_trainingGoodput->value() > 0) {
            setup.goodput = m_trainingGoodput->value();
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
    setResult(QStringLiteral("flops"), QString::number(e.flops, 'e', 3));
    setResult(QStringLiteral("mfu"), formatted(e.mfu, 3), QString::fromStdString(e.mfuSource));
    setResult(QStringLiteral("goodput"), formatted(e.goodput, 3));
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
    y->setLabelFormat("%.1f");
    y->setTitleText(tr("Wall-clock days (log scale)"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QComboBox* box : {m_trainingSku, m_trainingCompare1, m_trainingCompare2}) {
        auto* series = new QLineSeries;
        series->setName(box->currentText());
        series->setPointsVisible(true);
        for (int count = 256; count <= 65536; count *= 2) {
            try {
                series->append(
                    count,
                    workload::estimateTraining(job, setupFor(box->currentText(), count), *m_assumptions).wallDays);
            } catch (const Error&) {
                break; // no dense rate at this precision: the SKU has no line
            }
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    replaceChart(m_trainingChart, chart);
}

void WhatIfPage::recomputeInference()
{
    const auto& catalog = m_document->fleet().catalog;
    workload::ServedModel model;
    model.totalParameters = m_inferenceParams->value() * 1e9;
    if (m_inferenceActive->value() > 0) {
        model.activeParameters = m_inferenceActive->value() * 1e9;
    }
    model.bytesPerParameter = m_inferenceBytes->value();
    model.kvBytesPerToken = m_inferenceKv->value();
    model.contextTokens = m_inferenceContext->value();
    workload::InferenceSetup setup;
    setup.tokensPerSecondPerUser = m_inferenceSpeed->value();
    if (m_inferenceTarget->value() > 0) {
        setup.targetTokensPerSecond = m_inferenceTarget->value();
    }

    // Tokens/s per thousand dollars of accelerator price, for every priced accelerator that can serve it.
    std::vector<std::pair<double, QString>> perDollar;
    for (const auto& a : catalog.accelerators) {
        if (!a.priceNew || a.priceNew->base() <= 0) {
            continue;
        }
        auto s = setup;
        s.accelerator = &a;
        try {
            const auto e = workload::estimateInference(model, s, *m_assumptions);
            perDollar.emplace_back(e.tokensPerSecondPerAccelerator / units::inUsd(*a.priceNew) * 1000.0,
                                   QString::fromStdString(a.sku));
        } catch (const Error&) {
        }
    }
    std::sort(perDollar.begin(), perDollar.end());
    if (perDollar.size() > 14) {
        perDollar.erase(perDollar.begin(), perDollar.end() - 14);
    }
    QStringList categories;
    QList<double> values;
    for (const auto& [value, sku] : perDollar) {
        values << value;
        categories << sku;
    }
    showChart(m_inferenceChart, buildBarChart(tr("Tokens/s per k$ of accelerator price, this model (best 14)"),
                                              tr("tokens/s per thousand USD"), categories, values));

    setup.accelerator = catalog.findAccelerator(m_inferenceSku->currentText().toStdString());
    if (setup.accelerator == nullptr) {
        return;
    }
    const auto e = workload::estimateInference(model, setup, *m_assumptions);
    setResult(QStringLiteral("accelerators_per_replica"), formatted(e.acceleratorsPerReplica));
    setResult(QStringLiteral("serving_accelerators_per_replica"), formatted(e.servingAcceleratorsPerReplica),
              tr("The replica size with the most tokens/s per accelerator, within the scale-up domain"));
    setResult(QStringLiteral("batch"), formatted(e.batch));
    setResult(QStringLiteral("tokens_per_s_per_accelerator"), formatted(e.tokensPerSecondPerAccelerator, 1));
    setResult(QStringLiteral("bound"), e.bound == workload::Bound::Compute ? tr("compute") : tr("memory bandwidth"));
    setResult(QStringLiteral("accelerators_needed"), e.acceleratorsNeeded ? formatted(*e.acceleratorsNeeded) : tr("–"));
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
