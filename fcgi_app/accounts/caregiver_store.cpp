#include "accounts/caregiver_store.hpp"

#include "storage/sql_rows.hpp"

#include <memory>
#include <stdexcept>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::accounts {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

constexpr const char* kLinkColumns =
    "id, patient_id, invite_bidx, invite_email_ct, caregiver_id, can_read_notes, status, "
    "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s')";

CaregiverLinkRow readLink(sql::ResultSet& rs) {
    CaregiverLinkRow r;
    r.id = rs.getInt64(1);
    r.patientId = rs.getInt64(2);
    r.inviteBidx = str(rs, 3);
    r.inviteEmailCt = str(rs, 4);
    if (!rs.isNull(5)) r.caregiverId = rs.getInt64(5);
    r.canReadNotes = rs.getInt(6) != 0;
    r.status = str(rs, 7);
    r.createdAt = str(rs, 8);
    return r;
}

std::string select(const char* where) {
    std::string q = "SELECT ";
    q += kLinkColumns;
    q += " FROM caregiver_links WHERE ";
    q += where;
    return q;
}

std::vector<CaregiverLinkRow> readAll(sql::PreparedStatement& st) {
    Rows rs(st.executeQuery());
    std::vector<CaregiverLinkRow> out;
    while (rs->next()) out.push_back(readLink(*rs));
    return out;
}

// Inserts the row with an empty ciphertext, then seals the address under the new id (the
// AAD names the row), inside the caller's transaction.
std::int64_t insertInvite(sql::Connection& c, std::int64_t patientId, const std::string& inviteBidx,
                          const std::string& tokenHash, bool canReadNotes,
                          const std::function<std::string(std::int64_t id)>& seal) {
    {
        Stmt st(storage::prepare(c, 
            "INSERT INTO caregiver_links (patient_id, invite_bidx, invite_email_ct, invite_token_hash, can_read_notes, "
            "status) VALUES (?, ?, '', ?, ?, 'invited')"));
        st->setInt64(1, patientId);
        st->setString(2, inviteBidx);
        st->setString(3, tokenHash);
        st->setInt(4, canReadNotes ? 1 : 0);
        st->executeUpdate();
    }
    std::int64_t id = 0;
    {
        Stmt st(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
        Rows rs(st->executeQuery());
        rs->next();
        id = rs->getInt64(1);
    }
    Stmt st(storage::prepare(c, "UPDATE caregiver_links SET invite_email_ct = ? WHERE id = ?"));
    st->setString(1, seal(id));
    st->setInt64(2, id);
    st->executeUpdate();
    return id;
}
}  // namespace

std::int64_t CaregiverStore::invite(std::int64_t patientId, const std::string& inviteBidx, const std::string& tokenHash,
                                    bool canReadNotes, const std::function<std::string(std::int64_t id)>& seal) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        const std::int64_t id = insertInvite(c, patientId, inviteBidx, tokenHash, canReadNotes, seal);
        tx.commit();
        return id;
    });
}

CaregiverStore::InviteResult CaregiverStore::inviteChecked(std::int64_t patientId, const std::string& inviteBidx,
                                                           const std::string& tokenHash, bool canReadNotes, std::size_t maxOpen,
                                                           const std::function<std::string(std::int64_t id)>& seal) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        // The patient's own row is the lock: two invitations by one patient run one after
        // the other, so both cannot pass the checks below.
        {
            Stmt st(storage::prepare(c, "SELECT id FROM users WHERE id = ? FOR UPDATE"));
            st->setInt64(1, patientId);
            Rows rs(st->executeQuery());
            if (!rs->next()) throw std::runtime_error("inviting patient vanished");
        }
        std::size_t open = 0;
        bool same = false;
        {
            Stmt st(storage::prepare(c, 
                "SELECT invite_bidx FROM caregiver_links WHERE patient_id = ? AND status IN ('invited', 'active')"));
            st->setInt64(1, patientId);
            Rows rs(st->executeQuery());
            while (rs->next()) {
                ++open;
                if (str(*rs, 1) == inviteBidx) same = true;
            }
        }
        InviteResult out;
        if (same) {
            out.outcome = InviteOutcome::AlreadyOpen;
            return out;
        }
        if (open >= maxOpen) {
            out.outcome = InviteOutcome::Full;
            return out;
        }
        out.id = insertInvite(c, patientId, inviteBidx, tokenHash, canReadNotes, seal);
        tx.commit();
        return out;
    });
}

std::vector<CaregiverLinkRow> CaregiverStore::ofPatient(std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, select("patient_id = ? ORDER BY id DESC")));
        st->setInt64(1, patientId);
        return readAll(*st);
    });
}

std::optional<CaregiverLinkRow> CaregiverStore::invitationByToken(const std::string& tokenHash) {
    return pool_.run([&](sql::Connection& c) -> std::optional<CaregiverLinkRow> {
        Stmt st(storage::prepare(c, select("invite_token_hash = ? AND status = 'invited'")));
        st->setString(1, tokenHash);
        auto rows = readAll(*st);
        if (rows.empty()) return std::nullopt;
        return rows.front();
    });
}

std::vector<CaregiverLinkRow> CaregiverStore::activeOfCaregiver(std::int64_t caregiverId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, select("caregiver_id = ? AND status = 'active' ORDER BY id")));
        st->setInt64(1, caregiverId);
        return readAll(*st);
    });
}

std::optional<CaregiverLinkRow> CaregiverStore::active(std::int64_t caregiverId, std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) -> std::optional<CaregiverLinkRow> {
        Stmt st(storage::prepare(c, 
            select("caregiver_id = ? AND patient_id = ? AND status = 'active' ORDER BY id DESC LIMIT 1")));
        st->setInt64(1, caregiverId);
        st->setInt64(2, patientId);
        auto rows = readAll(*st);
        if (rows.empty()) return std::nullopt;
        return rows.front();
    });
}

bool CaregiverStore::accept(std::int64_t linkId, const std::string& tokenHash, std::int64_t caregiverId) {
    return pool_.run([&](sql::Connection& c) {
        // The token is spent with the answer: the link works once.
        Stmt st(storage::prepare(c, 
            "UPDATE caregiver_links SET status = 'active', caregiver_id = ?, accepted_at = UTC_TIMESTAMP(6), "
            "invite_token_hash = NULL WHERE id = ? AND invite_token_hash = ? AND status = 'invited' AND patient_id <> ?"));
        st->setInt64(1, caregiverId);
        st->setInt64(2, linkId);
        st->setString(3, tokenHash);
        st->setInt64(4, caregiverId);
        return st->executeUpdate() == 1;
    });
}

bool CaregiverStore::decline(std::int64_t linkId, const std::string& tokenHash) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE caregiver_links SET status = 'declined', ended_at = UTC_TIMESTAMP(6), invite_token_hash = NULL "
            "WHERE id = ? AND invite_token_hash = ? AND status = 'invited'"));
        st->setInt64(1, linkId);
        st->setString(2, tokenHash);
        return st->executeUpdate() == 1;
    });
}

bool CaregiverStore::revoke(std::int64_t linkId, std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE caregiver_links SET status = 'revoked', ended_at = UTC_TIMESTAMP(6) "
            "WHERE id = ? AND patient_id = ? AND status IN ('invited', 'active')"));
        st->setInt64(1, linkId);
        st->setInt64(2, patientId);
        return st->executeUpdate() == 1;
    });
}

bool CaregiverStore::setNotesPermission(std::int64_t linkId, std::int64_t patientId, bool canReadNotes) {
    return pool_.run([&](sql::Connection& c) {
        // The server counts changed rows, not matched ones, and setting the value a link
        // already has is still a success: so the row is looked up (and locked) first.
        storage::Transaction tx(c);
        Stmt check(storage::prepare(c, 
            "SELECT 1 FROM caregiver_links WHERE id = ? AND patient_id = ? AND status IN ('invited', 'active') "
            "FOR UPDATE"));
        check->setInt64(1, linkId);
        check->setInt64(2, patientId);
        Rows rs(check->executeQuery());
        if (!rs->next()) return false;
        Stmt st(storage::prepare(c, 
            "UPDATE caregiver_links SET can_read_notes = ? "
            "WHERE id = ? AND patient_id = ? AND status IN ('invited', 'active')"));
        st->setInt(1, canReadNotes ? 1 : 0);
        st->setInt64(2, linkId);
        st->setInt64(3, patientId);
        st->executeUpdate();
        tx.commit();
        return true;
    });
}

}  // namespace medassist::accounts
