#include "scheduling/doctor_store.hpp"

#include "storage/sql_rows.hpp"

#include <ctime>
#include <memory>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::scheduling {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

// DATETIME columns hold UTC; the connection's time zone is UTC too (storage/pool.cpp).
std::string sqlTime(std::int64_t epochSeconds) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epochSeconds)),
                                           "%Y-%m-%d %H:%M:%S");
}

// Seconds since the epoch of a UTC DATETIME, without UNIX_TIMESTAMP's 2038 limit and
// whatever the session's time zone.
std::string epochOf(const std::string& column) {
    std::string out = "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ";
    out += column;
    out += ')';
    return out;
}

constexpr const char* kDoctorColumns =
    "d.user_id, d.display_name, d.specialty_id, s.slug, s.name, d.languages, d.bio, d.bookable";

DoctorRow readDoctor(sql::ResultSet& rs) {
    DoctorRow d;
    d.userId = rs.getInt64(1);
    d.displayName = str(rs, 2);
    d.specialtyId = rs.getInt64(3);
    d.specialtySlug = str(rs, 4);
    d.specialtyName = str(rs, 5);
    d.languages = str(rs, 6);
    d.bio = str(rs, 7);
    d.bookable = rs.getInt(8) != 0;
    return d;
}

SpecialtyRow readSpecialty(sql::ResultSet& rs) {
    return SpecialtyRow{rs.getInt64(1), str(rs, 2), str(rs, 3), str(rs, 4)};
}

void upsertProfile(sql::Connection& c, const DoctorRow& row) {
    Stmt st(storage::prepare(c, 
        "INSERT INTO doctors (user_id, display_name, specialty_id, languages, bio, bookable) VALUES (?, ?, ?, ?, ?, ?) "
        "ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), specialty_id = VALUES(specialty_id), "
        "languages = VALUES(languages), bio = VALUES(bio), bookable = VALUES(bookable)"));
    st->setInt64(1, row.userId);
    st->setString(2, row.displayName);
    st->setInt64(3, row.specialtyId);
    st->setString(4, row.languages);
    st->setString(5, row.bio);
    st->setInt(6, row.bookable ? 1 : 0);
    st->executeUpdate();
}

void writeHours(sql::Connection& c, std::int64_t doctorId, const std::vector<WeeklyHours>& hours) {
    Stmt del(storage::prepare(c, "DELETE FROM doctor_hours WHERE doctor_id = ?"));
    del->setInt64(1, doctorId);
    del->executeUpdate();
    Stmt ins(storage::prepare(c, 
        "INSERT INTO doctor_hours (doctor_id, weekday, start_time, end_time, slot_minutes) "
        "VALUES (?, ?, SEC_TO_TIME(? * 60), SEC_TO_TIME(? * 60), ?)"));
    for (const auto& h : hours) {
        ins->setInt64(1, doctorId);
        ins->setInt(2, h.weekday);
        ins->setInt(3, h.startMinute);
        ins->setInt(4, h.endMinute);
        ins->setInt(5, h.slotMinutes);
        ins->executeUpdate();
    }
}
}  // namespace

std::vector<SpecialtyRow> DoctorStore::specialties() {
    return pool_.run([](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT id, slug, name, description FROM specialties ORDER BY name, id"));
        Rows rs(st->executeQuery());
        std::vector<SpecialtyRow> out;
        while (rs->next()) out.push_back(readSpecialty(*rs));
        return out;
    });
}

std::optional<SpecialtyRow> DoctorStore::specialtyBySlug(const std::string& slug) {
    return pool_.run([&](sql::Connection& c) -> std::optional<SpecialtyRow> {
        Stmt st(storage::prepare(c, "SELECT id, slug, name, description FROM specialties WHERE slug = ?"));
        st->setString(1, slug);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readSpecialty(*rs);
    });
}

std::optional<SpecialtyRow> DoctorStore::specialtyById(std::int64_t id) {
    return pool_.run([&](sql::Connection& c) -> std::optional<SpecialtyRow> {
        Stmt st(storage::prepare(c, "SELECT id, slug, name, description FROM specialties WHERE id = ?"));
        st->setInt64(1, id);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readSpecialty(*rs);
    });
}

std::vector<std::int64_t> DoctorStore::activeDoctorAccounts() {
    return pool_.run([](sql::Connection& c) {
        Stmt st(storage::prepare(c, "SELECT id FROM users WHERE role = 'doctor' AND status = 'active' ORDER BY id"));
        Rows rs(st->executeQuery());
        std::vector<std::int64_t> out;
        while (rs->next()) out.push_back(rs->getInt64(1));
        return out;
    });
}

std::vector<DoctorRow> DoctorStore::doctors(bool bookableOnly) {
    return pool_.run([&](sql::Connection& c) {
        std::string q = "SELECT ";
        q += kDoctorColumns;
        q += " FROM doctors d JOIN users u ON u.id = d.user_id JOIN specialties s ON s.id = d.specialty_id"
             " WHERE u.status = 'active' AND u.role = 'doctor'";
        if (bookableOnly) q += " AND d.bookable = 1";
        q += " ORDER BY d.display_name, d.user_id";
        Stmt st(storage::prepare(c, q));
        Rows rs(st->executeQuery());
        std::vector<DoctorRow> out;
        while (rs->next()) out.push_back(readDoctor(*rs));
        return out;
    });
}

std::optional<DoctorRow> DoctorStore::doctor(std::int64_t userId) {
    return pool_.run([&](sql::Connection& c) -> std::optional<DoctorRow> {
        std::string q = "SELECT ";
        q += kDoctorColumns;
        q += " FROM doctors d JOIN specialties s ON s.id = d.specialty_id WHERE d.user_id = ?";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, userId);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readDoctor(*rs);
    });
}

void DoctorStore::saveProfile(const DoctorRow& row) {
    pool_.run([&](sql::Connection& c) { upsertProfile(c, row); });
}

std::vector<WeeklyHours> DoctorStore::hours(std::int64_t doctorId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "SELECT weekday, TIME_TO_SEC(start_time) DIV 60, TIME_TO_SEC(end_time) DIV 60, slot_minutes "
            "FROM doctor_hours WHERE doctor_id = ? ORDER BY weekday, start_time, id"));
        st->setInt64(1, doctorId);
        Rows rs(st->executeQuery());
        std::vector<WeeklyHours> out;
        while (rs->next()) out.push_back(WeeklyHours{rs->getInt(1), rs->getInt(2), rs->getInt(3), rs->getInt(4)});
        return out;
    });
}

void DoctorStore::replaceHours(std::int64_t doctorId, const std::vector<WeeklyHours>& hours) {
    pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        writeHours(c, doctorId, hours);
        tx.commit();
    });
}

void DoctorStore::saveProfileWithHours(const DoctorRow& row, const std::vector<WeeklyHours>& hours) {
    pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        upsertProfile(c, row);
        writeHours(c, row.userId, hours);
        tx.commit();
    });
}

std::vector<TimeOffRow> DoctorStore::timeOff(std::int64_t doctorId, std::int64_t from, std::int64_t to) {
    return pool_.run([&](sql::Connection& c) {
        std::string q = "SELECT id, doctor_id, ";
        q += epochOf("starts_at");
        q += ", ";
        q += epochOf("ends_at");
        q += ", label FROM time_off WHERE doctor_id = ? AND starts_at < ? AND ends_at > ? ORDER BY starts_at, id";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, doctorId);
        st->setString(2, sqlTime(to));
        st->setString(3, sqlTime(from));
        Rows rs(st->executeQuery());
        std::vector<TimeOffRow> out;
        while (rs->next()) {
            TimeOffRow r;
            r.id = rs->getInt64(1);
            r.doctorId = rs->getInt64(2);
            r.span = Interval{rs->getInt64(3), rs->getInt64(4)};
            r.label = str(*rs, 5);
            out.push_back(std::move(r));
        }
        return out;
    });
}

std::int64_t DoctorStore::addTimeOff(std::int64_t doctorId, const Interval& span, const std::string& label) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "INSERT INTO time_off (doctor_id, starts_at, ends_at, label) VALUES (?, ?, ?, ?)"));
        st->setInt64(1, doctorId);
        st->setString(2, sqlTime(span.start));
        st->setString(3, sqlTime(span.end));
        st->setString(4, label);
        st->executeUpdate();
        Stmt id(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
        Rows rs(id->executeQuery());
        rs->next();
        return rs->getInt64(1);
    });
}

bool DoctorStore::removeTimeOff(std::int64_t doctorId, std::int64_t id) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "DELETE FROM time_off WHERE id = ? AND doctor_id = ?"));
        st->setInt64(1, id);
        st->setInt64(2, doctorId);
        return st->executeUpdate() == 1;
    });
}

}  // namespace medassist::scheduling
