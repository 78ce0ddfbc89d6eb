#pragma once
// The dialogue part of one turn (assistant.cpp runs the guards, triage and NLU around it):
// given what the message says and where the conversation stands, decide what to do, do it
// through the scope, and write the reply. Internal to the engine.
//
// The forms (slot filling, one question at a time, a confirmation before every write):
//   book        who (specialty or doctor) -> day (or "earliest") -> slot -> reason -> confirm
//   cancel      which (when the reference fits several) -> confirm
//   reschedule  which -> slot (same doctor) -> confirm
//   staff       text -> confirm
// Inside a form a message may fill the step, correct an earlier answer ("no, Friday
// instead"), start another form, or be a digression (a question about the practice, the
// doctors, the patient's appointments, help): the digression is answered and the reply
// resumes the form with its pending question.
//
// Split by form: dialogue.cpp (dispatch, questions, staff messages), dialogue_book.cpp
// (booking and the slot search rescheduling shares), dialogue_change.cpp (cancel,
// reschedule).
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "assistant/engine/assistant.hpp"
#include "assistant/engine/dialogue_state.hpp"
#include "assistant/engine/entity_extractor.hpp"
#include "assistant/engine/guards.hpp"
#include "assistant/engine/language.hpp"
#include "assistant/engine/replies.hpp"

namespace medassist::assistant::engine {

using scheduling::addDays;
using scheduling::isoWeekday;

// What the turn may read, gathered once per turn.
struct TurnWorld {
    PatientScope& scope;
    const AssistantSettings& settings;
    const scheduling::PracticeTime& zone;
    const FaqKnowledge& faq;
    Clock clock;
    const std::vector<ScopeDoctor>& doctors;
    const DoctorMatcher& doctorMatcher;
    const SpecialtyMatcher& specialtyMatcher;
    Voice voice;
    ReplyLanguage lang;  // the turn's language: every text of the reply goes through it
};

// The usual quick replies (labels and messages in lang).
std::vector<Suggestion> menuSuggestions(const ReplyLanguage& lang);
// A message a button of ours sent in lang's words, as the English command it stands for
// ("Prenota una visita" -> "Book an appointment", "sì" -> "yes"); any other message as it is.
std::string buttonCommand(const std::string& message, const ReplyLanguage& lang);
// The earliest free time asked for in Italian ("il primo orario disponibile", "prima possibile").
bool italianAsap(const std::string& words);

// What the message says.
struct Understanding {
    std::string message;
    std::string words;  // lower-case ASCII letters and digits, one space between words ("don't" -> "dont")
    IntentResult intent;
    Entities entities;
    Triage triage;
    MessageSignals signals;  // what the message is about (guards.hpp)
};

// The same reading of words, for the rule-made commands (suggestion buttons, "skip", ...).
std::string plainWords(const std::string& text);
// Whether plainWords text holds the phrase as whole words ("keep it" in "no keep it as is").
bool hasPhrase(const std::string& words, const char* phrase);
// Which of the listed times or appointments a short answer picks when the entity extractor
// found no ordinal: "1st", "the first time is good", "the second slot", "the earliest of
// those", "the last one on the list" (1-based; -1 for the last). Only for a list on screen;
// with loose false only "1st", "the 2nd" (a whole message that may also name a day or a doctor).
std::optional<int> listPick(const std::string& words, bool loose = true);

// "don't touch my cardiology appointment, but cancel the other one", "Dr Rossi - the cardiologist,
// not the GP": the clause that names what to leave out, and the message without it
// (dialogue_change.cpp).
struct Exclusion {
    std::string kept, rest;
};
std::optional<Exclusion> splitExclusion(const std::string& message);
// "... anzi no, intendevo la dermatologa", "Thursday - no wait, Friday": the text after the last
// correction marker, if any; `before` (when given) gets what came before the marker.
std::optional<std::string> afterCorrection(const std::string& message, std::string* before = nullptr);

class Dialogue {
public:
    Dialogue(TurnWorld& world, DialogueState& state, const Understanding& u);

    void run();

    std::string reply;
    std::vector<Suggestion> suggestions;
    std::vector<TurnEvent> events;
    std::string intent;
    double confidence = 0.0;

private:
    enum class Command {
        None, Book, Cancel, Reschedule, List, StaffMessage, SendQuestion, Help, Restart, Skip, Asap
    };
    enum class Wish { Nothing, Applied, Past };

    // dialogue.cpp: dispatch and the answers that need no form.
    Command command() const;
    bool yes() const;
    // The message names a doctor or a kind of doctor that is not the pending appointment's.
    bool namesAnotherAppointment() const;
    // The entities of part of the message, read as the turn's own were (today, the doctors).
    Entities reread(const std::string& text) const;
    // "don't touch the cardiology one", "not this week's": drops from pool the appointments the
    // excluded clause names and returns the rest of the message (nullopt when none is named).
    std::optional<std::string> leaveOutKept(std::vector<ScopeAppointment>& pool, const std::string& message) const;
    bool no() const;
    bool confident(const char* label, double floor = 0.6) const;
    void decided(const char* label);  // intent as handled, 1.0 unless the model said the same
    void handleIdle();
    void handleInForm();
    bool switchForm();  // another form's request inside a form: start it instead
    void digress();     // answer a side question, then resume the form
    bool answerSideQuestion();
    bool sideQuestionFirst() const;  // a question that is clearly not an answer to the step
    bool asksAvailability() const;   // "when is ... free", "next available", "openings"
    // A question about the practice the FAQ answers, asked inside a form whatever label the
    // model gives it ("wait, what's your address exactly?", "ma prima, quanto costa una visita privata?").
    bool practiceQuestion() const;

    void notUnderstood();
    // The reply's words (language.hpp): English msgids, translated; literals only.
    std::string t(const char* msgid) const { return w_.lang.t(msgid); }
    std::string tf(const char* msgid, std::initializer_list<std::string> args) const { return w_.lang.tf(msgid, args); }
    std::string tn(const char* one, const char* other, long long n, std::initializer_list<std::string> args) const {
        return w_.lang.tn(one, other, n, args);
    }
    std::string day(const LocalDate& d) const { return longDay(w_.lang, d, w_.clock.today); }
    std::string dayTime(std::int64_t start) const { return dayAndTime(w_.lang, w_.zone, start, w_.clock.today); }
    void say(const std::string& text);  // a paragraph of the reply
    void menu();                        // the usual suggestions
    void resume();                      // "Now, back to your booking: ..." and the step's buttons
    void prompt();                      // the current step's question and buttons
    void greet();
    void thanks();
    void goodbye();
    void help();
    void restart();
    void outOfScope();
    void medicalAdvice();
    void answerFaq();
    void doctorInfo();
    void listAppointments();
    // "Please call the practice at …" and whether it is open now (issue 22).
    std::string reachPractice() const;
    std::string openingNow() const;
    // Whether the subject holds as many upcoming bookings as the practice allows: then says
    // so (before any question about the booking) and returns true.
    bool bookingLimitReached();
    void startStaff(bool fromOffer);
    void staffStep();
    void sendStaffMessage();
    void sendOfferedQuestion();  // the question the "I don't know" offer kept, sent as it is

    // dialogue_book.cpp
    void startBooking();
    void bookStep();
    Wish applyWishes(bool doctorsToo);
    Wish applyDayTime(const DateTimeEntities& dt);
    bool applyDoctor();
    bool pickDoctorChoice();
    void advanceBooking(const std::string& lead = {});
    void searchAndOffer(const std::string& lead);
    bool pickOffer();
    void askReason();
    void takeReason();
    void askConfirmBooking();
    void book();
    void promptWho();
    void promptDay();
    void promptSlot(const std::string& intro = {});  // the offers, numbered, under intro
    void promptReason();
    void promptConfirmBooking();
    void offerSlots(const std::vector<ScopeSlot>& slots);
    std::string whoText() const;  // "with Dr. Giulia Rossi", "with a dermatologist"
    const ScopeDoctor* doctor(std::int64_t id) const;
    std::string doctorName(std::int64_t id) const;
    std::string heldSlotLine(const HeldSlot& s) const;
    // A free time at that minute on the one day the open offers are for (nullopt if several days).
    std::optional<HeldSlot> freeAtOfferedDay(int minute, const std::vector<std::int64_t>& doctorIds) const;
    // A number said alone in the slot step that is no place in the list ("11", "le 11"): that
    // hour on the offered day, when it is free.
    std::optional<HeldSlot> hourOfBareNumber() const;
    // The offer in s_.chosen is taken: the move's confirmation, or the booking's reason or
    // confirmation.
    void offerTaken();
    // "the first afternoon slot" just answered with new times: the place-th of them is taken
    // (nothing when there is no such place).
    void takeOfferAt(std::optional<int> place);
    // The day of a message with a correction ("Thursday - no wait, Friday"): the first day said
    // after it, in a clause that is not about a day that does not suit; else all of it.
    DateTimeEntities correctedDay(const DateTimeEntities& all) const;
    bool fitsTime(std::int64_t start, const TimeConstraint& time) const;
    bool hasDayWish() const;
    bool hasTimeWish() const;

    // dialogue_change.cpp
    void startChange(Form form);
    void changeStep();
    // The appointments a reference fits ("with Dr. Rossi", "Thursday's", "the one on the 13th",
    // "my next one"); narrowed says whether the reference named anything at all. With
    // whenToo, a range and a time of day narrow too (cancel); when moving they are the
    // new time wished for.
    std::vector<ScopeAppointment> resolveAppointments(const std::vector<ScopeAppointment>& all,
                                                      const Entities& reference, const std::string& referenceWords,
                                                      bool whenToo, bool* narrowed) const;
    void chooseAppointment(const std::vector<ScopeAppointment>& matches, bool ask);  // ask even for one
    void appointmentChosen(const ScopeAppointment& a);
    void relay(const ScopeChange& change, const std::string& fallback);
    void promptWhich();
    void promptConfirmChange();
    void cancelAppointment();
    void rescheduleAppointment();
    std::string appointmentLine(const HeldAppointment& a) const;

    TurnWorld& w_;
    DialogueState& s_;
    const Understanding& u_;
    DialogueState before_;  // the state as the turn found it
    Command command_ = Command::None;
    // The appointment a cancel or move was about when the patient turns it into the other
    // ("sì, la annulli pure" while moving it): the new form starts with it unless the message
    // names another.
    std::optional<HeldAppointment> carried_;
};

}  // namespace medassist::assistant::engine
