// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "core/error.h"
#include "core/version.h"

namespace {

using fw::cli::allCommands;
using fw::cli::Command;

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

std::string usage()
{
    std::string text = "Usage: fleetwright-cli COMMAND [options]\n"
                       "Plans GPU datacenter fleets: catalog, export controls, fabrics, capacity, cost and purchase "
                       "plans.\n\nOptions:\n"
                       "  --help                        print this help, or COMMAND --help for a command's options\n"
                       "  --version                     print the version\n\nCommands:\n";
    for (const auto& command : allCommands()) {
        text += "  " + std::string(command.spec->name) + " " + std::string(command.spec->synopsis) + "\n      " +
                std::string(command.spec->summary) + "\n";
    }
    text += "\nExit status: 0 success, 1 error in the input (one line on stderr), 2 bad command line.\n";
    return text;
}

/// The command `arguments` start with ("estimate tco" takes two words); nullptr when none.
const Command* findCommand(const std::vector<std::string>& arguments, std::size_t& words)
{
    for (const auto& command : allCommands()) {
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

int run(const std::vector<std::string>& arguments)
{
    if (arguments.empty()) {
        std::cerr << usage();
        return 2;
    }
    if (arguments[0] == "--help" || arguments[0] == "-h") {
        std::cout << usage();
        return 0;
    }
    if (arguments[0] == "--version") {
        if (arguments.size() > 1) {
            throw fw::cli::UsageError("--version takes no arguments");
        }
        std::cout << "fleetwright " << fw::core::version << "\n";
        return 0;
    }
    std::size_t words = 0;
    const Command* command = findCommand(arguments, words);
    if (command == nullptr) {
        if (arguments[0] == "estimate" && arguments.size() >= 2 && arguments[1] == "--help") {
            std::cout << usage(); // lists the four estimates; each answers its own --help
            return 0;
        }
        if (arguments[0] == "estimate") {
            throw fw::cli::UsageError(arguments.size() < 2 ? "estimate needs training, inference, power or tco"
                                                           : "estimate " + arguments[1] +
                                                                 ": expected training, inference, power or tco");
        }
        throw fw::cli::UsageError("unknown command '" + arguments[0] + "'");
    }
    fw::cli::Arguments rest(
        *command->spec,
        std::vector<std::string>(arguments.begin() + static_cast<std::ptrdiff_t>(words), arguments.end()));
    if (rest.helpRequested()) {
        std::cout << fw::cli::helpText(*command->spec);
        return 0;
    }
    return command->run(std::move(rest));
}

} // namespace

int main(int argc, char** argv)
{
    // Every failure ends here as one line on stderr: exit 2 for the command line, 1 for anything
    // else — including what escapes from a library (a bad_alloc, a JSON type error), which is a
    // defect to fix but still never a crash.
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const fw::cli::UsageError& e) {
        std::cerr << "fleetwright-cli: " << oneLine(e.what()) << " (see fleetwright-cli --help)\n";
        return 2;
    } catch (const fw::core::Error& e) {
        std::cerr << "fleetwright-cli: " << oneLine(e.what()) << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "fleetwright-cli: out of memory; the input is beyond what this machine can hold "
                     "(fleetwright-cli limits)\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "fleetwright-cli: internal error: " << oneLine(e.what()) << "\n";
        return 1;
    }
}
