#pragma once
// The intent the engine acts on (issue 15): the model's label, grounded in what the message
// says. The model alone never raises the alarm, refuses as medical advice, or starts a task:
//
// - emergency: triage()'s rules, or the model's label when it is sure (0.7) and the message
//   carries a danger sign in medical terms and asks for no doctor;
// - medical_advice: triage()'s rules, or the model's label on a message with a medical subject;
// - book, cancel, move, list: the model's label when the message is about something one books
//   at a practice (a doctor, a specialist, an appointment, a visit, a jab...), or points back at
//   one ("book it", "cancel that") with nothing of another domain in it ("book a table");
// - a request the model missed ("I need to find a dentist", "help me find a doctor", "my baby
//   needs her jabs") is read as a frame: an action (book, cancel, move, list) on something
//   one books at a practice, a kind of specialist the practice lacks included.
//
// Pure and shared by the turn (assistant.cpp) and `medassist-admin nlu`, so the measure and
// the product read a message the same way.
#include "assistant/engine/entity_extractor.hpp"
#include "assistant/engine/guards.hpp"
#include "assistant/engine/intent_classifier.hpp"

namespace medassist::assistant::engine {

// The model is trusted alone for an emergency only this sure, and only with a danger sign.
inline constexpr double kModelEmergencyFloor = 0.7;
// A task with nothing of the practice in it stands when the model is this sure and nothing of
// another domain is named ("cancel", "i wnat to book a vist").
inline constexpr double kModelTaskFloor = 0.95;

// idle: no form is open. Inside a form a bare answer ("a rash on my arm", "the second") is
// the form's business, and only the safety labels are grounded.
IntentResult groundIntent(const IntentResult& model, const MessageSignals& signals, const Triage& triage,
                          const Entities& entities, bool idle, const std::string& text = {});

bool isTaskIntent(const std::string& intent);

// guard(in)'s finding, weighed against what the message is about. Prompt injection, other
// patients, an email or phone number, a record id or a date of birth are always refused. A
// name or a relative in a message about nothing the practice or anyone's contact holds ("let's
// play chess with Maria", "send flowers to my mum") is out of scope instead: that answer
// discloses nothing either, and is the one that fits.
bool refuseAsOtherPerson(const InputCheck& check, const MessageSignals& signals, const IntentResult& grounded);
// The findings refuseAsOtherPerson weighs (a name, a relative); every other one is refused at once.
bool isBareMention(const InputCheck& check);
// "vorrei prenotare per mia madre", "cancel my husband's appointment" from a patient who is no
// caregiver: a task asked for an adult relative (guard label "family"). The turn understands it
// as that task, does nothing, and says how a relative's own record is reached (a caregiver);
// anything asked about a relative (when, what, whether) is still refused as another person's.
// The task asked ("" when none): the grounded label when it is one, or the frame's when the
// message says the writer looks after the relative ("I'm her carer", "he's on my account",
// "sono il suo caregiver"), whatever the model made of the relative.
std::string relativesTask(const InputCheck& check, const MessageSignals& signals, const IntentResult& grounded,
                          const std::string& text);

}  // namespace medassist::assistant::engine
