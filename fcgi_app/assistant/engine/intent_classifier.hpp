#pragma once
// What the patient wants, from one message: a fastText model trained at build time from
// assistant/data/intents/ (see data/README.md for the intents and the confidence floor).
// Load it once and share the one instance between all workers: classify() is const and
// keeps nothing between calls, so any number of threads may call it at once.
#include <memory>
#include <string>
#include <vector>

namespace fasttext {
class FastText;
}

namespace medassist::assistant::engine {

struct IntentResult {
    std::string intent;
    double confidence = 0.0;  // the model's probability for its top label, 0..1
};

class IntentClassifier {
public:
    // Below this probability the top label is not trusted and the message counts as
    // out_of_scope. Chosen by 5-fold cross-validation on the training data
    // (`medassist-nlu-train --cv 5`), never on the held-out set; see data/README.md.
    static constexpr double kConfidenceFloor = 0.075;
    static constexpr const char* kOutOfScope = "out_of_scope";

    // Throws std::runtime_error naming the path when the model is missing or unreadable.
    explicit IntentClassifier(const std::string& modelPath, double confidenceFloor = kConfidenceFloor);
    ~IntentClassifier();
    IntentClassifier(const IntentClassifier&) = delete;
    IntentClassifier& operator=(const IntentClassifier&) = delete;

    // The top intent, or out_of_scope (with the model's confidence) below the floor.
    IntentResult classify(const std::string& text) const;
    // The top intent as the model sees it, before the floor (for evaluation).
    IntentResult classifyRaw(const std::string& text) const;

    double confidenceFloor() const { return floor_; }
    const std::vector<std::string>& intents() const { return intents_; }

private:
    std::unique_ptr<fasttext::FastText> model_;
    double floor_;
    std::vector<std::string> intents_;
};

// MEDASSIST_NLU_MODEL from the environment when set, else the model the build wrote.
std::string defaultModelPath();

}  // namespace medassist::assistant::engine
