#include "storage/statement_cache.hpp"

#include <mutex>
#include <unordered_map>
#include <utility>

namespace medassist::storage {

namespace {

struct Entry {
    std::unique_ptr<sql::PreparedStatement> statement;
    bool inUse = false;
};

// Used only by the thread holding the connection's lease; the registry's mutex guards the
// map of connections, not the caches.
struct Cache {
    std::unordered_map<std::string, Entry> statements;
};

std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}

std::unordered_map<sql::Connection*, std::unique_ptr<Cache>>& registry() {
    static std::unordered_map<sql::Connection*, std::unique_ptr<Cache>> r;
    return r;
}

Cache* cacheOf(sql::Connection* c) {
    std::lock_guard lock(registryMutex());
    auto it = registry().find(c);
    return it == registry().end() ? nullptr : it->second.get();
}

}  // namespace

Prepared::Prepared(Prepared&& other) noexcept
    : owned_(std::move(other.owned_)), cached_(std::exchange(other.cached_, nullptr)),
      inUse_(std::exchange(other.inUse_, nullptr)) {}

Prepared::~Prepared() {
    if (cached_) {
        try {
            cached_->clearParameters();
        } catch (...) {
            // nothing to do: the next use sets every parameter again
        }
    }
    if (inUse_) *inUse_ = false;
}

Prepared prepare(sql::Connection& c, const std::string& sql) {
    Cache* cache = cacheOf(&c);
    if (!cache) return Prepared(std::unique_ptr<sql::PreparedStatement>(c.prepareStatement(sql)));
    auto it = cache->statements.find(sql);
    if (it != cache->statements.end()) {
        if (it->second.inUse) return Prepared(std::unique_ptr<sql::PreparedStatement>(c.prepareStatement(sql)));
        it->second.inUse = true;
        return Prepared(it->second.statement.get(), &it->second.inUse);
    }
    std::unique_ptr<sql::PreparedStatement> fresh(c.prepareStatement(sql));
    if (cache->statements.size() >= kMaxCachedStatements) return Prepared(std::move(fresh));
    auto [slot, inserted] = cache->statements.emplace(sql, Entry{std::move(fresh), true});
    (void)inserted;
    return Prepared(slot->second.statement.get(), &slot->second.inUse);
}

void registerConnection(sql::Connection* c) {
    std::lock_guard lock(registryMutex());
    registry()[c] = std::make_unique<Cache>();
}

void forgetConnection(sql::Connection* c) noexcept {
    std::unique_ptr<Cache> gone;
    {
        std::lock_guard lock(registryMutex());
        auto it = registry().find(c);
        if (it == registry().end()) return;
        gone = std::move(it->second);
        registry().erase(it);
    }
    try {
        gone.reset();  // closes the statements while the connection still exists
    } catch (...) {
        // a connection that broke cannot close its statements; the server drops them with it
    }
}

}  // namespace medassist::storage
