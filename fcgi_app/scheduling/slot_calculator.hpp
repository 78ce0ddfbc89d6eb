#pragma once
// Free slots and the booking rules as pure functions: weekly hours minus time off minus
// bookings, in the practice time zone, never in the past, inside the notice window or
// beyond the horizon. No database and no clock of its own: the service passes everything
// in, so the rules are tested exactly (tests/unit/scheduling).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "i18n/text.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::scheduling {

struct WeeklyHours {
    int weekday = 1;        // 1 = Monday ... 7 = Sunday
    int startMinute = 0;    // local minute of the day, inclusive
    int endMinute = 0;      // exclusive: a slot must end at or before it
    int slotMinutes = 30;
};

struct Interval {  // UTC epoch seconds, half-open [start, end)
    std::int64_t start = 0, end = 0;
};

struct Slot {
    std::int64_t start = 0, end = 0;
    bool operator==(const Slot&) const = default;
};

struct BookingPolicy {
    int horizonDays = 60;          // the last bookable local date is today + horizonDays
    int noticeMinutes = 120;       // a slot must start at least this long after now
    int cancelCutoffHours = 24;    // later cancellations and moves are refused
    int maxFutureBookings = 3;     // active bookings in the future per patient
};

// The free slots of one doctor for the local dates from..to (inclusive), sorted by start.
// Slots run from each block's start every slotMinutes while they fit in the block; a slot
// overlapping time off or a busy interval is dropped, as is one that starts before
// now + notice or on a date past the horizon. Local times that do not exist on a
// daylight-saving day are skipped; the day keeps its real length.
std::vector<Slot> freeSlots(const PracticeTime& clock, const std::vector<WeeklyHours>& hours,
                            const std::vector<Interval>& timeOff, const std::vector<Interval>& busy,
                            const LocalDate& from, const LocalDate& to, std::int64_t now,
                            const BookingPolicy& policy);

enum class BookingProblem { None, InPast, InsideNotice, BeyondHorizon, TooManyBookings };

// Whether a patient holding futureBookings active future bookings may book `start` now.
BookingProblem checkBooking(const PracticeTime& clock, std::int64_t start, std::int64_t now, int futureBookings,
                            const BookingPolicy& policy);

// True when an appointment starting at `start` can no longer be cancelled or moved online.
bool insideCutoff(std::int64_t start, std::int64_t now, const BookingPolicy& policy);

// What to tell the person about a problem, to be said in their language ("Appointments must
// be booked at least 2 h in advance."). Phrased so one form fits every number (the catalogs
// have no plural forms); the horizon names its last day, which clock and now give.
i18n::Text describe(BookingProblem problem, const BookingPolicy& policy, const PracticeTime& clock, std::int64_t now);

}  // namespace medassist::scheduling
