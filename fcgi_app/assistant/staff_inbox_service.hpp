#pragma once
// The staff inbox: what a patient (or their caregiver) asked the assistant to pass to the
// practice because it could not help. The text is the patient's own words, so it is kept
// encrypted under the patient's data key and shown decrypted only to admins, at
// /admin/inbox, with the patient's name and email so staff can answer.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "assistant/staff_inbox_store.hpp"
#include "privacy/access_log.hpp"
#include "security/audit_log.hpp"

namespace medassist::assistant {

struct StaffMessage {
    std::int64_t id = 0;
    std::int64_t createdAt = 0;            // UTC epoch seconds
    std::string patientName, patientEmail;  // "(account closed)" and "" once the patient is gone
    std::optional<std::string> caregiverName;  // when a caregiver sent it for the patient
    std::string text;
    std::optional<std::int64_t> handledAt;
};

class StaffInboxService {
public:
    static constexpr std::size_t kMaxChars = 2000;  // longer texts are cut (a chat message has at most 1000)

    StaffInboxService(StaffInboxStore& store, accounts::AccountsService& accounts, privacy::AccessLog& accessLog,
                      security::AuditLog& audit)
        : store_(store), accounts_(accounts), accessLog_(accessLog), audit_(audit) {}

    // A message about patientId, typed by sentBy (the patient, or their caregiver).
    void leave(std::int64_t patientId, std::int64_t sentBy, const std::string& text);

    // Admins only (anyone else gets nothing): the newest messages first.
    std::vector<StaffMessage> inbox(const accounts::Principal& admin, std::size_t limit = 200);
    // False when there is no such message, it was handled already, or `admin` is no admin.
    bool markHandled(const accounts::Principal& admin, std::int64_t id, const std::string& ip);

private:
    StaffInboxStore& store_;
    accounts::AccountsService& accounts_;
    privacy::AccessLog& accessLog_;
    security::AuditLog& audit_;
};

}  // namespace medassist::assistant
