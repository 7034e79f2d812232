// SPDX-License-Identifier: Apache-2.0
#include <QApplication>
#include <QCommandLineParser>
#include <QScreen>
#include <QTimer>

#include "core/version.h"
#include "ui/mainwindow.h"

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Fleetwright"));
    QApplication::setApplicationName(QStringLiteral("Fleetwright"));
    QApplication::setApplicationVersion(QString::fromLatin1(fw::core::version));
    QApplication::setDesktopFileName(QStringLiteral("fleetwright"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Plans GPU datacenter fleets."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Fleet file to open (default: the sample fleet)"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a PNG of the window to <png> once it is shown, then quit."),
                                  QStringLiteral("png"));
    QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1280x800."),
                            QStringLiteral("WxH"));
    parser.addOption(screenshot);
    parser.addOption(size);
    parser.process(app);

    fw::ui::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || !window.openFile(files.first())) {
        window.newSampleFleet();
    }
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        if (parts.size() == 2) {
            window.resize(parts[0].toInt(), parts[1].toInt());
        }
    }
    window.show();
    if (!parser.isSet(screenshot)) {
        QTimer::singleShot(0, &window, &fw::ui::MainWindow::offerRecovery);
    }
    if (parser.isSet(screenshot)) {
        QTimer::singleShot(1500, &window, [&window, path = parser.value(screenshot)] {
            const bool saved = window.grab().save(path);
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
