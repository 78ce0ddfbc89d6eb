#include "http/view.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace medassist::http {

namespace fs = std::filesystem;
using kainjow::mustache::mustache;

namespace {
const char* kRequired[] = {"layout", "errors/error"};
}

View::View(const std::string& templatesDir, SiteInfo site) : site_(std::move(site)) {
    fs::path root(templatesDir);
    if (!fs::is_directory(root)) throw std::runtime_error("templates folder not found: " + templatesDir);
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        mustache compiled(text.str());
        std::string name = fs::relative(entry.path(), root).replace_extension().generic_string();
        if (!compiled.is_valid()) throw std::runtime_error("template " + name + ": " + compiled.error_message());
        templates_.emplace(name, std::move(compiled));
    }
    for (const char* name : kRequired)
        if (!templates_.count(name)) throw std::runtime_error(std::string("template missing: ") + name);
}

std::string View::fragment(const std::string& name, const TemplateData& data) const {
    auto it = templates_.find(name);
    if (it == templates_.end()) throw std::runtime_error("unknown template: " + name);
    // kainjow's render() is not const (it records errors), so each render uses its own copy
    // of the compiled template: workers never share mutable state.
    mustache copy = it->second;
    std::string out = copy.render(data);
    if (!copy.is_valid()) throw std::runtime_error("template " + name + ": " + copy.error_message());
    return out;
}

std::string View::page(const std::string& name, const std::string& title, const TemplateData& data,
                       const std::string& currentPath, const Visitor& visitor) const {
    TemplateData layout;
    layout.set("lang", site_.lang);
    layout.set("title", title);
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
        entry.set("label", item.label);
        entry.set("current", item.href == currentPath);
        nav.push_back(entry);
    }
    layout.set("nav", nav);
    layout.set("signed_in", visitor.signedIn);
    layout.set("csrf", visitor.csrf);
    layout.set("content", fragment(name, data));
    return fragment("layout", layout);
}

ErrorText errorText(int status) {
    switch (status) {
        case 400: return {"Bad request", "We could not understand that request. Please check what you entered and try again."};
        case 401: return {"Please sign in", "You need to sign in to see this page."};
        case 403: return {"Access denied", "You do not have permission to do that. If you think this is a mistake, please contact the practice."};
        case 404: return {"Page not found", "We could not find the page you asked for. It may have moved, or the address may be mistyped."};
        case 405: return {"Method not allowed", "This page does not accept that kind of request."};
        case 413: return {"Too much data", "What you sent is larger than we accept. Please shorten it and try again."};
        case 415: return {"Unsupported format", "This page does not accept data in that format."};
        case 422: return {"Please check your input", "Some of what you entered could not be accepted."};
        case 429: return {"Too many requests", "You have made too many requests in a short time. Please wait a moment before trying again."};
        case 500: return {"Something went wrong", "An unexpected error occurred on our side. Nothing you entered has been lost or shared. Please try again later."};
        case 502: return {"Service temporarily unavailable", "The practice's service is restarting. Please try again in a moment."};
        case 503: return {"Service temporarily unavailable", "We cannot reach our records right now. Nothing you entered has been lost. Please try again in a moment."};
        case 504: return {"The service is slow to respond", "The practice's service took too long to answer. Please try again in a moment."};
        default: return {"Something went wrong", "Please try again later."};
    }
}

std::string View::errorPage(int status, const std::string& requestId, const std::string& allow,
                            const std::string& retryAfter) const {
    auto text = errorText(status);
    TemplateData data;
    data.set("status", std::to_string(status));
    data.set("heading", text.heading);
    data.set("message", text.message);
    // kainjow treats "" as true in {{#x}}: optional values are false when absent.
    auto optional = [&data](const std::string& key, const std::string& value) {
        if (value.empty()) data.set(key, false);
        else data.set(key, value);
    };
    optional("request_id", requestId);
    optional("allow", allow);
    optional("retry_after", retryAfter);
    return page("errors/error", text.heading, data);
}

}  // namespace medassist::http
