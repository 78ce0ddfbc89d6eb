#include "admin/security_pages.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>

#include "http/page_time.hpp"
#include "i18n/catalogs.hpp"

#include "scheduling/practice_time.hpp"

namespace medassist::admin {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

constexpr std::size_t kShown = 200;

// The audit log's event names in the reader's language. The msgids are the names themselves
// (what English pages show, and the filter's values); an unknown name as it is.
std::string eventLabel(const Context& ctx, const std::string& name) {
    static const std::map<std::string, const char*> labels{
        {"sign_in", i18n::N_("sign_in")},
        {"sign_in_failed", i18n::N_("sign_in_failed")},
        {"lockout", i18n::N_("lockout")},
        {"sign_out", i18n::N_("sign_out")},
        {"reset_requested", i18n::N_("reset_requested")},
        {"reset_completed", i18n::N_("reset_completed")},
        {"password_changed", i18n::N_("password_changed")},
        {"mfa_enrolled", i18n::N_("mfa_enrolled")},
        {"mfa_failed", i18n::N_("mfa_failed")},
        {"mfa_disabled", i18n::N_("mfa_disabled")},
        {"recovery_code_used", i18n::N_("recovery_code_used")},
        {"access_denied", i18n::N_("access_denied")},
        {"account_created", i18n::N_("account_created")},
        {"account_erased", i18n::N_("account_erased")},
        {"data_exported", i18n::N_("data_exported")},
        {"consent_agreed", i18n::N_("consent_agreed")},
        {"consent_withdrawn", i18n::N_("consent_withdrawn")},
        {"doctor_approved", i18n::N_("doctor_approved")},
        {"settings_changed", i18n::N_("settings_changed")},
        {"faq_created", i18n::N_("faq_created")},
        {"faq_updated", i18n::N_("faq_updated")},
        {"faq_deleted", i18n::N_("faq_deleted")},
    };
    auto it = labels.find(name);
    return it == labels.end() ? name : ctx.t(it->second);
}

// An audit time ("2026-03-02T08:30:00.000Z", UTC) in the reader's words and the practice's zone.
std::string auditMoment(const http::PageTime& clock, const std::string& utc) {
    std::tm tm{};
    if (utc.size() < 19 || std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                       &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return utc;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return clock.minute(static_cast<std::int64_t>(timegm(&tm)));
}
}  // namespace

void addSecurityReviewPages(http::Router& router, accounts::Gate& gate, SecurityReviewService& review,
                            const http::View& view) {
    gate.add(router, "GET", "/admin/security", Access::only({"admin"}), [&](http::Request& req, Context& ctx) {
        security::AuditStore::Filter f;
        f.limit = kShown;
        const std::string event = req.query().getOr("event", "");
        const std::string network = req.query().getOr("network", "").substr(0, 64);
        const std::string from = req.query().getOr("from", "");
        const std::string to = req.query().getOr("to", "");
        std::string problem;
        const auto& known = SecurityReviewService::knownEvents();
        if (!event.empty() && std::find(known.begin(), known.end(), event) == known.end())
            problem = i18n::N_("Choose an event from the list.");
        else
            f.event = event;
        f.network = network;
        if (!from.empty()) {
            if (auto d = scheduling::parseDate(from)) f.fromIso = scheduling::formatDate(*d) + "T00:00:00";
            else problem = i18n::N_("Write the dates as YYYY-MM-DD.");
        }
        if (!to.empty()) {
            if (auto d = scheduling::parseDate(to)) f.toIso = scheduling::formatDate(scheduling::addDays(*d, 1)) + "T00:00:00";
            else problem = i18n::N_("Write the dates as YYYY-MM-DD.");
        }
        const SecurityReview r = review.review(f, ctx.now);

        TemplateData d;
        TemplateData bursts(TemplateData::type::list);
        for (const auto& b : r.bursts) {
            TemplateData item;
            item.set("title", ctx.t(b.title));
            item.set("network", b.network);
            item.set("count", std::to_string(b.count));
            item.set("window", ctx.t(b.window));
            bursts.push_back(item);
        }
        d.set("bursts", bursts);
        d.set("any_bursts", !r.bursts.empty());
        const http::PageTime clock = view.clock(ctx.lang);
        TemplateData events(TemplateData::type::list);
        for (const auto& e : r.events) {
            TemplateData item;
            item.set("time", auditMoment(clock, e.time));
            item.set("event", eventLabel(ctx, e.event));
            item.set("actor", e.actor.empty() ? std::string("-") : e.actor.substr(0, 12));
            item.set("network", e.network);
            item.set("detail", e.detail);
            events.push_back(item);
        }
        d.set("events", events);
        d.set("any_events", !r.events.empty());
        d.set("shown", std::to_string(kShown));
        TemplateData options(TemplateData::type::list);
        for (const auto& name : known) {
            TemplateData o;
            o.set("name", name);
            o.set("label", eventLabel(ctx, name));
            o.set("selected", name == f.event);
            options.push_back(o);
        }
        d.set("event_options", options);
        d.set("f_network", network);
        d.set("f_from", from);
        d.set("f_to", to);
        d.set("filter_error", problem.empty() ? TemplateData(false) : TemplateData(ctx.t(problem)));
        return http::Response::html(problem.empty() ? 200 : 422,
                                    view.page("admin/security", problem.empty() ? i18n::N_("Security review")
                                                                                : "Error: Security review",
                                              d, "/admin/security", ctx.visitor()));
    });
}

}  // namespace medassist::admin
