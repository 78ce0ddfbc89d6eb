#pragma once
// Prepared statements kept per pooled connection, so a statement a store runs again is
// prepared once per connection instead of on every call (Connector/C++ prepares on the
// server: without the cache each statement costs three round trips, prepare, execute and
// close, and the server parses and plans it every time).
//
//   Stmt st(storage::prepare(c, "SELECT ... WHERE id = ?"));   // in a *_store
//
// The cache belongs to the connection: ConnectionPool registers each connection it makes
// and forgets it (closing its statements first) before the connection goes. A connection
// the pool did not make, a statement already in use on this connection (a nested call), or
// a full cache get a statement of their own, closed when the handle goes, as before.
#include <cstddef>
#include <memory>
#include <string>

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>

namespace medassist::storage {

class Prepared {
public:
    // A cached statement, marked in use until this handle goes.
    Prepared(sql::PreparedStatement* cached, bool* inUse) : cached_(cached), inUse_(inUse) {}
    // A statement of its own, closed when this handle goes.
    explicit Prepared(std::unique_ptr<sql::PreparedStatement> owned) : owned_(std::move(owned)) {}
    Prepared(Prepared&& other) noexcept;
    Prepared& operator=(Prepared&&) = delete;
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;
    ~Prepared();

    sql::PreparedStatement* operator->() const { return get(); }
    sql::PreparedStatement& operator*() const { return *get(); }
    sql::PreparedStatement* get() const { return owned_ ? owned_.get() : cached_; }

private:
    std::unique_ptr<sql::PreparedStatement> owned_;
    sql::PreparedStatement* cached_ = nullptr;
    bool* inUse_ = nullptr;
};

// The statement for this SQL on this connection (see above).
Prepared prepare(sql::Connection& c, const std::string& sql);

// For ConnectionPool: a connection whose statements may be cached, and the end of it (its
// statements are closed; call before the connection is destroyed).
void registerConnection(sql::Connection* c);
void forgetConnection(sql::Connection* c) noexcept;

inline constexpr std::size_t kMaxCachedStatements = 256;  // per connection

}  // namespace medassist::storage
