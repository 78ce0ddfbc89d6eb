#pragma once
// The scheduling JSON API (signed in): specialties, doctors, free slots, and the caller's
// appointments (book, reschedule, cancel, .ics). Same service and rules as the pages.
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "scheduling/scheduling_service.hpp"

namespace medassist::scheduling {

void addSchedulingApiRoutes(http::Router& router, accounts::Gate& gate, SchedulingService& scheduling);

}  // namespace medassist::scheduling
