#pragma once
// Server-side pages: Mustache templates (kainjow, HTML-escaping by default) compiled once
// at start-up from the templates folder and wrapped in templates/layout.mustache.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "http/page_time.hpp"
#include "i18n/catalogs.hpp"

namespace medassist::http {

using TemplateData = kainjow::mustache::data;

struct SiteInfo {
    std::string practiceName = "MedAssist";
    std::string emergencyNumber = "112";
    std::string lang = "en";  // the practice's default language, for readers who state none
};

// Who is looking at a page, as far as the layout cares: the navigation and the sign-out
// button depend on it. csrf is the token the sign-out form carries.
struct Visitor {
    bool signedIn = false;
    std::string role;
    std::string csrf;
    std::string lang;  // the reader's language (http/language.hpp); "" = the practice's default
    std::string path;  // the page's own path, where the language switcher comes back to
};

struct NavItem {
    std::string href;
    std::string label;
    // Who sees the link: "all", "anonymous", "signed-in", or roles ("admin", "patient,caregiver").
    std::string audience = "all";
};

// Every text a reader sees is in the catalogs: in a template it is written
// {{#t}}English text{{/t}} (it may hold {{placeholders}} and inline tags, never a section),
// and each template is compiled once per language with those texts already translated, so a
// page costs no lookups. Titles and nav labels come from C++ as English and are translated here.
class View {
public:
    // Compiles every *.mustache below dir, once per language of catalogs (which must outlive
    // the view); throws std::runtime_error naming the first template that is missing or does
    // not compile.
    View(const std::string& templatesDir, SiteInfo site, const i18n::Catalogs& catalogs);

    // Renders templates/<name>.mustache with data into the layout, in visitor.lang.
    std::string page(const std::string& name, const std::string& title, const TemplateData& data,
                     const std::string& currentPath = "", const Visitor& visitor = {}) const;

    // The error page for a status, the same markup nginx serves for its own errors.
    std::string errorPage(int status, const std::string& requestId, const std::string& allow = "",
                          const std::string& retryAfter = "", const std::string& lang = "") const;

    // Renders one template alone (no layout).
    std::string fragment(const std::string& name, const TemplateData& data, const std::string& lang = "") const;

    void setNav(std::vector<NavItem> nav) { nav_ = std::move(nav); }
    // Where the practice's time zone comes from (a setting an admin may change); without
    // one, Europe/Rome.
    void setZoneSource(std::function<std::string()> zone) { zone_ = std::move(zone); }
    // Dates and times for a page in lang (or the practice's default) and the practice's zone.
    PageTime clock(const std::string& lang) const {
        return PageTime(catalogs_, languageOr(lang), zone_ ? zone_() : std::string("Europe/Rome"));
    }
    const SiteInfo& site() const { return site_; }
    const i18n::Catalogs& catalogs() const { return catalogs_; }
    // lang if the app has it, else the practice's default.
    const std::string& languageOr(const std::string& lang) const;

private:
    // language -> template name -> compiled template
    std::map<std::string, std::map<std::string, kainjow::mustache::mustache>> templates_;
    SiteInfo site_;
    const i18n::Catalogs& catalogs_;
    std::vector<NavItem> nav_;
    std::function<std::string()> zone_;
};

// Replaces every {{#t}}text{{/t}} of a template's source by translate(text), the text's
// whitespace runs made one space first (as scripts/i18n/extract writes the msgid).
std::string translateMarks(const std::string& source, const std::function<std::string(const std::string&)>& translate);

// An error's heading and explanation, as English msgids (N_): the error page shows both, and
// a JSON answer's "error" is the heading in the reader's language.
struct ErrorText {
    const char* heading;
    const char* message;
};
ErrorText errorText(int status);

// The stable machine-readable "code" of a JSON error answer that has no more precise one
// ("NOT_FOUND", "INVALID_INPUT", ...): API clients compare it, never the translated "error".
const char* errorCode(int status);

}  // namespace medassist::http
