#include "assistant/engine/text/fold.hpp"

#include "assistant/engine/text/chars.hpp"

namespace medassist::assistant::engine::text {

namespace {

// A code point that looks like an ASCII letter, or 0.
char lookalike(std::uint32_t cp) {
    switch (cp) {
        // Cyrillic
        case 0x410: return 'A'; case 0x412: return 'B'; case 0x415: return 'E'; case 0x41A: return 'K';
        case 0x41C: return 'M'; case 0x41D: return 'H'; case 0x41E: return 'O'; case 0x420: return 'P';
        case 0x421: return 'C'; case 0x422: return 'T'; case 0x423: return 'Y'; case 0x425: return 'X';
        case 0x405: return 'S'; case 0x406: return 'I'; case 0x408: return 'J';
        case 0x430: return 'a'; case 0x435: return 'e'; case 0x43A: return 'k'; case 0x43E: return 'o';
        case 0x440: return 'p'; case 0x441: return 'c'; case 0x443: return 'y'; case 0x445: return 'x';
        case 0x455: return 's'; case 0x456: return 'i'; case 0x458: return 'j'; case 0x4BB: return 'h';
        // Greek
        case 0x391: return 'A'; case 0x392: return 'B'; case 0x395: return 'E'; case 0x396: return 'Z';
        case 0x397: return 'H'; case 0x399: return 'I'; case 0x39A: return 'K'; case 0x39C: return 'M';
        case 0x39D: return 'N'; case 0x39F: return 'O'; case 0x3A1: return 'P'; case 0x3A4: return 'T';
        case 0x3A5: return 'Y'; case 0x3A7: return 'X';
        case 0x3B1: return 'a'; case 0x3B9: return 'i'; case 0x3BA: return 'k'; case 0x3BD: return 'v';
        case 0x3BF: return 'o'; case 0x3C1: return 'p'; case 0x3C5: return 'u';
        default: return 0;
    }
}

}  // namespace

Folded fold(std::string_view in) {
    // Folding never lengthens the text: write into buffers of the input's size, trim at the end.
    Folded f;
    f.text.resize(in.size());
    f.origin.resize(in.size() + 1);
    std::size_t n = 0;
    auto put = [&f, &n](char c, std::size_t at) {
        f.text[n] = c;
        f.origin[n] = static_cast<std::uint32_t>(at);
        ++n;
    };
    std::size_t i = 0;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            put(c == '\n' ? '\n' : (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c), i);
            ++i;
            continue;
        }
        const std::size_t len = utf8SequenceAt(in, i);
        if (!len) {
            put(static_cast<char>(c), i);
            ++i;
            continue;
        }
        const std::uint32_t cp = utf8Decode(in, i, len);
        char ascii = 0;
        bool drop = false;
        if (cp >= 0xC0 && cp <= 0xFF) ascii = latin1Letter(cp);
        else if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) ascii = ' ';
        else if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) drop = true;
        else if (cp == 0xB4 || cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0x2BC) ascii = '\'';
        else if ((cp >= 0x201C && cp <= 0x201F) || cp == 0x2033) ascii = '"';
        else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) ascii = '-';
        else if (cp == 0x2024 || cp == 0x2026) ascii = '.';
        else if (cp == 0x2028 || cp == 0x2029) ascii = '\n';
        else if (cp == 0xFE6B) ascii = '@';
        else if (cp >= 0xFF01 && cp <= 0xFF5E) ascii = static_cast<char>(cp - 0xFEE0);
        else if (cp >= 0x1D400 && cp <= 0x1D6A3) {  // mathematical bold, italic, script... letters
            const auto k = (cp - 0x1D400) % 52;
            ascii = static_cast<char>(k < 26 ? 'A' + k : 'a' + (k - 26));
        } else if (cp >= 0x1D7CE && cp <= 0x1D7FF) ascii = static_cast<char>('0' + (cp - 0x1D7CE) % 10);
        else ascii = lookalike(cp);
        if (drop) {
        } else if (ascii) {
            put(ascii, i);
        } else {
            for (std::size_t k = 0; k < len; ++k) put(in[i + k], i);
        }
        i += len;
    }
    f.text.resize(n);
    f.origin[n] = static_cast<std::uint32_t>(in.size());
    f.origin.resize(n + 1);
    return f;
}

}  // namespace medassist::assistant::engine::text
