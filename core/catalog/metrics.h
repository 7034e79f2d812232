// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "core/catalog/records.h"

namespace fw::core::catalog {

/// The number formats an accelerator's dense peak rate is published for.
enum class Precision { Fp64, Fp32, Tf32, Bf16, Fp8, Fp6, Fp4, Int8 };

inline constexpr std::array<Precision, 8> allPrecisions{Precision::Fp64, Precision::Fp32, Precision::Tf32,
                                                        Precision::Bf16, Precision::Fp8,  Precision::Fp6,
                                                        Precision::Fp4,  Precision::Int8};

std::string_view toString(Precision p);
/// Bit length of the operation as 3A090 Technical Note 1 counts it. TF32 operands are 32-bit words.
int bitLength(Precision p);
/// The accelerator's dense peak rate at `p`, if published.
std::optional<units::Compute> denseRate(const Accelerator& a, Precision p);

/// Total processing performance (15 CFR 774, ECCN 3A090, Technical Note 1: 2 × MacTOPS × bit length,
/// i.e. dense TOPS × bit length), the highest over the precisions the chip supports. Empty when no
/// rate is published.
std::optional<double> totalProcessingPerformance(const Accelerator& a);

/// Performance density: TPP per mm² of applicable die area (3A090 Technical Note 3). Empty when TPP
/// or the die area is unknown.
std::optional<double> performanceDensity(const Accelerator& a);

/// Dense BF16 TFLOP/s per watt of TDP, and per US dollar of the new price (×1000 gives per k$).
std::optional<double> bf16TflopsPerWatt(const Accelerator& a);
std::optional<double> bf16TflopsPerUsd(const Accelerator& a);
/// Memory GB per US dollar of the new price.
std::optional<double> memoryGbPerUsd(const Accelerator& a);

/// A system's power per accelerator at the wall, before network and storage: the published maximum
/// divided by the accelerator count, else accelerators at TDP plus the host overhead, else empty.
std::optional<units::Power> systemPowerPerAccelerator(const System& s, const Accelerator& a);

} // namespace fw::core::catalog
