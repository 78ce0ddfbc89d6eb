#pragma once
// The rules of reminders (issue 23), no SQL (ReminderStore) and no HTTP (reminder_routes):
// one pass of the worker at a given moment, the patient's choice to have them or not, and
// which appointments of a doctor's schedule were reminded.
//
// A pass reads the booked appointments starting within the longest reminder's lead, asks the
// pure rules (reminder_rules.hpp) which reminder each one is due, claims it in the database
// and only then hands the mail to the outbox. The claim makes it exactly once across every
// process and host; the outbox is in memory, so a process that dies between the claim and the
// delivery loses that one mail (it is never sent twice).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "mail/localized_mail.hpp"
#include "reminders/reminder_rules.hpp"
#include "reminders/reminder_store.hpp"
#include "site/practice_store.hpp"

namespace medassist::reminders {

struct PassReport {
    std::size_t due = 0;      // reminders due at the pass's moment
    std::size_t sent = 0;     // claimed by this pass and handed to the outbox
    std::size_t claimedElsewhere = 0;  // another process got there first, or it was cancelled or moved meanwhile
    std::size_t noAddress = 0;         // the patient's account has no address to write to, or is disabled
};

struct ReminderMailText {
    std::string subject, text;
};

// What a reminder says, in lang, its time in the practice's zone: when and with whom, links
// to move, cancel and add it to a calendar, and how to turn reminders off. Never the reason.
ReminderMailText reminderMail(const mail::LocalizedMail& mail, const std::string& lang, const UpcomingRow& row,
                              const std::string& zone, const std::string& phone, const std::string& publicUrl);

class ReminderService {
public:
    ReminderService(ReminderStore& store, site::PracticeStore& practice, accounts::AccountsService& accounts,
                    mail::LocalizedMail& mail, std::string publicUrl);

    // The practice's settings: reminder_hours, reminder_second_enabled, reminder_second_hours.
    ReminderSettings settings();

    // Sends every reminder due at `now` (UTC epoch seconds). Database faults propagate; what
    // was claimed before one stays claimed and sent.
    PassReport runPass(std::int64_t now);

    // A patient's own choice; other roles have none (false, and set does nothing).
    bool remindersOn(const accounts::Principal& who);
    void setRemindersOn(const accounts::Principal& who, bool on);

    // What the practice keeps about a patient's reminders, for their data export: whether they
    // are on, and every reminder mailed.
    struct PatientReminders {
        bool on = true;
        std::vector<SentReminder> sent;
    };
    PatientReminders ofPatient(std::int64_t patientId);

    // For a doctor's schedule: their appointments in [from, to) reminded at their current time.
    std::set<std::int64_t> reminded(const accounts::Principal& doctor, std::int64_t from, std::int64_t to);

private:
    ReminderStore& store_;
    site::PracticeStore& practice_;
    accounts::AccountsService& accounts_;
    mail::LocalizedMail& mail_;
    std::string publicUrl_;
};

}  // namespace medassist::reminders
