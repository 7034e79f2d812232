// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the command-line option parser. The input's first byte picks a subcommand, the
// rest are its arguments separated by NUL bytes; every declared option is then read as its kind. Any
// input must end in values or a UsageError / fw::core::Error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "core/error.h"

namespace {

const std::vector<const fw::cli::CommandSpec*>& specs()
{
    using namespace fw::cli;
    static const std::vector<const CommandSpec*> all{&newCommand,
                                                     &infoCommand,
                                                     &catalogCommand,
                                                     &importCommand,
                                                     &classifyCommand,
                                                     &estimateTrainingCommand,
                                                     &estimateInferenceCommand,
                                                     &estimatePowerCommand,
                                                     &estimateTcoCommand,
                                                     &topologyCommand,
                                                     &planCommand,
                                                     &exportCommand,
                                                     &reportCommand,
                                                     &limitsCommand};
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const auto& spec = *specs()[data[0] % specs().size()];
    std::vector<std::string> arguments(1);
    for (std::size_t i = 1; i < size; ++i) {
        if (data[i] == 0) {
            arguments.emplace_back();
        } else {
            arguments.back() += static_cast<char>(data[i]);
        }
    }
    try {
        fw::cli::Arguments args(spec, arguments);
        for (const auto& option : spec.options) {
            switch (option.kind) {
            case fw::cli::ValueKind::Flag: args.flag(option.name); break;
            case fw::cli::ValueKind::Text: args.options(option.name); break;
            case fw::cli::ValueKind::Number: args.number(option.name); break;
            case fw::cli::ValueKind::Whole: args.integer(option.name); break;
            }
        }
        args.optionalPositional();
        args.finish();
    } catch (const fw::cli::UsageError&) {
    } catch (const fw::core::Error&) {
    }
    return 0;
}
