#pragma once
// Password hashing off the request threads. bcrypt at cost 12 takes about a quarter of a
// second of CPU; on the FastCGI workers a burst of sign-ins (10 a second is already more
// than two cores can hash) would hold every worker and every core, and each page would wait
// behind it. Here hashes run on a few threads of their own (default one) at a low CPU
// priority, so they use what the pages leave; at most `maxWaiting` sign-ins wait for one,
// and none waits longer than `maxWait` to start: past either, the caller gets HashingBusy,
// which the dispatcher answers with 503 and Retry-After, like any other Unavailable.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/unavailable.hpp"

namespace medassist::security {

class HashingBusy : public Unavailable {
public:
    using Unavailable::Unavailable;
};

struct HashingPoolOptions {
    int threads = 1;
    // Jobs allowed to wait for a hashing thread (not counting those being hashed).
    std::size_t maxWaiting = 4;
    // A job that waited this long before a thread took it is answered busy, not hashed.
    std::chrono::milliseconds maxWait{5000};
    // The threads' nice value, set once per thread (Linux applies it per thread); 0 keeps
    // the process's.
    int niceness = 10;
};

class HashingPool {
public:
    explicit HashingPool(HashingPoolOptions options = {});
    ~HashingPool();
    HashingPool(const HashingPool&) = delete;
    HashingPool& operator=(const HashingPool&) = delete;

    // Runs the job on a hashing thread and returns its result (its exception, rethrown);
    // throws HashingBusy at once when maxWaiting jobs already wait, or when this one waited
    // past maxWait.
    std::string run(std::function<std::string()> job);

    std::size_t waiting() const;
    const HashingPoolOptions& options() const { return options_; }

private:
    struct Job {
        std::function<std::string()> work;
        std::promise<std::string> result;
        std::chrono::steady_clock::time_point queuedAt;
    };
    void loop();

    HashingPoolOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace medassist::security
