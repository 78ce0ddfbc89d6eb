#include "privacy/consent_service.hpp"
#include "i18n/catalogs.hpp"

#include <stdexcept>

namespace medassist::privacy {

ConsentText ConsentService::current() {
    std::lock_guard lock(currentMutex_);
    const auto now = std::chrono::steady_clock::now();
    if (cachedCurrent_ && now - currentReadAt_ < std::chrono::seconds(5)) return *cachedCurrent_;
    auto text = store_.current();
    if (!text) throw std::runtime_error("no consent text is published (sql/seed/0004_consent.sql)");
    cachedCurrent_ = *text;
    currentReadAt_ = now;
    return *text;
}

ConsentStatus ConsentService::status(std::int64_t userId) {
    ConsentStatus s;
    s.latest = store_.latest(userId);
    if (!s.latest || s.latest->action != "agreed") return s;
    s.granted = s.latest->version == current().version;
    s.outdated = !s.granted;
    return s;
}

accounts::FieldErrors ConsentService::agree(std::int64_t userId, const std::string& version, bool agree,
                                            const std::string& ip) {
    accounts::FieldErrors errors;
    const ConsentText text = current();
    if (version != text.version)
        errors.push_back({"version", i18n::N_("This is not the current consent text: read the text again and agree to it.")});
    if (!agree) errors.push_back({"agree", i18n::N_("Tick the box to agree.")});
    if (!errors.empty()) return errors;
    store_.add(userId, version, "agreed");
    audit_.record("consent_agreed", std::to_string(userId), ip, version);
    return errors;
}

bool ConsentService::withdraw(std::int64_t userId, const std::string& ip) {
    auto latest = store_.latest(userId);
    if (!latest || latest->action != "agreed") return false;
    store_.add(userId, latest->version, "withdrawn");
    audit_.record("consent_withdrawn", std::to_string(userId), ip, latest->version);
    return true;
}

}  // namespace medassist::privacy
