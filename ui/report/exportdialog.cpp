// SPDX-License-Identifier: Apache-2.0
#include "ui/report/exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/document/fleetdocument.h"

namespace fw::ui {

ExportReportDialog::ExportReportDialog(const FleetDocument& document, const std::function<bool(int)>& hasPlan,
                                       QWidget* parent)
    : QDialog(parent), m_path(new QLineEdit(this)), m_scenario(new QComboBox(this)), m_paper(new QComboBox(this)),
      m_sensitivity(new QCheckBox(tr("Add the sensitivity section (plans six variants again: about a minute)"), this)),
      m_note(new QLabel(this)), m_hasPlan(hasPlan)
{
    setWindowTitle(tr("Export report"));
    setObjectName(QStringLiteral("exportReportDialog"));
    const QFileInfo file(document.filePath().isEmpty() ? document.displayName() : document.filePath());
    m_path->setText(file.absolutePath() + QLatin1Char('/') + file.completeBaseName() + QStringLiteral(".pdf"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen =
            QFileDialog::getSaveFileName(this, tr("Export report"), m_path->text(), tr("PDF (*.pdf)"));
        if (!chosen.isEmpty()) {
            m_path->setText(chosen);
        }
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    const auto& scenarios = document.fleet().scenarios;
    for (const auto& s : scenarios) {
        m_scenario->addItem(tr("Plan of “%1”").arg(QString::fromStdString(s.name)));
    }
    m_scenario->addItem(tr("The catalog only"), -1);
    m_scenario->setCurrentIndex(document.currentScenario() >= 0 ? document.currentScenario() : 0);
    m_paper->addItem(tr("A4"), static_cast<int>(Paper::A4));
    m_paper->addItem(tr("US Letter"), static_cast<int>(Paper::Letter));
    m_paper->setCurrentIndex(QLocale().measurementSystem() == QLocale::ImperialUSSystem ? 1 : 0);
    m_sensitivity->setChecked(true);
    m_note->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Report:"), m_scenario);
    form->addRow(tr("Paper:"), m_paper);
    form->addRow(QString(), m_sensitivity);
    form->addRow(QString(), m_note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(m_scenario, &QComboBox::currentIndexChanged, this, &ExportReportDialog::updateNote);
    updateNote();
    resize(620, sizeHint().height());
}

void ExportReportDialog::updateNote()
{
    const int index = scenario();
    m_sensitivity->setEnabled(index >= 0);
    m_note->setText(index < 0          ? tr("The catalog's accelerators, systems and network parts with their sources.")
                    : m_hasPlan(index) ? tr("Uses the plan on the Plan page as it is: nothing is solved again.")
                                       : tr("This scenario has no current plan on screen: it is planned first "
                                            "(up to a minute)."));
}

QString ExportReportDialog::path() const
{
    QString path = m_path->text().trimmed();
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".pdf");
    }
    return path;
}

int ExportReportDialog::scenario() const
{
    return m_scenario->currentData().isValid() ? -1 : m_scenario->currentIndex();
}

Paper ExportReportDialog::paper() const
{
    return static_cast<Paper>(m_paper->currentData().toInt());
}

bool ExportReportDialog::sensitivity() const
{
    return m_sensitivity->isChecked() && scenario() >= 0;
}

} // namespace fw::ui
