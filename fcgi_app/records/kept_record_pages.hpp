#pragma once
// The medical record kept after an erasure (issue 22, item 11), for the doctors who saw the
// patient, as pages only (no JSON twin: nothing of it goes through the API):
//   GET /doctor/kept-records        the kept records with a visit of this doctor
//   GET /doctor/kept-records/{id}   one record: its visits and notes (audited)
// Anyone else, and a record without a visit of this doctor, gets 404 like a missing record.
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "records/kept_records_service.hpp"

namespace medassist::records {

void addKeptRecordPages(http::Router& router, accounts::Gate& gate, KeptRecordsService& kept, const http::View& view);

}  // namespace medassist::records
