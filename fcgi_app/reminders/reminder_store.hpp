#pragma once
// SQL for reminders (issue 23): the booked appointments a pass looks at, the claim that makes
// each reminder go out once across every app process and host, the patients who turned
// reminders off, and which appointments of a doctor's schedule were reminded.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "reminders/reminder_rules.hpp"
#include "storage/pool.hpp"

namespace medassist::reminders {

// A booked appointment starting soon, with what its reminder says (when, with whom; never
// why: the reason is not read).
struct UpcomingRow {
    std::int64_t appointmentId = 0;
    std::int64_t patientId = 0;
    ReminderCandidate candidate;
    std::string doctorName, specialtyName;
};

// A reminder mailed to a patient, for their data export.
struct SentReminder {
    std::int64_t appointmentId = 0;
    ReminderKind kind = ReminderKind::First;
    std::int64_t forStart = 0, sentAt = 0;  // UTC epoch seconds
};

class ReminderStore {
public:
    explicit ReminderStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Booked appointments starting in (now, until] whose patient has reminders on, with the
    // reminders already claimed for their current start.
    std::vector<UpcomingRow> upcoming(std::int64_t now, std::int64_t until);

    // In one transaction: locks the appointment's row (so a cancel or move waits, or went
    // first), checks it is still booked at `start` for a patient with reminders on, and
    // inserts the (appointment, kind, start) row. True only for the one caller whose row went
    // in: another process that claimed it first, a cancel or a move make it false.
    bool claim(std::int64_t appointmentId, std::int64_t start, ReminderKind kind, std::int64_t now);

    // Every reminder claimed for the patient's appointments, oldest first.
    std::vector<SentReminder> sentToPatient(std::int64_t patientId);

    bool optedOut(std::int64_t patientId);
    void setOptedOut(std::int64_t patientId, bool off);

    // The doctor's appointments starting in [from, to) that had a reminder sent for the time
    // they have now.
    std::set<std::int64_t> remindedOfDoctor(std::int64_t doctorId, std::int64_t from, std::int64_t to);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::reminders
