#pragma once
// Data portability (issue 5): everything the practice keeps about a patient, decrypted, as
// one JSON document whose schema is documented in fcgi_app/privacy/README.md ("medassist-export/1").
// Only the patient themselves may export (a caregiver acts for a patient, but the export is
// the patient's own right); the password is confirmed first by the caller, and every export
// is audited. Nothing of anyone else is in it: other people appear only as the role and
// public name the patient already sees (their doctor, their caregiver).
#include <cstdint>
#include <functional>
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

class ExportService {
public:
    ExportService(accounts::AccountsService& accounts, ConsentStore& consents, scheduling::SchedulingService& scheduling,
                  records::VisitNotesService& notes, accounts::CaregiverService& caregivers, AccessLog& accessLog,
                  security::AuditLog& audit)
        : accounts_(accounts), consents_(consents), scheduling_(scheduling), notes_(notes), caregivers_(caregivers),
          accessLog_(accessLog), audit_(audit) {}

    void setChatArchive(ChatArchive archive) { chats_ = std::move(archive); }

    // The whole document for the signed-in patient. Audited ("data_exported").
    Poco::JSON::Object::Ptr exportFor(const accounts::Principal& patient, const std::string& ip, std::int64_t now);

private:
    accounts::AccountsService& accounts_;
    ConsentStore& consents_;
    scheduling::SchedulingService& scheduling_;
    records::VisitNotesService& notes_;
    accounts::CaregiverService& caregivers_;
    AccessLog& accessLog_;
    security::AuditLog& audit_;
    ChatArchive chats_;
};

}  // namespace medassist::privacy
