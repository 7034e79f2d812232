// SPDX-License-Identifier: Apache-2.0
#include "core/plan/solvegroup.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/error.h"

namespace fw::core::plan {
namespace {

/// The ranks of an in-process "job": each rank a thread, allGather a barrier over shared slots.
struct Exchange {
    explicit Exchange(int ranks) : slots(static_cast<std::size_t>(ranks)) {}
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> slots;
    int arrived = 0;
    int round = 0;
    std::vector<std::string> last;
};

class ThreadRank final : public SolveGroup {
public:
    ThreadRank(Exchange& exchange, int rank) : exchange_(exchange), rank_(rank) {}
    int rank() const override { return rank_; }
    int ranks() const override { return static_cast<int>(exchange_.slots.size()); }
    std::vector<std::string> allGather(const std::string& mine) const override
    {
        std::unique_lock lock(exchange_.mutex);
        const int round = exchange_.round;
        exchange_.slots[static_cast<std::size_t>(rank_)] = mine;
        if (++exchange_.arrived == ranks()) {
            exchange_.last = exchange_.slots;
            exchange_.arrived = 0;
            ++exchange_.round;
            exchange_.changed.notify_all();
        } else {
            exchange_.changed.wait(lock, [&] { return exchange_.round != round; });
        }
        return exchange_.last;
    }

private:
    Exchange& exchange_;
    int rank_;
};

/// Runs `body(group)` on `ranks` threads, one rank each.
template <typename Body>
void onRanks(int ranks, const Body& body)
{
    Exchange exchange(ranks);
    std::vector<std::thread> threads;
    for (int r = 0; r < ranks; ++r) {
        threads.emplace_back([&, r] {
            const ThreadRank group(exchange, r);
            body(group);
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
}

TEST(SolveGroup, EveryRankGetsEveryFuturesResultInOrderAndSolvesOnlyItsOwn)
{
    std::mutex mutex;
    std::vector<std::vector<nlohmann::json>> results(3);
    std::vector<std::vector<std::size_t>> solved(3);
    onRanks(3, [&](const SolveGroup& group) {
        const auto r = static_cast<std::size_t>(group.rank());
        auto mine = shareFutures(group, 7, 2, [&](std::size_t k) {
            const std::lock_guard lock(mutex);
            solved[r].push_back(k);
            return nlohmann::json{{"k", k}, {"third", k / 3.0}}; // a double that must arrive bit for bit
        });
        const std::lock_guard lock(mutex);
        results[r] = std::move(mine);
    });
    for (std::size_t r = 0; r < 3; ++r) {
        ASSERT_EQ(results[r].size(), 7U);
        for (std::size_t k = 0; k < 7; ++k) {
            EXPECT_EQ(results[r][k]["k"].get<std::size_t>(), k);
            EXPECT_EQ(results[r][k]["third"].get<double>(), k / 3.0);
        }
        std::sort(solved[r].begin(), solved[r].end());
        std::vector<std::size_t> owned;
        for (std::size_t k = r; k < 7; k += 3) {
            owned.push_back(k); // rank r owns r, r + 3, r + 6
        }
        EXPECT_EQ(solved[r], owned);
    }
}

TEST(SolveGroup, AnErrorOnOneRankIsTheLowestFuturesErrorOnEveryRank)
{
    std::mutex mutex;
    std::vector<std::string> messages(2);
    onRanks(2, [&](const SolveGroup& group) {
        try {
            shareFutures(group, 6, 1, [&](std::size_t k) -> nlohmann::json {
                if (k == 3 || k == 4) {
                    throw std::runtime_error("future " + std::to_string(k) + " has no plan");
                }
                return k;
            });
        } catch (const ValidationError& e) {
            const std::lock_guard lock(mutex);
            messages[static_cast<std::size_t>(group.rank())] = e.what();
        }
    });
    EXPECT_EQ(messages[0], "future 3 has no plan"); // rank 1's error, future 3 before rank 0's future 4
    EXPECT_EQ(messages[1], "future 3 has no plan");
}

TEST(SolveGroup, OneProcessRethrowsTheErrorAsItWas)
{
    EXPECT_THROW(shareFutures(thisProcess(), 2, 1,
                              [](std::size_t k) -> nlohmann::json {
                                  if (k == 1) {
                                      throw std::invalid_argument("bad");
                                  }
                                  return k;
                              }),
                 std::invalid_argument);
    EXPECT_EQ(thisProcess().ranks(), 1);
    EXPECT_TRUE(thisProcess().owns(5));
}

} // namespace
} // namespace fw::core::plan
