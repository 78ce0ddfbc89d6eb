#include "privacy/consent_routes.hpp"

#include <string>
#include <vector>

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/Timestamp.h>

#include "http/errors.hpp"
#include "http/json_body.hpp"

namespace medassist::privacy {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

std::vector<std::string> paragraphs(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            if (!current.empty()) current += ' ';
            current += line;
        }
        start = end + 1;
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

std::string savedText(const std::string& saved) {
    if (saved == "agreed") return i18n::N_("Thank you: your agreement is saved.");
    if (saved == "withdrawn") return i18n::N_("Your consent is withdrawn. From now on no medical information is stored.");
    return "";
}

http::Response page(const http::View& view, ConsentService& consent, const Context& ctx, const std::string& saved,
                    const std::string& agreeError, int status) {
    const ConsentText text = consent.current();
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("version", text.version);
    TemplateData paras(TemplateData::type::list);
    for (const auto& p : paragraphs(text.in(ctx.lang))) paras.push_back(TemplateData(p));
    d.set("paragraphs", paras);
    // A missing translation shows, rather than passing the source text off as the reader's.
    d.set("untranslated", ctx.lang != "en" && !text.translatedInto(ctx.lang));
    const bool signedIn = ctx.principal && ctx.principal->role == "patient";
    d.set("signed_in", signedIn);
    if (signedIn) {
        const ConsentStatus s = consent.status(ctx.principal->userId);
        d.set("granted", s.granted);
        d.set("outdated", s.outdated);
        if (s.granted && s.latest)
            d.set("agreed_on", view.clock(ctx.lang).day(s.latest->at));
        else
            d.set("agreed_on", false);
    } else {
        d.set("granted", false);
        d.set("outdated", false);
        d.set("agreed_on", false);
    }
    const std::string savedMessage = ctx.t(savedText(saved));
    d.set("saved", savedMessage.empty() ? TemplateData(false) : TemplateData(savedMessage));
    TemplateData errors(TemplateData::type::list);
    if (!agreeError.empty()) {
        TemplateData item;
        item.set("message", ctx.t(agreeError));
        item.set("href", std::string("#agree"));
        errors.push_back(item);
    }
    d.set("has_errors", !agreeError.empty());
    d.set("errors", errors);
    d.set("agree_error", agreeError.empty() ? TemplateData(false) : TemplateData(ctx.t(agreeError)));
    std::string title = agreeError.empty() ? "" : "Error: ";
    title += i18n::N_("Consent");
    const std::string path = signedIn ? "/account/consent" : "/consent";
    return http::Response::html(status, view.page("privacy/consent", title, d, path, ctx.visitor()));
}
}  // namespace

void addConsentRoutes(http::Router& router, accounts::Gate& gate, ConsentService& consent, const http::View& view) {
    gate.add(router, "GET", "/consent", Access::open(),
             [&](http::Request&, Context& ctx) { return page(view, consent, ctx, "", "", 200); });

    gate.add(router, "GET", "/account/consent", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        return page(view, consent, ctx, req.query().getOr("saved", ""), "", 200);
    });

    gate.add(router, "POST", "/account/consent", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        auto errors = consent.agree(ctx.principal->userId, f.getOr("version", ""), f.getOr("agree", "") == "1", ctx.ip);
        if (!errors.empty()) {
            // A stale version means the text changed while the page was open: show the new one.
            std::string message = ctx.t(errors.front().reason);
            for (const auto& e : errors)
                if (e.field == "agree") message = ctx.t(e.reason);
            return page(view, consent, ctx, "", message, 422);
        }
        return http::Response::redirect("/account/consent?saved=agreed");
    });

    gate.add(router, "POST", "/account/consent/withdraw", Access::only({"patient"}),
             [&](http::Request&, Context& ctx) {
                 consent.withdraw(ctx.principal->userId, ctx.ip);
                 return http::Response::redirect("/account/consent?saved=withdrawn");
             });

    gate.add(router, "GET", "/api/consent", Access::open(), [&](http::Request&, Context&) {
        const ConsentText text = consent.current();
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        body->set("version", text.version);
        body->set("text", text.text);
        return http::Response::json(200, body);
    });

    gate.add(router, "POST", "/api/me/consent", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        Poco::JSON::Object::Ptr body = req.json();
        std::vector<http::FieldError> errors;
        bool agree = false;
        if (!body->has("agree") || body->get("agree").type() != typeid(bool))
            errors.push_back({"agree", "must be true"});
        else
            agree = body->get("agree").extract<bool>();
        std::string version;
        if (!body->has("version") || body->get("version").type() != typeid(std::string))
            errors.push_back({"version", "is required: the version of GET /api/consent"});
        else
            version = body->get("version").extract<std::string>();
        for (const auto& name : body->getNames())
            if (name != "agree" && name != "version") errors.push_back({name, "is not a known field"});
        if (errors.empty()) {
            auto refused = consent.agree(ctx.principal->userId, version, agree, ctx.ip);
            for (auto& e : refused) errors.push_back(std::move(e));
        }
        if (!errors.empty()) throw http::ValidationError(std::move(errors));
        return http::Response::empty(204);
    });

    gate.add(router, "DELETE", "/api/me/consent", Access::only({"patient"}), [&](http::Request&, Context& ctx) {
        consent.withdraw(ctx.principal->userId, ctx.ip);
        return http::Response::empty(204);
    });
}

}  // namespace medassist::privacy
