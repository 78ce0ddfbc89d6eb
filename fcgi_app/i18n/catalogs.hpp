#pragma once
// The app's languages: gettext catalogs (po/<lang>.po, compiled by msgfmt at build time into
// <locale dir>/<lang>/LC_MESSAGES/medassist.mo) read through Boost.Locale. English is the
// source language (the msgids), so it needs no catalog and a text a catalog lacks falls back
// to English. Adding a language is adding po/<lang>.po. Immutable after construction: every
// worker thread reads it at once.
#include <cstdint>
#include <initializer_list>
#include <locale>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/text.hpp"

namespace medassist::i18n {

// Marks a text for the catalog without translating it here (a table of texts translated
// later, with tr, in the reader's language). xgettext reads N_ as a keyword.
constexpr const char* N_(const char* text) { return text; }

class Catalogs {
public:
    // Loads every <localeDir>/<lang>/LC_MESSAGES/medassist.mo, plus English. A missing or
    // empty folder leaves English only.
    explicit Catalogs(const std::string& localeDir);

    // "en" first, then the others in alphabetical order.
    const std::vector<std::string>& languages() const { return languages_; }
    bool supports(std::string_view lang) const;

    // The text in lang; the English text itself when lang or the text has no translation.
    std::string tr(const std::string& lang, const char* msgid) const;
    std::string tr(const std::string& lang, const std::string& msgid) const { return tr(lang, msgid.c_str()); }
    // The form of a text with a count that lang uses for n (English: one for 1, other for
    // the rest); the English form when lang's catalog lacks the text.
    std::string trn(const std::string& lang, const char* one, const char* other, long long n) const;
    // tr, then {1}, {2}... replaced by args in order (Boost.Locale's format syntax).
    std::string trf(const std::string& lang, const char* msgid, std::initializer_list<std::string> args) const;
    // A service's text in lang: its msgid translated (the form for its count when it has a
    // plural), then each {n} replaced by its argument (a Msgid argument translated, a Day one
    // written in lang's words in its zone).
    std::string render(const std::string& lang, const Text& text) const;
    // One argument as lang's reader sees it (Text's args; a closed day's name on its own).
    std::string show(const std::string& lang, const Arg& arg) const;
    // The practice's time zone as a reader says it ("Rome time", "ora di Roma"), never the
    // IANA id: a known zone's own catalog entry, else "{1} time" with the id's city.
    std::string zoneLabel(const std::string& lang, const std::string& zone) const;
    // Whether lang's catalog has its own text for msgid (the admin pages and tests ask).
    bool translated(const std::string& lang, const std::string& msgid) const;

    // A moment in lang's words, in zone (an IANA name, "Europe/Rome"), through ICU:
    // pattern is strftime's ("%A %e %B, %H:%M" -> "martedì 9 dicembre, 10:30").
    std::string formatTime(const std::string& lang, std::int64_t epochSeconds, const char* pattern,
                           const std::string& zone) const;

private:
    std::vector<std::string> languages_;
    std::map<std::string, std::locale, std::less<>> locales_;
};

// The language of a name in its own language, for the switcher: "it" -> "Italiano".
std::string nativeName(const std::string& lang);

// Picks the language for a reader: the first supported one of cookie, then Accept-Language
// (by q-value, primary subtag: "it-IT;q=0.9" -> "it"), then fallback.
std::string negotiate(const Catalogs& catalogs, const std::string& cookie, const std::string& acceptLanguage,
                      const std::string& fallback);

}  // namespace medassist::i18n
