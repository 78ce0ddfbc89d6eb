#pragma once
// Passwords: bcrypt (libxcrypt, $2b$) over base64(HMAC-SHA384(pepper, password)). The
// pre-hash lets a long passphrase count whole (bcrypt reads only 72 bytes) and makes a
// stolen table useless without the pepper, which lives in a secret file.
//
// Every bcrypt computation (hash, verify, dummyVerify) runs on the hasher's HashingPool: a
// few low-priority threads with a bounded wait, so a burst of sign-ins cannot take the
// request threads and the CPU from the pages. When the pool is full they throw HashingBusy
// (an Unavailable: the caller's request gets 503 with Retry-After).
#include <memory>
#include <string>

#include "security/hashing_pool.hpp"

namespace medassist::security {

class PasswordHasher {
public:
    PasswordHasher(std::string pepper, int cost, HashingPoolOptions pool = {});

    std::string hash(const std::string& password) const;
    bool verify(const std::string& password, const std::string& storedHash) const;
    // True when the stored hash was made with another cost and should be replaced at sign-in.
    bool needsRehash(const std::string& storedHash) const;
    // Spends the same time as a real verification, for unknown accounts (no timing oracle).
    void dummyVerify(const std::string& password) const;

    int cost() const { return cost_; }
    // The threads the hashes run on (tests fill it to see the busy answer).
    HashingPool& pool() const { return *pool_; }

private:
    std::string preHash(const std::string& password) const;
    std::string bcrypt(const std::string& password, const std::string& setting) const;  // on the pool

    std::string pepper_;
    int cost_;
    std::unique_ptr<HashingPool> pool_;
    std::string dummyHash_;
};

}  // namespace medassist::security
