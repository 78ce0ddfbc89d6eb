#include "site/site_routes.hpp"

#include <algorithm>

#include <Poco/JSON/Object.h>

#include "http/errors.hpp"
#include "http/language.hpp"

namespace medassist::site {

namespace {
// Opening hours are the admin's text: times read the same in every language, and the word the
// demo practice and most admins write for a closed day is a catalog text.
[[maybe_unused]] const char* const kClosedDay = i18n::N_("Closed");
}  // namespace

void addSiteRoutes(http::Router& router, const http::View& view, PracticeService& practice,
                   storage::ConnectionPool& pool, VisitorLookup visitor, LanguageSaver saveLanguage) {
    router.get("/", [&view, &practice, visitor](http::Request& req) {
        http::Visitor reader = visitor ? visitor(req) : http::Visitor{};
        if (reader.lang.empty()) reader.lang = http::languageOf(req, view);
        const std::string& lang = view.languageOr(reader.lang);
        PracticeInfo info = practice.info(lang);
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
            row.set("day", view.catalogs().tr(lang, day));
            row.set("hours", view.catalogs().tr(lang, h));  // "Closed" is a catalog text; times stay
            hours.push_back(row);
        }
        // The way to book (issue 22): the booking pages for those who book, the sign-in (which
        // then opens them) for visitors, and each staff member's own work instead.
        http::TemplateData book;
        book.set("signed_out", !reader.signedIn);
        book.set("patient", reader.signedIn && (reader.role == "patient" || reader.role == "caregiver"));
        book.set("doctor", reader.signedIn && reader.role == "doctor");
        book.set("admin", reader.signedIn && reader.role == "admin");
        http::TemplateData data;
        data.set("practice", p);
        data.set("book", book);
        data.set("hours", hours);
        return http::Response::html(200, view.page("site/home", i18n::N_("Welcome"), data, "/", reader));
    });

    // The language switcher's links: GET /language?to=it&next=/appointments remembers the
    // choice in a cookie and goes back. Only a path of this site is followed, never an
    // address elsewhere ("//host", "/\\host"): an open redirect would lend the practice's name
    // to a phishing page. A signed-in reader's account keeps the choice too (its mails, its
    // next sign-in).
    router.get("/language", [&view, saveLanguage](http::Request& req) {
        const std::string to = req.query().getOr("to", "");
        if (!view.catalogs().supports(to)) throw http::HttpError(400, "unknown language");
        if (saveLanguage) {
            try {
                saveLanguage(req, to);
            } catch (const std::exception&) {
                // The database is away: this browser still switches (the cookie below), and the
                // account keeps its earlier choice until the next switch or the account page.
            }
        }
        const std::string next = req.query().getOr("next", "/");
        const bool local = !next.empty() && next.size() <= 512 && next[0] == '/' &&
                           (next.size() == 1 || (next[1] != '/' && next[1] != '\\')) &&
                           std::none_of(next.begin(), next.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '\\'; });
        // A new string rather than `next = "/"`: GCC 12 sees a false overlap in that assignment
        // (-Wrestrict, a known false positive) and the CI build treats warnings as errors.
        auto r = http::Response::redirect(local ? next : std::string(1, '/'));
        r.addHeader("Set-Cookie", http::languageCookie(to));
        return r;
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
