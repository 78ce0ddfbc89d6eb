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

// An entry in another language than the source one (faq_translations).
struct FaqTranslation {
    std::int64_t entryId = 0;
    std::string language;  // "it"
    std::string question, answer, tags;  // the same limits as FaqEntry; question unique per language
    std::string updatedAt;
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
    // Every entry's versions in other languages, by entry then language.
    std::vector<FaqTranslation> translations();
    std::vector<FaqTranslation> translationsOf(std::int64_t entryId);
    // Adds or replaces the entry's version in t.language. NotFound: no such entry;
    // Duplicate: another entry's version in that language asks this question.
    Write saveTranslation(const FaqTranslation& t);
    bool removeTranslation(std::int64_t entryId, const std::string& language);
    // Changes whenever an entry or a version is added, edited or removed, and costs one
    // aggregate query per table:
    // "COUNT|MAX(updated_at)|checksum", the checksum (BIT_XOR of a CRC of each row's id and
    // updated_at) catching an edit whose transaction committed after a later one's.
    std::string version();

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::site
