#include "assistant/engine/intent_classifier.hpp"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "assistant/engine/text_normalize.hpp"

#ifndef MEDASSIST_NLU_MODEL_PATH
#define MEDASSIST_NLU_MODEL_PATH "nlu/intents.bin"
#endif

namespace medassist::assistant::engine {

namespace {

const std::string kLabelPrefix = "__label__";
// A chat message is short; a longer one is judged by its start, so a pasted essay costs
// no more than a paragraph.
constexpr std::size_t kMaxInputBytes = 2000;

std::string stripLabel(std::string label) {
    if (label.rfind(kLabelPrefix, 0) == 0) label.erase(0, kLabelPrefix.size());
    return label;
}

}  // namespace

IntentClassifier::IntentClassifier(const std::string& modelPath, double confidenceFloor)
    : model_(std::make_unique<fasttext::FastText>()), floor_(confidenceFloor) {
    std::string what = "intent model ";
    what += modelPath;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(modelPath, ec)) {
        what += " is missing (build the nlu_model target, or set MEDASSIST_NLU_MODEL)";
        throw std::runtime_error(what);
    }
    try {
        model_->loadModel(modelPath);
    } catch (const std::exception& e) {
        what += " cannot be loaded: ";
        what += e.what();
        throw std::runtime_error(what);
    }
    if (model_->getArgs().model != fasttext::model_name::sup) {
        what += " is not a supervised (classification) model";
        throw std::runtime_error(what);
    }
    auto dict = model_->getDictionary();
    for (int32_t i = 0; i < dict->nlabels(); ++i) intents_.push_back(stripLabel(dict->getLabel(i)));
    bool hasOutOfScope = false;
    for (const auto& intent : intents_) hasOutOfScope = hasOutOfScope || intent == kOutOfScope;
    if (!hasOutOfScope) {
        what += " has no out_of_scope class";
        throw std::runtime_error(what);
    }
}

IntentClassifier::~IntentClassifier() = default;

IntentResult IntentClassifier::classifyRaw(const std::string& text) const {
    std::string normalized =
        normalizeText(std::string_view(text).substr(0, std::min(text.size(), kMaxInputBytes)));
    if (normalized.empty()) return {kOutOfScope, 0.0};
    // The newline ends the line as it did in training (fastText reads it as </s>). The
    // stream is this call's own and predictLine is const: nothing shared is written.
    normalized += '\n';
    std::istringstream in(normalized);
    std::vector<std::pair<fasttext::real, std::string>> predictions;
    model_->predictLine(in, predictions, 1, 0.0);
    if (predictions.empty()) return {kOutOfScope, 0.0};
    // fastText scores log(p + 1e-5), so a sure answer comes back as 1.00001: clamped, the
    // confidence is the probability the header promises (found by tests/fuzz/fuzz_nlu).
    const double confidence = std::clamp(static_cast<double>(predictions.front().first), 0.0, 1.0);
    return {stripLabel(predictions.front().second), confidence};
}

IntentResult IntentClassifier::classify(const std::string& text) const {
    IntentResult r = classifyRaw(text);
    if (r.confidence < floor_) r.intent = kOutOfScope;
    return r;
}

std::string defaultModelPath() {
    if (const char* env = std::getenv("MEDASSIST_NLU_MODEL"); env && *env) return env;
    return MEDASSIST_NLU_MODEL_PATH;
}

}  // namespace medassist::assistant::engine
