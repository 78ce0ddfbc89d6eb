#pragma once
// Keeps the assistant's FAQ index (engine::FaqKnowledge) in step with the faq_entries table
// that admins edit at /admin/faq, without a restart: on every worker of every app process,
// an edit is answered from within a few seconds.
//
// Each app process holds one FaqSource and one FaqKnowledge. Before the assistant answers a
// question about the practice it calls refreshIfChanged(): at most once per `checkEvery`
// that reads the table's version (FaqStore::version(), one aggregate query) and, when it
// differs from the version loaded, reloads every entry and swaps in a new index. Processes
// share nothing but the database, so each one notices by itself.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

#include "assistant/engine/faq_index.hpp"
#include "i18n/catalogs.hpp"
#include "site/faq_store.hpp"
#include "site/practice_service.hpp"

namespace medassist::assistant {

class FaqSource {
public:
    static constexpr std::chrono::milliseconds kCheckEvery{5000};

    FaqSource(site::FaqStore& store, engine::FaqKnowledge& knowledge,
              std::chrono::milliseconds checkEvery = kCheckEvery);

    // Answers embed the practice's facts ({{hours}}, {{phone}}: site/faq_placeholders.hpp),
    // rendered at each load from the current settings in each version's language; the store's
    // version counts the settings too, so a change of hours reloads like an FAQ edit. Without
    // this call the answers are indexed as written. Call it before the first refresh().
    void renderWith(site::PracticeService& practice, const i18n::Catalogs& catalogs);

    // The next refreshIfChanged() checks at once, whatever the window: this process just
    // changed the FAQ or the settings (other processes notice within their window).
    void invalidate();

    // Loads every entry now and swaps in a new index; returns how many there are. Throws
    // when the database cannot be read (medassist::Unavailable when it is out of reach):
    // call it at start-up.
    std::size_t refresh();

    // Reloads when the table changed since the last load, checking at most once per
    // checkEvery; true when it reloaded. Never throws and never waits for another thread's
    // check: when the database cannot be read the current index stays (the failure is
    // logged and the next check comes a window later), and a worker that finds another one
    // checking goes on with the index there is.
    bool refreshIfChanged();

private:
    site::FaqStore& store_;
    engine::FaqKnowledge& knowledge_;
    const std::chrono::steady_clock::duration checkEvery_;
    std::mutex mutex_;  // one check or load at a time; guards the two below
    std::string version_;  // of the entries loaded; empty before the first load
    std::chrono::steady_clock::time_point lastCheck_{};
    bool checked_ = false;  // lastCheck_ is set
    site::PracticeService* practice_ = nullptr;
    const i18n::Catalogs* catalogs_ = nullptr;

    std::size_t load(std::string version);
};

}  // namespace medassist::assistant
