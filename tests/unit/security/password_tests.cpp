#include <boost/test/unit_test.hpp>

#include <regex>

#include "security/crypto_util.hpp"
#include "security/password_hasher.hpp"
#include "security/password_policy.hpp"

using namespace medassist::security;

namespace {
const std::string kPepper(40, 'p');
}

BOOST_AUTO_TEST_SUITE(password_hashing)

BOOST_AUTO_TEST_CASE(hash_is_bcrypt_2b_at_the_configured_cost_and_verifies) {
    PasswordHasher hasher(kPepper, 12);
    const std::string h = hasher.hash("correct horse battery staple");
    BOOST_TEST(std::regex_match(h, std::regex(R"(^\$2b\$12\$[./A-Za-z0-9]{53}$)")), h);
    BOOST_TEST(hasher.verify("correct horse battery staple", h));
    BOOST_TEST(!hasher.verify("correct horse battery stapler", h));
    BOOST_TEST(!hasher.verify("", h));
}

BOOST_AUTO_TEST_CASE(same_password_hashes_differently_each_time) {
    PasswordHasher hasher(kPepper, 4);
    BOOST_TEST(hasher.hash("same password here") != hasher.hash("same password here"));
}

BOOST_AUTO_TEST_CASE(long_passphrases_count_whole_past_bcrypts_72_bytes) {
    PasswordHasher hasher(kPepper, 4);
    const std::string base(100, 'a');
    const std::string h = hasher.hash(base + "1");
    BOOST_TEST(hasher.verify(base + "1", h));
    BOOST_TEST(!hasher.verify(base + "2", h));  // plain bcrypt would accept this
}

BOOST_AUTO_TEST_CASE(the_pepper_is_needed_to_verify) {
    PasswordHasher a(kPepper, 4), b(std::string(40, 'q'), 4);
    BOOST_TEST(!b.verify("a fine password", a.hash("a fine password")));
}

BOOST_AUTO_TEST_CASE(a_cost_change_asks_for_a_rehash) {
    PasswordHasher at4(kPepper, 4), at5(kPepper, 5);
    const std::string h = at4.hash("some password 123");
    BOOST_TEST(!at4.needsRehash(h));
    BOOST_TEST(at5.needsRehash(h));
    BOOST_TEST(at5.verify("some password 123", h));  // old hashes still verify
}

BOOST_AUTO_TEST_CASE(garbage_hashes_never_verify) {
    PasswordHasher hasher(kPepper, 4);
    for (const char* bad : {"", "plaintext", "$1$abc$def", "$2b$04$short", "*0"})
        BOOST_TEST(!hasher.verify("plaintext", bad), bad);
}

BOOST_AUTO_TEST_CASE(weak_construction_is_refused) {
    BOOST_CHECK_THROW(PasswordHasher("short pepper", 12), std::invalid_argument);
    BOOST_CHECK_THROW(PasswordHasher(kPepper, 3), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(password_policy)

const std::vector<std::string> kUser{"anna.rossi@example.com", "Anna Rossi"};

BOOST_AUTO_TEST_CASE(too_short_and_too_long_are_refused_with_the_reason) {
    auto shortOne = checkPassword("Xy7!kQ2#pL", kUser);
    BOOST_TEST(!shortOne.ok);
    BOOST_TEST(shortOne.reason.find("at least 12") != std::string::npos);
    auto longOne = checkPassword(std::string(129, 'x'), kUser);
    BOOST_TEST(!longOne.ok);
    BOOST_TEST(longOne.reason.find("at most 128") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(length_counts_characters_not_bytes) {
    // 12 accented letters are 24 bytes but 12 characters: long enough, judged on strength.
    auto r = checkPassword("èèèèèèèèèèèè", kUser);
    BOOST_TEST(r.reason.find("at least 12") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(common_and_patterned_passwords_score_below_3) {
    for (const char* weak : {"password1234", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa", "iloveyou2024"}) {
        auto r = checkPassword(weak, kUser);
        BOOST_TEST(!r.ok, weak);
        BOOST_TEST(r.score < 3, weak << " scored " << r.score);
        BOOST_TEST(r.reason.find("too easy to guess") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(passphrases_pass_without_composition_rules) {
    for (const char* strong : {"marble tractor violin sunset", "glacier-pencil-orbit-waffle", "Zebra quietly juggles 47 plums"}) {
        auto r = checkPassword(strong, kUser);
        BOOST_TEST(r.ok, strong << ": " << r.reason);
        BOOST_TEST(r.score >= 3);
    }
}

BOOST_AUTO_TEST_CASE(containing_the_email_or_name_is_refused) {
    for (const char* personal : {"anna.rossi@example.com!!", "zebra ROSSI violin kettle", "xx anna.rossi orbit waffle"}) {
        auto r = checkPassword(personal, kUser);
        BOOST_TEST(!r.ok, personal);
        BOOST_TEST(r.reason.find("email address or your name") != std::string::npos, personal);
    }
}

BOOST_AUTO_TEST_SUITE_END()
