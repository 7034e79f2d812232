// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QFutureWatcher>

#include <optional>

#include "core/io/netboximport.h"

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace fw::ui {

class FleetDocument;

/// File → Import from NetBox: the directory of saved NetBox JSON, an optional device-type map
/// (MAP.csv), the scenario to create or update and the device statuses that count. Preview reads
/// and checks everything off the GUI thread (on a copy of the fleet) and shows the summary — power
/// arithmetic per site, installed systems, unmapped types, devices left out; Import then puts the
/// scenario in as one undo step. GUI thread only.
class NetboxImportDialog : public QDialog {
    Q_OBJECT
public:
    NetboxImportDialog(FleetDocument* document, QWidget* parent = nullptr);

    QLineEdit* directory() const { return m_directory; }
    QLineEdit* map() const { return m_map; }
    QLineEdit* scenarioName() const { return m_scenario; }
    QPlainTextEdit* summary() const { return m_summary; }
    /// Starts reading; previewFinished() when the summary (or the error) is shown.
    void preview();
    /// Puts the previewed scenario into the document; false when there is none.
    bool apply();

signals:
    void previewFinished(bool ok);

private:
    /// What a preview gives: the import, or the one-line reason there is none.
    struct Outcome {
        std::optional<core::io::NetboxImport> result;
        QString error;
    };

    void showResult();

    FleetDocument* m_document;
    QLineEdit* m_directory;
    QLineEdit* m_map;
    QLineEdit* m_scenario;
    std::vector<std::pair<QString, QCheckBox*>> m_statuses;
    QPlainTextEdit* m_summary;
    QDialogButtonBox* m_buttons;
    QPushButton* m_previewButton;
    QPushButton* m_importButton;
    QFutureWatcher<Outcome> m_watcher;
    std::optional<core::io::NetboxImport> m_result;
};

} // namespace fw::ui
