#pragma once
// The staff inbox for admins:
//   GET  /admin/inbox                 messages patients asked the assistant to pass on, newest first
//   POST /admin/inbox/{id}/handled    marks one handled
// Admins only; the text is the patient's own message to the practice, shown decrypted with
// their name and email so staff can answer.
#include "accounts/gate.hpp"
#include "assistant/staff_inbox_service.hpp"
#include "http/router.hpp"
#include "http/view.hpp"

namespace medassist::assistant {

void addStaffInboxPages(http::Router& router, accounts::Gate& gate, StaffInboxService& inbox, const http::View& view);

}  // namespace medassist::assistant
