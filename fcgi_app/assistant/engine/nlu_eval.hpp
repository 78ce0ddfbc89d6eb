#pragma once
// Scores the intent classifier on a labelled file ("intent<TAB>utterance" per line), as
// `medassist-admin nlu-eval FILE` prints it and the unit tests assert it.
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "assistant/engine/intent_classifier.hpp"

namespace medassist::assistant::engine {

struct LabelledUtterance {
    std::string intent;
    std::string text;
};

struct LabelledFile {
    std::vector<LabelledUtterance> items;
    std::vector<std::string> errors;  // "line N: why", for lines that are not intent<TAB>text
};

// Blank lines and lines starting with '#' are skipped.
LabelledFile parseLabelledTsv(std::istream& in);

struct IntentScore {
    std::string intent;
    int support = 0;    // lines labelled with it
    int predicted = 0;  // lines the classifier gave it
    int correct = 0;
    double precision() const { return predicted ? double(correct) / predicted : 0.0; }
    double recall() const { return support ? double(correct) / support : 0.0; }
};

struct Confusion {
    std::string gold, predicted;
    int count = 0;
    std::vector<std::string> examples;  // up to three
};

struct NluEvaluation {
    std::vector<IntentScore> perIntent;  // by intent name
    int inScope = 0, inScopeCorrect = 0;
    int outOfScope = 0, outOfScopeCorrect = 0;
    // Out-of-scope lines given book, cancel or reschedule with confidence at or above the
    // floor: the mistake that would start a booking form for "book a table for two".
    int schedulingOnOutOfScope = 0;
    std::vector<std::string> schedulingOnOutOfScopeExamples;
    std::vector<Confusion> confusions;  // most frequent first
    double inScopeAccuracy() const { return inScope ? double(inScopeCorrect) / inScope : 0.0; }
    double outOfScopeRecall() const { return outOfScope ? double(outOfScopeCorrect) / outOfScope : 0.0; }
};

using ClassifyFn = std::function<IntentResult(const std::string&)>;

// classify must already apply the confidence floor (as IntentClassifier::classify does).
NluEvaluation evaluateIntents(const std::vector<LabelledUtterance>& items, const ClassifyFn& classify);
NluEvaluation evaluateIntents(const std::vector<LabelledUtterance>& items, const IntentClassifier& classifier);

void printEvaluation(const NluEvaluation& e, std::ostream& out, std::size_t maxConfusions = 10);

bool isSchedulingIntent(const std::string& intent);

}  // namespace medassist::assistant::engine
