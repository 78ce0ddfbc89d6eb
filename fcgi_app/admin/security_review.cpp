#include "admin/security_review.hpp"

#include "i18n/catalogs.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <initializer_list>
#include <map>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace medassist::admin {

std::string auditTime(std::int64_t epochSeconds) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epochSeconds), "%Y-%m-%dT%H:%M:%S.%FZ");
}

std::int64_t auditEpoch(const std::string& iso) {
    std::tm tm{};
    if (iso.size() < 19 || std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                       &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<std::int64_t>(timegm(&tm));
}

namespace {
long long countOf(const Incident& i, std::initializer_list<const char*> events) {
    long long n = 0;
    for (const auto& [event, count] : i.counts)
        for (const char* e : events)
            if (event == e) n += count;
    return n;
}

// What makes an incident worth a manager's look, in the spirit of the bursts above but for
// one account or address.
bool needsAttention(const Incident& i) {
    return countOf(i, {"lockout", "mfa_disabled", "recovery_code_used"}) > 0 ||
           countOf(i, {"sign_in_failed", "mfa_failed", "password_change_failed"}) >= 3 ||
           countOf(i, {"access_denied"}) >= 3 || countOf(i, {"reset_requested"}) >= 3;
}
}  // namespace

std::vector<Incident> groupIncidents(const std::vector<security::AuditRow>& rows, std::int64_t gapSeconds) {
    std::vector<Incident> out;
    // The open incident of each key: its index in out. Rows come newest first, so an
    // incident grows backwards in time while the next older row is within the gap.
    std::map<std::string, std::size_t> open;
    for (const auto& row : rows) {
        const std::string key = row.actor.empty() ? "n:" + row.network : "a:" + row.actor;
        const std::int64_t at = auditEpoch(row.time);
        auto it = open.find(key);
        if (it == open.end() || out[it->second].first - at > gapSeconds) {
            Incident i;
            i.actor = row.actor;
            i.network = row.network;
            i.first = i.last = at;
            out.push_back(std::move(i));
            open[key] = out.size() - 1;
            it = open.find(key);
        }
        Incident& i = out[it->second];
        i.first = at;
        i.events.push_back(row);
        auto c = std::find_if(i.counts.begin(), i.counts.end(), [&](const auto& p) { return p.first == row.event; });
        if (c == i.counts.end()) i.counts.emplace_back(row.event, 1);
        else ++c->second;
    }
    for (auto& i : out) i.attention = needsAttention(i);
    return out;
}

std::vector<Incident> SecurityReviewService::incidents(security::AuditStore::Filter filter, std::size_t scan) {
    filter.limit = scan;
    filter.offset = 0;
    return groupIncidents(store_.search(filter));
}

std::vector<security::AuditRow> SecurityReviewService::raw(const security::AuditStore::Filter& filter) {
    return store_.search(filter);
}

const std::vector<std::string>& SecurityReviewService::knownEvents() {
    static const std::vector<std::string> events{
        "sign_in",         "sign_in_failed",   "lockout",          "sign_out",        "reset_requested",
        "reset_completed", "password_changed", "mfa_enrolled",     "mfa_failed",      "mfa_disabled",
        "recovery_code_used", "access_denied", "account_created",  "account_erased",  "data_exported",
        "consent_agreed",  "consent_withdrawn", "doctor_approved", "doctor_rejected", "settings_changed",
        "faq_created",     "faq_updated",     "faq_deleted",     "faq_restored",
        "kept_record_read"};
    return events;
}

SecurityReview SecurityReviewService::review(const security::AuditStore::Filter& filter, std::int64_t now) {
    SecurityReview out;
    out.events = store_.search(filter);
    struct Rule {
        const char* title;
        std::vector<std::string> events;
        std::int64_t windowSeconds;
        long long atLeast;
        const char* window;
    };
    static const std::vector<Rule> rules{
        // English texts marked for the catalog; the page shows them in the reader's language.
        {i18n::N_("Many failed sign-ins from one network"), {"sign_in_failed", "mfa_failed"}, 3600, 10,
         i18n::N_("in the last hour")},
        {i18n::N_("Accounts locked"), {"lockout"}, 86400, 1, i18n::N_("in the last 24 hours")},
        {i18n::N_("Many password-reset requests from one network"), {"reset_requested"}, 3600, 5,
         i18n::N_("in the last hour")},
        {i18n::N_("Many refused requests from one network"), {"access_denied"}, 3600, 20, i18n::N_("in the last hour")},
    };
    for (const auto& r : rules)
        for (const auto& [network, count] : store_.countsByNetwork(r.events, auditTime(now - r.windowSeconds), r.atLeast))
            out.bursts.push_back(Burst{r.title, network, count, r.window});
    return out;
}

}  // namespace medassist::admin
