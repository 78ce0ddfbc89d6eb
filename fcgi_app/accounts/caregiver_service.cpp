#include "accounts/caregiver_service.hpp"
#include "i18n/catalogs.hpp"

#include <stdexcept>

#include "security/crypto_util.hpp"

namespace medassist::accounts {

namespace {
// Invited and active links together: a patient hands out at most this many keys at once.
constexpr std::size_t kMaxOpenLinks = 5;

security::FieldAad emailAad(std::int64_t linkId) {
    return {"caregiver_links", "invite_email", std::to_string(linkId)};
}

// A person's name as the other side of a link sees it.
std::string nameOf(AccountsService& accounts, std::int64_t userId) {
    try {
        if (auto p = accounts.profile(userId)) return p->name;
    } catch (const security::CryptoError&) {
        // Erased: the key that held the name is gone.
    }
    return "A closed account";
}

CaregiverLink fromRow(const CaregiverLinkRow& row) {
    CaregiverLink l;
    l.id = row.id;
    l.patientId = row.patientId;
    l.caregiverId = row.caregiverId;
    l.status = row.status;
    l.canReadNotes = row.canReadNotes;
    l.createdAt = row.createdAt;
    return l;
}
}  // namespace

CaregiverService::CaregiverService(CaregiverStore& store, AccountsService& accounts, security::Vault& vault,
                                   mail::LocalizedMail& mail)
    : store_(store), accounts_(accounts), vault_(vault), mail_(mail) {}

FieldErrors CaregiverService::invite(const Principal& patient, const std::string& email, bool canReadNotes,
                                     std::int64_t /*now*/, const std::string& pageLanguage) {
    if (patient.role != "patient") throw std::logic_error("only a patient invites caregivers");
    const std::string address = normalizeEmail(email);
    if (address.empty()) return {{"email", i18n::N_("Enter the email address of the person you want to invite.")}};
    if (auto problem = emailProblem(address)) return {{"email", *problem}};
    auto self = accounts_.profile(patient.userId);
    if (!self) throw std::runtime_error("signed-in patient vanished");
    if (normalizeEmail(self->email) == address)
        return {{"email", i18n::N_("You cannot invite yourself. Enter the email address of the person who helps you.")}};

    const std::string key = accounts_.dataKeyFor(patient.userId);
    const std::string token = security::base64UrlEncode(security::randomBytes(32));
    auto result = store_.inviteChecked(patient.userId, accounts_.emailIndex(address), security::sha256(token),
                                       canReadNotes, kMaxOpenLinks,
                                       [&](std::int64_t id) { return security::Vault::encrypt(key, address, emailAad(id)); });
    switch (result.outcome) {
        case CaregiverStore::InviteOutcome::AlreadyOpen:
            return {{"email", i18n::N_("You have already invited this address. It is in your list of caregivers.")}};
        case CaregiverStore::InviteOutcome::Full:
            return {{"email", i18n::N_("You can have at most 5 caregivers, counting invitations not yet answered. Revoke one "
                              "before you invite someone else.")}};
        case CaregiverStore::InviteOutcome::Created:
            break;
    }

    // Nothing about the patient or their health: the mail may be read by anyone with the
    // mailbox, and the invitation may go to a wrong address.
    // The invitee's own language when the address has an account, else the inviter's page's.
    // If the mail cannot be queued, the invitation stands and is shown when the invitee signs
    // in; the outbox logs the failure without the address.
    const auto& settings = accounts_.settings();
    const auto saved = accounts_.languageOfAddress(address);
    const std::string lang = mail_.languageFor(saved ? *saved : pageLanguage);
    mail_.send(address, mail_.tr(lang, "You have been invited as a caregiver"),
               mail_.trf(lang,
                         "Hello,\n\nA patient of {1} has invited you to help manage their appointments. To see who "
                         "invites you and answer, open this link, signing in (or registering) as a caregiver "
                         "first:\n\n{2}\n\nThe link works once, and only for the person who holds it: do not "
                         "forward it. If you did not expect this, you can ignore this mail.\n",
                         {settings.practiceName, settings.publicUrl + "/account/invitation?token=" + token}));
    return {};
}

std::vector<CaregiverLink> CaregiverService::linksOf(const Principal& patient) {
    std::vector<CaregiverLink> out;
    if (patient.role != "patient") return out;
    auto rows = store_.ofPatient(patient.userId);
    if (rows.empty()) return out;
    const std::string key = accounts_.dataKeyFor(patient.userId);
    for (const auto& row : rows) {
        CaregiverLink l = fromRow(row);
        l.invitedEmail = security::Vault::decrypt(key, row.inviteEmailCt, emailAad(row.id));
        if (row.caregiverId) l.caregiverName = nameOf(accounts_, *row.caregiverId);
        out.push_back(std::move(l));
    }
    return out;
}

bool CaregiverService::revoke(const Principal& patient, std::int64_t linkId, std::int64_t /*now*/) {
    if (patient.role != "patient") return false;
    return store_.revoke(linkId, patient.userId);
}

bool CaregiverService::setNotesPermission(const Principal& patient, std::int64_t linkId, bool canReadNotes) {
    if (patient.role != "patient") return false;
    return store_.setNotesPermission(linkId, patient.userId, canReadNotes);
}

std::string maskEmail(const std::string& email) {
    const auto at = email.find('@');
    if (at == std::string::npos) return "***";
    const std::string local = email.substr(0, at), domain = email.substr(at + 1);
    std::string out = local.substr(0, local.size() > 3 ? 2 : 1);
    out += "***@";
    const auto dot = domain.rfind('.');
    out += domain.substr(0, 1);
    out += "***";
    if (dot != std::string::npos && dot > 0) out += domain.substr(dot);
    return out;
}

std::optional<Invitation> CaregiverService::invitation(const Principal& caregiver, const std::string& token) {
    if (caregiver.role != "caregiver" || token.empty() || token.size() > 100) return std::nullopt;
    auto row = store_.invitationByToken(security::sha256(token));
    if (!row) return std::nullopt;
    Invitation out;
    out.linkId = row->id;
    out.canReadNotes = row->canReadNotes;
    out.invitedOn = row->createdAt.substr(0, 10);
    try {
        auto patient = accounts_.profile(row->patientId);
        if (!patient) return std::nullopt;
        out.patientName = patient->name;
        out.inviterEmailMasked = maskEmail(normalizeEmail(patient->email));
        out.patientSince = patient->emailConfirmedOn;
    } catch (const security::CryptoError&) {
        return std::nullopt;  // erased meanwhile
    }
    return out;
}

InvitationAnswer CaregiverService::answer(const Principal& caregiver, const std::string& token, bool accept,
                                          std::int64_t /*now*/) {
    if (caregiver.role != "caregiver" || token.empty() || token.size() > 100) return InvitationAnswer::Unknown;
    const std::string hash = security::sha256(token);
    auto row = store_.invitationByToken(hash);
    if (!row) return InvitationAnswer::Unknown;
    if (accept) {
        auto self = accounts_.profile(caregiver.userId);
        if (!self) return InvitationAnswer::Unknown;
        // Only an account whose address was proved: one made before confirmation existed
        // proves it with a password reset first.
        if (self->emailConfirmedOn.empty()) return InvitationAnswer::NotConfirmed;
        if (row->patientId == caregiver.userId) return InvitationAnswer::OwnInvitation;
        return store_.accept(row->id, hash, caregiver.userId) ? InvitationAnswer::Done : InvitationAnswer::Unknown;
    }
    return store_.decline(row->id, hash) ? InvitationAnswer::Done : InvitationAnswer::Unknown;
}

std::vector<CaregiverLink> CaregiverService::patientsOf(const Principal& caregiver) {
    std::vector<CaregiverLink> out;
    if (caregiver.role != "caregiver") return out;
    for (const auto& row : store_.activeOfCaregiver(caregiver.userId)) {
        CaregiverLink l = fromRow(row);
        l.patientName = nameOf(accounts_, row.patientId);
        out.push_back(std::move(l));
    }
    return out;
}

std::optional<Subject> CaregiverService::subjectFor(const Principal& p, std::optional<std::int64_t> requestedPatient) {
    if (p.role == "patient") {
        if (requestedPatient && *requestedPatient != p.userId) return std::nullopt;
        return Subject{p.userId, false, true};
    }
    if (p.role == "caregiver") {
        if (!requestedPatient || *requestedPatient <= 0) return std::nullopt;
        auto link = store_.active(p.userId, *requestedPatient);
        if (!link) return std::nullopt;
        return Subject{link->patientId, true, link->canReadNotes};
    }
    return std::nullopt;
}

}  // namespace medassist::accounts
