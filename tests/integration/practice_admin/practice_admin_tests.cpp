// Running the practice through the plain-HTML pages, over HTTPS through nginx: the
// settings form, doctors' profiles and weekly hours, the FAQ, and time off (an admin's and
// a doctor's own), the way a browser without JavaScript uses them. Accounts come from
// medassist-admin create-user; doctors and admins set up two-step sign-in at the first
// sign-in, with codes computed from the key the set-up page shows.
#define BOOST_TEST_MODULE integration_practice_admin
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "../account_pages/pages_support.hpp"
#include "app_db.hpp"
#include "smtp_server.hpp"

using namespace medassist::testing;

BOOST_TEST_GLOBAL_FIXTURE(RequireStack);

namespace {

// Strings built by appending (GCC 12 warns falsely about "literal" + std::string).
template <class... Parts>
std::string cat(const Parts&... parts) {
    std::string out;
    (out += ... += parts);
    return out;
}

// Signs in an account made by the CLI and sets up its two-step sign-in: a doctor or an
// admin with a session, in this browser.
void signInFirstTime(Browser& b, const std::string& email) {
    auto first = signIn(b, email);
    BOOST_TEST_REQUIRE(first.status == 303);
    BOOST_TEST_REQUIRE(first.header("location") == "/login/enroll");
    auto setup = b.follow(first);
    BOOST_TEST_REQUIRE(setup.status == 200);
    const std::string key = setupKeyOf(setup.body);
    BOOST_TEST_REQUIRE(!key.empty());
    auto enrolled = b.post("/login/enroll", {{"csrf_token", csrfOf(setup.body)}, {"code", totpFor(key)}});
    BOOST_TEST_REQUIRE(enrolled.status == 200);
    BOOST_TEST_REQUIRE(b.cookie("__Host-session").has_value());
}

std::unique_ptr<Browser> newAdmin() {
    const std::string email = uniqueEmail("admin");
    createUserWithCli("admin", "Practice Admin", email);
    auto b = std::make_unique<Browser>();
    signInFirstTime(*b, email);
    return b;
}

struct Doctor {
    std::unique_ptr<Browser> browser;
    std::string name;
    std::int64_t id = 0;
};

// The id in the first href="/admin/doctors/N" after `name` on the admin's list.
std::int64_t doctorIdOn(const std::string& html, const std::string& name) {
    auto pos = html.find(cat(">", name));
    if (pos == std::string::npos) return 0;
    const std::string marker = "href=\"/admin/doctors/";
    pos = html.find(marker, pos);
    if (pos == std::string::npos) return 0;
    pos += marker.size();
    std::string digits;
    while (pos < html.size() && std::isdigit(static_cast<unsigned char>(html[pos]))) digits += html[pos++];
    return digits.empty() ? 0 : std::stoll(digits);
}

// An active doctor account (made by the CLI), signed in, and its id as the admin sees it.
Doctor newDoctor(Browser& admin, const std::string& name) {
    Doctor d;
    d.name = name;
    const std::string email = uniqueEmail("doctor");
    createUserWithCli("doctor", name, email);
    d.browser = std::make_unique<Browser>();
    signInFirstTime(*d.browser, email);
    auto list = admin.get("/admin/doctors");
    BOOST_TEST_REQUIRE(list.status == 200);
    d.id = doctorIdOn(list.body, name);
    BOOST_TEST_REQUIRE(d.id > 0);
    return d;
}

// The same session from another client address: nginx limits requests per address, and a
// long test would otherwise run into the limit a person never meets.
std::unique_ptr<Browser> moved(const Browser& b) {
    auto next = std::make_unique<Browser>();
    if (auto s = b.cookie("__Host-session")) next->setCookie("__Host-session", *s);
    return next;
}

std::string textareaValue(const std::string& html, const std::string& id) {
    const std::string tag = cat("<textarea id=\"", id, "\"");
    auto b = html.find(tag);
    if (b == std::string::npos) return "";
    b = html.find('>', b);
    auto e = html.find("</textarea>", b);
    if (b == std::string::npos || e == std::string::npos) return "";
    return htmlUnescape(html.substr(b + 1, e - b - 1));
}

std::string selectedOption(const std::string& html, const std::string& name) {
    auto b = html.find(cat("name=\"", name, "\""));
    if (b == std::string::npos) return "";
    auto e = html.find("</select>", b);
    const std::string select = html.substr(b, e - b);
    auto s = select.find("\" selected>");
    if (s == std::string::npos) return "";
    auto v = select.rfind("value=\"", s);
    return select.substr(v + 7, s - v - 7);
}

// The opening tag of the input or select whose id is `id` (an error marks it invalid).
std::string inputOrSelect(const std::string& html, const std::string& id) {
    auto pos = html.find(cat("id=\"", id, "\" name="));
    if (pos == std::string::npos) return "";
    auto b = html.rfind('<', pos);
    auto e = html.find('>', pos);
    return html.substr(b, e - b + 1);
}

bool hasFieldError(const std::string& html, const std::string& id) {
    return contains(html, cat("id=\"", id, "-error\"")) && contains(inputOrSelect(html, id), "aria-invalid=\"true\"");
}

std::map<std::string, std::string> dbSettings() {
    auto pool = appPool(1);
    return pool->run([](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(
            c.prepareStatement("SELECT setting_key, setting_value FROM practice_settings"));
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        std::map<std::string, std::string> out;
        while (rs->next()) out[std::string(rs->getString(1))] = std::string(rs->getString(2));
        return out;
    });
}

std::int64_t dbCount(const std::string& query, std::int64_t param = 0) {
    auto pool = appPool(1);
    return pool->run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(query));
        if (param) st->setInt64(1, param);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        return rs->next() ? rs->getInt64(1) : std::int64_t{-1};
    });
}

// Puts every practice setting back as it was, whatever the test did (other suites share the DB).
struct SettingsRestorer {
    std::map<std::string, std::string> saved = dbSettings();
    ~SettingsRestorer() {
        try {
            auto pool = appPool(1);
            pool->run([&](sql::Connection& c) {
                std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(
                    "INSERT INTO practice_settings (setting_key, setting_value) VALUES (?, ?) "
                    "ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)"));
                for (const auto& [k, v] : saved) {
                    st->setString(1, k);
                    st->setString(2, v);
                    st->executeUpdate();
                }
                // A key the test added (a text's Italian version) goes again.
                std::unique_ptr<sql::PreparedStatement> del(
                    c.prepareStatement("DELETE FROM practice_settings WHERE setting_key = ?"));
                std::unique_ptr<sql::PreparedStatement> keys(
                    c.prepareStatement("SELECT setting_key FROM practice_settings"));
                std::unique_ptr<sql::ResultSet> rs(keys->executeQuery());
                std::vector<std::string> added;
                while (rs->next())
                    if (!saved.count(std::string(rs->getString(1)))) added.push_back(std::string(rs->getString(1)));
                for (const auto& k : added) {
                    del->setString(1, k);
                    del->executeUpdate();
                }
            });
        } catch (...) {
        }
    }
};

const std::vector<std::string> kSettingIds = {
    "phone", "email", "address", "tagline", "hours_monday", "hours_tuesday", "hours_wednesday", "hours_thursday",
    "hours_friday", "hours_saturday", "hours_sunday", "timezone", "booking_horizon_days", "min_notice_hours",
    "cancel_cutoff_hours", "max_future_bookings"};

// The settings form as the page shows it, ready to post back.
Fields settingsForm(const std::string& html) {
    Fields f{{"csrf_token", csrfOf(html)}};
    for (const auto& id : kSettingIds)
        f.emplace_back(id, id == "address" ? textareaValue(html, id) : inputValue(html, id).value_or(""));
    return f;
}

void setField(Fields& f, const std::string& name, const std::string& value) {
    for (auto& [n, v] : f)
        if (n == name) {
            v = value;
            return;
        }
    f.emplace_back(name, value);
}

std::string fieldOf(const Fields& f, const std::string& name) {
    for (const auto& [n, v] : f)
        if (n == name) return v;
    return "";
}

// A profile form with the given hours rows (weekday, start, end, slot) and empty rows after.
Fields profileForm(const std::string& csrf, const std::string& displayName, const std::string& specialty,
                   const std::vector<std::vector<std::string>>& rows) {
    Fields f{{"csrf_token", csrf},     {"display_name", displayName}, {"specialty", specialty},
             {"languages", "Italian, English"}, {"bio", "Family doctor."},  {"bookable", "1"}};
    for (std::size_t n = 1; n <= 14; ++n) {
        const std::string p = cat("hours_", std::to_string(n), "_");
        const bool filled = n <= rows.size();
        f.emplace_back(p + "weekday", filled ? rows[n - 1][0] : "");
        f.emplace_back(p + "start", filled ? rows[n - 1][1] : "");
        f.emplace_back(p + "end", filled ? rows[n - 1][2] : "");
        f.emplace_back(p + "slot", filled ? rows[n - 1][3] : "");
    }
    return f;
}

// A local date N days from now, "YYYY-MM-DD", and how the pages write it.
struct Day {
    std::string iso, longForm;
};
Day daysFromNow(int days) {
    static const char* weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char iso[16];
    std::strftime(iso, sizeof iso, "%Y-%m-%d", &tm);
    std::string longForm = weekdays[tm.tm_wday];
    longForm += ' ';
    longForm += std::to_string(tm.tm_mday);
    longForm += ' ';
    longForm += months[tm.tm_mon];
    longForm += ' ';
    longForm += std::to_string(tm.tm_year + 1900);
    return {iso, longForm};
}

// The first action="..." after `marker` (a row's delete form).
std::string actionAfter(const std::string& html, const std::string& marker) {
    auto pos = html.find(marker);
    if (pos == std::string::npos) return "";
    return between(html.substr(pos), "action=\"", "\"");
}

// A patient of this test, signed in through the pages and agreed to the consent text, so the
// chat may answer.
std::unique_ptr<Browser> chattingPatient() {
    auto b = std::make_unique<Browser>();
    BOOST_TEST_REQUIRE(registerAs(*b, "patient", "Clara Orari", uniqueEmail("clara")).status == 303);
    auto consent = b->get("/account/consent");
    BOOST_TEST_REQUIRE(consent.status == 200);
    auto agreed = b->post("/account/consent", {{"csrf_token", csrfOf(consent.body)},
                                               {"version", between(consent.body, "name=\"version\" value=\"", "\"")},
                                               {"agree", "1"}});
    BOOST_TEST_REQUIRE(agreed.status == 303);
    return b;
}

// Asks the assistant on the /chat page and returns the page after the answer, as text.
std::string askChat(Browser& b, const std::string& message) {
    auto page = b.get("/chat");
    BOOST_TEST_REQUIRE(page.status == 200);
    auto sent = b.post("/chat", {{"csrf_token", csrfOf(page.body)}, {"message", message}});
    BOOST_TEST_REQUIRE(sent.status == 303, message << ": " << sent.status);
    auto after = b.get("/chat");
    BOOST_TEST_REQUIRE(after.status == 200);
    return htmlUnescape(after.body);
}

// The first mail to `to` whose subject contains `subject`, over SMTP (the test port) or in
// <var>/mail; an empty ParsedMail after half a minute.
ParsedMail waitForMail(const SmtpServer* smtp, const std::string& to, const std::string& subject) {
    namespace fs = std::filesystem;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    const char* var = std::getenv("MEDASSIST_TEST_VAR");
    const fs::path dir = fs::path(var ? var : "") / "mail";
    while (std::chrono::steady_clock::now() < deadline) {
        std::vector<std::string> raws;
        if (smtp)
            for (const auto& m : smtp->received()) raws.push_back(m.raw);
        std::error_code ec;
        if (fs::is_directory(dir, ec))
            for (const auto& entry : fs::directory_iterator(dir, ec))
                if (entry.path().extension() == ".eml") {
                    std::ifstream in(entry.path(), std::ios::binary);
                    std::stringstream ss;
                    ss << in.rdbuf();
                    raws.push_back(ss.str());
                }
        for (const auto& raw : raws) {
            auto mail = parseMail(raw);
            if (contains(mail.to, to) && contains(mail.subject, subject)) return mail;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return {};
}

std::unique_ptr<SmtpServer> startSmtp() {
    try {
        return std::make_unique<SmtpServer>(SmtpServer::testPort());
    } catch (const std::exception& e) {
        BOOST_TEST_MESSAGE("no SMTP server for this test (" << e.what() << "); looking in the mail folder only");
        return nullptr;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(practice_admin_pages)

BOOST_AUTO_TEST_CASE(a_patient_is_refused_every_admin_page_and_the_doctor_pages) {
    Browser patient;
    BOOST_TEST_REQUIRE(registerAs(patient, "patient", "Rita Levi", uniqueEmail("rita")).status == 303);
    for (const char* path : {"/admin/doctors", "/admin/doctors/1", "/admin/settings", "/admin/faq", "/admin/faq/1",
                             "/doctor/time-off"}) {
        auto r = patient.get(path);
        BOOST_TEST(r.status == 403, path);
        BOOST_TEST(contains(r.body, "Access denied"), path);
    }
    const std::string token = tokenFrom(patient, "/account");
    for (const char* path : {"/admin/settings", "/admin/faq", "/admin/faq/1/delete", "/admin/doctors/1",
                             "/admin/doctors/1/time-off", "/doctor/time-off"}) {
        auto r = patient.post(path, {{"csrf_token", token}, {"timezone", "UTC"}, {"question", "x"}});
        BOOST_TEST(r.status == 403, path);
    }
    Browser anonymous;
    auto r = anonymous.get("/admin/settings");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(contains(r.header("location"), "/login"));
}

BOOST_AUTO_TEST_CASE(the_dashboard_links_to_the_new_pages_and_the_seed_is_there) {
    auto admin = newAdmin();
    auto dash = admin->get("/admin");
    BOOST_TEST_REQUIRE(dash.status == 200);
    for (const char* href : {"href=\"/admin/doctors\"", "href=\"/admin/settings\"", "href=\"/admin/faq\""})
        BOOST_TEST(contains(dash.body, href), href);

    auto faq = admin->get("/admin/faq");
    BOOST_TEST_REQUIRE(faq.status == 200);
    const int shown = std::stoi(cat("0", between(faq.body, "Entries (", ")")));
    BOOST_TEST(shown >= 25);
    BOOST_TEST(contains(faq.body, "What are your opening hours?"));
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM faq_entries") >= 25);
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM specialties WHERE slug IN "
                       "('general-practice', 'pediatrics', 'cardiology', 'dermatology')") == 4);

    auto settings = admin->get("/admin/settings");
    BOOST_TEST_REQUIRE(settings.status == 200);
    BOOST_TEST(!contains(settings.body, "<script"));
    for (const auto& id : kSettingIds) BOOST_TEST(contains(settings.body, cat("<label for=\"", id, "\"")), id);
    BOOST_TEST(contains(settings.body, "<legend>Booking rules</legend>"));
}

// Issue 23: the reminders' settings are on the same form; a second reminder that would not
// come after the first one is refused, a good one saved.
BOOST_AUTO_TEST_CASE(the_reminder_settings_are_on_the_form_and_checked) {
    SettingsRestorer restore;
    auto admin = newAdmin();
    auto page = admin->get("/admin/settings");
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(inputValue(page.body, "reminder_hours").value_or("") == "24");
    BOOST_TEST(inputValue(page.body, "reminder_second_hours").value_or("") == "2");
    BOOST_TEST(contains(page.body, "<option value=\"0\" selected>No second reminder</option>"));
    Fields f = settingsForm(page.body);
    setField(f, "reminder_hours", "24");
    setField(f, "reminder_second_enabled", "1");
    setField(f, "reminder_second_hours", "30");
    auto refused = admin->post("/admin/settings", f);
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(contains(refused.body, "The second reminder must come closer to the appointment than the first one"));
    BOOST_TEST(hasFieldError(refused.body, "reminder_second_hours"));
    BOOST_TEST(dbSettings()["reminder_second_enabled"] == "0");

    setField(f, "reminder_second_hours", "3");
    BOOST_TEST(admin->post("/admin/settings", f).status == 303);
    auto after = dbSettings();
    BOOST_TEST(after["reminder_second_enabled"] == "1");
    BOOST_TEST(after["reminder_second_hours"] == "3");
    BOOST_TEST(contains(admin->get("/admin/settings").body, "<option value=\"1\" selected>Send a second reminder</option>"));
}

BOOST_AUTO_TEST_CASE(the_settings_form_refuses_bad_values_and_saves_good_ones) {
    SettingsRestorer restore;
    auto admin = newAdmin();
    auto page = admin->get("/admin/settings");
    BOOST_TEST_REQUIRE(page.status == 200);
    const Fields original = settingsForm(page.body);
    BOOST_TEST(fieldOf(original, "timezone") == restore.saved["timezone"]);
    BOOST_TEST(fieldOf(original, "booking_horizon_days") == restore.saved["booking_horizon_days"]);
    BOOST_TEST(fieldOf(original, "address") == restore.saved["address"]);

    // An unknown zone and a horizon of 0: one 422 page naming both, values kept, nothing saved.
    Fields bad = original;
    setField(bad, "timezone", "Mars/Olympus_Mons");
    setField(bad, "booking_horizon_days", "0");
    setField(bad, "min_notice_hours", "5");
    auto refused = admin->post("/admin/settings", bad);
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(titleOf(refused.body).rfind("Error:", 0) == 0);
    BOOST_TEST(contains(refused.body, "That time zone is not known"));
    BOOST_TEST(contains(refused.body, "The booking horizon is a whole number of days from 1 to 365."));
    BOOST_TEST(contains(refused.body, "href=\"#timezone\""));
    BOOST_TEST(contains(refused.body, "href=\"#booking_horizon_days\""));
    BOOST_TEST(hasFieldError(refused.body, "timezone"));
    BOOST_TEST(hasFieldError(refused.body, "booking_horizon_days"));
    BOOST_TEST(!hasFieldError(refused.body, "min_notice_hours"));
    BOOST_TEST(inputValue(refused.body, "timezone").value_or("") == "Mars/Olympus_Mons");
    BOOST_TEST(inputValue(refused.body, "min_notice_hours").value_or("") == "5");
    // Issue 17: the rule's numbers are arguments of one catalog entry, so an admin reading
    // Italian reads the whole sentence in Italian.
    BOOST_TEST_REQUIRE(admin->get("/language?to=it&next=/").status == 303);  // saved on the account
    auto rifiutato = admin->post("/admin/settings", bad);
    BOOST_TEST(rifiutato.status == 422);
    BOOST_TEST(contains(rifiutato.body, "Il periodo di prenotazione è un numero intero di giorni da 1 a 365."),
               rifiutato.body.substr(0, 3000));
    BOOST_TEST(!contains(rifiutato.body, "The booking horizon"));
    BOOST_TEST_REQUIRE(admin->get("/language?to=en&next=/").status == 303);
    auto after = dbSettings();
    BOOST_TEST(after["timezone"] == restore.saved["timezone"]);
    BOOST_TEST(after["booking_horizon_days"] == restore.saved["booking_horizon_days"]);
    BOOST_TEST(after["min_notice_hours"] == restore.saved["min_notice_hours"]);

    // More of the rules, one at a time.
    for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
             {"timezone", "../../etc/passwd"}, {"min_notice_hours", "169"}, {"cancel_cutoff_hours", "-1"},
             {"max_future_bookings", "21"}, {"booking_horizon_days", "1,5"}, {"phone", ""},
             {"email", "not an address"}, {"address", "  "}, {"medical_record_retention_years", "101"},
             {"medical_record_retention_years", "ten"}}) {
        Fields f = original;
        setField(f, field, value);
        auto r = admin->post("/admin/settings", f);
        BOOST_TEST(r.status == 422, field << "=" << value);
        BOOST_TEST(contains(r.body, cat("href=\"#", field, "\"")), field);
    }
    BOOST_TEST(dbSettings() == restore.saved);

    // A good change: saved, shown on reload.
    Fields good = original;
    setField(good, "timezone", "Europe/London");
    setField(good, "booking_horizon_days", "90");
    setField(good, "max_future_bookings", "5");
    setField(good, "medical_record_retention_years", "12");
    auto saved = admin->post("/admin/settings", good);
    BOOST_TEST_REQUIRE(saved.status == 303);
    BOOST_TEST(saved.header("location") == "/admin/settings?saved=1");
    auto reload = admin->follow(saved);
    BOOST_TEST(contains(reload.body, "The practice settings were saved."));
    BOOST_TEST(inputValue(reload.body, "timezone").value_or("") == "Europe/London");
    BOOST_TEST(inputValue(reload.body, "booking_horizon_days").value_or("") == "90");
    BOOST_TEST(inputValue(reload.body, "max_future_bookings").value_or("") == "5");
    BOOST_TEST(textareaValue(reload.body, "address") == restore.saved["address"]);
    auto stored = dbSettings();
    BOOST_TEST(stored["timezone"] == "Europe/London");
    BOOST_TEST(stored["booking_horizon_days"] == "90");
    BOOST_TEST(inputValue(reload.body, "medical_record_retention_years").value_or("") == "12");
    BOOST_TEST(stored["medical_record_retention_years"] == "12");

    // And back, through the form.
    Fields back = original;
    setField(back, "csrf_token", csrfOf(reload.body));
    setField(back, "medical_record_retention_years", restore.saved["medical_record_retention_years"]);
    BOOST_TEST(admin->post("/admin/settings", back).status == 303);
    BOOST_TEST(dbSettings() == restore.saved);
}

// Issue 17: the patron saint's name has an English and an Italian version, like the tagline.
BOOST_AUTO_TEST_CASE(the_patron_saints_name_is_saved_in_english_and_in_italian) {
    SettingsRestorer restore;
    auto admin = newAdmin();
    auto page = admin->get("/admin/settings");
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(contains(page.body, "Patron saint's name in Italian (optional)"));
    Fields f = settingsForm(page.body);
    setField(f, "patron_name", "Saint Peter and Saint Paul");
    setField(f, "patron_name_it", "Santi Pietro e Paolo, patroni di Roma");
    auto saved = admin->post("/admin/settings", f);
    BOOST_TEST_REQUIRE(saved.status == 303);
    auto reload = admin->follow(saved);
    BOOST_TEST(inputValue(reload.body, "patron_name").value_or("") == "Saint Peter and Saint Paul");
    BOOST_TEST(inputValue(reload.body, "patron_name_it").value_or("") == "Santi Pietro e Paolo, patroni di Roma");
    auto stored = dbSettings();
    BOOST_TEST(stored["patron_name"] == "Saint Peter and Saint Paul");
    BOOST_TEST(stored["patron_name.it"] == "Santi Pietro e Paolo, patroni di Roma");
    // One line of at most 100 characters, named in the refusal.
    setField(f, "csrf_token", csrfOf(reload.body));
    setField(f, "patron_name_it", std::string(101, 'a'));
    auto refused = admin->post("/admin/settings", f);
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(hasFieldError(refused.body, "patron_name_it"));
    BOOST_TEST(dbSettings()["patron_name.it"] == "Santi Pietro e Paolo, patroni di Roma");
}

BOOST_AUTO_TEST_CASE(weekly_hours_are_validated_and_replaced_whole) {
    auto admin = newAdmin();
    Doctor doc = newDoctor(*admin, "Camillo Golgi");
    const std::string path = cat("/admin/doctors/", std::to_string(doc.id));

    BOOST_TEST(admin->get("/admin/doctors/999999999").status == 404);
    BOOST_TEST(admin->get("/admin/doctors/abc").status == 404);

    auto page = admin->get(path);
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(contains(page.body, "no profile yet"));
    BOOST_TEST(inputValue(page.body, "display_name").value_or("") == "Camillo Golgi");
    for (const char* name : {"General practice", "Paediatrics", "Cardiology", "Dermatology"})
        BOOST_TEST(contains(page.body, std::string(">") + name + "</option>"), name);
    BOOST_TEST(contains(page.body, "<label class=\"visually-hidden\" for=\"hours_14_slot\">"));
    BOOST_TEST(contains(page.body, "<legend>Weekly hours</legend>"));
    const std::string csrf = csrfOf(page.body);

    // A valid first save.
    auto saved = admin->post(path, profileForm(csrf, "Dr Camillo Golgi", "general-practice",
                                               {{"3", "14:00", "18:00", "30"}, {"1", "09:00", "13:00", "20"}}));
    BOOST_TEST_REQUIRE(saved.status == 303);
    BOOST_TEST(saved.header("location") == path + "?saved=profile");
    auto reload = admin->follow(saved);
    BOOST_TEST(contains(reload.body, "The profile and weekly hours were saved."));
    BOOST_TEST(selectedOption(reload.body, "specialty") == "general-practice");
    // Shown by day: Monday first.
    BOOST_TEST(selectedOption(reload.body, "hours_1_weekday") == "1");
    BOOST_TEST(inputValue(reload.body, "hours_1_start").value_or("") == "09:00");
    BOOST_TEST(inputValue(reload.body, "hours_1_end").value_or("") == "13:00");
    BOOST_TEST(inputValue(reload.body, "hours_1_slot").value_or("") == "20");
    BOOST_TEST(selectedOption(reload.body, "hours_2_weekday") == "3");
    BOOST_TEST(inputValue(reload.body, "hours_2_start").value_or("") == "14:00");
    BOOST_TEST(inputValue(reload.body, "hours_3_start").value_or("") == "");
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM doctor_hours WHERE doctor_id = ?", doc.id) == 2);

    // Overlapping blocks of one day: refused, the row named, the values kept, nothing replaced.
    auto overlap = admin->post(path, profileForm(csrf, "Dr Camillo Golgi", "general-practice",
                                                 {{"1", "09:00", "13:00", "20"}, {"1", "12:30", "15:00", "20"}}));
    BOOST_TEST(overlap.status == 422);
    BOOST_TEST(contains(overlap.body, "Row 2: the hours overlap row 1"));
    BOOST_TEST(hasFieldError(overlap.body, "hours_2_start"));
    BOOST_TEST(contains(overlap.body, "href=\"#hours_2_start\""));
    BOOST_TEST(inputValue(overlap.body, "hours_2_start").value_or("") == "12:30");
    // An end before the start, and a slot out of range.
    auto backwards = admin->post(path, profileForm(csrf, "Dr Camillo Golgi", "general-practice",
                                                   {{"2", "10:00", "09:00", "15"}, {"4", "08:00", "12:00", "300"}}));
    BOOST_TEST(backwards.status == 422);
    BOOST_TEST(contains(backwards.body, "Row 1: the end time must be after the start time."));
    BOOST_TEST(hasFieldError(backwards.body, "hours_1_end"));
    BOOST_TEST(contains(backwards.body, "Row 2: an appointment slot lasts 5 to 240 minutes."));
    auto equal = admin->post(path, profileForm(csrf, "Dr Camillo Golgi", "general-practice", {{"2", "10:00", "10:00", "15"}}));
    BOOST_TEST(equal.status == 422);
    auto badTime = admin->post(path, profileForm(csrf, "Dr Camillo Golgi", "general-practice", {{"9", "25:00", "x", "15"}}));
    BOOST_TEST(badTime.status == 422);
    BOOST_TEST(hasFieldError(badTime.body, "hours_1_weekday"));
    BOOST_TEST(hasFieldError(badTime.body, "hours_1_start"));
    BOOST_TEST(hasFieldError(badTime.body, "hours_1_end"));
    // Profile rules: a one-letter name, an unknown specialty.
    auto badProfile = admin->post(path, profileForm(csrf, "G", "astrology", {{"1", "09:00", "13:00", "20"}}));
    BOOST_TEST(badProfile.status == 422);
    BOOST_TEST(hasFieldError(badProfile.body, "display_name"));
    BOOST_TEST(hasFieldError(badProfile.body, "specialty"));
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM doctor_hours WHERE doctor_id = ?", doc.id) == 2);
    auto unchanged = admin->get(path);
    BOOST_TEST(inputValue(unchanged.body, "hours_1_start").value_or("") == "09:00");
    BOOST_TEST(inputValue(unchanged.body, "hours_2_start").value_or("") == "14:00");
    BOOST_TEST(inputValue(unchanged.body, "display_name").value_or("") == "Dr Camillo Golgi");

    // A valid edit replaces the whole week; blocks that touch are fine.
    auto admin2 = moved(*admin);
    auto edited = admin2->post(path, profileForm(csrf, "Dr Camillo Golgi", "cardiology",
                                                 {{"2", "08:00", "12:00", "15"}, {"2", "12:00", "13:00", "15"}}));
    BOOST_TEST_REQUIRE(edited.status == 303);
    auto after = admin2->follow(edited);
    BOOST_TEST(selectedOption(after.body, "specialty") == "cardiology");
    BOOST_TEST(selectedOption(after.body, "hours_1_weekday") == "2");
    BOOST_TEST(inputValue(after.body, "hours_1_start").value_or("") == "08:00");
    BOOST_TEST(inputValue(after.body, "hours_2_start").value_or("") == "12:00");
    BOOST_TEST(inputValue(after.body, "hours_3_start").value_or("") == "");
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM doctor_hours WHERE doctor_id = ?", doc.id) == 2);

    // The list shows the public name and specialty now.
    auto list = admin2->get("/admin/doctors");
    BOOST_TEST(contains(list.body, "Dr Camillo Golgi"));
    BOOST_TEST(contains(list.body, "Cardiology"));
}

BOOST_AUTO_TEST_CASE(faq_entries_round_trip_with_html_shown_as_text) {
    auto admin = newAdmin();
    auto page = admin->get("/admin/faq");
    BOOST_TEST_REQUIRE(page.status == 200);
    const std::string csrf = csrfOf(page.body);
    const std::string question = randomName("Can I bring my dog? ");
    const std::string answer = "<script>alert(1)</script> Dogs are <b>welcome</b> & cats too.";

    auto empty = admin->post("/admin/faq", {{"csrf_token", csrf}, {"question", " "}, {"answer", answer}, {"tags", ""}});
    BOOST_TEST(empty.status == 422);
    BOOST_TEST(hasFieldError(empty.body, "question"));
    BOOST_TEST(textareaValue(empty.body, "answer") == answer);  // kept
    BOOST_TEST(!contains(empty.body, "<script>alert"));
    auto duplicate = admin->post("/admin/faq", {{"csrf_token", csrf},
                                                {"question", "What are your opening hours?"},
                                                {"answer", "Always."},
                                                {"tags", ""}});
    BOOST_TEST(duplicate.status == 422);
    BOOST_TEST(contains(duplicate.body, "Another entry already asks this question."));
    auto tooLong = admin->post("/admin/faq", {{"csrf_token", csrf}, {"question", question},
                                              {"answer", std::string(4001, 'a')}, {"tags", ""}});
    BOOST_TEST(tooLong.status == 422);
    BOOST_TEST(hasFieldError(tooLong.body, "answer"));

    auto created = admin->post("/admin/faq", {{"csrf_token", csrf},
                                              {"question", question},
                                              {"answer", answer},
                                              {"tags", " pets, , dog ,animals "}});
    BOOST_TEST_REQUIRE(created.status == 303);
    BOOST_TEST(created.header("location") == "/admin/faq?saved=created");
    auto list = admin->follow(created);
    BOOST_TEST(contains(list.body, "The entry was added."));
    BOOST_TEST(contains(list.body, question));
    BOOST_TEST(contains(list.body, "pets, dog, animals"));
    const std::string editHref = between(list.body.substr(list.body.find(question)), "href=\"", "\"");
    BOOST_TEST_REQUIRE(editHref.rfind("/admin/faq/", 0) == 0);

    auto edit = admin->get(editHref);
    BOOST_TEST_REQUIRE(edit.status == 200);
    BOOST_TEST(contains(edit.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    BOOST_TEST(contains(edit.body, "&lt;b&gt;welcome&lt;/b&gt; &amp; cats"));
    BOOST_TEST(!contains(edit.body, "<script>alert"));
    BOOST_TEST(!contains(edit.body, "<b>welcome"));
    BOOST_TEST(textareaValue(edit.body, "answer") == answer);
    BOOST_TEST(inputValue(edit.body, "question").value_or("") == question);

    const std::string newAnswer = "Assistance dogs are welcome. <i>Other pets</i> please wait outside.";
    auto bad = admin->post(editHref, {{"csrf_token", csrf}, {"question", question}, {"answer", ""}, {"tags", "pets"}});
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(hasFieldError(bad.body, "answer"));
    auto updated = admin->post(editHref, {{"csrf_token", csrf}, {"question", question}, {"answer", newAnswer}, {"tags", "pets, dog"}});
    BOOST_TEST_REQUIRE(updated.status == 303);
    BOOST_TEST(updated.header("location") == "/admin/faq?saved=updated");
    auto again = admin->get(editHref);
    BOOST_TEST(textareaValue(again.body, "answer") == newAnswer);
    BOOST_TEST(contains(again.body, "&lt;i&gt;Other pets&lt;/i&gt;"));
    BOOST_TEST(inputValue(again.body, "tags").value_or("") == "pets, dog");
    // Saving it unchanged is still a success, not a "not found".
    BOOST_TEST(admin->post(editHref, {{"csrf_token", csrf}, {"question", question}, {"answer", newAnswer}, {"tags", "pets, dog"}})
                   .status == 303);

    auto admin2 = moved(*admin);
    auto deleted = admin2->post(editHref + "/delete", {{"csrf_token", csrf}});
    BOOST_TEST_REQUIRE(deleted.status == 303);
    BOOST_TEST(deleted.header("location") == "/admin/faq?saved=deleted");
    auto gone = admin2->follow(deleted);
    BOOST_TEST(contains(gone.body, "The entry was deleted."));
    BOOST_TEST(!contains(gone.body.substr(0, gone.body.find("Recently deleted</h2>")), question));  // only there
    BOOST_TEST(admin2->get(editHref).status == 404);
    BOOST_TEST(admin2->post(editHref, {{"csrf_token", csrf}, {"question", question}, {"answer", "x"}, {"tags", ""}}).status == 404);
    BOOST_TEST(admin2->post(editHref + "/delete", {{"csrf_token", csrf}}).status == 404);
    BOOST_TEST(admin2->get("/admin/faq/abc").status == 404);
    BOOST_TEST(admin2->get("/admin/faq/0").status == 404);
}

BOOST_AUTO_TEST_CASE(a_doctor_manages_their_own_time_off_and_nobody_else_s) {
    auto admin = newAdmin();
    Doctor alice = newDoctor(*admin, "Rita Montalcini");
    Doctor bob = newDoctor(*admin, "Renato Dulbecco");

    // Without a profile a doctor cannot add time off yet.
    auto first = alice.browser->get("/doctor/time-off");
    BOOST_TEST_REQUIRE(first.status == 200);
    BOOST_TEST(contains(first.body, "not set up yet"));
    const Day day = daysFromNow(20);
    auto early = alice.browser->post("/doctor/time-off", {{"csrf_token", csrfOf(first.body)}, {"from_date", day.iso}});
    BOOST_TEST(early.status == 422);

    for (const Doctor* d : {&alice, &bob}) {
        const std::string path = cat("/admin/doctors/", std::to_string(d->id));
        auto r = admin->post(path, profileForm(csrfOf(admin->get(path).body), cat("Dr ", d->name), "pediatrics",
                                               {{"1", "09:00", "12:00", "15"}}));
        BOOST_TEST_REQUIRE(r.status == 303);
    }

    auto page = alice.browser->get("/doctor/time-off");
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(contains(page.body, "You have no time off planned."));
    for (const char* id : {"from_date", "from_time", "to_date", "to_time", "label"})
        BOOST_TEST(contains(page.body, std::string("<label for=\"") + id + "\""), id);
    const std::string csrf = csrfOf(page.body);

    // Refused: an end before the start, a date that is not one, a past time off.
    auto backwards = alice.browser->post("/doctor/time-off", {{"csrf_token", csrf}, {"from_date", day.iso},
                                                              {"from_time", "13:00"}, {"to_time", "09:00"},
                                                              {"label", "Congress in Bologna"}});
    BOOST_TEST(backwards.status == 422);
    BOOST_TEST(hasFieldError(backwards.body, "to_time"));
    BOOST_TEST(inputValue(backwards.body, "label").value_or("") == "Congress in Bologna");
    auto notADate = alice.browser->post("/doctor/time-off", {{"csrf_token", csrf}, {"from_date", "2026-02-30"}});
    BOOST_TEST(notADate.status == 422);
    BOOST_TEST(hasFieldError(notADate.body, "from_date"));
    auto past = alice.browser->post("/doctor/time-off", {{"csrf_token", csrf}, {"from_date", daysFromNow(-10).iso}});
    BOOST_TEST(past.status == 422);
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM time_off WHERE doctor_id = ?", alice.id) == 0);

    auto added = alice.browser->post("/doctor/time-off", {{"csrf_token", csrf}, {"from_date", day.iso},
                                                          {"from_time", "09:00"}, {"to_time", "13:00"},
                                                          {"label", "Congress in Bologna"}});
    BOOST_TEST_REQUIRE(added.status == 303);
    BOOST_TEST(added.header("location") == "/doctor/time-off?saved=added");
    auto listed = alice.browser->follow(added);
    BOOST_TEST(contains(listed.body, "Your time off was added."));
    BOOST_TEST(contains(listed.body, "Congress in Bologna"));
    BOOST_TEST(contains(listed.body, day.longForm + " 09:00"));
    BOOST_TEST(contains(listed.body, day.longForm + " 13:00"));
    const std::string del = actionAfter(listed.body, day.longForm + " 09:00");
    BOOST_TEST_REQUIRE(del.rfind("/doctor/time-off/", 0) == 0);

    // The admin sees it on the doctor's page; another doctor cannot see or remove it.
    auto adminView = admin->get(cat("/admin/doctors/", std::to_string(alice.id)));
    BOOST_TEST(contains(adminView.body, "Congress in Bologna"));
    auto bobPage = bob.browser->get("/doctor/time-off");
    BOOST_TEST(!contains(bobPage.body, "Congress in Bologna"));
    BOOST_TEST(bob.browser->post(del, {{"csrf_token", csrfOf(bobPage.body)}}).status == 404);
    BOOST_TEST(bob.browser->post("/doctor/time-off/abc/delete", {{"csrf_token", csrfOf(bobPage.body)}}).status == 404);
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM time_off WHERE doctor_id = ?", alice.id) == 1);
    // Nor through the admin's route under the wrong doctor.
    const std::string tid = del.substr(std::string("/doctor/time-off/").size(),
                                       del.size() - std::string("/doctor/time-off/").size() - std::string("/delete").size());
    BOOST_TEST(admin->post(cat("/admin/doctors/", std::to_string(bob.id), "/time-off/", tid, "/delete"),
                           {{"csrf_token", csrfOf(adminView.body)}})
                   .status == 404);

    auto removed = alice.browser->post(del, {{"csrf_token", csrf}});
    BOOST_TEST_REQUIRE(removed.status == 303);
    BOOST_TEST(removed.header("location") == "/doctor/time-off?saved=removed");
    auto empty = alice.browser->follow(removed);
    BOOST_TEST(!contains(empty.body, "Congress in Bologna"));
    BOOST_TEST(alice.browser->post(del, {{"csrf_token", csrf}}).status == 404);

    // An admin adds and removes time off for a doctor: whole days when no times are given.
    auto admin2 = moved(*admin);
    const std::string base = cat("/admin/doctors/", std::to_string(bob.id));
    const std::string adminCsrf = csrfOf(admin2->get(base).body);
    const Day from = daysFromNow(30), to = daysFromNow(32);
    auto badAdd = admin2->post(base + "/time-off", {{"csrf_token", adminCsrf}, {"from_date", ""}, {"label", "Holiday"}});
    BOOST_TEST(badAdd.status == 422);
    BOOST_TEST(hasFieldError(badAdd.body, "from_date"));
    BOOST_TEST(inputValue(badAdd.body, "label").value_or("") == "Holiday");
    auto holiday = admin2->post(base + "/time-off", {{"csrf_token", adminCsrf}, {"from_date", from.iso},
                                                      {"to_date", to.iso}, {"label", "Holiday"}});
    BOOST_TEST_REQUIRE(holiday.status == 303);
    BOOST_TEST(holiday.header("location") == base + "?saved=time-off");
    auto shown = admin2->follow(holiday);
    BOOST_TEST(contains(shown.body, from.longForm + " 00:00"));
    BOOST_TEST(contains(shown.body, daysFromNow(33).longForm + " 00:00"));
    BOOST_TEST(contains(bob.browser->get("/doctor/time-off").body, "Holiday"));
    const std::string adminDel = actionAfter(shown.body, from.longForm + " 00:00");
    BOOST_TEST_REQUIRE(adminDel.rfind(base + "/time-off/", 0) == 0);
    auto adminRemoved = admin2->post(adminDel, {{"csrf_token", adminCsrf}});
    BOOST_TEST(adminRemoved.status == 303);
    BOOST_TEST(admin2->post(adminDel, {{"csrf_token", adminCsrf}}).status == 404);
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM time_off WHERE doctor_id = ?", bob.id) == 0);

    // A doctor cannot use the admin's pages.
    BOOST_TEST(alice.browser->get("/admin/doctors").status == 403);
}

// Issue 22: the FAQ embeds the practice's facts, so one change of the settings shows in the
// assistant's answers at once, in English and Italian, without touching the FAQ.
BOOST_AUTO_TEST_CASE(new_saturday_hours_reach_the_assistant_without_an_faq_edit) {
    SettingsRestorer restore;
    auto admin = newAdmin();
    const auto faqBefore = dbCount("SELECT COALESCE(BIT_XOR(CRC32(CONCAT(id, answer))), 0) FROM faq_entries");
    auto page = admin->get("/admin/settings");
    BOOST_TEST_REQUIRE(page.status == 200);
    Fields f = settingsForm(page.body);
    setField(f, "hours_saturday", "10:00–13:15");
    auto saved = admin->post("/admin/settings", f);
    BOOST_TEST_REQUIRE(saved.status == 303);

    auto patient = chattingPatient();
    const std::string en = askChat(*patient, "When are you open on Saturday?");
    BOOST_TEST(contains(en, "Saturday 10:00–13:15"), en.substr(0, 4000));
    BOOST_TEST(!contains(en, "09:00–12:30"));
    BOOST_TEST(!contains(en, "{{hours"));
    const std::string it = askChat(*moved(*patient), "quando siete aperti il sabato?");
    BOOST_TEST(contains(it, "sabato 10:00–13:15"), it.substr(0, 4000));
    BOOST_TEST(!contains(it, "{{hours"));
    // The address and phone come from the settings too.
    const std::string where = askChat(*moved(*patient), "Where is the practice?");
    BOOST_TEST(contains(where, "Via dei Mille 24, 00185 Roma RM"));
    BOOST_TEST(!contains(where, "{{address"));
    // Nothing in the FAQ changed.
    BOOST_TEST(dbCount("SELECT COALESCE(BIT_XOR(CRC32(CONCAT(id, answer))), 0) FROM faq_entries") == faqBefore);
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM faq_entries WHERE answer LIKE '%{{hours}}%'") >= 1);
}

BOOST_AUTO_TEST_CASE(faq_placeholders_are_documented_and_unknown_ones_refused) {
    auto admin = newAdmin();
    auto page = admin->get("/admin/faq");
    BOOST_TEST_REQUIRE(page.status == 200);
    for (const char* code : {"{{hours}}", "{{hours.saturday}}", "{{address}}", "{{phone}}", "{{email}}"})
        BOOST_TEST(contains(page.body, cat("<code>", code, "</code>")), code);
    const std::string csrf = csrfOf(page.body);
    const std::string question = randomName("Are you open at Easter? ");
    const std::string bad = "We are open {{hours}} and call {{telephone}}.";
    auto refused = admin->post("/admin/faq", {{"csrf_token", csrf}, {"question", question}, {"answer", bad}, {"tags", ""}});
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(hasFieldError(refused.body, "answer"));
    BOOST_TEST(contains(refused.body, "The answer has a placeholder the practice does not know"));
    BOOST_TEST(textareaValue(refused.body, "answer") == bad);
    auto unclosed = admin->post("/admin/faq", {{"csrf_token", csrf}, {"question", question}, {"answer", "Call {{phone"}, {"tags", ""}});
    BOOST_TEST(unclosed.status == 422);
    BOOST_TEST(hasFieldError(unclosed.body, "answer"));
    BOOST_TEST(dbCount("SELECT COUNT(*) FROM faq_entries WHERE answer LIKE '%{{telephone}}%'") == 0);

    auto created = admin->post("/admin/faq", {{"csrf_token", csrf}, {"question", question},
                                              {"answer", "Ask reception on {{ phone }} or at {{email}}."}, {"tags", "easter"}});
    BOOST_TEST_REQUIRE(created.status == 303);
    auto list = admin->follow(created);
    const std::string editHref = between(list.body.substr(list.body.find(question)), "href=\"", "\"");
    BOOST_TEST_REQUIRE(editHref.rfind("/admin/faq/", 0) == 0);
    auto edit = admin->get(editHref);
    BOOST_TEST(contains(edit.body, "<code>{{hours}}</code>"));
    // The Italian version is checked the same way, its error next to its own field.
    auto badIt = admin->post(editHref + "/versions/it", {{"csrf_token", csrf}, {"question", question + " (it)"},
                                                         {"answer", "Chiami il {{telefono}}."}, {"tags", ""}});
    BOOST_TEST(badIt.status == 422);
    BOOST_TEST(hasFieldError(badIt.body, "answer-it"));
    auto goodIt = admin->post(editHref + "/versions/it", {{"csrf_token", csrf}, {"question", question + " (it)"},
                                                          {"answer", "Chiami la segreteria al {{phone}}."}, {"tags", ""}});
    BOOST_TEST(goodIt.status == 303);
    // Gone for good at the end (the confirm step is tested below).
    BOOST_TEST(admin->post(editHref + "/delete", {{"csrf_token", csrf}}).status == 303);
}

BOOST_AUTO_TEST_CASE(deleting_an_faq_entry_asks_first_and_can_be_undone) {
    auto admin = newAdmin();
    auto page = admin->get("/admin/faq");
    const std::string csrf = csrfOf(page.body);
    const std::string question = randomName("Can I bring a pram? ");
    auto created = admin->post("/admin/faq", {{"csrf_token", csrf}, {"question", question},
                                              {"answer", "Yes, there is a lift."}, {"tags", "pram, buggy"}});
    BOOST_TEST_REQUIRE(created.status == 303);
    auto list = admin->follow(created);
    const std::string row = list.body.substr(list.body.find(question));
    const std::string editHref = between(row, "href=\"", "\"");
    BOOST_TEST_REQUIRE(editHref.rfind("/admin/faq/", 0) == 0);
    // The list's Delete is a link to a page that asks; it deletes nothing by itself.
    BOOST_TEST(contains(row.substr(0, row.find("</tr>")), cat("href=\"", editHref, "/delete\"")));
    BOOST_TEST(!contains(row.substr(0, row.find("</tr>")), cat("action=\"", editHref, "/delete\"")));
    auto confirm = admin->get(editHref + "/delete");
    BOOST_TEST_REQUIRE(confirm.status == 200);
    BOOST_TEST(contains(confirm.body, "Delete this question?"));
    BOOST_TEST(contains(confirm.body, question));
    BOOST_TEST(contains(confirm.body, cat("action=\"", editHref, "/delete\"")));
    BOOST_TEST(contains(confirm.body, "No, keep it"));
    BOOST_TEST(admin->get(editHref).status == 200);  // still there

    auto admin2 = moved(*admin);
    auto deleted = admin2->post(editHref + "/delete", {{"csrf_token", csrf}});
    BOOST_TEST_REQUIRE(deleted.status == 303);
    auto after = admin2->follow(deleted);
    BOOST_TEST(contains(after.body, "You can restore it under Recently deleted."));
    const auto recent = after.body.find("Recently deleted</h2>");
    BOOST_TEST_REQUIRE(recent != std::string::npos);
    BOOST_TEST(!contains(after.body.substr(0, recent), question));  // not among the entries
    BOOST_TEST(contains(after.body.substr(recent), question));
    BOOST_TEST(contains(after.body.substr(recent), cat("action=\"", editHref, "/restore\"")));
    BOOST_TEST(admin2->get(editHref).status == 404);
    BOOST_TEST(admin2->get(editHref + "/delete").status == 404);

    auto restored = admin2->post(editHref + "/restore", {{"csrf_token", csrf}});
    BOOST_TEST_REQUIRE(restored.status == 303);
    auto back = admin2->follow(restored);
    BOOST_TEST(contains(back.body, "The entry was restored"));
    const auto recentAfter = back.body.find("Recently deleted</h2>");
    BOOST_TEST((recentAfter == std::string::npos || !contains(back.body.substr(recentAfter), question)));
    auto edit = admin2->get(editHref);
    BOOST_TEST(edit.status == 200);
    BOOST_TEST(textareaValue(edit.body, "answer") == "Yes, there is a lift.");
    BOOST_TEST(admin2->post(editHref + "/restore", {{"csrf_token", csrf}}).status == 404);  // not deleted
    BOOST_TEST(admin2->post(editHref + "/delete", {{"csrf_token", csrf}}).status == 303);
}

BOOST_AUTO_TEST_CASE(an_admin_rejects_a_waiting_doctor_who_is_told_in_their_language) {
    auto smtp = startSmtp();
    Browser doctor;
    doctor.setCookie("__Host-lang", "it");  // registers from the Italian pages
    const std::string email = uniqueEmail("dr.nonsono");
    BOOST_TEST_REQUIRE(registerAs(doctor, "doctor", "Finto Dottore", email).status == 303);

    auto admin = newAdmin();
    auto dash = admin->get("/admin");
    BOOST_TEST_REQUIRE(dash.status == 200);
    const std::string row = dash.body.substr(dash.body.find("Finto Dottore</th>"));
    const std::string rejectHref = between(row, "<a href=\"", "\"");
    BOOST_TEST_REQUIRE(contains(rejectHref, "/reject"));
    auto confirm = admin->get(rejectHref);
    BOOST_TEST_REQUIRE(confirm.status == 200);
    BOOST_TEST(contains(confirm.body, "Reject this registration?"));
    BOOST_TEST(contains(confirm.body, email));
    BOOST_TEST(admin->post("/admin/doctors/999999999/reject", {{"csrf_token", csrfOf(confirm.body)}}).status == 404);

    auto rejected = admin->post(rejectHref, {{"csrf_token", csrfOf(confirm.body)}});
    BOOST_TEST_REQUIRE(rejected.status == 303);
    BOOST_TEST(rejected.header("location") == "/admin/doctors?saved=rejected");
    auto list = admin->follow(rejected);
    BOOST_TEST(contains(list.body, "The registration was rejected"));
    BOOST_TEST(!contains(list.body, email));
    BOOST_TEST(!contains(moved(*admin)->get("/admin").body, email));
    BOOST_TEST(moved(*admin)->post(rejectHref, {{"csrf_token", csrfOf(confirm.body)}}).status == 404);  // only once

    // The account can never sign in, and the doctor was told, in Italian.
    Browser again;
    auto in = signIn(again, email);
    BOOST_TEST(in.status != 303);
    BOOST_TEST(!again.cookie("__Host-session").has_value());
    auto mail = waitForMail(smtp.get(), email, "non è stato approvato");
    BOOST_TEST_REQUIRE(!mail.subject.empty());
    BOOST_TEST(contains(mail.body, "non hanno approvato"));
}

BOOST_AUTO_TEST_CASE(an_admin_approves_a_waiting_doctor_who_is_told_in_their_language) {
    auto smtp = startSmtp();
    Browser doctor;
    doctor.setCookie("__Host-lang", "it");  // registers from the Italian pages
    const std::string email = uniqueEmail("dr.approvata");
    BOOST_TEST_REQUIRE(registerAs(doctor, "doctor", "Vera Dottoressa", email).status == 303);

    auto admin = newAdmin();
    auto dash = admin->get("/admin");
    BOOST_TEST_REQUIRE(dash.status == 200);
    const std::string row = dash.body.substr(dash.body.find("Vera Dottoressa</th>"));
    const std::string action = between(row, "action=\"", "\"");
    BOOST_TEST_REQUIRE(contains(action, "/approve"));
    auto approved = admin->post(action, {{"csrf_token", csrfOf(dash.body)}});
    BOOST_TEST_REQUIRE(approved.status == 303);

    // The waiting page promised a sign-in once approved: the doctor is told, in Italian, with the link.
    auto mail = waitForMail(smtp.get(), email, "approvato");
    BOOST_TEST_REQUIRE(!mail.subject.empty());
    BOOST_TEST(contains(mail.body, "hanno approvato"));
    BOOST_TEST(contains(mail.body, "/login"));
}

BOOST_AUTO_TEST_CASE(the_weekly_hours_grid_keeps_each_days_box_wide_enough) {
    auto admin = newAdmin();
    auto doc = newDoctor(*admin, randomName("Dr Grid "));
    auto page = admin->get(cat("/admin/doctors/", std::to_string(doc.id)));
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(contains(page.body, "<table class=\"hours-grid"));
    // The style sheet sizes the grid's controls by their content, not by the squeezed column.
    auto css = admin->get("/static/css/site.css");
    BOOST_TEST_REQUIRE(css.status == 200);
    const auto rule = css.body.find(".hours-grid select {");
    BOOST_TEST_REQUIRE(rule != std::string::npos);
    BOOST_TEST(contains(css.body.substr(rule, 120), "min-width: max-content"));
    // ...and the grid scrolls inside its own box rather than widening the page on a phone.
    BOOST_TEST(contains(page.body, "<fieldset class=\"hours-fieldset\">"));
    const auto box = css.body.find(".hours-fieldset {");
    BOOST_TEST_REQUIRE(box != std::string::npos);
    BOOST_TEST(contains(css.body.substr(box, 80), "min-width: 0"));
}

BOOST_AUTO_TEST_SUITE_END()
