// The dialogue's dispatch, the answers that need no form (FAQ, doctors, the patient's list,
// help, small talk) and the message for staff. Booking: dialogue_book.cpp; cancelling and
// moving: dialogue_change.cpp.
#include "assistant/engine/dialogue.hpp"
#include "assistant/engine/text/chars.hpp"

#include <string_view>

#include <set>

#include <algorithm>
#include <initializer_list>
#include <map>

namespace medassist::assistant::engine {

namespace {

// The languages a doctor speaks are typed by an admin in English ("Italian, English, Spanish");
// a reply in another language names the ones its catalog knows in that language ("italiano,
// inglese, spagnolo") and keeps any other as typed.
constexpr const char* kLanguageNames[] = {
    i18n::N_("Italian"),  i18n::N_("English"),   i18n::N_("Spanish"),    i18n::N_("French"),
    i18n::N_("German"),   i18n::N_("Portuguese"), i18n::N_("Romanian"),  i18n::N_("Arabic"),
    i18n::N_("Chinese"),  i18n::N_("Russian"),   i18n::N_("Ukrainian"),  i18n::N_("Albanian"),
    i18n::N_("Polish"),   i18n::N_("Greek"),     i18n::N_("Dutch"),      i18n::N_("Bengali"),
    i18n::N_("Tagalog"),  i18n::N_("Hindi"),     i18n::N_("Japanese"),   i18n::N_("Turkish"),
    i18n::N_("Sign language")};

std::string languageList(const ReplyLanguage& lang, const std::string& typed) {
    std::string out;
    std::size_t from = 0;
    while (from <= typed.size()) {
        std::size_t to = typed.find(',', from);
        if (to == std::string::npos) to = typed.size();
        std::string name = typed.substr(from, to - from);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty()) {
            for (const char* known : kLanguageNames)
                if (name == known) name = lang.t(known);
            if (!out.empty()) out += ", ";
            out += name;
        }
        from = to + 1;
    }
    return out;
}

bool oneOf(const std::string& words, std::initializer_list<const char*> set) {
    for (const char* s : set)
        if (words == s) return true;
    return false;
}

bool hasWord(const std::string& words, std::initializer_list<const char*> set) {
    const std::string padded = " " + words + " ";
    for (const char* s : set) {
        std::string needle = " ";
        needle += s;
        needle += ' ';
        if (padded.find(needle) != std::string::npos) return true;
    }
    return false;
}

std::size_t wordCount(const std::string& words) {
    return words.empty() ? 0 : static_cast<std::size_t>(std::count(words.begin(), words.end(), ' ')) + 1;
}

constexpr std::size_t kStaffMessageMax = 1000;

// What our buttons show and send: label, message (English msgids; both are translated).
struct Button {
    const char* label;
    const char* message;
};
constexpr Button kButtons[] = {
    {i18n::N_("Book an appointment"), i18n::N_("Book an appointment")},
    {i18n::N_("My appointments"), i18n::N_("My appointments")},
    {i18n::N_("Opening hours"), i18n::N_("What are your opening hours?")},
    {i18n::N_("Leave a message for staff"), i18n::N_("Leave a message for staff")},
    {i18n::N_("Cancel an appointment"), i18n::N_("Cancel an appointment")},
    {i18n::N_("Move an appointment"), i18n::N_("Move an appointment")},
    {i18n::N_("Book another"), i18n::N_("Book an appointment")},
    {i18n::N_("No, thanks"), i18n::N_("no thanks")},
    {i18n::N_("Send my question"), i18n::N_("send my question")},
    {i18n::N_("Yes"), i18n::N_("yes")},
    {i18n::N_("No"), i18n::N_("no")},
    {i18n::N_("Skip"), i18n::N_("skip")},
    {i18n::N_("Earliest available"), i18n::N_("as soon as possible")},
    {i18n::N_("This week"), i18n::N_("this week")},
    {i18n::N_("Next week"), i18n::N_("next week")},
    {i18n::N_("Next free times"), i18n::N_("Next free times")},
    // The seed's specialty names (the practice's data, shown as buttons when asking whom):
    // translated when the catalog knows them, understood back in English.
    {i18n::N_("General practice"), i18n::N_("General practice")},
    {i18n::N_("Pediatrics"), i18n::N_("Pediatrics")},
    {i18n::N_("Cardiology"), i18n::N_("Cardiology")},
    {i18n::N_("Dermatology"), i18n::N_("Dermatology")},
};
// Buttons that carry a doctor's name: {1} is the name.
constexpr const char* kNamedButtons[] = {i18n::N_("Book an appointment with {1}"), i18n::N_("When is {1} next free?"),
                                         i18n::N_("Who is {1}?")};

// A few everyday Italian answers the (English) understanding would miss, as the command
// they mean. Only read in an Italian conversation.
constexpr std::pair<const char*, const char*> kItalianAnswers[] = {
    {"si", "yes"}, {"sì", "yes"}, {"certo", "yes"}, {"va bene", "yes"}, {"ok va bene", "yes"},
    {"si grazie", "yes please"}, {"sì grazie", "yes please"}, {"sì certo", "yes"}, {"confermo", "confirm"},
    {"esatto", "correct"}, {"perfetto", "perfect"}, {"sì per favore", "yes please"}, {"procedi", "go ahead"},
    {"no grazie", "no thanks"}, {"lascia stare", "never mind"}, {"il prima possibile", "as soon as possible"},
    {"prima possibile", "as soon as possible"}, {"appena possibile", "as soon as possible"},
    {"questa settimana", "this week"}, {"la prossima settimana", "next week"},
    {"settimana prossima", "next week"}, {"salta", "skip"}, {"il primo", "the first one"},
    {"la prima", "the first one"}, {"il secondo", "the second one"}, {"la seconda", "the second one"},
    {"il terzo", "the third one"}, {"la terza", "the third one"}, {"aiuto", "help"},
    {"ricomincia", "start over"}, {"ricominciamo", "start over"},
};

}  // namespace

std::vector<Suggestion> menuSuggestions(const ReplyLanguage& lang) {
    std::vector<Suggestion> out;
    for (std::size_t i = 0; i < 4; ++i) out.push_back({lang.t(kButtons[i].label), lang.t(kButtons[i].message)});
    return out;
}

std::string buttonCommand(const std::string& message, const ReplyLanguage& lang) {
    if (lang.english()) return message;
    const std::string words = plainWords(message);
    if (words.empty()) return message;
    for (const auto& b : kButtons)
        if (plainWords(lang.t(b.message)) == words || plainWords(lang.t(b.label)) == words) return b.message;
    for (const char* named : kNamedButtons) {
        const std::string text = lang.t(named), english = named;
        const auto k = text.find("{1}"), e = english.find("{1}");
        if (k == std::string::npos || e == std::string::npos) continue;
        const std::string pre = text.substr(0, k), post = text.substr(k + 3);
        if (message.size() > pre.size() + post.size() && message.compare(0, pre.size(), pre) == 0 &&
            message.compare(message.size() - post.size(), post.size(), post) == 0)
            return english.substr(0, e) + message.substr(pre.size(), message.size() - pre.size() - post.size()) +
                   english.substr(e + 3);
    }
    if (lang.lang == "it")
        for (const auto& [it, en] : kItalianAnswers)
            if (words == it) return en;
    return message;
}

std::string plainWords(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\'' || c == '`') continue;
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(text[i + 2]) == 0x98 || static_cast<unsigned char>(text[i + 2]) == 0x99)) {
            i += 2;  // typographic apostrophes
            continue;
        }
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (!word) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    text::foldAccentedVowels(out);  // "più avanti" is "piu avanti", as every other reader folds it
    return out;
}

Dialogue::Dialogue(TurnWorld& world, DialogueState& state, const Understanding& u)
    : w_(world), s_(state), u_(u), before_(state) {
    intent = u.intent.intent;
    confidence = u.intent.confidence;
    command_ = command();
}

bool hasPhrase(const std::string& words, const char* phrase) {
    return (" " + words + " ").find(std::string(" ") + phrase + " ") != std::string::npos;
}

std::optional<int> listPick(const std::string& words, bool loose) {
    std::vector<std::string> ws;
    std::string w;
    for (char c : words + ' ') {
        if (c != ' ') {
            w += c;
        } else if (!w.empty()) {
            ws.push_back(std::move(w));
            w.clear();
        }
    }
    if (ws.empty() || ws.size() > 10) return std::nullopt;
    if (ws.size() <= 2 && (ws.back() == "1st" || ws.back() == "2nd" || ws.back() == "3rd") &&
        (ws.size() == 1 || ws[0] == "the"))
        return ws.back()[0] - '0';
    if (!loose) return std::nullopt;
    static const std::pair<const char*, int> kPlaces[] = {
        {"first", 1},  {"1st", 1},     {"second", 2},   {"2nd", 2},      {"third", 3},   {"3rd", 3},
        {"fourth", 4}, {"4th", 4},     {"fifth", 5},    {"5th", 5},      {"last", -1},   {"earliest", 1},
        {"soonest", 1}, {"latest", -1}, {"primo", 1},   {"prima", 1},    {"secondo", 2}, {"seconda", 2},
        {"terzo", 3},  {"terza", 3},   {"ultimo", -1},  {"ultima", -1}};
    // What may follow the place word: the thing listed, "of those", "you've got", "is good".
    static const char* kAfter[] = {"time", "slot", "one", "option", "choice", "of", "on", "you", "please", "is",
                                   "will", "works", "that", "listed", "offered", "available", "free", "thanks",
                                   "thank", "sounds", "looks", "suits", "orario", "posto", "va", "andrebbe",
                                   "disponibile", "disponibili", "libera", "libero", "che", "ce", "possibile",
                                   "proposta", "proposto", "della", "del", "in", "nella", "nel", "per", "ok",
                                   "grazie", "mi", "andra", "perfetto", "perfetta", "benissimo", "bene"};
    for (std::size_t i = 0; i < ws.size(); ++i) {
        for (const auto& [word, place] : kPlaces) {
            if (ws[i] != word) continue;
            if (i + 1 == ws.size()) return place;
            for (const char* a : kAfter)
                if (ws[i + 1] == a) return place;
        }
    }
    return std::nullopt;
}

Dialogue::Command Dialogue::command() const {
    const std::string& t = u_.words;
    if (oneOf(t, {"book an appointment", "book appointment", "new appointment", "make an appointment",
                  "book a new appointment"}))
        return Command::Book;
    if (oneOf(t, {"cancel an appointment", "cancel appointment", "cancel my appointment"})) return Command::Cancel;
    if (oneOf(t, {"move an appointment", "move appointment", "move my appointment", "reschedule an appointment",
                  "reschedule my appointment", "change an appointment"}))
        return Command::Reschedule;
    if (oneOf(t, {"my appointments", "list my appointments", "show my appointments"})) return Command::List;
    if (oneOf(t, {"leave a message for staff", "leave a message", "message the staff", "message staff"}))
        return Command::StaffMessage;
    if (oneOf(t, {"send my question", "send my question as it is", "send it as it is", "send the question"}))
        return Command::SendQuestion;
    if (oneOf(t, {"help", "menu"})) return Command::Help;
    if (oneOf(t, {"start over", "start again", "restart", "reset", "new conversation"})) return Command::Restart;
    if (oneOf(t, {"skip", "skip it", "skip that", "no reason", "none", "nothing", "rather not say",
                  "id rather not say", "prefer not to say", "i prefer not to say", "pass", "no reason thanks",
                  "n a", "na"}))
        return Command::Skip;
    // "just skip it", "skip please", "whatever, skip that bit": short and saying skip.
    if (std::count(t.begin(), t.end(), ' ') < 5 && hasPhrase(t, "skip")) return Command::Skip;
    if (oneOf(t, {"as soon as possible", "asap", "earliest", "earliest available", "the earliest", "first available",
                  "the first available", "soonest", "any day", "any time", "anytime", "whenever", "no preference",
                  "i dont mind", "dont mind", "doesnt matter", "it doesnt matter", "next available",
                  "earliest possible", "as early as possible", "first free", "any day is fine", "whenever is fine"}))
        return Command::Asap;
    // "whenever is soonest", "the earliest you have please": short, and about no appointment held
    const auto words = std::count(t.begin(), t.end(), ' ') + 1;
    if (words <= 7 && !hasPhrase(t, "cancel") && !hasPhrase(t, "move") && !hasPhrase(t, "appointment") &&
        (hasPhrase(t, "soonest") || hasPhrase(t, "earliest") || hasPhrase(t, "as soon as possible") ||
         hasPhrase(t, "first available") || hasPhrase(t, "asap") || hasPhrase(t, "next available") ||
         hasPhrase(t, "first free") || (italianAsap(t) && !hasPhrase(t, "disdire") && !hasPhrase(t, "spostare"))))
        return Command::Asap;
    return Command::None;
}

// "il primo orario disponibile", "prima possibile", "appena possibile", "la prima data libera":
// the earliest free time, said in Italian inside a longer sentence.
bool italianAsap(const std::string& words) {
    for (const char* p : {"prima possibile", "appena possibile", "primo disponibile", "prima disponibile",
                          "primo orario disponibile", "primo orario libero", "prima data disponibile",
                          "prima data libera", "primo posto libero", "primo posto disponibile", "prima disponibilita",
                          "prima disponibilità", "primo appuntamento disponibile", "primo appuntamento libero",
                          "quanto prima", "il prima possibile", "la prima che ce", "il primo che ce",
                          "la prima che c e", "il primo che c e", "la prima che avete", "il primo che avete",
                          "la prima libera", "il primo libero", "la prima che hai", "il primo che hai"})
        if (hasPhrase(words, p)) return true;
    return false;
}

bool Dialogue::yes() const {
    if (command_ != Command::None) return false;
    if (oneOf(u_.words, {"yes", "y", "yeah", "yep", "yes please", "sure", "ok", "okay", "confirm", "go ahead",
                         "please do", "do it", "book it", "correct", "thats right", "right", "fine", "perfect",
                         "sounds good", "absolutely", "of course", "alright", "all right", "yes book it",
                         "yes please book it", "yes thats fine", "send it", "yes send it", "aye", "aye go on",
                         "go on", "go on then", "yup", "yeah go on", "yes go on", "sure thing", "lovely", "grand",
                         "thats grand"}))
        return true;
    if (s_.form == Form::Cancel && oneOf(u_.words, {"cancel it", "yes cancel it", "yes cancel", "please cancel it"}))
        return true;
    if (s_.form == Form::Reschedule && oneOf(u_.words, {"move it", "yes move it", "yes move"})) return true;
    // "Sì, confermo. Grazie mille, gentilissimi", "sì, annullatela pure", "yes, thanks a lot":
    // an answer that starts with a yes and has no "no", "not" or "but" anywhere is a yes,
    // whatever it adds (the model may call the whole "thanks" or a new "cancel").
    {
        static const std::set<std::string, std::less<>> kYesFirst{
            "yes", "yeah", "yep", "yup", "aye", "sure", "ok", "okay", "confirm", "si", "sì", "certo", "certamente", "confermo",
            "perfetto", "esatto", "giusto", "daccordo", "benissimo", "ottimo"};
        static const std::set<std::string, std::less<>> kButs{"no", "not", "dont", "but", "non", "ma", "però", "pero",
                                                              "invece", "instead", "wait", "aspetta", "anzi", "nope"};
        std::vector<std::string_view> ws;
        std::string_view rest = u_.words;
        while (!rest.empty()) {
            const auto sp = rest.find(' ');
            ws.push_back(rest.substr(0, sp));
            rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
        }
        const bool startsYes = !ws.empty() && (kYesFirst.count(ws[0]) ||
                                               (ws.size() >= 2 && ws[0] == "va" && ws[1] == "bene"));
        if (startsYes && std::none_of(ws.begin(), ws.end(), [](std::string_view w) { return kButs.count(w) > 0; }))
            return true;
    }
    return u_.intent.intent == "affirm" && u_.intent.confidence >= 0.5;
}

bool Dialogue::no() const {
    if (command_ != Command::None && command_ != Command::Skip) return false;
    if (oneOf(u_.words, {"no", "n", "nope", "nah", "no thanks", "no thank you", "not really", "dont", "never mind",
                         "nevermind", "forget it", "leave it", "no dont", "no dont do it", "stop", "none",
                         "none of them", "none of these", "none of those"}))
        return true;
    // "no, keep it as it is", "leave it", "don't change anything"
    const auto words = std::count(u_.words.begin(), u_.words.end(), ' ') + 1;
    if (words <= 9)
        for (const char* p : {"keep it", "leave it", "as it is", "as is", "dont change", "dont move it",
                              "dont cancel it", "never mind", "forget it", "keep my appointment",
                              "leave my appointment", "no change", "no changes"})
            if (hasPhrase(u_.words, p)) return true;
    return u_.intent.intent == "deny" && u_.intent.confidence >= 0.5;
}

bool Dialogue::confident(const char* label, double floor) const {
    return u_.intent.intent == label && u_.intent.confidence >= floor;
}

void Dialogue::decided(const char* label) {
    if (u_.intent.intent != label) confidence = 1.0;
    intent = label;
}

void Dialogue::say(const std::string& text) {
    if (text.empty()) return;
    if (!reply.empty()) reply += "\n\n";
    reply += text;
}

void Dialogue::menu() { suggestions = menuSuggestions(w_.lang); }

void Dialogue::run() {
    s_.offer = Offer::None;  // an offer lives one turn
    s_.offerQuestion.clear();
    s_.offerSpecialty.reset();

    // Asked what the visit is for, "misurare la pressione e rinnovare le medicine che prendo" is
    // the reason, not a question for advice (a question still is: "should I stop my pills?").
    const bool reasonGiven = s_.form == Form::Book && s_.step == Step::Reason && u_.message.find('?') == std::string::npos;
    if (u_.triage.kind == TriageKind::MedicalAdvice && !reasonGiven) {
        medicalAdvice();
        if (!s_.idle()) resume();
        return;
    }
    if (s_.idle())
        handleIdle();
    else
        handleInForm();
}

void Dialogue::handleIdle() {
    switch (command_) {
        case Command::Book: decided("book_appointment"); return startBooking();
        case Command::Cancel: decided("cancel_appointment"); return startChange(Form::Cancel);
        case Command::Reschedule: decided("reschedule_appointment"); return startChange(Form::Reschedule);
        case Command::List: decided("list_appointments"); return listAppointments();
        case Command::SendQuestion:
            // "Send my question" under the offer: the press is the one confirmation.
            if (before_.offer == Offer::StaffMessage && !before_.offerQuestion.empty()) {
                decided("human_handoff");
                return sendOfferedQuestion();
            }
            [[fallthrough]];
        case Command::StaffMessage:
            decided("human_handoff");
            return startStaff(before_.offer == Offer::StaffMessage);
        case Command::Help: decided("help"); return help();
        case Command::Restart: decided("restart"); return restart();
        default: break;
    }
    if (before_.offer != Offer::None && yes()) {
        decided("affirm");
        if (before_.offer == Offer::StaffMessage) return sendOfferedQuestion();
        return startBooking();
    }
    if (before_.offer != Offer::None && no()) {
        decided("deny");
        say(t("OK. Is there anything else I can help you with?"));
        return menu();
    }
    const std::string& i = u_.intent.intent;
    const auto& e = u_.entities;
    const bool bookingWords = !e.doctors.empty() || e.specialty || e.datetime.date || e.datetime.range ||
                              e.datetime.time.exact || e.datetime.time.part != DayPart::Any;
    if (i == "book_appointment") return startBooking();
    if (i == "cancel_appointment") return startChange(Form::Cancel);
    if (i == "reschedule_appointment") return startChange(Form::Reschedule);
    if (i == "list_appointments") return listAppointments();
    if (i == "faq") return answerFaq();
    if (i == "doctor_info") return doctorInfo();
    if (i == "greet") return greet();
    if (i == "thanks") return thanks();
    if (i == "goodbye") return goodbye();
    if (i == "help") return help();
    if (i == "restart") return restart();
    if (i == "human_handoff") return startStaff(false);
    if (i == "medical_advice") return medicalAdvice();
    if (i == "emergency") {  // the model's, not trusted: the message names a doctor or a specialty
        decided("book_appointment");
        return startBooking();
    }
    // "can I come tomorrow at 10 with Dr Rossi" may read as a bare answer: with something to
    // book by, it starts a booking.
    if ((i == "inform" || i == "affirm" || i == "deny") && bookingWords) {
        decided("book_appointment");
        return startBooking();
    }
    if (i == "affirm") {
        say(t("Good. What can I do for you?"));
        return menu();
    }
    if (i == "deny") {
        say(t("OK. Is there anything else I can help you with?"));
        return menu();
    }
    if (i == "inform") return notUnderstood();
    outOfScope();
}

void Dialogue::handleInForm() {
    if (command_ == Command::Restart || (command_ == Command::None && confident("restart", 0.5))) {
        decided("restart");
        return restart();
    }
    // "aye go on" at a question is a yes, whatever the model makes of "go".
    if (s_.step != Step::Text && confident("goodbye", 0.8) && !yes()) return goodbye();
    if (switchForm()) return;
    switch (s_.form) {
        case Form::Book: return bookStep();
        case Form::Cancel:
        case Form::Reschedule: return changeStep();
        case Form::StaffMessage: return staffStep();
        case Form::None: break;
    }
    handleIdle();
}

bool Dialogue::switchForm() {
    Form target = Form::None;
    bool byCommand = true;
    switch (command_) {
        case Command::Book: target = Form::Book; break;
        case Command::Cancel: target = Form::Cancel; break;
        case Command::Reschedule: target = Form::Reschedule; break;
        case Command::StaffMessage: target = Form::StaffMessage; break;
        default: byCommand = false; break;
    }
    if (!byCommand) {
        // The patient's free text is the answer in these steps, whatever it sounds like; and
        // "just skip it" answers the question asked, whatever label the model gives it.
        if (s_.step == Step::Text || command_ == Command::Skip) return false;
        // The visit's reason is free text: "follow-up from my visit on the 5th" describes the
        // visit; only a word that takes an appointment off or moves it leaves the booking.
        // "I have a mole that change the colour" changes no appointment: the word must bear on one.
        if (s_.step == Step::Reason &&
            !((u_.signals.cancelCue || u_.signals.moveCue) &&
              (u_.signals.practiceData || u_.signals.changeCue || u_.signals.pronounObject)))
            return false;
        const double floor = s_.step == Step::Reason ? 0.9 : 0.8;
        const auto& e = u_.entities;
        // "la più tardi" while times are on show picks the last of them ("più tardi" also
        // moves appointments, in longer sentences).
        if (s_.step == Step::Slot && !s_.offers.empty() && e.ordinal &&
            std::count(u_.words.begin(), u_.words.end(), ' ') < 4)
            return false;
        const bool when = !e.datetime.empty();
        if (confident("cancel_appointment", floor))
            target = Form::Cancel;
        else if (confident("reschedule_appointment", floor))
            target = Form::Reschedule;
        else if (confident("human_handoff", floor))
            target = Form::StaffMessage;
        else if (confident("book_appointment", floor))
            target = Form::Book;
        // "can we do Thursday instead" while booking is a correction, not a move of some
        // other appointment; "can I come on Friday instead" while moving one, the same.
        if (target == Form::Reschedule && s_.form == Form::Book && when && !e.datetime.referenceWeekday)
            target = Form::None;
        if (target == Form::Book && s_.form == Form::Reschedule && e.doctors.empty() && !e.specialty)
            target = Form::None;
        // Leaving a form to take an appointment off or move one needs a word that says so: "the
        // last one on the list" while choosing a time is a pick, whatever the model reads in it.
        const auto& sig = u_.signals;
        if (target == Form::Cancel && !sig.cancelCue && !sig.changeCue) target = Form::None;
        if (target == Form::Reschedule && !sig.moveCue && !sig.changeCue && !sig.cancelCue) target = Form::None;
    }
    if (target == Form::None || target == s_.form) return false;
    if ((s_.form == Form::Cancel || s_.form == Form::Reschedule) &&
        (target == Form::Cancel || target == Form::Reschedule) && s_.appointment)
        carried_ = s_.appointment;
    s_.clearForm();
    switch (target) {
        case Form::Book: decided("book_appointment"); startBooking(); break;
        case Form::Cancel: decided("cancel_appointment"); startChange(Form::Cancel); break;
        case Form::Reschedule: decided("reschedule_appointment"); startChange(Form::Reschedule); break;
        case Form::StaffMessage: decided("human_handoff"); startStaff(false); break;
        case Form::None: break;
    }
    return true;
}

bool Dialogue::answerSideQuestion() {
    if (command_ == Command::List || confident("list_appointments")) {
        decided("list_appointments");
        listAppointments();
    } else if (command_ == Command::Help || confident("help")) {
        decided("help");
        help();
    } else if (confident("faq") || (!s_.idle() && practiceQuestion())) {
        answerFaq();
    } else if (confident("doctor_info")) {
        doctorInfo();
    } else if (confident("greet")) {
        greet();
    } else if (confident("thanks")) {
        thanks();
    } else if (confident("medical_advice")) {
        medicalAdvice();
    } else if (confident("out_of_scope", 0.5) && u_.entities.doctors.empty() && !u_.entities.specialty &&
               u_.entities.datetime.empty()) {
        outOfScope();
    } else {
        return false;
    }
    return true;
}

bool Dialogue::asksAvailability() const {
    return hasWord(u_.words, {"free", "available", "availability", "slot", "slots", "opening", "openings", "earliest",
                              "next", "when", "soonest",
                              // Italian: "quando è libera la dottoressa Rossi?", "ha posto giovedì?"
                              "libero", "libera", "liberi", "libere", "disponibile", "disponibili", "disponibilita",
                              "posto", "posti", "quando", "prossimo", "prossima", "primo"});
}

bool Dialogue::practiceQuestion() const {
    if (u_.message.find('?') == std::string::npos) return false;
    const auto& sig = u_.signals;
    if (!(sig.asksPractice || sig.faqCue || sig.practiceHow || u_.intent.intent == "faq")) return false;
    return w_.faq.best(u_.message, w_.lang.lang).has_value();
}

bool Dialogue::sideQuestionFirst() const {
    if (command_ == Command::List || command_ == Command::Help) return true;
    if (command_ != Command::None) return false;
    // Times on show: "la prima dopo le quattro", "di pomeriggio se c'è" answer them, whatever
    // the model makes of so few words.
    if (s_.step == Step::Slot && !s_.offers.empty() && u_.message.find('?') == std::string::npos &&
        (u_.entities.ordinal ||
         (!u_.entities.datetime.empty() && std::count(u_.words.begin(), u_.words.end(), ' ') < 6)))
        return false;
    return confident("faq", 0.8) || practiceQuestion() || confident("list_appointments", 0.8) || confident("help", 0.8) ||
           (confident("doctor_info", 0.8) && !asksAvailability() && u_.entities.datetime.empty());
}

void Dialogue::digress() {
    if (!answerSideQuestion()) return notUnderstood();
    resume();
}

void Dialogue::notUnderstood() {
    if (s_.idle()) {
        say(t("Sorry, I didn't understand that. I can book, cancel or move appointments, tell you about our doctors "
              "and answer questions about the practice."));
        return menu();
    }
    say(t("Sorry, I didn't catch that."));
    prompt();
}

void Dialogue::resume() {
    if (s_.idle()) return;
    const std::string before = reply;
    reply.clear();
    suggestions.clear();
    prompt();
    std::string text = s_.form == Form::Book         ? tf("Now, back to your booking: {1}", {reply})
                       : s_.form == Form::Cancel     ? tf("Now, back to your cancellation: {1}", {reply})
                       : s_.form == Form::Reschedule ? tf("Now, back to your change of appointment: {1}", {reply})
                                                     : tf("Now, back to your message for the staff: {1}", {reply});
    reply = before;
    say(text);
}

void Dialogue::prompt() {
    switch (s_.form) {
        case Form::Book:
            switch (s_.step) {
                case Step::Who: return promptWho();
                case Step::Day: return promptDay();
                case Step::Slot: return promptSlot();
                case Step::Reason: return promptReason();
                default: return promptConfirmBooking();
            }
        case Form::Cancel:
        case Form::Reschedule:
            if (s_.step == Step::Which) return promptWhich();
            if (s_.step == Step::Slot) return promptSlot();
            return promptConfirmChange();
        case Form::StaffMessage:
            if (s_.step == Step::Text) {
                say(t("What would you like me to tell the practice staff?"));
                if (!s_.staffText.empty()) suggestions = {{t("Send my question"), t("send my question")}};
            } else {
                say(t("Shall I send your message to the practice staff?"));
                suggestions = {{t("Yes"), t("yes")}, {t("No"), t("no")}};
            }
            return;
        case Form::None: break;
    }
}

void Dialogue::greet() {
    decided("greet");
    if (w_.voice.caregiver)
        say(tf("Hello! How can I help with {1}'s appointments today?", {w_.voice.name}));
    else
        say(tf("Hello {1}! How can I help you today?", {w_.voice.name}));
    if (s_.idle()) menu();
}

void Dialogue::thanks() {
    decided("thanks");
    say(s_.idle() ? t("You're welcome! Is there anything else I can help you with?") : t("You're welcome!"));
    if (s_.idle()) menu();
}

void Dialogue::goodbye() {
    decided("goodbye");
    s_.clearForm();
    say(t("Goodbye, and take care!"));
}

void Dialogue::help() {
    std::string text = t("I can help you with:");
    text += "\n- ";
    text += t("booking an appointment (for example \"I need to see a dermatologist next week, mornings if possible\")");
    text += "\n- ";
    text += w_.voice.caregiver ? tf("cancelling or moving {1}'s appointments, and listing them", {w_.voice.name})
                               : t("cancelling or moving your appointments, and listing them");
    text += "\n- ";
    text += t("questions about the practice: opening hours, parking, prescriptions, test results...");
    text += "\n- ";
    text += t("our doctors and when they are next free");
    text += "\n- ";
    text += t("passing a message to the practice staff");
    text += '\n';
    text += tf("I can't give medical advice. In an emergency, call {1}.", {w_.settings.emergencyNumber});
    say(text);
    if (s_.idle()) menu();
}

void Dialogue::restart() {
    s_.clearForm();
    say(t("OK, let's start over. What would you like to do?"));
    menu();
}

void Dialogue::outOfScope() {
    decided("out_of_scope");
    say(t("I'm sorry, I can only help with appointments and questions about the practice."));
    if (s_.idle()) menu();
}

void Dialogue::medicalAdvice() {
    decided("medical_advice");
    say(medicalAdviceReply(w_.lang));
    events.push_back({"medical_advice", u_.triage.kind == TriageKind::MedicalAdvice ? u_.triage.label : "model"});
    if (!s_.idle()) return;
    s_.offer = Offer::Book;
    if (u_.entities.specialty)
        s_.offerSpecialty = u_.entities.specialty;
    else if (u_.entities.specialtyHint)
        s_.offerSpecialty = u_.entities.specialtyHint;
    suggestions = {{t("Book an appointment"), t("Book an appointment")}, {t("No, thanks"), t("no thanks")}};
}

void Dialogue::answerFaq() {
    decided("faq");
    // Every language's versions are searched; the one that explains the question best answers.
    if (const auto hit = w_.faq.best(u_.message, w_.lang.lang)) {
        say(hit->answer);
        if (s_.idle()) menu();
        return;
    }
    // "medico di base il 13 verso sera, ce l'avete?": no question the practice's answers know,
    // but a kind of doctor (or a doctor) and a time: when they are free.
    const auto& e = u_.entities;
    if (s_.idle() && (e.specialty || !e.doctors.empty()) && !e.datetime.empty()) {
        if (!e.doctors.empty()) return doctorInfo();
        return startBooking();
    }
    if (!s_.idle()) {
        say(t("I'm sorry, I don't know the answer to that. The practice staff can help: you can leave them a message "
              "once we're done here."));
        return;
    }
    say(t("I'm sorry, I don't know the answer to that. Shall I send your question to the practice staff? They can "
          "help."));
    s_.offer = Offer::StaffMessage;
    s_.offerQuestion = cleanText(u_.message, kStaffMessageMax);
    suggestions = {{t("Send my question"), t("send my question")},
                   {t("Leave a message for staff"), t("Leave a message for staff")},
                   {t("No, thanks"), t("no thanks")}};
}

void Dialogue::doctorInfo() {
    decided("doctor_info");
    const auto& e = u_.entities;
    const bool availability = asksAvailability() || !e.datetime.empty();
    if (!e.doctors.empty()) {
        std::vector<const ScopeDoctor*> found;
        for (auto id : e.doctors.back().doctorIds)
            if (const auto* d = doctor(id)) found.push_back(d);
        if (found.size() > 1) {
            std::string text = tf("We have {1} doctors with that name:", {std::to_string(found.size())});
            for (const auto* d : found) {
                text += "\n- " + d->name;
                text += " (" + w_.lang.t(d->specialtyName.c_str()) + ")";
                suggestions.push_back({d->name, availability ? tf("When is {1} next free?", {d->name})
                                                             : tf("Who is {1}?", {d->name})});
            }
            text += '\n';
            text += t("Which one do you mean?");
            say(text);
            return;
        }
        if (found.size() == 1) {
            const ScopeDoctor& d = *found[0];
            if (availability && s_.idle()) {
                s_.clearForm();
                s_.form = Form::Book;
                s_.doctorId = d.id;
                s_.specialty = d.specialtySlug;
                if (applyWishes(false) == Wish::Past) {
                    say(t("That day has already passed."));
                    s_.from.reset();
                    s_.to.reset();
                }
                return searchAndOffer({});
            }
            std::string text =
                tf("{1} is one of our {2}.", {d.name, specialistsNoun(w_.lang, d.specialtySlug, d.specialtyName)});
            if (!d.languages.empty()) text += ' ' + tf("Languages: {1}.", {languageList(w_.lang, d.languages)});
            say(text);
            if (s_.idle())
                suggestions = {{tf("Book with {1}", {d.name}), tf("Book an appointment with {1}", {d.name})},
                               {t("Next free times"), tf("When is {1} next free?", {d.name})}};
            return;
        }
    }
    if (e.specialty) {
        std::vector<const ScopeDoctor*> found;
        for (const auto& d : w_.doctors)
            if (d.specialtySlug == *e.specialty) found.push_back(&d);
        if (found.empty()) {
            say(tf("We don't have {1} at the practice at the moment.",
                   {specialistsNoun(w_.lang, *e.specialty, *e.specialty)}));
            if (s_.idle()) menu();
            return;
        }
        if (availability && s_.idle()) {
            s_.clearForm();
            s_.form = Form::Book;
            s_.specialty = *e.specialty;
            if (applyWishes(false) == Wish::Past) {
                s_.from.reset();
                s_.to.reset();
            }
            return searchAndOffer({});
        }
        std::string names;
        for (std::size_t i = 0; i < found.size(); ++i) {
            if (i > 0) names += i + 1 == found.size() ? ' ' + t("and") + ' ' : std::string(", ");
            names += found[i]->name;
            if (s_.idle() && suggestions.size() < 3)
                suggestions.push_back(
                    {tf("Book with {1}", {found[i]->name}), tf("Book an appointment with {1}", {found[i]->name})});
        }
        const std::string kind = specialistsNoun(w_.lang, found[0]->specialtySlug, found[0]->specialtyName);
        say(found.size() == 1 ? tf("Our {1} is {2}.", {kind, names}) : tf("Our {1} are {2}.", {kind, names}));
        return;
    }
    // All of them, by specialty, in the order the scope lists them.
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> bySpecialty;
    for (const auto& d : w_.doctors) {
        const std::string specialty = w_.lang.t(d.specialtyName.c_str());
        if (!bySpecialty.count(specialty)) order.push_back(specialty);
        bySpecialty[specialty].push_back(d.name);
    }
    std::string text = t("Our doctors:");
    for (const auto& name : order) {
        text += "\n- " + name + ": ";
        const auto& names = bySpecialty[name];
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (i > 0) text += ", ";
            text += names[i];
        }
    }
    say(text);
    if (s_.idle()) menu();
}

void Dialogue::listAppointments() {
    decided("list_appointments");
    auto all = w_.scope.upcoming();
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    const bool idle = s_.idle();
    if (all.empty()) {
        say(w_.voice.caregiver ? tf("{1} has no upcoming appointments.", {w_.voice.name})
                               : t("You have no upcoming appointments."));
        if (idle) {
            say(t("Would you like to book one?"));
            s_.offer = Offer::Book;
            suggestions = {{t("Book an appointment"), t("Book an appointment")}};
        }
        return;
    }
    const auto line = [&](const ScopeAppointment& a) {
        std::string out = slotLine(w_.lang, w_.zone, a.start, a.doctorName, w_.clock.today);
        if (!a.specialtyName.empty()) out += " (" + w_.lang.t(a.specialtyName.c_str()) + ")";
        return out;
    };
    if (hasWord(u_.words, {"next", "soonest"}) && !hasWord(u_.words, {"appointments", "all"})) {
        std::string text = w_.voice.caregiver ? tf("{1}'s next appointment is on {2}.", {w_.voice.name, line(all[0])})
                                              : tf("Your next appointment is on {1}.", {line(all[0])});
        if (all.size() > 1) {
            const auto n = static_cast<long long>(all.size() - 1);
            const std::string more = std::to_string(n);
            text += ' ';
            text += w_.voice.caregiver
                        ? tn("{1} has {2} more after that.", "{1} has {2} more after that.", n, {w_.voice.name, more})
                        : tn("You have {1} more after that.", "You have {1} more after that.", n, {more});
        }
        say(text);
    } else {
        std::string text = w_.voice.caregiver ? tf("{1}'s upcoming appointments:", {w_.voice.name})
                                              : t("Your upcoming appointments:");
        int n = 0;
        for (const auto& a : all) text += numberedLine(++n, line(a));
        say(text);
    }
    if (idle)
        suggestions = {{t("Cancel an appointment"), t("Cancel an appointment")},
                       {t("Move an appointment"), t("Move an appointment")},
                       {t("Book an appointment"), t("Book an appointment")}};
}

std::string Dialogue::openingNow() const {
    const ScopeOpening o = w_.scope.opening();
    if (!o.known) return {};
    if (o.open) return tf("The practice is open now, until {1}.", {clockTime(w_.zone.minuteOfDay(o.until))});
    if (o.next == 0) return t("The practice is closed now.");
    const LocalDate on = w_.zone.dateOf(o.next);
    const std::string at = clockTime(w_.zone.minuteOfDay(o.next));
    if (on == w_.clock.today) return tf("The practice is closed now. It opens again today at {1}.", {at});
    if (on == addDays(w_.clock.today, 1)) return tf("The practice is closed now. It opens again tomorrow at {1}.", {at});
    return tf("The practice is closed now. It opens again on {1} at {2}.", {day(on), at});
}

std::string Dialogue::reachPractice() const {
    std::string text = w_.settings.practicePhone.empty() ? t("Please call the practice.")
                                                         : tf("Please call the practice at {1}.", {w_.settings.practicePhone});
    if (const auto open = openingNow(); !open.empty()) {
        text += ' ';
        text += open;
    }
    return text;
}

bool Dialogue::bookingLimitReached() {
    const ScopeRules rules = w_.scope.rules();
    int future = 0;
    for (const auto& a : w_.scope.upcoming())
        if (a.start > w_.clock.now) ++future;
    if (future < rules.maxFutureBookings) return false;
    const int most = rules.maxFutureBookings;
    const std::string n = std::to_string(most);
    std::string text;
    if (!w_.voice.caregiver)
        text = tn("You already have {1} upcoming appointment, the most that can be booked at once.",
                  "You already have {1} upcoming appointments, the most that can be booked at once.", most, {n});
    else if (w_.voice.name.empty())
        text = tn("This patient already has {1} upcoming appointment, the most that can be booked at once.",
                  "This patient already has {1} upcoming appointments, the most that can be booked at once.", most, {n});
    else
        text = tn("{1} already has {2} upcoming appointment, the most that can be booked at once.",
                  "{1} already has {2} upcoming appointments, the most that can be booked at once.", most,
                  {w_.voice.name, n});
    text += ' ';
    text += w_.settings.practicePhone.empty()
                ? tn("To book another, cancel or move it first (I can help with that), or call the practice.",
                     "To book another, cancel or move one of them first (I can help with that), or call the practice.",
                     most, {})
                : tn("To book another, cancel or move it first (I can help with that), or call the practice at {1}.",
                     "To book another, cancel or move one of them first (I can help with that), or call the practice "
                     "at {1}.",
                     most, {w_.settings.practicePhone});
    s_.clearForm();
    say(text);
    suggestions = {{t("My appointments"), t("My appointments")},
                   {t("Cancel an appointment"), t("Cancel an appointment")},
                   {t("Move an appointment"), t("Move an appointment")}};
    return true;
}

void Dialogue::startStaff(bool fromOffer) {
    decided("human_handoff");
    s_.clearForm();
    s_.form = Form::StaffMessage;
    s_.step = Step::Text;
    std::string text;
    if (fromOffer && !before_.offerQuestion.empty()) {
        s_.staffText = before_.offerQuestion;
        text = t("Of course. What would you like me to tell the practice staff? I can also send them your question "
                 "as it is.");
        suggestions = {{t("Send my question"), t("send my question")}};
    } else {
        text = t("I can pass a message to the practice staff. What would you like to tell them?");
    }
    text += ' ';
    text += w_.settings.practicePhone.empty()
                ? tf("For anything urgent, please call the practice; in an emergency, call {1}.",
                     {w_.settings.emergencyNumber})
                : tf("For anything urgent, please call the practice at {1}; in an emergency, call {2}.",
                     {w_.settings.practicePhone, w_.settings.emergencyNumber});
    say(text);
}

void Dialogue::staffStep() {
    if (s_.step == Step::Text) {
        if (command_ == Command::SendQuestion || (yes() && !s_.staffText.empty())) {
            if (s_.staffText.empty()) {
                say(t("Please type the message you would like me to pass on."));
                return;
            }
            // Their own question, chosen with a button: that choice is the confirmation.
            decided("affirm");
            return sendStaffMessage();
        }
        if (no() && wordCount(u_.words) <= 3) {
            decided("deny");
            s_.clearForm();
            say(t("OK, I haven't sent anything."));
            return menu();
        }
        std::string text = cleanText(u_.message, kStaffMessageMax);
        if (text.empty() || u_.words.empty()) {
            say(t("Please type the message you would like me to pass on."));
            return;
        }
        decided("inform");
        s_.staffText = std::move(text);
        s_.step = Step::Confirm;
        return prompt();
    }
    if (yes()) {
        decided("affirm");
        return sendStaffMessage();
    }
    if (no()) {
        decided("deny");
        s_.clearForm();
        say(t("OK, I haven't sent anything."));
        return menu();
    }
    if (answerSideQuestion()) return resume();
    say(t("Please answer yes or no."));
    prompt();
}

void Dialogue::sendOfferedQuestion() {
    s_.clearForm();
    s_.staffText = before_.offerQuestion;
    sendStaffMessage();
}

void Dialogue::sendStaffMessage() {
    w_.scope.leaveMessageForStaff(s_.staffText);
    s_.clearForm();
    events.push_back({"staff_message", ""});
    say(t("I've passed your message to the practice staff. They will get back to you as soon as they can."));
    menu();
}

}  // namespace medassist::assistant::engine
