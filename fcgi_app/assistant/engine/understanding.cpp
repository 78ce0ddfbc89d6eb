#include "assistant/engine/understanding.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace medassist::assistant::engine {

namespace {

bool hasWhen(const Entities& e) {
    const auto& dt = e.datetime;
    return dt.date || dt.range || dt.weekday || dt.time.exact || dt.time.after || dt.time.before ||
           dt.time.part != DayPart::Any;
}

// The words of text in lower case ASCII, apostrophes dropped ("don't" is "dont"), anything else
// between them; true when f(word) holds for every one.
template <class F>
bool everyWord(const std::string& text, F&& f) {
    std::string word;
    for (char c : text + ' ') {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) {
            word += static_cast<char>(std::tolower(u));
        } else if (c != '\'' && !word.empty()) {
            if (!f(word)) return false;
            word.clear();
        }
    }
    return true;
}

// The same words as one string with a space before and after each (" dont touch it "), so a
// phrase is found whole: spaced(text).find(" go on ").
std::string spaced(const std::string& text) {
    std::string out = " ";
    everyWord(text, [&](const std::string& w) {
        out.append(w).push_back(' ');
        return true;
    });
    return out;
}

// "3/7 at 11am", "before Easter if possible", "in the morning, anytime between 9 and 12": a
// message that is a day or a time and nothing else (a few filler words aside).
bool onlyWhen(const std::string& text, const DateTimeEntities& dt) {
    if (text.empty() || dt.spans.empty()) return false;
    std::string rest;
    std::size_t at = 0;
    for (const auto& [from, to] : dt.spans) {
        if (from > at && from <= text.size()) rest += text.substr(at, from - at) + ' ';
        at = std::max(at, std::min(to, text.size()));
    }
    if (at < text.size()) rest += text.substr(at);
    static const char* kFiller[] = {"if", "possible", "please", "pls", "sometime", "some", "time", "anytime", "any",
                                    "around", "about", "ok", "okay", "at", "on", "in", "the", "for", "me", "i", "can",
                                    "do", "only", "would", "be", "good", "fine", "works", "best", "is", "maybe",
                                    "perhaps", "preferably", "ideally", "really", "or", "and", "then", "ish", "of",
                                    "early", "late", "before", "after", "between", "from", "to", "by", "first",
                                    "week", "a", "an", "thanks", "thank", "you", "how", "what", "yes", "yeah", "no",
                                    "not", "but", "this", "that", "next", "free", "there", "anything", "something",
                                    "morning", "afternoon", "evening", "easter", "christmas", "holidays", "possibly"};
    return everyWord(rest, [](const std::string& w) {
        for (const char* f : kFiller)
            if (w == f) return true;
        return std::all_of(w.begin(), w.end(), ::isdigit);
    });
}

// "book me", "I want to book.", "can I make an appointment please?": a booking word and filler
// words only (at the start of a conversation, in a portal whose one bookable thing is a visit).
bool onlyBooking(const std::string& text) {
    static const char* kBook[] = {"book", "booking", "appointment", "appt", "appointments", "visit", "prenotare",
                                  "prenotazione", "appuntamento", "prenota", "prenotami", "visita"};
    static const char* kFiller[] = {"i", "me", "to", "want", "wanna", "would", "like", "id", "need", "can", "could",
                                    "make", "an", "a", "please", "pls", "plz", "new", "one", "in", "some", "just",
                                    "get", "do", "is", "it", "possible", "hi", "hello", "hey", "ok", "okay", "so",
                                    "vorrei", "voglio", "un", "una", "per", "favore", "ciao", "salve", "buongiorno",
                                    "posso", "fare", "nuovo", "nuova", "mi", "serve", "devo"};
    bool book = false;
    const auto in = [](const std::string& w, const auto& list) {
        return std::find(std::begin(list), std::end(list), w) != std::end(list);
    };
    const bool onlyThose = everyWord(text, [&](const std::string& w) {
        if (in(w, kBook)) return book = true;
        return in(w, kFiller);
    });
    return onlyThose && book;
}

// "I'd like another, separate appointment with Dr Marino... don't touch the one I have": a new
// booking beside one already held, with no word that takes one off.
bool asksAnother(const std::string& text) {
    const std::string words = spaced(text);
    auto has = [&](const char* w) { return words.find(std::string(" ") + w + " ") != std::string::npos; };
    for (const char* off : {"cancel", "cancelled", "canceled", "drop", "scrap", "delete", "remove", "move", "moved",
                            "reschedule", "postpone", "change", "shift", "disdire", "disdici", "disdica", "annullare",
                            "annulla", "annulli", "cancellare", "cancella", "cancelli", "spostare", "sposta", "sposti",
                            "rimandare", "rimanda", "rimandi", "anticipare", "anticipa", "anticipi", "cambiare",
                            "cambia", "cambi"})
        if (has(off)) return false;
    // The word right after says what is added: "another appointment", "a separate visit", not
    // "another day" or "another time" (a change). Italian: "un altro appuntamento", "un'altra
    // visita" (the apostrophe is dropped above: "unaltra").
    for (const char* w : {"another", "separate", "extra", "additional", "second", "altro", "altra", "unaltra",
                          "secondo", "seconda", "ulteriore"})
        for (const char* what : {"appointment", "visit", "booking", "one", "slot", "appuntamento", "visita",
                                 "prenotazione"})
            if (words.find(std::string(" ") + w + " " + what + " ") != std::string::npos) return true;
    // "... oltre a quello che ho già giovedì", "in addition to the one I have".
    for (const char* beside : {" oltre a quello che ho ", " oltre a quella che ho ", " oltre al mio ",
                               " oltre alla mia ", " in addition to the one ", " in addition to my ",
                               " as well as the one i ", " on top of the one i "})
        if (words.find(beside) != std::string::npos) return true;
    return false;
}

// "my appointment", "la mia visita", "quello di lunedì", "it": words that point at a booking one
// already has (the model's "move" or "cancel" may then be right without a cue word of ours).
bool namesOwnBooking(const std::string& text) {
    return !everyWord(text, [](const std::string& w) {
        for (const char* own : {"my", "mine", "our", "it", "its", "mio", "mia", "miei", "mie", "quello", "quella",
                                "nostro", "nostra"})
            if (w == own) return false;
        return true;
    });
}

// "my skin doctor appointment", "la mia visita", "il mio appuntamento": a booking of one's own,
// by a possessive a few words before the word for it.
bool ownAppointment(const std::string& text) {
    std::vector<std::string> words;
    everyWord(text, [&](const std::string& w) {
        words.push_back(w);
        return true;
    });
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i] != "my" && words[i] != "mio" && words[i] != "mia") continue;
        for (std::size_t k = i + 1; k < words.size() && k <= i + 4; ++k)
            if (words[k] == "appointment" || words[k] == "appt" || words[k] == "booking" || words[k] == "appuntamento" ||
                words[k] == "visita" || words[k] == "prenotazione")
                return true;
    }
    return false;
}

// "I forgot my password", "my account is locked", "can I get a copy of my data?": the patient's
// own account with the practice, in its portal, when no other service is named.
bool portalAccountQuestion(const std::string& text) {
    const std::string words = spaced(text);
    auto has = [&](const char* w) { return words.find(std::string(" ") + w + " ") != std::string::npos; };
    bool account = false;
    for (const char* w : {"password", "passwords", "log in", "login", "logging in", "sign in", "signing in",
                          "locked out", "my account", "my data", "my personal data", "two factor", "2fa",
                          "la mia password", "il mio account", "i miei dati", "accedere", "accesso"})
        account = account || has(w);
    if (!account) return false;
    for (const char* other : {"gmail", "google", "apple", "icloud", "instagram", "facebook", "whatsapp", "netflix",
                              "amazon", "bank", "banking", "paypal", "router", "wifi", "laptop", "phone", "iphone",
                              "email", "outlook", "hotmail", "yahoo", "spotify", "steam", "xbox", "playstation",
                              "tiktok", "twitter", "linkedin", "uber", "airbnb", "ebay", "microsoft", "windows",
                              "work", "office", "school", "university", "card", "credit", "computer", "pc", "tablet",
                              "app store", "banca", "conto", "telefono", "cellulare", "lavoro", "carta", "posta",
                              "manager", "wi", "fi", "airport", "money", "stole", "stolen", "mail", "app", "io",
                              "spid", "number", "iban", "balance", "soldi"})
        if (has(other)) return false;
    return true;
}

// "fever and sore throat", "febbre e mal di gola": everyday symptoms named and nothing else (no
// severity, no one unwell in a way that cannot wait); the model's alarm does not stand on them.
bool onlyMildSymptoms(const std::string& text) {
    static const std::set<std::string, std::less<>> kMild{
        "fever", "temperature", "temp", "sore", "throat", "cough", "coughing", "cold", "runny", "nose", "blocked",
        "sneezing", "headache", "earache", "ear", "tummy", "ache", "rash", "itchy", "febbre", "tosse", "raffreddore",
        "mal", "di", "gola", "testa", "naso", "chiuso", "orecchio", "pancia", "and", "e", "a", "with", "con", "my",
        "i", "have", "has", "got", "ho", "since", "da", "days", "giorni", "yesterday", "ieri", "bit", "little", "un",
        "po", "some", "slight", "mild", "leggera", "leggero", "of", "the", "38", "37"};
    bool any = false;
    const bool onlyThose = everyWord(text, [&](const std::string& w) {
        any = true;
        return kMild.count(w) > 0;
    });
    return any && onlyThose;
}

// "😂", "lol", "haha": the writer is joking.
bool laughs(const std::string& text) {
    for (const char* face : {"\xF0\x9F\x98\x82", "\xF0\x9F\xA4\xA3", "\xF0\x9F\x98\x86", "\xF0\x9F\x98\x85"})
        if (text.find(face) != std::string::npos) return true;
    const std::string words = spaced(text);
    for (const char* w : {" lol ", " haha ", " hahaha ", " lmao ", " rofl ", " jk ", " just kidding ", " kidding "})
        if (words.find(w) != std::string::npos) return true;
    return false;
}

// The action a frame asks for, when it names something one books at a practice.
std::string frameAction(const MessageSignals& s) {
    if (s.cancelCue && !s.moveCue) return "cancel_appointment";
    if (s.moveCue) return "reschedule_appointment";
    if (s.bookCue) return "book_appointment";
    if (s.listCue) return "list_appointments";
    return {};
}

}  // namespace

bool isBareMention(const InputCheck& check) {
    return check.kind == InputKind::OtherPerson &&
           (check.label == "person_name" || check.label == "third_party" || check.label == "family");
}

std::string relativesTask(const InputCheck& check, const MessageSignals& s, const IntentResult& grounded,
                          const std::string& text) {
    if (check.kind != InputKind::OtherPerson || check.label != "family") return {};
    // "What's my sister's next appointment?", "has my dad been seen?": a question about the
    // relative, refused as another person's whatever the model reads in it.
    std::string first;
    everyWord(text, [&](const std::string& w) {
        first = w;
        return false;
    });
    for (const char* q : {"what", "whats", "when", "where", "which", "has", "have", "did", "does", "is", "was", "quando",
                          "qual", "quale", "che", "cosa", "ha", "e"})
        if (first == q) return {};
    const auto& i = grounded.intent;
    if (i == "book_appointment" || i == "cancel_appointment" || i == "reschedule_appointment") {
        // The model's cancel or move with no word that says so: the frame's own action.
        const auto action = frameAction(s);
        const bool uncued = (i == "cancel_appointment" && !s.cancelCue) ||
                            (i == "reschedule_appointment" && !s.moveCue && !s.changeCue);
        return uncued && action == "book_appointment" ? action : i;
    }
    if (i == "emergency" || i == "medical_advice" || i == "list_appointments") return {};
    // A claim to look after the relative, not denied ("she isn't on my account", "not her
    // carer", "non mi ha mai registrato come caregiver" claim nothing).
    std::vector<std::string> ws;
    everyWord(text, [&](const std::string& w) {
        ws.push_back(w);
        return true;
    });
    bool looksAfter = false;
    for (std::size_t k = 0; k < ws.size() && !looksAfter; ++k) {
        const auto& w = ws[k];
        const bool cue = w == "carer" || w == "caregiver" || w == "linked" || w == "delegato" || w == "delegata" ||
                         w == "tutore" || w == "tutrice" ||
                         (w == "on" && k + 2 < ws.size() && ws[k + 1] == "my" && ws[k + 2] == "account") ||
                         (w == "care" && k > 0 && ws[k - 1] == "i" && k + 1 < ws.size() && ws[k + 1] == "for") ||
                         (w == "look" && k > 0 && ws[k - 1] == "i" && k + 1 < ws.size() && ws[k + 1] == "after");
        if (!cue) continue;
        bool denied = false;
        for (std::size_t b = k >= 6 ? k - 6 : 0; b < k; ++b)
            for (const char* no : {"not", "isnt", "isn", "arent", "wasnt", "never", "no", "non", "mai", "nessun",
                                   "nessuno", "neanche"})
                denied = denied || ws[b] == no;
        looksAfter = !denied;
    }
    if (!looksAfter) return {};
    const auto action = frameAction(s);
    if (action == "book_appointment" || action == "cancel_appointment" || action == "reschedule_appointment")
        return action;
    return {};
}

bool refuseAsOtherPerson(const InputCheck& check, const MessageSignals& s, const IntentResult& grounded) {
    if (check.kind == InputKind::Ok) return false;
    // Injection, someone's email or phone number, a record: refused whatever the rest says.
    if (!isBareMention(check)) return true;
    const bool aboutThePractice = s.practiceData || s.provider || s.careNoun || s.medicalSubject || s.faqCue;
    return aboutThePractice || grounded.intent != IntentClassifier::kOutOfScope;
}

bool isTaskIntent(const std::string& i) {
    return i == "book_appointment" || i == "cancel_appointment" || i == "reschedule_appointment" ||
           i == "list_appointments";
}

IntentResult groundIntent(const IntentResult& model, const MessageSignals& s, const Triage& triage,
                          const Entities& e, bool idle, const std::string& text) {
    if (triage.kind == TriageKind::Emergency) return {"emergency", 1.0};
    // The refusal needs a medical subject: "how many alarms do I have" is no question of dose,
    // and "can you diagnose my dishwasher?" or "my hamster is sick" is about no patient.
    if (triage.kind == TriageKind::MedicalAdvice && s.medicalSubject && !s.noPatient)
        return {"medical_advice", 1.0};

    // A doctor by name, or a specialty asked for as one ("heart" alone is not: "I Heart Radio").
    const bool named = !e.doctors.empty() || (e.specialty.has_value() && (s.provider || s.careNoun));
    // About something one books at a practice. A word like "booking" or "slot" beside a
    // flight or a table is not, nor a doctor for the computer or jabs for the cat.
    const bool practiceThing =
        !s.foreignPatient && (s.provider || named || !s.unoffered.empty() || s.careNoun);
    IntentResult r = model;
    const std::string& i = model.intent;
    // "serve l'impegnativa per la visita?", "cosa devo portare per il vaccino?", "se disdico
    // all'ultimo pago una penale?": how the practice works, asked at the start, is its FAQ's,
    // whatever visit or jab it names (a safety label or someone else's business aside).
    // Not "annullo la visita dal cardiologo, la faccio con la mutua altrove": a cancel said, not
    // asked about.
    if (idle && s.practiceHow && !s.foreign && i != "emergency" && i != "medical_advice" &&
        i != "other_person" && i != "human_handoff" && i != "help" && i != "restart" && !s.pronounObject &&
        !(s.cancelCue && !s.question))
        return {"faq", model.confidence};
    if (idle && !s.foreign && i != "emergency" && i != "medical_advice" && i != "other_person" &&
        i != "human_handoff") {
        const bool notTold = i == IntentClassifier::kOutOfScope || i == "inform" || i == "book_appointment" ||
                             i == "faq" || i == "doctor_info" || i == "list_appointments" || i == "help";
        // "quando è la mia visita?", "sono già prenotata per il 12?": one's own bookings, asked.
        if (s.listAsk && !s.cancelCue && !s.moveCue && notTold && !s.doctorAsk) return {"list_appointments", 1.0};
        // "come si chiama il pediatra?", "avete medici donne?": about the doctors, asked.
        if (s.doctorAsk && !s.cancelCue && !s.moveCue && notTold && !s.listAsk && !s.practiceHow)
            return {"doctor_info", 1.0};
        // "a cosa servi?", "sei un bot?": about the assistant itself.
        if (s.helpAsk && !isTaskIntent(i) && i != "doctor_info" && !s.medicalSubject)
            return {"help", 1.0};
    }

    if (i == "emergency") {
        // "need a dr for my mum, her legs are swelling": a request for a doctor is a booking
        // (triage's rules have already caught the wordings of a real emergency).
        const bool asksForDoctor = named || ((s.provider || s.careMedical) && s.bookCue);
        // "I had chest pain last year and want a cardiology check-up" is a booking too.
        if (asksForDoctor) return {"book_appointment", 1.0};
        // The model's alarm with no triage rule behind it, in a message that laughs ("a heart
        // attack looking at my phone bill 😂"), is a figure of speech.
        if (model.confidence >= kModelEmergencyFloor && s.dangerSign && !s.noPatient && !laughs(text) &&
            !onlyMildSymptoms(text))
            return r;
        r = {IntentClassifier::kOutOfScope, model.confidence};
    } else if (i == "medical_advice") {
        if (s.medicalSubject && !s.noPatient) return r;
        r = {IntentClassifier::kOutOfScope, model.confidence};
    } else if (idle) {
        // Other labels stand on a cue of their own; without one the model has matched a shape
        // ("start the vacuum" is not "start over", "what is Jill's number" not a question for us).
        const bool cued = i == "other_person"    ? s.personCue
                          : i == "restart"       ? s.restartCue
                          : i == "help"          ? s.helpCue
                          : i == "human_handoff" ? s.handoffCue
                          : i == "faq"           ? (s.faqCue || practiceThing)
                          : i == "doctor_info"   ? (s.provider || named || s.faqCue)
                                                 : true;
        if (!cued) r = {IntentClassifier::kOutOfScope, model.confidence};
    }
    if (!idle) {
        // Inside a form the model's own label goes on to the dialogue, which reads it against
        // the open step; only an ungrounded safety label became out_of_scope above.
        if (r.intent == IntentClassifier::kOutOfScope && practiceThing) {
            const auto action = frameAction(s);
            if (!action.empty()) return {action, 1.0};
        }
        // "wait, what's the reception phone number?" in the middle of a booking: a question put
        // to the practice, which the FAQ answers before the booking goes on.
        if (r.intent == IntentClassifier::kOutOfScope &&
            ((s.asksPractice && !(s.foreign && !s.faqCue)) || (s.question && s.faqCue && !s.foreign)))
            return {"faq", 1.0};
        return r;
    }

    if (isTaskIntent(r.intent)) {
        if ((r.intent == "cancel_appointment" || r.intent == "reschedule_appointment") && asksAnother(text))
            return {"book_appointment", 1.0};
        // The model's "cancel" or "move" with no word that takes a booking off or moves it, beside
        // a wish for a visit ("I'd like a cardiology appointment on the 18th, late afternoon if
        // there's anything", "me serve la dottoressa De Luca venerdì"): a new booking.
        if ((r.intent == "cancel_appointment" || r.intent == "reschedule_appointment") && !s.cancelCue &&
            !s.moveCue && !s.changeCue && s.bookCue && (practiceThing || hasWhen(e)) && !namesOwnBooking(text))
            return {"book_appointment", 1.0};
        // "Is there a cardiology slot this Thursday? I'm already coming in that morning for my
        // skin appointment": a kind of doctor asked for, and one's own booking only told
        // beside it, with no word that takes it off or moves it, is a new booking.
        if ((r.intent == "cancel_appointment" || r.intent == "reschedule_appointment") && !s.cancelCue &&
            !s.moveCue && !s.changeCue && s.bookCue && s.availability && (named || e.specialty) && hasWhen(e) &&
            text.find("instead") == std::string::npos && text.find("invece") == std::string::npos)
            return {"book_appointment", 1.0};
        // "I want change my skin doctor appointment to 24 march": a booking one has, named and
        // moved, is moved, whatever the model makes of "I want".
        if (r.intent == "book_appointment" && s.moveCue && !s.cancelCue && ownAppointment(text))
            return {"reschedule_appointment", 1.0};
        // "cnx my derm appt thx": the same for taking one off.
        if (r.intent == "book_appointment" && s.cancelCue && !s.moveCue && ownAppointment(text) && !asksAnother(text))
            return {"cancel_appointment", 1.0};
        if (practiceThing) {
            // "I need to find a dentist" read as listing: the frame's action wins when it is a booking.
            if (r.intent != "book_appointment" && !s.unoffered.empty() && !s.cancelCue && !s.moveCue)
                return {"book_appointment", 1.0};
            // "togli l'appuntamento di lunedì", "vorrei posticipare il controllo": read as a booking,
            // the frame's action on a booking one has wins.
            if (s.changeCue && (s.cancelCue || s.moveCue) && s.practiceData) {
                const auto action = frameAction(s);
                if (action == "cancel_appointment" || action == "reschedule_appointment") return {action, 1.0};
            }
            return r;
        }
        if (!s.foreign) {
            // Sure, and nothing of another domain in it: "cancel", "i wnat to book a vist".
            if (model.confidence >= kModelTaskFloor) return r;
            const bool when = hasWhen(e);
            if (r.intent == "book_appointment" && s.bookCue && (s.pronounObject || when)) return r;
            if ((r.intent == "cancel_appointment" || r.intent == "reschedule_appointment") &&
                (s.pronounObject || when))
                return r;
        }
        r = {IntentClassifier::kOutOfScope, model.confidence};
    }

    // Frames the model missed.
    const std::string& now = r.intent;
    const bool weak = now == IntentClassifier::kOutOfScope || now == "inform" || now == "help" || now == "greet" ||
                      now == "thanks" || now == "goodbye" || now == "affirm" || now == "deny" ||
                      (now == "doctor_info" && !s.unoffered.empty()) ||
                      ((now == "faq" || now == "doctor_info") && r.confidence < 0.35 && !s.question);
    if (weak && practiceThing && !(s.foreign && !s.provider && !named && !s.careMedical)) {
        const auto action = frameAction(s);
        if (!action.empty()) return {action, 1.0};
        // "a dermatologist appointment at the end of January", "dentist on friday?"
        if (now == IntentClassifier::kOutOfScope || now == "inform") {
            if (s.provider || named || !s.unoffered.empty() || hasWhen(e) || s.careMedical)
                return {"book_appointment", 1.0};
        }
    }
    // "mi prude tutta la pelle, dovrei farmi vedere da qualcuno", "I should get someone to look
    // at it": being seen, asked for, with nothing of another domain, is a booking.
    if (weak && !s.foreign && !s.noPatient && s.careMedical && s.bookCue && !s.cancelCue && !s.moveCue)
        return {"book_appointment", 1.0};
    // "annulla quello del 10 marzo", "disdici quello della pelle": taking off or moving "the one"
    // of a day or a kind of doctor names a booking one has, with nothing of another domain.
    if (weak && !s.foreign && (s.cancelCue || s.moveCue) && s.pronounObject &&
        (hasWhen(e) || e.specialty || named || s.medicalSubject)) {
        const auto action = frameAction(s);
        if (action == "cancel_appointment" || action == "reschedule_appointment") return {action, 1.0};
    }
    // "book me", "I want to book.", "can I make an appointment?": the bare request, nothing else.
    if ((now == IntentClassifier::kOutOfScope || now == "inform" || now == "help") && onlyBooking(text))
        return {"book_appointment", 1.0};
    // "mon 3pm?", "the 1st at 8": a bare answer at the start is a booking, as the dialogue
    // takes it ("remind me at 3pm" is not: it names another domain's object).
    // "3/7 at 11am", "before Easter if possible": a day or a time alone at the start is a booking.
    if ((now == IntentClassifier::kOutOfScope || now == "inform") && hasWhen(e) && onlyWhen(text, e.datetime))
        return {"book_appointment", 1.0};
    // "anything on the 30th?", "pencil me in for Tuesday", "next week some time, I'm flexible":
    // asking for a time with nothing of another domain in it, at the start of a conversation.
    // A question or a medical subject needs a booking word or something one books beside it.
    if (now == IntentClassifier::kOutOfScope && hasWhen(e) && s.availability && !s.foreign &&
        ((!s.medicalSubject && !s.question) || s.bookCue || s.careNoun))
        return {"book_appointment", 1.0};
    // "evening 5" is no greeting and "noon" no refusal: a day or an hour at the start is a booking.
    const bool exactWhen = e.datetime.date || e.datetime.time.exact;
    if ((now == "inform" && (named || hasWhen(e)) && !s.foreign) ||
        ((now == "deny" || now == "affirm") && exactWhen && !s.foreign) ||
        ((now == "greet" || now == "thanks") && e.datetime.time.exact && !s.foreign))
        return {"book_appointment", 1.0};
    // "do you offer acupuncture?": a question put to the practice, whatever its subject; the
    // FAQ answers it or says it does not know and offers to ask the staff.
    if (now == IntentClassifier::kOutOfScope && s.asksPractice && !(s.foreign && !s.faqCue))
        return {"faq", r.confidence};
    if (now == IntentClassifier::kOutOfScope && portalAccountQuestion(text)) return {"faq", 1.0};
    // A bare answer with nothing to answer: at idle it needs something to book by.
    if (now == "inform" && !named && !hasWhen(e) && !e.ordinal && !practiceThing && !s.medicalSubject)
        return {IntentClassifier::kOutOfScope, model.confidence};
    return r;
}

}  // namespace medassist::assistant::engine
