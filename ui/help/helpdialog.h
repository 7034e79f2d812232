// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QTextBrowser;

namespace fw::ui {

/// Help → Guide (F1): a short guide to the workflow and to every page, with the keyboard shortcuts,
/// opened at the section of `page` (the page shown when F1 was pressed). Non-modal; Esc closes it.
class HelpDialog : public QDialog {
    Q_OBJECT
public:
    explicit HelpDialog(QWidget* parent = nullptr);

    /// Scrolls to the section of the page named `anchor` ("plan", "sites" …).
    void showSection(const QString& anchor);
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
};

/// The text of Help → About: the version, what the build uses (Qt and the core's libraries) and
/// where the shipped data come from (rule sets, catalog, model assumptions), as HTML.
QString aboutHtml();

} // namespace fw::ui
