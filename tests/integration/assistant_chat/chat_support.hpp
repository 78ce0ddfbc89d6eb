#pragma once
// What the chat suite's tests share: the database through the app's own account, people
// registered through the API (each from an address of its own), a doctor with known hours,
// caregiver links, and one turn of POST /api/chat.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <boost/test/unit_test.hpp>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "../account_pages/browser.hpp"
#include "../accounts/api_client.hpp"
#include "app_db.hpp"
#include "commands.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::testing::chat {

inline storage::ConnectionPool& db() {
    static auto pool = appPool(4);
    return *pool;
}

inline void exec(const std::string& q, const std::vector<std::string>& args = {}) {
    db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(q));
        for (std::size_t i = 0; i < args.size(); ++i) st->setString(static_cast<int>(i + 1), args[i]);
        st->executeUpdate();
        return 0;
    });
}

inline std::string scalar(const std::string& q, const std::vector<std::string>& args = {}) {
    return db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(q));
        for (std::size_t i = 0; i < args.size(); ++i) st->setString(static_cast<int>(i + 1), args[i]);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        if (!rs->next() || rs->isNull(1)) return std::string{};
        auto s = rs->getString(1);
        return std::string(s.c_str(), s.length());
    });
}

inline long count(const std::string& q, const std::vector<std::string>& args = {}) {
    const auto s = scalar(q, args);
    return s.empty() ? 0 : std::stol(s);
}

inline std::string str(std::int64_t v) { return std::to_string(v); }

inline const scheduling::PracticeTime& practiceClock() {
    static scheduling::PracticeTime clock("Europe/Rome");
    return clock;
}

inline std::string json(std::initializer_list<std::pair<const char*, Poco::Dynamic::Var>> fields) {
    Poco::JSON::Object o;
    for (const auto& [k, v] : fields) o.set(k, v);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

// ---- people ---------------------------------------------------------------------------

struct Person {
    std::int64_t id = 0;
    std::string name, email, token;
    ApiClient api;  // bearer
    // A browser signed in with the same session (the token is the cookie's value too).
    Browser browser() const {
        Browser b(api.address);
        b.setCookie("__Host-session", token);
        return b;
    }
};

inline Person registerPerson(const std::string& role, const std::string& name) {
    Person p;
    p.name = name;
    p.email = uniqueEmail(role);
    const std::string path = role == "patient" ? "/auth/register" : "/auth/register/" + role;
    auto body = registerConfirmed(p.api, path, registerBody(name, p.email), p.email);
    p.token = jsonString(body, "token");
    p.api.bearer = p.token;
    p.id = body->getObject(role)->getValue<Poco::Int64>(role + "_id");
    if (role == "patient") agreeToConsent(p.api);
    return p;
}

inline std::string uniqueFirst(const std::string& stem) {
    // A first name no other test uses, so a caregiver's choice by first name is unambiguous.
    std::string s = stem;
    s += randomName("").substr(0, 6);
    return s;
}

inline Person aPatient(const std::string& first = "Paola") {
    return registerPerson("patient", uniqueFirst(first) + " Testini");
}
inline Person aCaregiver() { return registerPerson("caregiver", uniqueFirst("Carla") + " Curatori"); }

inline void linkCaregiver(const Person& patient, const Person& caregiver) {
    exec("INSERT INTO caregiver_links (patient_id, invite_bidx, invite_email_ct, caregiver_id, can_read_notes, "
         "status, accepted_at) VALUES (?, RANDOM_BYTES(32), RANDOM_BYTES(40), ?, 0, 'active', UTC_TIMESTAMP(6))",
         {str(patient.id), str(caregiver.id)});
}

// A bookable doctor: an account made by medassist-admin, a specialty of its own, and hours
// every day from 07:00 to 21:00 in 30-minute slots.
struct Doctor {
    std::int64_t id = 0;
    std::string name, specialtySlug, specialtyName;
};

inline Doctor newDoctor() {
    Doctor d;
    d.name = "Dr. Zorvan " + randomName("Q").substr(0, 7);
    auto made = adminCommand("create-user --role doctor --email '" + uniqueEmail("doctor") + "' --name '" + d.name + "'",
                             kGoodPassword);
    BOOST_TEST_REQUIRE(made.exitCode == 0, made.output);
    d.id = std::stoll(made.output.substr(made.output.rfind("account ") + 8));
    d.specialtySlug = randomName("spec-");
    d.specialtyName = "Specialty " + d.specialtySlug;
    exec("INSERT INTO specialties (slug, name) VALUES (?, ?)", {d.specialtySlug, d.specialtyName});
    exec("INSERT INTO doctors (user_id, display_name, specialty_id, languages, bio) "
         "SELECT ?, ?, id, 'English', 'A test doctor.' FROM specialties WHERE slug = ?",
         {str(d.id), d.name, d.specialtySlug});
    for (int day = 1; day <= 7; ++day)
        exec("INSERT INTO doctor_hours (doctor_id, weekday, start_time, end_time, slot_minutes) "
             "VALUES (?, ?, '07:00', '21:00', 30)",
             {str(d.id), std::to_string(day)});
    return d;
}

// ---- the chat ----------------------------------------------------------------------------

struct Turn {
    int status = 0;
    std::string body;
    std::string conversationId, reply, intent, state;
    std::vector<std::pair<std::string, std::string>> suggestions;  // label, message
};

inline std::string chatBody(const std::string& message, const std::string& conversationId = "") {
    Poco::JSON::Object o;
    o.set("message", message);
    if (!conversationId.empty()) o.set("conversation_id", conversationId);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

inline Turn parseTurn(const HttpResult& r) {
    Turn t;
    t.status = r.status;
    t.body = r.body;
    if (r.status != 200) return t;
    auto o = parseJson(r.body);
    t.conversationId = jsonString(o, "conversation_id");
    t.reply = jsonString(o, "reply");
    t.intent = jsonString(o, "intent");
    t.state = jsonString(o, "state");
    if (auto list = o->getArray("suggestions"))
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto s = list->getObject(static_cast<unsigned>(i));
            t.suggestions.emplace_back(jsonString(s, "label"), jsonString(s, "message"));
        }
    return t;
}

// One conversation through the API, remembering its id and what was said.
class Chat {
public:
    explicit Chat(const ApiClient& api) : api_(api) {}

    Turn send(const std::string& message) {
        auto t = parseTurn(api_.call("POST", "/api/chat", chatBody(message, conversationId)));
        if (t.status == 200 && !t.conversationId.empty()) conversationId = t.conversationId;
        transcript += "> " + message + "\n< [" + std::to_string(t.status) + " " + t.state + " " + t.intent + "] " +
                      (t.status == 200 ? t.reply : t.body.substr(0, 200)) + "\n";
        last = t;
        return t;
    }

    Turn say(const std::string& message) {
        auto t = send(message);
        BOOST_TEST_REQUIRE(t.status == 200, "chat \"" << message << "\": " << t.status << " " << t.body << "\n"
                                                       << transcript);
        return t;
    }

    std::string conversationId;
    std::string transcript;
    Turn last;

private:
    const ApiClient& api_;
};

// Drives a booking with `doctor` the way a patient answers: whatever the assistant asks for
// next (its public state says what), until it is booked or gives up. Returns the transcript.
inline std::string bookThroughChat(Chat& chat, const Doctor& doctor, const scheduling::LocalDate& day) {
    std::string date = std::to_string(day.day);
    static const char* months[] = {"",     "January", "February",  "March",   "April",    "May",     "June",
                                   "July", "August",  "September", "October", "November", "December"};
    date += ' ';
    date += months[day.month];
    auto t = chat.say("I would like to book an appointment with " + doctor.name + " on " + date + " at 10:00");
    for (int i = 0; i < 10; ++i) {
        const auto& s = t.state;
        if (s == "book.specialty" || s == "book.doctor") t = chat.say(doctor.name);
        else if (s == "book.day") t = chat.say(date);
        else if (s == "book.slot" && !t.suggestions.empty()) t = chat.say(t.suggestions.front().second);
        else if (s == "book.slot") t = chat.say("10:00");
        else if (s == "book.reason") t = chat.say("a check-up");
        else if (s == "book.confirm") t = chat.say("yes");
        else break;
    }
    return chat.transcript;
}

// Leaves a message for the practice's staff through the chat.
inline std::string messageStaffThroughChat(Chat& chat, const std::string& text) {
    auto t = chat.say("I want to leave a message for the staff");
    for (int i = 0; i < 6; ++i) {
        if (t.state == "staff_message.text") t = chat.say(text);
        else if (t.state == "staff_message.confirm") t = chat.say("yes");
        else break;
    }
    return chat.transcript;
}

}  // namespace medassist::testing::chat
