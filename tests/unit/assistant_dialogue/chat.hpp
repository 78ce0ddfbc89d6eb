#pragma once
// One conversation with the assistant over a FakeScope, as the chat route runs it: each
// turn hands back the previous turn's stateBlob. The assistant is the real one: the model
// the build trains, the practice's seed FAQ (sql/seed/0003_faq.sql) and the guards.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "assistant/engine/assistant.hpp"
#include "assistant/engine/guards.hpp"
#include "fake_scope.hpp"
#include "i18n/catalogs.hpp"
#include "../../support/seed_facts.hpp"

namespace dialogue_test {

inline const std::string kPracticePhone = "+39 06 1234 5678";

inline std::vector<FaqEntry> seedFaq() {
    std::ifstream in(std::filesystem::path(MEDASSIST_SOURCE_DIR) / "sql/seed/0003_faq.sql", std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in, "cannot read sql/seed/0003_faq.sql");
    std::ostringstream all;
    all << in.rdbuf();
    const std::string sql = all.str();
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
        } else if (c == ')' && --depth == 0 && literals.size() == 3) {
            entries.push_back(FaqEntry{101 + static_cast<std::int64_t>(entries.size()), literals[0],
                                       medassist::testing::renderSeedAnswer(literals[1]), literals[2]});
        }
    }
    return entries;
}

// The catalogs the build compiles (po/*.po): replies in the conversation's language.
inline const medassist::i18n::Catalogs& catalogs() {
    static const medassist::i18n::Catalogs instance(MEDASSIST_LOCALE_DIR);
    return instance;
}

// The test practice's settings: the emergency number, its phone and email, the catalogs.
inline AssistantSettings testSettings() {
    AssistantSettings settings;
    settings.emergencyNumber = "112";
    settings.practicePhone = kPracticePhone;
    settings.practiceEmail = "info@aurora-medical.example";
    settings.catalogs = &catalogs();
    return settings;
}

inline const Assistant& assistant() {
    static const IntentClassifier classifier(defaultModelPath());
    static const FaqKnowledge faq(seedFaq());
    static const Assistant instance(classifier, faq, testSettings());
    return instance;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Chat {
    Chat() = default;
    Chat(Chat&&) = default;
    // MEDASSIST_DIALOGUE_TRANSCRIPTS=1 prints every conversation (to read the wording).
    ~Chat() {
        if (std::getenv("MEDASSIST_DIALOGUE_TRANSCRIPTS") && !transcript.empty())
            BOOST_TEST_MESSAGE("conversation:" << log());
    }

    FakeScope scope;
    std::string lang = "en";  // the reader's page language (a new conversation starts in it)
    std::string blob;
    TurnResult last;
    std::vector<std::string> transcript;  // for failure messages

    const TurnResult& say(const std::string& message) {
        last = assistant().turn(scope, blob, message, lang);
        blob = last.stateBlob;
        transcript.push_back("> " + message);
        std::string events;
        for (const auto& e : last.events) events += " " + e.kind + ":" + e.detail;
        transcript.push_back("< [" + last.state + " / " + last.intent + " / " + last.lang + events + "] " + last.reply);
        return last;
    }

    std::string log() const {
        std::string out;
        for (const auto& line : transcript) out += "\n  " + line;
        return out;
    }

    bool replyHas(const std::string& part) const { return contains(last.reply, part); }

    bool hasEvent(const std::string& kind) const {
        for (const auto& e : last.events)
            if (e.kind == kind) return true;
        return false;
    }

    // The message of the suggestion whose label contains `label` ("" when none does).
    std::string button(const std::string& label) const {
        for (const auto& s : last.suggestions)
            if (contains(s.label, label)) return s.message;
        return {};
    }

    // Press the suggestion whose label contains `label`.
    const TurnResult& press(const std::string& label) {
        const auto message = button(label);
        BOOST_REQUIRE_MESSAGE(!message.empty(), "no suggestion labelled '" << label << "'" << log());
        return say(message);
    }
};

// Checks with the transcript in the failure message.
#define EXPECT_STATE(chat, name) BOOST_CHECK_MESSAGE((chat).last.state == (name), "state " << (chat).last.state << " != " << (name) << (chat).log())
#define EXPECT_REPLY_HAS(chat, part) BOOST_CHECK_MESSAGE((chat).replyHas(part), "reply lacks '" << (part) << "'" << (chat).log())
#define EXPECT_REPLY_LACKS(chat, part) BOOST_CHECK_MESSAGE(!(chat).replyHas(part), "reply has '" << (part) << "'" << (chat).log())

// The assistant of the held-out conversations (heldout_conversations_tests.cpp): the seed FAQ in
// English and Italian, the emergency number 112.
const Assistant& bilingualAssistant();

}  // namespace dialogue_test
