#pragma once
// The pages that run the practice (no JavaScript): for admins /admin/doctors (profiles,
// weekly hours, time off, a link to approval), /admin/settings and /admin/faq; for doctors
// /doctor/time-off. Errors sit next to their field with the entered values kept (422); a
// success is POST → 303 → GET. Unknown ids, and another doctor's time off, are 404.
#include "accounts/gate.hpp"
#include "admin/practice_admin_service.hpp"
#include "http/router.hpp"
#include "http/view.hpp"

namespace medassist::admin {

void addPracticeAdminPages(http::Router& router, accounts::Gate& gate, PracticeAdminService& service,
                           const http::View& view);

}  // namespace medassist::admin
