#pragma once
// The audit trail's rows and its head (the last row's id and hash), read and appended as
// one hash chain (security/audit_chain.hpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "security/audit_chain.hpp"
#include "storage/pool.hpp"

namespace medassist::security {

// What audit_head says the chain ends with: id 0 and 64 '0's while it is empty.
struct AuditHead {
    std::int64_t lastId = 0;
    std::string lastHash;
    // Where the kept chain starts after retention purges: the last purged row's id and hash
    // (0 and the genesis hash before any purge).
    std::int64_t baseId = 0;
    std::string baseHash;
};

// Rows and head read in one consistent snapshot, so an append in between is never
// mistaken for tampering.
struct AuditSnapshot {
    AuditHead head;
    std::vector<AuditRow> rows;  // id order
};

class AuditStore {
public:
    explicit AuditStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // The hash of the empty chain, also audit_head's initial last_hash.
    static const std::string& genesisHash();

    // Appends row as the chain's next link while holding audit_head's lock: id, prevHash and
    // hash are filled in here (ids are consecutive), and time too when it is empty (ISO 8601
    // UTC with microseconds, taken under the lock so times follow ids). Returns the row stored.
    AuditRow append(AuditRow row);

    std::vector<AuditRow> all();                    // id order
    std::vector<AuditRow> recent(std::size_t limit);  // newest first

    // For the admins' security review: rows matching every filter given (an empty one matches
    // all), newest first. fromIso / toIso compare with `at` (ISO 8601 UTC), to exclusive.
    struct Filter {
        std::string event, network, fromIso, toIso;
        std::size_t limit = 200;
        std::size_t offset = 0;  // rows skipped first (the pages of the review)
    };
    std::vector<AuditRow> search(const Filter& f);

    // Counts of one set of events per network since sinceIso, for networks with at least
    // `atLeast` of them, largest first.
    std::vector<std::pair<std::string, long long>> countsByNetwork(const std::vector<std::string>& events,
                                                                   const std::string& sinceIso, long long atLeast);
    AuditHead head();
    AuditSnapshot snapshot();

    // Deletes the rows written before cutoff (ISO 8601 UTC, as in the `at` column) from the
    // start of the chain and moves the head's base past them, in one transaction holding the
    // head's lock. Returns how many rows went.
    std::size_t purgeBefore(const std::string& cutoffIso);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::security
