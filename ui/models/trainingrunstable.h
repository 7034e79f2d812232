// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/scenariotablemodel.h"

namespace fw::ui {

/// The named training runs of a scenario as a ScenarioTable: name, start, accelerators, weeks, and
/// the work a run may be stated as instead (training FLOPs, or parameters × tokens) with its
/// precision. A run stated as work is sized per system family by core (plan::runSizeOn), so its
/// accelerators cell is empty unless a cluster size is given, and its weeks are the deadline.
/// Stating the work one way clears the other in the same edit; typing parameters (or tokens) for a
/// run stated in FLOPs keeps its work, deriving the other factor. Range checks are
/// plan::checkScenario's, applied when the edit is pushed.
ScenarioTable trainingRunsTable();

} // namespace fw::ui
