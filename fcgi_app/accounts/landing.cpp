#include "accounts/landing.hpp"

namespace medassist::accounts {

std::string landingFor(const std::string& role, bool patientConsented) {
    if (role == "patient") return patientConsented ? "/appointments" : kWelcomePath;
    if (role == "caregiver") return "/appointments";
    if (role == "doctor") return "/doctor/schedule";
    if (role == "admin") return "/admin";
    return "/account";
}

}  // namespace medassist::accounts
