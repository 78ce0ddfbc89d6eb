// Caregiver links and the patient's access log, through nginx as a browser and an API
// client use them: invitation (with its mail at a real SMTP server), acceptance, acting
// for a patient, revocation, and ids that are not the visitor's answering exactly like
// missing ones.
#include <chrono>
#include <regex>
#include <thread>

#include <Poco/JSON/Array.h>
#include <boost/test/unit_test.hpp>

#include "../account_pages/browser.hpp"
#include "../accounts/api_client.hpp"
#include "commands.hpp"
#include "security/totp.hpp"
#include "smtp_server.hpp"

using namespace medassist::testing;

namespace {

const std::string kPassword = kGoodPassword;

struct Person {
    ApiClient api;       // bearer
    std::int64_t id = 0;
    std::string email, name, token;
};

std::string json(std::initializer_list<std::pair<const char*, Poco::Dynamic::Var>> fields) {
    Poco::JSON::Object o;
    for (const auto& [k, v] : fields) o.set(k, v);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

Person registerPerson(const std::string& role, const std::string& name, const std::string& email) {
    Person p;
    p.email = email;
    p.name = name;
    const std::string path = role == "patient" ? "/auth/register" : "/auth/register/" + role;
    auto body = registerConfirmed(p.api, path, registerBody(name, email), email);
    p.token = jsonString(body, "token");
    p.api.bearer = p.token;
    p.id = body->getObject(role)->getValue<Poco::Int64>(role + "_id");
    if (role == "patient") agreeToConsent(p.api);
    return p;
}

Person newPatientPerson(const std::string& name) { return registerPerson("patient", name, uniqueEmail("patient")); }

// A browser signed in with the person's session (the token is the cookie's value too).
Browser browserOf(const Person& p) {
    Browser b;
    b.setCookie("__Host-session", p.token);
    return b;
}

std::int64_t inviteByApi(const Person& patient, const std::string& email, bool notes = false) {
    auto r = patient.api.call("POST", "/api/caregivers", json({{"email", email}, {"can_read_notes", notes}}));
    BOOST_TEST_REQUIRE(r.status == 201, "invite: " << r.status << " " << r.body);
    return parseJson(r.body)->getValue<Poco::Int64>("id");
}

// The JSON error body without its request id, which differs on every response.
std::string errorShape(const HttpResult& r) {
    auto body = parseJson(r.body);
    body->remove("request_id");
    std::ostringstream out;
    body->stringify(out);
    return out.str();
}

// The mails that reached one address (another test's mail may arrive late).
std::vector<ParsedMail> mailsTo(const SmtpServer& smtp, const std::string& to, std::size_t atLeast) {
    std::vector<ParsedMail> mine;
    // Long enough for mails queued before this test (every registration mails; they retry) to go first.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    do {
        mine.clear();
        for (const auto& raw : smtp.messages())
            if (auto m = parseMail(raw); m.to == to) mine.push_back(m);
        if (mine.size() >= atLeast) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (std::chrono::steady_clock::now() < deadline);
    return mine;
}

// The token of the invitation link in a mail.
std::string invitationToken(const ParsedMail& mail) {
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_search(mail.body, m, std::regex(R"(/account/invitation\?token=([A-Za-z0-9_-]{43}))")),
                       "no invitation link in: " << mail.body);
    return m[1].str();
}

// Invites through the API with the test SMTP server listening; the link id and the token of
// the link the invitee was mailed (issue 16: only that link answers an invitation).
struct Invited {
    std::int64_t linkId = 0;
    std::string token;
};
Invited inviteWithLink(const Person& patient, const std::string& email, bool notes = false) {
    SmtpServer smtp(SmtpServer::testPort());
    Invited out;
    out.linkId = inviteByApi(patient, email, notes);
    auto mails = mailsTo(smtp, email, 1);
    BOOST_TEST_REQUIRE(mails.size() == 1u);
    out.token = invitationToken(mails[0]);
    return out;
}

std::string tokenBody(const std::string& token) { return R"({"token":")" + token + R"("})"; }

Poco::JSON::Array::Ptr arrayOf(const HttpResult& r, const std::string& key) {
    BOOST_TEST_REQUIRE(r.status == 200, r.status << " " << r.body);
    auto a = parseJson(r.body)->getArray(key);
    BOOST_TEST_REQUIRE(a);
    return a;
}

// A doctor or an administrator with a session: made by medassist-admin, then the
// two-step sign-in set up at the first sign-in, as those roles must.
Browser staffBrowser(const std::string& role, const std::string& name) {
    const std::string email = uniqueEmail(role);
    std::string args = "create-user --role ";
    args += role;
    args += " --email '";
    args += email;
    args += "' --name '";
    args += name;
    args += "'";
    auto made = adminCommand(args, kPassword);
    BOOST_TEST_REQUIRE(made.exitCode == 0, "create-user: " << made.output);

    Browser b;
    auto form = b.get("/login");
    BOOST_TEST_REQUIRE(form.status == 200);
    auto first = b.post("/login", {{"csrf_token", csrfOf(form.body)}, {"email", email}, {"password", kPassword}});
    BOOST_TEST_REQUIRE(first.status == 303);
    BOOST_TEST_REQUIRE(first.header("location") == "/login/enroll");
    auto setup = b.follow(first);
    BOOST_TEST_REQUIRE(setup.status == 200);
    std::string key;
    for (char c : htmlUnescape(between(setup.body, "<p class=\"setup-key\"><code>", "</code>")))
        if (c != ' ') key += c;
    auto raw = medassist::security::base32Decode(key);
    BOOST_TEST_REQUIRE(raw.has_value());
    const std::string code = medassist::security::totpCode(*raw, static_cast<std::int64_t>(std::time(nullptr)));
    auto enrolled = b.post("/login/enroll", {{"csrf_token", csrfOf(setup.body)}, {"code", code}});
    BOOST_TEST_REQUIRE(enrolled.status == 200);
    BOOST_TEST_REQUIRE(b.cookie("__Host-session").has_value());
    return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(caregivers)

BOOST_AUTO_TEST_CASE(invite_accept_act_and_revoke_through_the_api) {
    SmtpServer smtp(SmtpServer::testPort());
    Person patient = registerPerson("patient", "Paula Lindqvist", uniqueEmail("paula"));
    const std::string caregiverEmail = uniqueEmail("carl");

    // The invitation, with the address typed loosely: it is kept normalised.
    std::string typed = "  ";
    for (char c : caregiverEmail) typed += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto invited = patient.api.call("POST", "/api/caregivers", json({{"email", typed}, {"can_read_notes", false}}));
    BOOST_TEST_REQUIRE(invited.status == 201, invited.body);
    auto link = parseJson(invited.body);
    const auto linkId = link->getValue<Poco::Int64>("id");
    BOOST_TEST(jsonString(link, "email") == caregiverEmail);
    BOOST_TEST(jsonString(link, "status") == "invited");
    BOOST_TEST(link->getValue<bool>("can_read_notes") == false);
    BOOST_TEST(link->isNull("caregiver_name"));

    // The mail carries a single-use link, and nothing about the patient or their health.
    auto mails = mailsTo(smtp, caregiverEmail, 1);
    BOOST_TEST_REQUIRE(mails.size() == 1u);
    BOOST_TEST(mails[0].subject == "You have been invited as a caregiver");
    BOOST_TEST(contains(mails[0].body, "has invited you to help manage their appointments"));
    const std::string token = invitationToken(mails[0]);
    for (const std::string& secret : {std::string("Paula"), std::string("Lindqvist"), patient.email,
                                     std::string("note"), std::string("diagnos"), std::string("doctor")})
        BOOST_TEST(!contains(mails[0].body + mails[0].subject, secret), "the mail mentions " << secret);

    // The same address again, and the patient's own address, are refused next to the field.
    auto again = patient.api.call("POST", "/api/caregivers", json({{"email", caregiverEmail}}));
    BOOST_TEST(again.status == 422);
    BOOST_TEST(contains(again.body, "\"field\":\"email\""));
    BOOST_TEST(contains(again.body, "already invited"));
    auto self = patient.api.call("POST", "/api/caregivers", json({{"email", patient.email}}));
    BOOST_TEST(self.status == 422);
    BOOST_TEST(contains(self.body, "cannot invite yourself"));

    // The caregiver registers and finds the invitation only through the link: nothing is
    // listed for their address.
    Person carer = registerPerson("caregiver", "Carl Berg", caregiverEmail);
    auto seen = carer.api.call("GET", "/api/caregivers");
    BOOST_TEST(!parseJson(seen.body)->has("invitations"));
    BOOST_TEST(arrayOf(seen, "patients")->size() == 0u);
    auto lookup = carer.api.call("POST", "/api/caregiver-invitations/lookup", tokenBody(token));
    BOOST_TEST_REQUIRE(lookup.status == 200, lookup.body);
    auto inv = parseJson(lookup.body);
    BOOST_TEST(inv->getValue<Poco::Int64>("id") == linkId);
    BOOST_TEST(jsonString(inv, "patient_name") == "Paula Lindqvist");
    // Who invites, in a form an impostor cannot copy: the confirmed address, masked, and since when.
    BOOST_TEST(jsonString(inv, "patient_email") == patient.email.substr(0, 2) + "***@e***.org");
    BOOST_TEST(jsonString(inv, "patient_since").size() == 10u);

    // Not accepted yet: no access.
    const std::string patientPath = "/api/caregivers/patients/" + std::to_string(patient.id);
    BOOST_TEST(carer.api.call("GET", patientPath).status == 404);

    auto accepted = carer.api.call("POST", "/api/caregiver-invitations/accept", tokenBody(token));
    BOOST_TEST(accepted.status == 204);
    BOOST_TEST(carer.api.call("POST", "/api/caregiver-invitations/accept", tokenBody(token)).status == 404);

    auto mine = arrayOf(patient.api.call("GET", "/api/caregivers"), "caregivers");
    BOOST_TEST_REQUIRE(mine->size() == 1u);
    BOOST_TEST(mine->getObject(0)->getValue<std::string>("status") == "active");
    BOOST_TEST(mine->getObject(0)->getValue<std::string>("caregiver_name") == "Carl Berg");
    BOOST_TEST(mine->getObject(0)->getValue<std::string>("email") == caregiverEmail);

    auto helped = arrayOf(carer.api.call("GET", "/api/caregivers"), "patients");
    BOOST_TEST_REQUIRE(helped->size() == 1u);
    BOOST_TEST(helped->getObject(0)->getValue<Poco::Int64>("patient_id") == patient.id);
    BOOST_TEST(helped->getObject(0)->getValue<std::string>("name") == "Paula Lindqvist");
    BOOST_TEST(!helped->getObject(0)->has("email"));

    // The caregiver acts for the patient: a read of the patient's details, recorded.
    Person stranger = newPatientPerson("Sam Stranger");
    BOOST_TEST(arrayOf(patient.api.call("GET", "/api/me/access-log"), "entries")->size() == 0u);
    auto read = carer.api.call("GET", patientPath);
    BOOST_TEST_REQUIRE(read.status == 200, read.body);
    BOOST_TEST(jsonString(parseJson(read.body), "name") == "Paula Lindqvist");
    BOOST_TEST(parseJson(read.body)->getValue<bool>("can_read_notes") == false);
    // A patient who did not link this caregiver is a missing patient, as is the caregiver's own id.
    auto strangerRead = carer.api.call("GET", "/api/caregivers/patients/" + std::to_string(stranger.id));
    auto missingRead = carer.api.call("GET", "/api/caregivers/patients/999999999999");
    BOOST_TEST(strangerRead.status == 404);
    BOOST_TEST(errorShape(strangerRead) == errorShape(missingRead));
    BOOST_TEST(carer.api.call("GET", "/api/caregivers/patients/" + std::to_string(carer.id)).status == 404);

    auto log = arrayOf(patient.api.call("GET", "/api/me/access-log"), "entries");
    BOOST_TEST_REQUIRE(log->size() == 1u);
    auto entry = log->getObject(0);
    BOOST_TEST(entry->getValue<std::string>("actor_name") == "Carl Berg");
    BOOST_TEST(entry->getValue<std::string>("actor_role") == "caregiver");
    BOOST_TEST(entry->getValue<std::string>("action") == "read");
    BOOST_TEST(entry->getValue<std::string>("data_kind") == "profile");
    BOOST_TEST(entry->getValue<std::string>("at").size() == 20u);  // 2025-01-31T09:30:00Z
    BOOST_TEST(arrayOf(stranger.api.call("GET", "/api/me/access-log"), "entries")->size() == 0u);
    // Only patients have an access log; the caregiver cannot read one.
    BOOST_TEST(carer.api.call("GET", "/api/me/access-log").status == 403);

    // The patient revokes: the caregiver's access ends at once, and the link id is gone for them.
    auto revoked = patient.api.call("DELETE", "/api/caregivers/" + std::to_string(linkId));
    BOOST_TEST(revoked.status == 204);
    BOOST_TEST(patient.api.call("DELETE", "/api/caregivers/" + std::to_string(linkId)).status == 404);
    auto after = carer.api.call("GET", patientPath);
    BOOST_TEST(after.status == 404);
    BOOST_TEST(errorShape(after) == errorShape(missingRead));
    BOOST_TEST(carer.api.call("POST", "/api/caregiver-invitations/accept", tokenBody(token)).status == 404);
    BOOST_TEST(arrayOf(carer.api.call("GET", "/api/caregivers"), "patients")->size() == 0u);
    mine = arrayOf(patient.api.call("GET", "/api/caregivers"), "caregivers");
    BOOST_TEST(mine->getObject(0)->getValue<std::string>("status") == "revoked");
    // Revoking recorded nothing in the log: it was the patient's own act.
    BOOST_TEST(arrayOf(patient.api.call("GET", "/api/me/access-log"), "entries")->size() == 1u);
    // Revoked, the address may be invited again.
    BOOST_TEST(patient.api.call("POST", "/api/caregivers", json({{"email", caregiverEmail}})).status == 201);
}

BOOST_AUTO_TEST_CASE(another_patients_link_ids_answer_exactly_like_missing_ones) {
    Person owner = newPatientPerson("Olga Owner");
    Person other = newPatientPerson("Otto Other");
    const std::string carerEmail = uniqueEmail("helper");
    const auto invited = inviteWithLink(owner, carerEmail);
    const auto linkId = invited.linkId;
    Person outsider = registerPerson("caregiver", "Ivan Outsider", uniqueEmail("outsider"));
    const std::string missing = "999999999999";
    const std::string mineId = std::to_string(linkId);

    // JSON: another patient revoking; a caregiver without the link answering it (an id is no
    // way in, and a made-up token answers exactly like a used one).
    auto theirs = other.api.call("DELETE", "/api/caregivers/" + mineId);
    auto none = other.api.call("DELETE", "/api/caregivers/" + missing);
    BOOST_TEST(theirs.status == 404);
    BOOST_TEST(none.status == 404);
    BOOST_TEST(errorShape(theirs) == errorShape(none));
    BOOST_TEST(errorShape(other.api.call("DELETE", "/api/caregivers/abc")) == errorShape(none));
    BOOST_TEST(outsider.api.call("POST", "/api/caregivers/" + mineId + "/accept").status == 404);
    const std::string guessed = invited.token.substr(0, 42) + (invited.token.back() == 'A' ? "B" : "A");
    auto acceptGuess = outsider.api.call("POST", "/api/caregiver-invitations/accept", tokenBody(guessed));
    auto acceptNone = outsider.api.call("POST", "/api/caregiver-invitations/accept", tokenBody("nothing"));
    BOOST_TEST(acceptGuess.status == 404);
    BOOST_TEST(errorShape(acceptGuess) == errorShape(acceptNone));
    BOOST_TEST(outsider.api.call("POST", "/api/caregiver-invitations/lookup", tokenBody(guessed)).status == 404);
    auto declineGuess = outsider.api.call("POST", "/api/caregiver-invitations/decline", tokenBody(guessed));
    BOOST_TEST(declineGuess.status == 404);
    BOOST_TEST(errorShape(declineGuess) == errorShape(acceptNone));
    // A patient cannot answer an invitation at all.
    BOOST_TEST(other.api.call("POST", "/api/caregiver-invitations/accept", tokenBody(invited.token)).status == 403);

    // Pages: the same 404 page for someone else's link and a missing one.
    Browser otherPage = browserOf(other);
    const std::string token = csrfOf(otherPage.get("/account/caregivers").body);
    BOOST_TEST_REQUIRE(!token.empty());
    for (const std::string& action : {std::string("revoke"), std::string("notes")}) {
        auto a = otherPage.post("/account/caregivers/" + mineId + "/" + action,
                                {{"csrf_token", token}, {"can_read_notes", "1"}});
        auto b = otherPage.post("/account/caregivers/" + missing + "/" + action,
                                {{"csrf_token", token}, {"can_read_notes", "1"}});
        BOOST_TEST(a.status == 404);
        BOOST_TEST(b.status == 404);
        BOOST_TEST(titleOf(a.body) == titleOf(b.body));
    }
    Browser outsiderPage = browserOf(outsider);
    const std::string outsiderToken = csrfOf(outsiderPage.get("/account/caregivers").body);
    auto guessPage = outsiderPage.post("/account/invitation",
                                       {{"csrf_token", outsiderToken}, {"token", guessed}, {"decision", "accept"}});
    BOOST_TEST(guessPage.status == 404);
    BOOST_TEST(contains(guessPage.body, "This invitation link does not work"));
    BOOST_TEST(outsiderPage.get("/account/invitation?token=" + guessed).status == 404);
    // Others' lists never show the link.
    BOOST_TEST(arrayOf(other.api.call("GET", "/api/caregivers"), "caregivers")->size() == 0u);

    // Nothing of that touched the owner's link.
    auto links = arrayOf(owner.api.call("GET", "/api/caregivers"), "caregivers");
    BOOST_TEST_REQUIRE(links->size() == 1u);
    BOOST_TEST(links->getObject(0)->getValue<std::string>("status") == "invited");
    BOOST_TEST(links->getObject(0)->getValue<bool>("can_read_notes") == false);
}

BOOST_AUTO_TEST_CASE(invitations_are_validated_and_limited_to_five_open_links) {
    Person patient = newPatientPerson("Lena Limit");
    auto bad = patient.api.call("POST", "/api/caregivers", json({{"email", "not-an-address"}}));
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(contains(bad.body, "\"field\":\"email\""));
    auto strict = patient.api.call("POST", "/api/caregivers",
                                   json({{"email", uniqueEmail("x")}, {"can_read_notes", "yes"}, {"role", "admin"}}));
    BOOST_TEST(strict.status == 422);
    BOOST_TEST(contains(strict.body, "\"field\":\"can_read_notes\""));
    BOOST_TEST(contains(strict.body, "\"field\":\"role\""));
    BOOST_TEST(patient.api.call("POST", "/api/caregivers", json({{"can_read_notes", true}})).status == 422);

    std::vector<std::int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(inviteByApi(patient, uniqueEmail("helper" + std::to_string(i))));
    auto sixth = patient.api.call("POST", "/api/caregivers", json({{"email", uniqueEmail("sixth")}}));
    BOOST_TEST(sixth.status == 422);
    BOOST_TEST(contains(sixth.body, "at most 5"));
    BOOST_TEST(patient.api.call("DELETE", "/api/caregivers/" + std::to_string(ids[0])).status == 204);
    BOOST_TEST(patient.api.call("POST", "/api/caregivers", json({{"email", uniqueEmail("sixth")}})).status == 201);
    BOOST_TEST(arrayOf(patient.api.call("GET", "/api/caregivers"), "caregivers")->size() == 6u);
}

BOOST_AUTO_TEST_CASE(the_pages_invite_accept_choose_and_revoke) {
    SmtpServer smtp(SmtpServer::testPort());
    Person patient = newPatientPerson("Petra Pages");
    Browser p = browserOf(patient);

    auto page = p.get("/account/caregivers");
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(contains(page.body, "You have not invited anyone yet."));
    BOOST_TEST(contains(page.body, "<label for=\"email\">"));
    BOOST_TEST(contains(page.body, "<legend>Visit notes</legend>"));
    BOOST_TEST(contains(page.body, "<label for=\"can_read_notes\">This person may read my visit notes</label>"));
    BOOST_TEST(!contains(inputTag(page.body, "can_read_notes"), "checked"));
    const std::string token = csrfOf(page.body);
    BOOST_TEST_REQUIRE(!token.empty());

    // An error comes back next to the field, with what was typed and ticked kept.
    auto wrong = p.post("/account/caregivers", {{"csrf_token", token}, {"email", "carer@@example"}, {"can_read_notes", "1"}});
    BOOST_TEST(wrong.status == 422);
    BOOST_TEST(titleOf(wrong.body).rfind("Error: ", 0) == 0);
    BOOST_TEST(inputValue(wrong.body, "email").value_or("") == "carer@@example");
    BOOST_TEST(contains(inputTag(wrong.body, "email"), "aria-invalid=\"true\""));
    BOOST_TEST(contains(wrong.body, "id=\"email-error\""));
    BOOST_TEST(contains(wrong.body, "href=\"#email\""));
    BOOST_TEST(contains(inputTag(wrong.body, "can_read_notes"), "checked"));
    // Without the form token: refused.
    BOOST_TEST(p.post("/account/caregivers", {{"email", uniqueEmail("x")}}).status == 403);

    const std::string carerEmail = uniqueEmail("cora");
    auto sent = p.post("/account/caregivers", {{"csrf_token", token}, {"email", carerEmail}});
    BOOST_TEST_REQUIRE(sent.status == 303);
    BOOST_TEST(sent.header("location") == "/account/caregivers?saved=invited");
    auto listed = p.follow(sent);
    BOOST_TEST(contains(listed.body, "Invitation sent."));
    BOOST_TEST(contains(listed.body, carerEmail));
    BOOST_TEST(contains(listed.body, "Invited, not yet accepted"));
    BOOST_TEST(contains(listed.body, "Cannot read visit notes"));
    auto twice = p.post("/account/caregivers", {{"csrf_token", token}, {"email", carerEmail}});
    BOOST_TEST(twice.status == 422);
    BOOST_TEST(contains(twice.body, "already invited"));

    // The caregiver opens the mailed link, signed in, sees who invites and accepts on the page.
    auto invitationMails = mailsTo(smtp, carerEmail, 1);
    BOOST_TEST_REQUIRE(invitationMails.size() == 1u);
    const std::string inviteToken = invitationToken(invitationMails[0]);
    Person carer = registerPerson("caregiver", "Cora Nilsson", carerEmail);
    Browser c = browserOf(carer);
    auto inbox = c.get("/account/caregivers");
    BOOST_TEST_REQUIRE(inbox.status == 200);
    BOOST_TEST(!contains(inbox.body, "Petra Pages"));  // nothing is listed by address
    auto invitation = c.get("/account/invitation?token=" + inviteToken);
    BOOST_TEST_REQUIRE(invitation.status == 200);
    BOOST_TEST(contains(invitation.body, "Petra Pages"));
    BOOST_TEST(!contains(invitation.body, patient.email));
    BOOST_TEST(contains(invitation.body, patient.email.substr(0, 2) + "***@"));
    const std::string carerToken = csrfOf(inbox.body);
    // A caregiver cannot invite, and has no access log.
    BOOST_TEST(c.post("/account/caregivers", {{"csrf_token", carerToken}, {"email", uniqueEmail("y")}}).status == 403);
    BOOST_TEST(c.get("/account/access-log").status == 403);
    // Signed out, the link leads to the sign-in page and back.
    Browser anonymous;
    auto toLogin = anonymous.get("/account/invitation?token=" + inviteToken);
    BOOST_TEST(toLogin.status == 303);
    BOOST_TEST(contains(toLogin.header("location"), "/login?next="));

    auto accepted = c.post("/account/invitation", {{"csrf_token", carerToken}, {"token", inviteToken}, {"decision", "accept"}});
    BOOST_TEST_REQUIRE(accepted.status == 303);
    auto helping = c.follow(accepted);
    BOOST_TEST(contains(helping.body, "Invitation accepted."));
    BOOST_TEST(contains(between(helping.body, "id=\"patients-heading\"", "</section>"), "Petra Pages"));
    BOOST_TEST(c.post("/account/invitation", {{"csrf_token", carerToken}, {"token", inviteToken}, {"decision", "accept"}})
                   .status == 404);
    const std::string linkId = std::to_string(parseJson(patient.api.call("GET", "/api/caregivers").body)
                                                  ->getArray("caregivers")->getObject(0)->getValue<Poco::Int64>("id"));

    // Choosing whom to act for: a cookie, then the local `next` only.
    auto choose = c.get("/account/acting-for?next=/appointments/new");
    BOOST_TEST_REQUIRE(choose.status == 200);
    BOOST_TEST(contains(choose.body, "<legend>Act for</legend>"));
    BOOST_TEST(inputValue(choose.body, "patient_id").value_or("") == std::to_string(patient.id));
    BOOST_TEST(inputValue(choose.body, "next").value_or("") == "/appointments/new");
    auto chosen = c.post("/account/acting-for", {{"csrf_token", carerToken},
                                                 {"patient_id", std::to_string(patient.id)},
                                                 {"next", "//evil.example/x"}});
    BOOST_TEST_REQUIRE(chosen.status == 303);
    BOOST_TEST(chosen.header("location") == "/appointments");
    auto cookie = setCookieFor(chosen, "__Host-acting");
    BOOST_TEST_REQUIRE(cookie.has_value());
    BOOST_TEST(cookie->value == std::to_string(patient.id));
    BOOST_TEST(cookie->has("secure"));
    BOOST_TEST(cookie->has("httponly"));
    BOOST_TEST(cookie->attr("samesite") == "Strict");
    BOOST_TEST(cookie->attr("path") == "/");
    auto toNext = c.post("/account/acting-for", {{"csrf_token", carerToken},
                                                 {"patient_id", std::to_string(patient.id)},
                                                 {"next", "/account/caregivers"}});
    BOOST_TEST(toNext.header("location") == "/account/caregivers");
    BOOST_TEST(contains(c.get("/account/acting-for").body, "You are acting for <strong>Petra Pages</strong>"));
    // Someone who did not link this caregiver cannot be chosen.
    Person stranger = newPatientPerson("Stina Stranger");
    auto refused = c.post("/account/acting-for", {{"csrf_token", carerToken},
                                                  {"patient_id", std::to_string(stranger.id)}});
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(contains(refused.body, "href=\"#patient_id\""));
    BOOST_TEST(!setCookieFor(refused, "__Host-acting").has_value());

    // The patient sees the caregiver by name and lets them read visit notes.
    auto mine = p.get("/account/caregivers");
    BOOST_TEST(contains(mine.body, "Cora Nilsson"));
    BOOST_TEST(contains(mine.body, "<td data-label=\"Status\">Active</td>"));
    auto shared = p.post("/account/caregivers/" + linkId + "/notes", {{"csrf_token", token}, {"can_read_notes", "1"}});
    BOOST_TEST_REQUIRE(shared.status == 303);
    BOOST_TEST(contains(p.follow(shared).body, "May read visit notes"));
    BOOST_TEST(p.post("/account/caregivers/" + linkId + "/notes", {{"csrf_token", token}, {"can_read_notes", "x"}})
                   .status == 400);

    // What the caregiver reads shows in the patient's access log page, by name.
    auto empty = p.get("/account/access-log");
    BOOST_TEST_REQUIRE(empty.status == 200);
    BOOST_TEST(contains(empty.body, "No one else has read or changed your data."));
    auto read = carer.api.call("GET", "/api/caregivers/patients/" + std::to_string(patient.id));
    BOOST_TEST_REQUIRE(read.status == 200);
    BOOST_TEST(parseJson(read.body)->getValue<bool>("can_read_notes") == true);
    auto logPage = p.get("/account/access-log");
    BOOST_TEST(contains(logPage.body, "<th scope=\"row\">Cora Nilsson</th>"));
    BOOST_TEST(contains(logPage.body, "<td data-label=\"Role\">Caregiver</td>"));
    BOOST_TEST(contains(logPage.body, "<td data-label=\"What they did\">Viewed</td>"));
    BOOST_TEST(contains(logPage.body, "<td data-label=\"Data\">Your details</td>"));
    // When, in the practice's zone and the reader's words ("2 March 2026, 09:30"), never UTC.
    BOOST_TEST(contains(logPage.body, "<time datetime=\""));
    BOOST_TEST(!contains(logPage.body, " UTC</time>"));
    BOOST_TEST(contains(browserOf(stranger).get("/account/access-log").body,
                        "No one else has read or changed your data."));

    // The patient revokes; the caregiver can no longer choose them.
    auto revoked = p.post("/account/caregivers/" + linkId + "/revoke", {{"csrf_token", token}});
    BOOST_TEST_REQUIRE(revoked.status == 303);
    auto afterRevoke = p.follow(revoked);
    BOOST_TEST(contains(afterRevoke.body, "Access revoked."));
    BOOST_TEST(contains(afterRevoke.body, "<td data-label=\"Status\">Revoked</td>"));
    BOOST_TEST(!contains(afterRevoke.body, "/account/caregivers/" + linkId + "/revoke"));
    BOOST_TEST(p.post("/account/caregivers/" + linkId + "/revoke", {{"csrf_token", token}}).status == 404);
    auto late = c.post("/account/acting-for", {{"csrf_token", carerToken}, {"patient_id", std::to_string(patient.id)}});
    BOOST_TEST(late.status == 422);
    BOOST_TEST(!contains(c.get("/account/acting-for").body, "You are acting for"));
}

BOOST_AUTO_TEST_CASE(a_caregiver_can_decline_an_invitation) {
    Person patient = newPatientPerson("Dora Decline");
    const std::string email = uniqueEmail("declining");
    const auto invited = inviteWithLink(patient, email);
    Person carer = registerPerson("caregiver", "Dan Decliner", email);
    Browser c = browserOf(carer);
    const std::string token = csrfOf(c.get("/account/caregivers").body);
    auto declined = c.post("/account/invitation", {{"csrf_token", token}, {"token", invited.token}, {"decision", "decline"}});
    BOOST_TEST_REQUIRE(declined.status == 303);
    BOOST_TEST(contains(c.follow(declined).body, "Invitation declined."));
    BOOST_TEST(carer.api.call("POST", "/api/caregiver-invitations/accept", tokenBody(invited.token)).status == 404);
    auto links = arrayOf(patient.api.call("GET", "/api/caregivers"), "caregivers");
    BOOST_TEST(links->getObject(0)->getValue<std::string>("status") == "declined");
}

BOOST_AUTO_TEST_CASE(doctors_and_admins_cannot_use_the_patient_or_caregiver_pages) {
    for (const std::string& role : {std::string("doctor"), std::string("admin")}) {
        BOOST_TEST_CONTEXT(role) {
            Browser b = staffBrowser(role, role == "doctor" ? "Dr Hanna Holm" : "Ada Admin");
            const std::string token = csrfOf(b.get("/account").body);
            BOOST_TEST_REQUIRE(!token.empty());
            BOOST_TEST(b.get("/account/caregivers").status == 403);
            BOOST_TEST(b.get("/account/access-log").status == 403);
            BOOST_TEST(b.get("/account/acting-for").status == 403);
            BOOST_TEST(b.post("/account/caregivers", {{"csrf_token", token}, {"email", uniqueEmail("z")}}).status ==
                       403);
            BOOST_TEST(b.post("/account/caregivers/1/revoke", {{"csrf_token", token}}).status == 403);
            BOOST_TEST(b.get("/api/caregivers", {{"Accept", "application/json"}}).status == 403);
        }
    }
    // And a patient has nobody to act for.
    Person patient = newPatientPerson("Pia Plain");
    BOOST_TEST(browserOf(patient).get("/account/acting-for").status == 403);
}

// An invitation is written in the invitee's language: their account's when the address has one,
// else the language of the page the patient invited from.
BOOST_AUTO_TEST_CASE(an_invitation_is_in_the_invitees_language) {
    Person patient = newPatientPerson("Natalia Ginzburg");
    SmtpServer smtp(SmtpServer::testPort());
    const std::map<std::string, std::string> italianPage{{"Accept-Language", "it-IT,it;q=0.9"}};
    // The patient reads Italian: chosen with the switcher, saved on the account (which comes
    // before Accept-Language, issue 17).
    ApiClient browser = patient.api;
    browser.bearer.clear();
    browser.cookie = "__Host-session=" + patient.api.bearer;
    BOOST_TEST_REQUIRE(browser.call("GET", "/language?to=it&next=/").status == 303);

    const std::string stranger = uniqueEmail("nessuno");  // no account
    auto r = patient.api.call("POST", "/api/caregivers", json({{"email", stranger}, {"can_read_notes", false}}),
                              italianPage);
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
    auto mails = mailsTo(smtp, stranger, 1);
    BOOST_TEST_REQUIRE(mails.size() == 1u);
    BOOST_TEST(mails[0].subject == "Ha ricevuto un invito come caregiver");
    BOOST_TEST(contains(mails[0].body, "Buongiorno,"));
    invitationToken(mails[0]);  // the link is there, whatever the language

    // A caregiver who registered in English keeps English, whatever the inviter reads.
    Person helper = registerPerson("caregiver", "Cesare Pavese", uniqueEmail("cesare"));
    r = patient.api.call("POST", "/api/caregivers", json({{"email", helper.email}, {"can_read_notes", false}}),
                         italianPage);
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
    // The helper's own confirmation mail may reach the server too: wait for the invitation.
    std::vector<ParsedMail> invitations;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (invitations.empty() && std::chrono::steady_clock::now() < deadline) {
        for (const auto& raw : smtp.messages())
            if (auto m = parseMail(raw); m.to == helper.email && contains(m.body, "/account/invitation?token="))
                invitations.push_back(m);
        if (invitations.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_TEST_REQUIRE(invitations.size() == 1u);
    BOOST_TEST(invitations[0].subject == "You have been invited as a caregiver");
    BOOST_TEST(contains(invitations[0].body, "Hello,"));
}

BOOST_AUTO_TEST_SUITE_END()
