// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/limits.h"

namespace fw::core {

/// The whole content of `path`, refused beyond `size` (ValidationError). Throws IoError naming the
/// file when it cannot be read or is a directory.
std::string readTextFile(const std::filesystem::path& path, const limits::Limit& size = limits::fileBytes);

/// A new file beside `target` (`target.tmp-NNNNNNNNN`), created with O_CREAT|O_EXCL and held under
/// an exclusive flock while this object lives, so that removeStaleTemporaries() can tell a writer's
/// file from one left by a killed process. commit() makes it `target` atomically and durably: fsync
/// of the file, rename over `target`, fsync of the directory. Destroyed uncommitted, it is removed.
/// Throws IoError naming `target`. Not thread-safe.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& target);
    ~TemporaryFile();
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    /// Where to write (by this object's write() or by a library given the path).
    const std::filesystem::path& path() const { return m_path; }
    void write(std::string_view content);
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_path;
    int m_fd = -1;
    bool m_committed = false;
};

/// Writes `content` to a TemporaryFile and commits it, so that `path` is either the old file or the
/// complete new one, never half-written. Throws IoError.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

/// Removes the temporaries of `target` (`target.tmp-*` and their SQLite journals) that no living
/// writer holds: what a process killed while saving left behind. Never throws.
void removeStaleTemporaries(const std::filesystem::path& target);

/// IoError unless `target` can be a file: not a directory, and its directory exists.
void requireWritableTarget(const std::filesystem::path& target);

} // namespace fw::core
