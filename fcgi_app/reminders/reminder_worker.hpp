#pragma once
// The reminders' background worker: one pass of ReminderService every `every`, on a thread of
// its own inside the app process, like the hourly purge (privacy::PeriodicPurge). Every app
// process on every host may run one: the database claim keeps each reminder to one mail.
// The moment a pass uses comes from an injected clock, so a test (or an operator, with
// `medassist-admin reminders run --now=...`) can run a pass at any moment without waiting.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "reminders/reminder_service.hpp"

namespace medassist::reminders {

// UTC epoch seconds.
using Clock = std::function<std::int64_t()>;
std::int64_t systemNow();

// One pass at a moment: ReminderService::runPass in the app, a recorder in the unit tests.
using Pass = std::function<PassReport(std::int64_t now)>;

struct WorkerTiming {
    std::chrono::seconds every{60};
    // The first pass waits this long, so a starting app serves before it works in the background.
    std::chrono::seconds firstAfter{30};
};

class ReminderWorker {
public:
    // threadInit and threadEnd run on the worker's thread before its first and after its last
    // pass (storage::ConnectionPool::threadInit / threadEnd).
    using ThreadHook = std::function<void()>;
    ReminderWorker(Pass pass, WorkerTiming timing, Clock clock = systemNow, ThreadHook threadInit = {},
                   ThreadHook threadEnd = {});
    ~ReminderWorker();  // wakes and joins the thread: a stopping app never waits a whole interval
    ReminderWorker(const ReminderWorker&) = delete;
    ReminderWorker& operator=(const ReminderWorker&) = delete;

private:
    void loop();

    Pass pass_;
    WorkerTiming timing_;
    Clock clock_;
    ThreadHook threadInit_, threadEnd_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace medassist::reminders
