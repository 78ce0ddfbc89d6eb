#include "records/visit_note_store.hpp"

#include "storage/sql_rows.hpp"

#include <memory>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::records {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

// Epoch seconds without going through the session time zone (the columns hold UTC).
constexpr const char* kNoteColumns =
    "n.id, n.appointment_id, n.patient_id, n.doctor_id, n.note_ct, COALESCE(d.display_name, ''), "
    "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', a.starts_at), "
    "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', n.created_at), "
    "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', n.updated_at) "
    "FROM visit_notes n JOIN appointments a ON a.id = n.appointment_id "
    "LEFT JOIN doctors d ON d.user_id = n.doctor_id ";

VisitNoteRow readNote(sql::ResultSet& rs) {
    VisitNoteRow n;
    n.id = rs.getInt64(1);
    n.appointmentId = rs.getInt64(2);
    n.patientId = rs.getInt64(3);
    n.doctorId = rs.getInt64(4);
    n.noteCt = str(rs, 5);
    n.doctorName = str(rs, 6);
    n.visitStart = rs.getInt64(7);
    n.createdAt = rs.getInt64(8);
    n.updatedAt = rs.getInt64(9);
    return n;
}
}  // namespace

std::int64_t VisitNoteStore::upsert(std::int64_t appointmentId, std::int64_t patientId, std::int64_t doctorId,
                                    const std::function<std::string(std::int64_t id)>& seal) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        // One note per appointment (uq_notes_appointment): an existing row is locked and
        // its id handed back through LAST_INSERT_ID, so two doctors' tabs never make two.
        {
            Stmt st(storage::prepare(c, 
                "INSERT INTO visit_notes (appointment_id, patient_id, doctor_id, note_ct) VALUES (?, ?, ?, '') "
                "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)"));
            st->setInt64(1, appointmentId);
            st->setInt64(2, patientId);
            st->setInt64(3, doctorId);
            st->executeUpdate();
        }
        std::int64_t id = 0;
        {
            Stmt st(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
            Rows rs(st->executeQuery());
            rs->next();
            id = rs->getInt64(1);
        }
        const std::string ct = seal(id);
        {
            Stmt st(storage::prepare(c, "UPDATE visit_notes SET note_ct = ? WHERE id = ?"));
            st->setString(1, ct);
            st->setInt64(2, id);
            st->executeUpdate();
        }
        tx.commit();
        return id;
    });
}

std::optional<VisitNoteRow> VisitNoteStore::byAppointment(std::int64_t appointmentId) {
    return pool_.run([&](sql::Connection& c) -> std::optional<VisitNoteRow> {
        std::string q = "SELECT ";
        q += kNoteColumns;
        q += "WHERE n.appointment_id = ?";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, appointmentId);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readNote(*rs);
    });
}

std::vector<VisitNoteRow> VisitNoteStore::ofPatient(std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) {
        std::string q = "SELECT ";
        q += kNoteColumns;
        q += "WHERE n.patient_id = ? ORDER BY a.starts_at DESC, n.id DESC";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, patientId);
        Rows rs(st->executeQuery());
        std::vector<VisitNoteRow> out;
        while (rs->next()) out.push_back(readNote(*rs));
        return out;
    });
}

}  // namespace medassist::records
