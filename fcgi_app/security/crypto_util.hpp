#pragma once
// Small wrappers over OpenSSL for the rest of security/: a CSPRNG, HMAC, digests,
// constant-time comparison and base64/hex. No algorithm is implemented here.
#include <string>
#include <stdexcept>
#include <string_view>

namespace medassist::security {

std::string randomBytes(std::size_t n);                   // RAND_bytes; throws on failure
std::string hmacSha256(std::string_view key, std::string_view data);
std::string hmacSha384(std::string_view key, std::string_view data);
std::string sha256(std::string_view data);
bool constantTimeEquals(std::string_view a, std::string_view b);
std::string base64Encode(std::string_view bytes);
std::string base64UrlEncode(std::string_view bytes);    // no padding
std::string hexEncode(std::string_view bytes);

class CryptoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace medassist::security
