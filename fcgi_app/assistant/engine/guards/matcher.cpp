// The guards' matcher: the vocabulary every rule's words are in, the phrase rules compiled from
// phrase_table.inc (and frame_rules.inc, included there), and matching them against a
// message's words.
//
// The rules are written as small phrase patterns over words (see RuleSpec below). Every word a
// rule names is in one vocabulary; each word of a message is looked up once, exactly and,
// for words of six letters or more, one typo away (a letter added, dropped, changed, or two
// neighbours swapped: "breating", "seizrue", "ibuprofin"), by the symmetric-delete method so
// a lookup costs a handful of hash probes. A word written "=word" in a pattern is exact only
// (common words one letter from a trigger: "cooking"/"choking", "painted"/"fainted").
#include <cstring>
#include <stdexcept>

#include "assistant/engine/guards/detail.hpp"

namespace medassist::assistant::engine::guards::detail {

// ---------------------------------------------------------------------------------------
// StringTable

void StringTable::build(const std::vector<std::string>& keys) {
    keys_ = &keys;
    std::size_t size = 16;
    while (size < keys.size() * 2) size *= 2;
    mask_ = size - 1;
    slots_.assign(size, Slot{});
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const auto h = hash(keys[k]);
        std::size_t at = h & mask_;
        while (slots_[at].key) at = (at + 1) & mask_;
        slots_[at] = {static_cast<std::uint32_t>(k + 1), static_cast<std::uint32_t>(h >> 32)};
    }
}

int StringTable::find(string_view w) const {
    if (!keys_) return -1;
    const auto h = hash(w);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
        const auto& slot = slots_[at];
        if (!slot.key) return -1;
        if (slot.check == static_cast<std::uint32_t>(h >> 32) && (*keys_)[slot.key - 1] == w)
            return static_cast<int>(slot.key - 1);
    }
}

std::uint64_t StringTable::hash(string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

// ---------------------------------------------------------------------------------------
// Vocabulary

namespace {

// Optimal string alignment distance, at most 1?
bool withinOneEdit(string_view a, string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size()) {
        if (i == a.size()) return true;
        if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one changed
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    return a.substr(i) == b.substr(i + 1);  // one added
}

// Everyday words of patients' messages. A word the vocabulary knows is never read as a typo
// of another ("cooking" is not "choking", "present" not "pretend"), and is not searched for
// one, which is most of the words of most messages.
constexpr string_view kCommonWords[] = {
    "about", "after", "again", "against", "all", "also", "always", "am", "an", "and", "any", "anything", "are",
    "around", "as", "at", "available", "away", "back", "be", "because", "been", "before", "being", "best",
    "better", "between", "both", "bring", "but", "by", "call", "called", "calling", "came", "can", "cannot",
    "cancel", "cancelled", "canceled", "change", "check", "cheers", "clinic", "come", "coming", "confirm",
    "cooking", "could", "couldnt", "date", "day", "days", "did", "didnt", "different", "do", "doctor",
    "doctors", "does", "doesnt", "doing", "done", "dont", "down", "during", "each", "early", "earlier",
    "earliest", "either", "else", "email", "end", "enough", "even", "evening", "ever", "every", "everything",
    "fine", "first", "for", "free", "friday", "from", "get", "getting", "give", "go", "going", "good", "got",
    "great", "had", "has", "have", "having", "he", "hello", "help", "her", "here", "hey", "hi", "him", "his",
    "hold", "hour", "hours", "how", "however", "i", "if", "im", "in", "instead", "into", "is", "isnt", "it",
    "its", "ive", "just", "keep", "know", "last", "late", "later", "latest", "leave", "let", "lets", "like",
    "list", "little", "look", "looking", "made", "make", "making", "many", "maybe", "me", "mean", "message",
    "midday", "might", "mine", "minutes", "monday", "month", "more", "morning", "most", "move", "much",
    "must", "my", "myself", "need", "needs", "never", "new", "next", "nice", "night", "no", "noon", "not",
    "nothing", "now", "number", "of", "off", "ok", "okay", "on", "once", "one", "only", "open", "opening",
    "or", "other", "our", "out", "over", "painted", "painting", "parking", "people", "perfect", "person",
    "phone", "please", "possible", "practice", "present", "prefer", "pretty", "price", "problem", "put",
    "question", "quick", "rather", "really", "reason", "remind", "reminder", "right", "same", "saturday",
    "say", "schedule", "scheduled", "second", "see", "send", "sent", "she", "should", "show", "since",
    "slot", "slots", "so", "some", "someone", "something", "soon", "sooner", "sorry", "start", "still",
    "store", "sunday", "sure", "take", "taking", "talk", "tell", "than", "thank", "thanks", "that", "thats",
    "the", "their", "them", "then", "there", "these", "they", "thing", "things", "think", "third", "this",
    "those", "through", "thursday", "time", "times", "to", "today", "told", "tomorrow", "too", "tuesday",
    "two", "under", "until", "up", "us", "use", "very", "visit", "wait", "waiting", "want", "wanted", "was",
    "way", "we", "wednesday", "week", "weekend", "weeks", "well", "were", "what", "whats", "when", "where",
    "which", "while", "who", "why", "will", "with", "without", "wont", "work", "working", "would", "yeah",
    "year", "years", "yes", "yet", "you", "your", "youre", "appointment", "appointments", "booking",
    "bookings", "book", "booked", "reschedule", "tuesdays", "mondays", "afternoon", "evenings", "mornings",
    "cardiologist", "dermatologist", "pediatrician", "paediatrician", "specialist", "general", "checkup",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "anytime", "whenever", "possibly",
    "address", "insurance", "prescription", "referral", "results", "closed", "holiday", "holidays", "doing",
    "scrap", "started", "starting", "waking", "walking", "looking", "talking", "trying", "feeling", "leaving",
    "moving", "finish", "finished", "coffee", "dinner", "lunch", "breakfast", "school", "office", "meeting",
    "thanksgiving", "christmas", "easter", "summer", "winter", "spring", "autumn", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "sitting", "setting", "hitting", "knitting", "putting", "keyboard", "houseplant", "houseplants", "plants",
    "physics", "physicist", "physical",
    // Italian everyday words one letter from a danger word: "è sparita da sola" is not "sparata".
    "sparita", "sparito", "spariti", "sparite", "sparire", "sparisce", "spariscono",
};

}  // namespace

std::uint16_t Vocabulary::intern(string_view w) {
    bool exactOnly = false;
    if (!w.empty() && w[0] == '=') {
        exactOnly = true;
        w.remove_prefix(1);
    }
    auto it = building.find(std::string(w));
    if (it != building.end()) {
        if (exactOnly) exact[it->second] = true;
        return it->second;
    }
    const auto id = static_cast<std::uint16_t>(words.size());
    building.emplace(std::string(w), id);
    words.emplace_back(w);
    exact.push_back(exactOnly);
    flags.push_back(0);
    return id;
}

void Vocabulary::finish() {
    building.clear();
    table.build(words);
    std::unordered_map<std::string, std::size_t> at;
    for (std::size_t id = 0; id < words.size(); ++id) {
        const auto& w = words[id];
        if (exact[id] || w.size() < 6) continue;
        for (std::size_t k = 0; k < w.size(); ++k) {
            std::string d = w.substr(0, k) + w.substr(k + 1);
            auto [it, added] = at.emplace(d, deleteKeys.size());
            if (added) {
                deleteKeys.push_back(d);
                deleteIds.emplace_back();
            }
            auto& v = deleteIds[it->second];
            if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(static_cast<std::uint16_t>(id));
        }
    }
    deleteTable.build(deleteKeys);
}

void Vocabulary::resolve(Word& w) const {
    if (w.id >= 0) w.ids[w.nids++] = static_cast<std::uint16_t>(w.id);
    if (w.baseId >= 0 && w.baseId != w.id) w.ids[w.nids++] = static_cast<std::uint16_t>(w.baseId);
    if (w.elided && w.elided < w.text.size() && w.nids < 3) {  // "lappuntamento" is also "appuntamento"
        const int bare = table.find(w.text.substr(w.elided));
        if (bare >= 0 && bare != w.id) w.ids[w.nids++] = static_cast<std::uint16_t>(bare);
    }
    const string_view t = w.text;
    if (w.nids || t.size() < 5 || w.number) return;
    auto add = [&](std::uint16_t id) {
        if (w.nids >= 3 || exact[id] || words[id].size() < 6) return;
        for (std::uint8_t k = 0; k < w.nids; ++k)
            if (w.ids[k] == id) return;
        if (withinOneEdit(t, words[id])) w.ids[w.nids++] = id;
    };
    if (const int d = deleteTable.find(t); d >= 0)
        for (auto id : deleteIds[static_cast<std::size_t>(d)]) add(id);  // a letter missing
    char buf[64];
    if (t.size() >= sizeof buf) return;
    for (std::size_t k = 0; k < t.size(); ++k) {
        std::memcpy(buf, t.data(), k);
        std::memcpy(buf + k, t.data() + k + 1, t.size() - k - 1);
        const string_view d(buf, t.size() - 1);
        if (const int id = table.find(d); id >= 0) add(static_cast<std::uint16_t>(id));  // a letter too many
        if (const int del = deleteTable.find(d); del >= 0)
            for (auto id : deleteIds[static_cast<std::size_t>(del)]) add(id);  // a letter changed, or two swapped
    }
}

// ---------------------------------------------------------------------------------------
// The rules

namespace {

// A row of the phrase table. pattern, also and unless are elements separated by spaces; an
// element is words separated by '|' (any of them), "@name" (a word class, kClasses), "=word"
// (that word exactly, no typo of it), "#" (any number), "%y" (a year 1900..2099), "%big" (a
// number of two digits or more); "~N" before an element lets up to N other words sit before
// it (never across a sentence). notPrev / notNext are one element each. The flags are Rule's.
struct RuleSpec {
    Kind kind;
    const char* label;
    const char* pattern;
    const char* also = nullptr;
    const char* unless = nullptr;
    const char* notPrev = nullptr;
    const char* notNext = nullptr;
    bool notInWhQuestion = false;
    bool ownGuard = false;
    bool whole = false;
};

// Word classes a pattern names with @name.
struct WordClass {
    const char* name;
    const char* words;
};

#include "assistant/engine/guards/phrase_table.inc"

constexpr string_view kCodeWords[] = {"can", "emergency", "sos", "mayday"};

std::vector<string_view> split(string_view s, char sep) {
    std::vector<string_view> out;
    while (!s.empty()) {
        const auto k = s.find(sep);
        auto part = s.substr(0, k);
        if (!part.empty()) out.push_back(part);
        if (k == string_view::npos) break;
        s.remove_prefix(k + 1);
    }
    return out;
}

}  // namespace

Rules::Rules() {
    std::unordered_map<string_view, std::vector<string_view>> classes;
    for (const auto& c : kClasses) classes[c.name] = split(c.words, ' ');
    auto element = [&](string_view spec) {
        Element e;
        for (auto alt : split(spec, '|')) {
            if (alt == "#") e.number = true;
            else if (alt == "%y") e.year = true;
            else if (alt == "%big") e.big = true;
            else if (alt[0] == '@') {
                for (auto w : classes.at(alt.substr(1))) e.ids.push_back(vocab.intern(w));
            } else e.ids.push_back(vocab.intern(alt));
        }
        std::sort(e.ids.begin(), e.ids.end());
        e.ids.erase(std::unique(e.ids.begin(), e.ids.end()), e.ids.end());
        return e;
    };
    auto pattern = [&](const char* spec) {
        Pattern p;
        if (!spec) return p;
        std::uint8_t gap = 0;
        for (auto part : split(spec, ' ')) {
            if (part[0] == '~' && part.size() > 1) {
                gap = static_cast<std::uint8_t>(part[1] - '0');
                continue;
            }
            Element e = element(part);
            e.gap = gap;
            gap = 0;
            p.push_back(std::move(e));
        }
        return p;
    };
    for (const auto& s : kRules) {
        Rule r;
        r.kind = s.kind;
        r.label = s.label;
        r.pattern = pattern(s.pattern);
        r.also = pattern(s.also);
        r.unless = pattern(s.unless);
        if (s.notPrev) r.notPrev = element(s.notPrev).ids;
        if (s.notNext) r.notNext = element(s.notNext).ids;
        r.notInWhQuestion = s.notInWhQuestion;
        r.ownGuard = s.ownGuard;
        r.whole = s.whole;
        if (r.pattern.empty() || r.pattern.size() > 8) throw std::logic_error("guards: a rule of 1 to 8 elements");
        rules.push_back(std::move(r));
    }
    negators = element("no|not|dont|doesnt|didnt|never|isnt|wasnt|arent|werent|havent|hasnt|hadnt|nor|neither|"
                       "denies|deny|denied|nothing|none|aint|non|nn|nun|mai|nessun|nessuna|niente|neanche|nemmeno")
                   .ids;
    negatorExceptions = element("sure|certain|know|think|knowing|understand|remember").ids;
    pastBefore = element("after|since|following|post|previous|previously|prior|past|former|old|earlier|died|"
                         "history|historic|last|survived|survivor|precedente|vecchio|passato|avuto")
                     .ids;
    resolvedAfter = element("gone|resolved|subsided|disappeared|healed|away|cleared").ids;
    // The patient's own, or free slots: "all my appointments", "every available appointment".
    ownWords = element("my|mine|our|ours|i|ive|im|available|free|open|upcoming|future|vacant|possible|"
                       "remaining|next|miei|mie|mio|mia|ho|io|liberi|libere|disponibili|prossimi|prossime")
                   .ids;
    // The words the checks name in code, so each has an id; what words are; everyday words.
    for (auto w : kCodeWords) vocab.intern(w);
    tagWordLists(vocab);
    vocab.tag(kCommonWords, 0);
    vocab.finish();
    byFirst.resize(vocab.words.size());
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const auto& first = rules[r].pattern.front();
        for (auto id : first.ids) byFirst[id].push_back(static_cast<std::uint16_t>(r));
        if (first.number || first.year || first.big) numberFirst.push_back(static_cast<std::uint16_t>(r));
    }
}

const Rules& rules() {
    static const Rules r;
    return r;
}

std::uint32_t wordFlags(string_view w) {
    const auto& v = rules().vocab;
    const int id = v.find(w);
    return id < 0 ? 0 : v.flags[static_cast<std::size_t>(id)];
}

void lookUp(Word& w) {
    const auto& v = rules().vocab;
    w.id = v.find(w.text);
    w.flags = w.id < 0 ? 0 : v.flags[static_cast<std::size_t>(w.id)];
    if (w.baseLen != w.text.size()) {
        w.baseId = v.find(w.base());
        w.baseFlags = w.baseId < 0 ? 0 : v.flags[static_cast<std::size_t>(w.baseId)];
    } else {
        w.baseId = w.id;
        w.baseFlags = w.flags;
    }
}

// ---------------------------------------------------------------------------------------
// Matching

bool matchFrom(const Pattern& p, const std::vector<Word>& words, std::size_t k, std::size_t prev, Match& m) {
    if (k == p.size()) return true;
    const auto& e = p[k];
    for (std::size_t pos = prev + 1; pos <= prev + 1 + e.gap && pos < words.size(); ++pos) {
        if (words[pos].sentence != words[prev].sentence) break;
        if (!elementMatches(e, words[pos])) continue;
        m.at[k] = static_cast<std::uint16_t>(pos);
        if (matchFrom(p, words, k + 1, pos, m)) return true;
    }
    return false;
}

bool matchesAnywhere(const Pattern& p, const std::vector<Word>& words, int sentence) {
    if (p.empty()) return false;
    Match m;
    for (std::size_t s = 0; s < words.size(); ++s) {
        if (sentence >= 0 && words[s].sentence != sentence) continue;
        if (!elementMatches(p[0], words[s])) continue;
        m.at[0] = static_cast<std::uint16_t>(s);
        if (matchFrom(p, words, 1, s, m)) return true;
    }
    return false;
}

bool isWhQuestion(const std::vector<Word>& words, std::size_t at) {
    std::size_t s = at;
    while (s > 0 && words[s - 1].sentence == words[at].sentence) --s;
    static constexpr string_view kWh[] = {"what", "whats", "how", "where", "who", "which", "when", "do", "does",
                                          "can", "could", "should", "will", "would", "is", "are", "whom"};
    const auto& w = words[s].text;
    for (auto q : kWh)
        if (w == q) {
            // "is this an emergency?" asks about the patient's situation: still an emergency.
            if ((q == "is" || q == "are") && s + 1 < words.size() &&
                (words[s + 1].text == "this" || words[s + 1].text == "it" || words[s + 1].text == "that"))
                return false;
            return true;
        }
    return false;
}

bool anyMatch(const std::vector<Word>& words, Kind kind) {
    bool found = false;
    forEachMatch(words, kind, [&](const Match&) {
        found = true;
        return false;
    });
    return found;
}

std::string firstLabel(const std::vector<Word>& words, Kind kind) {
    std::string label;
    forEachMatch(words, kind, [&](const Match& m) {
        label = rules().rules[m.rule].label;
        return false;
    });
    return label;
}

}  // namespace medassist::assistant::engine::guards::detail
