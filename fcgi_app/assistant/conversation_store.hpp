#pragma once
// SQL for the assistant's conversations and their messages (sql/migrations/0007_assistant.sql).
// Texts and state arrive already encrypted under the subject's data key (ChatService does
// that); this file only moves ciphertext in and out.
//
// A conversation is only ever read with its owner and its subject in the WHERE clause: an
// id that came from a request finds nothing unless it is the signed-in user's, about a
// patient they may act for. There is no lookup by id alone.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::assistant {

struct ConversationRow {
    std::string id;
    std::int64_t ownerId = 0;
    std::optional<std::int64_t> subjectId;  // nullopt: a caregiver has not chosen whom yet
    std::optional<std::string> stateCt;
    int lastSeq = 0;
    bool closed = false;
};

struct MessageRow {
    int seq = 0;
    std::string sender;  // patient, assistant
    std::string textCt;
    std::string intent;
    std::int64_t createdAt = 0;  // UTC epoch seconds
};

// A message with its conversation and who typed it, for the patient's export.
struct ArchivedMessage {
    std::string conversationId;
    bool byCaregiver = false;  // typed on the patient's side by someone else (their caregiver)
    MessageRow message;
};

// One message to append: the ciphertext is made for its sequence number, which only the
// store knows when it appends (seal(seq) is called inside the transaction).
struct NewMessage {
    std::string sender;
    std::string intent;
    std::function<std::string(int seq)> seal;
};

struct PurgeCounts {
    std::size_t messages = 0, conversations = 0;
};

class ConversationStore {
public:
    explicit ConversationStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // A new open conversation; subjectId nullopt for a caregiver who has not chosen yet.
    void create(const std::string& id, std::int64_t ownerId, std::optional<std::int64_t> subjectId);

    // The conversation with this id when its owner is ownerId and its subject one of
    // subjects (the patients the owner may act for); with pendingToo, also one whose
    // subject is not chosen yet. Closed ones are returned (the caller decides).
    std::optional<ConversationRow> find(const std::string& id, std::int64_t ownerId,
                                        const std::vector<std::int64_t>& subjects, bool pendingToo = false);
    // The owner's newest open conversation about subjectId (nullopt: the newest open one
    // whose subject is not chosen yet).
    std::optional<ConversationRow> latestOpen(std::int64_t ownerId, std::optional<std::int64_t> subjectId);

    // Sets the subject of a conversation that had none; false when it has one already.
    bool chooseSubject(const std::string& id, std::int64_t ownerId, std::int64_t subjectId);

    // In one transaction: appends the messages (sequence numbers after the last one) and
    // replaces the state. False when the conversation is not (id, owner, subject).
    bool append(const std::string& id, std::int64_t ownerId, std::int64_t subjectId,
                const std::vector<NewMessage>& messages, const std::optional<std::string>& stateCt);

    // The last `limit` messages, oldest first.
    std::vector<MessageRow> lastMessages(const std::string& id, std::int64_t ownerId, std::int64_t subjectId,
                                         std::size_t limit);

    // Every message about the subject, in every conversation (theirs and their caregivers'),
    // oldest first: the patient's own data for their export.
    std::vector<ArchivedMessage> messagesAbout(std::int64_t subjectId);

    // Closes every open conversation of the owner about the subject; returns how many.
    std::size_t closeOpen(std::int64_t ownerId, std::optional<std::int64_t> subjectId);

    // Deletes chat messages older than `days` days, and conversations untouched for as
    // long (their state and any messages left with them).
    PurgeCounts purgeOlderThan(int days);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::assistant
