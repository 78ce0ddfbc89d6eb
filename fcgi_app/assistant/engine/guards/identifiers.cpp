// Someone's identifiers in a text: emails, phone numbers, dates and dates of birth, record
// ids, Italian tax codes; and the practice's own contacts, which are never one of them. The
// input check refuses a message that names one (identifierIn); the output guard cuts them from
// a reply (output_guard.cpp); publishedContacts reads the practice's FAQ with them.
#include "assistant/engine/guards/detail.hpp"

namespace medassist::assistant::engine::guards::detail {

namespace {

bool isEmailLocal(char c) {
    return isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool isEmailDomain(char c) { return isLetter(c) || isDigit(c) || c == '.' || c == '-'; }

}  // namespace

// local@domain.tld, also with a space either side of the @.
std::vector<Span> findEmails(const std::string& t) {
    std::vector<Span> out;
    for (std::size_t at = t.find('@'); at != std::string::npos; at = t.find('@', at + 1)) {
        std::size_t l = at;
        if (l > 0 && t[l - 1] == ' ') --l;
        std::size_t b = l;
        while (b > 0 && isEmailLocal(t[b - 1])) --b;
        while (b < l && t[b] == '.') ++b;
        std::size_t r = at + 1;
        if (r < t.size() && t[r] == ' ') ++r;
        std::size_t e = r;
        // A domain never holds "..": "maria@example.com...2" ends before the dots.
        while (e < t.size() && isEmailDomain(t[e]) && !(t[e] == '.' && e > r && t[e - 1] == '.')) ++e;
        while (e > r && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
        if (b == l || e == r) continue;
        // The address ends at its last label of letters: "maria@example.com.1" is
        // "maria@example.com" followed by ".1".
        bool found = false;
        while (e > r) {
            const string_view domain(t.data() + r, e - r);
            const auto dot = domain.rfind('.');
            if (dot == string_view::npos || dot == 0) break;
            bool tldLetters = domain.size() - dot - 1 >= 2;
            for (char c : domain.substr(dot + 1)) tldLetters = tldLetters && isLetter(c);
            if (tldLetters) {
                found = true;
                break;
            }
            e = r + dot;
        }
        if (!found) continue;
        out.push_back({b, e});
    }
    return out;
}

std::string digitsOf(string_view s) {
    std::string d;
    for (char c : s)
        if (isDigit(c)) d.push_back(c);
    return d;
}

// Is `digits` one of the allowed contacts, written any way ("+39 06 1234 5678", "06-1234-5678")?
bool allowedNumber(const std::string& digits, const std::vector<std::string>& allowedDigits) {
    for (const auto& a : allowedDigits) {
        if (a.empty()) continue;
        if (a == digits) return true;
        const auto& shorter = a.size() < digits.size() ? a : digits;
        const auto& longer = a.size() < digits.size() ? digits : a;
        if (shorter.size() >= 6 && longer.size() - shorter.size() <= 4 &&
            longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0)
            return true;
    }
    return false;
}

// Runs of digits joined by spaces, dots, dashes and parentheses, with an optional +: the
// shape of phone numbers ("+39 06 1234 5678", "(06) 123-4567", "333.123.4567"). Times
// ("09:30") and numeric dates with slashes stop at the colon or slash; a run that reads as a
// date (24.11.2026, 2026-11-24, 24 11 2026) is a date, not a phone number.
std::vector<NumberRun> findNumberRuns(const std::string& t) {
    std::vector<NumberRun> out;
    std::size_t i = 0;
    while (i < t.size()) {
        const bool plus = t[i] == '+' && i + 1 < t.size() && (isDigit(t[i + 1]) || t[i + 1] == '(');
        const bool paren = t[i] == '(' && i + 1 < t.size() && isDigit(t[i + 1]);
        if (!isDigit(t[i]) && !plus && !paren) {
            ++i;
            continue;
        }
        // glued to a word ("id42") or the second half of a time, date or decimal ("9:30", "12/03", "38.5")
        const bool afterDigitMark = i > 1 && isDigit(t[i - 2]) &&
                                    (t[i - 1] == ':' || t[i - 1] == '/' || t[i - 1] == '.' || t[i - 1] == ',');
        if (i > 0 && (isLetter(t[i - 1]) || afterDigitMark || static_cast<unsigned char>(t[i - 1]) >= 0x80) && !plus &&
            !paren) {
            while (i < t.size() && isDigit(t[i])) ++i;
            continue;
        }
        NumberRun run;
        run.span.begin = i;
        std::size_t k = i;
        if (plus) ++k;
        std::size_t lastDigitEnd = k;
        std::size_t groupDigits = 0;
        while (k < t.size()) {
            if (isDigit(t[k])) {
                run.digits.push_back(t[k]);
                ++groupDigits;
                ++k;
                lastDigitEnd = k;
                continue;
            }
            // at most two separator characters between groups ("06) 1234", "1234 - 5678" is three)
            std::size_t s = k;
            while (s < t.size() && s - k < 3 && (t[s] == ' ' || t[s] == '.' || t[s] == '-' || t[s] == '(' || t[s] == ')'))
                ++s;
            if (s == k || s >= t.size() || !isDigit(t[s]) || (s - k == 3 && t[k + 1] != '-')) break;
            if (groupDigits) run.groups.emplace_back(groupDigits, t[k]);
            groupDigits = 0;
            k = s;
        }
        if (groupDigits) run.groups.emplace_back(groupDigits, ' ');
        // Trailing letters glued to the last group ("9am", "12th") make it not a phone number.
        if (lastDigitEnd < t.size() && (isLetter(t[lastDigitEnd]) || t[lastDigitEnd] == ':' || t[lastDigitEnd] == '/')) {
            run.digits.clear();
        }
        run.span.end = lastDigitEnd;
        i = std::max(k, i + 1);
        if (!run.digits.empty()) out.push_back(std::move(run));
    }
    return out;
}

namespace {

bool looksLikeDate(const NumberRun& r) {
    if (r.groups.size() != 3) return false;
    const auto a = r.groups[0].first, b = r.groups[1].first, c = r.groups[2].first;
    const char s1 = r.groups[0].second, s2 = r.groups[1].second;
    if (s1 != s2 && !(s1 == ' ' || s2 == ' ')) return false;
    if (a <= 2 && b <= 2 && (c == 2 || c == 4)) return true;  // 24.11.2026, 24 11 26
    if (a == 4 && b <= 2 && c <= 2) return true;              // 2026-11-24
    return false;
}

}  // namespace

bool isPhone(const NumberRun& r) { return r.digits.size() >= 6 && !looksLikeDate(r); }

namespace {

bool isOrdinalDay(string_view w) {  // "12", "12th", "1st"
    std::size_t k = 0;
    while (k < w.size() && isDigit(w[k])) ++k;
    if (k == 0 || k > 2) return false;
    const auto rest = w.substr(k);
    return rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th";
}

int yearValue(const Word& w) {
    if (!w.number) return -1;
    if (w.text.size() == 4) return toInt(w.text);
    return -1;
}

}  // namespace

std::vector<DateAt> findDates(const std::vector<Word>& words, int thisYear) {
    std::vector<DateAt> out;
    auto twoDigitYear = [&](const Word& w) {
        const int yy = toInt(w.text);
        const int cut = thisYear % 100 + 1;
        return yy <= cut ? 2000 + yy : 1900 + yy;
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        // numeric: d/m/y, y-m-d
        if (w.number && w.text.size() <= 4 && i + 1 < words.size() && words[i + 1].number &&
            (w.after == '/' || w.after == '.' || w.after == '-') && words[i + 1].before == w.after &&
            words[i + 1].begin == w.end + 1) {
            const auto& m = words[i + 1];
            const bool third = i + 2 < words.size() && words[i + 2].number && m.after == w.after &&
                               words[i + 2].begin == m.end + 1;
            if (w.text.size() == 4 && third && m.text.size() <= 2 && words[i + 2].text.size() <= 2) {
                out.push_back({i, i + 2, toInt(w.text)});
                i += 2;
                continue;
            }
            if (w.text.size() <= 2 && m.text.size() <= 2) {
                if (third && (words[i + 2].text.size() == 4 || words[i + 2].text.size() == 2)) {
                    const auto& y = words[i + 2];
                    out.push_back({i, i + 2, y.text.size() == 4 ? toInt(y.text) : twoDigitYear(y)});
                    i += 2;
                    continue;
                }
                if (w.after == '/') {  // 12/03
                    out.push_back({i, i + 1, -1});
                    i += 1;
                    continue;
                }
            }
        }
        // words: 12 March [1980], 12th of March, March 12[,] [1980]
        if (isOrdinalDay(w.text)) {
            std::size_t k = i + 1;
            if (k < words.size() && words[k].text == "of") ++k;
            if (k < words.size() && (words[k].flags & kMonth) && words[k].sentence == w.sentence) {
                DateAt d{i, k, -1};
                if (k + 1 < words.size() && isYear(words[k + 1])) {
                    d.last = k + 1;
                    d.year = yearValue(words[k + 1]);
                }
                out.push_back(d);
                i = d.last;
                continue;
            }
        }
        if ((w.flags & kMonth) && (w.text.size() > 3 || w.cap) && i + 1 < words.size() &&
            isOrdinalDay(words[i + 1].text)) {
            DateAt d{i, i + 1, -1};
            if (i + 2 < words.size() && isYear(words[i + 2])) {
                d.last = i + 2;
                d.year = yearValue(words[i + 2]);
            }
            out.push_back(d);
            i = d.last;
            continue;
        }
    }
    return out;
}

int buildYear() {
    static const int year = [] {
        const char* d = __DATE__;  // "Mmm dd yyyy"
        return (d[7] - '0') * 1000 + (d[8] - '0') * 100 + (d[9] - '0') * 10 + (d[10] - '0');
    }();
    return year;
}

// "born", "birth", "dob", "birthday" a few words before the date (or right after it).
bool birthWordNear(const std::vector<Word>& words, const DateAt& d) {
    auto birthy = [](const Word& w) { return (w.flags & kBirth) != 0; };
    for (std::size_t back = 1; back <= 6 && back <= d.first; ++back)
        if (words[d.first - back].sentence == words[d.first].sentence && birthy(words[d.first - back])) return true;
    for (std::size_t k = d.last + 1; k < words.size() && k <= d.last + 4; ++k)
        if (words[k].sentence == words[d.last].sentence && birthy(words[k])) return true;
    return false;
}

Contacts::Contacts(const GuardContext& ctx) {
    for (const auto& c : ctx.allowedContacts) {
        if (c.empty()) continue;
        lower.push_back(text::lowerAsciiCopy(c));
        auto d = digitsOf(c);
        if (!d.empty()) digits.push_back(std::move(d));
    }
}

bool Contacts::email(string_view e) const {
    for (const auto& l : lower)
        if (l.size() == e.size() &&
            std::equal(l.begin(), l.end(), e.begin(), [](char a, char b) { return a == lowerAscii(b); }))
            return true;
    return false;
}

// ---------------------------------------------------------------------------------------
// Identifiers in a message

namespace {

bool isNumberFollower(const Word& w) { return (w.flags & kNumberFollower) != 0; }

// "patient 17", "record #1003", "user id 5", "appointment 42", "appointment no. 7", "ID: 42",
// "#1234", "patient17". Small bare numbers after "appointment" are picks from a list
// ("appointment 2" = the second one shown); times and dates after it are times and dates.
bool recordId(const std::vector<Word>& words) {
    static constexpr string_view kStrong[] = {"patient", "patients", "user",   "users",     "record", "records",
                                              "id",      "ids",      "uid",    "userid",    "patientid", "mrn",
                                              "ref",     "reference", "ticket", "account",  "acct",   "chart",
                                              "recordid", "appointmentid", "bookingid", "pid", "nhs", "codice",
                                              "fiscale", "ssn"};
    static constexpr string_view kWeak[] = {"appointment", "appointments", "appt", "booking", "bookings", "visit",
                                            "reservation", "slot"};
    static constexpr string_view kMarker[] = {"no", "number", "nr", "num", "n", "id", "nbr", "code"};
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        // glued: "patient17", "id42", "user5"
        if (!w.number && !w.text.empty() && isDigit(w.text.back())) {
            std::size_t k = w.text.size();
            while (k > 0 && isDigit(w.text[k - 1])) --k;
            const string_view head = string_view(w.text).substr(0, k);
            if (k > 0 && (oneOf(head, kStrong) || (oneOf(head, kWeak) && w.text.size() - k >= 2))) return true;
        }
        if (!w.number) continue;
        const bool followedByUnit = (i + 1 < words.size() && words[i + 1].sentence == w.sentence &&
                                     isNumberFollower(words[i + 1])) ||
                                    w.after == ':' || w.after == '/' || (w.after == '.' && i + 1 < words.size() &&
                                                                         words[i + 1].number &&
                                                                         words[i + 1].begin == w.end + 1);
        // An explicit marker ("number 56", "no. 56", "#56") names a record even before "to" or
        // "and", which otherwise make a number a time or a range ("9 to 5").
        const bool explicitMarker = w.before == '#' || (i > 0 && words[i - 1].sentence == w.sentence &&
                                                        oneOf(words[i - 1].text, {"number", "no", "nr", "num", "id"}));
        const bool weakFollower = i + 1 < words.size() && oneOf(words[i + 1].text, {"to", "and", "or"});
        if (followedByUnit && !(explicitMarker && weakFollower && w.after != ':' && w.after != '/')) continue;
        const bool hash = w.before == '#';
        bool marker = hash;
        std::size_t k = i;
        // skip markers: "no.", "number", "id", ":" between the noun and the number
        while (k > 0 && i - k < 3 && words[k - 1].sentence == w.sentence && oneOf(words[k - 1].text, kMarker)) {
            marker = true;
            --k;
        }
        if (k > 0 && words[k - 1].sentence == w.sentence) {
            const auto& noun = words[k - 1];
            if (oneOf(noun.base(), kStrong) || (k < i && (words[k].text == "id"))) return true;
            if (oneOf(noun.base(), kWeak)) {
                // "appointment 2" picks from the list just shown; "show appointment 2", "appointment
                // 7 details", "appointment no. 12" and "appointment 42" name a record.
                static constexpr string_view kView[] = {"show", "display", "open", "view", "whats", "details",
                                                        "lookup", "read", "print", "access", "in", "info", "see"};
                bool viewing = false;
                for (std::size_t b = 2; b <= 4 && b <= k; ++b)
                    if (words[k - b].sentence == w.sentence && oneOf(words[k - b].text, kView)) viewing = true;
                const int value = toInt(w.text.substr(0, 6));
                const bool detailsAfter = i + 1 < words.size() &&
                                          oneOf(words[i + 1].text, {"details", "info", "notes", "information"});
                if (marker && w.text.size() >= 2) return true;
                if (value >= 10 || viewing || detailsAfter) return true;
            }
        }
        if (k < i && words[k].text == "id") return true;  // "id 5", "ID: 42"
        if (hash && w.text.size() >= 2) return true;     // "#1234"
    }
    return false;
}

// Italian tax code (codice fiscale): it encodes a date of birth and place.
bool taxCode(const std::vector<Word>& words) {
    for (const auto& w : words) {
        if (w.text.size() != 16) continue;
        const auto& t = w.text;
        auto L = [&](std::size_t a, std::size_t b) {
            for (std::size_t k = a; k < b; ++k)
                if (!isLetter(t[k])) return false;
            return true;
        };
        auto D = [&](std::size_t a, std::size_t b) {
            for (std::size_t k = a; k < b; ++k)
                if (!isDigit(t[k])) return false;
            return true;
        };
        if (L(0, 6) && D(6, 8) && L(8, 9) && D(9, 11) && L(11, 12) && D(12, 15) && L(15, 16)) return true;
    }
    return false;
}

// "born 12/03/1980", "DOB 12.03.80", "date of birth: 1 March 1980": a date of birth, whoever's.
bool dateOfBirth(const std::vector<Word>& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& t = words[i].text;
        const bool keyword = t == "dob" || t == "birthdate" || (t == "birth" && i > 0 && (words[i - 1].text == "of" ||
                                                                                          words[i - 1].text == "date")) ||
                             (t == "date" && i + 1 < words.size() && words[i + 1].text == "birth");
        const bool born = t == "born" || t == "birthday" || t == "bday" || t == "nato" || t == "nata";
        if (!keyword && !born) continue;
        bool anyNumber = false, year = false, dayMonth = false;
        for (std::size_t k = i + 1; k < words.size() && k <= i + 7 && words[k].sentence == words[i].sentence; ++k) {
            const auto& w = words[k];
            if (w.number || isOrdinalDay(w.text)) anyNumber = true;
            if (isYear(w) || (w.number && w.text.size() == 2 && k > i + 1 && words[k - 1].number &&
                              (w.before == '/' || w.before == '.' || w.before == '-')))
                year = true;
            if ((isOrdinalDay(w.text) && !isYear(w)) || (w.flags & kMonth)) dayMonth = true;
        }
        if (keyword && anyNumber) return true;
        if (born && year && dayMonth) return true;
    }
    return false;
}

}  // namespace

std::optional<InputCheck> identifierIn(const Message& m, const GuardContext& ctx) {
    const auto& words = m.words;
    std::optional<Contacts> contacts;
    if (m.folded.text.find('@') != std::string::npos) {
        contacts.emplace(ctx);
        for (const auto& e : findEmails(m.folded.text))
            if (!contacts->email(string_view(m.folded.text).substr(e.begin, e.end - e.begin))) return refuse("email");
    }
    // "anna at example dot com", "anna(at)example.com"
    for (std::size_t i = 1; i + 1 < words.size(); ++i)
        if (words[i].text == "at" && (words[i].before == '(' || words[i].before == '[' ||
                                      (i + 3 < words.size() && words[i + 2].text == "dot")))
            if (words[i].before == '(' || words[i].before == '[' ||
                oneOf(words[i + 3].text, {"com", "it", "org", "net", "co", "uk", "eu", "de", "fr", "io", "info"}))
                return refuse("email");
    for (const auto& r : findNumberRuns(m.folded.text)) {
        if (!isPhone(r)) continue;
        if (!contacts) contacts.emplace(ctx);
        if (!allowedNumber(r.digits, contacts->digits)) return refuse("phone");
    }
    if (recordId(words)) return refuse("record_id");
    if (dateOfBirth(words)) return refuse("date_of_birth");
    if (taxCode(words)) return refuse("tax_code");
    return std::nullopt;
}

}  // namespace medassist::assistant::engine::guards::detail
