#include "mail/mail_outbox.hpp"

#include <algorithm>
#include <string>

namespace medassist::mail {

MailOutbox::MailOutbox(std::unique_ptr<Mailer> mailer, Poco::Logger& logger, OutboxOptions options)
    : mailer_(std::move(mailer)), logger_(logger), options_(std::move(options)) {
    if (!mailer_) throw MailError("the outbox needs a mailer", true);
    worker_ = std::thread([this] { run(); });
}

MailOutbox::~MailOutbox() { stop(); }

void MailOutbox::enqueue(MailMessage message) {
    try {
        validate(message);
    } catch (const MailError& e) {
        {
            std::lock_guard lock(mutex_);
            ++stats_.failed;
        }
        logger_.warning(std::string("mail not queued: ") + e.what());
        return;
    }
    std::size_t queued = 0;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= options_.capacity) {
            ++stats_.dropped;
            queued = queue_.size();
        } else {
            queue_.push_back(Pending{std::move(message), 0, {}});
            wake_.notify_one();
            return;
        }
    }
    std::string line = "mail outbox ";
    line.append(queued >= options_.capacity ? "full" : "stopped")
        .append(" (")
        .append(std::to_string(queued))
        .append(" queued): a message was dropped");
    logger_.warning(line);
}

bool MailOutbox::flush(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && !inFlight_; });
}

void MailOutbox::stop() {
    std::lock_guard joinLock(joinMutex_);
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

OutboxStats MailOutbox::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void MailOutbox::run() {
    for (;;) {
        Pending pending;
        {
            std::unique_lock lock(mutex_);
            for (;;) {
                if (queue_.empty()) {
                    if (stopping_) break;
                    wake_.wait(lock);
                    continue;
                }
                if (stopping_) break;  // no backoff while stopping: take the first one now
                const auto now = std::chrono::steady_clock::now();
                auto ready = queue_.end();
                auto earliest = queue_.front().notBefore;
                for (auto it = queue_.begin(); it != queue_.end(); ++it) {
                    if (it->notBefore <= now) {
                        ready = it;
                        break;
                    }
                    earliest = std::min(earliest, it->notBefore);
                }
                if (ready != queue_.end()) {
                    // Move it to the front so the code below takes it.
                    if (ready != queue_.begin()) {
                        Pending p = std::move(*ready);
                        queue_.erase(ready);
                        queue_.push_front(std::move(p));
                    }
                    break;
                }
                wake_.wait_until(lock, earliest);
            }
            if (queue_.empty()) break;  // stopping, and everything was sent
            if (stopping_ && failedWhileStopping_) {
                // The server just failed during shutdown: one timeout per message left
                // could hold the process for minutes, so the rest are given up together.
                const std::size_t left = queue_.size();
                stats_.failed += left;
                queue_.clear();
                lock.unlock();
                std::string line = "mail outbox stopping after a failed delivery: ";
                line.append(std::to_string(left)).append(" queued message(s) given up");
                logger_.error(line);
                break;
            }
            pending = std::move(queue_.front());
            queue_.pop_front();
            inFlight_ = true;
        }
        const bool finished = attempt(pending);
        {
            std::lock_guard lock(mutex_);
            inFlight_ = false;
            if (!finished) queue_.push_back(std::move(pending));
            if (queue_.empty()) idle_.notify_all();
        }
    }
    std::lock_guard lock(mutex_);
    idle_.notify_all();
}

bool MailOutbox::attempt(Pending& p) {
    const std::size_t tries = 1 + options_.retryDelays.size();
    std::string reason;
    bool permanent = false;
    ++p.triesDone;
    try {
        mailer_->send(p.message);
        std::lock_guard lock(mutex_);
        ++stats_.sent;
        return true;
    } catch (const MailError& e) {
        reason = e.what();
        permanent = e.permanent();
    } catch (const std::exception& e) {
        reason = exceptionTypeName(e);  // its text may quote the recipient
    } catch (...) {
        reason = "unknown exception";  // must not end the worker, or the queue stalls
    }
    bool stopping = false;
    {
        std::lock_guard lock(mutex_);
        stopping = stopping_;
    }
    // While stopping, a message waiting for a retry gets it at once, as its last one.
    const bool lastTry = permanent || p.triesDone >= tries || (stopping && p.triesDone >= 2);
    if (!lastTry) {
        const auto delay = stopping ? std::chrono::milliseconds(0) : options_.retryDelays[p.triesDone - 1];
        p.notBefore = std::chrono::steady_clock::now() + delay;
        std::string line = "mail delivery try ";
        line.append(std::to_string(p.triesDone))
            .append("/")
            .append(std::to_string(tries))
            .append(" failed (")
            .append(reason)
            .append("); retrying in ")
            .append(std::to_string(delay.count()))
            .append(" ms");
        logger_.warning(line);
        return false;
    }
    {
        std::lock_guard lock(mutex_);
        ++stats_.failed;
        if (stopping_ && !permanent) failedWhileStopping_ = true;
    }
    logger_.error("mail delivery failed, message given up (" + reason + ")");
    return true;
}

}  // namespace medassist::mail
