// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fw::cli {

/// The command line is malformed (unknown option, missing value …): exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The arguments after the subcommand name. Each accessor consumes what it reads; finish() throws
/// UsageError for whatever is left, so a typo is never silently ignored.
class Arguments {
public:
    explicit Arguments(std::vector<std::string> arguments) : m_arguments(std::move(arguments)) {}

    /// `--name VALUE` or `--name=VALUE`.
    std::optional<std::string> option(const std::string& name);
    /// `--name VALUE` as a number ("405e9" works); fw::core::ValidationError naming the option when
    /// VALUE is not one.
    std::optional<double> number(const std::string& name);
    /// `--name VALUE` as a whole number; ValidationError when it is not one.
    std::optional<int> integer(const std::string& name);
    /// `--name`.
    bool flag(const std::string& name);
    /// The next argument that is not an option; UsageError naming `what` if there is none.
    std::string positional(const std::string& what);
    std::optional<std::string> optionalPositional();
    void finish() const;

private:
    std::vector<std::string> m_arguments;
};

} // namespace fw::cli
