#include "assistant/engine/text/words.hpp"

#include "assistant/engine/text/chars.hpp"

namespace medassist::assistant::engine::text {

namespace {

// Italian articles and words that lose their vowel before one: "l'appuntamento", "un'ecografia",
// "dall'oculista", "c'è", "quest'anno". The word is read as written ("lappuntamento", which the
// emergency rows list) and also without them (the guards' Vocabulary::resolve), so rows name
// the bare word.
bool italianElision(std::string_view head) {
    static constexpr std::string_view kElisions[] = {"l",    "un",   "dell", "all",  "dall",  "nell", "sull", "c",
                                                     "d",    "quest", "quell", "dov", "com", "cos",  "tutt", "sant",
                                                     "bell", "nessun", "qualcun", "gl", "coll", "pell", "m", "t", "v",
                                                     "n",    "s"};
    for (auto e : kElisions)
        if (head == e) return true;
    return false;
}

std::size_t apostropheOf(std::string_view s, std::size_t i, Apostrophes kind) {
    switch (kind) {
        case Apostrophes::Straight: return s[i] == '\'' ? 1 : 0;
        case Apostrophes::Ascii: return s[i] == '\'' || s[i] == '`' ? 1 : 0;
        case Apostrophes::Typed: return apostropheAt(s, i);
    }
    return 0;
}

// A UTF-8 sequence that is a letter of some script: not Latin-1's punctuation and spaces
// (U+0080..U+00BF), × and ÷, general punctuation (U+2000..U+206F), superscripts and
// subscripts (U+2070..U+209F) or currency signs (U+20A0..U+20CF).
std::size_t scriptLetterAt(std::string_view s, std::size_t i) {
    const unsigned char c = byteAt(s, i);
    if (c < 0x80) return isAlnum(s[i]) ? 1 : 0;
    const std::size_t len = utf8SequenceAt(s, i);
    if (!len) return 0;
    if (c == 0xC2) return 0;
    if (c == 0xC3 && (byteAt(s, i + 1) == 0x97 || byteAt(s, i + 1) == 0xB7)) return 0;
    if (c == 0xE2 && (byteAt(s, i + 1) == 0x80 || byteAt(s, i + 1) == 0x81 || byteAt(s, i + 1) == 0x82)) return 0;
    return len;
}

}  // namespace

std::size_t wordCharAt(std::string_view s, std::size_t i, Letters letters) {
    if (i >= s.size()) return 0;
    const unsigned char c = byteAt(s, i);
    switch (letters) {
        case Letters::FoldedBytes: return isWordByte(s[i]) ? 1 : 0;
        case Letters::Scripts: return scriptLetterAt(s, i);
        case Letters::DateBytes:
            return isLetter(s[i]) || (c >= 0x80 && !typographicMarkAt(s, i) && !apostropheAt(s, i)) ? 1 : 0;
        case Letters::ModelBytes:
            if (c < 0x80) return isAlnum(s[i]) ? 1 : 0;
            return apostropheAt(s, i) || curlyQuoteAt(s, i) || noBreakSpaceAt(s, i) ? 0 : 1;
    }
    return 0;
}

RawWord readWord(std::string_view s, std::size_t i, const WordRules& rules, std::string& out) {
    RawWord w;
    w.begin = i;
    w.at = out.size();
    bool first = true;
    const bool digitsAreLetters = rules.letters != Letters::DateBytes;
    while (i < s.size()) {
        const char c = s[i];
        // Most bytes of most messages: an ASCII letter or digit, a word character of every class
        // (but the date parser's, where digits are numbers of their own).
        if (isLetter(c) || (digitsAreLetters && isDigit(c))) {
            const bool upper = isUpper(c);
            if (first) w.firstUpper = upper;
            if (isLetter(c)) {
                ++w.letters;
                if (upper) ++w.upperLetters;
                else w.anyLower = true;
                w.onlyDigits = false;
            }
            out += lowerAscii(c);
            ++i;
            first = false;
            continue;
        }
        if (const std::size_t a = apostropheOf(s, i, rules.apostrophes)) {
            const std::size_t j = i + a;
            if (out.size() > w.at && wordCharAt(s, j, rules.letters)) {
                if ((s[j] == 's' || s[j] == 'S') && !wordCharAt(s, j + 1, rules.letters)) {
                    w.possessive = true;
                    w.baseSize = out.size() - w.at;
                    if (rules.possessiveEndsWord) {
                        out += 's';
                        i = j + 1;
                        break;
                    }
                } else if (rules.italianElisions && !w.elided &&
                           italianElision(std::string_view(out).substr(w.at))) {
                    w.elided = static_cast<std::uint8_t>(out.size() - w.at);
                }
                i = j;  // "don't" -> "dont"
                continue;
            }
            if (rules.possessiveAfterS && out.size() > w.at && out.back() == 's') {  // "James'"
                w.possessive = true;
                w.baseSize = out.size() - w.at;
                i = j;
            }
            break;
        }
        const std::size_t len = wordCharAt(s, i, rules.letters);
        if (!len) break;
        const unsigned char b = byteAt(s, i);  // not ASCII: every ASCII word character was read above
        if (rules.accents == Accents::Spelled && len == 2 && b == 0xC3) {
            const Latin1Spelling f = latin1Spelling(byteAt(s, i + 1));
            if (first) w.firstUpper = f.upper;
            if (!f.upper) w.anyLower = true;
            w.onlyDigits = false;
            out += f.ascii;
            i += 2;
        } else if (rules.accents == Accents::Letter && b == 0xC3 && i + 1 < s.size() &&
                   (byteAt(s, i + 1) & 0xC0) == 0x80) {  // Niccolò = niccolo
            w.onlyDigits = false;
            w.anyLower = true;
            out += lowerAscii(latin1Letter(0xC0u + (byteAt(s, i + 1) - 0x80u)));
            i += 2;
        } else {  // a byte, or a sequence, of another script's letter
            w.anyLower = true;
            w.onlyDigits = false;
            out.append(s, i, len);
            i += len;
        }
        first = false;
    }
    w.end = i;
    w.size = out.size() - w.at;
    if (!w.possessive) w.baseSize = w.size;
    return w;
}

}  // namespace medassist::assistant::engine::text
