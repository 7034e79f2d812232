// SPDX-License-Identifier: Apache-2.0
#include "core/limits.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/numbertext.h"

namespace fw::core::limits {
namespace {

constexpr std::array all{fileBytes,
                         netboxListBytes,
                         netboxRecords,
                         siteKw,
                         fleetFileBytes,
                         textCharacters,
                         nameCharacters,
                         jsonDepth,
                         sqliteSteps,
                         catalogRecords,
                         catalogNumber,
                         catalogWhole,
                         ruleThreshold,
                         noticeDays,
                         ruleRecords,
                         restrictedParties,
                         scenarioSites,
                         scenarioOffers,
                         scenarioRows,
                         scenarioQuarters,
                         quarterSpan,
                         scenarioCells,
                         unitCount,
                         money,
                         usdPerKwh,
                         rentalUsdPerHour,
                         demandValue,
                         rentalMonths,
                         fabricUsdPerAccelerator,
                         fabricWattsPerAccelerator,
                         usdPerMw,
                         siteMw,
                         pue,
                         trainingPflops,
                         tokensPerSecond,
                         parameters,
                         modelShape,
                         bytesPerParameter,
                         bytesPerToken,
                         contextTokens,
                         servingBatch,
                         trainingTokens,
                         trainingFlops,
                         rollouts,
                         eventSeconds,
                         yearSpan,
                         runWeeks,
                         rateOrShare,
                         siteRacks,
                         kwPerRack,
                         unitsPerRack,
                         uncertainEvents,
                         probability,
                         eventMultiplier,
                         capTpp,
                         fabricAccelerators,
                         fabricEdges,
                         fabricNodes,
                         nodeAccelerators,
                         switchRadix,
                         linkGbps,
                         planes,
                         nicPorts,
                         scaleUpDomain,
                         scaleUpGbytesPerS,
                         routerPortsPerUse,
                         routersPerGroup,
                         torusDimension,
                         failureTrials,
                         failureWork,
                         linkFailurePercent,
                         solverSeconds,
                         mipGap,
                         nodeLimit,
                         estimateCount,
                         randomSeed,
                         futures,
                         hedgingIterations,
                         hedgingRhoMultiplier,
                         hedgingBoundEvery,
                         hedgingSlamAfter,
                         cvarLevel,
                         cvarWeight,
                         threads};

/// "1e+308" rather than 309 digits; plain below 1e15.
std::string compact(double value)
{
    if (std::abs(value) < 1e15) {
        return formatNumber(value);
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string withUnit(double value, std::string_view unit)
{
    return compact(value) + (unit.empty() ? "" : " " + std::string(unit));
}

std::string prefix(std::string_view what)
{
    return what.empty() ? std::string() : std::string(what) + ": ";
}

/// `value` when finite and within `limit`; else ValidationError "<stated> is above the largest …"
/// (`stated` is the value as the message shows it, `subject` what comes before a non-finite one).
double checkStated(const Limit& limit, double value, const std::string& stated, const std::string& subject)
{
    if (!std::isfinite(value)) {
        throw ValidationError(subject + compact(value) + " is not a finite number");
    }
    if (value > limit.most) {
        throw ValidationError(stated + " is above the largest " + std::string(limit.name) + " accepted, " +
                              withUnit(limit.most, limit.unit));
    }
    if (value < limit.least) {
        throw ValidationError(stated + " is below the least " + std::string(limit.name) + " accepted, " +
                              withUnit(limit.least, limit.unit));
    }
    return value;
}

} // namespace

std::span<const Limit> table()
{
    return all;
}

double check(const Limit& limit, double value, std::string_view what)
{
    return checkStated(limit, value, prefix(what) + withUnit(value, limit.unit), prefix(what));
}

std::int64_t checkWhole(const Limit& limit, double value, std::string_view what)
{
    check(limit, value, what);
    if (value != std::floor(value)) {
        throw ValidationError(prefix(what) + compact(value) + " is not a whole number");
    }
    return static_cast<std::int64_t>(value);
}

std::int64_t checkProduct(const Limit& limit, std::int64_t a, std::int64_t b, std::string_view what)
{
    std::int64_t product = 0;
    const bool overflow = __builtin_mul_overflow(a, b, &product);
    const double value = overflow ? static_cast<double>(a) * static_cast<double>(b) : static_cast<double>(product);
    checkStated(limit, value,
                prefix(what) + std::to_string(a) + " × " + std::to_string(b) + " = " + withUnit(value, limit.unit),
                prefix(what));
    return product;
}

} // namespace fw::core::limits
