#pragma once
// Reminders on the pages (issue 23), plain HTML:
//   POST /account/reminders    a patient turns their reminder mails on or off → 303 /account
//   GET  /api/me/reminders     {"on": true|false}
//   PUT  /api/me/reminders     {"on": true|false} → 204 (422 per field otherwise)
// and the two parts other capabilities show without knowing this one: the section of the
// account page (accounts::AccountPageSection) and the marks on a doctor's schedule
// (scheduling::ReminderMarks).
#include "accounts/account_pages.hpp"
#include "accounts/gate.hpp"
#include "http/router.hpp"
#include "reminders/reminder_service.hpp"
#include "scheduling/doctor_pages.hpp"

namespace medassist::reminders {

void addReminderRoutes(http::Router& router, accounts::Gate& gate, ReminderService& service);

accounts::AccountPageSection reminderAccountSection(ReminderService& service);

scheduling::ReminderMarks reminderMarks(ReminderService& service);

}  // namespace medassist::reminders
