#include "http/view.hpp"

#include "http/encoding.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace medassist::http {

namespace fs = std::filesystem;
using i18n::N_;
using kainjow::mustache::mustache;

namespace {
const char* kRequired[] = {"layout", "errors/error"};
}

std::string translateMarks(const std::string& source, const std::function<std::string(const std::string&)>& translate) {
    static const std::string open = "{{#t}}", close = "{{/t}}";
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        std::size_t start = source.find(open, pos);
        if (start == std::string::npos) break;
        std::size_t end = source.find(close, start + open.size());
        if (end == std::string::npos) throw std::runtime_error("{{#t}} without {{/t}}");
        out.append(source, pos, start - pos);
        std::string text;
        bool space = false;
        for (std::size_t i = start + open.size(); i < end; ++i) {
            const char c = source[i];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                space = !text.empty();
                continue;
            }
            if (space) text += ' ';
            space = false;
            text += c;
        }
        out += translate(text);
        pos = end + close.size();
    }
    out.append(source, pos, std::string::npos);
    return out;
}

View::View(const std::string& templatesDir, SiteInfo site, const i18n::Catalogs& catalogs)
    : site_(std::move(site)), catalogs_(catalogs) {
    if (!catalogs_.supports(site_.lang)) site_.lang = "en";
    fs::path root(templatesDir);
    if (!fs::is_directory(root)) throw std::runtime_error("templates folder not found: " + templatesDir);
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        std::string name = fs::relative(entry.path(), root).replace_extension().generic_string();
        for (const auto& lang : catalogs_.languages()) {
            std::string source;
            try {
                source = translateMarks(text.str(), [&](const std::string& msgid) { return catalogs_.tr(lang, msgid); });
            } catch (const std::runtime_error& e) {
                throw std::runtime_error("template " + name + ": " + e.what());
            }
            mustache compiled(source);
            if (!compiled.is_valid())
                throw std::runtime_error("template " + name + " (" + lang + "): " + compiled.error_message());
            templates_[lang].emplace(name, std::move(compiled));
        }
    }
    for (const char* name : kRequired)
        if (!templates_["en"].count(name)) throw std::runtime_error(std::string("template missing: ") + name);
}

const std::string& View::languageOr(const std::string& lang) const {
    return !lang.empty() && templates_.count(lang) ? lang : site_.lang;
}

std::string View::fragment(const std::string& name, const TemplateData& data, const std::string& lang) const {
    const auto& set = templates_.at(languageOr(lang));
    auto it = set.find(name);
    if (it == set.end()) throw std::runtime_error("unknown template: " + name);
    // kainjow's render() is not const (it records errors), so each render uses its own copy
    // of the compiled template: workers never share mutable state.
    mustache copy = it->second;
    std::string out = copy.render(data);
    if (!copy.is_valid()) throw std::runtime_error("template " + name + ": " + copy.error_message());
    return out;
}

std::string View::page(const std::string& name, const std::string& title, const TemplateData& data,
                       const std::string& currentPath, const Visitor& visitor) const {
    const std::string& lang = languageOr(visitor.lang);
    TemplateData layout;
    layout.set("lang", lang);
    // The "Error: " a failed form's title starts with (scheduling/page_support.hpp) is a text of its own.
    static const std::string kErrorPrefix = N_("Error: ");
    if (title.rfind(kErrorPrefix, 0) == 0)
        layout.set("title", catalogs_.tr(lang, kErrorPrefix) + catalogs_.tr(lang, title.substr(kErrorPrefix.size())));
    else
        layout.set("title", catalogs_.tr(lang, title));
    layout.set("practice_name", site_.practiceName);
    layout.set("emergency_number", site_.emergencyNumber);
    TemplateData nav{TemplateData::type::list};
    for (const auto& item : nav_) {
        bool forRole = false;
        if (visitor.signedIn) {
            std::string roles(1, ',');
            roles.append(item.audience).append(1, ',');
            std::string role(1, ',');
            role.append(visitor.role).append(1, ',');
            forRole = roles.find(role) != std::string::npos;
        }
        const bool shown = item.audience == "all" || (item.audience == "anonymous" && !visitor.signedIn) ||
                           (item.audience == "signed-in" && visitor.signedIn) || forRole;
        if (!shown) continue;
        TemplateData entry;
        entry.set("href", item.href);
        entry.set("label", catalogs_.tr(lang, item.label));
        entry.set("current", item.href == currentPath);
        nav.push_back(entry);
    }
    layout.set("nav", nav);
    // The language switcher: plain links (no JavaScript) that come back to this page.
    const std::string& back = !visitor.path.empty() ? visitor.path : (currentPath.empty() ? "/" : currentPath);
    TemplateData languages{TemplateData::type::list};
    for (const auto& code : catalogs_.languages()) {
        TemplateData entry;
        entry.set("code", code);
        entry.set("name", i18n::nativeName(code));
        entry.set("href", "/language?to=" + code + "&next=" + percentEncode(back));
        entry.set("current", code == lang);
        languages.push_back(entry);
    }
    layout.set("languages", languages);
    layout.set("signed_in", visitor.signedIn);
    layout.set("csrf", visitor.csrf);
    layout.set("content", fragment(name, data, lang));
    return fragment("layout", layout, lang);
}

ErrorText errorText(int status) {
    switch (status) {
        case 400: return {N_("Bad request"), N_("We could not understand that request. Please check what you entered and try again.")};
        case 401: return {N_("Please sign in"), N_("You need to sign in to see this page.")};
        case 403: return {N_("Access denied"), N_("You do not have permission to do that. If you think this is a mistake, please contact the practice.")};
        case 404: return {N_("Page not found"), N_("We could not find the page you asked for. It may have moved, or the address may be mistyped.")};
        case 405: return {N_("Method not allowed"), N_("This page does not accept that kind of request.")};
        case 409: return {N_("Conflict"), N_("What you asked for clashes with how things stand now. Please reload and try again.")};
        case 413: return {N_("Too much data"), N_("What you sent is larger than we accept. Please shorten it and try again.")};
        case 415: return {N_("Unsupported format"), N_("This page does not accept data in that format.")};
        case 422: return {N_("Please check your input"), N_("Some of what you entered could not be accepted.")};
        case 429: return {N_("Too many requests"), N_("You have made too many requests in a short time. Please wait a moment before trying again.")};
        case 500: return {N_("Something went wrong"), N_("An unexpected error occurred on our side. Nothing you entered has been lost or shared. Please try again later.")};
        case 502: return {N_("Service temporarily unavailable"), N_("The practice's service is restarting. Please try again in a moment.")};
        case 503: return {N_("Service temporarily unavailable"), N_("We cannot reach our records right now. Nothing you entered has been lost. Please try again in a moment.")};
        case 504: return {N_("The service is slow to respond"), N_("The practice's service took too long to answer. Please try again in a moment.")};
        default: return {N_("Something went wrong"), N_("Please try again later.")};
    }
}

const char* errorCode(int status) {
    switch (status) {
        case 400: return "BAD_REQUEST";
        case 401: return "UNAUTHENTICATED";
        case 403: return "FORBIDDEN";
        case 404: return "NOT_FOUND";
        case 405: return "METHOD_NOT_ALLOWED";
        case 409: return "CONFLICT";
        case 413: return "PAYLOAD_TOO_LARGE";
        case 415: return "UNSUPPORTED_MEDIA_TYPE";
        case 422: return "INVALID_INPUT";
        case 429: return "RATE_LIMIT_EXCEEDED";
        case 503: return "UNAVAILABLE";
        default: return status >= 500 ? "INTERNAL_ERROR" : "ERROR";
    }
}

std::string View::errorPage(int status, const std::string& requestId, const std::string& allow,
                            const std::string& retryAfter, const std::string& lang) const {
    auto text = errorText(status);
    const std::string& in = languageOr(lang);
    TemplateData data;
    data.set("status", std::to_string(status));
    data.set("heading", catalogs_.tr(in, text.heading));
    data.set("message", catalogs_.tr(in, text.message));
    // kainjow treats "" as true in {{#x}}: optional values are false when absent.
    auto optional = [&data](const std::string& key, const std::string& value) {
        if (value.empty()) data.set(key, false);
        else data.set(key, value);
    };
    optional("request_id", requestId);
    optional("allow", allow);
    optional("retry_after", retryAfter);
    if (!retryAfter.empty()) {
        // A count in a sentence: its language's plural form ("1 secondo", "30 secondi"), which a
        // template compiled once per language cannot choose.
        long long n = 2;
        try {
            n = std::stoll(retryAfter);
        } catch (const std::exception&) {
        }
        data.set("retry_text", catalogs_.render(in, i18n::Text::counted("Please try again in {1} second.",
                                                                        "Please try again in {1} seconds.", n,
                                                                        {i18n::Arg::literal(retryAfter)})));
    }
    Visitor reader;
    reader.lang = in;
    return page("errors/error", text.heading, data, "", reader);
}

}  // namespace medassist::http
