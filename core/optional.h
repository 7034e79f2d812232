// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <type_traits>

namespace fw::core {

/// `f(*value)` when there is a value, else empty (C++23's std::optional::transform).
template <class T, class F>
auto transformed(const std::optional<T>& value, F&& f) -> std::optional<std::invoke_result_t<F, const T&>>
{
    if (!value) {
        return std::nullopt;
    }
    return std::invoke(std::forward<F>(f), *value);
}

} // namespace fw::core
