#pragma once
// GET /admin/security: the security review (admin/security_review.hpp), filtered by the
// query string (event, network, from, to); a bad date is named on the page.
#include "accounts/gate.hpp"
#include "admin/security_review.hpp"
#include "http/router.hpp"
#include "http/view.hpp"

namespace medassist::admin {

void addSecurityReviewPages(http::Router& router, accounts::Gate& gate, SecurityReviewService& review,
                            const http::View& view);

}  // namespace medassist::admin
