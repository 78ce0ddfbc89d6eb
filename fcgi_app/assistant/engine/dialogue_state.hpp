#pragma once
// Where one conversation stands between two turns, and its JSON form (the stateBlob the
// caller stores encrypted and hands back; written and read by hand, see the .cpp). Small on purpose: ids, instants, dates and the
// two texts the patient asked us to keep (a visit reason, a message for staff), never a
// doctor's or the patient's name (those are looked up again through the scope).
//
// Layout (every key optional but "v"; absent = empty):
//   {"v":1,                              format version: any other value is a new conversation
//    "f":"book"|"cancel"|"reschedule"|"staff",  the open form
//    "s":"who"|"day"|"slot"|"reason"|"confirm"|"which"|"text",  its step
//    "doc":12, "docs":[1,12],            chosen doctor; doctors a mention fitted equally
//    "sp":"dermatology",                 specialty slug
//    "from":"2026-03-09","to":"2026-03-15",  days to search (inclusive)
//    "wd":2,                             only this ISO weekday within them
//    "t":{"x":570,"a":540,"b":720,"p":"morning"},  time wishes (minutes of the local day)
//    "o":[[doctorId,start,end],...],     the slots offered, in the order shown (UTC epoch s)
//    "c":[doctorId,start,end],           the slot picked
//    "r":"mole check","rg":1,            the visit reason; whether it was asked already
//    "ap":[id,doctorId,start],           the appointment to cancel or move
//    "aps":[[id,doctorId,start],...],    the appointments offered to choose from
//    "all":1,                            cancel all of "aps" ("cancel both of them")
//    "m":"...",                          the message for staff
//    "po":"book"|"staff","pq":"...","ps":"cardiology",  an offer made in the last reply
//                                        (lives one turn): what "yes" starts, the question
//                                        that was not answered, a suggested specialty
//    "l":"it"}                           the conversation's language (absent in blobs written
//                                        before it existed: the page's language then)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assistant/engine/datetime_parser.hpp"

namespace medassist::assistant::engine {

enum class Form { None, Book, Cancel, Reschedule, StaffMessage };
enum class Step { None, Who, Day, Slot, Reason, Confirm, Which, Text };
enum class Offer { None, Book, StaffMessage };

struct HeldSlot {
    std::int64_t doctorId = 0, start = 0, end = 0;
    bool operator==(const HeldSlot&) const = default;
};

struct HeldAppointment {
    std::int64_t id = 0, doctorId = 0, start = 0;
    bool operator==(const HeldAppointment&) const = default;
};

struct DialogueState {
    Form form = Form::None;
    Step step = Step::None;

    // Book and reschedule: whom and when.
    std::optional<std::int64_t> doctorId;
    std::vector<std::int64_t> doctorChoices;
    std::optional<std::string> specialty;
    // The kind of doctor the last "which kind?" question suggested ("for that, a dermatologist
    // may be the right doctor"): a "yes" or "the first one" to that question takes it.
    std::optional<std::string> suggested;
    std::optional<LocalDate> from, to;
    std::optional<int> weekday;
    TimeConstraint time;
    std::vector<HeldSlot> offers;
    std::optional<HeldSlot> chosen;
    std::string reason;
    bool reasonAsked = false;

    // Cancel and reschedule: which appointment.
    std::optional<HeldAppointment> appointment;
    std::vector<HeldAppointment> appointmentChoices;
    bool cancelAll = false;  // cancel every one of appointmentChoices ("cancel both of them")

    // Staff message.
    std::string staffText;

    // An offer in the last reply ("would you like to book?").
    Offer offer = Offer::None;
    std::string offerQuestion;
    std::optional<std::string> offerSpecialty;

    // The conversation's language ("it", "en"): the last message that said clearly which,
    // else the page's. Empty: not known yet (the page's). Kept by clearForm().
    std::string lang;

    bool idle() const { return form == Form::None; }
    // Drops the form and everything it held (not the offer).
    void clearForm();
};

// The public name of the state (TurnResult::state): "idle", "book.specialty", "book.day",
// "book.slot", "book.reason", "book.confirm", "cancel.which", "cancel.confirm",
// "reschedule.which", "reschedule.slot", "reschedule.confirm", "staff_message.text",
// "staff_message.confirm".
std::string publicStateName(const DialogueState& state);

std::string encodeState(const DialogueState& state);
// nullopt for "" and for anything that is not a blob this version wrote.
std::optional<DialogueState> decodeState(const std::string& blob);

}  // namespace medassist::assistant::engine
