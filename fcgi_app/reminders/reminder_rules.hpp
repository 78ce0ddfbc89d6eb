#pragma once
// Which reminder of an appointment is due at a moment: pure, no clock of its own, no
// database, so the rules are tested alone (tests/unit/reminders) and the worker only asks.
//
//   - the first reminder `firstHours` before the start (0: the practice sends none), the
//     second `secondHours` before it when the practice turned it on;
//   - a reminder is due from its moment until the appointment starts, so a worker that was
//     down for a while still sends it late rather than never;
//   - when a later reminder's moment has come too, only the later one is sent (two mails in
//     one minute would say the same thing);
//   - an appointment booked or moved after a reminder's moment gets no such reminder: the
//     booking or move mail that just went out says the same.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace medassist::reminders {

enum class ReminderKind { First, Second };

// "first", "second": as the database stores them.
std::string kindName(ReminderKind kind);
std::optional<ReminderKind> kindFromName(const std::string& name);

struct ReminderSettings {
    int firstHours = 24;        // practice setting reminder_hours (0: no reminders)
    bool secondEnabled = false; // reminder_second_enabled
    int secondHours = 2;        // reminder_second_hours
    // The furthest ahead any reminder looks, in seconds (0: none).
    std::int64_t lookAheadSeconds() const;
};

// One booked appointment as the rules see it.
struct ReminderCandidate {
    std::int64_t start = 0;     // UTC epoch seconds
    std::int64_t fixedAt = 0;   // when it was booked or last moved (its current time set)
    std::vector<ReminderKind> sent;  // reminders already claimed for this start
};

// The reminder to send at `now`, if any.
std::optional<ReminderKind> dueReminder(const ReminderSettings& settings, const ReminderCandidate& c,
                                        std::int64_t now);

}  // namespace medassist::reminders
