#pragma once
// SQL for visit notes, the medical record a doctor writes after a completed visit. The
// text arrives encrypted under the patient's data key (the service does that); this file
// only moves the ciphertext in and out.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::records {

struct VisitNoteRow {
    std::int64_t id = 0;
    std::int64_t appointmentId = 0;
    std::int64_t patientId = 0;
    std::int64_t doctorId = 0;
    std::string noteCt;
    std::string doctorName;           // doctors.display_name, "" when the profile is gone
    std::int64_t visitStart = 0;      // the appointment's start, UTC epoch seconds
    std::int64_t createdAt = 0, updatedAt = 0;
};

class VisitNoteStore {
public:
    explicit VisitNoteStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Creates the note of an appointment, or finds the one it has, then stores seal(id)
    // (the ciphertext bound to that row id) as its text, in one transaction. Returns the id.
    std::int64_t upsert(std::int64_t appointmentId, std::int64_t patientId, std::int64_t doctorId,
                        const std::function<std::string(std::int64_t id)>& seal);

    std::optional<VisitNoteRow> byAppointment(std::int64_t appointmentId);
    // Every note of a patient, the newest visit first.
    std::vector<VisitNoteRow> ofPatient(std::int64_t patientId);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::records
