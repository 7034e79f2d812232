// SPDX-License-Identifier: Apache-2.0
#include "ui/document/recoveryfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

#include "core/error.h"
#include "core/store/fleetdatabase.h"

namespace fw::ui {
namespace {

QString originOf(const QString& path)
{
    return path + QStringLiteral(".origin");
}

QString lockOf(const QString& path)
{
    return path + QStringLiteral(".lock");
}

} // namespace

QString RecoveryFile::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

RecoveryFile::RecoveryFile(QString folder)
{
    QDir().mkpath(folder);
    m_path = QDir(folder).filePath(QStringLiteral("unsaved-%1-%2.fleet")
                                       .arg(QCoreApplication::applicationPid())
                                       .arg(QDateTime::currentMSecsSinceEpoch()));
    m_lock = std::make_unique<QLockFile>(lockOf(m_path));
    m_lock->tryLock(0); // a fresh name: nobody else holds it
}

RecoveryFile::~RecoveryFile()
{
    discard();
}

void RecoveryFile::write(const core::Fleet& fleet, const QString& originPath)
{
    core::store::FleetDatabase::create(m_path.toStdString(), fleet);
    QSaveFile origin(originOf(m_path));
    if (!origin.open(QIODevice::WriteOnly) || origin.write(originPath.toUtf8()) < 0 || !origin.commit()) {
        throw core::IoError(originOf(m_path).toStdString() + ": cannot write: " + origin.errorString().toStdString());
    }
}

void RecoveryFile::discard()
{
    QFile::remove(m_path);
    QFile::remove(originOf(m_path));
}

bool RecoveryFile::exists() const
{
    return QFileInfo::exists(m_path);
}

QList<RecoveryFile::Orphan> RecoveryFile::orphans(const QString& folder)
{
    QList<Orphan> found;
    const QDir dir(folder);
    for (const QFileInfo& file : dir.entryInfoList({QStringLiteral("unsaved-*.fleet")}, QDir::Files)) {
        QLockFile lock(lockOf(file.filePath()));
        if (!lock.tryLock(0)) {
            continue; // its session is still running (another window of Fleetwright)
        }
        Orphan orphan{file.filePath(), QString(), file.lastModified()};
        QFile origin(originOf(file.filePath()));
        if (origin.open(QIODevice::ReadOnly)) {
            orphan.originPath = QString::fromUtf8(origin.readAll());
        }
        found.push_back(orphan);
    }
    std::sort(found.begin(), found.end(), [](const Orphan& a, const Orphan& b) { return a.written < b.written; });
    return found;
}

core::Fleet RecoveryFile::read(const Orphan& orphan)
{
    return core::store::FleetDatabase::open(orphan.path.toStdString()).fleet();
}

void RecoveryFile::remove(const Orphan& orphan)
{
    QFile::remove(orphan.path);
    QFile::remove(originOf(orphan.path));
    QFile::remove(lockOf(orphan.path));
}

} // namespace fw::ui
