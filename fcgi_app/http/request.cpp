#include "http/request.hpp"

#include <algorithm>
#include <cctype>

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UUIDGenerator.h>

#include "http/encoding.hpp"
#include "http/errors.hpp"
#include "i18n/catalogs.hpp"

namespace medassist::http {

std::optional<std::string> FormFields::get(const std::string& name) const {
    for (const auto& [k, v] : pairs_)
        if (k == name) return v;
    return std::nullopt;
}

std::string FormFields::getOr(const std::string& name, const std::string& fallback) const {
    auto v = get(name);
    return v ? *v : fallback;
}

std::vector<std::string> FormFields::getAll(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : pairs_)
        if (k == name) out.push_back(v);
    return out;
}

bool FormFields::has(const std::string& name) const { return get(name).has_value(); }

FormFields parseUrlEncoded(const std::string& text, const RequestLimits& limits) {
    FormFields fields;
    std::vector<FieldError> tooLong;
    std::size_t start = 0;
    std::size_t count = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('&', start);
        if (end == std::string::npos) end = text.size();
        std::string_view part(text.data() + start, end - start);
        start = end + 1;
        if (part.empty()) continue;
        if (++count > limits.maxFields) throw HttpError(413, i18n::N_("Too many fields."));
        auto eq = part.find('=');
        auto rawName = part.substr(0, eq);
        auto rawValue = eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
        auto name = percentDecode(rawName, true);
        auto value = percentDecode(rawValue, true);
        if (!name || !value) throw HttpError(400, i18n::N_("The percent-encoding is malformed."));
        if (!isValidUtf8(*name) || !isValidUtf8(*value)) throw HttpError(400, i18n::N_("The text is not valid UTF-8."));
        if (name->size() > 256) throw HttpError(400, i18n::N_("A field name is too long."));
        if (value->size() > limits.maxFieldBytes) {
            tooLong.push_back({*name, "is longer than " + std::to_string(limits.maxFieldBytes) + " bytes"});
            continue;
        }
        fields.add(std::move(*name), std::move(*value));
    }
    if (!tooLong.empty()) throw ValidationError(std::move(tooLong));
    return fields;
}

namespace {
std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

bool isCookieNameChar(unsigned char c) {
    // RFC 6265 token characters.
    if (c <= 32 || c >= 127) return false;
    static const std::string separators = "()<>@,;:\\\"/[]?={}";
    return separators.find(static_cast<char>(c)) == std::string::npos;
}

std::string headerParamName(const std::string& name) {
    std::string out;
    for (char c : name) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (out == "CONTENT_TYPE" || out == "CONTENT_LENGTH") return out;
    return "HTTP_" + out;
}

std::string mediaType(const std::optional<std::string>& contentType) {
    if (!contentType) return {};
    std::string t = contentType->substr(0, contentType->find(';'));
    t = trim(t);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    return t;
}
}  // namespace

std::map<std::string, std::string> parseCookies(const std::string& header) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find(';', start);
        if (end == std::string::npos) end = header.size();
        std::string pair = trim(std::string_view(header).substr(start, end - start));
        start = end + 1;
        auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        std::string name = trim(std::string_view(pair).substr(0, eq));
        std::string value = trim(std::string_view(pair).substr(eq + 1));
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](unsigned char c) { return isCookieNameChar(c); }))
            continue;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        out.emplace(std::move(name), std::move(value));  // emplace keeps the first
    }
    return out;
}

Request::Request(std::map<std::string, std::string> params, BodyReader body, RequestLimits limits)
    : params_(std::move(params)), reader_(std::move(body)), limits_(limits) {
    method_ = param("REQUEST_METHOD");
    std::string uri = param("REQUEST_URI");
    if (uri.empty()) uri = param("DOCUMENT_URI");
    auto q = uri.find('?');
    std::string rawPath = uri.substr(0, q);
    rawQuery_ = q == std::string::npos ? param("QUERY_STRING") : uri.substr(q + 1);
    auto decoded = percentDecode(rawPath, false);
    // A bad path is remembered as empty; the Dispatcher answers 400 for it.
    if (decoded && isValidUtf8(*decoded) && !decoded->empty() && decoded->front() == '/' &&
        decoded->find('\0') == std::string::npos)
        path_ = std::move(*decoded);
    requestId_ = param("REQUEST_ID");
    if (requestId_.empty() || requestId_.size() > 64 ||
        !std::all_of(requestId_.begin(), requestId_.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; }))
        requestId_ = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    remoteAddr_ = param("REMOTE_ADDR");
}

std::string Request::param(const std::string& name) const {
    auto it = params_.find(name);
    return it == params_.end() ? std::string{} : it->second;
}

std::optional<std::string> Request::header(const std::string& name) const {
    auto it = params_.find(headerParamName(name));
    if (it == params_.end()) return std::nullopt;
    return it->second;
}

std::string Request::pathParam(const std::string& name) const {
    auto it = pathParams_.find(name);
    return it == pathParams_.end() ? std::string{} : it->second;
}

const FormFields& Request::query() const {
    if (!query_) query_ = parseUrlEncoded(rawQuery_, limits_);
    return *query_;
}

const std::map<std::string, std::string>& Request::cookies() const {
    if (!cookies_) cookies_ = parseCookies(header("Cookie").value_or(""));
    return *cookies_;
}

const std::string& Request::body() const {
    if (body_) return *body_;
    auto declared = header("Content-Length");
    if (declared && !declared->empty()) {
        // nginx already rejects a malformed Content-Length; this guards direct use.
        if (!std::all_of(declared->begin(), declared->end(), [](unsigned char c) { return std::isdigit(c); }) ||
            declared->size() > 12)
            throw HttpError(400, i18n::N_("The Content-Length is malformed."));
        if (std::stoull(*declared) > limits_.maxBodyBytes) throw HttpError(413, i18n::N_("The request body is too large."));
    }
    std::string data;
    char buf[8192];
    while (reader_) {
        std::size_t n = reader_(buf, sizeof buf);
        if (n == 0) break;
        data.append(buf, n);
        if (data.size() > limits_.maxBodyBytes) throw HttpError(413, i18n::N_("The request body is too large."));
    }
    body_ = std::move(data);
    return *body_;
}

const FormFields& Request::form() const {
    if (form_) return *form_;
    std::string type = mediaType(header("Content-Type"));
    if (type != "application/x-www-form-urlencoded")
        throw HttpError(415, i18n::N_("Send the form as application/x-www-form-urlencoded."));
    form_ = parseUrlEncoded(body(), limits_);
    return *form_;
}

Poco::JSON::Object::Ptr Request::json() const {
    if (json_) return json_;
    std::string type = mediaType(header("Content-Type"));
    if (type != "application/json") throw HttpError(415, i18n::N_("Send the body as application/json."));
    const std::string& text = body();
    if (!isValidUtf8(text)) throw HttpError(400, i18n::N_("The body is not valid UTF-8."));
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(limits_.maxJsonDepth);
        parsed = parser.parse(text);
    } catch (const Poco::Exception&) {
        throw HttpError(400, i18n::N_("The body is not valid JSON."));
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        throw ValidationError(std::vector<FieldError>{{"(body)", i18n::N_("The body must be a JSON object.")}});
    json_ = parsed.extract<Poco::JSON::Object::Ptr>();
    return json_;
}

bool Request::wantsJson() const {
    for (const char* prefix : {"/api/", "/auth/", "/healthz"})
        if (path_.rfind(prefix, 0) == 0) return true;
    if (mediaType(header("Content-Type")) == "application/json") return true;
    auto accept = header("Accept");
    return accept && accept->rfind("application/json", 0) == 0;
}

}  // namespace medassist::http
