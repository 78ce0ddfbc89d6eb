#include "site/faq_store.hpp"

#include "storage/sql_rows.hpp"

#include <memory>

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::site {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

constexpr int kDuplicateKey = 1062;

constexpr const char* kColumns =
    "SELECT id, question, answer, tags, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s'), "
    "COALESCE(DATE_FORMAT(deleted_at, '%Y-%m-%d %H:%i:%s'), '') FROM faq_entries";

FaqEntry readEntry(sql::ResultSet& rs) {
    return FaqEntry{rs.getInt64(1), str(rs, 2), str(rs, 3), str(rs, 4), str(rs, 5), str(rs, 6)};
}
}  // namespace

std::vector<FaqEntry> FaqStore::list() {
    return pool_.run([](sql::Connection& c) {
        std::string q = kColumns;
        q += " WHERE deleted_at IS NULL ORDER BY id";
        Stmt st(storage::prepare(c, q));
        Rows rs(st->executeQuery());
        std::vector<FaqEntry> out;
        while (rs->next()) out.push_back(readEntry(*rs));
        return out;
    });
}

std::optional<FaqEntry> FaqStore::byId(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) -> std::optional<FaqEntry> {
        std::string q = kColumns;
        q += " WHERE id = ? AND deleted_at IS NULL";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, id);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readEntry(*rs);
    });
}

std::optional<std::int64_t> FaqStore::create(const FaqEntry& entry) {
    return pool_.run([&](sql::Connection& c) -> std::optional<std::int64_t> {
        try {
            Stmt st(storage::prepare(c, "INSERT INTO faq_entries (question, answer, tags) VALUES (?, ?, ?)"));
            st->setString(1, entry.question);
            st->setString(2, entry.answer);
            st->setString(3, entry.tags);
            st->executeUpdate();
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() == kDuplicateKey) return std::nullopt;
            throw;
        }
        Stmt id(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
        Rows rs(id->executeQuery());
        rs->next();
        return rs->getInt64(1);
    });
}

FaqStore::Write FaqStore::update(const FaqEntry& entry) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        // Checked first: an UPDATE that changes nothing reports 0 rows, like a missing one.
        Stmt find(storage::prepare(c, "SELECT id FROM faq_entries WHERE id = ? AND deleted_at IS NULL FOR UPDATE"));
        find->setInt64(1, entry.id);
        Rows rs(find->executeQuery());
        if (!rs->next()) return Write::NotFound;
        try {
            Stmt st(storage::prepare(c, "UPDATE faq_entries SET question = ?, answer = ?, tags = ? WHERE id = ?"));
            st->setString(1, entry.question);
            st->setString(2, entry.answer);
            st->setString(3, entry.tags);
            st->setInt64(4, entry.id);
            st->executeUpdate();
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() == kDuplicateKey) return Write::Duplicate;
            throw;
        }
        tx.commit();
        return Write::Ok;
    });
}

bool FaqStore::remove(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "DELETE FROM faq_entries WHERE id = ?"));
        st->setInt64(1, id);
        return st->executeUpdate() == 1;
    });
}

std::vector<FaqEntry> FaqStore::deleted() {
    return pool_.run([](sql::Connection& c) {
        std::string q = kColumns;
        q += " WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC";
        Stmt st(storage::prepare(c, q));
        Rows rs(st->executeQuery());
        std::vector<FaqEntry> out;
        while (rs->next()) out.push_back(readEntry(*rs));
        return out;
    });
}

bool FaqStore::softRemove(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE faq_entries SET deleted_at = UTC_TIMESTAMP(6) WHERE id = ? AND deleted_at IS NULL"));
        st->setInt64(1, id);
        return st->executeUpdate() == 1;
    });
}

bool FaqStore::restore(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE faq_entries SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"));
        st->setInt64(1, id);
        return st->executeUpdate() == 1;
    });
}

bool FaqStore::deletedAsks(const std::string& question) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT 1 FROM faq_entries WHERE question = ? AND deleted_at IS NOT NULL"));
        st->setString(1, question);
        Rows rs(st->executeQuery());
        return static_cast<bool>(rs->next());
    });
}

std::size_t FaqStore::purgeDeleted(int days) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "DELETE FROM faq_entries WHERE deleted_at IS NOT NULL "
                                    "AND deleted_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY"));
        st->setInt(1, days);
        return static_cast<std::size_t>(st->executeUpdate());
    });
}

namespace {
constexpr const char* kTranslationColumns =
    "SELECT entry_id, language, question, answer, tags, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') "
    "FROM faq_translations";

FaqTranslation readTranslation(sql::ResultSet& rs) {
    return FaqTranslation{rs.getInt64(1), str(rs, 2), str(rs, 3), str(rs, 4), str(rs, 5), str(rs, 6)};
}
}  // namespace

std::vector<FaqTranslation> FaqStore::translations() {
    return pool_.run([](sql::Connection& c) {
        std::string q = kTranslationColumns;
        q += " WHERE entry_id IN (SELECT id FROM faq_entries WHERE deleted_at IS NULL) ORDER BY entry_id, language";
        Stmt st(storage::prepare(c, q));
        Rows rs(st->executeQuery());
        std::vector<FaqTranslation> out;
        while (rs->next()) out.push_back(readTranslation(*rs));
        return out;
    });
}

std::vector<FaqTranslation> FaqStore::translationsOf(std::int64_t entryId) {
    return pool_.run([&](sql::Connection& c) {
        std::string q = kTranslationColumns;
        q += " WHERE entry_id = ? ORDER BY language";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, entryId);
        Rows rs(st->executeQuery());
        std::vector<FaqTranslation> out;
        while (rs->next()) out.push_back(readTranslation(*rs));
        return out;
    });
}

FaqStore::Write FaqStore::saveTranslation(const FaqTranslation& t) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        Stmt find(storage::prepare(c, "SELECT id FROM faq_entries WHERE id = ? AND deleted_at IS NULL FOR UPDATE"));
        find->setInt64(1, t.entryId);
        Rows rs(find->executeQuery());
        if (!rs->next()) return Write::NotFound;
        // Not INSERT ... ON DUPLICATE KEY UPDATE: a clash on the question's unique key would
        // then update the other entry's version instead of failing.
        Stmt has(storage::prepare(c, "SELECT 1 FROM faq_translations WHERE entry_id = ? AND language = ? FOR UPDATE"));
        has->setInt64(1, t.entryId);
        has->setString(2, t.language);
        Rows existing(has->executeQuery());
        const bool update = existing->next();
        try {
            Stmt st(storage::prepare(c, update ? "UPDATE faq_translations SET question = ?, answer = ?, tags = ? "
                                                 "WHERE entry_id = ? AND language = ?"
                                               : "INSERT INTO faq_translations (question, answer, tags, entry_id, "
                                                 "language) VALUES (?, ?, ?, ?, ?)"));
            st->setString(1, t.question);
            st->setString(2, t.answer);
            st->setString(3, t.tags);
            st->setInt64(4, t.entryId);
            st->setString(5, t.language);
            st->executeUpdate();
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() == kDuplicateKey) return Write::Duplicate;
            throw;
        }
        tx.commit();
        return Write::Ok;
    });
}

bool FaqStore::removeTranslation(std::int64_t entryId, const std::string& language) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "DELETE FROM faq_translations WHERE entry_id = ? AND language = ?"));
        st->setInt64(1, entryId);
        st->setString(2, language);
        return st->executeUpdate() == 1;
    });
}

std::string FaqStore::version() {
    return pool_.run([](sql::Connection& c) {
        // One aggregate per table, in one statement; the entry key of a version is
        // "entry_id/language" so an edit to either table changes the checksum.
        Stmt st(storage::prepare(c,
            "SELECT (SELECT COUNT(*) FROM faq_entries), "
            "(SELECT COALESCE(DATE_FORMAT(MAX(updated_at), '%Y-%m-%d %H:%i:%s.%f'), '') FROM faq_entries), "
            "(SELECT COALESCE(BIT_XOR(CRC32(CONCAT(id, '@', DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s.%f')))), 0) "
            "FROM faq_entries), "
            "(SELECT COUNT(*) FROM faq_translations), "
            "(SELECT COALESCE(BIT_XOR(CRC32(CONCAT(entry_id, '/', language, '@', "
            "DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s.%f')))), 0) FROM faq_translations), "
            "(SELECT COALESCE(BIT_XOR(CRC32(CONCAT(setting_key, '=', setting_value))), 0) FROM practice_settings)"));
        Rows rs(st->executeQuery());
        rs->next();
        std::string out = std::to_string(rs->getInt64(1));
        out += '|';
        out += str(*rs, 2);
        out += '|';
        out += std::to_string(rs->getUInt64(3));
        out += '|';
        out += std::to_string(rs->getInt64(4));
        out += '|';
        out += std::to_string(rs->getUInt64(5));
        out += '|';
        out += std::to_string(rs->getUInt64(6));
        return out;
    });
}

}  // namespace medassist::site
