#pragma once
// SQL for consent: the published texts and each patient's agreements and withdrawals.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::privacy {

struct ConsentText {
    std::string version, text;
    std::map<std::string, std::string> translations;  // language -> the same version's body in it

    // The body in lang, or the source text when it has no translation in lang.
    const std::string& in(const std::string& lang) const {
        auto it = translations.find(lang);
        return it == translations.end() ? text : it->second;
    }
    bool translatedInto(const std::string& lang) const { return translations.count(lang) > 0; }
};

struct ConsentEntry {
    std::string version, action;  // action: "agreed" or "withdrawn"
    std::int64_t at = 0;          // UTC epoch seconds
};

class ConsentStore {
public:
    explicit ConsentStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // The newest published text with its translations; nullopt before any is loaded.
    std::optional<ConsentText> current();
    // The user's latest entry, or nullopt when they never answered.
    std::optional<ConsentEntry> latest(std::int64_t userId);
    // Every entry of the user, oldest first.
    std::vector<ConsentEntry> history(std::int64_t userId);
    void add(std::int64_t userId, const std::string& version, const std::string& action);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::privacy
