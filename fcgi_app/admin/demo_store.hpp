#pragma once
// SQL for loading the demo practice's people and history (medassist-admin
// seed-demo-people). Appointments in the past and visit notes cannot go through the
// booking rules (a past slot is never bookable), so the loader writes them here; the
// values it gets are already encrypted.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "storage/pool.hpp"

namespace medassist::admin {

class DemoStore {
public:
    explicit DemoStore(storage::ConnectionPool& pool) : pool_(pool) {}

    bool seeded();      // the marker practice setting exists
    void markSeeded(const std::string& when);

    // An appointment in any status; seal(id) gives reason_ct. Returns the id, or nullopt
    // when the slot is already occupied (a re-run, or a collision with a real booking).
    std::optional<std::int64_t> addAppointment(std::int64_t patientId, std::int64_t doctorId, std::int64_t start,
                                               std::int64_t end, const std::string& status,
                                               const std::function<std::string(std::int64_t)>& seal);
    void addNote(std::int64_t appointmentId, std::int64_t patientId, std::int64_t doctorId,
                 const std::function<std::string(std::int64_t)>& seal);
    void addCaregiverLink(std::int64_t patientId, std::int64_t caregiverId, const std::string& inviteBidx,
                          bool canReadNotes, const std::function<std::string(std::int64_t)>& seal);
    // The demo patient agreed to the current consent text (once; a re-run adds nothing).
    void addConsent(std::int64_t patientId);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::admin
