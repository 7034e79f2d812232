// SPDX-License-Identifier: Apache-2.0
#include "core/plan/solvegroup.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "core/error.h"

namespace fw::core::plan {
namespace {

class ThisProcess final : public SolveGroup {
public:
    int rank() const override { return 0; }
    int ranks() const override { return 1; }
    std::vector<std::string> allGather(const std::string& mine) const override { return {mine}; }
};

/// The first error of a rank's share: the future it came from and its message.
struct FutureError {
    std::size_t future = 0;
    std::string message;
};

} // namespace

const SolveGroup& thisProcess()
{
    static const ThisProcess group;
    return group;
}

void forEachFuture(std::size_t n, int threads, const std::function<void(std::size_t)>& work)
{
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::exception_ptr error;
    const auto worker = [&]() {
        for (std::size_t k = next++; k < n; k = next++) {
            try {
                work(k);
            } catch (...) {
                const std::lock_guard lock(mutex);
                error = error ? error : std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) {
        pool.emplace_back(worker);
    }
    worker();
    for (auto& thread : pool) {
        thread.join();
    }
    if (error) {
        std::rethrow_exception(error);
    }
}

std::vector<nlohmann::json> shareFutures(const SolveGroup& group, std::size_t n, int threads,
                                         const std::function<nlohmann::json(std::size_t)>& work)
{
    std::vector<nlohmann::json> results(n);
    if (group.ranks() == 1) {
        forEachFuture(n, threads, [&](std::size_t k) { results[k] = work(k); });
        return results;
    }
    std::vector<std::size_t> mine;
    for (std::size_t k = 0; k < n; ++k) {
        if (group.owns(k)) {
            mine.push_back(k);
        }
    }
    std::mutex mutex;
    std::optional<FutureError> error;
    forEachFuture(mine.size(), threads, [&](std::size_t i) {
        const std::size_t k = mine[i];
        try {
            results[k] = work(k);
        } catch (const std::exception& e) {
            const std::lock_guard lock(mutex);
            if (!error || k < error->future) {
                error = FutureError{k, e.what()};
            }
        }
    });
    nlohmann::json share = {{"futures", nlohmann::json::array()}};
    for (const std::size_t k : mine) {
        share["futures"].push_back({{"future", k}, {"result", std::move(results[k])}});
    }
    if (error) {
        share["error"] = {{"future", error->future}, {"message", error->message}};
    }
    const std::vector<std::uint8_t> bytes = nlohmann::json::to_cbor(share);
    const std::vector<std::string> shares = group.allGather(std::string(bytes.begin(), bytes.end()));
    std::optional<FutureError> first;
    for (const std::string& s : shares) {
        const nlohmann::json rank = nlohmann::json::from_cbor(s);
        if (rank.contains("error")) {
            const auto k = rank["error"]["future"].get<std::size_t>();
            if (!first || k < first->future) {
                first = FutureError{k, rank["error"]["message"].get<std::string>()};
            }
        }
        for (const auto& entry : rank["futures"]) {
            results.at(entry["future"].get<std::size_t>()) = entry["result"];
        }
    }
    if (first) {
        throw ValidationError(first->message);
    }
    return results;
}

} // namespace fw::core::plan
