#include "scheduling/slot_calculator.hpp"

#include "i18n/catalogs.hpp"

#include <algorithm>

namespace medassist::scheduling {

namespace {

// Far more than the service ever asks for (about two months); bounds the work for any input.
constexpr int kMaxDays = 400;

// Sorted, merged, non-empty intervals, so one binary search tells whether a slot is blocked.
std::vector<Interval> mergeBlocked(const std::vector<Interval>& a, const std::vector<Interval>& b) {
    std::vector<Interval> all;
    all.reserve(a.size() + b.size());
    for (const auto* list : {&a, &b})
        for (const auto& i : *list)
            if (i.end > i.start) all.push_back(i);
    std::sort(all.begin(), all.end(), [](const Interval& x, const Interval& y) { return x.start < y.start; });
    std::vector<Interval> merged;
    for (const auto& i : all) {
        if (!merged.empty() && i.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, i.end);
        else
            merged.push_back(i);
    }
    return merged;
}

bool overlapsAny(const std::vector<Interval>& merged, std::int64_t start, std::int64_t end) {
    // The last interval starting before the slot ends is the only one that can overlap it.
    auto it = std::lower_bound(merged.begin(), merged.end(), end,
                               [](const Interval& i, std::int64_t value) { return i.start < value; });
    if (it == merged.begin()) return false;
    return std::prev(it)->end > start;
}

}  // namespace

std::vector<Slot> freeSlots(const PracticeTime& clock, const std::vector<WeeklyHours>& hours,
                            const std::vector<Interval>& timeOff, const std::vector<Interval>& busy,
                            const LocalDate& from, const LocalDate& to, std::int64_t now,
                            const BookingPolicy& policy) {
    std::vector<Slot> slots;
    const LocalDate today = clock.dateOf(now);
    const LocalDate lastBookable = addDays(today, policy.horizonDays);
    const std::int64_t earliestStart = now + static_cast<std::int64_t>(policy.noticeMinutes) * 60;
    const auto blocked = mergeBlocked(timeOff, busy);

    const int days = std::min(daysBetween(from, to), kMaxDays);
    for (int offset = 0; offset <= days; ++offset) {
        const LocalDate day = addDays(from, offset);
        if (day > lastBookable) break;
        if (day < today) continue;  // every time on an earlier date is already past
        const int weekday = isoWeekday(day);
        for (const auto& block : hours) {
            if (block.weekday != weekday || block.slotMinutes <= 0) continue;
            const int blockStart = std::max(block.startMinute, 0);
            const int blockEnd = std::min(block.endMinute, 1440);
            const std::int64_t length = static_cast<std::int64_t>(block.slotMinutes) * 60;
            for (int minute = blockStart; minute + block.slotMinutes <= blockEnd; minute += block.slotMinutes) {
                auto start = clock.toInstant(day, minute);
                auto localEnd = clock.toInstant(day, minute + block.slotMinutes);
                if (!start || !localEnd) continue;  // a wall-clock time skipped when clocks go forward
                // An appointment lasts its real length. Where clocks go back, the wall-clock end
                // of a slot in the repeated hour resolves an hour late (02:30 CEST to 03:00 CET is
                // 90 minutes), so the end is taken from the start; the repeated hour is offered
                // once, as its first pass. A slot whose real length does not fit between its
                // wall-clock start and end (one spanning the skipped hour) is dropped.
                const std::int64_t end = *start + length;
                if (end > *localEnd) continue;
                if (*start < earliestStart || overlapsAny(blocked, *start, end)) continue;
                slots.push_back({*start, end});
            }
        }
    }
    std::sort(slots.begin(), slots.end(),
              [](const Slot& a, const Slot& b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    return slots;
}

BookingProblem checkBooking(const PracticeTime& clock, std::int64_t start, std::int64_t now, int futureBookings,
                            const BookingPolicy& policy) {
    if (start <= now) return BookingProblem::InPast;
    if (start < now + static_cast<std::int64_t>(policy.noticeMinutes) * 60) return BookingProblem::InsideNotice;
    if (daysBetween(clock.dateOf(now), clock.dateOf(start)) > policy.horizonDays) return BookingProblem::BeyondHorizon;
    if (futureBookings >= policy.maxFutureBookings) return BookingProblem::TooManyBookings;
    return BookingProblem::None;
}

bool insideCutoff(std::int64_t start, std::int64_t now, const BookingPolicy& policy) {
    return start - now < static_cast<std::int64_t>(policy.cancelCutoffHours) * 3600;
}

i18n::Text describe(BookingProblem problem, const BookingPolicy& policy, const PracticeTime& clock, std::int64_t now) {
    using i18n::Arg;
    using i18n::N_;
    switch (problem) {
        case BookingProblem::None: break;
        case BookingProblem::InPast: return N_("That time has already passed.");
        case BookingProblem::InsideNotice:
            if (policy.noticeMinutes % 60 == 0)
                return {N_("Appointments must be booked at least {1} h in advance."), {Arg::number(policy.noticeMinutes / 60)}};
            return {N_("Appointments must be booked at least {1} min in advance."), {Arg::number(policy.noticeMinutes)}};
        case BookingProblem::BeyondHorizon: {
            // Noon of the last bookable day: a moment that exists on every day, whatever the clocks do.
            const auto last = clock.toInstant(addDays(clock.dateOf(now), policy.horizonDays), 12 * 60);
            return {N_("That date is too far ahead: appointments can be booked up to {1}."),
                    {Arg::day(last.value_or(now + std::int64_t{policy.horizonDays} * 86400), clock.zoneName())}};
        }
        case BookingProblem::TooManyBookings:
            return {N_("You already have the most upcoming appointments the practice allows at once ({1}). Cancel one to "
                       "book another."),
                    {Arg::number(policy.maxFutureBookings)}};
    }
    return {};
}

}  // namespace medassist::scheduling
