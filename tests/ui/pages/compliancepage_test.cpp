// SPDX-License-Identifier: Apache-2.0
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QSlider>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include "ui/document/fleetdocument.h"
#include "ui/models/compliancematrixmodel.h"
#include "ui/pages/compliancepage.h"

using namespace fw::ui;
using fw::core::compliance::ReviewPolicy;
using fw::core::compliance::Treatment;

class CompliancePageTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_document = new FleetDocument;
        m_document->reset(fw::core::sampleFleet()); // a US-headquartered company
        m_page = new CompliancePage(m_document);
        m_page->setCountries(QStringLiteral("US,DE,SA,CN"));
    }

    void cleanup()
    {
        delete m_page;
        delete m_document;
    }

    void matrixPassesTheModelTester()
    {
        QAbstractItemModelTester tester(m_page->matrixModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_page->setCountries(QStringLiteral("US,CN"));
        m_page->dateSlider()->setValue(10);
        QCOMPARE(m_page->matrixModel()->columnCount(), 2);
        QCOMPARE(m_page->matrixModel()->rowCount(), 36);
    }

    void cellsAreColouredByTreatment()
    {
        auto* model = m_page->matrixModel();
        const int h100 = rowOf(QStringLiteral("H100 SXM"));
        QCOMPARE(model->headerData(3, Qt::Horizontal).toString(), QStringLiteral("CN"));
        // On the newest date H100 (TPP 15,832, 3.35 TB/s) is under the January 2026 thresholds for
        // China, B200 (TPP 36,000) is not.
        const auto& cn = model->determination(model->index(h100, 3));
        QVERIFY(cn.treatment == Treatment::LicenseRequired);
        QVERIFY(cn.reviewPolicy == ReviewPolicy::CaseByCase);
        const int b200 = rowOf(QStringLiteral("B200"));
        QVERIFY(model->determination(model->index(b200, 3)).reviewPolicy == ReviewPolicy::PresumptionOfDenial);
        QCOMPARE(model->index(b200, 3).data(Qt::BackgroundRole).value<QColor>(),
                 ComplianceMatrixModel::colour(Treatment::LicenseRequired, ReviewPolicy::PresumptionOfDenial));
        QVERIFY(model->determination(model->index(h100, 1)).treatment == Treatment::Allowed);                     // DE
        QVERIFY(model->determination(model->index(h100, 2)).reviewPolicy == ReviewPolicy::PresumptionOfApproval); // SA
        QCOMPARE(ComplianceMatrixModel::legend().size(), 7U); // six treatments and "needs review"
    }

    void theDateSliderReplaysTheRules()
    {
        auto* model = m_page->matrixModel();
        const int h800 = rowOf(QStringLiteral("H800 SXM"));
        m_page->dateSlider()->setValue(m_page->dateSlider()->minimum()); // 2022-10-07
        QCOMPARE(model->date().toString(), std::string("2022-10-07"));
        QVERIFY(model->determination(model->index(h800, 3)).treatment == Treatment::Allowed); // NVLink 400 < 600
        m_page->ruleSetPicker()->setCurrentIndex(m_page->ruleSetPicker()->findData(QStringLiteral("US-AC-2023-11")));
        QCOMPARE(model->date().toString(), std::string("2023-11-17"));
        QVERIFY(model->determination(model->index(h800, 3)).treatment == Treatment::LicenseRequired);
    }

    void theCompanyFieldsShowTheFleetsCompany()
    {
        const auto boxes = m_page->findChildren<QComboBox*>();
        QStringList shown;
        for (const QComboBox* box : boxes) {
            shown << box->currentData().toString();
        }
        QVERIFY2(shown.count(QStringLiteral("US")) == 2, qPrintable(shown.join(QLatin1Char(','))));
    }

    void theCompanyProfileIsAnUndoableEdit()
    {
        auto* model = m_page->matrixModel();
        const int h100 = rowOf(QStringLiteral("H100 SXM"));
        m_page->setCompany(QStringLiteral("SG"), QStringLiteral("CN"));
        QCOMPARE(m_document->fleet().company.parentHqCountry, std::string("CN"));
        QVERIFY(model->determination(model->index(h100, 1)).treatment == Treatment::LicenseRequired); // DE
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Edit company profile"));
        m_document->undoStack()->undo();
        QVERIFY(model->determination(model->index(h100, 1)).treatment == Treatment::Allowed);
    }

    void clickingACellShowsTheReasoningWithLinks()
    {
        const QModelIndex cell = m_page->matrixModel()->index(rowOf(QStringLiteral("H100 SXM")), 3);
        m_page->matrixView()->setCurrentIndex(cell);
        const QString html = m_page->reasoning()->toHtml();
        QVERIFY(html.contains(QStringLiteral("3A090.a")));
        QVERIFY(html.contains(QStringLiteral("href=\"https://www.federalregister.gov")));
        QVERIFY(html.contains(QStringLiteral("not legal advice")));
    }

    void unknownCountryCodesAreRefused()
    {
        m_page->setCountries(QStringLiteral("us, XX ,cn"));
        QCOMPARE(m_page->matrixModel()->columnCount(), 2);
    }

private:
    int rowOf(const QString& sku) const
    {
        for (int r = 0; r < m_page->matrixModel()->rowCount(); ++r) {
            if (m_page->matrixModel()->headerData(r, Qt::Vertical).toString() == sku) {
                return r;
            }
        }
        return -1;
    }

    FleetDocument* m_document = nullptr;
    CompliancePage* m_page = nullptr;
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    CompliancePageTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "compliancepage_test.moc"
