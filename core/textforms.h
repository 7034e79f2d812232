// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace fw::core {

/// Whether `code` is written as an ISO 3166-1 alpha-2 country code: two capital letters ("US",
/// "CN"). The form only; the compliance rules decide what a country is treated as.
inline bool isCountryCode(std::string_view code)
{
    return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

/// Whether `text` is an http(s) URL, as a source a figure cites.
inline bool isWebAddress(std::string_view text)
{
    return text.starts_with("https://") || text.starts_with("http://");
}

/// Whether `a` and `b` are the same text but for the case of ASCII letters ("dgx b200", "DGX B200"),
/// as the catalog matches SKUs and names.
inline bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

/// Characters of the UTF-8 `text`: its code points (the bytes that do not continue one).
inline double characterCount(std::string_view text)
{
    return static_cast<double>(
        std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// `text` as a label of at most `most` (≥ 3) characters: a longer one keeps its first and last
/// characters around "…" (cut between UTF-8 characters).
inline std::string elided(std::string_view text, std::size_t most)
{
    if (characterCount(text) <= static_cast<double>(most)) {
        return std::string(text);
    }
    const auto startOf = [&](std::size_t character) { // byte where the character-th character starts
        std::size_t seen = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == character) {
                return i;
            }
        }
        return text.size();
    };
    const std::size_t keep = (std::max<std::size_t>(most, 3) - 1) / 2;
    const auto total = static_cast<std::size_t>(characterCount(text));
    return std::string(text.substr(0, startOf(keep))) + "…" + std::string(text.substr(startOf(total - keep)));
}

} // namespace fw::core
