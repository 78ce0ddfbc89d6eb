#pragma once
// One HTTP request as the app sees it, built from FastCGI parameters. Everything is
// copied into owned strings, so it outlives the libfcgi request. The body is read
// lazily, at most once, with a hard cap.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

namespace medassist::http {

struct RequestLimits {
    std::size_t maxBodyBytes = 64 * 1024;  // larger bodies: 413
    std::size_t maxFieldBytes = 8 * 1024;  // one form or query value; larger: 422
    std::size_t maxFields = 100;           // form or query pairs; more: 413
    std::size_t maxJsonDepth = 16;
};

// Ordered name/value pairs from a query string or a urlencoded body.
class FormFields {
public:
    std::optional<std::string> get(const std::string& name) const;
    std::string getOr(const std::string& name, const std::string& fallback) const;
    std::vector<std::string> getAll(const std::string& name) const;
    bool has(const std::string& name) const;
    const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }
    void add(std::string name, std::string value) { pairs_.emplace_back(std::move(name), std::move(value)); }

private:
    std::vector<std::pair<std::string, std::string>> pairs_;
};

// Parses "a=1&b=two+words". Throws HttpError 400 on malformed encoding or invalid
// UTF-8, 413 on too many pairs, ValidationError 422 when a value is too long.
FormFields parseUrlEncoded(const std::string& text, const RequestLimits& limits);

// Parses a Cookie header. The first occurrence of a name wins; malformed pairs are skipped.
std::map<std::string, std::string> parseCookies(const std::string& header);

class Request {
public:
    // Reads up to n bytes of the body into buf; returns the count, 0 at the end.
    using BodyReader = std::function<std::size_t(char* buf, std::size_t n)>;

    Request(std::map<std::string, std::string> params, BodyReader body, RequestLimits limits = {});

    const std::string& method() const { return method_; }
    const std::string& path() const { return path_; }          // percent-decoded
    const std::string& rawQuery() const { return rawQuery_; }
    const std::string& requestId() const { return requestId_; }
    const std::string& remoteAddr() const { return remoteAddr_; }

    // A FastCGI parameter (REQUEST_METHOD, HTTPS, ...), empty when absent.
    std::string param(const std::string& name) const;
    // An HTTP request header by its usual name ("Content-Type", "X-Forwarded-For").
    std::optional<std::string> header(const std::string& name) const;

    const FormFields& query() const;
    const std::map<std::string, std::string>& cookies() const;
    const std::string& body() const;
    // The body as a urlencoded form; 415 when the Content-Type says otherwise.
    const FormFields& form() const;
    // The body as a JSON object; 415 for another Content-Type, 400 when it does not parse,
    // 422 when it is not an object.
    Poco::JSON::Object::Ptr json() const;

    bool wantsJson() const;

    // Set by the Router: the values of {name} segments.
    const std::map<std::string, std::string>& pathParams() const { return pathParams_; }
    std::string pathParam(const std::string& name) const;
    void setPathParams(std::map<std::string, std::string> p) { pathParams_ = std::move(p); }

    // The reader's language once something that knows the caller decided it (the gate: the
    // account's saved choice first); empty until then. languageOf (http/language.hpp) returns
    // it, so an error answered after the handler (a 422 from the dispatcher) is in it too.
    const std::string& language() const { return language_; }
    void setLanguage(std::string lang) { language_ = std::move(lang); }

private:
    std::map<std::string, std::string> params_;
    mutable BodyReader reader_;
    RequestLimits limits_;
    std::string method_, path_, rawQuery_, requestId_, remoteAddr_;
    std::map<std::string, std::string> pathParams_;
    std::string language_;

    mutable std::optional<FormFields> query_;
    mutable std::optional<std::map<std::string, std::string>> cookies_;
    mutable std::optional<std::string> body_;
    mutable std::optional<FormFields> form_;
    mutable Poco::JSON::Object::Ptr json_;
};

}  // namespace medassist::http
