#include "assistant/engine/replies.hpp"

#include <algorithm>
#include <array>

namespace medassist::assistant::engine {

namespace {

constexpr std::array<const char*, 7> kWeekdays{"Monday", "Tuesday", "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};
constexpr std::array<const char*, 7> kWeekdaysShort{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char*, 12> kMonths{"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 12> kMonthsShort{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::size_t index(int value, std::size_t size) {
    return value >= 1 && static_cast<std::size_t>(value) <= size ? static_cast<std::size_t>(value - 1) : 0;
}

}  // namespace

std::string weekdayName(int isoWeekday) { return kWeekdays[index(isoWeekday, 7)]; }

std::string clockTime(int minuteOfDay) {
    const int m = minuteOfDay < 0 ? 0 : minuteOfDay % 1440;
    std::string out;
    out += static_cast<char>('0' + m / 600);
    out += static_cast<char>('0' + m / 60 % 10);
    out += ':';
    out += static_cast<char>('0' + m % 60 / 10);
    out += static_cast<char>('0' + m % 10);
    return out;
}

std::string longDay(const LocalDate& day, const LocalDate& today) {
    std::string out = kWeekdays[index(scheduling::isoWeekday(day), 7)];
    out += ' ';
    out += std::to_string(day.day);
    out += ' ';
    out += kMonths[index(day.month, 12)];
    if (day.year != today.year) {
        out += ' ';
        out += std::to_string(day.year);
    }
    return out;
}

std::string shortDay(const LocalDate& day) {
    std::string out = kWeekdaysShort[index(scheduling::isoWeekday(day), 7)];
    out += ' ';
    out += std::to_string(day.day);
    out += ' ';
    out += kMonthsShort[index(day.month, 12)];
    return out;
}

std::string timeWishText(const TimeConstraint& time) {
    if (time.exact) return "at " + clockTime(*time.exact);
    if (time.after && time.before) return "between " + clockTime(*time.after) + " and " + clockTime(*time.before);
    if (time.after) return "after " + clockTime(*time.after);
    if (time.before) return "before " + clockTime(*time.before);
    switch (time.part) {
        case DayPart::Morning: return "in the morning";
        case DayPart::Afternoon: return "in the afternoon";
        case DayPart::Evening: return "in the evening";
        case DayPart::Any: break;
    }
    return "";
}

std::string dayWishText(const std::optional<LocalDate>& from, const std::optional<LocalDate>& to,
                        const std::optional<int>& weekday, const LocalDate& today) {
    std::string out;
    if (from && to && *from == *to) {
        out = "on " + longDay(*from, today);
    } else if (from && to) {
        out = "between " + longDay(*from, today);
        out += " and ";
        out += longDay(*to, today);
    }
    if (weekday && !(from && to && *from == *to)) {
        if (!out.empty()) out += ' ';
        out += "on ";
        out += weekdayName(*weekday);
        out += 's';
    }
    return out;
}

std::string specialistNoun(const std::string& slug, const std::string& name) {
    if (slug == "general-practice") return "a GP";
    if (slug == "pediatrics") return "a paediatrician";
    if (slug == "cardiology") return "a cardiologist";
    if (slug == "dermatology") return "a dermatologist";
    return "a doctor in " + name;
}

std::string specialistsNoun(const std::string& slug, const std::string& name) {
    if (slug == "general-practice") return "GPs";
    if (slug == "pediatrics") return "paediatricians";
    if (slug == "cardiology") return "cardiologists";
    if (slug == "dermatology") return "dermatologists";
    return "doctors in " + name;
}

std::string cleanText(const std::string& text, std::size_t maxBytes) {
    std::string out;
    out.reserve(std::min(text.size(), maxBytes));
    bool space = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                                                                     : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        bool ok = len > 0 && i + len <= text.size();
        for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && len >= 3) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
                (c == 0xF4 && c1 >= 0x90))
                ok = false;
        }
        if (!ok) {  // not UTF-8: dropped
            ++i;
            continue;
        }
        if (len == 1 && (c < 0x20 || c == 0x7F || c == ' ')) {
            space = !out.empty();
            ++i;
            continue;
        }
        const std::size_t need = len + (space ? 1 : 0);
        if (out.size() + need > maxBytes) break;
        if (space) out += ' ';
        space = false;
        out.append(text, i, len);
        i += len;
    }
    return out;
}

std::string Voice::possessive() const { return caregiver ? name + "'s" : "your"; }
std::string Voice::possessiveCapital() const { return caregiver ? name + "'s" : "Your"; }
std::string Voice::subject() const { return caregiver ? name : "you"; }
std::string Voice::hasNo() const { return caregiver ? name + " has no" : "You have no"; }

std::string slotLine(const scheduling::PracticeTime& zone, std::int64_t start, const std::string& doctorName,
                     const LocalDate& today) {
    std::string out = longDay(zone.dateOf(start), today);
    out += " at ";
    out += clockTime(zone.minuteOfDay(start));
    out += " with ";
    out += doctorName;
    return out;
}

std::string slotLabel(const scheduling::PracticeTime& zone, std::int64_t start, const std::string& doctorName) {
    std::string out = shortDay(zone.dateOf(start));
    out += ", ";
    out += clockTime(zone.minuteOfDay(start));
    out += " with ";
    out += doctorName;
    return out;
}

}  // namespace medassist::assistant::engine
