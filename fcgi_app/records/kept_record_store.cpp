#include "records/kept_record_store.hpp"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "storage/sql_rows.hpp"

namespace medassist::records {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

// Epoch seconds in and out without going through the session time zone (the columns hold UTC).
constexpr const char* kEpoch = "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ";
constexpr const char* kFromEpoch = "TIMESTAMPADD(SECOND, ?, '1970-01-01 00:00:00')";

std::string epochOf(const std::string& column) { return std::string(kEpoch) + column + ")"; }

std::int64_t lastInsertId(sql::Connection& c) {
    Stmt st(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
    Rows rs(st->executeQuery());
    rs->next();
    return rs->getInt64(1);
}

std::string recordColumns() {
    return "r.id, " + epochOf("r.erased_at") + ", " + epochOf("r.last_visit_at") +
           ", r.key_version, r.wrapped_key, "
           "(SELECT COUNT(*) FROM kept_visits v WHERE v.record_id = r.id), "
           "(SELECT COUNT(*) FROM kept_visits v WHERE v.record_id = r.id AND v.note_ct IS NOT NULL) "
           "FROM kept_records r ";
}

KeptRecordRow readRecord(sql::ResultSet& rs) {
    KeptRecordRow r;
    r.id = rs.getInt64(1);
    r.erasedAt = rs.getInt64(2);
    r.lastVisitAt = rs.getInt64(3);
    r.keyVersion = rs.getInt(4);
    r.wrappedKey = str(rs, 5);
    r.visits = rs.getInt(6);
    r.notes = rs.getInt(7);
    return r;
}
}  // namespace

std::vector<VisitToKeep> KeptRecordStore::completedVisits(std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) {
        const std::string q =
            "SELECT a.id, a.doctor_id, COALESCE(d.display_name, ''), COALESCE(s.name, ''), " + epochOf("a.starts_at") +
            ", " + epochOf("a.ends_at") + ", n.id, n.note_ct, " + epochOf("n.updated_at") +
            " FROM appointments a LEFT JOIN doctors d ON d.user_id = a.doctor_id "
            "LEFT JOIN specialties s ON s.id = d.specialty_id "
            "LEFT JOIN visit_notes n ON n.appointment_id = a.id "
            "WHERE a.patient_id = ? AND a.status = 'completed' ORDER BY a.starts_at, a.id";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, patientId);
        Rows rs(st->executeQuery());
        std::vector<VisitToKeep> out;
        while (rs->next()) {
            VisitToKeep v;
            v.appointmentId = rs->getInt64(1);
            v.doctorId = rs->getInt64(2);
            v.doctorName = str(*rs, 3);
            v.specialty = str(*rs, 4);
            v.start = rs->getInt64(5);
            v.end = rs->getInt64(6);
            if (!rs->isNull(7)) {
                v.noteId = rs->getInt64(7);
                v.noteCt = str(*rs, 8);
                v.noteUpdatedAt = rs->getInt64(9);
            }
            out.push_back(std::move(v));
        }
        return out;
    });
}

std::int64_t KeptRecordStore::insert(sql::Connection& c, const KeptRecordWrite& record) {
    {
        Stmt st(storage::prepare(c, std::string("INSERT INTO kept_records (erased_at, last_visit_at, key_version, "
                                                "wrapped_key) VALUES (UTC_TIMESTAMP(6), ") +
                                        kFromEpoch + ", 0, '')"));
        st->setInt64(1, record.lastVisitAt);
        st->executeUpdate();
    }
    const std::int64_t id = lastInsertId(c);
    {
        const auto [version, wrapped] = record.wrapKey(id);
        Stmt st(storage::prepare(c, "UPDATE kept_records SET key_version = ?, wrapped_key = ? WHERE id = ?"));
        st->setInt(1, version);
        st->setString(2, wrapped);
        st->setInt64(3, id);
        st->executeUpdate();
    }
    for (const auto& v : record.visits) {
        {
            Stmt st(storage::prepare(c, std::string("INSERT INTO kept_visits (record_id, doctor_id, doctor_name, "
                                                    "specialty, starts_at, ends_at) VALUES (?, ?, ?, ?, ") +
                                            kFromEpoch + ", " + kFromEpoch + ")"));
            st->setInt64(1, id);
            st->setInt64(2, v.doctorId);
            st->setString(3, v.doctorName);
            st->setString(4, v.specialty);
            st->setInt64(5, v.start);
            st->setInt64(6, v.end);
            st->executeUpdate();
        }
        if (!v.sealNote) continue;
        const std::int64_t visitId = lastInsertId(c);
        Stmt st(storage::prepare(c, std::string("UPDATE kept_visits SET note_ct = ?, note_updated_at = ") + kFromEpoch +
                                        " WHERE id = ?"));
        st->setString(1, v.sealNote(visitId));
        st->setInt64(2, v.noteUpdatedAt);
        st->setInt64(3, visitId);
        st->executeUpdate();
    }
    return id;
}

std::vector<KeptRecordRow> KeptRecordStore::ofDoctor(std::int64_t doctorId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT " + recordColumns() +
                                        "WHERE EXISTS (SELECT 1 FROM kept_visits v WHERE v.record_id = r.id AND "
                                        "v.doctor_id = ?) ORDER BY r.erased_at DESC, r.id DESC LIMIT 500"));
        st->setInt64(1, doctorId);
        Rows rs(st->executeQuery());
        std::vector<KeptRecordRow> out;
        while (rs->next()) out.push_back(readRecord(*rs));
        return out;
    });
}

std::optional<KeptRecordRow> KeptRecordStore::byId(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) -> std::optional<KeptRecordRow> {
        Stmt st(storage::prepare(c, "SELECT " + recordColumns() + "WHERE r.id = ?"));
        st->setInt64(1, id);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readRecord(*rs);
    });
}

bool KeptRecordStore::hasVisitOf(std::int64_t recordId, std::int64_t doctorId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT 1 FROM kept_visits WHERE record_id = ? AND doctor_id = ? LIMIT 1"));
        st->setInt64(1, recordId);
        st->setInt64(2, doctorId);
        Rows rs(st->executeQuery());
        return rs->next();
    });
}

std::vector<KeptVisitRow> KeptRecordStore::visits(std::int64_t recordId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT id, doctor_id, doctor_name, specialty, " + epochOf("starts_at") + ", " +
                                        epochOf("ends_at") + ", note_ct, " + epochOf("note_updated_at") +
                                        " FROM kept_visits WHERE record_id = ? ORDER BY starts_at DESC, id DESC"));
        st->setInt64(1, recordId);
        Rows rs(st->executeQuery());
        std::vector<KeptVisitRow> out;
        while (rs->next()) {
            KeptVisitRow v;
            v.id = rs->getInt64(1);
            v.doctorId = rs->getInt64(2);
            v.doctorName = str(*rs, 3);
            v.specialty = str(*rs, 4);
            v.start = rs->getInt64(5);
            v.end = rs->getInt64(6);
            if (!rs->isNull(7)) {
                v.noteCt = str(*rs, 7);
                v.noteUpdatedAt = rs->getInt64(8);
            }
            out.push_back(std::move(v));
        }
        return out;
    });
}

std::vector<KeptRecordRow> KeptRecordStore::keysNotAt(int version, std::size_t limit) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT " + recordColumns() + "WHERE r.key_version <> ? ORDER BY r.id LIMIT ?"));
        st->setInt(1, version);
        st->setInt64(2, static_cast<std::int64_t>(limit));
        Rows rs(st->executeQuery());
        std::vector<KeptRecordRow> out;
        while (rs->next()) out.push_back(readRecord(*rs));
        return out;
    });
}

bool KeptRecordStore::rewrapKey(const KeptRecordRow& old, int version, const std::string& wrapped) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "UPDATE kept_records SET key_version = ?, wrapped_key = ? WHERE id = ? AND "
                                    "key_version = ? AND wrapped_key = ?"));
        st->setInt(1, version);
        st->setString(2, wrapped);
        st->setInt64(3, old.id);
        st->setInt(4, old.keyVersion);
        st->setString(5, old.wrappedKey);
        return st->executeUpdate() == 1;
    });
}

std::size_t KeptRecordStore::purgeOlderThan(int years, std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, std::string("DELETE FROM kept_records WHERE last_visit_at <= ") + kFromEpoch +
                                        " - INTERVAL ? YEAR"));
        st->setInt64(1, nowEpoch);
        st->setInt(2, years);
        return static_cast<std::size_t>(st->executeUpdate());
    });
}

}  // namespace medassist::records
