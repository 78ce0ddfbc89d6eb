#include "assistant/engine/nlu_eval.hpp"

#include <algorithm>
#include <iomanip>
#include <map>
#include <utility>

namespace medassist::assistant::engine {

bool isSchedulingIntent(const std::string& intent) {
    return intent == "book_appointment" || intent == "cancel_appointment" || intent == "reschedule_appointment";
}

LabelledFile parseLabelledTsv(std::istream& in) {
    LabelledFile file;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        const auto tab = line.find('\t');
        std::string error;
        if (tab == std::string::npos) {
            error = "no tab between the intent and the utterance";
        } else if (tab == 0) {
            error = "no intent before the tab";
        } else if (line.find_first_not_of(" \t", tab) == std::string::npos) {
            error = "no utterance after the tab";
        }
        if (!error.empty()) {
            std::string msg = "line ";
            msg += std::to_string(lineNo);
            msg += ": ";
            msg += error;
            file.errors.push_back(std::move(msg));
            continue;
        }
        file.items.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    return file;
}

NluEvaluation evaluateIntents(const std::vector<LabelledUtterance>& items, const ClassifyFn& classify) {
    NluEvaluation e;
    std::map<std::string, IntentScore> scores;
    std::map<std::pair<std::string, std::string>, Confusion> confusions;
    for (const auto& item : items) {
        const IntentResult r = classify(item.text);
        auto& gold = scores[item.intent];
        gold.support++;
        scores[r.intent].predicted++;
        const bool right = r.intent == item.intent;
        if (right) gold.correct++;
        if (item.intent == IntentClassifier::kOutOfScope) {
            e.outOfScope++;
            if (right) e.outOfScopeCorrect++;
            if (isSchedulingIntent(r.intent)) {
                e.schedulingOnOutOfScope++;
                e.schedulingOnOutOfScopeExamples.push_back(item.text);
            }
        } else {
            e.inScope++;
            if (right) e.inScopeCorrect++;
        }
        if (!right) {
            auto& c = confusions[{item.intent, r.intent}];
            c.gold = item.intent;
            c.predicted = r.intent;
            c.count++;
            if (c.examples.size() < 3) c.examples.push_back(item.text);
        }
    }
    for (auto& [name, s] : scores) {
        s.intent = name;
        e.perIntent.push_back(s);
    }
    for (auto& [key, c] : confusions) e.confusions.push_back(std::move(c));
    std::stable_sort(e.confusions.begin(), e.confusions.end(),
                     [](const Confusion& a, const Confusion& b) { return a.count > b.count; });
    return e;
}

NluEvaluation evaluateIntents(const std::vector<LabelledUtterance>& items, const IntentClassifier& classifier) {
    return evaluateIntents(items, [&classifier](const std::string& text) { return classifier.classify(text); });
}

void printEvaluation(const NluEvaluation& e, std::ostream& out, std::size_t maxConfusions) {
    const auto flags = out.flags();
    const auto precision = out.precision();
    out << std::left << std::setw(24) << "intent" << std::right << std::setw(9) << "support" << std::setw(11)
        << "precision" << std::setw(9) << "recall" << "\n";
    out << std::fixed << std::setprecision(3);
    for (const auto& s : e.perIntent) {
        out << std::left << std::setw(24) << s.intent << std::right << std::setw(9) << s.support << std::setw(11)
            << s.precision() << std::setw(9) << s.recall() << "\n";
    }
    out << "\nin-scope accuracy:   " << e.inScopeAccuracy() << "  (" << e.inScopeCorrect << "/" << e.inScope << ")\n";
    out << "out-of-scope recall: " << e.outOfScopeRecall() << "  (" << e.outOfScopeCorrect << "/" << e.outOfScope
        << ")\n";
    out << "out-of-scope lines given book/cancel/reschedule above the floor: " << e.schedulingOnOutOfScope << "\n";
    for (const auto& text : e.schedulingOnOutOfScopeExamples) out << "  \"" << text << "\"\n";
    if (!e.confusions.empty()) {
        out << "\nmain confusions (labelled -> predicted):\n";
        for (std::size_t i = 0; i < e.confusions.size() && i < maxConfusions; ++i) {
            const auto& c = e.confusions[i];
            out << std::setw(5) << c.count << "  " << c.gold << " -> " << c.predicted << "   e.g. \""
                << c.examples.front() << "\"\n";
        }
    }
    out.flags(flags);
    out.precision(precision);
}

}  // namespace medassist::assistant::engine
