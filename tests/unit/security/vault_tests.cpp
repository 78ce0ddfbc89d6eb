#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "security/crypto_util.hpp"
#include "security/vault.hpp"

using namespace medassist::security;

namespace {
MasterKeyRing ringWith(std::initializer_list<int> versions) {
    MasterKeyRing ring;
    for (int v : versions) ring.add(v, randomBytes(32));
    return ring;
}
const FieldAad kEmail{"users", "email", "42"};
}  // namespace

BOOST_AUTO_TEST_SUITE(vault)

BOOST_AUTO_TEST_CASE(field_round_trip_and_ciphertext_hides_the_value) {
    const std::string dk = Vault::newDataKey();
    const std::string plain = "anna.rossi@example.com — Età 42";
    const std::string blob = Vault::encrypt(dk, plain, kEmail);
    BOOST_TEST(blob.find("anna") == std::string::npos);
    BOOST_TEST(blob.size() == 1 + 12 + plain.size() + 16);
    BOOST_TEST(Vault::decrypt(dk, blob, kEmail) == plain);
    BOOST_TEST(Vault::encrypt(dk, plain, kEmail) != blob);  // fresh nonce every time
}

BOOST_AUTO_TEST_CASE(wrong_aad_wrong_key_or_tampering_fail) {
    const std::string dk = Vault::newDataKey();
    const std::string blob = Vault::encrypt(dk, "secret reason", kEmail);
    BOOST_CHECK_THROW(Vault::decrypt(dk, blob, {"users", "email", "43"}), CryptoError);   // another row
    BOOST_CHECK_THROW(Vault::decrypt(dk, blob, {"users", "name", "42"}), CryptoError);    // another column
    BOOST_CHECK_THROW(Vault::decrypt(dk, blob, {"patients", "email", "42"}), CryptoError);  // another table
    BOOST_CHECK_THROW(Vault::decrypt(Vault::newDataKey(), blob, kEmail), CryptoError);
    std::string tampered = blob;
    tampered[20] ^= 0x01;
    BOOST_CHECK_THROW(Vault::decrypt(dk, tampered, kEmail), CryptoError);
    BOOST_CHECK_THROW(Vault::decrypt(dk, blob.substr(0, 10), kEmail), CryptoError);
}

BOOST_AUTO_TEST_CASE(data_keys_wrap_under_the_current_master_key_and_bind_to_their_owner) {
    Vault vault(ringWith({1, 2}), randomBytes(32));
    const std::string dk = Vault::newDataKey();
    auto wrapped = vault.wrap(dk, "user:7");
    BOOST_TEST(wrapped.version == 2);
    BOOST_TEST(wrapped.blob.find(dk) == std::string::npos);
    BOOST_TEST(vault.unwrap(wrapped, "user:7") == dk);
    BOOST_CHECK_THROW(vault.unwrap(wrapped, "user:8"), CryptoError);
}

BOOST_AUTO_TEST_CASE(rotation_rewraps_old_keys_and_data_stays_readable) {
    MasterKeyRing ring = ringWith({1});
    const std::string v1 = ring.key(1);
    Vault before(ring, std::string(32, 'b'));
    const std::string dk = Vault::newDataKey();
    const auto oldWrap = before.wrap(dk, "user:1");
    const std::string blob = Vault::encrypt(dk, "visit note", kEmail);

    ring.add(2, randomBytes(32));  // a new master key version arrives
    Vault after(ring, std::string(32, 'b'));
    BOOST_TEST(after.unwrap(oldWrap, "user:1") == dk);  // old wraps still open
    const auto newWrap = after.wrap(after.unwrap(oldWrap, "user:1"), "user:1");
    BOOST_TEST(newWrap.version == 2);
    BOOST_TEST(Vault::decrypt(after.unwrap(newWrap, "user:1"), blob, kEmail) == "visit note");

    MasterKeyRing onlyNew;
    onlyNew.add(2, ring.key(2));
    Vault retired(onlyNew, std::string(32, 'b'));
    BOOST_CHECK_THROW(retired.unwrap(oldWrap, "user:1"), CryptoError);  // v1 gone: old wrap unreadable
    BOOST_TEST(retired.unwrap(newWrap, "user:1") == dk);
    (void)v1;
}

BOOST_AUTO_TEST_CASE(destroying_the_data_key_makes_the_data_unreadable) {
    // Crypto-shredding: without the wrapped key, a backup copy of the blob is noise.
    std::string dk = Vault::newDataKey();
    const std::string blob = Vault::encrypt(dk, "anna@example.com", kEmail);
    dk.assign(32, '\0');
    BOOST_CHECK_THROW(Vault::decrypt(dk, blob, kEmail), CryptoError);
}

BOOST_AUTO_TEST_CASE(blind_index_is_deterministic_keyed_and_purpose_separated) {
    Vault a(ringWith({1}), std::string(32, 'k'));
    Vault b(ringWith({1}), std::string(32, 'j'));
    BOOST_TEST(a.blindIndex("email", "anna@example.com") == a.blindIndex("email", "anna@example.com"));
    BOOST_TEST(a.blindIndex("email", "anna@example.com") != a.blindIndex("email", "anne@example.com"));
    BOOST_TEST(a.blindIndex("email", "anna@example.com") != b.blindIndex("email", "anna@example.com"));
    BOOST_TEST(a.blindIndex("email", "x") != a.blindIndex("phone", "x"));
    BOOST_TEST(a.blindIndex("email", "x").size() == 32u);
}

BOOST_AUTO_TEST_CASE(master_keys_load_from_files_and_the_highest_version_is_current) {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("vault-keys-" + hexEncode(randomBytes(6)));
    fs::create_directories(dir);
    std::ofstream(dir / "master_key_v1") << base64Encode(randomBytes(32)) << "\n";
    std::ofstream(dir / "master_key_v3") << base64Encode(randomBytes(32)) << "\n";
    std::ofstream(dir / "unrelated.txt") << "ignored";
    auto ring = MasterKeyRing::loadDir(dir.string());
    BOOST_TEST(ring.current() == 3);
    BOOST_TEST(ring.has(1));
    std::ofstream(dir / "master_key_v4") << base64Encode(randomBytes(16)) << "\n";  // wrong size
    BOOST_CHECK_THROW(MasterKeyRing::loadDir(dir.string()), CryptoError);
    fs::remove_all(dir);
    BOOST_CHECK_THROW(MasterKeyRing::loadDir(dir.string()), CryptoError);
}

BOOST_AUTO_TEST_SUITE_END()
