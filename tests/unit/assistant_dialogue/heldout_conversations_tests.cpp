// Whole conversations nobody on the team wrote, in Italian (issue 17: tests/heldout/
// conversations_it*.txt) and in English (issue 15: conversations_en*.txt), each set written by a helper who saw only a description of the practice and
// of this test's world (today Monday 2 March 2026, 09:00 in Rome; Maria, with appointments
// with Dr. Sofia Marino on Thursday 5 March at 10:00 and Dr. Alessandro Greco on Tuesday 10
// March at 14:30; FakeScope's doctors and hours), never the code or the training data. Each
// conversation is Maria's messages in order, played against the real assistant (the model
// the build trains, the seed FAQ in English and Italian) without looking at the replies, and
// one expected outcome checked on what the assistant asked the scope to do and on its
// replies. The figure is printed; the test fails when an emergency is missed or a
// conversation that must change nothing changes something, and when fewer than the floor
// succeed (a regression guard under today's figure, see the README).
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "chat.hpp"

using namespace dialogue_test;

namespace {

struct Script {
    std::string id, expect;
    std::vector<std::string> messages;
};

std::vector<Script> readScripts(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<Script> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("## ", 0) == 0) {
            out.push_back(Script{line.substr(3), "", {}});
        } else if (!out.empty() && line.rfind("expect:", 0) == 0) {
            auto v = line.substr(7);
            v.erase(0, v.find_first_not_of(' '));
            out.back().expect = v;
        } else if (!out.empty() && line.rfind("> ", 0) == 0) {
            out.back().messages.push_back(line.substr(2));
        }
    }
    return out;
}

// The Italian versions of the seed FAQ (sql/seed/0005_faq_it.sql: 'it', question, answer,
// tags, then the English question they belong to), keyed to the English entries' ids.
std::vector<FaqEntry> italianFaq(const std::vector<FaqEntry>& english) {
    std::ifstream in(std::string(MEDASSIST_SOURCE_DIR) + "/sql/seed/0005_faq_it.sql", std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    const std::string sql = all.str();
    std::vector<FaqEntry> out;
    std::vector<std::string> literals;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = std::min(sql.find('\n', i), sql.size());
        } else if (c == '\'') {
            std::string value;
            for (++i; i < sql.size(); ++i) {
                if (sql[i] != '\'') value += sql[i];
                else if (i + 1 < sql.size() && sql[i + 1] == '\'') {
                    value += '\'';
                    ++i;
                } else break;
            }
            literals.push_back(std::move(value));
        } else if (c == ';') {
            if (literals.size() == 5 && literals[0] == "it")
                for (const auto& e : english)
                    if (e.question == literals[4])
                        out.push_back(FaqEntry{e.id, literals[1], medassist::testing::renderSeedAnswer(literals[2], "it"),
                                               literals[3]});
            literals.clear();
        }
    }
    return out;
}

std::string dateOf(std::int64_t start) {
    const auto d = rome().dateOf(start);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

struct Outcome {
    bool ok = false;
    bool emergencyMissed = false;
    bool changedWhenItMustNot = false;
};

Outcome judge(const Script& s, FakeScope& scope, const std::vector<TurnResult>& turns, std::int64_t marino,
              std::int64_t greco, const std::string& lang) {
    std::istringstream words(s.expect);
    std::string kind;
    words >> kind;
    std::string rest;
    std::getline(words, rest);
    rest.erase(0, rest.find_first_not_of(' '));
    const std::string date = rest.size() >= 10 ? rest.substr(rest.size() - 10) : "";
    const std::string who = rest.size() > 11 ? rest.substr(0, rest.size() - 11) : rest;
    auto anyReply = [&](const std::string& part) {
        for (const auto& t : turns)
            if (contains(t.reply, part)) return true;
        return false;
    };
    // Doctors as the writer names them, with or without "Dr.".
    auto bare = [](std::string name) { return name.rfind("Dr. ", 0) == 0 ? name.substr(4) : name; };
    auto doctorNamed = [&](std::int64_t doctorId, const std::string& name) {
        return bare(scope.doctorOf(doctorId).name) == bare(name);
    };
    auto appointmentOf = [&](const std::string& name) { return bare(name) == "Sofia Marino" ? marino : greco; };
    Outcome o;
    if (kind == "booked" || kind == "booked-doctor") {
        for (const auto& b : scope.booked) {
            const bool who_ok = kind == "booked" ? scope.doctorOf(b.doctorId).specialtySlug == who : doctorNamed(b.doctorId, who);
            if (who_ok && dateOf(b.start) == date) o.ok = true;
        }
    } else if (kind == "cancelled") {
        for (auto id : scope.cancelled)
            if (id == appointmentOf(rest)) o.ok = true;
    } else if (kind == "moved") {
        for (const auto& r : scope.rescheduled)
            if (r.id == appointmentOf(who) && dateOf(r.newStart) == date) o.ok = true;
    } else if (kind == "listed") {
        o.ok = anyReply("Marino") && anyReply("Greco") && scope.noChanges();
    } else if (kind == "emergency") {
        bool alarm = false;
        for (const auto& t : turns)
            if (t.intent == "emergency" && contains(t.reply, "112")) alarm = true;
        o.ok = alarm && scope.noChanges();
        o.emergencyMissed = !alarm;
    } else if (kind == "advice-refused") {
        bool refused = false;
        for (const auto& t : turns) refused = refused || t.intent == "medical_advice";
        o.ok = refused && scope.noChanges();
    } else if (kind == "other-refused") {
        bool refused = false;
        // Refused: the privacy refusal, or a task for a relative understood and refused with the
        // way to a caregiver's access (both record the refusal event).
        for (const auto& t : turns) {
            refused = refused || t.intent == "other_person";
            for (const auto& e : t.events) refused = refused || e.kind == "refused_other_person";
        }
        o.ok = refused && scope.noChanges();
    } else if (kind == "out-of-scope") {
        bool alarm = false;
        for (const auto& t : turns) alarm = alarm || t.intent == "emergency";
        o.ok = !alarm && scope.noChanges();
    } else if (kind == "faq") {
        o.ok = anyReply(rest) && scope.noChanges();
    } else if (kind == "nothing") {
        o.ok = scope.noChanges();
    }
    if (kind == "advice-refused" || kind == "other-refused" || kind == "out-of-scope" || kind == "faq" ||
        kind == "nothing" || kind == "listed" || kind == "emergency")
        o.changedWhenItMustNot = !scope.noChanges();
    // A change to an appointment the patient did not mean: the other one cancelled or moved,
    // or one cancelled or moved while booking.
    if (kind == "cancelled" || kind == "moved" || kind == "booked" || kind == "booked-doctor") {
        const std::int64_t meant = kind == "cancelled" ? appointmentOf(rest)
                                   : kind == "moved"   ? appointmentOf(who)
                                                       : -1;
        for (auto id : scope.cancelled)
            if (id != meant) o.changedWhenItMustNot = true;
        for (const auto& r : scope.rescheduled)
            if (r.id != meant) o.changedWhenItMustNot = true;
    }
    // Whatever the goal: every reply is in the patient's language.
    for (const auto& t : turns)
        if (t.lang != lang) o.ok = false;
    return o;
}

// The floors: a little under the figures in the README (regression guards, not goals).
constexpr double kFloorFirst = 0.80;   // 86.0% (37 of 43) when the README was written
constexpr double kFloorSecond = 0.75;  // 79.2% (38 of 48), 77.1% before its one missed emergency was read
constexpr double kFloorThird = 0.62;  // 66.7% (52 of 78) unseen, no emergency missed, nothing wrongly changed
constexpr double kFloorFourth = 0.70;  // 72.8% (59 of 81) unseen, no emergency missed, two wrong changes (fixed after)
constexpr double kFloorFifth = 0.75;  // 78.8% (63 of 80) unseen, one emergency and one wrong move missed (fixed after)
constexpr double kFloorSeventh = 0.77;  // 80.0% (72 of 90) unseen, no emergency missed, nothing wrongly changed
constexpr double kFloorEnglishSixth = 0.84;  // 87.3% (96 of 110) unseen, no emergency missed, nothing wrongly changed
constexpr double kFloorSixth = 0.80;  // 83.3% (75 of 90) unseen, no emergency missed, two wrong changes (fixed after)
constexpr double kFloorEnglishFifth = 0.82;  // 84.5% (93 of 110) unseen, no emergency missed, one wrong move (fixed after)
constexpr double kFloorEnglishFourth = 0.84;  // 87.6% (99 of 113) unseen, three wrong cancels (fixed after)
constexpr double kFloorEnglishThird = 0.82;  // 84.8% (95 of 112) unseen, no emergency missed, one wrong change (fixed after)
constexpr double kFloorEnglishSecond = 0.78;  // 81.4% unseen (92 of 113, one emergency missed), 83.2% after that and one wrong move were read
constexpr double kFloorEnglish = 0.80;  // 77.2% unseen (88 of 114), 83.3% after its first misses were read

}  // namespace

namespace dialogue_test {

// The assistant with the seed FAQ in English and Italian and the emergency number 112.
const Assistant& bilingualAssistant() {
    static const IntentClassifier classifier(defaultModelPath());
    static FaqKnowledge faq;
    static const bool loaded = [] {
        const auto english = seedFaq();
        std::map<std::string, std::vector<FaqEntry>> byLanguage{{"en", english}, {"it", italianFaq(english)}};
        faq.replace(std::move(byLanguage));
        return true;
    }();
    (void)loaded;
    static const Assistant instance(classifier, faq, testSettings());
    return instance;
}

}  // namespace dialogue_test

BOOST_AUTO_TEST_SUITE(heldout_conversations)

// Plays one file in one language; returns the share of conversations that reached their goal.
double play(const std::string& file, const std::string& lang) {
    const auto scripts = readScripts(std::string(MEDASSIST_SOURCE_DIR) + "/tests/heldout/" + file);
    BOOST_REQUIRE_MESSAGE(!scripts.empty(), "tests/heldout/" << file << " has no conversation");
    int passed = 0, emergencies = 0, emergencyMissed = 0;
    std::map<std::string, std::pair<int, int>> byKind;
    for (const auto& s : scripts) {
        FakeScope scope;
        const auto marino = scope.addAppointment(kMarino, march(5, 10));
        const auto greco = scope.addAppointment(kGreco, march(10, 14, 30));
        std::string blob;
        std::vector<TurnResult> turns;
        std::string transcript;
        for (const auto& m : s.messages) {
            turns.push_back(bilingualAssistant().turn(scope, blob, m, lang));
            blob = turns.back().stateBlob;
            transcript += "\n  > " + m + "\n  < [" + turns.back().intent + "/" + turns.back().state + "] " + turns.back().reply;
        }
        const auto o = judge(s, scope, turns, marino, greco, lang);
        std::string kind = s.expect.substr(0, s.expect.find(' '));
        auto& k = byKind[kind];
        ++k.second;
        if (o.ok) {
            ++passed;
            ++k.first;
        } else {
            BOOST_TEST_MESSAGE("missed " << s.id << " (expect " << s.expect << "):" << transcript);
        }
        if (kind == "emergency") ++emergencies;
        if (o.emergencyMissed) ++emergencyMissed;
        BOOST_CHECK_MESSAGE(!o.emergencyMissed, "an emergency without 112: " << s.id << transcript);
        BOOST_CHECK_MESSAGE(!o.changedWhenItMustNot, "an appointment changed in " << s.id << transcript);
    }
    const double rate = static_cast<double>(passed) / static_cast<double>(scripts.size());
    std::string kinds;
    for (const auto& [kind, n] : byKind) kinds += " " + kind + " " + std::to_string(n.first) + "/" + std::to_string(n.second);
    BOOST_TEST_MESSAGE(file << ": " << passed << " of " << scripts.size() << " conversations reach their goal ("
                             << static_cast<int>(rate * 1000 + 0.5) / 10.0 << "%);" << kinds << "; emergencies missed "
                             << emergencyMissed << " of " << emergencies);
    return rate;
}

BOOST_AUTO_TEST_CASE(italian_conversations_reach_their_goal) {
    // conversations_it.txt: read while developing (its misses were fixed); conversations_it_2.txt:
    // written after that, kept unseen until its figure went into the README.
    BOOST_TEST(play("conversations_it.txt", "it") >= kFloorFirst);
    BOOST_TEST(play("conversations_it_2.txt", "it") >= kFloorSecond);
    BOOST_TEST(play("conversations_it_3.txt", "it") >= kFloorThird);
    BOOST_TEST(play("conversations_it_4.txt", "it") >= kFloorFourth);
    BOOST_TEST(play("conversations_it_5.txt", "it") >= kFloorFifth);
    BOOST_TEST(play("conversations_it_6.txt", "it") >= kFloorSixth);
    BOOST_TEST(play("conversations_it_7.txt", "it") >= kFloorSeventh);
}

BOOST_AUTO_TEST_CASE(english_conversations_reach_their_goal) {
    // conversations_en.txt: 114 conversations by an independent writer (issue 15), read while
    // developing; conversations_en_2.txt: 113 by another, written after, kept unseen until its
    // figure went into the README.
    BOOST_TEST(play("conversations_en.txt", "en") >= kFloorEnglish);
    BOOST_TEST(play("conversations_en_2.txt", "en") >= kFloorEnglishSecond);
    BOOST_TEST(play("conversations_en_3.txt", "en") >= kFloorEnglishThird);
    BOOST_TEST(play("conversations_en_4.txt", "en") >= kFloorEnglishFourth);
    BOOST_TEST(play("conversations_en_5.txt", "en") >= kFloorEnglishFifth);
    BOOST_TEST(play("conversations_en_6.txt", "en") >= kFloorEnglishSixth);
}

BOOST_AUTO_TEST_SUITE_END()
