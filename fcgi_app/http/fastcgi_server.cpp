#include "http/fastcgi_server.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>

#include <fcgiapp.h>

namespace medassist::http {

FastCgiServer::FastCgiServer(ServerOptions options, Dispatcher& dispatcher, Poco::Logger& log)
    : options_(std::move(options)), dispatcher_(dispatcher), log_(log) {}

FastCgiServer::~FastCgiServer() { stop(); }

void FastCgiServer::setThreadHooks(std::function<void()> onStart, std::function<void()> onEnd) {
    onStart_ = std::move(onStart);
    onEnd_ = std::move(onEnd);
}

void FastCgiServer::start() {
    if (FCGX_Init() != 0) throw std::runtime_error("FCGX_Init failed");
    std::error_code ec;
    std::filesystem::remove(options_.socketPath, ec);  // a stale socket from a killed run
    // Owner and group only: nginx runs as the same user (or group) in every set-up we ship.
    mode_t old = ::umask(0117);
    listenFd_ = FCGX_OpenSocket(options_.socketPath.c_str(), options_.backlog);
    ::umask(old);
    if (listenFd_ < 0) throw std::runtime_error("cannot listen on " + options_.socketPath);
    for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { worker(); });
    log_.information("listening on %s with %d worker threads", options_.socketPath, options_.threads);
}

void FastCgiServer::stop() {
    if (listenFd_ < 0 || stopping_.exchange(true)) return;
    // From here on connect() is refused (nginx tries the next server) and every thread
    // blocked in accept() wakes up. On Linux, accept on a shut-down listening socket still
    // hands out the connections already queued, whose requests nginx has sent and will not
    // send elsewhere, and fails once the queue is empty: each worker keeps accepting until
    // then, so the queued requests are answered, not reset (no FCGX_ShutdownPending, which
    // would stop libfcgi from accepting them). Threads busy with a request finish it first.
    ::shutdown(listenFd_, SHUT_RDWR);
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
    ::close(listenFd_);
    listenFd_ = -1;
    std::error_code ec;
    std::filesystem::remove(options_.socketPath, ec);
    log_.information("stopped");
}

void FastCgiServer::worker() {
    if (onStart_) onStart_();
    FCGX_Request req;
    FCGX_InitRequest(&req, listenFd_, 0);
    // Ends when accept fails: after stop(), once the queued connections are served.
    while (FCGX_Accept_r(&req) == 0) {
        // Everything is copied out of libfcgi's buffers before FCGX_Finish_r frees them.
        std::map<std::string, std::string> params;
        for (char** p = req.envp; p && *p; ++p) {
            const char* eq = std::strchr(*p, '=');
            if (!eq) continue;
            params.emplace(std::string(*p, static_cast<std::size_t>(eq - *p)), std::string(eq + 1));
        }
        FCGX_Stream* in = req.in;
        Request request(std::move(params),
                        [in](char* buf, std::size_t n) -> std::size_t {
                            int got = FCGX_GetStr(buf, static_cast<int>(n), in);
                            return got > 0 ? static_cast<std::size_t>(got) : 0;
                        },
                        options_.limits);
        Response response = dispatcher_.handle(request);
        std::string head = response.head();
        FCGX_PutStr(head.data(), static_cast<int>(head.size()), req.out);
        if (!response.body.empty())
            FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), req.out);
        FCGX_Finish_r(&req);
    }
    FCGX_Free(&req, 0);
    if (onEnd_) onEnd_();
}

}  // namespace medassist::http
