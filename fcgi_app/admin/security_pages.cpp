#include "admin/security_pages.hpp"

#include <algorithm>
#include <map>
#include <string>

#include <Poco/URI.h>

#include "common/strict_int.hpp"
#include "http/page_time.hpp"
#include "i18n/catalogs.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::admin {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

constexpr std::size_t kIncidentsPerPage = 20;
constexpr std::size_t kScannedEvents = 2000;  // incidents are grouped among the latest this many
constexpr std::size_t kRowsPerPage = 50;
constexpr std::size_t kMaxPage = 1000;

// What each audit event means, as a practice manager would say it; the raw trail keeps the
// codes. An unknown code (a new event) reads as "Other event" with its code.
const char* describe(const std::string& event) {
    static const std::map<std::string, const char*> texts{
        {"sign_in", i18n::N_("Signed in")},
        {"sign_in_failed", i18n::N_("Sign-in failed: wrong email address or password")},
        {"lockout", i18n::N_("Account locked after repeated failed sign-ins")},
        {"sign_out", i18n::N_("Signed out")},
        {"reset_requested", i18n::N_("Asked for a password reset link")},
        {"reset_completed", i18n::N_("Chose a new password with a reset link")},
        {"password_changed", i18n::N_("Changed the password")},
        {"password_change_failed", i18n::N_("Password change refused: wrong current password")},
        {"mfa_enrolled", i18n::N_("Set up two-step sign-in")},
        {"mfa_failed", i18n::N_("Two-step sign-in failed: wrong code")},
        {"mfa_disabled", i18n::N_("Turned off two-step sign-in")},
        {"recovery_code_used", i18n::N_("Signed in with a recovery code")},
        {"access_denied", i18n::N_("Tried to open a page they may not see")},
        {"account_created", i18n::N_("Registered an account")},
        {"account_erased", i18n::N_("Erased their account")},
        {"data_exported", i18n::N_("Downloaded a copy of their data")},
        {"consent_agreed", i18n::N_("Agreed to the consent text")},
        {"consent_withdrawn", i18n::N_("Withdrew their consent")},
        {"email_confirmed", i18n::N_("Confirmed their email address")},
        {"email_confirm_failed", i18n::N_("Used a confirmation link that does not work")},
        {"confirmation_resent", i18n::N_("Asked for the confirmation email again")},
        {"register_known_address", i18n::N_("Tried to register an address that already has an account")},
        {"language_changed", i18n::N_("Changed their language")},
        {"profile_changed", i18n::N_("Changed their profile")},
        {"doctor_approved", i18n::N_("An administrator approved a doctor's account")},
        {"doctor_rejected", i18n::N_("An administrator rejected a doctor's registration")},
        {"doctor_profile_saved", i18n::N_("An administrator saved a doctor's profile and hours")},
        {"time_off_added", i18n::N_("Time off added to a doctor's calendar")},
        {"time_off_removed", i18n::N_("Time off removed from a doctor's calendar")},
        {"settings_changed", i18n::N_("An administrator changed the practice settings")},
        {"faq_created", i18n::N_("An administrator added a question and answer")},
        {"faq_updated", i18n::N_("An administrator changed a question and answer")},
        {"faq_deleted", i18n::N_("An administrator deleted a question and answer")},
        {"faq_restored", i18n::N_("An administrator restored a question and answer")},
        {"staff_message_handled", i18n::N_("Staff dealt with a patient's message")},
        {"kept_record_read", i18n::N_("A doctor read a kept medical record of an erased account")},
        // The assistant's turns (chat_service.cpp: "assistant_" and the turn's event kind).
        {"assistant_booked", i18n::N_("Booked an appointment through the assistant")},
        {"assistant_cancelled", i18n::N_("Cancelled an appointment through the assistant")},
        {"assistant_rescheduled", i18n::N_("Moved an appointment through the assistant")},
        {"assistant_staff_message", i18n::N_("Left a message for the staff through the assistant")},
        {"assistant_emergency", i18n::N_("The assistant gave the emergency number")},
        {"assistant_medical_advice", i18n::N_("The assistant declined to give medical advice")},
        {"assistant_output_redacted", i18n::N_("The assistant held back personal data from a reply")},
        {"assistant_refused_other_person", i18n::N_("The assistant refused a question about another person")},
        {"assistant_prompt_injection", i18n::N_("The assistant refused an attempt to change its rules")},
    };
    auto it = texts.find(event);
    return it == texts.end() ? nullptr : it->second;
}

std::string eventText(const Context& ctx, const std::string& event) {
    if (const char* text = describe(event)) return ctx.t(text);
    return ctx.tf(i18n::N_("Other event ({1})"), {event});
}

std::string enc(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "/?#&=+;%", out);
    return out;
}

// The filter of both views, from the query string; problem names what was not understood.
struct Query {
    security::AuditStore::Filter filter;
    std::string event, network, from, to;  // as typed, shown again
    std::size_t page = 1;
    std::string problem;

    // The query string of these filters and the given page ("" when none is needed).
    std::string href(const std::string& path, std::size_t toPage) const {
        std::string q;
        auto add = [&q](const char* name, const std::string& value) {
            if (value.empty()) return;
            q += q.empty() ? '?' : '&';
            q += name;
            q += '=';
            q += enc(value);
        };
        add("event", event);
        add("network", network);
        add("from", from);
        add("to", to);
        if (toPage > 1) add("page", std::to_string(toPage));
        return path + q;
    }
};

Query parseQuery(const http::Request& req, const std::string& zone) {
    Query q;
    q.event = req.query().getOr("event", "");
    q.network = req.query().getOr("network", "").substr(0, 64);
    q.from = req.query().getOr("from", "");
    q.to = req.query().getOr("to", "");
    const auto& known = SecurityReviewService::knownEvents();
    if (!q.event.empty() && std::find(known.begin(), known.end(), q.event) == known.end())
        q.problem = i18n::N_("Choose an event from the list.");
    else
        q.filter.event = q.event;
    q.filter.network = q.network;
    // Dates are the practice's days (its time zone), as every time on the page.
    const scheduling::PracticeTime local(zone);
    auto bound = [&](const std::string& text, int plusDays, std::string& iso) {
        if (text.empty()) return;
        auto d = scheduling::parseDate(text);
        auto at = d ? local.toInstant(scheduling::addDays(*d, plusDays), 0) : std::nullopt;
        if (at) iso = auditTime(*at);
        else q.problem = i18n::N_("Write the dates as YYYY-MM-DD.");
    };
    bound(q.from, 0, q.filter.fromIso);
    bound(q.to, 1, q.filter.toIso);
    const std::string page = req.query().getOr("page", "1");
    auto n = parseStrictInt(page);
    if (!n || *n < 1 || *n > static_cast<int>(kMaxPage)) q.problem = i18n::N_("There is no such page.");
    else q.page = static_cast<std::size_t>(*n);
    return q;
}

void filterInto(TemplateData& d, const Query& q, const Context& ctx, const std::string& action) {
    TemplateData options(TemplateData::type::list);
    for (const auto& name : SecurityReviewService::knownEvents()) {
        TemplateData o;
        o.set("name", name);
        o.set("label", eventText(ctx, name));
        o.set("selected", name == q.filter.event);
        options.push_back(o);
    }
    d.set("event_options", options);
    d.set("action", action);
    d.set("f_network", q.network);
    d.set("f_from", q.from);
    d.set("f_to", q.to);
    d.set("filter_error", q.problem.empty() ? TemplateData(false) : TemplateData(ctx.t(q.problem)));
}

void pagerInto(TemplateData& d, const Query& q, const std::string& path, bool more) {
    d.set("page", std::to_string(q.page));
    d.set("newer_href", q.page > 1 ? TemplateData(q.href(path, q.page - 1)) : TemplateData(false));
    d.set("older_href", more ? TemplateData(q.href(path, q.page + 1)) : TemplateData(false));
    d.set("paged", q.page > 1 || more);
}

http::Response page(const http::View& view, const Context& ctx, const Query& q, const char* name, const char* title,
                    const TemplateData& d) {
    std::string fullTitle = q.problem.empty() ? "" : "Error: ";
    fullTitle += title;
    return http::Response::html(q.problem.empty() ? 200 : 422, view.page(name, fullTitle, d, "/admin/security", ctx.visitor()));
}

std::string pseudonym(const std::string& actor) { return actor.substr(0, 12); }
}  // namespace

void addSecurityReviewPages(http::Router& router, accounts::Gate& gate, SecurityReviewService& review,
                            const http::View& view) {
    // The readable view: incidents in plain words and the practice's local time, paged.
    gate.add(router, "GET", "/admin/security", Access::only({"admin"}), [&](http::Request& req, Context& ctx) {
        const http::PageTime clock = view.clock(ctx.lang);
        Query q = parseQuery(req, clock.zone());
        const scheduling::PracticeTime local(clock.zone());
        TemplateData d;
        security::AuditStore::Filter burstsOnly;  // the incidents below read the events
        burstsOnly.limit = 0;
        const SecurityReview r = review.review(burstsOnly, ctx.now);
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

        std::vector<Incident> all;
        if (q.problem.empty()) all = review.incidents(q.filter, kScannedEvents);
        const std::size_t begin = std::min(all.size(), (q.page - 1) * kIncidentsPerPage);
        const std::size_t end = std::min(all.size(), begin + kIncidentsPerPage);
        TemplateData incidents(TemplateData::type::list);
        for (std::size_t n = begin; n < end; ++n) {
            const Incident& i = all[n];
            TemplateData item;
            // "7 December 2026, 10:02 to 10:15" (the second date only when the day changed)
            const std::string from = clock.minute(i.first);
            const bool sameDay = local.dateOf(i.first) == local.dateOf(i.last);
            if (from == clock.minute(i.last)) item.set("when", from);
            else item.set("when", from + " – " + (sameDay ? clock.time(i.last) : clock.minute(i.last)));
            item.set("who", i.actor.empty() ? ctx.t(i18n::N_("Nobody signed in"))
                                            : ctx.tf(i18n::N_("Account {1}"), {pseudonym(i.actor)}));
            item.set("network", i.network.empty() ? std::string("-") : i.network);
            item.set("attention", i.attention);
            TemplateData what(TemplateData::type::list);
            for (const auto& [event, count] : i.counts) {
                TemplateData w;
                w.set("text", eventText(ctx, event));
                w.set("count", count > 1 ? TemplateData(std::to_string(count)) : TemplateData(false));
                what.push_back(w);
            }
            item.set("what", what);
            TemplateData events(TemplateData::type::list);
            for (const auto& e : i.events) {
                TemplateData ev;
                ev.set("time", clock.minute(auditEpoch(e.time)));
                ev.set("text", eventText(ctx, e.event));
                events.push_back(ev);
            }
            item.set("events", events);
            item.set("event_count", std::to_string(i.events.size()));
            // The raw rows of this incident: its network over its days.
            Query raw;
            raw.network = i.network;
            raw.from = scheduling::formatDate(local.dateOf(i.first));
            raw.to = scheduling::formatDate(local.dateOf(i.last));
            item.set("raw_href", raw.href("/admin/security/raw", 1));
            incidents.push_back(item);
        }
        d.set("incidents", incidents);
        d.set("any_incidents", end > begin);
        d.set("scanned", std::to_string(kScannedEvents));
        d.set("timezone", clock.zoneLabel());
        d.set("raw_href", q.href("/admin/security/raw", 1));
        pagerInto(d, q, "/admin/security", end < all.size());
        filterInto(d, q, ctx, "/admin/security");
        return page(view, ctx, q, "admin/security", i18n::N_("Security review"), d);
    });

    // The raw trail: every row as stored (codes, pseudonyms, UTC), paged.
    gate.add(router, "GET", "/admin/security/raw", Access::only({"admin"}), [&](http::Request& req, Context& ctx) {
        const http::PageTime clock = view.clock(ctx.lang);
        Query q = parseQuery(req, clock.zone());
        std::vector<security::AuditRow> rows;
        if (q.problem.empty()) {
            auto f = q.filter;
            f.limit = kRowsPerPage + 1;  // one more tells whether there is an older page
            f.offset = (q.page - 1) * kRowsPerPage;
            rows = review.raw(f);
        }
        const bool more = rows.size() > kRowsPerPage;
        if (more) rows.resize(kRowsPerPage);
        TemplateData d;
        TemplateData events(TemplateData::type::list);
        for (const auto& e : rows) {
            TemplateData item;
            item.set("id", std::to_string(e.id));
            item.set("utc", e.time);
            item.set("local", clock.minute(auditEpoch(e.time)));
            item.set("event", e.event);
            item.set("actor", e.actor.empty() ? std::string("-") : pseudonym(e.actor));
            item.set("network", e.network);
            item.set("detail", e.detail);
            events.push_back(item);
        }
        d.set("events", events);
        d.set("any_events", !rows.empty());
        d.set("timezone", clock.zoneLabel());
        d.set("readable_href", q.href("/admin/security", 1));
        pagerInto(d, q, "/admin/security/raw", more);
        filterInto(d, q, ctx, "/admin/security/raw");
        return page(view, ctx, q, "admin/security_raw", i18n::N_("Security review: the raw trail"), d);
    });
}

}  // namespace medassist::admin
