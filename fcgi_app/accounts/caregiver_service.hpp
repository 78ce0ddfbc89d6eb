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
#include "mail/localized_mail.hpp"
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

// An invitation as the holder of its link sees it: who invites, in a form an impostor cannot
// copy (the inviting patient's confirmed address, partly masked, and since when they have
// been a patient here), and what it allows.
struct Invitation {
    std::int64_t linkId = 0;
    std::string patientName;
    std::string inviterEmailMasked;  // "gi***@e***.org"
    std::string patientSince;        // "YYYY-MM-DD" the patient's address was confirmed; empty: never
    bool canReadNotes = false;
    std::string invitedOn;           // "YYYY-MM-DD"
};

enum class InvitationAnswer {
    Done,          // accepted or declined
    Unknown,       // no open invitation has this link (wrong, used, revoked)
    NotConfirmed,  // the caregiver's own address was never proved: reset the password first
    OwnInvitation, // a patient cannot become their own caregiver
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
                     mail::LocalizedMail& mail);

    // Patient side. invite() validates the email (422 field errors) and mails the invitee a
    // single-use link (/account/invitation?token=...) without saying anything medical; only
    // the holder of that link, signed in as a caregiver with a confirmed address, can answer.
    // The mail is in the language of the invitee's account when the address has one (its
    // saved choice, else the practice's default), else in pageLanguage (the inviter's page).
    FieldErrors invite(const Principal& patient, const std::string& email, bool canReadNotes, std::int64_t now,
                       const std::string& pageLanguage = "");
    std::vector<CaregiverLink> linksOf(const Principal& patient);
    bool revoke(const Principal& patient, std::int64_t linkId, std::int64_t now);
    bool setNotesPermission(const Principal& patient, std::int64_t linkId, bool canReadNotes);

    // Caregiver side: the invitation behind a mailed link, and the answer to it.
    std::optional<Invitation> invitation(const Principal& caregiver, const std::string& token);
    InvitationAnswer answer(const Principal& caregiver, const std::string& token, bool accept, std::int64_t now);
    std::vector<CaregiverLink> patientsOf(const Principal& caregiver);  // active links only

    // A patient: themselves (requested must be empty or their own id). A caregiver: the
    // requested patient if an active link exists. Doctors and admins: nullopt (they have
    // their own, separate routes).
    std::optional<Subject> subjectFor(const Principal& p, std::optional<std::int64_t> requestedPatient);

private:
    CaregiverStore& store_;
    AccountsService& accounts_;
    security::Vault& vault_;
    mail::LocalizedMail& mail_;
};

// "giovanna.rinaldi@example.org" -> "gi***@e***.org": enough for the owner of the address to
// recognise it, not enough to read it.
std::string maskEmail(const std::string& email);

}  // namespace medassist::accounts
