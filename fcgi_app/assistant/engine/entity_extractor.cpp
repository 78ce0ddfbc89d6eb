#include "assistant/engine/entity_extractor.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>
#include <tuple>

#include "assistant/engine/text/chars.hpp"
#include "assistant/engine/text/words.hpp"

namespace medassist::assistant::engine {

namespace {

// ---------------------------------------------------------------------------------------
// Words of a message, with their bytes in the original text.

struct Word {
    std::string text;  // lower case, accents folded, apostrophes dropped
    std::string stem;  // text without a possessive "'s" (else the same)
    std::size_t begin = 0, end = 0;
    std::string gapBefore;       // the bytes between the previous word (or the start) and this one
    bool capitalised = false;    // "Rossi": an upper-case first letter and a lower-case one later
    bool upperFirst = false;     // "G", "Rossi", "ROSSI"
    bool sentenceStart = false;  // first word, or after . ! ? or a line break
    bool skip = false;           // inside a span an earlier extractor took
    bool digits = false;         // starts with a digit ("2nd", "3", "4yo")
};

using text::isDigit;

bool isSentenceEnd(char c) { return c == '.' || c == '!' || c == '?' || c == '\n' || c == ';'; }

bool isTitleWord(std::string_view w);

// The words of the text, as the one word reader reads them for the extractors
// (text::kEntityWords: the original text, Latin-1 letters spelled with their case), with what
// the readers of names and phrases need besides: the bytes before each word, its case, whether
// it opens a sentence and whether an earlier extractor took it.
std::vector<Word> tokenize(const std::string& s, const ByteSpans& skip) {
    std::vector<Word> words;
    std::string buf;
    text::forEachWord(s, text::kEntityWords, buf, [&](const text::RawWord& r) {
        Word w;
        w.begin = r.begin;
        w.end = r.end;
        w.digits = isDigit(s[r.begin]);
        w.text = buf.substr(r.at, r.size);
        w.stem = r.possessive ? buf.substr(r.at, r.baseSize) : w.text;
        w.capitalised = r.firstUpper && r.anyLower;
        w.upperFirst = r.firstUpper;
        w.gapBefore = s.substr(r.gap, w.begin - r.gap);
        for (const auto& span : skip)
            if (w.begin < span.second && span.first < w.end) w.skip = true;
        words.push_back(std::move(w));
    });
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (k == 0) {
            words[k].sentenceStart = true;
            continue;
        }
        const auto& gap = words[k].gapBefore;
        const auto& prev = words[k - 1].text;
        for (char c : gap) {
            if (c == '.' && (prev.size() == 1 || isTitleWord(prev))) continue;  // "Dr.", "G."
            if (isSentenceEnd(c)) words[k].sentenceStart = true;
        }
    }
    return words;
}

// The bytes between two words of one name or phrase: spaces, hyphens, and dots ("Dr.", "G.").
bool joinsName(const std::string& gap) {
    if (gap.empty()) return false;
    for (std::size_t i = 0; i < gap.size(); ++i) {
        const char c = gap[i];
        if (c == ' ' || c == '\t' || c == '.' || c == '-') continue;
        if (text::noBreakSpaceAt(gap, i)) {
            ++i;
            continue;
        }
        return false;
    }
    return true;
}

bool onlySpaces(const std::string& gap) {
    return !gap.empty() && gap.find_first_not_of(" \t") == std::string::npos;
}

bool hasPunctuation(const std::string& gap) { return gap.find_first_of(",.;:!?()\"") != std::string::npos; }

// Optimal string alignment distance (adjacent transpositions count one), or limit + 1.
int editDistance(std::string_view a, std::string_view b, int limit) {
    constexpr std::size_t kMax = 40;
    if (a.size() >= kMax || b.size() >= kMax) return a == b ? 0 : limit + 1;
    if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > limit) return limit + 1;
    std::array<std::array<int, kMax + 1>, kMax + 1> d;  // only the cells the loops write are read
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

template <std::size_t N>
constexpr std::array<std::string_view, N> sortedWords(std::array<std::string_view, N> words) {
    std::sort(words.begin(), words.end());
    return words;
}

template <std::size_t N>
bool inSorted(const std::array<std::string_view, N>& words, std::string_view w) {
    return std::binary_search(words.begin(), words.end(), w);
}

template <std::size_t N>
bool inList(const std::array<std::string_view, N>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

// ---------------------------------------------------------------------------------------
// Doctors.

constexpr auto kTitles = std::to_array<std::string_view>(
    {"dr",       "drs",   "doc",         "doctor",  "dott",   "dottor", "dottore", "dottoressa", "dottssa",
     "dssa",     "prof",  "profssa",     "professor", "professore", "professoressa", "mr", "mrs", "ms",
     "miss",     "mx",    "sig",         "signor",  "signora", "sigra",  "dra",     "doctora",   "doktor"});

bool isTitleWord(std::string_view w) { return inList(kTitles, w); }

// Titles that are everyday words too: after them a typo needs a capital ("the doctor write
// about" is not Dr. White, "Doctor Whte" is).
constexpr auto kWordTitles = std::to_array<std::string_view>({"doctor", "doc", "miss", "professor"});

// Words that join a surname to the word after it ("De Luca", "van der Berg", "D'Angelo"
// typed "d angelo").
constexpr auto kParticles = std::to_array<std::string_view>(
    {"de", "di", "da", "del", "della", "dello", "delle", "dei", "degli", "dal", "dalla", "dall", "van", "von", "der",
     "den", "la", "le", "lo", "li", "du", "des", "mc", "mac", "st", "san", "santa", "ten", "ter", "dos", "das",
     "d", "o", "l"});

constexpr auto kCredentials =
    std::to_array<std::string_view>({"md", "phd", "mbbs", "frcp", "mrcgp", "jr", "sr", "ii", "iii", "ssa"});

// Ordinary English words: a surname among them ("White", "May", "Pace") needs a title or a
// capital in mid-sentence, a word among them is never read as a typo of a name ("gallon",
// "marina"), and one of them capitalised before a surname is not someone's first name ("Can
// Rossi see me"). Deliberately small: the everyday words of a message to a practice, and the
// English words that are also common surnames.
constexpr auto kEnglishWords = sortedWords(std::to_array<std::string_view>({
    "a",        "able",     "about",    "after",    "again",    "all",      "also",     "always",   "am",
    "an",       "and",      "angel",    "any",      "anyone",   "are",      "as",       "ask",      "at",
    "away",     "baby",     "back",     "baker",    "banks",    "be",       "bell",     "best",     "better",
    "big",      "bill",     "bird",     "bishop",   "black",    "bless",    "blue",     "bond",     "book",
    "booked",   "booking",  "both",     "bright",   "brown",    "bush",     "but",      "by",       "call",
    "came",     "can",      "cane",     "cant",     "care",     "carpenter","case",     "cash",     "chance",
    "cheers",   "child",    "church",   "clay",     "close",    "cole",     "come",     "coming",   "cook",
    "could",    "count",    "cross",    "dad",      "day",      "days",     "dean",     "dear",     "did",
    "do",       "does",     "dont",     "down",     "drake",    "each",     "early",    "east",     "even",
    "every",    "fair",     "faith",    "field",    "fine",     "finch",    "first",    "fish",     "fisher",
    "ford",     "fox",      "free",     "from",     "frost",    "gallon",   "get",      "gill",     "give",
    "glad",     "go",       "gold",     "good",     "grace",    "grand",    "grande",   "gray",     "green",
    "grey",     "gross",    "had",      "hall",     "happy",    "hardy",    "has",      "have",     "he",
    "hello",    "help",     "her",      "here",     "hey",      "hi",       "hill",     "him",      "his",
    "hold",     "holiday",  "hope",     "house",    "how",      "hunter",   "i",        "if",       "ill",
    "im",       "in",       "into",     "is",       "it",       "its",      "ive",      "joy",      "just",
    "king",     "knight",   "lake",     "lamb",     "lane",     "last",     "later",    "let",      "lets",
    "like",     "little",   "long",     "look",     "love",     "lovely",   "major",    "make",     "mann",
    "march",    "marina",   "mark",     "marsh",    "mason",    "may",      "maybe",    "me",       "miller",
    "mine",     "miss",     "monday",   "moon",     "moore",    "more",     "most",     "much",     "mum",
    "must",     "my",       "nash",     "need",     "new",      "next",     "nice",     "no",       "noble",
    "north",    "not",      "now",      "of",       "off",      "ok",       "okay",     "old",      "on",
    "one",      "only",     "open",     "or",       "other",    "our",      "out",      "over",     "pace",
    "page",     "park",     "penny",    "please",   "pope",     "potter",   "price",    "rather",   "read",
    "reading",  "rich",     "rivers",   "rose",     "salt",     "same",     "see",      "she",      "shepherd",
    "short",    "should",   "silver",   "small",    "so",       "some",     "soon",     "sorry",    "south",
    "spring",   "star",     "still",    "stone",    "story",    "strong",   "summer",   "sun",      "sure",
    "sweet",    "swift",    "take",     "tell",     "thank",    "thanks",   "that",     "the",      "their",
    "them",     "then",     "there",    "these",    "they",     "this",     "those",    "to",       "today",
    "too",      "turner",   "up",       "us",       "very",     "villa",    "walker",   "want",     "ward",
    "was",      "we",       "well",     "west",     "what",     "when",     "where",    "which",    "white",
    "who",      "why",      "will",     "winter",   "wise",     "with",     "wolf",     "wood",     "would",
    "yes",      "you",      "young",    "your",
    // everyday words a letter away from common Italian names and words
    "about",    "already",  "appointment", "believe", "bring",   "call",     "card",     "clinic",   "coffee",
    "could",    "cover",    "date",     "doctor",   "email",    "find",     "free",     "friend",   "hallo",
    "hard",     "head",     "home",     "know",     "late",     "letter",   "made",     "marine",   "matter",
    "mind",     "mobile",   "money",    "name",     "note",     "number",   "nurse",    "office",   "paint",
    "phone",    "place",    "plan",     "poster",   "quite",    "really",   "rest",     "result",   "results",
    "rice",     "right",    "room",     "said",     "school",   "send",     "sent",     "side",     "since",
    "sister",   "sofa",     "sort",     "spot",     "stay",     "step",     "stop",     "street",   "such",
    "talk",     "test",     "thing",    "think",    "time",     "told",     "took",     "tried",    "true",
    "turn",     "until",    "visit",    "wait",     "walk",     "wall",     "water",    "week",     "went",
    "were",     "while",    "whole",    "wife",     "word",     "work",     "world",    "worse",    "write",
    "wrote",    "year",
}));

bool isEnglishWord(std::string_view w) { return inSorted(kEnglishWords, w); }

// Edits a name word of this length may be off by.
int allowedEdits(std::size_t letters) { return letters >= 5 ? 1 : 0; }

std::string join(const std::vector<Word>& words, std::size_t from, std::size_t to) {  // [from, to)
    std::string out;
    for (std::size_t k = from; k < to; ++k) out += k + 1 == to ? words[k].stem : words[k].text;
    return out;
}

// A name's words, as the matcher compares them.
DoctorMatcher::Name parseName(const std::string& displayName) {
    auto words = tokenize(displayName, {});
    std::vector<std::string> parts;
    for (const auto& w : words) parts.push_back(w.text);
    while (parts.size() > 1 && isTitleWord(parts.front())) parts.erase(parts.begin());
    if (parts.size() > 1 && parts.front() == "ssa") parts.erase(parts.begin());  // "Dott.ssa"
    while (parts.size() > 1 && inList(kCredentials, parts.back())) parts.pop_back();
    DoctorMatcher::Name name;
    if (parts.empty()) return name;
    std::size_t surnameStart = parts.size() - 1;
    while (surnameStart >= 2 && inList(kParticles, parts[surnameStart - 1])) --surnameStart;
    for (std::size_t k = 0; k < surnameStart; ++k) name.given.push_back(parts[k]);
    for (std::size_t k = surnameStart; k < parts.size(); ++k) name.surname += parts[k];
    return name;
}

struct NameHit {
    std::size_t next = 0;  // the word after the match
    int edits = 0;
};

// The surname at words[p], typed as one word or as several (particles and initials before
// the last: "de luca", "d angelo").
std::optional<NameHit> surnameAt(const std::vector<Word>& words, std::size_t p, const std::string& surname) {
    if (surname.size() < 2) return std::nullopt;
    const int limit = allowedEdits(surname.size());
    std::optional<NameHit> best;
    for (std::size_t n = 1; n <= 3 && p + n <= words.size(); ++n) {
        const Word& last = words[p + n - 1];
        if (last.skip || last.digits) break;
        if (n > 1) {
            const Word& before = words[p + n - 2];
            if (!inList(kParticles, before.text) && before.text.size() != 1) break;
            if (!joinsName(last.gapBefore)) break;
        }
        const std::string joined = join(words, p, p + n);
        int edits = editDistance(joined, surname, limit);
        if (n == 1) edits = std::min(edits, editDistance(last.text, surname, limit));
        // an ordinary word is never a typo of a name ("gallon" is not Gallo)
        if (edits > 0 && n == 1 && (isEnglishWord(last.text) || isEnglishWord(last.stem))) continue;
        if (edits <= limit && (!best || edits < best->edits)) best = NameHit{p + n, edits};
    }
    return best;
}

// A given name at words[p]: the name, within the edits of its length, or its initial (a
// capital, after a title or followed by a dot: "Dr G Rossi", "G. Rossi").
std::optional<NameHit> givenAt(const std::vector<Word>& words, std::size_t p, const std::string& given, bool titled) {
    if (p >= words.size() || words[p].skip || words[p].digits || given.empty()) return std::nullopt;
    const Word& w = words[p];
    if (w.text.size() == 1) {
        if (w.text[0] == given[0] && w.upperFirst && p + 1 < words.size() && joinsName(words[p + 1].gapBefore) &&
            (titled || words[p + 1].gapBefore.find('.') != std::string::npos))
            return NameHit{p + 1, 0};
        return std::nullopt;
    }
    const int limit = allowedEdits(given.size());
    int edits = std::min(editDistance(w.text, given, limit), editDistance(w.stem, given, limit));
    if (edits > 0 && (isEnglishWord(w.text) || isEnglishWord(w.stem))) return std::nullopt;
    if (edits <= limit) return NameHit{p + 1, edits};
    return std::nullopt;
}

struct Candidate {
    std::size_t index = 0;  // into doctors_
    std::size_t next = 0;   // the word after the mention
    bool withGiven = false;
    int edits = 0;
};

// A capitalised word just before words[p] that reads as another person's first name ("Maria
// Rossi"): not a title, not an ordinary word.
bool otherFirstNameBefore(const std::vector<Word>& words, std::size_t p) {
    if (p == 0) return false;
    const Word& prev = words[p - 1];
    if (prev.skip || !prev.capitalised || !onlySpaces(words[p].gapBefore) || isTitleWord(prev.text)) return false;
    return !isEnglishWord(prev.text);
}

// The same after a surname-only mention: "Mario Verdi" is not Dr. Marino with a typo.
bool otherNameAfter(const std::vector<Word>& words, std::size_t next) {
    if (next >= words.size()) return false;
    const Word& w = words[next];
    if (w.skip || !w.capitalised || !onlySpaces(w.gapBefore) || isTitleWord(w.text)) return false;
    return !isEnglishWord(w.text);
}

// Whether a surname-only mention (no title, no given name beside it) is believable.
bool bareSurnameCounts(const std::vector<Word>& words, std::size_t p, const std::string& surname, int edits) {
    const Word& w = words[p];
    const bool capitalMidSentence = w.capitalised && !w.sentenceStart;
    if (otherFirstNameBefore(words, p) || otherNameAfter(words, p + 1)) return false;
    if (edits > 0) return capitalMidSentence && !isEnglishWord(w.text) && !isEnglishWord(w.stem);
    if (isEnglishWord(surname)) return capitalMidSentence;
    return true;
}

}  // namespace

DoctorMatcher::DoctorMatcher(std::vector<DoctorName> doctors) : doctors_(std::move(doctors)) {
    names_.reserve(doctors_.size());
    for (const auto& d : doctors_) names_.push_back(parseName(d.displayName));
}

const DoctorName* DoctorMatcher::byId(std::int64_t id) const {
    for (const auto& d : doctors_)
        if (d.id == id) return &d;
    return nullptr;
}

std::vector<DoctorMatch> DoctorMatcher::find(const std::string& text, const ByteSpans& skip) const {
    std::vector<DoctorMatch> out;
    if (doctors_.empty()) return out;
    const auto words = tokenize(text, skip);
    std::size_t k = 0;
    while (k < words.size()) {
        if (words[k].skip) {
            ++k;
            continue;
        }
        std::size_t j = k;
        bool titled = false;
        if (isTitleWord(words[k].text) && k + 1 < words.size() && !words[k + 1].skip &&
            joinsName(words[k + 1].gapBefore)) {
            titled = true;
            j = k + 1;
            if (words[j].text == "ssa" && j + 1 < words.size() && joinsName(words[j + 1].gapBefore)) ++j;
        }
        std::vector<Candidate> found;
        for (std::size_t d = 0; d < names_.size(); ++d) {
            const Name& name = names_[d];
            // Given names, then the surname: "Giulia Rossi", "G. Rossi", "Maria Grazia Rossi".
            {
                std::size_t p = j;
                int edits = 0;
                bool any = false;
                for (const auto& given : name.given) {
                    if (p > j && (p >= words.size() || !joinsName(words[p].gapBefore))) break;
                    auto g = givenAt(words, p, given, titled);
                    if (!g) break;
                    p = g->next;
                    edits += g->edits;
                    any = true;
                }
                if (any && p < words.size() && joinsName(words[p].gapBefore)) {
                    if (auto s = surnameAt(words, p, name.surname))
                        found.push_back({d, s->next, true, edits + s->edits});
                }
            }
            // The surname, maybe followed by the given name ("Rossi Giulia").
            if (auto s = surnameAt(words, j, name.surname)) {
                Candidate c{d, s->next, false, s->edits};
                if (!name.given.empty() && s->next < words.size() && joinsName(words[s->next].gapBefore)) {
                    if (auto g = givenAt(words, s->next, name.given.front(), titled);
                        g && words[s->next].text.size() > 1) {
                        c.next = g->next;
                        c.withGiven = true;
                        c.edits += g->edits;
                    }
                }
                if (titled || c.withGiven || bareSurnameCounts(words, j, name.surname, s->edits)) found.push_back(c);
            }
            if (titled) {
                // "Dr Marco Rossi" with no Marco Rossi: the surname decides.
                if (j + 1 < words.size() && !words[j].digits && words[j].text.size() > 1 &&
                    !isEnglishWord(words[j].text) && joinsName(words[j + 1].gapBefore)) {
                    if (auto s = surnameAt(words, j + 1, name.surname)) found.push_back({d, s->next, false, s->edits});
                }
                // "Dr Giulia": a given name alone, only after a title.
                if (!name.given.empty() && words[j].text.size() > 1) {
                    if (auto g = givenAt(words, j, name.given.front(), true))
                        found.push_back({d, g->next, true, g->edits});
                }
            }
        }
        if (titled && inList(kWordTitles, words[k].text) && !words[j].capitalised)
            std::erase_if(found, [](const Candidate& c) { return c.edits > 0; });
        if (found.empty()) {
            ++k;
            continue;
        }
        // The longest mention, then one that names the given name too, then the fewest typos.
        auto rank = [](const Candidate& c) { return std::make_tuple(c.next, c.withGiven ? 1 : 0, -c.edits); };
        auto best = rank(*std::max_element(found.begin(), found.end(),
                                           [&](const Candidate& a, const Candidate& b) { return rank(a) < rank(b); }));
        DoctorMatch m;
        m.begin = words[k].begin;
        m.end = words[std::get<0>(best) - 1].end;
        m.edits = -std::get<2>(best);
        for (const auto& c : found)
            if (rank(c) == best && std::find(m.doctorIds.begin(), m.doctorIds.end(), doctors_[c.index].id) ==
                                       m.doctorIds.end())
                m.doctorIds.push_back(doctors_[c.index].id);
        out.push_back(std::move(m));
        k = std::get<0>(best);
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Specialties.

namespace {

using S = SpecialtyStrength;

struct PhraseSpec {
    std::string_view text;
    std::string_view slug;
    S strength;
};

constexpr std::string_view kGp = "general-practice", kPeds = "pediatrics", kCardio = "cardiology",
                           kDerm = "dermatology";

constexpr auto kPhrases = std::to_array<PhraseSpec>({
    // general practice
    {"gp", kGp, S::Named},
    {"gps", kGp, S::Named},
    {"g.p.", kGp, S::Named},
    {"general practitioner", kGp, S::Named},
    {"general practice", kGp, S::Named},
    {"family doctor", kGp, S::Named},
    {"family doc", kGp, S::Named},
    {"doctor of family", kGp, S::Named},  // learners of English: "il medico di famiglia"
    {"doctor of the family", kGp, S::Named},
    {"family dr", kGp, S::Named},
    {"family physician", kGp, S::Named},
    {"family medicine", kGp, S::Named},
    {"family practice", kGp, S::Named},
    {"general medicine", kGp, S::Named},
    {"general doctor", kGp, S::Named},
    {"general physician", kGp, S::Named},
    {"primary care", kGp, S::Named},
    {"medico di base", kGp, S::Named},
    {"medico di famiglia", kGp, S::Named},
    {"medico curante", kGp, S::Named},
    {"medico generico", kGp, S::Named},
    {"dottore generico", kGp, S::Named},
    {"dottoressa generica", kGp, S::Named},
    {"medico generale", kGp, S::Named},
    {"dottore generale", kGp, S::Named},
    {"medicina generale", kGp, S::Named},
    {"dottore di base", kGp, S::Named},
    {"dottoressa di base", kGp, S::Named},
    {"dottore di famiglia", kGp, S::Named},
    {"dottoressa di famiglia", kGp, S::Named},
    {"mio medico", kGp, S::Generic},
    {"il mio dottore", kGp, S::Generic},
    {"my doctor", kGp, S::Generic},
    {"my usual doctor", kGp, S::Generic},
    {"my own doctor", kGp, S::Generic},
    {"my regular doctor", kGp, S::Generic},
    {"my normal doctor", kGp, S::Generic},
    {"regular doctor", kGp, S::Generic},
    {"normal doctor", kGp, S::Generic},
    {"usual doctor", kGp, S::Generic},
    {"ordinary doctor", kGp, S::Generic},
    {"check-up", kGp, S::Generic},
    {"checkup", kGp, S::Generic},
    {"general check", kGp, S::Generic},
    {"health check", kGp, S::Generic},
    {"medical check", kGp, S::Generic},
    {"routine check", kGp, S::Generic},
    {"annual physical", kGp, S::Generic},
    {"physical exam", kGp, S::Generic},
    {"physical examination", kGp, S::Generic},
    {"fever", kGp, S::Hint},
    {"cough", kGp, S::Hint},
    {"flu", kGp, S::Hint},
    {"sore throat", kGp, S::Hint},
    {"prescription", kGp, S::Hint},
    {"repeat prescription", kGp, S::Hint},
    {"sick note", kGp, S::Hint},
    {"medical certificate", kGp, S::Hint},
    {"certificate", kGp, S::Hint},
    {"referral", kGp, S::Hint},
    {"blood test", kGp, S::Hint},
    {"blood tests", kGp, S::Hint},
    // "I need to see a doctor", "c'è posto dal medico?": in a family practice, a GP first (a
    // suggestion the patient confirms, never a choice made for them).
    {"doctor", kGp, S::Hint},
    {"a doctor", kGp, S::Hint},
    {"medico", kGp, S::Hint},
    {"dottore", kGp, S::Hint},
    {"dottoressa", kGp, S::Hint},
    // Everyday aches a family doctor sees first.
    {"back pain", kGp, S::Hint},
    {"backache", kGp, S::Hint},
    {"bad back", kGp, S::Hint},
    {"knee pain", kGp, S::Hint},
    {"sore knee", kGp, S::Hint},
    {"joint pain", kGp, S::Hint},
    {"headache", kGp, S::Hint},
    {"headaches", kGp, S::Hint},
    {"stomach ache", kGp, S::Hint},
    {"tummy ache", kGp, S::Hint},
    {"earache", kGp, S::Hint},
    // pediatrics
    {"pediatrician", kPeds, S::Named},
    {"paediatrician", kPeds, S::Named},
    {"pediatrics", kPeds, S::Named},
    {"paediatrics", kPeds, S::Named},
    {"pediatric", kPeds, S::Named},
    {"paediatric", kPeds, S::Named},
    {"pediatry", kPeds, S::Named},
    {"paeds", kPeds, S::Named},
    {"peds", kPeds, S::Named},
    {"pediatra", kPeds, S::Named},
    {"children's doctor", kPeds, S::Named},
    {"childrens doctor", kPeds, S::Named},
    {"child doctor", kPeds, S::Named},
    {"kids doctor", kPeds, S::Named},
    {"kid doctor", kPeds, S::Named},
    {"baby doctor", kPeds, S::Named},
    {"children's clinic", kPeds, S::Named},
    {"child specialist", kPeds, S::Named},
    {"doctor for children", kPeds, S::Named},
    {"doctor for kids", kPeds, S::Named},
    {"doctor for babies", kPeds, S::Named},
    {"nappy rash", kPeds, S::Hint},
    {"diaper rash", kPeds, S::Hint},
    {"teething", kPeds, S::Hint},
    {"colic", kPeds, S::Hint},
    // cardiology
    {"cardiologist", kCardio, S::Named},
    {"cardiology", kCardio, S::Named},
    {"cardio", kCardio, S::Named},
    {"doctor for the heart", kCardio, S::Named},
    {"doctor for heart", kCardio, S::Named},
    {"heart doctor", kCardio, S::Named},
    {"heart doc", kCardio, S::Named},
    {"heart specialist", kCardio, S::Named},
    {"heart check", kCardio, S::Named},
    {"heart checkup", kCardio, S::Named},
    {"heart check-up", kCardio, S::Named},
    {"heart clinic", kCardio, S::Named},
    {"heart consultant", kCardio, S::Named},
    {"heart consultation", kCardio, S::Named},
    {"cardiac check", kCardio, S::Named},
    {"heart", kCardio, S::Condition},
    {"cardiac", kCardio, S::Condition},
    {"ecg", kCardio, S::Condition},
    {"ekg", kCardio, S::Condition},
    {"electrocardiogram", kCardio, S::Condition},
    {"echocardiogram", kCardio, S::Condition},
    {"holter", kCardio, S::Condition},
    {"arrhythmia", kCardio, S::Condition},
    {"atrial fibrillation", kCardio, S::Condition},
    {"afib", kCardio, S::Condition},
    {"palpitations", kCardio, S::Hint},
    {"palpitation", kCardio, S::Hint},
    {"heart rate", kCardio, S::Hint},
    {"heartbeat", kCardio, S::Hint},
    {"blood pressure", kCardio, S::Hint},
    {"hypertension", kCardio, S::Hint},
    {"cholesterol", kCardio, S::Hint},
    // dermatology
    {"dermatologist", kDerm, S::Named},
    {"dermatology", kDerm, S::Named},
    {"derm", kDerm, S::Named},
    {"skin doctor", kDerm, S::Named},
    {"skin doc", kDerm, S::Named},
    {"doctor for skin", kDerm, S::Named},
    {"doctor for the skin", kDerm, S::Named},
    {"doctor of skin", kDerm, S::Named},
    {"skin specialist", kDerm, S::Named},
    {"skin check", kDerm, S::Named},
    {"skin checkup", kDerm, S::Named},
    {"skin check-up", kDerm, S::Named},
    {"skin clinic", kDerm, S::Named},
    {"skin consultant", kDerm, S::Named},
    {"skin consultation", kDerm, S::Named},
    {"skin cancer check", kDerm, S::Named},
    {"skin cancer screening", kDerm, S::Named},
    {"mole check", kDerm, S::Named},
    {"mole checks", kDerm, S::Named},
    {"mole mapping", kDerm, S::Named},
    {"mole map", kDerm, S::Named},
    {"mole screening", kDerm, S::Named},
    {"mole", kDerm, S::Condition},
    {"moles", kDerm, S::Condition},
    {"acne", kDerm, S::Condition},
    {"eczema", kDerm, S::Condition},
    {"psoriasis", kDerm, S::Condition},
    {"dermatitis", kDerm, S::Condition},
    {"rosacea", kDerm, S::Condition},
    {"melanoma", kDerm, S::Condition},
    {"skin cancer", kDerm, S::Condition},
    {"rash", kDerm, S::Hint},
    {"rashes", kDerm, S::Hint},
    {"itchy", kDerm, S::Hint},
    {"itching", kDerm, S::Hint},
    {"itch", kDerm, S::Hint},
    {"hives", kDerm, S::Hint},
    {"pimples", kDerm, S::Hint},
    {"warts", kDerm, S::Hint},
    {"wart", kDerm, S::Hint},
    {"sunburn", kDerm, S::Hint},
    {"skin", kDerm, S::Hint},
    {"dry skin", kDerm, S::Hint},
    {"hair loss", kDerm, S::Hint},

    // Italian: the same specialties in the words patients use ("il medico della pelle", "il
    // dottore del cuore"). Accents and apostrophes are folded as in every word ("dell'" is "dell").
    {"medico generico", kGp, S::Named},
    {"medico di medicina generale", kGp, S::Named},
    {"medicina generale", kGp, S::Named},
    {"medico della mutua", kGp, S::Named},
    {"dottore di base", kGp, S::Named},
    {"dottore di famiglia", kGp, S::Named},
    {"dottoressa di base", kGp, S::Named},
    {"dottoressa di famiglia", kGp, S::Named},
    {"medica di base", kGp, S::Named},
    // "quello di famiglia", Roman "er dottore de famija", "er medico de base".
    {"di famiglia", kGp, S::Generic},
    {"de famija", kGp, S::Generic},
    {"de famiglia", kGp, S::Generic},
    {"medico de base", kGp, S::Named},
    {"dottore de base", kGp, S::Named},
    {"il mio medico", kGp, S::Generic},
    {"mio medico", kGp, S::Generic},
    {"il mio dottore", kGp, S::Generic},
    {"la mia dottoressa", kGp, S::Generic},
    {"visita generale", kGp, S::Generic},
    {"controllo generale", kGp, S::Generic},
    {"visita di controllo", kGp, S::Generic},
    {"certificato medico", kGp, S::Hint},
    {"certificato sportivo", kGp, S::Hint},
    {"ricetta", kGp, S::Hint},
    {"impegnativa", kGp, S::Hint},
    {"febbre", kGp, S::Hint},
    {"tosse", kGp, S::Hint},
    {"mal di schiena", kGp, S::Hint},
    {"dermat", kDerm, S::Named},
    {"dermato", kDerm, S::Named},
    {"dolore alla schiena", kGp, S::Hint},
    {"mal di testa", kGp, S::Hint},
    {"mal di pancia", kGp, S::Hint},
    {"mal di stomaco", kGp, S::Hint},
    {"mal d'orecchio", kGp, S::Hint},
    {"mal di orecchio", kGp, S::Hint},
    {"dolore al ginocchio", kGp, S::Hint},
    {"raffreddore", kGp, S::Hint},
    {"influenza", kGp, S::Hint},
    {"mal di gola", kGp, S::Hint},
    {"analisi del sangue", kGp, S::Hint},
    {"esami del sangue", kGp, S::Hint},
    {"prelievo", kGp, S::Hint},
    {"pediatria", kPeds, S::Named},
    {"pediatrica", kPeds, S::Named},
    {"pediatri", kPeds, S::Named},
    {"dottore dei bambini", kPeds, S::Named},
    {"dottoressa dei bambini", kPeds, S::Named},
    {"medico dei bambini", kPeds, S::Named},
    {"medico per bambini", kPeds, S::Named},
    {"dottore per bambini", kPeds, S::Named},
    {"cardiologo", kCardio, S::Named},
    {"cardiologa", kCardio, S::Named},
    {"cardiologia", kCardio, S::Named},
    {"cardiologica", kCardio, S::Named},
    {"dottore del cuore", kCardio, S::Named},
    {"dottoressa del cuore", kCardio, S::Named},
    {"medico del cuore", kCardio, S::Named},
    {"specialista del cuore", kCardio, S::Named},
    {"medico per il cuore", kCardio, S::Named},
    {"dottore per il cuore", kCardio, S::Named},
    {"dottore cuore", kCardio, S::Named},
    {"medico cuore", kCardio, S::Named},
    {"controllo del cuore", kCardio, S::Named},
    {"cuore", kCardio, S::Condition},
    {"elettrocardiogramma", kCardio, S::Condition},
    {"ecocardiogramma", kCardio, S::Condition},
    {"aritmia", kCardio, S::Condition},
    {"fibrillazione atriale", kCardio, S::Condition},
    {"palpitazioni", kCardio, S::Hint},
    {"tachicardia", kCardio, S::Hint},
    {"pressione alta", kCardio, S::Hint},
    {"pressione", kCardio, S::Hint},
    {"colesterolo", kCardio, S::Hint},
    {"dermatologo", kDerm, S::Named},
    {"dermatologa", kDerm, S::Named},
    {"dermatologia", kDerm, S::Named},
    {"dermatologica", kDerm, S::Named},
    {"medico della pelle", kDerm, S::Named},
    {"dottore della pelle", kDerm, S::Named},
    {"dottoressa della pelle", kDerm, S::Named},
    {"specialista della pelle", kDerm, S::Named},
    {"medico per la pelle", kDerm, S::Named},
    {"dottore per la pelle", kDerm, S::Named},
    {"dottoressa per la pelle", kDerm, S::Named},
    {"dottore pelle", kDerm, S::Named},
    {"dottoressa pelle", kDerm, S::Named},
    {"medico pelle", kDerm, S::Named},
    {"controllo dei nei", kDerm, S::Named},
    {"controllo nei", kDerm, S::Named},
    {"mappatura dei nei", kDerm, S::Named},
    {"mappatura nei", kDerm, S::Named},
    {"neo", kDerm, S::Condition},
    {"psoriasi", kDerm, S::Condition},
    {"dermatite", kDerm, S::Condition},
    {"pelle", kDerm, S::Hint},
    {"brufoli", kDerm, S::Hint},
    {"prurito", kDerm, S::Hint},
    {"macchia", kDerm, S::Hint},
    {"macchie", kDerm, S::Hint},
    {"orticaria", kDerm, S::Hint},
    {"verruca", kDerm, S::Hint},
    {"verruche", kDerm, S::Hint},
    {"caduta dei capelli", kDerm, S::Hint},
});

// "per mio figlio", "per la mia bambina": the patient is a child (Italian; see kChildren).
constexpr auto kChildrenItMasc = std::to_array<std::string_view>(
    {"figlio", "bambino", "bimbo", "piccolo", "neonato", "figlioletto", "nipotino"});
constexpr auto kChildrenItFem = std::to_array<std::string_view>(
    {"figlia", "bambina", "bimba", "piccola", "neonata", "figlioletta", "nipotina"});
constexpr auto kChildrenItPlural = std::to_array<std::string_view>(
    {"per i miei figli", "per i bambini", "per i nostri figli", "per le mie figlie", "per le bambine",
     "per i miei bambini", "per i figli", "il mio bambino", "la mia bambina", "il mio bimbo", "la mia bimba",
     "mio bambino", "mia bambina", "il neonato", "la neonata", "il mio neonato", "la mia neonata",
     "la mia piccola", "il mio piccolo"});

// "for my son", "my little one", ...: the patient is a child.
constexpr auto kChildren = std::to_array<std::string_view>(
    {"son",       "sons",         "daughter", "daughters", "child",    "children",      "kid",
     "kids",      "baby",         "babies",   "boy",       "girl",     "toddler",       "infant",
     "newborn",   "little one",   "little ones", "little boy", "little girl", "grandson", "granddaughter",
     "grandchild", "grandchildren", "grandkid", "grandkids", "stepson", "stepdaughter", "twins", "youngest"});
// Said without "for", only these are children for certain ("my son" may be 40).
constexpr auto kYoungChildren = std::to_array<std::string_view>(
    {"baby", "babies", "toddler", "infant", "newborn", "little one", "little ones", "little boy", "little girl"});

// Typos allowed in a phrase word of this length: none below 8 letters, one from 8, two from 11.
int phraseEdits(std::size_t letters) { return letters >= 11 ? 2 : letters >= 8 ? 1 : 0; }

bool phraseWordMatches(const Word& w, const std::string& want, bool allowStem) {
    if (w.text == want || (allowStem && w.stem == want)) return true;
    const int limit = phraseEdits(want.size());
    if (!limit || w.text.empty() || w.text[0] != want[0] || w.digits) return false;
    return editDistance(w.text, want, limit) <= limit;
}

// Words of a phrase may be joined by spaces or hyphens ("check-up"), and by dots after
// single letters ("G.P.").
bool joinsPhrase(const Word& prev, const Word& next) {
    const auto& gap = next.gapBefore;
    if (gap.empty()) return false;
    for (std::size_t i = 0; i < gap.size(); ++i) {
        const char c = gap[i];
        if (c == ' ' || c == '\t' || c == '-') continue;
        if (c == '.' && prev.text.size() == 1) continue;
        if (text::noBreakSpaceAt(gap, i)) {
            ++i;
            continue;
        }
        return false;
    }
    return true;
}

std::vector<std::string> phraseWords(std::string_view text) {
    std::vector<std::string> out;
    for (auto& w : tokenize(std::string(text), {})) out.push_back(std::move(w.text));
    return out;
}

int cardinalValue(std::string_view w) {
    static constexpr auto kWords = std::to_array<std::string_view>(
        {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"});
    for (std::size_t i = 0; i < kWords.size(); ++i)
        if (w == kWords[i]) return static_cast<int>(i) + 1;
    return 0;
}

// The leading digits of a word and what follows them ("4yo" -> 4, "yo"); -1 without digits.
std::pair<int, std::string_view> leadingNumber(const std::string& w) {
    std::size_t i = 0;
    int value = 0;
    while (i < w.size() && isDigit(w[i]) && value < 100000) value = value * 10 + (w[i++] - '0');
    if (i == 0) return {-1, {}};
    return {value, std::string_view(w).substr(i)};
}

// The oldest age pediatrics sees (the practice's specialty description: "up to 14").
constexpr int kChildAge = 14;

// "my 4 year old", "for my 3-year-old", "a 6 month old", "my 4yo": the number of the years
// when up to kChildAge (months and weeks: 0), else -1; next gets the word after the phrase.
int childAge(const std::vector<Word>& words, std::size_t k, std::size_t& next) {
    if (words[k].skip) return -1;
    auto [value, suffix] = leadingNumber(words[k].text);
    if (value < 0) value = cardinalValue(words[k].text), suffix = {};
    else if (!suffix.empty() && suffix != "yo" && suffix != "yr" && suffix != "yrs" && suffix != "y") return -1;
    if (value <= 0) return -1;
    if (suffix == "yo" || ((suffix == "yr" || suffix == "yrs" || suffix == "y") && k + 1 < words.size() &&
                           words[k + 1].text == "old")) {
        next = suffix == "yo" ? k + 1 : k + 2;
        return value <= kChildAge ? value : -1;
    }
    if (!suffix.empty()) return -1;
    if (k + 1 < words.size() && words[k + 1].text == "yo") {
        next = k + 2;
        return value <= kChildAge ? value : -1;
    }
    if (k + 2 >= words.size() || words[k + 2].text != "old" || words[k + 1].skip || words[k + 2].skip) return -1;
    const auto& unit = words[k + 1].text;
    next = k + 3;
    if (unit == "year" || unit == "years" || unit == "yr" || unit == "yrs") return value <= kChildAge ? value : -1;
    if (unit == "month" || unit == "months" || unit == "week" || unit == "weeks" || unit == "day" || unit == "days")
        return 0;
    return -1;
}

}  // namespace

const std::vector<std::string>& SpecialtyMatcher::slugs() {
    static const std::vector<std::string> kSlugs{kGeneralPractice, kPediatrics, kCardiology, kDermatology};
    return kSlugs;
}

SpecialtyMatcher::SpecialtyMatcher(const std::vector<SpecialtyName>& extra) {
    auto add = [&](std::vector<std::string> words, std::string slug, S strength) {
        if (words.empty()) return;
        for (const auto& p : phrases_)
            if (p.words == words) return;
        phrases_.push_back({std::move(words), std::move(slug), strength});
    };
    for (const auto& p : kPhrases) add(phraseWords(p.text), std::string(p.slug), p.strength);
    for (std::string_view child : kChildren) {
        for (std::string_view owner : {"for my ", "for our ", "for the "}) {
            std::string text(owner);
            text += child;
            add(phraseWords(text), kPediatrics, S::Child);
        }
    }
    for (std::string_view child : kYoungChildren) {
        for (std::string_view owner : {"my ", "our "}) {
            std::string text(owner);
            text += child;
            add(phraseWords(text), kPediatrics, S::Child);
        }
    }
    for (std::string_view child : kChildrenItMasc)
        for (std::string_view owner : {"per mio ", "per il mio ", "per il ", "per nostro ", "per il nostro "}) {
            std::string text(owner);
            text += child;
            add(phraseWords(text), kPediatrics, S::Child);
        }
    for (std::string_view child : kChildrenItFem)
        for (std::string_view owner : {"per mia ", "per la mia ", "per la ", "per nostra ", "per la nostra "}) {
            std::string text(owner);
            text += child;
            add(phraseWords(text), kPediatrics, S::Child);
        }
    for (std::string_view phrase : kChildrenItPlural) add(phraseWords(phrase), kPediatrics, S::Child);
    for (const auto& s : extra) {
        add(phraseWords(s.name), s.slug, S::Named);
        std::string slugText = s.slug;
        std::replace(slugText.begin(), slugText.end(), '-', ' ');
        add(phraseWords(slugText), s.slug, S::Named);
    }
    std::stable_sort(phrases_.begin(), phrases_.end(),
                     [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
}

std::vector<SpecialtyMatch> SpecialtyMatcher::find(const std::string& text, const ByteSpans& skip) const {
    std::vector<SpecialtyMatch> out;
    const auto words = tokenize(text, skip);
    std::size_t k = 0;
    while (k < words.size()) {
        if (words[k].skip) {
            ++k;
            continue;
        }
        // "for my 4 year old", "my 6 month old"
        static constexpr auto kOwners = std::to_array<std::string_view>({"my", "our", "a", "her", "his"});
        if (words[k].text == "for" || inList(kOwners, words[k].text)) {
            std::size_t a = k + 1;
            if (words[k].text == "for" && a < words.size() && inList(kOwners, words[a].text)) ++a;
            std::size_t next = 0;
            if (a < words.size() && a > k && onlySpaces(words[a].gapBefore) && childAge(words, a, next) >= 0) {
                out.push_back({kPediatrics, S::Child, words[k].begin, words[next - 1].end});
                k = next;
                continue;
            }
        }
        const Phrase* hit = nullptr;
        for (const auto& p : phrases_) {
            if (k + p.words.size() > words.size()) continue;
            bool ok = true;
            for (std::size_t n = 0; ok && n < p.words.size(); ++n) {
                const Word& w = words[k + n];
                ok = !w.skip && (n == 0 || joinsPhrase(words[k + n - 1], w)) &&
                     phraseWordMatches(w, p.words[n], p.strength != S::Generic);
            }
            if (ok) {
                hit = &p;
                break;
            }
        }
        if (!hit) {
            ++k;
            continue;
        }
        const std::size_t last = k + hit->words.size() - 1;
        if (last + 1 < words.size() && words[last + 1].gapBefore == "-") {  // "heart-felt", "son-in-law"
            ++k;
            continue;
        }
        out.push_back({hit->slug, hit->strength, words[k].begin, words[last].end});
        k = last + 1;
    }
    return out;
}

std::optional<std::string> SpecialtyMatcher::pick(const std::vector<SpecialtyMatch>& matches) {
    const SpecialtyMatch* best = nullptr;
    for (const auto& m : matches)
        if (m.strength != S::Hint && (!best || m.strength >= best->strength)) best = &m;
    if (!best) return std::nullopt;
    return best->slug;
}

std::optional<std::string> SpecialtyMatcher::hint(const std::vector<SpecialtyMatch>& matches) {
    std::optional<std::string> out;
    for (const auto& m : matches) {
        if (m.strength != S::Hint) return std::nullopt;
        out = m.slug;
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Picks from a list.

namespace {

int ordinalValue(std::string_view w) {
    static constexpr auto kWords = std::to_array<std::string_view>(
        {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
         "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
         "nineteenth", "twentieth"});
    for (std::size_t i = 0; i < kWords.size(); ++i)
        if (w == kWords[i]) return static_cast<int>(i) + 1;
    // Italian, in both genders ("la seconda", "il primo"); "1°" and "2ª" as typed.
    static constexpr auto kItalian = std::to_array<std::string_view>(
        {"prim", "second", "terz", "quart", "quint", "sest", "settim", "ottav", "non", "decim"});
    if (w.size() >= 4 && (w.back() == 'o' || w.back() == 'a'))
        for (std::size_t i = 0; i < kItalian.size(); ++i)
            if (w.substr(0, w.size() - 1) == kItalian[i] && !(i == 8)) return static_cast<int>(i) + 1;
    if (w == "1st") return 1;
    // "2nd", "3rd", "4th", and their misspellings ("2th", "3nd")
    std::size_t i = 0;
    int value = 0;
    while (i < w.size() && isDigit(w[i]) && value < 1000) value = value * 10 + (w[i++] - '0');
    if (i == 0 || w.size() - i != 2) return 0;
    const auto suffix = w.substr(i);
    if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return 0;
    return value >= 1 && value <= 20 ? value : 0;
}

// Nouns after an ordinal that make it a pick ("the second one", "the 3rd option").
constexpr auto kPickNouns = std::to_array<std::string_view>(
    {"one",   "ones",     "option",      "options",      "choice", "choices",     "slot",        "slots",
     "appointment", "appointments", "appt", "date",   "dates",       "doctor",      "available",
     "booking",     "offer",  "suggestion", "alternative", "entry", "item",    "opening",   "openings", "session",
     "variant",     "version", "hour",
     // Italian
     "opzione", "opzioni", "scelta", "variante", "proposta", "orario", "orari", "ora", "data", "appuntamento", "possibilita",
     "possibilità", "disponibilita", "disponibilità", "fascia", "va", "andrebbe", "mi", "che", "delle", "della"});

// Words that may follow a pick once the sentence has said "the": "the second please".
constexpr auto kAfterPick = std::to_array<std::string_view>(
    {"please", "pls", "plz", "thanks", "thank", "thx", "then", "is", "works", "would", "will", "sounds", "looks",
     "seems", "ok", "okay", "fine", "for", "and", "or", "but", "instead", "if", "suits", "i", "id", "ill",
     // Italian
     "va", "andrebbe", "grazie", "per", "favore", "allora", "pure", "e", "è", "mi", "perfetto", "benissimo", "ok"});

// Words a message may hold besides the pick and still be only a pick ("ok, second please").
constexpr auto kFillers = std::to_array<std::string_view>(
    {"please", "pls", "plz", "thanks", "thank", "you", "thx", "ok", "okay", "yes", "yeah", "yep", "yup", "sure",
     "i", "ill", "id", "will", "would", "like", "take", "want", "choose", "pick", "prefer", "go", "with", "for",
     "lets", "let", "me", "the", "one", "option", "number", "that", "then", "great", "perfect", "fine", "good",
     "um", "uh", "hmm", "oh", "ah", "and", "just", "is", "works", "sounds",
     // Italian: "va bene la seconda", "sì, la prima che mi ha proposto", "prendo il 2"
     "va", "bene", "benissimo", "la", "il", "lo", "l", "sì", "si", "grazie", "mille", "prendo", "scelgo", "vorrei",
     "voglio", "preferisco", "preferirei", "mi", "andrebbe", "va", "perfetto", "ottimo", "allora", "opzione",
     "numero", "quella", "quello", "che", "ha", "hai", "proposto", "proposta", "propone", "detto", "lei", "per",
     "favore", "confermo", "d", "accordo", "e", "è", "pure", "meglio", "ok", "okay", "ecco", "facciamo"});

constexpr auto kNegations = std::to_array<std::string_view>(
    {"not", "no", "except", "never", "nor", "but", "non", "tranne", "eccetto", "escluso", "esclusa", "ma"});

constexpr auto kNumberCues = std::to_array<std::string_view>(
    {"number", "num", "nr", "option", "choice", "slot", "numero", "opzione", "scelta", "n"});

// Words before "number" that make it a phone number, a reference, ...
constexpr auto kOtherNumbers = std::to_array<std::string_view>(
    {"phone", "mobile", "telephone", "tel", "cell", "contact", "my", "your", "his", "her", "their", "our",
     "insurance", "reference", "ref", "policy", "house", "room", "card", "account", "fax", "whatsapp", "tax",
     "health", "id", "patient", "booking"});

struct Pick {
    int value = 0;
    std::size_t first = 0, last = 0;  // words [first, last]
};

// An ordinal word, or a phrase of one ("second to last"), at words[k].
std::optional<Pick> ordinalAt(const std::vector<Word>& words, std::size_t k) {
    auto text = [&](std::size_t i) -> std::string_view {
        return i < words.size() && !words[i].skip ? std::string_view(words[i].text) : std::string_view();
    };
    const auto w = text(k);
    if (w == "second" && text(k + 1) == "to" && text(k + 2) == "last") return Pick{-2, k, k + 2};
    if (w == "next" && text(k + 1) == "to" && text(k + 2) == "last") return Pick{-2, k, k + 2};
    if (w == "second" && text(k + 1) == "last") return Pick{-2, k, k + 1};
    if (w == "last" && text(k + 1) == "but" && text(k + 2) == "one") return Pick{-2, k, k + 2};
    if (w == "one" && text(k + 1) == "before" && text(k + 2) == "last") return Pick{-2, k, k + 2};
    if (w == "penultimate") return Pick{-2, k, k};
    // "la più tardi", "quella più tardi", "the latest one": the last time shown.
    if (w == "piu" && text(k + 1) == "tardi") return Pick{-1, k, k + 1};
    if (w == "latest") return Pick{-1, k, k};
    if (w == "last" || w == "latter" || w == "final" || w == "bottom") return Pick{-1, k, k};
    if (w == "ultimo" || w == "ultima") return Pick{-1, k, k};
    if (w == "penultimo" || w == "penultima") return Pick{-2, k, k};
    if (w == "former" || w == "top") return Pick{1, k, k};
    if (int v = ordinalValue(w)) return Pick{v, k, k};
    // "l'ultima", "l'ottavo": the elided article is read as one word ("lultima")
    if (w.size() > 4 && w[0] == 'l') {
        const auto bare = w.substr(1);
        if (bare == "ultimo" || bare == "ultima") return Pick{-1, k, k};
        if (int v = ordinalValue(bare); v && (bare.back() == 'o' || bare.back() == 'a')) return Pick{v, k, k};
    }
    return std::nullopt;
}

bool messageIsOnly(const std::vector<Word>& words, std::size_t first, std::size_t last) {
    for (std::size_t i = 0; i < words.size(); ++i)
        if ((i < first || i > last) && !inList(kFillers, words[i].text)) return false;
    return true;
}

// "not the first one", "except the second": the pick is refused, not chosen.
bool negatedBefore(const std::vector<Word>& words, std::size_t first) {
    std::size_t i = first;
    for (int back = 0; back < 3 && i > 0; ++back) {
        if (hasPunctuation(words[i].gapBefore)) return false;
        --i;
        if (words[i].skip) return false;
        if (inList(kNegations, words[i].text)) return true;
        if (words[i].text != "the" && words[i].text != "that" && words[i].text != "one" && words[i].text != "of" &&
            words[i].text != "la" && words[i].text != "il" && words[i].text != "lo" && words[i].text != "quella" &&
            words[i].text != "quello")
            return false;
    }
    return false;
}

bool acceptOrdinal(const std::vector<Word>& words, const Pick& p) {
    const std::string_view first = words[p.first].text;
    const std::string_view prev = p.first > 0 && !words[p.first - 1].skip && !hasPunctuation(words[p.first].gapBefore)
                                      ? std::string_view(words[p.first - 1].text)
                                      : std::string_view();
    const std::size_t n = p.last + 1;
    const bool atEnd = n >= words.size() || hasPunctuation(words[n].gapBefore) || words[n].skip;
    const std::string_view next = atEnd ? std::string_view() : std::string_view(words[n].text);
    const std::string_view next2 = n + 1 < words.size() && !words[n + 1].skip && !hasPunctuation(words[n + 1].gapBefore)
                                       ? std::string_view(words[n + 1].text)
                                       : std::string_view();

    if (negatedBefore(words, p.first)) return false;
    // "just a second", "one second", "every second"
    if (first == "second" && (prev == "a" || prev == "one" || prev == "per" || prev == "every" || prev == "split"))
        return false;
    const bool pickNoun = !next.empty() && inList(kPickNouns, next);
    // "the last appointment of the day" is the latest slot, not a pick from a list
    if (pickNoun && n + 3 < words.size() && words[n + 1].text == "of" &&
        (words[n + 2].text == "the" || words[n + 2].text == "each") &&
        (words[n + 3].text == "day" || words[n + 3].text == "week" || words[n + 3].text == "month" ||
         words[n + 3].text == "morning" || words[n + 3].text == "afternoon" || words[n + 3].text == "evening"))
        return false;
    const bool ofList = next == "of" && (next2 == "them" || next2 == "those" || next2 == "these" ||
                                         next2 == "the" || next2 == "your");
    // "l'ultima" is read as one word: its article is in it.
    const bool elidedArticle = first.size() > 4 && first[0] == 'l' &&
                               (first.substr(1) == "ultima" || first.substr(1) == "ultimo" ||
                                ordinalValue(first.substr(1)) != 0);
    const bool determiner = prev == "the" || prev == "that" || prev == "your" || prev == "la" || prev == "il" ||
                            prev == "l" || prev == "lo" || prev == "quella" || prev == "quello" || elidedArticle;
    // "l'ultima della mattina", "la prima del pomeriggio", "the last one in the afternoon":
    // a pick among the times of that part of the day.
    static constexpr auto kParts = std::to_array<std::string_view>(
        {"mattina", "mattinata", "pomeriggio", "sera", "serata", "morning", "afternoon", "evening"});
    if (determiner && (next == "della" || next == "del" || next == "di" || next == "in" || next == "nel" ||
                       next == "nella" || next == "of") &&
        (inList(kParts, next2) ||
         (next2 == "the" && n + 2 < words.size() && inList(kParts, std::string_view(words[n + 2].text)))))
        return true;
    // "is there a third option?", "another second": not one of the list; Italian "un
    // secondo" (a moment), "un quarto" (a quarter), "un'altra"
    if (prev == "a" || prev == "an" || prev == "another" || prev == "un" || prev == "una" || prev == "altra" ||
        prev == "altro")
        return false;
    // "secondo me" (in my opinion), "prima di", "prima delle 10", "prima possibile"
    if ((first == "secondo" || first == "seconda") && (next == "me" || next == "lei" || next == "te" || next == "voi"))
        return false;
    if ((first == "prima" || first == "primo") && !determiner &&
        (next == "di" || next == "delle" || next == "della" || next == "del" || next == "dei" || next == "possibile" ||
         next == "che" || next == "dell" || next == "degli"))
        return false;
    // "top", "bottom", "former", "latter", "final" are picks only with a determiner or a noun
    const bool plainWord = first == "top" || first == "bottom" || first == "former" || first == "latter" ||
                           first == "final";
    if (pickNoun && (determiner || prev == "my" || prev.empty() || !plainWord)) return true;
    if (first == "top" || first == "bottom") return false;
    if (determiner && (atEnd || ofList || inList(kAfterPick, next))) return true;
    if (plainWord) return false;
    return messageIsOnly(words, p.first, p.last);
}

// "number 3", "option two", "#2", "no. 4"
std::optional<Pick> numberedAt(const std::vector<Word>& words, std::size_t k) {
    const Word& w = words[k];
    if (w.skip) return std::nullopt;
    auto valueOf = [](const Word& v) {
        if (v.skip) return 0;
        auto [n, suffix] = leadingNumber(v.text);
        if (n >= 0) return suffix.empty() && n >= 1 && n <= 20 ? n : 0;
        return cardinalValue(v.text);
    };
    if (w.digits && w.gapBefore.find('#') != std::string::npos && w.gapBefore.back() == '#') {
        if (int v = valueOf(w)) return Pick{v, k, k};
        return std::nullopt;
    }
    if (k + 1 >= words.size()) return std::nullopt;
    const Word& n = words[k + 1];
    const bool cue = inList(kNumberCues, w.text) ||
                     ((w.text == "no" || w.text == "n") && n.gapBefore.find('.') != std::string::npos);
    if (!cue || !joinsName(n.gapBefore)) return std::nullopt;
    if (k > 0 && !words[k - 1].skip && inList(kOtherNumbers, words[k - 1].text) && w.text == "number")
        return std::nullopt;
    const int v = valueOf(n);
    if (!v) return std::nullopt;
    // "option 2 days", "number 3 people": a quantity after all
    if (k + 2 < words.size() && !hasPunctuation(words[k + 2].gapBefore) && !words[k + 2].skip) {
        static constexpr auto kUnits = std::to_array<std::string_view>(
            {"days", "day", "weeks", "week", "people", "persons", "times", "hours", "minutes", "years", "months"});
        if (inList(kUnits, words[k + 2].text)) return std::nullopt;
    }
    return Pick{v, k, k + 1};
}

}  // namespace

std::optional<int> extractOrdinal(const std::string& text, const ByteSpans& skip) {
    const auto words = tokenize(text, skip);
    std::optional<int> out;
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (words[k].skip) continue;
        if (auto p = numberedAt(words, k); p && !negatedBefore(words, p->first)) {
            out = p->value;
            k = p->last;
            continue;
        }
        if (auto p = ordinalAt(words, k); p && acceptOrdinal(words, *p)) {
            out = p->value;
            k = p->last;
            continue;
        }
    }
    // A bare number as the whole message ("2", "3 please"): a pick from the list just shown.
    if (!out) {
        for (std::size_t k = 0; k < words.size(); ++k) {
            if (words[k].skip || !words[k].digits) continue;
            auto [n, suffix] = leadingNumber(words[k].text);
            if (suffix.empty() && n >= 1 && n <= 20 && messageIsOnly(words, k, k) &&
                words[k].gapBefore.find_first_of("$\xE2\xC2") == std::string::npos)
                out = n;
            break;
        }
    }
    return out;
}

Entities extractEntities(const std::string& text, const LocalDate& today, int nowMinute, const DoctorMatcher& doctors,
                         const SpecialtyMatcher& specialties, const DateSettings& settings) {
    Entities e;
    e.datetime = extractDateTime(text, today, nowMinute, settings);
    ByteSpans taken = e.datetime.spans;
    e.doctors = doctors.find(text, taken);
    for (const auto& m : e.doctors) taken.emplace_back(m.begin, m.end);
    auto found = specialties.find(text, taken);
    // "book the GP for Friday, Thursday I'm at the skin doctor", "anything in cardiology this
    // Thursday? I'm already in that morning for the skin doctor": of two kinds of doctor, one
    // said to be had already is not the one asked for.
    bool twoKinds = false;
    for (const auto& m : found) twoKinds = twoKinds || (m.strength != SpecialtyStrength::Hint && m.slug != found[0].slug);
    if (twoKinds) {
        auto alreadyHad = [&](const SpecialtyMatch& m) {
            std::string before = text.substr(m.begin > 48 ? m.begin - 48 : 0, m.begin > 48 ? 48 : m.begin);
            for (auto& c : before) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (const auto stop = before.find_last_of(".,;!?"); stop != std::string::npos) before.erase(0, stop + 1);
            for (const char* cue : {"i'm at", "im at", "i am at", "i'm already", "im already", "i am already",
                                    "already have", "i have the", "i've got the", "ive got the", "i got the",
                                    "ho il ", "ho la ", "ho gia", "ho già", "sono dal", "sono dalla", "sono già",
                                    "sono gia", "vado già", "vado gia"})
                if (before.find(cue) != std::string::npos) return true;
            return false;
        };
        std::vector<SpecialtyMatch> asked;
        for (const auto& m : found)
            if (!alreadyHad(m)) asked.push_back(m);
        bool keepsOne = false;
        for (const auto& m : asked) keepsOne = keepsOne || m.strength != SpecialtyStrength::Hint;
        if (keepsOne && asked.size() < found.size()) found = std::move(asked);
    }
    e.specialty = SpecialtyMatcher::pick(found);
    if (!e.specialty) e.specialtyHint = SpecialtyMatcher::hint(found);
    for (const auto& m : found) taken.emplace_back(m.begin, m.end);
    e.ordinal = extractOrdinal(text, taken);
    return e;
}

}  // namespace medassist::assistant::engine
