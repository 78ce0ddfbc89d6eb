#pragma once
// A text for a reader whom the code that writes it does not know: a service (no HTTP, no
// request, no language) says what to tell as an English msgid with {1}, {2}... where its
// arguments go, and the arguments apart; the page, the JSON API, the assistant or a mail
// translates and formats it in its reader's language (Catalogs::render). So a message with a
// number, a name or a date is one catalog entry, never English glued around a value.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace medassist::i18n {

// One argument of a Text: shown as it is (a number, a phone number, a person's name),
// translated itself (a msgid marked N_ where it is written: a holiday's name), a day
// written in the reader's words in a time zone ("Tuesday 8 December 2026"), or a text an
// admin wrote in several languages (the patron saint's name: the reader's version, else
// value, itself looked up as a msgid so a built-in default still translates).
struct Arg {
    enum class Kind { Literal, Msgid, Day, Versions } kind = Kind::Literal;
    std::string value;       // Literal: the text; Msgid: the msgid; Day: the IANA zone; Versions: the default
    std::int64_t epoch = 0;  // Day: a moment of that day
    std::map<std::string, std::string> versions;  // Versions: language -> text ("it" -> "Santi Pietro e Paolo")

    static Arg literal(std::string text) { return {Kind::Literal, std::move(text), 0, {}}; }
    static Arg number(long long n) { return {Kind::Literal, std::to_string(n), 0, {}}; }
    static Arg msgid(std::string id) { return {Kind::Msgid, std::move(id), 0, {}}; }
    static Arg day(std::int64_t epoch, std::string zone) { return {Kind::Day, std::move(zone), epoch, {}}; }
    static Arg translated(std::string fallback, std::map<std::string, std::string> byLanguage) {
        return {Kind::Versions, std::move(fallback), 0, std::move(byLanguage)};
    }
    bool operator==(const Arg&) const = default;
};

struct Text {
    std::string msgid;      // English; {n} is args[n - 1]
    std::vector<Arg> args;
    // A text with a count has two English forms, one for 1 and one for any other number;
    // each catalog has as many as its language needs (gettext's msgid_plural, msgstr[n] and
    // Plural-Forms), chosen by count. Empty plural: one form for every number.
    std::string plural;
    long long count = 0;

    Text() = default;
    // A text without arguments, from its msgid: `errors.push_back({"start", N_("Choose a time.")})`.
    Text(const char* id) : msgid(id) {}
    Text(std::string id) : msgid(std::move(id)) {}
    Text(std::string id, std::vector<Arg> a) : msgid(std::move(id)), args(std::move(a)) {}

    // "You already have {1} upcoming appointment" / "...appointments" for n: xgettext reads
    // counted's first two arguments as msgid and msgid_plural (scripts/i18n/extract). The count
    // itself is not an argument: pass it in args where the text shows it.
    static Text counted(const char* one, const char* other, long long n, std::vector<Arg> a = {}) {
        Text t(one, std::move(a));
        t.plural = other;
        t.count = n;
        return t;
    }

    bool empty() const { return msgid.empty(); }
    bool operator==(const Text&) const = default;
};

}  // namespace medassist::i18n
