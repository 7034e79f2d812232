// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

#include <functional>

#include "core/plan/scenario.h"

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace fw::ui {

class FleetDocument;

/// Policy & horizon: the current scenario's planning horizon and discounting, and the company's
/// rules for it — export-control rule set, licence appetite, vendor share bound, excluded vendors,
/// budgets and headroom. Each field is one undo step when it is committed (Enter or leaving it);
/// a value that does not parse is refused with the reason. The buyer's headquarters is on the
/// Compliance page. GUI thread only.
class PolicyPage : public QWidget {
    Q_OBJECT
public:
    explicit PolicyPage(FleetDocument* document, QWidget* parent = nullptr);

    QLineEdit* firstQuarter() const { return m_firstQuarter; }
    QSpinBox* quarters() const { return m_quarters; }
    QDoubleSpinBox* maxVendorShare() const { return m_maxVendorShare; }
    QSpinBox* minVendors() const { return m_minVendors; }
    QLineEdit* budgetTotal() const { return m_budgetTotal; }
    QListWidget* excludedVendors() const { return m_excluded; }
    QComboBox* buyerHq() const { return m_buyerHq; }               ///< "" data: the company's
    QComboBox* buyerParentHq() const { return m_buyerParentHq; }   ///< "" data: the company's
    QLineEdit* buyerConsignee() const { return m_buyerConsignee; } ///< empty: the company's name

private:
    void refresh();
    /// Applies `change` to a copy of the current scenario and pushes it as the undo step `text`.
    void commit(const QString& text, const std::function<QString(core::plan::Scenario&)>& change);

    FleetDocument* m_document;
    QLineEdit* m_firstQuarter;
    QSpinBox* m_quarters;
    QDoubleSpinBox* m_discount;
    QDoubleSpinBox* m_life;
    QComboBox* m_rules;
    QComboBox* m_appetite;
    QDoubleSpinBox* m_maxVendorShare;
    QSpinBox* m_minVendors;
    QDoubleSpinBox* m_minVendorShare;
    QDoubleSpinBox* m_headroom;
    QLineEdit* m_budgetQuarter;
    QLineEdit* m_budgetTotal;
    QListWidget* m_excluded;
    QComboBox* m_objective;
    QDoubleSpinBox* m_resaleCost;
    QComboBox* m_buyerHq;
    QComboBox* m_buyerParentHq;
    QLineEdit* m_buyerConsignee;
};

} // namespace fw::ui
