#include "scheduling/practice_time.hpp"

#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace medassist::scheduling {

namespace {

using Seconds = std::chrono::seconds;
using Minutes = std::chrono::minutes;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

date::year_month_day toYmd(const LocalDate& d) {
    return date::year{d.year} / date::month{static_cast<unsigned>(d.month)} /
           date::day{static_cast<unsigned>(d.day)};
}

LocalDate fromYmd(const date::year_month_day& ymd) {
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

date::sys_days sysDays(const LocalDate& d) { return date::sys_days{toYmd(d)}; }

const date::time_zone* zoneOf(const void* tz) { return static_cast<const date::time_zone*>(tz); }

date::sys_seconds sysSeconds(std::int64_t epoch) { return date::sys_seconds{Seconds{epoch}}; }

// Reads exactly `width` ASCII digits at text[pos]; no sign, no spaces.
std::optional<int> digits(const std::string& text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// "YYYY-MM-DD" at the start of text; a real date within the supported years.
std::optional<LocalDate> datePrefix(const std::string& text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (!y || !m || !d || *y < kMinYear || *y > kMaxYear) return std::nullopt;
    LocalDate date{*y, *m, *d};
    if (*m < 1 || *m > 12 || *d < 1 || *d > 31 || !toYmd(date).ok()) return std::nullopt;
    return date;
}

std::string twoDigits(long long v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02lld", v);
    return buf;
}

struct LocalParts {
    LocalDate date;
    int hour = 0, minute = 0, second = 0;
    Seconds offset{0};
    std::string abbrev;
};

LocalParts localParts(const date::time_zone* zone, std::int64_t epoch) {
    auto sys = sysSeconds(epoch);
    auto info = zone->get_info(sys);
    auto local = date::local_seconds{sys.time_since_epoch() + info.offset};
    auto day = date::floor<date::days>(local);
    auto tod = local - day;
    LocalParts p;
    p.date = fromYmd(date::year_month_day{day});
    p.hour = static_cast<int>(tod.count() / 3600);
    p.minute = static_cast<int>(tod.count() / 60 % 60);
    p.second = static_cast<int>(tod.count() % 60);
    p.offset = info.offset;
    p.abbrev = info.abbrev;
    return p;
}

}  // namespace

std::optional<LocalDate> parseDate(const std::string& text) {
    if (text.size() != 10) return std::nullopt;
    return datePrefix(text);
}

std::string formatDate(const LocalDate& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

LocalDate addDays(const LocalDate& d, int days) {
    return fromYmd(date::year_month_day{sysDays(d) + date::days{days}});
}

int isoWeekday(const LocalDate& d) { return static_cast<int>(date::weekday{sysDays(d)}.iso_encoding()); }

int daysBetween(const LocalDate& from, const LocalDate& to) {
    return static_cast<int>((sysDays(to) - sysDays(from)).count());
}

std::optional<std::int64_t> parseInstant(const std::string& text) {
    // YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)
    auto date = datePrefix(text);
    if (!date || text.size() < 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
    auto hour = digits(text, 11, 2), minute = digits(text, 14, 2);
    if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
    std::size_t pos = 16;
    int second = 0;
    if (pos < text.size() && text[pos] == ':') {
        auto s = digits(text, pos + 1, 2);
        if (!s || *s > 59) return std::nullopt;
        second = *s;
        pos += 3;
    }
    std::int64_t offset = 0;
    if (pos < text.size() && text[pos] == 'Z') {
        pos += 1;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        auto oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
        if (pos + 3 >= text.size() || text[pos + 3] != ':' || !oh || !om || *oh > 18 || *om > 59)
            return std::nullopt;
        offset = (*oh * 3600 + *om * 60) * (text[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;
    std::int64_t days = sysDays(*date).time_since_epoch().count();
    return days * 86400 + *hour * 3600 + *minute * 60 + second - offset;
}

PracticeTime::PracticeTime(const std::string& zoneName) : zone_(zoneName) {
    if (zoneName.empty()) throw std::invalid_argument("empty time zone name");
    try {
        tz_ = date::locate_zone(zoneName);
    } catch (const std::runtime_error&) {  // date reports an unknown zone this way
        throw std::invalid_argument(std::string("unknown time zone: ").append(zoneName));
    }
}

LocalDate PracticeTime::dateOf(std::int64_t epoch) const { return localParts(zoneOf(tz_), epoch).date; }

int PracticeTime::minuteOfDay(std::int64_t epoch) const {
    auto p = localParts(zoneOf(tz_), epoch);
    return p.hour * 60 + p.minute;
}

std::optional<std::int64_t> PracticeTime::toInstant(const LocalDate& d, int minuteOfDay) const {
    // 1440 is accepted as the end of the day (the next midnight), for blocks ending at 24:00.
    if (minuteOfDay < 0 || minuteOfDay > 1440 || !toYmd(d).ok()) return std::nullopt;
    auto local = date::local_seconds{date::local_days{toYmd(d)}} + Minutes{minuteOfDay};
    auto info = zoneOf(tz_)->get_info(local);
    if (info.result == date::local_info::nonexistent) return std::nullopt;
    // unique: first is the only interpretation; ambiguous: first is the earlier one.
    auto sys = local.time_since_epoch() - info.first.offset;
    return static_cast<std::int64_t>(std::chrono::duration_cast<Seconds>(sys).count());
}

std::string PracticeTime::iso(std::int64_t epoch) const {
    auto p = localParts(zoneOf(tz_), epoch);
    long long off = p.offset.count();
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    std::string out = formatDate(p.date);
    out += 'T';
    out += twoDigits(p.hour);
    out += ':';
    out += twoDigits(p.minute);
    out += ':';
    out += twoDigits(p.second);
    out += sign;
    out += twoDigits(off / 3600);
    out += ':';
    out += twoDigits(off / 60 % 60);
    return out;
}

std::string PracticeTime::time(std::int64_t epoch) const {
    auto p = localParts(zoneOf(tz_), epoch);
    std::string out = twoDigits(p.hour);
    out += ':';
    out += twoDigits(p.minute);
    return out;
}

std::string PracticeTime::longDate(std::int64_t epoch) const {
    static constexpr std::array<const char*, 7> kWeekdays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                         "Friday", "Saturday", "Sunday"};
    static constexpr std::array<const char*, 12> kMonths{"January", "February", "March",     "April",
                                                        "May",     "June",     "July",      "August",
                                                        "September", "October", "November", "December"};
    auto d = localParts(zoneOf(tz_), epoch).date;
    std::string out(kWeekdays[static_cast<std::size_t>(isoWeekday(d) - 1)]);
    out += ' ';
    out += std::to_string(d.day);
    out += ' ';
    out += kMonths[static_cast<std::size_t>(d.month - 1)];
    out += ' ';
    out += std::to_string(d.year);
    return out;
}

std::string PracticeTime::offsetName(std::int64_t epoch) const { return localParts(zoneOf(tz_), epoch).abbrev; }

}  // namespace medassist::scheduling
