// Issue 16: accounts you can trust. Each attack the penetration test reproduced, step by
// step through the API, now fails: the pre-registration takeover, the invitee who is not
// registered yet, the registration oracle (same bytes, similar time, a mail to the owner),
// a never-proved account kept after its owner's reset, and names that hide their direction.
#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <boost/test/unit_test.hpp>

#include "api_client.hpp"
#include "app_db.hpp"
#include "smtp_server.hpp"

using namespace medassist::testing;

namespace {

std::vector<ParsedMail> mailsTo(const SmtpServer& smtp, const std::string& to, std::size_t atLeast,
                                const std::string& subject) {
    std::vector<ParsedMail> mine;
    // Long enough for mails queued before this test (every registration mails; they retry) to go first.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    do {
        mine.clear();
        for (const auto& raw : smtp.messages())
            if (auto m = parseMail(raw); m.to == to && m.subject == subject) mine.push_back(m);
        if (mine.size() >= atLeast) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (std::chrono::steady_clock::now() < deadline);
    return mine;
}

std::string linkToken(const ParsedMail& mail, const std::string& path) {
    std::smatch m;
    const std::regex re(path + R"(\?token=([A-Za-z0-9_-]{43}))");
    BOOST_TEST_REQUIRE(std::regex_search(mail.body, m, re), "no " << path << " link in: " << mail.body);
    return m[1].str();
}

medassist::storage::ConnectionPool& db() {
    static auto pool = appPool(2);
    return *pool;
}

void exec(const std::string& q, const std::vector<std::string>& args = {}) {
    db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(q));
        for (std::size_t i = 0; i < args.size(); ++i) st->setString(static_cast<int>(i + 1), args[i]);
        st->executeUpdate();
        return 0;
    });
}

std::string scalar(const std::string& q, const std::vector<std::string>& args = {}) {
    return db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(q));
        for (std::size_t i = 0; i < args.size(); ++i) st->setString(static_cast<int>(i + 1), args[i]);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        return rs->next() ? std::string(rs->getString(1)) : std::string();
    });
}

std::int64_t meId(ApiClient& c) {
    auto me = c.call("GET", "/auth/me");
    BOOST_TEST_REQUIRE(me.status == 200);
    auto body = parseJson(me.body);
    const std::string role = jsonString(body, "role");
    return body->getObject(role)->getValue<std::int64_t>(role + "_id");
}

// Headers a client could compare, without the ones that differ on every answer anyway.
std::string comparableHeaders(const HttpResult& r) {
    std::string out;
    for (const auto& [name, value] : r.headers) {
        if (name == "x-request-id" || name == "date") continue;
        out += name + ": " + value + "\n";
    }
    return out;
}

std::string resetBody(const std::string& token, const std::string& password) {
    return R"({"token":")" + token + R"(","password":")" + password + R"(","confirm_password":")" + password + R"("})";
}

const std::string kAttackerPassword = "mallory orchard violet 77 tide";
const std::string kVictimPassword = "orchid lantern harbour 31 quay";

}  // namespace

BOOST_AUTO_TEST_SUITE(trust)

BOOST_AUTO_TEST_CASE(an_invitation_to_an_unregistered_address_is_no_way_in) {
    SmtpServer smtp(SmtpServer::testPort());
    auto patient = newPatient(uniqueEmail("inviter"), "Paola Assistita");
    const std::string invitee = uniqueEmail("not.yet.registered");
    BOOST_TEST_REQUIRE(patient.call("POST", "/api/caregivers", R"({"email":")" + invitee + R"(","can_read_notes":true})")
                           .status == 201);
    // Whoever registers that address first cannot sign in without its mailbox...
    ApiClient squatter;
    BOOST_TEST(squatter.call("POST", "/auth/register/caregiver", registerBody("Carla Curatrice", invitee, kAttackerPassword))
                   .status == 202);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(invitee, kAttackerPassword)).status == 403);
    // ...and a confirmed caregiver account of their own finds no invitation without the link.
    const std::string own = uniqueEmail("squatter");
    registerConfirmed(squatter, "/auth/register/caregiver", registerBody("Carla Curatrice", own), own);
    auto listed = parseJson(squatter.call("GET", "/api/caregivers").body);
    BOOST_TEST(!listed->has("invitations"));
    BOOST_TEST(listed->getArray("patients")->size() == 0u);
    BOOST_TEST(squatter.call("POST", "/api/caregiver-invitations/lookup", R"({"token":"guess"})").status == 404);
    // The link went to the invited mailbox only, and names no one.
    auto mail = mailsTo(smtp, invitee, 1, "You have been invited as a caregiver");
    BOOST_TEST_REQUIRE(mail.size() == 1u);
    BOOST_TEST(mail[0].body.find("Paola") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(registering_a_known_or_an_unknown_address_looks_the_same_and_mails_the_owner) {
    SmtpServer smtp(SmtpServer::testPort());
    const std::string known = uniqueEmail("known");
    newPatient(known, "Maria Bianchi");
    std::string upper;
    for (char c : known) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

    auto a = ApiClient{}.call("POST", "/auth/register", registerBody("Maria Bianchi", upper));
    auto b = ApiClient{}.call("POST", "/auth/register", registerBody("Maria Bianchi", uniqueEmail("unknown")));
    BOOST_TEST(a.status == 202);
    BOOST_TEST(b.status == 202);
    BOOST_TEST(a.body == b.body);
    BOOST_TEST(comparableHeaders(a) == comparableHeaders(b));
    auto owner = mailsTo(smtp, known, 1, "You already have an account");
    BOOST_TEST_REQUIRE(owner.size() == 1u);
    BOOST_TEST(owner[0].body.find("/forgot-password") != std::string::npos);
    BOOST_TEST(owner[0].body.find("Nothing was changed") != std::string::npos);
    // The page twin: the same redirect either way.
    for (const auto& caregiverPath : {std::string("/auth/register/caregiver"), std::string("/auth/register/doctor")}) {
        auto k = ApiClient{}.call("POST", caregiverPath, registerBody("Maria Bianchi", known));
        auto u = ApiClient{}.call("POST", caregiverPath, registerBody("Maria Bianchi", uniqueEmail("unknown")));
        BOOST_TEST(k.status == u.status);
        BOOST_TEST(k.body == u.body);
    }

    // Timing: 50 of each, interleaved, each from its own client address; medians within 10%.
    std::vector<double> knownMs, unknownMs;
    for (int i = 0; i < 50; ++i) {
        for (int which = 0; which < 2; ++which) {
            const bool isKnown = (i + which) % 2 == 0;
            ApiClient c;
            const auto t0 = std::chrono::steady_clock::now();
            auto r = c.call("POST", "/auth/register", registerBody("Maria Bianchi", isKnown ? known : uniqueEmail("timing")));
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            BOOST_TEST_REQUIRE(r.status == 202);
            (isKnown ? knownMs : unknownMs).push_back(ms);
        }
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    const double mk = median(knownMs), mu = median(unknownMs);
    BOOST_TEST_MESSAGE("register medians: known " << mk << " ms, unknown " << mu << " ms");
    BOOST_TEST(std::abs(mk - mu) <= 0.10 * std::max(mk, mu), "known " << mk << " ms vs unknown " << mu << " ms");
}

BOOST_AUTO_TEST_CASE(the_pre_registration_takeover_fails_at_every_step) {
    SmtpServer smtp(SmtpServer::testPort());
    const std::string victim = uniqueEmail("giovanna.rinaldi");

    // 1. The attacker registers the victim's address: no session, and none can be had.
    ApiClient attacker;
    auto planted = attacker.call("POST", "/auth/register", registerBody("Giovanna Rinaldi", victim, kAttackerPassword));
    BOOST_TEST(planted.status == 202);
    BOOST_TEST(parseJson(planted.body)->get("token").isEmpty());
    BOOST_TEST(planted.header("set-cookie").empty());
    auto attackerLogin = ApiClient{}.call("POST", "/auth/login", loginBody(victim, kAttackerPassword));
    BOOST_TEST(attackerLogin.status == 403);
    BOOST_TEST(jsonString(parseJson(attackerLogin.body), "code") == "EMAIL_UNCONFIRMED");
    // 2. So nothing can be planted: no invitation without a session.
    BOOST_TEST(attacker.call("POST", "/api/caregivers", R"({"email":"reception@example.org","can_read_notes":true})")
                   .status == 401);

    // 3. The real person registers: the same answer as anyone gets, and a mail that explains.
    ApiClient real;
    auto again = real.call("POST", "/auth/register", registerBody("Giovanna Rinaldi", victim, kVictimPassword));
    BOOST_TEST(again.status == 202);
    BOOST_TEST(again.body == planted.body);
    auto mails = mailsTo(smtp, victim, 2, "Confirm your email address");
    BOOST_TEST_REQUIRE(mails.size() == 2u);  // one caused by the attacker, one by herself
    const auto& explained = mails[1];
    BOOST_TEST(explained.body.find("waiting for confirmation") != std::string::npos);
    BOOST_TEST(explained.body.find("/forgot-password") != std::string::npos);
    // Opening a link with her own password confirms nothing (it is the attacker's registration).
    const std::string token = linkToken(explained, "/confirm-email");
    auto refused = real.call("POST", "/auth/confirm-email",
                             R"({"token":")" + token + R"(","password":")" + kVictimPassword + R"("})");
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(scalar("SELECT COUNT(*) FROM users WHERE status = 'unconfirmed' AND email_confirmed_at IS NULL AND id = "
                      "(SELECT user_id FROM email_confirmations ORDER BY created_at DESC LIMIT 1)") == "1");

    // 4. She resets the password (the mailed link proves the address): the account is hers,
    //    clean, and the attacker's password is dead.
    BOOST_TEST(real.call("POST", "/auth/forget_password", R"({"email":")" + victim + R"("})").status == 200);
    auto reset = mailsTo(smtp, victim, 1, "Reset your password");
    BOOST_TEST_REQUIRE(reset.size() == 1u);
    auto done = real.call("POST", "/auth/reset_password", resetBody(linkToken(reset[0], "/reset-password"), kVictimPassword));
    BOOST_TEST_REQUIRE(done.status == 200, done.body);
    real.bearer = jsonString(parseJson(done.body), "token");
    BOOST_TEST(!real.bearer.empty());
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(victim, kAttackerPassword)).status == 401);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(victim, kVictimPassword)).status == 200);
    auto carers = parseJson(real.call("GET", "/api/caregivers").body)->getArray("caregivers");
    BOOST_TEST(carers->size() == 0u);
    // The attacker's confirmation link died with the reset's proof.
    BOOST_TEST(attacker.call("POST", "/auth/confirm-email",
                             R"({"token":")" + linkToken(mails[0], "/confirm-email") + R"(","password":")" +
                                 kAttackerPassword + R"("})")
                   .status == 422);
}

BOOST_AUTO_TEST_CASE(an_account_never_proved_is_started_clean_by_its_owners_reset) {
    // An account made before confirmation existed, into which an attacker planted a phone
    // number and a caregiver of their own with the notes permission.
    SmtpServer smtp(SmtpServer::testPort());
    const std::string victim = uniqueEmail("legacy");
    ApiClient planted;
    registerConfirmed(planted, "/auth/register",
                      R"({"name":"Giovanna Rinaldi","email":")" + victim + R"(","password":")" + kGoodPassword +
                          R"(","phone":"+39 06 555 0101"})",
                      victim);
    agreeToConsent(planted);
    const auto patientId = meId(planted);
    const std::string carerEmail = uniqueEmail("reception");
    ApiClient carer;
    registerConfirmed(carer, "/auth/register/caregiver", registerBody("Aurora Practice Reception", carerEmail), carerEmail);
    const auto carerId = meId(carer);
    exec("INSERT INTO caregiver_links (patient_id, invite_bidx, invite_email_ct, caregiver_id, can_read_notes, status, "
         "accepted_at) VALUES (?, RANDOM_BYTES(32), RANDOM_BYTES(40), ?, 1, 'active', UTC_TIMESTAMP(6))",
         {std::to_string(patientId), std::to_string(carerId)});
    exec("UPDATE users SET email_confirmed_at = NULL WHERE id = ?", {std::to_string(patientId)});
    const std::string theirs = "/api/appointments?patient_id=" + std::to_string(patientId);
    BOOST_TEST_REQUIRE(carer.call("GET", theirs).status == 200);  // the attacker reads

    // The real owner resets: the first proof of the address starts the account clean.
    ApiClient real;
    BOOST_TEST(real.call("POST", "/auth/forget_password", R"({"email":")" + victim + R"("})").status == 200);
    auto reset = mailsTo(smtp, victim, 1, "Reset your password");
    BOOST_TEST_REQUIRE(reset.size() == 1u);
    auto done = real.call("POST", "/auth/reset_password", resetBody(linkToken(reset[0], "/reset-password"), kVictimPassword));
    BOOST_TEST_REQUIRE(done.status == 200, done.body);
    auto body = parseJson(done.body);
    BOOST_TEST_REQUIRE(body->has("removed"));
    std::string removed;
    auto list = body->getArray("removed");
    for (std::size_t i = 0; i < list->size(); ++i) removed += list->getElement<std::string>(static_cast<unsigned>(i)) + ";";
    BOOST_TEST(removed == "caregiver_links;phone;");
    // The attacker's caregiver reads nothing any more; the owner is told what went.
    BOOST_TEST(carer.call("GET", theirs).status == 404);
    auto told = mailsTo(smtp, victim, 1, "Your password was changed");
    BOOST_TEST_REQUIRE(told.size() == 1u);
    BOOST_TEST(told[0].body.find("1 caregiver link and the phone number") != std::string::npos);
    BOOST_TEST(scalar("SELECT email_confirmed_at IS NOT NULL FROM users WHERE id = ?", {std::to_string(patientId)}) == "1");
    // A second reset of the now-proved account removes nothing.
    BOOST_TEST(real.call("POST", "/auth/forget_password", R"({"email":")" + victim + R"("})").status == 200);
    auto second = mailsTo(smtp, victim, 2, "Reset your password");
    BOOST_TEST_REQUIRE(second.size() == 2u);
    auto again = ApiClient{}.call("POST", "/auth/reset_password",
                                  resetBody(linkToken(second[1], "/reset-password"), "harbour lantern quartz 47 reef"));
    BOOST_TEST_REQUIRE(again.status == 200);
    BOOST_TEST(!parseJson(again.body)->has("removed"));
}

BOOST_AUTO_TEST_CASE(names_that_hide_their_direction_or_break_lines_are_refused_with_a_clear_422) {
    for (const std::string& name : {std::string("Giovanna \u202Eidranir"), std::string("Giovanna\u2028Rinaldi"),
                                    std::string("Giovanna\u0085Rinaldi"), std::string("Giovanna\u2029Rinaldi")}) {
        auto r = ApiClient{}.call("POST", "/auth/register", registerBody(name, uniqueEmail("bidi")));
        BOOST_TEST(r.status == 422);
        BOOST_TEST(r.body.find("\"field\":\"name\"") != std::string::npos);
        BOOST_TEST(r.body.find("invisible formatting") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
