// The assistant's date and time extraction on any text a patient could type: every date it
// returns is a real calendar date, every time a minute of the day, and every consumed span
// lies inside the text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "assistant/engine/datetime_parser.hpp"

using namespace medassist::assistant::engine;

namespace {
bool realDate(const medassist::scheduling::LocalDate& d) {
    return d.year >= 1900 && d.year <= 2200 && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31;
}
bool minuteOfDay(const std::optional<int>& m) { return !m || (*m >= 0 && *m < 24 * 60 + 1); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto e = extractDateTime(text, {2026, 3, 2}, 9 * 60);
    if (e.date && !realDate(*e.date)) __builtin_trap();
    if (e.weekday && (*e.weekday < 1 || *e.weekday > 7)) __builtin_trap();
    if (!minuteOfDay(e.time.exact) || !minuteOfDay(e.time.after) || !minuteOfDay(e.time.before)) __builtin_trap();
    for (const auto& [first, second] : e.spans)
        if (first > second || second > text.size()) __builtin_trap();
    return 0;
}
