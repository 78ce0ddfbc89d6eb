#pragma once
// SQL for the medical record kept after an account's erasure (issue 22, item 11; migration
// 0013): kept_records (one per erased patient, with its own wrapped data key) and their
// kept_visits (a completed visit, its doctor, and the doctor's note as ciphertext). No row
// names the patient. Ciphertexts arrive sealed (KeptRecordsService does the crypto).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <cppconn/connection.h>

#include "storage/pool.hpp"

namespace medassist::records {

// A completed visit of a patient, as read before their erasure.
struct VisitToKeep {
    std::int64_t appointmentId = 0;
    std::int64_t doctorId = 0;
    std::string doctorName, specialty;
    std::int64_t start = 0, end = 0;  // UTC epoch seconds
    std::optional<std::int64_t> noteId;
    std::string noteCt;                  // under the patient's key, bound to noteId
    std::int64_t noteUpdatedAt = 0;
};

struct KeptRecordRow {
    std::int64_t id = 0;
    std::int64_t erasedAt = 0, lastVisitAt = 0;  // UTC epoch seconds
    int keyVersion = 0;
    std::string wrappedKey;
    int visits = 0, notes = 0;
};

struct KeptVisitRow {
    std::int64_t id = 0;
    std::int64_t doctorId = 0;
    std::string doctorName, specialty;
    std::int64_t start = 0, end = 0;
    std::optional<std::string> noteCt;
    std::int64_t noteUpdatedAt = 0;
};

// What the erasure's transaction writes; the seal functions are called with the new row ids.
struct KeptRecordWrite {
    std::int64_t lastVisitAt = 0;
    std::function<std::pair<int, std::string>(std::int64_t recordId)> wrapKey;  // key version, wrapped key
    struct Visit {
        std::int64_t doctorId = 0;
        std::string doctorName, specialty;
        std::int64_t start = 0, end = 0;
        std::int64_t noteUpdatedAt = 0;
        std::function<std::string(std::int64_t visitId)> sealNote;  // empty: no note
    };
    std::vector<Visit> visits;
};

class KeptRecordStore {
public:
    explicit KeptRecordStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // The patient's completed visits (oldest first) with their notes, if any.
    std::vector<VisitToKeep> completedVisits(std::int64_t patientId);

    // Inserts a kept record and its visits on `c`, inside the caller's transaction (the
    // erasure's, so the copy and the deletion are one). Returns the record's id.
    static std::int64_t insert(sql::Connection& c, const KeptRecordWrite& record);

    // Records with at least one visit of this doctor, the latest erasure first.
    std::vector<KeptRecordRow> ofDoctor(std::int64_t doctorId);
    std::optional<KeptRecordRow> byId(std::int64_t id);
    bool hasVisitOf(std::int64_t recordId, std::int64_t doctorId);
    std::vector<KeptVisitRow> visits(std::int64_t recordId);  // newest first

    // Master key rotation: records whose key is wrapped under another version, and the
    // replacement of one wrapped key if it is still the one read.
    std::vector<KeptRecordRow> keysNotAt(int version, std::size_t limit);
    bool rewrapKey(const KeptRecordRow& old, int version, const std::string& wrapped);

    // Deletes the records whose last visit is `years` or more before nowEpoch (their
    // visits and wrapped key go with them); returns how many.
    std::size_t purgeOlderThan(int years, std::int64_t nowEpoch);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::records
