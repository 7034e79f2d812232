// SPDX-License-Identifier: Apache-2.0
#include "ui/models/trainingrunstable.h"

#include "core/error.h"

namespace fw::ui {
namespace {

using core::plan::Scenario;
using core::plan::TrainingRun;
using Factor = std::optional<double> TrainingRun::*;

ScenarioColumn nameColumn()
{
    return {QObject::tr("Name"), QObject::tr("The run's name, unique in the scenario"),
            [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.trainingRuns, r).name)); },
            [](Scenario& s, int r, const QString& text) {
                rowOf(s.trainingRuns, r).name = text.trimmed().toStdString();
                return QString();
            }};
}

ScenarioColumn startColumn()
{
    return {QObject::tr("Start"), QObject::tr("The quarter it starts, like 2027Q3"),
            [](const Scenario& s, int r) {
                return QVariant(QString::fromStdString(rowOf(s.trainingRuns, r).start.toString()));
            },
            [](Scenario& s, int r, const QString& text) {
                try {
                    rowOf(s.trainingRuns, r).start = core::plan::Quarter::parse(text.trimmed().toStdString());
                } catch (const core::ValidationError& e) {
                    return QString::fromUtf8(e.what());
                }
                return QString();
            }};
}

/// Stated in accelerators: that many. Stated as work: the cluster size given, or empty (0) for the
/// fewest that finish by the deadline on each family, which only the plan knows.
ScenarioColumn acceleratorsColumn()
{
    ScenarioColumn c{QObject::tr("Accelerators"),
                     QObject::tr("One cluster of this many training-capable accelerators; for a run stated as "
                                 "work, the cluster size (empty: the fewest that finish by the deadline on each "
                                 "system family)"),
                     [](const Scenario& s, int r) {
                         const TrainingRun& run = rowOf(s.trainingRuns, r);
                         return run.statedAsWork() && run.accelerators == 0 ? QVariant(QString())
                                                                            : QVariant(run.accelerators);
                     },
                     [](Scenario& s, int r, const QString& text) {
                         int& accelerators = rowOf(s.trainingRuns, r).accelerators;
                         if (text.trimmed().isEmpty()) {
                             accelerators = 0; // checkScenario refuses it for a run stated in accelerators
                             return QString();
                         }
                         return writeCount(text, accelerators);
                     }};
    c.cellTip = [](const Scenario& s, int r) {
        const TrainingRun& run = rowOf(s.trainingRuns, r);
        if (!run.statedAsWork()) {
            return QString();
        }
        return run.accelerators == 0
                   ? QObject::tr("Sized per system family: see the plan (the fewest accelerators that finish by "
                                 "the deadline on each family)")
                   : QObject::tr("The cluster size given; how long it runs is sized per system family: see the "
                                 "plan. Empty: the fewest that finish by the deadline");
    };
    return c;
}

ScenarioColumn weeksColumn()
{
    ScenarioColumn c = fieldColumn(QObject::tr("Weeks"),
                                   QObject::tr("How long it runs, weeks (13 to a quarter); for a run stated as "
                                               "work, its deadline"),
                                   &Scenario::trainingRuns, &TrainingRun::weeks);
    c.cellTip = [](const Scenario& s, int r) {
        return rowOf(s.trainingRuns, r).statedAsWork()
                   ? QObject::tr("The deadline, weeks from the start of its quarter; on each system family it runs "
                                 "as long as the training model says: see the plan")
                   : QString();
    };
    return c;
}

/// The work in FLOPs. A run stated as parameters × tokens shows its 6 × N × D here too, but only a
/// stated figure is edited (and copied); typing one clears the parameters and tokens.
ScenarioColumn flopsColumn()
{
    ScenarioColumn c{QObject::tr("Training FLOPs"),
                     QObject::tr("The run stated as work, in FLOPs (like 5e23): sized per system family at its "
                                 "precision. Typing it clears parameters and tokens"),
                     [](const Scenario& s, int r) { return optionalCell(rowOf(s.trainingRuns, r).trainingFlops); },
                     [](Scenario& s, int r, const QString& text) {
                         TrainingRun& run = rowOf(s.trainingRuns, r);
                         const QString problem = writeOptionalNumber(text, run.trainingFlops);
                         if (problem.isEmpty() && run.trainingFlops) {
                             run.parameters.reset();
                             run.tokens.reset();
                         }
                         return problem;
                     }};
    c.shown = [](const Scenario& s, int r) {
        const TrainingRun& run = rowOf(s.trainingRuns, r);
        return run.statedAsWork() ? QVariant(run.flops()) : QVariant(QString());
    };
    c.cellTip = [](const Scenario& s, int r) {
        const TrainingRun& run = rowOf(s.trainingRuns, r);
        return !run.trainingFlops && run.statedAsWork()
                   ? QObject::tr("6 × parameters × tokens (Kaplan et al. 2020); type FLOPs to state the run in "
                                 "FLOPs instead")
                   : QString();
    };
    return c;
}

/// Parameters or tokens (`factor`; `other` is the second one). Typing one clears the run's training
/// FLOPs; when the run was stated in FLOPs and `other` is not given, `other` becomes what keeps the
/// work the same, so that the run can be restated one cell at a time.
ScenarioColumn factorColumn(const QString& title, const QString& tip, Factor factor, Factor other)
{
    return {title, tip, [factor](const Scenario& s, int r) { return optionalCell(rowOf(s.trainingRuns, r).*factor); },
            [factor, other](Scenario& s, int r, const QString& text) {
                TrainingRun& run = rowOf(s.trainingRuns, r);
                const std::optional<double> work = run.trainingFlops;
                const QString problem = writeOptionalNumber(text, run.*factor);
                if (!problem.isEmpty() || !(run.*factor)) {
                    return problem;
                }
                run.trainingFlops.reset();
                if (work && !(run.*other)) {
                    TrainingRun perUnit = run; // the work of one unit of `other`, by the core's formula
                    perUnit.*other = 1.0;
                    if (perUnit.flops() > 0.0) {
                        run.*other = *work / perUnit.flops();
                    }
                }
                return QString();
            }};
}

ScenarioColumn precisionColumn()
{
    return {
        QObject::tr("Precision"),
        QObject::tr("The dense rate a run stated as work is sized at (bf16, fp8 …); a family without it "
                    "cannot take the run. A run stated in accelerators runs on any that can train"),
        [](const Scenario& s, int r) { return QVariant(QString::fromStdString(rowOf(s.trainingRuns, r).precision)); },
        [](Scenario& s, int r, const QString& text) {
            rowOf(s.trainingRuns, r).precision = text.trimmed().toLower().toStdString();
            return QString();
        }};
}

} // namespace

ScenarioTable trainingRunsTable()
{
    ScenarioTable t;
    t.noun = QObject::tr("run");
    t.rows = [](const Scenario& s) { return static_cast<int>(s.trainingRuns.size()); };
    t.rowName = [](const Scenario& s, int r) { return QString::fromStdString(rowOf(s.trainingRuns, r).name); };
    t.columns = [](const Scenario&) {
        return std::vector<ScenarioColumn>{
            nameColumn(),
            startColumn(),
            acceleratorsColumn(),
            weeksColumn(),
            flopsColumn(),
            factorColumn(QObject::tr("Parameters"),
                         QObject::tr("Active parameters per token (count), with tokens: the work is 6 × "
                                     "parameters × tokens FLOPs. Typing it clears training FLOPs"),
                         &TrainingRun::parameters, &TrainingRun::tokens),
            factorColumn(QObject::tr("Tokens"),
                         QObject::tr("Training tokens (count), with parameters: the work is 6 × parameters × "
                                     "tokens FLOPs. Typing it clears training FLOPs"),
                         &TrainingRun::tokens, &TrainingRun::parameters),
            precisionColumn()};
    };
    t.insertRow = [](Scenario& s, int row) {
        TrainingRun run;
        run.name = "run " + std::to_string(s.trainingRuns.size() + 1);
        run.start = s.firstQuarter;
        run.accelerators = 1024;
        run.weeks = 8.0;
        s.trainingRuns.insert(s.trainingRuns.begin() + row, run);
    };
    t.removeRow = [](Scenario& s, int row) { s.trainingRuns.erase(s.trainingRuns.begin() + row); };
    return t;
}

} // namespace fw::ui
