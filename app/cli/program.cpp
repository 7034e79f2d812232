// SPDX-License-Identifier: Apache-2.0
#include "app/cli/program.h"

#include <iostream>
#include <new>

#include "core/error.h"
#include "core/version.h"

namespace fw::cli {
namespace {

/// `message` on one line: an engine's multi-line text (SQLite's corruption reports) joined.
std::string oneLine(std::string message)
{
    for (char& c : message) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return message;
}

std::string usage(const Program& program)
{
    std::string text = "Usage: " + std::string(program.name) + " COMMAND [options]\n" + std::string(program.summary) +
                       "\n\nOptions:\n"
                       "  --help                        print this help, or COMMAND --help for a command's options\n"
                       "  --version                     print the version\n\nCommands:\n";
    for (const auto& command : program.commands) {
        text += "  " + std::string(command.spec->name) + " " + std::string(command.spec->synopsis) + "\n      " +
                std::string(command.spec->summary) + "\n";
    }
    text += "\nExit status: 0 success, 1 error in the input (one line on stderr), 2 bad command line.\n";
    return text;
}

/// The command `arguments` start with ("estimate tco" takes two words); nullptr when none.
const Command* findCommand(const Program& program, const std::vector<std::string>& arguments, std::size_t& words)
{
    for (const auto& command : program.commands) {
        const std::string name(command.spec->name);
        if (arguments.size() >= 2 && name == arguments[0] + " " + arguments[1]) {
            words = 2;
            return &command;
        }
        if (name == arguments[0]) {
            words = 1;
            return &command;
        }
    }
    return nullptr;
}

/// Whether `program` has commands named "`word` …" (estimate training, estimate tco, …).
bool hasCommandsUnder(const Program& program, const std::string& word)
{
    for (const auto& command : program.commands) {
        if (std::string_view(command.spec->name).starts_with(word + " ")) {
            return true;
        }
    }
    return false;
}

int run(const Program& program, const std::vector<std::string>& arguments)
{
    if (arguments.empty()) {
        std::cerr << usage(program);
        return 2;
    }
    if (arguments[0] == "--help" || arguments[0] == "-h") {
        std::cout << usage(program);
        return 0;
    }
    if (arguments[0] == "--version") {
        if (arguments.size() > 1) {
            throw UsageError("--version takes no arguments");
        }
        std::cout << "fleetwright " << fw::core::version << "\n";
        return 0;
    }
    std::size_t words = 0;
    const Command* command = findCommand(program, arguments, words);
    if (command == nullptr) {
        if (arguments[0] == "estimate" && hasCommandsUnder(program, "estimate")) {
            if (arguments.size() >= 2 && arguments[1] == "--help") {
                std::cout << usage(program); // lists the four estimates; each answers its own --help
                return 0;
            }
            throw UsageError(arguments.size() < 2
                                 ? "estimate needs training, inference, power or tco"
                                 : "estimate " + arguments[1] + ": expected training, inference, power or tco");
        }
        throw UsageError("unknown command '" + arguments[0] + "'");
    }
    Arguments rest(*command->spec,
                   std::vector<std::string>(arguments.begin() + static_cast<std::ptrdiff_t>(words), arguments.end()));
    if (rest.helpRequested()) {
        std::cout << helpText(*command->spec, program.name);
        return 0;
    }
    return command->run(std::move(rest));
}

} // namespace

int runProgram(const Program& program, const std::vector<std::string>& arguments)
{
    const std::string name(program.name);
    try {
        return run(program, arguments);
    } catch (const UsageError& e) {
        std::cerr << name << ": " << oneLine(e.what()) << " (see " << name << " --help)\n";
        return 2;
    } catch (const fw::core::Error& e) {
        std::cerr << name << ": " << oneLine(e.what()) << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << name << ": out of memory; the input is beyond what this machine can hold (" << name
                  << " limits)\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << name << ": internal error: " << oneLine(e.what()) << "\n";
        return 1;
    }
}

} // namespace fw::cli
