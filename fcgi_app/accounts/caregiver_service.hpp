#pragma once
// Caregiver links: a patient invites a caregiver by email (choosing whether they may read
// visit notes), the caregiver accepts once signed in, the patient revokes at any time.
// subjectFor() is the one place that decides whose records a request may touch: the
// patient's own, or those of a patient who linked this caregiver. Anything else is
// nullopt, which every route answers with 404, exactly as for a missing record.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "accounts/caregiver_store.hpp"
#include "mail/mail_outbox.hpp"
#include "security/vault.hpp"

namespace medassist::accounts {

struct CaregiverLink {
    std::int64_t id = 0;
    std::int64_t patientId = 0;
    std::optional<std::int64_t> caregiverId;
    std::string status;          // invited, active, revoked, declined
    bool canReadNotes = false;
    std::string invitedEmail;    // shown to the patient only
    std::string caregiverName;   // once accepted, shown to the patient
    std::string patientName;     // shown to the caregiver
    std::string createdAt;
};

// Whose records a request acts on, and how.
struct Subject {
    std::int64_t patientId = 0;
    bool viaCaregiver = false;   // true: the principal is a caregiver acting for patientId
    bool canReadNotes = false;   // the patient's own, or the link allows it
};

class CaregiverService {
public:
    CaregiverService(CaregiverStore& store, AccountsService& accounts, security::Vault& vault,
                     mail::MailOutbox& mail);

    // Patient side. invite() validates the email (422 field errors) and mails the invitee
    // a link to /account/caregivers without saying anything medical.
    FieldErrors invite(const Principal& patient, const std::string& email, bool canReadNotes, std::int64_t now);
    std::vector<CaregiverLink> linksOf(const Principal& patient);
    bool revoke(const Principal& patient, std::int64_t linkId, std::int64_t now);
    bool setNotesPermission(const Principal& patient, std::int64_t linkId, bool canReadNotes);

    // Caregiver side.
    std::vector<CaregiverLink> invitationsFor(const Principal& caregiver);
    bool accept(const Principal& caregiver, std::int64_t linkId, std::int64_t now);
    bool decline(const Principal& caregiver, std::int64_t linkId, std::int64_t now);
    std::vector<CaregiverLink> patientsOf(const Principal& caregiver);  // active links only

    // A patient: themselves (requested must be empty or their own id). A caregiver: the
    // requested patient if an active link exists. Doctors and admins: nullopt (they have
    // their own, separate routes).
    std::optional<Subject> subjectFor(const Principal& p, std::optional<std::int64_t> requestedPatient);

private:
    CaregiverStore& store_;
    AccountsService& accounts_;
    security::Vault& vault_;
    mail::MailOutbox& mail_;
};

}  // namespace medassist::accounts
