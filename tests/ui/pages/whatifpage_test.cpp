// SPDX-License-Identifier: Apache-2.0
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSpinBox>
#include <QTest>
#include <QValueAxis>

#include "ui/document/fleetdocument.h"
#include "ui/pages/whatifpage.h"
#include "ui/widgets/problemlabel.h"

#include <cmath>

using namespace fw::ui;

class WhatIfPageTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_document = new FleetDocument;
        m_document->reset(fw::core::sampleFleet());
        m_page = new WhatIfPage(m_document);
    }

    void cleanup()
    {
        delete m_page;
        delete m_document;
    }

    void startsOnTheLlama3Run()
    {
        // 405B parameters, 15.6T tokens on 16,384 H100 at the published MFU: about 29.6M
        // accelerator-hours, against 30.84M published (Llama 3.1 model card).
        QVERIFY(m_page->problem()->problem().isEmpty());
        const double hours = QLocale().toDouble(m_page->result(QStringLiteral("accelerator_hours")));
        QVERIFY2(std::abs(hours / 30.84e6 - 1.0) < 0.2,
                 qPrintable(m_page->result(QStringLiteral("accelerator_hours"))));
        QCOMPARE(m_page->trainingChart()->chart()->series().size(), 3);
    }

    void updatesAsYouType()
    {
        const QString before = m_page->result(QStringLiteral("wall_days"));
        m_page->trainingAccelerators()->setValue(m_page->trainingAccelerators()->value() * 2);
        const double ratio =
            QLocale().toDouble(before) / QLocale().toDouble(m_page->result(QStringLiteral("wall_days")));
        // Twice the accelerators: not quite half the days, as MFU falls by 2^-0.07 and the bigger job is
        // interrupted twice as often (goodput 0.89 → 0.85 at 32,768 H100).
        QVERIFY2(ratio > 1.7 && ratio < 2.0 * std::pow(2.0, -0.07), qPrintable(QString::number(ratio)));
    }

    void showsTheReasonForImpossibleInputs()
    {
        m_page->trainingSku()->setCurrentText(QStringLiteral("H100 SXM"));
        auto* precision = m_page->trainingPrecision();
        precision->setCurrentText(QStringLiteral("fp4"));
        QVERIFY(!m_page->problem()->problem().isEmpty());
        QVERIFY(m_page->problem()->problem().contains(QStringLiteral("publishes no dense fp4 rate")));
        precision->setCurrentText(QStringLiteral("bf16"));
        QVERIFY(m_page->problem()->problem().isEmpty());
    }

    void powerAndCostFollowTheCatalog()
    {
        QCOMPARE(m_page->result(QStringLiteral("server_w_per_accelerator")), QStringLiteral("1,275"));
        QCOMPARE(m_page->result(QStringLiteral("it_w_per_accelerator")), QStringLiteral("1,417")); // 1,275 × 1.111
        QVERIFY(!m_page->result(QStringLiteral("usd_per_accelerator_hour")).isEmpty());
    }

    void inferenceShowsTheThroughputInteractivityCurveOfTwoAccelerators()
    {
        // B200 against GB200 for the default Llama 3.1 70B: two curves (throughput falling as the speed
        // per user rises) and the required speed as a dashed line.
        const auto series = m_page->inferenceChart()->chart()->series();
        QCOMPARE(series.size(), 3);
        for (int i = 0; i < 2; ++i) {
            const auto points = qobject_cast<QLineSeries*>(series[i])->points();
            QVERIFY2(points.size() >= 5, qPrintable(series[i]->name()));
            for (int p = 1; p < points.size(); ++p) {
                QVERIFY(points[p].x() < points[p - 1].x());
                QVERIFY(points[p].y() >= points[p - 1].y());
            }
        }
        everyInferencePointWithinTheAxes();
        QCOMPARE(series[0]->name(), QStringLiteral("B200"));
        QCOMPARE(series[1]->name(), QStringLiteral("GB200"));
        QVERIFY(m_page->result(QStringLiteral("serving_layout")).startsWith(QStringLiteral("TP")) ||
                m_page->result(QStringLiteral("serving_layout")).startsWith(QStringLiteral("EP")));
    }

    void aSoftwareScheduledChipSaysItRunsEveryExpert()
    {
        // Mixtral on Groq's LPU: every token through every expert (its network is scheduled ahead of
        // time); on an H100 the two chosen experts only, and the hover text says nothing of it.
        m_page->inferenceModelChoice()->setCurrentText(QStringLiteral("Mixtral 8x7B"));
        m_page->inferenceSku()->setCurrentText(QStringLiteral("Groq LPU"));
        QVERIFY2(m_page->problem()->problem().isEmpty(), qPrintable(m_page->problem()->problem()));
        const QString every = QStringLiteral("Every token runs through every expert");
        QVERIFY2(m_page->resultToolTip(QStringLiteral("serving_layout")).contains(every),
                 qPrintable(m_page->resultToolTip(QStringLiteral("serving_layout"))));
        m_page->inferenceSku()->setCurrentText(QStringLiteral("H100 SXM"));
        QVERIFY(m_page->resultToolTip(QStringLiteral("serving_layout")).startsWith(QStringLiteral("Per decode round")));
        QVERIFY(!m_page->resultToolTip(QStringLiteral("serving_layout")).contains(every));
        m_page->inferenceSku()->setCurrentText(QStringLiteral("Groq LPU")); // beside GB200's wider curve
        everyInferencePointWithinTheAxes();
    }

    void disaggregatedDeepSeekPutsTheRackAheadAtInteractiveSpeeds()
    {
        // DeepSeek-V3 at 60 tokens/s per user: colocated, the expert-parallel rounds wait for the rank
        // with the most prompts and both systems serve on pipelines, alike; with prefill on its own pool
        // GB200's 72-GPU NVLink domain serves expert-parallel at over twice B200's tokens per GPU.
        m_page->inferenceModelChoice()->setCurrentText(QStringLiteral("DeepSeek-V3 / R1"));
        m_page->inferenceSpeed()->setValue(60.0);
        const auto perGpu = [this](const char* sku) {
            m_page->inferenceSku()->setCurrentText(QString::fromLatin1(sku));
            return QLocale().toDouble(m_page->result(QStringLiteral("tokens_per_s_per_accelerator")));
        };
        QVERIFY(perGpu("GB200") < 1.5 * perGpu("B200"));
        QVERIFY(!m_page->result(QStringLiteral("serving_layout")).startsWith(QStringLiteral("EP")));
        m_page->inferenceServing()->setCurrentIndex(1);
        QVERIFY2(perGpu("GB200") > 2.0 * perGpu("B200"), qPrintable(m_page->result(QStringLiteral("serving_layout"))));
        QVERIFY(m_page->result(QStringLiteral("serving_layout")).startsWith(QStringLiteral("EP")));
        everyInferencePointWithinTheAxes();
    }

private:
    /// Every point of both curves and the required speed lie within the axes (whole decades of speed
    /// per user), however far apart the two accelerators' curves are.
    void everyInferencePointWithinTheAxes()
    {
        const auto* chart = m_page->inferenceChart()->chart();
        const auto* x = qobject_cast<QLogValueAxis*>(chart->axes(Qt::Horizontal).at(0));
        const auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).at(0));
        QVERIFY(x && y);
        for (const auto* s : chart->series()) {
            for (const QPointF& p : qobject_cast<const QLineSeries*>(s)->points()) {
                QVERIFY2(p.x() >= x->min() && p.x() <= x->max() && p.y() <= y->max(),
                         qPrintable(s->name() + QStringLiteral(" at ") + QString::number(p.x()) + QStringLiteral(", ") +
                                    QString::number(p.y())));
            }
        }
    }

    FleetDocument* m_document = nullptr;
    WhatIfPage* m_page = nullptr;
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    WhatIfPageTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "whatifpage_test.moc"
