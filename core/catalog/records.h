// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/units/quantity.h"

namespace fw::core::catalog {

enum class TrainingCapability { Yes, Limited, No };
enum class Cooling { Air, Liquid };
enum class NetworkPartKind { Switch, Optic, Cable };
/// What a system's published price buys: the whole server or rack ready to install, the accelerators
/// on their baseboard (no CPUs, memory, NICs, chassis or integration), or the accelerators alone.
enum class PriceScope { FullSystem, Baseboard, AcceleratorOnly };

/// One dated secondary-market price: what a used unit sold (or was offered) for on `date`.
struct UsedPrice {
    Date date;
    units::Money price;
    std::string source;
    bool operator==(const UsedPrice&) const = default;
};

/// One accelerator SKU. Compute figures are dense peaks (no structured sparsity); an unknown figure
/// is empty, never zero. `source` is the record's URLs, separated by " ; ".
struct Accelerator {
    std::string sku;
    std::string name;
    std::optional<std::string> vendor;
    std::optional<std::string> family;
    std::optional<int> releaseYear;
    std::optional<std::string> formFactor;
    std::optional<units::Compute> fp64;
    std::optional<units::Compute> fp32;
    std::optional<units::Compute> tf32;
    std::optional<units::Compute> bf16;
    std::optional<units::Compute> fp8;
    std::optional<units::Compute> fp6;
    std::optional<units::Compute> fp4;
    std::optional<units::Compute> int8; ///< integer operations per second
    std::optional<units::Bytes> memory;
    std::optional<std::string> memoryType;
    std::optional<units::Bandwidth> memoryBandwidth;
    std::optional<units::Bytes> onChipSram;
    std::optional<units::Power> tdp;
    std::optional<units::Area> dieArea;
    std::optional<std::string> processNode;
    std::optional<std::string> scaleUpInterconnect;
    std::optional<units::Bandwidth> scaleUpBandwidth; ///< bidirectional, per chip
    std::optional<int> scaleUpDomainSize;
    std::optional<units::Bandwidth> scaleOutNic; ///< backend NIC line rate per chip
    TrainingCapability trainingCapable = TrainingCapability::Yes;
    bool datacenterMarketed = true;
    std::optional<units::Money> priceNew;
    std::optional<std::string> priceSource;
    std::vector<UsedPrice> usedPriceCurve; ///< dated used prices (economics::residualShare fits them)
    std::string source;
    std::string notes;
    bool operator==(const Accelerator&) const = default;
};

/// A server, rack or pod: the unit a planner buys.
struct System {
    std::string sku;
    std::string name;
    std::optional<std::string> vendor;
    std::string acceleratorSku;
    int acceleratorsPerSystem = 1;
    std::optional<units::Power> maxPower;     ///< published maximum input power of the whole system
    std::optional<units::Power> hostOverhead; ///< CPU, memory, NICs, fans beyond the accelerators' TDP
    std::optional<int> rackUnits;
    bool wholeRack = false;
    std::optional<Cooling> cooling; ///< empty where the source does not say
    std::optional<int> nicsPerSystem;
    std::optional<units::Bandwidth> nicSpeed;
    std::optional<units::Money> price;
    std::optional<PriceScope> priceScope; ///< what `price` covers; required with a price
    std::optional<std::string> priceSource;
    std::string source;
    std::string notes;
    bool operator==(const System&) const = default;
};

/// A switch, optic or cable of the scale-out fabric.
struct NetworkPart {
    std::string sku;
    std::string name;
    NetworkPartKind kind = NetworkPartKind::Switch;
    std::optional<int> ports;
    std::optional<units::Bandwidth> portSpeed;
    std::optional<units::Power> power; ///< per device; a cable's figure covers both ends
    std::optional<units::Money> price;
    std::optional<std::string> priceSource;
    std::optional<double> reachMetres;
    std::string source;
    std::string notes;
    bool operator==(const NetworkPart&) const = default;
};

} // namespace fw::core::catalog
