#include "http/response.hpp"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>

namespace medassist::http {

const char* reasonPhrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 303: return "See Other";
        case 304: return "Not Modified";
        case 308: return "Permanent Redirect";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Content";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "Unknown";
    }
}

Response Response::html(int status, std::string body) {
    Response r;
    r.status = status;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.body = std::move(body);
    return r;
}

Response Response::json(int status, const Poco::Dynamic::Var& value) {
    Response r;
    r.status = status;
    r.setHeader("Content-Type", "application/json");
    std::ostringstream out;
    if (value.type() == typeid(Poco::JSON::Object::Ptr) || value.type() == typeid(Poco::JSON::Array::Ptr))
        Poco::JSON::Stringifier::condense(value, out);
    else
        out << Poco::Dynamic::Var::toString(value);
    r.body = out.str();
    return r;
}

Response Response::redirect(const std::string& location, int status) {
    Response r;
    r.status = status;
    r.setHeader("Location", location);
    return r;
}

Response Response::empty(int status) {
    Response r;
    r.status = status;
    return r;
}

void Response::setHeader(const std::string& name, const std::string& value) {
    for (auto& [k, v] : headers)
        if (Poco::icompare(k, name) == 0) {
            v = value;
            return;
        }
    headers.emplace_back(name, value);
}

void Response::addHeader(const std::string& name, const std::string& value) { headers.emplace_back(name, value); }

const std::string* Response::findHeader(const std::string& name) const {
    for (const auto& [k, v] : headers)
        if (Poco::icompare(k, name) == 0) return &v;
    return nullptr;
}

std::string Response::head() const {
    std::string out = "Status: " + std::to_string(status) + " " + reasonPhrase(status) + "\r\n";
    for (const auto& [k, v] : headers) {
        // Header values come from our own code; still, a CR or LF must never split a header.
        if (k.find_first_of("\r\n:") != std::string::npos || v.find_first_of("\r\n") != std::string::npos) continue;
        out += k + ": " + v + "\r\n";
    }
    out += "\r\n";
    return out;
}

}  // namespace medassist::http
