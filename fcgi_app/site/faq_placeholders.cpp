#include "site/faq_placeholders.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace medassist::site {

namespace {
using i18n::N_;

constexpr const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The name inside "{{ name }}" at text[open..close+1], lower-case, spaces around it dropped.
std::string nameAt(const std::string& text, std::size_t open, std::size_t close) {
    return lower(trimmed(text.substr(open + 2, close - open - 2)));
}

bool known(const std::string& name) {
    const auto& all = faqPlaceholders();
    return std::find(all.begin(), all.end(), name) != all.end();
}

// Inside a sentence most languages write day names and "closed" lower-case; English keeps
// the capital of a day name.
bool capitalDays(const std::string& lang) { return lang == "en" || lang == "de"; }

std::string lowerFirst(std::string s) {
    if (!s.empty() && std::isupper(static_cast<unsigned char>(s[0])))
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

std::string dayName(const char* day, const i18n::Catalogs& catalogs, const std::string& lang) {
    std::string name = catalogs.tr(lang, day);
    return capitalDays(lang) ? name : lowerFirst(name);
}

// An admin's hours text: times stay as written; "Closed" (the demo's word) from the catalog.
std::string dayHours(const std::string& value, const i18n::Catalogs& catalogs, const std::string& lang) {
    if (lower(trimmed(value)) == "closed") return lowerFirst(catalogs.tr(lang, N_("Closed")));
    return value;
}

bool startsWithDigit(const std::string& s) { return !s.empty() && std::isdigit(static_cast<unsigned char>(s[0])); }

// "Via dei Mille 24\n00185 Roma RM" reads "Via dei Mille 24, 00185 Roma RM" inside a sentence.
std::string oneLine(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = trimmed(text.substr(start, end - start));
        if (!line.empty()) {
            if (!out.empty()) out += ", ";
            out += line;
        }
        start = end + 1;
    }
    return out;
}

std::string hoursOf(const PracticeInfo& info, const char* day) {
    for (const auto& [d, h] : info.hours)
        if (d == day) return h;
    return {};
}

std::string valueOf(const std::string& name, const PracticeInfo& info, const i18n::Catalogs& catalogs,
                    const std::string& lang) {
    if (name == "hours") return weekHours(info, catalogs, lang);
    if (name == "address") return oneLine(info.address);
    if (name == "phone") return info.phone;
    if (name == "email") return info.email;
    for (const char* day : kDays)
        if (name == "hours." + lower(day)) {
            const std::string h = hoursOf(info, day);
            return h.empty() ? dayHours("Closed", catalogs, lang) : dayHours(h, catalogs, lang);
        }
    return {};
}
}  // namespace

const std::vector<std::string>& faqPlaceholders() {
    static const std::vector<std::string> names{"hours",          "hours.monday",   "hours.tuesday", "hours.wednesday",
                                                "hours.thursday", "hours.friday",   "hours.saturday", "hours.sunday",
                                                "address",        "phone",          "email"};
    return names;
}

std::optional<std::string> unknownPlaceholder(const std::string& text) {
    for (auto open = text.find("{{"); open != std::string::npos; open = text.find("{{", open + 2)) {
        const auto close = text.find("}}", open + 2);
        if (close == std::string::npos) return text.substr(open, std::min<std::size_t>(40, text.size() - open));
        if (!known(nameAt(text, open, close))) return text.substr(open, std::min<std::size_t>(close + 2 - open, 60));
        open = close;
    }
    return std::nullopt;
}

std::string renderFaqText(const std::string& text, const PracticeInfo& info, const i18n::Catalogs& catalogs,
                          const std::string& lang) {
    if (text.find("{{") == std::string::npos) return text;
    std::string out;
    std::size_t at = 0;
    for (auto open = text.find("{{"); open != std::string::npos; open = text.find("{{", at)) {
        const auto close = text.find("}}", open + 2);
        if (close == std::string::npos) break;
        const std::string name = nameAt(text, open, close);
        if (known(name)) {
            out.append(text, at, open - at);
            out += valueOf(name, info, catalogs, lang);
        } else {  // written before the form refused it (or by SQL): shown as written
            out.append(text, at, close + 2 - at);
        }
        at = close + 2;
    }
    out.append(text, at, std::string::npos);
    return out;
}

std::string weekHours(const PracticeInfo& info, const i18n::Catalogs& catalogs, const std::string& lang) {
    // Consecutive days with the same hours read as one group ("Monday to Thursday").
    struct Group {
        std::size_t first, last;
        std::string hours;
    };
    std::vector<Group> groups;
    for (std::size_t i = 0; i < std::size(kDays); ++i) {
        const std::string h = hoursOf(info, kDays[i]);
        if (h.empty()) continue;
        if (!groups.empty() && groups.back().hours == h && groups.back().last + 1 == i)
            groups.back().last = i;
        else
            groups.push_back(Group{i, i, h});
    }
    std::string out;
    for (const auto& g : groups) {
        if (!out.empty()) out += ", ";
        std::string days = g.last == g.first
                               ? dayName(kDays[g.first], catalogs, lang)
                               : catalogs.trf(lang, N_("{1} to {2}"),
                                              {dayName(kDays[g.first], catalogs, lang), dayName(kDays[g.last], catalogs, lang)});
        const std::string h = dayHours(g.hours, catalogs, lang);
        out += days;
        out += startsWithDigit(h) ? " " : ": ";
        out += h;
    }
    return out;
}

}  // namespace medassist::site
