#pragma once
// A moment as every page shows it: in the reader's language and the practice's time zone
// (PageTime, through the catalogs' ICU formatting: "Tuesday 24 November 2026 at 09:30",
// "martedì 24 novembre 2026 alle 09:30"), and its ISO form for <time datetime="...">. One
// home for both, so the pages of every capability agree. No page shows a UTC time.
#include <cstdint>
#include <ctime>
#include <string>
#include <utility>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include "i18n/catalogs.hpp"

namespace medassist::http {

inline std::string isoUtc(std::int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)),
                                           "%Y-%m-%dT%H:%M:%SZ");
}

class PageTime {
public:
    // zone: an IANA name ("Europe/Rome"), the practice's setting.
    PageTime(const i18n::Catalogs& catalogs, std::string lang, std::string zone)
        : catalogs_(catalogs), lang_(std::move(lang)), zone_(std::move(zone)) {}

    // "Tuesday 24 November 2026" / "martedì 24 novembre 2026"
    std::string longDate(std::int64_t epoch) const { return format(epoch, "%A %e %B %Y"); }
    // "09:30"
    std::string time(std::int64_t epoch) const { return format(epoch, "%H:%M"); }
    // "Tuesday 24 November 2026 at 09:30" (the English is scheduling::describeWhen's)
    std::string when(std::int64_t epoch) const {
        return catalogs_.trf(lang_, "{1} at {2}", {longDate(epoch), time(epoch)});
    }
    // A day: "24 November 2026" / "24 novembre 2026"
    std::string day(std::int64_t epoch) const { return format(epoch, "%e %B %Y"); }
    // A log's moment: "24 November 2026, 09:30" / "24 novembre 2026, 09:30"
    std::string minute(std::int64_t epoch) const { return format(epoch, "%e %B %Y, %H:%M"); }

    // The zone as the reader says it: "Rome time", "ora di Roma" (never "Europe/Rome").
    std::string zoneLabel() const { return catalogs_.zoneLabel(lang_, zone_); }

    const std::string& lang() const { return lang_; }
    const std::string& zone() const { return zone_; }

private:
    std::string format(std::int64_t epoch, const char* pattern) const {
        return catalogs_.formatTime(lang_, epoch, pattern, zone_);
    }

    const i18n::Catalogs& catalogs_;
    std::string lang_, zone_;
};

}  // namespace medassist::http
