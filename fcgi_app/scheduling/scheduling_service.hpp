#pragma once
// The rules of scheduling: free slots, booking, cancelling, rescheduling, doctors'
// schedules and outcomes, and the practice's booking policy. No SQL (DoctorStore,
// AppointmentStore) and no HTTP (the routes).
//
// Who may touch which appointment is decided here, once: patients their own, caregivers
// those of a patient who linked them (CaregiverService::subjectFor), doctors their own
// schedule. Any other id is NotFound, exactly like a missing one. Admins manage doctors
// and hours and never receive a reason.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "accounts/caregiver_service.hpp"
#include "mail/localized_mail.hpp"
#include "privacy/access_log.hpp"
#include "privacy/consent_service.hpp"
#include "scheduling/appointment_store.hpp"
#include "scheduling/doctor_store.hpp"
#include "scheduling/opening_hours.hpp"
#include "scheduling/practice_calendar.hpp"
#include "scheduling/practice_time.hpp"
#include "scheduling/slot_calculator.hpp"
#include "security/vault.hpp"
#include "site/practice_store.hpp"

namespace medassist::scheduling {

using accounts::FieldErrors;
using accounts::Principal;

struct Specialty {
    std::int64_t id = 0;
    std::string slug, name, description;
};

// Public profile only: what any signed-in visitor may see.
struct Doctor {
    std::int64_t id = 0;
    std::string name, specialtySlug, specialtyName, languages, bio;
};

struct FreeSlot {
    std::int64_t doctorId = 0;
    std::string doctorName;
    std::int64_t start = 0, end = 0;  // UTC epoch seconds
};

struct Appointment {
    std::int64_t id = 0;
    std::int64_t patientId = 0;
    std::int64_t doctorId = 0;
    std::string doctorName, specialtyName;
    std::int64_t start = 0, end = 0;
    std::string status;                 // booked, cancelled, completed, no_show
    std::optional<std::string> reason;  // only for the patient, their caregiver, the treating doctor
    std::string bookedByRole;           // patient, caregiver
    bool changeable = false;            // booked, in the future and outside the cancellation cutoff
    bool hasNote = false;
};

// A doctor's view of one appointment: the patient's name and the reason.
struct ScheduleEntry {
    Appointment appointment;
    std::string patientName;
};

struct SlotQuery {
    std::optional<std::int64_t> doctorId;
    std::optional<std::string> specialty;  // slug
    std::string from, to;                  // YYYY-MM-DD, local; empty: today .. today + 6
};

struct SlotsResult {
    FieldErrors errors;                    // doctor_id, specialty, from, to
    std::vector<FreeSlot> slots;
    std::vector<Closure> closed;           // days in the range the whole practice is closed (holidays)
};

struct ChangeResult {
    enum class Kind {
        Done,        // booked, moved or cancelled
        Invalid,     // errors holds field errors (422)
        NotFound,    // no such appointment, doctor or patient visible to this principal (404)
        SlotTaken,   // someone else got the slot first (409 SLOT_TAKEN + alternatives)
        Cutoff,      // inside the cancellation cutoff (409 CUTOFF; message has the phone number)
        Refused,     // a booking rule (notice, horizon, limit): message says which (422 on "start")
        ConsentRequired,  // a reason, but the patient has not consented to storing it (403)
    } kind = Kind::Done;
    FieldErrors errors;
    i18n::Text message;  // said in the reader's language by whoever shows the result
    std::optional<Appointment> appointment;
    std::vector<FreeSlot> alternatives;  // up to 3 next free slots of the same doctor
};

struct BookInput {
    std::optional<std::int64_t> doctorId;
    std::string start;                       // ISO 8601 with offset
    std::string reason;                      // optional, at most 500 characters
    std::optional<std::int64_t> patientId;   // a caregiver names the patient
};

// What a mail about an appointment tells: it was booked, moved or cancelled.
enum class AppointmentChange { Booked, Moved, Cancelled };

struct MailText {
    std::string subject, text;
};

// The mail about a change to an appointment, in lang, its times in the practice's zone: when
// and with whom, never why (no reason, no note). previousStart: where a moved one was.
MailText appointmentMail(const mail::LocalizedMail& mail, const std::string& lang, AppointmentChange what,
                         const Appointment& a, const std::string& zone, const std::string& phone,
                         std::optional<std::int64_t> previousStart = std::nullopt);

struct PracticePolicy {
    std::string timeZone = "Europe/Rome";
    BookingPolicy booking;
    CalendarSettings calendar;  // holidays and the patron saint's day (settings closed_on_holidays, patron_day)
    std::string phone;  // told to patients inside the cutoff
    WeeklyOpening opening;  // settings hours.monday ... hours.sunday: when that phone is answered
};

class SchedulingService {
public:
    SchedulingService(DoctorStore& doctors, AppointmentStore& appointments, site::PracticeStore& practice,
                      accounts::AccountsService& accounts, accounts::CaregiverService& caregivers,
                      privacy::AccessLog& accessLog, privacy::ConsentService& consent, security::Vault& vault,
                      mail::LocalizedMail& mail);

    // The practice's current policy (read from practice_settings, cached for a few seconds).
    PracticePolicy policy();
    PracticeTime clock();
    // Whether the practice (its phone) is open now, or when it opens next (issue 22).
    OpenNow openNow(std::int64_t now);
    // How many of the subject's appointments count against the booking limit now, or
    // nullopt when `who` may not act for that patient.
    std::optional<int> futureBookings(const Principal& who, std::optional<std::int64_t> patientId, std::int64_t now);
    // The days in [from, to] the whole practice is closed (issue 17), with their names.
    std::vector<Closure> closures(const LocalDate& from, const LocalDate& to);

    std::vector<Specialty> specialties();
    std::vector<Doctor> doctors(const std::optional<std::string>& specialtySlug = std::nullopt);
    std::optional<Doctor> doctor(std::int64_t id);  // bookable doctors only

    // Free slots of a doctor or of every doctor of a specialty; at most 31 days per query.
    SlotsResult freeSlots(const SlotQuery& q, std::int64_t now);
    // The next `count` free slots of a doctor from now (for alternatives and the assistant).
    std::vector<FreeSlot> nextFreeSlots(std::int64_t doctorId, std::int64_t now, std::size_t count);

    // Patient and caregiver side. patientId: the patient a caregiver acts for (a patient
    // may omit it or give their own). Caregivers' reads and writes go to the patient's
    // access log.
    std::optional<std::vector<Appointment>> appointments(const Principal& who, std::optional<std::int64_t> patientId,
                                                         std::int64_t now);
    std::optional<Appointment> appointment(const Principal& who, std::int64_t id, std::int64_t now);
    // Whether a reason may be stored for the patient `who` acts for (their consent, issue 5);
    // false also when `who` may not act for that patient.
    bool mayStoreReason(const Principal& who, std::optional<std::int64_t> patientId);
    ChangeResult book(const Principal& who, const BookInput& in, std::int64_t now);
    ChangeResult reschedule(const Principal& who, std::int64_t id, const std::string& newStart, std::int64_t now);
    ChangeResult cancel(const Principal& who, std::int64_t id, std::int64_t now);
    // text/calendar for one appointment visible to `who`; nullopt → 404.
    std::optional<std::string> ics(const Principal& who, std::int64_t id, std::int64_t now);

    // Doctor side: their own schedule between two local dates, and outcomes of past visits.
    std::vector<ScheduleEntry> schedule(const Principal& doctor, const LocalDate& from, const LocalDate& to,
                                        std::int64_t now);
    // Marks a started appointment completed or no_show; NotFound for anyone else's.
    ChangeResult setOutcome(const Principal& doctor, std::int64_t id, const std::string& outcome, std::int64_t now);

private:
    Appointment present(const AppointmentRow& row, const PracticePolicy& policy, std::int64_t now,
                        const std::optional<std::string>& dataKey);
    // The row if `who` may act on it as patient or caregiver; the subject says how.
    std::optional<std::pair<AppointmentRow, accounts::Subject>> visibleRow(const Principal& who, std::int64_t id);
    // Where `start` stands for a doctor: a free slot (its end), a taken one, or not a slot.
    enum class SlotState { Free, Taken, NotASlot, Closed };
    SlotState slotState(std::int64_t doctorId, std::int64_t start, std::int64_t now, const PracticePolicy& policy,
                        std::int64_t& end, std::optional<Interval> ignore = std::nullopt);
    // Whether a new start may be booked now (notice, horizon, one of the doctor's free
    // slots): nullopt with `end` set when it may, else the result to answer.
    std::optional<ChangeResult> vetStart(std::int64_t doctorId, std::int64_t start, std::int64_t now,
                                         const PracticePolicy& policy, std::int64_t& end,
                                         std::optional<Interval> ignore = std::nullopt);
    ChangeResult taken(std::int64_t doctorId, std::int64_t now);
    // Mails the patient, and the caregiver who acted for them, each in their own language.
    void notify(const Principal& who, const accounts::Subject& subject, AppointmentChange what, const Appointment& a,
                const PracticePolicy& policy, std::optional<std::int64_t> previousStart = std::nullopt);

    std::mutex policyMutex_;
    std::optional<PracticePolicy> cachedPolicy_;
    std::chrono::steady_clock::time_point policyReadAt_{};
    DoctorStore& doctors_;
    AppointmentStore& appointments_;
    site::PracticeStore& practice_;
    accounts::AccountsService& accounts_;
    accounts::CaregiverService& caregivers_;
    privacy::AccessLog& accessLog_;
    privacy::ConsentService& consent_;
    security::Vault& vault_;
    mail::LocalizedMail& mail_;
};

// Where a FreeSlot or Appointment is shown: "Tuesday 24 November 2026 at 09:30".
std::string describeWhen(const PracticeTime& clock, std::int64_t start);

}  // namespace medassist::scheduling
