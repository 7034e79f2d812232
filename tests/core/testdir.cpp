// SPDX-License-Identifier: Apache-2.0
#include "tests/core/testdir.h"

namespace fw::tests {

// The checkout's paths come from this file's compile definitions only (tests/CMakeLists.txt), so
// that every other test object is the same in any clone and hits the compiler cache.
std::filesystem::path testSources()
{
    return FW_TEST_SOURCE_DIR;
}

std::filesystem::path shippedData()
{
    return FW_TEST_DATA_DIR;
}

} // namespace fw::tests
