#pragma once
// Dates and times in a patient's own words ("next Tuesday afternoon", "12/03 at 9.30",
// "mornings next week if possible") as plain values for the dialogue. Pure: no clock of its
// own (today and the minute of the day come from the caller, in the practice's time zone),
// no locale, no I/O, no regular expressions; one call is a few microseconds.
//
// How text is read
// - Case-insensitive; punctuation and extra spaces are tolerated; apostrophes are dropped
//   ("o'clock" = "oclock") except a possessive "'s"; common typos and short forms are
//   mended first ("tomorow", "tmrw", "wendesday", "thurs", "tues", "sept"), longer names of
//   days and months also within one or two edits.
// - Rules are tried left to right and each match consumes its words, whose byte ranges are
//   returned in `spans` so the other extractors (doctors, slot picks, ...) can skip them.
//
// Days
// - today, tonight (today + Evening), this morning / afternoon / evening (today + part),
//   tomorrow, the day after tomorrow, yesterday, last night (yesterday). Past days are still
//   returned; the dialogue is the one that refuses them.
// - in N days / weeks / months (also "after N ...", "N ... from now", "a fortnight",
//   "a couple of"): one date (months keep the day of the month, clamped to the month's end).
//   "a week from today" = +7, "a week from tomorrow" = +8. "in N hours / an hour / half an
//   hour / N minutes" = a date and an exact minute from nowMinute; "later today" = today,
//   after = nowMinute. "N days / weeks ago" is consumed but sets nothing.
// - Weekdays, today being that weekday or not:
//     "Tuesday", "on Tuesday", "coming Tuesday": the next Tuesday strictly after today
//                                                (said on a Monday, "Monday" is in 7 days)
//     "this Tuesday": today when today is Tuesday, else Tuesday of this ISO week when still
//                     ahead, else the next one
//     "next Tuesday": Tuesday of the next ISO week (Monday-based), even when this week's
//                     Tuesday is still ahead
//     "last Tuesday": the one strictly before today
//     "Tuesday week": the bare Tuesday + 7 days
//     a bare weekday next to a week range ("Thursday next week") is that day of the range.
//   Three-letter "sat", "sun", "wed", "mon" are real words too, so they count only after
//   on/this/next/by/until/do/about/try/say/maybe/prefer, before a number, am/pm or a part of
//   the day, next to another weekday ("sat or sun"), or as the whole message.
//   "by Friday" / "until Friday" read as Friday itself: a deadline is the dialogue's call.
// - Calendar dates: "the 13th", "on the 13", "13th" (this month when not yet past, else the
//   next month that has that day), "March 7th", "7 March", "7th of March", "Mar 7",
//   "march 7, 2027", "the second of May", "2026-03-10", "12/03", "12/03/2027", "12.03.",
//   "12.03.2027", "12-03-2027". Numeric day/month order follows DateSettings::dayFirst; an
//   impossible date (31/04, 29/02/2027) is ignored, never swapped or clamped. Without a year
//   a date already past this year is next year's (29 February: the next leap year).
//   With a year the date is returned as written, past or not.
//   "12.03" with no trailing dot and no "on"/"the" before it is read as the time 12:03.
//   A month name needs a day number beside it ("May 5", "5 may"): "I may come" and "march"
//   are not months. Word ordinals alone ("the second one", "the first") and digit ordinals
//   followed by one/option/slot/choice ("the 2nd one") are slot picks, not dates.
// - When several days are named, a today-or-later one beats a past one, a calendar or
//   relative day beats one that came from a weekday, and otherwise the last one written wins
//   (people correct themselves: "Monday, no, Tuesday").
//
// Weekday fields
// - `weekday` is the weekday of the chosen weekday phrase, else the last weekday named.
//   Next to a calendar date ("Tuesday the 10th") `date` comes from the calendar date and
//   `weekday` says what was named: compare with isoWeekday(date) to catch a mismatch.
// - A possessive or attributive weekday ("Thursday's", "my Thursday appointment", "the Friday
//   one") names an existing appointment: it sets `referenceWeekday` (and `weekday` when no
//   other weekday is named) but never `date`. So "move Thursday's to next week" gives
//   weekday = referenceWeekday = 4, no date, range = next week.
// - "not Monday", "except Friday", "can't do Mondays", "not tomorrow", "no mornings" are
//   consumed; a negated morning sets after = 12:00, a negated evening before = 17:00; nothing
//   else is set for negations (so "no, Friday" is still Friday: the comma ends the negation).
//
// Ranges (inclusive, never starting before today)
//   this week          today .. Sunday              next week       Mon .. Sun of next week
//   the week after next Mon .. Sun two weeks on      early next week  Mon .. Wed of next week
//   mid / middle of next week Tue .. Thu             end of next week Thu .. Fri of next week
//   end of the week    Thu .. Fri of this week (from today; on a weekend: next week's)
//   later this week    tomorrow .. Sunday            early this week  today .. Wednesday
//   this weekend, the weekend, at / on / over the weekend: the coming Saturday .. Sunday
//   next weekend       Sat .. Sun of next week
//   in the next few days, the coming days: tomorrow .. today+3;  in a few days: today+2 .. +4
//   the next N days    tomorrow .. today+N           within N days / a week: today .. +N
//   this month         today .. end of month         later this month  tomorrow .. end of month
//   end of the month   the last 7 days of the month  next month  all of it; early next month 1..10
//   in / during April  the month's next occurrence (early 1..10, mid 11..20, late / end of 21..)
// A range already wholly past ("early this week" on a Thursday, "later this month" on its
// last day) is consumed and sets nothing. When a range and a date are both found, the date is
// the more precise wish. Several ranges: the last one written wins.
//
// Times (minutes of the local day)
// - exact: "9am", "9 a.m.", "9:30", "9.30", "09:30", "21:30", "10h30", "at 9", "9 o'clock",
//   "half past 4", "quarter past 10", "quarter to 11", "twenty to 5", "half four" (British:
//   4:30), "nine thirty", "noon", "midday", "midnight", "around 10", "10ish".
// - after: "after 5pm", "after 5", "from 2pm", "not before 10", "no earlier than 10".
//   before: "before 10am", "by 5", "until 4", "no later than 4", "not after 4".
//   Both: "between 2 and 4", "from 2 to 4", "9-11am", lunchtime / at lunch (12:00..14:00).
//   "after lunch" after = 14:00, "before lunch" before = 12:00, "after school" after = 16:00.
//   `after` is the earliest acceptable start (inclusive), `before` the latest (exclusive).
// - A bare number is a time only after a time word (at, after, before, by, until, from,
//   around, between) or with am/pm, o'clock, "-ish" or "in the morning / afternoon /
//   evening", "at night"; and never when a unit or another number follows ("after 5 days",
//   "at 333 123 4567"). Times with ':' or 'h' need no cue; with '.' ("9.30") they need a cue
//   or to end the phrase, and never follow a currency sign.
// - An hour 1..11 written without am/pm, a day part or a leading zero is ambiguous. When the
//   text names a part of the day it decides ("tonight at 8" = 20:00, "Monday morning at 7" =
//   7:00); otherwise, for a medical practice, 1..7 means 13:00..19:00 and 8..11 the morning.
//   "between 7 and 9" is kept in order (7:00..9:00), not read as 19:00..9:00.
// - Parts of the day: morning(s) / in the morning = Morning [0:00, 12:00), afternoon =
//   Afternoon [12:00, 17:00), evening / night / after work = Evening [17:00, 24:00).
//   early morning before 9:00, late morning after 10:00, early afternoon before 14:00,
//   late afternoon after 15:00, early evening before 19:00, late evening after 19:00,
//   first thing (in the morning) before 9:00, before work = Morning, before 9:00.
//   "good morning" is a greeting and sets nothing. A time's own qualifier ("half past 4 in
//   the afternoon") also sets `part`.
//
// Italian (the same rules and the same results; accents optional, typos of the longer words)
// - Its words are read as the English ones: oggi, domani, dopodomani, stamattina, stasera,
//   lunedì..domenica (lun, mer, gio, ven, sab, dom only in company, as "sat"), gennaio..dicembre,
//   mattina / pomeriggio / sera / notte, alle / ore / h = at, dopo = after, prima (delle) =
//   before, entro = by, verso = around, dalle .. alle = from .. to, tra / fra le .. e le =
//   between, fra / tra 3 giorni = in 3 days, mezzogiorno, pranzo, non, tranne.
// - Italian word order: "venerdì prossimo" = next Friday (next week's, as in English), "la
//   settimana prossima", "il mese prossimo", "mattina presto" = early morning, "domani presto"
//   = tomorrow early morning, "tardo / primo pomeriggio" = late / early afternoon, "alle 3 del
//   pomeriggio", "fine settimana" = weekend, "fine mese", "inizio della settimana prossima".
// - "il 15", "l'8", "martedì 10", "1° aprile", "il primo aprile" are days of the month, as "the
//   15th"; "il 3 del mese prossimo", "il 10 di questo mese" as in English. "a marzo", "a
//   maggio" are months (never the verbs). "mar" stays March: Tuesday is "martedì" or "mart".
// - Minutes: "alle 10 e mezza", "e un quarto", "e tre quarti", "alle 11 meno un quarto",
//   "meno 10"; "alle 9 e 30" only after a cue. A bare "le 9" is a time only where nothing
//   odd follows ("sono le 3 ricette" is not).
// - "l'appuntamento di giovedì", "quello di venerdì" name a booked appointment, as "Thursday's".
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scheduling/practice_time.hpp"

namespace medassist::assistant::engine {

using scheduling::LocalDate;

struct DateRange {
    LocalDate from, to;  // inclusive
    auto operator<=>(const DateRange&) const = default;
};

enum class DayPart { Any, Morning, Afternoon, Evening };

struct TimeConstraint {                // minutes of the local day, 0..1439
    std::optional<int> exact;          // "at 9:30" -> 570, "half past 4 in the afternoon" -> 990
    std::optional<int> after, before;  // "after 5pm" -> after 1020; "before 10" -> before 600
    DayPart part = DayPart::Any;       // "in the morning", "mornings if possible"
};

struct DateTimeEntities {
    std::optional<LocalDate> date;        // one specific day
    std::optional<DateRange> range;       // "next week", "this weekend", "in the next few days"
    std::optional<int> weekday;           // 1 = Monday .. 7 = Sunday, when the text names one
    std::optional<int> referenceWeekday;  // "Thursday's", "my Friday appointment"
    TimeConstraint time;
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // consumed bytes [first, second)

    // Nothing about dates or times was understood (spans may still hold consumed history,
    // "2 weeks ago", or a greeting, "good morning").
    bool empty() const {
        return !date && !range && !weekday && !referenceWeekday && !time.exact && !time.after && !time.before &&
               time.part == DayPart::Any;
    }
};

struct DateSettings {
    bool dayFirst = true;  // "12/03" = 12 March (the practice is in Italy); false: 3 December
    int afternoonStart = 14 * 60;  // "in the afternoon" looks from here (practice setting assistant.afternoon_start)
};

// The minutes [first, second) a part of the day covers; Any is the whole day.
std::pair<int, int> dayPartWindow(DayPart part, const DateSettings& settings = {});

// today: the practice's local date; nowMinute: minutes since its local midnight (0..1439).
DateTimeEntities extractDateTime(const std::string& text, const LocalDate& today, int nowMinute,
                                 const DateSettings& settings = {});

}  // namespace medassist::assistant::engine
