// SPDX-License-Identifier: Apache-2.0
#include "core/report/rentalstable.h"

#include <algorithm>
#include <set>

#include "core/numbertext.h"
#include "core/plan/rentedblocks.h"
#include "core/report/figuretext.h"
#include "core/report/plainwords.h"

namespace fw::core::report {

ReportTable rentalsTable(const plan::PlanModel& model, const plan::Plan& plan)
{
    const auto& sc = model.scenario;
    ReportTable table{"Rented capacity",
                      {"Provider", "Region", "System", "Contract", "Quarters", "Accelerators", "USD paid", "Treatment"},
                      {}};
    for (const auto& b : plan::rentedBlocks(model, plan)) {
        const auto& offer = sc.cloudOffers[static_cast<std::size_t>(b.cloudOffer)];
        const std::string contract = !b.namedRun.empty() ? "on demand, run “" + b.namedRun + "”"
                                     : offer.reserved ? "reserved " + std::to_string(offer.termQuarters) + " quarters" +
                                                            (offer.prepaid ? ", prepaid" : "")
                                                      : "on demand";
        const std::string first = sc.firstQuarter.plus(b.firstQuarter).toString();
        table.rows.push_back(
            {offer.provider + " (" + offer.providerHq + ")", offer.region,
             model.rented[static_cast<std::size_t>(b.cloudOffer)].sku, contract,
             b.lastQuarter == b.firstQuarter ? first : first + "–" + sc.firstQuarter.plus(b.lastQuarter).toString(),
             groupedNumber(b.accelerators, 0), usd(b.usd),
             b.treatment.substr(0, b.treatment.find(':')) + (b.warnings.empty() ? "" : ", red flag")});
    }
    return table;
}

std::vector<std::string> rentalNotes(const plan::PlanModel& model, const plan::Plan& plan)
{
    std::vector<std::string> notes;
    std::set<int> offers;
    const auto add = [&notes](const std::string& note) {
        if (std::find(notes.begin(), notes.end(), note) == notes.end()) {
            notes.push_back(note);
        }
    };
    for (const auto& b : plan::rentedBlocks(model, plan)) {
        const auto& offer = model.scenario.cloudOffers[static_cast<std::size_t>(b.cloudOffer)];
        add("Rule basis, " + offer.provider + " " + offer.sku + " in " + offer.region + ": " +
            plainMessage(b.treatment, &model.scenario) + ".");
        for (const auto& w : b.warnings) {
            add("Watch: " + plainMessage(w, &model.scenario));
        }
        offers.insert(b.cloudOffer);
    }
    for (const int k : offers) {
        const auto& offer = model.scenario.cloudOffers[static_cast<std::size_t>(k)];
        std::string sources;
        for (const auto& s : offer.priceSources) {
            sources += (sources.empty() ? "" : "; ") + s;
        }
        notes.push_back("Price of " + offer.provider + " " + offer.sku + " in " + offer.region + ": " +
                        (sources.empty() ? "no source given" : sources) + ".");
    }
    return notes;
}

} // namespace fw::core::report
