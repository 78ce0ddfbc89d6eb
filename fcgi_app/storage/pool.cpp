#include "storage/pool.hpp"

#include <cppconn/driver.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include "common/unavailable.hpp"
#include "storage/statement_cache.hpp"

namespace medassist::storage {

bool isRetryableConflict(const sql::SQLException& e) {
    return e.getErrorCode() == 1213 /* deadlock */ || e.getErrorCode() == 1205 /* lock wait timeout */;
}

bool isConnectionError(const sql::SQLException& e) {
    switch (e.getErrorCode()) {
        case 1053:  // server shutdown in progress
        case 1927:  // connection killed
        case 2002:  // can't connect through socket
        case 2003:  // can't connect to server
        case 2005:  // unknown host
        case 2006:  // server has gone away
        case 2013:  // lost connection during query
        case 2026:  // TLS error
        case 2055:  // lost connection at reading
            return true;
        default:
            return e.getSQLState().rfind("08", 0) == 0;
    }
}

void ConnectionPool::throwUnavailable(const sql::SQLException& e) {
    throw Unavailable("database unavailable (error " + std::to_string(e.getErrorCode()) + ")");
}

ConnectionPool::ConnectionPool(DatabaseUrl url, PoolOptions options)
    : url_(std::move(url)), options_(options), driver_(sql::mysql::get_mysql_driver_instance()) {}

ConnectionPool::~ConnectionPool() {
    for (auto& entry : idle_) forgetConnection(entry.conn.get());
}

void ConnectionPool::threadInit() { sql::mysql::get_mysql_driver_instance()->threadInit(); }
void ConnectionPool::threadEnd() { sql::mysql::get_mysql_driver_instance()->threadEnd(); }

std::unique_ptr<sql::Connection> ConnectionPool::connect() {
    sql::ConnectOptionsMap opts;
    opts["hostName"] = sql::SQLString(url_.host);
    if (url_.socket.empty()) opts["port"] = url_.port;
    else opts["socket"] = sql::SQLString(url_.socket);
    opts["userName"] = sql::SQLString(url_.user);
    opts["password"] = sql::SQLString(url_.password);
    opts["schema"] = sql::SQLString(url_.database);
    opts["OPT_CONNECT_TIMEOUT"] = options_.connectTimeoutSeconds;
    opts["OPT_READ_TIMEOUT"] = options_.readTimeoutSeconds;
    opts["OPT_WRITE_TIMEOUT"] = options_.readTimeoutSeconds;
    opts["OPT_RECONNECT"] = false;  // a silent reconnect would lose session state mid-transaction
    opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    if (options_.multiStatements) opts["CLIENT_MULTI_STATEMENTS"] = true;
    try {
        std::unique_ptr<sql::Connection> conn(driver_->connect(opts));
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        st->execute("SET time_zone = '+00:00'");
        registerConnection(conn.get());  // its statements may now be kept (statement_cache.hpp)
        return conn;
    } catch (const sql::SQLException& e) {
        throwUnavailable(e);
    }
}

ConnectionPool::Lease ConnectionPool::acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + options_.acquireTimeout;
    while (true) {
        while (!idle_.empty()) {
            Idle entry = std::move(idle_.back());
            idle_.pop_back();
            const bool stale = std::chrono::steady_clock::now() - entry.since > options_.validateAfterIdle;
            if (!stale) return Lease(*this, std::move(entry.conn));
            lock.unlock();
            bool alive = false;
            try {
                alive = entry.conn->isValid();
            } catch (const sql::SQLException&) {
            }
            lock.lock();
            if (alive) return Lease(*this, std::move(entry.conn));
            forgetConnection(entry.conn.get());
            --open_;  // dropped: the server restarted or closed it
        }
        if (open_ < options_.maxSize) {
            ++open_;
            lock.unlock();
            try {
                auto conn = connect();
                return Lease(*this, std::move(conn));
            } catch (...) {
                lock.lock();
                --open_;
                freed_.notify_one();
                throw;
            }
        }
        if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= options_.maxSize)
            throw Unavailable("database pool exhausted");
    }
}

void ConnectionPool::release(std::unique_ptr<sql::Connection> conn, bool broken) {
    if (broken && conn) forgetConnection(conn.get());  // its statements go before it does
    std::lock_guard lock(mutex_);
    if (broken || !conn) {
        --open_;
    } else {
        idle_.push_back({std::move(conn), std::chrono::steady_clock::now()});
    }
    freed_.notify_one();
}

bool ConnectionPool::ping() {
    try {
        return run([](sql::Connection& c) {
            std::unique_ptr<sql::Statement> st(c.createStatement());
            std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SELECT 1"));
            return rs->next() && rs->getInt(1) == 1;
        });
    } catch (const Unavailable&) {
        return false;
    } catch (const sql::SQLException&) {
        return false;
    }
}

ConnectionPool::Lease::Lease(ConnectionPool& pool, std::unique_ptr<sql::Connection> conn)
    : pool_(&pool), conn_(std::move(conn)) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)), broken_(other.broken_) {
    other.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
    if (!pool_) return;
    bool broken = broken_;
    // A connection left inside a transaction (an exception skipped commit) is not reused.
    if (!broken && conn_) {
        try {
            broken = !conn_->getAutoCommit();
        } catch (...) {
            broken = true;
        }
    }
    pool_->release(std::move(conn_), broken);
}

Transaction::Transaction(sql::Connection& conn) : conn_(conn) { conn_.setAutoCommit(false); }

Transaction::~Transaction() {
    if (done_) return;
    try {
        conn_.rollback();
        conn_.setAutoCommit(true);
    } catch (...) {
        // The connection is unusable; the pool drops it because autocommit stays off.
    }
}

void Transaction::commit() {
    conn_.commit();
    done_ = true;
    conn_.setAutoCommit(true);
}

}  // namespace medassist::storage
