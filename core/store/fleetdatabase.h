// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/fleet.h"

namespace fw::core::store {

/// A fleet file (`.fleet`): one SQLite database with `PRAGMA application_id` = applicationId and
/// `user_version` = its schema version. The whole fleet is read on open and written on save, each
/// save in one transaction, so a file is never left half-written. Not thread-safe.
class FleetDatabase {
public:
    /// "FLWT" in ASCII; registered nowhere else we know of (https://www.sqlite.org/src/file/magic.txt).
    static constexpr std::int32_t applicationId = 0x464C5754;
    /// The newest schema this build reads and the one it writes. 1: catalog and company; 2: adds
    /// scenarios (a version-1 file opens with none and is migrated on its next save); 3: adds saved
    /// plans; 4: adds each system price's scope (store/catalogtables.h says what older files get).
    static constexpr int schemaVersion = 4;

    /// Opens and reads `path`. The file is opened read-only for this, so a file that fails to open
    /// is never modified. Throws FileFormatError naming the file: not an SQLite database; SQLite but
    /// not a fleet database; written by a newer schema ("schema 7; this build reads up to 1");
    /// corrupt; invalid catalog records. Throws IoError when the file cannot be read.
    static FleetDatabase open(const std::filesystem::path& path);

    /// Writes `fleet` to a new file at `path`, replacing any file there only once the new one is
    /// complete (write to a temporary sibling, then rename). Throws IoError.
    static FleetDatabase create(const std::filesystem::path& path, const Fleet& fleet);

    const std::filesystem::path& path() const { return m_path; }
    const Fleet& fleet() const { return m_fleet; }

    /// Replaces the file's content with `fleet` in one transaction. Throws IoError.
    void save(const Fleet& fleet);

    /// Writes `fleet` to `path` (as create()) and makes that file this database's file.
    void saveAs(const std::filesystem::path& path, const Fleet& fleet);

private:
    FleetDatabase(std::filesystem::path path, Fleet fleet) : m_path(std::move(path)), m_fleet(std::move(fleet)) {}

    std::filesystem::path m_path;
    Fleet m_fleet; ///< as last read or saved
};

} // namespace fw::core::store
