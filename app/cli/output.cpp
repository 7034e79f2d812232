// SPDX-License-Identifier: Apache-2.0
#include "app/cli/output.h"

#include <iostream>

namespace fw::cli {

int printDocument(const nlohmann::json& document, bool json)
{
    if (json) {
        std::cout << document.dump(2) << "\n";
        return 0;
    }
    for (const auto& [key, value] : document.items()) {
        std::cout << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
    }
    return 0;
}

} // namespace fw::cli
