// SPDX-License-Identifier: Apache-2.0
#include "core/fileio.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "core/error.h"

namespace fw::core {

std::string readTextFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw IoError(path.string() + ": cannot read (" + std::strerror(errno) + ")");
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::filesystem::path temporarySibling(const std::filesystem::path& path)
{
    std::random_device seed;
    std::mt19937_64 random(seed());
    for (;;) {
        auto candidate = path;
        candidate += ".tmp-" + std::to_string(random() % 1000000000ULL);
        if (!std::filesystem::exists(candidate)) {
            return candidate;
        }
    }
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view content)
{
    const auto temporary = temporarySibling(path);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            const std::string reason = std::strerror(errno);
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw IoError(path.string() + ": cannot write (" + reason + ")");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw IoError(path.string() + ": cannot replace (" + ec.message() + ")");
    }
}

} // namespace fw::core
