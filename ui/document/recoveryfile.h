// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QLockFile>
#include <QString>

#include <memory>

#include "core/fleet.h"

namespace fw::ui {

/// This session's autosave of unsaved changes, `unsaved-<pid>-<ms>.fleet` in the recovery folder,
/// with the path of the file it belongs to beside it (`.origin`) and a lock held while the session
/// runs. A session that ends normally removes all three; after a crash (kill -9 too) they stay, the
/// lock goes stale, and the next session finds the autosave with orphans(). GUI thread only.
class RecoveryFile {
public:
    /// An autosave left by a session that is no longer running.
    struct Orphan {
        QString path;       ///< the autosaved fleet
        QString originPath; ///< the file it belongs to; empty for an unsaved fleet
        QDateTime written;
    };

    /// `folder` is created when missing; default: the application's data folder.
    explicit RecoveryFile(QString folder = defaultFolder());
    ~RecoveryFile();
    RecoveryFile(const RecoveryFile&) = delete;
    RecoveryFile& operator=(const RecoveryFile&) = delete;

    static QString defaultFolder();

    /// Writes `fleet` (complete, or not at all: temporary sibling, then rename). Throws fw::core::Error.
    void write(const core::Fleet& fleet, const QString& originPath);
    /// Removes this session's autosave (after a save, or when nothing is unsaved any more).
    void discard();
    bool exists() const;
    QString path() const { return m_path; }

    /// The autosaves in `folder` whose session has ended without removing them, oldest first.
    static QList<Orphan> orphans(const QString& folder = defaultFolder());
    /// Reads an orphan's fleet. Throws fw::core::Error (a broken autosave says so).
    static core::Fleet read(const Orphan& orphan);
    /// Removes an orphan's files.
    static void remove(const Orphan& orphan);

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace fw::ui
