// SPDX-License-Identifier: Apache-2.0
#include "core/workload/calibration.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"

namespace fw::core::workload {
namespace {

ServingMeasure parseMeasure(const JsonReader& j)
{
    const std::string text = j.text("measure");
    if (text == "output_tokens_per_s_per_accelerator") {
        return ServingMeasure::OutputPerAccelerator;
    }
    if (text == "total_tokens_per_s_per_accelerator") {
        return ServingMeasure::TotalPerAccelerator;
    }
    if (text == "decode_tokens_per_s_per_accelerator") {
        return ServingMeasure::DecodePerAccelerator;
    }
    if (text == "input_tokens_per_s_per_accelerator") {
        return ServingMeasure::PrefillPerAccelerator;
    }
    if (text == "tokens_per_s_per_user") {
        return ServingMeasure::SpeedPerUser;
    }
    j.failAt("measure", "'" + text +
                            "' is not one of output_tokens_per_s_per_accelerator, total_tokens_per_s_per_accelerator, "
                            "decode_tokens_per_s_per_accelerator, "
                            "input_tokens_per_s_per_accelerator, tokens_per_s_per_user");
}

double bytesOf(const JsonReader& j, const char* key)
{
    const std::string text = j.text(key);
    if (text == "bf16") {
        return 2.0;
    }
    if (text == "fp8") {
        return 1.0;
    }
    if (text == "fp4") {
        return 0.5;
    }
    j.failAt(key, "'" + text + "' is not one of bf16, fp8, fp4");
}

/// The fitted constants as an unbounded vector: logit of the shares, log of the latencies.
constexpr std::size_t fitted = 6;
using Vector = std::array<double, fitted>;

double logit(double x)
{
    return std::log(x / (1.0 - x));
}
double logistic(double y)
{
    return 1.0 / (1.0 + std::exp(-y));
}

Vector toVector(const ServingConstants& k)
{
    return {logit(k.computeEfficiency), logit(k.fp4Efficiency),         logit(k.memoryEfficiency),
            logit(k.linkEfficiency),    std::log(k.collectiveLatencyS), std::log(k.layerOverheadS)};
}

ServingConstants fromVector(const Vector& v, ServingConstants k)
{
    // Shares stay in (0.02, 0.98) and latencies in [0.1 µs, 1 ms]: the physical ranges.
    const auto share = [](double y) { return std::clamp(logistic(y), 0.02, 0.98); };
    const auto latency = [](double y) { return std::clamp(std::exp(y), 1e-7, 1e-3); };
    k.computeEfficiency = share(v[0]);
    // FP4 work is never slower than the FP8 it replaces: at least half its doubled peak.
    k.fp4Efficiency = std::clamp(logistic(v[1]), 0.5, 0.98);
    k.memoryEfficiency = share(v[2]);
    k.linkEfficiency = share(v[3]);
    k.collectiveLatencyS = latency(v[4]);
    k.layerOverheadS = latency(v[5]);
    return k;
}

/// Nelder–Mead simplex minimisation (Nelder and Mead 1965; coefficients 1, 2, ½, ½).
Vector nelderMead(const std::function<double(const Vector&)>& f, const Vector& start, double step, int evaluations)
{
    std::array<Vector, fitted + 1> simplex;
    std::array<double, fitted + 1> value{};
    simplex[0] = start;
    for (std::size_t i = 1; i <= fitted; ++i) {
        simplex[i] = start;
        simplex[i][i - 1] += step;
    }
    for (std::size_t i = 0; i <= fitted; ++i) {
        value[i] = f(simplex[i]);
    }
    int used = static_cast<int>(fitted) + 1;
    const auto along = [](const Vector& from, const Vector& to, double t) {
        Vector r{};
        for (std::size_t d = 0; d < fitted; ++d) {
            r[d] = from[d] + t * (to[d] - from[d]);
        }
        return r;
    };
    while (used < evaluations) {
        std::array<std::size_t, fitted + 1> order{};
        for (std::size_t i = 0; i <= fitted; ++i) {
            order[i] = i;
        }
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return value[a] < value[b]; });
        const std::size_t best = order[0];
        const std::size_t worst = order[fitted];
        const std::size_t second = order[fitted - 1];
        if (value[worst] - value[best] < 1e-10) {
            break;
        }
        Vector centroid{};
        for (std::size_t i = 0; i <= fitted; ++i) {
            if (i != worst) {
                for (std::size_t d = 0; d < fitted; ++d) {
                    centroid[d] += simplex[i][d] / fitted;
                }
            }
        }
        const Vector reflected = along(centroid, simplex[worst], -1.0);
        const double fr = f(reflected);
        ++used;
        if (fr < value[best]) {
            const Vector expanded = along(centroid, simplex[worst], -2.0);
            const double fe = f(expanded);
            ++used;
            simplex[worst] = fe < fr ? expanded : reflected;
            value[worst] = std::min(fe, fr);
        } else if (fr < value[second]) {
            simplex[worst] = reflected;
            value[worst] = fr;
        } else {
            const Vector contracted = along(centroid, fr < value[worst] ? reflected : simplex[worst], 0.5);
            const double fc = f(contracted);
            ++used;
            if (fc < std::min(fr, value[worst])) {
                simplex[worst] = contracted;
                value[worst] = fc;
            } else {
                for (std::size_t i = 0; i <= fitted; ++i) {
                    if (i != best) {
                        simplex[i] = along(simplex[best], simplex[i], 0.5);
                        value[i] = f(simplex[i]);
                        ++used;
                    }
                }
            }
        }
    }
    return simplex[static_cast<std::size_t>(std::min_element(value.begin(), value.end()) - value.begin())];
}

double median(std::vector<double> values)
{
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

CalibrationTable loadCalibrationTable(const std::filesystem::path& file)
{
    const auto document = JsonReader::parse(readTextFile(file), file.string());
    const JsonReader r(document, file.string());
    r.expectObject({"id", "notes", "rows"});
    CalibrationTable table;
    table.id = r.text("id");
    for (const auto& j : r.array("rows")) {
        j.expectObject({"id",
                        "model",
                        "accelerator",
                        "accelerators",
                        "precision",
                        "kv_cache",
                        "engine",
                        "scenario",
                        "input_tokens",
                        "output_tokens",
                        "decode_context",
                        "tokens_per_s_per_user",
                        "layout",
                        "batch",
                        "ttft_s",
                        "disaggregated",
                        "draft_tokens",
                        "draft_acceptance",
                        "prefix_cache_hit",
                        "measure",
                        "published",
                        "status",
                        "date",
                        "url",
                        "location",
                        "note",
                        "tolerance"});
        CalibrationRow row;
        row.id = j.text("id");
        row.model = j.text("model");
        row.accelerator = j.text("accelerator");
        row.accelerators = j.whole("accelerators", limits::modelShape);
        row.precision = j.text("precision");
        row.kvCache = j.text("kv_cache");
        bytesOf(j, "precision");
        bytesOf(j, "kv_cache");
        row.engine = j.text("engine");
        row.scenario = j.text("scenario");
        row.traffic.inputTokens = j.number("input_tokens", limits::contextTokens);
        row.traffic.outputTokens = j.number("output_tokens", limits::contextTokens);
        row.traffic.measuredContext = j.optionalNumber("decode_context", limits::contextTokens);
        row.traffic.tokensPerSecondPerUser =
            j.optionalNumber("tokens_per_s_per_user", limits::tokensPerSecond).value_or(0.0);
        if (const auto layout = j.optionalText("layout")) {
            row.layout = parseServingLayout(*layout);
            if (!row.layout || row.layout->accelerators() > row.accelerators) {
                j.failAt("layout", "'" + *layout + "' is not TPn, TPn×PPm or EPn within the row's " +
                                       std::to_string(row.accelerators) + " accelerators");
            }
        }
        row.batch = j.optionalNumber("batch", limits::servingBatch);
        if (row.batch && (!row.layout || !(*row.batch >= 1.0))) {
            j.failAt("batch", "a batch of at least one user needs the row's layout");
        }
        row.traffic.timeToFirstTokenS = j.optionalNumber("ttft_s", limits::eventSeconds);
        row.traffic.disaggregated = j.optionalBoolean("disaggregated").value_or(false);
        row.traffic.draftTokens = j.optionalWhole("draft_tokens", limits::modelShape).value_or(0);
        row.traffic.draftAcceptance = j.optionalNumber("draft_acceptance", limits::rateOrShare).value_or(0.0);
        row.traffic.prefixCacheHit = j.optionalNumber("prefix_cache_hit", limits::rateOrShare).value_or(0.0);
        row.traffic.maxAcceleratorsPerReplica = row.accelerators;
        row.measure = parseMeasure(j);
        if (row.layout &&
            (row.measure == ServingMeasure::SpeedPerUser || row.measure == ServingMeasure::PrefillPerAccelerator)) {
            j.failAt("layout", "a row measuring one user's speed or prefill is served as fast as the model finds");
        }
        row.published = j.number("published", limits::tokensPerSecond);
        row.status = j.text("status");
        row.date = j.text("date");
        row.url = j.text("url");
        row.location = j.text("location");
        row.note = j.optionalText("note").value_or("");
        row.tolerance = j.number("tolerance");
        if (!(row.published > 0.0) || row.accelerators < 1 || !(row.tolerance > 0.0 && row.tolerance <= 10.0) ||
            !(row.traffic.inputTokens >= 0.0) || !(row.traffic.outputTokens >= 1.0)) {
            j.fail("published > 0, accelerators ≥ 1, output tokens ≥ 1 and a tolerance in (0, 10] are required");
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

CalibrationTable shippedCalibrationTable()
{
    return loadCalibrationTable(dataDirectory() / "models" / "serving-calibration.json");
}

ServingConstants servingConstants(const ModelAssumptions& a)
{
    ServingConstants k;
    k.computeEfficiency = a.value("serving_compute_efficiency").value;
    k.fp4Efficiency = a.value("serving_fp4_efficiency").value;
    k.memoryEfficiency = a.value("serving_memory_efficiency").value;
    k.linkEfficiency = a.value("serving_link_efficiency").value;
    k.collectiveLatencyS = a.value("serving_collective_latency_us").value * 1e-6;
    k.layerOverheadS = a.value("serving_layer_overhead_us").value * 1e-6;
    k.usableMemoryShare = a.value("usable_memory_share").value;
    return k;
}

CalibrationSet::CalibrationSet(const CalibrationTable& table, const catalog::Catalog& catalog,
                               const std::vector<ServedModelEntry>& models)
{
    const auto kvBytes = [](const std::string& name) { return name == "bf16" ? 2.0 : 1.0; };
    const auto weightBytes = [](const std::string& name) { return name == "bf16" ? 2.0 : name == "fp8" ? 1.0 : 0.5; };
    for (const auto& row : table.rows) {
        try {
            const auto* accelerator = catalog.findAccelerator(row.accelerator);
            if (accelerator == nullptr) {
                throw ValidationError("unknown accelerator '" + row.accelerator + "'");
            }
            const ServedModel model =
                findServedModel(models, row.model).at(weightBytes(row.precision), kvBytes(row.kvCache));
            m_rows.push_back({&row, model, servingChip(*accelerator, model)});
        } catch (const ValidationError& e) {
            throw ValidationError("calibration row '" + row.id + "': " + e.what());
        }
    }
}

double CalibrationSet::predict(std::size_t i, const ServingConstants& k) const
{
    const Resolved& r = m_rows[i];
    const ServingTraffic& traffic = r.row->traffic;
    if (r.row->measure == ServingMeasure::SpeedPerUser) {
        return fastestTokensPerSecondPerUser(r.model, traffic, r.chip, k);
    }
    if (r.row->measure == ServingMeasure::PrefillPerAccelerator) {
        return prefillTokensPerSecond(r.model, traffic, r.chip, k);
    }
    const auto p = r.row->layout ? servingPointOf(r.model, traffic, r.chip, k, *r.row->layout, r.row->batch)
                                 : servingPoint(r.model, traffic, r.chip, k);
    if (!p) {
        return 0.0;
    }
    switch (r.row->measure) {
    case ServingMeasure::DecodePerAccelerator: return p->decodeTokensPerSecondPerAccelerator;
    case ServingMeasure::TotalPerAccelerator:
        return p->tokensPerSecondPerAccelerator * (traffic.inputTokens + traffic.outputTokens) / traffic.outputTokens;
    default: return p->tokensPerSecondPerAccelerator;
    }
}

ServingConstants CalibrationSet::fit(const ServingConstants& start, const std::vector<bool>& included) const
{
    const auto loss = [&](const Vector& v) {
        const ServingConstants k = fromVector(v, start);
        double sum = 0.0;
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            if (included[i]) {
                const double model = predict(i, k);
                // A row the model cannot serve counts as a tenfold miss.
                const double miss = model > 0.0 ? std::log(model / m_rows[i].row->published) : std::log(10.0);
                sum += miss * miss;
            }
        }
        return sum;
    };
    return fromVector(nelderMead(loss, toVector(start), 0.5, 1500), start);
}

Calibration CalibrationSet::evaluate(const ServingConstants& constants, bool leaveOneOut) const
{
    Calibration c;
    c.constants = constants;
    std::vector<double> errors;
    std::vector<double> leftOut;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        CalibrationResult r;
        r.row = m_rows[i].row;
        r.model = predict(i, constants);
        r.error = (r.model - r.row->published) / r.row->published;
        if (leaveOneOut) {
            std::vector<bool> included(m_rows.size(), true);
            included[i] = false;
            r.leaveOneOutModel = predict(i, fit(constants, included));
            r.leaveOneOutError = (r.leaveOneOutModel - r.row->published) / r.row->published;
            leftOut.push_back(std::abs(r.leaveOneOutError));
        }
        errors.push_back(std::abs(r.error));
        c.worstError = std::max(c.worstError, std::abs(r.error));
        c.rows.push_back(r);
    }
    c.medianError = median(errors);
    c.leaveOneOutMedianError = median(leftOut);
    return c;
}

} // namespace fw::core::workload
