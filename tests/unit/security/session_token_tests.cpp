#include <boost/test/unit_test.hpp>

#include <sstream>

#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include "security/crypto_util.hpp"
#include "security/session_tokens.hpp"

using namespace medassist::security;

namespace {
const std::string kKey = "k3y-for-tests-0123456789abcdefghijklmnop";
constexpr std::int64_t kNow = 1'800'000'000;

std::string b64url(const std::string& s) { return base64UrlEncode(s); }

std::string part(const std::string& jwt, int i) {
    std::size_t a = 0;
    for (int k = 0; k < i; ++k) a = jwt.find('.', a) + 1;
    std::size_t b = jwt.find('.', a);
    return jwt.substr(a, b == std::string::npos ? std::string::npos : b - a);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(session_tokens)

BOOST_AUTO_TEST_CASE(issued_tokens_verify_with_every_claim) {
    SessionTokens tokens(kKey, std::chrono::minutes(60));
    SessionClaims issued;
    auto jwt = tokens.issue("17", "patient", 3, kNow, std::nullopt, &issued);
    auto check = tokens.verify(jwt, kNow + 10);
    BOOST_REQUIRE(check.claims);
    BOOST_TEST(check.claims->subject == "17");
    BOOST_TEST(check.claims->role == "patient");
    BOOST_TEST(check.claims->passwordVersion == 3);
    BOOST_TEST(check.claims->expiresAt == kNow + 3600);
    BOOST_TEST(check.claims->authTime == kNow);
    BOOST_TEST(check.claims->jti == issued.jti);
    BOOST_TEST(check.claims->jti.size() == 32u);
    BOOST_TEST(jwt.size() < 1024u);  // fits a cookie with room to spare
}

BOOST_AUTO_TEST_CASE(every_token_has_a_fresh_jti) {
    SessionTokens tokens(kKey, std::chrono::minutes(60));
    SessionClaims a, b;
    tokens.issue("1", "patient", 0, kNow, std::nullopt, &a);
    tokens.issue("1", "patient", 0, kNow, std::nullopt, &b);
    BOOST_TEST(a.jti != b.jti);
}

BOOST_AUTO_TEST_CASE(expired_tokens_are_rejected) {
    SessionTokens tokens(kKey, std::chrono::minutes(60));
    auto jwt = tokens.issue("17", "patient", 0, kNow);
    BOOST_TEST(tokens.verify(jwt, kNow + 3599).claims.has_value());
    auto late = tokens.verify(jwt, kNow + 3600);
    BOOST_TEST(!late.claims);
    BOOST_TEST((late.problem == TokenProblem::Expired));
}

BOOST_AUTO_TEST_CASE(a_wrong_key_is_a_bad_signature) {
    SessionTokens mine(kKey, std::chrono::minutes(60));
    SessionTokens theirs("another-key-0123456789abcdefghijklmnopq", std::chrono::minutes(60));
    auto check = mine.verify(theirs.issue("17", "admin", 0, kNow), kNow);
    BOOST_TEST(!check.claims);
    BOOST_TEST((check.problem == TokenProblem::BadSignature));
}

BOOST_AUTO_TEST_CASE(a_changed_claim_breaks_the_signature) {
    SessionTokens tokens(kKey, std::chrono::minutes(60));
    auto jwt = tokens.issue("17", "patient", 0, kNow);
    for (auto [from, to] : {std::pair<std::string, std::string>{"\"patient\"", "\"admin\""},
                            std::pair<std::string, std::string>{"\"sub\":\"17\"", "\"sub\":\"18\""}}) {
        // Rebuild the payload with one claim changed and keep the original signature.
        Poco::JWT::Token t = Poco::JWT::Signer(kKey).verify(jwt);
        std::ostringstream json;
        t.payload().stringify(json);
        std::string body = json.str();
        auto at = body.find(from);
        BOOST_REQUIRE(at != std::string::npos);
        body.replace(at, from.size(), to);
        std::string forged = part(jwt, 0) + "." + b64url(body) + "." + part(jwt, 2);
        auto check = tokens.verify(forged, kNow);
        BOOST_TEST(!check.claims, "accepted a token with " << to);
        BOOST_TEST((check.problem == TokenProblem::BadSignature));
    }
}

BOOST_AUTO_TEST_CASE(alg_none_and_other_algorithms_are_rejected) {
    SessionTokens tokens(kKey, std::chrono::minutes(60));
    auto jwt = tokens.issue("17", "patient", 0, kNow);
    const std::string payload = part(jwt, 1);
    for (const char* alg : {"none", "None", "HS384", "HS512", "RS256"}) {
        std::string header = b64url(std::string(R"({"alg":")") + alg + R"(","typ":"JWT"})");
        for (const std::string& sig : {std::string(), part(jwt, 2)}) {
            auto check = tokens.verify(header + "." + payload + "." + sig, kNow);
            BOOST_TEST(!check.claims, "accepted alg " << alg);
        }
    }
    // A token really signed with HS512 under the right key is refused too.
    Poco::JWT::Token t = Poco::JWT::Signer(kKey).verify(jwt);
    Poco::JWT::Signer hs512(kKey);
    hs512.addAlgorithm(Poco::JWT::Signer::ALGO_HS512);
    auto other = hs512.sign(t, Poco::JWT::Signer::ALGO_HS512);
    auto check = tokens.verify(other, kNow);
    BOOST_TEST(!check.claims);
    BOOST_TEST((check.problem == TokenProblem::WrongAlgorithm));
}

BOOST_AUTO_TEST_CASE(garbage_is_malformed_not_a_crash) {
    SessionTokens tokens(kKey, std::chrono::minutes(60));
    for (const std::string& bad : {std::string(""), std::string("abc"), std::string("a.b.c"), std::string("..."),
                                   std::string(5000, 'a'), std::string("eyJhbGciOiJIUzI1NiJ9.e30.")}) {
        BOOST_TEST(!tokens.verify(bad, kNow).claims);
    }
}

BOOST_AUTO_TEST_CASE(a_short_key_is_refused) {
    BOOST_CHECK_THROW(SessionTokens("short", std::chrono::minutes(60)), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
