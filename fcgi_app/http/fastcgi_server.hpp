#pragma once
// The libfcgi transport: FCGX_Init once, one FCGX_Request per worker thread, all
// accepting on one unix socket. stop() lets in-flight requests finish and wakes the
// threads blocked in accept, so SIGTERM never hangs.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Logger.h>

#include "http/dispatcher.hpp"

namespace medassist::http {

struct ServerOptions {
    std::string socketPath;  // unix socket nginx connects to
    int threads = 8;
    int backlog = 256;
    RequestLimits limits;
};

class FastCgiServer {
public:
    FastCgiServer(ServerOptions options, Dispatcher& dispatcher, Poco::Logger& log);
    ~FastCgiServer();

    void start();  // opens the socket and starts the workers
    void stop();   // graceful: waits for in-flight requests

    // Hooks run on each worker thread at start and end (e.g. the DB driver's thread init).
    void setThreadHooks(std::function<void()> onStart, std::function<void()> onEnd);

private:
    void worker();

    ServerOptions options_;
    Dispatcher& dispatcher_;
    Poco::Logger& log_;
    int listenFd_ = -1;
    std::vector<std::thread> threads_;
    std::atomic<bool> stopping_{false};
    std::function<void()> onStart_, onEnd_;
};

}  // namespace medassist::http
