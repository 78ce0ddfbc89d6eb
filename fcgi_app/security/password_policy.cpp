#include "security/password_policy.hpp"
#include "i18n/catalogs.hpp"

#include <zxcvbn.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "http/encoding.hpp"

namespace medassist::security {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::size_t codePoints(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// The email, its local part and domain, and every word of the name of at least 3 letters.
std::vector<std::string> personalTokens(const std::vector<std::string>& inputs) {
    std::vector<std::string> out;
    for (const auto& raw : inputs) {
        std::string in = lower(raw);
        if (in.size() >= 3) out.push_back(in);
        std::string token;
        for (char c : in + " ") {
            if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
                token.push_back(c);
            } else {
                if (token.size() >= 3) out.push_back(token);
                token.clear();
            }
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}
}  // namespace

int passwordScore(const std::string& password, const std::vector<std::string>& userInputs) {
    auto tokens = personalTokens(userInputs);
    std::vector<const char*> dict;
    for (const auto& t : tokens) dict.push_back(t.c_str());
    dict.push_back(nullptr);
    double bits = ZxcvbnMatch(password.c_str(), dict.data(), nullptr);
    double log10Guesses = bits * std::log10(2.0);
    if (log10Guesses < 3) return 0;
    if (log10Guesses < 6) return 1;
    if (log10Guesses < 8) return 2;
    if (log10Guesses < 10) return 3;
    return 4;
}

PasswordCheck checkPassword(const std::string& password, const std::vector<std::string>& userInputs) {
    PasswordCheck r;
    if (!http::isValidUtf8(password) || password.find('\0') != std::string::npos) {
        r.reason = i18n::N_("The password contains characters we cannot accept.");
        return r;
    }
    const std::size_t length = codePoints(password);
    if (length < 12) {
        r.reason = i18n::N_("Use at least 12 characters. A few unrelated words make a strong, memorable password.");
        return r;
    }
    if (length > 128) {
        r.reason = i18n::N_("Use at most 128 characters.");
        return r;
    }
    const std::string lowered = lower(password);
    for (const auto& token : personalTokens(userInputs)) {
        if (token.size() >= 4 && lowered.find(token) != std::string::npos) {
            r.reason = i18n::N_("The password must not contain your email address or your name.");
            return r;
        }
    }
    r.score = passwordScore(password, userInputs);
    if (r.score < 3) {
        r.reason = i18n::N_("This password is too easy to guess. Avoid common words, names, dates and keyboard patterns; "
                   "a few unrelated words work well.");
        return r;
    }
    r.ok = true;
    return r;
}

}  // namespace medassist::security
