#pragma once
// What the assistant understands of an utterance, as one JSON object a line: the output of
// `medassist-admin nlu`, for people checking the understanding by hand and for scripts.
//
//   {"text":"can I see Dr Rossi next Tuesday at 4.30pm","intent":"book_appointment",
//    "confidence":0.9731,"entities":[{"type":"date","value":"2026-03-10"},
//    {"type":"weekday","value":2},{"type":"time","value":"16:30"},{"type":"doctor","value":"12"}]}
//
// Entities, in this order, each present only when understood:
//   date (YYYY-MM-DD), date_range ("2026-03-09/2026-03-15", inclusive), weekday (1 = Monday
//   .. 7, when a day is named), reference_weekday (1..7, "Thursday's"), time (HH:MM, an exact
//   time), time_after / time_before (HH:MM), day_part (morning / afternoon / evening),
//   doctor (the id as a string; one entity per candidate, with "ambiguous":true when the
//   mention fits several), specialty (a slug), specialty_hint (a slug suggested by a symptom,
//   when no specialty was named), ordinal (1-based, -1 the last, -2 the one before).
// confidence is the model's probability for the intent, rounded to four decimals. Text that
// is not valid UTF-8 is echoed with U+FFFD in place of the bad bytes.
#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include "assistant/engine/entity_extractor.hpp"
#include "assistant/engine/guards.hpp"
#include "assistant/engine/intent_classifier.hpp"
#include "assistant/engine/nlu_eval.hpp"

namespace medassist::assistant::engine {

// The JSON object for one utterance, on one line (no newline at the end).
// With signals, an "about" list names what the grounding read in the message (provider, care,
// danger_sign, ...), which triage rule matched ("triage:chest_pain") and what the input guard
// found ("guard:person_name"), left out when empty.
std::string nluJson(const std::string& text, const IntentResult& intent, const Entities& entities,
                    const MessageSignals* signals = nullptr, const std::string& triageLabel = {},
                    const std::string& guardLabel = {});

// Reads utterances one a line (a trailing CR is dropped) and writes one JSON line for each,
// blank lines included so that output line N answers input line N; flushes after each line.
// The intent is the one a new conversation's turn acts on: classify's label grounded by
// triage() and the message's signals (understanding.hpp), as assistant.cpp does.
// Returns the number of lines answered.
std::size_t runNlu(std::istream& in, std::ostream& out, const ClassifyFn& classify, const DoctorMatcher& doctors,
                   const SpecialtyMatcher& specialties, const LocalDate& today, int nowMinute,
                   const DateSettings& settings = {});

// "2026-03-02T09:00" or "2026-03-02 09:00[:ss]": a local date and the minute of its day.
std::optional<std::pair<LocalDate, int>> parseLocalDateTime(const std::string& text);

}  // namespace medassist::assistant::engine
