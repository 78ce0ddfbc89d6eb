#pragma once
// TOTP (RFC 6238: SHA-1, 30-second steps, 6 digits) through liboath, so authenticator
// apps work unchanged. One step of clock drift is accepted either side.
#include <cstdint>
#include <optional>
#include <string>

namespace medassist::security {

struct TotpSecret {
    std::string raw;     // 20 random bytes (store encrypted)
    std::string base32;  // what the user types or scans
};

TotpSecret newTotpSecret();
// A stored secret (raw bytes) with its base32 form, e.g. a pending enrolment shown again.
TotpSecret totpSecretFromRaw(const std::string& raw);
std::optional<std::string> base32Decode(const std::string& text);

// The otpauth:// URI an authenticator app scans; label and issuer are percent-encoded.
std::string totpUri(const TotpSecret& secret, const std::string& issuer, const std::string& account);

std::string totpCode(const std::string& raw, std::int64_t now);
// The matched time step on success, so a caller can refuse the same code twice.
std::optional<std::int64_t> totpVerify(const std::string& raw, const std::string& code, std::int64_t now);

}  // namespace medassist::security
