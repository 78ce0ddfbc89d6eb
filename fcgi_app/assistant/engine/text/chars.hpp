#pragma once
// The characters of a message, as every reader of text in the engine classifies them: the
// guards, the entity extractor, the date/time parser and the model's normalization (issue 15,
// "One reading of the text"). One copy of each class, so "is this a digit", "is this an
// apostrophe" and "what is this accented letter" have one answer wherever a word is read.
// Header-only and constexpr: these run once per byte of every message, and the model trainer
// (which links only the normalization) needs them too. Pure: no locale, no I/O.
//
// Words themselves (what joins characters into a word) are in words.hpp; the look-alike
// folding of the guards in fold.hpp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace medassist::assistant::engine::text {

// ASCII only, on purpose: std::isalpha and friends depend on the C locale, and every other
// script is read as UTF-8 sequences (see words.hpp).
constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool isLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool isLetter(char c) { return isLower(c) || isUpper(c); }
constexpr bool isAlnum(char c) { return isLetter(c) || isDigit(c); }
constexpr char lowerAscii(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// ! " # $ % & ' ( ) * + , - . / : ; < = > ? @ [ \ ] ^ _ ` { | } ~
constexpr bool isAsciiPunct(unsigned char c) {
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
}

// An ASCII letter or digit, or any byte of a non-ASCII character: a word byte of text that
// fold() has already read (the guards), where every non-ASCII byte left is some script's letter.
constexpr bool isWordByte(char c) { return isAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

inline std::string lowerAsciiCopy(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lowerAscii(c);
    return out;
}

constexpr unsigned char byteAt(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

constexpr bool startsWith(std::string_view s, std::size_t i, std::string_view what) {
    return i <= s.size() && s.size() - i >= what.size() && s.substr(i, what.size()) == what;
}

// ---------------------------------------------------------------------------------------
// UTF-8

// The length a lead byte announces: 4 from F0, 3 from E0, 2 from C0, else 1 (ASCII, a stray
// continuation byte, or F8..FF, read as 4 like F0).
constexpr std::size_t utf8Length(unsigned char lead) { return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1; }

// A sequence of two bytes or more at s[i]: its length when it is complete and every byte after
// the lead is a continuation byte (10xxxxxx), else 0. Overlong forms are not refused: they fold
// to what they encode, which is what a reader of the text would see too.
constexpr std::size_t utf8SequenceAt(std::string_view s, std::size_t i) {
    const std::size_t len = utf8Length(byteAt(s, i));
    if (len == 1 || i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k)
        if ((byteAt(s, i + k) & 0xC0) != 0x80) return 0;
    return len;
}

// The code point of a sequence utf8SequenceAt accepted.
constexpr std::uint32_t utf8Decode(std::string_view s, std::size_t i, std::size_t len) {
    const unsigned char c = byteAt(s, i);
    std::uint32_t cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byteAt(s, i + k) & 0x3Fu);
    return cp;
}

// ---------------------------------------------------------------------------------------
// Marks that are not letters

// An apostrophe at s[i] as patients type it: ' ` and the typographic U+2018 / U+2019; its
// length in bytes, else 0. Inside a word it is dropped ("don't" = "dont"): see words.hpp.
constexpr std::size_t apostropheAt(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    if (s[i] == '\'' || s[i] == '`') return 1;
    if (byteAt(s, i) == 0xE2 && i + 2 < s.size() && byteAt(s, i + 1) == 0x80 &&
        (byteAt(s, i + 2) == 0x98 || byteAt(s, i + 2) == 0x99))
        return 3;
    return 0;
}

// U+201C or U+201D (typographic double quotes) at s[i].
constexpr bool curlyQuoteAt(std::string_view s, std::size_t i) {
    return byteAt(s, i) == 0xE2 && i + 2 < s.size() && byteAt(s, i + 1) == 0x80 &&
           (byteAt(s, i + 2) == 0x9C || byteAt(s, i + 2) == 0x9D);
}

// U+00A0 (no-break space) at s[i].
constexpr bool noBreakSpaceAt(std::string_view s, std::size_t i) {
    return byteAt(s, i) == 0xC2 && i + 1 < s.size() && byteAt(s, i + 1) == 0xA0;
}

// The typographic marks the date/time parser reads as separators (euro, pound, no-break space,
// curly double quotes, en and em dashes, ellipsis): their length, else 0. "€12.50" is money
// and "9–11" a range because these are not letters.
constexpr std::size_t typographicMarkAt(std::string_view s, std::size_t i) {
    if (i >= s.size() || byteAt(s, i) < 0x80) return 0;
    for (std::string_view mark : {"\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA0", "\xE2\x80\x9C", "\xE2\x80\x9D",
                                  "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6"})
        if (startsWith(s, i, mark)) return mark.size();
    return 0;
}

// ---------------------------------------------------------------------------------------
// Latin-1 letters (U+00C0..U+00FF, UTF-8 C3 80..C3 BF) without their accents. Three ways,
// because three readers need three things today (words.hpp says which reads which):

// One ASCII character each, case kept: the guards' fold() and the allow list of names, which
// must keep one byte per letter (the output guard maps every folded byte back to the reply).
// × is 'x' and ÷ a space; Æ is 'A', ß 's', Þ 'T'.
inline constexpr char kLatin1Letters[64 + 1] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty";
constexpr char latin1Letter(std::uint32_t cp) { return kLatin1Letters[cp - 0xC0]; }

// As spelled in ASCII, lower case, with the letter's case: doctors' and specialties' names,
// compared with names typed in ASCII ("Æsa" = "aesa", "Straße" = "strasse", "Þór" = "thor").
// second: the byte after C3 (80..BF); × and ÷ spell nothing (they are no word characters there).
struct Latin1Spelling {
    const char* ascii;
    bool upper;
};
constexpr Latin1Spelling latin1Spelling(unsigned char second) {
    constexpr const char* kLetters[32] = {"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
                                          "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss"};
    if (second == 0xBF) return {"y", false};  // y with diaeresis
    return {kLetters[second & 0x1F], second < 0xA0 && second != 0x9F};
}

// The Italian accented vowels (à è é ì í ò ó ù ú and their capitals, any accent of A E I O U)
// as the bare lower-case vowel, every other byte as it is: the date/time parser's words,
// where "lunedì" and "lunedi" are one word and nothing else is folded.
inline void foldAccentedVowels(std::string& w) {
    std::string out;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const auto c = static_cast<unsigned char>(w[i]);
        if (c == 0xC3 && i + 1 < w.size()) {
            const int low = static_cast<unsigned char>(w[i + 1]) & 0xDF;  // upper and lower case alike
            const char bare = low >= 0x80 && low <= 0x85   ? 'a'
                              : low >= 0x88 && low <= 0x8B ? 'e'
                              : low >= 0x8C && low <= 0x8F ? 'i'
                              : low >= 0x92 && low <= 0x96 ? 'o'
                              : low >= 0x99 && low <= 0x9C ? 'u'
                                                           : 0;
            if (bare) {
                out += bare;
                ++i;
                continue;
            }
        }
        out += w[i];
    }
    w = std::move(out);
}

}  // namespace medassist::assistant::engine::text
