#pragma once
// The assistant's engine, one turn at a time (DESIGN.md, "The assistant"):
//
//   message ─▶ guard(in) ─▶ triage ─▶ NLU ─▶ dialogue ─▶ actions(scoped) ─▶ reply ─▶ guard(out)
//
// Pure: it reads and changes the world only through the PatientScope it is handed for one
// turn (the signed-in patient, or the patient a caregiver acts for), and it includes nothing
// from storage/, http/ or any *_store. The conversation's state travels as an opaque string
// (stateBlob) that the caller stores encrypted under the subject's data key and hands back
// on the next turn; the engine alone knows what is inside.
//
// One Assistant is built at start-up and shared by every worker: turn() is const and keeps
// nothing of a conversation between calls (only the doctors' name matcher, public data,
// rebuilt when the scope's list of doctors changes).
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "assistant/engine/datetime_parser.hpp"
#include "assistant/engine/entity_extractor.hpp"
#include "assistant/engine/faq_index.hpp"
#include "assistant/engine/intent_classifier.hpp"
#include "assistant/engine/patient_scope.hpp"
#include "i18n/catalogs.hpp"

namespace medassist::assistant::engine {

struct AssistantSettings {
    std::string emergencyNumber = "112";  // practice.emergency_number: first in every emergency reply
    std::string practicePhone;            // practice setting "phone": for refusals inside the cutoff
    std::string practiceEmail;            // practice setting "email", when there is one
    std::string practiceName;             // practice.name: a public name the output guard lets through
    DateSettings dates;                   // numeric dates: day first (12/03 = 12 March) by default
    std::string timeZone = "Europe/Rome"; // practice setting "timezone": slots are UTC, replies say local times
    // The app's catalogs: every reply text is a msgid translated into the conversation's
    // language (language.hpp). Null: English only. Must outlive the Assistant.
    const i18n::Catalogs* catalogs = nullptr;
};

// A quick reply shown as a plain form button: the label is what the patient sees, the
// message is what the button sends as the next turn (often the same text).
struct Suggestion {
    std::string label, message;
};

// Something the turn did that the caller records in the audit log (pseudonymous: a kind and
// a label, never the text). Kinds: "refused_other_person", "prompt_injection",
// "output_redacted" (detail: what kind was removed: "email", "phone", "date_of_birth",
// "name"), "emergency", "medical_advice", "booked", "cancelled", "rescheduled",
// "staff_message".
struct TurnEvent {
    std::string kind, detail;
};

struct TurnResult {
    std::string reply;                     // plain text (the page escapes it), after the output guard
    std::string intent;                    // the label the turn was handled as
    double confidence = 0.0;               // the classifier's, 1.0 when a rule decided (triage, guards)
    std::vector<Suggestion> suggestions;   // up to a handful of quick replies
    std::string state;                     // public name of where the dialogue is now: "idle",
                                           // "book.specialty", "book.day", "book.slot", "book.reason",
                                           // "book.confirm", "cancel.which", "cancel.confirm",
                                           // "reschedule.which", "reschedule.slot", "reschedule.confirm",
                                           // "staff_message.text", "staff_message.confirm"
    std::string stateBlob;                 // store this (encrypted) and hand it back next turn
    std::string lang = "en";               // the language the reply is in
    std::vector<TurnEvent> events;
};

class Assistant {
public:
    // Throws std::invalid_argument for a time zone the system does not know.
    Assistant(const IntentClassifier& classifier, const FaqKnowledge& faq, AssistantSettings settings);

    // The greeting that opens a new conversation (no message yet), in pageLang (the reader's
    // page language); the conversation starts in it.
    TurnResult welcome(PatientScope& scope, const std::string& pageLang = "en") const;

    // One patient message. stateBlob is what the previous turn returned ("" for a new
    // conversation; an unreadable blob counts as a new one). Never throws for anything a
    // patient can type; exceptions from the scope (database down) pass through to the caller.
    // The reply is in the message's language (language.hpp); a message that does not say
    // which keeps the conversation's, and a conversation without one starts in pageLang.
    TurnResult turn(PatientScope& scope, const std::string& stateBlob, const std::string& message,
                    const std::string& pageLang = "en") const;

    const AssistantSettings& settings() const { return settings_; }

private:
    const IntentClassifier& classifier_;
    const FaqKnowledge& faq_;
    AssistantSettings settings_;
    scheduling::PracticeTime zone_;
    SpecialtyMatcher specialties_;  // the built-in vocabulary, built once (a few hundred phrases)

    // The matcher for these doctors: the last one built when the list is the same (building
    // one is a fair share of a turn's time; the list changes when admins edit it).
    std::shared_ptr<const DoctorMatcher> doctorMatcher(const std::vector<ScopeDoctor>& doctors) const;
    mutable std::mutex matcherMutex_;
    mutable std::vector<DoctorName> matcherDoctors_;
    mutable std::shared_ptr<const DoctorMatcher> matcher_;
};

}  // namespace medassist::assistant::engine
