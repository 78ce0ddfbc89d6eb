#pragma once
// A whole decimal number and nothing else: no sign games, spaces, separators or
// trailing text ("1,6" is an error, not 16), for settings an operator types.
#include <charconv>
#include <optional>
#include <string_view>

namespace medassist {

inline std::optional<int> parseStrictInt(std::string_view text) {
    if (text.empty()) return std::nullopt;
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace medassist
