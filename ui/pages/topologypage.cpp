// SPDX-License-Identifier: Apache-2.0
#include "ui/pages/topologypage.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGraphicsScene>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>

#include "core/error.h"
#include "ui/document/fleetdocument.h"
#include "ui/models/bomtablemodel.h"
#include "ui/widgets/fabricdrawing.h"

namespace fw::ui {
namespace {

using namespace fw::core::topology;

QSpinBox* integerBox(QWidget* parent, int minimum, int maximum, int value, const QString& toolTip)
{
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setToolTip(toolTip);
    box->setGroupSeparatorShown(true);
    return box;
}

QDoubleSpinBox* numberBox(QWidget* parent, double minimum, double maximum, double value, const QString& suffix,
                          const QString& toolTip)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setDecimals(0);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setToolTip(toolTip);
    return box;
}

/// "4 × 32 node slots: 127 nodes, 1 management"; "none" without units.
QString unitsText(const Fabric& f)
{
    if (f.scalableUnits == 0) {
        return QObject::tr("none");
    }
    const QLocale locale;
    QString text = QObject::tr("%1 × %2 node slots: %3 nodes")
                       .arg(f.scalableUnits)
                       .arg(f.spec.nodesPerUnit)
                       .arg(locale.toString(static_cast<qlonglong>(f.nodes.size())));
    if (!f.managementNodes.empty()) {
        text += QObject::tr(", %1 management").arg(f.managementNodes.size());
    }
    return text;
}

} // namespace

TopologyPage::TopologyPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document),
      m_nodes(integerBox(this, 1, 1'000'000, 32, tr("Servers (nodes) in the cluster"))),
      m_acceleratorsPerNode(integerBox(this, 1, 64, 8, tr("Accelerators per node, one NIC each"))),
      m_rails(integerBox(this, 1, 64, 8, tr("NICs per node, one per rail"))),
      m_nicGbps(numberBox(this, 1, 3200, 400, tr(" Gb/s"), tr("Speed of each NIC port"))),
      m_switch(new QComboBox(this)), m_radix(integerBox(this, 2, 1024, 64, tr("Ports of the switch"))),
      m_portGbps(
          numberBox(this, 1, 3200, 400, tr(" Gb/s"), tr("Port speed; faster ports break out into NIC-speed ports"))),
      m_tiers(new QComboBox(this)),
      m_leafRatio(numberBox(this, 1, 16, 1, tr(" : 1"), tr("Leaf oversubscription, down:up (1 = non-blocking)"))),
      m_spineRatio(numberBox(this, 1, 16, 1, tr(" : 1"), tr("Spine oversubscription, down:up"))),
      m_railOptimised(new QCheckBox(tr("rail-optimised"), this)),
      m_planes(
          integerBox(this, 1, 16, 1, tr("Independent network planes; each takes an equal share of every NIC's ports"))),
      m_nicPorts(integerBox(this, 1, 16, 1, tr("Ports of each NIC (one NIC per rail), shared evenly by the planes"))),
      m_spineRule(new QComboBox(this)),
      m_nodesPerUnit(integerBox(this, 0, 100'000, 0,
                                tr("Scalable unit (SuperPOD SU): leaves and uplinks are built for whole units of this "
                                   "many node slots; 0 = no units"))),
      m_managementNodes(
          integerBox(this, 0, 64, 0, tr("Node slots taken by fabric managers (UFM appliances) on the compute fabric"))),
      m_managementPorts(integerBox(this, 0, 64, 0, tr("Compute-fabric ports of each management node, per plane"))),
      m_maxFailed(
          integerBox(this, 0, 1000, 8, tr("Failure chart: up to this many failed switches, 5 seeded trials each"))),
      m_problem(new QLabel(this)), m_status(new QLabel(this)), m_bomModel(new BomTableModel(this)),
      m_bomView(new QTableView(this)), m_scene(new QGraphicsScene(this)), m_drawing(new ZoomableView(this)),
      m_failureChart(new QChartView(this)), m_debounce(new QTimer(this))
{
    m_tiers->addItems({tr("auto"), QStringLiteral("2"), QStringLiteral("3")});
    m_spineRule->addItem(tr("divide leaf uplinks (NVIDIA)"), static_cast<int>(SpineRule::DivideUplinks));
    m_spineRule->addItem(tr("fewest"), static_cast<int>(SpineRule::Fewest));
    m_spineRule->setToolTip(tr("NVIDIA's SuperPOD rule: the smallest spine count that divides every leaf's uplinks "
                               "evenly; or the fewest spines whose ports hold the uplinks"));
    m_nodesPerUnit->setSpecialValueText(tr("none"));
    m_railOptimised->setChecked(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    fillSwitches();

    auto* leftScroll = new QScrollArea(this);
    leftScroll->setWidget(buildSpecification());
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftScroll->setFixedWidth(std::min(leftScroll->widget()->sizeHint().width(), leftScroll->widget()->maximumWidth()) +
                              leftScroll->verticalScrollBar()->sizeHint().width() + 4);

    m_bomView->setModel(m_bomModel);
    m_bomView->verticalHeader()->hide();
    m_bomView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_bomView->setAlternatingRowColors(true);
    m_failureChart->setRenderHint(QPainter::Antialiasing);
    m_failureChart->setMinimumSize(260, 220);
    auto* metricsScroll = new QScrollArea(this);
    metricsScroll->setWidget(buildMetrics());
    metricsScroll->setWidgetResizable(true);
    metricsScroll->setFrameShape(QFrame::NoFrame);
    metricsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    metricsScroll->setMinimumWidth(340);
    auto* rightTop = new QSplitter(Qt::Horizontal, this);
    rightTop->addWidget(metricsScroll);
    rightTop->addWidget(m_bomView);
    rightTop->setStretchFactor(0, 2);
    rightTop->setStretchFactor(1, 3);
    // The drawing is wide: it gets the whole width, the failure chart the tab beside it.
    auto* rightBottom = new QTabWidget(this);
    rightBottom->addTab(buildDrawingPanel(), tr("Drawing"));
    rightBottom->addTab(m_failureChart, tr("Switch failures"));
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(rightTop);
    right->addWidget(rightBottom);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(leftScroll);
    main->addWidget(right);
    main->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    auto* title =
        new QLabel(tr("<b>Network fabric</b> — a folded-Clos (fat tree) scale-out fabric designed from the "
                      "catalog's switches: bill of materials, bisection bandwidth by maximum flow over candidate "
                      "balanced cuts (one direction), and what is left when switches fail. Dragonfly and torus "
                      "fabrics: <code>fleetwright-cli topology --kind</code>."),
                   this);
    title->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(m_problem);
    layout->addWidget(m_status);
    layout->addWidget(main, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &TopologyPage::startDesign);
    for (auto* box : findChildren<QSpinBox*>()) {
        connect(box, &QSpinBox::valueChanged, this, &TopologyPage::scheduleDesign);
    }
    for (auto* box : findChildren<QDoubleSpinBox*>()) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &TopologyPage::scheduleDesign);
    }
    // Planes multiply the ports: a plane count the NIC ports cannot share gets a port per plane.
    connect(m_planes, &QSpinBox::valueChanged, this, [this](int planes) {
        if (m_nicPorts->value() % planes != 0) {
            m_nicPorts->setValue(planes);
        }
    });
    connect(m_managementNodes, &QSpinBox::valueChanged, this, [this](int nodes) {
        if (nodes > 0 && m_managementPorts->value() == 0) {
            m_managementPorts->setValue(1);
        }
    });
    connect(m_tiers, &QComboBox::currentIndexChanged, this, &TopologyPage::scheduleDesign);
    connect(m_spineRule, &QComboBox::currentIndexChanged, this, &TopologyPage::scheduleDesign);
    connect(m_railOptimised, &QCheckBox::toggled, this, &TopologyPage::scheduleDesign);
    connect(m_switch, &QComboBox::currentIndexChanged, this, [this] {
        const auto* part =
            m_document->fleet().catalog.findNetworkPart(m_switch->currentData().toString().toStdString());
        if (part != nullptr && part->ports && part->portSpeed) {
            const QSignalBlocker a(m_radix);
            const QSignalBlocker b(m_portGbps);
            m_radix->setValue(*part->ports);
            m_portGbps->setValue(core::units::inGigabitsPerSecond(*part->portSpeed));
        }
        scheduleDesign();
    });
    connect(document, &FleetDocument::fleetChanged, this, &TopologyPage::fillSwitches);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<FabricDesign>>::finished, this, [this] {
        const auto design = m_watcher.result();
        const int finished = m_running;
        m_running = 0;
        if (finished == m_requested && design) {
            showDesign(*design);
        } else if (finished != m_requested) {
            startDesign(); // the inputs changed while it ran: drop the stale result
        }
    });
    scheduleDesign();
}

QWidget* TopologyPage::buildSpecification()
{
    auto* form = new QFormLayout;
    form->addRow(tr("Nodes:"), m_nodes);
    form->addRow(tr("Accelerators/node:"), m_acceleratorsPerNode);
    form->addRow(tr("Rails (NICs/node):"), m_rails);
    form->addRow(tr("NIC ports:"), m_nicPorts);
    form->addRow(tr("NIC port speed:"), m_nicGbps);
    form->addRow(tr("Planes:"), m_planes);
    form->addRow(tr("Switch:"), m_switch);
    form->addRow(tr("Radix:"), m_radix);
    form->addRow(tr("Port speed:"), m_portGbps);
    form->addRow(tr("Tiers:"), m_tiers);
    form->addRow(tr("Leaf ratio:"), m_leafRatio);
    form->addRow(tr("Spine ratio:"), m_spineRatio);
    form->addRow(tr("Spines:"), m_spineRule);
    form->addRow(QString(), m_railOptimised);
    form->addRow(tr("Nodes per SU:"), m_nodesPerUnit);
    form->addRow(tr("Management nodes:"), m_managementNodes);
    form->addRow(tr("Management ports:"), m_managementPorts);
    form->addRow(tr("Failure chart up to:"), m_maxFailed);
    auto* box = new QGroupBox(tr("Specification"), this);
    box->setLayout(form);
    box->setMaximumWidth(340);
    return box;
}

QWidget* TopologyPage::buildMetrics()
{
    auto* box = new QGroupBox(tr("Metrics"), this);
    auto* form = new QFormLayout(box);
    for (const auto& [key, title] :
         std::vector<std::pair<QString, QString>>{{QStringLiteral("endpoints"), tr("Endpoints (NIC ports)")},
                                                  {QStringLiteral("tiers"), tr("Tiers")},
                                                  {QStringLiteral("units"), tr("Scalable units")},
                                                  {QStringLiteral("bisection"), tr("Bisection (Tb/s, one way)")},
                                                  {QStringLiteral("ratio"), tr("Of full bisection")},
                                                  {QStringLiteral("diameter"), tr("Diameter (hops)")},
                                                  {QStringLiteral("hops"), tr("Average hops")},
                                                  {QStringLiteral("diversity"), tr("Disjoint paths, leaf to leaf")},
                                                  {QStringLiteral("max"), tr("Endpoints without a new tier")}}) {
        auto* label = new QLabel(QStringLiteral("–"), box);
        label->setWordWrap(true);
        form->addRow(title + QStringLiteral(":"), label);
        m_metrics[key] = label;
    }
    // The minimum cut's name is long: its own line under its title, across the box.
    form->addRow(new QLabel(tr("Minimum cut:"), box));
    auto* cut = new QLabel(QStringLiteral("–"), box);
    cut->setWordWrap(true);
    cut->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(cut);
    m_metrics[QStringLiteral("cut")] = cut;
    return box;
}

QWidget* TopologyPage::buildDrawingPanel()
{
    m_drawing->setScene(m_scene);
    m_drawing->setMinimumHeight(200);
    m_drawing->setToolTip(tr("Wheel to zoom, drag to pan; hover a line for its link count"));
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Show the whole fabric, and keep it whole as the window is resized"));
    connect(fit, &QPushButton::clicked, m_drawing, &ZoomableView::fitToView);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Switches grouped where a tier is wide; wheel to zoom, drag to pan"), this), 1);
    bar->addWidget(fit);
    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_drawing, 1);
    return panel;
}

TopologyPage::~TopologyPage()
{
    m_watcher.waitForFinished();
}

void TopologyPage::fillSwitches()
{
    const QString current = m_switch->currentData().toString();
    const QSignalBlocker blocker(m_switch);
    m_switch->clear();
    m_switch->addItem(tr("custom (radix and speed below)"), QString());
    for (const auto& part : m_document->fleet().catalog.networkParts) {
        if (part.kind == core::catalog::NetworkPartKind::Switch && part.ports && part.portSpeed) {
            m_switch->addItem(QString::fromStdString(part.sku), QString::fromStdString(part.sku));
        }
    }
    const int keep = m_switch->findData(current.isEmpty() ? QStringLiteral("QM9700") : current);
    m_switch->setCurrentIndex(std::max(0, keep));
}

FabricSpec TopologyPage::spec() const
{
    FabricSpec s;
    s.nodes = m_nodes->value();
    s.acceleratorsPerNode = m_acceleratorsPerNode->value();
    s.rails = m_rails->value();
    s.nicGbps = m_nicGbps->value();
    s.switchSku = m_switch->currentData().toString().toStdString();
    s.switchRadix = m_radix->value();
    s.portGbps = m_portGbps->value();
    if (m_tiers->currentIndex() > 0) {
        s.tiers = m_tiers->currentIndex() + 1;
    }
    s.oversubscription = {m_leafRatio->value(), m_spineRatio->value()};
    s.railOptimised = m_railOptimised->isChecked();
    s.planes = m_planes->value();
    s.nicPorts = m_nicPorts->value();
    s.spineRule = static_cast<SpineRule>(m_spineRule->currentData().toInt());
    s.nodesPerUnit = m_nodesPerUnit->value();
    s.managementNodes = m_managementNodes->value();
    s.managementPorts = m_managementPorts->value();
    return s;
}

void TopologyPage::setSpec(const FabricSpec& s)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_nodes),          QSignalBlocker(m_acceleratorsPerNode),
                                       QSignalBlocker(m_rails),          QSignalBlocker(m_nicGbps),
                                       QSignalBlocker(m_switch),         QSignalBlocker(m_radix),
                                       QSignalBlocker(m_portGbps),       QSignalBlocker(m_tiers),
                                       QSignalBlocker(m_leafRatio),      QSignalBlocker(m_spineRatio),
                                       QSignalBlocker(m_railOptimised),  QSignalBlocker(m_planes),
                                       QSignalBlocker(m_nicPorts),       QSignalBlocker(m_spineRule),
                                       QSignalBlocker(m_nodesPerUnit),   QSignalBlocker(m_managementNodes),
                                       QSignalBlocker(m_managementPorts)};
    m_nodes->setValue(s.nodes);
    m_acceleratorsPerNode->setValue(s.acceleratorsPerNode);
    m_rails->setValue(s.rails);
    m_nicGbps->setValue(s.nicGbps);
    m_switch->setCurrentIndex(std::max(0, m_switch->findData(QString::fromStdString(s.switchSku))));
    m_radix->setValue(s.switchRadix);
    m_portGbps->setValue(s.portGbps);
    m_tiers->setCurrentIndex(s.tiers ? *s.tiers - 1 : 0);
    m_leafRatio->setValue(s.oversubscription.empty() ? 1.0 : s.oversubscription[0]);
    m_spineRatio->setValue(s.oversubscription.size() > 1 ? s.oversubscription[1] : 1.0);
    m_railOptimised->setChecked(s.railOptimised);
    m_planes->setValue(s.planes);
    m_nicPorts->setValue(s.nicPorts);
    m_spineRule->setCurrentIndex(std::max(0, m_spineRule->findData(static_cast<int>(s.spineRule))));
    m_nodesPerUnit->setValue(s.nodesPerUnit);
    m_managementNodes->setValue(s.managementNodes);
    m_managementPorts->setValue(s.managementPorts);
    scheduleDesign();
}

QString TopologyPage::metric(const QString& key) const
{
    const auto it = m_metrics.find(key);
    return it == m_metrics.end() ? QString() : it->second->text();
}

bool TopologyPage::isBusy() const
{
    return m_running != 0 || m_debounce->isActive();
}

void TopologyPage::scheduleDesign()
{
    ++m_requested;
    m_debounce->start();
}

void TopologyPage::startDesign()
{
    if (m_running != 0) {
        return; // the finished handler starts the newest request
    }
    m_running = m_requested;
    m_status->setText(tr("Designing…"));
    // The worker gets copies: the document may change while it runs.
    const FabricSpec s = spec();
    const auto catalog = m_document->fleet().catalog;
    const int maxFailed = m_maxFailed->value();
    m_watcher.setFuture(QtConcurrent::run([s, catalog, maxFailed]() -> std::shared_ptr<FabricDesign> {
        try {
            return std::make_shared<FabricDesign>(designFabric(s, catalog, maxFailed, 5, 1));
        } catch (const std::exception& e) { // core::Error, or bad_alloc: never out of the worker
            auto failed = std::make_shared<FabricDesign>();
            failed->bom.unpriced = {std::string("error: ") + e.what()};
            return failed;
        }
    }));
}

void TopologyPage::showDesign(const FabricDesign& design)
{
    if (!design.bom.unpriced.empty() && design.bom.unpriced.front().starts_with("error: ")) {
        m_problem->setText(QString::fromStdString(design.bom.unpriced.front().substr(7)));
        m_problem->show();
        m_status->clear();
        emit designShown();
        return;
    }
    m_problem->hide();
    const QLocale locale;
    const auto& f = design.fabric;
    m_metrics[QStringLiteral("endpoints")]->setText(locale.toString(f.endpoints));
    m_metrics[QStringLiteral("tiers")]->setText(QString::number(f.tiers));
    m_metrics[QStringLiteral("bisection")]->setText(locale.toString(design.bisection.bisectionGbps / 1000.0, 'f', 1));
    m_metrics[QStringLiteral("ratio")]->setText(locale.toString(design.bisection.ratio * 100.0, 'f', 1) +
                                                QStringLiteral(" %"));
    m_metrics[QStringLiteral("diameter")]->setText(QString::number(design.hops.diameter));
    m_metrics[QStringLiteral("hops")]->setText(locale.toString(design.hops.averageHops, 'f', 2) +
                                               (design.hops.sampled ? tr(" (sampled)") : QString()));
    m_metrics[QStringLiteral("diversity")]->setText(QString::number(design.pathDiversity.paths));
    m_metrics[QStringLiteral("diversity")]->setToolTip(QString::fromStdString(design.pathDiversity.between));
    m_metrics[QStringLiteral("cut")]->setText(QString::fromStdString(design.bisection.cut) +
                                              (design.bisection.exact ? tr(" — exact") : tr(" — an upper bound")));
    m_metrics[QStringLiteral("cut")]->setToolTip(QString::fromStdString(design.bisection.bound));
    m_metrics[QStringLiteral("units")]->setText(unitsText(f));
    m_metrics[QStringLiteral("max")]->setText(locale.toString(f.maxEndpoints));
    m_bomModel->setBom(design.bom);
    m_bomView->resizeColumnsToContents();
    m_status->setText(tr("%1 switches, %2 links; designed and measured in %3 s. Unpriced: %4")
                          .arg(design.bom.switchesTotal)
                          .arg(locale.toString(design.bom.linksTotal))
                          .arg(locale.toString(design.seconds, 'f', 2))
                          .arg(design.bom.unpriced.empty()
                                   ? tr("none")
                                   : QString::fromStdString(design.bom.unpriced.front()) +
                                         (design.bom.unpriced.size() > 1 ? QStringLiteral(" …") : QString())));
    drawFabric(*m_scene, f);
    m_drawing->fitToView();
    showFailureChart(design);
    emit designShown();
}

void TopologyPage::showFailureChart(const FabricDesign& design)
{
    auto* chart = new QChart;
    chart->setTitle(tr("Bandwidth left as switches fail (5 seeded trials)"));
    auto* medianSeries = new QLineSeries;
    medianSeries->setName(tr("median"));
    auto* minSeries = new QLineSeries;
    minSeries->setName(tr("worst"));
    for (std::size_t i = 0; i < design.failures.size(); ++i) {
        medianSeries->append(design.failedSwitches[i], design.failures[i].medianRatio * 100.0);
        minSeries->append(design.failedSwitches[i], design.failures[i].minRatio * 100.0);
    }
    medianSeries->setPointsVisible(true);
    minSeries->setPointsVisible(true);
    chart->addSeries(medianSeries);
    chart->addSeries(minSeries);
    auto* x = new QValueAxis;
    x->setTitleText(tr("failed switches"));
    x->setLabelFormat("%d");
    x->setRange(0, std::max(1, design.failedSwitches.empty() ? 1 : design.failedSwitches.back()));
    auto* y = new QValueAxis;
    y->setTitleText(tr("% of bisection left"));
    y->setRange(0, 100);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : {medianSeries, minSeries}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = m_failureChart->chart();
    m_failureChart->setChart(chart);
    delete old;
}

} // namespace fw::ui
