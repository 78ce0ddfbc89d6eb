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
    std::string deletedAt; // the same, for an entry in "Recently deleted"; empty otherwise
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

    // Every entry, oldest first (not the deleted ones, here and in byId and translations).
    std::vector<FaqEntry> list();
    std::optional<FaqEntry> byId(std::int64_t id);
    // Deleted entries that can still be restored, the last deleted first.
    std::vector<FaqEntry> deleted();
    // The new id, or nullopt when an entry already asks this question.
    std::optional<std::int64_t> create(const FaqEntry& entry);
    Write update(const FaqEntry& entry);
    // Removes the entry for good, its versions with it.
    bool remove(std::int64_t id);
    // Marks the entry deleted (false: no such entry, or already deleted) and back.
    bool softRemove(std::int64_t id);
    bool restore(std::int64_t id);
    // Whether a deleted entry asks this question (it keeps the question until purged).
    bool deletedAsks(const std::string& question);
    // Removes for good the entries deleted more than `days` days ago; how many went.
    std::size_t purgeDeleted(int days);
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
    // updated_at) catching an edit whose transaction committed after a later one's. The
    // practice settings' checksum too: answers embed them (site/faq_placeholders.hpp).
    std::string version();

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::site
