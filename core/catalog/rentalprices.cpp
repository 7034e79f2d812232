// SPDX-License-Identifier: Apache-2.0
#include "core/catalog/rentalprices.h"

#include <algorithm>
#include <array>
#include <regex>

#include "core/datadirectory.h"
#include "core/date.h"
#include "core/error.h"
#include "core/fileio.h"
#include "core/jsonreader.h"
#include "core/limits.h"
#include "core/numbertext.h"
#include "core/textforms.h"

namespace fw::core::catalog {
namespace {

constexpr std::array contractNames{"on_demand", "reserved", "spot", "index"};
constexpr std::array confidences{"reported", "secondary", "weak"};

template <std::size_t N>
std::size_t indexOf(const JsonReader& record, const char* key, const std::array<const char*, N>& names)
{
    const std::string value = record.text(key);
    for (std::size_t i = 0; i < N; ++i) {
        if (value == names[i]) {
            return i;
        }
    }
    std::string allowed;
    for (const char* name : names) {
        allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    }
    record.failAt(key, "'" + value + "' is not one of " + allowed);
}

/// YYYY, YYYY-MM or YYYY-MM-DD, a real month and day, year 2000–2100.
std::string publicationDate(const JsonReader& record)
{
    const std::string text = record.text("date");
    static const std::regex shape(R"((\d{4})(-(\d{2})(-\d{2})?)?)");
    std::smatch parts;
    bool valid = std::regex_match(text, parts, shape);
    if (valid) {
        const int year = std::stoi(parts[1].str());
        const int month = parts[3].matched ? std::stoi(parts[3].str()) : 1;
        valid = year >= 2000 && year <= 2100 && month >= 1 && month <= 12;
        if (valid && parts[4].matched) {
            try {
                Date::parse(text);
            } catch (const ValidationError&) {
                valid = false;
            }
        }
    }
    if (!valid) {
        record.failAt("date", "'" + text + "' is not a date of 2000–2100 written YYYY, YYYY-MM or YYYY-MM-DD");
    }
    return text;
}

/// Every " ; "-separated part is an http(s) URL.
std::string sourceUrls(const JsonReader& record)
{
    const std::string text = record.text("source");
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(" ; ", start), text.size());
        const std::string url = text.substr(start, end - start);
        if (!isWebAddress(url)) {
            record.failAt("source", "'" + url + "' is not an http(s) URL (URLs are separated by ' ; ')");
        }
        start = end + 3;
    }
    return text;
}

RentalPrice rentalPrice(const JsonReader& r)
{
    r.expectObject({"accelerator_sku", "date", "date_note", "usd_per_accelerator_hour", "usd_per_accelerator_hour_high",
                    "contract", "reserved_months", "seller", "seller_hq_country", "confidence", "source", "notes"});
    RentalPrice p;
    p.acceleratorSku = r.text("accelerator_sku");
    p.date = publicationDate(r);
    p.dateNote = r.optionalText("date_note").value_or("");
    p.usdPerHour = r.number("usd_per_accelerator_hour", limits::rentalUsdPerHour);
    p.usdPerHourHigh = r.optionalNumber("usd_per_accelerator_hour_high", limits::rentalUsdPerHour);
    if (p.usdPerHourHigh && *p.usdPerHourHigh < p.usdPerHour) {
        r.failAt("usd_per_accelerator_hour_high",
                 formatNumber(*p.usdPerHourHigh) + " is below the low end " + formatNumber(p.usdPerHour));
    }
    p.contract = static_cast<RentalContract>(indexOf(r, "contract", contractNames));
    p.reservedMonths = r.optionalWhole("reserved_months", limits::rentalMonths);
    if (p.reservedMonths && p.contract != RentalContract::Reserved) {
        r.failAt("reserved_months", std::to_string(*p.reservedMonths) + " given for a contract that is not reserved");
    }
    p.seller = r.text("seller");
    p.sellerHqCountry = r.optionalText("seller_hq_country");
    if (p.sellerHqCountry && !isCountryCode(*p.sellerHqCountry)) {
        r.failAt("seller_hq_country", "'" + *p.sellerHqCountry + "' is not an ISO 3166-1 alpha-2 code");
    }
    p.confidence = confidences[indexOf(r, "confidence", confidences)];
    p.source = sourceUrls(r);
    p.notes = r.optionalText("notes").value_or("");
    return p;
}

} // namespace

std::vector<RentalPrice> rentalPricesFromJson(const std::string& text, const std::string& file)
{
    const auto document = JsonReader::parse(text, file);
    const JsonReader r(document, file);
    r.expectObject({"id", "notes", "prices"});
    const auto records = r.array("prices");
    limits::check(limits::catalogRecords, static_cast<double>(records.size()), file + ": prices");
    std::vector<RentalPrice> prices;
    prices.reserve(records.size());
    for (const auto& record : records) {
        prices.push_back(rentalPrice(record));
    }
    return prices;
}

std::vector<RentalPrice> loadRentalPrices(const std::filesystem::path& file)
{
    return rentalPricesFromJson(readTextFile(file), file.string());
}

std::vector<RentalPrice> shippedRentalPrices()
{
    return loadRentalPrices(dataDirectory() / "catalog" / "rental-prices.json");
}

std::vector<RentalPrice> rentalPricesOf(const std::vector<RentalPrice>& prices, std::string_view sku)
{
    std::vector<RentalPrice> of;
    std::copy_if(prices.begin(), prices.end(), std::back_inserter(of),
                 [&](const RentalPrice& p) { return p.acceleratorSku == sku; });
    // ISO dates of one shape order as text; a shorter date ("2026") sorts below the longer ones it
    // contains ("2026-03"), so it comes after them, newest first.
    std::stable_sort(of.begin(), of.end(), [](const RentalPrice& a, const RentalPrice& b) { return a.date > b.date; });
    return of;
}

std::string contractText(const RentalPrice& price)
{
    switch (price.contract) {
    case RentalContract::OnDemand: return "on demand";
    case RentalContract::Reserved:
        return price.reservedMonths ? "reserved " + std::to_string(*price.reservedMonths) + " months"
                                    : "reserved (term not stated)";
    case RentalContract::Spot: return "spot";
    case RentalContract::Index: return "index";
    }
    return {};
}

std::string priceText(const RentalPrice& price)
{
    return formatNumber(price.usdPerHour) +
           (price.usdPerHourHigh ? "–" + formatNumber(*price.usdPerHourHigh) : std::string()) + " USD/h";
}

} // namespace fw::core::catalog
