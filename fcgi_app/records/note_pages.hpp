#pragma once
// Visit notes as plain-HTML pages and their JSON twins:
//   GET  /notes                                 the patient's notes (a caregiver: the patient
//                                               they act for, when allowed to read notes)
//   GET|POST /doctor/appointments/{id}/note     the treating doctor writes or edits a note
//   GET  /doctor/patients/{patientId}/notes     a patient's notes, for a doctor who treated them
//   GET  /api/notes[?patient_id=]               the same list as JSON
//   POST /api/appointments/{id}/note {"text"}   write or replace a note (201 new, 200 replaced)
// Whatever the visitor may not read answers 404, exactly like a missing record.
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "records/visit_notes_service.hpp"

namespace medassist::records {

void addVisitNotePages(http::Router& router, accounts::Gate& gate, VisitNotesService& notes, const http::View& view);

}  // namespace medassist::records
