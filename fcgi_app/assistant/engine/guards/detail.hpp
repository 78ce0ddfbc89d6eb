#pragma once
// The guards' insides, shared by the files that hold their rules (guards.hpp is the public
// face; nothing outside engine/guards.cpp and engine/guards/ includes this). One home per rule:
//
//   words.cpp          how the guards read a message: fold() and the one word reader
//                      (text/), then sentences, clauses, spaced letters joined, and the word
//                      lists behind WordFlag (given names, titles, months, relatives ...)
//   matcher.cpp        the vocabulary (exact and one-typo lookups), the phrase rules compiled
//                      from phrase_table.inc (and frame_rules.inc), matching
//   phrase_table.inc   the rules themselves: word classes and rows, data only
//   triage.cpp         emergencies and medical advice: negation, the past, a bare "emergency"
//   signals.cpp        what a message is about, for the understanding (MessageSignals)
//   identifiers.cpp    emails, phone numbers, dates, dates of birth, record ids, tax codes, and
//                      the practice's own contacts that are never one of them
//   names.cpp          names, relatives and third parties (the allow list of names, "Maria
//                      Bianchi", "my neighbour's appointment", "is Smith a patient here?")
//   injection.cpp      prompt injection: syntax, role play, staff claims, bulk requests
//   output_guard.cpp   what a reply may not carry (one pass; guards.cpp repeats it)
//
// Pure, as the engine: no I/O, no clock (but the build's year as a default).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "assistant/engine/guards.hpp"
#include "assistant/engine/text/chars.hpp"
#include "assistant/engine/text/fold.hpp"

namespace medassist::assistant::engine::guards::detail {

using std::string_view;
using text::isDigit;
using text::isLetter;
using text::isUpper;
using text::isWordByte;
using text::lowerAscii;

// =======================================================================================
// Words (words.cpp)

struct Word {
    string_view text;          // lower case, apostrophes dropped ("dont", "marias"); in the caller's buffer
    std::uint16_t baseLen = 0; // text without a possessive 's ("maria" of "marias")
    std::uint32_t begin = 0, end = 0;  // in the folded text
    std::uint16_t sentence = 0, clause = 0;
    bool cap = false;          // first letter upper case
    bool allCaps = false;      // two letters or more, all upper case
    bool sentStart = false;    // first word of its sentence
    bool poss = false;         // "Maria's", "James'"
    bool number = false;       // digits only
    bool collapsed = false;    // joined from spaced letters ("M a r i a")
    bool allowed = false;      // on the allow list (set by the checks that read it)
    std::uint8_t elided = 0;   // "l'appuntamento": letters of an elided Italian article or word before it
    char before = 0;           // the last non-space character between the previous word and this one
    char after = 0;            // the first non-space character between this word and the next
    std::uint32_t flags = 0, baseFlags = 0;  // WordFlag of the word, and of it without a possessive 's
    std::int32_t id = -1, baseId = -1;       // exact vocabulary entries of the word and of its base
    std::array<std::uint16_t, 3> ids{};  // vocabulary entries (exact, or one typo away)
    std::uint8_t nids = 0;

    string_view base() const { return string_view(text).substr(0, baseLen); }
};

inline bool oneOf(string_view w, const string_view* begin, const string_view* end) {
    for (auto p = begin; p != end; ++p)
        if (*p == w) return true;
    return false;
}
template <std::size_t N>
bool oneOf(string_view w, const string_view (&list)[N]) {
    return oneOf(w, list, list + N);
}
inline bool oneOf(string_view w, std::initializer_list<string_view> list) {
    return oneOf(w, list.begin(), list.end());
}

// What a word is, looked up once per word in one table (wordFlags, with the lists in
// words.cpp): every check then reads a bit instead of comparing strings.
enum WordFlag : std::uint32_t {
    kGiven = 1u << 0,          // a common given name
    kDoctorTitle = 1u << 1,    // dr, doctor, prof, dott.ssa
    kPersonTitle = 1u << 2,    // mr, mrs, ms, signora
    kMonth = 1u << 3,
    kWeekday = 1u << 4,
    kOrdinary = 1u << 5,       // capitalised but never a name: "I", "Hello", "Rome", "Cardiology"
    kChild = 1u << 6,          // son, daughter, baby
    kAdultFamily = 1u << 7,    // mum, husband, sister
    kOtherRel = 1u << 8,       // neighbour, friend, colleague
    kOrdPossessor = 1u << 9,   // owns things without being a person: "today's", "the clinic's"
    kInfoNoun = 1u << 10,      // what only its owner may see: appointment, results, notes
    kAbbr = 1u << 11,          // a full stop after it does not end the sentence
    kClause = 1u << 12,        // but, however: a new clause
    kNumberFollower = 1u << 13,  // years, am, pm: the number before is not an id
    kBirth = 1u << 14,         // born, birth, dob
    kPlace = 1u << 15,         // via, piazza, san: the name after it is a place
    kWordToo = 1u << 16,       // a given name that is also an everyday word ("sarà", "chiara", "bianca")
};

std::uint32_t wordFlags(string_view w);  // matcher.cpp
void lookUp(Word& w);                    // matcher.cpp: sets the word's vocabulary entries and flags

inline bool ordinaryCapitalised(const Word& w) { return (w.baseFlags & (kOrdinary | kMonth | kWeekday)) != 0; }
inline bool isChildWord(const Word& w) { return (w.baseFlags & kChild) != 0; }
inline bool isFamilyWord(const Word& w) { return (w.baseFlags & (kChild | kAdultFamily)) != 0; }
inline bool isGiven(const Word& w) {
    if (!(w.baseFlags & kGiven)) return false;
    return !(w.baseFlags & kWordToo) || (w.cap && !w.sentStart);
}
inline bool isDoctorTitle(const Word& w) { return (w.flags & kDoctorTitle) != 0; }
inline bool isPersonTitle(const Word& w) { return (w.flags & kPersonTitle) != 0; }
bool isPlaceWord(string_view w);  // via, piazza, san ... (words.cpp)

inline int toInt(string_view digits) {
    int v = 0;
    for (char c : digits.substr(0, 9))
        if (isDigit(c)) v = v * 10 + (c - '0');
    return v;
}

// Splits the folded text into words, with their sentence and clause, and (for messages)
// joins letters typed one by one ("M a r i a", "d.o.b") into one word. The words' text lives
// in `buf`, which the caller keeps as long as the words (it is sized once, never moved).
std::vector<Word> splitWords(const std::string& t, bool joinSpacedLetters, std::string& buf);

// A message's words with their vocabulary entries, ready for the rules.
struct Message {
    text::Folded folded;
    std::string buf;  // the words' text
    std::vector<Word> words;
};

Message readMessage(string_view text);

// Tags the vocabulary with the word lists behind WordFlag (the Rules' constructor calls it).
struct Vocabulary;
void tagWordLists(Vocabulary& vocab);

// =======================================================================================
// Vocabulary and phrase rules (matcher.cpp; the rules in phrase_table.inc)

// An open-addressing table from strings to their index in a vector that outlives it: FNV-1a,
// a power-of-two number of slots, linear probing. Built once; a lookup is a short hash and
// usually one comparison, which is what most of the time of a check goes to.
class StringTable {
public:
    void build(const std::vector<std::string>& keys);
    int find(string_view w) const;

private:
    struct Slot {
        std::uint32_t key = 0;  // index + 1; 0 = empty
        std::uint32_t check = 0;
    };
    static std::uint64_t hash(string_view s);
    const std::vector<std::string>* keys_ = nullptr;
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
};

// Every word a rule names, looked up exactly and, for words of six letters or more, one typo
// away (matcher.cpp says how).
struct Vocabulary {
    std::vector<std::string> words;
    std::vector<bool> exact;             // "=word": no typos of it
    std::vector<std::uint32_t> flags;    // WordFlag
    StringTable table;
    std::vector<std::string> deleteKeys;             // a fuzzy word with one letter dropped
    std::vector<std::vector<std::uint16_t>> deleteIds;  // ... and the words it comes from
    StringTable deleteTable;
    std::unordered_map<std::string, std::uint16_t> building;  // only while the rules are compiled

    std::uint16_t intern(string_view w);

    template <typename List>
    void tag(const List& list, std::uint32_t flag) {
        for (string_view w : list) flags[intern(w)] |= flag;
    }

    void finish();

    int find(string_view w) const { return table.find(w); }

    // The vocabulary entries of a word whose exact entry (Word::id, Word::baseId) is known: the
    // exact ones, else those one typo away.
    void resolve(Word& w) const;
};

enum class Kind : std::uint8_t {
    Emergency,
    Advice,
    Past,       // "last year", "3 years ago", "history of": a sentence about the past
    Present,    // "now", "again", "still": ... unless it is happening now
    Booking,    // the message is about booking: advice questions in it go to the dialogue
    Practice,   // "do you treat acne", "prescription refill": practice questions, not advice
    Injection,
    Other,      // about someone else
    Family,     // about an adult relative: someone else, unless a caregiver acts for them
    // What a message is about (readSignals, issue 15): the model's labels are grounded in these.
    Danger,     // a medical danger sign: a symptom, body part, bleeding, breathing, overdose, self-harm
    Subject,    // a medical subject: a medicine, a dose, a symptom, a condition, a treatment
    Provider,   // a doctor or a kind of specialist, offered here or not
    Care,       // what one books at a practice: an appointment, a visit, a check-up, a jab
    CareWeak,   // the same, unless another domain's object is named: a booking, a slot, an exam
    CareMedical,  // only medical: a check-up, a jab, a consultation (a "hair" or "car" beside it changes nothing)
    Unoffered,  // a kind of specialist the practice lacks (label: how the reply names it)
    Foreign,    // an object of another domain: a flight, a table, a car, a meeting, a card
    BookCue, CancelCue, MoveCue, ListCue, PronounObject,
    PersonCue, RestartCue, HelpCue, HandoffCue, FaqCue,
    PracticeData,  // what the practice holds about people: appointments, records, results, "a patient here"
    AsksPractice,  // a question put to the practice: "do you offer acupuncture", "your wifi"
    Availability,  // "anything free", "is there room", "pencil me in", "I'm flexible"
    ForeignPatient,  // the one to be seen is no person: the cat at the vet, the boiler, the website
    NoPatient,       // the medical words are about a thing: "diagnose my dishwasher", "my hamster is sick"
    PracticeHow,     // how the practice works, asked: what to bring, a referral needed, fasting, a penalty
    HelpAsk,         // what the assistant is or does, asked: "a cosa servi?", "sei un bot?", "come ti uso?"
    ListAsk,         // one's own bookings, asked: "quando è la mia visita?", "sono già prenotata?"
    DoctorAsk,       // about the doctors, asked: "come si chiama il pediatra?", "avete medici donne?"
    ChangeCue,       // a booking taken off or moved in so many words (Italian): "disdire", "posticipare"
};

struct Element {
    std::vector<std::uint16_t> ids;  // sorted
    std::uint8_t gap = 0;            // words that may sit before this one (0: right after the previous)
    bool number = false;             // "#": any number
    bool year = false;               // "%y": a four-digit year 1900..2099
    bool big = false;                // "%big": a number of two digits or more ("I took 30 paracetamol")
};

using Pattern = std::vector<Element>;

// A phrase rule: the pattern's elements in order, each a set of words, with up to `gap`
// other words before each (never across a sentence). `also` must match somewhere in the
// message, `unless` nowhere in the same sentence; `notPrev` / `notNext` are words that may not
// stand right before / after the match ("heat stroke", "stroke of luck").
struct Rule {
    Kind kind{};
    string_view label;
    Pattern pattern, also, unless;
    std::vector<std::uint16_t> notPrev, notNext;
    bool notInWhQuestion = false;  // "what number do I call in an emergency?" is a question about the practice
    bool ownGuard = false;         // "all my appointments": "my", "mine", "I have" near it make it the patient's own
    bool whole = false;            // the match must be the whole message ("is this normal?")
};

// The compiled rules, built once, read-only afterwards: safe to share between threads.
struct Rules {
    Vocabulary vocab;
    std::vector<Rule> rules;
    std::vector<std::vector<std::uint16_t>> byFirst;  // first element's word -> rules
    std::vector<std::uint16_t> numberFirst;          // rules whose first element is a number
    // Word sets the code reads directly.
    std::vector<std::uint16_t> negators, negatorExceptions, pastBefore, resolvedAfter, ownWords;

    Rules();
};

const Rules& rules();

inline bool contains(const std::vector<std::uint16_t>& sorted, std::uint16_t id) {
    return std::binary_search(sorted.begin(), sorted.end(), id);
}

inline bool wordIn(const Word& w, const std::vector<std::uint16_t>& sorted) {
    for (std::uint8_t k = 0; k < w.nids; ++k)
        if (contains(sorted, w.ids[k])) return true;
    return false;
}

inline bool isYear(const Word& w) {
    if (!w.number || w.text.size() != 4) return false;
    return (w.text[0] == '1' && w.text[1] == '9') || (w.text[0] == '2' && w.text[1] == '0');
}

inline bool elementMatches(const Element& e, const Word& w) {
    if (e.number && w.number) return true;
    if (e.year && isYear(w)) return true;
    if (e.big && w.number && w.text.size() >= 2 && w.text != "00") return true;
    return wordIn(w, e.ids);
}

// Where a rule matched: the words of the pattern's elements, in order.
struct Match {
    std::uint16_t rule = 0;
    std::array<std::uint16_t, 8> at{};
    std::uint8_t n = 0;
    std::size_t first() const { return at[0]; }
    std::size_t last() const { return at[n - 1]; }
};

bool matchFrom(const Pattern& p, const std::vector<Word>& words, std::size_t k, std::size_t prev, Match& m);
// Does the pattern match anywhere (in one sentence when `sentence` is set)?
bool matchesAnywhere(const Pattern& p, const std::vector<Word>& words, int sentence = -1);
bool isWhQuestion(const std::vector<Word>& words, std::size_t at);

// Every match of the rules whose kind `wanted` accepts, checked against the rule's own
// conditions; onMatch returns false to stop.
template <typename Wanted, typename F>
void forEachMatchWhere(const std::vector<Word>& words, Wanted&& wanted, F&& onMatch) {
    const auto& R = rules();
    Match m;
    auto tryRule = [&](std::uint16_t ri, std::size_t s) {
        const auto& r = R.rules[ri];
        if (!wanted(r.kind)) return true;
        if (!elementMatches(r.pattern[0], words[s])) return true;
        m.rule = ri;
        m.n = static_cast<std::uint8_t>(r.pattern.size());
        m.at[0] = static_cast<std::uint16_t>(s);
        if (!matchFrom(r.pattern, words, 1, s, m)) return true;
        if (!r.notPrev.empty() && m.first() > 0 && words[m.first() - 1].sentence == words[s].sentence &&
            wordIn(words[m.first() - 1], r.notPrev))
            return true;
        if (!r.notNext.empty() && m.last() + 1 < words.size() && wordIn(words[m.last() + 1], r.notNext)) return true;
        if (!r.also.empty() && !matchesAnywhere(r.also, words)) return true;
        if (!r.unless.empty() && matchesAnywhere(r.unless, words, words[s].sentence)) return true;
        if (r.notInWhQuestion && isWhQuestion(words, s)) return true;
        if (r.whole && (m.first() != 0 || m.last() + 1 != words.size())) return true;
        if (r.ownGuard) {
            for (std::size_t k = m.first() > 2 ? m.first() - 2 : 0; k < std::min(words.size(), m.last() + 4); ++k)
                if (words[k].sentence == words[s].sentence && wordIn(words[k], R.ownWords)) return true;
        }
        return onMatch(m);
    };
    for (std::size_t s = 0; s < words.size(); ++s) {
        const auto& w = words[s];
        for (std::uint8_t k = 0; k < w.nids; ++k)
            for (auto ri : R.byFirst[w.ids[k]])
                if (!tryRule(ri, s)) return;
        if (w.number)
            for (auto ri : R.numberFirst)
                if (!tryRule(ri, s)) return;
    }
}

template <typename F>
void forEachMatch(const std::vector<Word>& words, Kind kind, F&& onMatch) {
    forEachMatchWhere(words, [kind](Kind k) { return k == kind; }, std::forward<F>(onMatch));
}

bool anyMatch(const std::vector<Word>& words, Kind kind);

// The label of the first rule of this kind that matches, or "".
std::string firstLabel(const std::vector<Word>& words, Kind kind);

// =======================================================================================
// Triage (triage.cpp) and signals (signals.cpp)

Triage triageWords(const std::vector<Word>& words);
MessageSignals signalsOf(const std::vector<Word>& words);

// =======================================================================================
// Identifiers (identifiers.cpp)

struct Span {
    std::size_t begin = 0, end = 0;  // in the folded text
};

// local@domain.tld, also with a space either side of the @.
std::vector<Span> findEmails(const std::string& t);

std::string digitsOf(string_view s);

// Is `digits` one of the allowed contacts, written any way ("+39 06 1234 5678", "06-1234-5678")?
bool allowedNumber(const std::string& digits, const std::vector<std::string>& allowedDigits);

struct NumberRun {
    Span span;
    std::string digits;
    std::vector<std::pair<std::size_t, char>> groups;  // digits per group, separator after it
};

// Runs of digits joined by spaces, dots, dashes and parentheses, with an optional +: the
// shape of phone numbers ("+39 06 1234 5678", "(06) 123-4567", "333.123.4567").
std::vector<NumberRun> findNumberRuns(const std::string& t);
bool isPhone(const NumberRun& r);

// A date in the words: "12/03/1980", "12.03.80", "1980-03-12", "12 March 1980", "March 12,
// 1980", "12th of March 1980", "Tuesday 24 November". The word range and the year (or -1 when
// none is written).
struct DateAt {
    std::size_t first = 0, last = 0;
    int year = -1;
};
std::vector<DateAt> findDates(const std::vector<Word>& words, int thisYear);
// "born", "birth", "dob", "birthday" a few words before the date (or right after it).
bool birthWordNear(const std::vector<Word>& words, const DateAt& d);
int buildYear();

// The practice's public contacts: an email written any case, a number written any way.
struct Contacts {
    std::vector<std::string> lower, digits;

    explicit Contacts(const GuardContext& ctx);
    bool email(string_view e) const;
};

// =======================================================================================
// Names (names.cpp)

// The allow list of one turn, in the form the checks read. Built on every call from a dozen
// short names (and only when the text holds something that could be a name or a contact),
// so kept flat: one buffer of lower-case folded words, no per-word strings.
struct Allowed {
    struct Part {
        std::uint16_t offset;
        std::uint8_t length, name;
    };
    std::string buf;
    std::vector<Part> parts;  // every word of every allowed name, titles left out, in order

    explicit Allowed(const GuardContext& ctx);

    string_view at(const Part& p) const { return string_view(buf).substr(p.offset, p.length); }

    bool part(string_view w) const {
        for (const auto& p : parts)
            if (p.length == w.size() && at(p) == w) return true;
        return false;
    }

    // Sets Word::allowed on the words that are part of an allowed name.
    void mark(std::vector<Word>& words) const {
        for (auto& w : words) w.allowed = !w.number && part(w.base());
    }

    // Are these words one allowed name, or part of one ("Giulia Rossi", "Anna De Luca"), in
    // either order ("Rossi Giulia")? Two allowed words of different names are not: "Maria
    // Bianchi" is someone else even when Maria is the subject and Bianchi a doctor.
    bool sequence(const std::vector<string_view>& ws) const;
};

// =======================================================================================
// The input check, in the order checkInput runs them (guards.cpp)

inline InputCheck refuse(const char* label) { return {InputKind::OtherPerson, label}; }
inline InputCheck injection(std::string label) { return {InputKind::PromptInjection, std::move(label)}; }

// Prompt injection (injection.cpp): syntax a patient never types, role play, a claim to be
// staff, the injection rows.
std::optional<InputCheck> injectionIn(const Message& m);
// Someone's identifiers (identifiers.cpp): an email or phone number not the practice's, a
// record id, a date of birth, a tax code.
std::optional<InputCheck> identifierIn(const Message& m, const GuardContext& ctx);
// Someone else (names.cpp): the other-person and family rows, names, relatives, third parties.
InputCheck otherPersonIn(Message& m, const GuardContext& ctx);

// =======================================================================================
// The output guard (output_guard.cpp): one pass; guardOutput repeats it.

OutputCheck guardOutputOnce(const std::string& reply, const GuardContext& ctx);

}  // namespace medassist::assistant::engine::guards::detail
