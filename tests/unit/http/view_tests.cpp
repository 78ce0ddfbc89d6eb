#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/view.hpp"
#include "../../support/temp_dir.hpp"

using namespace medassist::http;
namespace fs = std::filesystem;

namespace {

using medassist::testing::readFile;
using medassist::testing::TempDir;

const std::string kTemplates = MEDASSIST_SOURCE_DIR "/templates";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + needle.size()))
        ++n;
    return n;
}

const medassist::i18n::Catalogs& catalogs() {
    static const medassist::i18n::Catalogs c(MEDASSIST_LOCALE_DIR);
    return c;
}

View testView() { return View(kTemplates, SiteInfo{"Test Practice", "112", "en"}, catalogs()); }

TemplateData homeData(const std::string& name, const std::string& tagline = "Family medicine") {
    TemplateData practice;
    practice.set("name", name);
    practice.set("tagline", tagline);
    practice.set("address", "Via Roma 1\n00100 Roma");
    practice.set("phone", "+39-06-0000-0000");
    practice.set("email", "desk@practice.example");
    practice.set("emergency_number", "112");
    TemplateData data;
    data.set("practice", practice);
    return data;
}


const int kErrorStatuses[] = {400, 403, 404, 405, 413, 429, 500, 503};

}  // namespace

BOOST_AUTO_TEST_SUITE(view)

BOOST_AUTO_TEST_CASE(text_is_html_escaped) {
    auto view = testView();
    auto html = view.page("site/home", "Welcome", homeData("<script>alert(1)</script>", "Tom & \"Jerry\""));
    BOOST_TEST(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    BOOST_TEST(!contains(html, "<script>alert"));
    BOOST_TEST(contains(html, "Tom &amp; &quot;Jerry&quot;"));
    BOOST_TEST(!contains(html, "Tom & \"Jerry\""));
}

BOOST_AUTO_TEST_CASE(the_page_title_and_practice_identity_are_escaped_too) {
    View view(kTemplates, SiteInfo{"Dr. <b>Bold</b> & Co", "112", "en"}, catalogs());
    auto html = view.page("site/home", "<i>Welcome</i>", homeData("x"));
    BOOST_TEST(contains(html, "Dr. &lt;b&gt;Bold&lt;/b&gt; &amp; Co"));
    BOOST_TEST(!contains(html, "<b>Bold</b>"));
    BOOST_TEST(contains(html, "&lt;i&gt;Welcome&lt;/i&gt;"));
    BOOST_TEST(!contains(html, "<i>Welcome</i>"));
}

BOOST_AUTO_TEST_CASE(the_page_is_wrapped_in_the_layout) {
    auto view = testView();
    auto html = view.page("site/home", "Welcome", homeData("Studio Medico"));
    BOOST_TEST(html.rfind("<!doctype html>", 0) == 0);
    BOOST_TEST(contains(html, "<html lang=\"en\">"));
    BOOST_TEST(contains(html, "<title>Welcome · Test Practice</title>"));
    BOOST_TEST(contains(html, "<h1>Studio Medico</h1>"));
    BOOST_TEST(contains(html, "In an emergency call 112"));
    // The body appears once, inside <main>.
    auto main = html.find("<main");
    auto h1 = html.find("<h1>Studio Medico</h1>");
    auto mainEnd = html.find("</main>");
    BOOST_TEST((main < h1 && h1 < mainEnd));
    BOOST_TEST(count(html, "<h1>Studio Medico</h1>") == 1u);
}

BOOST_AUTO_TEST_CASE(the_current_nav_item_is_marked) {
    auto view = testView();
    view.setNav({{"/", "Home"}, {"/book", "Book a visit"}});
    auto html = view.page("site/home", "Book", homeData("x"), "/book");
    BOOST_TEST(contains(html, "<a href=\"/book\" aria-current=\"page\">Book a visit</a>"));
    BOOST_TEST(contains(html, "<a href=\"/\">Home</a>"));
    BOOST_TEST(count(html, "aria-current=\"page\"") == 1u);
}

BOOST_AUTO_TEST_CASE(non_ascii_text_survives_byte_for_byte) {
    const std::string name = "Clinica Et\xC3\xA0 \xE2\x80\x94 K\xC3\xB6ln, \xE6\x97\xA5\xE6\x9C\xAC";  // Età — Köln, 日本
    View view(kTemplates, SiteInfo{name, "112", "en"}, catalogs());
    auto html = view.page("site/home", name, homeData(name));
    BOOST_TEST(contains(html, "<h1>" + name + "</h1>"));
    BOOST_TEST(contains(html, "<title>" + name + " · " + name + "</title>"));
    auto error = view.errorPage(404, "");
    BOOST_TEST(contains(error, name));
}

BOOST_AUTO_TEST_CASE(an_unknown_template_is_an_error) {
    auto view = testView();
    BOOST_CHECK_THROW(view.page("site/nope", "x", TemplateData{}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(error_pages_are_full_pages_for_every_status) {
    View view(kTemplates, SiteInfo{"Test Practice", "999", "en"}, catalogs());
    for (int status : kErrorStatuses) {
        auto html = view.errorPage(status, "abc-123");
        const auto text = errorText(status);
        BOOST_TEST(html.rfind("<!doctype html>", 0) == 0, status);
        BOOST_TEST(contains(html, "Error " + std::to_string(status)), status);
        BOOST_TEST(contains(html, text.heading), status);
        BOOST_TEST(contains(html, text.message), status);
        BOOST_TEST(contains(html, "Test Practice"), status);
        BOOST_TEST(contains(html, "In an emergency call 999"), status);
        BOOST_TEST(contains(html, "Reference: abc-123"), status);
        BOOST_TEST(contains(html, "</html>"), status);
    }
}

BOOST_AUTO_TEST_CASE(each_status_has_its_own_heading) {
    std::vector<std::string> headings;
    for (int status : {400, 403, 404, 405, 413, 429, 500})
        headings.emplace_back(errorText(status).heading);
    std::sort(headings.begin(), headings.end());
    BOOST_TEST((std::adjacent_find(headings.begin(), headings.end()) == headings.end()));
    BOOST_TEST(std::string(errorText(404).heading) == "Page not found");
    BOOST_TEST(std::string(errorText(500).heading) == "Something went wrong");
    BOOST_TEST(std::string(errorText(503).heading) == "Service temporarily unavailable");
}

BOOST_AUTO_TEST_CASE(without_a_request_id_there_is_no_reference_line) {
    auto view = testView();
    for (int status : kErrorStatuses) {
        auto html = view.errorPage(status, "");
        BOOST_TEST(!contains(html, "Reference:"), status);
        BOOST_TEST(!contains(html, "please quote this reference"), status);
        BOOST_TEST(!contains(html, "Allowed methods"), status);
        BOOST_TEST(!contains(html, " seconds."), status);
    }
}

BOOST_AUTO_TEST_CASE(the_405_page_lists_the_allowed_methods) {
    auto view = testView();
    auto html = view.errorPage(405, "id-1", "GET, HEAD");
    BOOST_TEST(contains(html, "Allowed methods: GET, HEAD"));
    BOOST_TEST(contains(html, "Reference: id-1"));
}

BOOST_AUTO_TEST_CASE(retry_after_is_shown_when_given) {
    auto view = testView();
    auto html = view.errorPage(429, "", "", "30");
    BOOST_TEST(contains(html, "Please try again in 30 seconds."));
    // Issue 17: the count's plural form in each language.
    BOOST_TEST(contains(view.errorPage(429, "", "", "1"), "Please try again in 1 second."));
    BOOST_TEST(contains(view.errorPage(429, "", "", "1", "it"), "Riprovi tra 1 secondo."));
    BOOST_TEST(contains(view.errorPage(429, "", "", "30", "it"), "Riprovi tra 30 secondi."));
}

BOOST_AUTO_TEST_CASE(every_raw_insertion_in_a_template_says_why_it_is_safe) {
    std::size_t templates = 0;
    std::size_t raw = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kTemplates)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
        ++templates;
        std::vector<std::string> lines;
        {
            std::istringstream in(readFile(entry.path()));
            for (std::string line; std::getline(in, line);) lines.push_back(line);
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            // {{{name}}} and {{&name}} both insert without escaping.
            for (const char* opener : {"{{{", "{{&"}) {
                for (auto pos = lines[i].find(opener); pos != std::string::npos; pos = lines[i].find(opener, pos + 3)) {
                    ++raw;
                    const bool commentBefore = lines[i].substr(0, pos).find("{{!") != std::string::npos;
                    const bool commentAbove = i > 0 && lines[i - 1].find("{{!") != std::string::npos;
                    BOOST_TEST((commentBefore || commentAbove),
                               entry.path().string() << ":" << i + 1 << " inserts raw HTML without a {{! why }} comment");
                }
            }
        }
    }
    BOOST_TEST(templates >= 3u);
    BOOST_TEST(raw >= 1u);  // the layout inserts the page body raw
}

BOOST_AUTO_TEST_CASE(a_folder_without_the_layout_is_refused) {
    TempDir dir;
    dir.write("errors/error.mustache", "<p>{{heading}}</p>");
    try {
        View v(dir.path.string(), SiteInfo{}, catalogs());
        BOOST_FAIL("expected std::runtime_error");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(contains(e.what(), "layout"));
    }
}

BOOST_AUTO_TEST_CASE(a_folder_without_the_error_template_is_refused) {
    TempDir dir;
    dir.write("layout.mustache", "<!doctype html>{{{content}}}");
    try {
        View v(dir.path.string(), SiteInfo{}, catalogs());
        BOOST_FAIL("expected std::runtime_error");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(contains(e.what(), "errors/error"));
    }
}

BOOST_AUTO_TEST_CASE(a_template_that_does_not_compile_is_refused_by_name) {
    TempDir dir;
    dir.write("layout.mustache", "<!doctype html>{{{content}}}");
    dir.write("errors/error.mustache", "<p>{{heading}}</p>");
    dir.write("site/broken.mustache", "{{#open}}never closed");
    try {
        View v(dir.path.string(), SiteInfo{}, catalogs());
        BOOST_FAIL("expected std::runtime_error");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(contains(e.what(), "site/broken"));
    }
}

BOOST_AUTO_TEST_CASE(a_missing_folder_is_refused) {
    BOOST_CHECK_THROW(View(kTemplates + "/does-not-exist", SiteInfo{}, catalogs()), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 17: one template source, a page per language.
BOOST_AUTO_TEST_SUITE(languages)

Visitor reader(const std::string& lang) {
    Visitor v;
    v.lang = lang;
    v.path = "/";
    return v;
}

BOOST_AUTO_TEST_CASE(the_catalogs_hold_english_and_italian) {
    BOOST_TEST(catalogs().languages().front() == "en");
    BOOST_TEST(catalogs().supports("it"));
    BOOST_TEST(!catalogs().supports("xx"));
    BOOST_TEST(catalogs().tr("it", "Sign out") == "Esci");
    BOOST_TEST(catalogs().tr("en", "Sign out") == "Sign out");
    BOOST_TEST(catalogs().tr("it", "A text no catalog has") == "A text no catalog has");
}

BOOST_AUTO_TEST_CASE(a_marked_text_is_found_with_its_whitespace_made_one_space) {
    auto out = translateMarks("<p>{{#t}}Hello\n    {{name}},   welcome{{/t}}</p>{{#t}}Bye{{/t}}",
                              [](const std::string& t) { return "[" + t + "]"; });
    BOOST_TEST(out == "<p>[Hello {{name}}, welcome]</p>[Bye]");
    BOOST_CHECK_THROW(translateMarks("{{#t}}never closed", [](const std::string& t) { return t; }),
                      std::runtime_error);
}

BOOST_AUTO_TEST_CASE(an_italian_reader_gets_an_italian_page_with_lang_it) {
    auto view = testView();
    auto it = view.page("site/home", "Welcome", homeData("Studio"), "/", reader("it"));
    BOOST_TEST(contains(it, "<html lang=\"it\">"));
    BOOST_TEST(contains(it, "Vai al contenuto principale"));
    BOOST_TEST(contains(it, "Orari di apertura"));
    BOOST_TEST(!contains(it, "Skip to main content"));
    BOOST_TEST(!contains(it, "Opening hours"));
    BOOST_TEST(!contains(it, "{{#t}}"));
    auto en = view.page("site/home", "Welcome", homeData("Studio"), "/", reader("en"));
    BOOST_TEST(contains(en, "<html lang=\"en\">"));
    BOOST_TEST(contains(en, "Skip to main content"));
    BOOST_TEST(!contains(en, "Vai al contenuto principale"));
}

BOOST_AUTO_TEST_CASE(a_reader_without_a_language_gets_the_practice_default) {
    View view(kTemplates, SiteInfo{"Studio", "112", "it"}, catalogs());
    auto html = view.page("site/home", "Welcome", homeData("Studio"));
    BOOST_TEST(contains(html, "<html lang=\"it\">"));
    View unknownDefault(kTemplates, SiteInfo{"Studio", "112", "xx"}, catalogs());
    BOOST_TEST(contains(unknownDefault.page("site/home", "Welcome", homeData("Studio")), "<html lang=\"en\">"));
}

BOOST_AUTO_TEST_CASE(the_switcher_links_back_to_the_page_in_each_language) {
    auto view = testView();
    Visitor v = reader("it");
    v.path = "/appointments/new";
    auto html = view.page("site/home", "Welcome", homeData("Studio"), "/", v);
    BOOST_TEST(contains(html, "href=\"/language?to=en&amp;next=%2Fappointments%2Fnew\" lang=\"en\""));
    BOOST_TEST(contains(html, ">English</a>"));
    BOOST_TEST(contains(html, "lang=\"it\" hreflang=\"it\" aria-current=\"true\">Italiano</a>"));
}

BOOST_AUTO_TEST_CASE(error_pages_speak_the_readers_language) {
    auto view = testView();
    auto it = view.errorPage(404, "req-1", "", "", "it");
    BOOST_TEST(contains(it, "<html lang=\"it\">"));
    BOOST_TEST(!contains(it, "Page not found"));
    BOOST_TEST(contains(view.errorPage(404, "req-1", "", "", "en"), "Page not found"));
}

BOOST_AUTO_TEST_CASE(negotiation_takes_the_cookie_then_accept_language_then_the_default) {
    using medassist::i18n::negotiate;
    const auto& c = catalogs();
    BOOST_TEST(negotiate(c, "it", "en-GB,en;q=0.9", "en") == "it");
    BOOST_TEST(negotiate(c, "xx", "it-IT,it;q=0.9,en;q=0.8", "en") == "it");
    BOOST_TEST(negotiate(c, "", "de-DE,de;q=0.9,en;q=0.5,it;q=0.4", "it") == "en");
    BOOST_TEST(negotiate(c, "", "de-DE,fr;q=0.9", "it") == "it");
    BOOST_TEST(negotiate(c, "", "it;q=0, en", "it") == "en");
    BOOST_TEST(negotiate(c, "", "IT_it", "en") == "it");
    BOOST_TEST(negotiate(c, "", ";;,q=zz,", "en") == "en");
}

BOOST_AUTO_TEST_SUITE_END()
