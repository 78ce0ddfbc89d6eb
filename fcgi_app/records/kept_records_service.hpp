#pragma once
// The medical record kept after an erasure (issue 22, item 11). GDPR Art. 17(3) leaves out
// of the right to erasure what the practice must keep by law, for care and for legal claims:
// a patient's completed visits and the doctors' notes on them stay for the practice setting
// medical_record_retention_years (default 10) after the last visit, then the retention job
// deletes them. Everything else of the account goes as before.
//
// What stays names no one: no account, name, contact data or date of birth; a kept record is
// known by its number ("K-12"). Its notes, encrypted under the patient's data key (which the
// erasure destroys), are re-encrypted under a new data key of the record, wrapped under the
// practice's master key (security::Vault, OpenSSL EVP AES-256-GCM, AAD bound to the row);
// purging the record shreds them. Readers: only the doctors who saw the patient in one of
// its visits, through their pages (no API), each read in the audit trail. Never the former
// patient, their caregivers, admins or anyone else: they get nullopt, which routes answer
// with 404. No SQL (KeptRecordStore) and no HTTP (kept_record_pages).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "records/kept_record_store.hpp"
#include "security/audit_log.hpp"
#include "security/vault.hpp"
#include "site/practice_store.hpp"

namespace medassist::records {

inline constexpr const char* kRetentionSetting = "medical_record_retention_years";
inline constexpr int kDefaultRetentionYears = 10;
inline constexpr int kMaxRetentionYears = 100;

// What an erasure now would keep, for the page that asks to confirm it.
struct KeptPreview {
    int visits = 0, notes = 0;
    int years = kDefaultRetentionYears;
    std::int64_t lastVisit = 0, keepUntil = 0;  // UTC epoch seconds; meaningful when visits > 0
    std::string zone = "Europe/Rome";           // the practice's time zone, to say the dates in
    bool keepsSomething() const { return visits > 0; }
};

// The kept record, ready to be written inside the erasure's transaction (plaintext notes
// live only in memory, in the seal functions).
struct KeepPlan {
    KeptPreview preview;
    KeptRecordWrite write;
};

struct KeptVisit {
    std::int64_t doctorId = 0;
    std::string doctorName, specialty;
    std::int64_t start = 0, end = 0;
    std::optional<std::string> note;
    std::int64_t noteUpdatedAt = 0;
};

struct KeptRecord {
    std::int64_t id = 0;
    std::string reference;  // "K-12"
    std::int64_t erasedAt = 0, lastVisit = 0, keepUntil = 0;
    int visits = 0, notes = 0;
    std::vector<KeptVisit> visitList;  // newest first; filled by record() only
};

class KeptRecordsService {
public:
    KeptRecordsService(KeptRecordStore& store, site::PracticeStore& practice, accounts::AccountsService& accounts,
                       security::Vault& vault, security::AuditLog& audit)
        : store_(store), practice_(practice), accounts_(accounts), vault_(vault), audit_(audit) {}

    // The practice setting, 0..100 years (0: nothing is kept); the default when unset or bad.
    int retentionYears();

    // What erasing this patient now keeps (nothing when no completed visit is still within
    // the retention period).
    KeptPreview preview(std::int64_t patientId, std::int64_t now);
    // The same, with the notes re-encrypted under a new key of the record; nullopt: nothing to keep.
    std::optional<KeepPlan> plan(std::int64_t patientId, std::int64_t now);

    // Doctor side: the kept records with a visit of theirs, and one of them with its notes
    // (audited as kept_record_read). nullopt / empty for anyone else.
    std::vector<KeptRecord> recordsFor(const accounts::Principal& doctor);
    std::optional<KeptRecord> record(const accounts::Principal& doctor, std::int64_t id, const std::string& ip);

    // The retention job's part: deletes the records past the period; returns how many.
    std::size_t purge(std::int64_t now);

    // `medassist-admin rotate-master-key`: re-wraps every record's key under the current
    // master key (older key files may then go); returns how many changed.
    std::size_t rotateMasterKey();

    // "K-12": how pages name a kept record.
    static std::string reference(std::int64_t id);

private:
    // The retention (years) and the practice's time zone, from the practice settings.
    std::pair<int, std::string> settings();
    KeptRecord summary(const KeptRecordRow& row, int years) const;

    KeptRecordStore& store_;
    site::PracticeStore& practice_;
    accounts::AccountsService& accounts_;
    security::Vault& vault_;
    security::AuditLog& audit_;
};

// `years` calendar years after epoch (29 February to 28 February, as the database counts).
std::int64_t addYears(std::int64_t epoch, int years);

}  // namespace medassist::records
