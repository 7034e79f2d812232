// SPDX-License-Identifier: Apache-2.0
#include "ui/document/planbook.h"

#include <algorithm>

namespace fw::ui {

void PlanBook::add(std::shared_ptr<const PlanRun> run, QDateTime madeAt)
{
    const std::string name = run->inputs.scenario.name;
    m_entries.push_back({std::move(run), std::move(madeAt)});
    // Drop the oldest plans of this scenario beyond the few kept.
    std::size_t kept = 0;
    for (auto it = m_entries.rbegin(); it != m_entries.rend();) {
        if (it->run->inputs.scenario.name == name && ++kept > plansPerScenario) {
            it = decltype(it)(m_entries.erase(std::next(it).base()));
        } else {
            ++it;
        }
    }
    emit added(QString::fromStdString(name));
}

PlanBook::Lookup PlanBook::find(const core::Fleet& fleet, const core::plan::Scenario& scenario) const
{
    const PlanInputs now = planInputs(fleet, scenario);
    Lookup latest;
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if (it->run->inputs == now) {
            return {it->run, it->madeAt, true};
        }
        if (!latest.run && it->run->inputs.scenario.name == scenario.name) {
            latest = {it->run, it->madeAt, false};
        }
    }
    return latest;
}

void PlanBook::clear()
{
    m_entries.clear();
}

} // namespace fw::ui
