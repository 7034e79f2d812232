// SPDX-License-Identifier: Apache-2.0
#include "app/cli/arguments.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "core/error.h"
#include "core/numbertext.h"

namespace fw::cli {
namespace {

const OptionSpec* findOption(const CommandSpec& command, std::string_view name)
{
    const auto it = std::find_if(command.options.begin(), command.options.end(),
                                 [&](const OptionSpec& o) { return o.name == name; });
    return it == command.options.end() ? nullptr : &*it;
}

std::string optionHelp(const OptionSpec& o)
{
    std::string text(o.help);
    if (o.defaultNumber) {
        text += "; default " + core::formatNumber(*o.defaultNumber);
    } else if (!o.defaultText.empty()) {
        text += "; default " + std::string(o.defaultText);
    } else if (!o.defaultNote.empty()) {
        text += "; default " + std::string(o.defaultNote);
    }
    if (o.limit != nullptr) {
        text += "; " + core::formatNumber(o.limit->least) + "–" + core::formatNumber(o.limit->most);
        if (!o.limit->unit.empty() && o.limit->unit.front() != '(') {
            text += " " + std::string(o.limit->unit);
        }
    }
    if (o.repeatable) {
        text += "; may be repeated";
    }
    return text;
}

} // namespace

std::string helpText(const CommandSpec& command, std::string_view program)
{
    std::ostringstream out;
    out << "Usage: " << program << " " << command.name << " " << command.synopsis << "\n"
        << command.summary << "\n\nOptions:\n";
    const auto line = [&](const std::string& head, const std::string& text) {
        out << "  " << head;
        if (head.size() < 30) {
            out << std::string(30 - head.size(), ' ') << text << "\n";
        } else {
            out << "\n" << std::string(32, ' ') << text << "\n";
        }
    };
    for (const auto& o : command.options) {
        line("--" + std::string(o.name) + (o.metavar.empty() ? "" : " " + std::string(o.metavar)), optionHelp(o));
    }
    line("--help", "print this help and exit");
    out << "\nExit status: 0 success, 1 error in the input (one line on stderr), 2 bad command line.\n";
    return out.str();
}

Arguments::Arguments(const CommandSpec& command, const std::vector<std::string>& arguments) : m_command(&command)
{
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            m_help = true;
            continue;
        }
        if (!argument.starts_with("--")) {
            m_positionals.push_back(argument);
            continue;
        }
        const auto equals = argument.find('=');
        const std::string name = argument.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        const OptionSpec* option = findOption(command, name);
        if (option == nullptr) {
            throw UsageError(std::string(command.name) + ": unknown option --" + name);
        }
        auto& values = m_values[name];
        if (!values.empty() && !option->repeatable) {
            throw UsageError("--" + name + " is given twice");
        }
        if (option->kind == ValueKind::Flag) {
            if (equals != std::string::npos) {
                throw UsageError("--" + name + " takes no value");
            }
            values.emplace_back();
            continue;
        }
        if (equals != std::string::npos) {
            values.push_back(argument.substr(equals + 1));
        } else if (i + 1 < arguments.size() && !arguments[i + 1].starts_with("--")) {
            values.push_back(arguments[++i]);
        } else {
            throw UsageError("--" + name + " needs a value (" + std::string(option->metavar) + ")");
        }
    }
}

const OptionSpec& Arguments::spec(std::string_view name, ValueKind kind) const
{
    const OptionSpec* option = findOption(*m_command, name);
    if (option == nullptr ||
        (option->kind != kind && !(kind == ValueKind::Number && option->kind == ValueKind::Whole))) {
        throw std::logic_error("fleetwright-cli " + std::string(m_command->name) + ": --" + std::string(name) +
                               " is not declared as read");
    }
    return *option;
}

std::vector<std::string> Arguments::options(std::string_view name)
{
    spec(name, ValueKind::Text);
    const auto it = m_values.find(name);
    if (it == m_values.end()) {
        return {};
    }
    auto values = std::move(it->second);
    m_values.erase(it);
    return values;
}

std::optional<std::string> Arguments::option(std::string_view name)
{
    const OptionSpec& option = spec(name, ValueKind::Text);
    auto values = options(name);
    if (values.empty()) {
        return option.defaultText.empty() ? std::nullopt : std::optional<std::string>(option.defaultText);
    }
    return values.front();
}

std::string Arguments::text(std::string_view name)
{
    const OptionSpec& option = spec(name, ValueKind::Text);
    if (option.defaultText.empty()) {
        throw std::logic_error("--" + std::string(name) + ": text() needs a default");
    }
    auto values = options(name);
    return values.empty() ? std::string(option.defaultText) : values.front();
}

std::optional<double> Arguments::number(std::string_view name)
{
    const OptionSpec& option = spec(name, ValueKind::Number);
    const std::string flag = "--" + std::string(name);
    const auto it = m_values.find(name);
    if (it == m_values.end()) {
        return option.defaultNumber;
    }
    const std::string text = it->second.front();
    m_values.erase(it);
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ptr != text.data() + text.size() ||
        (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        throw core::ValidationError(flag + ": '" + text + "' is not a number");
    }
    if (ec == std::errc::result_out_of_range || !std::isfinite(value)) {
        throw core::ValidationError(flag + ": '" + text + "' is not a finite number");
    }
    return option.limit != nullptr ? core::limits::check(*option.limit, value, flag) : value;
}

std::optional<std::int64_t> Arguments::integer(std::string_view name)
{
    const OptionSpec& option = spec(name, ValueKind::Whole);
    const auto value = number(name);
    if (!value) {
        return std::nullopt;
    }
    if (*value != std::floor(*value)) {
        throw core::ValidationError("--" + std::string(name) + ": " + core::formatNumber(*value) +
                                    " is not a whole number");
    }
    if (option.limit == nullptr || option.limit->most > 9e15) {
        throw std::logic_error("--" + std::string(name) + ": a whole-number option needs a limit below 2^53");
    }
    return static_cast<std::int64_t>(*value);
}

bool Arguments::given(std::string_view name) const
{
    if (findOption(*m_command, name) == nullptr) {
        throw std::logic_error("fleetwright-cli " + std::string(m_command->name) + ": --" + std::string(name) +
                               " is not declared as read");
    }
    return m_values.contains(name);
}

bool Arguments::flag(std::string_view name)
{
    spec(name, ValueKind::Flag);
    return m_values.erase(std::string(name)) > 0;
}

std::optional<std::string> Arguments::optionalPositional()
{
    if (m_positionals.empty()) {
        return std::nullopt;
    }
    std::string value = m_positionals.front();
    m_positionals.erase(m_positionals.begin());
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
    if (!m_positionals.empty()) {
        throw UsageError("unexpected argument '" + m_positionals.front() + "'");
    }
}

} // namespace fw::cli
