// SPDX-License-Identifier: Apache-2.0
// No identifier from files or code reaches people: the rendered texts of every page (labels,
// buttons, tables and their headers, tooltips, charts, menus, the findings of a plan and of a
// scenario without one, a refused edit) and the text of the PDF report (pdftotext) hold no
// snake_case word and no JSON path.
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocumentFragment>

#include "tests/ui/settle.h"
#include "ui/document/fleetdocument.h"
#include "ui/mainwindow.h"
#include "ui/models/compliancematrixmodel.h"
#include "ui/models/scenariotablemodel.h"
#include "ui/pages/catalogpage.h"
#include "ui/pages/comparepage.h"
#include "ui/pages/compliancepage.h"
#include "ui/pages/planpage.h"
#include "ui/pages/riskpage.h"
#include "ui/pages/sitespage.h"

using namespace fw::ui;

namespace {

using test::settle;

QString plainText(const QString& text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

/// Every text of a model a view shows: cells and both headers, shown and as tooltips.
void modelTexts(const QAbstractItemModel* model, QStringList& texts)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        texts << model->headerData(c, Qt::Horizontal).toString()
              << model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString();
    }
    for (int r = 0; r < model->rowCount(); ++r) {
        texts << model->headerData(r, Qt::Vertical).toString();
        for (int c = 0; c < model->columnCount(); ++c) {
            const QModelIndex index = model->index(r, c);
            texts << index.data(Qt::DisplayRole).toString() << index.data(Qt::ToolTipRole).toString();
        }
    }
}

void chartTexts(const QChart* chart, QStringList& texts)
{
    texts << chart->title();
    for (const QAbstractAxis* axis : chart->axes()) {
        texts << axis->titleText();
        if (auto* categories = qobject_cast<QBarCategoryAxis*>(const_cast<QAbstractAxis*>(axis))) {
            texts << categories->categories();
        } else if (auto* labels = qobject_cast<QCategoryAxis*>(const_cast<QAbstractAxis*>(axis))) {
            texts << labels->categoriesLabels();
        }
    }
    for (const QAbstractSeries* series : chart->series()) {
        texts << series->name();
    }
}

/// The texts a person can read on `root` as it is now: every visible widget's text and tooltip.
QStringList visibleTexts(QWidget* root)
{
    QStringList texts;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root)) {
            continue;
        }
        texts << w->toolTip() << w->windowTitle();
        if (auto* label = qobject_cast<QLabel*>(w)) {
            texts << plainText(label->text());
        } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
            texts << button->text();
        } else if (auto* group = qobject_cast<QGroupBox*>(w)) {
            texts << group->title();
        } else if (auto* tabs = qobject_cast<QTabBar*>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                texts << tabs->tabText(i) << tabs->tabToolTip(i);
            }
        } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i) {
                texts << combo->itemText(i);
            }
        } else if (auto* line = qobject_cast<QLineEdit*>(w)) {
            texts << line->text() << line->placeholderText();
        } else if (auto* browser = qobject_cast<QTextBrowser*>(w)) {
            texts << browser->toPlainText();
        } else if (auto* spin = qobject_cast<QAbstractSpinBox*>(w)) {
            texts << spin->text() << spin->specialValueText();
        } else if (auto* chart = qobject_cast<QChartView*>(w); chart && chart->chart()) {
            chartTexts(chart->chart(), texts);
        } else if (auto* view = qobject_cast<QAbstractItemView*>(w); view && view->model()) {
            modelTexts(view->model(), texts);
        }
    }
    return texts;
}

void menuTexts(const QMenu* menu, QStringList& texts)
{
    for (const QAction* action : menu->actions()) {
        texts << action->text() << action->toolTip();
        if (action->menu() != nullptr) {
            menuTexts(action->menu(), texts);
        }
    }
}

/// The identifiers in `texts`: snake_case words and JSON paths, outside URLs and file paths (a word
/// with a slash: the rest of a URL the PDF wrapped onto the next line); "where: text" each.
QStringList identifiers(const QStringList& texts, const QString& where)
{
    static const QRegularExpression url(QStringLiteral(R"(https?://\S+|\S*/\S*)"));
    static const QRegularExpression identifier(QStringLiteral(R"(\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z_]+\[\d+\])"));
    QStringList found;
    for (QString text : texts) {
        text.remove(url);
        for (auto it = identifier.globalMatch(text); it.hasNext();) {
            found << QStringLiteral("%1: “%2” in “%3”").arg(where, it.next().captured(0), text.left(160));
        }
    }
    found.removeDuplicates();
    return found;
}

/// The identifiers on every page of `window`, in every tab.
QStringList identifiersOnEveryPage(MainWindow& window, const QString& state)
{
    auto* pages = window.findChild<QStackedWidget*>();
    auto* names = window.findChild<QListWidget*>();
    QStringList found;
    for (int p = 0; p < pages->count(); ++p) {
        window.showPage(p);
        settle();
        QWidget* page = pages->widget(p);
        const QString where = state + QStringLiteral(" / ") + names->item(p)->text();
        found << identifiers(visibleTexts(page), where);
        for (auto* tabs : page->findChildren<QTabWidget*>()) {
            for (int t = 0; t < tabs->count() && tabs->isVisibleTo(page); ++t) {
                tabs->setCurrentIndex(t);
                settle();
                found << identifiers(visibleTexts(page), where + QStringLiteral(" / ") + tabs->tabText(t));
            }
            tabs->setCurrentIndex(0);
        }
    }
    QStringList menus;
    for (const QAction* action : window.menuBar()->actions()) {
        menus << action->text();
        if (action->menu() != nullptr) {
            menuTexts(action->menu(), menus);
        }
    }
    found << identifiers(menus, state + QStringLiteral(" / menus")) << identifiers(visibleTexts(&window), state);
    found.removeDuplicates();
    return found;
}

/// The lines of `text` with a URL the page wrapped after a slash or a hyphen joined again to its rest
/// (a long URL may be wrapped more than once).
QStringList joinWrappedUrls(QString text)
{
    static const QRegularExpression wrapped(QStringLiteral(R"((https?://\S*[/-])\n\s*)"));
    for (QString before; before != text;) {
        before = text;
        text.replace(wrapped, QStringLiteral("\\1"));
    }
    return text.split(QLatin1Char('\n'));
}

/// The text of the PDF at `path`, by pdftotext (poppler-utils).
QString pdfText(const QString& path)
{
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!pdftotext.waitForFinished(60000) || pdftotext.exitCode() != 0) {
        return {};
    }
    return QString::fromUtf8(pdftotext.readAllStandardOutput());
}

bool plan(MainWindow& window)
{
    QSignalSpy shown(window.planPage(), &PlanPage::planShown);
    window.planPage()->run();
    return shown.wait(120000);
}

} // namespace

class UserWordsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void noIdentifierOnAnyPage()
    {
        MainWindow window;
        window.newSampleFleet();
        window.resize(1280, 800);
        window.show();
        QStringList found = identifiersOnEveryPage(window, QStringLiteral("before any plan"));

        // A plan of each scenario, a comparison, a chosen catalog record and compliance cell.
        QVERIFY(plan(window));
        window.planPage()->scenarioPicker()->setCurrentIndex(1);
        QVERIFY(plan(window));
        window.planPage()->scenarioPicker()->setCurrentIndex(0);
        ComparePage& compare = *window.comparePage();
        for (int i = 0; i < compare.scenarios()->count(); ++i) {
            compare.scenarios()->item(i)->setCheckState(Qt::Checked);
        }
        QSignalSpy compared(&compare, &ComparePage::compared);
        QVERIFY(compare.compare());
        QVERIFY(compared.wait(120000));
        QSignalSpy assessed(window.riskPage(), &RiskPage::finished); // the figures, histogram and futures
        window.riskPage()->run();
        QVERIFY(assessed.wait(120000));
        QVERIFY(window.riskPage()->currentRun());
        auto* catalog = window.catalogPage()->acceleratorView();
        catalog->setCurrentIndex(catalog->model()->index(2, 0));
        auto* compliance = window.compliancePage();
        compliance->matrixView()->setCurrentIndex(compliance->matrixModel()->index(2, 12));
        found << identifiersOnEveryPage(window, QStringLiteral("planned"));

        // A refused edit: a negative power, as the Sites page shows it.
        SitesPage& sites = *window.sitesPage();
        QVERIFY(!sites.power()->setData(sites.power()->index(4, 1), QStringLiteral("-3")));
        window.showPage(window.sitesPage());
        settle();
        found << identifiers(visibleTexts(window.sitesPage()), QStringLiteral("refused edit"));

        // A scenario without a plan: the diagnosis and its cause, on the Plan, Overview and Compare pages.
        auto capped = window.document()->scenario();
        capped.policy.maxVendorShare = 0.6;
        capped.cloudOffers.clear(); // renting another vendor could balance the shares
        QVERIFY(window.document()->changeScenario(capped, QStringLiteral("Cap the vendor share")));
        QVERIFY(plan(window));
        QVERIFY(window.planPage()->shownRun()->plan.status == fw::core::plan::PlanStatus::Infeasible);
        QVERIFY(compare.compare());
        QVERIFY(compared.wait(120000));
        found << identifiersOnEveryPage(window, QStringLiteral("no plan"));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    void noIdentifierInTheReport()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.newSampleFleet();
        const QString planned = dir.filePath(QStringLiteral("planned.pdf"));
        QVERIFY(window.exportReport(planned));
        const QString text = pdfText(planned);
        QVERIFY2(text.contains(QStringLiteral("Where the NPV cost goes")), qPrintable(text.left(400)));
        QStringList found = identifiers(joinWrappedUrls(text), QStringLiteral("report"));
        // And the report of a scenario without a plan: its diagnosis.
        auto capped = window.document()->scenario();
        capped.policy.maxVendorShare = 0.6;
        capped.cloudOffers.clear(); // renting another vendor could balance the shares
        QVERIFY(window.document()->changeScenario(capped, QStringLiteral("Cap the vendor share")));
        const QString none = dir.filePath(QStringLiteral("none.pdf"));
        QVERIFY(window.exportReport(none));
        const QString noneText = pdfText(none);
        QVERIFY2(noneText.contains(QStringLiteral("Smallest change that gives a plan")),
                 qPrintable(noneText.left(800)));
        found << identifiers(joinWrappedUrls(noneText), QStringLiteral("report without a plan"));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    UserWordsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "userwords_test.moc"
