// SPDX-License-Identifier: Apache-2.0
#include "ui/imports/netboximportdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "core/error.h"
#include "core/fileio.h"
#include "ui/document/fleetdocument.h"

namespace fw::ui {
namespace {

/// A line edit with a Browse… button beside it.
QWidget* withBrowse(QLineEdit* edit, QWidget* parent, std::function<QString()> browse)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* button = new QPushButton(QObject::tr("Browse…"), row);
    layout->addWidget(button);
    QObject::connect(button, &QPushButton::clicked, edit, [edit, browse] {
        if (const QString path = browse(); !path.isEmpty()) {
            edit->setText(path);
        }
    });
    return row;
}

} // namespace

NetboxImportDialog::NetboxImportDialog(FleetDocument* document, QWidget* parent)
    : QDialog(parent), m_document(document), m_directory(new QLineEdit(this)), m_map(new QLineEdit(this)),
      m_scenario(new QLineEdit(QStringLiteral("NetBox import"), this)), m_summary(new QPlainTextEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import from NetBox"));
    auto* intro = new QLabel(tr("A directory holding what NetBox's REST API returns, one file per endpoint "
                                "(sites.json, racks.json, devices.json, device-types.json, power-panels.json, "
                                "power-feeds.json; regions.json optional), each saved whole with ?limit=0."),
                             this);
    intro->setWordWrap(true);
    m_directory->setPlaceholderText(tr("directory of NetBox JSON"));
    m_map->setPlaceholderText(tr("optional: manufacturer,model,system"));
    auto* form = new QFormLayout;
    form->addRow(tr("NetBox JSON:"), withBrowse(m_directory, this, [this] {
                     return QFileDialog::getExistingDirectory(this, tr("NetBox JSON directory"));
                 }));
    form->addRow(tr("Device-type map:"), withBrowse(m_map, this, [this] {
                     return QFileDialog::getOpenFileName(this, tr("Device-type map"), QString(),
                                                         tr("CSV (*.csv);;All files (*)"));
                 }));
    form->addRow(tr("Scenario:"), m_scenario);
    auto* statuses = new QHBoxLayout;
    for (const char* status : {"active", "planned", "staged", "offline", "failed", "inventory", "decommissioning"}) {
        auto* box = new QCheckBox(QString::fromLatin1(status), this);
        box->setChecked(QLatin1String(status) == QLatin1String("active"));
        statuses->addWidget(box);
        m_statuses.emplace_back(QString::fromLatin1(status), box);
    }
    statuses->addStretch();
    form->addRow(tr("Devices counted:"), statuses);
    m_summary->setReadOnly(true);
    m_summary->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_summary->setPlaceholderText(tr("Preview shows the sites, their power arithmetic, the installed systems and "
                                     "every device left out, before anything changes."));
    m_previewButton = m_buttons->addButton(tr("&Preview"), QDialogButtonBox::ActionRole);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_buttons);
    connect(m_previewButton, &QPushButton::clicked, this, &NetboxImportDialog::preview);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        if (apply()) {
            accept();
        }
    });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &NetboxImportDialog::showResult);
    // Any change to the inputs makes the preview stale.
    for (QLineEdit* edit : {m_directory, m_map, m_scenario}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            m_result.reset();
            m_importButton->setEnabled(false);
        });
    }
    resize(900, 600);
}

void NetboxImportDialog::preview()
{
    m_result.reset();
    m_importButton->setEnabled(false);
    m_previewButton->setEnabled(false);
    m_summary->setPlainText(tr("Reading…"));
    const std::string directory = m_directory->text().trimmed().toStdString();
    const std::string map = m_map->text().trimmed().toStdString();
    const std::string name = m_scenario->text().trimmed().toStdString();
    core::io::NetboxImportOptions options;
    options.deviceStatuses.clear();
    for (const auto& [status, box] : m_statuses) {
        if (box->isChecked()) {
            options.deviceStatuses.insert(status.toStdString());
        }
    }
    m_watcher.setFuture(QtConcurrent::run([fleet = m_document->fleet(), directory, map, name, options]() mutable {
        Outcome outcome;
        try {
            if (name.empty()) {
                throw core::ValidationError("the scenario needs a name");
            }
            if (!map.empty()) {
                options.typeMap = core::io::deviceTypeMapFromCsv(core::readTextFile(map), map, fleet.catalog);
            }
            outcome.result = core::io::importNetboxIntoFleet(fleet, name, directory, options, core::Date::today());
        } catch (const std::exception& e) {
            outcome.error = QString::fromStdString(e.what());
        }
        return outcome;
    }));
}

void NetboxImportDialog::showResult()
{
    m_previewButton->setEnabled(true);
    Outcome outcome = m_watcher.result();
    if (!outcome.result) {
        m_summary->setPlainText(tr("Cannot import: %1").arg(outcome.error));
        emit previewFinished(false);
        return;
    }
    QStringList lines;
    for (const auto& line : core::io::describeNetboxImport(*outcome.result)) {
        lines << QString::fromStdString(line);
    }
    m_summary->setPlainText(lines.join(QLatin1Char('\n')));
    m_result = std::move(outcome.result);
    m_importButton->setEnabled(true);
    emit previewFinished(true);
}

bool NetboxImportDialog::apply()
{
    if (!m_result) {
        return false;
    }
    const auto& scenarios = m_document->fleet().scenarios;
    const QString text = tr("Import from NetBox");
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        if (scenarios[i].name == m_result->scenario.name) {
            m_document->setCurrentScenario(static_cast<int>(i));
            return m_document->changeScenario(m_result->scenario, text);
        }
    }
    m_document->addScenario(m_result->scenario, text);
    return true;
}

} // namespace fw::ui
