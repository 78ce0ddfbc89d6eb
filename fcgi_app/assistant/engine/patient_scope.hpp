#pragma once
// What the assistant's engine may do in the world, for exactly one patient: the subject
// of the conversation (the signed-in patient, or the patient a caregiver acts for).
//
// Privacy by construction (DESIGN.md, issue 8): the engine receives one PatientScope made
// for the subject and nothing else. No method here takes a patient id, an email or a
// name; appointment ids the engine passes back are only ones this scope handed out, and
// the implementation (fcgi_app/assistant/, around the engine) re-checks them against the
// subject. Doctors and specialties are public information. Slots say free, never who.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "i18n/catalogs.hpp"  // i18n::Text (the purity test allows the catalogs' header only)
#include "scheduling/practice_time.hpp"

namespace medassist::assistant::engine {

using scheduling::LocalDate;

struct ScopeSpecialty {
    std::string slug, name;
};

struct ScopeDoctor {  // public profile only
    std::int64_t id = 0;
    std::string name, specialtySlug, specialtyName, languages;
};

struct ScopeSlot {
    std::int64_t doctorId = 0;
    std::string doctorName;
    std::int64_t start = 0, end = 0;  // UTC epoch seconds
};

struct ScopeClosure {  // a day the whole practice is closed (a public holiday)
    LocalDate date;
    i18n::Arg name;   // a holiday's msgid, or the patron saint's name in the admin's languages
};

struct ScopeAppointment {  // one of the subject's own
    std::int64_t id = 0;
    std::int64_t doctorId = 0;
    std::string doctorName, specialtyName;
    std::int64_t start = 0, end = 0;
    bool changeable = false;  // outside the cancellation cutoff
};

struct ScopeChange {
    enum class Kind { Done, SlotTaken, Refused, Cutoff, NotFound } kind = Kind::Done;
    i18n::Text message;                           // for the patient, when not Done (said in the reply's language)
    std::optional<ScopeAppointment> appointment;  // when Done
    std::vector<ScopeSlot> alternatives;          // when SlotTaken
};

// The practice's booking rules the conversation has to say up front (issue 22).
struct ScopeRules {
    int cancelCutoffHours = 24;  // later, an appointment can't be cancelled or moved online
    int maxFutureBookings = 3;   // upcoming bookings a patient may hold at once
};

// Whether the practice answers its phone now (its weekly opening hours and holidays).
struct ScopeOpening {
    bool known = false;      // false: the hours say nothing usable
    bool open = false;
    std::int64_t until = 0;  // open: until when (UTC epoch seconds)
    std::int64_t next = 0;   // closed: the next opening (0: none in the next two weeks)
};

struct Clock {
    LocalDate today;
    int minuteOfDay = 0;
    std::int64_t now = 0;
};

class PatientScope {
public:
    virtual ~PatientScope() = default;

    virtual Clock clock() const = 0;
    // How to address the subject ("Maria"); for a caregiver, also whom they act for.
    virtual std::string subjectFirstName() const = 0;
    virtual bool actingAsCaregiver() const = 0;

    // Public practice information.
    virtual std::vector<ScopeSpecialty> specialties() = 0;
    virtual std::vector<ScopeDoctor> doctors() = 0;
    virtual std::vector<ScopeSlot> freeSlots(std::optional<std::int64_t> doctorId,
                                             const std::optional<std::string>& specialty, const LocalDate& from,
                                             const LocalDate& to) = 0;
    // The days in [from, to] the practice is closed, so a reply can say why ("closed on
    // Tuesday 8 December, Immacolata Concezione"). None by default.
    virtual std::vector<ScopeClosure> closures(const LocalDate& /*from*/, const LocalDate& /*to*/) { return {}; }

    // The booking rules, and whether the practice is open now. Defaults: the usual rules,
    // opening hours unknown.
    virtual ScopeRules rules() { return {}; }
    virtual ScopeOpening opening() { return {}; }

    // The subject's own appointments, and changes to them (each through the scheduling
    // service's rules, mails and access log).
    virtual std::vector<ScopeAppointment> upcoming() = 0;
    virtual ScopeChange book(std::int64_t doctorId, std::int64_t start, const std::string& reason) = 0;
    virtual ScopeChange cancel(std::int64_t appointmentId) = 0;
    virtual ScopeChange reschedule(std::int64_t appointmentId, std::int64_t newStart) = 0;

    // A message for the practice's staff inbox (the assistant could not help).
    virtual void leaveMessageForStaff(const std::string& text) = 0;
};

}  // namespace medassist::assistant::engine
