// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/catalog/records.h"

namespace fw::core::catalog {

/// How one field of a catalog record is named and measured in files, tables and views.
/// A file value times `scale` is the value in the member's base unit (for `bf16_tflops`, 1e12).
struct FieldInfo {
    std::string_view key;   ///< JSON key, CSV header and SQL column: lower_snake_case with unit suffix
    std::string_view label; ///< column title in views
    std::string_view unit;  ///< unit of the file value, empty for text
    double scale = 1.0;
    bool required = false; ///< must be present and non-empty
};

/// A field's value in file units: empty, number, integer, boolean or text. Enumerations are text
/// (`"yes"`, `"liquid"`), a used-price curve is its JSON text.
using FieldValue = std::variant<std::monostate, double, std::int64_t, bool, std::string>;

// The field lists below are the single description of each record's layout: the JSON and CSV
// codecs, the database tables and the GUI columns are all driven by them. `Visitor` is called as
// `visitor(const FieldInfo&, Member&)` for every field, in file order.

template <class Record, class Visitor>
requires std::same_as<std::remove_const_t<Record>, Accelerator>
void visitFields(Record& a, Visitor&& visit)
{
    visit(FieldInfo{"sku", "SKU", "", 1, true}, a.sku);
    visit(FieldInfo{"name", "Name", "", 1, true}, a.name);
    visit(FieldInfo{"vendor", "Vendor", ""}, a.vendor);
    visit(FieldInfo{"family", "Family", ""}, a.family);
    visit(FieldInfo{"release_year", "Released", ""}, a.releaseYear);
    visit(FieldInfo{"form_factor", "Form factor", ""}, a.formFactor);
    visit(FieldInfo{"fp64_tflops", "FP64", "TFLOP/s", 1e12}, a.fp64);
    visit(FieldInfo{"fp32_tflops", "FP32", "TFLOP/s", 1e12}, a.fp32);
    visit(FieldInfo{"tf32_tflops", "TF32", "TFLOP/s", 1e12}, a.tf32);
    visit(FieldInfo{"bf16_tflops", "BF16", "TFLOP/s", 1e12}, a.bf16);
    visit(FieldInfo{"fp8_tflops", "FP8", "TFLOP/s", 1e12}, a.fp8);
    visit(FieldInfo{"fp6_tflops", "FP6", "TFLOP/s", 1e12}, a.fp6);
    visit(FieldInfo{"fp4_tflops", "FP4", "TFLOP/s", 1e12}, a.fp4);
    visit(FieldInfo{"int8_tops", "INT8", "TOP/s", 1e12}, a.int8);
    visit(FieldInfo{"memory_gb", "Memory", "GB", 1e9}, a.memory);
    visit(FieldInfo{"memory_type", "Memory type", ""}, a.memoryType);
    visit(FieldInfo{"memory_bw_tbps", "Memory BW", "TB/s", 1e12}, a.memoryBandwidth);
    visit(FieldInfo{"on_chip_sram_mb", "SRAM", "MB", 1e6}, a.onChipSram);
    visit(FieldInfo{"tdp_w", "TDP", "W"}, a.tdp);
    visit(FieldInfo{"die_area_mm2", "Die area", "mm²"}, a.dieArea);
    visit(FieldInfo{"process_node", "Process", ""}, a.processNode);
    visit(FieldInfo{"scale_up_interconnect", "Scale-up", ""}, a.scaleUpInterconnect);
    visit(FieldInfo{"scale_up_bw_gbytes_s", "Scale-up BW", "GB/s", 1e9}, a.scaleUpBandwidth);
    visit(FieldInfo{"scale_up_domain_size", "Scale-up domain", "chips"}, a.scaleUpDomainSize);
    visit(FieldInfo{"scale_out_nic_gbps", "NIC", "Gb/s", 1e9 / 8.0}, a.scaleOutNic);
    visit(FieldInfo{"training_capable", "Training", "", 1, true}, a.trainingCapable);
    visit(FieldInfo{"datacenter_marketed", "Datacenter", "", 1, true}, a.datacenterMarketed);
    visit(FieldInfo{"price_new_usd", "Price new", "USD"}, a.priceNew);
    visit(FieldInfo{"price_source", "Price source", ""}, a.priceSource);
    visit(FieldInfo{"used_price_curve", "Used prices", ""}, a.usedPriceCurve);
    visit(FieldInfo{"source", "Source", "", 1, true}, a.source);
    visit(FieldInfo{"notes", "Notes", ""}, a.notes);
}

template <class Record, class Visitor>
requires std::same_as<std::remove_const_t<Record>, System>
void visitFields(Record& s, Visitor&& visit)
{
    visit(FieldInfo{"sku", "SKU", "", 1, true}, s.sku);
    visit(FieldInfo{"name", "Name", "", 1, true}, s.name);
    visit(FieldInfo{"vendor", "Vendor", ""}, s.vendor);
    visit(FieldInfo{"accelerator_sku", "Accelerator", "", 1, true}, s.acceleratorSku);
    visit(FieldInfo{"accelerators_per_system", "Accelerators", "", 1, true}, s.acceleratorsPerSystem);
    visit(FieldInfo{"max_power_w", "Max power", "W"}, s.maxPower);
    visit(FieldInfo{"host_overhead_w", "Host overhead", "W"}, s.hostOverhead);
    visit(FieldInfo{"rack_units", "Rack units", "U"}, s.rackUnits);
    visit(FieldInfo{"whole_rack", "Whole rack", "", 1, true}, s.wholeRack);
    visit(FieldInfo{"cooling", "Cooling", ""}, s.cooling);
    visit(FieldInfo{"nics_per_system", "NICs", ""}, s.nicsPerSystem);
    visit(FieldInfo{"nic_gbps", "NIC speed", "Gb/s", 1e9 / 8.0}, s.nicSpeed);
    visit(FieldInfo{"price_usd", "Price", "USD"}, s.price);
    visit(FieldInfo{"price_scope", "Price scope", ""}, s.priceScope);
    visit(FieldInfo{"price_source", "Price source", ""}, s.priceSource);
    visit(FieldInfo{"source", "Source", "", 1, true}, s.source);
    visit(FieldInfo{"notes", "Notes", ""}, s.notes);
}

template <class Record, class Visitor>
requires std::same_as<std::remove_const_t<Record>, NetworkPart>
void visitFields(Record& n, Visitor&& visit)
{
    visit(FieldInfo{"sku", "SKU", "", 1, true}, n.sku);
    visit(FieldInfo{"name", "Name", "", 1, true}, n.name);
    visit(FieldInfo{"kind", "Kind", "", 1, true}, n.kind);
    visit(FieldInfo{"ports", "Ports", ""}, n.ports);
    visit(FieldInfo{"port_gbps", "Port speed", "Gb/s", 1e9 / 8.0}, n.portSpeed);
    visit(FieldInfo{"power_w", "Power", "W"}, n.power);
    visit(FieldInfo{"price_usd", "Price", "USD"}, n.price);
    visit(FieldInfo{"price_source", "Price source", ""}, n.priceSource);
    visit(FieldInfo{"reach_m", "Reach", "m"}, n.reachMetres);
    visit(FieldInfo{"source", "Source", "", 1, true}, n.source);
    visit(FieldInfo{"notes", "Notes", ""}, n.notes);
}

/// The record kind's name as used in messages and JSON (`accelerator`, `system`, `network part`).
template <class Record>
constexpr std::string_view recordKind();
template <>
constexpr std::string_view recordKind<Accelerator>()
{
    return "accelerator";
}
template <>
constexpr std::string_view recordKind<System>()
{
    return "system";
}
template <>
constexpr std::string_view recordKind<NetworkPart>()
{
    return "network part";
}

} // namespace fw::core::catalog
