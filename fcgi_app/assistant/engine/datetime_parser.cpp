#include "assistant/engine/datetime_parser.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <initializer_list>
#include <string_view>

#include "assistant/engine/text/chars.hpp"
#include "assistant/engine/text/words.hpp"

namespace medassist::assistant::engine {

namespace {

using scheduling::addDays;
using scheduling::daysBetween;
using scheduling::isoWeekday;

constexpr int kNoon = 12 * 60;
constexpr int kEvening = 17 * 60;
constexpr int kMaxValue = 99999;  // digit groups saturate here: phone numbers and ids stay big

// ---------------------------------------------------------------------------------------
// Calendar arithmetic that practice_time.hpp leaves to its callers.

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

bool isRealDate(int y, int m, int d) {
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

LocalDate firstOfMonth(const LocalDate& d) { return {d.year, d.month, 1}; }
LocalDate lastOfMonth(const LocalDate& d) { return {d.year, d.month, daysInMonth(d.year, d.month)}; }

LocalDate addMonths(const LocalDate& d, int n) {
    int index = d.year * 12 + (d.month - 1) + n;
    int y = index / 12, m = index % 12 + 1;
    return {y, m, std::min(d.day, daysInMonth(y, m))};
}

LocalDate mondayOf(const LocalDate& d) { return addDays(d, 1 - isoWeekday(d)); }

// A day and month with no year: this year's when not yet past, else the next year that has
// it (29 February waits for a leap year).
std::optional<LocalDate> nextMonthDay(const LocalDate& today, int m, int d) {
    for (int y = today.year; y <= today.year + 8; ++y)
        if (isRealDate(y, m, d) && LocalDate{y, m, d} >= today) return LocalDate{y, m, d};
    return std::nullopt;
}

// "the 13th": this month when still to come, else the next month that has that day. Said on
// the 13th it is next month's (today would be "today"), as every writer of the date sets reads it.
std::optional<LocalDate> nextDayOfMonth(const LocalDate& today, int d) {
    for (int k = 0; k <= 12; ++k) {
        LocalDate first = addMonths(firstOfMonth(today), k);
        if (d <= daysInMonth(first.year, first.month) && (k > 0 || d > today.day))
            return LocalDate{first.year, first.month, d};
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Words: typos and short forms mended to one spelling before any rule looks at them.

struct Mend {
    std::string_view from, to;
};

constexpr std::array kMends{
    Mend{"tomorow", "tomorrow"},
    Mend{"tommorow", "tomorrow"},
    Mend{"tommorrow", "tomorrow"},
    Mend{"tomorro", "tomorrow"},
    Mend{"tmrw", "tomorrow"},
    Mend{"tmr", "tomorrow"},
    Mend{"tmrow", "tomorrow"},
    Mend{"tmw", "tomorrow"},
    Mend{"2moro", "tomorrow"},
    Mend{"2day", "today"},
    Mend{"2nite", "tonight"},
    Mend{"2night", "tonight"},
    Mend{"2morrow", "tomorrow"},
    Mend{"2morow", "tomorrow"},
    Mend{"tomoz", "tomorrow"},
    Mend{"2day", "today"},
    Mend{"tonite", "tonight"},
    Mend{"2nite", "tonight"},
    Mend{"2night", "tonight"},
    Mend{"mondays", "monday"},
    Mend{"tuesdays", "tuesday"},
    Mend{"tues", "tuesday"},
    Mend{"tue", "tuesday"},
    Mend{"wednesdays", "wednesday"},
    Mend{"weds", "wednesday"},
    Mend{"wensday", "wednesday"},
    Mend{"thursdays", "thursday"},
    Mend{"thurs", "thursday"},
    Mend{"thur", "thursday"},
    Mend{"thu", "thursday"},
    Mend{"thrus", "thursday"},
    Mend{"fridays", "friday"},
    Mend{"fri", "friday"},
    Mend{"saturdays", "saturday"},
    Mend{"sundays", "sunday"},
    Mend{"jan", "january"},
    Mend{"feb", "february"},
    Mend{"febuary", "february"},
    Mend{"feburary", "february"},
    Mend{"mar", "march"},
    Mend{"apr", "april"},
    Mend{"jun", "june"},
    Mend{"jul", "july"},
    Mend{"aug", "august"},
    Mend{"sep", "september"},
    Mend{"sept", "september"},
    Mend{"oct", "october"},
    Mend{"nov", "november"},
    Mend{"dec", "december"},
    Mend{"mornings", "morning"},
    Mend{"morn", "morning"},
    Mend{"afternoons", "afternoon"},
    Mend{"arvo", "afternoon"},
    Mend{"evenings", "evening"},
    Mend{"nights", "night"},
    Mend{"nite", "night"},
    Mend{"weekends", "weekend"},
    Mend{"wknd", "weekend"},
    Mend{"wkend", "weekend"},
    Mend{"weeks", "week"},
    Mend{"wk", "week"},
    Mend{"wks", "week"},
    Mend{"days", "day"},
    Mend{"months", "month"},
    Mend{"mth", "month"},
    Mend{"mths", "month"},
    Mend{"hours", "hour"},
    Mend{"hrs", "hour"},
    Mend{"hr", "hour"},
    Mend{"minutes", "minute"},
    Mend{"mins", "minute"},
    Mend{"min", "minute"},
    Mend{"fortnights", "fortnight"},
    Mend{"oclok", "oclock"},
    Mend{"lunchtimes", "lunchtime"},
    Mend{"nxt", "next"},
    Mend{"approx", "approximately"},
    Mend{"til", "till"},
};

// Longer names are also recognized within a few edits (same first letter): one edit up to
// seven letters, two from eight on, where a real word is that close to them only rarely.
struct Near {
    std::string_view word;
    int edits;
};

constexpr std::array kNear{
    Near{"monday", 1},    Near{"tuesday", 1},   Near{"friday", 1},    Near{"sunday", 1},   Near{"morning", 1},
    Near{"evening", 1},   Near{"weekend", 1},   Near{"january", 1},   Near{"october", 1},  Near{"tonight", 1},
    Near{"tomorrow", 2},  Near{"wednesday", 2}, Near{"thursday", 2},  Near{"saturday", 2}, Near{"yesterday", 2},
    Near{"afternoon", 2}, Near{"february", 2},  Near{"september", 2}, Near{"november", 2}, Near{"december", 2},
    Near{"fortnight", 2}, Near{"lunchtime", 2},
};

// Optimal string alignment distance (adjacent transpositions count one), or limit + 1.
int editDistance(std::string_view a, std::string_view b, int limit) {
    constexpr std::size_t kMax = 16;
    if (a.size() >= kMax || b.size() >= kMax) return limit + 1;
    if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > limit) return limit + 1;
    std::array<std::array<int, kMax + 1>, kMax + 1> d;  // only the cells the loops write are read
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

constexpr auto kSortedMends = [] {
    auto sorted = kMends;
    std::sort(sorted.begin(), sorted.end(), [](const Mend& a, const Mend& b) { return a.from < b.from; });
    return sorted;
}();

std::string mend(std::string word) {
    auto it = std::lower_bound(kSortedMends.begin(), kSortedMends.end(), std::string_view(word),
                               [](const Mend& m, std::string_view key) { return m.from < key; });
    if (it != kSortedMends.end() && it->from == word) return std::string(it->to);
    if (word.size() < 5) return word;
    for (const auto& n : kNear)
        if (word == n.word) return word;
    for (const auto& n : kNear)
        if (word[0] == n.word[0] && editDistance(word, n.word, n.edits) <= n.edits) return std::string(n.word);
    return word;
}

int monthIndex(std::string_view w) {
    static constexpr std::array<std::string_view, 12> kMonths{"january",   "february", "march",    "april",
                                                              "may",       "june",     "july",     "august",
                                                              "september", "october",  "november", "december"};
    for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (w == kMonths[i]) return static_cast<int>(i) + 1;
    return 0;
}

// 1..7, and whether the spelling is also an ordinary word ("sat", "sun", "wed", "mon").
struct WeekdayWord {
    int day = 0;
    bool ambiguous = false;
};

WeekdayWord weekdayIndex(std::string_view w) {
    static constexpr std::array<std::string_view, 7> kDays{"monday", "tuesday",  "wednesday", "thursday",
                                                           "friday", "saturday", "sunday"};
    for (std::size_t i = 0; i < kDays.size(); ++i)
        if (w == kDays[i]) return {static_cast<int>(i) + 1, false};
    if (w == "mon") return {1, true};
    if (w == "wed") return {3, true};
    if (w == "sat") return {6, true};
    if (w == "sun") return {7, true};
    return {};
}

std::optional<DayPart> dayPartIndex(std::string_view w) {
    if (w == "morning") return DayPart::Morning;
    if (w == "afternoon") return DayPart::Afternoon;
    if (w == "evening" || w == "night") return DayPart::Evening;
    return std::nullopt;
}

int cardinalWord(std::string_view w) {
    static constexpr std::array<std::string_view, 12> kWords{"one",   "two",   "three", "four", "five",   "six",
                                                             "seven", "eight", "nine",  "ten",  "eleven", "twelve"};
    for (std::size_t i = 0; i < kWords.size(); ++i)
        if (w == kWords[i]) return static_cast<int>(i) + 1;
    return 0;
}

int ordinalWord(std::string_view w) {
    static constexpr std::array<std::string_view, 20> kWords{
        "first",     "second",    "third",       "fourth",     "fifth",      "sixth",      "seventh",
        "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",    "thirteenth", "fourteenth",
        "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};
    for (std::size_t i = 0; i < kWords.size(); ++i)
        if (w == kWords[i]) return static_cast<int>(i) + 1;
    if (w == "thirtieth") return 30;
    return 0;
}

// Every word a rule can test. Rules name words as "week"_w, checked against this list when
// compiling (a word missing here does not compile), and compare small integers at run time;
// a word of the message that is not in the list cannot start any rule and is skipped at once.
constexpr auto kVocabulary = std::to_array<std::string_view>(
    {"a",          "about",        "after",       "afternoon", "ago",         "am",           "an",
     "and",        "any",          "anytime",     "apart",     "appointment", "appointments", "approximately",
     "appt",       "april",        "around",      "at",        "attempt",     "august",       "available",
     "before",     "beginning",    "between",     "booking",   "break",       "but",          "by",
     "cannot",     "cant",         "check",       "checkup",   "children",    "choice",       "clock",
     "coming",     "consultation", "couple",      "day",       "december",    "do",           "doctor",
     "dollars",    "doses",        "during",      "earlier",   "early",       "eight",        "eighteenth",
     "eighth",     "eleven",       "eleventh",    "end",       "eur",         "euro",         "euros",
     "evening",    "every",        "except",      "excluding", "february",    "few",          "fifteen",
     "fifteenth",  "fifth",        "fifty",       "fine",      "first",       "five",         "floor",
     "for",        "fortnight",    "forty",       "fortyfive", "four",        "fourteenth",   "fourth",
     "friday",     "from",         "good",        "half",      "her",         "his",          "hour",
     "if",         "in",           "instead",     "is",        "its",         "january",      "july",
     "june",       "just",         "kg",          "kids",      "kilos",       "last",         "late",
     "later",      "latest",       "lunch",       "lunchtime", "make",        "march",        "may",
     "maybe",      "mg",           "mid",         "midday",    "middle",      "midnight",     "minute",
     "ml",         "mon",          "monday",      "month",     "more",        "morning",      "my",
     "never",      "next",         "night",       "nine",      "nineteenth",  "ninth",        "no",
     "noon",       "not",          "november",    "now",       "o",           "oclock",       "october",
     "of",         "ok",           "okay",        "old",       "on",          "one",          "ones",
     "option",     "options",      "or",          "other",     "our",         "over",         "past",
     "patients",   "people",       "percent",     "persons",   "pills",       "please",       "pls",
     "pm",         "possible",     "pounds",      "prefer",    "previous",    "quarter",      "rather",
     "roughly",    "sat",          "saturday",    "say",       "school",      "second",       "september",
     "session",    "seven",        "seventeenth", "seventh",   "sharp",       "six",          "sixteenth",
     "sixth",      "slot",         "slots",       "so",        "start",       "starting",     "suits",
     "sun",        "sunday",       "tablet",      "tablets",   "ten",         "tenth",        "than",
     "thank",      "thanks",       "the",         "their",     "then",        "thing",        "third",
     "thirteenth", "thirtieth",    "thirty",      "this",      "three",       "thursday",     "till",
     "time",       "times",        "to",          "today",     "tomorrow",    "tonight",      "try",
     "tuesday",    "twelfth",      "twelve",      "twentieth", "twenty",      "two",          "until",
     "upcoming",   "visit",        "wed",         "wednesday", "week",        "weekend",      "with",
     "within",     "work",         "works",       "would",     "year",        "years",        "yesterday",
     "yo",         "your",         "following",   "actually",  "sorry",       "wait",         "oops",
     "christmas",  "eve",          "new",         "boxing",    "it",          "that",         "le",
     "meno",       "come",         "doesnt",      "isnt",      "nearly",      "wont"});  // Italian words with no English twin (ItalianReader below)

using WordId = int;
constexpr WordId kUnknownWord = -1;

constexpr auto kSortedVocabulary = [] {
    std::array<std::pair<std::string_view, WordId>, kVocabulary.size()> sorted{};
    for (std::size_t i = 0; i < kVocabulary.size(); ++i) sorted[i] = {kVocabulary[i], static_cast<WordId>(i)};
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}();

static_assert(std::adjacent_find(kSortedVocabulary.begin(), kSortedVocabulary.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }) ==
                  kSortedVocabulary.end(),
              "kVocabulary lists a word twice");

consteval WordId operator""_w(const char* text, std::size_t size) {
    std::string_view w(text, size);
    for (std::size_t i = 0; i < kVocabulary.size(); ++i)
        if (kVocabulary[i] == w) return static_cast<WordId>(i);
    throw "not in kVocabulary";  // not a constant expression: the build fails here
}

WordId wordId(std::string_view w) {
    auto it = std::lower_bound(kSortedVocabulary.begin(), kSortedVocabulary.end(), w,
                               [](const auto& entry, std::string_view key) { return entry.first < key; });
    return it != kSortedVocabulary.end() && it->first == w ? it->second : kUnknownWord;
}

// Words after a number that make it a quantity, not an hour or a date ("at 5 people",
// "after 2 days", "1/2 tablet").
constexpr auto kUnitWords = std::to_array<WordId>(
    {"of"_w,    "people"_w, "persons"_w, "patients"_w, "appointment"_w, "appointments"_w, "minute"_w,
     "hour"_w,  "day"_w,    "week"_w,    "month"_w,    "year"_w,        "years"_w,        "time"_w,
     "times"_w, "euro"_w,   "euros"_w,   "eur"_w,      "dollars"_w,     "pounds"_w,       "percent"_w,
     "kg"_w,    "kilos"_w,  "mg"_w,      "ml"_w,       "tablet"_w,      "tablets"_w,      "pills"_w,
     "old"_w,   "yo"_w,     "kids"_w,    "children"_w, "doses"_w,       "more"_w});

// Words that may follow a time with nothing odd about it ("at nine please", "9.30 tomorrow").
constexpr auto kSafeAfterTime = std::to_array<WordId>(
    {"today"_w,   "tomorrow"_w, "tonight"_w,  "on"_w,    "or"_w,     "and"_w,    "please"_w, "pls"_w,   "if"_w,
     "then"_w,    "is"_w,       "would"_w,    "works"_w, "work"_w,   "ok"_w,     "okay"_w,   "fine"_w,  "next"_w,
     "this"_w,    "for"_w,      "with"_w,     "at"_w,    "sharp"_w,  "thanks"_w, "thank"_w,  "suits"_w, "in"_w,
     "instead"_w, "latest"_w,   "possible"_w, "but"_w,   "rather"_w, "so"_w,     "maybe"_w});

// Nouns after a weekday that make it an appointment already booked ("my Thursday one").
constexpr auto kAppointmentNouns =
    std::to_array<WordId>({"appointment"_w, "appointments"_w, "appt"_w, "one"_w, "visit"_w, "booking"_w, "slot"_w,
                           "session"_w, "check"_w, "checkup"_w, "consultation"_w});

// Nouns after a digit ordinal that make it a pick from a list ("the 2nd one").
constexpr auto kPickNouns = std::to_array<WordId>({"one"_w, "ones"_w, "option"_w, "options"_w, "slot"_w, "slots"_w,
                                                   "choice"_w, "floor"_w, "time"_w, "times"_w, "visit"_w,
                                                   "appointment"_w, "available"_w, "try"_w, "attempt"_w, "doctor"_w});

template <std::size_t N>
bool contains(const std::array<WordId, N>& words, WordId w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

// ---------------------------------------------------------------------------------------
// Tokens: words (the one word reader's, text/words.hpp with kDateWords; lowercased, mended),
// numbers (up to three digit groups with one separator, as in 9:30, 12/03/2027, 2026-03-10,
// 12.03.: the parser's own reading of digits, which the word reader leaves to it), and the
// punctuation that ends a phrase.

enum class Kind { Word, Number, Punct };

struct Token {
    Kind kind = Kind::Word;
    std::string word;            // Word: normalized; Punct: the mark
    std::array<int, 3> part{};   // Number: digit groups (saturated at kMaxValue)
    std::array<int, 3> width{};  // Number: digits in each group
    int parts = 0;
    char sep = 0;                    // Number: ':' '.' '/' '-' or 'h' (10h30) between groups
    bool trailingDot = false;        // "12.03."
    bool ordinal = false;            // "7th"
    bool ish = false;                // "10ish", "10-ish"
    bool hourMark = false;           // "2h" (no minutes)
    bool money = false;              // "€12.50", "12.50$"
    bool possessive = false;         // Word: "thursday's"
    bool italian = false;            // Word: read from Italian ("marzo" is never the verb "march")
    WordId id = kUnknownWord;        // Word: its place in kVocabulary
    int month = 0;                   // Word: 1..12 for a month's name
    WeekdayWord weekday;             // Word: a day's name
    std::optional<DayPart> dayPart;  // Word: morning, afternoon, evening, night
    int cardinal = 0;                // Word: one .. twelve
    int ordinalDay = 0;              // Word: first .. twentieth, thirtieth
    std::size_t begin = 0, end = 0;
};

using text::apostropheAt;
using text::isDigit;
using text::startsWith;

// The date parser's words (text::kDateWords): letters only, since digits make numbers of their
// own; typographic marks and apostrophes are no letters ("€12.50", "9–11").
bool isWordByteAt(const std::string& s, std::size_t i) { return text::wordCharAt(s, i, text::Letters::DateBytes) != 0; }

bool currencyAt(const std::string& s, std::size_t i) {
    return i < s.size() && (s[i] == '$' || startsWith(s, i, "\xE2\x82\xAC") || startsWith(s, i, "\xC2\xA3"));
}

bool currencyBefore(const std::string& s, std::size_t i) {
    return (i >= 1 && s[i - 1] == '$') || (i >= 3 && startsWith(s, i - 3, "\xE2\x82\xAC")) ||
           (i >= 2 && startsWith(s, i - 2, "\xC2\xA3"));
}

void classify(Token& t) {
    t.id = wordId(t.word);
    if (t.id == kUnknownWord) return;
    t.month = monthIndex(t.word);
    t.weekday = weekdayIndex(t.word);
    t.dayPart = dayPartIndex(t.word);
    t.cardinal = cardinalWord(t.word);
    t.ordinalDay = ordinalWord(t.word);
}

class Tokenizer {
public:
    explicit Tokenizer(const std::string& s) : s_(s) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        out.reserve(s_.size() / 4 + 4);
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (std::size_t n = c == '2' ? textSpeakDay() : 0) {
                Token t;  // "2day", "2morrow", "2nite"
                t.begin = i_;
                std::string w;
                for (std::size_t k = 0; k < n; ++k) w += text::lowerAscii(s_[i_ + k]);
                i_ += n;
                t.word = mend(std::move(w));
                classify(t);
                t.end = i_;
                out.push_back(std::move(t));
            } else if (isDigit(c)) {
                out.push_back(number());
            } else if (isWordByteAt(s_, i_)) {
                out.push_back(word());
            } else if (c == '.' && !out.empty() && out.back().kind == Kind::Word && out.back().end == i_ &&
                       out.back().month && out.back().end - out.back().begin <= 4) {
                ++i_;  // "Feb. 22": the dot of an abbreviated month, no sentence's end
            } else if (c == ',' || c == ';' || c == '!' || c == '?' || c == '.' || c == ':') {
                Token t;
                t.kind = Kind::Punct;
                t.word = std::string(1, c);
                t.begin = i_;
                t.end = ++i_;
                out.push_back(std::move(t));
            } else if (std::size_t skip = text::typographicMarkAt(s_, i_)) {
                i_ += skip;
            } else if (std::size_t skip2 = apostropheAt(s_, i_)) {
                i_ += skip2;
            } else {
                ++i_;
            }
        }
        return out;
    }

private:
    void digits(Token& t, int k) {
        int value = 0, width = 0;
        while (i_ < s_.size() && isDigit(s_[i_])) {
            value = std::min(kMaxValue, value * 10 + (s_[i_] - '0'));
            ++width;
            ++i_;
        }
        t.part[static_cast<std::size_t>(k)] = value;
        t.width[static_cast<std::size_t>(k)] = width;
    }

    Token number() {
        Token t;
        t.kind = Kind::Number;
        t.begin = i_;
        digits(t, 0);
        t.parts = 1;
        while (t.parts < 3 && i_ + 1 < s_.size() && isDigit(s_[i_ + 1])) {
            char sep = s_[i_];
            // "9,30": a time written with a comma (two digits after it, one or two before).
            const bool commaTime = sep == ',' && t.parts == 1 && t.width[0] <= 2 &&
                                   i_ + 2 < s_.size() && isDigit(s_[i_ + 2]) &&
                                   (i_ + 3 >= s_.size() || !isDigit(s_[i_ + 3]));
            if ((sep != ':' && sep != '.' && sep != '/' && sep != '-' && !commaTime) || (t.parts > 1 && sep != t.sep))
                break;
            t.sep = sep;
            ++i_;
            digits(t, t.parts++);
        }
        if (t.parts > 1 && t.sep == '.' && i_ < s_.size() && s_[i_] == '.') {
            t.trailingDot = true;
            ++i_;
        }
        if (t.parts == 1 && i_ < s_.size() && (s_[i_] == 'h' || s_[i_] == 'H') && t.width[0] <= 2) {
            std::size_t j = i_ + 1;
            if (j + 1 < s_.size() && isDigit(s_[j]) && isDigit(s_[j + 1]) &&
                (j + 2 >= s_.size() || (!isDigit(s_[j + 2]) && !isWordByteAt(s_, j + 2)))) {
                t.sep = 'h';
                t.parts = 2;
                t.part[1] = (s_[j] - '0') * 10 + (s_[j + 1] - '0');
                t.width[1] = 2;
                i_ = j + 2;
            } else if (!isWordByteAt(s_, j) && (j >= s_.size() || !isDigit(s_[j]))) {
                t.sep = 'h';
                t.parts = 2;
                t.width[1] = 2;
                t.hourMark = true;
                i_ = j;
            }
        }
        if (t.parts == 1) {
            std::size_t j = i_;
            if (j < s_.size() && s_[j] == '-' && startsWith(s_, j + 1, "ish")) ++j;
            std::size_t k = j;
            std::string suffix;
            while (k < s_.size() && text::isLetter(s_[k])) suffix += text::lowerAscii(s_[k++]);
            if (k >= s_.size() || !isWordByteAt(s_, k)) {
                if (j == i_ && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th")) {
                    t.ordinal = true;
                    i_ = k;
                } else if (suffix == "ish") {
                    t.ish = true;
                    i_ = k;
                }
            }
        }
        t.money = currencyBefore(s_, t.begin) || currencyAt(s_, i_);
        t.end = i_;
        return t;
    }

    // A word as the one word reader reads it (text::kDateWords), its possessive "'s" left
    // off; then "a.m." / "p.m." joined, the Italian accents folded and the typos mended.
    // "2day", "2moro", "2morrow", "2nite" at i_: a day in text-speak; its length, or 0.
    std::size_t textSpeakDay() const {
        for (std::string_view rest : {"day", "moro", "morrow", "morow", "nite", "night"}) {
            const std::size_t end = i_ + 1 + rest.size();
            if (end > s_.size() || (end < s_.size() && isWordByteAt(s_, end))) continue;
            bool same = true;
            for (std::size_t k = 0; k < rest.size() && same; ++k)
                same = text::lowerAscii(s_[i_ + 1 + k]) == rest[k];
            if (same) return end - i_;
        }
        return 0;
    }

    Token word() {
        Token t;
        t.begin = i_;
        buf_.clear();
        const text::RawWord r = text::readWord(s_, i_, text::kDateWords, buf_);
        std::string w = buf_.substr(r.at, r.baseSize);
        t.possessive = r.possessive;
        i_ = r.end;
        // a.m. / p.m.
        if ((w == "a" || w == "p") && i_ + 1 < s_.size() && s_[i_] == '.' && (s_[i_ + 1] == 'm' || s_[i_ + 1] == 'M') &&
            !isWordByteAt(s_, i_ + 2)) {
            w += 'm';
            i_ += 2;
            if (i_ < s_.size() && s_[i_] == '.') ++i_;
        }
        text::foldAccentedVowels(w);
        t.word = mend(std::move(w));
        classify(t);
        t.end = i_;
        return t;
    }

    const std::string& s_;
    std::size_t i_ = 0;
    std::string buf_;  // the word being read
};

// ---------------------------------------------------------------------------------------
// Italian: its words are read as the English ones the rules know ("domani" = tomorrow,
// "alle" = at), and the word order of its own is put the English way round ("venerdì
// prossimo" = next Friday, "la settimana prossima" = next week, "mattina presto" = early
// morning) before any rule runs. A word may become several ("dopodomani" = day after tomorrow)
// or two one ("fine settimana" = weekend); each keeps the bytes it was read from.

struct Italian {
    std::string_view from, to;  // to: one or more vocabulary words, space-separated
};

constexpr auto kItalian = std::to_array<Italian>({
    {"oggi", "today"},
    {"domani", "tomorrow"},
    {"dopodomani", "day after tomorrow"},
    {"ieri", "yesterday"},
    {"stamattina", "this morning"},
    {"stamani", "this morning"},
    {"stamane", "this morning"},
    {"stasera", "tonight"},
    {"stanotte", "tonight"},
    {"lunedi", "monday"},
    {"martedi", "tuesday"},
    {"mart", "tuesday"},
    {"mercoledi", "wednesday"},
    {"merc", "wednesday"},
    {"giovedi", "thursday"},
    {"giov", "thursday"},
    {"venerdi", "friday"},
    {"sabato", "saturday"},
    {"sabati", "saturday"},
    {"domenica", "sunday"},
    {"domeniche", "sunday"},
    {"gennaio", "january"},
    {"gen", "january"},
    {"febbraio", "february"},
    {"marzo", "march"},
    {"aprile", "april"},
    {"maggio", "may"},
    {"mag", "may"},
    {"giugno", "june"},
    {"giu", "june"},
    {"luglio", "july"},
    {"lug", "july"},
    {"agosto", "august"},
    {"settembre", "september"},
    {"ottobre", "october"},
    {"ott", "october"},
    {"novembre", "november"},
    {"dicembre", "december"},
    {"dic", "december"},
    {"mattina", "morning"},
    {"matina", "morning"},
    {"mattino", "morning"},
    {"mattine", "morning"},
    {"mattinata", "morning"},
    {"pomeriggio", "afternoon"},
    {"pomeriggi", "afternoon"},
    {"pome", "afternoon"},
    {"sera", "evening"},
    {"sere", "evening"},
    {"serata", "evening"},
    {"notte", "night"},
    {"nottata", "night"},
    {"settimana", "week"},
    {"settimane", "week"},
    {"giorno", "day"},
    {"giorni", "day"},
    {"gg", "day"},
    {"mese", "month"},
    {"mesi", "month"},
    {"minuto", "minute"},
    {"minuti", "minute"},
    {"anno", "year"},
    {"anni", "years"},
    {"fa", "ago"},
    {"appuntamento", "appointment"},
    {"appuntamenti", "appointments"},
    {"visita", "visit"},
    {"persone", "people"},
    {"pazienti", "patients"},
    {"volte", "times"},
    {"compresse", "tablets"},
    {"pastiglie", "tablets"},
    {"pillole", "pills"},
    {"figli", "kids"},
    {"piano", "floor"},
    {"bambini", "children"},
    {"un", "one"},
    {"uno", "one"},
    {"una", "one"},
    {"unora", "one hour"},  // un'ora
    {"due", "two"},
    {"tre", "three"},
    {"quattro", "four"},
    {"cinque", "five"},
    {"sei", "six"},
    {"sette", "seven"},
    {"otto", "eight"},
    {"nove", "nine"},
    {"dieci", "ten"},
    {"undici", "eleven"},
    {"dodici", "twelve"},
    {"quindici", "fifteen"},
    {"venti", "twenty"},
    {"trenta", "thirty"},
    {"quaranta", "forty"},
    {"quarantacinque", "fortyfive"},
    {"cinquanta", "fifty"},
    {"mezzogiorno", "noon"},
    {"mezzodi", "noon"},
    {"mezzanotte", "midnight"},
    {"mezza", "half"},
    {"mezzo", "half"},
    {"mezzora", "half an hour"},  // mezz'ora
    {"quarto", "quarter"},
    {"quarti", "quarter"},
    {"meno", "meno"},
    {"pranzo", "lunch"},
    {"lavoro", "work"},
    {"scuola", "school"},
    {"e", "and"},
    {"oppure", "or"},
    {"non", "not"},
    {"tranne", "except"},
    {"eccetto", "except"},
    {"escluso", "except"},
    {"per", "for"},
    {"ogni", "every"},
    {"questo", "this"},
    {"questa", "this"},
    {"questi", "this"},
    {"queste", "this"},
    {"nel", "in"},
    {"nei", "in"},
    {"nella", "in"},
    {"nelle", "in"},
    {"durante", "during"},
    {"il", "the"},
    {"col", "with"},
    {"ce", "is"},  // "alle due c'è la dermatologa?"
    {"coi", "with"},
    {"lo", "the"},
    {"la", "the"},
    {"tardo", "late"},
    {"tarda", "late"},
    {"grazie", "thanks"},
    {"possibile", "possible"},
});

// Three-letter days that are names or abbreviations of other things too: days only in company,
// as "sat" and "sun" are.
constexpr auto kItalianShortDays = std::to_array<std::pair<std::string_view, std::string_view>>(
    {{"lun", "monday"}, {"mer", "wednesday"}, {"gio", "thursday"}, {"ven", "friday"}, {"sab", "saturday"},
     {"dom", "sunday"}});

// Typos of the longer words, as kNear for English. Not "mattina" nor "domenica": Martina and
// Domenico are one edit away.
constexpr std::array kItalianNear{
    Near{"lunedi", 1},      Near{"martedi", 1},    Near{"mercoledi", 2}, Near{"giovedi", 1},
    Near{"venerdi", 1},     Near{"pomeriggio", 2}, Near{"settimana", 2}, Near{"dopodomani", 2},
    Near{"mezzogiorno", 2}, Near{"stamattina", 2}, Near{"prossimo", 1},  Near{"prossima", 1},
    Near{"febbraio", 2},    Near{"settembre", 2},  Near{"novembre", 2},  Near{"dicembre", 2},
};

std::string_view italianWord(std::string_view w) {
    for (const auto& it : kItalian)
        if (it.from == w) return it.to;
    return {};
}

// "due" .. "trentuno": a day of the month written in words (0 when w is none).
int italianDayWord(std::string_view w) {
    static constexpr std::array<std::string_view, 30> kDays{
        "due",         "tre",         "quattro",   "cinque",     "sei",        "sette",      "otto",
        "nove",        "dieci",       "undici",    "dodici",     "tredici",    "quattordici", "quindici",
        "sedici",      "diciassette", "diciotto",  "diciannove", "venti",      "ventuno",    "ventidue",
        "ventitre",    "ventiquattro", "venticinque", "ventisei", "ventisette", "ventotto",   "ventinove",
        "trenta",      "trentuno"};
    for (std::size_t i = 0; i < kDays.size(); ++i)
        if (w == kDays[i]) return static_cast<int>(i) + 2;
    return 0;
}

bool italianMonth(std::string_view w) {
    std::string_view to = italianWord(w);
    return !to.empty() && monthIndex(to) != 0;
}

class ItalianReader {
public:
    ItalianReader(const std::string& text, std::vector<Token> in) : s_(text), in_(std::move(in)) {
        for (std::size_t k = 0; k < in_.size(); ++k) {
            auto& t = in_[k];
            // "martedì della settimana dopo", "la settimana successiva": next week.
            // Not "la settimana dopo le feste" ("dopo" is then "after").
            const bool preposition = t.word == "dopo" && k + 1 < in_.size() && in_[k + 1].kind == Kind::Word &&
                                     (in_[k + 1].word == "le" || in_[k + 1].word == "la" || in_[k + 1].word == "il" ||
                                      in_[k + 1].word == "lo" || in_[k + 1].word == "i" || in_[k + 1].word == "gli" ||
                                      in_[k + 1].word == "l" || in_[k + 1].word == "pasqua" ||
                                      in_[k + 1].word == "natale" || in_[k + 1].word == "ferragosto");
            if (k > 0 && in_[k - 1].kind == Kind::Word && in_[k - 1].word == "settimana" && t.kind == Kind::Word &&
                (t.word == "dopo" || t.word == "successiva" || t.word == "seguente") && !preposition)
                t.word = "prossima";
        }
        for (auto& t : in_)
            if (t.kind == Kind::Word && (t.word == "prox" || t.word == "pross"))
                t.word = "prossima";  // texting: "mercoledì della prox settimana"
            else if (t.kind == Kind::Word && t.id == kUnknownWord && t.word.size() >= 5 && italianWord(t.word).empty())
                for (const auto& n : kItalianNear)
                    if (t.word[0] == n.word[0] && editDistance(t.word, n.word, n.edits) <= n.edits) {
                        t.word = std::string(n.word);
                        break;
                    }
    }

    std::vector<Token> run() {
        for (std::size_t k = 0; k < in_.size(); ++k) {
            const Token& t = in_[k];
            if (t.kind != Kind::Word) {
                Token n = t;
                // "il 15", "l'8", "del 12", "martedì 10": a day of the month, as "the 15th"
                if (plainDay(k) && (is(k - 1, {"il", "l", "del", "dell", "al", "dal", "dall", "nel", "sul", "giorno",
                                               "er", "ar"}) ||
                                    (k > 0 && italianDayBefore(k))))
                    n.ordinal = true;
                keep(n, k);
                continue;
            }
            k = word(k);
        }
        return std::move(out_);
    }

private:
    bool is(std::size_t k, std::initializer_list<std::string_view> ws) const {
        return k < in_.size() && in_[k].kind == Kind::Word && std::find(ws.begin(), ws.end(), in_[k].word) != ws.end();
    }
    bool number(std::size_t k) const { return k < in_.size() && in_[k].kind == Kind::Number; }
    std::string_view to(std::size_t k) const {
        if (k >= in_.size() || in_[k].kind != Kind::Word) return {};
        std::string_view w = italianWord(in_[k].word);
        return w.empty() ? std::string_view(in_[k].word) : w;
    }
    // An hour follows: "le 9", "le nove", "mezzogiorno".
    bool hourNext(std::size_t k) const {
        return number(k) || cardinalWord(to(k)) || to(k) == "noon" || to(k) == "midnight";
    }
    bool dayPartNext(std::size_t k) const { return dayPartIndex(to(k)).has_value(); }
    bool plainDay(std::size_t k) const {
        const Token& t = in_[k];
        return t.kind == Kind::Number && t.parts == 1 && t.width[0] <= 2 && t.part[0] >= 1 && t.part[0] <= 31 &&
               !t.ordinal && !t.money && !t.ish;
    }
    // The word at k names a day: "martedì", "ven".
    bool italianDay(std::size_t k) const {
        if (k >= in_.size() || in_[k].kind != Kind::Word) return false;
        for (const auto& [from, day] : kItalianShortDays)
            if (in_[k].word == from) return true;
        return weekdayIndex(italianWord(in_[k].word)).day != 0;
    }
    // "martedì 10", "ven 14 alle 9": not "lunedì 9 e mezza" nor "lunedì 9 di mattina".
    // But "mercoledì 11 di pomeriggio" is the 11th in the afternoon: no afternoon has an 11
    // o'clock, so a number the day part cannot be an hour of is the day of the month.
    bool italianDayBefore(std::size_t k) const {
        if (!italianDay(k - 1)) return false;
        if (is(k + 1, {"di", "del", "della", "in", "nel", "nella"}) && k + 2 < in_.size()) {
            const auto part = dayPartIndex(to(k + 2));
            const int n = in_[k].part[0];
            if (part && !hourOfDayPart(n, *part)) return true;
        }
        // "giovedì 12 pomeriggio", "lunedì 9 mattina": a bare number between the day and its
        // part is the day of the month (an hour would come with "alle": "giovedì alle 12").
        if (dayPartNext(k + 1) && !(k >= 2 && is(k - 2, {"alle", "le", "ore", "at"}))) return true;
        return !is(k + 1, {"e", "meno", "di", "del", "della", "in", "am", "pm"}) && !dayPartNext(k + 1);
    }
    static bool hourOfDayPart(int n, DayPart part) {
        switch (part) {
            case DayPart::Morning: return n >= 5 && n <= 12;
            case DayPart::Afternoon: return (n >= 1 && n <= 7) || (n >= 12 && n <= 19);
            case DayPart::Evening: return (n >= 5 && n <= 12) || (n >= 17 && n <= 23);
            case DayPart::Any: return true;
        }
        return true;
    }
    // An apostrophe right after the word: "all'11", "l'8", "dall'una".
    bool elided(std::size_t k) const { return in_[k].end < s_.size() && apostropheAt(s_, in_[k].end); }
    // The last word written came from the word just before k.
    bool lastFrom(std::size_t k) const { return !out_.empty() && k > 0 && lastIn_ == k - 1; }
    bool lastIs(std::initializer_list<std::string_view> ws) const {
        return !out_.empty() && std::find(ws.begin(), ws.end(), out_.back().word) != ws.end();
    }

    void keep(const Token& t, std::size_t k) {
        out_.push_back(t);
        lastIn_ = k;
    }
    // words from in_[k] .. in_[last]
    void emit(std::string_view words, std::size_t k, std::size_t last) {
        while (!words.empty()) {
            std::size_t space = words.find(' ');
            Token n;
            n.word = std::string(words.substr(0, space));
            n.italian = true;
            n.begin = in_[k].begin;
            n.end = in_[last].end;
            classify(n);
            out_.push_back(std::move(n));
            words = space == std::string_view::npos ? std::string_view{} : words.substr(space + 1);
        }
        lastIn_ = last;
    }
    // A word that English writes first: it takes the place of the last word, which moves after it.
    void emitBefore(std::string_view w, std::size_t k) {
        Token moved = out_.back();
        Token& n = out_.back();
        n = Token{};
        n.word = std::string(w);
        n.italian = true;
        n.begin = moved.begin;
        n.end = moved.end;
        classify(n);
        moved.begin = in_[k].begin;
        moved.end = in_[k].end;
        out_.push_back(std::move(moved));
        lastIn_ = k;
    }

    // "l'appuntamento di giovedì", "quello di venerdì": the day names a booked appointment, as
    // the English "Thursday's" does.
    void appointmentOf(std::size_t k) {
        if (out_.back().weekday.day && k >= 2 && is(k - 1, {"di", "del"}) &&
            is(k - 2, {"appuntamento", "lappuntamento", "visita", "prenotazione", "controllo", "quello", "quella"}))
            out_.back().possessive = true;
    }

    // Reads the word at k; returns the last index it used.
    std::size_t word(std::size_t k) {
        const std::string& w = in_[k].word;
        if ((w == "\xC2\xB0" || w == "\xC2\xBA") && !out_.empty() && out_.back().kind == Kind::Number &&
            out_.back().end == in_[k].begin) {  // "1° aprile"
            out_.back().ordinal = true;
            out_.back().end = in_[k].end;
            return k;
        }
        // "il diciannove", "er sei", "giovedì dodici", "tre agosto": a day of the month in words.
        if (const int day = italianDayWord(w); day && !is(k - 1, {"alle", "le", "ore", "verso", "dalle", "entro"}) &&
                                               (is(k - 1, {"il", "l", "er", "del", "dell", "al", "dal", "nel", "sul",
                                                           "giorno"}) ||
                                                (k > 0 && italianDay(k - 1)) ||
                                                (k + 1 < in_.size() && italianMonth(in_[k + 1].word))) &&
                                               !is(k + 1, {"e", "meno", "di", "del", "della", "in", "ore", "minuti",
                                                           "giorni", "settimane", "volte", "anni", "mesi"})) {
            Token n;
            n.kind = Kind::Number;
            n.part[0] = day;
            n.width[0] = day < 10 ? 1 : 2;
            n.parts = 1;
            n.ordinal = true;
            n.begin = in_[k].begin;
            n.end = in_[k].end;
            keep(n, k);
            return k;
        }
        // "domani l'altro" = the day after tomorrow; "dopo dopodomani" = in three days.
        if (w == "domani" && is(k + 1, {"laltro"})) {  // "l'altro" is read as one word
            emit("day after tomorrow", k, k + 1);
            return k + 1;
        }
        if (w == "dopo" && is(k + 1, {"dopodomani"})) {
            emit("in three day", k, k + 1);
            return k + 1;
        }
        // "oggi a otto" = a week today, "domani a otto", "lunedì a otto" = a week after that day.
        if (w == "a" && is(k + 1, {"otto"}) && lastFrom(k) &&
            (out_.back().weekday.day || lastIs({"today", "tomorrow"}))) {
            if (lastIs({"today"})) {
                out_.pop_back();
                emit("in a week", k, k + 1);
            } else {
                emit("week", k, k + 1);
            }
            return k + 1;
        }
        if (w == "prossimo" || w == "prossima" || w == "prossimi" || w == "prossime" || w == "scorso" ||
            w == "scorsa") {
            bool next = w[0] == 'p';
            if (next && is(k + 1, {"giorni"})) {
                emit("coming", k, k);  // "nei prossimi giorni"
            } else if (next && lastFrom(k) && out_.back().weekday.day) {
                // "sabato prossimo" is the coming Saturday (an Italian reads it so; the English
                // "next Saturday" is the following week's).
                emitBefore("coming", k);
            } else if (next && k + 1 < in_.size() && italianDay(k + 1)) {
                emit("coming", k, k);  // "il prossimo venerdì"
            } else if (lastFrom(k) && (out_.back().weekday.day || lastIs({"week", "month", "weekend"}))) {
                emitBefore(next ? "next" : "last", k);  // "venerdì prossimo", "la settimana prossima"
            } else {
                emit(next ? "next" : "last", k, k);
            }
            return k;
        }
        if (w == "tardi" && lastFrom(k) && out_.back().dayPart) {  // "sera tardi"
            emitBefore("late", k);
            return k;
        }
        if (w == "presto") {  // "mattina presto", "domani presto"
            if (lastFrom(k) && out_.back().dayPart)
                emitBefore("early", k);
            else if (lastFrom(k) && (out_.back().weekday.day || lastIs({"today", "tomorrow"})))
                emit("early morning", k, k);
            else
                keep(in_[k], k);
            return k;
        }
        if (w == "prima" || w == "primo") {
            if (dayPartNext(k + 1)) {
                emit("early", k, k);  // "primo pomeriggio", "prima mattina"
            } else if (w == "prima" && is(k + 1, {"di", "delle", "della", "del", "dell", "dello", "dei"})) {
                emit("before", k, k + 1);
                return k + 1;
            } else if (w == "prima") {
                emit("before", k, k);
            } else if ((k + 1 < in_.size() && italianMonth(in_[k + 1].word)) ||
                       (is(k + 1, {"del", "di"}) && is(k + 2, {"mese", "prossimo"}))) {
                Token one;  // "il primo aprile" = "the 1st April", "il primo del mese prossimo"
                one.kind = Kind::Number;
                one.part[0] = 1;
                one.width[0] = 1;
                one.parts = 1;
                one.ordinal = true;
                one.begin = in_[k].begin;
                one.end = in_[k].end;
                keep(one, k);
            } else {
                keep(in_[k], k);  // "il primo" is a pick from a list
            }
            return k;
        }
        if (w == "fine") {  // English "fine" unless Italian follows
            if (is(k + 1, {"settimana"})) {
                emit("weekend", k, k + 1);
                return k + 1;
            }
            if (is(k + 1, {"di", "del", "della"}) && is(k + 2, {"settimana", "mese"})) {
                emit("end of", k, k + 1);
                return k + 1;
            }
            if (is(k + 1, {"mese"}) || (k + 1 < in_.size() && italianMonth(in_[k + 1].word)))
                emit("end of", k, k);
            else
                keep(in_[k], k);
            return k;
        }
        if (w == "inizio" || w == "meta") {  // "inizio della settimana prossima", "metà mese"
            std::size_t last = is(k + 1, {"di", "del", "della", "dell"}) ? k + 1 : k;
            emit(w == "inizio" ? "beginning of" : "middle of", k, last);
            return last;
        }
        if (w == "all" && elided(k) && plainDay(k + 1) && k + 2 < in_.size() && italianMonth(in_[k + 2].word)) {
            emit("on", k, k);  // "all'11 gennaio": a day
            return k;
        }
        if (w == "alle" || (w == "all" && elided(k))) {
            emit(fromOpen_ ? "to" : "at", k, k);  // "dalle 9 alle 11"
            fromOpen_ = false;
            return k;
        }
        // "quella delle 11", "quello delle 10:30": the offered time of that hour.
        if ((w == "delle" || w == "della") && hourNext(k + 1) && k > 0 &&
            is(k - 1, {"quella", "quello", "quelle", "quelli", "la", "il", "prima", "primo"})) {
            emit("at", k, k);
            return k;
        }
        if (w == "alluna") {  // all'una
            emit("at one", k, k);
            return k;
        }
        if ((w == "dalle" || w == "dalla" || (w == "dall" && elided(k))) && (hourNext(k + 1) || is(k + 1, {"ore"}))) {
            emit("from", k, k);
            fromOpen_ = true;
            return k;
        }
        if (w == "le" || (w == "l" && elided(k))) {
            if (w == "l")
                emit("the", k, k);
            else if (hourNext(k + 1) && !(lastFrom(k) && lastIs({"at", "after", "before", "around", "by", "from", "to",
                                                                 "between", "and", "until"})))
                emit("le", k, k);  // "le 9": a time only where nothing odd follows (see timePhrase)
            // else dropped: "tra le 14 e le 16", the article of a time already cued
            return k;
        }
        if (w == "di" || w == "del" || w == "della" || w == "dello" || w == "dei" || w == "degli" ||
            (w == "dell" && elided(k))) {
            // "alle 10 di lunedì 17", "alle 19 di stasera", "verso le 10 del 2": a time, then its day.
            const bool afterTime = k > 0 && (in_[k - 1].kind == Kind::Number || cardinalWord(to(k - 1)) ||
                                             is(k - 1, {"mezza", "mezzo", "quarto", "mezzogiorno", "punto"}));
            const bool dayNext = k + 1 < in_.size() &&
                                 (italianDay(k + 1) || plainDay(k + 1) ||
                                  is(k + 1, {"stasera", "oggi", "domani", "stamattina", "dopodomani", "stanotte"}));
            emit(dayPartNext(k + 1) ? "in the" : afterTime && dayNext ? "on" : "of", k, k);  // "alle 3 del pomeriggio"
            return k;
        }
        if (w == "ore" || w == "ora" || w == "h" || w == "allora") {
            // "ore 9", "h 9"; not "h1", a heading or a code
            if (w != "allora" && number(k + 1) && (w != "h" || in_[k].end < in_[k + 1].begin)) {
                emit("at", k, k);
            } else if (w != "h" && is(k + 1, {"di"}) && is(k + 2, {"pranzo"})) {
                emit("lunchtime", k, k + 2);  // "(all')ora di pranzo"
                return k + 2;
            } else if (w != "allora" && w != "h" && k > 0 && (number(k - 1) || cardinalWord(to(k - 1)))) {
                emit("hour", k, k);  // "tra 2 ore"
            } else {
                keep(in_[k], k);
            }
            return k;
        }
        if (w == "pausa" && is(k + 1, {"pranzo"})) {
            emit("lunchtime", k, k + 1);
            return k + 1;
        }
        if (w == "tra" || w == "fra") {
            if (is(k + 1, {"le"})) {
                emit("between", k, k + 1);
                return k + 1;
            }
            bool between = to(k + 1) == "noon" || (hourNext(k + 1) && is(k + 2, {"e"}));
            emit(between ? "between" : "in", k, k);
            return k;
        }
        if (w == "o") {
            if (is(k + 1, {"clock"}))
                keep(in_[k], k);
            else
                emit("or", k, k);
            return k;
        }
        if ((w == "a" || w == "ad" || w == "in") && k + 1 < in_.size() && italianMonth(in_[k + 1].word)) {
            emit("in", k, k);  // "a marzo"
            return k;
        }
        if (w == "a" && (is(k + 1, {"pranzo"}) || to(k + 1) == "noon" || to(k + 1) == "midnight")) {
            emit("at", k, k);
            return k;
        }
        if (w == "fino" && is(k + 1, {"alle", "a", "al", "all"})) {
            emit("until", k, k + 1);
            return k + 1;
        }
        if (w == "dopo" && is(k + 1, {"domani"})) {  // "dopo domani", written apart
            emit("day after tomorrow", k, k + 1);
            return k + 1;
        }
        if (w == "verso" || w == "dopo" || w == "entro") {
            // "verso le 16", "verso la sera", "dopo il lavoro", "dopo la scuola"
            bool article = is(k + 1, {"le", "l"}) || (w == "verso" && is(k + 1, {"la"})) ||
                           (w == "dopo" && is(k + 1, {"il", "la"}) && is(k + 2, {"lavoro", "scuola"}));
            std::size_t last = article ? k + 1 : k;
            emit(w == "verso" ? "around" : w == "dopo" ? "after" : "by", k, last);
            return last;
        }
        for (const auto& [from, day] : kItalianShortDays)
            if (w == from) {
                emit(day, k, k);
                out_.back().weekday.ambiguous = true;
                appointmentOf(k);
                return k;
            }
        if (std::string_view mapped = italianWord(w); !mapped.empty()) {
            emit(mapped, k, k);
            appointmentOf(k);
            return k;
        }
        keep(in_[k], k);
        return k;
    }

    const std::string& s_;
    std::vector<Token> in_, out_;
    std::size_t lastIn_ = 0;
    bool fromOpen_ = false;
};

// ---------------------------------------------------------------------------------------
// The rules.

// A minute of the day as typed; ambiguous when an hour 1..11 came with no am/pm, no part of
// the day and no leading zero (kept as the morning reading until the end).
struct Clock {
    int minute = 0;
    bool ambiguous = false;
};

struct TimeHit {
    std::size_t end = 0;
    Clock clock;
    std::optional<DayPart> part;
};

struct HourWord {
    int hour = 0;
    bool fixed = false;  // zero-padded ("09"): no am/pm guess
    bool word = false;   // "nine"
    std::size_t end = 0;
};

struct DateCandidate {
    LocalDate date;
    int level = 0;      // 1: from a weekday, 2: a calendar or relative day
    int weekday = 0;    // the weekday it came from
    bool bare = false;  // a bare weekday, to be placed inside a week range named too
};

struct WeekdayMention {
    int day = 0;
    bool reference = false;
};

enum class Bound { Exact, After, Before, Between, From };

class Reader {
public:
    Reader(const std::string& text, const LocalDate& today, int nowMinute, const DateSettings& settings)
        : t_(ItalianReader(text, Tokenizer(text).run()).run()),
          today_(today),
          now_(std::clamp(nowMinute, 0, 1439)),
          settings_(settings) {}

    DateTimeEntities run() {
        using Rule = std::size_t (Reader::*)(std::size_t);
        static constexpr std::array<Rule, 13> kRules{
            &Reader::negation,      &Reader::relativeDay,   &Reader::relativeCount, &Reader::upcomingDays,
            &Reader::monthDayOfMonth, &Reader::calendarRange, &Reader::numericDate, &Reader::monthDayDate,
            &Reader::monthRange,    &Reader::dayOfMonth,    &Reader::weekdayPhrase, &Reader::timePhrase,
            &Reader::dayPartPhrase};
        std::size_t i = 0;
        while (i < t_.size()) {
            std::size_t end = 0;
            if (t_[i].kind == Kind::Number || t_[i].id != kUnknownWord)
                for (Rule rule : kRules)
                    if ((end = (this->*rule)(i)) != 0) break;
            if (end > i) {
                // words from one Italian word ("dopodomani") share its bytes: one span
                if (!out_.spans.empty() && t_[i].begin < out_.spans.back().second)
                    out_.spans.back().second = std::max(out_.spans.back().second, t_[end - 1].end);
                else
                    out_.spans.emplace_back(t_[i].begin, t_[end - 1].end);
                i = end;
            } else {
                ++i;
            }
        }
        finish();
        return std::move(out_);
    }

private:
    // ---- token tests ----
    bool word(std::size_t i, WordId w) const { return i < t_.size() && t_[i].id == w; }
    bool wordIn(std::size_t i, std::initializer_list<WordId> ws) const {
        return i < t_.size() && t_[i].id != kUnknownWord && std::find(ws.begin(), ws.end(), t_[i].id) != ws.end();
    }
    template <std::size_t N>
    bool wordIn(std::size_t i, const std::array<WordId, N>& ws) const {
        return i < t_.size() && t_[i].id != kUnknownWord && contains(ws, t_[i].id);
    }
    bool isNumber(std::size_t i) const { return i < t_.size() && t_[i].kind == Kind::Number; }
    bool plainNumber(std::size_t i) const {
        return isNumber(i) && t_[i].parts == 1 && !t_[i].ordinal && !t_[i].ish && !t_[i].money;
    }
    bool endOfPhrase(std::size_t i) const { return i >= t_.size() || t_[i].kind == Kind::Punct; }
    int month(std::size_t i) const { return i < t_.size() ? t_[i].month : 0; }
    WeekdayWord weekday(std::size_t i) const { return i < t_.size() ? t_[i].weekday : WeekdayWord{}; }
    std::optional<DayPart> dayPart(std::size_t i) const { return i < t_.size() ? t_[i].dayPart : std::nullopt; }
    // A number that is a quantity, not an hour or a date: another number or a unit follows.
    bool quantityFollows(std::size_t i) const { return isNumber(i) || wordIn(i, kUnitWords); }

    // ---- effects ----
    void addDate(const LocalDate& d, int level, int weekdayNamed = 0, bool bare = false) {
        dates_.push_back({d, level, weekdayNamed, bare});
        if (weekdayNamed) weekdays_.push_back({weekdayNamed, false});
    }
    void setRange(const LocalDate& from, const LocalDate& to) { out_.range = DateRange{from, to}; }
    // A range that starts no earlier than today; nothing when it is all past.
    bool setFutureRange(LocalDate from, const LocalDate& to) {
        from = std::max(from, today_);
        if (from > to) return false;
        setRange(from, to);
        return true;
    }
    void setPart(DayPart p) { part_ = p; }

    // ---- counts: "3", "three", "a", "a couple of" ----
    struct Count {
        int value = 0;
        std::size_t end = 0;
    };
    std::optional<Count> count(std::size_t i) const {
        if (plainNumber(i) && t_[i].width[0] <= 3) return Count{t_[i].part[0], i + 1};
        if (wordIn(i, {"a"_w, "an"_w}) && word(i + 1, "couple"_w)) return Count{2, word(i + 2, "of"_w) ? i + 3 : i + 2};
        if (word(i, "couple"_w)) return Count{2, word(i + 1, "of"_w) ? i + 2 : i + 1};
        if (wordIn(i, {"a"_w, "an"_w})) return Count{1, i + 1};
        if (i < t_.size() && t_[i].kind == Kind::Word) {
            if (int n = t_[i].cardinal) return Count{n, i + 1};
            if (word(i, "fifteen"_w)) return Count{15, i + 1};
            if (word(i, "twenty"_w)) return Count{20, i + 1};
            if (word(i, "thirty"_w)) return Count{30, i + 1};
        }
        return std::nullopt;
    }

    // ---- negations: "not Monday", "no mornings", "can't do Fridays" ----
    std::size_t negation(std::size_t i) {
        std::size_t j = 0;
        if (wordIn(i, {"not"_w, "no"_w, "except"_w, "never"_w, "excluding"_w}))
            j = i + 1;
        else if ((word(i, "apart"_w) && word(i + 1, "from"_w)) || (word(i, "other"_w) && word(i + 1, "than"_w)))
            j = i + 2;
        else if (wordIn(i, {"cant"_w, "cannot"_w}) && wordIn(i + 1, {"do"_w, "make"_w, "come"_w}))
            j = wordIn(i + 2, {"in"_w}) && wordIn(i + 3, {"today"_w, "tomorrow"_w, "tonight"_w}) ? i + 3 : i + 2;
        else
            return 0;
        for (int k = 0; k < 2 && wordIn(j, {"on"_w, "in"_w, "at"_w, "the"_w, "this"_w, "during"_w}); ++k) ++j;
        if (weekday(j).day) return j + 1;
        if (auto p = dayPart(j)) {
            if (*p == DayPart::Morning) after_ = Clock{kNoon, false};
            if (*p == DayPart::Evening) before_ = Clock{kEvening, false};
            return j + 1;
        }
        if (wordIn(j, {"today"_w, "tomorrow"_w, "tonight"_w, "weekend"_w})) {
            // "can't make today at 10 anymore": the time said with the day goes with it
            if (word(j + 1, "at"_w) && isNumber(j + 2)) return j + 3;
            return j + 1;
        }
        return 0;
    }

    // ---- today, tomorrow, tonight, this morning, the day after tomorrow, ... ----
    std::size_t relativeDay(std::size_t i) {
        std::size_t j = word(i, "the"_w) ? i + 1 : i;
        if (word(j, "day"_w) && word(j + 1, "after"_w) && word(j + 2, "tomorrow"_w)) {
            addDate(addDays(today_, 2), 2);
            return j + 3;
        }
        if (word(j, "day"_w) && word(j + 1, "before"_w) && word(j + 2, "yesterday"_w)) {
            addDate(addDays(today_, -2), 2);
            return j + 3;
        }
        if (word(i, "later"_w) && (word(i + 1, "today"_w) || (word(i + 1, "on"_w) && word(i + 2, "today"_w)))) {
            addDate(today_, 2);
            after_ = Clock{now_, false};
            return word(i + 1, "today"_w) ? i + 2 : i + 3;
        }
        if (word(i, "today"_w)) {
            // "today doesn't work", "today's nearly over", "today is no good": not the day wanted
            std::size_t k = i + 1;
            if (word(k, "is"_w)) ++k;
            if (wordIn(k, {"doesnt"_w, "isnt"_w, "nearly"_w, "no"_w, "wont"_w})) return k + 1;
            addDate(today_, 2);
            return i + 1;
        }
        // Christmas Eve, Boxing Day, New Year's Eve, New Year's Day: the next one.
        {
            int m = 0, d = 0;
            std::size_t e = 0;
            if (word(j, "christmas"_w) && word(j + 1, "eve"_w)) m = 12, d = 24, e = j + 2;
            else if (word(j, "christmas"_w) && word(j + 1, "day"_w)) m = 12, d = 25, e = j + 2;
            else if (word(j, "boxing"_w) && word(j + 1, "day"_w)) m = 12, d = 26, e = j + 2;
            else if (word(j, "new"_w) && wordIn(j + 1, {"year"_w, "years"_w}) && word(j + 2, "eve"_w)) m = 12, d = 31, e = j + 3;
            else if (word(j, "new"_w) && wordIn(j + 1, {"year"_w, "years"_w}) && word(j + 2, "day"_w)) m = 1, d = 1, e = j + 3;
            if (m) {
                if (auto date = nextMonthDay(today_, m, d)) addDate(*date, 2);
                return e;
            }
        }
        if (word(i, "tonight"_w)) {
            addDate(today_, 2);
            setPart(DayPart::Evening);
            return i + 1;
        }
        if (word(i, "tomorrow"_w) && word(i + 1, "week"_w)) {  // "tomorrow week": a week from tomorrow
            addDate(addDays(today_, 8), 2);
            return i + 2;
        }
        if (word(i, "tomorrow"_w)) {
            addDate(addDays(today_, 1), 2);
            return i + 1;
        }
        if (word(i, "yesterday"_w) || (word(i, "last"_w) && word(i + 1, "night"_w))) {
            addDate(addDays(today_, -1), 2);
            return word(i, "last"_w) ? i + 2 : i + 1;
        }
        if (word(i, "this"_w) && dayPart(i + 1)) {
            addDate(today_, 2);
            setPart(*dayPart(i + 1));
            return i + 2;
        }
        return 0;
    }

    // ---- in 3 days, after two weeks, a week from tomorrow, in an hour, 2 weeks ago ----
    std::size_t relativeCount(std::size_t i) {
        std::size_t j = i;
        bool lead = wordIn(i, {"in"_w, "after"_w});
        if (lead) ++j;
        if (lead && wordIn(j, {"about"_w, "around"_w, "roughly"_w, "approximately"_w, "just"_w})) ++j;
        if (lead && word(j, "half"_w) && wordIn(j + 1, {"a"_w, "an"_w}) && word(j + 2, "hour"_w)) {
            inMinutes(30);
            return j + 3;
        }
        if (word(i, "in"_w) && isNumber(j) && t_[j].hourMark && t_[j].part[0] <= 48) {
            inMinutes(t_[j].part[0] * 60);
            return j + 1;
        }
        auto c = count(j);
        if (!c) return 0;
        std::size_t u = c->end;
        if (!wordIn(u, {"day"_w, "week"_w, "month"_w, "fortnight"_w, "hour"_w, "minute"_w})) return 0;
        WordId unit = t_[u].id;
        int n = c->value;
        std::size_t e = u + 1;
        if (word(e, "time"_w)) ++e;                     // "in a week's time"
        if (word(e, "ago"_w)) return lead ? 0 : e + 1;  // history: consumed, sets nothing
        int extraDays = 0;
        bool anchored = false;
        if (word(e, "from"_w) && wordIn(e + 1, {"now"_w, "today"_w})) {
            anchored = true;
            e += 2;
        } else if (word(e, "from"_w) && word(e + 1, "tomorrow"_w)) {
            anchored = true;
            extraDays = 1;
            e += 2;
        } else if (!lead && (unit == "week"_w || unit == "fortnight"_w) && wordIn(e, {"today"_w, "tomorrow"_w})) {
            anchored = true;  // "a week today", "two weeks tomorrow", "a fortnight today"
            extraDays = word(e, "tomorrow"_w) ? 1 : 0;
            ++e;
        } else if (!lead && (unit == "week"_w || unit == "fortnight"_w) &&
                   (wordIn(e, {"from"_w, "on"_w}) || weekday(e).day)) {
            // "a week from Monday", "two weeks from this Friday", "a fortnight from next Tuesday",
            // and the British "a week on Thursday", "a fortnight on Monday", "a week Monday"
            std::size_t k = weekday(e).day ? e : e + 1;
            bool next = false;
            if (wordIn(k, {"this"_w, "coming"_w})) ++k;
            else if (word(k, "next"_w)) next = true, ++k;
            const WeekdayWord wd = weekday(k);
            if (!wd.day) return 0;
            const int ahead = (wd.day - isoWeekday(today_) + 7) % 7;
            const LocalDate base = next ? addDays(mondayOf(today_), 7 + wd.day - 1) : addDays(today_, ahead == 0 ? 7 : ahead);
            const int days = (unit == "week"_w ? 7 : 14) * n;
            if (n < 1 || n > 26) return 0;
            addDate(addDays(base, days), 2);
            return k + 1;
        }
        // "Thursday in two weeks", "giovedì fra due settimane": that weekday in the Monday-to-
        // Sunday week N weeks after this one (not the day 14 days on).
        if (word(i, "in"_w) && unit == "week"_w && i > 0 && weekday(i - 1).day && n >= 1 && n <= 26) {
            addDate(addDays(mondayOf(today_), 7 * n + weekday(i - 1).day - 1), 2);
            return e;
        }
        if (!lead && !anchored) return 0;
        if (word(e, "of"_w)) return 0;  // "after 2 weeks of pain"
        if (unit == "hour"_w || unit == "minute"_w) {
            int minutes = unit == "hour"_w ? n * 60 : n;
            if (n < 1 || minutes > 48 * 60 || extraDays) return 0;
            inMinutes(minutes);
            return e;
        }
        if (n < 1) return 0;
        if (unit == "day"_w && n <= 366)
            addDate(addDays(today_, n + extraDays), 2);
        else if (unit == "week"_w && n <= 52)
            addDate(addDays(today_, 7 * n + extraDays), 2);
        else if (unit == "fortnight"_w && n <= 26)
            addDate(addDays(today_, 14 * n + extraDays), 2);
        else if (unit == "month"_w && n <= 24)
            addDate(addDays(addMonths(today_, n), extraDays), 2);
        else
            return 0;
        return e;
    }

    void inMinutes(int minutes) {
        int total = now_ + minutes;
        addDate(addDays(today_, total / 1440), 2);
        exact_ = Clock{total % 1440, false};
    }

    // ---- in the next few days, the coming days, within a week, the next 5 days ----
    std::size_t upcomingDays(std::size_t i) {
        std::size_t j = i;
        bool in = word(j, "in"_w), within = word(j, "within"_w);
        if (in || within || wordIn(j, {"over"_w, "during"_w, "for"_w})) ++j;
        if (word(j, "the"_w)) ++j;
        if (in && word(j, "a"_w) && word(j + 1, "few"_w) && word(j + 2, "day"_w)) {
            setRange(addDays(today_, 2), addDays(today_, 4));
            return j + 3;
        }
        int n = 0;
        if (wordIn(j, {"next"_w, "coming"_w})) {
            bool coming = word(j, "coming"_w);
            ++j;
            if (word(j, "few"_w)) {
                n = 3;
                ++j;
            } else if (auto c = count(j); c && !wordIn(j, {"a"_w, "an"_w})) {
                n = c->value;
                j = c->end;
            } else if (!coming || !word(j, "day"_w)) {
                return 0;
            } else {
                n = 3;
            }
        } else if (within) {
            auto c = count(j);
            if (!c) return 0;
            n = c->value;
            j = c->end;
        } else {
            return 0;
        }
        if (word(j, "day"_w)) {
        } else if (word(j, "week"_w)) {
            n *= 7;
        } else {
            return 0;
        }
        if (n < 1 || n > 366) return 0;
        if (within)
            setRange(today_, addDays(today_, n));
        else
            setRange(addDays(today_, 1), addDays(today_, n));
        return j + 1;
    }

    // ---- this / next week, early next week, end of the week, the weekend, next month ----
    // A range already wholly past ("early this week" said on a Thursday) is consumed and sets
    // nothing, so that no shorter reading ("this week") is made of its words.
    enum class Pos { None, Early, Mid, End, Later };

    std::size_t calendarRange(std::size_t i) {
        std::size_t j = i;
        if (wordIn(j, {"at"_w, "on"_w, "over"_w, "for"_w, "during"_w, "in"_w, "by"_w})) ++j;
        if (word(j, "the"_w) && wordIn(j + 1, {"beginning"_w, "start"_w, "middle"_w, "end"_w})) ++j;
        Pos pos = Pos::None;
        if (word(j, "early"_w)) {
            pos = Pos::Early;
            ++j;
        } else if (wordIn(j, {"beginning"_w, "start"_w}) && word(j + 1, "of"_w)) {
            pos = Pos::Early;
            j += 2;
        } else if (word(j, "mid"_w)) {
            pos = Pos::Mid;
            ++j;
        } else if (word(j, "middle"_w) && word(j + 1, "of"_w)) {
            pos = Pos::Mid;
            j += 2;
        } else if (word(j, "end"_w) && word(j + 1, "of"_w)) {
            pos = Pos::End;
            j += 2;
        } else if (word(j, "late"_w)) {
            pos = Pos::End;
            ++j;
        } else if (word(j, "later"_w)) {
            pos = Pos::Later;
            ++j;
        }
        if (pos != Pos::None && word(j, "in"_w)) ++j;  // "later in the week", "early in the month"
        enum class Which { Bare, This, The, Next, AfterNext } which = Which::Bare;
        if (word(j, "the"_w) && word(j + 1, "week"_w) && word(j + 2, "after"_w) && word(j + 3, "next"_w)) {
            which = Which::AfterNext;
            ++j;
        } else if (word(j, "week"_w) && word(j + 1, "after"_w) && word(j + 2, "next"_w)) {
            which = Which::AfterNext;
        } else if (word(j, "this"_w)) {
            which = Which::This;
            ++j;
        } else if (word(j, "the"_w)) {
            which = Which::The;
            ++j;
        } else if (word(j, "next"_w)) {
            which = Which::Next;
            ++j;
        }
        if (word(j, "week"_w)) {
            std::size_t end = which == Which::AfterNext ? j + 3 : j + 1;
            if (pos == Pos::None && (which == Which::Bare || which == Which::The)) return 0;
            LocalDate monday = mondayOf(today_);
            if (which == Which::Next) monday = addDays(monday, 7);
            if (which == Which::AfterNext) monday = addDays(monday, 14);
            bool current = which == Which::This || which == Which::The || which == Which::Bare;
            switch (pos) {
                case Pos::None:
                    setFutureRange(monday, addDays(monday, 6));
                    return end;
                case Pos::Early:
                    setFutureRange(monday, addDays(monday, 2));
                    return end;
                case Pos::Mid:
                    setFutureRange(addDays(monday, 1), addDays(monday, 3));
                    return end;
                case Pos::Later:
                    if (current) {
                        setFutureRange(addDays(today_, 1), addDays(monday, 6));
                        return end;
                    }
                    [[fallthrough]];
                case Pos::End:
                    if (setFutureRange(addDays(monday, 3), addDays(monday, 4)) || !current) return end;
                    setRange(addDays(monday, 10), addDays(monday, 11));  // said on a weekend
                    return end;
            }
            return 0;
        }
        if (word(j, "weekend"_w)) {
            if (pos != Pos::None || which == Which::AfterNext) return 0;
            LocalDate saturday = addDays(mondayOf(today_), which == Which::Next ? 12 : 5);
            setFutureRange(saturday, addDays(saturday, 1));
            return j + 1;
        }
        if (word(j, "month"_w)) {
            if (which == Which::AfterNext || (pos == Pos::None && (which == Which::Bare || which == Which::The)))
                return 0;
            LocalDate first = firstOfMonth(today_);
            if (which == Which::Next) first = addMonths(first, 1);
            LocalDate last = lastOfMonth(first);
            bool current = which != Which::Next;
            switch (pos) {
                case Pos::None:
                    setFutureRange(first, last);
                    return j + 1;
                case Pos::Early:
                    setFutureRange(first, {first.year, first.month, 10});
                    return j + 1;
                case Pos::Mid:
                    setFutureRange({first.year, first.month, 11}, {first.year, first.month, 20});
                    return j + 1;
                case Pos::Later:
                    if (current) {
                        setFutureRange(addDays(today_, 1), last);
                        return j + 1;
                    }
                    [[fallthrough]];
                case Pos::End:
                    setFutureRange(addDays(last, -6), last);
                    return j + 1;
            }
        }
        return 0;
    }

    // ---- 12/03, 12/03/2027, 12.03., 12.03.2027, 2026-03-10, 12-03-2027 ----
    std::size_t numericDate(std::size_t i) {
        std::size_t j = i;
        if (wordIn(j, {"on"_w, "for"_w, "by"_w})) ++j;
        if (word(j, "the"_w)) ++j;
        if (!isNumber(j) || t_[j].parts < 2 || t_[j].money) return 0;
        const Token& n = t_[j];
        bool cued = j > i;
        int a = n.part[0], b = n.part[1], y = 0;
        int yearWidth = 0;
        if (n.parts == 3 && n.width[0] == 4 && (n.sep == '-' || n.sep == '/')) {  // ISO
            if (n.width[1] > 2 || n.width[2] > 2) return 0;
            return acceptDate(n.part[0], n.part[1], n.part[2], true) ? j + 1 : 0;
        }
        if (n.sep == ':' || n.sep == 'h' || n.sep == ',') return 0;
        if (n.parts == 2 && (n.sep == '-' || (n.sep == '.' && !n.trailingDot && !cued))) return 0;
        if (n.width[0] > 2 || n.width[1] > 2) return 0;
        if (n.parts == 3) {
            yearWidth = n.width[2];
            if (yearWidth != 2 && yearWidth != 4) return 0;
            y = yearWidth == 2 ? 2000 + n.part[2] : n.part[2];
        }
        if (wordIn(j + 1, kUnitWords)) return 0;  // "1/2 tablet"
        int day = settings_.dayFirst ? a : b, mon = settings_.dayFirst ? b : a;
        return acceptDate(y, mon, day, n.parts == 3) ? j + 1 : 0;
    }

    bool acceptDate(int y, int m, int d, bool withYear) {
        if (withYear) {
            if (!isRealDate(y, m, d)) return false;
            addDate({y, m, d}, 2);
            return true;
        }
        // Strictly after today: "March 31st for my annual review" said on 31 March is next
        // year's (today would be "today"), as "the 13th" said on the 13th is next month's.
        auto next = nextMonthDay(addDays(today_, 1), m, d);
        if (!next) return false;
        addDate(*next, 2);
        return true;
    }

    // ---- March 7th, 7 March, 7th of March, the second of May, Mar 7 2027 ----
    struct DayNumber {
        int day = 0;
        bool digits = false, ordinal = false;
        std::size_t end = 0;
    };
    std::optional<DayNumber> dayNumber(std::size_t i) const {
        if (isNumber(i) && t_[i].parts == 1 && !t_[i].ish && !t_[i].money && t_[i].width[0] <= 2 &&
            t_[i].part[0] >= 1 && t_[i].part[0] <= 31)
            return DayNumber{t_[i].part[0], true, t_[i].ordinal, i + 1};
        if (i < t_.size() && t_[i].kind == Kind::Word) {
            if (int d = t_[i].ordinalDay) return DayNumber{d, false, true, i + 1};
            if (wordIn(i, {"twenty"_w, "thirty"_w}) && i + 1 < t_.size() && t_[i + 1].kind == Kind::Word) {
                int unit = t_[i + 1].ordinalDay;
                int d = (word(i, "twenty"_w) ? 20 : 30) + unit;
                if (unit >= 1 && unit <= 9 && d <= 31) return DayNumber{d, false, true, i + 2};
            }
        }
        return std::nullopt;
    }

    std::optional<int> yearAt(std::size_t& k) const {
        std::size_t y = k < t_.size() && t_[k].kind == Kind::Punct && t_[k].word == "," ? k + 1 : k;
        if (plainNumber(y) && t_[y].width[0] == 4 && t_[y].part[0] >= 1900 && t_[y].part[0] <= 2200) {
            k = y + 1;
            return t_[y].part[0];
        }
        return std::nullopt;
    }

    std::size_t monthDayDate(std::size_t i) {
        std::size_t j = i;
        if (wordIn(j, {"on"_w, "for"_w, "by"_w})) ++j;
        if (word(j, "the"_w)) ++j;
        if (auto d = dayNumber(j)) {  // 7 March, 7th of March, the second of May
            std::size_t k = d->end;
            bool of = word(k, "of"_w);
            if (of) ++k;
            if (int m = month(k); m && (d->digits || of)) {
                ++k;
                auto y = yearAt(k);
                return acceptDate(y.value_or(0), m, d->day, y.has_value()) ? k : 0;
            }
        }
        if (int m = month(j)) {  // March 7th, Mar 7 2027, May the 5th
            std::size_t k = j + 1;
            if (word(k, "the"_w)) ++k;
            auto d = dayNumber(k);
            if (!d) return 0;
            k = d->end;
            if (d->digits && !d->ordinal) {
                if (wordIn(k, {"am"_w, "pm"_w, "oclock"_w})) return 0;  // "may 10am work?"
                // "may 2 of us come?"
                if ((m == 3 || m == 5) && !t_[j].italian &&
                    (wordIn(k, kUnitWords) || (isNumber(k) && t_[k].width[0] != 4)))
                    return 0;
            }
            auto y = yearAt(k);
            return acceptDate(y.value_or(0), m, d->day, y.has_value()) ? k : 0;
        }
        return 0;
    }

    // ---- in April, during June, early April, the end of October ----
    std::size_t monthRange(std::size_t i) {
        std::size_t j = i;
        bool cue = false;
        if (wordIn(j, {"in"_w, "during"_w, "for"_w})) {
            cue = true;
            ++j;
        }
        if (word(j, "the"_w) && wordIn(j + 1, {"beginning"_w, "start"_w, "middle"_w, "end"_w})) ++j;
        int from = 1, to = 31;
        if (word(j, "early"_w)) {
            to = 10;
            ++j;
        } else if (wordIn(j, {"beginning"_w, "start"_w}) && word(j + 1, "of"_w)) {
            to = 10;
            j += 2;
        } else if (word(j, "mid"_w)) {
            from = 11, to = 20;
            ++j;
        } else if (word(j, "middle"_w) && word(j + 1, "of"_w)) {
            from = 11, to = 20;
            j += 2;
        } else if (word(j, "late"_w)) {
            from = 21;
            ++j;
        } else if (word(j, "end"_w) && word(j + 1, "of"_w)) {
            from = 21;
            j += 2;
        }
        if (!cue && from == 1 && to == 31) return 0;
        int m = month(j);
        if (!m || ((m == 3 || m == 5) && !t_[j].italian)) return 0;  // "march" and "may" are verbs too
        std::size_t k = j + 1;
        if (dayNumber(k)) return 0;  // "in April 5th" is a date
        auto y = yearAt(k);
        int year = y.value_or(today_.year);
        if (!y && m < today_.month) ++year;
        if (year < 1900 || year > 2200) return 0;
        LocalDate first{year, m, from};
        LocalDate last{year, m, std::min(to, daysInMonth(year, m))};
        if (!y && last < today_) {
            first.year = last.year = year + 1;
            last.day = std::min(to, daysInMonth(year + 1, m));
        }
        if (y && last < today_)
            setRange(first, last);  // a past month written with its year: as written
        else
            setFutureRange(first, last);
        return k;
    }

    // ---- the 10th of this month, the 3rd of next month, the 1st of the following month ----
    std::size_t monthDayOfMonth(std::size_t i) {
        std::size_t j = i;
        if (wordIn(j, {"on"_w, "for"_w, "by"_w})) ++j;
        if (word(j, "the"_w)) ++j;
        auto d = dayNumber(j);
        if (!d || !d->ordinal) return 0;
        // "the 10th of this month", "the 3rd of next month", "the 1st of the following month"
        if (word(d->end, "of"_w)) {
            std::size_t k = d->end + 1;
            int ahead = -1;
            if (word(k, "this"_w) && word(k + 1, "month"_w)) ahead = 0, k += 2;
            else if (word(k, "next"_w) && word(k + 1, "month"_w)) ahead = 1, k += 2;
            else if (word(k, "the"_w) && wordIn(k + 1, {"next"_w, "following"_w}) && word(k + 2, "month"_w))
                ahead = 1, k += 3;
            if (ahead >= 0) {
                const LocalDate first = addMonths(LocalDate{today_.year, today_.month, 1}, ahead);
                if (!isRealDate(first.year, first.month, d->day)) return 0;
                addDate(LocalDate{first.year, first.month, d->day}, 2);
                return k;
            }
        }
        return 0;
    }

    // ---- the 13th, on the 13, 13th ----
    std::size_t dayOfMonth(std::size_t i) {
        std::size_t j = i;
        bool on = word(j, "on"_w);
        if (on) ++j;
        bool the = word(j, "the"_w);
        if (the) ++j;
        auto d = dayNumber(j);
        if (!d) return 0;
        // "the ninth @ 7 pm", "the twentieth at 2 pm", "the fifth, ten a.m.": an ordinal word is
        // a day when a time follows it (alone, "the second" is a pick from a list).
        if (!d->digits) {
            std::size_t k = d->end;
            if (k < t_.size() && t_[k].kind == Kind::Punct && t_[k].word == ",") ++k;
            const bool timeNext = wordIn(k, {"at"_w}) || (k < t_.size() && t_[k].word == "@") ||
                                  (isNumber(k) && (wordIn(k + 1, {"am"_w, "pm"_w}) || t_[k].parts == 2)) ||
                                  (k < t_.size() && t_[k].cardinal && wordIn(k + 1, {"am"_w, "pm"_w, "oclock"_w}));
            if (!the || !timeNext) return 0;
        }
        if (!d->ordinal && !(on && the)) return 0;
        if (wordIn(d->end, kPickNouns) || wordIn(d->end, kUnitWords)) return 0;
        if (i > 0 && wordIn(i - 1, {"my"_w, "your"_w, "our"_w, "his"_w, "her"_w, "their"_w, "its"_w})) return 0;
        // "Friday the 13th", "Friday 13th": the next 13th that is a Friday.
        if (i > 0 && weekday(i - 1).day) {
            const int wd = weekday(i - 1).day;
            for (int k = 0; k <= 24; ++k) {
                const LocalDate first = addMonths(firstOfMonth(today_), k);
                if (d->day > daysInMonth(first.year, first.month)) continue;
                const LocalDate date{first.year, first.month, d->day};
                if (date <= today_ || isoWeekday(date) != wd) continue;
                addDate(date, 2, wd);
                return d->end;
            }
        }
        auto date = nextDayOfMonth(today_, d->day);
        if (!date) return 0;
        addDate(*date, 2);
        return d->end;
    }

    // ---- Tuesday, on Tuesday, this / next / last Tuesday, Tuesday week, Thursday's ----
    bool ambiguousWeekdayIsDay(std::size_t j) const {
        std::size_t next = j + 1;
        if (isNumber(next) || dayPart(next) || wordIn(next, {"am"_w, "pm"_w, "noon"_w})) return true;
        if (word(next, "at"_w) && isNumber(next + 1)) return true;
        // "cardiology wed after 4", "sat before noon"
        if (wordIn(next, {"after"_w, "before"_w, "around"_w, "from"_w}) && (isNumber(next + 1) || dayPart(next + 1)))
            return true;
        if (wordIn(next, {"or"_w, "and"_w}) && weekday(next + 1).day) return true;
        if (j >= 2 && wordIn(j - 1, {"or"_w, "and"_w}) && weekday(j - 2).day) return true;
        if (j >= 1 && wordIn(j - 1, {"do"_w, "about"_w, "try"_w, "say"_w, "maybe"_w, "prefer"_w}))
            return true;  // "can we do wed?"
        for (std::size_t k = 0; k < t_.size(); ++k)
            if (k != j && t_[k].kind != Kind::Punct) return false;
        return true;  // the whole message: "sat?"
    }

    std::size_t weekdayPhrase(std::size_t i) {
        std::size_t j = i;
        bool cue = wordIn(j, {"on"_w, "for"_w, "by"_w, "until"_w, "till"_w, "every"_w});
        if (cue) ++j;
        if (word(j, "the"_w) && weekday(j + 1).day && word(j + 2, "after"_w) && word(j + 3, "next"_w)) ++j;
        enum class Mod { Bare, This, Next, Coming, Last } mod = Mod::Bare;
        if (word(j, "this"_w) && word(j + 1, "coming"_w)) {
            mod = Mod::Coming;
            j += 2;
        } else if (wordIn(j, {"coming"_w, "upcoming"_w})) {
            mod = Mod::Coming;
            ++j;
        } else if (word(j, "this"_w)) {
            mod = Mod::This;
            ++j;
        } else if (word(j, "next"_w)) {
            mod = Mod::Next;
            ++j;
        } else if (wordIn(j, {"last"_w, "past"_w, "previous"_w})) {
            mod = Mod::Last;
            ++j;
        }
        WeekdayWord wd = weekday(j);
        if (!wd.day) return 0;
        if (wd.ambiguous && !cue && mod == Mod::Bare && !ambiguousWeekdayIsDay(j)) return 0;
        std::size_t end = j + 1;
        if (t_[j].possessive || wordIn(end, kAppointmentNouns)) {
            weekdays_.push_back({wd.day, true});
            return end;
        }
        int iso = isoWeekday(today_);
        int ahead = (wd.day - iso + 7) % 7;
        LocalDate date;
        switch (mod) {
            case Mod::Bare:
            case Mod::Coming:
                date = addDays(today_, ahead == 0 ? 7 : ahead);
                break;
            case Mod::This:  // said on that day, the coming one ("today" would be "today")
                date = addDays(today_, ahead == 0 ? 7 : ahead);
                break;
            // "next Tuesday" said on a Monday is the Tuesday of next week ("this Tuesday" is
            // tomorrow); "Tuesday week" and "Tuesday after next" are a week after the bare one.
            case Mod::Next:
                date = addDays(mondayOf(today_), 7 + wd.day - 1);
                break;
            case Mod::Last: {
                int back = (iso - wd.day + 7) % 7;
                date = addDays(today_, -(back == 0 ? 7 : back));
                break;
            }
        }
        // "tuesday 17", "on Friday 13": a weekday and a day of the month no clock shows in a
        // booking (13 to 31), when that day falls on it within two months ("Monday 10" and
        // "next monday 10" are left to the clock).
        // "thursday 12 morning": a number right before a bare part of the day is its day of the
        // month too ("thursday 10 in the morning" stays ten o'clock).
        const bool dayBeforePart = plainNumber(end) && t_[end].part[0] >= 1 && t_[end].part[0] <= 12 &&
                                   wordIn(end + 1, {"morning"_w, "afternoon"_w, "evening"_w});
        if (mod == Mod::Bare && plainNumber(end) && t_[end].width[0] <= 2 &&
            (t_[end].part[0] >= 13 || dayBeforePart) && t_[end].part[0] <= 31 &&
            !wordIn(end + 1, {"am"_w, "pm"_w, "oclock"_w, "o"_w, "hour"_w})) {
            for (int k = 0; k <= 62; ++k) {
                const LocalDate d = addDays(today_, k);
                if (d.day == t_[end].part[0] && isoWeekday(d) == wd.day) {
                    addDate(d, 1, wd.day, false);
                    return end + 1;
                }
            }
        }
        // "Monday week" (after work, or not); not "Monday, the week after next".
        bool weekLater = mod == Mod::Bare && word(end, "week"_w) &&
                         !(wordIn(end + 1, {"after"_w, "before"_w}) && wordIn(end + 2, {"next"_w, "that"_w, "this"_w}));
        if (weekLater) {
            date = addDays(date, 7);
            ++end;
        } else if (mod != Mod::Last && word(end, "after"_w) && word(end + 1, "next"_w)) {
            // "Monday after next", "the Thursday after next"
            date = addDays(date, 7);
            weekLater = true;
            end += 2;
        }
        addDate(date, 1, wd.day, mod == Mod::Bare && !weekLater);
        return end;
    }

    // ---- times ----
    std::optional<HourWord> hourAt(std::size_t i, bool wordsToo = true) const {
        if (plainNumber(i) && t_[i].width[0] <= 2 && t_[i].part[0] <= 23 && (t_[i].part[0] > 0 || t_[i].width[0] == 2))
            return HourWord{t_[i].part[0], t_[i].width[0] == 2 && t_[i].part[0] < 10, false, i + 1};
        if (wordsToo && i < t_.size() && t_[i].kind == Kind::Word) {
            // "the first one in the afternoon", "the other one", "that one": a pick, not 1 pm.
            if (t_[i].cardinal == 1 && i > 0 &&
                wordIn(i - 1, {"first"_w, "second"_w, "third"_w, "fourth"_w, "fifth"_w, "last"_w, "latest"_w,
                               "other"_w, "that"_w, "this"_w, "the"_w, "next"_w, "previous"_w, "earlier"_w,
                               "later"_w, "following"_w}))
                return std::nullopt;
            if (int h = t_[i].cardinal) return HourWord{h, false, true, i + 1};
        }
        return std::nullopt;
    }

    // "thirty", "fifteen", "forty five" after an hour.
    std::optional<Count> minuteWords(std::size_t i) const {
        if (word(i, "fifteen"_w)) return Count{15, i + 1};
        if (word(i, "ten"_w)) return Count{10, i + 1};
        for (auto [w, tens] : {std::pair{"twenty"_w, 20}, {"thirty"_w, 30}, {"forty"_w, 40}, {"fifty"_w, 50}}) {
            if (!word(i, w)) continue;
            if (word(i + 1, "five"_w)) return Count{tens + 5, i + 2};
            return Count{tens, i + 1};
        }
        if (wordIn(i, {"fortyfive"_w})) return Count{45, i + 1};
        return std::nullopt;
    }

    // "half past 4", "quarter to 11", "twenty past 3", "10 past 9": {hour, minute, end}.
    std::optional<TimeHit> pastOrTo(std::size_t i, bool digitMinutes) const {
        int minutes = 0;
        std::size_t j = i;
        if (word(j, "half"_w)) {
            minutes = 30;
            ++j;
        } else if (word(j, "quarter"_w) || (word(j, "a"_w) && word(j + 1, "quarter"_w))) {
            minutes = 15;
            j += word(j, "a"_w) ? 2 : 1;
        } else if (digitMinutes && plainNumber(j) && t_[j].width[0] <= 2 && t_[j].part[0] >= 1 && t_[j].part[0] <= 59) {
            minutes = t_[j].part[0];
            ++j;
        } else if (word(j, "five"_w) || word(j, "ten"_w)) {
            minutes = word(j, "five"_w) ? 5 : 10;
            ++j;
        } else if (word(j, "twenty"_w)) {
            minutes = word(j + 1, "five"_w) ? 25 : 20;
            j += word(j + 1, "five"_w) ? 2 : 1;
        } else {
            return std::nullopt;
        }
        if (minutes != 30 && minutes != 15 && word(j, "minute"_w)) ++j;
        bool past = wordIn(j, {"past"_w, "after"_w});
        bool to = wordIn(j, {"to"_w, "till"_w});
        if (!past && !to) return std::nullopt;
        if (to && minutes == 30) return std::nullopt;
        auto h = hourAt(j + 1);
        if (!h || (h->word && h->hour > 12)) return std::nullopt;
        int hour = h->hour;
        int minute = minutes;
        if (to) {
            hour = h->hour - 1;
            if (hour == 0 && !h->fixed) hour = 12;  // "quarter to 1" is 12:45, not 00:45
            if (hour < 0) hour = 23;                // "quarter to 00"
            minute = 60 - minutes;
        }
        bool ambiguous = !h->fixed && hour >= 1 && hour <= 11;
        return TimeHit{h->end, Clock{hour * 60 + minute, ambiguous}, std::nullopt};
    }

    // Italian minutes after an hour: "e mezza", "e un quarto", "e tre quarti", "meno un quarto",
    // "meno 10", and "e 20" unless two hours are joined there ("tra le 9 e 10"). Negative
    // for "meno". Only the "e" of an Italian message: English "between 2 and half past 3".
    std::optional<Count> italianMinutes(std::size_t e, bool digitMinutes) const {
        bool plus = word(e, "and"_w) && t_[e].italian, minus = word(e, "meno"_w);
        if (!plus && !minus) return std::nullopt;
        std::size_t j = e + 1;
        if (plus && word(j, "half"_w)) return Count{30, j + 1};
        std::size_t q = wordIn(j, {"one"_w, "a"_w}) ? j + 1 : j;
        if (word(q, "quarter"_w)) return Count{minus ? -15 : 15, q + 1};
        if (plus && word(j, "three"_w) && word(j + 1, "quarter"_w)) return Count{45, j + 2};
        if (plus && !digitMinutes) return std::nullopt;
        Count m;
        if (plainNumber(j) && t_[j].width[0] <= 2 && t_[j].part[0] >= 1 && t_[j].part[0] <= 59)
            m = Count{t_[j].part[0], j + 1};
        else if (auto w = minuteWords(j))
            m = *w;
        else if (word(j, "five"_w))
            m = Count{5, j + 1};
        else
            return std::nullopt;
        if (minus && m.value > 30) return std::nullopt;
        if (word(m.end, "minute"_w)) ++m.end;
        if (minus) m.value = -m.value;
        return m;
    }

    bool safeAfterTime(std::size_t i) const {
        return endOfPhrase(i) || wordIn(i, kSafeAfterTime) || weekday(i).day || month(i) ||
               (isNumber(i) && t_[i].parts > 1);
    }

    // One time, with what makes it a time; nullopt when the words are not a time at all.
    // digitMinutes: "10 to 11" may be 10:50; not after "from" or "between", where it is a range.
    std::optional<TimeHit> parseTime(std::size_t i, bool cued, bool digitMinutes = true) const {
        if (wordIn(i, {"noon"_w, "midday"_w})) {
            if (auto m = italianMinutes(i + 1, digitMinutes))  // "mezzogiorno e mezza"
                return TimeHit{m->end, Clock{kNoon + m->value, false}, std::nullopt};
            return TimeHit{i + 1, Clock{kNoon, false}, std::nullopt};
        }
        if (word(i, "mid"_w) && word(i + 1, "day"_w)) return TimeHit{i + 2, Clock{kNoon, false}, std::nullopt};
        if (word(i, "midnight"_w)) return TimeHit{i + 1, Clock{0, false}, std::nullopt};
        int hour = -1, minute = 0;
        bool fixed = false, evident = false, isWordHour = false, needsSafeEnd = false;
        std::size_t e = 0;
        if (auto p = pastOrTo(i, digitMinutes)) {
            hour = p->clock.minute / 60;
            minute = p->clock.minute % 60;
            fixed = !p->clock.ambiguous;
            evident = true;
            e = p->end;
        } else if (word(i, "half"_w) && hourAt(i + 1) && !(hourAt(i + 1)->word && hourAt(i + 1)->hour > 12)) {
            auto h = hourAt(i + 1);  // British "half four" = 4:30
            hour = h->hour;
            minute = 30;
            fixed = h->fixed;
            evident = true;
            e = h->end;
        } else if (isNumber(i) && t_[i].parts == 2 && !t_[i].money &&
                   (t_[i].sep == ':' || t_[i].sep == 'h' || ((t_[i].sep == '.' || t_[i].sep == ',') && t_[i].width[1] == 2))) {
            const Token& n = t_[i];
            if (n.part[0] > 23 || n.part[1] > 59 || n.width[0] > 2 || n.width[1] != 2) return std::nullopt;
            hour = n.part[0];
            minute = n.part[1];
            fixed = n.sep == 'h' || n.width[0] == 2;
            // "2h" may be a duration; "21h" is a clock time.
            if (n.sep == 'h' && n.hourMark && !cued && n.part[0] < 13) return std::nullopt;
            evident = n.sep != '.';
            needsSafeEnd = n.sep == '.' || n.sep == ',';
            e = i + 1;
        } else if (isNumber(i) && t_[i].parts == 3 && t_[i].sep == ':' && t_[i].width[2] == 2 && !t_[i].money) {
            const Token& n = t_[i];  // 09:30:00
            if (n.part[0] > 23 || n.part[1] > 59 || n.part[2] > 59 || n.width[0] > 2 || n.width[1] != 2)
                return std::nullopt;
            hour = n.part[0];
            minute = n.part[1];
            fixed = n.width[0] == 2;
            evident = true;
            e = i + 1;
        } else if (plainNumber(i) && t_[i].width[0] == 4 &&
                   (cued || word(i + 1, "hour"_w) || t_[i].part[0] < 1000 ||
                    t_[i].part[0] < 1900 || t_[i].part[0] > 2099)) {
            // "at 1700", "1830 hrs", "0930", "1245?", "2130 tonight": the 24-hour clock written
            // without a colon (a year-like "1930" only with "at").
            hour = t_[i].part[0] / 100;
            minute = t_[i].part[0] % 100;
            if (hour > 23 || minute > 59) return std::nullopt;
            fixed = evident = true;
            e = word(i + 1, "hour"_w) ? i + 2 : i + 1;
        } else if (plainNumber(i) && t_[i].width[0] == 3 && t_[i].part[0] % 100 <= 55 && t_[i].part[0] % 5 == 0 &&
                   t_[i].part[0] >= 100 &&
                   (cued || safeAfterTime(i + 1))) {
            // "is 930 ok?", "930 if poss": three digits, the hour and its minutes.
            hour = t_[i].part[0] / 100;
            minute = t_[i].part[0] % 100;
            fixed = false;
            evident = true;
            e = i + 1;
        } else if (auto h = hourAt(i)) {
            hour = h->hour;
            fixed = h->fixed;
            isWordHour = h->word;
            e = h->end;
            if (auto m = minuteWords(e)) {
                minute = m->value;
                e = m->end;
                evident = cued || h->word;  // "twelve thirty", "ten fifteen": a time as said
            } else if (auto it = italianMinutes(e, digitMinutes && cued); it && (cued || safeAfterTime(it->end))) {
                // "alle 9 e 30", "10 e mezza, va bene?"; not "1 e mezza compressa"
                int total = hour * 60 + it->value;
                hour = total < 60 && !fixed ? 12 : (total + 1440) % 1440 / 60;  // "l'una meno un quarto" 12:45
                minute = (total + 1440) % 60;
                e = it->end;
                evident = true;
            }
            if (!h->word && t_[i].kind == Kind::Number && t_[i].ish) evident = true;
        } else if (isNumber(i) && t_[i].parts == 1 && t_[i].ish && t_[i].width[0] <= 2 && t_[i].part[0] >= 1 &&
                   t_[i].part[0] <= 23) {
            hour = t_[i].part[0];  // "10ish"
            evident = true;
            e = i + 1;
        } else {
            return std::nullopt;
        }

        bool amPm = false;
        if (wordIn(e, {"am"_w, "pm"_w})) {
            if (hour < 1 || hour > 12) return std::nullopt;
            if (word(e, "am"_w) && hour == 12) hour = 0;
            if (word(e, "pm"_w) && hour < 12) hour += 12;
            amPm = evident = true;
            ++e;
        }
        if (word(e, "oclock"_w)) {
            evident = true;
            ++e;
        } else if (word(e, "o"_w) && word(e + 1, "clock"_w)) {
            evident = true;
            e += 2;
        }
        if (hour == 12 && minute == 0 && word(e, "noon"_w)) {
            evident = true;
            ++e;
        }
        if (word(e, "sharp"_w)) {  // "9 sharp"
            evident = true;
            ++e;
        }
        std::optional<DayPart> part;
        if (word(e, "in"_w) && word(e + 1, "the"_w) && dayPart(e + 2)) {
            part = dayPart(e + 2);
            e += 3;
        } else if (word(e, "at"_w) && word(e + 1, "night"_w)) {
            part = DayPart::Evening;
            e += 2;
        }
        if (part) {
            evident = true;
            if (!amPm && hour <= 12) {
                if (*part != DayPart::Morning && hour < 12) hour += 12;
                if (*part == DayPart::Evening && hour == 12 && word(e - 1, "night"_w)) hour = 0;
            }
        }
        if (!evident) {
            if (!cued) {
                if (!needsSafeEnd || !safeAfterTime(e)) return std::nullopt;
            } else if (needsSafeEnd) {
                // "at 12.50" is a time whatever follows
            } else if (isWordHour) {
                if (!safeAfterTime(e) || wordIn(e, {"of"_w, "more"_w})) return std::nullopt;
            } else if (quantityFollows(e)) {
                return std::nullopt;
            }
        }
        if (word(e, "sharp"_w)) ++e;
        bool ambiguous = !amPm && !part && !fixed && hour >= 1 && hour <= 11;
        return TimeHit{e, Clock{hour * 60 + minute, ambiguous}, part};
    }

    // "9-11am", "2-4pm" (and after between / from: "between 9-11").
    std::optional<std::pair<TimeHit, Clock>> dashRange(std::size_t i, bool cued) const {
        if (!isNumber(i) || t_[i].parts != 2 || t_[i].sep != '-' || t_[i].money) return std::nullopt;
        const Token& n = t_[i];
        if (n.width[0] > 2 || n.width[1] > 2 || n.part[0] > 23 || n.part[1] > 23 || n.part[0] == 0 || n.part[1] == 0)
            return std::nullopt;
        int a = n.part[0], b = n.part[1];
        std::size_t e = i + 1;
        bool amPm = wordIn(e, {"am"_w, "pm"_w});
        if (!amPm && !cued) return std::nullopt;
        if (amPm) {
            if (a > 12 || b > 12) return std::nullopt;
            bool pm = word(e, "pm"_w);
            if (pm && b < 12) b += 12;
            if (pm && a < 12 && a + 12 <= b) a += 12;
            if (!pm && a == 12) a = 0;
            if (!pm && b == 12) b = 0;
            ++e;
        }
        auto clock = [&](int h) { return Clock{h * 60, !amPm && h >= 1 && h <= 11}; };
        return std::pair{TimeHit{e, clock(a), std::nullopt}, clock(b)};
    }

    std::size_t timePrefix(std::size_t i, Bound& bound) const {
        struct Prefix {
            std::array<WordId, 3> words;  // kUnknownWord pads
            Bound bound;
        };
        static constexpr std::array kPrefixes{
            Prefix{{"no"_w, "later"_w, "than"_w}, Bound::Before},
            Prefix{{"not"_w, "later"_w, "than"_w}, Bound::Before},
            Prefix{{"no"_w, "earlier"_w, "than"_w}, Bound::After},
            Prefix{{"not"_w, "earlier"_w, "than"_w}, Bound::After},
            Prefix{{"any"_w, "time"_w, "after"_w}, Bound::After},
            Prefix{{"any"_w, "time"_w, "before"_w}, Bound::Before},
            Prefix{{"not"_w, "after"_w, kUnknownWord}, Bound::Before},
            Prefix{{"not"_w, "before"_w, kUnknownWord}, Bound::After},
            Prefix{{"earlier"_w, "than"_w, kUnknownWord}, Bound::Before},
            Prefix{{"later"_w, "than"_w, kUnknownWord}, Bound::After},
            Prefix{{"anytime"_w, "after"_w, kUnknownWord}, Bound::After},
            Prefix{{"anytime"_w, "before"_w, kUnknownWord}, Bound::Before},
            Prefix{{"starting"_w, "from"_w, kUnknownWord}, Bound::After},
            Prefix{{"starting"_w, "at"_w, kUnknownWord}, Bound::After},
            Prefix{{"between"_w, kUnknownWord, kUnknownWord}, Bound::Between},
            Prefix{{"from"_w, kUnknownWord, kUnknownWord}, Bound::From},
            Prefix{{"after"_w, kUnknownWord, kUnknownWord}, Bound::After},
            Prefix{{"before"_w, kUnknownWord, kUnknownWord}, Bound::Before},
            Prefix{{"by"_w, kUnknownWord, kUnknownWord}, Bound::Before},
            Prefix{{"until"_w, kUnknownWord, kUnknownWord}, Bound::Before},
            Prefix{{"till"_w, kUnknownWord, kUnknownWord}, Bound::Before},
            Prefix{{"at"_w, kUnknownWord, kUnknownWord}, Bound::Exact},
            Prefix{{"around"_w, kUnknownWord, kUnknownWord}, Bound::Exact},
            Prefix{{"about"_w, kUnknownWord, kUnknownWord}, Bound::Exact},
            Prefix{{"approximately"_w, kUnknownWord, kUnknownWord}, Bound::Exact},
            Prefix{{"roughly"_w, kUnknownWord, kUnknownWord}, Bound::Exact},
            Prefix{{"le"_w, kUnknownWord, kUnknownWord}, Bound::Exact},
        };
        for (const auto& p : kPrefixes) {
            std::size_t j = i;
            bool ok = true;
            for (WordId w : p.words) {
                if (w == kUnknownWord) break;
                if (!word(j, w)) {
                    ok = false;
                    break;
                }
                ++j;
            }
            if (ok) {
                bound = p.bound;
                return j;
            }
        }
        return 0;
    }

    void applyTime(Bound bound, const TimeHit& hit) {
        if (hit.part) setPart(*hit.part);
        if (bound == Bound::After || bound == Bound::From)
            after_ = hit.clock;
        else if (bound == Bound::Before)
            before_ = hit.clock;
        else
            exactAt(phraseStart_, hit.clock);
    }

    // The first exact time named wins ("at 3 please, I pick the kids up at 4", "11 instead of
    // 2"), unless a later one corrects it: "at 9, no, 10", "9... actually 10", "3 or rather 4".
    void exactAt(std::size_t at, const Clock& clock) {
        if (exact_ && at > exactEnd_) {
            bool corrected = false;
            for (std::size_t k = exactEnd_; k < at && k < t_.size(); ++k)
                if (wordIn(k, {"no"_w, "actually"_w, "sorry"_w, "wait"_w, "oops"_w}) ||
                    (word(k, "rather"_w) && !word(k + 1, "than"_w)) ||
                    (word(k, "make"_w) && wordIn(k + 1, {"it"_w, "that"_w})))
                    corrected = true;
            if (!corrected) return;
        }
        exact_ = clock;
        exactEnd_ = at + 1;
    }

    std::size_t timePhrase(std::size_t i) {
        // "wed 10", "tomorrow 10", "monday week 10", "this saturday 9 on the dot": an hour right
        // after the day (not "Tuesday 17", nor a number that is that weekday's date).
        if (i > 0 && plainNumber(i) && t_[i].part[0] >= 1 && t_[i].part[0] <= 12 && !t_[i].italian) {
            const std::size_t p = i - 1;
            const bool dayWord = wordIn(p, {"tomorrow"_w, "today"_w}) || (word(p, "week"_w) && p > 0 && weekday(p - 1).day);
            bool afterWeekday = weekday(p).day != 0;
            if (afterWeekday) {
                const int ahead = (weekday(p).day - isoWeekday(today_) + 7) % 7;
                if (addDays(today_, ahead == 0 ? 7 : ahead).day == t_[i].part[0]) afterWeekday = false;
            }
            if (dayWord || afterWeekday)
                if (auto hit = parseTime(i, true)) {
                    applyTime(Bound::Exact, *hit);
                    return hit->end;
                }
        }
        // "evening 5", "morning 10:30", "afternoon 3" (a part of the day, then the hour)
        if (auto p = dayPart(i); p && *p != DayPart::Any && isNumber(i + 1)) {
            if (auto hit = parseTime(i + 1, true)) {
                setPart(*p);
                if (hit->part) setPart(*hit->part);
                exactAt(i, hit->clock);
                return hit->end;
            }
        }
        phraseStart_ = i;
        Bound bound = Bound::Exact;
        std::size_t j = timePrefix(i, bound);
        bool cued = j != 0;
        if (!cued) j = i;
        if (cued && wordIn(j, {"around"_w, "about"_w, "approximately"_w, "roughly"_w, "at"_w})) ++j;  // "after about 5"
        if (bound == Bound::Between || bound == Bound::From) {
            if (auto r = dashRange(j, true)) {
                after_ = r->first.clock;
                before_ = r->second;
                return r->first.end;
            }
            auto x = parseTime(j, true, false);
            if (!x) return 0;
            bool joined = bound == Bound::Between ? word(x->end, "and"_w)
                                                  : wordIn(x->end, {"to"_w, "till"_w, "until"_w, "and"_w});
            if (joined) {
                if (auto y = parseTime(x->end + 1, true)) {
                    // "between 2 and 4pm": the second time's am/pm or part carries to the first
                    Clock first = x->clock;
                    if (first.ambiguous && !y->clock.ambiguous && y->clock.minute >= kNoon &&
                        first.minute + kNoon <= y->clock.minute)
                        first = Clock{first.minute + kNoon, false};
                    after_ = first;
                    before_ = y->clock;
                    if (y->part) setPart(*y->part);
                    if (x->part) setPart(*x->part);
                    return y->end;
                }
            }
            if (bound == Bound::Between) return 0;
            x = parseTime(j, true);  // "from 10 past 9"
            applyTime(Bound::After, *x);
            return x->end;
        }
        if (!cued) {
            if (auto r = dashRange(i, false)) {
                after_ = r->first.clock;
                before_ = r->second;
                return r->first.end;
            }
        }
        auto hit = parseTime(j, cued);
        if (!hit) return 0;
        // Italian "le 9" is a time, "sono le 3 ricette" is not: the article alone is a weak cue
        if (word(i, "le"_w) && !hit->part && !safeAfterTime(hit->end)) return 0;
        applyTime(bound, *hit);
        return hit->end;
    }

    // ---- parts of the day, lunch, after work ----
    std::size_t dayPartPhrase(std::size_t i) {
        if (word(i, "good"_w) && dayPart(i + 1)) return i + 2;  // a greeting
        if (word(i, "first"_w) && word(i + 1, "thing"_w)) {
            std::size_t e = i + 2;
            if (word(e, "in"_w) && word(e + 1, "the"_w) && word(e + 2, "morning"_w)) e += 3;
            setPart(DayPart::Morning);
            before_ = Clock{9 * 60, false};
            return e;
        }
        auto lunch = [this](std::size_t k) -> std::size_t {
            if (word(k, "lunchtime"_w)) return k + 1;
            if (word(k, "lunch"_w)) return wordIn(k + 1, {"time"_w, "break"_w, "hour"_w}) ? k + 2 : k + 1;
            return 0;
        };
        if (wordIn(i, {"after"_w, "before"_w})) {
            bool after = word(i, "after"_w);
            if (std::size_t e = lunch(i + 1)) {
                if (after)
                    after_ = Clock{14 * 60, false};
                else
                    before_ = Clock{kNoon, false};
                return e;
            }
            if (word(i + 1, "work"_w)) {
                if (after) {
                    setPart(DayPart::Evening);
                } else {
                    setPart(DayPart::Morning);
                    before_ = Clock{9 * 60, false};
                }
                return i + 2;
            }
            if (after && word(i + 1, "school"_w)) {
                after_ = Clock{16 * 60, false};
                return i + 2;
            }
            return 0;
        }
        std::size_t j = i;
        if (wordIn(j, {"at"_w, "over"_w, "during"_w, "around"_w, "about"_w})) {
            std::size_t k = wordIn(j + 1, {"my"_w, "the"_w}) ? j + 2 : j + 1;
            if (std::size_t e = word(k, "lunch"_w) || word(k, "lunchtime"_w) ? lunch(k) : 0) {
                after_ = Clock{kNoon, false};
                before_ = Clock{14 * 60, false};
                return e;
            }
        }
        if (word(i, "lunchtime"_w) || (word(i, "lunch"_w) && wordIn(i + 1, {"time"_w, "break"_w, "hour"_w}))) {
            after_ = Clock{kNoon, false};
            before_ = Clock{14 * 60, false};
            return lunch(i);
        }
        if (wordIn(j, {"in"_w, "during"_w, "at"_w, "for"_w})) ++j;
        if (word(j, "the"_w)) ++j;
        int shade = 0;  // -1 early, +1 late
        if (word(j, "early"_w) || word(j, "late"_w)) {
            shade = word(j, "early"_w) ? -1 : 1;
            ++j;
            if (word(j, "in"_w) && word(j + 1, "the"_w)) j += 2;
        }
        auto p = dayPart(j);
        if (!p) return 0;
        setPart(*p);
        if (shade) {
            static constexpr std::array<std::array<int, 2>, 3> kShades{{{9 * 60, 10 * 60},     // morning
                                                                        {14 * 60, 15 * 60},    // afternoon
                                                                        {19 * 60, 19 * 60}}};  // evening
            const auto& s = kShades[static_cast<std::size_t>(*p) - 1];
            if (shade < 0)
                before_ = Clock{s[0], false};
            else
                after_ = Clock{s[1], false};
        }
        return j + 1;
    }

    // ---- choosing among what was found ----
    int resolve(const Clock& c, DayPart part) const {
        if (!c.ambiguous) return c.minute;
        int hour = c.minute / 60;
        bool pm = part == DayPart::Morning ? false : part == DayPart::Any ? hour <= 7 : true;
        return pm ? c.minute + kNoon : c.minute;
    }

    void finish() {
        // A bare weekday inside a week range named too: "Thursday next week".
        if (out_.range && daysBetween(out_.range->from, out_.range->to) <= 6) {
            for (auto& c : dates_) {
                if (!c.bare) continue;
                for (LocalDate d = out_.range->from; d <= out_.range->to; d = addDays(d, 1))
                    if (isoWeekday(d) == c.weekday) c.date = d;
            }
        }
        const DateCandidate* best = nullptr;
        for (const auto& c : dates_) {
            if (!best) {
                best = &c;
                continue;
            }
            bool cFuture = c.date >= today_, bFuture = best->date >= today_;
            if (cFuture != bFuture) {
                if (cFuture) best = &c;
                continue;
            }
            if (c.level >= best->level) best = &c;
        }
        if (best) out_.date = best->date;
        if (best && best->weekday) {
            out_.weekday = best->weekday;
        } else {
            for (const auto& w : weekdays_)
                if (!w.reference) out_.weekday = w.day;
            if (!out_.weekday)
                for (const auto& w : weekdays_) out_.weekday = w.day;
        }
        for (const auto& w : weekdays_)
            if (w.reference) out_.referenceWeekday = w.day;

        DayPart part = part_.value_or(DayPart::Any);
        out_.time.part = part;
        if (exact_) out_.time.exact = resolve(*exact_, part);
        if (after_) out_.time.after = resolve(*after_, part);
        if (before_) out_.time.before = resolve(*before_, part);
        if (out_.time.after && out_.time.before && *out_.time.after >= *out_.time.before) {
            // "between 7 and 9": the afternoon guess for 7 would put the range backwards
            if (after_->ambiguous && *out_.time.after >= kNoon && *out_.time.after - kNoon < *out_.time.before)
                *out_.time.after -= kNoon;
            else if (before_->ambiguous && *out_.time.before<kNoon&& * out_.time.before + kNoon> * out_.time.after)
                *out_.time.before += kNoon;
        }
    }

    std::vector<Token> t_;
    LocalDate today_;
    int now_;
    DateSettings settings_;
    DateTimeEntities out_;
    std::vector<DateCandidate> dates_;
    std::vector<WeekdayMention> weekdays_;
    std::optional<Clock> exact_, after_, before_;
    std::size_t phraseStart_ = 0, exactEnd_ = 0;  // where the time phrase being read starts; after the exact time
    std::optional<DayPart> part_;
};

}  // namespace

std::pair<int, int> dayPartWindow(DayPart part, const DateSettings& settings) {
    switch (part) {
        case DayPart::Morning:
            return {0, kNoon};
        case DayPart::Afternoon:
            return {settings.afternoonStart, kEvening};
        case DayPart::Evening:
            return {kEvening, 24 * 60};
        case DayPart::Any:
            break;
    }
    return {0, 24 * 60};
}

DateTimeEntities extractDateTime(const std::string& text, const LocalDate& today, int nowMinute,
                                 const DateSettings& settings) {
    return Reader(text, today, nowMinute, settings).run();
}

}  // namespace medassist::assistant::engine
