// Triage (guards.hpp, triage()): emergencies and medical-advice questions, read from the
// phrase rules of those kinds, with what makes a match not count: a negation ("no chest
// pain"), the past ("a heart attack in 2019"), a question about the practice's own services,
// or (for advice) a booking or a practice question in the same message.
#include "assistant/engine/guards/detail.hpp"

namespace medassist::assistant::engine::guards::detail {

namespace {

// A negation in the three words before the match (same clause) or among the words it
// skipped: "no chest pain", "I don't have trouble breathing", "chest doesn't hurt". "not
// sure", "don't know" hedge rather than negate; "can not" is the inability itself.
bool negated(const std::vector<Word>& words, const Match& m) {
    const auto& R = rules();
    auto isNegator = [&](std::size_t k) {
        if (!wordIn(words[k], R.negators)) return false;
        if (k + 1 < words.size() && wordIn(words[k + 1], R.negatorExceptions)) return false;
        if (words[k].text == "not" && k > 0 && (words[k - 1].text == "can" || words[k - 1].text == "could"))
            return false;
        if (words[k].text == "non" && k + 1 < words.size() && words[k + 1].text == "stop") return false;  // "non-stop"
        return true;
    };
    const std::size_t first = m.first();
    for (std::size_t back = 1; back <= 3 && back <= first; ++back) {
        const std::size_t k = first - back;
        if (words[k].clause != words[first].clause) break;
        // "is not crying and not moving": a negation does not reach past "and" / "or", nor
        // past Italian "e" / "o" ("non rispondono e biascica"); but a folded "è" right after
        // the negator is the verb ("non è svenuto").
        if (words[k].text == "and" || words[k].text == "or" || words[k].text == "o") break;
        // "pensavo fosse niente ma il sangue non si ferma", "thought it was nothing but":
        // "but" turns the sentence; what it says before is no negation of what follows.
        if (words[k].text == "ma" || words[k].text == "but" || words[k].text == "pero") break;
        if (words[k].text == "e" && !(k > 0 && isNegator(k - 1))) break;
        if (isNegator(k)) return true;
    }
    for (std::uint8_t e = 1; e < m.n; ++e)
        for (std::size_t k = m.at[e - 1] + 1u; k < m.at[e]; ++k)
            if (isNegator(k)) return true;
    return false;
}

struct SentenceMarks {
    std::vector<bool> past, present;
};

// Past and not happening now: "my chest pain last year", "a follow-up after my stroke", "I
// had a heart attack in 2019"; but "I had a stroke last year and now my face is drooping"
// is now. The past is read per sentence; "after", "since", "previous" right before the
// match ("after my stroke", not "after hitting his head"), and "gone", "resolved" right after
// it, also make it past.
bool inThePast(const std::vector<Word>& words, const Match& m, const SentenceMarks& marks) {
    const auto& R = rules();
    const auto sentence = words[m.first()].sentence;
    if (marks.present[sentence]) return false;
    if (marks.past[sentence]) return true;
    const std::size_t first = m.first();
    for (std::size_t back = 1; back <= 3 && back <= first; ++back) {
        const std::size_t k = first - back;
        if (words[k].sentence != sentence) break;
        if (!wordIn(words[k], R.pastBefore)) continue;
        const auto& t = words[k].text;
        // "my 2 year old is struggling to breathe": an age, not the past.
        if (t == "old" && k > 0 &&
            oneOf(words[k - 1].text, {"year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days"}))
            continue;
        // "an old lady fainted", "an old man collapsed": a person's age, not the past.
        if (t == "old" && k + 1 < words.size() &&
            oneOf(words[k + 1].text, {"lady", "man", "woman", "gentleman", "person", "guy", "chap", "fella", "couple",
                                      "neighbour", "neighbor", "patient"}))
            continue;
        if (t == "after" || t == "since" || t == "following" || t == "post") {
            // "since my stroke", and "since I fell off the ladder": a clause told about the past.
            static constexpr string_view kDeterminers[] = {"my", "his", "her", "their", "a", "the", "your", "our",
                                                           "an", "i", "he", "she", "we", "they"};
            if (k + 1 < words.size() && oneOf(words[k + 1].text, kDeterminers)) return true;
            continue;
        }
        return true;
    }
    for (std::size_t k = m.last() + 1; k < words.size() && k <= m.last() + 3; ++k) {
        if (words[k].clause != words[m.last()].clause) break;
        if (wordIn(words[k], R.resolvedAfter)) return true;
    }
    return false;
}

SentenceMarks markSentences(const std::vector<Word>& words) {
    SentenceMarks marks;
    const std::size_t n = words.empty() ? 0 : words.back().sentence + 1u;
    marks.past.assign(n, false);
    marks.present.assign(n, false);
    forEachMatch(words, Kind::Past, [&](const Match& m) {
        marks.past[words[m.first()].sentence] = true;
        return true;
    });
    forEachMatch(words, Kind::Present, [&](const Match& m) {
        marks.present[words[m.first()].sentence] = true;
        return true;
    });
    return marks;
}

// "emergency", "SOS", "help, emergency!", "it's urgent, please help" as the whole message.
bool bareEmergency(const std::vector<Word>& words) {
    static constexpr string_view kFiller[] = {"please", "now", "me", "an", "its", "this", "is", "it",
                                              "quick", "need", "i", "a", "pls", "plz", "us", "someone", "right",
                                              "per", "favore", "vi", "prego", "e", "una", "qualcuno", "ce"};
    bool strong = false, help = false, urgent = false;
    for (const auto& w : words) {
        const auto& t = w.text;
        if (t == "emergency" || t == "sos" || t == "mayday" || t == "emergancy" || t == "emergenza") strong = true;
        else if (t == "help" || t == "aiuto" || t == "aiutatemi" || t == "aiutami") help = true;
        else if (t == "urgent" || t == "urgently" || t == "asap" || t == "quickly" || t == "immediately" ||
                 t == "urgente" || t == "subito" || t == "presto")
            urgent = true;
        else if (!oneOf(t, kFiller)) return false;
    }
    return strong || (help && urgent);
}

}  // namespace

Triage triageWords(const std::vector<Word>& words) {
    if (words.empty()) return {};
    if (bareEmergency(words)) return {TriageKind::Emergency, "emergency"};
    std::optional<SentenceMarks> marks;
    Triage result;
    forEachMatch(words, Kind::Emergency, [&](const Match& m) {
        if (negated(words, m)) return true;
        if (!marks) marks = markSentences(words);
        if (inThePast(words, m, *marks)) return true;
        result = {TriageKind::Emergency, std::string(rules().rules[m.rule].label)};
        return false;
    });
    if (result.kind == TriageKind::Emergency) return result;
    // Advice questions inside a booking or about what the practice offers go to the dialogue:
    // "book a dermatologist about my rash", "do you treat acne", "repeat prescription".
    forEachMatch(words, Kind::Advice, [&](const Match& m) {
        result = {TriageKind::MedicalAdvice, std::string(rules().rules[m.rule].label)};
        return false;
    });
    if (result.kind != TriageKind::MedicalAdvice) return result;
    // Unless the visit is only the time the advice is about: "should I stop taking my statins
    // before I see the cardiologist?", "posso mangiare prima della visita?".
    bool visitAsked = false;
    const auto asked = [&](const Match& m) {
        const std::size_t from = m.first() >= 3 ? m.first() - 3 : 0;
        bool when = false;
        for (std::size_t k = from; k < m.first(); ++k)
            when = when || oneOf(words[k].text, {"before", "after", "until", "prima", "dopo", "durante", "during"});
        visitAsked = visitAsked || !when;
        return !visitAsked;
    };
    forEachMatch(words, Kind::Booking, asked);
    forEachMatch(words, Kind::Practice, asked);
    if (visitAsked) return {};
    return result;
}

}  // namespace medassist::assistant::engine::guards::detail
