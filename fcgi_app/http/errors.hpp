#pragma once
// Expected request failures, thrown from parsing and caught once by the Dispatcher,
// which turns them into an error page or a JSON body. Faults (DB down, bugs) are other
// exception types and become 503 / 500.
#include <stdexcept>
#include <string>
#include <vector>

#include "i18n/text.hpp"

namespace medassist::http {

class HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string reason)
        : std::runtime_error(reason), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

// reason: what is wrong, as a translatable text (the page or the JSON body says it in the
// reader's language).
struct FieldError {
    std::string field;
    i18n::Text reason;
};

// 422: the request was well formed but its content is not acceptable.
class ValidationError : public std::runtime_error {
public:
    explicit ValidationError(std::vector<FieldError> errors)
        : std::runtime_error("validation failed"), errors_(std::move(errors)) {}
    const std::vector<FieldError>& errors() const { return errors_; }

private:
    std::vector<FieldError> errors_;
};

}  // namespace medassist::http
