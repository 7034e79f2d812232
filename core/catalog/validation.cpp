// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/validation.h"

#include <set>

#include "core/catalog/fields.h"
#include "core/catalog/fieldvalue.h"

namespace fw::core::catalog {
namespace {

std::string lowercase(std::string text)
{
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

template <class Record>
void checkRequiredAndUnique(const std::vector<Record>& records)
{
    std::set<std::string> seen;
    for (const auto& record : records) {
        visitFields(record, [&](const FieldInfo& f, const auto& member) {
            const FieldValue value = toFieldValue(member, f);
            const auto* text = std::get_if<std::string>(&value);
            if (f.required && (std::holds_alternative<std::monostate>(value) || (text != nullptr && text->empty()))) {
                throw RecordError(recordKind<Record>(), record.sku, f.key, "required value is missing");
            }
        });
        if (!seen.insert(lowercase(record.sku)).second) {
            throw RecordError(recordKind<Record>(), record.sku, "sku", "duplicate SKU");
        }
    }
}

void checkAccelerator(const Accelerator& a)
{
    const auto fail = [&](std::string_view field, const std::string& problem) {
        throw RecordError(recordKind<Accelerator>(), a.sku, field, problem);
    };
    if (a.releaseYear && (*a.releaseYear < 1990 || *a.releaseYear > 2100)) {
        fail("release_year", std::to_string(*a.releaseYear) + " is outside 1990–2100");
    }
    // An unpublished bandwidth stays empty (MTIA v2's LPDDR5 bandwidth is not public); zero is wrong.
    if (a.memory && a.memory->base() > 0.0 && a.memoryBandwidth && a.memoryBandwidth->base() <= 0.0) {
        fail("memory_bw_tbps", "0 TB/s; must be > 0 when memory_gb is " + formatNumber(units::inGigabytes(*a.memory)) +
                                   " (leave it empty when unknown)");
    }
    if (a.tdp && a.tdp->base() <= 0.0) {
        fail("tdp_w", "0 W; must be > 0 (leave it empty when unknown)");
    }
    if (a.scaleUpDomainSize && *a.scaleUpDomainSize < 1) {
        fail("scale_up_domain_size", "must be ≥ 1");
    }
}

} // namespace

RecordError::RecordError(std::string_view recordKind, std::string_view sku, std::string_view field,
                         const std::string& problem)
    : ValidationError(std::string(recordKind) + " '" + std::string(sku) + "' field '" + std::string(field) +
                      "': " + problem),
      m_recordKind(recordKind)
{}

void validate(const Catalog& catalog)
{
    checkRequiredAndUnique(catalog.accelerators);
    checkRequiredAndUnique(catalog.systems);
    checkRequiredAndUnique(catalog.networkParts);
    for (const auto& a : catalog.accelerators) {
        checkAccelerator(a);
    }
    for (const auto& s : catalog.systems) {
        const auto fail = [&](std::string_view field, const std::string& problem) {
            throw RecordError(recordKind<System>(), s.sku, field, problem);
        };
        const Accelerator* a = catalog.findAccelerator(s.acceleratorSku);
        if (a == nullptr) {
            fail("accelerator_sku", "'" + s.acceleratorSku + "' is not an accelerator in the catalog");
        }
        if (s.acceleratorsPerSystem < 1) {
            fail("accelerators_per_system", std::to_string(s.acceleratorsPerSystem) + "; must be ≥ 1");
        }
        if (s.price && !s.priceScope) {
            fail("price_scope", "missing; a price needs its scope (full_system, baseboard or accelerator_only)");
        }
        if (s.maxPower && a->tdp && *a->tdp > *s.maxPower / s.acceleratorsPerSystem) {
            fail("max_power_w", formatNumber(units::inWatts(*s.maxPower)) + " W is below " +
                                    std::to_string(s.acceleratorsPerSystem) + " × TDP " +
                                    formatNumber(units::inWatts(*a->tdp)) + " W of " + a->sku);
        }
    }
    for (const auto& n : catalog.networkParts) {
        if (n.ports && *n.ports < 1) {
            throw RecordError(recordKind<NetworkPart>(), n.sku, "ports",
                              "0; must be ≥ 1 (leave it empty when unknown)");
        }
    }
}

} // namespace fw::core::catalog
