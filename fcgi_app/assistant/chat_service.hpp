#pragma once
// The rules around one chat turn (DESIGN.md, "The assistant"): whose conversation it is,
// which patient it is about, what is stored and how, what is audited and logged. No SQL
// (ConversationStore, StaffInboxStore) and no HTTP (chat_routes).
//
// - The subject: a patient chats about themselves. A caregiver chats about one linked
//   patient: the one chosen at /account/acting-for (the __Host-acting cookie), else the
//   only one they have; with several and none chosen the chat asks "Which patient are you
//   acting for?" and the next message naming one (a first name, "the first one") settles
//   it for that conversation. The engine never receives an id: it gets a ScopedPatient.
// - Conversations are found by (id, owner, subject): an id from a request finds only the
//   signed-in user's own conversation about a patient they may act for; anything else is
//   NotFound, exactly like an id that never existed.
// - Every message, and the dialogue state, is encrypted under the subject's data key (the
//   patient's, also when a caregiver types). The audit log gets what the turn did (a kind
//   and a label); the app log gets the intent label and the time taken. Never the text.
// - Retention: messages and state older than assistant.retention_days are purged, by
//   ChatRetention, which privacy::RetentionService runs (the app about once an hour,
//   `medassist-admin purge`).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "accounts/caregiver_service.hpp"
#include "assistant/conversation_store.hpp"
#include "assistant/engine/assistant.hpp"
#include "assistant/faq_source.hpp"
#include "assistant/staff_inbox_service.hpp"
#include "assistant/staff_inbox_store.hpp"
#include "privacy/access_log.hpp"
#include "privacy/export_service.hpp"
#include "privacy/retention_service.hpp"
#include "scheduling/scheduling_service.hpp"
#include "security/audit_log.hpp"

namespace medassist::assistant {

inline constexpr std::size_t kMaxMessageChars = 1000;
inline constexpr std::size_t kHistoryMessages = 50;

// Why a message cannot be a turn ("Type a message.", too long, control characters), or
// nullopt when it can. Counts characters (code points), not bytes; `message` is trimmed
// first by the caller.
std::optional<std::string> messageProblem(const std::string& message);
// Spaces and line ends trimmed from both ends.
std::string trimMessage(const std::string& message);
// A conversation id as this service makes them: 32 lower-case hex characters.
bool isConversationId(const std::string& id);

struct ChatSuggestion {
    std::string label, message;
};

// What a turn answers (the API's JSON, the page after the redirect).
struct ChatTurn {
    std::optional<std::string> conversationId;  // nullopt: no conversation (a caregiver nobody linked)
    std::string reply, intent, state;
    double confidence = 0.0;
    std::vector<ChatSuggestion> suggestions;
};

struct TurnOutcome {
    enum class Kind {
        Ok,
        NotFound,         // the conversation id is not the user's own (or it was closed)
        ConsentRequired,  // the consent seam said no: nothing ran, nothing was stored
    } kind = Kind::Ok;
    ChatTurn turn;
};

struct TurnInput {
    std::string message;                        // trimmed, checked with messageProblem()
    std::optional<std::string> conversationId;  // the API's conversation_id
    std::optional<std::int64_t> actingChoice;   // the __Host-acting cookie, unchecked
    std::string ip;                             // for the audit log (it truncates)
    std::string lang = "en";                    // the reader's page language: a new conversation starts in it
};

// Whom a request acts for, before any conversation.
struct SubjectChoice {
    enum class Kind {
        Chosen,     // subject is set
        Ambiguous,  // a caregiver with several linked patients and no (valid) choice
        NoLinks,    // a caregiver nobody linked (or no patient-side role at all)
    } kind = Kind::NoLinks;
    std::optional<accounts::Subject> subject;
    std::string subjectName;  // for a caregiver: the patient's name, shown on the page
};

struct ChatLine {
    bool fromAssistant = false;
    std::string text;
    std::int64_t at = 0;  // UTC epoch seconds
};

struct ChatPage {
    std::optional<std::string> conversationId;  // nullopt: none open yet (a welcome is shown)
    std::vector<ChatLine> lines;                 // oldest first
    std::vector<ChatSuggestion> suggestions;     // the last reply's quick replies
};

// Deletes what is older than the retention period. Shared by the app and medassist-admin, and
// handed to privacy::RetentionService as its chat part (the counts are privacy's own type).
class ChatRetention {
public:
    ChatRetention(ConversationStore& conversations, StaffInboxStore& inbox, int retentionDays)
        : conversations_(conversations), inbox_(inbox), days_(retentionDays) {}
    privacy::ChatPurgeCounts purge();
    int days() const { return days_; }

private:
    ConversationStore& conversations_;
    StaffInboxStore& inbox_;
    int days_;
};

class ChatService {
public:
    // Whether the patient agreed to the practice storing medical information (issue 5).
    // Unset: allowed. When it says no, turn() answers ConsentRequired and stores nothing.
    using ConsentCheck = std::function<bool(std::int64_t patientId)>;

    ChatService(const engine::Assistant& assistant, FaqSource& faq, ConversationStore& conversations,
                StaffInboxService& inbox, scheduling::SchedulingService& scheduling,
                accounts::AccountsService& accounts, accounts::CaregiverService& caregivers,
                privacy::AccessLog& accessLog, security::AuditLog& audit);

    // The consent seam (issue 5): wire ConsentService::hasConsent here once it exists.
    void setConsentCheck(ConsentCheck check) { consent_ = std::move(check); }

    // Whether the subject agreed to the practice storing medical information (issue 5): no
    // conversation is kept, or even offered, without it.
    bool mayStore(const accounts::Subject& subject) const { return !consent_ || consent_(subject.patientId); }

    SubjectChoice subjectFor(const accounts::Principal& who, std::optional<std::int64_t> actingChoice);

    // One turn of the API (conversation id optional) or of the page (no id: the current
    // conversation of the subject the cookie or the only link names).
    TurnOutcome turn(const accounts::Principal& who, const TurnInput& in);

    // The page: the current conversation about the subject, its last messages decrypted.
    ChatPage page(const accounts::Principal& who, const accounts::Subject& subject, const std::string& lang = "en");
    // Every chat message about the patient, decrypted, for their export (privacy::ChatArchive).
    std::vector<privacy::ExportedChatMessage> archive(std::int64_t patientId);

    // "New conversation": ends the current one; the next turn or page opens a fresh one.
    void startOver(const accounts::Principal& who, const accounts::Subject& subject);

private:
    struct State {
        std::string blob, name;
        std::vector<ChatSuggestion> suggestions;
    };

    std::vector<accounts::CaregiverLink> linkedPatients(const accounts::Principal& who);
    std::string newConversationId() const;
    // Opens a conversation about the subject, its first message the assistant's welcome.
    ConversationRow open(const accounts::Principal& who, const accounts::Subject& subject, const std::string& ip,
                         const std::string& prefix, ChatTurn& welcome, const std::string& lang);
    ChatTurn runTurn(const accounts::Principal& who, const accounts::Subject& subject, const ConversationRow& row,
                     const std::string& message, const std::string& ip, const std::string& lang);
    // A caregiver's conversation that waits for the choice of a patient.
    TurnOutcome choose(const accounts::Principal& who, const ConversationRow& row, const std::string& message,
                       const std::string& ip, const std::string& lang);
    ChatTurn askWhom(const std::string& conversationId, const std::vector<accounts::CaregiverLink>& links) const;

    State readState(const ConversationRow& row, const std::string& key) const;
    std::string sealState(const std::string& key, const std::string& conversationId, const engine::TurnResult& r) const;
    void audit(const accounts::Principal& who, const std::string& ip, const std::vector<engine::TurnEvent>& events);

    const engine::Assistant& assistant_;
    FaqSource& faq_;
    ConversationStore& conversations_;
    StaffInboxService& inbox_;
    scheduling::SchedulingService& scheduling_;
    accounts::AccountsService& accounts_;
    accounts::CaregiverService& caregivers_;
    privacy::AccessLog& accessLog_;
    security::AuditLog& audit_;
    ConsentCheck consent_;
};

}  // namespace medassist::assistant
