// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace fw::core::plan {

/// Values per (system or offer, site, quarter), in one block: grid(s, j, t). An empty grid (the
/// default) stands for "none given", as an empty allocation in a plan does.
template <typename T>
class Grid {
    /// Flags are kept as bytes, so that grid(s, j, t) is a reference like any other cell's.
    using Cell = std::conditional_t<std::is_same_v<T, bool>, unsigned char, T>;

public:
    Grid() = default;
    Grid(int systems, int sites, int quarters, const T& value = T{})
        : m_extent{systems, sites, quarters},
          m_cells(static_cast<std::size_t>(systems) * static_cast<std::size_t>(sites) *
                      static_cast<std::size_t>(quarters),
                  static_cast<Cell>(value))
    {}

    Cell& operator()(int system, int site, int quarter) { return m_cells[index(system, site, quarter)]; }
    const Cell& operator()(int system, int site, int quarter) const { return m_cells[index(system, site, quarter)]; }

    int systems() const { return m_extent[0]; }
    int sites() const { return m_extent[1]; }
    int quarters() const { return m_extent[2]; }
    bool empty() const { return m_cells.empty(); }
    /// Every cell, in (system, site, quarter) order.
    const std::vector<Cell>& cells() const { return m_cells; }
    std::vector<Cell>& cells() { return m_cells; }

    bool operator==(const Grid&) const = default;

private:
    std::size_t index(int system, int site, int quarter) const
    {
        return (static_cast<std::size_t>(system) * static_cast<std::size_t>(m_extent[1]) +
                static_cast<std::size_t>(site)) *
                   static_cast<std::size_t>(m_extent[2]) +
               static_cast<std::size_t>(quarter);
    }

    std::array<int, 3> m_extent{0, 0, 0};
    std::vector<Cell> m_cells;
};

} // namespace fw::core::plan
