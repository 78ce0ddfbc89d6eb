#include "mail/mail_outbox.hpp"

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
            queue_.push_back(std::move(message));
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
        MailMessage message;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
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
            message = std::move(queue_.front());
            queue_.pop_front();
            inFlight_ = true;
        }
        deliver(message);
        {
            std::lock_guard lock(mutex_);
            inFlight_ = false;
            if (queue_.empty()) idle_.notify_all();
        }
    }
    std::lock_guard lock(mutex_);
    idle_.notify_all();
}

void MailOutbox::deliver(const MailMessage& message) {
    const std::size_t tries = 1 + options_.retryDelays.size();
    std::string reason;
    bool permanentFailure = false;
    for (std::size_t attempt = 1; attempt <= tries; ++attempt) {
        bool permanent = false;
        try {
            mailer_->send(message);
            std::lock_guard lock(mutex_);
            ++stats_.sent;
            return;
        } catch (const MailError& e) {
            reason = e.what();
            permanent = e.permanent();
        } catch (const std::exception& e) {
            reason = exceptionTypeName(e);  // its text may quote the recipient
        } catch (...) {
            reason = "unknown exception";  // must not end the worker, or the queue stalls
        }
        permanentFailure = permanent;
        if (permanent || attempt == tries) break;

        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;  // shutting down: a dead server must not hold it up
        }
        const auto delay = options_.retryDelays[attempt - 1];
        std::string line = "mail delivery try ";
        line.append(std::to_string(attempt))
            .append("/")
            .append(std::to_string(tries))
            .append(" failed (")
            .append(reason)
            .append("); retrying in ")
            .append(std::to_string(delay.count()))
            .append(" ms");
        logger_.warning(line);
        std::unique_lock lock(mutex_);
        // stop() cuts the wait short: the retry then happens at once, and is the last one.
        if (wake_.wait_for(lock, delay, [this] { return stopping_; })) attempt = tries - 1;
    }
    {
        std::lock_guard lock(mutex_);
        ++stats_.failed;
        if (stopping_ && !permanentFailure) failedWhileStopping_ = true;
    }
    logger_.error("mail delivery failed, message given up (" + reason + ")");
}

}  // namespace medassist::mail
