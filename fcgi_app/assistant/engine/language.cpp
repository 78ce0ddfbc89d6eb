#include "assistant/engine/language.hpp"

#include <string_view>
#include <vector>

namespace medassist::assistant::engine {

namespace {

// Words only one of the two languages uses often, lower case, accents as typed (UTF-8).
// Words both use ("a", "in", "no", "ok", "me", "come", "per"... ) are not cues. The
// strong ones (weight 2) decide a message on their own.
constexpr std::string_view kItalianStrong[] = {
    "buongiorno", "buonasera", "salve",   "vorrei", "appuntamento", "appuntamenti", "prenotare",
    "disdire",    "spostare",  "visita",  "perché",       "dottoressa",   "potrei"};
constexpr std::string_view kItalianWords[] = {
    "il",    "lo",     "la",     "gli",    "le",     "un",    "una",    "uno",     "di",      "del",   "della",
    "dello", "dei",    "degli",  "delle",  "al",     "alla",  "allo",   "ai",      "alle",    "dal",   "dalla",
    "dai",   "dalle",  "nel",    "nella",  "nei",    "nelle", "sul",    "sulla",   "con",     "che",   "non",
    "è",     "sono",   "ho",     "hai",    "ha",     "abbiamo", "mi",   "ti",      "ci",      "si",    "sì",
    "mio",   "mia",    "miei",   "mie",    "suo",    "sua",   "questo", "questa",  "quello",  "quella", "oggi",
    "domani", "dopodomani", "settimana", "prossima", "prossimo", "mattina", "pomeriggio", "sera", "ore",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "posso", "può", "puoi",
    "voglio", "devo",   "vorrei", "medico", "dottore", "quando", "dove",  "quanto",  "anche",   "ma",    "o",
    "e",     "ed",     "ciao",   "grazie",   "certo",  "perfetto", "va",  "bene",   "prima",   "primo",   "dall",  "nell",
    "dell",  "l",      "sull"};
constexpr std::string_view kEnglishStrong[] = {"appointment", "appointments", "please", "would",
                                                         "hello",       "the"};
constexpr std::string_view kEnglishWords[] = {
    "i",     "my",     "you",    "your",   "is",     "are",   "am",       "was",      "be",       "of",
    "to",    "for",    "with",   "at",     "on",     "and",   "or",       "an",       "it",       "its",
    "this",  "that",   "what",   "when",   "where",  "how",   "which",    "who",      "can",      "could",
    "do",    "does",   "dont",   "have",   "has",    "need",  "want",     "like",     "book",     "cancel",
    "move",  "next",   "week",   "today",  "tomorrow", "morning", "afternoon", "evening", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "yes", "hi", "see", "doctor", "there",
    "any",   "some",   "free",   "time",   "earliest", "first", "one",     "again",    "im",       "ill",
    "m",     "s",      "t",      "thanks", "thank",      "from",   "about",  "just",  "instead",  "sure"};

template <std::size_t N>
bool in(const std::string_view (&set)[N], std::string_view w) {
    for (auto s : set)
        if (s == w) return true;
    return false;
}

bool accented(std::string_view w) {
    for (std::size_t i = 0; i + 1 < w.size(); ++i)
        if (static_cast<unsigned char>(w[i]) == 0xC3) {
            const auto c = static_cast<unsigned char>(w[i + 1]);
            if (c == 0xA0 || c == 0xA8 || c == 0xA9 || c == 0xAC || c == 0xB2 || c == 0xB9) return true;
        }
    return false;
}

bool endsWith(std::string_view w, std::string_view end) {
    return w.size() > end.size() + 2 && w.substr(w.size() - end.size()) == end;
}

// Lower-case words: ASCII letters and UTF-8 sequences; apostrophes split ("l'appuntamento").
std::vector<std::string> wordsOf(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            // "È" (C3 88) as "è" (C3 A8): the only upper-case accent Italians type often.
            if (c == 0xC3 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x88) {
                cur += "\xC3\xA8";
                ++i;
                continue;
            }
            cur += static_cast<char>(c);
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!cur.empty()) {
            // typographic apostrophes (E2 80 99) split like ASCII ones: handled as non-letters
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    // E2 80 99 ended up inside a word: split there.
    std::vector<std::string> split;
    for (auto& w : out) {
        std::size_t start = 0, k;
        while ((k = w.find("\xE2\x80\x99", start)) != std::string::npos) {
            if (k > start) split.push_back(w.substr(start, k - start));
            start = k + 3;
        }
        if (start < w.size()) split.push_back(w.substr(start));
    }
    return split;
}

std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::string identifyLanguage(const std::string& message, const std::string& current) {
    int it = 0, en = 0;
    for (const auto& w : wordsOf(message)) {
        if (in(kItalianStrong, w)) {
            it += 2;
        } else if (in(kEnglishStrong, w)) {
            en += 2;
        } else if (in(kItalianWords, w) || accented(w)) {
            it += 1;
        } else if (in(kEnglishWords, w)) {
            en += 1;
        } else if (endsWith(w, "zione") || endsWith(w, "mente") || endsWith(w, "are") || endsWith(w, "ere") ||
                   endsWith(w, "ire") || endsWith(w, "ato") || endsWith(w, "ito") || endsWith(w, "etta") ||
                   endsWith(w, "ogo") || endsWith(w, "ogi")) {
            it += 1;
        } else if (endsWith(w, "ing") || endsWith(w, "tion") || endsWith(w, "ly") || endsWith(w, "ed") ||
                   endsWith(w, "ist")) {
            en += 1;
        }
    }
    // Too little to tell, or too even: the conversation goes on in its language.
    if (it >= 2 && it >= en + 2) return "it";
    if (en >= 2 && en >= it + 2) return "en";
    return current;
}

std::string ReplyLanguage::t(const char* msgid) const {
    if (english()) return msgid;
    return catalogs->tr(lang, msgid);
}

std::string ReplyLanguage::tf(const char* msgid, std::initializer_list<std::string> args) const {
    if (!catalogs) {  // English without catalogs: the same {n} replacement
        std::string out = msgid;
        std::size_t n = 0;
        for (const auto& a : args) {
            std::string key(1, '{');  // (not "{" + ...: GCC 12's false -Wrestrict)
            key += std::to_string(++n);
            key += '}';
            for (auto k = out.find(key); k != std::string::npos; k = out.find(key, k + a.size()))
                out.replace(k, key.size(), a);
        }
        return out;
    }
    return catalogs->trf(lang, msgid, args);
}

std::string ReplyLanguage::t(const i18n::Text& text) const {
    if (catalogs) return catalogs->render(lang, text);
    static const i18n::Catalogs english("");  // immutable: English only, for the dates
    return english.render("en", text);
}

std::string ReplyLanguage::tn(const char* one, const char* other, long long n,
                              std::initializer_list<std::string> args) const {
    std::vector<i18n::Arg> shown;
    for (const auto& a : args) shown.push_back(i18n::Arg::literal(a));
    return t(i18n::Text::counted(one, other, n, std::move(shown)));
}

std::string ReplyLanguage::show(const i18n::Arg& arg) const {
    if (catalogs) return catalogs->show(lang, arg);
    static const i18n::Catalogs english("");
    return english.show("en", arg);
}

std::string ReplyLanguage::day(const scheduling::LocalDate& date, const char* pattern) const {
    const std::int64_t noon = daysFromCivil(date.year, date.month, date.day) * 86400 + 12 * 3600;
    if (!catalogs) return {};
    return catalogs->formatTime(lang, noon, pattern, "UTC");
}

}  // namespace medassist::assistant::engine
