#include "scheduling/appointment_store.hpp"

#include "storage/sql_rows.hpp"

#include <memory>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::scheduling {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

constexpr int kDuplicateKey = 1062;
constexpr int kDeadlock = 1213;

// The session time zone is UTC (storage/pool.cpp), so FROM_UNIXTIME / UNIX_TIMESTAMP map
// DATETIME columns to epoch seconds without any shift.
constexpr const char* kColumns =
    "a.id, a.patient_id, a.doctor_id, UNIX_TIMESTAMP(a.starts_at), UNIX_TIMESTAMP(a.ends_at), a.status, "
    "a.reason_ct, a.booked_by, a.booked_by_role, (n.id IS NOT NULL) "
    "FROM appointments a LEFT JOIN visit_notes n ON n.appointment_id = a.id ";

AppointmentRow readRow(sql::ResultSet& rs) {
    AppointmentRow r;
    r.id = rs.getInt64(1);
    r.patientId = rs.getInt64(2);
    r.doctorId = rs.getInt64(3);
    r.start = rs.getInt64(4);
    r.end = rs.getInt64(5);
    r.status = str(rs, 6);
    if (!rs.isNull(7)) r.reasonCt = str(rs, 7);
    r.bookedBy = rs.getInt64(8);
    r.bookedByRole = str(rs, 9);
    r.hasNote = rs.getInt(10) != 0;
    return r;
}

std::vector<AppointmentRow> readAll(sql::PreparedStatement& st) {
    Rows rs(st.executeQuery());
    std::vector<AppointmentRow> out;
    while (rs->next()) out.push_back(readRow(*rs));
    return out;
}

std::string query(const char* where) {
    std::string q = "SELECT ";
    q += kColumns;
    q += where;
    return q;
}
}  // namespace

WriteOutcome AppointmentStore::insert(const NewAppointment& a, int maxFuture, std::int64_t now,
                                      const std::function<std::optional<std::string>(std::int64_t id)>& seal,
                                      std::int64_t& newId) {
    // Two inserts racing for one slot can deadlock inside InnoDB instead of one of them
    // seeing the duplicate; the loser is rolled back and simply tries again.
    for (int attempt = 0;; ++attempt) {
        try {
            return pool_.run([&](sql::Connection& c) -> WriteOutcome {
                storage::Transaction tx(c);
                {
                    // One booking at a time per patient, so the future-bookings limit holds
                    // even when the same patient books from two tabs at once.
                    Stmt st(storage::prepare(c, "SELECT id FROM users WHERE id = ? FOR UPDATE"));
                    st->setInt64(1, a.patientId);
                    Rows rs(st->executeQuery());
                    if (!rs->next()) return WriteOutcome::Gone;
                }
                {
                    Stmt st(storage::prepare(c, 
                        "SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND status = 'booked' "
                        "AND starts_at > FROM_UNIXTIME(?)"));
                    st->setInt64(1, a.patientId);
                    st->setInt64(2, now);
                    Rows rs(st->executeQuery());
                    rs->next();
                    if (rs->getInt(1) >= maxFuture) return WriteOutcome::LimitReached;
                }
                try {
                    Stmt st(storage::prepare(c, 
                        "INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, booked_by, "
                        "booked_by_role) VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), 'booked', ?, ?)"));
                    st->setInt64(1, a.patientId);
                    st->setInt64(2, a.doctorId);
                    st->setInt64(3, a.start);
                    st->setInt64(4, a.end);
                    st->setInt64(5, a.bookedBy);
                    st->setString(6, a.bookedByRole);
                    st->executeUpdate();
                } catch (const sql::SQLException& e) {
                    if (e.getErrorCode() == kDuplicateKey) return WriteOutcome::SlotTaken;
                    throw;
                }
                {
                    Stmt st(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
                    Rows rs(st->executeQuery());
                    rs->next();
                    newId = rs->getInt64(1);
                }
                if (auto reason = seal(newId)) {
                    Stmt st(storage::prepare(c, "UPDATE appointments SET reason_ct = ? WHERE id = ?"));
                    st->setString(1, *reason);
                    st->setInt64(2, newId);
                    st->executeUpdate();
                }
                tx.commit();
                return WriteOutcome::Done;
            });
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() != kDeadlock || attempt >= 4) throw;
        }
    }
}

WriteOutcome AppointmentStore::move(std::int64_t id, std::int64_t newStart, std::int64_t newEnd) {
    for (int attempt = 0;; ++attempt) {
        try {
            return pool_.run([&](sql::Connection& c) -> WriteOutcome {
                // One statement: the row keeps its old slot unless the new one is free, so a
                // failed move never leaves the patient without their appointment.
                Stmt st(storage::prepare(c, 
                    "UPDATE appointments SET starts_at = FROM_UNIXTIME(?), ends_at = FROM_UNIXTIME(?) "
                    "WHERE id = ? AND status = 'booked'"));
                st->setInt64(1, newStart);
                st->setInt64(2, newEnd);
                st->setInt64(3, id);
                try {
                    return st->executeUpdate() == 1 ? WriteOutcome::Done : WriteOutcome::Gone;
                } catch (const sql::SQLException& e) {
                    if (e.getErrorCode() == kDuplicateKey) return WriteOutcome::SlotTaken;
                    throw;
                }
            });
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() != kDeadlock || attempt >= 4) throw;
        }
    }
}

WriteOutcome AppointmentStore::cancel(std::int64_t id, std::int64_t now) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            // The reason is destroyed with the booking (issue 16: data minimisation), not hidden.
            "UPDATE appointments SET status = 'cancelled', cancelled_at = FROM_UNIXTIME(?), reason_ct = NULL "
            "WHERE id = ? AND status = 'booked'"));
        st->setInt64(1, now);
        st->setInt64(2, id);
        return st->executeUpdate() == 1 ? WriteOutcome::Done : WriteOutcome::Gone;
    });
}

bool AppointmentStore::setStatus(std::int64_t id, const std::string& from, const std::string& to) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE appointments SET status = ? WHERE id = ? AND status = ?"));
        st->setString(1, to);
        st->setInt64(2, id);
        st->setString(3, from);
        return st->executeUpdate() == 1;
    });
}

std::optional<AppointmentRow> AppointmentStore::byId(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) -> std::optional<AppointmentRow> {
        Stmt st(storage::prepare(c, query("WHERE a.id = ?")));
        st->setInt64(1, id);
        auto rows = readAll(*st);
        if (rows.empty()) return std::nullopt;
        return rows.front();
    });
}

std::vector<AppointmentRow> AppointmentStore::ofPatient(std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, query("WHERE a.patient_id = ? ORDER BY a.starts_at, a.id")));
        st->setInt64(1, patientId);
        return readAll(*st);
    });
}

std::vector<AppointmentRow> AppointmentStore::ofDoctor(std::int64_t doctorId, std::int64_t from, std::int64_t to) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, query(
            "WHERE a.doctor_id = ? AND a.starts_at >= FROM_UNIXTIME(?) AND a.starts_at < FROM_UNIXTIME(?) "
            "ORDER BY a.starts_at, a.id")));
        st->setInt64(1, doctorId);
        st->setInt64(2, from);
        st->setInt64(3, to);
        return readAll(*st);
    });
}

std::vector<Interval> AppointmentStore::busy(std::int64_t doctorId, std::int64_t from, std::int64_t to) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "SELECT UNIX_TIMESTAMP(starts_at), UNIX_TIMESTAMP(ends_at) FROM appointments "
            "WHERE doctor_id = ? AND status <> 'cancelled' AND ends_at > FROM_UNIXTIME(?) "
            "AND starts_at < FROM_UNIXTIME(?)"));
        st->setInt64(1, doctorId);
        st->setInt64(2, from);
        st->setInt64(3, to);
        Rows rs(st->executeQuery());
        std::vector<Interval> out;
        while (rs->next()) out.push_back(Interval{rs->getInt64(1), rs->getInt64(2)});
        return out;
    });
}

bool AppointmentStore::caresFor(std::int64_t doctorId, std::int64_t patientId, std::int64_t from, std::int64_t to) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "SELECT 1 FROM appointments WHERE doctor_id = ? AND patient_id = ? AND status IN ('booked', 'completed') "
            "AND starts_at >= FROM_UNIXTIME(?) AND starts_at < FROM_UNIXTIME(?) LIMIT 1"));
        st->setInt64(1, doctorId);
        st->setInt64(2, patientId);
        st->setInt64(3, from);
        st->setInt64(4, to);
        Rows rs(st->executeQuery());
        return rs->next();
    });
}

}  // namespace medassist::scheduling
