#include "admin/demo_store.hpp"

#include "storage/sql_rows.hpp"

#include <memory>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::admin {

namespace {
using storage::Rows;
using storage::Stmt;
constexpr int kDuplicateKey = 1062;
constexpr const char* kMarker = "demo.people_seeded";

std::int64_t lastId(sql::Connection& c) {
    Stmt st(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
    Rows rs(st->executeQuery());
    rs->next();
    return rs->getInt64(1);
}
}  // namespace

bool DemoStore::seeded() {
    return pool_.run([](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT 1 FROM practice_settings WHERE setting_key = ?"));
        st->setString(1, kMarker);
        Rows rs(st->executeQuery());
        return rs->next();
    });
}

void DemoStore::markSeeded(const std::string& when) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "INSERT INTO practice_settings (setting_key, setting_value) VALUES (?, ?) "
            "ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)"));
        st->setString(1, kMarker);
        st->setString(2, when);
        st->executeUpdate();
        return 0;
    });
}

std::optional<std::int64_t> DemoStore::addAppointment(std::int64_t patientId, std::int64_t doctorId,
                                                      std::int64_t start, std::int64_t end, const std::string& status,
                                                      const std::function<std::string(std::int64_t)>& seal) {
    return pool_.run([&](sql::Connection& c) -> std::optional<std::int64_t> {
        storage::Transaction tx(c);
        try {
            Stmt st(storage::prepare(c, 
                "INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, booked_by, booked_by_role, "
                "cancelled_at) VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, ?, 'patient', "
                "IF(? = 'cancelled', FROM_UNIXTIME(?), NULL))"));
            st->setInt64(1, patientId);
            st->setInt64(2, doctorId);
            st->setInt64(3, start);
            st->setInt64(4, end);
            st->setString(5, status);
            st->setInt64(6, patientId);
            st->setString(7, status);
            st->setInt64(8, start - 86400);
            st->executeUpdate();
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() == kDuplicateKey) return std::nullopt;
            throw;
        }
        const auto id = lastId(c);
        // A cancelled booking keeps no reason, as one cancelled in the app (issue 16).
        Stmt st(storage::prepare(c, "UPDATE appointments SET reason_ct = IF(status = 'cancelled', NULL, ?) WHERE id = ?"));
        st->setString(1, seal(id));
        st->setInt64(2, id);
        st->executeUpdate();
        tx.commit();
        return id;
    });
}

void DemoStore::addNote(std::int64_t appointmentId, std::int64_t patientId, std::int64_t doctorId,
                        const std::function<std::string(std::int64_t)>& seal) {
    pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        Stmt st(storage::prepare(c, 
            "INSERT INTO visit_notes (appointment_id, patient_id, doctor_id, note_ct) VALUES (?, ?, ?, '')"));
        st->setInt64(1, appointmentId);
        st->setInt64(2, patientId);
        st->setInt64(3, doctorId);
        st->executeUpdate();
        const auto id = lastId(c);
        Stmt up(storage::prepare(c, "UPDATE visit_notes SET note_ct = ? WHERE id = ?"));
        up->setString(1, seal(id));
        up->setInt64(2, id);
        up->executeUpdate();
        tx.commit();
        return 0;
    });
}

void DemoStore::addCaregiverLink(std::int64_t patientId, std::int64_t caregiverId, const std::string& inviteBidx,
                                 bool canReadNotes, const std::function<std::string(std::int64_t)>& seal) {
    pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        Stmt st(storage::prepare(c, 
            "INSERT INTO caregiver_links (patient_id, invite_bidx, invite_email_ct, caregiver_id, can_read_notes, "
            "status, accepted_at) VALUES (?, ?, '', ?, ?, 'active', CURRENT_TIMESTAMP(6))"));
        st->setInt64(1, patientId);
        st->setString(2, inviteBidx);
        st->setInt64(3, caregiverId);
        st->setInt(4, canReadNotes ? 1 : 0);
        st->executeUpdate();
        const auto id = lastId(c);
        Stmt up(storage::prepare(c, "UPDATE caregiver_links SET invite_email_ct = ? WHERE id = ?"));
        up->setString(1, seal(id));
        up->setInt64(2, id);
        up->executeUpdate();
        tx.commit();
        return 0;
    });
}

void DemoStore::addConsent(std::int64_t patientId) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "INSERT INTO consents (user_id, version, action) "
            "SELECT ?, v.version, 'agreed' FROM consent_versions v "
            "WHERE NOT EXISTS (SELECT 1 FROM consents WHERE user_id = ?) "
            "ORDER BY v.published_at DESC, v.version DESC LIMIT 1"));
        st->setInt64(1, patientId);
        st->setInt64(2, patientId);
        st->executeUpdate();
    });
}

}  // namespace medassist::admin
