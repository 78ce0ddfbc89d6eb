#include "assistant/engine/text_normalize.hpp"

namespace medassist::assistant::engine {

namespace {

bool isAsciiPunct(unsigned char c) {
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
}

// Appends a separator unless the output already ends in one (or is empty).
void space(std::string& out) {
    if (!out.empty() && out.back() != ' ') out += ' ';
}

}  // namespace

std::string normalizeText(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\'' || c == '`') continue;
        // U+2018, U+2019 (typographic apostrophes): dropped like '.
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            const auto c3 = static_cast<unsigned char>(text[i + 2]);
            if (c3 == 0x98 || c3 == 0x99) {
                i += 2;
                continue;
            }
            if (c3 == 0x9C || c3 == 0x9D) {  // U+201C, U+201D: a quote mark, as '"'
                space(out);
                out += "\" ";
                i += 2;
                continue;
            }
        }
        // U+00A0 (no-break space).
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            space(out);
            ++i;
            continue;
        }
        if (c <= 0x20 || c == 0x7F) {
            space(out);
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (isAsciiPunct(c)) {
            space(out);
            out += static_cast<char>(c);
            out += ' ';
        } else {
            out += static_cast<char>(c);
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace medassist::assistant::engine
