#pragma once
// A text for a reader whom the code that writes it does not know: a service (no HTTP, no
// request, no language) says what to tell as an English msgid with {1}, {2}... where its
// arguments go, and the arguments apart; the page, the JSON API, the assistant or a mail
// translates and formats it in its reader's language (Catalogs::render). So a message with a
// number, a name or a date is one catalog entry, never English glued around a value.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace medassist::i18n {

// One argument of a Text: shown as it is (a number, a phone number, a person's name),
// translated itself (a msgid marked N_ where it is written: a holiday's name), or a day
// written in the reader's words in a time zone ("Tuesday 8 December 2026").
struct Arg {
    enum class Kind { Literal, Msgid, Day } kind = Kind::Literal;
    std::string value;       // Literal: the text; Msgid: the msgid; Day: the IANA zone
    std::int64_t epoch = 0;  // Day: a moment of that day

    static Arg literal(std::string text) { return {Kind::Literal, std::move(text), 0}; }
    static Arg number(long long n) { return {Kind::Literal, std::to_string(n), 0}; }
    static Arg msgid(std::string id) { return {Kind::Msgid, std::move(id), 0}; }
    static Arg day(std::int64_t epoch, std::string zone) { return {Kind::Day, std::move(zone), epoch}; }
    bool operator==(const Arg&) const = default;
};

struct Text {
    std::string msgid;      // English; {n} is args[n - 1]
    std::vector<Arg> args;

    Text() = default;
    // A text without arguments, from its msgid: `errors.push_back({"start", N_("Choose a time.")})`.
    Text(const char* id) : msgid(id) {}
    Text(std::string id) : msgid(std::move(id)) {}
    Text(std::string id, std::vector<Arg> a) : msgid(std::move(id)), args(std::move(a)) {}

    bool empty() const { return msgid.empty(); }
    bool operator==(const Text&) const = default;
};

}  // namespace medassist::i18n
