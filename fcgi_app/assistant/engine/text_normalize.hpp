#pragma once
// The one text normalization the intent model sees, at training time (tools/nlu_train)
// and at run time (IntentClassifier): if the two ever differed, the model would be scored
// on text it was never trained on. Pure: no locale, no I/O.
#include <string>
#include <string_view>

namespace medassist::assistant::engine {

// Its words are the engine's one word reader's (text/words.hpp, kModelWords, which says where
// they differ from the guards' and the extractors'): ASCII letters lowercased; apostrophes
// (' ` and the typographic ones) dropped, so "don't" and the typed "dont" are the same token;
// every other ASCII punctuation mark becomes a token of its own; ASCII control characters,
// tabs, newlines and no-break spaces become spaces; runs of spaces collapse to one, none at
// either end. Other UTF-8 passes through unchanged (the model's character n-grams cope with
// accents).
std::string normalizeText(std::string_view text);

}  // namespace medassist::assistant::engine
