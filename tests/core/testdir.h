// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace fw::tests {

/// A fresh empty directory under the system's temporary directory, removed on destruction.
class TemporaryDirectory {
public:
    TemporaryDirectory()
    {
        std::random_device seed;
        m_path = std::filesystem::temp_directory_path() / ("fleetwright-test-" + std::to_string(seed()));
        std::filesystem::create_directories(m_path);
    }
    ~TemporaryDirectory()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// The tests' own fixtures (`tests/` of the source tree).
std::filesystem::path testSources();

/// The shipped data directory of the source tree.
std::filesystem::path shippedData();

} // namespace fw::tests
