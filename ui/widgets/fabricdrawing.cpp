// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/fabricdrawing.h"

#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QResizeEvent>
#include <QWheelEvent>

#include <cmath>
#include <map>

namespace fw::ui {
namespace {

using namespace fw::core::topology;

QColor colourOf(VertexKind kind)
{
    switch (kind) {
    case VertexKind::Node: return QColor(0x59A14F);
    case VertexKind::Leaf: return QColor(0x4E79A7);
    case VertexKind::Spine: return QColor(0xF28E2B);
    case VertexKind::Core: return QColor(0xE15759);
    case VertexKind::Router: return QColor(0x76B7B2);
    case VertexKind::ScaleUp: return QColor(0xB07AA1);
    case VertexKind::Management: return QColor(0x9C755F);
    }
    return Qt::gray;
}

} // namespace

void drawFabric(QGraphicsScene& scene, const Fabric& fabric, int maxBoxes)
{
    scene.clear();
    const FabricGraph& g = fabric.graph;
    const std::vector<VertexKind> rowOrder{VertexKind::Core,   VertexKind::Spine,      VertexKind::Router,
                                           VertexKind::Leaf,   VertexKind::Management, VertexKind::Node,
                                           VertexKind::ScaleUp};
    std::map<VertexKind, std::vector<Vertex>> rows;
    for (auto [v, end] = boost::vertices(g); v != end; ++v) {
        rows[g[*v].kind].push_back(*v);
    }
    constexpr double boxWidth = 70.0;
    constexpr double boxHeight = 26.0;
    constexpr double rowGap = 150.0;
    constexpr double sceneWidth = 1200.0;
    std::vector<int> boxOf(boost::num_vertices(g), -1);
    std::vector<QPointF> anchors;
    double y = 0.0;
    for (VertexKind kind : rowOrder) {
        const auto it = rows.find(kind);
        if (it == rows.end() || kind == VertexKind::ScaleUp) {
            continue;
        }
        const auto& members = it->second;
        const int boxes = std::min<int>(maxBoxes, static_cast<int>(members.size()));
        const double per = static_cast<double>(members.size()) / boxes;
        const double spacing = sceneWidth / boxes;
        for (int b = 0; b < boxes; ++b) {
            const auto first = static_cast<std::size_t>(std::floor(b * per));
            const auto last = static_cast<std::size_t>(std::floor((b + 1) * per));
            const QPointF centre(spacing * (b + 0.5), y);
            auto* box = scene.addRect(centre.x() - boxWidth / 2, y - boxHeight / 2, boxWidth, boxHeight,
                                      QPen(colourOf(kind).darker(140)), colourOf(kind));
            const QString label =
                last - first > 1
                    ? QStringLiteral("%1 ×%2").arg(QString::fromUtf8(toString(kind).data())).arg(last - first)
                    : QString::fromUtf8(toString(kind).data());
            box->setToolTip(label);
            auto* text = scene.addSimpleText(label);
            QFont font = text->font();
            font.setPointSizeF(7.5);
            text->setFont(font);
            text->setBrush(Qt::white);
            text->setPos(centre.x() - text->boundingRect().width() / 2, y - text->boundingRect().height() / 2);
            text->setZValue(2);
            box->setZValue(1);
            const int index = static_cast<int>(anchors.size());
            anchors.push_back(centre);
            for (std::size_t i = first; i < last; ++i) {
                boxOf[members[i]] = index;
            }
        }
        y += rowGap;
    }
    // Bundle the links between two boxes into one line.
    std::map<std::pair<int, int>, int> bundles;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const int a = boxOf[boost::source(*e, g)];
        const int b = boxOf[boost::target(*e, g)];
        if (a >= 0 && b >= 0 && a != b) {
            bundles[{std::min(a, b), std::max(a, b)}] += g[*e].links;
        }
    }
    for (const auto& [pair, links] : bundles) {
        QPen pen(QColor(120, 120, 120, 140));
        pen.setWidthF(0.6 + std::log2(1.0 + links) * 0.5);
        auto* line = scene.addLine(
            QLineF(anchors[static_cast<std::size_t>(pair.first)], anchors[static_cast<std::size_t>(pair.second)]), pen);
        line->setToolTip(QObject::tr("%1 links").arg(links));
        line->setZValue(0);
    }
    scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

ZoomableView::ZoomableView(QWidget* parent) : QGraphicsView(parent)
{
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHint(QPainter::Antialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
}

void ZoomableView::fitToView()
{
    m_fitting = true;
    if (scene() != nullptr) {
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    }
}

void ZoomableView::wheelEvent(QWheelEvent* event)
{
    const double factor = event->angleDelta().y() > 0 ? 1.2 : 1.0 / 1.2;
    m_fitting = false;
    scale(factor, factor);
}

void ZoomableView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitting) {
        fitToView();
    }
}

} // namespace fw::ui
