#pragma once
// CSRF tokens for forms: an HMAC of what the form is bound to (the session's jti, or a
// pre-session nonce for the sign-in and register forms), under the server's secret. No
// state to store; a token from another session never verifies.
#include <string>

namespace medassist::security {

std::string csrfToken(const std::string& secretKey, const std::string& binding);
bool csrfValid(const std::string& secretKey, const std::string& binding, const std::string& token);

}  // namespace medassist::security
