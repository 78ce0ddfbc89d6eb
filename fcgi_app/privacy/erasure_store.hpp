#pragma once
// SQL for erasure: one DELETE of the patient's users row. Every table that holds anything of
// theirs references users ON DELETE CASCADE (data key, appointments, visit notes, caregiver
// links, access log, consents, conversations and chat messages, staff messages, reset tokens,
// recovery codes), so the row and all of it go in one statement, atomically; deleting the
// appointments frees their slots. The wrapped data key goes with it: any copy of a *_ct value
// in a backup can no longer be decrypted.
#include <cstdint>

#include "storage/pool.hpp"

namespace medassist::privacy {

struct ErasedCounts {
    long long appointments = 0, futureAppointments = 0, visitNotes = 0, chatMessages = 0;
};

class ErasureStore {
public:
    explicit ErasureStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Counts (for the log) and deletes the patient; false when there was no such patient.
    bool erasePatient(std::int64_t userId, ErasedCounts& counts);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::privacy
