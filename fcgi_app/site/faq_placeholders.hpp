#pragma once
// One source of truth for the practice's facts (issue 22): an FAQ answer may embed the
// practice settings with placeholders an admin types, so an edit at /admin/settings shows in
// every answer at once instead of in a copy that goes stale:
//   {{hours}}            the whole week, days with the same hours together
//   {{hours.monday}} ... {{hours.sunday}}   one day's hours
//   {{address}}  {{phone}}  {{email}}
// The answer is stored with its placeholders and rendered where it is shown, from the
// current settings, in the answer's language (day names and "Closed" from the catalog).
#include <optional>
#include <string>
#include <vector>

#include "i18n/catalogs.hpp"
#include "site/practice_service.hpp"

namespace medassist::site {

// Every placeholder name an answer may use, without the braces, in the order the admin
// page lists them.
const std::vector<std::string>& faqPlaceholders();

// The first "{{...}}" in text that is not a known placeholder (as written, braces included),
// or "{{" without its "}}"; nullopt when every placeholder is known.
std::optional<std::string> unknownPlaceholder(const std::string& text);

// text with every known placeholder replaced by the practice's facts (info, already in the
// answer's language where an admin wrote one); anything else is left as written.
std::string renderFaqText(const std::string& text, const PracticeInfo& info, const i18n::Catalogs& catalogs,
                          const std::string& lang);

// The week's opening hours as one line: "Monday to Thursday 08:00–19:00, Friday 08:00–17:00,
// Saturday 09:00–12:30, Sunday: closed".
std::string weekHours(const PracticeInfo& info, const i18n::Catalogs& catalogs, const std::string& lang);

}  // namespace medassist::site
