// SPDX-License-Identifier: Apache-2.0
#include "app/cli/arguments.h"

#include <algorithm>

namespace fw::cli {

std::optional<std::string> Arguments::option(const std::string& name)
{
    const std::string flagText = "--" + name;
    for (auto it = m_arguments.begin(); it != m_arguments.end(); ++it) {
        if (*it == flagText) {
            if (std::next(it) == m_arguments.end()) {
                throw UsageError(flagText + " needs a value");
            }
            std::string value = *std::next(it);
            m_arguments.erase(it, std::next(it, 2));
            return value;
        }
        if (it->starts_with(flagText + "=")) {
            std::string value = it->substr(flagText.size() + 1);
            m_arguments.erase(it);
            return value;
        }
    }
    return std::nullopt;
}

bool Arguments::flag(const std::string& name)
{
    const auto it = std::find(m_arguments.begin(), m_arguments.end(), "--" + name);
    if (it == m_arguments.end()) {
        return false;
    }
    m_arguments.erase(it);
    return true;
}

std::optional<std::string> Arguments::optionalPositional()
{
    const auto it =
        std::find_if(m_arguments.begin(), m_arguments.end(), [](const std::string& a) { return !a.starts_with("--"); });
    if (it == m_arguments.end()) {
        return std::nullopt;
    }
    std::string value = *it;
    m_arguments.erase(it);
    return value;
}

std::string Arguments::positional(const std::string& what)
{
    if (auto value = optionalPositional()) {
        return *value;
    }
    throw UsageError("missing " + what);
}

void Arguments::finish() const
{
    if (!m_arguments.empty()) {
        throw UsageError("unexpected argument '" + m_arguments.front() + "'");
    }
}

} // namespace fw::cli
