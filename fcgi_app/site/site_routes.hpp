#pragma once
// The public pages of the practice and the health check.
#include <functional>

#include "http/router.hpp"
#include "http/view.hpp"
#include "site/practice_service.hpp"
#include "storage/pool.hpp"

namespace medassist::site {

// Who is looking (for the navigation); the accounts Gate answers it, so this folder
// needs nothing from accounts/.
using VisitorLookup = std::function<http::Visitor(const http::Request&)>;

void addSiteRoutes(http::Router& router, const http::View& view, PracticeService& practice,
                   storage::ConnectionPool& pool, VisitorLookup visitor = {});

}  // namespace medassist::site
