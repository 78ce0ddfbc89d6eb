#pragma once
// The public pages of the practice and the health check.
#include "http/router.hpp"
#include "http/view.hpp"
#include "site/practice_service.hpp"
#include "storage/pool.hpp"

namespace medassist::site {

void addSiteRoutes(http::Router& router, const http::View& view, PracticeService& practice,
                   storage::ConnectionPool& pool);

}  // namespace medassist::site
