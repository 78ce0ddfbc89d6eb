#pragma once
// The patient's access log: who read or changed their data, when and what kind of data
// (never the data itself). Written by the services whenever someone other than the
// patient (a caregiver, a doctor, an admin action) touches the patient's records; read by
// the patient at /account/access-log.
#include <cstdint>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "privacy/access_log_store.hpp"

namespace medassist::privacy {

struct AccessEntry {
    std::int64_t at = 0;        // UTC epoch seconds
    std::string actorRole;      // caregiver, doctor, admin, patient, system
    std::string actorName;      // the caregiver's or doctor's name; "Practice staff" for admins
    bool actorIsPerson = false; // actorName is a person's name (else one of the fixed msgids:
                                // "You", "Practice staff", "The practice", "A closed account")
    std::string action;         // read, create, update, cancel, reschedule, export, delete
    std::string dataKind;       // appointments, visit_notes, profile, ...
};

// What an entry says to the patient, as msgids in plain language (the page translates
// them): one verb per action ("Viewed", "Booked", "Wrote", "Changed", ...), never a code.
const char* accessActionLabel(const std::string& action, const std::string& dataKind);
const char* accessKindLabel(const std::string& dataKind);

class AccessLog {
public:
    AccessLog(AccessLogStore& store, accounts::AccountsService& accounts) : store_(store), accounts_(accounts) {}

    // Records that `actor` did `action` on the patient's `dataKind`.
    void record(std::int64_t patientId, const accounts::Principal& actor, const std::string& action,
                const std::string& dataKind);
    // Newest first, at most `limit` entries.
    std::vector<AccessEntry> forPatient(std::int64_t patientId, std::size_t limit = 200);

private:
    AccessLogStore& store_;
    accounts::AccountsService& accounts_;
};

}  // namespace medassist::privacy
