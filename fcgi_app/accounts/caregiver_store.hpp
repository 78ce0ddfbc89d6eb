#pragma once
// SQL for caregiver links. The invited address arrives encrypted (patient's data key) and
// as a blind index, the invitation's token as its SHA-256; the service does that.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::accounts {

struct CaregiverLinkRow {
    std::int64_t id = 0;
    std::int64_t patientId = 0;
    std::string inviteBidx;
    std::string inviteEmailCt;
    std::optional<std::int64_t> caregiverId;
    bool canReadNotes = false;
    std::string status;
    std::string createdAt;
};

class CaregiverStore {
public:
    explicit CaregiverStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Inserts an invitation; the ciphertext is made by `seal` once the row id is known.
    std::int64_t invite(std::int64_t patientId, const std::string& inviteBidx, const std::string& tokenHash,
                        bool canReadNotes,
                        const std::function<std::string(std::int64_t id)>& seal);
    // invite(), but decided atomically per patient (a double-clicked form, two tabs): no row
    // when the address already has an open (invited or active) link from this patient, or
    // when the patient already has maxOpen open links.
    enum class InviteOutcome { Created, AlreadyOpen, Full };
    struct InviteResult {
        InviteOutcome outcome = InviteOutcome::Created;
        std::int64_t id = 0;
    };
    InviteResult inviteChecked(std::int64_t patientId, const std::string& inviteBidx, const std::string& tokenHash,
                               bool canReadNotes,
                               std::size_t maxOpen, const std::function<std::string(std::int64_t id)>& seal);
    std::vector<CaregiverLinkRow> ofPatient(std::int64_t patientId);
    // The open invitation whose mailed token hashes to tokenHash (issue 16: an invitation is
    // found by its link, never by the address it went to).
    std::optional<CaregiverLinkRow> invitationByToken(const std::string& tokenHash);
    std::vector<CaregiverLinkRow> activeOfCaregiver(std::int64_t caregiverId);
    std::optional<CaregiverLinkRow> active(std::int64_t caregiverId, std::int64_t patientId);
    // Conditional status changes: true only when the row was in `from` and matched the owner
    // (for an answer to an invitation: its token, which the answer spends).
    bool accept(std::int64_t linkId, const std::string& tokenHash, std::int64_t caregiverId);
    bool decline(std::int64_t linkId, const std::string& tokenHash);
    bool revoke(std::int64_t linkId, std::int64_t patientId);
    bool setNotesPermission(std::int64_t linkId, std::int64_t patientId, bool canReadNotes);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::accounts
