#pragma once
// A fault in a dependency the app cannot work without (the database, today). The
// Dispatcher answers it with a friendly 503 and Retry-After; nothing committed is lost.
#include <stdexcept>
#include <string>

namespace medassist {

class Unavailable : public std::runtime_error {
public:
    explicit Unavailable(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace medassist
