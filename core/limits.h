// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace fw::core::limits {

/// One accepted range: a value is refused unless it is finite and within [least, most] in `unit`.
/// `basis` says why the bound is where it is (the real world's largest case, or a budget of the
/// machine Fleetwright is built and tested on: 2 cores, 24 GiB of memory).
struct Limit {
    std::string_view name; ///< what is counted or measured, in the planner's words
    double least;
    double most;
    std::string_view unit;
    std::string_view basis;
};

// Budgets of one command on the reference machine (2 cores, 24 GiB shared by a desktop session, so
// one command may take a third of it): 8 GiB of memory and 60 s of work beyond the solver's own
// time limit. Every bound below keeps its work inside those budgets; the README lists them all.

// Files read from elsewhere (fleet files, scenario and rule JSON, catalog CSV).
inline constexpr Limit fileBytes{"size of a JSON or CSV file read", 0, 64.0 * 1024 * 1024, "bytes",
                                 "the shipped data is under 1 MiB; 64 MiB parses in about a second"};
inline constexpr Limit netboxListBytes{"size of one saved NetBox list (devices.json …)", 0, 512.0 * 1024 * 1024,
                                       "bytes", "200,000 devices at NetBox's 2–3 kB per device record"};
inline constexpr Limit netboxRecords{"records of one saved NetBox list", 0, 1e6, "records",
                                     "the largest NetBox installations hold a few hundred thousand devices"};
inline constexpr Limit siteKw{"power of one site read as kW (NetBox ups_power_kw, utility_power_kw)", 0, 1e8, "kW",
                              "as the power of one site, 100,000 MW"};
inline constexpr Limit fleetFileBytes{"size of a fleet file", 0, 2.0 * 1024 * 1024 * 1024, "bytes",
                                      "a fleet of 10,000 scenarios is under 200 MiB"};
inline constexpr Limit textCharacters{"text field of a JSON file", 0, 100000, "characters",
                                      "the longest shipped text, a rule set's notes, has 2,488"};
inline constexpr Limit nameCharacters{"name (of a scenario, site, run, class, event, owner or rule set)", 1, 256,
                                      "characters",
                                      "names label charts and report rows; the longest shipped, a Federal Register "
                                      "rule's title, has 192"};
inline constexpr Limit jsonDepth{"nesting depth of a JSON document", 0, 64, "levels",
                                 "the deepest shipped document nests 5 levels"};
inline constexpr Limit sqliteSteps{"SQLite work of one query", 0, 2e8, "virtual-machine steps",
                                   "reading the largest accepted fleet takes under 1e7 steps; 2e8 is ~10 s"};
inline constexpr Limit catalogRecords{"records of one kind in a catalog", 0, 10000, "records",
                                      "the shipped catalog holds 35 accelerators and 23 systems"};
inline constexpr Limit catalogNumber{"catalog number (in its file unit: TFLOP/s, W, GB, USD …)", 0, 1e10, "",
                                     "above every published figure (Cerebras WSE-3: 125,000 TFLOP/s); keeps "
                                     "every derived figure finite"};
inline constexpr Limit catalogWhole{"catalog count (ports, accelerators per system, domain size)", 0, 1e6, "",
                                    "a GB200 NVL72 rack holds 72 accelerators; a switch has at most 512 ports"};
inline constexpr Limit ruleThreshold{"rule threshold or cap (TPP, PD, GB/s)", 0, 1e12, "",
                                     "the highest threshold in force is TPP 4,800; caps are ~1e9 TPP"};
inline constexpr Limit noticeDays{"notice days of a licence exception", 0, 3650, "days", "the EAR's are 0–25 days"};
inline constexpr Limit ruleRecords{"entries of one list in a rule set", 0, 10000, "entries",
                                   "the largest shipped rule set has fewer than 200"};
inline constexpr Limit restrictedParties{"entries of a restricted-party list", 0, 100000, "entries",
                                         "the US Consolidated Screening List, every US list together, holds tens of "
                                         "thousands of names"};

// A scenario (the purchase optimizer's input). The product sites × offers × quarters bounds the
// MILP: 200,000 purchase cells is ~1 million columns, CBC's model build stays under 10 s and 4 GiB.
inline constexpr Limit scenarioSites{"sites in a scenario", 0, 200, "sites", "hyperscalers run under 100 regions"};
inline constexpr Limit scenarioOffers{"market offers in a scenario", 0, 500, "offers",
                                      "the catalog has 23 systems, each new and used, over a few vendors"};
inline constexpr Limit scenarioRows{"rows of a scenario list (installed, runs, classes)", 0, 1000, "rows",
                                    "one row per site and system of the largest fleets"};
inline constexpr Limit scenarioQuarters{"quarters in a horizon", 1, 80, "quarters", "20 years, beyond any plan"};
inline constexpr Limit quarterSpan{"quarters of a lead time or a per-quarter series", 0, 80, "quarters",
                                   "no longer than the longest horizon"};
inline constexpr Limit scenarioCells{"sites × offers × quarters of a scenario", 0, 200000, "cells",
                                     "CBC builds that model in under 10 s and 4 GiB; 50 × 40 × 16 is 32,000"};
inline constexpr Limit unitCount{"systems or accelerators in one row (installed, supply, run)", 0, 1e7, "units",
                                 "the largest fleets hold a few million accelerators"};
inline constexpr Limit money{"amount of money (price, budget, resale)", 0, 1e13, "USD",
                             "above a year of world GDP's data-centre spend; Clp needs objective costs below 1e25"};
inline constexpr Limit usdPerKwh{"electricity price", 0, 10, "USD/kWh", "the dearest retail power is under 1 USD/kWh"};
inline constexpr Limit rentalUsdPerHour{"rental price of one accelerator-hour", 0, 1000, "USD",
                                        "the dearest published is 12.29 USD per H100-hour (AWS p5 on demand, 2023)"};
inline constexpr Limit demandValue{
    "revenue or unserved price of demand", 0, 1e6, "USD per PFLOP-hour or per million tokens",
    "a PFLOP-hour rents for ~10 USD, API list prices are 0.1–100 USD per million tokens"};
inline constexpr Limit rentalMonths{"term of a rental contract", 1, 240, "months",
                                    "neocloud contracts run 3–5 years; 20 years is beyond any"};
inline constexpr Limit fabricUsdPerAccelerator{"scale-out fabric price per accelerator", 0, 1e5, "USD",
                                               "a non-blocking 400G InfiniBand fat tree costs ~5,000 USD per "
                                               "accelerator (tests/core/plan/fabric_test.cpp); 1e5 is above any "
                                               "accelerator's own price"};
inline constexpr Limit fabricWattsPerAccelerator{"scale-out fabric power per accelerator", 0, 1e4, "W",
                                                 "a 400G fat tree draws ~70 W per accelerator; 1e4 W is above any "
                                                 "whole server's share"};
inline constexpr Limit usdPerMw{"build-out cost", 0, 1e10, "USD per MW", "data-centre shells cost ~1e7 USD per MW"};
inline constexpr Limit siteMw{"power of one site", 0, 100000, "MW", "the largest campuses announced are ~5 GW"};
inline constexpr Limit pue{"PUE", 1, 5, "", "the worst data centres measured are near 3"};
inline constexpr Limit trainingPflops{"training demand", 0, 1e9, "PFLOP/s",
                                      "all accelerators ever sold deliver under 1e8 PFLOP/s dense BF16"};
inline constexpr Limit tokensPerSecond{"inference demand or speed", 0, 1e12, "tokens/s",
                                       "the largest services serve ~1e9 tokens/s"};
inline constexpr Limit parameters{"model parameters", 0, 1e15, "parameters", "the largest models have ~1e13"};
inline constexpr Limit modelShape{"layers, width, experts or accelerators of one model replica", 0, 1e6, "",
                                  "the largest models have ~200 layers, width ~3e4 and ~1,000 experts"};
inline constexpr Limit bytesPerParameter{"bytes per parameter", 0.125, 8, "bytes", "1-bit to FP64 weights"};
inline constexpr Limit bytesPerToken{"KV-cache bytes per token", 0, 1e9, "bytes", "1e7 for the largest models"};
inline constexpr Limit contextTokens{"context length", 0, 1e9, "tokens", "the longest contexts are 1e7 tokens"};
inline constexpr Limit servingBatch{"concurrent users of one serving replica", 0, 1e6, "users",
                                    "published runs hold ~1e4 (7,168 on 8 B200); the serving model's own bound"};
inline constexpr Limit trainingTokens{"training tokens of one run", 0, 1e18, "tokens",
                                      "the largest published runs train on ~4e13 tokens; the model's own bound"};
inline constexpr Limit trainingFlops{"training work of one named run", 0, 1e30, "FLOPs",
                                     "the largest runs are ~1e26 FLOPs (Epoch AI, epoch.ai/data-insights/"
                                     "models-over-1e25-flop, 2025); 1e30 is ~4 orders beyond"};
inline constexpr Limit rollouts{"RL rollouts of one post-training run", 0, 1e12, "rollouts",
                                "published RL post-training runs generate ~1e7 rollouts"};
inline constexpr Limit eventSeconds{"duration of a checkpoint write or a restart", 0, 86400, "s",
                                    "checkpoints take seconds to minutes; a day is beyond any"};
inline constexpr Limit yearSpan{"years (age, life, horizon of a TCO)", 0, 50, "years",
                                "no accelerator is kept 20 years"};
inline constexpr Limit runWeeks{"length of a training run", 0, 520, "weeks", "10 years"};
inline constexpr Limit rateOrShare{"rate or share (discount rate, headroom, utilization; 1 = 100 %)", 0, 10, "",
                                   "shares are ≤ 1; a discount rate of 1000 % a year is already absurd"};
inline constexpr Limit siteRacks{"racks or rack positions of a site", 0, 1e6, "racks", "the largest halls have ~1e4"};
inline constexpr Limit kwPerRack{"power per rack", 0, 2000, "kW", "liquid-cooled racks reach ~600 kW"};
inline constexpr Limit unitsPerRack{"rack units", 1, 100, "U", "racks are 42–58 U"};

// Uncertainty (core/plan/uncertainty.h). Each future is one CBC solve of the plan's MILP, one at a
// time (CBC's driver is not reentrant): the futures bound the work, the events only the tree's size.
inline constexpr Limit uncertainEvents{"uncertain events of a scenario", 0, 60, "events",
                                       "a planner weighs a handful; 2^60 futures are only ever sampled"};
inline constexpr Limit probability{"probability of an uncertain event", 0, 1, "", "a probability"};
inline constexpr Limit eventMultiplier{
    "multiplier of an uncertain event (demand, price, supply, used market, performance, software)", 0, 100, "",
    "demand, prices, supply and performance move by a few times at most in a horizon"};
inline constexpr Limit capTpp{"TPP a year of an uncertain export-control cap", 0, 1e12, "TPP",
                              "the AI diffusion rule's largest allocation is 790,032,000 TPP (US-AID-2025-01); "
                              "1e12 is ~63 million H100s"};

// Fabrics (topology). A 1,000,000-accelerator fabric builds, and its bisection runs, in about
// 20 s and 6 GiB.
inline constexpr Limit fabricAccelerators{"accelerators in a fabric", 1, 1e6, "accelerators",
                                          "the largest clusters announced are ~1e6 accelerators"};
inline constexpr Limit fabricEdges{"graph edges of a fabric", 0, 2e7, "edges",
                                   "a 1e6-accelerator 3-tier fat tree has ~2e6; each edge costs ~200 bytes"};
inline constexpr Limit fabricNodes{"servers in a fat tree", 0, 1e6, "nodes", "a server holds at least one accelerator"};
inline constexpr Limit nodeAccelerators{"accelerators per node or NICs per node", 1, 1024, "", "servers hold 4–16"};
inline constexpr Limit switchRadix{"switch ports", 2, 2048, "ports", "the largest switch ASICs have 512 ports"};
inline constexpr Limit linkGbps{"link speed", 1, 12800, "Gb/s", "the fastest ports are 1,600 Gb/s"};
inline constexpr Limit planes{"network planes", 1, 64, "planes", "multi-plane fabrics use 2–8"};
inline constexpr Limit nicPorts{"ports of one NIC", 1, 64, "ports", "NICs have 1–4 ports"};
inline constexpr Limit scaleUpDomain{"scale-up domain", 1, 100000, "accelerators", "NVL576 is the largest announced"};
inline constexpr Limit scaleUpGbytesPerS{"scale-up bandwidth", 0, 100000, "GB/s per accelerator",
                                         "NVLink 5 is 1,800 GB/s"};
inline constexpr Limit routerPortsPerUse{"dragonfly terminals or global links per router", 1, 2048, "ports",
                                         "as the switch ports: the largest switch ASICs have 512 ports"};
inline constexpr Limit routersPerGroup{"dragonfly routers per group", 1, 1024, "routers",
                                       "a group is all-to-all: 1,024 routers are 523,776 links"};
inline constexpr Limit torusDimension{"torus nodes along one dimension", 2, 100000, "nodes",
                                      "TPU v4 pods are 16 × 16 × 16"};
inline constexpr Limit failureTrials{"failure trials", 0, 10000, "trials", "1,000 trials give a stable median"};
inline constexpr Limit failureWork{"failure trials × graph edges", 0, 1e8, "edge-trials",
                                   "one max-flow costs ~1 µs per edge: 1e8 is ~60 s"};
inline constexpr Limit linkFailurePercent{"links failed", 0, 100, "%", "a share of all links"};

// Command-line options of their own.
inline constexpr Limit solverSeconds{"solver time limit", 0.001, 86400, "s", "a day; plans solve in minutes"};
inline constexpr Limit mipGap{"relative MIP gap", 0, 1, "", "0 asks for the optimum, 1 for any plan"};
inline constexpr Limit nodeLimit{"branch-and-bound nodes of one solve", 0, 1e9, "nodes",
                                 "0 is no limit; the bound keeps the count within CBC's int"};
inline constexpr Limit estimateCount{"systems in an estimate", 1, 1e7, "systems",
                                     "1e7 systems hold 8e7 accelerators, above any fleet"};
inline constexpr Limit randomSeed{"random seed", 0, 4294967295.0, "", "an unsigned 32-bit seed"};
inline constexpr Limit futures{"futures of a risk or robust run", 1, 1000, "futures",
                               "risk solves one plan per future (the US sample: under 0.4 s each); robust "
                               "holds them all in one MILP"};
inline constexpr Limit hedgingIterations{
    "progressive hedging iterations", 1, 1000, "iterations",
    "each is two CBC solves per future; the US sample (8 futures) converges in 29, ~6 s each"};
inline constexpr Limit hedgingRhoMultiplier{
    "multiplier of progressive hedging's rho", 1e-4, 1e4, "",
    "a scale of the rule; 1e4 either way leaves it no effect or makes it a fixing rule"};
inline constexpr Limit hedgingBoundEvery{
    "progressive hedging iterations between lower bounds", 1, 1000, "iterations",
    "each bound is one more CBC solve per future; the last iteration always computes one"};
inline constexpr Limit hedgingSlamAfter{"progressive hedging iterations before slamming", 1, 1000, "iterations",
                                        "as many as --ph-iterations allows: at 1000, never"};
inline constexpr Limit cvarLevel{"CVaR level", 0, 0.999, "", "the tail is 1 − level of the futures"};
inline constexpr Limit cvarWeight{"weight of CVaR in a robust plan's objective", 0, 1, "",
                                  "0: expected cost alone; 1: CVaR alone"};
inline constexpr Limit threads{"solver threads", 1, 64, "threads", "the reference machine has 2 cores"};

/// Every limit above, in the order above: the one table the README and `fleetwright-cli limits` show.
std::span<const Limit> table();

/// `value` when it is finite and within `limit`; otherwise ValidationError
/// "<what>: <value> is above the largest <most> <unit> accepted (<limit.name>)", or "below …",
/// or "is not a finite number".
double check(const Limit& limit, double value, std::string_view what);

/// As check(), and the value must be whole; returned as a 64-bit integer.
std::int64_t checkWhole(const Limit& limit, double value, std::string_view what);

/// a × b in 64 bits, checked against `limit` (and against overflow): ValidationError naming `what`
/// and both factors when the product is beyond it.
std::int64_t checkProduct(const Limit& limit, std::int64_t a, std::int64_t b, std::string_view what);

} // namespace fw::core::limits
