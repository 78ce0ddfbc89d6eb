#include "privacy/retention_service.hpp"

#include <chrono>
#include <ctime>
#include <exception>
#include <sstream>

#include "common/logging.hpp"

namespace medassist::privacy {

std::string RetentionReport::summary() const {
    std::ostringstream out;
    out << chatMessages << " chat messages, " << conversations << " conversations, " << staffMessages
        << " staff messages, " << revokedTokens << " signed-out sessions, " << resetTokens << " reset tokens, "
        << unconfirmedAccounts << " unconfirmed accounts, " << confirmations << " confirmation links, "
        << rateCounters << " rate counters, " << loginFailures << " sign-in failure records, " << auditRows
        << " audit rows, " << keptRecords << " kept medical records";
    return out.str();
}

RetentionReport RetentionService::purge(std::int64_t nowEpoch) {
    RetentionReport r;
    if (chats_) {
        const auto c = chats_();
        r.chatMessages = c.messages;
        r.conversations = c.conversations;
        r.staffMessages = c.staffMessages;
    }
    r.revokedTokens = users_.purgeRevokedTokens(nowEpoch);
    r.resetTokens = users_.purgeResets(nowEpoch);
    r.unconfirmedAccounts = users_.purgeUnconfirmed(nowEpoch - kUnconfirmedSeconds);
    r.confirmations = users_.purgeConfirmations(nowEpoch);
    r.rateCounters = rates_.purgeExpired(nowEpoch);
    r.loginFailures = guard_.purgeExpired(nowEpoch);
    r.auditRows = audit_.purgeOlderThan(auditDays_, nowEpoch);
    if (keptRecords_) r.keptRecords = keptRecords_(nowEpoch);
    return r;
}

PeriodicPurge::PeriodicPurge(RetentionService& service, std::chrono::seconds every, ThreadHook threadInit,
                             ThreadHook threadEnd)
    : service_(service), every_(every), threadInit_(std::move(threadInit)), threadEnd_(std::move(threadEnd)) {
    thread_ = std::thread([this] {
        if (threadInit_) threadInit_();
        loop();
        if (threadEnd_) threadEnd_();
    });
}

PeriodicPurge::~PeriodicPurge() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void PeriodicPurge::loop() {
    std::unique_lock lock(mutex_);
    // The first purge waits a minute, so a starting app serves before it cleans up.
    auto next = std::chrono::steady_clock::now() + std::min<std::chrono::seconds>(every_, std::chrono::seconds(60));
    for (;;) {
        if (wake_.wait_until(lock, next, [this] { return stop_; })) return;
        lock.unlock();
        try {
            const auto r = service_.purge(static_cast<std::int64_t>(std::time(nullptr)));
            appLogger().information("retention: purged %s", r.summary());
        } catch (const std::exception& e) {
            appLogger().warning("retention: purge failed, next try in %ld s: %s", static_cast<long>(every_.count()),
                                std::string(e.what()));
        }
        lock.lock();
        next = std::chrono::steady_clock::now() + every_;
    }
}

}  // namespace medassist::privacy
