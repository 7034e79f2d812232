// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/workload/assumptions.h"
#include "core/workload/servedmodels.h"
#include "core/workload/serving.h"

namespace fw::core::workload {

/// What a published serving result measured.
enum class ServingMeasure {
    OutputPerAccelerator,  ///< output tokens/s per accelerator of the whole service
    TotalPerAccelerator,   ///< prompt and output tokens/s per accelerator of the whole service
    DecodePerAccelerator,  ///< output tokens/s per decode accelerator (disaggregated decode pool)
    PrefillPerAccelerator, ///< prompt tokens/s per prefill accelerator
    SpeedPerUser           ///< tokens/s a single user sees (batch of one)
};

/// One published serving result of data/models/serving-calibration.json.
struct CalibrationRow {
    std::string id;
    std::string model;       ///< a served model of data/models/served-models.json
    std::string accelerator; ///< a catalog accelerator SKU
    int accelerators = 1;    ///< in the measured system: the largest replica the model may use
    std::string precision;   ///< weights: bf16, fp8, fp4
    std::string kvCache;     ///< bf16 or fp8
    std::string engine;
    std::string scenario;
    ServingTraffic traffic; ///< lengths, speed per user (0: none), TTFT limit, drafts, disaggregation
    /// The parallel layout the source ran, when it says; empty: the model's best layout.
    std::optional<ServingLayout> layout;
    /// Concurrent users per replica the source ran (with `layout`); empty: the largest batch that
    /// keeps the speed per user.
    std::optional<double> batch;
    ServingMeasure measure = ServingMeasure::OutputPerAccelerator;
    double published = 0.0; ///< in the measure's unit
    std::string status;     ///< audited, preview, open, project, vendor
    std::string date;
    std::string url;
    std::string location; ///< where in the source the figure is
    std::string note;
    double tolerance = 0.35; ///< accepted error: model within published × (1 + t) and published / (1 + t)
};

struct CalibrationTable {
    std::string id;
    std::vector<CalibrationRow> rows;
};

/// Reads a calibration table; throws FileFormatError naming the file, row and field.
CalibrationTable loadCalibrationTable(const std::filesystem::path& file);
/// data/models/serving-calibration.json of the shipped data.
CalibrationTable shippedCalibrationTable();

/// The six fitted serving constants as named defaults of data/models/assumptions.json
/// (`serving_*`), with `usable_memory_share`.
ServingConstants servingConstants(const ModelAssumptions& assumptions);

/// One row's model figure next to the published one.
struct CalibrationResult {
    const CalibrationRow* row = nullptr;
    double model = 0.0; ///< 0 when the model finds no way to serve the row
    double error = 0.0; ///< (model − published) / published
    double leaveOneOutModel = 0.0;
    double leaveOneOutError = 0.0; ///< with the constants fitted without this row
};

struct Calibration {
    ServingConstants constants;
    std::vector<CalibrationResult> rows;
    double medianError = 0.0; ///< of |error|
    double worstError = 0.0;
    double leaveOneOutMedianError = 0.0;
};

/// The table's rows resolved against a catalog and a model library, ready to be predicted many
/// times. Throws ValidationError naming the row whose model or accelerator is unknown.
class CalibrationSet {
public:
    CalibrationSet(const CalibrationTable& table, const catalog::Catalog& catalog,
                   const std::vector<ServedModelEntry>& models);

    std::size_t size() const { return m_rows.size(); }
    const CalibrationRow& row(std::size_t i) const { return *m_rows[i].row; }
    /// The model's figure for row i under `constants`, in the row's unit (0: cannot be served).
    double predict(std::size_t i, const ServingConstants& constants) const;
    /// The constants that minimise the sum of squared log errors over the rows `included`, from
    /// `start` (Nelder–Mead over the six fitted constants, each kept in its physical range).
    ServingConstants fit(const ServingConstants& start, const std::vector<bool>& included) const;
    /// Every row under `constants`; with `leaveOneOut`, each row also predicted by constants fitted
    /// without it (one fit per row, started from `constants`).
    Calibration evaluate(const ServingConstants& constants, bool leaveOneOut) const;

private:
    struct Resolved {
        const CalibrationRow* row;
        ServedModel model;
        ServingChip chip;
    };
    std::vector<Resolved> m_rows;
};

} // namespace fw::core::workload
