#include "accounts/user_store.hpp"

#include "storage/sql_rows.hpp"

#include <memory>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::accounts {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

constexpr const char* kUserColumns =
    "id, role, status, email_bidx, email_ct, name_ct, phone_ct, dob_ct, password_hash, password_version, "
    "mfa_secret_ct, mfa_enabled, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(email_confirmed_at, '%Y-%m-%d'), language";

std::optional<std::string> optStr(sql::ResultSet& rs, int col) {
    if (rs.isNull(col)) return std::nullopt;
    return str(rs, col);
}

void setOpt(sql::PreparedStatement& st, int idx, const std::optional<std::string>& v) {
    if (v) st.setString(idx, *v);
    else st.setNull(idx, 0);
}

UserRow readUser(sql::ResultSet& rs) {
    UserRow u;
    u.id = rs.getInt64(1);
    u.role = str(rs, 2);
    u.status = str(rs, 3);
    u.emailBidx = str(rs, 4);
    u.emailCt = str(rs, 5);
    u.nameCt = str(rs, 6);
    u.phoneCt = optStr(rs, 7);
    u.dobCt = optStr(rs, 8);
    u.passwordHash = str(rs, 9);
    u.passwordVersion = rs.getInt(10);
    u.mfaSecretCt = optStr(rs, 11);
    u.mfaEnabled = rs.getInt(12) != 0;
    u.createdAt = str(rs, 13);
    if (!rs.isNull(14)) u.emailConfirmedOn = str(rs, 14);
    if (!rs.isNull(15)) u.language = str(rs, 15);
    return u;
}

std::optional<UserRow> oneUser(sql::Connection& c, const std::string& where, const std::function<void(sql::PreparedStatement&)>& bind) {
    std::string q = "SELECT ";
    q += kUserColumns;
    q += " FROM users WHERE ";
    q += where;
    Stmt st(storage::prepare(c, q));
    bind(*st);
    Rows rs(st->executeQuery());
    if (!rs->next()) return std::nullopt;
    return readUser(*rs);
}

constexpr int kDuplicateKey = 1062;
}  // namespace

std::string sqlTime(std::int64_t epochSeconds) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epochSeconds)),
                                           "%Y-%m-%d %H:%M:%S.000000");
}

std::optional<std::int64_t> UserStore::create(
    const NewUser& user, const std::function<std::pair<EncryptedFields, StoredKey>(std::int64_t id)>& seal) {
    // Registrations arriving together (two app processes, a burst of sign-ups) can deadlock
    // inside InnoDB on the users table's unique index and the data key's foreign key, or with
    // the hourly purge's delete of unconfirmed accounts; the loser is rolled back whole and
    // simply run again.
    return pool_.runRetrying([&](sql::Connection& c) -> std::optional<std::int64_t> {
        storage::Transaction tx(c);
        std::int64_t id = 0;
        try {
            Stmt st(storage::prepare(c, 
                "INSERT INTO users (role, status, email_bidx, email_ct, name_ct, password_hash, email_confirmed_at, "
                "language) VALUES (?, ?, ?, '', '', ?, IF(?, UTC_TIMESTAMP(6), NULL), ?)"));
            st->setString(1, user.role);
            st->setString(2, user.status);
            st->setString(3, user.emailBidx);
            st->setString(4, user.passwordHash);
            st->setBoolean(5, user.emailConfirmed);
            setOpt(*st, 6, user.language.empty() ? std::nullopt : std::optional<std::string>(user.language));
            st->executeUpdate();
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() == kDuplicateKey) return std::nullopt;
            throw;
        }
        {
            Stmt st(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
            Rows rs(st->executeQuery());
            rs->next();
            id = rs->getInt64(1);
        }
        auto [fields, key] = seal(id);
        {
            Stmt st(storage::prepare(c, 
                "UPDATE users SET email_ct = ?, name_ct = ?, phone_ct = ?, dob_ct = ? WHERE id = ?"));
            st->setString(1, fields.emailCt);
            st->setString(2, fields.nameCt);
            setOpt(*st, 3, fields.phoneCt);
            setOpt(*st, 4, fields.dobCt);
            st->setInt64(5, id);
            st->executeUpdate();
        }
        {
            Stmt st(storage::prepare(c, "INSERT INTO data_keys (user_id, key_version, wrapped_key) VALUES (?, ?, ?)"));
            st->setInt64(1, id);
            st->setInt(2, key.version);
            st->setString(3, key.wrapped);
            st->executeUpdate();
        }
        tx.commit();
        return id;
    });
}

std::optional<UserRow> UserStore::byEmailBidx(const std::string& bidx) {
    return pool_.run([&](sql::Connection& c) {
        return oneUser(c, "email_bidx = ?", [&](sql::PreparedStatement& st) { st.setString(1, bidx); });
    });
}

std::optional<UserRow> UserStore::byId(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) {
        return oneUser(c, "id = ?", [&](sql::PreparedStatement& st) { st.setInt64(1, id); });
    });
}

std::vector<UserRow> UserStore::byRoleStatus(const std::string& role, const std::string& status) {
    return pool_.run([&](sql::Connection& c) {
        std::string q = "SELECT ";
        q += kUserColumns;
        q += " FROM users WHERE role = ? AND status = ? ORDER BY id";
        Stmt st(storage::prepare(c, q));
        st->setString(1, role);
        st->setString(2, status);
        Rows rs(st->executeQuery());
        std::vector<UserRow> out;
        while (rs->next()) out.push_back(readUser(*rs));
        return out;
    });
}

std::optional<StoredKey> UserStore::dataKey(std::int64_t userId) {
    return pool_.run([&](sql::Connection& c) -> std::optional<StoredKey> {
        Stmt st(storage::prepare(c, "SELECT key_version, wrapped_key FROM data_keys WHERE user_id = ?"));
        st->setInt64(1, userId);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return StoredKey{userId, rs->getInt(1), str(*rs, 2)};
    });
}

std::vector<StoredKey> UserStore::dataKeysNotAt(int version, std::size_t limit) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "SELECT user_id, key_version, wrapped_key FROM data_keys WHERE key_version <> ? ORDER BY user_id LIMIT ?"));
        st->setInt(1, version);
        st->setInt(2, static_cast<int>(limit));
        Rows rs(st->executeQuery());
        std::vector<StoredKey> out;
        while (rs->next()) out.push_back(StoredKey{rs->getInt64(1), rs->getInt(2), str(*rs, 3)});
        return out;
    });
}

bool UserStore::rewrapDataKey(const StoredKey& old, int newVersion, const std::string& newWrapped) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE data_keys SET key_version = ?, wrapped_key = ? WHERE user_id = ? AND key_version = ? AND wrapped_key = ?"));
        st->setInt(1, newVersion);
        st->setString(2, newWrapped);
        st->setInt64(3, old.userId);
        st->setInt(4, old.version);
        st->setString(5, old.wrapped);
        return st->executeUpdate() == 1;
    });
}

int UserStore::setPassword(std::int64_t id, const std::string& hash, bool bumpVersion) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        Stmt st(storage::prepare(c, 
            bumpVersion ? "UPDATE users SET password_hash = ?, password_version = password_version + 1, "
                          "password_changed_at = UTC_TIMESTAMP(6) WHERE id = ?"
                        : "UPDATE users SET password_hash = ? WHERE id = ?"));
        st->setString(1, hash);
        st->setInt64(2, id);
        st->executeUpdate();
        Stmt q(storage::prepare(c, "SELECT password_version FROM users WHERE id = ?"));
        q->setInt64(1, id);
        Rows rs(q->executeQuery());
        int version = rs->next() ? rs->getInt(1) : 0;
        tx.commit();
        return version;
    });
}

void UserStore::setProfile(std::int64_t id, const std::string& nameCt, const std::optional<std::string>& phoneCt,
                           const std::optional<std::string>& dobCt) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE users SET name_ct = ?, phone_ct = ?, dob_ct = ? WHERE id = ?"));
        st->setString(1, nameCt);
        setOpt(*st, 2, phoneCt);
        setOpt(*st, 3, dobCt);
        st->setInt64(4, id);
        st->executeUpdate();
    });
}

bool UserStore::setStatus(std::int64_t id, const std::string& from, const std::string& to) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE users SET status = ? WHERE id = ? AND status = ?"));
        st->setString(1, to);
        st->setInt64(2, id);
        st->setString(3, from);
        return st->executeUpdate() == 1;
    });
}

void UserStore::setLanguage(std::int64_t id, const std::string& language) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE users SET language = ? WHERE id = ?"));
        setOpt(*st, 1, language.empty() ? std::nullopt : std::optional<std::string>(language));
        st->setInt64(2, id);
        st->executeUpdate();
    });
}

void UserStore::setMfa(std::int64_t id, const std::optional<std::string>& secretCt, bool enabled) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE users SET mfa_secret_ct = ?, mfa_enabled = ?, mfa_last_step = NULL WHERE id = ?"));
        setOpt(*st, 1, secretCt);
        st->setInt(2, enabled ? 1 : 0);
        st->setInt64(3, id);
        st->executeUpdate();
    });
}

bool UserStore::startMfa(std::int64_t id, const std::string& secretCt) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c,
            "UPDATE users SET mfa_secret_ct = ?, mfa_last_step = NULL "
            "WHERE id = ? AND mfa_enabled = 0 AND mfa_secret_ct IS NULL"));
        st->setString(1, secretCt);
        st->setInt64(2, id);
        return st->executeUpdate() == 1;
    });
}

void UserStore::abandonMfa(std::int64_t id) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c,
            "UPDATE users SET mfa_secret_ct = NULL, mfa_last_step = NULL WHERE id = ? AND mfa_enabled = 0"));
        st->setInt64(1, id);
        st->executeUpdate();
    });
}

bool UserStore::useMfaStep(std::int64_t id, std::int64_t step) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE users SET mfa_last_step = ? WHERE id = ? AND (mfa_last_step IS NULL OR mfa_last_step < ?)"));
        st->setInt64(1, step);
        st->setInt64(2, id);
        st->setInt64(3, step);
        return st->executeUpdate() == 1;
    });
}

void UserStore::replaceRecoveryCodes(std::int64_t id, const std::vector<std::string>& codeHashes) {
    pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        Stmt del(storage::prepare(c, "DELETE FROM recovery_codes WHERE user_id = ?"));
        del->setInt64(1, id);
        del->executeUpdate();
        Stmt ins(storage::prepare(c, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)"));
        for (const auto& h : codeHashes) {
            ins->setInt64(1, id);
            ins->setString(2, h);
            ins->executeUpdate();
        }
        tx.commit();
    });
}

bool UserStore::useRecoveryCode(std::int64_t id, const std::string& codeHash) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE recovery_codes SET used_at = UTC_TIMESTAMP(6) WHERE user_id = ? AND code_hash = ? AND used_at IS NULL"));
        st->setInt64(1, id);
        st->setString(2, codeHash);
        return st->executeUpdate() == 1;
    });
}

int UserStore::unusedRecoveryCodes(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL"));
        st->setInt64(1, id);
        Rows rs(st->executeQuery());
        return rs->next() ? rs->getInt(1) : 0;
    });
}

void UserStore::revokeToken(const std::string& jti, std::int64_t untilEpoch) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE expires_at = VALUES(expires_at)"));
        st->setString(1, jti);
        st->setString(2, sqlTime(untilEpoch));
        st->executeUpdate();
    });
}

bool UserStore::isRevoked(const std::string& jti) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT 1 FROM revoked_tokens WHERE jti = ?"));
        st->setString(1, jti);
        Rows rs(st->executeQuery());
        return rs->next();
    });
}

std::size_t UserStore::purgeRevokedTokens(std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "DELETE FROM revoked_tokens WHERE expires_at < ?"));
        st->setString(1, sqlTime(nowEpoch));
        return static_cast<std::size_t>(st->executeUpdate());
    });
}

namespace {
// Password resets and email confirmations are the same kind of row: the SHA-256 of a mailed
// token, its user, an expiry and a used mark. `table` is one of the two names, never input.
void addToken(sql::Connection& c, const char* table, const std::string& tokenHash, std::int64_t userId,
              std::int64_t expiresEpoch) {
    storage::Transaction tx(c);
    // Only the newest link works: asking again retires the earlier ones.
    Stmt old(storage::prepare(c, std::string("UPDATE ") + table +
                                     " SET used_at = UTC_TIMESTAMP(6) WHERE user_id = ? AND used_at IS NULL"));
    old->setInt64(1, userId);
    old->executeUpdate();
    Stmt st(storage::prepare(c, std::string("INSERT INTO ") + table + " (token_hash, user_id, expires_at) VALUES (?, ?, ?)"));
    st->setString(1, tokenHash);
    st->setInt64(2, userId);
    st->setString(3, sqlTime(expiresEpoch));
    st->executeUpdate();
    tx.commit();
}

std::optional<std::int64_t> consumeToken(sql::Connection& c, const char* table, const std::string& tokenHash,
                                         std::int64_t nowEpoch) {
    storage::Transaction tx(c);
    Stmt st(storage::prepare(c, std::string("SELECT user_id FROM ") + table +
                                    " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? FOR UPDATE"));
    st->setString(1, tokenHash);
    st->setString(2, sqlTime(nowEpoch));
    Rows rs(st->executeQuery());
    if (!rs->next()) return std::nullopt;
    const std::int64_t userId = rs->getInt64(1);
    Stmt up(storage::prepare(c, std::string("UPDATE ") + table + " SET used_at = UTC_TIMESTAMP(6) WHERE token_hash = ?"));
    up->setString(1, tokenHash);
    up->executeUpdate();
    tx.commit();
    return userId;
}

// Retention: tokens used or expired.
std::size_t purgeTokens(sql::Connection& c, const char* table, std::int64_t nowEpoch) {
    Stmt st(storage::prepare(c, std::string("DELETE FROM ") + table + " WHERE expires_at < ? OR used_at IS NOT NULL"));
    st->setString(1, sqlTime(nowEpoch));
    return static_cast<std::size_t>(st->executeUpdate());
}

std::optional<std::int64_t> tokenOwner(sql::Connection& c, const char* table, const std::string& tokenHash,
                                       std::int64_t nowEpoch) {
    Stmt st(storage::prepare(c, std::string("SELECT user_id FROM ") + table +
                                    " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?"));
    st->setString(1, tokenHash);
    st->setString(2, sqlTime(nowEpoch));
    Rows rs(st->executeQuery());
    if (!rs->next()) return std::nullopt;
    return rs->getInt64(1);
}
}  // namespace

void UserStore::addReset(const std::string& tokenHash, std::int64_t userId, std::int64_t expiresEpoch) {
    pool_.runRetrying([&](sql::Connection& c) { addToken(c, "password_resets", tokenHash, userId, expiresEpoch); });
}

std::optional<std::int64_t> UserStore::consumeReset(const std::string& tokenHash, std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) { return consumeToken(c, "password_resets", tokenHash, nowEpoch); });
}

std::optional<std::int64_t> UserStore::resetOwner(const std::string& tokenHash, std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) { return tokenOwner(c, "password_resets", tokenHash, nowEpoch); });
}

void UserStore::addConfirmation(const std::string& tokenHash, std::int64_t userId, std::int64_t expiresEpoch) {
    // Two new accounts' first links retire "earlier links" of users with no link yet: both
    // UPDATEs lock the same gap of ix_confirmations_user and the INSERTs then deadlock.
    pool_.runRetrying([&](sql::Connection& c) { addToken(c, "email_confirmations", tokenHash, userId, expiresEpoch); });
}

std::optional<std::int64_t> UserStore::consumeConfirmation(const std::string& tokenHash, std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) { return consumeToken(c, "email_confirmations", tokenHash, nowEpoch); });
}

std::optional<std::int64_t> UserStore::confirmationOwner(const std::string& tokenHash, std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) { return tokenOwner(c, "email_confirmations", tokenHash, nowEpoch); });
}

bool UserStore::markConfirmed(std::int64_t id, const std::string& fromStatus, const std::string& toStatus) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE users SET status = ?, email_confirmed_at = UTC_TIMESTAMP(6) "
                                    "WHERE id = ? AND status = ? AND email_confirmed_at IS NULL"));
        st->setString(1, toStatus);
        st->setInt64(2, id);
        st->setString(3, fromStatus);
        return st->executeUpdate() == 1;
    });
}

CleanSlate UserStore::startClean(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        CleanSlate out;
        {
            Stmt st(storage::prepare(c, "SELECT phone_ct IS NOT NULL, dob_ct IS NOT NULL, "
                                        "mfa_secret_ct IS NOT NULL OR mfa_enabled <> 0 FROM users WHERE id = ? FOR UPDATE"));
            st->setInt64(1, id);
            Rows rs(st->executeQuery());
            if (!rs->next()) return out;
            out.phone = rs->getInt(1) != 0;
            out.dob = rs->getInt(2) != 0;
            out.mfa = rs->getInt(3) != 0;
        }
        {
            Stmt st(storage::prepare(c, "DELETE FROM caregiver_links WHERE patient_id = ? OR caregiver_id = ?"));
            st->setInt64(1, id);
            st->setInt64(2, id);
            out.caregiverLinks = static_cast<int>(st->executeUpdate());
        }
        {
            Stmt st(storage::prepare(c, "DELETE FROM recovery_codes WHERE user_id = ?"));
            st->setInt64(1, id);
            st->executeUpdate();
        }
        {
            Stmt st(storage::prepare(c, "UPDATE users SET phone_ct = NULL, dob_ct = NULL, mfa_secret_ct = NULL, "
                                        "mfa_enabled = 0, mfa_last_step = NULL WHERE id = ?"));
            st->setInt64(1, id);
            st->executeUpdate();
        }
        tx.commit();
        return out;
    });
}

std::size_t UserStore::purgeUnconfirmed(std::int64_t createdBeforeEpoch) {
    return pool_.run([&](sql::Connection& c) {
        // Their data keys, confirmation links and consent rows go with them (ON DELETE CASCADE).
        Stmt st(storage::prepare(c, "DELETE FROM users WHERE status = 'unconfirmed' AND created_at < ?"));
        st->setString(1, sqlTime(createdBeforeEpoch));
        return static_cast<std::size_t>(st->executeUpdate());
    });
}

std::size_t UserStore::purgeResets(std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) { return purgeTokens(c, "password_resets", nowEpoch); });
}

std::size_t UserStore::purgeConfirmations(std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) { return purgeTokens(c, "email_confirmations", nowEpoch); });
}

}  // namespace medassist::accounts
