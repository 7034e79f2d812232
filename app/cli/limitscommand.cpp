// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "core/limits.h"
#include "core/numbertext.h"

namespace fw::cli {

/// `limits [--json]`: core/limits.h as a table (what, least, most, unit, why).
int runLimits(Arguments args)
{
    const bool json = args.flag("json");
    args.finish();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& limit : core::limits::table()) {
        rows.push_back({{"name", limit.name},
                        {"least", limit.least},
                        {"most", limit.most},
                        {"unit", limit.unit},
                        {"basis", limit.basis}});
        if (!json) {
            std::cout << limit.name << ": " << core::formatNumber(limit.least) << "–" << core::formatNumber(limit.most)
                      << (limit.unit.empty() ? "" : " ") << limit.unit << " (" << limit.basis << ")\n";
        }
    }
    if (json) {
        std::cout << nlohmann::json{{"limits", rows}}.dump(2) << "\n";
    }
    return 0;
}

} // namespace fw::cli
