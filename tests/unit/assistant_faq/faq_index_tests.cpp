// The assistant's FAQ retrieval over the practice's own 33 entries (parsed from
// sql/seed/0003_faq.sql, as the demo practice has them): which entry answers a patient's
// words, when the assistant must say it does not know, and that edits swap in while other
// threads search.
//
// faq_questions.tsv is what FaqIndex::kScoreFloor was chosen on; faq_heldout.tsv was written
// afterwards and is reported (with looser bars) to show how the choice holds on new words.
#include <boost/test/unit_test.hpp>

#include <map>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "assistant/engine/faq_index.hpp"
#include "../../support/seed_facts.hpp"

namespace fs = std::filesystem;
using namespace medassist::assistant::engine;

namespace {

const fs::path kSourceDir = MEDASSIST_SOURCE_DIR;
const fs::path kHere = kSourceDir / "tests/unit/assistant_faq";

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in, "cannot read " << path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The (question, answer, tags) tuples of the seed's INSERT, ids 101, 102, ... in file order
// (ids the database would not give, so a test that mixes them up notices).
std::vector<FaqEntry> seedEntries() {
    const std::string sql = readAll(kSourceDir / "sql/seed/0003_faq.sql");
    std::vector<FaqEntry> entries;
    std::vector<std::string> literals;
    int depth = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = std::min(sql.find('\n', i), sql.size());
        } else if (c == '\'') {
            std::string value;
            for (++i; i < sql.size(); ++i) {
                if (sql[i] != '\'') {
                    value += sql[i];
                } else if (i + 1 < sql.size() && sql[i + 1] == '\'') {
                    value += '\'';
                    ++i;
                } else {
                    break;
                }
            }
            literals.push_back(std::move(value));
        } else if (c == '(') {
            ++depth;
            literals.clear();
        } else if (c == ')' && --depth == 0 && !literals.empty()) {  // not the column list
            BOOST_REQUIRE_EQUAL(literals.size(), 3u);
            entries.push_back(FaqEntry{101 + static_cast<std::int64_t>(entries.size()), literals[0],
                                       medassist::testing::renderSeedAnswer(literals[1]), literals[2]});
        }
    }
    return entries;
}

const std::vector<FaqEntry>& seed() {
    static const std::vector<FaqEntry> entries = seedEntries();
    return entries;
}

const FaqIndex& seedIndex() {
    static const FaqIndex index(seed());
    return index;
}

struct Labelled {
    std::string expected;  // a seed question, or "-" when the FAQ has no answer
    std::string text;
};

std::vector<Labelled> labelled(const std::string& file) {
    std::istringstream in(readAll(kHere / file));
    std::vector<Labelled> out;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        BOOST_REQUIRE_MESSAGE(tab != std::string::npos && tab + 1 < line.size(), file << ":" << number << ": no tab");
        out.push_back(Labelled{line.substr(0, tab), line.substr(tab + 1)});
    }
    return out;
}

struct Figures {
    int answerable = 0, top1 = 0, answeredRight = 0;
    int unanswerable = 0, belowFloor = 0;
    std::vector<std::string> misses;  // for the log
    double top1Rate() const { return answerable ? double(top1) / answerable : 0.0; }
    double answeredRate() const { return answerable ? double(answeredRight) / answerable : 0.0; }
    double refusedRate() const { return unanswerable ? double(belowFloor) / unanswerable : 0.0; }
};

Figures score(const FaqIndex& index, const std::vector<Labelled>& items) {
    Figures f;
    for (const auto& item : items) {
        const auto hits = index.search(item.text, 1);
        const bool confident = !hits.empty() && hits[0].score >= index.scoreFloor();
        std::ostringstream why;
        if (item.expected == "-") {
            ++f.unanswerable;
            if (!confident) {
                ++f.belowFloor;
                continue;
            }
            why << "answered \"" << item.text << "\" with \"" << hits[0].question << "\" (" << hits[0].score << ")";
        } else {
            ++f.answerable;
            const bool right = !hits.empty() && hits[0].question == item.expected;
            f.top1 += right;
            f.answeredRight += right && confident;
            if (right && confident) continue;
            why << "\"" << item.text << "\": ";
            if (hits.empty())
                why << "nothing";
            else
                why << "\"" << hits[0].question << "\" (" << hits[0].score << ")";
        }
        f.misses.push_back(why.str());
    }
    return f;
}

void report(const std::string& file, const Figures& f) {
    BOOST_TEST_MESSAGE(file << ": top-1 " << f.top1 << "/" << f.answerable << " (" << 100 * f.top1Rate()
                            << "%), answered right above the floor " << f.answeredRight << "/" << f.answerable << " ("
                            << 100 * f.answeredRate() << "%), unanswerable below the floor " << f.belowFloor << "/"
                            << f.unanswerable << " (" << 100 * f.refusedRate() << "%)");
    for (const auto& miss : f.misses) BOOST_TEST_MESSAGE("  miss: " << miss);
}

std::string questionOfBest(const FaqIndex& index, const std::string& text) {
    const auto hit = index.best(text);
    return hit ? hit->question : "(none)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faq_data)

BOOST_AUTO_TEST_CASE(the_seed_has_the_practices_33_entries) {
    BOOST_TEST(seed().size() == 33u);
    std::set<std::string> questions;
    for (const auto& e : seed()) {
        BOOST_TEST(!e.question.empty());
        BOOST_TEST(e.answer.size() > 40u);
        BOOST_TEST(!e.tags.empty());
        questions.insert(e.question);
    }
    BOOST_TEST(questions.size() == 33u);
    BOOST_TEST(questions.count("How do I prepare for a blood test?") == 1u);
    BOOST_TEST(questions.count("Where is the practice?") == 1u);
}

BOOST_AUTO_TEST_CASE(every_labelled_line_names_a_seed_question) {
    std::set<std::string> questions;
    for (const auto& e : seed()) questions.insert(e.question);
    for (const std::string file : {"faq_questions.tsv", "faq_heldout.tsv"}) {
        std::set<std::string> covered, texts;
        int answerable = 0, unanswerable = 0;
        for (const auto& item : labelled(file)) {
            BOOST_TEST((item.expected == "-" || questions.count(item.expected) == 1u), file << ": " << item.expected);
            BOOST_TEST(texts.insert(item.text).second, file << ": twice: " << item.text);
            (item.expected == "-" ? unanswerable : answerable)++;
            covered.insert(item.expected);
        }
        if (file == "faq_questions.tsv") {
            BOOST_TEST(answerable >= 80);
            BOOST_TEST(unanswerable >= 30);
            BOOST_TEST(covered.size() == 34u);  // all 33 entries, and "-"
        }
    }
    // No phrasing is a seed question itself: the figures are about patients' own words.
    for (const auto& item : labelled("faq_questions.tsv"))
        for (const auto& e : seed()) BOOST_TEST(item.text != e.question);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(faq_quality)

// The bars the floor was chosen for. Top-1: the best entry is the right one, whatever its
// score; answered right: ... and it reaches the floor, so the patient gets it; refused: the
// best entry of a question the FAQ cannot answer stays below the floor.
BOOST_AUTO_TEST_CASE(labelled_questions_meet_the_bars) {
    const auto f = score(seedIndex(), labelled("faq_questions.tsv"));
    report("faq_questions.tsv", f);
    BOOST_TEST(f.top1Rate() >= 0.90);
    BOOST_TEST(f.refusedRate() >= 0.90);
    BOOST_TEST(f.answeredRate() >= 0.85);
}

// Never tuned on: a guard against a change that only fits the labelled file.
BOOST_AUTO_TEST_CASE(held_out_questions_stay_close) {
    const auto f = score(seedIndex(), labelled("faq_heldout.tsv"));
    report("faq_heldout.tsv", f);
    BOOST_TEST(f.top1Rate() >= 0.75);
    BOOST_TEST(f.answeredRate() >= 0.65);
    BOOST_TEST(f.refusedRate() >= 0.85);
}

BOOST_AUTO_TEST_CASE(common_questions_get_their_entry) {
    const auto& index = seedIndex();
    BOOST_TEST(questionOfBest(index, "Where can I park?") == "Is there parking near the practice?");
    BOOST_TEST(questionOfBest(index, "DO YOU TAKE AXA") ==
               "Do you work with the national health service (SSN) or privately?");
    BOOST_TEST(questionOfBest(index, "how much is a visit") == "How much does a private visit cost?");
    BOOST_TEST(questionOfBest(index, "do i need to fast before bloods") == "How do I prepare for a blood test?");
    BOOST_TEST(questionOfBest(index, "can I get a flu jab?") == "Do you offer the flu vaccine?");
    BOOST_TEST(questionOfBest(index, "who do I call at night") == "Who can I call when the practice is closed?");
}

BOOST_AUTO_TEST_CASE(questions_the_faq_cannot_answer_get_none) {
    const auto& index = seedIndex();
    for (const std::string text : {"do you do tattoo removal", "what's the wifi password", "how old is dr rossi",
                                   "tell me a joke", "can i get a massage", "what is 2 plus 2"})
        BOOST_TEST(questionOfBest(index, text) == "(none)", text);
}

BOOST_AUTO_TEST_CASE(hits_come_best_first_with_scores_in_range) {
    const auto& index = seedIndex();
    const auto hits = index.search("vaccines for children and travel", 5);
    BOOST_TEST_REQUIRE(hits.size() == 5u);
    std::set<std::int64_t> ids;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        BOOST_TEST(hits[i].score >= 0.0);
        BOOST_TEST(hits[i].score <= 1.0);
        BOOST_TEST(hits[i].bm25 > 0.0);
        if (i > 0) BOOST_TEST(hits[i].bm25 <= hits[i - 1].bm25);
        BOOST_TEST((hits[i].id >= 101 && hits[i].id <= 133));
        ids.insert(hits[i].id);
        const auto& entry = seed()[static_cast<std::size_t>(hits[i].id - 101)];
        BOOST_TEST(hits[i].question == entry.question);
        BOOST_TEST(hits[i].answer == entry.answer);
    }
    BOOST_TEST(ids.size() == 5u);
    BOOST_TEST(index.search("vaccines", 0).empty());
    BOOST_TEST(index.search("vaccines", 1000).size() <= 33u);
    BOOST_TEST(index.search("parking").size() <= 3u);  // k = 3 by default
}

BOOST_AUTO_TEST_CASE(a_whole_tag_phrase_picks_its_entry) {
    const auto& index = seedIndex();
    // Only stopwords, but the assistant entry has the tag "what can you do".
    BOOST_TEST(questionOfBest(index, "What can you do?") == "What can the assistant do?");
    // "sign" is in the password entry too; "sign up" is a tag of registering.
    BOOST_TEST(questionOfBest(index, "how do i sign up") == "How do I register as a new patient?");
}

BOOST_AUTO_TEST_CASE(the_sentence_asked_and_its_last_clause_answer) {
    const auto& index = seedIndex();
    // The question among other sentences answers, whatever the other words add to the whole.
    BOOST_TEST(questionOfBest(index, "what's your address exactly? I've never been") == "Where is the practice?");
    // When a sentence finds nothing, its last clause is asked on its own.
    BOOST_TEST(questionOfBest(index, "wait before I pick anything, what's your address exactly?") ==
               "Where is the practice?");
}

BOOST_AUTO_TEST_CASE(dropped_and_swapped_letters_are_mended) {
    const auto& index = seedIndex();
    BOOST_TEST(questionOfBest(index, "opening tmes") == "What are your opening hours?");
    BOOST_TEST(questionOfBest(index, "wher is the practice") == "Where is the practice?");
    BOOST_TEST(questionOfBest(index, "is there pakring") == "Is there parking near the practice?");
    // A changed letter is not: "massage" stays "massage", not "message".
    BOOST_TEST(questionOfBest(index, "massage") == "(none)");
}

BOOST_AUTO_TEST_CASE(messages_of_stopwords_find_nothing) {
    const auto& index = seedIndex();
    for (const std::string text : {"how are you", "yes", "and", "what is it", "who are you", "ok thanks", "", "   "})
        BOOST_TEST(index.search(text).empty(), "\"" << text << "\"");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(faq_robustness)

BOOST_AUTO_TEST_CASE(html_and_odd_input_are_harmless) {
    const auto& index = seedIndex();
    std::string longWord(300, 'x');
    std::string huge;
    while (huge.size() < 1'000'000) huge += "parking <b>insurance</b> \"AND\" (OR NOT) ";
    std::string withNul("parking\0insurance", 17);
    const std::vector<std::string> inputs = {
        "<script>alert('parking')</script>",
        "<b>parking</b>",
        "\"unbalanced quote",
        "AND OR NOT (",
        "parking AND",
        "(((((",
        "-parking +insurance",
        "price:* title:parking",
        "*",
        "' OR 1=1 --",
        "%s%n%x",
        "\xff\xfe\xfd invalid utf-8 \xc3",
        "dov'\xc3\xa8 il parcheggio?",
        "\xf0\x9f\x9a\x97 parking \xf0\x9f\x85\xbf\xef\xb8\x8f",
        "\xe2\x80\x9cparking\xe2\x80\x9d \xe2\x80\x93 can\xe2\x80\x99t find it",
        longWord,
        longWord + " parking",
        huge,
        withNul,
        "\t\r\n parking \t\r\n",
        std::string(5000, '!'),
    };
    for (const auto& text : inputs) {
        std::vector<FaqHit> hits;
        BOOST_CHECK_NO_THROW(hits = index.search(text, 5));
        for (const auto& hit : hits) {
            BOOST_TEST(hit.score >= 0.0);
            BOOST_TEST(hit.score <= 1.0);
        }
        BOOST_CHECK_NO_THROW(index.best(text));
    }
    BOOST_TEST(questionOfBest(index, "<b>parking</b>") == "Is there parking near the practice?");
    BOOST_TEST(questionOfBest(index, "\xe2\x80\x9cparking\xe2\x80\x9d?") == "Is there parking near the practice?");

    // A megabyte costs no more than its first kilobyte.
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) (void)index.search(huge);
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    BOOST_TEST(elapsed.count() < 2000);
}

BOOST_AUTO_TEST_CASE(an_empty_index_answers_nothing) {
    const FaqIndex empty({});
    BOOST_TEST(empty.size() == 0u);
    BOOST_TEST(empty.search("where can i park").empty());
    BOOST_TEST(!empty.best("where can i park"));
    BOOST_TEST(empty.search("").empty());

    const FaqKnowledge knowledge;
    BOOST_TEST_REQUIRE(knowledge.current() != nullptr);
    BOOST_TEST(knowledge.current()->size() == 0u);
    BOOST_TEST(!knowledge.current()->best("opening hours"));
}

BOOST_AUTO_TEST_CASE(sparse_and_odd_entries_are_indexed) {
    const FaqIndex index({
        FaqEntry{7, "", "", ""},
        FaqEntry{8, "Do you have wifi?", "Yes: the network is Aurora-Guest, ask reception for the code.", ""},
        FaqEntry{9, "<b>Bold</b> & \"quoted\"", "", "a&e, can't sign in, , ,,"},
        FaqEntry{10, std::string(5000, 'q'), std::string(100'000, 'a'), std::string(300, 'z')},
    });
    BOOST_TEST(index.size() == 4u);
    const auto hit = index.best("is there wifi");
    BOOST_TEST_REQUIRE(hit.has_value());
    BOOST_TEST(hit->id == 8);
    BOOST_TEST(questionOfBest(index, "I can't sign in") == "<b>Bold</b> & \"quoted\"");
    BOOST_TEST(questionOfBest(index, "A&E") == "<b>Bold</b> & \"quoted\"");
}

BOOST_AUTO_TEST_CASE(a_floor_of_ones_own) {
    const FaqIndex strict(seed(), 1.0);
    BOOST_TEST(strict.scoreFloor() == 1.0);
    BOOST_TEST(!strict.best("where can i park"));  // "where" is not in the parking entry
    BOOST_TEST(strict.best("parking").has_value());
    BOOST_TEST(seedIndex().scoreFloor() == FaqIndex::kScoreFloor);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(faq_threads)

// The same answers from 8 threads at once as from one.
BOOST_AUTO_TEST_CASE(eight_threads_search_one_index) {
    const auto& index = seedIndex();
    const auto items = labelled("faq_questions.tsv");
    std::vector<std::int64_t> expected;
    for (const auto& item : items) {
        const auto hits = index.search(item.text, 1);
        expected.push_back(hits.empty() ? 0 : hits[0].id);
    }
    std::atomic<int> wrong{0}, done{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round)
                for (std::size_t i = 0; i < items.size(); ++i) {
                    const auto at = (i + static_cast<std::size_t>(t) * 17) % items.size();
                    const auto hits = index.search(items[at].text, 1);
                    if ((hits.empty() ? 0 : hits[0].id) != expected[at]) ++wrong;
                    ++done;
                }
        });
    for (auto& thread : threads) thread.join();
    BOOST_TEST(wrong.load() == 0);
    BOOST_TEST(done.load() == 8 * 20 * static_cast<int>(items.size()));
}

// An admin's edits swap in while 8 threads search: each search sees either the old FAQ or
// the new one, whole, and a reader keeps the index it got until it lets go.
BOOST_AUTO_TEST_CASE(replace_swaps_while_eight_threads_search) {
    auto withWifi = seed();
    withWifi.push_back(FaqEntry{900, "Is there wifi for patients?",
                                "Yes: connect to Aurora-Guest; the password is on the waiting room wall.",
                                "wifi, wi-fi, internet, password, network"});
    FaqKnowledge knowledge(seed());

    std::atomic<bool> stop{false};
    std::atomic<int> searches{0}, inconsistent{0}, sawOld{0}, sawNew{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            while (!stop.load()) {
                const auto index = knowledge.current();
                const auto hit = index->best("what's the wifi password");
                const auto parking = index->best("where can i park");
                if (index->size() == 34) {
                    ++sawNew;
                    if (!hit || hit->id != 900) ++inconsistent;
                } else {
                    ++sawOld;
                    if (hit || index->size() != 33) ++inconsistent;
                }
                if (!parking || parking->question != "Is there parking near the practice?") ++inconsistent;
                ++searches;
            }
        });

    const auto held = knowledge.current();  // a reader that keeps the first index throughout
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    int swaps = 0;
    while (swaps < 200 || sawOld.load() < 50 || sawNew.load() < 50) {
        knowledge.replace(swaps % 2 == 0 ? withWifi : seed());
        ++swaps;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (std::chrono::steady_clock::now() > deadline) break;
    }
    stop = true;
    for (auto& thread : threads) thread.join();

    BOOST_TEST_MESSAGE(swaps << " swaps, " << searches.load() << " searches");
    BOOST_TEST(inconsistent.load() == 0);
    BOOST_TEST(sawOld.load() >= 50);
    BOOST_TEST(sawNew.load() >= 50);
    BOOST_TEST(held->size() == 33u);
    BOOST_TEST(!held->best("what's the wifi password"));

    knowledge.replace(withWifi);
    const auto hit = knowledge.current()->best("wifi password?");
    BOOST_TEST_REQUIRE(hit.has_value());
    BOOST_TEST(hit->id == 900);
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 17: one index per language; a question is answered from the language that explains it.
BOOST_AUTO_TEST_SUITE(faq_languages)

BOOST_AUTO_TEST_CASE(italian_questions_get_the_italian_version_and_english_ones_the_english) {
    using medassist::assistant::engine::FaqKnowledge;
    std::map<std::string, std::vector<FaqEntry>> byLanguage;
    byLanguage["en"] = {{1, "Is there parking near the practice?", "There is paid street parking.", "parking, car"},
                        {2, "What are your opening hours?", "Monday to Friday 08:00-19:00.", "hours, open"}};
    byLanguage["it"] = {{1, "C'è un parcheggio vicino allo studio?", "Ci sono parcheggi a pagamento (strisce blu).",
                         "parcheggio, parcheggiare, auto, macchina"},
                        {3, "Dove si trova lo studio?", "In via dei Mille 24, a Roma.", "indirizzo, dove, via"}};
    FaqKnowledge knowledge;
    knowledge.replace(byLanguage);
    auto it = knowledge.best("dove posso parcheggiare la macchina?", "it");
    BOOST_TEST_REQUIRE(it.has_value());
    BOOST_TEST(it->id == 1);
    BOOST_TEST(it->language == "it");
    BOOST_TEST(it->answer == "Ci sono parcheggi a pagamento (strisce blu).");
    auto en = knowledge.best("where can I park my car?", "en");
    BOOST_TEST_REQUIRE(en.has_value());
    BOOST_TEST(en->language == "en");
    // The Italian stemmer: "parcheggi" and "parcheggiare" meet "parcheggio".
    BOOST_TEST(knowledge.current("it")->search("parcheggi", 1).at(0).id == 1);
    // Elided articles are split: "l'indirizzo" finds "indirizzo".
    auto address = knowledge.best("qual è l'indirizzo dello studio?", "it");
    BOOST_TEST_REQUIRE(address.has_value());
    BOOST_TEST(address->id == 3);
    // No Italian version of the hours: an Italian question with the English words still finds it.
    BOOST_TEST(knowledge.current("de")->language() == "en");
    BOOST_TEST(!knowledge.best("ciao come stai", "it").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
