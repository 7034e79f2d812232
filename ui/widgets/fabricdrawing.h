// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QGraphicsView>

#include "core/topology/fabric.h"

namespace fw::ui {

/// Draws `fabric` into `scene`: tiers as rows (core, spine, leaf, management, nodes; routers; a torus's nodes),
/// switches as boxes, the links between two boxes bundled into one line whose width grows with their
/// number. Rows with more than `maxBoxes` vertices are collapsed into groups of consecutive ones
/// ("leaf ×64"). GUI thread only.
void drawFabric(QGraphicsScene& scene, const core::topology::Fabric& fabric, int maxBoxes = 16);

/// A graphics view that zooms with the mouse wheel and pans by dragging. Until the user zooms, it
/// keeps the whole scene in view as it is resized (fit to view); fitToView() returns to that.
class ZoomableView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ZoomableView(QWidget* parent = nullptr);

    /// Shows the whole scene, as large as the view allows, and keeps it so on resize.
    void fitToView();
    bool isFitting() const { return m_fitting; }

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    bool m_fitting = true;
};

} // namespace fw::ui
