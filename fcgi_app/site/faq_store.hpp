#pragma once
// SQL for the FAQ the assistant answers from (faq_entries): public practice information
// only, edited by admins at /admin/faq.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::site {

struct FaqEntry {
    std::int64_t id = 0;
    std::string question;  // at most 300 characters, unique
    std::string answer;    // at most 4000 characters
    std::string tags;      // comma-separated keywords, at most 300 characters
    std::string updatedAt; // UTC, "YYYY-MM-DD HH:MM:SS" (filled on reads)
};

class FaqStore {
public:
    explicit FaqStore(storage::ConnectionPool& pool) : pool_(pool) {}

    enum class Write { Ok, NotFound, Duplicate };  // Duplicate: another entry has this question

    // Every entry, oldest first.
    std::vector<FaqEntry> list();
    std::optional<FaqEntry> byId(std::int64_t id);
    // The new id, or nullopt when an entry already asks this question.
    std::optional<std::int64_t> create(const FaqEntry& entry);
    Write update(const FaqEntry& entry);
    bool remove(std::int64_t id);
    // Changes whenever an entry is added, edited or removed, and costs one aggregate query:
    // "COUNT|MAX(updated_at)|checksum", the checksum (BIT_XOR of a CRC of each row's id and
    // updated_at) catching an edit whose transaction committed after a later one's.
    std::string version();

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::site
