#include "reminders/reminder_store.hpp"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "storage/sql_rows.hpp"

namespace medassist::reminders {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

constexpr const char* kHasOptedOut =
    "EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.patient_id = a.patient_id)";
}  // namespace

std::vector<UpcomingRow> ReminderStore::upcoming(std::int64_t now, std::int64_t until) {
    return pool_.run([&](sql::Connection& c) {
        // updated_at changes when a booked row is moved (or cancelled, which leaves the list):
        // for a booked row it is when its current time was set.
        Stmt st(storage::prepare(c, std::string(
            "SELECT a.id, a.patient_id, UNIX_TIMESTAMP(a.starts_at), FLOOR(UNIX_TIMESTAMP(a.updated_at)), "
            "d.display_name, COALESCE(s.name, ''), "
            "(SELECT GROUP_CONCAT(r.kind) FROM appointment_reminders r "
            " WHERE r.appointment_id = a.id AND r.starts_at = a.starts_at) "
            "FROM appointments a JOIN doctors d ON d.user_id = a.doctor_id "
            "LEFT JOIN specialties s ON s.id = d.specialty_id "
            "WHERE a.status = 'booked' AND a.starts_at > FROM_UNIXTIME(?) AND a.starts_at <= FROM_UNIXTIME(?) "
            "AND NOT ") + kHasOptedOut + " ORDER BY a.starts_at, a.id"));
        st->setInt64(1, now);
        st->setInt64(2, until);
        Rows rs(st->executeQuery());
        std::vector<UpcomingRow> out;
        while (rs->next()) {
            UpcomingRow r;
            r.appointmentId = rs->getInt64(1);
            r.patientId = rs->getInt64(2);
            r.candidate.start = rs->getInt64(3);
            r.candidate.fixedAt = rs->getInt64(4);
            r.doctorName = str(*rs, 5);
            r.specialtyName = str(*rs, 6);
            if (!rs->isNull(7)) {
                const std::string kinds = str(*rs, 7);
                std::size_t from = 0;
                while (from <= kinds.size()) {
                    auto comma = kinds.find(',', from);
                    if (comma == std::string::npos) comma = kinds.size();
                    if (auto k = kindFromName(kinds.substr(from, comma - from))) r.candidate.sent.push_back(*k);
                    from = comma + 1;
                }
            }
            out.push_back(std::move(r));
        }
        return out;
    });
}

bool ReminderStore::claim(std::int64_t appointmentId, std::int64_t start, ReminderKind kind, std::int64_t now) {
    return pool_.runRetrying([&](sql::Connection& c) {
        storage::Transaction tx(c);
        {
            Stmt st(storage::prepare(c, std::string(
                "SELECT a.id FROM appointments a WHERE a.id = ? AND a.status = 'booked' "
                "AND a.starts_at = FROM_UNIXTIME(?) AND NOT ") + kHasOptedOut + " FOR UPDATE"));
            st->setInt64(1, appointmentId);
            st->setInt64(2, start);
            Rows rs(st->executeQuery());
            if (!rs->next()) return false;  // cancelled, moved or opted out since the pass read it
        }
        // The unique key decides: a second claim (another process, after the first one's
        // commit released the row) inserts nothing.
        Stmt st(storage::prepare(c,
            "INSERT IGNORE INTO appointment_reminders (appointment_id, kind, starts_at, sent_at) "
            "VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))"));
        st->setInt64(1, appointmentId);
        st->setString(2, kindName(kind));
        st->setInt64(3, start);
        st->setInt64(4, now);
        if (st->executeUpdate() != 1) return false;
        tx.commit();
        return true;
    });
}

std::vector<SentReminder> ReminderStore::sentToPatient(std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c,
            "SELECT r.appointment_id, r.kind, UNIX_TIMESTAMP(r.starts_at), UNIX_TIMESTAMP(r.sent_at) "
            "FROM appointment_reminders r JOIN appointments a ON a.id = r.appointment_id "
            "WHERE a.patient_id = ? ORDER BY r.sent_at, r.id"));
        st->setInt64(1, patientId);
        Rows rs(st->executeQuery());
        std::vector<SentReminder> out;
        while (rs->next()) {
            SentReminder r;
            r.appointmentId = rs->getInt64(1);
            r.kind = kindFromName(str(*rs, 2)).value_or(ReminderKind::First);
            r.forStart = rs->getInt64(3);
            r.sentAt = rs->getInt64(4);
            out.push_back(r);
        }
        return out;
    });
}

bool ReminderStore::optedOut(std::int64_t patientId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT 1 FROM reminder_opt_outs WHERE patient_id = ?"));
        st->setInt64(1, patientId);
        Rows rs(st->executeQuery());
        return rs->next();
    });
}

void ReminderStore::setOptedOut(std::int64_t patientId, bool off) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, off ? "INSERT IGNORE INTO reminder_opt_outs (patient_id) VALUES (?)"
                                        : "DELETE FROM reminder_opt_outs WHERE patient_id = ?"));
        st->setInt64(1, patientId);
        st->executeUpdate();
        return 0;
    });
}

std::set<std::int64_t> ReminderStore::remindedOfDoctor(std::int64_t doctorId, std::int64_t from, std::int64_t to) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c,
            "SELECT DISTINCT a.id FROM appointments a JOIN appointment_reminders r "
            "ON r.appointment_id = a.id AND r.starts_at = a.starts_at "
            "WHERE a.doctor_id = ? AND a.starts_at >= FROM_UNIXTIME(?) AND a.starts_at < FROM_UNIXTIME(?)"));
        st->setInt64(1, doctorId);
        st->setInt64(2, from);
        st->setInt64(3, to);
        Rows rs(st->executeQuery());
        std::set<std::int64_t> out;
        while (rs->next()) out.insert(rs->getInt64(1));
        return out;
    });
}

}  // namespace medassist::reminders
