#pragma once
// What text shown to someone else may not contain (issue 16): characters that change how the
// text around them is displayed without being seen themselves. A name with U+202E (right-to-
// left override) reads backwards on a doctor's schedule; U+2028 or U+0085 break a line where
// the page expects none. Refused with a clear 422 by each field's validation, never repaired.
#include <string_view>

namespace medassist::common {

// True when `utf8` holds a Unicode format character (general category Cf: bidirectional
// overrides and isolates, zero-width characters, ...), a line or paragraph separator (Zl,
// Zp), or a control character (Cc: C0, DEL, C1 such as U+0085). With allowLineBreaks, "\n",
// "\r" and "\t" pass (multi-line fields). Text that is not valid UTF-8 counts as true.
bool hasHiddenFormatting(std::string_view utf8, bool allowLineBreaks = false);

}  // namespace medassist::common
