#pragma once
// The folded copy of a text the safety rules read (the guards: triage, the input check, the
// output guard, and the signals the understanding grounds the model in). A message written to
// slip past a rule reads as what it imitates: accents go ("perché" = "perche"), the look-alike
// letters of other alphabets that are cheap to catch become the ASCII letter they imitate
// (Cyrillic and Greek capitals and the common small ones, fullwidth forms, mathematical
// alphanumerics: "Mаria" with a Cyrillic а is Maria), invisible characters vanish
// ("ig\u200Bnore" is "ignore"), typographic quotes, apostrophes, dashes and spaces become
// their ASCII selves. Everything else passes through as UTF-8 (and is a word byte).
//
// Folding never lengthens the text, and each folded byte remembers the original byte it came
// from, so the output guard can cut "[removed]" into the reply as it was written.
// Pure: no locale, no I/O.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace medassist::assistant::engine::text {

struct Folded {
    std::string text;
    std::vector<std::uint32_t> origin;  // origin[i]: the original byte where text[i] came from; one more at the end
};

Folded fold(std::string_view in);

}  // namespace medassist::assistant::engine::text
