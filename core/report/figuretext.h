// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace fw::core::report {

/// Whole dollars (or any whole count) with thousands separators: "1,234,567", "-12".
std::string usd(double value);

/// Millions of dollars with one decimal: "$150.3M".
std::string millions(double value);

/// Fixed-point with `decimals` digits after the point: "1.00"; "0.0", never "-0.0", for a small negative.
std::string fixed(double value, int decimals);

} // namespace fw::core::report
