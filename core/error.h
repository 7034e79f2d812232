// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>

namespace fw::core {

/// Base of every error core throws. `what()` is a one-line message a user can act on; it names the
/// file, record, field and value where there is one.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A value breaks a rule of the model (negative power, unknown SKU, TDP above system power …).
class ValidationError : public Error {
public:
    using Error::Error;
};

/// A file cannot be read as what it claims to be (bad JSON, not a fleet database, newer schema …).
class FileFormatError : public Error {
public:
    using Error::Error;
};

/// The file system or the database engine failed (cannot create, disk full, locked …).
class IoError : public Error {
public:
    using Error::Error;
};

} // namespace fw::core
