// The session-token reader (security/session_tokens) on any text a cookie or an
// Authorization header could carry: it must refuse without crashing, and nothing but a
// token signed with our key may ever be accepted.
#include <cstddef>
#include <cstdint>
#include <string>

#include "security/session_tokens.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const medassist::security::SessionTokens tokens(std::string(48, 'k'), std::chrono::minutes(30));
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto check = tokens.verify(input, 1'780'000'000);
    if (check.claims) __builtin_trap();  // a forged token was accepted
    return 0;
}
