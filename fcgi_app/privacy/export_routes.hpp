#pragma once
// Data export, as a page and JSON (issue 5):
//   GET  /account/export   asks for the password again
//   POST /account/export   the password -> the data as a readable page the browser can print
//                          (issue 22, item 9), with a form for the JSON file (no-store)
//   POST /account/export/file  that form (its grant, valid 10 minutes) -> the JSON file
//   GET  /api/me/export    the same document for an API client whose session was signed in
//                          with the password within the last 10 minutes (else 403
//                          REAUTH_REQUIRED: sign in again, then export)
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "privacy/export_service.hpp"

namespace medassist::privacy {

inline constexpr std::int64_t kExportReauthSeconds = 600;

void addExportRoutes(http::Router& router, accounts::Gate& gate, accounts::AccountsService& accounts,
                     ExportService& exports, const http::View& view);

}  // namespace medassist::privacy
