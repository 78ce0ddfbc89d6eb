#pragma once
// What a new password must be: 12 to 128 characters, no composition rules, a zxcvbn
// score of at least 3, and not containing the account's email or name. The reason is
// returned so the page can tell the user exactly what to change.
#include <optional>
#include <string>
#include <vector>

namespace medassist::security {

struct PasswordCheck {
    bool ok = false;
    std::string reason;  // empty when ok
    int score = 0;       // zxcvbn 0..4
};

// userInputs: the email, the name and their parts, which must not appear in the password.
PasswordCheck checkPassword(const std::string& password, const std::vector<std::string>& userInputs);

// zxcvbn's 0..4 score (guesses < 10^3, 10^6, 10^8, 10^10, above).
int passwordScore(const std::string& password, const std::vector<std::string>& userInputs);

}  // namespace medassist::security
