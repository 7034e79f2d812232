// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/catalog/fieldvalue.h"
#include "core/compliance/ruleset.h"
#include "core/plan/planmodel.h"

namespace fw::core::report {

// The one place where the identifiers core uses in files, JSON and messages (snake_case keys,
// enumeration values, JSON paths) become the words a planner reads. The GUI and the PDF report show
// these; the CLI's --json output keeps the identifiers (a contract). A new enumeration value, JSON
// key or assumption gets its words here. Pure; thread-safe.

/// "allowed", "licence exception", "licence required (case-by-case review)", "prohibited risk".
std::string plainTreatment(compliance::Treatment treatment,
                           compliance::ReviewPolicy review = compliance::ReviewPolicy::None);

/// How a licence application would be reviewed: "approval presumed", "case-by-case", "denial presumed".
std::string plainReviewPolicy(compliance::ReviewPolicy review);

/// An ECCN as people read it: "3A090.a" stays, "not_controlled" is "not controlled".
std::string plainEccn(std::string_view eccn);

/// A policy objective ("min_cost", "max_capacity") or licence appetite ("none",
/// "presumption_of_approval", "case_by_case") in words.
std::string plainObjective(std::string_view objective);
std::string plainLicenceAppetite(std::string_view appetite);

/// One key of a scenario, the catalog or the model assumptions ("power_mw", "tdp_w",
/// "maintenance_share_per_year", "leaf_spine"): its label, or the key with spaces for underscores.
std::string plainKey(std::string_view key);

/// A catalog field's value as the GUI shows it: booleans "yes" and "no", a used-price curve as
/// "1 year: 180,000 USD; 2 years: 120,000 USD", text in plain words (plainMessage), numbers as
/// their file text.
std::string plainFieldValue(const catalog::FieldValue& value, std::string_view key);

/// `message` with every JSON path, quoted field key and enumeration value in it put in the
/// planner's words: "sites[1].power_mw[4]: -3 is negative" becomes "site “Norway”, power in
/// 2028Q1: -3 is negative" (names and quarters from `scenario` when given, else row numbers), "field
/// 'tdp_w'" becomes "field “TDP”", "license_required" becomes "licence required". Any other
/// snake_case word outside a URL loses its underscores.
std::string plainMessage(std::string_view message, const plan::Scenario* scenario = nullptr);

} // namespace fw::core::report
