#pragma once
// Server-side pages: Mustache templates (kainjow, HTML-escaping by default) compiled once
// at start-up from the templates folder and wrapped in templates/layout.mustache.
#include <map>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

namespace medassist::http {

using TemplateData = kainjow::mustache::data;

struct SiteInfo {
    std::string practiceName = "MedAssist";
    std::string emergencyNumber = "112";
    std::string lang = "en";
};

// Who is looking at a page, as far as the layout cares: the navigation and the sign-out
// button depend on it. csrf is the token the sign-out form carries.
struct Visitor {
    bool signedIn = false;
    std::string role;
    std::string csrf;
};

struct NavItem {
    std::string href;
    std::string label;
    // Who sees the link: "all", "anonymous", "signed-in", or roles ("admin", "patient,caregiver").
    std::string audience = "all";
};

class View {
public:
    // Compiles every *.mustache below dir; throws std::runtime_error naming the first
    // template that is missing or does not compile.
    View(const std::string& templatesDir, SiteInfo site);

    // Renders templates/<name>.mustache with data into the layout.
    std::string page(const std::string& name, const std::string& title, const TemplateData& data,
                     const std::string& currentPath = "", const Visitor& visitor = {}) const;

    // The error page for a status, the same markup nginx serves for its own errors.
    std::string errorPage(int status, const std::string& requestId, const std::string& allow = "",
                          const std::string& retryAfter = "") const;

    // Renders one template alone (no layout).
    std::string fragment(const std::string& name, const TemplateData& data) const;

    void setNav(std::vector<NavItem> nav) { nav_ = std::move(nav); }
    const SiteInfo& site() const { return site_; }

private:
    std::map<std::string, kainjow::mustache::mustache> templates_;
    SiteInfo site_;
    std::vector<NavItem> nav_;
};

struct ErrorText {
    const char* heading;
    const char* message;
};
ErrorText errorText(int status);

}  // namespace medassist::http
