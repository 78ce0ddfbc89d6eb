// The assistant's safety rules (engine/guards) on any UTF-8 text: triage, the input check and
// the output guard must neither crash nor leave an email address in a reply they cleaned.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "assistant/engine/guards.hpp"
#include "http/encoding.hpp"

using namespace medassist::assistant::engine;

namespace {
// A plain address as people write them: a local part that starts and ends with a letter or
// digit (with ._%+- inside), "@", then labels of letters, digits and hyphens joined by single
// dots, the last one two letters or more ("maria.b@example.com"). What guardOutput must never
// let through.
bool hasEmail(const std::string& s) {
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto localChar = [&](char c) { return alnum(c) || std::string_view("._%+-").find(c) != std::string_view::npos; };
    for (std::size_t at = s.find('@'); at != std::string::npos; at = s.find('@', at + 1)) {
        if (at == 0 || !alnum(s[at - 1])) continue;
        std::size_t left = at;
        while (left > 0 && localChar(s[left - 1])) --left;
        while (left < at && !alnum(s[left])) ++left;  // the local part starts with a letter or digit
        if (left == at) continue;
        // labels after the @
        std::size_t i = at + 1;
        std::size_t labels = 0, lastLetters = 0;
        bool lastAllLetters = false;
        while (i < s.size() && (alnum(s[i]) || s[i] == '-')) {
            const std::size_t start = i;
            bool allLetters = true;
            while (i < s.size() && (alnum(s[i]) || s[i] == '-')) {
                allLetters = allLetters && alpha(s[i]);
                ++i;
            }
            ++labels;
            lastLetters = i - start;
            lastAllLetters = allLetters;
            if (i + 1 < s.size() && s[i] == '.' && (alnum(s[i + 1]))) ++i;
            else break;
        }
        // A letter of another alphabet right after it continues the word (the guard reads
        // look-alikes as Latin letters: "t.selΕ0ect" is one odd word, not "t.sel").
        const bool continues = i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80;
        if (labels >= 2 && lastAllLetters && lastLetters >= 2 && !continues) return true;
    }
    return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // Only what can reach the guards: the app refuses a request that is not UTF-8 (400), and
    // the replies it cleans are its own text.
    if (!medassist::http::isValidUtf8(text)) return 0;
    GuardContext ctx;
    ctx.allowedNames = {"Maria", "Dr. Giulia Rossi", "Dr. Marco Esposito"};
    ctx.allowedContacts = {"+39 06 1234 5678", "112"};
    ctx.currentYear = 2026;
    (void)triage(text);
    (void)checkInput(text, ctx);
    const auto out = guardOutput(text, ctx);
    // What the guard removed stays removed: a cleaned reply holds no email address, and
    // cleaning it again changes nothing.
    if (hasEmail(out.text)) __builtin_trap();
    if (guardOutput(out.text, ctx).text != out.text) __builtin_trap();
    return 0;
}
