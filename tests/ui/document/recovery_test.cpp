// SPDX-License-Identifier: Apache-2.0
// Crash recovery for real: a child process edits a fleet, autosaves and is killed with SIGKILL; the
// next session finds the autosave, restores it as unsaved changes and can save them.
#include <QApplication>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>

#include "core/store/fleetdatabase.h"
#include "ui/document/fleetdocument.h"
#include "ui/mainwindow.h"

using namespace fw::ui;

namespace {

/// The edit the child makes before it dies.
fw::core::Company editedCompany()
{
    return {"Crashed Cloud Inc.", "DE", "US"};
}

/// Child mode: open `path`, edit, autosave, die as kill -9 would leave it.
[[noreturn]] void editAutosaveAndDie(const QString& path)
{
    MainWindow window;
    if (!window.openFile(path)) {
        std::_Exit(3);
    }
    window.document()->changeCompany(editedCompany());
    window.autosave();
    std::fflush(nullptr);
    std::raise(SIGKILL);
    std::_Exit(4); // not reached
}

} // namespace

class RecoveryTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        for (const auto& orphan : RecoveryFile::orphans()) {
            RecoveryFile::remove(orphan);
        }
    }

    void aKilledSessionsChangesAreRestoredAsUnsaved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crash.fleet"));
        fw::core::store::FleetDatabase::create(path.toStdString(), fw::core::sampleFleet());

        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--edit-autosave-and-die"), path});
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit); // killed, no clean-up ran

        const auto orphans = RecoveryFile::orphans();
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans.front().originPath, path);

        MainWindow window;
        QVERIFY(window.restoreAutosave(orphans.front()));
        QCOMPARE(window.document()->filePath(), path);
        QCOMPARE(window.document()->fleet().company, editedCompany());
        QVERIFY(window.document()->isModified()); // shown as unsaved: closing asks
        QVERIFY(RecoveryFile::orphans().isEmpty());
        QVERIFY(window.recoveryFile().exists()); // this session now protects the restored changes
        // The file itself still holds what was saved before the crash, until the planner saves.
        QCOMPARE(fw::core::store::FleetDatabase::open(path.toStdString()).fleet(), fw::core::sampleFleet());
        window.document()->save();
        QVERIFY(!window.recoveryFile().exists());
        QCOMPARE(fw::core::store::FleetDatabase::open(path.toStdString()).fleet().company, editedCompany());
        window.document()->undoStack()->undo(); // the restore is one undo step
        QCOMPARE(window.document()->fleet(), fw::core::sampleFleet());
    }

    void aRunningSessionsAutosaveIsNotAnOrphanAndAnUnmodifiedOneIsNone()
    {
        MainWindow window;
        window.newSampleFleet();
        window.autosave();
        QVERIFY(!window.recoveryFile().exists()); // nothing unsaved, nothing written
        window.document()->changeCompany(editedCompany());
        window.autosave();
        QVERIFY(window.recoveryFile().exists());
        QVERIFY(RecoveryFile::orphans().isEmpty()); // its lock is held by a live session
        window.document()->undoStack()->undo();     // back to clean: the autosave goes
        QVERIFY(!window.recoveryFile().exists());
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // recovery files under ~/.qttest, not the user's
    if (argc == 3 && QString::fromLocal8Bit(argv[1]) == QStringLiteral("--edit-autosave-and-die")) {
        editAutosaveAndDie(QString::fromLocal8Bit(argv[2]));
    }
    RecoveryTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "recovery_test.moc"
