// SPDX-License-Identifier: Apache-2.0
#include <QApplication>
#include <QDate>
#include <QFileInfo>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/futurejson.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/report/planreport.h"
#include "core/report/reportmodel.h"
#include "core/store/fleetdatabase.h"
#include "ui/report/reportwriter.h"

namespace fw::cli {

/// `report FILE [--scenario NAME] --pdf OUT [--paper a4|letter] [--risk …] [--gap G] [--time-limit S]
/// [--node-limit N] [--timings]`: the plan report of the scenario (the file's first without --scenario),
/// with a risk section under --risk, or the catalog report when the file has no scenario. The gap and
/// the limits apply to every solve, the plan's and each future's. Renders on Qt's offscreen platform,
/// so it needs no display.
/// --timings tells on stderr how long planning (with the sensitivity re-solves) and drawing took.
int runReport(Arguments args)
{
    const auto pdf = args.option("pdf");
    const auto scenarioName = args.option("scenario");
    const std::string paper = args.text("paper");
    core::plan::OptimizerOptions options;
    options.timeLimitSeconds = *args.number("time-limit");
    options.relativeGap = *args.number("gap");
    options.nodeLimit = static_cast<int>(*args.integer("node-limit"));
    const bool timings = args.flag("timings");
    const bool riskOptions = args.given("futures") || args.given("seed") || args.given("cvar") ||
                             args.given("robust") || args.given("threads");
    const bool risk = args.flag("risk");
    core::report::ReportRisk riskRequest;
    riskRequest.futures.futures = static_cast<int>(*args.integer("futures"));
    riskRequest.futures.seed = static_cast<std::uint32_t>(*args.integer("seed"));
    riskRequest.futures.threads = static_cast<int>(*args.integer("threads"));
    riskRequest.alpha = *args.number("cvar");
    const auto robust = args.option("robust");
    const std::string file = args.positional("FILE");
    args.finish();
    if (!pdf) {
        throw UsageError("report needs --pdf OUT");
    }
    if (riskOptions && !risk) {
        throw UsageError("--futures, --seed, --cvar, --robust and --threads apply to the risk section: add --risk");
    }
    if (robust) {
        riskRequest.robust = robustMethod("--robust", *robust);
    }
    if (paper != "a4" && paper != "letter") {
        throw UsageError("--paper must be a4 or letter");
    }
    core::requireWritableTarget(*pdf);
    const auto database = core::store::FleetDatabase::open(file);
    const auto& fleet = database.fleet();
    const core::plan::Scenario* scenario = fleet.scenarios.empty() ? nullptr : &fleet.scenarios.front();
    if (scenarioName) {
        scenario = nullptr;
        for (const auto& s : fleet.scenarios) {
            if (s.name == *scenarioName) {
                scenario = &s;
            }
        }
        if (scenario == nullptr) {
            throw core::ValidationError(file + ": no scenario named '" + *scenarioName + "'");
        }
    }
    const std::string fileName = QFileInfo(QString::fromStdString(file)).fileName().toStdString();
    const std::string date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    const auto started = std::chrono::steady_clock::now();
    if (risk && scenario == nullptr) {
        throw core::ValidationError(file + ": no scenarios, so no risk section; add one with import FILE --scenario "
                                           "IN.json");
    }
    const auto model = [&] {
        if (scenario == nullptr) {
            return core::report::buildCatalogReport(fleet, fileName, date);
        }
        try {
            return core::report::planAndReport(fleet, *scenario, core::compliance::RuleLibrary::loadShipped(),
                                               core::workload::shippedModelAssumptions(), options, fileName,
                                               core::readTextFile(file), date, risk ? &riskRequest : nullptr);
        } catch (const core::ValidationError& e) {
            throw core::ValidationError(file + ": scenario '" + scenario->name + "': " + e.what());
        }
    }();
    const auto planned = std::chrono::steady_clock::now();
    // Only to draw (an input refused above says so without Qt's start-up chatter on stderr).
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    }
    int argc = 1;
    char program[] = "fleetwright-cli";
    char* argv[] = {program, nullptr};
    QApplication app(argc, argv); // Qt Charts draws through QGraphicsWidget, which needs QApplication
    ui::writeReportPdf(model, QString::fromStdString(*pdf), paper == "letter" ? ui::Paper::Letter : ui::Paper::A4);
    if (timings) {
        const auto seconds = [](auto from, auto to) { return std::chrono::duration<double>(to - from).count(); };
        std::cerr << "planned and built the report model in " << seconds(started, planned) << " s, drew the PDF in "
                  << seconds(planned, std::chrono::steady_clock::now()) << " s\n";
    }
    std::cout << *pdf << "\n";
    return 0;
}

} // namespace fw::cli
