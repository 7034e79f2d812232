// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/roadmap.h"

#include "core/datadirectory.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"

namespace fw::core::catalog {

std::vector<AnnouncedPart> loadRoadmap(const std::filesystem::path& file)
{
    const auto document = JsonReader::parse(readTextFile(file), file.string());
    const JsonReader r(document, file.string());
    r.expectObject({"id", "notes", "parts"});
    std::vector<AnnouncedPart> parts;
    for (const auto& j : r.array("parts")) {
        j.expectObject({"sku", "name", "vendor", "status", "announced", "available", "memory_gb", "memory_type",
                        "memory_bw_tbps", "fp4_pflops", "fp8_pflops", "bf16_pflops", "tdp_w", "scale_up_domain",
                        "scale_up_bw_tbps", "figures_note", "source"});
        if (j.text("status") != "announced") {
            j.failAt("status", "must be \"announced\" (a shipping part belongs in the catalog)");
        }
        AnnouncedPart p;
        p.sku = j.text("sku");
        p.name = j.name("name");
        p.vendor = j.text("vendor");
        p.announced = j.text("announced");
        p.available = j.text("available");
        p.memoryGb = j.optionalNumber("memory_gb", limits::catalogNumber);
        p.memoryType = j.optionalText("memory_type").value_or("");
        p.memoryTbps = j.optionalNumber("memory_bw_tbps", limits::catalogNumber);
        p.fp4Pflops = j.optionalNumber("fp4_pflops", limits::catalogNumber);
        p.fp8Pflops = j.optionalNumber("fp8_pflops", limits::catalogNumber);
        p.bf16Pflops = j.optionalNumber("bf16_pflops", limits::catalogNumber);
        p.tdpW = j.optionalNumber("tdp_w", limits::catalogNumber);
        p.scaleUpDomain = j.optionalWhole("scale_up_domain", limits::scaleUpDomain);
        p.scaleUpTbps = j.optionalNumber("scale_up_bw_tbps", limits::catalogNumber);
        p.figuresNote = j.text("figures_note");
        p.source = j.text("source");
        for (const auto& figure : {p.memoryGb, p.memoryTbps, p.fp4Pflops, p.fp8Pflops, p.bf16Pflops, p.tdpW}) {
            if (figure && !(*figure > 0.0)) {
                j.fail("figures must be positive or null");
            }
        }
        parts.push_back(std::move(p));
    }
    return parts;
}

std::vector<AnnouncedPart> shippedRoadmap()
{
    return loadRoadmap(dataDirectory() / "catalog" / "roadmap.json");
}

} // namespace fw::core::catalog
