// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/scenariobar.h"

#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QToolButton>

#include "ui/document/fleetdocument.h"

namespace fw::ui {

core::plan::Scenario blankScenario(const core::plan::Quarter& first)
{
    core::plan::Scenario s;
    s.name = "New scenario";
    s.firstQuarter = first;
    s.quarters = 8;
    core::plan::Site site;
    site.name = "Site 1";
    site.country = "US";
    site.powerMw = {10.0};
    s.sites.push_back(site);
    s.demand.push_back({});
    return s;
}

ScenarioBar::ScenarioBar(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_picker(new QComboBox(this)), m_copy(new QToolButton(this)),
      m_rename(new QToolButton(this)), m_remove(new QToolButton(this))
{
    m_picker->setToolTip(tr("The scenario this page edits and the Plan page optimises"));
    m_picker->setMinimumContentsLength(24);
    auto* create = new QToolButton(this);
    create->setText(tr("New"));
    create->setToolTip(tr("Add an empty scenario: one site, eight quarters from next quarter"));
    create->setObjectName(QStringLiteral("newScenario"));
    m_copy->setObjectName(QStringLiteral("copyScenario"));
    m_rename->setObjectName(QStringLiteral("renameScenario"));
    m_remove->setObjectName(QStringLiteral("deleteScenario"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Add a copy of this scenario (you name it) to change one thing and compare"));
    m_rename->setText(tr("Rename…"));
    m_remove->setText(tr("Delete"));
    m_remove->setToolTip(tr("Delete this scenario (Edit → Undo brings it back)"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&Scenario:"), this);
    label->setBuddy(m_picker);
    layout->addWidget(label);
    layout->addWidget(m_picker, 1);
    for (QToolButton* button : {create, m_copy, m_rename, m_remove}) {
        layout->addWidget(button);
    }

    connect(m_picker, &QComboBox::currentIndexChanged, document, &FleetDocument::setCurrentScenario);
    connect(document, &FleetDocument::fleetChanged, this, &ScenarioBar::refresh);
    connect(document, &FleetDocument::currentScenarioChanged, this, &ScenarioBar::refresh);
    connect(create, &QToolButton::clicked, this, [this] {
        const QDate next = QDate::currentDate().addMonths(3);
        m_document->addScenario(blankScenario({next.year(), (next.month() - 1) / 3 + 1}), tr("New scenario"));
    });
    connect(m_copy, &QToolButton::clicked, this, [this] {
        const QString original = QString::fromStdString(m_document->scenario().name);
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Copy scenario"), tr("Name of the copy:"),
                                                   QLineEdit::Normal, tr("%1 copy").arg(original), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty()) {
            copyAs(name);
        }
    });
    connect(m_rename, &QToolButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename scenario"), tr("Name:"), QLineEdit::Normal,
                                                   QString::fromStdString(m_document->scenario().name), &ok);
        if (ok && !rename(name)) {
            QMessageBox::warning(this, tr("Rename scenario"),
                                 tr("“%1” cannot be used: another scenario has it, or it is empty.").arg(name));
        }
    });
    connect(m_remove, &QToolButton::clicked, m_document, &FleetDocument::removeScenario);
    refresh();
}

void ScenarioBar::copyAs(const QString& name)
{
    auto copy = m_document->scenario();
    copy.name = name.trimmed().toStdString();
    m_document->addScenario(copy, tr("Copy scenario %1").arg(QString::fromStdString(m_document->scenario().name)));
}

bool ScenarioBar::rename(const QString& name)
{
    auto renamed = m_document->scenario();
    renamed.name = name.trimmed().toStdString();
    return m_document->changeScenario(renamed, tr("Rename scenario to %1").arg(name.trimmed()));
}

void ScenarioBar::refresh()
{
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    for (const auto& s : m_document->fleet().scenarios) {
        m_picker->addItem(QString::fromStdString(s.name));
    }
    m_picker->setCurrentIndex(m_document->currentScenario());
    const bool any = m_document->currentScenario() >= 0;
    for (QToolButton* button : {m_copy, m_rename, m_remove}) {
        button->setEnabled(any);
    }
}

} // namespace fw::ui
