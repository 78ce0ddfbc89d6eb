#include "security/session_tokens.hpp"

#include <algorithm>

#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include "security/crypto_util.hpp"

namespace medassist::security {

SessionTokens::SessionTokens(std::string key, std::chrono::minutes lifetime)
    : key_(std::move(key)), lifetime_(lifetime) {
    if (key_.size() < 32) throw std::invalid_argument("the JWT key must be at least 32 bytes");
}

std::string SessionTokens::newJti() { return hexEncode(randomBytes(16)); }

std::string SessionTokens::issue(const std::string& subject, const std::string& role, int passwordVersion,
                                 std::int64_t now, std::optional<std::int64_t> authTime,
                                 SessionClaims* issued, const std::string& keepJti) const {
    SessionClaims c;
    c.subject = subject;
    c.role = role;
    c.jti = keepJti.empty() ? newJti() : keepJti;
    c.passwordVersion = passwordVersion;
    c.issuedAt = now;
    c.expiresAt = now + std::chrono::duration_cast<std::chrono::seconds>(lifetime_).count();
    c.authTime = authTime.value_or(now);

    Poco::JWT::Token token;
    token.setType("JWT");
    token.setSubject(c.subject);
    token.setId(c.jti);
    token.setIssuedAt(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(c.issuedAt)));
    token.setExpiration(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(c.expiresAt)));
    token.payload().set("role", c.role);
    token.payload().set("pwv", c.passwordVersion);
    token.payload().set("auth_time", static_cast<Poco::Int64>(c.authTime));
    Poco::JWT::Signer signer(key_);
    std::string jwt = signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
    if (issued) *issued = c;
    return jwt;
}

TokenCheck SessionTokens::verify(const std::string& jwt, std::int64_t now) const {
    TokenCheck out;
    if (jwt.empty() || jwt.size() > 4096 || std::count(jwt.begin(), jwt.end(), '.') != 2) {
        out.problem = TokenProblem::Malformed;
        return out;
    }
    Poco::JWT::Signer signer(key_);  // accepts HS256 only unless told otherwise
    Poco::JWT::Token token;
    try {
        token = signer.verify(jwt);
    } catch (const Poco::JWT::UnallowedAlgorithmException&) {
        out.problem = TokenProblem::WrongAlgorithm;
        return out;
    } catch (const Poco::JWT::SignatureVerificationException&) {
        out.problem = TokenProblem::BadSignature;
        return out;
    } catch (const Poco::Exception&) {
        out.problem = TokenProblem::Malformed;
        return out;
    }
    if (token.getAlgorithm() != Poco::JWT::Signer::ALGO_HS256) {
        out.problem = TokenProblem::WrongAlgorithm;
        return out;
    }
    const auto& p = token.payload();
    if (!p.has("sub") || !p.has("jti") || !p.has("exp") || !p.has("iat") || !p.has("role") || !p.has("pwv") ||
        !p.has("auth_time")) {
        out.problem = TokenProblem::MissingClaim;
        return out;
    }
    SessionClaims c;
    try {
        c.subject = token.getSubject();
        c.jti = token.getId();
        c.role = p.getValue<std::string>("role");
        c.passwordVersion = p.getValue<int>("pwv");
        c.issuedAt = p.getValue<Poco::Int64>("iat");
        c.expiresAt = p.getValue<Poco::Int64>("exp");
        c.authTime = p.getValue<Poco::Int64>("auth_time");
    } catch (const Poco::Exception&) {
        out.problem = TokenProblem::Malformed;
        return out;
    }
    if (now >= c.expiresAt) {
        out.problem = TokenProblem::Expired;
        return out;
    }
    out.claims = std::move(c);
    return out;
}

}  // namespace medassist::security
