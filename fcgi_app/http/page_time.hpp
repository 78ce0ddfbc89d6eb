#pragma once
// A moment as every page shows it ("2026-03-02 08:30 UTC") and its ISO form for
// <time datetime="...">. One home for both, so the pages of every capability agree.
#include <cstdint>
#include <ctime>
#include <string>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace medassist::http {

inline std::string utcMinute(std::int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)),
                                           "%Y-%m-%d %H:%M UTC");
}

inline std::string isoUtc(std::int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)),
                                           "%Y-%m-%dT%H:%M:%SZ");
}

}  // namespace medassist::http
