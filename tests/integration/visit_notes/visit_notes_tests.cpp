// The medical record against the real stack: a doctor's schedule with the patient's name,
// marking a visit completed, writing and editing its note, the note encrypted at rest,
// the patient reading it, and everyone else: another doctor, an admin, caregivers with and
// without the patient's permission, another patient. Plus the JSON twins.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include "http/page_time.hpp"
#include "records/kept_records_service.hpp"

#include "../appointment_pages/practice_fixture.hpp"

using namespace medassist::testing;
using medassist::scheduling::formatDate;

namespace {

std::string notePath(std::int64_t appointmentId) {
    std::string p = "/doctor/appointments/";
    p += std::to_string(appointmentId);
    p += "/note";
    return p;
}

std::string noteBody(const std::string& text) {
    Poco::JSON::Object o;
    o.set("text", text);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

HttpResult apiGet(Browser& b, const std::string& path) { return b.get(path, {{"Accept", "application/json"}}); }

// A booked visit of `patient` with `doctor` that started an hour ago (moved there in the
// database: booking itself needs two hours' notice).
struct PastVisit {
    std::int64_t id = 0;
    std::int64_t start = 0;
};

PastVisit pastVisit(Member& patient, const TestDoctor& doctor, int daysAhead, int hour, const std::string& reason,
                    std::int64_t hoursAgo = 1) {
    PastVisit v;
    v.id = bookThroughPages(patient, doctor, localInstant(localDay(daysAhead), hour, 0), reason);
    v.start = (epochNow() - hoursAgo * 3600) / 60 * 60;
    moveInDatabase(v.id, v.start);
    return v;
}

std::string scheduleFor(std::int64_t start, const std::string& view = "day") {
    std::string p = "/doctor/schedule?view=";
    p += view;
    p += "&date=";
    p += formatDate(practiceClock().dateOf(start));
    return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(visit_notes)

BOOST_AUTO_TEST_CASE(the_doctor_completes_a_visit_writes_its_note_and_the_patient_reads_it) {
    auto doctor = newBookableDoctor("Notes");
    auto patient = newMember("patient", "Noted Patient");
    auto& d = doctor.staff.browser;
    const auto visit = pastVisit(patient, doctor, 3, 9, "Twisted knee");

    // The schedule lists the visit with the patient's name and reason, ready for an outcome.
    auto day = d.get(scheduleFor(visit.start));
    BOOST_TEST_REQUIRE(day.status == 200);
    BOOST_TEST(contains(day.body, patient.name));
    BOOST_TEST(contains(day.body, "Twisted knee"));
    BOOST_TEST(contains(day.body, practiceClock().time(visit.start)));
    const std::string outcome = "/doctor/appointments/" + std::to_string(visit.id) + "/outcome";
    BOOST_TEST(contains(day.body, "action=\"" + outcome + "\""));
    BOOST_TEST(contains(day.body, "<th scope=\"col\">Patient</th>"));
    auto week = d.get(scheduleFor(visit.start, "week"));
    BOOST_TEST(week.status == 200);
    BOOST_TEST(contains(week.body, patient.name));
    BOOST_TEST(contains(week.body, "Next week"));

    // Not yet completed: no note.
    auto early = d.get(notePath(visit.id));
    BOOST_TEST(early.status == 409);
    BOOST_TEST(contains(early.body, "The visit must be marked completed first."));
    BOOST_TEST(!contains(early.body, "name=\"text\""));

    auto marked = d.post(outcome, {{"csrf_token", csrfOf(day.body)},
                                   {"outcome", "completed"},
                                   {"return_view", "day"},
                                   {"return_date", formatDate(practiceClock().dateOf(visit.start))}});
    BOOST_TEST_REQUIRE(marked.status == 303);
    BOOST_TEST(marked.header("location") == scheduleFor(visit.start) + "&marked=completed");
    auto after = d.follow(marked);
    BOOST_TEST(contains(after.body, "marked completed"));
    BOOST_TEST(contains(after.body, "href=\"" + notePath(visit.id) + "\""));
    BOOST_TEST(d.post(outcome, {{"csrf_token", csrfOf(day.body)}, {"outcome", "no_show"}}).status == 409);

    // Writing the note.
    auto editor = d.get(notePath(visit.id));
    BOOST_TEST_REQUIRE(editor.status == 200);
    BOOST_TEST(contains(editor.body, "<label for=\"text\">"));
    BOOST_TEST(contains(editor.body, patient.name));
    const std::string token = csrfOf(editor.body);
    auto empty = d.post(notePath(visit.id), {{"csrf_token", token}, {"text", "  "}});
    BOOST_TEST(empty.status == 422);
    BOOST_TEST(contains(empty.body, "id=\"text-error\""));
    BOOST_TEST(contains(empty.body, "aria-describedby=\"text-hint text-error\""));

    const std::string text = "Left knee sprain, grade 1. Rest, ice and elevation; review in two weeks.";
    auto saved = d.post(notePath(visit.id), {{"csrf_token", token}, {"text", text}});
    BOOST_TEST_REQUIRE(saved.status == 303);
    BOOST_TEST(saved.header("location") == notePath(visit.id) + "?saved=1");
    auto shown = d.follow(saved);
    BOOST_TEST(contains(shown.body, "The visit note is saved."));
    BOOST_TEST(contains(shown.body, ">" + text + "</textarea>"));

    // At rest: ciphertext only.
    const std::string ct = scalar("SELECT note_ct FROM visit_notes WHERE appointment_id = ?", {std::to_string(visit.id)});
    BOOST_TEST_REQUIRE(!ct.empty());
    BOOST_TEST(!contains(ct, "sprain"));
    BOOST_TEST(!contains(ct, text));

    // Editing keeps one note per visit.
    const std::string edited = text + " Physiotherapy if not better.";
    BOOST_TEST(d.post(notePath(visit.id), {{"csrf_token", token}, {"text", edited}}).status == 303);
    BOOST_TEST(scalar("SELECT COUNT(*) FROM visit_notes WHERE appointment_id = ?", {std::to_string(visit.id)}) == "1");

    // The patient reads it, with the doctor's name; the page and the API agree.
    auto notes = patient.browser.get("/notes");
    BOOST_TEST_REQUIRE(notes.status == 200);
    BOOST_TEST(contains(notes.body, edited));
    BOOST_TEST(contains(notes.body, doctor.name));
    auto api = apiGet(patient.browser, "/api/notes");
    BOOST_TEST_REQUIRE(api.status == 200);
    auto list = parseJson(api.body)->getArray("notes");
    BOOST_TEST_REQUIRE(list->size() == 1u);
    BOOST_TEST(list->getObject(0)->getValue<std::string>("text") == edited);
    BOOST_TEST(list->getObject(0)->getValue<std::int64_t>("appointment_id") == visit.id);

    // The doctor who treated the patient reads all their notes; the writes are in the
    // patient's access log, without the text.
    auto all = d.get("/doctor/patients/" + std::to_string(patient.id) + "/notes");
    BOOST_TEST(all.status == 200);
    BOOST_TEST(contains(all.body, edited));
    BOOST_TEST(contains(all.body, "href=\"/doctor/kept-records\""));  // issue 22: the records kept after erasures
    BOOST_TEST(std::stoi(scalar("SELECT COUNT(*) FROM access_log WHERE patient_id = ? AND actor_role = 'doctor' "
                                "AND data_kind = 'visit_notes' AND action IN ('create', 'update')",
                                {std::to_string(patient.id)})) == 2);
    // Issue 22, item 9: the patient's access log says it in words, the same kind of verb
    // for every row ("Wrote", "Changed", "Viewed"), never a code such as "write".
    auto log = patient.browser.get("/account/access-log");
    BOOST_TEST_REQUIRE(log.status == 200);
    BOOST_TEST(contains(log.body, ">Wrote</td>"));
    BOOST_TEST(contains(log.body, ">Changed</td>"));
    BOOST_TEST(!contains(log.body, ">write<"));
    BOOST_TEST_REQUIRE(patient.browser.get("/language?to=it&next=/").status == 303);  // saved on the account
    auto logIt = patient.browser.get("/account/access-log");
    BOOST_TEST(contains(logIt.body, ">Ha scritto</td>"));
    BOOST_TEST(contains(logIt.body, ">Modificato</td>"));
    BOOST_TEST_REQUIRE(patient.browser.get("/language?to=en&next=/").status == 303);

    // Issue 16: the record stays open to the doctor only while they care for the patient (an
    // appointment within 90 days either way); one visit long ago no longer opens it, and
    // every read is in the patient's access log.
    const auto reads = [&] {
        return std::stoi(scalar("SELECT COUNT(*) FROM access_log WHERE patient_id = ? AND actor_role = 'doctor' "
                                "AND data_kind = 'visit_notes' AND action = 'read'",
                                {std::to_string(patient.id)}));
    };
    const int before = reads();
    moveInDatabase(visit.id, epochNow() - 100 * 86400);
    BOOST_TEST(d.get("/doctor/patients/" + std::to_string(patient.id) + "/notes").status == 404);
    BOOST_TEST(reads() == before);
    moveInDatabase(visit.id, epochNow() - 80 * 86400);
    BOOST_TEST(d.get("/doctor/patients/" + std::to_string(patient.id) + "/notes").status == 200);
    BOOST_TEST(reads() == before + 1);
}

BOOST_AUTO_TEST_CASE(nobody_else_reads_or_writes_the_note) {
    auto doctor = newBookableDoctor("Treating");
    auto otherDoctor = newBookableDoctor("Other");
    auto patient = newMember("patient", "Guarded Patient");
    auto otherPatient = newMember("patient", "Curious Patient");
    const auto visit = pastVisit(patient, doctor, 3, 10, "Rash");
    auto& d = doctor.staff.browser;
    auto day = d.get(scheduleFor(visit.start));
    const std::string outcome = "/doctor/appointments/" + std::to_string(visit.id) + "/outcome";
    BOOST_TEST_REQUIRE(d.post(outcome, {{"csrf_token", csrfOf(day.body)}, {"outcome", "completed"}}).status == 303);
    const std::string text = "Contact dermatitis from a new detergent.";
    auto editor = d.get(notePath(visit.id));
    BOOST_TEST_REQUIRE(d.post(notePath(visit.id), {{"csrf_token", csrfOf(editor.body)}, {"text", text}}).status == 303);

    // Another doctor: the note, the appointment and the patient do not exist for them.
    auto& o = otherDoctor.staff.browser;
    auto missing = o.get(notePath(999999999999));
    BOOST_TEST(missing.status == 404);
    auto theirs = o.get(notePath(visit.id));
    BOOST_TEST(theirs.status == 404);
    BOOST_TEST(titleOf(theirs.body) == titleOf(missing.body));
    BOOST_TEST(!contains(theirs.body, text));
    BOOST_TEST(o.post(notePath(visit.id), {{"csrf_token", csrfOf(o.get("/doctor/schedule").body)}, {"text", "Overwritten"}})
                   .status == 404);
    BOOST_TEST(o.get("/doctor/patients/" + std::to_string(patient.id) + "/notes").status == 404);
    BOOST_TEST(o.post("/doctor/appointments/" + std::to_string(visit.id) + "/outcome",
                      {{"csrf_token", csrfOf(o.get("/doctor/schedule").body)}, {"outcome", "no_show"}})
                   .status == 404);
    BOOST_TEST(!contains(o.get(scheduleFor(visit.start)).body, patient.name));
    auto apiWrite = otherDoctor.staff.api.call("POST", "/api/appointments/" + std::to_string(visit.id) + "/note",
                                               noteBody("Overwritten"));
    BOOST_TEST(apiWrite.status == 404);
    auto apiRead = otherDoctor.staff.api.call("GET", "/api/notes?patient_id=" + std::to_string(patient.id));
    BOOST_TEST(apiRead.status == 404);

    // An administrator never reads the medical record.
    auto admin = newStaff("admin", "Notes Administrator");
    BOOST_TEST(admin.browser.get("/notes").status == 403);
    BOOST_TEST(admin.browser.get(notePath(visit.id)).status == 403);
    BOOST_TEST(admin.browser.get("/doctor/patients/" + std::to_string(patient.id) + "/notes").status == 403);
    auto adminApi = admin.api.call("GET", "/api/notes?patient_id=" + std::to_string(patient.id));
    BOOST_TEST((adminApi.status == 403 || adminApi.status == 404));
    BOOST_TEST(!contains(adminApi.body, text));

    // Another patient sees only their own (none), by page and by API.
    auto own = otherPatient.browser.get("/notes");
    BOOST_TEST(own.status == 200);
    BOOST_TEST(!contains(own.body, text));
    BOOST_TEST(apiGet(otherPatient.browser, "/api/notes?patient_id=" + std::to_string(patient.id)).status == 404);
    BOOST_TEST(otherPatient.browser.get(notePath(visit.id)).status == 403);

    BOOST_TEST(scalar("SELECT doctor_id FROM visit_notes WHERE appointment_id = ?", {std::to_string(visit.id)}) ==
               std::to_string(doctor.staff.id));
    BOOST_TEST(contains(patient.browser.get("/notes").body, text));
}

BOOST_AUTO_TEST_CASE(a_caregiver_reads_notes_only_with_the_patients_permission) {
    auto doctor = newBookableDoctor("Family");
    auto patient = newMember("patient", "Elder Patient");
    auto carer = newMember("caregiver", "Daughter Caregiver");
    const auto visit = pastVisit(patient, doctor, 3, 11, "Dizziness");
    auto& d = doctor.staff.browser;
    auto day = d.get(scheduleFor(visit.start));
    BOOST_TEST_REQUIRE(d.post("/doctor/appointments/" + std::to_string(visit.id) + "/outcome",
                              {{"csrf_token", csrfOf(day.body)}, {"outcome", "completed"}})
                           .status == 303);
    const std::string text = "Orthostatic hypotension; more fluids, stand up slowly.";
    auto write = doctor.staff.api.call("POST", "/api/appointments/" + std::to_string(visit.id) + "/note", noteBody(text));
    BOOST_TEST_REQUIRE(write.status == 201);
    BOOST_TEST(parseJson(write.body)->getObject("note")->getValue<std::string>("text") == text);

    const std::string apiPath = "/api/notes?patient_id=" + std::to_string(patient.id);
    // Not linked at all.
    BOOST_TEST(apiGet(carer.browser, apiPath).status == 404);
    auto noChoice = carer.browser.get("/notes");
    BOOST_TEST(noChoice.status == 303);
    BOOST_TEST(noChoice.header("location") == "/account/acting-for?next=/notes");

    // Linked, without permission to read notes.
    linkCaregiver(patient.id, carer.id, false);
    auto denied = apiGet(carer.browser, apiPath);
    BOOST_TEST(denied.status == 404);
    BOOST_TEST(!contains(denied.body, text));
    carer.browser.setCookie("__Host-acting", std::to_string(patient.id));
    auto page = carer.browser.get("/notes");
    BOOST_TEST(page.status == 404);
    BOOST_TEST(!contains(page.body, text));

    // With permission.
    exec("UPDATE caregiver_links SET can_read_notes = 1 WHERE patient_id = ? AND caregiver_id = ?",
         {std::to_string(patient.id), std::to_string(carer.id)});
    auto allowed = apiGet(carer.browser, apiPath);
    BOOST_TEST_REQUIRE(allowed.status == 200);
    auto notes = parseJson(allowed.body)->getArray("notes");
    BOOST_TEST_REQUIRE(notes->size() == 1u);
    BOOST_TEST(notes->getObject(0)->getValue<std::string>("text") == text);
    auto shown = carer.browser.get("/notes");
    BOOST_TEST(shown.status == 200);
    BOOST_TEST(contains(shown.body, text));
    BOOST_TEST(contains(shown.body, patient.name));
    BOOST_TEST(apiGet(carer.browser, "/api/notes").status == 422);  // whose notes?
    BOOST_TEST(std::stoi(scalar("SELECT COUNT(*) FROM access_log WHERE patient_id = ? AND actor_role = 'caregiver' "
                                "AND data_kind = 'visit_notes' AND action = 'read'",
                                {std::to_string(patient.id)})) >= 2);
}

BOOST_AUTO_TEST_CASE(the_json_twin_writes_only_notes_of_completed_visits) {
    auto doctor = newBookableDoctor("Api");
    auto patient = newMember("patient", "Api Patient");
    const auto visit = pastVisit(patient, doctor, 3, 12, "Headache");
    const std::string url = "/api/appointments/" + std::to_string(visit.id) + "/note";

    auto early = doctor.staff.api.call("POST", url, noteBody("Too early"));
    BOOST_TEST(early.status == 409);
    BOOST_TEST(jsonString(parseJson(early.body), "code") == "NOT_COMPLETED");

    auto day = doctor.staff.browser.get(scheduleFor(visit.start));
    BOOST_TEST_REQUIRE(doctor.staff.browser
                           .post("/doctor/appointments/" + std::to_string(visit.id) + "/outcome",
                                 {{"csrf_token", csrfOf(day.body)}, {"outcome", "completed"}})
                           .status == 303);
    BOOST_TEST(doctor.staff.api.call("POST", url, noteBody("")).status == 422);
    BOOST_TEST(doctor.staff.api.call("POST", url, noteBody(std::string(10001, 'x'))).status == 422);
    BOOST_TEST(doctor.staff.api.call("POST", url, R"({"text":"ok","extra":1})").status == 422);
    BOOST_TEST(doctor.staff.api.call("POST", url, noteBody("Tension headache.")).status == 201);
    auto replaced = doctor.staff.api.call("POST", url, noteBody("Tension headache; paracetamol."));
    BOOST_TEST(replaced.status == 200);
    BOOST_TEST(doctor.staff.api.call("POST", "/api/appointments/999999999999/note", noteBody("x")).status == 404);
    // A patient cannot write notes.
    BOOST_TEST(patient.browser.get("/api/notes", {{"Accept", "application/json"}}).status == 200);
    auto byPatient = ApiClient{};
    byPatient.cookie = "__Host-session=" + patient.browser.cookie("__Host-session").value_or("");
    byPatient.address = patient.browser.address();
    BOOST_TEST(byPatient.call("POST", url, noteBody("Self-diagnosis")).status == 403);

    // A visit marked no-show never gets a note.
    const auto missed = pastVisit(patient, doctor, 4, 13, "Check-up", 3);
    auto day2 = doctor.staff.browser.get(scheduleFor(missed.start));
    BOOST_TEST_REQUIRE(doctor.staff.browser
                           .post("/doctor/appointments/" + std::to_string(missed.id) + "/outcome",
                                 {{"csrf_token", csrfOf(day2.body)}, {"outcome", "no_show"}})
                           .status == 303);
    BOOST_TEST(contains(doctor.staff.browser.get(scheduleFor(missed.start)).body, "Missed (no-show)"));
    BOOST_TEST(doctor.staff.api.call("POST", "/api/appointments/" + std::to_string(missed.id) + "/note",
                                     noteBody("x"))
                   .status == 409);
}


// Issue 22, item 11: erasing the account keeps what the practice must keep (GDPR Art. 17(3)):
// the completed visit and its note stay, linked to no account, for the doctor who saw the
// patient only; everything personal goes; the retention purge removes the kept record once
// the practice's medical-record retention has run out.
BOOST_AUTO_TEST_CASE(erasure_keeps_the_note_for_the_treating_doctor_until_the_retention_purge) {
    auto doctor = newBookableDoctor("Keeping");
    auto otherDoctor = newBookableDoctor("Stranger");
    auto patient = newMember("patient", "Leaving Patient");
    auto carer = newMember("caregiver", "Former Caregiver");
    auto& d = doctor.staff.browser;
    const auto visit = pastVisit(patient, doctor, 3, 10, "Sore throat");
    auto day = d.get(scheduleFor(visit.start));
    BOOST_TEST_REQUIRE(d.post("/doctor/appointments/" + std::to_string(visit.id) + "/outcome",
                              {{"csrf_token", csrfOf(day.body)}, {"outcome", "completed"}})
                           .status == 303);
    const std::string text = "Viral pharyngitis " + randomName("") + "; fluids and rest.";
    BOOST_TEST_REQUIRE(
        doctor.staff.api.call("POST", "/api/appointments/" + std::to_string(visit.id) + "/note", noteBody(text)).status ==
        201);
    linkCaregiver(patient.id, carer.id, true);
    const std::string pid = std::to_string(patient.id);

    // Before confirming, the page says what stays, why and until when.
    exec("UPDATE practice_settings SET setting_value = '10' WHERE setting_key = 'medical_record_retention_years'");
    auto form = patient.browser.get("/account/delete");
    BOOST_TEST_REQUIRE(form.status == 200);
    BOOST_TEST(contains(form.body, "What the practice must keep"));
    BOOST_TEST(contains(form.body, "GDPR, Article 17(3)"));
    BOOST_TEST(contains(form.body, "the record of your completed visits (1)"));
    BOOST_TEST(contains(form.body, "the visit notes your doctors wrote (1)"));
    const std::int64_t until = medassist::records::addYears(visit.start, 10);
    BOOST_TEST(contains(form.body, "<time datetime=\"" + medassist::http::isoUtc(until) + "\">"));
    BOOST_TEST(contains(form.body, "10 years after your last visit"));
    BOOST_TEST(contains(form.body, "your caregivers cannot"));

    auto gone = patient.browser.post("/account/delete", {{"csrf_token", csrfOf(form.body)},
                                                         {"password", kGoodPassword},
                                                         {"confirmation", "delete my account"}});
    BOOST_TEST_REQUIRE(gone.status == 303);
    // The goodbye page says what stays, not that everything was deleted (issue 22, item 11).
    BOOST_TEST(gone.header("location") == "/account/deleted?kept=1");
    auto goodbye = patient.browser.get(gone.header("location"));
    BOOST_TEST(goodbye.status == 200);
    BOOST_TEST(contains(goodbye.body, "the practice keeps the record of your completed visits"));
    BOOST_TEST(!contains(goodbye.body, "Everything the practice kept about you has been deleted"));

    // The account and everything personal are gone; no sign-in.
    Browser again;
    auto signIn = again.get("/login");
    auto refused = again.post("/login", {{"csrf_token", csrfOf(signIn.body)}, {"email", patient.email},
                                        {"password", kGoodPassword}});
    BOOST_TEST(refused.status != 303);
    BOOST_TEST(patient.browser.get("/auth/me", {{"Accept", "application/json"}}).status == 401);
    for (const char* q : {"SELECT COUNT(*) FROM users WHERE id = ?", "SELECT COUNT(*) FROM data_keys WHERE user_id = ?",
                          "SELECT COUNT(*) FROM appointments WHERE patient_id = ?",
                          "SELECT COUNT(*) FROM visit_notes WHERE patient_id = ?",
                          "SELECT COUNT(*) FROM caregiver_links WHERE patient_id = ?",
                          "SELECT COUNT(*) FROM access_log WHERE patient_id = ?"})
        BOOST_TEST(scalar(q, {pid}) == "0", q);

    // The kept record: the visit and its note, under a key of its own, naming no one.
    const std::string record = scalar(
        "SELECT MAX(record_id) FROM kept_visits WHERE doctor_id = ?", {std::to_string(doctor.staff.id)});
    BOOST_TEST_REQUIRE(!record.empty());
    BOOST_TEST(scalar("SELECT COUNT(*) FROM kept_visits WHERE record_id = ? AND note_ct IS NOT NULL", {record}) == "1");
    const std::string ct = scalar("SELECT note_ct FROM kept_visits WHERE record_id = ?", {record});
    BOOST_TEST(!contains(ct, "pharyngitis"));
    BOOST_TEST(scalar("SELECT COUNT(*) FROM kept_visits WHERE record_id = ? AND (doctor_name LIKE ? OR specialty LIKE ?)",
                      {record, "%" + patient.name + "%", "%" + patient.name + "%"}) == "0");

    // The doctor who saw the patient reads it, by its number; the read is audited.
    const std::string listPath = "/doctor/kept-records";
    const std::string recordPath = listPath + "/" + record;
    auto list = d.get(listPath);
    BOOST_TEST_REQUIRE(list.status == 200);
    BOOST_TEST(contains(list.body, "href=\"" + recordPath + "\""));
    BOOST_TEST(contains(list.body, "Record K-" + record));
    const auto auditedBefore = std::stoi(scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'kept_record_read'"));
    auto kept = d.get(recordPath);
    BOOST_TEST_REQUIRE(kept.status == 200);
    BOOST_TEST(contains(kept.body, text));
    BOOST_TEST(contains(kept.body, doctor.name));
    BOOST_TEST(!contains(kept.body, patient.name));
    BOOST_TEST(!contains(kept.body, patient.email));
    BOOST_TEST(std::stoi(scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'kept_record_read'")) == auditedBefore + 1);

    // Nobody else: another doctor, the former caregiver, an API client, the old patient id.
    BOOST_TEST(otherDoctor.staff.browser.get(recordPath).status == 404);
    BOOST_TEST(!contains(otherDoctor.staff.browser.get(listPath).body, recordPath));
    BOOST_TEST(carer.browser.get(recordPath).status != 200);
    auto carerApi = apiGet(carer.browser, "/api/notes?patient_id=" + pid);
    BOOST_TEST(carerApi.status == 404);
    BOOST_TEST(!contains(carerApi.body, text));
    carer.browser.setCookie("__Host-acting", pid);
    BOOST_TEST(!contains(carer.browser.get("/notes").body, text));
    auto doctorApi = apiGet(d, "/api/notes?patient_id=" + pid);
    BOOST_TEST(doctorApi.status == 404);
    BOOST_TEST(!contains(doctorApi.body, text));
    BOOST_TEST(d.get("/doctor/patients/" + pid + "/notes").status == 404);
    BOOST_TEST(apiGet(d, "/api" + recordPath).status == 404);

    // A master key rotation re-wraps the record's key too (older key files may then go), and
    // the doctor still reads the note.
    auto rotated = adminCommand("rotate-master-key");
    BOOST_TEST_REQUIRE(rotated.exitCode == 0, rotated.output);
    BOOST_TEST(scalar("SELECT COUNT(*) FROM kept_records WHERE key_version <> (SELECT MAX(key_version) FROM data_keys)") ==
               "0");
    BOOST_TEST(contains(d.get(recordPath).body, text));

    // Retention: kept within the period, purged once it has run out (the setting, not a wait).
    struct Restore {
        ~Restore() {
            exec("UPDATE practice_settings SET setting_value = '10' WHERE setting_key = "
                 "'medical_record_retention_years'");
        }
    } restore;
    auto within = adminCommand("purge");
    BOOST_TEST_REQUIRE(within.exitCode == 0, within.output);
    BOOST_TEST(contains(within.output, "kept medical records 10 years after their last visit"));
    BOOST_TEST(scalar("SELECT COUNT(*) FROM kept_records WHERE id = ?", {record}) == "1");
    exec("UPDATE practice_settings SET setting_value = '0' WHERE setting_key = 'medical_record_retention_years'");
    auto past = adminCommand("purge");
    BOOST_TEST_REQUIRE(past.exitCode == 0, past.output);
    BOOST_TEST(scalar("SELECT COUNT(*) FROM kept_records WHERE id = ?", {record}) == "0");
    BOOST_TEST(scalar("SELECT COUNT(*) FROM kept_visits WHERE record_id = ?", {record}) == "0");
    BOOST_TEST(d.get(recordPath).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
