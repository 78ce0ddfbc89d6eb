#include "admin/security_pages.hpp"

#include <algorithm>

#include "scheduling/practice_time.hpp"

namespace medassist::admin {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

constexpr std::size_t kShown = 200;
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
            problem = "Choose an event from the list.";
        else
            f.event = event;
        f.network = network;
        if (!from.empty()) {
            if (auto d = scheduling::parseDate(from)) f.fromIso = scheduling::formatDate(*d) + "T00:00:00";
            else problem = "Write the dates as YYYY-MM-DD.";
        }
        if (!to.empty()) {
            if (auto d = scheduling::parseDate(to)) f.toIso = scheduling::formatDate(scheduling::addDays(*d, 1)) + "T00:00:00";
            else problem = "Write the dates as YYYY-MM-DD.";
        }
        const SecurityReview r = review.review(f, ctx.now);

        TemplateData d;
        TemplateData bursts(TemplateData::type::list);
        for (const auto& b : r.bursts) {
            TemplateData item;
            item.set("title", b.title);
            item.set("network", b.network);
            item.set("count", std::to_string(b.count));
            item.set("window", b.window);
            bursts.push_back(item);
        }
        d.set("bursts", bursts);
        d.set("any_bursts", !r.bursts.empty());
        TemplateData events(TemplateData::type::list);
        for (const auto& e : r.events) {
            TemplateData item;
            item.set("time", e.time.substr(0, 19));
            item.set("event", e.event);
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
            o.set("selected", name == f.event);
            options.push_back(o);
        }
        d.set("event_options", options);
        d.set("f_network", network);
        d.set("f_from", from);
        d.set("f_to", to);
        d.set("filter_error", problem.empty() ? TemplateData(false) : TemplateData(problem));
        return http::Response::html(problem.empty() ? 200 : 422,
                                    view.page("admin/security", problem.empty() ? i18n::N_("Security review")
                                                                                : "Error: Security review",
                                              d, "/admin/security", ctx.visitor()));
    });
}

}  // namespace medassist::admin
