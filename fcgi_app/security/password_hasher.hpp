#pragma once
// Passwords: bcrypt (libxcrypt, $2b$) over base64(HMAC-SHA384(pepper, password)). The
// pre-hash lets a long passphrase count whole (bcrypt reads only 72 bytes) and makes a
// stolen table useless without the pepper, which lives in a secret file.
#include <string>

namespace medassist::security {

class PasswordHasher {
public:
    PasswordHasher(std::string pepper, int cost);

    std::string hash(const std::string& password) const;
    bool verify(const std::string& password, const std::string& storedHash) const;
    // True when the stored hash was made with another cost and should be replaced at sign-in.
    bool needsRehash(const std::string& storedHash) const;
    // Spends the same time as a real verification, for unknown accounts (no timing oracle).
    void dummyVerify(const std::string& password) const;

    int cost() const { return cost_; }

private:
    std::string preHash(const std::string& password) const;

    std::string pepper_;
    int cost_;
    std::string dummyHash_;
};

}  // namespace medassist::security
