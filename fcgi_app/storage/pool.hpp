#pragma once
// A bounded pool of MySQL Connector/C++ connections. A connection that fails with a
// connection-level error is discarded, and one that sat idle is pinged before reuse, so
// the app recovers by itself after MariaDB restarts. Connection faults surface as
// medassist::Unavailable (a 503 page), never as a crash.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <cppconn/connection.h>
#include <cppconn/exception.h>

#include "storage/database_url.hpp"

namespace sql { class Driver; }

namespace medassist::storage {

struct PoolOptions {
    std::size_t maxSize = 8;
    std::chrono::milliseconds acquireTimeout{2000};
    int connectTimeoutSeconds = 2;
    int readTimeoutSeconds = 30;
    std::chrono::milliseconds validateAfterIdle{2000};
    bool multiStatements = false;  // only the migrations runner needs it
};

// True for errors that mean the connection (or the server) is gone rather than the query being wrong.
bool isConnectionError(const sql::SQLException& e);

// True for errors after which the server has rolled the transaction back and running it again
// is the expected answer: an InnoDB deadlock (1213) or lock-wait timeout (1205).
bool isRetryableConflict(const sql::SQLException& e);

class ConnectionPool {
public:
    ConnectionPool(DatabaseUrl url, PoolOptions options);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<sql::Connection> conn);
        Lease(Lease&&) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        sql::Connection& operator*() { return *conn_; }
        sql::Connection* operator->() { return conn_.get(); }
        void discard() { broken_ = true; }

    private:
        ConnectionPool* pool_;
        std::unique_ptr<sql::Connection> conn_;
        bool broken_ = false;
    };

    // Throws Unavailable when no connection can be made or none frees up in time.
    Lease acquire();

    // Runs f with a pooled connection. A connection-level failure discards the connection
    // and is rethrown as Unavailable; other SQL errors propagate unchanged.
    template <class F>
    auto run(F&& f) -> decltype(f(std::declval<sql::Connection&>())) {
        Lease lease = acquire();
        try {
            return f(*lease);
        } catch (const sql::SQLException& e) {
            if (isConnectionError(e)) {
                lease.discard();
                throwUnavailable(e);
            }
            throw;
        }
    }

    // Like run, for f that is one transaction (storage::Transaction) or one statement, with
    // nothing outside the database done before its last statement: when the server rolls it
    // back as a deadlock or a lock-wait timeout, f runs again (at most kConflictTries times),
    // so two requests racing on an index's gap never reach a person as a 500.
    static constexpr int kConflictTries = 4;
    template <class F>
    auto runRetrying(F&& f) -> decltype(f(std::declval<sql::Connection&>())) {
        for (int attempt = 1;; ++attempt) {
            try {
                return run(f);
            } catch (const sql::SQLException& e) {
                if (!isRetryableConflict(e) || attempt >= kConflictTries) throw;
            }
        }
    }

    // SELECT 1 through the pool: true when the database answers.
    bool ping();

    // Each thread that uses the driver calls these once (MySQL client library rule).
    static void threadInit();
    static void threadEnd();

private:
    struct Idle {
        std::unique_ptr<sql::Connection> conn;
        std::chrono::steady_clock::time_point since;
    };
    std::unique_ptr<sql::Connection> connect();
    void release(std::unique_ptr<sql::Connection> conn, bool broken);
    [[noreturn]] static void throwUnavailable(const sql::SQLException& e);

    DatabaseUrl url_;
    PoolOptions options_;
    sql::Driver* driver_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<Idle> idle_;
    std::size_t open_ = 0;
};

// Rolls back unless commit() was called, so an exception never leaves half a change.
class Transaction {
public:
    explicit Transaction(sql::Connection& conn);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    sql::Connection& conn_;
    bool done_ = false;
};

}  // namespace medassist::storage
