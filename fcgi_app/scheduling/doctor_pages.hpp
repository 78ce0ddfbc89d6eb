#pragma once
// A doctor's own schedule, plain HTML:
//   GET  /doctor/schedule?view=day|week&date=YYYY-MM-DD   a day, or Monday..Sunday of a week
//   POST /doctor/appointments/{id}/outcome                 completed or no-show → 303
// Only the doctor's own appointments exist here; any other id answers 404.
#include <cstdint>
#include <functional>
#include <set>

#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "records/visit_notes_service.hpp"
#include "scheduling/scheduling_service.hpp"

namespace medassist::scheduling {

// Which of the doctor's appointments starting in [from, to) had a reminder mailed for the
// time they have now (issue 23): the reminders capability answers, so scheduling/ knows
// nothing of its tables. An empty function shows no marks.
using ReminderMarks = std::function<std::set<std::int64_t>(const Principal& doctor, std::int64_t from, std::int64_t to)>;

// `reminded` must outlive the router (main.cpp keeps it).
void addDoctorPages(http::Router& router, accounts::Gate& gate, SchedulingService& service,
                    records::VisitNotesService& notes, const http::View& view, const ReminderMarks& reminded);

}  // namespace medassist::scheduling
