// The scoring behind `medassist-admin nlu-eval`, on a stand-in classifier.
#include <boost/test/unit_test.hpp>

#include <map>
#include <sstream>

#include "assistant/engine/nlu_eval.hpp"

using namespace medassist::assistant::engine;

BOOST_AUTO_TEST_SUITE(nlu_eval)

BOOST_AUTO_TEST_CASE(parses_intent_tab_utterance_and_names_bad_lines) {
    std::istringstream in("# comment\n\ngreet\thello there\r\nfaq\twhere are you?\nno tab here\n\tno intent\nfaq\t  \n");
    const auto file = parseLabelledTsv(in);
    BOOST_REQUIRE(file.items.size() == 2u);
    BOOST_TEST(file.items[0].intent == "greet");
    BOOST_TEST(file.items[0].text == "hello there");
    BOOST_TEST(file.items[1].text == "where are you?");
    BOOST_REQUIRE(file.errors.size() == 3u);
    BOOST_TEST(file.errors[0].rfind("line 5:", 0) == 0);
    BOOST_TEST(file.errors[1].rfind("line 6:", 0) == 0);
    BOOST_TEST(file.errors[2].rfind("line 7:", 0) == 0);
}

BOOST_AUTO_TEST_CASE(scores_precision_recall_and_the_out_of_scope_figures) {
    const std::map<std::string, IntentResult> answers = {
        {"book please", {"book_appointment", 0.9}},     {"new visit", {"book_appointment", 0.8}},
        {"hi", {"greet", 0.9}},                         {"hey", {"book_appointment", 0.6}},
        {"table for two", {"book_appointment", 0.7}},   {"weather", {"out_of_scope", 0.2}},
        {"pizza", {"out_of_scope", 0.9}},               {"bye", {"out_of_scope", 0.1}},
    };
    const std::vector<LabelledUtterance> items = {
        {"book_appointment", "book please"}, {"book_appointment", "new visit"}, {"greet", "hi"},
        {"greet", "hey"}, {"out_of_scope", "table for two"}, {"out_of_scope", "weather"},
        {"out_of_scope", "pizza"}, {"goodbye", "bye"},
    };
    const auto e = evaluateIntents(items, [&](const std::string& t) { return answers.at(t); });
    BOOST_TEST(e.inScope == 5);
    BOOST_TEST(e.inScopeCorrect == 3);
    BOOST_TEST(e.inScopeAccuracy() == 0.6);
    BOOST_TEST(e.outOfScope == 3);
    BOOST_TEST(e.outOfScopeCorrect == 2);
    BOOST_TEST(e.schedulingOnOutOfScope == 1);
    BOOST_REQUIRE(e.schedulingOnOutOfScopeExamples.size() == 1u);
    BOOST_TEST(e.schedulingOnOutOfScopeExamples[0] == "table for two");

    std::map<std::string, IntentScore> byName;
    for (const auto& s : e.perIntent) byName[s.intent] = s;
    BOOST_TEST(byName["book_appointment"].support == 2);
    BOOST_TEST(byName["book_appointment"].predicted == 4);
    BOOST_TEST(byName["book_appointment"].precision() == 0.5);
    BOOST_TEST(byName["book_appointment"].recall() == 1.0);
    BOOST_TEST(byName["greet"].recall() == 0.5);
    BOOST_TEST(byName["goodbye"].recall() == 0.0);
    BOOST_TEST(byName["goodbye"].precision() == 0.0);  // never predicted: 0, not a division by zero

    BOOST_REQUIRE(!e.confusions.empty());
    BOOST_TEST(e.confusions[0].count == 1);
    std::ostringstream out;
    printEvaluation(e, out);
    BOOST_TEST(out.str().find("in-scope accuracy:   0.600") != std::string::npos);
    BOOST_TEST(out.str().find("out_of_scope -> book_appointment") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
