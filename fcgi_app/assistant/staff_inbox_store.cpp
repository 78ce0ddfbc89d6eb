#include "assistant/staff_inbox_store.hpp"

#include <algorithm>

#include "storage/sql_rows.hpp"

namespace medassist::assistant {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

constexpr const char* kColumns =
    "SELECT id, subject_id, sent_by, text_ct, TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', created_at), "
    "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', handled_at), handled_by FROM staff_messages ";

StaffMessageRow readRow(sql::ResultSet& rs) {
    StaffMessageRow r;
    r.id = rs.getInt64(1);
    r.subjectId = rs.getInt64(2);
    r.sentBy = rs.getInt64(3);
    r.textCt = str(rs, 4);
    r.createdAt = rs.getInt64(5);
    if (!rs.isNull(6)) r.handledAt = rs.getInt64(6);
    if (!rs.isNull(7)) r.handledBy = rs.getInt64(7);
    return r;
}
}  // namespace

std::int64_t StaffInboxStore::add(std::int64_t subjectId, std::int64_t sentBy,
                                  const std::function<std::string(std::int64_t)>& seal) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        {
            Stmt st(storage::prepare(c, "INSERT INTO staff_messages (subject_id, sent_by, text_ct) VALUES (?, ?, '')"));
            st->setInt64(1, subjectId);
            st->setInt64(2, sentBy);
            st->executeUpdate();
        }
        std::int64_t id = 0;
        {
            Stmt st(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
            Rows rs(st->executeQuery());
            rs->next();
            id = rs->getInt64(1);
        }
        {
            Stmt st(storage::prepare(c, "UPDATE staff_messages SET text_ct = ? WHERE id = ?"));
            st->setString(1, seal(id));
            st->setInt64(2, id);
            st->executeUpdate();
        }
        tx.commit();
        return id;
    });
}

std::vector<StaffMessageRow> StaffInboxStore::newest(std::size_t limit) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, std::string(kColumns) + "ORDER BY created_at DESC, id DESC LIMIT ?"));
        st->setInt64(1, static_cast<std::int64_t>(limit));
        Rows rs(st->executeQuery());
        std::vector<StaffMessageRow> out;
        while (rs->next()) out.push_back(readRow(*rs));
        return out;
    });
}

std::optional<StaffMessageRow> StaffInboxStore::byId(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) -> std::optional<StaffMessageRow> {
        Stmt st(storage::prepare(c, std::string(kColumns) + "WHERE id = ?"));
        st->setInt64(1, id);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readRow(*rs);
    });
}

bool StaffInboxStore::markHandled(std::int64_t id, std::int64_t adminId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE staff_messages SET handled_at = CURRENT_TIMESTAMP(6), handled_by = ? "
            "WHERE id = ? AND handled_at IS NULL"));
        st->setInt64(1, adminId);
        st->setInt64(2, id);
        return st->executeUpdate() == 1;
    });
}

std::size_t StaffInboxStore::purgeOlderThan(int days) {
    return pool_.run([&](sql::Connection& c) {
        std::size_t total = 0;
        for (;;) {
            Stmt st(storage::prepare(c, 
                "DELETE FROM staff_messages WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY LIMIT 1000"));
            st->setInt(1, days);
            const int n = st->executeUpdate();
            total += static_cast<std::size_t>(std::max(n, 0));
            if (n < 1000) return total;
        }
    });
}

}  // namespace medassist::assistant
