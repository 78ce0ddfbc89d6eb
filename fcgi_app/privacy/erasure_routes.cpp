#include "privacy/erasure_routes.hpp"

#include "http/errors.hpp"
#include "http/json_body.hpp"

namespace medassist::privacy {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

TemplateData textOr(const std::string& s) { return s.empty() ? TemplateData(false) : TemplateData(s); }

http::Response page(const http::View& view, ErasureService& erasure, const Context& ctx,
                    const accounts::FieldErrors& errors, const std::string& confirmation, int status) {
    TemplateData d;
    // What stays of the medical record, why and until when (issue 22, item 11), told before
    // the patient confirms.
    const auto kept = erasure.preview(*ctx.principal, ctx.now);
    d.set("keeps", kept.keepsSomething());
    if (kept.keepsSomething()) {
        const http::PageTime clock = view.clock(ctx.lang);
        d.set("kept_visits", std::to_string(kept.visits));
        d.set("kept_notes", std::to_string(kept.notes));
        d.set("keep_until", clock.day(kept.keepUntil));
        d.set("keep_until_iso", http::isoUtc(kept.keepUntil));
        d.set("last_visit", clock.day(kept.lastVisit));
        d.set("years", std::to_string(kept.years));
    }
    d.set("csrf", ctx.csrf);
    d.set("confirmation_phrase", std::string(kErasureConfirmation));
    d.set("confirmation", confirmation);
    std::string passwordError, confirmationError;
    TemplateData summary(TemplateData::type::list);
    for (const auto& e : errors) {
        TemplateData item;
        item.set("message", ctx.t(e.reason));
        item.set("href", e.field == "confirmation" ? std::string("#confirmation") : std::string("#password"));
        summary.push_back(item);
        (e.field == "confirmation" ? confirmationError : passwordError) = ctx.t(e.reason);
    }
    d.set("has_errors", !errors.empty());
    d.set("errors", summary);
    d.set("password_error", textOr(passwordError));
    d.set("confirmation_error", textOr(confirmationError));
    std::string title = errors.empty() ? "" : "Error: ";
    title += i18n::N_("Delete my account");
    return http::Response::html(status, view.page("privacy/delete", title, d, "/account/delete", ctx.visitor()));
}
}  // namespace

void addErasureRoutes(http::Router& router, accounts::Gate& gate, ErasureService& erasure, const http::View& view) {
    gate.add(router, "GET", "/account/delete", Access::only({"patient"}),
             [&](http::Request&, Context& ctx) { return page(view, erasure, ctx, {}, "", 200); });

    gate.add(router, "POST", "/account/delete", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string confirmation = f.getOr("confirmation", "");
        // Asked before erasing: afterwards nothing links the patient to what was kept. The
        // goodbye page must not say "everything" was deleted when the medical record stays.
        const bool keeps = erasure.preview(*ctx.principal, ctx.now).keepsSomething();
        auto errors = erasure.erase(*ctx.principal, f.getOr("password", ""), confirmation, ctx.ip);
        if (!errors.empty()) return page(view, erasure, ctx, errors, confirmation, 422);
        ctx.setCookies.push_back(accounts::cookieHeader(accounts::kSessionCookie, "", 0));
        auto r = http::Response::redirect(keeps ? "/account/deleted?kept=1" : "/account/deleted");
        r.setHeader("Clear-Site-Data", "\"cookies\"");
        return r;
    });

    gate.add(router, "GET", "/account/deleted", Access::open(), [&](http::Request& req, Context& ctx) {
        // ?kept=1 only changes the wording (anyone may open this page; it names nobody).
        TemplateData d;
        d.set("kept", req.query().getOr("kept", "") == "1");
        return http::Response::html(200, view.page("privacy/deleted", i18n::N_("Account deleted"), d, "/account/deleted",
                                                   ctx.visitor()));
    });

    gate.add(router, "DELETE", "/api/me", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(), {{"password", true, 1024}, {"confirmation", true, 100}});
        auto errors = erasure.erase(*ctx.principal, f["password"], f["confirmation"], ctx.ip);
        if (!errors.empty()) throw http::ValidationError(std::move(errors));
        return http::Response::empty(204);
    });
}

}  // namespace medassist::privacy
