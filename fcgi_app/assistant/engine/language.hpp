#pragma once
// The language of the conversation: which language a patient's message is in (Italian or
// English), and the reply's words in that language through the app's gettext catalogs
// (i18n/catalogs.hpp: pure, no database and no HTTP). "A language is data, not a fork":
// the dialogue is one, its texts are msgids translated here.
//
// The identifier is small and deterministic: frequent function words, accented letters and
// typical endings of each language score the message; a message too short or too even to
// tell ("ok", "sì", "no", "2", "grazie", "10:30", "Rossi") keeps the conversation's current
// language. Known failure cases: a short message of one language made of words the other
// uses too ("appointment ok?" is English, "bar sport" is neither); a message mixing both
// languages goes to whichever has more cues; a language other than the two counts as
// neither and keeps the current one.
#include <cstdint>
#include <initializer_list>
#include <string>

#include "i18n/catalogs.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::assistant::engine {

// "it" or "en" when the message says clearly which; else current.
std::string identifyLanguage(const std::string& message, const std::string& current);

// The reply's language. Without catalogs (or in English) every text is its msgid.
struct ReplyLanguage {
    const i18n::Catalogs* catalogs = nullptr;
    std::string lang = "en";

    bool english() const { return lang == "en" || catalogs == nullptr; }
    // The text in the reply's language (xgettext reads t and tf as keywords: literals only).
    std::string t(const char* msgid) const;
    // t, then {1}, {2}... replaced by args.
    std::string tf(const char* msgid, std::initializer_list<std::string> args) const;
    // A text the practice's rules gave (a refusal with its numbers and names), in the reply's language.
    std::string t(const i18n::Text& text) const;
    // A text with a count n in the reply's language's form for n (gettext plurals), then {1},
    // {2}... replaced by args (xgettext reads tn's first two arguments as msgid and plural).
    std::string tn(const char* one, const char* other, long long n, std::initializer_list<std::string> args) const;
    // One argument (a closed day's name) in the reply's language.
    std::string show(const i18n::Arg& arg) const;
    // A day in the reply's language: "martedì 3 marzo" (pattern is strftime's; ICU's names).
    std::string day(const scheduling::LocalDate& date, const char* pattern) const;
};

}  // namespace medassist::assistant::engine
