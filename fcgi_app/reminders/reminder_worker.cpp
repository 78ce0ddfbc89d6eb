#include "reminders/reminder_worker.hpp"

#include <algorithm>
#include <ctime>
#include <exception>
#include <string>

#include "common/logging.hpp"

namespace medassist::reminders {

std::int64_t systemNow() { return static_cast<std::int64_t>(std::time(nullptr)); }

ReminderWorker::ReminderWorker(Pass pass, WorkerTiming timing, Clock clock, ThreadHook threadInit,
                               ThreadHook threadEnd)
    : pass_(std::move(pass)),
      timing_{std::max(timing.every, std::chrono::seconds(1)), timing.firstAfter},
      clock_(std::move(clock)),
      threadInit_(std::move(threadInit)),
      threadEnd_(std::move(threadEnd)) {
    thread_ = std::thread([this] {
        if (threadInit_) threadInit_();
        loop();
        if (threadEnd_) threadEnd_();
    });
}

ReminderWorker::~ReminderWorker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ReminderWorker::loop() {
    std::unique_lock lock(mutex_);
    auto next = std::chrono::steady_clock::now() + timing_.firstAfter;
    for (;;) {
        if (wake_.wait_until(lock, next, [this] { return stop_; })) return;
        lock.unlock();
        try {
            const auto r = pass_(clock_());
            // Counts only: never who, which appointment or what the mail said.
            if (r.due > 0)
                appLogger().information("reminders: %z due, %z sent, %z claimed by another process or changed, "
                                        "%z not written to (no address, or a disabled account)",
                                        r.due, r.sent, r.claimedElsewhere, r.noAddress);
        } catch (const std::exception& e) {
            appLogger().warning("reminders: pass failed, next try in %ld s: %s", static_cast<long>(timing_.every.count()),
                                std::string(e.what()));
        }
        lock.lock();
        next = std::chrono::steady_clock::now() + timing_.every;
    }
}

}  // namespace medassist::reminders
