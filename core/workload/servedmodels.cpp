// SPDX-License-Identifier: Apache-2.0
#include "core/workload/servedmodels.h"

#include "core/datadirectory.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"

namespace fw::core::workload {

ServedModel ServedModelEntry::at(double bytesPerParameter, double kvBytesPerValue) const
{
    ServedModel m = shape;
    m.bytesPerParameter = bytesPerParameter;
    m.kvBytesPerToken = kvValuesPerToken * kvBytesPerValue;
    m.attentionPrecision = kvBytesPerValue <= 1.0 ? catalog::Precision::Fp8 : catalog::Precision::Bf16;
    return m;
}

std::vector<ServedModelEntry> loadServedModels(const std::filesystem::path& file)
{
    const auto document = JsonReader::parse(readTextFile(file), file.string());
    const JsonReader r(document, file.string());
    r.expectObject({"id", "notes", "models"});
    std::vector<ServedModelEntry> models;
    for (const auto& j : r.array("models")) {
        j.expectObject({"name", "display", "parameters", "active_parameters", "layers", "hidden_size",
                        "kv_values_per_token", "kv_heads", "attention_flops_per_context_token",
                        "prefill_attention_flops_per_context_token", "experts", "experts_per_token", "expert_groups",
                        "expert_groups_per_token", "attention_parameters", "source", "note"});
        ServedModelEntry e;
        e.shape.name = j.name("name");
        e.display = j.text("display");
        e.shape.parameters = j.number("parameters", limits::parameters);
        e.shape.activeParameters = j.optionalNumber("active_parameters", limits::parameters);
        e.shape.layers = j.whole("layers", limits::modelShape);
        e.shape.hiddenSize = j.number("hidden_size", limits::modelShape);
        e.kvValuesPerToken = j.number("kv_values_per_token", limits::bytesPerToken);
        e.shape.kvHeads = j.whole("kv_heads", limits::modelShape);
        e.shape.attentionFlopsPerContextToken = j.number("attention_flops_per_context_token", limits::parameters);
        e.shape.prefillAttentionFlopsPerContextToken =
            j.optionalNumber("prefill_attention_flops_per_context_token", limits::parameters).value_or(0.0);
        e.shape.experts = j.whole("experts", limits::modelShape);
        e.shape.expertsPerToken = j.whole("experts_per_token", limits::modelShape);
        e.shape.expertGroups = j.optionalWhole("expert_groups", limits::modelShape).value_or(0);
        e.shape.expertGroupsPerToken = j.optionalWhole("expert_groups_per_token", limits::modelShape).value_or(0);
        e.shape.attentionParameters = j.optionalNumber("attention_parameters", limits::parameters).value_or(0.0);
        e.source = j.text("source");
        e.note = j.text("note");
        try {
            e.shape = withDerivedShape(e.shape);
        } catch (const ValidationError& error) {
            j.fail(error.what());
        }
        models.push_back(std::move(e));
    }
    return models;
}

const std::vector<ServedModelEntry>& shippedServedModels()
{
    static const auto models = loadServedModels(dataDirectory() / "models" / "served-models.json");
    return models;
}

const ServedModelEntry& findServedModel(const std::vector<ServedModelEntry>& models, const std::string& name)
{
    std::string names;
    for (const auto& m : models) {
        if (m.shape.name == name) {
            return m;
        }
        names += (names.empty() ? "" : ", ") + m.shape.name;
    }
    throw ValidationError("no served model '" + name + "' (known: " + names + ")");
}

} // namespace fw::core::workload
