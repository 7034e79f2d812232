// SPDX-License-Identifier: Apache-2.0
#include "core/workload/assumptions.h"

#include <cmath>

#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"

namespace fw::core::workload {

const SourcedValue& ModelAssumptions::value(const std::string& key) const
{
    const auto it = values.find(key);
    if (it == values.end()) {
        throw Error("model assumptions: no value '" + key + "'");
    }
    return it->second;
}

const MfuEntry& ModelAssumptions::mfuFor(const catalog::Accelerator& accelerator, catalog::Precision precision) const
{
    const std::string family = accelerator.family.value_or("");
    for (const auto& entry : mfu) {
        if (entry.precision == precision && family.find(entry.familyContains) != std::string::npos) {
            return entry;
        }
    }
    return defaultMfu;
}

catalog::Precision parsePrecision(const std::string& text)
{
    std::string names;
    for (auto p : catalog::allPrecisions) {
        if (text == catalog::toString(p)) {
            return p;
        }
        names += (names.empty() ? "" : ", ") + std::string(catalog::toString(p));
    }
    throw ValidationError("precision '" + text + "' is not one of " + names);
}

ModelAssumptions loadModelAssumptions(const std::filesystem::path& file)
{
    const auto document = JsonReader::parse(readTextFile(file), file.string());
    const JsonReader r(document, file.string());
    r.expectObject({"id", "notes", "mfu", "mfu_default", "values"});
    ModelAssumptions a;
    const auto runSize = [](const JsonReader& j) {
        const double n = j.number("accelerators");
        if (!(n >= 1.0 && n <= 1e7) || n != std::floor(n)) {
            j.failAt("accelerators", "must be a whole number of accelerators ≥ 1");
        }
        return static_cast<int>(n);
    };
    const auto sourced = [](const JsonReader& j, const char* key) {
        return SourcedValue{j.number(key), j.optionalText("unit").value_or(""), j.text("source"),
                            j.optionalText("note").value_or("")};
    };
    for (const auto& m : r.array("mfu")) {
        m.expectObject({"family_contains", "precision", "mfu", "accelerators", "source", "note"});
        MfuEntry entry;
        entry.familyContains = m.text("family_contains");
        try {
            entry.precision = parsePrecision(m.text("precision"));
        } catch (const ValidationError& e) {
            m.failAt("precision", e.what());
        }
        entry.mfu = sourced(m, "mfu");
        entry.accelerators = runSize(m);
        if (!(entry.mfu.value > 0.0 && entry.mfu.value <= 1.0)) {
            m.failAt("mfu", "must be in (0, 1]");
        }
        a.mfu.push_back(entry);
    }
    const JsonReader d = r.at("mfu_default");
    d.expectObject({"mfu", "accelerators", "source", "note"});
    a.defaultMfu.mfu = sourced(d, "mfu");
    a.defaultMfu.accelerators = runSize(d);
    for (const auto& v : r.array("values")) {
        v.expectObject({"key", "value", "unit", "source", "note"});
        a.values[v.text("key")] = sourced(v, "value");
    }
    return a;
}

ModelAssumptions shippedModelAssumptions()
{
    return loadModelAssumptions(dataDirectory() / "models" / "assumptions.json");
}

} // namespace fw::core::workload
