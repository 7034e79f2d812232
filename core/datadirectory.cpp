// SPDX-License-Identifier: Apache-2.0
#include "core/datadirectory.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "core/error.h"

namespace fw::core {
namespace {

bool holdsData(const std::filesystem::path& dir)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(dir / "catalog" / "accelerators.json", ec);
}

} // namespace

std::filesystem::path dataDirectory()
{
    std::vector<std::filesystem::path> candidates;
    if (const char* fromEnvironment = std::getenv("FLEETWRIGHT_DATA_DIR"); fromEnvironment && *fromEnvironment) {
        candidates.emplace_back(fromEnvironment);
    }
    std::error_code ec;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(executable.parent_path().parent_path() / "share" / "fleetwright");
    }
    candidates.emplace_back(FW_SOURCE_DATA_DIR);
    std::string tried;
    for (const auto& dir : candidates) {
        if (holdsData(dir)) {
            return dir;
        }
        tried += (tried.empty() ? "" : ", ") + dir.string();
    }
    throw IoError("cannot find Fleetwright's data files (looked in " + tried + "; set FLEETWRIGHT_DATA_DIR)");
}

} // namespace fw::core
