#include "privacy/export_routes.hpp"

#include <sstream>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace medassist::privacy {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

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
}  // namespace

void addExportRoutes(http::Router& router, accounts::Gate& gate, accounts::AccountsService& accounts,
                     ExportService& exports, const http::View& view) {
    gate.add(router, "GET", "/account/export", Access::only({"patient"}),
             [&](http::Request&, Context& ctx) { return page(view, ctx, "", 200); });

    gate.add(router, "POST", "/account/export", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        auto errors = accounts.confirmPassword(*ctx.principal, req.form().getOr("password", ""));
        if (!errors.empty()) return page(view, ctx, ctx.t(errors.front().reason), 422);
        return download(exports.exportFor(*ctx.principal, ctx.ip, ctx.now), ctx.now);
    });

    gate.add(router, "GET", "/api/me/export", Access::only({"patient"}), [&](http::Request&, Context& ctx) {
        if (ctx.now - ctx.principal->authTime > kExportReauthSeconds) {
            Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            body->set("error", std::string("Forbidden"));
            body->set("code", std::string("REAUTH_REQUIRED"));
            body->set("message", std::string("Sign in again with your password (POST /auth/login), then export within "
                                             "10 minutes."));
            return http::Response::json(403, body);
        }
        return download(exports.exportFor(*ctx.principal, ctx.ip, ctx.now), ctx.now);
    });
}

}  // namespace medassist::privacy
