#pragma once
// A doctor's own schedule, plain HTML:
//   GET  /doctor/schedule?view=day|week&date=YYYY-MM-DD   a day, or Monday..Sunday of a week
//   POST /doctor/appointments/{id}/outcome                 completed or no-show → 303
// Only the doctor's own appointments exist here; any other id answers 404.
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "records/visit_notes_service.hpp"
#include "scheduling/scheduling_service.hpp"

namespace medassist::scheduling {

void addDoctorPages(http::Router& router, accounts::Gate& gate, SchedulingService& service,
                    records::VisitNotesService& notes, const http::View& view);

}  // namespace medassist::scheduling
