#include "privacy/access_log_store.hpp"

#include "storage/sql_rows.hpp"

#include <memory>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::privacy {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

// 'YYYY-MM-DD HH:MM:SS' in UTC (the pool's sessions run with time_zone '+00:00').
std::string sqlTime(std::int64_t epochSeconds) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epochSeconds)),
                                           "%Y-%m-%d %H:%M:%S");
}
}  // namespace

void AccessLogStore::add(const AccessRow& row) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "INSERT INTO access_log (patient_id, actor_id, actor_role, action, data_kind, at) "
            "VALUES (?, ?, ?, ?, ?, COALESCE(?, UTC_TIMESTAMP(6)))"));
        st->setInt64(1, row.patientId);
        if (row.actorId) st->setInt64(2, *row.actorId);
        else st->setNull(2, 0);
        st->setString(3, row.actorRole);
        st->setString(4, row.action);
        st->setString(5, row.dataKind);
        if (row.at > 0) st->setString(6, sqlTime(row.at));
        else st->setNull(6, 0);
        st->executeUpdate();
    });
}

std::vector<AccessRow> AccessLogStore::forPatient(std::int64_t patientId, std::size_t limit) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "SELECT id, patient_id, actor_id, actor_role, action, data_kind, "
            "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', at) "
            "FROM access_log WHERE patient_id = ? ORDER BY at DESC, id DESC LIMIT ?"));
        st->setInt64(1, patientId);
        st->setInt(2, static_cast<int>(limit));
        Rows rs(st->executeQuery());
        std::vector<AccessRow> out;
        while (rs->next()) {
            AccessRow r;
            r.id = rs->getInt64(1);
            r.patientId = rs->getInt64(2);
            if (!rs->isNull(3)) r.actorId = rs->getInt64(3);
            r.actorRole = str(*rs, 4);
            r.action = str(*rs, 5);
            r.dataKind = str(*rs, 6);
            r.at = rs->getInt64(7);
            out.push_back(std::move(r));
        }
        return out;
    });
}

}  // namespace medassist::privacy
