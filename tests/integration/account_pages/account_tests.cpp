// The account page and what hangs off it: details, password change, two-step sign-in on
// and off; and the doctor's way in: registration, approval by an administrator (who sets
// up two-step sign-in at a first sign-in), then the doctor's own set-up.
#include <boost/test/unit_test.hpp>

#include "pages_support.hpp"
#include "security/totp_qr.hpp"

using namespace medassist::testing;

namespace {
// The set-up page's QR code: its <svg>, and whether it draws the otpauth:// link the page
// shows (the one whose secret is the setup key): re-encoded here, it must give the same path.
std::string qrSvgOf(const std::string& html) { return between(html, "<div class=\"setup-qr\">", "</div>"); }

bool qrCodesTheShownLink(const std::string& html) {
    const std::string svg = qrSvgOf(html);
    const std::string uri = htmlUnescape(between(html, "<details class=\"setup-uri\">", "</details>"));
    const std::string link = between(uri, "<p><code>", "</code>");
    if (svg.empty() || link.rfind("otpauth://totp/", 0) != 0) return false;
    const auto qr = medassist::security::qrSvg(link);
    return contains(svg, "viewBox=\"0 0 " + std::to_string(qr.size) + " " + std::to_string(qr.size) + "\"") &&
           contains(svg, "<path d=\"" + qr.path + "\"") && contains(link, "secret=" + setupKeyOf(html) + "&");
}
}  // namespace

BOOST_AUTO_TEST_SUITE(account_pages)

BOOST_AUTO_TEST_CASE(details_are_saved_or_shown_again_with_the_reasons) {
    Browser b;
    BOOST_TEST_REQUIRE(registerAs(b, "patient", "Mary Anning", uniqueEmail("mary")).status == 303);
    std::string token = tokenFrom(b, "/account");

    auto bad = b.post("/account/profile",
                      {{"csrf_token", token}, {"name", "Mary Anning"}, {"phone", "call me"}, {"date_of_birth", "2999-01-01"}});
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(titleOf(bad.body).rfind("Error: My account", 0) == 0);
    BOOST_TEST(inputValue(bad.body, "phone").value_or("") == "call me");
    BOOST_TEST(inputValue(bad.body, "date_of_birth").value_or("") == "2999-01-01");
    BOOST_TEST(contains(inputTag(bad.body, "phone"), "aria-invalid=\"true\""));
    BOOST_TEST(contains(inputTag(bad.body, "phone"), "aria-describedby=\"phone-hint phone-error\""));
    BOOST_TEST(contains(bad.body, "<a href=\"#phone\">"));
    BOOST_TEST(contains(bad.body, "<a href=\"#date_of_birth\">A date of birth cannot be in the future.</a>"));
    BOOST_TEST(!contains(inputTag(bad.body, "name"), "aria-invalid"));

    auto ok = b.post("/account/profile", {{"csrf_token", csrfOf(bad.body)},
                                          {"name", "Mary Anning-Smith"},
                                          {"phone", "+44 1297 000 000"},
                                          {"date_of_birth", "1799-05-21"}});
    // 1799 is too long ago for a living patient: the service's rule, shown by the page.
    BOOST_TEST(ok.status == 422);
    ok = b.post("/account/profile", {{"csrf_token", csrfOf(ok.body)},
                                     {"name", "Mary Anning-Smith"},
                                     {"phone", "+44 1297 000 000"},
                                     {"date_of_birth", "1999-05-21"}});
    BOOST_TEST_REQUIRE(ok.status == 303);
    BOOST_TEST(ok.header("location") == "/account?saved=profile");
    auto page = b.follow(ok);
    BOOST_TEST(contains(page.body, "Your details were saved."));
    BOOST_TEST(contains(page.body, "Your visits are on <a href=\"/appointments\">Appointments</a>"));
    BOOST_TEST(contains(page.body, "So the practice can call you about an appointment."));
    BOOST_TEST(inputValue(page.body, "name").value_or("") == "Mary Anning-Smith");
    BOOST_TEST(inputValue(page.body, "phone").value_or("") == "+44 1297 000 000");
    BOOST_TEST(inputValue(page.body, "date_of_birth").value_or("") == "1999-05-21");
}

BOOST_AUTO_TEST_CASE(changing_the_password_renews_this_session_and_ends_the_old_one) {
    Browser b;
    const std::string email = uniqueEmail("rosalind");
    BOOST_TEST_REQUIRE(registerAs(b, "patient", "Rosalind Franklin", email).status == 303);
    const std::string oldSession = *b.cookie("__Host-session");
    std::string token = tokenFrom(b, "/account");

    auto wrong = b.post("/account/password", {{"csrf_token", token},
                                              {"current_password", kOtherPassword},
                                              {"password", kOtherPassword},
                                              {"confirm_password", kOtherPassword}});
    BOOST_TEST(wrong.status == 422);
    BOOST_TEST(contains(inputTag(wrong.body, "current_password"), "aria-invalid=\"true\""));
    BOOST_TEST(contains(wrong.body, "The current password is not correct."));
    BOOST_TEST(!contains(wrong.body, kOtherPassword));

    auto mismatch = b.post("/account/password", {{"csrf_token", token},
                                                 {"current_password", kPassword},
                                                 {"password", kOtherPassword},
                                                 {"confirm_password", kOtherPassword + "x"}});
    BOOST_TEST(mismatch.status == 422);
    BOOST_TEST(contains(mismatch.body, "<a href=\"#confirm_password\">The two passwords do not match.</a>"));

    auto ok = b.post("/account/password", {{"csrf_token", token},
                                           {"current_password", kPassword},
                                           {"password", kOtherPassword},
                                           {"confirm_password", kOtherPassword}});
    BOOST_TEST_REQUIRE(ok.status == 303);
    BOOST_TEST(ok.header("location") == "/account?saved=password");
    auto renewed = setCookieFor(ok, "__Host-session");
    BOOST_TEST_REQUIRE(renewed.has_value());
    BOOST_TEST(renewed->value != oldSession);
    BOOST_TEST(contains(b.follow(ok).body, "Your password was changed."));

    Browser old;
    old.setCookie("__Host-session", oldSession);
    BOOST_TEST(old.get("/account").status == 303);

    Browser c;
    BOOST_TEST(signIn(c, email, kPassword).status == 401);
    BOOST_TEST(signIn(c, email, kOtherPassword).status == 303);
}

BOOST_AUTO_TEST_CASE(two_step_sign_in_on_then_used_then_off) {
    Browser b;
    const std::string email = uniqueEmail("katherine");
    BOOST_TEST_REQUIRE(registerAs(b, "patient", "Katherine Johnson", email).status == 303);
    auto account = b.get("/account");
    BOOST_TEST(contains(account.body, "Two-step sign-in is off."));
    BOOST_TEST(contains(account.body, "href=\"/account/mfa\""));

    auto shown = b.get("/account/mfa");
    BOOST_TEST_REQUIRE(shown.status == 200);
    const std::string firstKey = setupKeyOf(shown.body);
    BOOST_TEST_REQUIRE(firstKey.size() >= 16u);
    BOOST_TEST(contains(shown.body, "otpauth://totp/"));
    BOOST_TEST(contains(inputTag(shown.body, "code"), "autocomplete=\"one-time-code\""));
    BOOST_TEST(contains(inputTag(shown.body, "code"), "inputmode=\"numeric\""));
    // A QR code drawn on the server (inline SVG, named for screen readers) of the link with the key.
    BOOST_TEST(contains(qrSvgOf(shown.body), "role=\"img\""));
    BOOST_TEST(contains(qrSvgOf(shown.body), "<title id=\"setup-qr-title\">QR code with the setup key"));
    BOOST_TEST(qrCodesTheShownLink(shown.body));
    BOOST_TEST(contains(shown.body, "Cannot scan it? Type this setup key instead"));
    BOOST_TEST(!contains(shown.body, "<script"));

    // Reloading shows the same key and QR code: the app that scanned it keeps working.
    auto setup = b.get("/account/mfa");
    BOOST_TEST_REQUIRE(setup.status == 200);
    BOOST_TEST(setupKeyOf(setup.body) == firstKey);
    BOOST_TEST(qrSvgOf(setup.body) == qrSvgOf(shown.body));

    // Asking for a new key abandons this one: its codes stop working.
    auto restart = b.post("/account/mfa", {{"csrf_token", csrfOf(setup.body)}, {"new_key", "1"}});
    BOOST_TEST_REQUIRE(restart.status == 303);
    BOOST_TEST(restart.header("location") == "/account/mfa");
    setup = b.follow(restart);
    const std::string key = setupKeyOf(setup.body);
    BOOST_TEST_REQUIRE(key.size() >= 16u);
    BOOST_TEST(key != firstKey);
    BOOST_TEST(qrCodesTheShownLink(setup.body));
    const std::string token = csrfOf(setup.body);
    auto old = b.post("/account/mfa", {{"csrf_token", token}, {"code", totpFor(firstKey)}});
    BOOST_TEST(old.status == 422);

    auto wrong = b.post("/account/mfa", {{"csrf_token", token}, {"code", "12345"}});
    BOOST_TEST(wrong.status == 422);
    // Shown again with the same key and QR code, and the way to start over.
    BOOST_TEST(setupKeyOf(wrong.body) == key);
    BOOST_TEST(qrCodesTheShownLink(wrong.body));
    BOOST_TEST(contains(wrong.body, "name=\"new_key\""));

    // The key stays the one the app has: a retry with the right code works.
    auto done = b.post("/account/mfa", {{"csrf_token", token}, {"code", totpFor(key)}});
    BOOST_TEST_REQUIRE(done.status == 200);
    auto codes = recoveryCodesOf(done.body);
    BOOST_TEST(codes.size() == 10u);
    BOOST_TEST(contains(done.body, "href=\"/account\""));
    BOOST_TEST(done.header("cache-control") == "no-store");
    BOOST_TEST(b.get("/account/mfa").status == 303);  // already on: no new key
    BOOST_TEST(contains(b.get("/account?saved=mfa").body, "Two-step sign-in is on."));

    // Signing in now takes a second step.
    Browser c;
    auto first = signIn(c, email);
    BOOST_TEST_REQUIRE(first.status == 303);
    BOOST_TEST(first.header("location") == "/login/mfa");
    BOOST_TEST(!setCookieFor(first, "__Host-session").has_value());
    auto pending = setCookieFor(first, "__Host-mfa");
    BOOST_TEST_REQUIRE(pending.has_value());
    BOOST_TEST(pending->attr("max-age") == "300");
    BOOST_TEST(pending->has("httponly"));
    BOOST_TEST(pending->attr("samesite") == "Strict");

    auto step = c.follow(first);
    BOOST_TEST(step.status == 200);
    BOOST_TEST(contains(step.body, "recovery code"));
    auto bad = c.post("/login/mfa", {{"csrf_token", csrfOf(step.body)}, {"code", "000000"}});
    BOOST_TEST(bad.status == 401);
    BOOST_TEST(contains(inputTag(bad.body, "code"), "aria-invalid=\"true\""));
    auto in = c.post("/login/mfa", {{"csrf_token", csrfOf(bad.body)}, {"code", codes.at(0)}});
    BOOST_TEST_REQUIRE(in.status == 303);
    BOOST_TEST(in.header("location") == "/welcome");  // a patient without consent yet
    BOOST_TEST(setCookieFor(in, "__Host-session").has_value());
    BOOST_TEST(setCookieFor(in, "__Host-mfa").value().deletes());
    BOOST_TEST(c.get("/account").status == 200);

    // A recovery code works once.
    Browser d;
    auto again = signIn(d, email);
    BOOST_TEST_REQUIRE(again.status == 303);
    auto reused = d.post("/login/mfa", {{"csrf_token", tokenFrom(d, "/login/mfa")}, {"code", codes.at(0)}});
    BOOST_TEST(reused.status == 401);

    // Off again, with the password.
    const std::string accountToken = tokenFrom(c, "/account");
    auto refused = c.post("/account/mfa/disable", {{"csrf_token", accountToken}, {"password", kOtherPassword}});
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(contains(refused.body, "<p class=\"field-error\" id=\"mfa_password-error\">"));
    BOOST_TEST(contains(refused.body, "<a href=\"#mfa_password\">The password is not correct.</a>"));
    auto off = c.post("/account/mfa/disable", {{"csrf_token", accountToken}, {"password", kPassword}});
    BOOST_TEST_REQUIRE(off.status == 303);
    BOOST_TEST(off.header("location") == "/account?saved=mfa");
    BOOST_TEST(contains(c.follow(off).body, "Two-step sign-in is off."));
}

BOOST_AUTO_TEST_CASE(the_sign_in_code_page_needs_a_pending_sign_in) {
    Browser b;
    auto r = b.get("/login/mfa");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == "/login");
    b.setCookie("__Host-mfa", "forged.token.value");
    r = b.get("/login/mfa");
    BOOST_TEST(r.status == 303);
    r = b.get("/login/enroll");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == "/login");
}

BOOST_AUTO_TEST_CASE(a_doctor_waits_for_an_administrator_then_sets_up_two_step_sign_in) {
    Browser doctor;
    const std::string doctorEmail = uniqueEmail("dr.elizabeth");
    auto reg = registerAs(doctor, "doctor", "Elizabeth Blackwell", doctorEmail);
    BOOST_TEST_REQUIRE(reg.status == 303);
    // Registering asks for the mailed link first (confirmed by staff here: see registerAs).
    BOOST_TEST(reg.header("location") == "/register/check-email");
    BOOST_TEST(!setCookieFor(reg, "__Host-session").has_value());
    BOOST_TEST(contains(doctor.follow(reg).body, "Check your email"));
    BOOST_TEST(contains(doctor.get("/register/pending").body, "An administrator at the practice checks"));

    auto waiting = signIn(doctor, doctorEmail);
    BOOST_TEST(waiting.status == 403);
    BOOST_TEST(contains(waiting.body, "waiting for an administrator"));

    // The administrator, made by the CLI, must set up two-step sign-in at the first sign-in.
    const std::string adminEmail = uniqueEmail("admin");
    createUserWithCli("admin", "Ada Administrator", adminEmail);
    Browser admin;
    auto first = signIn(admin, adminEmail);
    BOOST_TEST_REQUIRE(first.status == 303);
    BOOST_TEST(first.header("location") == "/login/enroll");
    BOOST_TEST(setCookieFor(first, "__Host-mfa").has_value());
    BOOST_TEST(!setCookieFor(first, "__Host-session").has_value());
    BOOST_TEST(admin.get("/admin").status == 303);  // no session yet

    auto setup = admin.follow(first);
    BOOST_TEST_REQUIRE(setup.status == 200);
    const std::string key = setupKeyOf(setup.body);
    BOOST_TEST_REQUIRE(!key.empty());
    BOOST_TEST(qrCodesTheShownLink(setup.body));
    // A reload (or coming back within the sign-in's five minutes) shows the same key and QR code.
    auto reload = admin.get("/login/enroll");
    BOOST_TEST_REQUIRE(reload.status == 200);
    BOOST_TEST(setupKeyOf(reload.body) == key);
    BOOST_TEST(qrSvgOf(reload.body) == qrSvgOf(setup.body));
    auto wrong = admin.post("/login/enroll", {{"csrf_token", csrfOf(setup.body)}, {"code", "abc"}});
    BOOST_TEST(wrong.status == 422);
    BOOST_TEST(setupKeyOf(wrong.body) == key);
    BOOST_TEST(contains(wrong.body, "name=\"new_key\""));
    auto enrolled = admin.post("/login/enroll", {{"csrf_token", csrfOf(setup.body)}, {"code", totpFor(key)}});
    BOOST_TEST_REQUIRE(enrolled.status == 200);  // the codes are on this page, never behind a redirect
    const auto adminCodes = recoveryCodesOf(enrolled.body);
    BOOST_TEST(adminCodes.size() == 10u);
    BOOST_TEST(setCookieFor(enrolled, "__Host-session").has_value());
    BOOST_TEST(setCookieFor(enrolled, "__Host-mfa").value().deletes());
    BOOST_TEST(contains(enrolled.body, "action=\"/logout\""));  // shown signed in already

    auto list = admin.get("/admin");
    BOOST_TEST_REQUIRE(list.status == 200);
    BOOST_TEST(contains(list.body, "Elizabeth Blackwell"));
    BOOST_TEST(contains(list.body, doctorEmail));
    const std::string marker = "Elizabeth Blackwell</th>";
    const std::string row = list.body.substr(list.body.find(marker));
    const std::string action = between(row, "action=\"", "\"");
    BOOST_TEST_REQUIRE(action.rfind("/admin/doctors/", 0) == 0);
    const std::string token = csrfOf(list.body);

    BOOST_TEST(admin.post("/admin/doctors/999999999/approve", {{"csrf_token", token}}).status == 404);
    BOOST_TEST(admin.post("/admin/doctors/abc/approve", {{"csrf_token", token}}).status == 404);
    auto approved = admin.post(action, {{"csrf_token", token}});
    BOOST_TEST_REQUIRE(approved.status == 303);
    BOOST_TEST(approved.header("location") == "/admin?approved=1");
    auto after = admin.follow(approved);
    BOOST_TEST(contains(after.body, "The doctor's account is approved."));
    BOOST_TEST(!contains(after.body, doctorEmail));
    BOOST_TEST(admin.post(action, {{"csrf_token", token}}).status == 404);  // only once

    // Approved: the doctor's first sign-in leads to the set-up as well.
    Browser doctor2;
    auto in = signIn(doctor2, doctorEmail);
    BOOST_TEST(in.status == 303);
    BOOST_TEST(in.header("location") == "/login/enroll");
    // The account page does not offer to turn it off for a doctor-like role.
    auto adminAccount = admin.get("/account");
    BOOST_TEST(contains(adminAccount.body, "must keep two-step sign-in on"));
    BOOST_TEST(!contains(adminAccount.body, "action=\"/account/mfa/disable\""));
    // It speaks to an administrator (issue 22): the way to the administration pages, and no
    // patient's words.
    BOOST_TEST(contains(adminAccount.body, "is on <a href=\"/admin\">Administration</a>"));
    BOOST_TEST(!contains(adminAccount.body, "about an appointment"));
    BOOST_TEST(!contains(adminAccount.body, "please contact the practice"));

    // Each lands on their own work after signing in (issue 22): the administrator on the
    // administration pages, the doctor on the schedule.
    BOOST_TEST(admin.get("/login").header("location") == "/admin");
    Browser adminAgain;
    auto adminIn = signIn(adminAgain, adminEmail);
    BOOST_TEST_REQUIRE(adminIn.header("location") == "/login/mfa");
    auto adminCode = adminAgain.post("/login/mfa", {{"csrf_token", tokenFrom(adminAgain, "/login/mfa")}, {"code", adminCodes.at(0)}});
    BOOST_TEST_REQUIRE(adminCode.status == 303);
    BOOST_TEST(adminCode.header("location") == "/admin");

    auto doctorSetup = doctor2.get("/login/enroll");
    BOOST_TEST_REQUIRE(doctorSetup.status == 200);
    auto doctorEnrolled = doctor2.post("/login/enroll", {{"csrf_token", csrfOf(doctorSetup.body)},
                                                         {"code", totpFor(setupKeyOf(doctorSetup.body))}});
    BOOST_TEST_REQUIRE(doctorEnrolled.status == 200);
    const auto doctorCodes = recoveryCodesOf(doctorEnrolled.body);
    BOOST_TEST_REQUIRE(doctorCodes.size() == 10u);
    BOOST_TEST(doctor2.get("/login").header("location") == "/doctor/schedule");
    BOOST_TEST(doctor2.get("/welcome").header("location") == "/doctor/schedule");
    Browser doctor3;
    auto doctorIn = signIn(doctor3, doctorEmail);
    BOOST_TEST_REQUIRE(doctorIn.header("location") == "/login/mfa");
    auto doctorCode = doctor3.post("/login/mfa", {{"csrf_token", tokenFrom(doctor3, "/login/mfa")}, {"code", doctorCodes.at(0)}});
    BOOST_TEST_REQUIRE(doctorCode.status == 303);
    BOOST_TEST(doctorCode.header("location") == "/doctor/schedule");
    auto doctorAccount = doctor3.get("/account");
    BOOST_TEST(contains(doctorAccount.body, "are on <a href=\"/doctor/schedule\">My schedule</a>"));
    BOOST_TEST(contains(doctorAccount.body, "So colleagues at the practice can reach you."));
    BOOST_TEST(!contains(doctorAccount.body, "about an appointment"));
    // The home page offers staff their own work, not a booking they cannot make.
    auto doctorHome = doctor3.get("/");
    BOOST_TEST(contains(doctorHome.body, "<a class=\"button\" href=\"/doctor/schedule\">Go to my schedule</a>"));
    BOOST_TEST(!contains(doctorHome.body, "Book a visit"));
    auto adminHome = admin.get("/");
    BOOST_TEST(contains(adminHome.body, "<a class=\"button\" href=\"/admin\">Go to the administration pages</a>"));
    BOOST_TEST(!contains(adminHome.body, "Book a visit"));
}

BOOST_AUTO_TEST_SUITE_END()
