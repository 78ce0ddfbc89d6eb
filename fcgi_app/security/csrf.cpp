#include "security/csrf.hpp"

#include "security/crypto_util.hpp"

namespace medassist::security {

std::string csrfToken(const std::string& secretKey, const std::string& binding) {
    return base64UrlEncode(hmacSha256(secretKey, "medassist:csrf:" + binding));
}

bool csrfValid(const std::string& secretKey, const std::string& binding, const std::string& token) {
    if (binding.empty() || token.empty()) return false;
    return constantTimeEquals(csrfToken(secretKey, binding), token);
}

}  // namespace medassist::security
