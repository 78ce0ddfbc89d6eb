#include "site/site_routes.hpp"

#include <Poco/JSON/Object.h>

namespace medassist::site {

void addSiteRoutes(http::Router& router, const http::View& view, PracticeService& practice,
                   storage::ConnectionPool& pool, VisitorLookup visitor) {
    router.get("/", [&view, &practice, visitor](http::Request& req) {
        PracticeInfo info = practice.info();
        http::TemplateData p;
        p.set("name", view.site().practiceName);
        p.set("tagline", info.tagline);
        p.set("address", info.address);
        p.set("phone", info.phone);
        p.set("email", info.email);
        p.set("emergency_number", view.site().emergencyNumber);
        http::TemplateData hours{http::TemplateData::type::list};
        for (const auto& [day, h] : info.hours) {
            http::TemplateData row;
            row.set("day", day);
            row.set("hours", h);
            hours.push_back(row);
        }
        http::TemplateData data;
        data.set("practice", p);
        data.set("hours", hours);
        return http::Response::html(200, view.page("site/home", "Welcome", data, "/", visitor ? visitor(req) : http::Visitor{}));
    });

    router.get("/healthz", [&pool](http::Request&) {
        const bool db = pool.ping();
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        body->set("status", db ? "ok" : "degraded");
        body->set("db", db ? "ok" : "down");
        auto r = http::Response::json(db ? 200 : 503, body);
        if (!db) r.setHeader("Retry-After", "5");
        return r;
    });
}

}  // namespace medassist::site
