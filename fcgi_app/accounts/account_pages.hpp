#pragma once
// The plain-HTML account pages (no JavaScript): register, sign in (with the TOTP step and
// the first-time enrollment for doctors and admins), sign out, account (profile, password,
// two-step sign-in), forgot and reset password, and the admin's doctor approval; the welcome
// page a new patient or caregiver starts on, and the role's own page after signing in
// (landing.hpp) when no `next` asks for another. Errors
// sit next to their field with the entered values kept (never a password); a success is
// POST → 303 → GET.
#include "accounts/accounts_service.hpp"
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "privacy/consent_service.hpp"

namespace medassist::accounts {

// Registration also records a new patient's consent when they ticked its box (issue 5).
void addAccountPages(http::Router& router, Gate& gate, AccountsService& accounts, privacy::ConsentService& consent,
                     const http::View& view);

}  // namespace medassist::accounts
