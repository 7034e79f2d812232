// SPDX-License-Identifier: Apache-2.0
// Not a test by itself: the child process tests/cli/kill_soak_test.py kills with SIGKILL while it
// saves. It opens FILE as the GUI does (ui::FleetDocument), changes the company name to NAME through
// an undo step, and saves (File → Save), or saves as COPY (File → Save As…) when given.
//   fleetwright-document-saver FILE NAME [COPY]
#include <QCoreApplication>

#include <cstdio>

#include "core/error.h"
#include "ui/document/fleetdocument.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3 || argc > 4) {
        std::fprintf(stderr, "usage: fleetwright-document-saver FILE NAME [COPY]\n");
        return 2;
    }
    try {
        fw::ui::FleetDocument document;
        document.open(QString::fromLocal8Bit(argv[1]));
        auto company = document.fleet().company;
        company.name = argv[2];
        document.changeCompany(company);
        if (argc == 4) {
            document.saveAs(QString::fromLocal8Bit(argv[3]));
        } else {
            document.save();
        }
    } catch (const fw::core::Error& e) {
        std::fprintf(stderr, "fleetwright-document-saver: %s\n", e.what());
        return 1;
    }
    return 0;
}
