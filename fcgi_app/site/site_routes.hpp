#pragma once
// The public pages of the practice and the health check.
#include <functional>
#include <string>

#include "http/router.hpp"
#include "http/view.hpp"
#include "site/practice_service.hpp"
#include "storage/pool.hpp"

namespace medassist::site {

// Who is looking (for the navigation); the accounts Gate answers it, so this folder
// needs nothing from accounts/.
using VisitorLookup = std::function<http::Visitor(const http::Request&)>;
// Called by the language switcher with a language the app has: saves it on the account the
// request is signed in to (by its session cookie, SameSite=Strict, so a link from another
// site cannot change it); nothing for a visitor who is not signed in. main.cpp wires it to
// the accounts, so this folder still needs nothing from accounts/.
using LanguageSaver = std::function<void(const http::Request&, const std::string& lang)>;

void addSiteRoutes(http::Router& router, const http::View& view, PracticeService& practice,
                   storage::ConnectionPool& pool, VisitorLookup visitor = {}, LanguageSaver saveLanguage = {});

}  // namespace medassist::site
