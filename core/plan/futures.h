// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/plan/planmodel.h"

namespace fw::core::plan {

/// One future of a scenario's uncertainty: which of its events happened, and its probability.
struct Future {
    std::vector<bool> happened; ///< per event, in Uncertainty::events order
    double probability = 0.0;
};

/// The futures of `uncertainty`: every combination of its independent events (the scenario tree,
/// 2^events futures, each with the product of its outcomes' probabilities) when there are at most
/// `most`; otherwise `most` draws, each event happening with its probability, from a Mersenne
/// Twister seeded with `seed` (std::mt19937, whose sequence the C++ standard fixes), identical draws
/// merged (probability: draws ÷ most), in order of first draw. No events: the one base future.
/// Futures of probability 0 are left out of the tree (they cannot happen).
std::vector<Future> futuresOf(const Uncertainty& uncertainty, int most, std::uint32_t seed);
/// `draws` draws of the futures of `u`, as futuresOf() makes them when it samples, whatever the
/// size of the tree: for figures out of sample.
std::vector<Future> drawFutures(const Uncertainty& u, int draws, std::uint32_t seed);
/// Whether futuresOf() samples rather than enumerates.
bool sampled(const Uncertainty& uncertainty, int most);

/// The name of the future in which no event happens: the one the scenario's own plan is made for.
inline constexpr const char* noEventFuture = "no event";

/// The events that happened, joined: "NVIDIA price cut + Malaysia licence"; noEventFuture for none.
std::string futureName(const Uncertainty& uncertainty, const Future& future);

/// The model of `base` in `future`: each event that happened applied in full (see UncertainEvent).
/// A licence requirement blocks the controlled offers for that country's sites from its quarter, the
/// reason naming the event; a country cap makes them count against its yearly allocation. Throws
/// ValidationError for a vendor price change no new offer is from.
PlanModel futureModel(const PlanModel& base, const Future& future);

/// The expected-value model: every multiplier at its expected value 1 + p (m − 1) except a supply
/// shock's, at the lesser of its outcomes (min(1, m), so its plan's first year is one every future can
/// be supplied with), a power delay of round(p × quarters), a licence requirement or a country cap in
/// force when its probability is at least 0.5. Its plan's first stage gives the EEV.
PlanModel expectedValueModel(const PlanModel& base);

} // namespace fw::core::plan
