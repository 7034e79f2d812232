// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include "core/catalog/catalog.h"
#include "core/workload/assumptions.h"

namespace fw::core::facility {

/// Where a system's power per accelerator comes from, and what it is at each level.
struct PowerPerAccelerator {
    double serverWatts = 0.0;         ///< the system's share, before network and storage
    std::string serverBasis;          ///< "published maximum 10200 W / 8" or "TDP 700 W × 1.3 host factor"
    bool estimated = false;           ///< the server power is the TDP × host-factor fallback, not published
    double networkStorageShare = 0.0; ///< of server power
    double itWatts = 0.0;             ///< all in: server × (1 + network and storage share)
};

/// Power per accelerator of `system` (of `accelerator`): its published maximum divided by the
/// accelerator count, else TDP plus the published host overhead, else TDP × the host-overhead rule
/// of thumb (marked `estimated`); then network, storage and management added as a share of the
/// server power. Throws ValidationError when even the TDP is unknown, or the share is outside [0, 1].
PowerPerAccelerator powerPerAccelerator(const catalog::System& system, const catalog::Accelerator& accelerator,
                                        double networkStorageShare, const workload::ModelAssumptions& assumptions);

/// The first system in the catalog built from `accelerator`, or nullptr.
const catalog::System* firstSystemOf(const catalog::Catalog& catalog, const catalog::Accelerator& accelerator);

struct PowerEstimate {
    PowerPerAccelerator perAccelerator;
    int systems = 0;
    std::int64_t accelerators = 0;
    double pue = 1.0;
    double utilization = 1.0;
    double fabricItMegawatts = 0.0; ///< the scale-out fabric's part of itMegawatts
    double itMegawatts = 0.0;       ///< servers (with network and storage) + fabric
    double facilityMegawatts = 0.0; ///< IT × PUE
    double energyMwhPerYear = 0.0;  ///< facility power × utilization × 8,760 h
};

/// `count` systems at `pue` (≥ 1) drawing `utilization` (0–1] of their maximum on average, each
/// with `fabricWattsPerSystem` IT watts of scale-out fabric (its share of the switches and optics,
/// added after the network and storage share, as PlanModel adds a unit's fabric; 0: none), drawn
/// like the servers: × PUE, × utilization. Throws ValidationError naming the bad input.
PowerEstimate estimatePower(const catalog::System& system, const catalog::Accelerator& accelerator, int count,
                            double pue, double utilization, double networkStorageShare,
                            const workload::ModelAssumptions& assumptions, double fabricWattsPerSystem = 0.0);

/// How many systems a power budget hosts at nameplate, and with power capping (oversubscription).
struct Oversubscription {
    int nameplateSystems = 0;
    int cappedSystems = 0;
    double gain = 0.0;
    std::string risk;
};

/// `availableMegawatts` of facility power for systems of `itWattsPerSystem`; `gain` is the extra
/// share of systems capping allows (POLCA reports about 0.3 for inference).
Oversubscription oversubscribe(double availableMegawatts, double itWattsPerSystem, double pue, double gain);

/// Throws ValidationError "<name> <value> …" unless `value` is in [low, high] (or (low, high] when
/// `lowOpen`).
void requireRange(const std::string& name, double value, double low, double high, bool lowOpen = false);

} // namespace fw::core::facility
