// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/catalog/catalog.h"
#include "core/error.h"

namespace fw::core::catalog {

/// A catalog record breaks a rule. The message reads "accelerator 'H100 SXM' field 'tdp_w': …";
/// `recordKind()` lets a loader prefix the file the record came from.
class RecordError : public ValidationError {
public:
    RecordError(std::string_view recordKind, std::string_view sku, std::string_view field, const std::string& problem);
    const std::string& recordKind() const { return m_recordKind; }

private:
    std::string m_recordKind;
};

/// Checks every rule across the catalog: required fields, ranges (TDP ≤ system power / count,
/// memory bandwidth > 0 when memory > 0 …), unique SKUs, systems that name a known accelerator.
/// Throws RecordError on the first problem. Pure; safe from any thread.
void validate(const Catalog& catalog);

} // namespace fw::core::catalog
