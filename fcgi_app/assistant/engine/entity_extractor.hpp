#pragma once
// The entities of one message besides dates and times (datetime_parser.hpp): the doctors it
// names, the specialty it asks for, and a pick from a list ("the second one"). Pure: no I/O,
// no locale, no regular expressions; the doctors come from the caller (PatientScope::doctors(),
// public data), built into a DoctorMatcher once and shared read-only.
//
// How text is read
// - Words are the one word reader's (text/words.hpp, kEntityWords): runs of letters and
//   digits; case is folded, the Latin-1 accents of names are folded (Niccolò = niccolo),
//   apostrophes inside a word are dropped (D'Angelo = dangelo, can't = cant) and a possessive
//   "'s" may be left off (Rossi's = Rossi). Every match is returned as the byte range
//   [begin, end) of the original text.
// - extractEntities runs the date and time extractor first and no other extractor reads a
//   word inside its spans ("the 2nd" is the 2nd of the month, never a pick); then doctors,
//   then specialties, then the pick, each skipping the words the earlier ones took.
//
// Doctors (DoctorMatcher)
// - A display name is split into given names and a surname: titles (Dr., Dott.ssa, Prof., ...)
//   are dropped, the surname is the last word with its particles ("De Luca", "van der Berg";
//   typed with or without the spaces), the words before it are the given names.
// - Forms: "Dr. Rossi", "dr rossi", "doctor Rossi", "Rossi", "Giulia Rossi", "Dr Giulia
//   Rossi", "Dr. G. Rossi", "Rossi Giulia", "Dr Giulia". A given name alone counts only after
//   a title: "my son Marco" is not Dr. Marco Esposito.
// - Typos: a name word of five letters or more may be one edit off (a letter added, dropped,
//   changed, or two neighbours swapped: "dr rosi", "Dr Guilia"); shorter names must be exact.
//   A typo counts only after a title ("dr rosi"; after a title that is an everyday word,
//   "doctor", "doc", "miss", only capitalised: "the doctor write" is not Dr. White), next to
//   the doctor's other name ("giulia rosi"), or capitalised in mid-sentence ("Can I see
//   Rosi"), and never when the word is an ordinary English word ("gallon" is not Gallo).
// - Surnames that are ordinary English words ("White", "May", "Price", "Pace": a small
//   stoplist, see kEnglishWords in the .cpp) count only after a title or capitalised in
//   mid-sentence ("Dr White", "see White on Friday", never "white", nor "White" opening a
//   sentence).
// - A surname alone right after or before another capitalised name ("Maria Rossi", "Mario
//   Verdi", not ordinary words) names someone else and is not a doctor.
// - Two doctors who fit a mention equally ("Dr. Rossi" with Giulia and Paolo Rossi) are both
//   returned in one DoctorMatch: the dialogue asks which. An exact name beats a typo, and a
//   mention with the given name narrows to the doctors who have it.
//
// Specialties (SpecialtyMatcher): lay words for the practice's four slugs, British and
// American spellings and the common typos of the long words (one edit from 8 letters, two
// from 11: "dermatoligist", "cardiolgist", "peadiatrician"). Each phrase has a strength:
//   Named      the specialty or specialist itself, and its services ("dermatologist", "skin
//              doctor", "heart specialist", "GP", "family doctor", "children's doctor",
//              "mole check")
//   Child      the patient is a child: "for my son / daughter / child / kid / baby / toddler",
//              "my little one", "my 4 year old" (up to 14) -> pediatrics
//   Condition  a word that belongs to one specialty: "heart", "ECG", "acne", "eczema",
//              "mole", "psoriasis"
//   Generic    a doctor in general: "my doctor", "a regular doctor", "check-up" -> GP
//   Hint       a symptom several specialties see: "rash", "itchy", "palpitations", "blood
//              pressure", "fever", "cough" -> only ever a suggestion (specialtyHint)
// The specialty is the strongest non-hint phrase, the last one written among equals ("a
// check-up for my son" is pediatrics, "a dermatologist for my daughter" dermatology). A
// phrase hyphenated to the next word is part of another word ("heart-felt", "son-in-law").
//
// Picks from a list (extractOrdinal): "the second one", "the 2nd one", "3rd option", "number
// 3", "#3", "option 1", "option two", "first", "the first please", "I'll take the third", a
// bare "2" as the whole message, "the last one" / "the latter" (-1), "second to last", "last
// but one", "penultimate" (-2). Not picks: "for the first time", "first aid", "a second
// opinion", "just a second", "last week", "at last", "not the first one", "is there a third
// option?", "the last appointment of the day", "my number is 3". The last pick written wins
// ("the first, no, the second").
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assistant/engine/datetime_parser.hpp"

namespace medassist::assistant::engine {

using ByteSpans = std::vector<std::pair<std::size_t, std::size_t>>;  // [first, second)

struct DoctorName {
    std::int64_t id = 0;
    std::string displayName;  // "Dr. Giulia Rossi"
    std::string specialtySlug;
};

struct DoctorMatch {
    std::vector<std::int64_t> doctorIds;  // one, or every doctor the mention fits equally
    std::size_t begin = 0, end = 0;       // the mention's bytes, title included
    int edits = 0;                        // 0: as written; 1 or 2: typos in the name
    bool ambiguous() const { return doctorIds.size() > 1; }
};

class DoctorMatcher {
public:
    DoctorMatcher() = default;  // knows no doctor
    explicit DoctorMatcher(std::vector<DoctorName> doctors);

    // Mentions in text order; words overlapping a span in skip are not read.
    std::vector<DoctorMatch> find(const std::string& text, const ByteSpans& skip = {}) const;

    const std::vector<DoctorName>& doctors() const { return doctors_; }
    const DoctorName* byId(std::int64_t id) const;

    struct Name {  // a doctor's name as matched: folded words
        std::vector<std::string> given;
        std::string surname;  // the surname's words joined ("deluca")
    };

private:
    std::vector<DoctorName> doctors_;
    std::vector<Name> names_;  // parallel to doctors_
};

enum class SpecialtyStrength { Hint, Generic, Condition, Child, Named };

struct SpecialtyMatch {
    std::string slug;
    SpecialtyStrength strength = SpecialtyStrength::Named;
    std::size_t begin = 0, end = 0;
};

struct SpecialtyName {
    std::string slug, name;  // as PatientScope::specialties() gives them
};

class SpecialtyMatcher {
public:
    static constexpr const char* kGeneralPractice = "general-practice";
    static constexpr const char* kPediatrics = "pediatrics";
    static constexpr const char* kCardiology = "cardiology";
    static constexpr const char* kDermatology = "dermatology";
    // The slugs the built-in vocabulary knows, in that order.
    static const std::vector<std::string>& slugs();

    // The built-in lay vocabulary; each extra specialty's own name and slug ("Orthopaedics",
    // "orthopaedics") are also read as Named, so a specialty the practice adds later is
    // understood by its name.
    explicit SpecialtyMatcher(const std::vector<SpecialtyName>& extra = {});

    // Every phrase found, in text order; words overlapping a span in skip are not read.
    std::vector<SpecialtyMatch> find(const std::string& text, const ByteSpans& skip = {}) const;

    // The strongest non-hint match (the last written among equals), else nullopt.
    static std::optional<std::string> pick(const std::vector<SpecialtyMatch>& matches);
    // The last hint, when no non-hint match was found.
    static std::optional<std::string> hint(const std::vector<SpecialtyMatch>& matches);

    struct Phrase {
        std::vector<std::string> words;
        std::string slug;
        SpecialtyStrength strength;
    };

private:
    std::vector<Phrase> phrases_;  // longest first
};

// A pick from a list the assistant showed: 1-based, -1 the last, -2 the one before it.
std::optional<int> extractOrdinal(const std::string& text, const ByteSpans& skip = {});

struct Entities {
    DateTimeEntities datetime;
    std::vector<DoctorMatch> doctors;          // text order
    std::optional<std::string> specialty;      // a slug the message names or clearly implies
    std::optional<std::string> specialtyHint;  // from a symptom, when no specialty: suggest it
    std::optional<int> ordinal;                // as extractOrdinal
};

Entities extractEntities(const std::string& text, const LocalDate& today, int nowMinute, const DoctorMatcher& doctors,
                         const SpecialtyMatcher& specialties, const DateSettings& settings = {});

}  // namespace medassist::assistant::engine
