// Cancelling and moving the subject's own appointments, by reference ("with Dr. Rossi",
// "Thursday's", "the one on the 13th", "my next one"), always confirmed before the scope
// changes anything.
#include <algorithm>
#include <cctype>
#include <regex>

#include "assistant/engine/dialogue.hpp"
#include "assistant/engine/text/chars.hpp"

namespace medassist::assistant::engine {

namespace {

constexpr std::size_t kMaxChoices = 6;




void byStart(std::vector<ScopeAppointment>& v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
}

// "push it back by a week", "rimandare la visita del 5 di due settimane", "anticipare di un
// giorno": a move by so many days (negative: earlier), and the message without those words.
struct Shift {
    int days = 0;
    std::string rest;
};
std::optional<Shift> shiftBy(const std::string& message) {
    const std::string lower = text::lowerAsciiCopy(message);
    static const std::regex kEnglish(
        R"(\b(?:by|of)\s+(a|one|two|three|four|1|2|3|4)\s+(week|weeks|day|days)\b)");
    static const std::regex kItalian(R"(\bdi\s+(una|un|uno|due|tre|quattro|1|2|3|4)\s+(settimana|settimane|giorno|giorni)\b)");
    static const std::regex kLater(R"(\b(a|one|two|three|1|2|3)\s+(week|weeks|day|days)\s+(later|earlier)\b)");
    std::smatch m;
    int n = 0;
    bool week = false, earlier = false;
    auto count = [](const std::string& w) {
        if (w == "a" || w == "one" || w == "un" || w == "una" || w == "uno" || w == "1") return 1;
        if (w == "two" || w == "due" || w == "2") return 2;
        if (w == "three" || w == "tre" || w == "3") return 3;
        return 4;
    };
    if (std::regex_search(lower, m, kEnglish) || std::regex_search(lower, m, kItalian)) {
        n = count(m[1].str());
        week = m[2].str().rfind("week", 0) == 0 || m[2].str().rfind("settiman", 0) == 0;
    } else if (std::regex_search(lower, m, kLater)) {
        n = count(m[1].str());
        week = m[2].str().rfind("week", 0) == 0;
        earlier = m[3].str() == "earlier";
    } else {
        return std::nullopt;
    }
    // Only with a verb of moving: "anticipare", "bring forward" and "earlier" go back in time.
    bool moving = false;
    for (const char* verb : {"postpone", "push", "move", "put", "shift", "delay", "bring", "rimand", "posticip",
                             "spost", "anticip", "slitt"})
        moving = moving || lower.find(verb) != std::string::npos;
    if (!moving) return std::nullopt;
    for (const char* back : {"anticip", "forward", "earlier", "prima"})
        earlier = earlier || lower.find(back) != std::string::npos;
    Shift out;
    out.days = (week ? 7 : 1) * n * (earlier ? -1 : 1);
    out.rest = message.substr(0, static_cast<std::size_t>(m.position(0))) +
               message.substr(static_cast<std::size_t>(m.position(0) + m.length(0)));
    return out;
}

// "posso venire il giovedì dopo?", "the Thursday after", "the following Thursday": that weekday
// after the day the appointment is on (the weekday, 1..7, and the message without those words).
std::optional<std::pair<int, std::string>> weekdayAfter(const std::string& message) {
    static const std::regex kAfter(
        R"(\b(?:the |il |la )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunedi|lunedì|martedi|martedì|)"
        R"(mercoledi|mercoledì|giovedi|giovedì|venerdi|venerdì|sabato|domenica)\s+(?:after|dopo|seguente|successivo)\b)");
    static const std::regex kFollowing(
        R"(\b(?:the )?following\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)");
    const std::string lower = text::lowerAsciiCopy(message);
    std::smatch m;
    if (!std::regex_search(lower, m, kAfter) && !std::regex_search(lower, m, kFollowing)) return std::nullopt;
    const std::string w = m[1].str();
    static const std::pair<const char*, int> kDays[] = {
        {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5}, {"saturday", 6},
        {"sunday", 7}, {"lun", 1}, {"mar", 2}, {"mer", 3}, {"gio", 4}, {"ven", 5}, {"sab", 6}, {"dom", 7}};
    for (const auto& [name, day] : kDays)
        if (w.rfind(name, 0) == 0)
            return std::make_pair(day, message.substr(0, static_cast<std::size_t>(m.position(0))) +
                                           message.substr(static_cast<std::size_t>(m.position(0) + m.length(0))));
    return std::nullopt;
}

// "cancel all my appointments", "both of them", "cancel everything"
bool meansAll(const std::string& words) {
    for (const char* p : {"all my appointments", "all of my appointments", "all appointments", "all of them",
                          "both of them", "both appointments", "both my appointments", "both of my appointments",
                          "every appointment", "everything", "them all", "all of those", "both", "all my bookings",
                          "all of it"})
        if (hasPhrase(words, p)) return true;
    return false;
}

// "later in the day", "same day": a new time on the day the appointment is already on.
bool sameDayWish(const std::string& words) {
    for (const char* p : {"later in the day", "earlier in the day", "same day", "that day", "later that day",
                          "earlier that day", "later on the day", "earlier on the day", "on the day"})
        if (hasPhrase(words, p)) return true;
    return false;
}

}  // namespace

// "... anzi no, intendevo la dermatologa", "the cardiology one - sorry, I mean the skin one": the
// text after the last correction marker, if any; `before` gets what came before the marker.
std::optional<std::string> afterCorrection(const std::string& message, std::string* before) {
    const std::string lower = text::lowerAsciiCopy(message);
    static const char* kMarkers[] = {"anzi no", "anzi,", "anzi ", "no scusa", "no scusi", "intendevo", "volevo dire", "no aspetta",
                                     "i mean ", "i meant", "sorry i meant", "no wait", "no, wait"};
    std::size_t best = std::string::npos, len = 0;
    for (const char* m : kMarkers) {
        const auto k = lower.rfind(m);
        if (k == std::string::npos || (k > 0 && std::isalpha(static_cast<unsigned char>(lower[k - 1])))) continue;
        if (best == std::string::npos || k + std::string(m).size() > best + len) {
            best = k;
            len = std::string(m).size();
        }
    }
    if (best == std::string::npos || best + len >= message.size()) return std::nullopt;
    if (before) *before = message.substr(0, best);
    return message.substr(best + len);
}

// "don't touch my cardiology appointment, but cancel the other one": the clause that names
// an appointment to leave alone, and the message without it.
std::optional<Exclusion> splitExclusion(const std::string& message) {
    const std::string lower = text::lowerAsciiCopy(message);
    static const char* kCues[] = {"don't touch ", "dont touch ", "do not touch ", "don't cancel ", "dont cancel ",
                                  "do not cancel ", "don't move ", "dont move ",  "do not move ",  "leave the ",
                                  "leave my ",    "keep the ",    "keep my ",     "except the ",   "except my ",
                                  "apart from the ", "apart from my ", "but not the ", "but not my ", "other than the ",
                                  "other than my ", "not the ", "isn't the ", "isnt the ", "is not the ",
                                  "that's not the ", "thats not the ", "non toccare ", "non toccate ", "non tocchi ",
                                  "non disdire ", "non cancellare ", "non annullare ", "non spostare ", "tranne ",
                                  "eccetto ", "a parte ", "ma non ", "non quello ", "non quella ", "lasci stare ",
                                  "lascia stare ", "lasciate stare ", "not this ", "not that ", "not my ",
                                  "not next ", "not tomorrow", "not today", "keep next ", "keep this ",
                                  "keep tomorrow", "keep that ", "keep ", "non la dottoressa ", "non il dottore ",
                                  "non il dottor ", "non la dott", "non il dott", "non il medico ", "non la medica "};
    std::size_t at = std::string::npos, len = 0;
    for (const char* cue : kCues) {
        const auto k = lower.find(cue);
        if (k != std::string::npos && (k == 0 || !std::isalpha(static_cast<unsigned char>(lower[k - 1]))) &&
            k < at) {
            at = k;
            // "not this week's": the determiner is part of what is kept ("this week's").
            const std::string c(cue);
            len = c == "not this " || c == "not that " || c == "not next " || c == "not tomorrow" || c == "not today"
                      ? 4
                  : c == "keep next " || c == "keep this " || c == "keep tomorrow" || c == "keep that " || c == "keep "
                      ? 5
                      : c.size();
        }
    }
    if (at == std::string::npos) {
        // "the appointment next week has to go. The one this week is fine, leave that one.": a
        // sentence that says one is fine or stays names the one kept.
        // Italian too: "quello del cuore invece lo tengo", "la dermatologa invece resta". A
        // sentence first, then a clause between commas ("cancel the skin one, the heart one is fine").
        static const char* kKept[] = {" is fine", " is ok", " is okay", " can stay", " stays", "leave that one",
                                      "leave it", "keep that one", "keep it", "is still fine", "still works",
                                      " lo tengo", " la tengo", " lo mantengo", " la mantengo", " resta", " rimane",
                                      " lo lascio", " la lascio", " va bene cosi", " va bene così", " deve restare",
                                      " lasciamolo", " lasciamola", " lo teniamo", " la teniamo", " invece no",
                                      " mi serve eccome", " mi serve ancora", " serve ancora", " invece mi serve",
                                      " still need", " i need that one", " keep that", " keep", " invece va bene",
                                      " invece mi va bene", " quella va bene", " quello va bene"};
        // Only at the end of its sentence: "la dermatologa mi serve" keeps it, "mi serve un
        // appuntamento" does not.
        static const char* kKeptAtEnd[] = {" mi serve", " mi servono", " la voglio tenere", " lo voglio tenere",
                                           " i need it", " i need that", " i still need"};
        for (const char* delimiters : {".;!?", ".;!?,"}) {
            std::size_t from = 0;
            while (from < lower.size()) {
                std::size_t to = lower.find_first_of(delimiters, from);
                if (to == std::string::npos) to = lower.size();
                const std::string sentence = lower.substr(from, to - from) + ' ';
                std::string trimmed = sentence;
                while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
                bool keptAtEnd = false;
                for (const char* k : kKeptAtEnd) {
                    const std::string cue(k);
                    keptAtEnd = keptAtEnd || (trimmed.size() > cue.size() &&
                                              trimmed.compare(trimmed.size() - cue.size(), cue.size(), cue) == 0);
                }
                for (const char* k : kKept) {
                    if (!keptAtEnd && sentence.find(std::string(k) + ' ') == std::string::npos) continue;
                    if (from == 0 && to >= lower.size()) break;  // the whole message: nothing else
                    Exclusion e;
                    e.kept = message.substr(from, to - from);
                    e.rest = message.substr(0, from) + " " +
                             (to < message.size() ? message.substr(to + 1) : std::string());
                    return e;
                }
                from = to + 1;
            }
        }
        return std::nullopt;
    }
    std::size_t end = lower.size();
    for (const char* stop : {",", ";", ".", " but ", " and ", " - "}) {
        const auto k = lower.find(stop, at + len);
        if (k != std::string::npos) end = std::min(end, k);
    }
    Exclusion e;
    e.kept = message.substr(at + len, end - at - len);
    e.rest = message.substr(0, at) + " " + (end < message.size() ? message.substr(end) : std::string());
    if (e.kept.find_first_not_of(' ') == std::string::npos) return std::nullopt;
    return e;
}


std::string Dialogue::appointmentLine(const HeldAppointment& a) const {
    return slotLine(w_.lang, w_.zone, a.start, doctorName(a.doctorId), w_.clock.today);
}

std::vector<ScopeAppointment> Dialogue::resolveAppointments(const std::vector<ScopeAppointment>& all,
                                                            const Entities& ref, const std::string& refWords,
                                                            bool whenToo, bool* narrowed) const {
    std::vector<ScopeAppointment> c = all;
    *narrowed = false;
    const auto keep = [&](auto pred, bool soft) {
        std::vector<ScopeAppointment> next;
        std::copy_if(c.begin(), c.end(), std::back_inserter(next), pred);
        if (soft && next.empty()) return;  // a hint that fits nothing is not a reference
        c = std::move(next);
        *narrowed = true;
    };
    if (!ref.doctors.empty()) {
        std::vector<std::int64_t> ids;
        for (const auto& m : ref.doctors) ids.insert(ids.end(), m.doctorIds.begin(), m.doctorIds.end());
        keep([&](const ScopeAppointment& a) { return std::find(ids.begin(), ids.end(), a.doctorId) != ids.end(); },
             false);
    }
    // "the skin one", "the heart one", "the kids' one": a specialty by its everyday word.
    // An everyday word beside the appointment ("the skin one", "l'appuntamento della pelle")
    // names it more surely than a kind of doctor said elsewhere in the message ("... così poi
    // resto in zona per il cardiologo").
    std::optional<std::string> byWord;
    {
        for (const auto& [word, slug] : {std::pair{"skin", "dermatology"}, {"heart", "cardiology"},
                                         {"kids", "pediatrics"}, {"childrens", "pediatrics"},
                                         {"gp", "general-practice"}, {"family doctor", "general-practice"}})
            if (hasPhrase(refWords, word) && (hasPhrase(refWords, cat(word, " one").c_str()) ||
                                              hasPhrase(refWords, cat(word, " appointment").c_str()) ||
                                              hasPhrase(refWords, cat(word, " doctor").c_str())))
                byWord = slug;
        // Learners of English: "the appointment of the skin", "the one for my heart".
        for (const auto& [phrase, slug] :
             {std::pair{"of the skin", "dermatology"}, {"for the skin", "dermatology"}, {"for my skin", "dermatology"},
              {"of the heart", "cardiology"}, {"for the heart", "cardiology"}, {"for my heart", "cardiology"}})
            if (!byWord && hasPhrase(refWords, phrase)) byWord = slug;
    }
    // Italian: "quello dal cardiologo", "la visita dalla dermatologa": the one pointed at by its
    // specialist names it before any other word of the message ("... perché la mattina sono già
    // da voi per la pelle").
    if (!byWord) {
        // "la visita del 5 con la dermatologa": the specialist may come a few words after.
        std::vector<std::string> ws;
        for (std::size_t from = 0; from < refWords.size();) {
            auto to = refWords.find(' ', from);
            if (to == std::string::npos) to = refWords.size();
            if (to > from) ws.push_back(refWords.substr(from, to - from));
            from = to + 1;
        }
        static const std::pair<const char*, const char*> kSpecialists[] = {
            {"cardiologo", "cardiology"}, {"cardiologa", "cardiology"}, {"dermatologo", "dermatology"},
            {"dermatologa", "dermatology"}, {"pediatra", "pediatrics"}};
        for (std::size_t i = 0; i < ws.size() && !byWord; ++i) {
            // ... or right after the verb: "vorrei anticipare il cardiologo a giovedì".
            static const char* const kAnchors[] = {
                "quello",     "quella",  "appuntamento", "lappuntamento", "visita",   "anticipare", "spostare",
                "posticipare", "rimandare", "disdire",   "annullare",     "cancellare", "sposta",   "anticipa",
                "annulla",    "disdici", "cancella",     "spostami",      "anticipami", "rimanda"};
            if (std::none_of(std::begin(kAnchors), std::end(kAnchors), [&](const char* a) { return ws[i] == a; }))
                continue;
            for (std::size_t k = i + 1; k < ws.size() && k <= i + 6 && !byWord; ++k) {
                const bool by = ws[k - 1] == "dal" || ws[k - 1] == "dalla" || ws[k - 1] == "del" || ws[k - 1] == "della" ||
                                ws[k - 1] == "col" || ws[k - 1] == "il" || ws[k - 1] == "la" || ws[k - 1] == "dallo";
                for (const auto& [specialist, slug] : kSpecialists)
                    if (by && ws[k] == specialist) byWord = slug;
            }
        }
        for (const char* one : {"quello", "quella", "appuntamento", "lappuntamento", "visita"})
            for (const char* by : {" dal ", " del ", " col ", " con il "})
                for (const char* gp : {"medico di base", "medico di famiglia"})
                    if (!byWord && hasPhrase(refWords, cat(cat(one, by), gp).c_str())) byWord = "general-practice";
    }
    // Italian: "quello della pelle", "la visita per il cuore", "quella dei bambini", "quello di base".
    if (!byWord)
        for (const auto& [phrase, slug] :
             {std::pair{"della pelle", "dermatology"}, {"per la pelle", "dermatology"}, {"alla pelle", "dermatology"},
              {"del cuore", "cardiology"}, {"per il cuore", "cardiology"}, {"al cuore", "cardiology"},
              {"dei bambini", "pediatrics"}, {"del bambino", "pediatrics"}, {"della bambina", "pediatrics"},
              {"del piccolo", "pediatrics"}, {"della piccola", "pediatrics"}, {"di base", "general-practice"},
              {"di famiglia", "general-practice"}})
            if (hasPhrase(refWords, phrase)) byWord = slug;
    if (byWord) {
        keep(
            [&](const ScopeAppointment& a) {
                const auto* d = doctor(a.doctorId);
                return d && d->specialtySlug == *byWord;
            },
            true);
    }
    if (ref.specialty && !byWord) {  // soft: "for my son" reads as pediatrics, yet all a caregiver sees is the son's
        keep(
            [&](const ScopeAppointment& a) {
                const auto* d = doctor(a.doctorId);
                return d ? d->specialtySlug == *ref.specialty : text::lowerAsciiCopy(a.specialtyName) == *ref.specialty;
            },
            true);
    }
    const auto& dt = ref.datetime;
    const auto dayOf = [&](const ScopeAppointment& a) { return w_.zone.dateOf(a.start); };
    if (dt.date) {
        std::vector<ScopeAppointment> onDay;
        for (const auto& a : c)
            if (dayOf(a) == *dt.date) onDay.push_back(a);
        if (onDay.empty() && dt.weekday)  // "on Thursday": the next Thursday, or any Thursday booked
            keep([&](const ScopeAppointment& a) { return isoWeekday(dayOf(a)) == *dt.weekday; }, false);
        else {
            c = std::move(onDay);
            *narrowed = true;
        }
    } else if (dt.referenceWeekday || dt.weekday) {
        const int wd = dt.referenceWeekday ? *dt.referenceWeekday : *dt.weekday;
        keep([&](const ScopeAppointment& a) { return isoWeekday(dayOf(a)) == wd; }, false);
    }
    if (whenToo && dt.range && !dt.date)
        keep([&](const ScopeAppointment& a) { return dayOf(a) >= dt.range->from && dayOf(a) <= dt.range->to; },
             false);
    if (whenToo && dt.time.exact)
        keep([&](const ScopeAppointment& a) { return w_.zone.minuteOfDay(a.start) == *dt.time.exact; }, false);
    else if (whenToo && (dt.time.after || dt.time.before || dt.time.part != DayPart::Any))
        keep([&](const ScopeAppointment& a) { return fitsTime(a.start, dt.time); }, true);
    auto n = ref.ordinal;
    if (!n) n = listPick(refWords, false);
    if (!n && (hasPhrase(refWords, "my next") || hasPhrase(refWords, "next appointment") ||
               hasPhrase(refWords, "next one") || hasPhrase(refWords, "soonest") || hasPhrase(refWords, "earliest") ||
               hasPhrase(refWords, "first appointment")))
        n = 1;
    // "the later of my two appointments", "cancel whichever is earlier".
    if (!n && (hasPhrase(refWords, "earlier of") || hasPhrase(refWords, "sooner of") ||
               hasPhrase(refWords, "whichever is earlier") || hasPhrase(refWords, "whichever is sooner") ||
               hasPhrase(refWords, "whichever is first")))
        n = 1;
    if (!n && (hasPhrase(refWords, "later of") || hasPhrase(refWords, "whichever is later") ||
               hasPhrase(refWords, "whichever is last")))
        n = -1;
    if (!n && (hasPhrase(refWords, "earlier one") || hasPhrase(refWords, "sooner one") ||
               hasPhrase(refWords, "earliest one") || hasPhrase(refWords, "first one")))
        n = 1;
    if (!n && (hasPhrase(refWords, "last appointment") || hasPhrase(refWords, "latest") ||
               hasPhrase(refWords, "later one") || hasPhrase(refWords, "last one") ||
               hasPhrase(refWords, "one after")))
        n = -1;
    // Italian: "quello più avanti", "la visita più vicina", "il primo", "l'ultimo".
    if (!n) {
        for (const char* p : {"piu vicino", "piu vicina", "piu presto", "piu prossimo", "piu prossima", "prossimo appuntamento",
                              "prossima visita", "quello prima", "quella prima", "primo appuntamento", "prima visita"})
            if (hasPhrase(refWords, p)) n = 1;
        for (const char* p : {"piu avanti", "piu lontano", "piu lontana", "piu tardi", "quello dopo", "quella dopo",
                              "ultimo appuntamento", "ultima visita", "quello piu in la", "secondo appuntamento"})
            if (hasPhrase(refWords, p)) n = -1;
    }
    if (n && !c.empty()) {
        const auto size = static_cast<int>(c.size());
        const int i = *n > 0 ? *n - 1 : size + *n;
        if (i >= 0 && i < size) {
            c = {c[static_cast<std::size_t>(i)]};
        } else {
            c.clear();
        }
        *narrowed = true;
    }
    return c;
}

void Dialogue::startChange(Form form) {
    decided(form == Form::Cancel ? "cancel_appointment" : "reschedule_appointment");
    s_.clearForm();
    s_.form = form;
    auto all = w_.scope.upcoming();
    byStart(all);
    if (all.empty()) {
        s_.clearForm();
        const bool cancel = form == Form::Cancel;
        if (w_.voice.caregiver)
            say(cancel ? tf("{1} has no upcoming appointments to cancel.", {w_.voice.name})
                       : tf("{1} has no upcoming appointments to move.", {w_.voice.name}));
        else
            say(cancel ? t("You have no upcoming appointments to cancel.") : t("You have no upcoming appointments to move."));
        suggestions = {{t("Book an appointment"), t("Book an appointment")}};
        return;
    }
    Entities ref = u_.entities;
    std::string refWords = u_.words;
    std::string message = u_.message;
    std::optional<int> shiftDays, weekdayLater;
    if (form == Form::Reschedule) {
        if (auto shift = shiftBy(message)) {
            shiftDays = shift->days;
            message = shift->rest;
            ref = reread(message);
            refWords = plainWords(message);
        } else if (auto after = weekdayAfter(message)) {
            weekdayLater = after->first;
            message = after->second;
            ref = reread(message);
            refWords = plainWords(message);
        }
    }
    // "vorrei cancellare quella del cardiologo... anzi no scusa, intendevo la dermatologa": what
    // follows the correction is the reference, when it names an appointment.
    std::optional<DateTimeEntities> correctedWish;
    std::string beforeCorrection;
    if (const auto corrected = afterCorrection(message, &beforeCorrection)) {
        const auto again = reread(*corrected);
        const std::string words = plainWords(*corrected);
        bool named = false;
        const auto earlier = reread(beforeCorrection);
        if (form == Form::Reschedule && again.doctors.empty() && !again.specialty && !again.datetime.empty() &&
            (!earlier.doctors.empty() || earlier.specialty)) {
            // "move my cardiology appointment to Thursday 12th, no wait, make that Thursday 19th":
            // while moving, a day after the correction is the new one; the appointment is the
            // one named before it.
            message = beforeCorrection;
            ref = earlier;
            refWords = plainWords(beforeCorrection);
            correctedWish = again.datetime;
        } else if (!resolveAppointments(all, again, words, true, &named).empty() && named) {
            message = *corrected;
            ref = again;
            refWords = words;
        }
    }
    // "don't touch my cardiology appointment, but cancel the other one": the one named after
    // "don't touch" is out of the running, and the rest of the message is the reference.
    if (auto rest = leaveOutKept(all, message)) {
        message = std::move(*rest);
        ref = reread(message);
        refWords = plainWords(message);
    }
    DateTimeEntities wish;
    std::vector<ScopeAppointment> matches;
    bool narrowed = false;
    if (form == Form::Cancel) {
        matches = resolveAppointments(all, ref, refWords, true, &narrowed);
        if (meansAll(refWords)) {
            if (!narrowed) matches = all;
            if (matches.size() > 1) {  // "cancel both of them": one confirmation for all
                s_.appointmentChoices.clear();
                for (const auto& a : matches) {
                    if (s_.appointmentChoices.size() == kMaxChoices) break;
                    if (a.changeable) s_.appointmentChoices.push_back({a.id, a.doctorId, a.start});
                }
                if (s_.appointmentChoices.size() > 1) {
                    s_.cancelAll = true;
                    s_.step = Step::Confirm;
                    return promptConfirmChange();
                }
                s_.appointmentChoices.clear();
            }
        }
    } else {
        // "move Thursday's to next week": what comes right after the last such "to" is the new
        // time ("I need to change my appointment with Dr Greco ... Thursday": not that "to").
        const std::string lower = text::lowerAsciiCopy(message);
        bool split = false;
        for (auto pos = lower.rfind(" to "); pos != std::string::npos && !split;
             pos = pos == 0 ? std::string::npos : lower.rfind(" to ", pos - 1)) {
            auto after = extractDateTime(message.substr(pos + 4), w_.clock.today, w_.clock.minuteOfDay,
                                         w_.settings.dates);
            const bool rightAfter = !after.spans.empty() &&
                                    std::min_element(after.spans.begin(), after.spans.end())->first <= 16;
            if (!after.empty() && rightAfter) {
                const std::string before = message.substr(0, pos);
                ref = reread(before);
                refWords = plainWords(before);
                wish = std::move(after);
                split = true;
            }
        }
        // "the 10th doesn't work for my cardiology appointment, could we do it earlier, like
        // this thursday the 5th?": the day offered after "like", "maybe", "how about" is the new
        // one when what comes before names the appointment by its day, doctor or specialty.
        if (!split) {
            for (const char* cue : {" like ", " maybe ", " how about ", " what about ", " perhaps ", " say "}) {
                const auto at = lower.rfind(cue);
                if (at == std::string::npos) continue;
                const auto cueLen = std::char_traits<char>::length(cue);
                auto after = extractDateTime(message.substr(at + cueLen), w_.clock.today, w_.clock.minuteOfDay,
                                             w_.settings.dates);
                if (after.empty() || (!after.date && !after.weekday)) continue;
                const std::string before = message.substr(0, at);
                auto beforeRef = reread(before);
                if (!beforeRef.datetime.date && beforeRef.doctors.empty() && !beforeRef.specialty) continue;
                ref = std::move(beforeRef);
                refWords = plainWords(before);
                wish = std::move(after);
                split = true;
                break;
            }
        }
        // "la visita del 5 con la dermatologa la posso mettere lo stesso giorno del cardiologo?
        // il 10 la mattina": two days, the first naming one appointment, the later a different
        // day: the first is the reference, what follows the later one the new time.
        if (!split) {
            auto spans = extractDateTime(message, w_.clock.today, w_.clock.minuteOfDay, w_.settings.dates).spans;
            std::sort(spans.begin(), spans.end());
            for (auto it = spans.rbegin(); it != spans.rend() && !split; ++it) {
                if (it->first == 0) continue;
                const std::string before = message.substr(0, it->first);
                auto beforeRef = reread(before);
                if (!beforeRef.datetime.date) continue;
                bool beforeNarrowed = false;
                const auto named = resolveAppointments(all, beforeRef, plainWords(before), true, &beforeNarrowed);
                if (named.size() != 1) continue;
                auto after = extractDateTime(message.substr(it->first), w_.clock.today, w_.clock.minuteOfDay,
                                             w_.settings.dates);
                if (!after.date || *after.date == w_.zone.dateOf(named[0].start)) continue;
                ref = std::move(beforeRef);
                refWords = plainWords(before);
                wish = std::move(after);
                split = true;
            }
        }
        if (split) {
            matches = resolveAppointments(all, ref, refWords, true, &narrowed);
        } else {
            // One phrase for both: a day an appointment is on names it; any other day, a range
            // or a time of day is the new time.
            wish = ref.datetime;
            Entities noWhen = ref;
            noWhen.datetime = {};
            noWhen.datetime.referenceWeekday = ref.datetime.referenceWeekday;
            if (ref.datetime.date && !hasPhrase(refWords, "instead")) {  // "can we do Thursday instead": a wish
                Entities onDay = noWhen;
                onDay.datetime.date = ref.datetime.date;
                bool dayNarrowed = false;
                auto byDay = resolveAppointments(all, onDay, refWords, false, &dayNarrowed);
                if (!byDay.empty()) {
                    matches = std::move(byDay);
                    narrowed = dayNarrowed;
                    wish.date.reset();
                    wish.weekday.reset();
                }
            }
            if (matches.empty() && !narrowed) matches = resolveAppointments(all, noWhen, refWords, false, &narrowed);
            if (ref.datetime.referenceWeekday) {
                wish.weekday.reset();
                wish.referenceWeekday.reset();
            }
        }
        if (correctedWish) wish = *correctedWish;
        // "push it back by a week": the day it is on, so many days later.
        if (shiftDays && matches.size() == 1) {
            wish = {};
            wish.date = addDays(w_.zone.dateOf(matches[0].start), *shiftDays);
            wish.weekday = isoWeekday(*wish.date);
        }
        // "il giovedì dopo": that weekday after the day it is on.
        if (weekdayLater && matches.size() == 1) {
            LocalDate day = addDays(w_.zone.dateOf(matches[0].start), 1);
            while (isoWeekday(day) != *weekdayLater) day = addDays(day, 1);
            wish = {};
            wish.date = day;
            wish.weekday = *weekdayLater;
        }
        wish.referenceWeekday.reset();
        // "to later in the day, like after 3pm": the day it is on, at another time.
        if (matches.size() == 1 && !wish.date && !wish.range && !wish.weekday && sameDayWish(plainWords(message))) {
            wish.date = w_.zone.dateOf(matches[0].start);
            wish.weekday = isoWeekday(*wish.date);
        }
        if (applyDayTime(wish) == Wish::Past) {
            say(t("That day has already passed, so I can't move anything to it."));
            s_.from.reset();
            s_.to.reset();
            s_.weekday.reset();
        }
    }
    // Carried over from the cancel or move just left, when this message names no other.
    if (carried_ && !narrowed) {
        const auto held = *carried_;
        carried_.reset();
        for (const auto& a : all)
            if (a.id == held.id) matches = {a};
    }
    const bool missed = matches.empty() && narrowed;
    // "me serve la dottoressa De Luca venerdì" read as a change, with no word that takes off or
    // moves and no booking with that doctor: the wish for a visit it says, a new booking.
    const auto& sig = u_.signals;
    if (missed && sig.bookCue && !sig.cancelCue && !sig.moveCue && !sig.changeCue &&
        (!u_.entities.doctors.empty() || u_.entities.specialty))
        return startBooking();
    if (missed) {
        say(t("I couldn't find an appointment that matches that."));
        matches = all;
    }
    chooseAppointment(matches, missed);
}

void Dialogue::chooseAppointment(const std::vector<ScopeAppointment>& matches, bool ask) {
    if (matches.size() == 1 && !ask) return appointmentChosen(matches[0]);
    s_.appointmentChoices.clear();
    for (const auto& a : matches) {
        if (s_.appointmentChoices.size() == kMaxChoices) break;
        s_.appointmentChoices.push_back({a.id, a.doctorId, a.start});
    }
    s_.step = Step::Which;
    promptWhich();
}

void Dialogue::appointmentChosen(const ScopeAppointment& a) {
    const HeldAppointment held{a.id, a.doctorId, a.start};
    const bool cancelling = s_.form == Form::Cancel;
    if (!a.changeable) {
        const std::string line = appointmentLine(held);
        std::string text;
        if (w_.voice.caregiver)
            text = cancelling ? tf("{1}'s appointment on {2} is too close to cancel here.", {w_.voice.name, line})
                              : tf("{1}'s appointment on {2} is too close to move here.", {w_.voice.name, line});
        else
            text = cancelling ? tf("Your appointment on {1} is too close to cancel here.", {line})
                              : tf("Your appointment on {1} is too close to move here.", {line});
        // Why, and how to reach the practice now (issue 22), never just "call".
        const int n = w_.scope.rules().cancelCutoffHours;
        const std::string hours = std::to_string(n);
        text += ' ';
        text += cancelling ? tn("Appointments can't be cancelled online less than {1} hour before they start.",
                                "Appointments can't be cancelled online less than {1} hours before they start.", n, {hours})
                           : tn("Appointments can't be moved online less than {1} hour before they start.",
                                "Appointments can't be moved online less than {1} hours before they start.", n, {hours});
        text += ' ';
        text += reachPractice();
        s_.clearForm();
        say(text);
        return menu();
    }
    s_.appointment = held;
    s_.appointmentChoices.clear();
    if (cancelling) {
        s_.step = Step::Confirm;
        return promptConfirmChange();
    }
    s_.doctorId = a.doctorId;
    s_.specialty.reset();
    s_.step = Step::Slot;
    s_.offers.clear();
    const std::string lead = w_.voice.caregiver
                                 ? tf("OK, let's move {1}'s appointment on {2}.", {w_.voice.name, appointmentLine(held)})
                                 : tf("OK, let's move your appointment on {1}.", {appointmentLine(held)});
    if (hasDayWish() || hasTimeWish()) return searchAndOffer(lead);
    say(lead);
    promptSlot();
}

void Dialogue::promptWhich() {
    std::string text = s_.form == Form::Cancel ? t("Which appointment would you like to cancel?")
                                               : t("Which appointment would you like to move?");
    suggestions.clear();
    int n = 0;
    for (const auto& a : s_.appointmentChoices) {
        ++n;
        text += numberedLine(n, appointmentLine(a));
        suggestions.push_back(
            {slotLabel(w_.lang, w_.zone, a.start, doctorName(a.doctorId)), tf("option {1}", {std::to_string(n)})});
    }
    say(text);
}

void Dialogue::promptConfirmChange() {
    if (s_.cancelAll) {
        const std::string count = std::to_string(s_.appointmentChoices.size());
        std::string text;
        if (w_.voice.caregiver)
            text = s_.appointmentChoices.size() == 2
                       ? tf("Shall I cancel both of {1}'s appointments?", {w_.voice.name})
                       : tf("Shall I cancel all {1} of {2}'s appointments?", {count, w_.voice.name});
        else
            text = s_.appointmentChoices.size() == 2 ? t("Shall I cancel both of your appointments?")
                                                     : tf("Shall I cancel all {1} of your appointments?", {count});
        int n = 0;
        for (const auto& a : s_.appointmentChoices) text += numberedLine(++n, appointmentLine(a));
        say(text);
        suggestions = {{t("Yes"), t("yes")}, {t("No"), t("no")}};
        return;
    }
    const auto& a = *s_.appointment;
    std::string text;
    if (s_.form == Form::Cancel) {
        text = w_.voice.caregiver ? tf("Shall I cancel {1}'s appointment on {2}?", {w_.voice.name, appointmentLine(a)})
                                  : tf("Shall I cancel your appointment on {1}?", {appointmentLine(a)});
    } else {
        const std::string doctor = doctorName(a.doctorId), from = dayTime(a.start), to = dayTime(s_.chosen->start);
        text = w_.voice.caregiver
                   ? tf("Shall I move {1}'s appointment with {2} from {3} to {4}?", {w_.voice.name, doctor, from, to})
                   : tf("Shall I move your appointment with {1} from {2} to {3}?", {doctor, from, to});
    }
    say(text);
    suggestions = {{t("Yes"), t("yes")}, {t("No"), t("no")}};
}

void Dialogue::relay(const ScopeChange& change, const std::string& fallback) {
    if (change.kind == ScopeChange::Kind::Cutoff) {
        // The rule in the conversation's language, and how to reach the practice now.
        const int n = w_.scope.rules().cancelCutoffHours;
        const std::string hours = std::to_string(n);
        say(s_.form == Form::Reschedule
                ? tn("Appointments can't be moved online less than {1} hour before they start.",
                     "Appointments can't be moved online less than {1} hours before they start.", n, {hours})
                : tn("Appointments can't be cancelled online less than {1} hour before they start.",
                     "Appointments can't be cancelled online less than {1} hours before they start.", n, {hours}));
        return say(reachPractice());
    }
    say(change.message.empty() ? fallback : w_.lang.t(change.message));
}

void Dialogue::cancelAppointment() {
    if (s_.cancelAll) {
        const auto held = s_.appointmentChoices;
        s_.clearForm();
        std::string done, failed;
        for (const auto& a : held) {
            const auto change = w_.scope.cancel(a.id);
            if (change.kind == ScopeChange::Kind::Done) {
                events.push_back({"cancelled", std::to_string(a.id)});
                done += "\n- " + appointmentLine(a);
            } else {
                failed += "\n- " + appointmentLine(a) + (change.message.empty() ? "" : ": " + w_.lang.t(change.message));
            }
        }
        if (!done.empty()) say(t("Done: I've cancelled these appointments:") + done);
        if (!failed.empty()) say(t("I couldn't cancel these:") + failed);
        suggestions = {{t("Book an appointment"), t("Book an appointment")}, {t("My appointments"), t("My appointments")}};
        return;
    }
    const HeldAppointment a = *s_.appointment;
    const auto change = w_.scope.cancel(a.id);
    s_.clearForm();
    switch (change.kind) {
        case ScopeChange::Kind::Done:
            events.push_back({"cancelled", std::to_string(a.id)});
            say(w_.voice.caregiver
                    ? tf("Done: I've cancelled {1}'s appointment on {2}.", {w_.voice.name, appointmentLine(a)})
                    : tf("Done: I've cancelled your appointment on {1}.", {appointmentLine(a)}));
            suggestions = {{t("Book an appointment"), t("Book an appointment")},
                           {t("My appointments"), t("My appointments")}};
            return;
        case ScopeChange::Kind::NotFound:
            say(t("I couldn't find that appointment any more: it may have been changed already."));
            break;
        default: relay(change, t("Sorry, I couldn't cancel that appointment.")); break;
    }
    menu();
}

void Dialogue::rescheduleAppointment() {
    const HeldAppointment a = *s_.appointment;
    const HeldSlot slot = *s_.chosen;
    const auto change = w_.scope.reschedule(a.id, slot.start);
    switch (change.kind) {
        case ScopeChange::Kind::Done: {
            const auto start = change.appointment ? change.appointment->start : slot.start;
            events.push_back({"rescheduled", std::to_string(a.id)});
            s_.clearForm();
            say(w_.voice.caregiver ? tf("Done: {1}'s appointment with {2} is now on {3}.",
                                        {w_.voice.name, doctorName(a.doctorId), dayTime(start)})
                                   : tf("Done: your appointment with {1} is now on {2}.",
                                        {doctorName(a.doctorId), dayTime(start)}));
            suggestions = {{t("My appointments"), t("My appointments")}};
            return;
        }
        case ScopeChange::Kind::SlotTaken: {
            std::vector<ScopeSlot> alternatives;
            for (const auto& alt : change.alternatives)
                if (alt.start > w_.clock.now && alt.start != slot.start && alt.doctorId == a.doctorId)
                    alternatives.push_back(alt);
            std::sort(alternatives.begin(), alternatives.end(),
                      [](const auto& x, const auto& y) { return x.start < y.start; });
            const std::string lead = tf("Sorry, {1} was just taken by someone else.", {heldSlotLine(slot)});
            s_.chosen.reset();
            s_.step = Step::Slot;
            if (alternatives.empty()) return searchAndOffer(lead);
            offerSlots(alternatives);
            return promptSlot(lead + ' ' + t("These times are still free:"));
        }
        case ScopeChange::Kind::NotFound:
            s_.clearForm();
            say(t("I couldn't find that appointment any more: it may have been changed already."));
            return menu();
        default:
            s_.clearForm();
            relay(change, t("Sorry, I couldn't move that appointment."));
            return menu();
    }
}

void Dialogue::changeStep() {
    const auto& e = u_.entities;
    const bool cancelling = s_.form == Form::Cancel;
    const std::string nothing =
        cancelling ? t("OK, I haven't cancelled anything.") : t("OK, I haven't changed anything.");
    // In the which step a doctor or a day is the answer, so side questions come last there.
    if (s_.step != Step::Which && sideQuestionFirst()) return digress();
    switch (s_.step) {
        case Step::Which: {
            auto all = w_.scope.upcoming();
            std::vector<ScopeAppointment> choices;  // as offered, as they are now
            for (const auto& held : s_.appointmentChoices)
                for (const auto& a : all)
                    if (a.id == held.id) choices.push_back(a);
            const auto size = static_cast<int>(choices.size());
            std::optional<ScopeAppointment> picked;
            auto n = e.ordinal;
            if (!n) n = listPick(u_.words);
            const int nIndex = n ? (*n > 0 ? *n - 1 : size + *n) : -1;
            if (n && s_.appointmentChoices.size() == choices.size() && nIndex >= 0 && nIndex < size) {
                picked = choices[static_cast<std::size_t>(nIndex)];
            } else if (n && *n > size && *n <= 31) {
                // "the one on the tenth": no place in the list, the day of the month one is on.
                std::vector<ScopeAppointment> onDay;
                for (const auto& a : choices)
                    if (w_.zone.dateOf(a.start).day == *n) onDay.push_back(a);
                if (onDay.size() == 1) picked = onDay[0];
            } else if (yes() && size == 1) {
                picked = choices[0];
            } else if (!n) {
                // "the cardiology one, not the skin one": the one named after "not" is left out,
                // and the rest of the answer says which.
                auto pool = choices;
                Entities ref = e;
                std::string refWords = u_.words;
                if (const auto rest = leaveOutKept(pool, u_.message)) {
                    ref = reread(*rest);
                    refWords = plainWords(*rest);
                    if (pool.size() == 1 && !ref.specialty && ref.doctors.empty()) {
                        decided("inform");
                        return appointmentChosen(pool[0]);
                    }
                }
                bool narrowed = false;
                auto fit = resolveAppointments(pool, ref, refWords, cancelling, &narrowed);
                if (narrowed && fit.size() == 1) {
                    picked = fit[0];
                } else if (narrowed && fit.size() > 1) {
                    decided("inform");
                    chooseAppointment(fit, false);
                    return;
                }
            }
            if (picked) {
                decided("inform");
                return appointmentChosen(*picked);
            }
            if (choices.empty()) {
                s_.clearForm();
                say(t("Those appointments have changed in the meantime."));
                return startChange(cancelling ? Form::Cancel : Form::Reschedule);
            }
            if (no()) {
                decided("deny");
                s_.clearForm();
                say(nothing);
                return menu();
            }
            if (n) {
                say(tf("Please choose one of the {1} appointments.", {std::to_string(size)}));
                return promptWhich();
            }
            return digress();
        }
        case Step::Slot: {
            if (pickOffer()) return;
            const bool asap = command_ == Command::Asap;
            auto place = e.ordinal ? e.ordinal : listPick(u_.words);
            if (asap && !place) place = 1;  // "the earliest you've got": the first of the earliest
            const Wish wish = applyDayTime(e.datetime);
            if (wish == Wish::Past) {
                decided("inform");
                say(t("That day has already passed."));
                return prompt();
            }
            if (asap) {
                s_.from = w_.clock.today;
                s_.to = addDays(w_.clock.today, 13);
                s_.weekday.reset();
                s_.time = {};
            }
            if (wish == Wish::Applied || asap) {
                decided("inform");
                searchAndOffer({});
                // "the first afternoon slot" when none shown was: the one it named among the new.
                takeOfferAt(place);
                return;
            }
            if (no()) {
                decided("deny");
                if (s_.offers.empty()) {
                    s_.clearForm();
                    say(nothing);
                    return menu();
                }
                s_.offers.clear();
                s_.from.reset();
                s_.to.reset();
                s_.weekday.reset();
                s_.time = {};
                say(t("No problem."));
                return promptSlot();
            }
            if (yes() && !s_.offers.empty()) {
                decided("affirm");
                return promptSlot(t("Which one? You can say \"the first one\", or a time:"));
            }
            return digress();
        }
        case Step::Confirm: {
            if (!cancelling) {
                const auto& dt = e.datetime;
                const LocalDate day = w_.zone.dateOf(s_.chosen->start);
                const bool differs = (dt.date && *dt.date != day) || (dt.range && !dt.date) ||
                                     (dt.time.exact && *dt.time.exact != w_.zone.minuteOfDay(s_.chosen->start)) ||
                                     (!dt.time.exact && (dt.time.part != DayPart::Any || dt.time.after ||
                                                         dt.time.before) &&
                                      !fitsTime(s_.chosen->start, dt.time));
                if (differs) {
                    const Wish wish = applyDayTime(dt);
                    decided("inform");
                    if (wish == Wish::Past) {
                        say(t("That day has already passed."));
                        return prompt();
                    }
                    return searchAndOffer({});
                }
            }
            // "sì, cancella quella della dottoressa Marino" when Dr Greco's is the one asked about:
            // a yes that names another doctor or kind of doctor is no yes to this one; nor is
            // "no wait, I mean the skin one" a refusal to be asked again the same thing.
            if (!s_.cancelAll && !no() && namesAnotherAppointment()) {
                decided("inform");
                const Form form = s_.form;
                return startChange(form);
            }
            if (yes()) {
                decided("affirm");
                return cancelling ? cancelAppointment() : rescheduleAppointment();
            }
            if (no() && s_.cancelAll) {
                decided("deny");
                s_.clearForm();
                say(nothing + ' ' +
                    (w_.voice.caregiver ? tf("{1}'s appointments stay as they are.", {w_.voice.name})
                                        : t("Your appointments stay as they are.")));
                return menu();
            }
            if (no()) {
                decided("deny");
                const HeldAppointment a = *s_.appointment;
                s_.clearForm();
                say(nothing + ' ' +
                    (w_.voice.caregiver ? tf("{1}'s appointment on {2} stays as it is.", {w_.voice.name, appointmentLine(a)})
                                        : tf("Your appointment on {1} stays as it is.", {appointmentLine(a)})));
                return menu();
            }
            if (answerSideQuestion()) return resume();
            say(t("Please answer yes or no."));
            return prompt();
        }
        default: break;
    }
    digress();
}

Entities Dialogue::reread(const std::string& text) const {
    return extractEntities(text, w_.clock.today, w_.clock.minuteOfDay, w_.doctorMatcher, w_.specialtyMatcher,
                           w_.settings.dates);
}

std::optional<std::string> Dialogue::leaveOutKept(std::vector<ScopeAppointment>& pool,
                                                 const std::string& message) const {
    const auto ex = splitExclusion(message);
    if (!ex) return std::nullopt;
    bool named = false;
    const auto kept = resolveAppointments(pool, reread(ex->kept), plainWords(ex->kept), true, &named);
    if (!named || kept.empty() || kept.size() >= pool.size()) return std::nullopt;
    std::erase_if(pool, [&](const ScopeAppointment& a) {
        return std::any_of(kept.begin(), kept.end(), [&](const auto& k) { return k.id == a.id; });
    });
    return ex->rest;
}

bool Dialogue::namesAnotherAppointment() const {
    if (!s_.appointment) return false;
    const auto* pending = doctor(s_.appointment->doctorId);
    const auto& e = u_.entities;
    if (!e.doctors.empty()) {
        const auto& ids = e.doctors.back().doctorIds;
        if (std::find(ids.begin(), ids.end(), s_.appointment->doctorId) == ids.end()) return true;
    }
    if (pending && e.specialty && *e.specialty != pending->specialtySlug) return true;
    // "no wait, I mean the skin one. keep the heart one!", "yes, cancel the skin one": the
    // everyday words for another of the patient's appointments (after a correction, without
    // the one said to be kept). Days are left out: while moving, a day is the new one.
    auto pool = w_.scope.upcoming();
    std::string message = u_.message;
    bool told = false;  // a correction, a kept one or an everyday word for a kind of doctor
    if (const auto corrected = afterCorrection(message)) {
        message = *corrected;
        told = true;
    }
    if (auto rest = leaveOutKept(pool, message)) {
        message = std::move(*rest);
        told = true;
    }
    for (const char* word : {"skin", "heart", "kids", "pelle", "cuore", "bambini", "bambino", "bambina"})
        told = told || hasPhrase(plainWords(message), word);
    if (!told) return false;  // "lo riprenoto io più avanti" names no other appointment
    Entities ref = reread(message);
    ref.datetime = {};
    ref.ordinal.reset();
    bool narrowed = false;
    const auto named = resolveAppointments(pool, ref, plainWords(message), false, &narrowed);
    return narrowed && named.size() == 1 && named[0].id != s_.appointment->id;
}

}  // namespace medassist::assistant::engine
