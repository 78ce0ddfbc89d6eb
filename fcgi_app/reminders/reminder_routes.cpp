#include "reminders/reminder_routes.hpp"

#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "http/errors.hpp"
#include "i18n/text.hpp"


namespace medassist::reminders {

namespace {
using accounts::Access;
using accounts::Context;
}  // namespace

void addReminderRoutes(http::Router& router, accounts::Gate& gate, ReminderService& service) {
    gate.add(router, "POST", "/account/reminders", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        const std::string choice = req.form().getOr("reminders", "");
        // Two radio buttons: anything else is not from the page, and changes nothing.
        if (choice != "on" && choice != "off") return http::Response::redirect("/account");
        service.setRemindersOn(*ctx.principal, choice == "on");
        return http::Response::redirect(choice == "on" ? "/account?saved=reminders-on" : "/account?saved=reminders-off");
    });

    // The same choice for API clients.
    gate.add(router, "GET", "/api/me/reminders", Access::only({"patient"}), [&](http::Request&, Context& ctx) {
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        body->set("on", service.remindersOn(*ctx.principal));
        return http::Response::json(200, body);
    });

    gate.add(router, "PUT", "/api/me/reminders", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        Poco::JSON::Object::Ptr body = req.json();
        std::vector<http::FieldError> errors;
        if (!body->has("on") || body->get("on").type() != typeid(bool))
            errors.push_back({"on", i18n::N_("must be true or false")});
        for (const auto& name : body->getNames())
            if (name != "on") errors.push_back({name, i18n::N_("is not a known field")});
        if (!errors.empty()) throw http::ValidationError(std::move(errors));
        service.setRemindersOn(*ctx.principal, body->get("on").extract<bool>());
        return http::Response::empty(204);
    });
}

accounts::AccountPageSection reminderAccountSection(ReminderService& service) {
    accounts::AccountPageSection s;
    s.fill = [&service](const Context& ctx, http::TemplateData& d) {
        if (!ctx.principal || ctx.principal->role != "patient") return;
        http::TemplateData r;
        r.set("on", service.remindersOn(*ctx.principal));
        d.set("reminders", r);
    };
    s.savedText = [](const Context& ctx, const std::string& saved) -> std::string {
        if (saved == "reminders-on") return ctx.t("Reminders are on: the practice emails you before each appointment.");
        if (saved == "reminders-off") return ctx.t("Reminders are off: the practice no longer emails you before your appointments.");
        return "";
    };
    return s;
}

scheduling::ReminderMarks reminderMarks(ReminderService& service) {
    return [&service](const accounts::Principal& doctor, std::int64_t from, std::int64_t to) {
        return service.reminded(doctor, from, to);
    };
}

}  // namespace medassist::reminders
