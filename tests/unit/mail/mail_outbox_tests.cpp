#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include "mail/mail_outbox.hpp"
#include "mail/mailer.hpp"
#include "../../support/temp_dir.hpp"

using namespace std::chrono_literals;
using medassist::mail::FileMailer;
using medassist::mail::Mailer;
using medassist::mail::MailError;
using medassist::mail::MailMessage;
using medassist::mail::MailOutbox;
using medassist::mail::OutboxOptions;

namespace {

// Keeps every line logged, to check what the outbox says and what it never says.
class CaptureChannel : public Poco::Channel {
public:
    void log(const Poco::Message& msg) override {
        std::lock_guard lock(mutex_);
        text_.append(msg.getText()).append("\n");
    }
    std::string text() const {
        std::lock_guard lock(mutex_);
        return text_;
    }

private:
    mutable std::mutex mutex_;
    std::string text_;
};

struct CapturedLogger {
    Poco::AutoPtr<CaptureChannel> channel{new CaptureChannel};
    Poco::Logger& logger;
    explicit CapturedLogger(const std::string& name) : logger(Poco::Logger::get("mail_test." + name)) {
        logger.setChannel(channel);
        logger.setLevel(Poco::Message::PRIO_DEBUG);
    }
    std::string text() const { return channel->text(); }
};

// Fails its first `failures` calls in the given way, then delivers; counts every call.
class ScriptedMailer : public Mailer {
public:
    enum class Failure { Transient, Permanent, PocoQuotingTheAddress };
    ScriptedMailer(int failures, Failure how, std::chrono::milliseconds work = 0ms, std::string failTo = "")
        : failures_(failures), how_(how), work_(work), failTo_(std::move(failTo)) {}
    void send(const MailMessage& m) override {
        std::this_thread::sleep_for(work_);
        std::lock_guard lock(mutex_);
        ++calls_;
        // failTo: every message to that address fails, the others go through.
        const bool fails = failTo_.empty() ? (failures_ < 0 || calls_ <= failures_) : m.to == failTo_;
        if (fails) {
            if (how_ == Failure::Permanent) throw MailError("SMTP delivery failed (550)", true);
            if (how_ == Failure::PocoQuotingTheAddress)
                throw Poco::IOException("server said: <" + m.to + "> " + m.subject + " rejected");
            throw MailError("SMTP connection failed (Poco::Net::ConnectionRefusedException)");
        }
        delivered_.push_back(m);
    }
    int calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    std::vector<MailMessage> delivered() const {
        std::lock_guard lock(mutex_);
        return delivered_;
    }

private:
    mutable std::mutex mutex_;
    int failures_;  // < 0: always
    Failure how_;
    std::chrono::milliseconds work_;
    std::string failTo_;
    int calls_ = 0;
    std::vector<MailMessage> delivered_;
};

// Blocks every send until released, to hold the worker busy.
class GateMailer : public Mailer {
public:
    void send(const MailMessage&) override {
        std::unique_lock lock(mutex_);
        ++entered_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
        ++sent_;
    }
    void waitEntered(int n) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, 5s, [&] { return entered_ >= n; });
    }
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int entered_ = 0;
    int sent_ = 0;
    bool open_ = false;
};

OutboxOptions fastRetries(std::size_t capacity = 1000) {
    OutboxOptions o;
    o.capacity = capacity;
    o.retryDelays = {10ms, 30ms};
    return o;
}

std::string numbered(const char* before, int n, const char* after) {
    std::string s = before;
    s.append(std::to_string(n)).append(after);
    return s;
}

long long elapsedMs(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
}

const MailMessage kReset{"anna.rossi@example.com", "Reimposta la password – Rossi", "Il tuo link: https://x/r/SECRET"};

void checkNothingPersonalIn(const std::string& log) {
    BOOST_TEST(log.find("anna") == std::string::npos);
    BOOST_TEST(log.find("example.com") == std::string::npos);
    BOOST_TEST(log.find("Reimposta") == std::string::npos);
    BOOST_TEST(log.find("SECRET") == std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mail_outbox)

BOOST_AUTO_TEST_CASE(delivers_through_a_file_mailer_and_flush_returns_when_done) {
    medassist::testing::TempDir tmp;
    CapturedLogger log("files");
    MailOutbox outbox(std::make_unique<FileMailer>(tmp.path, "no-reply@aurora-practice.example"), log.logger);
    for (int i = 0; i < 5; ++i) outbox.enqueue({numbered("p", i, "@example.com"), "s", "t"});
    BOOST_TEST(outbox.flush(10s));
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(tmp.path)) files += e.path().extension() == ".eml";
    BOOST_TEST(files == 5u);
    BOOST_TEST(outbox.stats().sent == 5u);
    BOOST_TEST(outbox.stats().failed == 0u);
}

BOOST_AUTO_TEST_CASE(enqueue_never_waits_for_a_slow_server) {
    CapturedLogger log("slow");
    auto mailer = std::make_unique<ScriptedMailer>(0, ScriptedMailer::Failure::Transient, 300ms);
    MailOutbox outbox(std::move(mailer), log.logger, fastRetries());
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i) outbox.enqueue(kReset);
    BOOST_TEST(elapsedMs(start) < 100);
    BOOST_TEST(outbox.flush(10s));
    BOOST_TEST(outbox.stats().sent == 3u);
}

BOOST_AUTO_TEST_CASE(a_failing_send_is_retried_and_then_delivered) {
    CapturedLogger log("retry");
    auto owned = std::make_unique<ScriptedMailer>(2, ScriptedMailer::Failure::Transient);
    ScriptedMailer& mailer = *owned;
    MailOutbox outbox(std::move(owned), log.logger, fastRetries());
    outbox.enqueue(kReset);
    BOOST_TEST(outbox.flush(5s));
    BOOST_TEST(mailer.calls() == 3);
    BOOST_TEST_REQUIRE(mailer.delivered().size() == 1u);
    BOOST_TEST(mailer.delivered()[0].text == kReset.text);
    BOOST_TEST(outbox.stats().sent == 1u);
    BOOST_TEST(log.text().find("try 1/3 failed") != std::string::npos);
    checkNothingPersonalIn(log.text());
}

BOOST_AUTO_TEST_CASE(a_message_that_keeps_failing_is_given_up_and_the_next_still_goes) {
    CapturedLogger log("give_up");
    // Every try of the first message fails; the second, queued after it, goes through
    // while the first waits for its retries (it is not held up behind them).
    auto owned = std::make_unique<ScriptedMailer>(0, ScriptedMailer::Failure::PocoQuotingTheAddress, 0ms, kReset.to);
    ScriptedMailer& mailer = *owned;
    MailOutbox outbox(std::move(owned), log.logger, fastRetries());
    outbox.enqueue(kReset);
    outbox.enqueue({"other@example.org", "s", "t"});
    BOOST_TEST(outbox.flush(5s));
    BOOST_TEST(mailer.calls() == 4);
    BOOST_TEST_REQUIRE(mailer.delivered().size() == 1u);
    BOOST_TEST(mailer.delivered()[0].to == "other@example.org");
    BOOST_TEST(outbox.stats().sent == 1u);
    BOOST_TEST(outbox.stats().failed == 1u);
    const std::string text = log.text();
    BOOST_TEST(text.find("given up") != std::string::npos);
    BOOST_TEST(text.find("(I/O error)") == std::string::npos);  // the class name, not the text
    BOOST_TEST(text.find("IOException") != std::string::npos);
    checkNothingPersonalIn(text);
    BOOST_TEST(text.find("other@") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_permanent_refusal_is_not_retried) {
    CapturedLogger log("permanent");
    auto owned = std::make_unique<ScriptedMailer>(-1, ScriptedMailer::Failure::Permanent);
    ScriptedMailer& mailer = *owned;
    MailOutbox outbox(std::move(owned), log.logger, fastRetries());
    outbox.enqueue(kReset);
    BOOST_TEST(outbox.flush(5s));
    BOOST_TEST(mailer.calls() == 1);
    BOOST_TEST(outbox.stats().failed == 1u);
}

BOOST_AUTO_TEST_CASE(an_invalid_message_is_refused_quietly_never_sent_and_never_logged) {
    CapturedLogger log("invalid");
    auto owned = std::make_unique<ScriptedMailer>(0, ScriptedMailer::Failure::Transient);
    ScriptedMailer& mailer = *owned;
    MailOutbox outbox(std::move(owned), log.logger, fastRetries());
    BOOST_CHECK_NO_THROW(outbox.enqueue({"anna@example.com\r\nBcc: thief@evil.example", "s", "t"}));
    BOOST_CHECK_NO_THROW(outbox.enqueue({"anna@example.com", "Reimposta\r\nBcc: x@y", "t"}));
    BOOST_TEST(outbox.flush(5s));
    BOOST_TEST(mailer.calls() == 0);
    BOOST_TEST(outbox.stats().failed == 2u);
    BOOST_TEST(log.text().find("not queued") != std::string::npos);
    checkNothingPersonalIn(log.text());
    BOOST_TEST(log.text().find("thief") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_full_queue_drops_new_messages_with_a_warning) {
    CapturedLogger log("full");
    auto owned = std::make_unique<GateMailer>();
    GateMailer& gate = *owned;
    MailOutbox outbox(std::move(owned), log.logger, fastRetries(2));
    outbox.enqueue(kReset);
    gate.waitEntered(1);        // the worker holds the first one
    outbox.enqueue(kReset);     // queued
    outbox.enqueue(kReset);     // queued: the queue is full
    outbox.enqueue(kReset);     // dropped
    BOOST_TEST(outbox.stats().dropped == 1u);
    BOOST_TEST(log.text().find("full") != std::string::npos);
    BOOST_TEST(!outbox.flush(50ms));
    gate.open();
    BOOST_TEST(outbox.flush(5s));
    BOOST_TEST(outbox.stats().sent == 3u);
    checkNothingPersonalIn(log.text());
}

BOOST_AUTO_TEST_CASE(stop_sends_what_is_queued_then_refuses_more) {
    CapturedLogger log("stop");
    auto owned = std::make_unique<ScriptedMailer>(0, ScriptedMailer::Failure::Transient, 20ms);
    ScriptedMailer& mailer = *owned;
    MailOutbox outbox(std::move(owned), log.logger, fastRetries());
    for (int i = 0; i < 10; ++i) outbox.enqueue(kReset);
    outbox.stop();
    BOOST_TEST(mailer.calls() == 10);
    BOOST_TEST(outbox.stats().sent == 10u);
    outbox.enqueue(kReset);
    BOOST_TEST(outbox.stats().dropped == 1u);
    BOOST_TEST(outbox.flush(1s));
    outbox.stop();  // twice is fine; so is the destructor after it
}

BOOST_AUTO_TEST_CASE(a_dead_server_does_not_hold_up_shutdown) {
    CapturedLogger log("dead");
    auto owned = std::make_unique<ScriptedMailer>(-1, ScriptedMailer::Failure::Transient);
    ScriptedMailer& mailer = *owned;
    OutboxOptions slow;
    slow.retryDelays = {10s, 30s};
    MailOutbox outbox(std::move(owned), log.logger, slow);
    for (int i = 0; i < 50; ++i) outbox.enqueue(kReset);
    while (mailer.calls() == 0) std::this_thread::sleep_for(1ms);  // the first is waiting to retry
    const auto start = std::chrono::steady_clock::now();
    outbox.stop();
    BOOST_TEST(elapsedMs(start) < 2000);
    // Each message had its first try (they do not wait behind each other's retries); after
    // the failure during shutdown the rest were given up at once.
    BOOST_TEST(mailer.calls() <= 51);
    BOOST_TEST(outbox.stats().failed == 50u);
    BOOST_TEST(outbox.stats().sent == 0u);
    checkNothingPersonalIn(log.text());
}

BOOST_AUTO_TEST_SUITE_END()
