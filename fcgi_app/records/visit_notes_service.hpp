#pragma once
// The rules of the medical record: visit notes. No SQL (VisitNoteStore, AppointmentStore)
// and no HTTP (note_pages).
//
// Only the treating doctor of a completed appointment writes or edits its note. The text
// is encrypted under the patient's data key, bound to its row, so erasing the patient
// shreds it. Readers: the patient; a caregiver the patient allowed to read notes; a doctor
// with a booked or completed appointment with the patient within kCareWindowDays (90) before
// or after now (issue 16: one completed booking no longer opens the record forever).
// Admins never. Anything else is nullopt / NotFound, which
// the routes answer with 404 exactly as for a missing record. Caregivers' and doctors'
// reads and writes go to the patient's access log; note text is never logged or mailed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "accounts/caregiver_service.hpp"
#include "privacy/access_log.hpp"
#include "records/visit_note_store.hpp"
#include "scheduling/appointment_store.hpp"
#include "scheduling/practice_time.hpp"
#include "scheduling/scheduling_service.hpp"

namespace medassist::records {

using accounts::FieldErrors;
using accounts::Principal;

inline constexpr std::size_t kMaxNoteChars = 10000;
// How long around an appointment a doctor may read the patient's whole record of notes.
inline constexpr int kCareWindowDays = 90;

struct VisitNote {
    std::int64_t id = 0;
    std::int64_t appointmentId = 0;
    std::int64_t patientId = 0;
    std::int64_t doctorId = 0;
    std::string doctorName;
    std::int64_t visitStart = 0;  // UTC epoch seconds
    std::int64_t updatedAt = 0;
    std::string text;
};

// What the doctor's note page needs about one appointment.
struct NoteDraft {
    std::int64_t appointmentId = 0;
    std::int64_t patientId = 0;
    std::string patientName;
    std::int64_t visitStart = 0;
    std::string status;               // booked, cancelled, completed, no_show
    bool writable = false;            // completed: a note may be written now
    std::optional<VisitNote> note;    // the note so far
};

struct NoteResult {
    enum class Kind {
        Done,          // saved
        Invalid,       // errors on "text" (422)
        NotFound,      // not this doctor's appointment, or no such appointment (404)
        NotCompleted,  // the visit is not marked completed (409); message says so
    } kind = Kind::Done;
    FieldErrors errors;
    std::string message;
    std::optional<VisitNote> note;
    bool created = false;  // a new note rather than an edit
};

struct PatientNotes {
    std::int64_t patientId = 0;
    std::string patientName;
    std::vector<VisitNote> notes;  // newest visit first
};

class VisitNotesService {
public:
    VisitNotesService(VisitNoteStore& store, scheduling::AppointmentStore& appointments,
                      scheduling::SchedulingService& scheduling, accounts::AccountsService& accounts,
                      accounts::CaregiverService& caregivers, privacy::AccessLog& accessLog);

    // The practice's clock, for showing visit times.
    scheduling::PracticeTime clock();

    // Doctor side. nullopt / NotFound unless `doctor` is the appointment's doctor.
    std::optional<NoteDraft> draft(const Principal& doctor, std::int64_t appointmentId);
    NoteResult write(const Principal& doctor, std::int64_t appointmentId, const std::string& text);

    // Every note of a patient. A patient: their own (patientId empty or theirs). A
    // caregiver: the named patient, when the link allows reading notes. A doctor: the named
    // patient, when the doctor has treated them. nullopt for anything else.
    std::optional<PatientNotes> notes(const Principal& who, std::optional<std::int64_t> patientId);

private:
    VisitNote open(const VisitNoteRow& row, const std::string& key) const;

    VisitNoteStore& store_;
    scheduling::AppointmentStore& appointments_;
    scheduling::SchedulingService& scheduling_;
    accounts::AccountsService& accounts_;
    accounts::CaregiverService& caregivers_;
    privacy::AccessLog& accessLog_;
};

// Problems with a note's text ("text" field errors), empty when it may be saved.
FieldErrors noteProblems(const std::string& text);

}  // namespace medassist::records
