#include "privacy/erasure_store.hpp"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "storage/sql_rows.hpp"

namespace medassist::privacy {

namespace {
using storage::Rows;
using storage::Stmt;

long long countOf(sql::Connection& c, const char* query, std::int64_t userId) {
    Stmt st(storage::prepare(c, query));
    st->setInt64(1, userId);
    Rows rs(st->executeQuery());
    return rs->next() ? rs->getInt64(1) : 0;
}
}  // namespace

bool ErasureStore::erasePatient(std::int64_t userId, ErasedCounts& counts, const KeepFirst& keep) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        Stmt lock(storage::prepare(c, "SELECT id FROM users WHERE id = ? AND role = 'patient' FOR UPDATE"));
        lock->setInt64(1, userId);
        Rows found(lock->executeQuery());
        if (!found->next()) return false;
        counts.appointments = countOf(c, "SELECT COUNT(*) FROM appointments WHERE patient_id = ?", userId);
        counts.futureAppointments = countOf(c,
                                            "SELECT COUNT(*) FROM appointments WHERE patient_id = ? "
                                            "AND status = 'booked' AND starts_at > UTC_TIMESTAMP()",
                                            userId);
        counts.visitNotes = countOf(c, "SELECT COUNT(*) FROM visit_notes WHERE patient_id = ?", userId);
        counts.chatMessages = countOf(c, "SELECT COUNT(*) FROM chat_messages WHERE subject_id = ?", userId);
        if (keep) keep(c);
        Stmt del(storage::prepare(c, "DELETE FROM users WHERE id = ? AND role = 'patient'"));
        del->setInt64(1, userId);
        del->executeUpdate();
        tx.commit();
        return true;
    });
}

}  // namespace medassist::privacy
