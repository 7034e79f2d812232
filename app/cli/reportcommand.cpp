// SPDX-License-Identifier: Apache-2.0
#include <QApplication>
#include <QDate>
#include <QFileInfo>

#include <cstdlib>
#include <iostream>

#include "app/cli/commands.h"
#include "core/report/reportmodel.h"
#include "core/store/fleetdatabase.h"
#include "ui/reportwriter.h"

namespace fw::cli {

/// `report FILE --pdf OUT`: renders on Qt's offscreen platform, so it needs no display.
int runReport(Arguments args, int argc, char** argv)
{
    const auto pdf = args.option("pdf");
    const std::string file = args.positional("FILE");
    args.finish();
    if (!pdf) {
        throw UsageError("report needs --pdf OUT");
    }
    const auto database = core::store::FleetDatabase::open(file);
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    }
    QApplication app(argc, argv); // Qt Charts draws through QGraphicsWidget, which needs QApplication
    const auto model = core::report::buildCatalogReport(
        database.fleet(), QFileInfo(QString::fromStdString(file)).fileName().toStdString(),
        QDate::currentDate().toString(Qt::ISODate).toStdString());
    ui::writeReportPdf(model, QString::fromStdString(*pdf));
    std::cout << *pdf << "\n";
    return 0;
}

} // namespace fw::cli
