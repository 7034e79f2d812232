// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

#include "core/report/reportmodel.h"

namespace fw::cli {

/// Prints `table` as aligned plain-text columns under its title, for a terminal.
void printTable(std::ostream& out, const core::report::ReportTable& table);

} // namespace fw::cli
