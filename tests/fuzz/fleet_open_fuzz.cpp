// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a fleet file (every command that opens FILE). The input is written to a file in
// a private temporary directory and opened; it must open or throw fw::core::Error, never change the
// bytes it was given, and an opened fleet must save again; each saved plan's record must read or throw
// fw::core::FileFormatError.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.h"
#include "core/plan/savedplan.h"
#include "core/store/fleetdatabase.h"

namespace {

std::string contentOf(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::filesystem::path directory = [] {
        char pattern[] = "/tmp/fleetwright-fuzz-XXXXXX";
        return std::filesystem::path(mkdtemp(pattern));
    }();
    const auto file = directory / "input.fleet";
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    std::filesystem::remove(file.string() + "-journal");
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    try {
        const auto database = fw::core::store::FleetDatabase::open(file);
        if (contentOf(file) != bytes) {
            std::abort(); // opening changed a file it only read
        }
        for (const auto& saved : database.fleet().plans) {
            try {
                fw::core::plan::readSavedPlan(saved);
            } catch (const fw::core::FileFormatError&) {
            }
        }
        fw::core::store::FleetDatabase::create(directory / "copy.fleet", database.fleet());
        fw::core::store::FleetDatabase::open(directory / "copy.fleet");
    } catch (const fw::core::Error&) {
    }
    return 0;
}
