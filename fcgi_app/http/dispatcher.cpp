#include "http/dispatcher.hpp"

#include <chrono>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Timestamp.h>

#include "common/unavailable.hpp"
#include "http/errors.hpp"
#include "http/language.hpp"

namespace medassist::http {

namespace {
constexpr const char* kRetryAfterUnavailable = "5";
}

Dispatcher::Dispatcher(const Router& router, const View& view, Poco::Logger& accessLog, Poco::Logger& appLog)
    : router_(router), view_(view), access_(accessLog), app_(appLog) {}

std::string Dispatcher::languageFor(const Request& request) const {
    // The reader's saved language is read from the database, which may be what just failed:
    // the error answer for a database outage must never throw (it would end the process).
    if (request.language().empty() && readerLanguage_) {
        try {
            return readerLanguage_(request);
        } catch (const std::exception&) {
            // the request's own signs below (cookie, Accept-Language, the practice's default)
        }
    }
    return languageOf(request, view_);
}

Response Dispatcher::errorResponse(const Request& request, int status, const std::string& reason,
                                   const std::string& retryAfter) const {
    const auto text = errorText(status);
    if (request.wantsJson()) {
        // "code" is for programs (stable); "error" and "reason" are for people, in the reader's
        // language (a reason without a catalog entry stays as written).
        const std::string lang = languageFor(request);
        const i18n::Catalogs& catalogs = view_.catalogs();
        Poco::JSON::Object::Ptr obj = new Poco::JSON::Object;
        obj->set("error", catalogs.tr(lang, text.heading));
        obj->set("code", std::string(errorCode(status)));
        if (!reason.empty() && status < 500) obj->set("reason", catalogs.tr(lang, reason));
        obj->set("request_id", request.requestId());
        Response r = Response::json(status, obj);
        if (!retryAfter.empty()) r.setHeader("Retry-After", retryAfter);
        return r;
    }
    Response r = Response::html(status, view_.errorPage(status, request.requestId(), "", retryAfter, languageFor(request)));
    if (!retryAfter.empty()) r.setHeader("Retry-After", retryAfter);
    return r;
}

Response Dispatcher::route(Request& request, std::string& pattern) {
    if (request.path().empty()) {
        pattern = "(bad path)";
        return errorResponse(request, 400, "malformed path");
    }
    auto match = router_.match(request.method(), request.path());
    switch (match.kind) {
        case Router::Match::Kind::NotFound:
            pattern = "(unmatched)";
            return errorResponse(request, 404);
        case Router::Match::Kind::MethodNotAllowed: {
            pattern = match.pattern;
            Response r = request.wantsJson() ? errorResponse(request, 405)
                                             : Response::html(405, view_.errorPage(405, request.requestId(), match.allow, "", languageFor(request)));
            r.setHeader("Allow", match.allow);
            return r;
        }
        case Router::Match::Kind::Found:
            break;
    }
    pattern = match.pattern;
    request.setPathParams(std::move(match.params));
    return match.route->handler(request);
}

Response Dispatcher::handle(Request& request) {
    const auto started = std::chrono::steady_clock::now();
    std::string pattern = "(none)";
    Response response;
    try {
        response = route(request, pattern);
    } catch (const ValidationError& e) {
        if (request.wantsJson()) {
            // In the reader's language, as the pages say them.
            const std::string lang = languageFor(request);
            const i18n::Catalogs& catalogs = view_.catalogs();
            Poco::JSON::Object::Ptr obj = new Poco::JSON::Object;
            Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
            for (const auto& fe : e.errors()) {
                Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
                item->set("field", fe.field);
                item->set("reason", catalogs.render(lang, fe.reason));
                errors->add(item);
            }
            obj->set("error", catalogs.tr(lang, errorText(422).heading));
            obj->set("code", std::string(errorCode(422)));
            obj->set("errors", errors);
            response = Response::json(422, obj);
        } else {
            response = errorResponse(request, 422);
        }
    } catch (const HttpError& e) {
        response = errorResponse(request, e.status(), e.what());
    } catch (const Unavailable& e) {
        app_.warning("request_id=%s unavailable: %s", request.requestId(), std::string(e.what()));
        response = errorResponse(request, 503, "", kRetryAfterUnavailable);
    } catch (const std::exception& e) {
        // Details stay in the log; the user gets the request id to quote.
        app_.error("request_id=%s unhandled exception: %s", request.requestId(), std::string(e.what()));
        response = errorResponse(request, 500);
    } catch (...) {
        app_.error("request_id=%s unhandled non-standard exception", request.requestId());
        response = errorResponse(request, 500);
    }

    if (!response.findHeader("Cache-Control")) response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Request-Id", request.requestId());
    if (request.method() == "HEAD") response.body.clear();

    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("time", Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FRAC_FORMAT));
    line.set("request_id", request.requestId());
    line.set("method", request.method());
    line.set("route", pattern);
    line.set("status", response.status);
    line.set("latency_us", static_cast<Poco::Int64>(micros));
    std::ostringstream out;
    line.stringify(out);
    access_.information(out.str());
    return response;
}

}  // namespace medassist::http
