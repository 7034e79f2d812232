// SPDX-License-Identifier: Apache-2.0
#include "app/cli/arguments.h"

#include <algorithm>
#include <charconv>

#include "core/error.h"

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

std::optional<double> Arguments::number(const std::string& name)
{
    const auto text = option(name);
    if (!text) {
        return std::nullopt;
    }
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size()) {
        throw core::ValidationError("--" + name + ": '" + *text + "' is not a number");
    }
    return value;
}

std::optional<int> Arguments::integer(const std::string& name)
{
    const auto text = option(name);
    if (!text) {
        return std::nullopt;
    }
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size()) {
        throw core::ValidationError("--" + name + ": '" + *text + "' is not a whole number");
    }
    return value;
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
