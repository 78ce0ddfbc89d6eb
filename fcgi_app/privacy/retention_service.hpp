#pragma once
// Retention (issue 5): what is kept only for a while is deleted once its time is up, by
// `medassist-admin purge` and by the app itself about once an hour (PeriodicPurge).
//
//   chat messages, conversation state, staff-inbox messages   assistant.retention_days (90)
//   signed-out session ids                                    once the token would have expired
//   password-reset tokens                                     once used or expired (30 min)
//   accounts whose email was never confirmed                  a day after registration
//   email confirmation links                                  once used or expired (24 h)
//   rate-limit counters                                       once their window has passed
//   failed sign-in records                                    once they can no longer lock
//   audit rows                                                privacy.audit_retention_days (365),
//                                                             from the start of the chain, which
//                                                             keeps verifying from its new base
//   medical records kept after an erasure                     practice setting
//                                                             medical_record_retention_years (10)
//                                                             after their last visit (issue 22)
//
// Only counts are reported and logged, never what was deleted.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "accounts/user_store.hpp"
#include "security/audit_log.hpp"
#include "security/login_guard.hpp"
#include "security/rate_limit_store.hpp"

namespace medassist::privacy {

// An account whose owner never opened the confirmation link is deleted after this long.
constexpr std::int64_t kUnconfirmedSeconds = 24 * 3600;

struct RetentionReport {
    std::size_t chatMessages = 0, conversations = 0, staffMessages = 0;
    std::size_t unconfirmedAccounts = 0, confirmations = 0;
    std::size_t revokedTokens = 0, resetTokens = 0, rateCounters = 0, loginFailures = 0, auditRows = 0;
    std::size_t keptRecords = 0;
    // One line of counts, for the log and the command's output.
    std::string summary() const;
};

// The assistant's part, supplied by the assistant (privacy/ knows nothing of its tables):
// deletes what is older than its own retention and says how much went.
struct ChatPurgeCounts {
    std::size_t messages = 0, conversations = 0, staffMessages = 0;
};
using ChatPurge = std::function<ChatPurgeCounts()>;

// The medical records' part (records::KeptRecordsService::purge): deletes the kept records
// past their retention at `now` and says how many went.
using KeptRecordPurge = std::function<std::size_t(std::int64_t now)>;

class RetentionService {
public:
    RetentionService(accounts::UserStore& users, security::RateLimitStore& rates, security::LoginGuard& guard,
                     security::AuditLog& audit, int auditRetentionDays)
        : users_(users), rates_(rates), guard_(guard), audit_(audit), auditDays_(auditRetentionDays) {}

    void setChatPurge(ChatPurge purge) { chats_ = std::move(purge); }
    void setKeptRecordPurge(KeptRecordPurge purge) { keptRecords_ = std::move(purge); }

    // Deletes everything past its retention at `nowEpoch` (UTC seconds). A database fault
    // propagates; what was deleted before it stays deleted (each part is its own statement).
    RetentionReport purge(std::int64_t nowEpoch);

    int auditRetentionDays() const { return auditDays_; }

private:
    accounts::UserStore& users_;
    security::RateLimitStore& rates_;
    security::LoginGuard& guard_;
    security::AuditLog& audit_;
    int auditDays_;
    ChatPurge chats_;
    KeptRecordPurge keptRecords_;
};

// Runs a purge now and then on a thread of its own, until destroyed (RAII: the destructor
// wakes and joins it, so a stopping app never waits an hour). A failed purge is logged with
// its reason and tried again at the next interval.
class PeriodicPurge {
public:
    // threadInit and threadEnd run on the purge's own thread before its first and after its
    // last purge (the database client library wants them on every thread that uses it:
    // storage::ConnectionPool::threadInit / threadEnd).
    using ThreadHook = std::function<void()>;
    PeriodicPurge(RetentionService& service, std::chrono::seconds every, ThreadHook threadInit = {},
                  ThreadHook threadEnd = {});
    ~PeriodicPurge();
    PeriodicPurge(const PeriodicPurge&) = delete;
    PeriodicPurge& operator=(const PeriodicPurge&) = delete;

private:
    void loop();

    RetentionService& service_;
    std::chrono::seconds every_;
    ThreadHook threadInit_, threadEnd_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace medassist::privacy
