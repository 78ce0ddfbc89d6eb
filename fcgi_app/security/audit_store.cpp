#include "security/audit_store.hpp"

#include "storage/statement_cache.hpp"

#include <memory>
#include <stdexcept>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::security {

namespace {

constexpr const char* kColumns = "SELECT id, at, event, actor, network, detail, prev_hash, hash FROM audit_log";

AuditRow readRow(sql::ResultSet& rs) {
    AuditRow r;
    r.id = rs.getInt64(1);
    r.time = rs.getString(2);
    r.event = rs.getString(3);
    r.actor = rs.getString(4);
    r.network = rs.getString(5);
    r.detail = rs.getString(6);
    r.prevHash = rs.getString(7);
    r.hash = rs.getString(8);
    return r;
}

std::vector<AuditRow> readAll(sql::Connection& c) {
    storage::Prepared st(storage::prepare(c, std::string(kColumns) + " ORDER BY id"));
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
    std::vector<AuditRow> rows;
    while (rs->next()) rows.push_back(readRow(*rs));
    return rows;
}

AuditHead readHead(sql::Connection& c, bool forUpdate) {
    storage::Prepared st(storage::prepare(c, 
        forUpdate ? "SELECT last_id, last_hash, base_id, base_hash FROM audit_head WHERE id = 1 FOR UPDATE"
                  : "SELECT last_id, last_hash, base_id, base_hash FROM audit_head WHERE id = 1"));
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
    // The migration inserts the head; without it the chain has no anchor to verify against.
    if (!rs->next()) throw std::runtime_error("audit_head row is missing");
    return AuditHead{static_cast<std::int64_t>(rs->getUInt64(1)), rs->getString(2),
                     static_cast<std::int64_t>(rs->getUInt64(3)), rs->getString(4)};
}

}  // namespace

const std::string& AuditStore::genesisHash() {
    static const std::string genesis(64, '0');
    return genesis;
}

AuditRow AuditStore::append(AuditRow row) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        // The head's row lock orders concurrent writers, in every process: each one links to
        // the hash its predecessor wrote.
        const AuditHead head = readHead(c, true);
        row.id = head.lastId + 1;
        if (row.time.empty())
            row.time = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%S.%FZ");
        row.prevHash = head.lastHash;
        row.hash = auditHash(row, row.prevHash);
        {
            storage::Prepared ins(storage::prepare(c, 
                "INSERT INTO audit_log (id, at, event, actor, network, detail, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
            ins->setInt64(1, row.id);
            ins->setString(2, row.time);
            ins->setString(3, row.event);
            ins->setString(4, row.actor);
            ins->setString(5, row.network);
            ins->setString(6, row.detail);
            ins->setString(7, row.prevHash);
            ins->setString(8, row.hash);
            ins->executeUpdate();
        }
        std::unique_ptr<sql::PreparedStatement> up(
            c.prepareStatement("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1"));
        up->setInt64(1, row.id);
        up->setString(2, row.hash);
        up->executeUpdate();
        tx.commit();
        return row;
    });
}

std::vector<AuditRow> AuditStore::all() {
    return pool_.run([](sql::Connection& c) { return readAll(c); });
}

std::vector<AuditRow> AuditStore::recent(std::size_t limit) {
    return pool_.run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(
            c.prepareStatement(std::string(kColumns) + " ORDER BY id DESC LIMIT ?"));
        st->setUInt64(1, limit);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        std::vector<AuditRow> rows;
        while (rs->next()) rows.push_back(readRow(*rs));
        return rows;
    });
}

std::vector<AuditRow> AuditStore::search(const Filter& f) {
    std::string q = std::string(kColumns) + " WHERE 1 = 1";
    std::vector<std::string> args;
    if (!f.event.empty()) q += " AND event = ?", args.push_back(f.event);
    if (!f.network.empty()) q += " AND network = ?", args.push_back(f.network);
    if (!f.fromIso.empty()) q += " AND at >= ?", args.push_back(f.fromIso);
    if (!f.toIso.empty()) q += " AND at < ?", args.push_back(f.toIso);
    q += " ORDER BY id DESC LIMIT ? OFFSET ?";
    return pool_.run([&](sql::Connection& c) {
        storage::Prepared st(storage::prepare(c, q));
        int i = 1;
        for (const auto& a : args) st->setString(i++, a);
        st->setUInt64(i++, f.limit);
        st->setUInt64(i, f.offset);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        std::vector<AuditRow> rows;
        while (rs->next()) rows.push_back(readRow(*rs));
        return rows;
    });
}

std::vector<std::pair<std::string, long long>> AuditStore::countsByNetwork(const std::vector<std::string>& events,
                                                                          const std::string& sinceIso,
                                                                          long long atLeast) {
    std::string q = "SELECT network, COUNT(*) AS n FROM audit_log WHERE at >= ? AND event IN (";
    for (std::size_t i = 0; i < events.size(); ++i) q += i ? ", ?" : "?";
    q += ") GROUP BY network HAVING n >= ? ORDER BY n DESC, network LIMIT 50";
    return pool_.run([&](sql::Connection& c) {
        storage::Prepared st(storage::prepare(c, q));
        int i = 1;
        st->setString(i++, sinceIso);
        for (const auto& e : events) st->setString(i++, e);
        st->setInt64(i, atLeast);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        std::vector<std::pair<std::string, long long>> out;
        while (rs->next()) out.emplace_back(rs->getString(1).c_str(), static_cast<long long>(rs->getInt64(2)));
        return out;
    });
}

AuditHead AuditStore::head() {
    return pool_.run([](sql::Connection& c) { return readHead(c, false); });
}

AuditSnapshot AuditStore::snapshot() {
    return pool_.run([](sql::Connection& c) {
        // Both reads in one InnoDB read view (REPEATABLE READ, the server's default).
        storage::Transaction tx(c);
        AuditSnapshot s;
        s.head = readHead(c, false);
        s.rows = readAll(c);
        tx.commit();
        return s;
    });
}

std::size_t AuditStore::purgeBefore(const std::string& cutoffIso) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        const AuditHead head = readHead(c, true);
        // The first row to keep; with none, every row goes and the base becomes the head.
        std::unique_ptr<sql::PreparedStatement> first(
            c.prepareStatement("SELECT id, prev_hash FROM audit_log WHERE at >= ? ORDER BY id LIMIT 1"));
        first->setString(1, cutoffIso);
        std::unique_ptr<sql::ResultSet> rs(first->executeQuery());
        std::int64_t baseId = head.lastId;
        std::string baseHash = head.lastHash;
        if (rs->next()) {
            baseId = static_cast<std::int64_t>(rs->getUInt64(1)) - 1;
            baseHash = rs->getString(2);
        }
        if (baseId <= head.baseId) return std::size_t{0};
        storage::Prepared del(storage::prepare(c, "DELETE FROM audit_log WHERE id <= ?"));
        del->setInt64(1, baseId);
        const auto removed = static_cast<std::size_t>(del->executeUpdate());
        std::unique_ptr<sql::PreparedStatement> up(
            c.prepareStatement("UPDATE audit_head SET base_id = ?, base_hash = ? WHERE id = 1"));
        up->setInt64(1, baseId);
        up->setString(2, baseHash);
        up->executeUpdate();
        tx.commit();
        return removed;
    });
}

}  // namespace medassist::security
