// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class QTableView;

namespace fw::ui {

/// Keeps the columns of a table within its width: each column as wide as its contents and header,
/// and when together they are wider than the view, the widest give up room first (down to
/// minimumWidth; their text is then elided, whole in the cell's tooltip or the details) — so a page
/// never scrolls sideways at 1280×800. Refits when the view is resized or the model is reset. A
/// column the user widens by hand stays so until the next refit.
class ColumnFitter : public QObject {
    Q_OBJECT
public:
    /// Fits `view` from now on; the fitter is a child of the view.
    static ColumnFitter* install(QTableView* view);

    static constexpr int minimumWidth = 48;

    /// Fits the columns now.
    void fit();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit ColumnFitter(QTableView* view);

    QTableView* m_view;
    /// The view's viewport, compared without calling into the view: while the view is destroyed
    /// its viewport still sends events here, and the view is no longer a QTableView (UBSan).
    const QObject* m_viewport;
    bool m_fitting = false;
};

} // namespace fw::ui
