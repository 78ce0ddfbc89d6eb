#pragma once
// The plain-HTML account pages (no JavaScript): register, sign in (with the TOTP step and
// the first-time enrollment for doctors and admins), sign out, account (profile, password,
// two-step sign-in), forgot and reset password, and the admin's doctor approval; the welcome
// page a new patient or caregiver starts on, and the role's own page after signing in
// (landing.hpp) when no `next` asks for another. Errors
// sit next to their field with the entered values kept (never a password); a success is
// POST → 303 → GET.
#include <functional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "privacy/consent_service.hpp"

namespace medassist::accounts {

// A part of the account page another capability owns (reminders, issue 23), so accounts/
// needs to know nothing of it: `fill` adds its variables to the page's data for the signed-in
// person, and `savedText` says what ?saved=<key> means when the key is its own ("" when not).
// Its form posts to that capability's own route, which redirects back here.
struct AccountPageSection {
    std::function<void(const Context&, http::TemplateData&)> fill;
    std::function<std::string(const Context&, const std::string& saved)> savedText;
};

// Registration also records a new patient's consent when they ticked its box (issue 5).
// `sections` must outlive the router (main.cpp keeps them).
void addAccountPages(http::Router& router, Gate& gate, AccountsService& accounts, privacy::ConsentService& consent,
                     const http::View& view, const std::vector<AccountPageSection>& sections);

}  // namespace medassist::accounts
