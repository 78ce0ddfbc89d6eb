// The intent model the build trains, scored on the held-out file no training step reads
// (fcgi_app/assistant/data/heldout.tsv), plus the cases a patient would notice first.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "assistant/engine/intent_classifier.hpp"
#include "assistant/engine/nlu_eval.hpp"
#include "assistant/engine/text_normalize.hpp"

namespace fs = std::filesystem;
using namespace medassist::assistant::engine;

namespace {

const fs::path kDataDir = fs::path(MEDASSIST_SOURCE_DIR) / "fcgi_app/assistant/data";

const IntentClassifier& classifier() {
    static const IntentClassifier instance(defaultModelPath());
    return instance;
}

std::vector<LabelledUtterance> heldout() {
    std::ifstream in(kDataDir / "heldout.tsv");
    BOOST_REQUIRE_MESSAGE(in, "cannot read heldout.tsv");
    auto file = parseLabelledTsv(in);
    BOOST_REQUIRE_MESSAGE(file.errors.empty(), "heldout.tsv: " << (file.errors.empty() ? "" : file.errors[0]));
    return file.items;
}

// Normalized training lines, per intent file.
std::map<std::string, std::vector<std::string>> trainingLines() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& e : fs::directory_iterator(kDataDir / "intents")) {
        if (e.path().extension() != ".txt") continue;
        std::ifstream in(e.path());
        std::string line;
        while (std::getline(in, line)) {
            const auto first = line.find_first_not_of(" \t\r");
            if (first == std::string::npos || line[first] == '#') continue;
            out[e.path().stem().string()].push_back(normalizeText(line));
        }
    }
    return out;
}

std::vector<std::string> sortedTokens(const std::string& normalized) {
    std::istringstream in(normalized);
    std::vector<std::string> tokens{std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    return tokens;
}

double jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    const auto unionSize = a.size() + b.size() - both.size();
    return unionSize ? double(both.size()) / double(unionSize) : 1.0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(intent_model)

BOOST_AUTO_TEST_CASE(the_build_writes_a_small_model) {
    const auto path = defaultModelPath();
    BOOST_REQUIRE_MESSAGE(fs::exists(path), path << " is missing: build the nlu_model target");
    BOOST_TEST(fs::file_size(path) < 5u * 1024 * 1024);
    BOOST_TEST(classifier().confidenceFloor() == IntentClassifier::kConfidenceFloor);
    const auto& intents = classifier().intents();
    for (const char* required :
         {"book_appointment", "cancel_appointment", "reschedule_appointment", "list_appointments", "faq",
          "doctor_info", "greet", "goodbye", "thanks", "affirm", "deny", "help", "emergency", "medical_advice",
          "other_person", "human_handoff", "out_of_scope", "inform", "restart"})
        BOOST_TEST((std::find(intents.begin(), intents.end(), required) != intents.end()), required);
}

BOOST_AUTO_TEST_CASE(a_missing_model_is_a_clear_error) {
    try {
        IntentClassifier c("/nonexistent/intents.bin");
        BOOST_FAIL("no exception");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("/nonexistent/intents.bin") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_model_path_can_come_from_the_environment) {
    const std::string built = defaultModelPath();
    ::setenv("MEDASSIST_NLU_MODEL", "/srv/medassist/intents.bin", 1);
    const std::string fromEnv = defaultModelPath();
    ::unsetenv("MEDASSIST_NLU_MODEL");
    BOOST_TEST(fromEnv == "/srv/medassist/intents.bin");
    BOOST_TEST(defaultModelPath() == built);
}

BOOST_AUTO_TEST_CASE(heldout_lines_are_not_training_lines) {
    const auto training = trainingLines();
    std::vector<std::pair<std::string, std::vector<std::string>>> trainTokens;
    for (const auto& [intent, lines] : training)
        for (const auto& l : lines) trainTokens.emplace_back(l, sortedTokens(l));
    const auto items = heldout();
    std::map<std::string, int> perIntent;
    std::vector<std::string> repeats;
    for (const auto& item : items) {
        perIntent[item.intent]++;
        const auto text = normalizeText(item.text);
        const auto tokens = sortedTokens(text);
        for (const auto& [line, lineTokens] : trainTokens) {
            // Near duplicates count too: the same words in another order, or one word apart.
            if (line == text || jaccard(tokens, lineTokens) >= 0.75) {
                std::string repeat = item.text;
                repeat += " ~ ";
                repeat += line;
                repeats.push_back(std::move(repeat));
            }
        }
    }
    const std::string first = repeats.empty() ? std::string() : repeats.front();
    BOOST_TEST(repeats.empty(), repeats.size() << " held-out lines (nearly) repeat training lines, e.g. " << first);
    for (const auto& [intent, lines] : training) {
        BOOST_TEST(lines.size() >= (intent == "out_of_scope" ? 150u : 70u), intent << " has " << lines.size());
        BOOST_TEST(perIntent[intent] >= (intent == "out_of_scope" ? 60 : 15), intent << " held out " << perIntent[intent]);
    }
}

BOOST_AUTO_TEST_CASE(heldout_quality_bars) {
    const auto e = evaluateIntents(heldout(), classifier());
    std::ostringstream report;
    printEvaluation(e, report);
    BOOST_TEST_MESSAGE(report.str());
    BOOST_TEST(e.inScopeAccuracy() >= 0.95, "in-scope accuracy " << e.inScopeAccuracy());
    BOOST_TEST(e.outOfScopeRecall() >= 0.95, "out-of-scope recall " << e.outOfScopeRecall());
    BOOST_TEST(e.schedulingOnOutOfScope == 0, "book/cancel/reschedule on out-of-scope lines: "
                                                  << e.schedulingOnOutOfScope);
}

BOOST_AUTO_TEST_CASE(near_misses_from_other_domains_are_out_of_scope) {
    for (const char* text : {"book a table for two", "book a flight to Rome", "cancel my Netflix",
                             "schedule a meeting with John"}) {
        const auto r = classifier().classify(text);
        BOOST_TEST(r.intent == "out_of_scope", text << " -> " << r.intent << " " << r.confidence);
    }
}

BOOST_AUTO_TEST_CASE(the_cases_that_matter_most) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"I have crushing chest pain", "emergency"},
        {"cancel my appointment with Dr. Rossi", "cancel_appointment"},
        {"what time is Maria Bianchi's appointment?", "other_person"},
    };
    for (const auto& [text, intent] : cases) {
        const auto r = classifier().classify(text);
        BOOST_TEST(r.intent == intent, text << " -> " << r.intent << " " << r.confidence);
        BOOST_TEST(r.confidence >= classifier().confidenceFloor());
    }
}

BOOST_AUTO_TEST_CASE(empty_or_blank_input_is_out_of_scope) {
    for (const char* text : {"", "   ", "\n\t"}) BOOST_TEST(classifier().classify(text).intent == "out_of_scope");
}

BOOST_AUTO_TEST_CASE(below_the_floor_is_out_of_scope) {
    // With a floor above every possible confidence, everything is out of scope; with none,
    // the raw top label comes through.
    IntentClassifier strict(defaultModelPath(), 1.01);
    IntentClassifier lax(defaultModelPath(), 0.0);
    const std::string text = "I'd like to book an appointment with Dr. Marino";
    BOOST_TEST(strict.classify(text).intent == "out_of_scope");
    BOOST_TEST(lax.classify(text).intent == "book_appointment");
    BOOST_TEST(lax.classify(text).confidence == strict.classify(text).confidence);
}

BOOST_AUTO_TEST_CASE(one_shared_model_answers_eight_threads_as_it_answers_one) {
    const auto items = heldout();
    std::vector<IntentResult> expected;
    for (const auto& item : items) expected.push_back(classifier().classify(item.text));

    constexpr int kThreads = 8;
    std::vector<std::vector<IntentResult>> got(kThreads);
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                // Each thread starts at a different line, so they hit the model on different
                // inputs at the same time.
                std::vector<IntentResult> mine(items.size());
                for (std::size_t k = 0; k < items.size() * 3; ++k) {
                    const std::size_t i = (k + std::size_t(t) * 37) % items.size();
                    mine[i] = classifier().classify(items[i].text);
                }
                got[t] = std::move(mine);
            });
        }
    }
    for (int t = 0; t < kThreads; ++t) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            BOOST_TEST(got[t][i].intent == expected[i].intent, "thread " << t << ": " << items[i].text);
            BOOST_TEST(got[t][i].confidence == expected[i].confidence);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
