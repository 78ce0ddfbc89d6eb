#pragma once
// How the assistant writes, in the conversation's language (language.hpp): dates and times in
// the practice's zone ("Tuesday 3 March", "martedì 3 marzo", "09:30", 24-hour), slots and appointments as one line, the wishes it searched for, and
// whose appointment it is (a caregiver reads "Maria's appointment", a patient "your").
// Pure: the clock and the zone come from the caller.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "assistant/engine/datetime_parser.hpp"
#include "assistant/engine/language.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::assistant::engine {

// The pieces joined in one string ("1", ". ", a line). Also sidesteps GCC 12's false
// -Wrestrict on "literal" + std::string&&.
inline void appendPiece(std::string& out, std::string_view piece) { out.append(piece); }
inline void appendPiece(std::string& out, char piece) { out += piece; }
template <typename... Pieces>
std::string cat(const Pieces&... pieces) {
    std::string out;
    (appendPiece(out, pieces), ...);
    return out;
}

// "1. Tuesday 3 March at 09:30 with ..." : a numbered line of a list, with its newline first.
inline std::string numberedLine(int n, const std::string& line) { return cat("\n", std::to_string(n), ". ", line); }

std::string weekdayName(int isoWeekday);  // 1 -> "Monday" (English: the tests' and logs' names)
std::string clockTime(int minuteOfDay);   // 570 -> "09:30"
// "Tuesday 3 March", "martedì 3 marzo"; the year is added when it is not today's
// ("Tuesday 2 March 2027").
std::string longDay(const ReplyLanguage& lang, const LocalDate& day, const LocalDate& today);
std::string shortDay(const ReplyLanguage& lang, const LocalDate& day);  // "Tue 3 Mar", "mar 3 mar"

// "in the morning", "after 17:00", "at 09:30", "between 14:00 and 16:00"; "" for no wish.
std::string timeWishText(const ReplyLanguage& lang, const TimeConstraint& time);
// "on Tuesday 3 March", "between Monday 9 March and Sunday 15 March", plus "on Tuesdays".
std::string dayWishText(const ReplyLanguage& lang, const std::optional<LocalDate>& from,
                        const std::optional<LocalDate>& to, const std::optional<int>& weekday,
                        const LocalDate& today);

// "a dermatologist", "a GP", "a paediatrician", "a cardiologist"; else "a doctor in <name>".
std::string specialistNoun(const ReplyLanguage& lang, const std::string& slug, const std::string& name);
// "dermatologists", "GPs", ...; else "doctors in <name>".
std::string specialistsNoun(const ReplyLanguage& lang, const std::string& slug, const std::string& name);

// Text the patient asked us to keep (a reason, a message for staff): valid UTF-8, control
// characters as spaces, runs of spaces as one, trimmed, at most maxBytes (cut between
// characters, never inside one).
std::string cleanText(const std::string& text, std::size_t maxBytes);

// Whose appointments these are: a caregiver reads "Maria's appointment", a patient "your";
// each sentence is its own text in both forms (languages say them differently).
struct Voice {
    bool caregiver = false;
    std::string name;  // the subject's first name
};

// The one line for a time with a doctor: "Tuesday 3 March at 09:30 with Dr. Giulia Rossi".
std::string slotLine(const ReplyLanguage& lang, const scheduling::PracticeTime& zone, std::int64_t start,
                     const std::string& doctorName, const LocalDate& today);
// "Tuesday 3 March at 09:30" (no doctor).
std::string dayAndTime(const ReplyLanguage& lang, const scheduling::PracticeTime& zone, std::int64_t start,
                       const LocalDate& today);
// The button label for it: "Tue 3 Mar, 09:30 with Dr. Giulia Rossi".
std::string slotLabel(const ReplyLanguage& lang, const scheduling::PracticeTime& zone, std::int64_t start,
                      const std::string& doctorName);

}  // namespace medassist::assistant::engine
