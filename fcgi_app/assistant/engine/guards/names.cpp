// Names, relatives and third parties: the allow list of one turn's names (the subject's first
// name, the doctors' public names), and the checks that refuse a message about someone else
// ("Maria Bianchi", "Mrs. Verdi's appointment", "my neighbour's results", "is Smith a patient
// here?", "I'm her lawyer"), besides the other-person and family rows of the phrase table.
#include "assistant/engine/guards/detail.hpp"
#include "assistant/engine/text/words.hpp"

namespace medassist::assistant::engine::guards::detail {

// The names' words as the one word reader reads names (text::kNameWords: Latin-1 letters as one
// letter each, as fold() reads a message, so "Niccolò" and a typed "Niccolo" are one word),
// titles left out.
Allowed::Allowed(const GuardContext& ctx) {
    std::size_t total = 0;
    for (const auto& n : ctx.allowedNames) total += n.size() + 1;
    buf.reserve(total);
    parts.reserve(2 * ctx.allowedNames.size() + 4);
    std::uint8_t name = 0;
    for (const auto& n : ctx.allowedNames) {
        text::forEachWord(n, text::kNameWords, buf, [&](const text::RawWord& w) {
            const std::size_t start = w.at, len = w.size;
            const char first = buf[start];
            const bool maybeTitle = len <= 10 && (first == 'd' || first == 'p' || first == 'm' || first == 's');
            if (len < 256 && start < 65536 &&
                !(maybeTitle && (wordFlags(string_view(buf.data() + start, len)) & (kDoctorTitle | kPersonTitle))))
                parts.push_back({static_cast<std::uint16_t>(start), static_cast<std::uint8_t>(len), name});
            else buf.resize(start);
        });
        if (name < 255) ++name;
    }
}

bool Allowed::sequence(const std::vector<string_view>& ws) const {
    for (std::size_t first = 0; first < parts.size();) {
        std::size_t last = first;
        while (last < parts.size() && parts[last].name == parts[first].name) ++last;
        std::size_t k = 0;
        for (std::size_t p = first; p < last; ++p)
            if (k < ws.size() && at(parts[p]) == ws[k]) ++k;
        if (k == ws.size()) return true;
        k = 0;
        for (std::size_t p = last; p > first; --p)
            if (k < ws.size() && at(parts[p - 1]) == ws[k]) ++k;
        if (k == ws.size()) return true;
        first = last;
    }
    return false;
}

namespace {

// Someone introducing themselves: "I'm Anna", "my name is Anna", "this is Anna", "it's Anna",
// "hello from Anna".
bool selfIntroduction(const std::vector<Word>& words, std::size_t i) {
    if (i == 0 || words[i].poss) return false;
    const auto& p = words[i - 1].text;
    if (p == "from" && i > 1 && oneOf(words[i - 2].text, {"hi", "hello", "hey", "greetings", "regards"})) return true;
    if (p == "im" || p == "names" || p == "its" || p == "called") return true;
    if (p == "chiamo" || p == "sono") return true;  // "mi chiamo Anna", "sono Anna"
    if (p == "e" && i > 1 && words[i - 2].text == "nome") return true;  // "il mio nome è Anna"
    if (p == "am" && i > 1 && words[i - 2].text == "i") return true;
    if (p == "is" && i > 1 && (words[i - 2].text == "name" || words[i - 2].text == "this")) return true;
    if (p == "me" && i > 1 && (words[i - 2].text == "call" || words[i - 2].text == "its")) return true;
    return false;
}

// A child being named: "my son Marco", "my daughter, Sofia,", "Sofia (my daughter)".
bool namedChild(const std::vector<Word>& words, std::size_t i) {
    for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
        const auto& w = words[i - back];
        if (w.sentence != words[i].sentence) break;
        if (isChildWord(w) && w.text != "one" && w.text != "little") return true;
        if (w.text == "one" && i - back > 0 && words[i - back - 1].text == "little") return true;
    }
    for (std::size_t k = i + 1; k < words.size() && k <= i + 3; ++k) {
        if (words[k].sentence != words[i].sentence) break;
        if (words[k].text == "my" && k + 1 < words.size() && isChildWord(words[k + 1])) return true;
    }
    return false;
}

// "Dr Bianchi", "Dr. Giulia Bianchi", "doctor Anna": a doctor lookup, public information.
bool doctorBefore(const std::vector<Word>& words, std::size_t i) {
    // "Dr Luca", "Dr Anna Rossi", "Dr De Luca", "Dr Anna De Luca": a title, then given names,
    // initials or a surname's particle.
    for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
        const auto& w = words[i - back];
        if (w.sentence != words[i].sentence) break;
        if (isDoctorTitle(w)) return true;
        const bool particle = oneOf(w.text, {"de", "di", "del", "della", "da", "la", "lo", "le", "van", "von", "mc"});
        if (!(isGiven(w) || w.allowed || w.text.size() == 1 || particle)) break;
    }
    return false;
}

bool isOtherRelation(const Word& w) { return (w.baseFlags & kOtherRel) != 0; }
bool ordinaryPossessor(const Word& w) {
    return (w.baseFlags & (kOrdPossessor | kOrdinary | kMonth | kWeekday | kChild | kAdultFamily | kDoctorTitle)) != 0;
}
bool isInfoNoun(const Word& w) { return (w.flags & kInfoNoun) != 0; }

// Names, relatives and third parties in a message whose words carry Word::allowed.
// words[from, to) are capitalised words none of which is a known given name or allowed.
bool unknownNameAskedAbout(const std::vector<Word>& words, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
        if (!words[k].cap || isPlaceWord(words[k].text)) return false;
    if (from > 0 && words[from - 1].sentence == words[from].sentence) {
        static constexpr string_view kAskedAbout[] = {"of", "for", "is", "about", "was", "does", "did", "has",
                                                      "called", "named", "find", "whether", "if", "tell", "give",
                                                      "show", "patient", "mr", "mrs", "ms", "miss"};
        const auto& before = words[from - 1];
        if (isPlaceWord(before.text)) return false;
        if (oneOf(before.text, kAskedAbout)) return true;
    }
    // Harmless markup around the name is only text: "<b>Ermenegilda Scarpazzetti</b> appointment".
    std::size_t next = to;
    while (next < words.size() && (words[next].before == '<' || words[next].before == '/') && words[next].after == '>')
        ++next;
    return next < words.size() && words[next].sentence == words[to - 1].sentence && isInfoNoun(words[next]);
}

InputCheck namesAndRelations(const std::vector<Word>& words, const Allowed& allowed, bool caregiver) {
    // Two or more name words in a row that are not one allowed name: "Maria Bianchi", "john
    // smith", "Giulia Verdi" (unless after a doctor's title, a child word or "I'm").
    auto nameish = [](const Word& w) {
        return !w.number && (isGiven(w) || w.allowed ||
                             (w.cap && !ordinaryCapitalised(w) && !isDoctorTitle(w) && !isPersonTitle(w) &&
                              !isFamilyWord(w)));
    };
    std::vector<string_view> seq;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i].poss || !nameish(words[i])) continue;
        std::size_t j = i + 1;
        seq.assign(1, words[i].base());
        bool known = isGiven(words[i]) || words[i].allowed;
        while (j < words.size() && words[j].sentence == words[i].sentence && words[j].before == 0 &&
               nameish(words[j])) {
            known = known || isGiven(words[j]) || words[j].allowed;
            seq.push_back(words[j].base());
            ++j;
            if (words[j - 1].poss) break;
        }
        // A name no list knows ("Ermenegilda Scarpazzetti") counts when it is asked about: right
        // after "of", "for", "is", "about"... or right before what only its owner may see
        // ("... appointment time?"). After "in", "near", "at" it is a place ("near Piazza Duomo").
        if (seq.size() >= 2 && !known && unknownNameAskedAbout(words, i, j)) known = true;
        if (seq.size() < 2 || !known) continue;
        // "Keep Greco.", "Cancel Marino": a capitalised word opening the sentence before one of
        // our doctors' names is that sentence's verb, not a given name.
        if (seq.size() == 2 && words[i].sentStart && !isGiven(words[i]) && !words[i].allowed &&
            words[i + 1].allowed && allowed.sequence({words[i + 1].base()})) {
            i = j - 1;
            continue;
        }
        if (!allowed.sequence(seq) && !doctorBefore(words, i) && !selfIntroduction(words, i) && !namedChild(words, i))
            return refuse("person_name");
        i = j - 1;
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w.number) continue;
        const string_view base = w.base();
        // A relation's possessive: "my neighbour's appointment"; "my wife's results" too, unless the
        // user is a caregiver (then the relative is the patient they act for). Children are the
        // patient's own business: "my son's appointment".
        if (w.poss) {
            if (!w.allowed && isOtherRelation(w)) return refuse("third_party");
            // "Dr. Ricci's patients", "Rossi's bookings": other patients, even behind a doctor's name.
            if (w.baseLen != w.text.size() && i + 1 < words.size() &&
                oneOf(words[i + 1].text, {"patients", "patient", "clients", "bookings", "booked", "notes", "records",
                                          "files", "charts"}))
                return refuse("other_patients");
            if (!caregiver && (w.baseFlags & kAdultFamily))
                for (std::size_t k = i + 1; k < words.size() && k <= i + 2 && words[k].sentence == w.sentence; ++k)
                    if (isInfoNoun(words[k])) return refuse("family");
            // Someone's possessive before what only they may see: "bianchi's appointment", and
            // "Anna's bookings" even when a doctor is called Anna: a doctor goes by title or
            // surname. After "my", "the", "a" it is a thing or an animal ("my dog's vet visit").
            const bool bareGiven = isGiven(w) && !doctorBefore(words, i);
            static constexpr string_view kDeterminers[] = {"my", "the", "a", "an", "your", "our", "his", "her",
                                                           "their", "this", "that", "its"};
            const bool determined = i > 0 && oneOf(words[i - 1].text, kDeterminers) && !w.cap && !bareGiven;
            if ((!w.allowed || bareGiven) && !ordinaryPossessor(w) && w.baseLen != w.text.size() && !determined)
                for (std::size_t k = i + 1; k < words.size() && k <= i + 2 && words[k].sentence == w.sentence; ++k)
                    if (isInfoNoun(words[k])) return refuse("person_name");
        }
        // "Mrs. Rossi's appointment", "for G. Verdi": a person by title or initial; our doctors go
        // by "Dr", so this is someone else even when a doctor has the surname.
        const bool personTitled = i > 0 && w.sentence == words[i - 1].sentence && isPersonTitle(words[i - 1]) &&
                                  (words[i - 1].text != "miss" || words[i - 1].cap) && !ordinaryCapitalised(w);
        if (personTitled && w.poss) return refuse("person_name");
        const bool initialled = i > 0 && words[i - 1].text.size() == 1 && isLetter(words[i - 1].text[0]) &&
                                w.before == '.' && w.cap && !ordinaryCapitalised(w) && !words[i - 1].sentStart;
        if (initialled && !w.allowed) return refuse("person_name");
        if (w.allowed) continue;
        const bool given = isGiven(w);
        // "buongiorno signora, vorrei ...": a comma after the title ends the address.
        const bool titled = i > 0 && w.sentence == words[i - 1].sentence && isPersonTitle(words[i - 1]) &&
                            (words[i - 1].text != "miss" || words[i - 1].cap) && !ordinaryCapitalised(w) &&
                            w.clause == words[i - 1].clause;
        // "l'appuntamento della Bianchi", "il numero di Esposito": a capitalised surname after "di"
        // beside what only its owner may see.
        bool surnameOf = false;
        if (w.cap && !w.sentStart && !ordinaryCapitalised(w) && !isDoctorTitle(w) && !isPersonTitle(w) &&
            !isFamilyWord(w) && i > 1 && oneOf(words[i - 1].text, {"di", "del", "della", "dello", "dei"}) &&
            !doctorBefore(words, i))
            for (std::size_t k = i - 1; k-- > 0 && k + 4 >= i && words[k].sentence == w.sentence;)
                if (isInfoNoun(words[k]) || (words[k].elided && (wordFlags(words[k].text.substr(words[k].elided)) &
                                                                  kInfoNoun)))
                    surnameOf = true;
        const bool capPossessive = w.poss && w.cap && !w.sentStart && !ordinaryCapitalised(w) && !isFamilyWord(w);
        bool collapsedName = false;
        if (w.collapsed && !given)
            for (std::size_t len = 4; len < base.size(); ++len)
                if (wordFlags(base.substr(0, len)) & kGiven) collapsedName = true;
        if (!given && !titled && !capPossessive && !collapsedName && !surnameOf) continue;
        if (doctorBefore(words, i) || namedChild(words, i) || selfIntroduction(words, i)) continue;
        return refuse("person_name");
    }
    // "when is my moms appointment", "my husbands appointment time pls": the possessive written
    // without its apostrophe; "which doctor is my husband seeing?", "when is my mum coming in?":
    // a question about an adult relative's visits. A caregiver acts for them; anyone else is told.
    if (!caregiver) {
        for (std::size_t i = 1; i < words.size(); ++i) {
            const auto& w = words[i];
            if (words[i - 1].text != "my" || w.sentence != words[i - 1].sentence) continue;
            const std::string_view t = w.text;
            const bool bareS = t.size() > 3 && t.back() == 's' && !w.poss &&
                               (wordFlags(t.substr(0, t.size() - 1)) & kAdultFamily) && !(w.baseFlags & kAdultFamily);
            const bool relative = (w.baseFlags & kAdultFamily) && !w.poss;
            if (!bareS && !relative) continue;
            bool info = false, visit = false, question = false;
            for (std::size_t k = i + 1; k < words.size() && k <= i + 3 && words[k].sentence == w.sentence; ++k) {
                info = info || isInfoNoun(words[k]);
                visit = visit || oneOf(words[k].text, {"seeing", "seen", "booked", "coming", "going"});
            }
            for (std::size_t k = i; k-- > 0 && words[k].sentence == w.sentence;)
                if (words[k].sentStart)
                    question = oneOf(words[k].text, {"when", "which", "what", "whats", "has", "did", "is", "does", "where"});
            if ((bareS && info) || (relative && visit && question)) return refuse("family");
        }
    }
    // "Is Smith a patient here?", "is she registered with you?", "is my neighbour a patient?"
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const auto& v = words[i].text;
        if (v != "is" && v != "are" && v != "was" && v != "were" && v != "does" && v != "did") continue;
        for (std::size_t k = i + 2; k < words.size() && k <= i + 5 && words[k].sentence == words[i].sentence; ++k) {
            const auto& t = words[k].text;
            if (t != "patient" && t != "patients" && t != "registered" && t != "client" && t != "clients") continue;
            for (std::size_t s = i + 1; s < k; ++s) {
                const auto& sw = words[s];
                if (isGiven(sw) && !doctorBefore(words, s)) return refuse("person_name");
                const bool pronoun = sw.text == "he" || sw.text == "she" || sw.text == "they" || sw.text == "him" ||
                                     sw.text == "her";
                const bool capName = sw.cap && !ordinaryCapitalised(sw) && !sw.allowed && !isDoctorTitle(sw) &&
                                     !isPersonTitle(sw) && !doctorBefore(words, s);  // "does Dr Greco see patients"
                const bool rel = (sw.flags & (kOtherRel | kAdultFamily)) && sw.text != "patient" && sw.text != "person";
                if (pronoun || capName || rel) return refuse("person_name");
            }
            // "is the mayor a patient here?", "was the man in red a patient of yours?"
            if (k >= i + 3 && (words[k - 1].text == "a" || words[k - 1].text == "an") &&
                (t == "patient" || t == "client")) {
                bool someoneElse = true;
                for (std::size_t s = i + 1; s + 1 < k; ++s)
                    if (oneOf(words[s].text, {"i", "you", "we", "there", "it", "this", "that", "u"})) someoneElse = false;
                if (someoneElse) return refuse("other_patients");
            }
        }
    }
    // "Rossi è un vostro paziente?", "la Bianchi è registrata da voi?", "lui è paziente qui?": in
    // Italian the one asked about stands before the verb.
    for (std::size_t i = 1; i + 1 < words.size(); ++i) {
        const auto& v = words[i].text;
        if (v != "e" && v != "era" && v != "sono" && v != "sia") continue;
        bool about = false;
        for (std::size_t k = i + 1; k < words.size() && k <= i + 4 && words[k].sentence == words[i].sentence; ++k)
            if (oneOf(words[k].text, {"paziente", "pazienti", "registrato", "registrata", "iscritto", "iscritta",
                                      "cliente", "clienti", "seguito", "seguita", "ricoverato", "ricoverata"}))
                about = true;
        if (!about) continue;
        for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
            const auto& sw = words[i - back];
            if (sw.sentence != words[i].sentence || sw.allowed) break;
            if (sw.text == "lui") return refuse("person_name");
            if (isGiven(sw) && !doctorBefore(words, i - back) && !selfIntroduction(words, i - back))
                return refuse("person_name");
            const bool capName = sw.cap && !ordinaryCapitalised(sw) && !isDoctorTitle(sw) && !isPersonTitle(sw) &&
                                 !isFamilyWord(sw) && !doctorBefore(words, i - back);
            const bool introduced = selfIntroduction(words, i - back) ||
                                    (i - back > 0 && selfIntroduction(words, i - back - 1));  // "mi chiamo Anna Verdi e ..."
            if (capName && !introduced) return refuse("person_name");
            if (!sw.cap) break;
        }
    }
    // "I'm her husband", "I'm Maria's lawyer", "I am his employer": speaking for someone else.
    static constexpr string_view kStand[] = {"husband", "wife", "partner", "father", "mother", "dad", "mum", "mom",
                                             "son", "daughter", "brother", "sister", "parent", "carer", "caregiver",
                                             "guardian", "lawyer", "solicitor", "attorney", "employer", "boss",
                                             "manager", "friend", "colleague", "neighbour", "neighbor", "boyfriend",
                                             "girlfriend", "fiance", "fiancee", "teacher", "coach", "agent"};
    static constexpr string_view kFamilyStand[] = {"husband", "wife", "partner", "father", "mother", "dad", "mum",
                                                   "mom", "son", "daughter", "brother", "sister", "parent", "carer",
                                                   "caregiver", "guardian"};
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
        const auto& w = words[i].text;
        if (!(w == "im" || (w == "am" && i > 0 && words[i - 1].text == "i"))) continue;
        const auto& owner = words[i + 1];
        const bool someones = owner.text == "her" || owner.text == "his" || owner.text == "their" ||
                              (owner.poss && owner.baseLen != owner.text.size());
        if (!someones || !oneOf(words[i + 2].text, kStand)) continue;
        if (caregiver && oneOf(words[i + 2].text, kFamilyStand)) continue;
        return refuse("third_party");
    }
    return {};
}

}  // namespace

InputCheck otherPersonIn(Message& m, const GuardContext& ctx) {
    auto& words = m.words;
    if (const std::string label = firstLabel(words, Kind::Other); !label.empty())
        return refuse(label == "third_party" ? "third_party" : "other_patients");
    if (!ctx.caregiver && anyMatch(words, Kind::Family)) return refuse("family");
    // The allowed names matter only when a word could be a name: a given name, a possessive, a
    // word after a title, letters typed apart, or a capital not opening a sentence (or opening
    // one before another capital: "Maria Bianchi is ...").
    bool candidate = false;
    for (std::size_t i = 0; i < words.size() && !candidate; ++i) {
        const auto& w = words[i];
        candidate = isGiven(w) || w.poss || w.collapsed || isPersonTitle(w) || isDoctorTitle(w) ||
                    (w.cap && !w.number && (!w.sentStart || (i + 1 < words.size() && words[i + 1].cap)));
    }
    if (!candidate) return namesAndRelations(words, Allowed(GuardContext{}), ctx.caregiver);
    const Allowed allowed(ctx);
    allowed.mark(words);
    return namesAndRelations(words, allowed, ctx.caregiver);
}

}  // namespace medassist::assistant::engine::guards::detail
