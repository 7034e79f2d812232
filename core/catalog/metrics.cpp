// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/metrics.h"

#include <algorithm>

namespace fw::core::catalog {

std::string_view toString(Precision p)
{
    switch (p) {
    case Precision::Fp64: return "fp64";
    case Precision::Fp32: return "fp32";
    case Precision::Tf32: return "tf32";
    case Precision::Bf16: return "bf16";
    case Precision::Fp8: return "fp8";
    case Precision::Fp6: return "fp6";
    case Precision::Fp4: return "fp4";
    case Precision::Int8: return "int8";
    }
    return "bf16";
}

int bitLength(Precision p)
{
    switch (p) {
    case Precision::Fp64: return 64;
    case Precision::Fp32: return 32;
    case Precision::Tf32: return 32;
    case Precision::Bf16: return 16;
    case Precision::Fp8: return 8;
    case Precision::Fp6: return 6;
    case Precision::Fp4: return 4;
    case Precision::Int8: return 8;
    }
    return 16;
}

std::optional<units::Compute> denseRate(const Accelerator& a, Precision p)
{
    switch (p) {
    case Precision::Fp64: return a.fp64;
    case Precision::Fp32: return a.fp32;
    case Precision::Tf32: return a.tf32;
    case Precision::Bf16: return a.bf16;
    case Precision::Fp8: return a.fp8;
    case Precision::Fp6: return a.fp6;
    case Precision::Fp4: return a.fp4;
    case Precision::Int8: return a.int8;
    }
    return std::nullopt;
}

std::optional<double> totalProcessingPerformance(const Accelerator& a)
{
    std::optional<double> best;
    for (Precision p : allPrecisions) {
        if (auto rate = denseRate(a, p)) {
            const double tpp = units::inTeraflops(*rate) * bitLength(p);
            best = std::max(best.value_or(0.0), tpp);
        }
    }
    return best;
}

std::optional<double> performanceDensity(const Accelerator& a)
{
    const auto tpp = totalProcessingPerformance(a);
    if (!tpp || !a.dieArea || a.dieArea->base() <= 0.0) {
        return std::nullopt;
    }
    return *tpp / units::inSquareMillimetres(*a.dieArea);
}

std::optional<double> bf16TflopsPerWatt(const Accelerator& a)
{
    if (!a.bf16 || !a.tdp || a.tdp->base() <= 0.0) {
        return std::nullopt;
    }
    return units::inTeraflops(*a.bf16) / units::inWatts(*a.tdp);
}

std::optional<double> bf16TflopsPerUsd(const Accelerator& a)
{
    if (!a.bf16 || !a.priceNew || a.priceNew->base() <= 0.0) {
        return std::nullopt;
    }
    return units::inTeraflops(*a.bf16) / units::inUsd(*a.priceNew);
}

std::optional<double> memoryGbPerUsd(const Accelerator& a)
{
    if (!a.memory || !a.priceNew || a.priceNew->base() <= 0.0) {
        return std::nullopt;
    }
    return units::inGigabytes(*a.memory) / units::inUsd(*a.priceNew);
}

std::optional<units::Power> systemPowerPerAccelerator(const System& s, const Accelerator& a)
{
    if (s.acceleratorsPerSystem <= 0) {
        return std::nullopt;
    }
    if (s.maxPower) {
        return *s.maxPower / s.acceleratorsPerSystem;
    }
    if (a.tdp && s.hostOverhead) {
        return *a.tdp + *s.hostOverhead / s.acceleratorsPerSystem;
    }
    return std::nullopt;
}

} // namespace fw::core::catalog
