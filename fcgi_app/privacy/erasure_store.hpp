#pragma once
// SQL for erasure: one DELETE of the patient's users row. Every table that holds anything of
// theirs references users ON DELETE CASCADE (data key, appointments, visit notes, caregiver
// links, access log, consents, conversations and chat messages, staff messages, reset tokens,
// recovery codes), so the row and all of it go in one statement, atomically; deleting the
// appointments frees their slots. The wrapped data key goes with it: any copy of a *_ct value
// in a backup can no longer be decrypted. What the practice must keep of the medical record
// (issue 22, item 11) is copied first, in the same transaction, by the caller's `keep`.
#include <cstdint>
#include <functional>

#include <cppconn/connection.h>

#include "storage/pool.hpp"

namespace medassist::privacy {

struct ErasedCounts {
    long long appointments = 0, futureAppointments = 0, visitNotes = 0, chatMessages = 0;
};

// Runs on the erasure's connection inside its transaction, before the deletion.
using KeepFirst = std::function<void(sql::Connection&)>;

class ErasureStore {
public:
    explicit ErasureStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Counts (for the log), runs `keep` (when given) and deletes the patient, all in one
    // transaction; false when there was no such patient (nothing kept, nothing deleted).
    bool erasePatient(std::int64_t userId, ErasedCounts& counts, const KeepFirst& keep = {});

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::privacy
