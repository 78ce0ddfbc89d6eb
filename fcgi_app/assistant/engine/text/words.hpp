#pragma once
// The one word reader of the engine (issue 15, "One reading of the text"). Every reader of a
// message splits it into words here: the guards (triage, the input check, the output guard,
// the signals the understanding grounds the model in, on fold()'s copy of the text), the
// entity extractor (doctors, specialties, picks), the date/time parser, and the model's
// normalization (text_normalize.hpp, at training and at run time). So "don't" is "dont",
// "Rossi's" is "rossis" with the base "rossi", and a word starts and ends at the same
// characters for all of them, unless a WordRules option below says otherwise.
//
// What every reader shares
// - A word is a run of word characters (the classes below); ASCII letters are lower-cased.
// - An apostrophe between two word characters is dropped and the word goes on: "don't" =
//   "dont", "o'clock" = "oclock", "l'appuntamento" = "lappuntamento". Anywhere else it ends
//   the word and is not part of it.
// - "'s" closing a word is a possessive: the word keeps it ("rossis") and its base leaves it
//   off ("rossi"), so "Maria's appointment" and "Thursday's" are read as someone's or some
//   day's thing.
// - Each word carries its bytes in the text read ([begin, end)), so a caller can return or cut
//   spans of the original, and the case of its first letter, for the readers of names.
//
// Where readers differ, and why (WordRules; each caller names its preset below). These are
// today's differences kept as they were: changing one changes what a rule or an extractor
// sees, so each is its own measured change, never a side effect of this reader.
// - Letters: the guards read fold()'s text, where every non-ASCII byte left is some script's
//   letter (FoldedBytes). The extractor reads the original text and keeps Latin-1
//   punctuation, × ÷, general punctuation and currency signs out of its words, and a
//   malformed byte too (Scripts). The date parser reads digits as numbers of their own
//   ("10h30", "9.30", "2nd": its tokens keep ':' '.' '/' between digits, see
//   datetime_parser.cpp), so its words are letters only, and typographic marks (€ £ “ ” – —
//   …) separate them (DateBytes). The model's normalization keeps every other byte in a
//   token, for the model's character n-grams (ModelBytes).
// - Apostrophes: on folded text only ' (fold() already made ’ ‘ ´ ʼ ′ ‛ into it; a backtick
//   there is not one); names from the practice's data take ' and ` ("D`Angelo"); readers of
//   the original text take ' ` ‘ ’.
// - Accents: fold() has taken them off the guards' text (Kept). The allow list of names
//   folds Latin-1 letters to one ASCII letter each, as fold() does, so a name and a folded
//   message word compare (Letter). The extractor spells them ("Æsa" = "aesa", "ß" = "ss",
//   "Þ" = "th") and keeps their case for the readers of names (Spelled). The date parser folds
//   only the Italian accented vowels, itself, after joining "a.m." (chars.hpp,
//   foldAccentedVowels).
// - possessiveEndsWord: the date parser's word stops after a possessive "'s" ("Thursday's"
//   names an appointment); the other readers read on ("rossi's'x" is one odd word).
// - possessiveAfterS: the guards also read "James'" as a possessive (a name that owns
//   something is someone else's data).
// - italianElisions: the guards note the letters of an Italian elided article or word before
//   the apostrophe ("l'", "dell'", "c'", "quest'"), so their rules can name the bare word
//   ("appuntamento" of "l'appuntamento"). Italian data, read by the guards only.
// Pure: no locale, no I/O, no allocation but the caller's buffer.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace medassist::assistant::engine::text {

enum class Letters : std::uint8_t {
    FoldedBytes,  // ASCII letters and digits, and every byte >= 0x80 (text fold() has read, names)
    Scripts,      // ASCII letters and digits, and whole UTF-8 sequences except punctuation and symbols
    DateBytes,    // ASCII letters (no digits), and bytes >= 0x80 except typographic marks and apostrophes
    ModelBytes,   // everything but ASCII punctuation, spaces and controls, no-break spaces, curly quotes, apostrophes
};

enum class Apostrophes : std::uint8_t {
    Straight,  // ' only
    Ascii,     // ' and `
    Typed,     // ' ` and U+2018, U+2019
};

enum class Accents : std::uint8_t {
    Kept,     // bytes >= 0x80 as they are
    Letter,   // Latin-1 letters as one lower-case ASCII letter (chars.hpp, latin1Letter)
    Spelled,  // Latin-1 letters spelled in ASCII, with their case (chars.hpp, latin1Spelling)
};

struct WordRules {
    Letters letters = Letters::FoldedBytes;
    Apostrophes apostrophes = Apostrophes::Typed;
    Accents accents = Accents::Kept;
    bool possessiveEndsWord = false;
    bool possessiveAfterS = false;
    bool italianElisions = false;
};

// The readers' presets (see above for why they differ).
inline constexpr WordRules kGuardWords{Letters::FoldedBytes, Apostrophes::Straight, Accents::Kept, false, true, true};
inline constexpr WordRules kNameWords{Letters::FoldedBytes, Apostrophes::Ascii, Accents::Letter, false, false, false};
inline constexpr WordRules kEntityWords{Letters::Scripts, Apostrophes::Typed, Accents::Spelled, false, false, false};
inline constexpr WordRules kDateWords{Letters::DateBytes, Apostrophes::Typed, Accents::Kept, true, false, false};
inline constexpr WordRules kModelWords{Letters::ModelBytes, Apostrophes::Typed, Accents::Kept, false, false, false};

struct RawWord {
    std::size_t begin = 0, end = 0;  // its bytes in the text read (end: after a possessive's s or "James'")
    std::size_t gap = 0;             // forEachWord: where the bytes since the previous word begin (its end, or 0)
    std::size_t at = 0, size = 0;    // its text in the caller's buffer: lower case, apostrophes dropped
    std::size_t baseSize = 0;        // the text without a possessive 's ("rossi" of "rossis"), else size
    std::uint8_t elided = 0;         // italianElisions: letters of the elided word before its apostrophe
    bool possessive = false;
    bool firstUpper = false;         // the first letter is a capital (ASCII, or a Spelled Latin-1 one)
    bool anyLower = false;           // a small letter, or a letter of another script
    bool onlyDigits = true;          // digits and nothing else
    std::uint32_t letters = 0, upperLetters = 0;  // ASCII letters, and the capitals among them
};

// The length of the word character at s[i] under a class, 0 when it is none (or i is past
// the end).
std::size_t wordCharAt(std::string_view s, std::size_t i, Letters letters);

// The word that starts at s[i] (wordCharAt(s, i, rules.letters) must be > 0): appends its text
// to out and says where it is.
RawWord readWord(std::string_view s, std::size_t i, const WordRules& rules, std::string& out);

// Every word of s in order, skipping what is no word character one byte at a time; each
// word's text goes into out, which the caller keeps (reserve it to keep views stable).
template <typename F>
void forEachWord(std::string_view s, const WordRules& rules, std::string& out, F&& onWord) {
    std::size_t i = 0, gap = 0;
    while (i < s.size()) {
        if (!wordCharAt(s, i, rules.letters)) {
            ++i;
            continue;
        }
        RawWord w = readWord(s, i, rules, out);
        w.gap = gap;
        gap = i = w.end;
        onWord(std::as_const(w));
    }
}

}  // namespace medassist::assistant::engine::text
