#include <boost/test/unit_test.hpp>

#include "security/crypto_util.hpp"
#include "security/csrf.hpp"
#include "security/totp.hpp"

using namespace medassist::security;

BOOST_AUTO_TEST_SUITE(totp)

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890": the last 6 digits.
BOOST_AUTO_TEST_CASE(rfc6238_test_vectors) {
    const std::string key = "12345678901234567890";
    BOOST_TEST(totpCode(key, 59) == "287082");
    BOOST_TEST(totpCode(key, 1111111109) == "081804");
    BOOST_TEST(totpCode(key, 1234567890) == "005924");
    BOOST_TEST(totpCode(key, 2000000000) == "279037");
}

BOOST_AUTO_TEST_CASE(verify_accepts_one_step_of_drift_and_no_more) {
    auto s = newTotpSecret();
    const std::int64_t now = 1'900'000'000;
    BOOST_TEST(totpVerify(s.raw, totpCode(s.raw, now), now).has_value());
    BOOST_TEST(totpVerify(s.raw, totpCode(s.raw, now - 30), now).has_value());
    BOOST_TEST(totpVerify(s.raw, totpCode(s.raw, now + 30), now).has_value());
    BOOST_TEST(!totpVerify(s.raw, totpCode(s.raw, now - 120), now).has_value());
    BOOST_TEST(*totpVerify(s.raw, totpCode(s.raw, now - 30), now) == now / 30 - 1);
}

BOOST_AUTO_TEST_CASE(malformed_codes_are_refused) {
    auto s = newTotpSecret();
    for (const char* bad : {"", "12345", "1234567", "12a456", " 12345"})
        BOOST_TEST(!totpVerify(s.raw, bad, 1'900'000'000).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(base32_secret_round_trips_and_builds_an_otpauth_uri) {
    auto s = newTotpSecret();
    BOOST_TEST(s.raw.size() == 20u);
    BOOST_TEST(s.base32.size() == 32u);
    BOOST_TEST(*base32Decode(s.base32) == s.raw);
    std::string spaced = s.base32;
    spaced.insert(4, 1, ' ');  // users copy secrets with spaces
    BOOST_TEST(*base32Decode(spaced) == s.raw);
    auto uri = totpUri(s, "Aurora Practice", "dr.rossi@example.com");
    BOOST_TEST(uri.rfind("otpauth://totp/Aurora%20Practice:dr.rossi%40example.com?secret=" + s.base32, 0) == 0);
}

// A set-up shown again rebuilds the same key from the stored bytes.
BOOST_AUTO_TEST_CASE(a_stored_secret_gives_back_the_key_that_was_shown) {
    auto s = newTotpSecret();
    auto again = totpSecretFromRaw(s.raw);
    BOOST_TEST(again.base32 == s.base32);
    BOOST_TEST(again.raw == s.raw);
    BOOST_TEST(totpSecretFromRaw("12345678901234567890").base32 == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(csrf)

BOOST_AUTO_TEST_CASE(a_token_verifies_only_for_its_binding_and_key) {
    const std::string key(40, 'k');
    auto t = csrfToken(key, "jti-1");
    BOOST_TEST(csrfValid(key, "jti-1", t));
    BOOST_TEST(!csrfValid(key, "jti-2", t));
    BOOST_TEST(!csrfValid(std::string(40, 'j'), "jti-1", t));
    BOOST_TEST(!csrfValid(key, "jti-1", ""));
    BOOST_TEST(!csrfValid(key, "", csrfToken(key, "")));
    BOOST_TEST(!csrfValid(key, "jti-1", t.substr(1)));
}

BOOST_AUTO_TEST_SUITE_END()
