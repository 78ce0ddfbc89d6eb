#include "privacy/export_routes.hpp"

#include <sstream>

#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

#include "http/page_time.hpp"

namespace medassist::privacy {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

TemplateData list() { return TemplateData(TemplateData::type::list); }

http::Response page(const http::View& view, const Context& ctx, const std::string& passwordError, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    TemplateData errors(TemplateData::type::list);
    if (!passwordError.empty()) {
        TemplateData item;
        item.set("message", passwordError);
        item.set("href", std::string("#password"));
        errors.push_back(item);
    }
    d.set("has_errors", !passwordError.empty());
    d.set("errors", errors);
    d.set("password_error", passwordError.empty() ? TemplateData(false) : TemplateData(passwordError));
    std::string title = passwordError.empty() ? "" : "Error: ";
    title += i18n::N_("Download my data");
    return http::Response::html(status, view.page("privacy/export", title, d, "/account/export", ctx.visitor()));
}

http::Response download(const Poco::JSON::Object::Ptr& doc, std::int64_t now) {
    auto r = http::Response::json(200, doc);
    std::string name = "medassist-export-";
    name += Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now), "%Y-%m-%d");
    name += ".json";
    r.setHeader("Content-Disposition", std::string("attachment; filename=\"") + name + "\"");
    r.setHeader("Cache-Control", "no-store");
    return r;
}

// A stored "YYYY-MM-DD HH:MM:SS" (UTC) as the reader's clock says it; as stored if it is not one.
std::string storedTime(const http::PageTime& clock, const std::string& utc) {
    Poco::DateTime parsed;
    int tz = 0;
    if (!Poco::DateTimeParser::tryParse("%Y-%m-%d %H:%M:%S", utc, parsed, tz)) return utc;
    return clock.minute(static_cast<std::int64_t>(parsed.timestamp().epochTime()));
}

const char* appointmentStatus(const std::string& s) {
    if (s == "booked") return i18n::N_("Booked");
    if (s == "cancelled") return i18n::N_("Cancelled");
    if (s == "completed") return i18n::N_("Completed");
    if (s == "no_show") return i18n::N_("Missed (no-show)");
    return i18n::N_("Unknown");
}

const char* linkStatus(const std::string& s) {
    if (s == "invited") return i18n::N_("Invited, not yet accepted");
    if (s == "active") return i18n::N_("Active");
    if (s == "revoked") return i18n::N_("Revoked");
    if (s == "declined") return i18n::N_("Declined");
    return i18n::N_("Unknown");
}

// The export as a document a person reads and prints: the same data as the JSON, in the
// reader's language, times in the practice's zone.
http::Response document(const http::View& view, const Context& ctx, const ExportData& x, const std::string& grant) {
    const http::PageTime clock = view.clock(ctx.lang);
    const auto opt = [&](const std::optional<std::string>& v) { return v && !v->empty() ? *v : ctx.t("Not given"); };
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("grant", grant);
    d.set("exported_at", clock.minute(x.exportedAt));
    d.set("exported_at_iso", http::isoUtc(x.exportedAt));

    d.set("name", x.profile.name);
    d.set("email", x.profile.email);
    d.set("phone", opt(x.profile.phone));
    d.set("dob", opt(x.profile.dob));
    d.set("two_step", x.profile.mfaEnabled ? ctx.t("On") : ctx.t("Off"));
    d.set("registered", storedTime(clock, x.profile.createdAt));

    TemplateData consents = list();
    for (const auto& c : x.consents) {
        TemplateData i;
        i.set("when", clock.minute(c.at));
        i.set("what", c.action == "agreed" ? ctx.tf("Agreed to version {1} of the consent", {c.version})
                                           : ctx.tf("Withdrew consent (version {1})", {c.version}));
        consents.push_back(i);
    }
    d.set("consents", consents);
    d.set("any_consents", !x.consents.empty());

    TemplateData appointments = list();
    for (const auto& a : x.appointments) {
        TemplateData i;
        i.set("when", clock.when(a.start));
        i.set("doctor", a.doctorName);
        i.set("specialty", a.specialtyName);
        i.set("status", ctx.t(appointmentStatus(a.status)));
        i.set("reason", opt(a.reason));
        i.set("booked_by", a.bookedByRole == "caregiver" ? ctx.t("Your caregiver") : ctx.t("You"));
        appointments.push_back(i);
    }
    d.set("appointments", appointments);
    d.set("any_appointments", !x.appointments.empty());

    TemplateData notes = list();
    for (const auto& n : x.visitNotes) {
        TemplateData i;
        i.set("when", clock.when(n.visitStart));
        i.set("doctor", n.doctorName.empty() ? ctx.t("A doctor of the practice") : n.doctorName);
        i.set("updated", clock.when(n.updatedAt));
        i.set("text", n.text);
        notes.push_back(i);
    }
    d.set("notes", notes);
    d.set("any_notes", !x.visitNotes.empty());

    TemplateData links = list();
    for (const auto& l : x.caregiverLinks) {
        TemplateData i;
        i.set("email", l.invitedEmail);
        i.set("name", l.caregiverName.empty() ? ctx.t("Not yet accepted") : l.caregiverName);
        i.set("status", ctx.t(linkStatus(l.status)));
        i.set("notes", l.canReadNotes ? ctx.t("May read visit notes") : ctx.t("Cannot read visit notes"));
        i.set("since", storedTime(clock, l.createdAt));
        links.push_back(i);
    }
    d.set("links", links);
    d.set("any_links", !x.caregiverLinks.empty());

    TemplateData access = list();
    for (const auto& e : x.accessLog) {
        TemplateData i;
        i.set("when", clock.minute(e.at));
        i.set("who", e.actorIsPerson ? e.actorName : ctx.t(e.actorName));
        i.set("action", ctx.t(accessActionLabel(e.action, e.dataKind)));
        i.set("kind", ctx.t(accessKindLabel(e.dataKind)));
        access.push_back(i);
    }
    d.set("access", access);
    d.set("any_access", !x.accessLog.empty());

    TemplateData conversations = list();
    for (const auto& c : x.conversations) {
        TemplateData messages = list();
        for (const auto& m : c.messages) {
            TemplateData i;
            i.set("when", clock.minute(m.at));
            i.set("from", m.sender == "assistant" ? ctx.t("The assistant")
                                                  : (m.byCaregiver ? ctx.t("Your caregiver") : ctx.t("You")));
            i.set("text", m.text);
            messages.push_back(i);
        }
        TemplateData conv;
        conv.set("started", c.messages.empty() ? std::string() : clock.minute(c.messages.front().at));
        conv.set("messages", messages);
        conversations.push_back(conv);
    }
    d.set("conversations", conversations);
    d.set("any_conversations", !x.conversations.empty());

    // Appointment reminders (issue 23): the choice and every reminder mailed.
    if (x.reminders) {
        TemplateData r;
        r.set("on", x.reminders->on);
        TemplateData sent = list();
        for (const auto& e : x.reminders->sent) {
            TemplateData i;
            i.set("when", clock.minute(e.sentAt));
            i.set("for", clock.minute(e.forStart));
            sent.push_back(i);
        }
        r.set("sent", sent);
        r.set("any_sent", !x.reminders->sent.empty());
        d.set("reminders", r);
    }

    auto r = http::Response::html(200, view.page("privacy/export_document", i18n::N_("My data"), d, "/account/export",
                                                 ctx.visitor()));
    r.setHeader("Cache-Control", "no-store");
    return r;
}
}  // namespace

void addExportRoutes(http::Router& router, accounts::Gate& gate, accounts::AccountsService& accounts,
                     ExportService& exports, const http::View& view) {
    gate.add(router, "GET", "/account/export", Access::only({"patient"}),
             [&](http::Request&, Context& ctx) { return page(view, ctx, "", 200); });

    // A new page either way: after a mistyped password, the document replaces the error.
    gate.add(router, "POST", "/account/export", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        auto errors = accounts.confirmPassword(*ctx.principal, req.form().getOr("password", ""));
        if (!errors.empty()) return page(view, ctx, ctx.t(errors.front().reason), 422);
        return document(view, ctx, exports.dataFor(*ctx.principal, ctx.ip, ctx.now),
                        exports.grant(*ctx.principal, ctx.now));
    });

    gate.add(router, "POST", "/account/export/file", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        if (!exports.grantValid(*ctx.principal, req.form().getOr("grant", ""), ctx.now))
            return page(view, ctx, ctx.t("More than 10 minutes have passed: confirm your password again to download your data."),
                        403);
        return download(exports.exportFor(*ctx.principal, ctx.ip, ctx.now), ctx.now);
    });

    gate.add(router, "GET", "/api/me/export", Access::only({"patient"}), [&](http::Request&, Context& ctx) {
        if (ctx.now - ctx.principal->authTime > kExportReauthSeconds) {
            Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            body->set("error", ctx.t(http::errorText(403).heading));
            body->set("code", std::string("REAUTH_REQUIRED"));
            body->set("message", ctx.t("Sign in again with your password (POST /auth/login), then export within "
                                       "10 minutes."));
            return http::Response::json(403, body);
        }
        return download(exports.exportFor(*ctx.principal, ctx.ip, ctx.now), ctx.now);
    });
}

}  // namespace medassist::privacy
