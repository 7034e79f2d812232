// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace fw::core {

/// A finding that is not an error: shown in the GUI's panels, on the CLI's stderr and in reports.
struct Issue {
    enum class Severity { Info, Warning, Error };
    Severity severity = Severity::Warning;
    std::string subject;  ///< what it is about: "H100 SXM → AE", "site 'Reno'"
    std::string message;  ///< one sentence a planner can act on
    std::string citation; ///< rule and paragraph, or source, where there is one
    std::string url;
};

} // namespace fw::core
