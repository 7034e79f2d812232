// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fw::core::plan {

/// The processes a run's futures are shared between: this process alone, or the ranks of an MPI
/// job (fleetwright-mpi). Future k is solved by rank k mod ranks(); after each round every rank holds
/// every future's result, so every rank computes the same figures from the same numbers, reduced in
/// the futures' order whatever the number of ranks (rank 0 prints them).
class SolveGroup {
public:
    virtual ~SolveGroup() = default;
    virtual int rank() const = 0;
    virtual int ranks() const = 0;
    /// Every rank's `mine`, on every rank, in rank order. A collective: every rank calls it, in the
    /// same order, or the job waits forever.
    virtual std::vector<std::string> allGather(const std::string& mine) const = 0;
    /// Whether this rank solves future k.
    bool owns(std::size_t k) const { return static_cast<int>(k % static_cast<std::size_t>(ranks())) == rank(); }
};

/// This process alone: rank 0 of 1.
const SolveGroup& thisProcess();

/// Calls work(k) for k in [0, n) on `threads` threads of this process; rethrows the first error.
void forEachFuture(std::size_t n, int threads, const std::function<void(std::size_t)>& work);

/// One round of shared work: work(k) for the futures this rank owns (on `threads` threads), then
/// every rank receives every future's result, in the futures' order. Results travel as CBOR, so
/// numbers arrive bit for bit. An error in any future's work is an error on every rank: the lowest
/// future's, rethrown as it was in one process and as ValidationError with its message across ranks.
std::vector<nlohmann::json> shareFutures(const SolveGroup& group, std::size_t n, int threads,
                                         const std::function<nlohmann::json(std::size_t)>& work);

} // namespace fw::core::plan
