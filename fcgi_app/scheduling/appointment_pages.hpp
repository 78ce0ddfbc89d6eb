#pragma once
// The patient's (and a caregiver's, acting for a patient) appointment pages, plain HTML:
//   GET  /appointments                      upcoming and past appointments
//   GET  /appointments/new                  the booking wizard: specialty or doctor → day →
//                                           time → reason (state in query parameters)
//   POST /appointments/new/confirm          reason → the confirmation page (a POST, so the
//   POST /appointments/new/reason           reason never sits in a URL); back to the reason
//   POST /appointments                      book → 303 /appointments?booked=<id>
//   GET|POST /appointments/{id}/cancel      confirm, then cancel → 303
//   GET|POST /appointments/{id}/reschedule  day → time of the same doctor, then move → 303
//   GET  /appointments/{id}/ics             the appointment as an iCalendar file
// Who may see which appointment is the service's decision; an id this visitor may not see
// answers 404 exactly like a missing one.
#include "accounts/caregiver_service.hpp"
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "scheduling/scheduling_service.hpp"

namespace medassist::scheduling {

void addAppointmentPages(http::Router& router, accounts::Gate& gate, SchedulingService& service,
                         accounts::CaregiverService& caregivers, const http::View& view);

}  // namespace medassist::scheduling
