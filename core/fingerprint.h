// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace fw::core {

/// FNV-1a 64-bit fingerprint of `bytes`, as 16 hex digits: tells one input from another (a report's
/// fleet file, a saved plan's inputs). Not a cryptographic hash: it detects change, not tampering.
inline std::string fingerprint(std::string_view bytes)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a 64 offset basis
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL; // FNV-1a 64 prime
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

} // namespace fw::core
