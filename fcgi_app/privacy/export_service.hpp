#pragma once
// Data portability (issue 5): everything the practice keeps about a patient, decrypted, as
// one JSON document whose schema is documented in fcgi_app/privacy/README.md ("medassist-export/1").
// Only the patient themselves may export (a caregiver acts for a patient, but the export is
// the patient's own right); the password is confirmed first by the caller, and every export
// is audited. Nothing of anyone else is in it: other people appear only as the role and
// public name the patient already sees (their doctor, their caregiver).
//
// The same data is also shown as a readable page (issue 22, item 9): the page's route asks
// for the password, shows the document and offers the JSON file through a grant, a short-lived
// MAC (10 minutes, bound to the account and the session) carried by the page's download form,
// so the file comes without typing the password again and the page never keeps a stale error.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "accounts/accounts_service.hpp"
#include "accounts/caregiver_service.hpp"
#include "privacy/access_log.hpp"
#include "privacy/consent_store.hpp"
#include "records/visit_notes_service.hpp"
#include "scheduling/scheduling_service.hpp"
#include "security/audit_log.hpp"
#include "security/vault.hpp"

namespace medassist::privacy {

inline constexpr const char* kExportSchema = "medassist-export/1";

// The assistant's conversations about a patient, decrypted (the assistant provides it, so
// privacy/ needs no knowledge of its tables).
struct ExportedChatMessage {
    std::string conversationId;
    int seq = 0;
    std::string sender;  // "patient" (the patient or their caregiver, see byCaregiver) or "assistant"
    bool byCaregiver = false;
    std::string text;
    std::int64_t at = 0;
};
using ChatArchive = std::function<std::vector<ExportedChatMessage>(std::int64_t patientId)>;

// The patient's appointment reminders (issue 23; reminders/ provides it): their choice, and
// each reminder mailed (which appointment, for which start, when).
struct ExportedReminders {
    bool on = true;
    struct Sent {
        std::int64_t appointmentId = 0;
        std::string kind;  // "first", "second"
        std::int64_t forStart = 0, sentAt = 0;
    };
    std::vector<Sent> sent;
};
using ReminderArchive = std::function<ExportedReminders(std::int64_t patientId)>;

// Everything the export holds, decrypted; toJson writes it as the schema, the page as a document.
struct ExportData {
    std::int64_t exportedAt = 0;
    accounts::Profile profile;
    std::vector<ConsentEntry> consents;
    std::vector<scheduling::Appointment> appointments;
    std::vector<records::VisitNote> visitNotes;
    std::vector<accounts::CaregiverLink> caregiverLinks;
    std::vector<AccessEntry> accessLog;
    struct Conversation {
        std::string id;
        std::vector<ExportedChatMessage> messages;  // oldest first
    };
    std::vector<Conversation> conversations;
    std::optional<ExportedReminders> reminders;  // none when this build has no reminders
};

// How long a password confirmation on the page lets the patient download the file.
inline constexpr std::int64_t kExportGrantSeconds = 600;

class ExportService {
public:
    ExportService(accounts::AccountsService& accounts, ConsentStore& consents, scheduling::SchedulingService& scheduling,
                  records::VisitNotesService& notes, accounts::CaregiverService& caregivers, AccessLog& accessLog,
                  security::AuditLog& audit, const security::Vault& vault)
        : accounts_(accounts), consents_(consents), scheduling_(scheduling), notes_(notes), caregivers_(caregivers),
          accessLog_(accessLog), audit_(audit), vault_(vault) {}

    void setChatArchive(ChatArchive archive) { chats_ = std::move(archive); }
    void setReminderArchive(ReminderArchive archive) { reminders_ = std::move(archive); }

    // The whole document for the signed-in patient. Audited ("data_exported").
    Poco::JSON::Object::Ptr exportFor(const accounts::Principal& patient, const std::string& ip, std::int64_t now);
    // The same data, for the readable document. Audited ("data_exported").
    ExportData dataFor(const accounts::Principal& patient, const std::string& ip, std::int64_t now);
    // The schema's JSON of that data.
    Poco::JSON::Object::Ptr toJson(const ExportData& data);

    // A grant to download the file after the password was confirmed on the page, and its check
    // (the same patient, the same session, within kExportGrantSeconds).
    std::string grant(const accounts::Principal& patient, std::int64_t now) const;
    bool grantValid(const accounts::Principal& patient, const std::string& grant, std::int64_t now) const;

private:
    accounts::AccountsService& accounts_;
    ConsentStore& consents_;
    scheduling::SchedulingService& scheduling_;
    records::VisitNotesService& notes_;
    accounts::CaregiverService& caregivers_;
    AccessLog& accessLog_;
    security::AuditLog& audit_;
    const security::Vault& vault_;
    ChatArchive chats_;
    ReminderArchive reminders_;
};

}  // namespace medassist::privacy
