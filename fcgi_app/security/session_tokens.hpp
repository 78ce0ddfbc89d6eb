#pragma once
// Session tokens (seed 000): HS256 JWTs through Poco::JWT carrying sub, role, iat, exp,
// jti (128 random bits), pwv (the user's password version: a password change invalidates
// every older token) and auth_time (the sign-in, for the absolute lifetime). Only HS256
// under the configured key is accepted; "none", other algorithms, a bad signature, a
// changed claim or an expired token are rejected. Revocation (the jti denylist) and the
// idle timeout need the database and live in the accounts service.
#include <chrono>
#include <optional>
#include <string>

namespace medassist::security {

struct SessionClaims {
    std::string subject;  // user id
    std::string role;     // patient, caregiver, doctor, admin
    std::string jti;      // 32 hex characters
    int passwordVersion = 0;
    std::int64_t issuedAt = 0;   // seconds since the epoch
    std::int64_t expiresAt = 0;
    std::int64_t authTime = 0;   // first sign-in of this session chain
};

enum class TokenProblem { Malformed, BadSignature, WrongAlgorithm, Expired, MissingClaim };

struct TokenCheck {
    std::optional<SessionClaims> claims;
    std::optional<TokenProblem> problem;
};

class SessionTokens {
public:
    SessionTokens(std::string key, std::chrono::minutes lifetime);

    // A new token for a sign-in (authTime = now, a fresh jti) or a renewal (authTime and
    // jti kept, so revoking the jti at sign-out also ends every renewed copy).
    std::string issue(const std::string& subject, const std::string& role, int passwordVersion,
                      std::int64_t now, std::optional<std::int64_t> authTime = std::nullopt,
                      SessionClaims* issued = nullptr, const std::string& keepJti = "") const;

    TokenCheck verify(const std::string& token, std::int64_t now) const;

    static std::string newJti();

private:
    std::string key_;
    std::chrono::minutes lifetime_;
};

}  // namespace medassist::security
