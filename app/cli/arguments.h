// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"

namespace fw::cli {

/// The command line is malformed (unknown or repeated option, missing value …): exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class ValueKind { Flag, Text, Number, Whole };

/// One option of one command: the single description the parser, `--help` and the man pages use.
struct OptionSpec {
    std::string_view name; ///< without the leading "--"
    ValueKind kind = ValueKind::Flag;
    std::string_view metavar;                   ///< "S", "FILE"; empty for a flag
    std::string_view help;                      ///< what it sets, with its unit
    std::optional<double> defaultNumber;        ///< Number and Whole: the value when the option is absent
    std::string_view defaultText;               ///< Text: the value when absent
    std::string_view defaultNote;               ///< where a default that is not a constant comes from (help only)
    const core::limits::Limit* limit = nullptr; ///< Number and Whole: the accepted range
    bool repeatable = false;                    ///< may be given more than once (each value kept)
};

/// A subcommand: its name ("plan", "estimate tco"), what it takes and does, and its options.
struct CommandSpec {
    std::string_view name;
    std::string_view synopsis; ///< after the name: "FILE [--scenario NAME] [--json]"
    std::string_view summary;  ///< one line
    std::vector<OptionSpec> options;
};

/// `--help` text of `command` of `program` (fleetwright-cli, fleetwright-mpi): a usage line, the
/// summary, then one line per option starting with `--option` (help2man reads it into the man page),
/// with unit, default and accepted range.
std::string helpText(const CommandSpec& command, std::string_view program);

/// The arguments after the subcommand name, parsed against its CommandSpec when constructed: an
/// unknown option, an option given twice (unless repeatable), a flag given a value or an option
/// missing its value throws UsageError. Numbers are checked when read: not a number, NaN, ±inf or
/// outside the option's limit throws fw::core::ValidationError naming the option (exit code 1).
/// Each accessor consumes what it reads; finish() throws UsageError for a positional left over.
class Arguments {
public:
    Arguments(const CommandSpec& command, const std::vector<std::string>& arguments);

    /// `--help` was given: print helpText() and do nothing else.
    bool helpRequested() const { return m_help; }

    /// `--name VALUE` or `--name=VALUE`; the spec's text default when absent.
    std::optional<std::string> option(std::string_view name);
    /// A text option that has a default: its value, or the default when absent.
    std::string text(std::string_view name);
    /// Every value of a repeatable option, in order.
    std::vector<std::string> options(std::string_view name);
    /// `--name VALUE` as a finite number in the option's limit ("405e9" works); its default when absent.
    std::optional<double> number(std::string_view name);
    /// As number(), and whole.
    std::optional<std::int64_t> integer(std::string_view name);
    /// `--name`.
    bool flag(std::string_view name);
    /// `--name` is on the command line (any kind of option; nothing is consumed, no default counts).
    bool given(std::string_view name) const;
    /// The next argument that is not an option; UsageError naming `what` if there is none.
    std::string positional(const std::string& what);
    std::optional<std::string> optionalPositional();
    void finish() const;

private:
    const OptionSpec& spec(std::string_view name, ValueKind kind) const;

    const CommandSpec* m_command;
    std::map<std::string, std::vector<std::string>, std::less<>> m_values; ///< by option name
    std::vector<std::string> m_positionals;
    bool m_help = false;
};

} // namespace fw::cli
