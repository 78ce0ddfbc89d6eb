#include "assistant/engine/text_normalize.hpp"

#include "assistant/engine/text/chars.hpp"
#include "assistant/engine/text/words.hpp"

namespace medassist::assistant::engine {

namespace {

// Appends a separator unless the output already ends in one (or is empty).
void space(std::string& out) {
    if (!out.empty() && out.back() != ' ') out += ' ';
}

}  // namespace

// The words are the one word reader's (text::kModelWords: every byte but punctuation, spaces and
// apostrophes belongs to a token); what lies between them becomes separators and punctuation
// tokens here.
std::string normalizeText(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    std::size_t i = 0;
    while (i < text.size()) {
        if (text::wordCharAt(text, i, text::Letters::ModelBytes)) {
            i = text::readWord(text, i, text::kModelWords, out).end;
            continue;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (const std::size_t a = text::apostropheAt(text, i)) {  // dropped, as inside a word
            i += a;
            continue;
        }
        if (text::curlyQuoteAt(text, i)) {  // a quote mark, as '"'
            space(out);
            out += "\" ";
            i += 3;
            continue;
        }
        if (text::noBreakSpaceAt(text, i)) {
            space(out);
            i += 2;
            continue;
        }
        if (c <= 0x20 || c == 0x7F) {
            space(out);
        } else {  // ASCII punctuation: a token of its own
            space(out);
            out += static_cast<char>(c);
            out += ' ';
        }
        ++i;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace medassist::assistant::engine
