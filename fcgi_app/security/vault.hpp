#pragma once
// Envelope encryption for personal and medical fields (DESIGN.md, "Data at rest"):
// - each subject has a random 256-bit data key, stored only wrapped (AES-256-GCM) under a
//   versioned master key read from a secret file; destroying the wrapped key shreds the data;
// - each field is AES-256-GCM under the data key, with AAD binding it to table, column and
//   row, so a ciphertext copied to another row or column does not decrypt;
// - lookups (email) use an HMAC blind index under a separate key.
// This class is pure crypto: where wrapped keys are stored is a store's business.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "security/crypto_util.hpp"

namespace medassist::security {

struct FieldAad {
    std::string table;
    std::string column;
    std::string rowId;
    std::string str() const { return table + "." + column + "#" + rowId; }
};

struct WrappedKey {
    int version = 0;    // master key version used to wrap
    std::string blob;   // nonce | ciphertext | tag
};

class MasterKeyRing {
public:
    // Reads every master_key_v<N> file in dir (base64 of 32 bytes); the highest N is current.
    static MasterKeyRing loadDir(const std::string& dir);
    void add(int version, std::string key);  // 32 bytes
    const std::string& key(int version) const;  // throws CryptoError when unknown
    bool has(int version) const { return keys_.count(version) > 0; }
    int current() const;

private:
    std::map<int, std::string> keys_;
};

class Vault {
public:
    Vault(MasterKeyRing ring, std::string blindIndexKey);
    // Reads the ring from dir, and reads it again when a wrapped key names a version it
    // does not know: `medassist-admin rotate-master-key` adds a key while the app runs.
    Vault(const std::string& masterKeysDir, std::string blindIndexKey);

    static std::string newDataKey();  // 32 random bytes

    WrappedKey wrap(const std::string& dataKey, const std::string& owner) const;  // under the current master key
    std::string unwrap(const WrappedKey& wrapped, const std::string& owner) const;

    static std::string encrypt(const std::string& dataKey, const std::string& plaintext, const FieldAad& aad);
    static std::string decrypt(const std::string& dataKey, const std::string& blob, const FieldAad& aad);

    // HMAC-SHA256 under the blind-index key; purpose separates indexes ("email", ...).
    std::string blindIndex(const std::string& purpose, const std::string& normalizedValue) const;

    int currentVersion() const;
    // Re-reads the keys folder; true when it now holds a newer master key.
    bool reload() const;

private:
    mutable std::shared_mutex mutex_;
    mutable MasterKeyRing ring_;
    std::string dir_;
    std::string blindKey_;
};

}  // namespace medassist::security
