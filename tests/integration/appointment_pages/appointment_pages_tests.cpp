// The appointment pages against the real stack (nginx → app → MariaDB), driven the way a
// browser drives them: the booking wizard step by step, the list with local times, the
// calendar file, cancelling and moving, a time taken in between, the cut-off, another
// patient's ids, and a caregiver acting for a patient.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "http/encoding.hpp"
#include "practice_fixture.hpp"

using namespace medassist::testing;
using medassist::scheduling::formatDate;

namespace {

// The values of the radios (or other inputs) named `name`, unescaped, in page order.
std::vector<std::string> inputValues(const std::string& html, const std::string& name) {
    std::vector<std::string> out;
    const std::string key = "name=\"" + name + "\" value=\"";
    for (auto pos = html.find(key); pos != std::string::npos; pos = html.find(key, pos + 1)) {
        const auto b = pos + key.size();
        out.push_back(htmlUnescape(html.substr(b, html.find('"', b) - b)));
    }
    return out;
}

// Every visible input, select and textarea has a <label for> naming its id.
void expectLabelled(const std::string& html) {
    for (const char* tag : {"<input", "<select", "<textarea"}) {
        for (auto pos = html.find(tag); pos != std::string::npos; pos = html.find(tag, pos + 1)) {
            const std::string element = html.substr(pos, html.find('>', pos) - pos);
            if (contains(element, "type=\"hidden\"")) continue;
            const std::string id = between(element, "id=\"", "\"");
            BOOST_TEST(!id.empty(), "an input without an id: " << element);
            BOOST_TEST(contains(html, "<label for=\"" + id + "\""), "no label for " << id);
        }
    }
}

std::string path(std::int64_t id, const std::string& tail) {
    std::string p = "/appointments/";
    p += std::to_string(id);
    p += tail;
    return p;
}

std::string when(std::int64_t start) {
    std::string s = practiceClock().longDate(start);
    s += " at ";
    s += practiceClock().time(start);
    return s;
}

std::string unfold(std::string ics) {
    for (auto pos = ics.find("\r\n "); pos != std::string::npos; pos = ics.find("\r\n ")) ics.erase(pos, 3);
    return ics;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(appointment_pages)

BOOST_AUTO_TEST_CASE(the_wizard_books_an_appointment_that_is_listed_in_local_time_and_exports_to_a_calendar) {
    auto doctor = newBookableDoctor("Wizard");
    auto patient = newMember("patient", "Wizard Patient");
    auto& b = patient.browser;
    const std::string doctorId = std::to_string(doctor.staff.id);

    auto list = b.get("/appointments");
    BOOST_TEST_REQUIRE(list.status == 200);
    BOOST_TEST(contains(list.body, "There are no upcoming appointments."));
    BOOST_TEST(contains(list.body, "href=\"/appointments/new\""));

    // Step 1: a specialty or a doctor.
    auto step1 = b.get("/appointments/new");
    BOOST_TEST_REQUIRE(step1.status == 200);
    BOOST_TEST(contains(step1.body, "<option value=\"" + doctor.specialtySlug + "\">"));
    BOOST_TEST(contains(step1.body, "<option value=\"" + doctorId + "\">"));
    expectLabelled(step1.body);
    auto nothingChosen = b.get("/appointments/new?step=doctor&doctor_id=");
    BOOST_TEST(nothingChosen.status == 422);
    BOOST_TEST(contains(nothingChosen.body, "href=\"#doctor_id\""));
    BOOST_TEST(contains(nothingChosen.body, "id=\"doctor_id-error\""));
    BOOST_TEST(titleOf(nothingChosen.body).rfind("Error: ", 0) == 0u);
    BOOST_TEST(b.get("/appointments/new?step=specialty&specialty=no-such-specialty").status == 422);
    BOOST_TEST(b.get("/appointments/new?step=doctor&doctor_id=999999999999").status == 404);

    // Step 2: the days of the next two weeks with free times (this specialty: this doctor only).
    const auto day = localDay(3);
    const std::string date = formatDate(day);
    const std::string bySpecialty = "/appointments/new?specialty=" + doctor.specialtySlug;
    auto step2 = b.get(bySpecialty + "&step=specialty");
    BOOST_TEST_REQUIRE(step2.status == 200);
    auto days = inputValues(step2.body, "date");
    BOOST_TEST(std::count(days.begin(), days.end(), date) == 1);
    BOOST_TEST(days.size() >= 13u);  // today may have no time left after the notice
    BOOST_TEST(contains(step2.body, "<legend>"));
    expectLabelled(step2.body);
    auto noDay = b.get(bySpecialty + "&step=day");
    BOOST_TEST(noDay.status == 422);
    BOOST_TEST(contains(noDay.body, "href=\"#choice\""));

    // Step 3: the free times of that day, each naming its doctor.
    auto step3 = b.get(bySpecialty + "&date=" + date + "&step=day");
    BOOST_TEST_REQUIRE(step3.status == 200);
    const std::int64_t start = localInstant(day, 10, 0);
    const std::string slot = doctorId + "|" + practiceClock().iso(start);
    auto slots = inputValues(step3.body, "slot");
    BOOST_TEST(slots.size() == 28u);  // 07:00 to 21:00 in 30-minute slots
    BOOST_TEST(std::count(slots.begin(), slots.end(), slot) == 1);
    BOOST_TEST(contains(step3.body, "10:00 with " + doctor.name));
    expectLabelled(step3.body);
    BOOST_TEST(b.get(bySpecialty + "&date=" + date + "&step=slot").status == 422);

    // Step 4: the reason, posted, so it never sits in a URL.
    auto step4 = b.get(bySpecialty + "&date=" + date + "&step=slot&slot=" + medassist::http::percentEncode(slot));
    BOOST_TEST_REQUIRE(step4.status == 200);
    BOOST_TEST(inputValue(step4.body, "start").value_or("") == practiceClock().iso(start));
    BOOST_TEST(inputValue(step4.body, "doctor_id").value_or("") == doctorId);
    BOOST_TEST(contains(step4.body, "method=\"post\" action=\"/appointments/new/confirm\""));
    expectLabelled(step4.body);
    const std::string token = csrfOf(step4.body);
    const Fields chosen{{"csrf_token", token}, {"doctor_id", doctorId}, {"start", practiceClock().iso(start)}};

    auto withReason = [&](const std::string& reason) {
        Fields f = chosen;
        f.emplace_back("reason", reason);
        return f;
    };
    // The reason is optional (as in the API): a blank one goes on to the confirmation.
    auto blank = b.post("/appointments/new/confirm", withReason("   "));
    BOOST_TEST(blank.status == 200);
    BOOST_TEST(contains(blank.body, "None given"));
    auto tooLong = b.post("/appointments/new/confirm", withReason(std::string(501, 'a')));
    BOOST_TEST(tooLong.status == 422);
    BOOST_TEST(contains(tooLong.body, "500 characters"));
    BOOST_TEST(contains(tooLong.body, "id=\"reason-error\""));
    BOOST_TEST(contains(tooLong.body, "aria-describedby=\"reason-hint reason-error\""));
    BOOST_TEST(contains(tooLong.body, "href=\"#reason\""));
    BOOST_TEST(contains(tooLong.body, std::string(501, 'a')));  // kept for editing

    // Step 5: everything once more.
    const std::string reason = "Persistent cough for two weeks";
    auto step5 = b.post("/appointments/new/confirm", withReason(reason));
    BOOST_TEST_REQUIRE(step5.status == 200);
    BOOST_TEST(contains(step5.body, reason));
    BOOST_TEST(contains(step5.body, doctor.name));
    BOOST_TEST(contains(step5.body, practiceClock().longDate(start)));
    BOOST_TEST(contains(step5.body, "10:00"));
    BOOST_TEST(contains(step5.body, "action=\"/appointments\""));
    BOOST_TEST(!contains(step5.body, "id=\"cutoff-warning\""));  // three days ahead: changeable online

    auto booked = b.post("/appointments", {{"csrf_token", csrfOf(step5.body)},
                                           {"doctor_id", inputValue(step5.body, "doctor_id").value_or("")},
                                           {"start", inputValue(step5.body, "start").value_or("")},
                                           {"reason", inputValue(step5.body, "reason").value_or("")}});
    BOOST_TEST_REQUIRE(booked.status == 303);
    const std::string location = booked.header("location");
    BOOST_TEST_REQUIRE(location.rfind("/appointments?booked=", 0) == 0u);
    const std::int64_t id = std::stoll(location.substr(std::string("/appointments?booked=").size()));

    auto listed = b.follow(booked);
    BOOST_TEST_REQUIRE(listed.status == 200);
    BOOST_TEST(contains(listed.body, "is booked."));
    BOOST_TEST(contains(listed.body, when(start)));
    BOOST_TEST(contains(listed.body, reason));
    BOOST_TEST(contains(listed.body, "href=\"" + path(id, "/cancel") + "\""));
    BOOST_TEST(contains(listed.body, "href=\"" + path(id, "/reschedule") + "\""));
    BOOST_TEST(contains(listed.body, "href=\"" + path(id, "/ics") + "\""));
    BOOST_TEST(contains(listed.body, "<th scope=\"col\">When</th>"));

    // The calendar file: UTC times, and no reason (calendars sync to places we do not control).
    auto ics = b.get(path(id, "/ics"));
    BOOST_TEST_REQUIRE(ics.status == 200);
    BOOST_TEST(ics.header("content-type") == "text/calendar; charset=utf-8");
    BOOST_TEST(ics.header("content-disposition") == "attachment; filename=\"appointment-" + std::to_string(id) + ".ics\"");
    const std::string calendar = unfold(ics.body);
    BOOST_TEST(contains(calendar, "DTSTART:" + icsUtc(start) + "\r\n"));
    BOOST_TEST(contains(calendar, "DTEND:" + icsUtc(start + 1800) + "\r\n"));
    const std::string summary = between(calendar, "\r\nSUMMARY:", "\r\n");
    BOOST_TEST(contains(summary, doctor.name));
    BOOST_TEST(!contains(calendar, "cough"));
}

BOOST_AUTO_TEST_CASE(a_time_taken_in_between_answers_409_with_other_times_and_keeps_the_reason) {
    auto doctor = newBookableDoctor("Race");
    auto first = newMember("patient", "First Patient");
    auto second = newMember("patient", "Second Patient");
    const std::int64_t start = localInstant(localDay(4), 9, 0);
    bookThroughPages(first, doctor, start, "Check-up");

    const std::string doctorId = std::to_string(doctor.staff.id);
    auto page = second.browser.get(doctorPath(doctor.staff.id));
    auto taken = second.browser.post("/appointments", {{"csrf_token", csrfOf(page.body)},
                                                       {"doctor_id", doctorId},
                                                       {"start", practiceClock().iso(start)},
                                                       {"reason", "Back pain"}});
    BOOST_TEST_REQUIRE(taken.status == 409);
    BOOST_TEST(contains(taken.body, "just taken"));
    auto others = inputValues(taken.body, "slot");
    BOOST_TEST_REQUIRE(!others.empty());
    BOOST_TEST(others.size() <= 3u);
    BOOST_TEST(std::count(others.begin(), others.end(), doctorId + "|" + practiceClock().iso(start)) == 0);
    BOOST_TEST(inputValue(taken.body, "reason").value_or("") == "Back pain");
    expectLabelled(taken.body);

    auto next = second.browser.post("/appointments/new/confirm", {{"csrf_token", csrfOf(taken.body)},
                                                                  {"doctor_id", doctorId},
                                                                  {"reason", "Back pain"},
                                                                  {"slot", others.front()}});
    BOOST_TEST_REQUIRE(next.status == 200);
    BOOST_TEST(contains(next.body, "Check and book"));
    BOOST_TEST(contains(next.body, "Back pain"));
    auto none = second.browser.post("/appointments/new/confirm", {{"csrf_token", csrfOf(taken.body)},
                                                                  {"doctor_id", doctorId},
                                                                  {"reason", "Back pain"}});
    BOOST_TEST(none.status == 422);
    BOOST_TEST(contains(none.body, "id=\"choice-error\""));
}

BOOST_AUTO_TEST_CASE(a_refused_booking_answers_422_next_to_the_time_with_the_reason_kept) {
    auto doctor = newBookableDoctor("Notice");
    auto patient = newMember("patient", "Hasty Patient");
    const std::int64_t soon = (epochNow() + 3600) / 1800 * 1800;  // inside the 2-hour notice
    auto page = patient.browser.get(doctorPath(doctor.staff.id));
    auto r = patient.browser.post("/appointments", {{"csrf_token", csrfOf(page.body)},
                                                    {"doctor_id", std::to_string(doctor.staff.id)},
                                                    {"start", practiceClock().iso(soon)},
                                                    {"reason", "Sore throat"}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(contains(r.body, "id=\"start-error\""));
    BOOST_TEST(contains(r.body, "href=\"#start\""));
    BOOST_TEST(contains(r.body, ">Sore throat</textarea>"));
    BOOST_TEST(titleOf(r.body).rfind("Error: ", 0) == 0u);
    BOOST_TEST(contains(patient.browser.get("/appointments").body, "There are no upcoming appointments."));
}

BOOST_AUTO_TEST_CASE(moving_and_cancelling_through_the_pages) {
    auto doctor = newBookableDoctor("Mover");
    auto patient = newMember("patient", "Moving Patient");
    auto& b = patient.browser;
    const std::int64_t id = bookThroughPages(patient, doctor, localInstant(localDay(5), 14, 0), "Follow-up");

    auto days = b.get(path(id, "/reschedule"));
    BOOST_TEST_REQUIRE(days.status == 200);
    const auto newDay = localDay(6);
    auto dayValues = inputValues(days.body, "date");
    BOOST_TEST(std::count(dayValues.begin(), dayValues.end(), formatDate(newDay)) == 1);
    BOOST_TEST(contains(days.body, "Current time"));

    auto times = b.get(path(id, "/reschedule?step=day&date=" + formatDate(newDay)));
    BOOST_TEST_REQUIRE(times.status == 200);
    const std::int64_t newStart = localInstant(newDay, 11, 30);
    auto starts = inputValues(times.body, "start");
    BOOST_TEST(std::count(starts.begin(), starts.end(), practiceClock().iso(newStart)) == 1);
    expectLabelled(times.body);

    const std::string token = csrfOf(times.body);
    auto noChoice = b.post(path(id, "/reschedule"), {{"csrf_token", token}, {"date", formatDate(newDay)}});
    BOOST_TEST(noChoice.status == 422);
    BOOST_TEST(contains(noChoice.body, "id=\"choice-error\""));

    auto moved = b.post(path(id, "/reschedule"),
                        {{"csrf_token", token}, {"date", formatDate(newDay)}, {"start", practiceClock().iso(newStart)}});
    BOOST_TEST_REQUIRE(moved.status == 303);
    BOOST_TEST(moved.header("location") == "/appointments?rescheduled=" + std::to_string(id));
    auto afterMove = b.follow(moved);
    BOOST_TEST(contains(afterMove.body, "is now on " + when(newStart)));

    auto confirm = b.get(path(id, "/cancel"));
    BOOST_TEST_REQUIRE(confirm.status == 200);
    BOOST_TEST(contains(confirm.body, "Cancel this appointment?"));
    BOOST_TEST(contains(confirm.body, "Follow-up"));
    auto cancelled = b.post(path(id, "/cancel"), {{"csrf_token", csrfOf(confirm.body)}});
    BOOST_TEST_REQUIRE(cancelled.status == 303);
    BOOST_TEST(cancelled.header("location") == "/appointments?cancelled=1");
    auto afterCancel = b.follow(cancelled);
    BOOST_TEST(contains(afterCancel.body, "Your appointment is cancelled."));
    BOOST_TEST(contains(afterCancel.body, "There are no upcoming appointments."));
    BOOST_TEST(contains(afterCancel.body, "<td data-label=\"Status\">Cancelled</td>"));
    // Issue 16: the reason is destroyed; the doctor's schedule keeps the slot, without the
    // patient's name or reason, and the booking has no note page.
    BOOST_TEST(!contains(afterCancel.body, "Follow-up"));
    auto schedule = doctor.staff.browser.get("/doctor/schedule?view=day&date=" +
                                             formatDate(practiceClock().dateOf(newStart)));
    BOOST_TEST_REQUIRE(schedule.status == 200);
    BOOST_TEST(contains(schedule.body, "(cancelled booking)"));
    BOOST_TEST(!contains(schedule.body, patient.name));
    BOOST_TEST(!contains(schedule.body, "Follow-up"));
    BOOST_TEST(doctor.staff.browser.get("/doctor/appointments/" + std::to_string(id) + "/note").status == 404);

    BOOST_TEST(b.get(path(id, "/cancel")).status == 409);
    // The form sent twice (a double click, the back button): cancelling is idempotent, so the
    // second post lands on the same "cancelled" page instead of an error.
    auto again = b.post(path(id, "/cancel"), {{"csrf_token", csrfOf(confirm.body)}});
    BOOST_TEST(again.status == 303);
    BOOST_TEST(again.header("location") == "/appointments?cancelled=1");
    BOOST_TEST(b.get(path(id, "/reschedule")).status == 409);
    // A form without its token is refused before anything changes.
    BOOST_TEST(b.post(path(id, "/cancel"), {}).status == 403);
}

BOOST_AUTO_TEST_CASE(inside_the_cutoff_cancelling_and_moving_answer_409_with_the_practice_phone) {
    auto doctor = newBookableDoctor("Cutoff");
    auto patient = newMember("patient", "Late Patient");
    auto& b = patient.browser;
    const std::int64_t id = bookThroughPages(patient, doctor, localInstant(localDay(3), 8, 0), "Vaccination");
    moveInDatabase(id, (epochNow() + 3 * 3600) / 60 * 60);  // three hours from now

    auto list = b.get("/appointments");
    BOOST_TEST(!contains(list.body, "href=\"" + path(id, "/cancel") + "\""));
    BOOST_TEST(contains(list.body, "href=\"" + path(id, "/ics") + "\""));
    // Issue 22: not just the buttons gone: why, and how to reach the practice now.
    BOOST_TEST(contains(list.body, "Less than 24 hours to go: this appointment can no longer be cancelled or moved online."));
    BOOST_TEST(contains(list.body, "Please call the practice on +39-06-5550-1234."));
    const auto openOrClosed = [](const std::string& body) {
        return contains(body, "The practice is open now, until ") ||
               contains(body, "The practice is closed now. It opens again ");
    };
    BOOST_TEST(openOrClosed(list.body));

    auto page = b.get(path(id, "/cancel"));
    BOOST_TEST(page.status == 409);
    BOOST_TEST(contains(page.body, "+39-06-5550-1234"));
    BOOST_TEST(openOrClosed(page.body));
    // The switcher saves the choice on the account, which comes first (issue 17).
    BOOST_TEST_REQUIRE(b.get("/language?to=it&next=/").status == 303);
    auto italian = b.get(path(id, "/cancel"));
    BOOST_TEST((contains(italian.body, "Lo studio è aperto ora") || contains(italian.body, "Lo studio è chiuso ora")),
               italian.body.substr(0, 3000));
    BOOST_TEST_REQUIRE(b.get("/language?to=en&next=/").status == 303);
    auto post = b.post(path(id, "/cancel"), {{"csrf_token", csrfOf(list.body)}});
    BOOST_TEST(post.status == 409);
    BOOST_TEST(contains(post.body, "+39-06-5550-1234"));
    BOOST_TEST(b.get(path(id, "/reschedule")).status == 409);
    auto move = b.post(path(id, "/reschedule"), {{"csrf_token", csrfOf(list.body)},
                                                 {"start", practiceClock().iso(localInstant(localDay(7), 9, 0))}});
    BOOST_TEST(move.status == 409);
    BOOST_TEST(contains(move.body, "+39-06-5550-1234"));
    BOOST_TEST(scalar("SELECT status FROM appointments WHERE id = ?", {std::to_string(id)}) == "booked");
}

// Issue 17: a refusal with a number in it is one catalog entry with its number apart, so a
// reader in Italian reads it in Italian; the list names the practice's time zone in words.
BOOST_AUTO_TEST_CASE(a_booking_inside_the_notice_is_refused_in_the_readers_language) {
    auto doctor = newBookableDoctor("Notice");
    auto patient = newMember("patient", "Hasty Patient");
    auto& b = patient.browser;
    bookThroughPages(patient, doctor, localInstant(localDay(4), 9, 0), "");
    const std::int64_t soon = (epochNow() + 3600) / 1800 * 1800 + 1800;  // inside the two hours' notice
    auto page = b.get(doctorPath(doctor.staff.id));
    const Fields form{{"csrf_token", csrfOf(page.body)},
                      {"doctor_id", std::to_string(doctor.staff.id)},
                      {"start", practiceClock().iso(soon)},
                      {"reason", ""}};
    BOOST_TEST_REQUIRE(b.get("/language?to=it&next=/").status == 303);  // saved on the account
    auto italian = b.post("/appointments", form);
    BOOST_TEST(italian.status == 422);
    BOOST_TEST(contains(italian.body, "Gli appuntamenti vanno prenotati con almeno 2 h di anticipo."),
               italian.body.substr(0, 3000));
    BOOST_TEST(!contains(italian.body, "in advance"));
    auto elenco = b.get("/appointments");
    BOOST_TEST(contains(elenco.body, "(ora di Roma)"));
    BOOST_TEST(!contains(elenco.body, "Europe/Rome"));

    BOOST_TEST_REQUIRE(b.get("/language?to=en&next=/").status == 303);
    auto english = b.post("/appointments", form);
    BOOST_TEST(english.status == 422);
    BOOST_TEST(contains(english.body, "Appointments must be booked at least 2 h in advance."));
    auto list = b.get("/appointments");
    BOOST_TEST(contains(list.body, "local time (Rome time)."), list.body.substr(0, 3000));
    BOOST_TEST(!contains(list.body, "Europe/Rome"));
}

// Issue 22: a time inside the cancellation cutoff (bookable two hours ahead, changeable online
// until 24 hours before) is flagged on the confirmation, before booking.
BOOST_AUTO_TEST_CASE(the_confirmation_says_when_a_booking_could_not_be_changed_online) {
    auto doctor = newBookableDoctor("Soon");
    auto patient = newMember("patient", "Soon Patient");
    auto& b = patient.browser;
    auto page = b.get(doctorPath(doctor.staff.id));
    const std::int64_t soon = (epochNow() + 3 * 3600) / 1800 * 1800 + 1800;
    auto confirm = b.post("/appointments/new/confirm", {{"csrf_token", csrfOf(page.body)},
                                                        {"doctor_id", std::to_string(doctor.staff.id)},
                                                        {"start", practiceClock().iso(soon)},
                                                        {"reason", ""}});
    BOOST_TEST_REQUIRE(confirm.status == 200);
    BOOST_TEST(contains(confirm.body, "id=\"cutoff-warning\""));
    BOOST_TEST(contains(confirm.body, "This appointment starts in less than 24 hours, so you will not be able to cancel "
                                      "or move it online. To change it, you would have to call the practice on "
                                      "+39-06-5550-1234."));
    // Before the button that books.
    BOOST_TEST(confirm.body.find("cutoff-warning") < confirm.body.find("Book this appointment"));
}

// Issue 22: the day step pages through the whole booking horizon (60 days), two weeks at a
// time, with plain links; a page beyond the horizon is the last one.
BOOST_AUTO_TEST_CASE(the_day_step_offers_the_whole_booking_horizon_in_pages) {
    auto doctor = newBookableDoctor("Horizon");
    auto patient = newMember("patient", "Planning Patient");
    auto& b = patient.browser;
    const std::string base = "/appointments/new?doctor_id=" + std::to_string(doctor.staff.id);
    auto first = b.get(base);
    BOOST_TEST_REQUIRE(first.status == 200);
    BOOST_TEST(!contains(first.body, "rel=\"prev\""));
    const std::string next = htmlUnescape(between(first.body, "href=\"", "\" rel=\"next\""));
    BOOST_TEST(contains(next, "from=" + formatDate(localDay(14))));

    // Every day of a page lies in its two weeks (a holiday may be missing from it).
    const auto within = [](const std::vector<std::string>& days, int from, int to) {
        if (days.empty()) return false;
        for (const auto& d : days)
            if (d < formatDate(localDay(from)) || d > formatDate(localDay(to))) return false;
        return true;
    };
    auto second = b.get(next.substr(next.rfind("/appointments/new?")));
    BOOST_TEST_REQUIRE(second.status == 200);
    BOOST_TEST(within(inputValues(second.body, "date"), 14, 27));
    BOOST_TEST(contains(second.body, "rel=\"prev\""));
    BOOST_TEST(contains(second.body, "You can book up to "));

    // The last page ends with the last bookable day (today + 60), and goes no further.
    auto last = b.get(base + "&from=" + formatDate(localDay(90)));
    BOOST_TEST_REQUIRE(last.status == 200);
    auto days = inputValues(last.body, "date");
    BOOST_TEST(within(days, 56, 60));
    BOOST_TEST(!contains(last.body, "rel=\"next\""));
    BOOST_TEST(contains(last.body, "rel=\"prev\""));
    // A day far ahead can be chosen and leads to its times.
    BOOST_TEST_REQUIRE(!days.empty());
    auto times = b.get(base + "&date=" + days.back() + "&step=day");
    BOOST_TEST_REQUIRE(times.status == 200);
    BOOST_TEST(inputValues(times.body, "slot").size() == 28u);
    BOOST_TEST(contains(times.body, "from=" + formatDate(localDay(56))));  // back to the page it came from
    // Nonsense in "from" is the first page, not an error.
    BOOST_TEST(b.get(base + "&from=yesterday").status == 200);
}

// Issue 22: the limit of 3 upcoming bookings is said on the first step, not after the fifth.
BOOST_AUTO_TEST_CASE(the_booking_limit_is_said_on_the_first_step) {
    auto doctor = newBookableDoctor("Limit");
    auto patient = newMember("patient", "Busy Patient");
    auto& b = patient.browser;
    auto before = b.get("/appointments/new");
    BOOST_TEST_REQUIRE(before.status == 200);
    BOOST_TEST(!contains(before.body, "id=\"limit-notice\""));
    for (int hour : {9, 10, 11}) bookThroughPages(patient, doctor, localInstant(localDay(6), hour, 0), "");
    auto full = b.get("/appointments/new");
    BOOST_TEST_REQUIRE(full.status == 200);
    BOOST_TEST(contains(full.body, "id=\"limit-notice\""));
    BOOST_TEST(contains(full.body, "You already have 3 upcoming appointments, the most that can be booked at once."));
    BOOST_TEST(contains(full.body, "cancel or move one of them first"));
    // The same notice in Italian once the patient chooses it (saved on the account, issue 17).
    BOOST_TEST_REQUIRE(b.get("/language?to=it&next=/appointments/new").status == 303);
    auto piena = b.get("/appointments/new");
    BOOST_TEST_REQUIRE(piena.status == 200);
    BOOST_TEST(contains(piena.body, "Ha già 3 appuntamenti in programma, il massimo che si può prenotare insieme."),
               piena.body);
    BOOST_TEST(!contains(piena.body, "You already have"));
}

BOOST_AUTO_TEST_CASE(another_patients_appointment_is_404_exactly_like_a_missing_one) {
    auto doctor = newBookableDoctor("Privacy");
    auto owner = newMember("patient", "Owner Patient");
    auto other = newMember("patient", "Other Patient");
    const std::int64_t start = localInstant(localDay(5), 16, 0);
    const std::int64_t id = bookThroughPages(owner, doctor, start, "Private matter");

    auto missing = other.browser.get("/appointments/999999999999/ics");
    BOOST_TEST(missing.status == 404);
    auto otherList = other.browser.get("/appointments");
    const std::string token = csrfOf(otherList.body);
    for (const char* tail : {"/cancel", "/reschedule", "/ics"}) {
        auto r = other.browser.get(path(id, tail));
        BOOST_TEST(r.status == 404, tail);
        BOOST_TEST(titleOf(r.body) == titleOf(missing.body), tail);
        BOOST_TEST(!contains(r.body, "Private matter"), tail);
    }
    BOOST_TEST(other.browser.post(path(id, "/cancel"), {{"csrf_token", token}}).status == 404);
    BOOST_TEST(other.browser.post(path(id, "/reschedule"), {{"csrf_token", token},
                                                             {"start", practiceClock().iso(start + 3600)}})
                   .status == 404);
    BOOST_TEST(!contains(otherList.body, "Private matter"));
    BOOST_TEST(other.browser.get("/appointments/abc/cancel").status == 404);

    // Untouched, and the owner still sees it.
    BOOST_TEST(scalar("SELECT status FROM appointments WHERE id = ?", {std::to_string(id)}) == "booked");
    BOOST_TEST(contains(owner.browser.get("/appointments").body, when(start)));
    // The pages are for patients and caregivers.
    BOOST_TEST(doctor.staff.browser.get("/appointments").status == 403);
}

BOOST_AUTO_TEST_CASE(a_caregiver_acts_for_the_patient_they_chose_and_only_a_linked_one) {
    auto doctor = newBookableDoctor("Carer");
    auto patient = newMember("patient", "Cared Patient");
    auto stranger = newMember("patient", "Unlinked Patient");
    auto carer = newMember("caregiver", "Helpful Caregiver");
    bookThroughPages(patient, doctor, localInstant(localDay(4), 15, 0), "Blood test");

    auto noChoice = carer.browser.get("/appointments");
    BOOST_TEST_REQUIRE(noChoice.status == 303);
    BOOST_TEST(noChoice.header("location") == "/account/acting-for?next=/appointments");
    BOOST_TEST(carer.browser.get("/appointments/new").header("location") == "/account/acting-for?next=/appointments/new");

    // A choice without a link is no choice.
    carer.browser.setCookie("__Host-acting", std::to_string(patient.id));
    BOOST_TEST(carer.browser.get("/appointments").status == 303);

    linkCaregiver(patient.id, carer.id, false);
    auto list = carer.browser.get("/appointments");
    BOOST_TEST_REQUIRE(list.status == 200);
    BOOST_TEST(contains(list.body, patient.name));
    // Issue 16: without the visit-notes permission the reason stays hidden; with it, shown.
    BOOST_TEST(!contains(list.body, "Blood test"));
    exec("UPDATE caregiver_links SET can_read_notes = 1 WHERE patient_id = ? AND caregiver_id = ?",
         {std::to_string(patient.id), std::to_string(carer.id)});
    BOOST_TEST(contains(carer.browser.get("/appointments").body, "Blood test"));
    exec("UPDATE caregiver_links SET can_read_notes = 0 WHERE patient_id = ? AND caregiver_id = ?",
         {std::to_string(patient.id), std::to_string(carer.id)});

    const std::int64_t start = localInstant(localDay(6), 10, 30);
    const std::int64_t id = bookThroughPages(carer, doctor, start, "Eye check");
    BOOST_TEST(scalar("SELECT patient_id FROM appointments WHERE id = ?", {std::to_string(id)}) ==
               std::to_string(patient.id));
    BOOST_TEST(scalar("SELECT booked_by_role FROM appointments WHERE id = ?", {std::to_string(id)}) == "caregiver");
    BOOST_TEST(contains(patient.browser.get("/appointments").body, "Eye check"));
    BOOST_TEST(std::stoi(scalar("SELECT COUNT(*) FROM access_log WHERE patient_id = ? AND actor_role = 'caregiver'",
                                {std::to_string(patient.id)})) >= 1);

    // Someone who never linked this caregiver.
    carer.browser.setCookie("__Host-acting", std::to_string(stranger.id));
    BOOST_TEST(carer.browser.get("/appointments").status == 303);
    BOOST_TEST(carer.browser.get(path(id, "/ics")).status == 200);  // the linked patient's, whoever is chosen
}

BOOST_AUTO_TEST_SUITE_END()
