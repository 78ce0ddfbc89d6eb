#pragma once
// Where a person lands after signing in when no page asked to be returned to (no `next`):
// the page of their work, not the account page's forms. A patient who has not yet given
// consent to store medical information lands on the welcome page, whose first step asks for
// it (neither the chat nor a visit's reason works without it); a patient who has, on their
// appointments. A caregiver on the appointments (which first asks whom they act for), a
// doctor on the schedule, an administrator on the administration pages.
#include <string>

namespace medassist::accounts {

inline constexpr const char* kWelcomePath = "/welcome";

std::string landingFor(const std::string& role, bool patientConsented);

}  // namespace medassist::accounts
