// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace fw::core {

/// The whole content of `path`. Throws IoError naming the file when it cannot be read.
std::string readTextFile(const std::filesystem::path& path);

/// Writes `content` to a temporary file beside `path` and renames it over `path`, so that `path`
/// is either the old file or the complete new one, never half-written. Throws IoError.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

/// A path beside `path` that does not exist yet, for writing before an atomic rename.
std::filesystem::path temporarySibling(const std::filesystem::path& path);

} // namespace fw::core
