#pragma once
// The seed's JSON auth API (/auth/...): register, login, me, logout, forgot and reset
// password, update my password; plus the admin's doctor approval (/api/admin/...).
#include "accounts/accounts_service.hpp"
#include "accounts/gate.hpp"
#include "http/router.hpp"

namespace medassist::accounts {

void addAuthApiRoutes(http::Router& router, Gate& gate, AccountsService& accounts);

}  // namespace medassist::accounts
