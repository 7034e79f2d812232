// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QGraphicsView>

#include "core/topology/fabric.h"

namespace fw::ui {

/// Draws `fabric` into `scene`: tiers as rows (core, spine, leaf, nodes; routers; a torus as a grid),
/// switches as boxes, the links between two boxes bundled into one line whose width grows with their
/// number. Rows with more than `maxBoxes` vertices are collapsed into groups of consecutive ones
/// ("leaf ×64"). GUI thread only.
void drawFabric(QGraphicsScene& scene, const core::topology::Fabric& fabric, int maxBoxes = 16);

/// A graphics view that zooms with the mouse wheel and pans by dragging.
class ZoomableView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ZoomableView(QWidget* parent = nullptr);

protected:
    void wheelEvent(QWheelEvent* event) override;
};

} // namespace fw::ui
