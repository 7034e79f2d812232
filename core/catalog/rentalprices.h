// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fw::core::catalog {

/// How a rental price was sold: by the hour with no commitment, reserved for a term, on the spot
/// market (interruptible), or an index over many sellers whose contract form the source leaves open.
enum class RentalContract { OnDemand, Reserved, Spot, Index };

/// One published price for renting one accelerator for one hour (data/catalog/rental-prices.json):
/// a reference point for trends and break-even figures, not an offer a plan can take.
struct RentalPrice {
    std::string acceleratorSku;
    std::string date;                     ///< as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD
    std::string dateNote;                 ///< what the source said when vaguer ("late 2024"); may be empty
    double usdPerHour = 0.0;              ///< the figure, or the low end of a range
    std::optional<double> usdPerHourHigh; ///< the high end of a range
    RentalContract contract = RentalContract::OnDemand;
    std::optional<int> reservedMonths;          ///< the term of a reserved contract, where stated
    std::string seller;                         ///< the provider, or the index and who publishes it
    std::optional<std::string> sellerHqCountry; ///< ISO 3166-1 alpha-2, where known
    std::string confidence;                     ///< "reported", "secondary" (second hand) or "weak" (blogs)
    std::string source;                         ///< URLs separated by " ; "
    std::string notes;
};

/// Reads a rental-price document (`file` names it in errors). Throws FileFormatError naming the
/// file, the record and the field with its value.
std::vector<RentalPrice> rentalPricesFromJson(const std::string& text, const std::string& file);
std::vector<RentalPrice> loadRentalPrices(const std::filesystem::path& file);
/// data/catalog/rental-prices.json of the shipped data.
std::vector<RentalPrice> shippedRentalPrices();

/// The prices of accelerator `sku`, newest first (a date known only to its year or month comes after
/// the more precise dates inside it; equal dates keep the file's order).
std::vector<RentalPrice> rentalPricesOf(const std::vector<RentalPrice>& prices, std::string_view sku);

/// "on demand", "reserved 12 months", "reserved (term not stated)", "spot", "index".
std::string contractText(const RentalPrice& price);
/// "2.35 USD/h" or "1.49–1.87 USD/h".
std::string priceText(const RentalPrice& price);

} // namespace fw::core::catalog
