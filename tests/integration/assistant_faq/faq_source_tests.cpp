// The assistant's FAQ follows admins' edits without a restart: FaqSource over the test
// stack's faq_entries, through the app's own database account. Each test adds rows with
// random words of its own and removes them again, leaving the table (and its version) as it
// found it.
#define BOOST_TEST_MODULE integration_assistant_faq
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app_db.hpp"
#include "assistant/engine/faq_index.hpp"
#include "assistant/faq_source.hpp"
#include "i18n/catalogs.hpp"
#include "site/faq_store.hpp"
#include "site/practice_service.hpp"
#include "site/practice_store.hpp"

using namespace medassist;
using namespace medassist::testing;
using assistant::FaqSource;
using assistant::engine::FaqKnowledge;

BOOST_TEST_GLOBAL_FIXTURE(RequireStack);

namespace {

constexpr std::chrono::milliseconds kEveryTime{0};

// Rows this test added, removed at the end whatever happens.
struct Added {
    site::FaqStore& store;
    std::vector<std::int64_t> ids;
    ~Added() {
        for (auto id : ids) try {
                store.remove(id);
            } catch (const std::exception&) {
            }
    }
    std::int64_t create(const std::string& word) {
        site::FaqEntry entry;
        entry.question = "Do you lend a ";
        entry.question += word;
        entry.question += " to patients?";
        entry.answer = "Yes, ask reception for the ";
        entry.answer += word;
        entry.answer += " when you arrive.";
        entry.tags = word;
        const auto id = store.create(entry);
        BOOST_TEST_REQUIRE(id.has_value());
        ids.push_back(*id);
        return *id;
    }
};

// A word no entry has: lower-case letters and digits, one token for Xapian.
std::string uniqueWord() { return randomName("faqw"); }

std::int64_t bestId(const FaqKnowledge& knowledge, const std::string& text) {
    const auto hit = knowledge.current()->best(text);
    return hit ? hit->id : 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(refresh_loads_every_entry) {
    auto pool = appPool();
    site::FaqStore store(*pool);
    FaqKnowledge knowledge;
    FaqSource source(store, knowledge, kEveryTime);
    const auto count = source.refresh();
    BOOST_TEST(count == store.list().size());
    BOOST_TEST(knowledge.current()->size() == count);
    BOOST_TEST(!source.refreshIfChanged());  // nothing changed since
}

BOOST_AUTO_TEST_CASE(added_edited_and_removed_entries_are_picked_up) {
    auto pool = appPool();
    site::FaqStore store(*pool);
    const auto before = store.version();
    const auto rows = store.list().size();
    // Two app processes: each has its own index and notices by itself.
    FaqKnowledge knowledgeA, knowledgeB;
    FaqSource sourceA(store, knowledgeA, kEveryTime), sourceB(store, knowledgeB, kEveryTime);
    sourceA.refresh();
    sourceB.refresh();
    {
        Added added{store, {}};
        const std::string word = uniqueWord();
        const auto id = added.create(word);
        BOOST_TEST(store.version() != before);
        BOOST_TEST(bestId(knowledgeA, word) == 0);  // not until the next check
        BOOST_TEST(sourceA.refreshIfChanged());
        BOOST_TEST(sourceB.refreshIfChanged());
        BOOST_TEST(!sourceA.refreshIfChanged());
        BOOST_TEST(knowledgeA.current()->size() == rows + 1);
        BOOST_TEST(bestId(knowledgeA, word) == id);
        BOOST_TEST(bestId(knowledgeB, "do you lend a " + word) == id);

        // An edit: the old word goes, the new one comes.
        const std::string edited = uniqueWord();
        auto entry = store.byId(id);
        BOOST_TEST_REQUIRE(entry.has_value());
        entry->question = "Can I borrow a ";
        entry->question += edited;
        entry->question += "?";
        entry->tags = edited;
        BOOST_TEST_REQUIRE((store.update(*entry) == site::FaqStore::Write::Ok));
        BOOST_TEST(sourceA.refreshIfChanged());
        BOOST_TEST(sourceB.refreshIfChanged());
        BOOST_TEST(bestId(knowledgeA, edited) == id);
        BOOST_TEST(knowledgeA.current()->best(edited).value().question == entry->question);
        BOOST_TEST(knowledgeB.current()->search("borrow " + edited, 1).at(0).id == id);
        BOOST_TEST(knowledgeA.current()->size() == rows + 1);

        BOOST_TEST(store.remove(id));
        added.ids.clear();
        BOOST_TEST(sourceA.refreshIfChanged());
        BOOST_TEST(sourceB.refreshIfChanged());
        BOOST_TEST(knowledgeA.current()->search(edited).empty());
        BOOST_TEST(knowledgeB.current()->search(word).empty());
        BOOST_TEST(knowledgeA.current()->size() == rows);
    }
    BOOST_TEST(store.version() == before);  // the table as it was found
}

// Issue 17: an entry's Italian version is answered to Italian questions, found with the
// Italian stemmer; removing the version (or the entry) takes it out again.
BOOST_AUTO_TEST_CASE(an_entrys_italian_version_answers_italian_questions) {
    auto pool = appPool();
    site::FaqStore store(*pool);
    const auto before = store.version();
    FaqKnowledge knowledge;
    FaqSource source(store, knowledge, kEveryTime);
    source.refresh();
    {
        Added added{store, {}};
        const std::string word = uniqueWord();
        const auto id = added.create(word);
        site::FaqTranslation it{id, "it", "Prestate un " + word + " ai pazienti?",
                                "Sì, lo chieda alla reception quando arriva.", word + ", prestito, prestare", {}};
        BOOST_TEST_REQUIRE((store.saveTranslation(it) == site::FaqStore::Write::Ok));
        BOOST_TEST(source.refreshIfChanged());
        const auto hit = knowledge.best("mi potete prestare un " + word + "?");
        BOOST_TEST_REQUIRE(hit.has_value());
        BOOST_TEST(hit->id == id);
        BOOST_TEST(hit->language == "it");
        BOOST_TEST(hit->answer == it.answer);
        const auto english = knowledge.best("do you lend a " + word + " to patients?");
        BOOST_TEST_REQUIRE(english.has_value());
        BOOST_TEST(english->language == "en");
        BOOST_TEST(store.translationsOf(id).size() == 1u);

        // A second entry's Italian version may not ask the same question.
        const auto other = added.create(uniqueWord());
        it.entryId = other;
        BOOST_TEST((store.saveTranslation(it) == site::FaqStore::Write::Duplicate));
        it.entryId = 999999999;
        it.question = "Una domanda " + uniqueWord();
        BOOST_TEST((store.saveTranslation(it) == site::FaqStore::Write::NotFound));

        BOOST_TEST(store.removeTranslation(id, "it"));
        BOOST_TEST(source.refreshIfChanged());
        const auto fallback = knowledge.best("prestate un " + word + "?");
        BOOST_TEST((!fallback || fallback->language == "en"));
    }
    BOOST_TEST(store.version() == before);
}

BOOST_AUTO_TEST_CASE(checks_come_at_most_once_per_window) {
    auto pool = appPool();
    site::FaqStore store(*pool);
    FaqKnowledge knowledge;
    FaqSource source(store, knowledge, std::chrono::hours(1));
    source.refresh();
    Added added{store, {}};
    const std::string word = uniqueWord();
    const auto id = added.create(word);
    BOOST_TEST(!source.refreshIfChanged());  // checked at refresh(), an hour ago is not yet
    BOOST_TEST(bestId(knowledge, word) == 0);
    source.refresh();
    BOOST_TEST(bestId(knowledge, word) == id);

    // With the default window of 5 s, a source made now checks at its first call.
    FaqKnowledge fresh;
    FaqSource defaults(store, fresh);
    BOOST_TEST(defaults.refreshIfChanged());
    BOOST_TEST(bestId(fresh, word) == id);
    BOOST_TEST(!defaults.refreshIfChanged());
}

// Workers of one process call refreshIfChanged() before answering: while one checks the
// others go on with the index there is, and all of them soon see an edit.
BOOST_AUTO_TEST_CASE(workers_check_concurrently) {
    auto pool = appPool(8);
    site::FaqStore store(*pool);
    FaqKnowledge knowledge;
    FaqSource source(store, knowledge, kEveryTime);
    source.refresh();
    Added added{store, {}};
    const std::string word = uniqueWord();

    std::atomic<bool> created{false};
    std::atomic<int> reloads{0}, failures{0}, foundAfterCreate{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 8; ++t)
        workers.emplace_back([&] {
            storage::ConnectionPool::threadInit();
            try {
                const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
                bool found = false;
                while (!found && std::chrono::steady_clock::now() < until) {
                    const bool wasCreated = created.load();
                    if (source.refreshIfChanged()) ++reloads;
                    found = wasCreated && knowledge.current()->best(word).has_value();
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
                if (found) ++foundAfterCreate;
            } catch (const std::exception&) {
                ++failures;
            }
            storage::ConnectionPool::threadEnd();
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    added.create(word);
    created = true;
    for (auto& worker : workers) worker.join();
    BOOST_TEST(failures.load() == 0);
    BOOST_TEST(foundAfterCreate.load() == 8);
    BOOST_TEST(reloads.load() >= 1);
}

// A database that cannot be read leaves the assistant answering from the entries it has.
BOOST_AUTO_TEST_CASE(a_database_out_of_reach_keeps_the_index) {
    auto url = appDatabaseUrl();
    url.socket = (std::filesystem::temp_directory_path() / randomName("no-such-db-") / "mysql.sock").string();
    storage::PoolOptions options;
    options.acquireTimeout = std::chrono::milliseconds(300);
    options.connectTimeoutSeconds = 1;
    storage::ConnectionPool unreachable(url, options);
    site::FaqStore store(unreachable);
    FaqKnowledge knowledge(
        {assistant::engine::FaqEntry{1, "Is there parking near the practice?", "Blue lines.", "parking"}});
    const auto before = knowledge.current();
    FaqSource source(store, knowledge, kEveryTime);
    BOOST_CHECK_THROW(source.refresh(), std::exception);  // at start-up: a fault
    bool reloaded = true;
    BOOST_CHECK_NO_THROW(reloaded = source.refreshIfChanged());
    BOOST_TEST(!reloaded);
    BOOST_TEST(knowledge.current() == before);
    BOOST_TEST(knowledge.current()->best("parking").has_value());
}

// Issue 22: answers embed the practice's facts ({{hours}}, {{phone}}) and are rendered from
// the settings in each version's language; a change of the settings is a change of the FAQ.
BOOST_AUTO_TEST_CASE(answers_show_the_settings_of_now_in_their_language) {
    auto pool = appPool();
    site::FaqStore store(*pool);
    site::PracticeStore practice(*pool);
    site::PracticeService facts(practice);
    const i18n::Catalogs catalogs(MEDASSIST_LOCALE_DIR);
    const auto settings = practice.settings();
    struct Restore {
        site::PracticeStore& practice;
        std::map<std::string, std::string> saved;
        ~Restore() {
            try {
                practice.set(saved);
            } catch (const std::exception&) {
            }
        }
    } restore{practice, {{"hours.saturday", settings.at("hours.saturday")}, {"phone", settings.at("phone")}}};
    FaqKnowledge knowledge;
    FaqSource source(store, knowledge, kEveryTime);
    source.renderWith(facts, catalogs);
    Added added{store, {}};
    const std::string word = uniqueWord();
    site::FaqEntry entry;
    entry.question = "Is the " + word + " desk open on Saturday?";
    entry.answer = "On Saturday: {{hours.saturday}}. Call {{phone}}. Week: {{hours}}.";
    entry.tags = word;
    const auto id = store.create(entry);
    BOOST_TEST_REQUIRE(id.has_value());
    added.ids.push_back(*id);
    BOOST_TEST_REQUIRE((store.saveTranslation(site::FaqTranslation{*id, "it", "Lo sportello " + word + " apre il sabato?",
                                                                   "Il sabato: {{hours.saturday}}. Settimana: {{hours}}.",
                                                                   word, {}}) == site::FaqStore::Write::Ok));
    source.refresh();

    practice.set({{"hours.saturday", "Closed"}, {"phone", "+39 06 0000 1111"}});
    BOOST_TEST(source.refreshIfChanged());  // the settings changed, not the FAQ
    auto en = knowledge.best("is the " + word + " desk open on saturday");
    BOOST_TEST_REQUIRE(en.has_value());
    BOOST_TEST(en->answer.find("On Saturday: closed. Call +39 06 0000 1111.") != std::string::npos, en->answer);
    BOOST_TEST(en->answer.find("Friday 08:00–17:00, Saturday to Sunday: closed.") != std::string::npos, en->answer);
    BOOST_TEST(en->answer.find("{{") == std::string::npos);
    auto it = knowledge.best("lo sportello " + word + " apre il sabato");
    BOOST_TEST_REQUIRE(it.has_value());
    BOOST_TEST(it->answer.find("Il sabato: chiuso.") != std::string::npos, it->answer);
    BOOST_TEST(it->answer.find("da lunedì a giovedì") != std::string::npos, it->answer);

    practice.set({{"hours.saturday", "08:30–12:00"}});
    BOOST_TEST(source.refreshIfChanged());
    en = knowledge.best("is the " + word + " desk open on saturday");
    BOOST_TEST_REQUIRE(en.has_value());
    BOOST_TEST(en->answer.find("On Saturday: 08:30–12:00.") != std::string::npos, en->answer);
}

// Issue 22: a deleted entry waits to be restored, but the assistant stops answering from it.
BOOST_AUTO_TEST_CASE(a_deleted_entry_is_not_answered_until_restored) {
    auto pool = appPool();
    site::FaqStore store(*pool);
    FaqKnowledge knowledge;
    FaqSource source(store, knowledge, kEveryTime);
    source.refresh();
    Added added{store, {}};
    const std::string word = uniqueWord();
    const auto id = added.create(word);
    BOOST_TEST(source.refreshIfChanged());
    BOOST_TEST(bestId(knowledge, word) == id);
    BOOST_TEST(store.softRemove(id));
    BOOST_TEST(!store.softRemove(id));
    BOOST_TEST(source.refreshIfChanged());
    BOOST_TEST(bestId(knowledge, word) == 0);
    BOOST_TEST(!store.byId(id).has_value());
    const auto deleted = store.deleted();
    BOOST_TEST((std::find_if(deleted.begin(), deleted.end(), [&](const auto& e) { return e.id == id; }) != deleted.end()));
    BOOST_TEST(store.restore(id));
    BOOST_TEST(source.refreshIfChanged());
    BOOST_TEST(bestId(knowledge, word) == id);
}
