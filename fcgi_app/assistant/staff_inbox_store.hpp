#pragma once
// SQL for the staff inbox (staff_messages): messages a patient, or their caregiver, asked
// the assistant to pass to the practice. The text arrives encrypted under the patient's
// data key (StaffInboxService does that); this file only moves the ciphertext.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::assistant {

struct StaffMessageRow {
    std::int64_t id = 0;
    std::int64_t subjectId = 0;
    std::int64_t sentBy = 0;
    std::string textCt;
    std::int64_t createdAt = 0;  // UTC epoch seconds
    std::optional<std::int64_t> handledAt;
    std::optional<std::int64_t> handledBy;
};

class StaffInboxStore {
public:
    explicit StaffInboxStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Adds a message and stores seal(id) (the ciphertext bound to the new row's id) as its
    // text, in one transaction. Returns the id.
    std::int64_t add(std::int64_t subjectId, std::int64_t sentBy, const std::function<std::string(std::int64_t)>& seal);

    // The newest `limit` messages, newest first.
    std::vector<StaffMessageRow> newest(std::size_t limit);

    // Marks a message handled; false when there is no such message or it was handled already.
    bool markHandled(std::int64_t id, std::int64_t adminId);
    std::optional<StaffMessageRow> byId(std::int64_t id);

    // Deletes messages older than `days` days; returns how many.
    std::size_t purgeOlderThan(int days);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::assistant
