#pragma once
// Strict decoders for what arrives on the wire. Each returns nullopt on malformed input
// instead of guessing, so callers can answer 400 with the reason.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace medassist::http {

bool isValidUtf8(std::string_view s);

// %XX decoding; when plusIsSpace, '+' becomes ' ' (forms and query strings, not paths).
// nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> percentDecode(std::string_view s, bool plusIsSpace);

std::string percentEncode(std::string_view s);

}  // namespace medassist::http
