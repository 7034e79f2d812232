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
#include <QSpinBox>
#include <QSplitter>
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

} // namespace

TopologyPage::TopologyPage(FleetDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document),
      m_nodes(integerBox(this, 1, 1'000'000, 32, tr("Servers (nodes) in the cluster"))),
      m_acceleratorsPerNode(integerBox(this, 1, 64, 8, tr("Accelerators per node, one NIC each"))),
      m_rails(integerBox(this, 1, 64, 8, tr("NICs per node, one per rail"))),
      m_nicGbps(numberBox(this, 1, 3200, 400, tr(" Gb/s"), tr("NIC line rate"))), m_switch(new QComboBox(this)),
      m_radix(integerBox(this, 2, 1024, 64, tr("Ports of the switch"))),
      m_portGbps(
          numberBox(this, 1, 3200, 400, tr(" Gb/s"), tr("Port speed; faster ports break out into NIC-speed ports"))),
      m_tiers(new QComboBox(this)),
      m_leafRatio(numberBox(this, 1, 16, 1, tr(" : 1"), tr("Leaf oversubscription, down:up (1 = non-blocking)"))),
      m_spineRatio(numberBox(this, 1, 16, 1, tr(" : 1"), tr("Spine oversubscription, down:up"))),
      m_railOptimised(new QCheckBox(tr("rail-optimised"), this)),
      m_planes(integerBox(this, 1, 16, 1, tr("Independent network planes; must divide the rails"))),
      m_maxFailed(
          integerBox(this, 0, 1000, 8, tr("Failure chart: up to this many failed switches, 5 seeded trials each"))),
      m_problem(new QLabel(this)), m_status(new QLabel(this)), m_bomModel(new BomTableModel(this)),
      m_bomView(new QTableView(this)), m_scene(new QGraphicsScene(this)), m_drawing(new ZoomableView(this)),
      m_failureChart(new QChartView(this)), m_debounce(new QTimer(this))
{
    m_tiers->addItems({tr("auto"), QStringLiteral("2"), QStringLiteral("3")});
    m_railOptimised->setChecked(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    fillSwitches();

    auto* form = new QFormLayout;
    form->addRow(tr("Nodes:"), m_nodes);
    form->addRow(tr("Accelerators/node:"), m_acceleratorsPerNode);
    form->addRow(tr("Rails (NICs/node):"), m_rails);
    form->addRow(tr("NIC speed:"), m_nicGbps);
    form->addRow(tr("Switch:"), m_switch);
    form->addRow(tr("Radix:"), m_radix);
    form->addRow(tr("Port speed:"), m_portGbps);
    form->addRow(tr("Tiers:"), m_tiers);
    form->addRow(tr("Leaf ratio:"), m_leafRatio);
    form->addRow(tr("Spine ratio:"), m_spineRatio);
    form->addRow(QString(), m_railOptimised);
    form->addRow(tr("Planes:"), m_planes);
    form->addRow(tr("Failure chart up to:"), m_maxFailed);
    auto* specBox = new QGroupBox(tr("Specification"), this);
    specBox->setLayout(form);

    auto* metricsBox = new QGroupBox(tr("Metrics"), this);
    auto* metricsForm = new QFormLayout(metricsBox);
    for (const auto& [key, title] :
         std::vector<std::pair<QString, QString>>{{QStringLiteral("endpoints"), tr("Endpoints (NIC ports)")},
                                                  {QStringLiteral("tiers"), tr("Tiers")},
                                                  {QStringLiteral("bisection"), tr("Bisection (Tb/s)")},
                                                  {QStringLiteral("ratio"), tr("Of full bisection")},
                                                  {QStringLiteral("diameter"), tr("Diameter (hops)")},
                                                  {QStringLiteral("hops"), tr("Average hops")},
                                                  {QStringLiteral("diversity"), tr("Disjoint paths, first–last node")},
                                                  {QStringLiteral("max"), tr("Endpoints without a new tier")}}) {
        auto* label = new QLabel(QStringLiteral("–"), metricsBox);
        metricsForm->addRow(title + QStringLiteral(":"), label);
        m_metrics[key] = label;
    }
    m_bomView->setModel(m_bomModel);
    m_bomView->verticalHeader()->hide();
    m_bomView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_bomView->setAlternatingRowColors(true);
    m_failureChart->setRenderHint(QPainter::Antialiasing);
    m_failureChart->setMinimumSize(380, 260);
    m_drawing->setScene(m_scene);
    m_drawing->setMinimumHeight(220);
    m_drawing->setToolTip(tr("Wheel to zoom, drag to pan; hover a line for its link count"));

    auto* left = new QVBoxLayout;
    left->addWidget(specBox);
    left->addWidget(metricsBox);
    left->addStretch(1);
    auto* leftWidget = new QWidget(this);
    leftWidget->setLayout(left);
    auto* rightTop = new QSplitter(Qt::Horizontal, this);
    rightTop->addWidget(m_bomView);
    rightTop->addWidget(m_failureChart);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(rightTop);
    right->addWidget(m_drawing);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(leftWidget);
    main->addWidget(right);
    main->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    auto* title =
        new QLabel(tr("<b>Network fabric</b> — a folded-Clos (fat tree) scale-out fabric designed from the "
                      "catalog's switches: bill of materials, bisection bandwidth by maximum flow, and what is "
                      "left when switches fail. Dragonfly and torus fabrics: <code>fleetwright-cli topology "
                      "--kind</code>."),
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
    connect(m_tiers, &QComboBox::currentIndexChanged, this, &TopologyPage::scheduleDesign);
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
    return s;
}

void TopologyPage::setSpec(const FabricSpec& s)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_nodes),         QSignalBlocker(m_acceleratorsPerNode),
                                       QSignalBlocker(m_rails),         QSignalBlocker(m_nicGbps),
                                       QSignalBlocker(m_switch),        QSignalBlocker(m_radix),
                                       QSignalBlocker(m_portGbps),      QSignalBlocker(m_tiers),
                                       QSignalBlocker(m_leafRatio),     QSignalBlocker(m_spineRatio),
                                       QSignalBlocker(m_railOptimised), QSignalBlocker(m_planes)};
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
    m_metrics[QStringLiteral("diversity")]->setText(QString::number(design.pathDiversity));
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
    m_drawing->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);

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
    emit designShown();
}

} // namespace fw::ui
