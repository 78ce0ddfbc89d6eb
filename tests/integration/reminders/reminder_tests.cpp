// Appointment reminders (issue 23) through the real stack: bookings, moves, cancellations and
// the account page through nginx and the app, passes of the worker through `medassist-admin
// reminders run --now=...` (the same service the app's worker runs, at a moment the test
// names: no test waits for a clock), mails through a real SMTP server.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../appointment_pages/practice_fixture.hpp"
#include "reminders/reminder_store.hpp"
#include "smtp_server.hpp"

using namespace medassist::testing;
using medassist::scheduling::formatDate;

namespace {

constexpr std::int64_t kHour = 3600;


// One pass of the reminder worker at `now` (epoch seconds, or ISO 8601 with the practice's
// offset as an operator types it); its mails are delivered when the command ends.
std::string runPass(std::int64_t now, bool iso = false) {
    auto r = adminCommand("reminders run --now=" + (iso ? practiceClock().iso(now) : std::to_string(now)));
    BOOST_TEST_REQUIRE(r.exitCode == 0, "reminders run: " << r.output);
    BOOST_TEST(contains(r.output, " 0 failed"), r.output);
    return r.output;
}

bool isReminder(const ParsedMail& m) {
    return m.subject.rfind("Reminder:", 0) == 0 || m.subject.rfind("Promemoria:", 0) == 0;
}

// The reminders the SMTP server holds for one address, now: every pass has delivered its
// mails before its command ended, so nothing is on its way.
std::vector<ParsedMail> remindersTo(const SmtpServer& smtp, const std::string& to) {
    std::vector<ParsedMail> out;
    for (const auto& raw : smtp.messages())
        if (auto m = parseMail(raw); m.to == to && isReminder(m)) out.push_back(m);
    return out;
}

// Sets practice settings for one test and puts them back after it (other suites share the database).
struct PracticeSettings {
    std::vector<std::pair<std::string, std::string>> saved;
    explicit PracticeSettings(const std::vector<std::pair<std::string, std::string>>& values) {
        for (const auto& [key, value] : values) {
            saved.emplace_back(key, scalar("SELECT setting_value FROM practice_settings WHERE setting_key = ?", {key}));
            exec("UPDATE practice_settings SET setting_value = ? WHERE setting_key = ?", {value, key});
        }
    }
    ~PracticeSettings() {
        try {
            for (const auto& [key, value] : saved)
                exec("UPDATE practice_settings SET setting_value = ? WHERE setting_key = ?", {value, key});
        } catch (...) {
        }
    }
};

std::string appointmentPath(std::int64_t id, const std::string& rest) {
    return "/appointments/" + std::to_string(id) + rest;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reminders)

BOOST_AUTO_TEST_CASE(a_reminder_is_mailed_once_24_hours_before_without_the_reason) {
    SmtpServer smtp(SmtpServer::testPort());
    auto doctor = newBookableDoctor("Reminding");
    auto patient = newMember("patient", "Reminded Patient");
    const std::int64_t start = localInstant(localDay(3), 10, 0);
    const std::int64_t id = bookThroughPages(patient, doctor, start, "Persistent cough since October");

    runPass(start - 24 * kHour - 60);  // a minute early
    BOOST_TEST(remindersTo(smtp, patient.email).empty());

    runPass(start - 24 * kHour + 60);
    auto mails = remindersTo(smtp, patient.email);
    BOOST_TEST_REQUIRE(mails.size() == 1u);
    const auto& m = mails.front();
    BOOST_TEST(contains(m.subject, "Reminder: your appointment on "));
    BOOST_TEST(contains(m.body, "This is a reminder of your appointment."));
    BOOST_TEST(contains(m.body, doctor.name));
    BOOST_TEST(contains(m.body, " at 10:00 (Rome time)"), m.body);
    const std::string base = env("MEDASSIST_TEST_BASE_URL");
    BOOST_TEST(contains(m.body, base + appointmentPath(id, "/reschedule")), m.body);
    BOOST_TEST(contains(m.body, base + appointmentPath(id, "/cancel")));
    BOOST_TEST(contains(m.body, base + appointmentPath(id, "/ics")));
    BOOST_TEST(contains(m.body, base + "/account"));
    // Never why.
    BOOST_TEST(!contains(m.body, "cough"));
    BOOST_TEST(!contains(m.body, "October"));
    BOOST_TEST(!contains(m.subject, "cough"));

    runPass(start - 24 * kHour + 120);  // the next pass
    runPass(start - 2 * kHour);         // the second reminder is off by default
    BOOST_TEST(remindersTo(smtp, patient.email).size() == 1u);

    // The patient's data export holds the choice and the reminder (issue 5's right of access).
    auto exported = patient.browser.get("/api/me/export", {{"Accept", "application/json"}});
    BOOST_TEST_REQUIRE(exported.status == 200, exported.body.substr(0, 300));
    auto reminders = parseJson(exported.body)->getObject("reminders");
    BOOST_TEST_REQUIRE(!reminders.isNull());
    BOOST_TEST(reminders->getValue<bool>("on"));
    auto sent = reminders->getArray("sent");
    BOOST_TEST_REQUIRE(sent->size() == 1u);
    BOOST_TEST(sent->getObject(0)->getValue<std::int64_t>("appointment_id") == id);
    BOOST_TEST(sent->getObject(0)->getValue<std::string>("reminder") == "first");
    auto exportForm = patient.browser.get("/account/export");
    auto document = patient.browser.post("/account/export", {{"csrf_token", csrfOf(exportForm.body)},
                                                             {"password", kGoodPassword}});
    BOOST_TEST_REQUIRE(document.status == 200);
    BOOST_TEST(contains(document.body, "Reminders are on."));
    BOOST_TEST(contains(document.body, ": a reminder of the appointment of "));

    // The doctor's schedule says the patient was reminded, in words.
    auto day = doctor.staff.browser.get("/doctor/schedule?view=day&date=" + formatDate(localDay(3)));
    BOOST_TEST_REQUIRE(day.status == 200);
    BOOST_TEST(contains(day.body, "Reminder sent"));
}

BOOST_AUTO_TEST_CASE(a_second_reminder_goes_2_hours_before_when_the_practice_turns_it_on) {
    PracticeSettings second({{"reminder_second_enabled", "1"}, {"reminder_second_hours", "2"}});
    SmtpServer smtp(SmtpServer::testPort());
    auto doctor = newBookableDoctor("Twice");
    auto patient = newMember("patient", "Twice Reminded");
    const std::int64_t start = localInstant(localDay(3), 12, 0);
    bookThroughPages(patient, doctor, start, "");

    runPass(start - 24 * kHour + 60);
    BOOST_TEST(remindersTo(smtp, patient.email).size() == 1u);
    runPass(start - 2 * kHour - 60);
    BOOST_TEST(remindersTo(smtp, patient.email).size() == 1u);
    runPass(start - 2 * kHour + 60);
    runPass(start - kHour);
    auto mails = remindersTo(smtp, patient.email);
    BOOST_TEST_REQUIRE(mails.size() == 2u);
    BOOST_TEST(contains(mails.back().body, " at 12:00 (Rome time)"));
}

BOOST_AUTO_TEST_CASE(a_cancelled_appointment_gets_no_reminder) {
    SmtpServer smtp(SmtpServer::testPort());
    auto doctor = newBookableDoctor("Cancelled");
    auto patient = newMember("patient", "Cancelling Patient");
    const std::int64_t start = localInstant(localDay(3), 11, 0);
    const std::int64_t id = bookThroughPages(patient, doctor, start, "");
    auto confirm = patient.browser.get(appointmentPath(id, "/cancel"));
    BOOST_TEST_REQUIRE(confirm.status == 200);
    auto cancelled = patient.browser.post(appointmentPath(id, "/cancel"), {{"csrf_token", csrfOf(confirm.body)}});
    BOOST_TEST_REQUIRE(cancelled.status == 303);

    runPass(start - 24 * kHour + 60);
    runPass(start - kHour);
    BOOST_TEST(remindersTo(smtp, patient.email).empty());
    auto day = doctor.staff.browser.get("/doctor/schedule?view=day&date=" + formatDate(localDay(3)));
    BOOST_TEST(!contains(day.body, "Reminder sent"));
}

BOOST_AUTO_TEST_CASE(a_moved_appointment_is_reminded_at_its_new_time) {
    SmtpServer smtp(SmtpServer::testPort());
    auto doctor = newBookableDoctor("Moving");
    auto patient = newMember("patient", "Moving Patient");
    const std::int64_t first = localInstant(localDay(3), 9, 30);
    const std::int64_t id = bookThroughPages(patient, doctor, first, "");

    runPass(first - 24 * kHour + 60);
    BOOST_TEST_REQUIRE(remindersTo(smtp, patient.email).size() == 1u);

    // Moved (at the real time, days before either start) to the next day at 11:30.
    const auto newDay = localDay(4);
    const std::int64_t moved = localInstant(newDay, 11, 30);
    auto times = patient.browser.get(appointmentPath(id, "/reschedule?step=day&date=" + formatDate(newDay)));
    BOOST_TEST_REQUIRE(times.status == 200);
    auto r = patient.browser.post(appointmentPath(id, "/reschedule"), {{"csrf_token", csrfOf(times.body)},
                                                                      {"date", formatDate(newDay)},
                                                                      {"start", practiceClock().iso(moved)}});
    BOOST_TEST_REQUIRE(r.status == 303);

    runPass(first - kHour);                  // nothing at the old time
    BOOST_TEST(remindersTo(smtp, patient.email).size() == 1u);
    runPass(moved - 24 * kHour - 60);        // nor before the new one's moment
    BOOST_TEST(remindersTo(smtp, patient.email).size() == 1u);
    runPass(moved - 24 * kHour + 60, true);
    auto mails = remindersTo(smtp, patient.email);
    BOOST_TEST_REQUIRE(mails.size() == 2u);
    BOOST_TEST(contains(mails.back().body, " at 11:30 (Rome time)"), mails.back().body);
    BOOST_TEST(!contains(mails.back().body, "09:30"));
}

BOOST_AUTO_TEST_CASE(several_processes_running_the_pass_at_once_send_one_reminder) {
    SmtpServer smtp(SmtpServer::testPort());
    auto doctor = newBookableDoctor("Racing");
    auto patient = newMember("patient", "Raced Patient");
    const std::int64_t start = localInstant(localDay(5), 15, 0);
    const std::int64_t id = bookThroughPages(patient, doctor, start, "");

    // Four worker passes in four processes, as four app processes on two hosts would run them.
    std::vector<CommandResult> results(4);
    std::vector<std::thread> workers;
    for (std::size_t i = 0; i < results.size(); ++i)
        workers.emplace_back([&results, i, start] {
            results[i] = adminCommand("reminders run --now=" + std::to_string(start - 23 * kHour));
        });
    for (auto& w : workers) w.join();
    for (const auto& r : results) BOOST_TEST(r.exitCode == 0, r.output);
    BOOST_TEST(remindersTo(smtp, patient.email).size() == 1u);

    // The claim itself, with real contention: eight connections released at once claim the
    // same reminder (here the second one, which the processes did not send); one gets it.
    auto pool = appPool(8);
    medassist::reminders::ReminderStore store(*pool);
    std::atomic<int> ready{0}, claimed{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < 8; ++i)
        racers.emplace_back([&] {
            medassist::storage::ConnectionPool::threadInit();
            ++ready;
            while (ready.load() < 8) std::this_thread::yield();
            if (store.claim(id, start, medassist::reminders::ReminderKind::Second, start - kHour)) ++claimed;
            medassist::storage::ConnectionPool::threadEnd();
        });
    for (auto& r : racers) r.join();
    BOOST_TEST(claimed.load() == 1);
}

BOOST_AUTO_TEST_CASE(a_patient_who_turns_reminders_off_gets_none_until_they_turn_them_on) {
    SmtpServer smtp(SmtpServer::testPort());
    auto doctor = newBookableDoctor("Optout");
    auto patient = newMember("patient", "Optout Patient");
    auto& b = patient.browser;

    auto account = b.get("/account");
    BOOST_TEST_REQUIRE(account.status == 200);
    BOOST_TEST(contains(account.body, "Appointment reminders"));
    BOOST_TEST(contains(account.body, "<label for=\"reminders-off\">No reminders</label>"));
    BOOST_TEST(contains(account.body, "value=\"on\" checked"));
    auto off = b.post("/account/reminders", {{"csrf_token", csrfOf(account.body)}, {"reminders", "off"}});
    BOOST_TEST_REQUIRE(off.status == 303);
    auto after = b.follow(off);
    BOOST_TEST(contains(after.body, "Reminders are off"));
    BOOST_TEST(contains(after.body, "value=\"off\" checked"));
    // Without the page's token nothing changes.
    BOOST_TEST(b.post("/account/reminders", {{"reminders", "on"}}).status == 403);

    const std::int64_t start = localInstant(localDay(3), 16, 0);
    bookThroughPages(patient, doctor, start, "");
    runPass(start - 24 * kHour + 60);
    BOOST_TEST(remindersTo(smtp, patient.email).empty());

    auto on = b.post("/account/reminders", {{"csrf_token", csrfOf(after.body)}, {"reminders", "on"}});
    BOOST_TEST_REQUIRE(on.status == 303);
    BOOST_TEST(contains(b.follow(on).body, "Reminders are on"));
    runPass(start - 20 * kHour);
    BOOST_TEST(remindersTo(smtp, patient.email).size() == 1u);

    // The same choice through the API, signed in as an API client.
    ApiClient api;
    auto login = api.call("POST", "/auth/login", loginBody(patient.email, kGoodPassword));
    BOOST_TEST_REQUIRE(login.status == 200, login.body);
    api.bearer = jsonString(parseJson(login.body), "token");
    auto state = api.call("GET", "/api/me/reminders");
    BOOST_TEST_REQUIRE(state.status == 200);
    BOOST_TEST(parseJson(state.body)->getValue<bool>("on"));
    BOOST_TEST(api.call("PUT", "/api/me/reminders", R"({"on":"no"})").status == 422);
    BOOST_TEST(api.call("PUT", "/api/me/reminders", R"({"on":true,"extra":1})").status == 422);
    BOOST_TEST(api.call("PUT", "/api/me/reminders", R"({"on":false})").status == 204);
    BOOST_TEST(!parseJson(api.call("GET", "/api/me/reminders").body)->getValue<bool>("on"));
    BOOST_TEST(contains(b.get("/account").body, "value=\"off\" checked"));
}

BOOST_AUTO_TEST_CASE(an_italian_patient_is_reminded_in_italian) {
    SmtpServer smtp(SmtpServer::testPort());
    auto doctor = newBookableDoctor("Italiano");
    auto patient = newMember("patient", "Paziente Italiana");
    auto account = patient.browser.get("/account");
    auto saved = patient.browser.post("/account/language", {{"csrf_token", csrfOf(account.body)}, {"language", "it"}});
    BOOST_TEST_REQUIRE(saved.status == 303);
    auto italian = patient.browser.follow(saved);
    BOOST_TEST(contains(italian.body, "Promemoria degli appuntamenti"));

    const std::int64_t start = localInstant(localDay(4), 17, 30);
    bookThroughPages(patient, doctor, start, "Mal di schiena");
    runPass(start - 24 * kHour + 60);
    auto mails = remindersTo(smtp, patient.email);
    BOOST_TEST_REQUIRE(mails.size() == 1u);
    BOOST_TEST(contains(mails.front().subject, "Promemoria: il suo appuntamento di "));
    BOOST_TEST(contains(mails.front().body, "Le ricordiamo il suo appuntamento."));
    BOOST_TEST(contains(mails.front().body, "alle 17:30"), mails.front().body);
    BOOST_TEST(!contains(mails.front().body, "schiena"));
}

BOOST_AUTO_TEST_SUITE_END()
