// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

#include <optional>

#include "core/workload/assumptions.h"
#include "core/workload/serving.h"

class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QTabWidget;

namespace fw::ui {

class ProblemLabel;

class FleetDocument;

/// The what-if calculator: training, inference, power and cost of ownership for the fleet's catalog,
/// recomputed as any input changes, each with its chart (training days against accelerator count for
/// three SKUs; tokens/s per thousand dollars by SKU for the model; power by level; cost per year).
/// Defaults come from data/models/assumptions.json and say where they come from. GUI thread only;
/// every estimate takes microseconds.
class WhatIfPage : public QWidget {
    Q_OBJECT
public:
    explicit WhatIfPage(FleetDocument* document, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    /// The text of a result line ("wall_days", "accelerators_per_replica", …), for tests.
    QString result(const QString& key) const;
    QString resultToolTip(const QString& key) const; ///< what hovering the result line shows
    ProblemLabel* problem() const { return m_problem; }

    // Inputs, for tests and scripted screenshots.
    QComboBox* trainingSku() const { return m_trainingSku; }
    QSpinBox* trainingAccelerators() const { return m_trainingAccelerators; }
    QDoubleSpinBox* trainingParamsB() const { return m_trainingParams; }
    QDoubleSpinBox* trainingTokensT() const { return m_trainingTokens; }
    QDoubleSpinBox* powerPue() const { return m_powerPue; }
    QComboBox* trainingPrecision() const { return m_trainingPrecision; }
    QChartView* trainingChart() const { return m_trainingChart; }
    QChartView* inferenceChart() const { return m_inferenceChart; }
    QComboBox* inferenceSku() const { return m_inferenceSku; }
    QComboBox* inferenceModelChoice() const { return m_inferenceModel; }
    QComboBox* inferenceServing() const { return m_inferenceServing; }
    QDoubleSpinBox* inferenceSpeed() const { return m_inferenceSpeed; }

private:
    QWidget* buildTrainingTab();
    QWidget* buildInferenceTab();
    QWidget* buildPowerTab();
    QWidget* buildTcoTab();
    void fillSkuCombos();
    void recompute();
    void recomputeTraining();
    void recomputeInference();
    core::workload::ServedModel inferenceModel() const; ///< the model the inference tab describes
    void recomputePower();
    void recomputeTco();
    void setResult(const QString& key, const QString& text, const QString& toolTip = {});

    FleetDocument* m_document;
    std::optional<core::workload::ModelAssumptions> m_assumptions;
    QTabWidget* m_tabs;
    ProblemLabel* m_problem;
    std::map<QString, QLabel*> m_results;

    QComboBox* m_trainingSku = nullptr;
    QComboBox* m_trainingCompare1 = nullptr;
    QComboBox* m_trainingCompare2 = nullptr;
    QSpinBox* m_trainingAccelerators = nullptr;
    QDoubleSpinBox* m_trainingParams = nullptr;
    QDoubleSpinBox* m_trainingActive = nullptr;
    QDoubleSpinBox* m_trainingTokens = nullptr;
    QComboBox* m_trainingPrecision = nullptr;
    QDoubleSpinBox* m_trainingMfu = nullptr;
    QDoubleSpinBox* m_trainingGoodput = nullptr;
    QChartView* m_trainingChart = nullptr;

    QComboBox* m_inferenceSku = nullptr;
    QComboBox* m_inferenceCompare = nullptr;
    QComboBox* m_inferenceModel = nullptr; ///< a served-model library entry, or "Custom"
    QDoubleSpinBox* m_inferenceParams = nullptr;
    QDoubleSpinBox* m_inferenceActive = nullptr;
    QComboBox* m_inferencePrecision = nullptr;
    QSpinBox* m_inferenceInput = nullptr;
    QSpinBox* m_inferenceOutput = nullptr;
    QDoubleSpinBox* m_inferenceSpeed = nullptr;
    QDoubleSpinBox* m_inferenceTtft = nullptr;
    QComboBox* m_inferenceServing = nullptr; ///< colocated or disaggregated prefill
    QDoubleSpinBox* m_inferenceTarget = nullptr;
    QChartView* m_inferenceChart = nullptr;

    QComboBox* m_powerSystem = nullptr;
    QSpinBox* m_powerCount = nullptr;
    QDoubleSpinBox* m_powerPue = nullptr;
    QDoubleSpinBox* m_powerUtilization = nullptr;
    QDoubleSpinBox* m_powerShare = nullptr;
    QDoubleSpinBox* m_powerAvailable = nullptr;
    QChartView* m_powerChart = nullptr;

    QComboBox* m_tcoSystem = nullptr;
    QSpinBox* m_tcoCount = nullptr;
    QSpinBox* m_tcoYears = nullptr;
    QDoubleSpinBox* m_tcoKwh = nullptr;
    QDoubleSpinBox* m_tcoMaintenance = nullptr;
    QDoubleSpinBox* m_tcoDiscount = nullptr;
    QChartView* m_tcoChart = nullptr;
};

} // namespace fw::ui
