#include "security/password_hasher.hpp"

#include <crypt.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include "security/crypto_util.hpp"

namespace medassist::security {

PasswordHasher::PasswordHasher(std::string pepper, int cost, HashingPoolOptions pool)
    : pepper_(std::move(pepper)), cost_(cost) {
    if (pepper_.size() < 32) throw std::invalid_argument("the password pepper must be at least 32 bytes");
    if (cost_ < 4 || cost_ > 31) throw std::invalid_argument("bcrypt cost must be from 4 to 31");
    pool_ = std::make_unique<HashingPool>(pool);
    dummyHash_ = hash(base64Encode(randomBytes(24)));
}

std::string PasswordHasher::preHash(const std::string& password) const {
    return base64Encode(hmacSha384(pepper_, password));  // 64 ASCII characters, no NUL
}

std::string PasswordHasher::hash(const std::string& password) const {
    std::string random = randomBytes(16);
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost_), random.data(), static_cast<int>(random.size()),
                          setting, sizeof setting))
        throw CryptoError("bcrypt salt generation failed");
    std::string out = bcrypt(password, setting);
    if (out.empty() || out[0] == '*') throw CryptoError("bcrypt hashing failed");
    return out;
}

std::string PasswordHasher::bcrypt(const std::string& password, const std::string& setting) const {
    std::string input = preHash(password);
    return pool_->run([&input, &setting]() -> std::string {
        // crypt_data is about 32 KiB: on the heap, not the hashing thread's stack.
        auto data = std::make_unique<crypt_data>();
        const char* out = crypt_rn(input.c_str(), setting.c_str(), data.get(), sizeof *data);
        return out ? std::string(out) : std::string("*");
    });
}

bool PasswordHasher::verify(const std::string& password, const std::string& storedHash) const {
    if (storedHash.rfind("$2b$", 0) != 0) return false;
    const std::string out = bcrypt(password, storedHash);
    if (out.empty() || out[0] == '*') return false;
    return constantTimeEquals(out, storedHash);
}

bool PasswordHasher::needsRehash(const std::string& storedHash) const {
    int cost = 0;
    if (std::sscanf(storedHash.c_str(), "$2b$%2d$", &cost) != 1) return true;
    return cost != cost_;
}

void PasswordHasher::dummyVerify(const std::string& password) const { (void)verify(password, dummyHash_); }

}  // namespace medassist::security
