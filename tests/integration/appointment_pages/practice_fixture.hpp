#pragma once
// What the appointment-page and visit-note suites set up before they look at pages: a
// doctor of their own with predictable hours (so the free times are known), patients and
// caregivers registered through the register page, and direct SQL for what a test needs
// that no page offers (moving a visit into the past, a caregiver link).
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "app_db.hpp"
#include "commands.hpp"
#include "scheduling/practice_time.hpp"
#include "staff_client.hpp"

namespace medassist::testing {

using PracticeTime = scheduling::PracticeTime;

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

// The practice's clock (the seed's zone; the tests do not change it).
inline const PracticeTime& practiceClock() {
    static PracticeTime clock("Europe/Rome");
    return clock;
}

inline scheduling::LocalDate localDay(int daysAhead) {
    return scheduling::addDays(practiceClock().dateOf(epochNow()), daysAhead);
}

// The instant of a local wall-clock time on a day.
inline std::int64_t localInstant(const scheduling::LocalDate& d, int hour, int minute = 0) {
    auto t = practiceClock().toInstant(d, hour * 60 + minute);
    BOOST_TEST_REQUIRE(t.has_value());
    return *t;
}

// "20261124T083000Z", as a calendar file writes a UTC time.
inline std::string icsUtc(std::int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)),
                                           "%Y%m%dT%H%M%SZ");
}

inline std::string sqlUtc(std::int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)),
                                           "%Y-%m-%d %H:%M:%S");
}

struct TestDoctor {
    StaffAccount staff;  // signed in to the pages (browser) and the API (api)
    std::string name, specialtySlug, specialtyName;
};

// A doctor account (made by medassist-admin, two-step sign-in set up through the pages)
// with a public profile in a specialty of its own and hours every day from 07:00 to
// 21:00 in 30-minute slots, so every test knows exactly which times are free.
inline TestDoctor newBookableDoctor(const std::string& label = "Doctor") {
    TestDoctor d;
    d.name = "Dr ";
    d.name += label;
    d.name += ' ';
    d.name += randomName("");
    d.staff = newStaff("doctor", d.name);
    d.specialtySlug = randomName("spec-");
    d.specialtyName = "Specialty ";
    d.specialtyName += d.specialtySlug;
    exec("INSERT INTO specialties (slug, name) VALUES (?, ?)", {d.specialtySlug, d.specialtyName});
    exec("INSERT INTO doctors (user_id, display_name, specialty_id, languages, bio) "
         "SELECT ?, ?, id, 'English', 'A test doctor.' FROM specialties WHERE slug = ?",
         {std::to_string(d.staff.id), d.name, d.specialtySlug});
    for (int day = 1; day <= 7; ++day)
        exec("INSERT INTO doctor_hours (doctor_id, weekday, start_time, end_time, slot_minutes) "
             "VALUES (?, ?, '07:00', '21:00', 30)",
             {std::to_string(d.staff.id), std::to_string(day)});
    return d;
}

// A patient or caregiver registered through the register page, signed in (cookie).
struct Member {
    std::int64_t id = 0;
    std::string name, email;
    Browser browser;
};

inline Member newMember(const std::string& role, const std::string& label) {
    Member m;
    m.name = label;
    m.name += ' ';
    m.name += randomName("");
    m.email = uniqueEmail(role);
    auto form = m.browser.get("/register");
    BOOST_TEST_REQUIRE(form.status == 200);
    auto reg = m.browser.post("/register", {{"csrf_token", csrfOf(form.body)},
                                            {"role", role},
                                            {"name", m.name},
                                            {"email", m.email},
                                            {"password", kGoodPassword},
                                            {"consent", "1"},
                                            {"consent_version",
                                             between(form.body, "name=\"consent_version\" value=\"", "\"")}});
    BOOST_TEST_REQUIRE(reg.status == 303, "register: " << reg.status);
    auto confirmed = confirmEmailByStaff(m.email);
    BOOST_TEST_REQUIRE(confirmed.exitCode == 0, "confirm-email: " << confirmed.output);
    auto login = m.browser.get("/login");
    auto in = m.browser.post("/login", {{"csrf_token", csrfOf(login.body)}, {"email", m.email}, {"password", kGoodPassword}});
    BOOST_TEST_REQUIRE(in.status == 303, "sign in: " << in.status);
    auto me = m.browser.get("/auth/me", {{"Accept", "application/json"}});
    BOOST_TEST_REQUIRE(me.status == 200);
    auto body = parseJson(me.body);
    m.id = body->getObject(role)->getValue<std::int64_t>(role + "_id");
    return m;
}

// An active caregiver link made directly in the database (the invitation's address is
// not needed: the tests never go through the invitation mail).
inline void linkCaregiver(std::int64_t patientId, std::int64_t caregiverId, bool canReadNotes) {
    exec("INSERT INTO caregiver_links (patient_id, invite_bidx, invite_email_ct, caregiver_id, can_read_notes, "
         "status, accepted_at) VALUES (?, ?, 'not-a-real-ciphertext', ?, ?, 'active', UTC_TIMESTAMP(6))",
         {std::to_string(patientId), randomName("") + randomName(""), std::to_string(caregiverId),
          canReadNotes ? "1" : "0"});
}

inline std::string doctorPath(std::int64_t id) {
    std::string s = "/appointments/new?step=doctor&doctor_id=";
    s += std::to_string(id);
    return s;
}

// Books straight through the last form of the wizard (POST /appointments) and returns
// the new appointment's id.
inline std::int64_t bookThroughPages(Member& patient, const TestDoctor& doctor, std::int64_t start,
                                     const std::string& reason) {
    auto page = patient.browser.get(doctorPath(doctor.staff.id));
    BOOST_TEST_REQUIRE(page.status == 200, "day step: " << page.status);
    auto r = patient.browser.post("/appointments", {{"csrf_token", csrfOf(page.body)},
                                                    {"doctor_id", std::to_string(doctor.staff.id)},
                                                    {"start", practiceClock().iso(start)},
                                                    {"reason", reason}});
    BOOST_TEST_REQUIRE(r.status == 303, "booking: " << r.status << " " << r.body.substr(0, 400));
    const std::string location = r.header("location");
    const std::string prefix = "/appointments?booked=";
    BOOST_TEST_REQUIRE(location.rfind(prefix, 0) == 0, location);
    return std::stoll(location.substr(prefix.size()));
}

// Moves an appointment's time directly (booking needs two hours' notice; a visit that
// happened needs a start in the past).
inline void moveInDatabase(std::int64_t appointmentId, std::int64_t start, int minutes = 30) {
    exec("UPDATE appointments SET starts_at = ?, ends_at = ? WHERE id = ?",
         {sqlUtc(start), sqlUtc(start + minutes * 60), std::to_string(appointmentId)});
}

}  // namespace medassist::testing
