#include "security/hashing_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <stdexcept>

namespace medassist::security {

HashingPool::HashingPool(HashingPoolOptions options) : options_(options) {
    if (options_.threads < 1 || options_.threads > 64) throw std::invalid_argument("hashing threads must be 1 to 64");
    threads_.reserve(static_cast<std::size_t>(options_.threads));
    for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { loop(); });
}

HashingPool::~HashingPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    // Jobs still queued were never started: their callers hear busy, not a broken promise.
    for (auto& job : queue_)
        job.result.set_exception(std::make_exception_ptr(HashingBusy("password hashing stopped")));
}

std::string HashingPool::run(std::function<std::string()> work) {
    std::future<std::string> done;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) throw HashingBusy("password hashing stopped");
        if (queue_.size() >= options_.maxWaiting) throw HashingBusy("password hashing busy: too many sign-ins waiting");
        Job job{std::move(work), {}, std::chrono::steady_clock::now()};
        done = job.result.get_future();
        queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return done.get();
}

std::size_t HashingPool::waiting() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

void HashingPool::loop() {
    // Below the request threads: a hash takes only the CPU the pages leave. An error here
    // (a sandbox refusing it) leaves the priority as it was, which still works.
    if (options_.niceness != 0) (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), options_.niceness);
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        if (std::chrono::steady_clock::now() - job.queuedAt > options_.maxWait) {
            job.result.set_exception(std::make_exception_ptr(HashingBusy("password hashing busy: waited too long")));
            continue;
        }
        try {
            job.result.set_value(job.work());
        } catch (...) {
            job.result.set_exception(std::current_exception());
        }
    }
}

}  // namespace medassist::security
