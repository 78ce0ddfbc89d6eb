#include "assistant/faq_source.hpp"

#include <exception>
#include <map>
#include <utility>
#include <vector>

#include "common/logging.hpp"
#include "site/faq_placeholders.hpp"

namespace medassist::assistant {

FaqSource::FaqSource(site::FaqStore& store, engine::FaqKnowledge& knowledge, std::chrono::milliseconds checkEvery)
    : store_(store), knowledge_(knowledge), checkEvery_(checkEvery) {}

void FaqSource::renderWith(site::PracticeService& practice, const i18n::Catalogs& catalogs) {
    std::lock_guard lock(mutex_);
    practice_ = &practice;
    catalogs_ = &catalogs;
}

void FaqSource::invalidate() {
    std::lock_guard lock(mutex_);
    checked_ = false;
}

std::size_t FaqSource::refresh() {
    std::lock_guard lock(mutex_);
    lastCheck_ = std::chrono::steady_clock::now();
    checked_ = true;
    return load(store_.version());
}

bool FaqSource::refreshIfChanged() {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return false;
    const auto now = std::chrono::steady_clock::now();
    if (checked_ && now - lastCheck_ < checkEvery_) return false;
    lastCheck_ = now;
    checked_ = true;
    try {
        auto version = store_.version();
        if (version == version_) return false;
        load(std::move(version));
        return true;
    } catch (const std::exception& e) {
        std::string line = "FAQ not reloaded, the assistant answers from the entries it has: ";
        line += e.what();
        appLogger().warning(line);
        return false;
    }
}

// The version is read before the entries: an edit in between makes the next check reload
// again, never leaves an edit unseen.
std::size_t FaqSource::load(std::string version) {
    std::map<std::string, std::vector<engine::FaqEntry>> byLanguage;
    auto& source = byLanguage["en"];
    for (auto& row : store_.list())
        source.push_back(engine::FaqEntry{row.id, std::move(row.question), std::move(row.answer), std::move(row.tags)});
    for (auto& t : store_.translations())
        byLanguage[t.language].push_back(
            engine::FaqEntry{t.entryId, std::move(t.question), std::move(t.answer), std::move(t.tags)});
    if (practice_ && catalogs_)
        for (auto& [lang, entries] : byLanguage) {
            const site::PracticeInfo facts = practice_->info(lang);
            for (auto& e : entries) e.answer = site::renderFaqText(e.answer, facts, *catalogs_, lang);
        }
    const auto count = source.size();
    knowledge_.replace(std::move(byLanguage));
    version_ = std::move(version);
    return count;
}

}  // namespace medassist::assistant
