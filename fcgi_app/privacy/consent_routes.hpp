#pragma once
// Consent, as pages and JSON (issue 5):
//   GET  /consent                  the current text, for anyone (linked from registration)
//   GET  /account/consent          the text, the patient's status, agree or withdraw
//   POST /account/consent          agree (an unticked box by default) -> 303
//   POST /account/consent/withdraw -> 303
//   GET  /api/consent              {"version", "text"}
//   POST /api/me/consent           {"version", "agree": true} -> 204; 422 with field errors
//   DELETE /api/me/consent         withdraw -> 204
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "privacy/consent_service.hpp"

namespace medassist::privacy {

void addConsentRoutes(http::Router& router, accounts::Gate& gate, ConsentService& consent, const http::View& view);

}  // namespace medassist::privacy
