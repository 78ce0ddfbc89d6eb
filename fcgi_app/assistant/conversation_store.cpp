#include "assistant/conversation_store.hpp"

#include <algorithm>

#include "storage/sql_rows.hpp"

namespace medassist::assistant {

namespace {
using storage::Rows;
using storage::Stmt;
using storage::str;

constexpr const char* kColumns = "SELECT id, owner_id, subject_id, state_ct, last_seq, closed FROM conversations ";

ConversationRow readConversation(sql::ResultSet& rs) {
    ConversationRow r;
    r.id = str(rs, 1);
    r.ownerId = rs.getInt64(2);
    if (!rs.isNull(3)) r.subjectId = rs.getInt64(3);
    if (!rs.isNull(4)) r.stateCt = str(rs, 4);
    r.lastSeq = rs.getInt(5);
    r.closed = rs.getInt(6) != 0;
    return r;
}

// Deletes in batches, so a purge after a long pause never holds locks on a big table for long.
std::size_t deleteInBatches(sql::Connection& c, const std::string& statement, int days) {
    std::size_t total = 0;
    for (;;) {
        Stmt st(storage::prepare(c, statement));
        st->setInt(1, days);
        const int n = st->executeUpdate();
        total += static_cast<std::size_t>(std::max(n, 0));
        if (n < 1000) return total;
    }
}
}  // namespace

void ConversationStore::create(const std::string& id, std::int64_t ownerId, std::optional<std::int64_t> subjectId) {
    pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, "INSERT INTO conversations (id, owner_id, subject_id) VALUES (?, ?, ?)"));
        st->setString(1, id);
        st->setInt64(2, ownerId);
        if (subjectId) st->setInt64(3, *subjectId);
        else st->setNull(3, 0);
        st->executeUpdate();
        return 0;
    });
}

std::optional<ConversationRow> ConversationStore::find(const std::string& id, std::int64_t ownerId,
                                                       const std::vector<std::int64_t>& subjects, bool pendingToo) {
    if (subjects.empty() && !pendingToo) return std::nullopt;
    return pool_.run([&](sql::Connection& c) -> std::optional<ConversationRow> {
        std::string q = kColumns;
        q += "WHERE id = ? AND owner_id = ? AND (";
        if (!subjects.empty()) {
            q += "subject_id IN (";
            for (std::size_t i = 0; i < subjects.size(); ++i) q += i ? ", ?" : "?";
            q += ")";
        }
        if (pendingToo) q += subjects.empty() ? "subject_id IS NULL" : " OR subject_id IS NULL";
        q += ")";
        Stmt st(storage::prepare(c, q));
        st->setString(1, id);
        st->setInt64(2, ownerId);
        int i = 3;
        for (auto s : subjects) st->setInt64(i++, s);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readConversation(*rs);
    });
}

std::optional<ConversationRow> ConversationStore::latestOpen(std::int64_t ownerId,
                                                             std::optional<std::int64_t> subjectId) {
    return pool_.run([&](sql::Connection& c) -> std::optional<ConversationRow> {
        std::string q = kColumns;
        q += subjectId ? "WHERE owner_id = ? AND subject_id = ? " : "WHERE owner_id = ? AND subject_id IS NULL ";
        q += "AND closed = 0 ORDER BY updated_at DESC, created_at DESC LIMIT 1";
        Stmt st(storage::prepare(c, q));
        st->setInt64(1, ownerId);
        if (subjectId) st->setInt64(2, *subjectId);
        Rows rs(st->executeQuery());
        if (!rs->next()) return std::nullopt;
        return readConversation(*rs);
    });
}

bool ConversationStore::chooseSubject(const std::string& id, std::int64_t ownerId, std::int64_t subjectId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "UPDATE conversations SET subject_id = ?, updated_at = CURRENT_TIMESTAMP(6) "
            "WHERE id = ? AND owner_id = ? AND subject_id IS NULL AND closed = 0"));
        st->setInt64(1, subjectId);
        st->setString(2, id);
        st->setInt64(3, ownerId);
        return st->executeUpdate() == 1;
    });
}

bool ConversationStore::append(const std::string& id, std::int64_t ownerId, std::int64_t subjectId,
                               const std::vector<NewMessage>& messages, const std::optional<std::string>& stateCt) {
    return pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        int seq = 0;
        {
            // The row lock orders two turns of one conversation (a double-clicked button):
            // each gets its own sequence numbers.
            Stmt st(storage::prepare(c, 
                "SELECT last_seq FROM conversations WHERE id = ? AND owner_id = ? AND subject_id = ? FOR UPDATE"));
            st->setString(1, id);
            st->setInt64(2, ownerId);
            st->setInt64(3, subjectId);
            Rows rs(st->executeQuery());
            if (!rs->next()) return false;
            seq = rs->getInt(1);
        }
        if (!messages.empty()) {
            // One statement for the turn's messages (the patient's and the reply): fewer round trips.
            std::string q = "INSERT INTO chat_messages (conversation_id, seq, subject_id, sender, text_ct, intent) VALUES ";
            for (std::size_t i = 0; i < messages.size(); ++i) q += i ? ", (?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)";
            Stmt st(storage::prepare(c, q));
            int p = 1;
            for (const auto& m : messages) {
                ++seq;
                st->setString(p++, id);
                st->setInt(p++, seq);
                st->setInt64(p++, subjectId);
                st->setString(p++, m.sender);
                st->setString(p++, m.seal(seq));
                st->setString(p++, m.intent.substr(0, 40));
            }
            st->executeUpdate();
        }
        {
            Stmt st(storage::prepare(c, 
                stateCt ? "UPDATE conversations SET last_seq = ?, updated_at = CURRENT_TIMESTAMP(6), state_ct = ? "
                          "WHERE id = ?"
                        : "UPDATE conversations SET last_seq = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?"));
            st->setInt(1, seq);
            if (stateCt) {
                st->setString(2, *stateCt);
                st->setString(3, id);
            } else {
                st->setString(2, id);
            }
            st->executeUpdate();
        }
        tx.commit();
        return true;
    });
}

std::vector<MessageRow> ConversationStore::lastMessages(const std::string& id, std::int64_t ownerId,
                                                        std::int64_t subjectId, std::size_t limit) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "SELECT m.seq, m.sender, m.text_ct, m.intent, "
            "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', m.created_at) "
            "FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id "
            "WHERE m.conversation_id = ? AND c.owner_id = ? AND c.subject_id = ? AND m.subject_id = ? "
            "ORDER BY m.seq DESC LIMIT ?"));
        st->setString(1, id);
        st->setInt64(2, ownerId);
        st->setInt64(3, subjectId);
        st->setInt64(4, subjectId);
        st->setInt64(5, static_cast<std::int64_t>(limit));
        Rows rs(st->executeQuery());
        std::vector<MessageRow> out;
        while (rs->next()) {
            MessageRow m;
            m.seq = rs->getInt(1);
            m.sender = str(*rs, 2);
            m.textCt = str(*rs, 3);
            m.intent = str(*rs, 4);
            m.createdAt = rs->getInt64(5);
            out.push_back(std::move(m));
        }
        std::reverse(out.begin(), out.end());
        return out;
    });
}

std::vector<ArchivedMessage> ConversationStore::messagesAbout(std::int64_t subjectId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            "SELECT m.conversation_id, c.owner_id <> c.subject_id, m.seq, m.sender, m.text_ct, m.intent, "
            "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', m.created_at) "
            "FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id "
            "WHERE m.subject_id = ? AND c.subject_id = ? ORDER BY m.created_at, m.conversation_id, m.seq"));
        st->setInt64(1, subjectId);
        st->setInt64(2, subjectId);
        Rows rs(st->executeQuery());
        std::vector<ArchivedMessage> out;
        while (rs->next()) {
            ArchivedMessage a;
            a.conversationId = str(*rs, 1);
            a.byCaregiver = rs->getInt(2) != 0;
            a.message.seq = rs->getInt(3);
            a.message.sender = str(*rs, 4);
            a.message.textCt = str(*rs, 5);
            a.message.intent = str(*rs, 6);
            a.message.createdAt = rs->getInt64(7);
            out.push_back(std::move(a));
        }
        return out;
    });
}

std::size_t ConversationStore::closeOpen(std::int64_t ownerId, std::optional<std::int64_t> subjectId) {
    return pool_.run([&](sql::Connection& c) {
        Stmt st(storage::prepare(c, 
            subjectId ? "UPDATE conversations SET closed = 1 WHERE owner_id = ? AND subject_id = ? AND closed = 0"
                      : "UPDATE conversations SET closed = 1 WHERE owner_id = ? AND subject_id IS NULL AND closed = 0"));
        st->setInt64(1, ownerId);
        if (subjectId) st->setInt64(2, *subjectId);
        return static_cast<std::size_t>(std::max(st->executeUpdate(), 0));
    });
}

PurgeCounts ConversationStore::purgeOlderThan(int days) {
    return pool_.run([&](sql::Connection& c) {
        PurgeCounts n;
        n.messages = deleteInBatches(
            c, "DELETE FROM chat_messages WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY LIMIT 1000", days);
        // A conversation nobody wrote in for as long: its state goes too (and with it any
        // message the first statement left, though by then there is none).
        n.conversations = deleteInBatches(
            c, "DELETE FROM conversations WHERE updated_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY LIMIT 1000", days);
        return n;
    });
}

}  // namespace medassist::assistant
