#include "security/totp.hpp"

#include <liboath/oath.h>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "http/encoding.hpp"
#include "security/crypto_util.hpp"

namespace medassist::security {

namespace {
constexpr unsigned kStep = OATH_TOTP_DEFAULT_TIME_STEP_SIZE;
constexpr unsigned kDigits = 6;
constexpr std::size_t kWindow = 1;

void ensureInit() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK) throw CryptoError("liboath failed to initialise");
    });
}
}  // namespace

TotpSecret newTotpSecret() { return totpSecretFromRaw(randomBytes(20)); }

TotpSecret totpSecretFromRaw(const std::string& raw) {
    ensureInit();
    TotpSecret s;
    s.raw = raw;
    char* out = nullptr;
    size_t len = 0;
    if (oath_base32_encode(s.raw.data(), s.raw.size(), &out, &len) != OATH_OK) throw CryptoError("base32 failed");
    s.base32.assign(out, len);
    std::free(out);
    while (!s.base32.empty() && s.base32.back() == '=') s.base32.pop_back();
    return s;
}

std::optional<std::string> base32Decode(const std::string& text) {
    ensureInit();
    std::string clean;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) clean.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    while (clean.size() % 8) clean.push_back('=');
    char* out = nullptr;
    size_t len = 0;
    if (oath_base32_decode(clean.data(), clean.size(), &out, &len) != OATH_OK) return std::nullopt;
    std::string raw(out, len);
    std::free(out);
    return raw;
}

std::string totpUri(const TotpSecret& secret, const std::string& issuer, const std::string& account) {
    return "otpauth://totp/" + http::percentEncode(issuer) + ":" + http::percentEncode(account) +
           "?secret=" + secret.base32 + "&issuer=" + http::percentEncode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

std::string totpCode(const std::string& raw, std::int64_t now) {
    ensureInit();
    char code[kDigits + 1] = {};
    if (oath_totp_generate(raw.data(), raw.size(), static_cast<time_t>(now), kStep, 0, kDigits, code) != OATH_OK)
        throw CryptoError("TOTP generation failed");
    return code;
}

std::optional<std::int64_t> totpVerify(const std::string& raw, const std::string& code, std::int64_t now) {
    ensureInit();
    if (code.size() != kDigits) return std::nullopt;
    for (char c : code)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    int offset = 0;
    int rc = oath_totp_validate2(raw.data(), raw.size(), static_cast<time_t>(now), kStep, 0, kWindow, &offset, code.c_str());
    if (rc < 0) return std::nullopt;
    return now / kStep + offset;
}

}  // namespace medassist::security
