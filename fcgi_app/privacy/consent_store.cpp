#include "privacy/consent_store.hpp"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "storage/sql_rows.hpp"

namespace medassist::privacy {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

const char* const kEntryColumns = "version, action, TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', at) ";

ConsentEntry entryOf(sql::ResultSet& rs) {
    return ConsentEntry{str(rs, 1), str(rs, 2), rs.getInt64(3)};
}
}  // namespace

std::optional<ConsentText> ConsentStore::current() {
    return pool_.run([&](sql::Connection& c) -> std::optional<ConsentText> {
        Stmt st(storage::prepare(c, 
            "SELECT version, body FROM consent_versions ORDER BY published_at DESC, version DESC LIMIT 1"));
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        ConsentText text{str(*rs, 1), str(*rs, 2), {}};
        Stmt tr(storage::prepare(c, "SELECT language, body FROM consent_translations WHERE version = ?"));
        tr->setString(1, text.version);
        Rows trs(tr->executeQuery());
        while (trs->next()) text.translations.emplace(str(*trs, 1), str(*trs, 2));
        return text;
    });
}

std::optional<ConsentEntry> ConsentStore::latest(std::int64_t userId) {
    return pool_.run([&](sql::Connection& c) -> std::optional<ConsentEntry> {
        Stmt st(storage::prepare(c, std::string("SELECT ") + kEntryColumns +
                                   "FROM consents WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1"));
        st->setInt64(1, userId);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return entryOf(*rs);
    });
}

std::vector<ConsentEntry> ConsentStore::history(std::int64_t userId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, std::string("SELECT ") + kEntryColumns +
                                   "FROM consents WHERE user_id = ? ORDER BY at, id"));
        st->setInt64(1, userId);
        Rows rs(st->executeQuery());
        std::vector<ConsentEntry> out;
        while (rs->next()) out.push_back(entryOf(*rs));
        return out;
    });
}

void ConsentStore::add(std::int64_t userId, const std::string& version, const std::string& action) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "INSERT INTO consents (user_id, version, action) VALUES (?, ?, ?)"));
        st->setInt64(1, userId);
        st->setString(2, version);
        st->setString(3, action);
        st->executeUpdate();
    });
}

}  // namespace medassist::privacy
