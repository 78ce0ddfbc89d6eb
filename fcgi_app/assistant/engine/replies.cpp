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

namespace {
// ICU's "%e" may pad the day ("martedì  3 marzo"): one space between words.
std::string oneSpace(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}
}  // namespace

std::string longDay(const ReplyLanguage& lang, const LocalDate& day, const LocalDate& today) {
    if (!lang.english()) return oneSpace(lang.day(day, day.year != today.year ? "%A %e %B %Y" : "%A %e %B"));
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

std::string shortDay(const ReplyLanguage& lang, const LocalDate& day) {
    if (!lang.english()) return oneSpace(lang.day(day, "%a %e %b"));
    std::string out = kWeekdaysShort[index(scheduling::isoWeekday(day), 7)];
    out += ' ';
    out += std::to_string(day.day);
    out += ' ';
    out += kMonthsShort[index(day.month, 12)];
    return out;
}

std::string timeWishText(const ReplyLanguage& lang, const TimeConstraint& time) {
    if (time.exact) return lang.tf("at {1}", {clockTime(*time.exact)});
    if (time.after && time.before)
        return lang.tf("between {1} and {2}", {clockTime(*time.after), clockTime(*time.before)});
    if (time.after) return lang.tf("after {1}", {clockTime(*time.after)});
    if (time.before) return lang.tf("before {1}", {clockTime(*time.before)});
    switch (time.part) {
        case DayPart::Morning: return lang.t("in the morning");
        case DayPart::Afternoon: return lang.t("in the afternoon");
        case DayPart::Evening: return lang.t("in the evening");
        case DayPart::Any: break;
    }
    return "";
}

std::string dayWishText(const ReplyLanguage& lang, const std::optional<LocalDate>& from,
                        const std::optional<LocalDate>& to, const std::optional<int>& weekday,
                        const LocalDate& today) {
    static constexpr const char* kOnWeekdays[] = {i18n::N_("on Mondays"),   i18n::N_("on Tuesdays"),
                                                  i18n::N_("on Wednesdays"), i18n::N_("on Thursdays"),
                                                  i18n::N_("on Fridays"),   i18n::N_("on Saturdays"),
                                                  i18n::N_("on Sundays")};
    std::string out;
    if (from && to && *from == *to) {
        out = lang.tf("on {1}", {longDay(lang, *from, today)});
    } else if (from && to) {
        out = lang.tf("between {1} and {2}", {longDay(lang, *from, today), longDay(lang, *to, today)});
    }
    if (weekday && !(from && to && *from == *to)) {
        if (!out.empty()) out += ' ';
        out += lang.t(kOnWeekdays[index(*weekday, 7)]);
    }
    return out;
}

std::string specialistNoun(const ReplyLanguage& lang, const std::string& slug, const std::string& name) {
    if (slug == "general-practice") return lang.t("a GP");
    if (slug == "pediatrics") return lang.t("a paediatrician");
    if (slug == "cardiology") return lang.t("a cardiologist");
    if (slug == "dermatology") return lang.t("a dermatologist");
    return lang.tf("a doctor in {1}", {name});
}

std::string specialistsNoun(const ReplyLanguage& lang, const std::string& slug, const std::string& name) {
    if (slug == "general-practice") return lang.t("GPs");
    if (slug == "pediatrics") return lang.t("paediatricians");
    if (slug == "cardiology") return lang.t("cardiologists");
    if (slug == "dermatology") return lang.t("dermatologists");
    return lang.tf("doctors in {1}", {name});
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

std::string slotLine(const ReplyLanguage& lang, const scheduling::PracticeTime& zone, std::int64_t start,
                     const std::string& doctorName, const LocalDate& today) {
    return lang.tf("{1} at {2} with {3}",
                   {longDay(lang, zone.dateOf(start), today), clockTime(zone.minuteOfDay(start)), doctorName});
}

std::string dayAndTime(const ReplyLanguage& lang, const scheduling::PracticeTime& zone, std::int64_t start,
                       const LocalDate& today) {
    return lang.tf("{1} at {2}", {longDay(lang, zone.dateOf(start), today), clockTime(zone.minuteOfDay(start))});
}

std::string slotLabel(const ReplyLanguage& lang, const scheduling::PracticeTime& zone, std::int64_t start,
                      const std::string& doctorName) {
    return lang.tf("{1}, {2} with {3}", {shortDay(lang, zone.dateOf(start)), clockTime(zone.minuteOfDay(start)), doctorName});
}

}  // namespace medassist::assistant::engine
