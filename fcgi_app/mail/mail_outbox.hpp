#pragma once
// Sends mail on a thread of its own, so a request never waits on an SMTP server and a
// forgot-password answer takes the same time whether or not the account exists (the caller
// does the same cheap enqueue in both cases, or none at all, but never a network round trip).
// What it logs is counts and a generic reason: never an address, a subject or a text.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <Poco/Logger.h>

#include "mail/mailer.hpp"

namespace medassist::mail {

struct OutboxOptions {
    std::size_t capacity = 1000;  // beyond this, new messages are dropped (and logged)
    // Waits before the 2nd, 3rd, ... try; a message gets 1 + retryDelays.size() tries.
    std::vector<std::chrono::milliseconds> retryDelays{std::chrono::seconds(1), std::chrono::seconds(5)};
};

struct OutboxStats {
    std::size_t sent = 0;
    std::size_t failed = 0;    // given up after every try, or refused as malformed
    std::size_t dropped = 0;   // the queue was full, or the outbox stopped
};

class MailOutbox {
public:
    MailOutbox(std::unique_ptr<Mailer> mailer, Poco::Logger& logger, OutboxOptions options = {});
    ~MailOutbox();  // stop()
    MailOutbox(const MailOutbox&) = delete;
    MailOutbox& operator=(const MailOutbox&) = delete;

    // Never blocks on the network and never throws for a bad message: a message that fails
    // validate() is counted as failed and logged, so a caller cannot tell by timing or by an
    // exception (the same path runs for a known and an unknown account).
    void enqueue(MailMessage message);

    // Waits until every queued message has been sent or given up; false on timeout.
    bool flush(std::chrono::milliseconds timeout);

    // Sends what is queued, then joins the worker. While stopping there is no backoff: each
    // queued message gets one try, one waiting for a retry gets it at once, and after a
    // failure the rest are given up, so a dead server cannot hold up shutdown for long.
    // Later enqueues are dropped. Idempotent.
    void stop();

    OutboxStats stats() const;

private:
    // A message and its retry state: a message waiting for its retry never holds up the
    // ones queued after it (a dead recipient server must not delay every other mail).
    struct Pending {
        MailMessage message;
        std::size_t triesDone = 0;
        std::chrono::steady_clock::time_point notBefore{};
    };
    void run();
    // One try; true when the message is finished with (sent or given up).
    bool attempt(Pending& p);

    std::unique_ptr<Mailer> mailer_;
    Poco::Logger& logger_;
    OutboxOptions options_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;   // work arrived, or stopping
    std::condition_variable idle_;   // queue empty and nothing in flight
    std::deque<Pending> queue_;
    bool inFlight_ = false;
    bool stopping_ = false;
    bool failedWhileStopping_ = false;
    OutboxStats stats_;
    std::mutex joinMutex_;
    std::thread worker_;
};

}  // namespace medassist::mail
