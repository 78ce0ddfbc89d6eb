#pragma once
// What the conversation suites share: the database (read through the app's own account),
// the practice's clock and the ways people write dates, patients, caregivers and doctors of
// the suite's own (so the free times are known and no other suite's rows are in the way),
// a `Chat` that sends one turn of POST /api/chat and remembers the conversation, snapshots of
// one patient's rows, and the checks that no reply carries another patient's data.
//
// Each conversation is its own Boost test case (a table of named bodies registered at start-up),
// so a failure names the conversation, and a failed conversation prints its transcript.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <boost/test/results_collector.hpp>
#include <boost/test/unit_test.hpp>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "../accounts/api_client.hpp"
#include "app_db.hpp"
#include "commands.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::testing::conversations {

using scheduling::LocalDate;
using Row = std::vector<std::string>;

// ---------------------------------------------------------------------------------------
// The database

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

// Every row of a query, every column as text ("NULL" for NULL).
inline std::vector<Row> rows(const std::string& q, const std::vector<std::string>& args = {}) {
    return db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(q));
        for (std::size_t i = 0; i < args.size(); ++i) st->setString(static_cast<int>(i + 1), args[i]);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        const auto columns = rs->getMetaData()->getColumnCount();
        std::vector<Row> out;
        while (rs->next()) {
            Row r;
            for (unsigned i = 1; i <= columns; ++i) {
                if (rs->isNull(i)) {
                    r.emplace_back("NULL");
                } else {
                    auto s = rs->getString(i);
                    r.emplace_back(s.c_str(), s.length());
                }
            }
            out.push_back(std::move(r));
        }
        return out;
    });
}

inline std::string scalar(const std::string& q, const std::vector<std::string>& args = {}) {
    auto r = rows(q, args);
    return r.empty() || r.front().empty() || r.front().front() == "NULL" ? std::string{} : r.front().front();
}

inline std::string str(std::int64_t v) { return std::to_string(v); }

// ---------------------------------------------------------------------------------------
// The practice's clock and the ways people write dates and times

inline const scheduling::PracticeTime& practiceClock() {
    static scheduling::PracticeTime clock("Europe/Rome");
    return clock;
}

inline LocalDate today() { return practiceClock().dateOf(epochNow()); }
inline LocalDate dayAhead(int days) { return scheduling::addDays(today(), days); }

inline std::int64_t instantOf(const LocalDate& d, int hour, int minute = 0) {
    auto t = practiceClock().toInstant(d, hour * 60 + minute);
    BOOST_TEST_REQUIRE(t.has_value(), "no such local time " << scheduling::formatDate(d) << " " << hour << ":" << minute);
    return *t;
}

inline int minuteOf(std::int64_t epoch) { return practiceClock().minuteOfDay(epoch); }
inline LocalDate dateOf(std::int64_t epoch) { return practiceClock().dateOf(epoch); }

inline const char* weekdayName(int iso) {
    static const char* names[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    return names[iso];
}
inline const char* weekdayName(const LocalDate& d) { return weekdayName(scheduling::isoWeekday(d)); }

inline const char* monthName(int m) {
    static const char* names[] = {"",     "January", "February",  "March",   "April",    "May",     "June",
                                  "July", "August",  "September", "October", "November", "December"};
    return names[m];
}

inline std::string two(int v) {
    std::string s = std::to_string(v);
    return s.size() < 2 ? "0" + s : s;
}

inline std::string ordinalSuffix(int day) {
    if (day % 100 >= 11 && day % 100 <= 13) return "th";
    switch (day % 10) {
        case 1: return "st";
        case 2: return "nd";
        case 3: return "rd";
        default: return "th";
    }
}

// "7 March", "March 7th", "07/03" (the practice reads numbers day first), "2026-03-07".
inline std::string dayMonth(const LocalDate& d) { return std::to_string(d.day) + " " + monthName(d.month); }
inline std::string monthDayth(const LocalDate& d) {
    return std::string(monthName(d.month)) + " " + std::to_string(d.day) + ordinalSuffix(d.day);
}
inline std::string numericDayMonth(const LocalDate& d) { return two(d.day) + "/" + two(d.month); }
inline std::string isoDate(const LocalDate& d) { return scheduling::formatDate(d); }

// The next `iso` weekday strictly after today ("Friday" said on a Friday is in a week).
inline LocalDate comingWeekday(int iso) {
    LocalDate d = dayAhead(1);
    while (scheduling::isoWeekday(d) != iso) d = scheduling::addDays(d, 1);
    return d;
}
// Monday of next week, and "next Friday": that weekday of next week.
inline LocalDate nextWeekMonday() {
    const LocalDate t = today();
    return scheduling::addDays(t, 8 - scheduling::isoWeekday(t));
}
inline LocalDate nextWeeks(int iso) { return scheduling::addDays(nextWeekMonday(), iso - 1); }

inline std::string hhmm(int minuteOfDay) { return two(minuteOfDay / 60) + ":" + two(minuteOfDay % 60); }

// ---------------------------------------------------------------------------------------
// Names nobody else has: pronounceable, not English words, new on every run.

inline std::string pronounceable(int syllables, const std::string& ending = "") {
    static const std::string consonants = "bdfglmnprstvz";
    static const std::string vowels = "aeiou";
    auto bytes = security::randomBytes(static_cast<std::size_t>(syllables) * 2);
    std::string out;
    for (int i = 0; i < syllables; ++i) {
        out += consonants[static_cast<unsigned char>(bytes[static_cast<std::size_t>(2 * i)]) % consonants.size()];
        out += vowels[static_cast<unsigned char>(bytes[static_cast<std::size_t>(2 * i + 1)]) % vowels.size()];
    }
    out += ending;
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

// The suite's doctors' names: the same sequence on every fresh stack (so a conversation reads
// the same words on every run: the intent model's confidence depends on every word, names
// too), skipping any display name the practice already has (a rerun on the same stack).
inline std::string nextDoctorName(std::string& first, std::string& last) {
    static std::mt19937 rng(20260302u);
    static const std::string consonants = "bdfglmnprstvz";
    static const std::string vowels = "aeiou";
    auto syllables = [](int n) {
        std::string out;
        for (int i = 0; i < n; ++i) {
            out += consonants[rng() % consonants.size()];
            out += vowels[rng() % vowels.size()];
        }
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
        return out;
    };
    for (;;) {
        first = syllables(3);
        last = syllables(3) + "tti";
        std::string name = "Dr. " + first + " " + last;
        if (scalar("SELECT COUNT(*) FROM doctors WHERE display_name = ?", {name}) == "0") return name;
    }
}

inline std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

inline std::string jsonOf(std::initializer_list<std::pair<const char*, Poco::Dynamic::Var>> fields) {
    Poco::JSON::Object o;
    for (const auto& [k, v] : fields) o.set(k, v);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

// ---------------------------------------------------------------------------------------
// People

struct Person {
    std::int64_t id = 0;
    std::string role, first, last, email, phone, dob;
    ApiClient api;  // bearer session, from an address of its own
    std::string name() const { return first + " " + last; }
};

// Agrees to the current consent text when the stack has one (issue 5: without consent no
// reason and no chat message is stored).
inline void agreeIfAsked(ApiClient& c) {
    auto text = c.call("GET", "/api/consent");
    if (text.status == 404) return;
    BOOST_TEST_REQUIRE(text.status == 200, "consent text: " << text.status << " " << text.body.substr(0, 200));
    const std::string version = jsonString(parseJson(text.body), "version");
    auto agreed = c.call("POST", "/api/me/consent", jsonOf({{"version", version}, {"agree", true}}));
    BOOST_TEST_REQUIRE((agreed.status == 204 || agreed.status == 200), "consent: " << agreed.status << " " << agreed.body);
}

struct PersonSpec {
    std::string first, last, email, phone, dob;
};

inline Person registerPerson(const std::string& role, PersonSpec spec) {
    Person p;
    p.role = role;
    p.first = spec.first.empty() ? pronounceable(3) : spec.first;
    p.last = spec.last.empty() ? pronounceable(3, "lli") : spec.last;
    p.email = spec.email.empty() ? uniqueEmail(role) : spec.email;
    p.phone = spec.phone;
    p.dob = spec.dob;
    Poco::JSON::Object o;
    o.set("name", p.name());
    o.set("email", p.email);
    o.set("password", kGoodPassword);
    if (!p.phone.empty()) o.set("phone", p.phone);
    if (!p.dob.empty()) o.set("date_of_birth", p.dob);
    std::ostringstream body;
    o.stringify(body);
    const std::string path = role == "patient" ? "/auth/register" : "/auth/register/" + role;
    auto parsed = registerConfirmed(p.api, path, body.str(), p.email);
    p.id = parsed->getObject(role)->getValue<std::int64_t>(role + "_id");
    if (role == "patient") agreeIfAsked(p.api);
    return p;
}

inline Person newPatient(PersonSpec spec = {}) { return registerPerson("patient", std::move(spec)); }
inline Person newCaregiver(PersonSpec spec = {}) { return registerPerson("caregiver", std::move(spec)); }

// An active caregiver link, as the invitation would leave it.
inline void linkCaregiver(const Person& patient, const Person& caregiver) {
    exec("INSERT INTO caregiver_links (patient_id, invite_bidx, invite_email_ct, caregiver_id, can_read_notes, "
         "status, accepted_at) VALUES (?, RANDOM_BYTES(32), RANDOM_BYTES(40), ?, 0, 'active', UTC_TIMESTAMP(6))",
         {str(patient.id), str(caregiver.id)});
}

// ---------------------------------------------------------------------------------------
// Doctors of the suite's own: an account made by medassist-admin, a public profile in a
// specialty (a new one of their own unless told) and weekly hours.

struct Doctor {
    std::int64_t id = 0;
    std::string first, last, name, specialtySlug;
};

struct DoctorSpec {
    std::string specialtySlug;  // empty: a specialty of its own
    int startHour = 7, endHour = 21, slotMinutes = 30;
};

namespace detail {
inline Doctor finishDoctor(Doctor d, const CommandResult& made, const DoctorSpec& spec) {
    BOOST_TEST_REQUIRE(made.exitCode == 0, "create-user: " << made.output);
    const auto at = made.output.rfind("account ");
    BOOST_TEST_REQUIRE(at != std::string::npos, made.output);
    d.id = std::stoll(made.output.substr(at + 8));
    d.specialtySlug = spec.specialtySlug;
    if (d.specialtySlug.empty()) {
        d.specialtySlug = randomName("spec-");
        exec("INSERT INTO specialties (slug, name) VALUES (?, ?)", {d.specialtySlug, "Test specialty " + d.specialtySlug});
    }
    exec("INSERT INTO doctors (user_id, display_name, specialty_id, languages, bio) "
         "SELECT ?, ?, id, 'English, Italian', 'A test doctor.' FROM specialties WHERE slug = ?",
         {str(d.id), d.name, d.specialtySlug});
    for (int day = 1; day <= 7; ++day)
        exec("INSERT INTO doctor_hours (doctor_id, weekday, start_time, end_time, slot_minutes) VALUES (?, ?, ?, ?, ?)",
             {str(d.id), std::to_string(day), two(spec.startHour) + ":00", two(spec.endHour) + ":00",
              std::to_string(spec.slotMinutes)});
    return d;
}
}  // namespace detail

// `count` doctors, their accounts made two at a time (each is a bcrypt hash).
inline std::vector<Doctor> newDoctors(std::size_t count, const DoctorSpec& spec = {}) {
    std::vector<Doctor> out;
    std::vector<std::future<CommandResult>> made;
    for (std::size_t i = 0; i < count; ++i) {
        Doctor d;
        d.name = nextDoctorName(d.first, d.last);
        out.push_back(d);
    }
    std::vector<CommandResult> results(count);
    for (std::size_t i = 0; i < count; i += 2) {
        std::vector<std::future<CommandResult>> batch;
        for (std::size_t j = i; j < std::min(count, i + 2); ++j) {
            const std::string args = std::string("create-user --role doctor --email '") + uniqueEmail("doctor") + "' --name '" +
                                     out[j].name + "'";
            batch.push_back(std::async(std::launch::async, [args] { return adminCommand(args, kGoodPassword); }));
        }
        for (std::size_t j = i; j < std::min(count, i + 2); ++j) results[j] = batch[j - i].get();
    }
    for (std::size_t i = 0; i < count; ++i) out[i] = detail::finishDoctor(out[i], results[i], spec);
    return out;
}

inline Doctor newDoctor(const DoctorSpec& spec = {}) { return newDoctors(1, spec).front(); }

// A surname with one letter doubled ("Ravelotti" -> "Ravvelotti"): one edit off.
inline std::string typoOf(const std::string& word) { return word.substr(0, 2) + word.substr(1); }

// ---------------------------------------------------------------------------------------
// Appointments: booked through the scheduling API (another client), read from the database

inline std::string bookBody(std::int64_t doctorId, std::int64_t start, const std::string& reason,
                            std::optional<std::int64_t> patientId = std::nullopt) {
    Poco::JSON::Object o;
    o.set("doctor_id", doctorId);
    o.set("start", practiceClock().iso(start));
    o.set("reason", reason);
    if (patientId) o.set("patient_id", *patientId);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

// Books through POST /api/appointments and returns the appointment's id.
inline std::int64_t bookViaApi(const Person& who, const Doctor& doctor, std::int64_t start,
                               const std::string& reason = "check-up") {
    auto r = who.api.call("POST", "/api/appointments", bookBody(doctor.id, start, reason));
    BOOST_TEST_REQUIRE(r.status == 201, "booking via the API: " << r.status << " " << r.body.substr(0, 300));
    return parseJson(r.body)->getValue<std::int64_t>("id");
}

// Moves an appointment's time in the database (to put it inside the cancellation cutoff,
// or off the doctor's grid).
inline void moveInDatabase(std::int64_t appointmentId, std::int64_t start, int minutes = 30) {
    exec("UPDATE appointments SET starts_at = TIMESTAMP('1970-01-01 00:00:00') + INTERVAL ? SECOND, "
         "ends_at = TIMESTAMP('1970-01-01 00:00:00') + INTERVAL ? SECOND WHERE id = ?",
         {str(start), str(start + minutes * 60), str(appointmentId)});
}

struct Appointment {
    std::int64_t id = 0, patientId = 0, doctorId = 0, start = 0;
    std::string status, bookedByRole;
    std::int64_t bookedBy = 0;
};

// The epoch of a UTC DATETIME column, whatever the session's time zone.
inline const char* kEpochOf = "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', starts_at)";

inline std::vector<Appointment> appointmentsOf(std::int64_t patientId) {
    std::vector<Appointment> out;
    for (const auto& r : rows(std::string("SELECT id, patient_id, doctor_id, ") + kEpochOf +
                                  ", status, booked_by, booked_by_role FROM appointments WHERE patient_id = ? "
                                  "ORDER BY starts_at, id",
                              {str(patientId)})) {
        Appointment a;
        a.id = std::stoll(r[0]);
        a.patientId = std::stoll(r[1]);
        a.doctorId = std::stoll(r[2]);
        a.start = std::stoll(r[3]);
        a.status = r[4];
        a.bookedBy = std::stoll(r[5]);
        a.bookedByRole = r[6];
        out.push_back(a);
    }
    return out;
}

inline std::vector<Appointment> activeOf(std::int64_t patientId) {
    auto all = appointmentsOf(patientId);
    std::erase_if(all, [](const Appointment& a) { return a.status != "booked"; });
    return all;
}

inline std::string describe(const Appointment& a) {
    std::ostringstream o;
    o << "#" << a.id << " patient " << a.patientId << " doctor " << a.doctorId << " "
      << isoDate(dateOf(a.start)) << " " << hhmm(minuteOf(a.start)) << " " << a.status;
    return o.str();
}

inline std::string describe(const std::vector<Appointment>& list) {
    std::string out = "[";
    for (const auto& a : list) out += describe(a) + "; ";
    return out + "]";
}

inline std::string specialtyOf(std::int64_t doctorId) {
    return scalar("SELECT s.slug FROM doctors d JOIN specialties s ON s.id = d.specialty_id WHERE d.user_id = ?",
                  {str(doctorId)});
}

inline std::string doctorNameOf(std::int64_t doctorId) {
    return scalar("SELECT display_name FROM doctors WHERE user_id = ?", {str(doctorId)});
}

// The database's own clock, to count what changed after it.
inline std::string dbNow() { return scalar("SELECT NOW(6)"); }

// Appointment rows created or changed since `since` (dbNow()), for the given patients.
inline int changedSince(const std::string& since, const std::vector<std::int64_t>& patients) {
    int n = 0;
    for (auto id : patients)
        n += std::stoi(scalar("SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND (created_at >= ? OR "
                              "updated_at >= ?)",
                              {str(id), since, since}));
    return n;
}

// Every row of the database that belongs to one patient and that a conversation could touch.
struct Snapshot {
    std::vector<Row> user, appointments, links, accessLog, notes, conversations, messages, staffMessages;
    bool operator==(const Snapshot&) const = default;
};

inline Snapshot snapshotOf(std::int64_t patientId) {
    Snapshot s;
    const std::vector<std::string> id{str(patientId)};
    s.user = rows("SELECT id, role, status, HEX(email_bidx), HEX(email_ct), HEX(name_ct), HEX(phone_ct), HEX(dob_ct), "
                  "password_hash, password_version, updated_at FROM users WHERE id = ?",
                  id);
    s.appointments = rows("SELECT id, patient_id, doctor_id, starts_at, ends_at, status, HEX(reason_ct), booked_by, "
                          "booked_by_role, created_at, updated_at, cancelled_at FROM appointments WHERE patient_id = ? "
                          "ORDER BY id",
                          id);
    s.links = rows("SELECT id, caregiver_id, status, can_read_notes FROM caregiver_links WHERE patient_id = ? ORDER BY id",
                   id);
    s.accessLog = rows("SELECT id, actor_id, actor_role, action, data_kind, at FROM access_log WHERE patient_id = ? "
                       "ORDER BY id",
                       id);
    s.notes = rows("SELECT id, appointment_id, HEX(note_ct), updated_at FROM visit_notes WHERE patient_id = ? ORDER BY id",
                   id);
    s.conversations = rows("SELECT id, owner_id, last_seq, closed, HEX(state_ct), updated_at FROM conversations "
                           "WHERE subject_id = ? ORDER BY id",
                           id);
    s.messages = rows("SELECT COUNT(*), COALESCE(MAX(created_at), '') FROM chat_messages WHERE subject_id = ?", id);
    s.staffMessages = rows("SELECT id, sent_by, HEX(text_ct) FROM staff_messages WHERE subject_id = ? ORDER BY id", id);
    return s;
}

inline std::string describe(const std::vector<Row>& table) {
    std::string out;
    for (const auto& r : table) {
        out += "  (";
        for (const auto& c : r) out += (c.size() > 24 ? c.substr(0, 24) + "…" : c) + ", ";
        out += ")\n";
    }
    return out;
}

inline std::string differences(const Snapshot& a, const Snapshot& b) {
    std::string out;
    auto one = [&](const char* what, const std::vector<Row>& x, const std::vector<Row>& y) {
        if (x != y) out += std::string(what) + " before:\n" + describe(x) + " after:\n" + describe(y);
    };
    one("users", a.user, b.user);
    one("appointments", a.appointments, b.appointments);
    one("caregiver_links", a.links, b.links);
    one("access_log", a.accessLog, b.accessLog);
    one("visit_notes", a.notes, b.notes);
    one("conversations", a.conversations, b.conversations);
    one("chat_messages", a.messages, b.messages);
    one("staff_messages", a.staffMessages, b.staffMessages);
    return out;
}

// ---------------------------------------------------------------------------------------
// The chat

struct Suggestion {
    std::string label, message;
};

struct Turn {
    std::string sent;
    int status = 0;
    std::string body;
    std::string conversationId, reply, intent, state;
    double confidence = 0;
    std::vector<Suggestion> suggestions;

    std::string suggestionText() const {
        std::string s;
        for (const auto& x : suggestions) s += "[" + x.label + " => " + x.message + "] ";
        return s;
    }
};

inline bool currentCaseFailed() {
    using namespace boost::unit_test;
    return results_collector.results(framework::current_test_case().p_id).p_assertions_failed > 0u;
}

class Chat {
public:
    explicit Chat(const ApiClient& api, std::string who = "") : api_(api), who_(std::move(who)) {}
    Chat(const Chat&) = delete;
    Chat& operator=(const Chat&) = delete;
    ~Chat() {
        if (!turns.empty() && currentCaseFailed()) std::cerr << transcript() << std::flush;
    }

    // POST /api/chat with a raw body; a 429 (the chat's 30 turns a minute, or nginx) is
    // waited out as Retry-After says.
    HttpResult post(const std::string& body) {
        HttpResult r;
        for (int attempt = 0; attempt < 8; ++attempt) {
            r = api_.call("POST", "/api/chat", body);
            if (r.status != 429) break;
            int wait = 1;
            try {
                if (!r.header("retry-after").empty()) wait = std::max(1, std::stoi(r.header("retry-after")));
            } catch (const std::exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(wait, 6) * 1000 + 50));
        }
        return r;
    }

    // One turn that must succeed (200 with the documented body).
    Turn& say(const std::string& message) {
        Turn& t = send(message, conversationId);
        BOOST_TEST_REQUIRE(t.status == 200, "POST /api/chat \"" << message << "\": " << t.status << " "
                                                                 << t.body.substr(0, 300) << "\n" << transcript());
        if (!t.conversationId.empty()) conversationId = t.conversationId;
        return t;
    }

    // One turn whatever the answer; `conversation` as given (may be another one's id).
    Turn& send(const std::string& message, const std::string& conversation) {
        Turn t;
        t.sent = message;
        Poco::JSON::Object o;
        o.set("message", message);
        if (!conversation.empty()) o.set("conversation_id", conversation);
        std::ostringstream body;
        o.stringify(body);
        auto r = post(body.str());
        t.status = r.status;
        t.body = r.body;
        if (r.status == 200) parseInto(t);
        turns.push_back(std::move(t));
        return turns.back();
    }

    // Presses the i-th quick reply (sends its message).
    Turn& press(std::size_t i) {
        BOOST_TEST_REQUIRE(last().suggestions.size() > i, "no suggestion " << i << "\n" << transcript());
        return say(last().suggestions[i].message);
    }

    const Turn& last() const {
        BOOST_TEST_REQUIRE(!turns.empty());
        return turns.back();
    }
    const std::string& state() const { return last().state; }

    std::string transcript() const {
        std::ostringstream o;
        o << "---- conversation" << (who_.empty() ? "" : " of " + who_) << " (" << conversationId << ")\n";
        for (const auto& t : turns) {
            o << "  > " << t.sent << "\n";
            if (t.status != 200) {
                o << "  < HTTP " << t.status << " " << t.body.substr(0, 300) << "\n";
                continue;
            }
            o << "  < [" << t.state << " | " << t.intent << " " << t.confidence << "] " << t.reply << "\n";
            if (!t.suggestions.empty()) o << "    " << t.suggestionText() << "\n";
        }
        return o.str();
    }

    std::vector<Turn> turns;
    std::string conversationId;

private:
    static void parseInto(Turn& t) {
        Poco::JSON::Object::Ptr o;
        try {
            o = Poco::JSON::Parser().parse(t.body).extract<Poco::JSON::Object::Ptr>();
        } catch (const std::exception&) {
            BOOST_TEST_REQUIRE(false, "chat answer is not JSON: " << t.body.substr(0, 300));
        }
        t.conversationId = jsonString(o, "conversation_id");
        t.reply = jsonString(o, "reply");
        t.intent = jsonString(o, "intent");
        t.state = jsonString(o, "state");
        if (o->has("confidence") && !o->get("confidence").isEmpty()) t.confidence = o->getValue<double>("confidence");
        if (auto list = o->getArray("suggestions"))
            for (std::size_t i = 0; i < list->size(); ++i) {
                auto s = list->getObject(static_cast<unsigned>(i));
                if (s) t.suggestions.push_back({jsonString(s, "label"), jsonString(s, "message")});
            }
    }

    const ApiClient& api_;
    std::string who_;
};

// ---------------------------------------------------------------------------------------
// Reading replies

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }

// `needle` in `hay` (both lower-cased by the caller); a needle that starts or ends with a
// digit must not continue a longer number ("3:50" is not in "13:50").
inline bool containsToken(const std::string& hay, const std::string& needle) {
    if (needle.empty()) return false;
    for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) {
        const bool leftOk = !isDigit(needle.front()) || pos == 0 || !isDigit(hay[pos - 1]);
        const auto end = pos + needle.size();
        const bool rightOk = !isDigit(needle.back()) || end >= hay.size() || !isDigit(hay[end]);
        if (leftOk && rightOk) return true;
    }
    return false;
}

// The spellings of a time of day a reply may use: "15:50", "15.50", "3:50 pm", "3.50pm".
inline std::vector<std::string> timeSpellings(int minuteOfDay) {
    const int h = minuteOfDay / 60, m = minuteOfDay % 60;
    std::vector<std::string> out{two(h) + ":" + two(m), std::to_string(h) + ":" + two(m), two(h) + "." + two(m),
                                 std::to_string(h) + "h" + two(m)};
    if (h > 12) {
        out.push_back(std::to_string(h - 12) + ":" + two(m));
        out.push_back(std::to_string(h - 12) + "." + two(m));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The spellings of a day a reply may use.
inline std::vector<std::string> dateSpellings(const LocalDate& d) {
    const std::string month = monthName(d.month), mon = std::string(monthName(d.month)).substr(0, 3);
    const std::string day = std::to_string(d.day);
    return {isoDate(d),
            day + " " + month,
            month + " " + day,
            day + ordinalSuffix(d.day) + " " + month,
            day + ordinalSuffix(d.day) + " of " + month,
            day + " " + mon + " ",
            mon + " " + day,
            two(d.day) + "/" + two(d.month),
            day + "/" + std::to_string(d.month) + "/",
            two(d.day) + "." + two(d.month) + "."};
}

// Whether a reply's time (HH:MM) and day appear in a suggestion: the booking took the slot
// that was offered.
inline bool offered(const Suggestion& s, std::int64_t start) {
    const std::string text = lower(s.label + " " + s.message);
    bool time = false;
    for (const auto& t : timeSpellings(minuteOf(start))) time = time || containsToken(text, lower(t));
    return time;
}

inline bool replyHasTime(const Turn& t, int minuteOfDay) {
    const std::string text = lower(t.reply);
    for (const auto& s : timeSpellings(minuteOfDay))
        if (containsToken(text, lower(s))) return true;
    return false;
}

// Minutes of the day of every HH:MM written in a text (24-hour, or with am/pm after it).
inline std::vector<int> timesIn(const std::string& text) {
    std::vector<int> out;
    const std::string t = lower(text);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!isDigit(t[i]) || (i > 0 && isDigit(t[i - 1]))) continue;
        std::size_t j = i;
        int h = 0;
        while (j < t.size() && isDigit(t[j]) && j - i < 2) h = h * 10 + (t[j++] - '0');
        if (j >= t.size() || (t[j] != ':' && t[j] != '.') || j + 2 >= t.size() + 0 || !isDigit(t[j + 1]) ||
            !isDigit(t[j + 2]) || (j + 3 < t.size() && isDigit(t[j + 3])))
            continue;
        int m = (t[j + 1] - '0') * 10 + (t[j + 2] - '0');
        std::size_t k = j + 3;
        while (k < t.size() && t[k] == ' ') ++k;
        if (t.compare(k, 2, "pm") == 0 && h < 12) h += 12;
        if (t.compare(k, 2, "am") == 0 && h == 12) h = 0;
        if (h < 24 && m < 60) out.push_back(h * 60 + m);
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Conversations as named test cases

struct Case {
    std::string name;
    std::function<void()> body;
};

// Registers one suite of named cases with the master test suite (at static initialisation).
inline bool registerCases(const std::string& suite, const std::vector<Case>& cases, const char* file) {
    auto* ts = BOOST_TEST_SUITE(suite);
    for (const auto& c : cases) ts->add(boost::unit_test::make_test_case(c.body, c.name, file, 0));
    boost::unit_test::framework::master_test_suite().add(ts);
    return true;
}

}  // namespace medassist::testing::conversations
