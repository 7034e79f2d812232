// SPDX-License-Identifier: Apache-2.0
#include "ui/help/helpdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/compliance/rulelibrary.h"
#include "core/components.h"
#include "core/error.h"
#include "core/fleet.h"
#include "core/version.h"

namespace fw::ui {

HelpDialog::HelpDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("Fleetwright guide"));
    setObjectName(QStringLiteral("helpDialog"));
    QFile guide(QStringLiteral(":/help/guide.html"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setHtml(guide.open(QIODevice::ReadOnly) ? QString::fromUtf8(guide.readAll())
                                                       : tr("The guide is missing from this build."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(720, 640);
}

void HelpDialog::showSection(const QString& anchor)
{
    m_browser->scrollToAnchor(anchor);
}

QString aboutHtml()
{
    QString html = QObject::tr("<h3>Fleetwright %1</h3><p>Plans GPU datacenter fleets: what accelerators to buy, how "
                               "many, where and when, under power, money, vendor mix and export controls.</p>")
                       .arg(QString::fromUtf8(core::version));
    html += QObject::tr("<p><b>Built with</b> Qt %1").arg(QString::fromUtf8(qVersion()));
    for (const auto& [name, version] : core::componentVersions()) {
        html += QStringLiteral(", %1 %2").arg(QString::fromStdString(name), QString::fromStdString(version));
    }
    html += QStringLiteral(".</p>");
    html += QObject::tr("<p><b>Data shipped</b> (every record carries its source; <code>data/</code> in the "
                        "source tree):</p><ul>");
    try {
        const auto rules = core::compliance::RuleLibrary::loadShipped();
        html += QObject::tr("<li>%1 export-control rule sets, the newest in force on %2 (US EAR; decision support, "
                            "not legal advice)</li>")
                    .arg(rules.ruleSets().size())
                    .arg(QString::fromStdString(rules.newestDate().toString()));
        const auto catalog = core::newFleet("about").catalog;
        html += QObject::tr("<li>A catalog of %1 accelerators, %2 systems and %3 network parts from datasheets and "
                            "published prices</li>")
                    .arg(catalog.accelerators.size())
                    .arg(catalog.systems.size())
                    .arg(catalog.networkParts.size());
    } catch (const core::Error& e) {
        html += QObject::tr("<li>The shipped data could not be read: %1</li>").arg(QString::fromUtf8(e.what()));
    }
    html += QObject::tr("<li>Model assumptions (MFU, goodput, PUE, utilisation …) with the paper or dataset each "
                        "comes from; the report lists them</li></ul>");
    html += QObject::tr("<p>Licensed under the Apache License 2.0.</p>");
    return html;
}

} // namespace fw::ui
