#pragma once
// Erasure, as a page and JSON (issue 5):
//   GET  /account/delete    what happens, the password and a typed confirmation
//   POST /account/delete    -> 303 /account/deleted (session cookie cleared), ?kept=1 when the
//                           medical record stays (issue 22, item 11); 422 with fields
//   GET  /account/deleted   the goodbye page (anyone), saying what stays when ?kept=1
//   DELETE /api/me          {"password", "confirmation": "delete my account"} -> 204; 422
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "privacy/erasure_service.hpp"

namespace medassist::privacy {

void addErasureRoutes(http::Router& router, accounts::Gate& gate, ErasureService& erasure, const http::View& view);

}  // namespace medassist::privacy
