// The assistant's engine stays pure (DESIGN.md, "The assistant"; issue 8, "The unbreakable
// rule"): nothing in fcgi_app/assistant/engine/ includes storage, HTTP, accounts, privacy,
// records, site, mail, security, a database driver, FastCGI or any *_store, and the
// engine's one door to the world (patient_scope.hpp) has no method that takes the id of a
// patient, user or subject. This reads the sources, so a change that breaks the rule fails
// here before anyone reviews it.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kEngineDir = fs::path(MEDASSIST_SOURCE_DIR) / "fcgi_app" / "assistant" / "engine";

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The source without comments, so a comment that names storage/ (as this rule's own
// explanations do) is not an include. String literals stay (an include's path is one).
std::string codeOnly(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    enum { Code, Line, Block, Str, Chr } mode = Code;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char n = i + 1 < text.size() ? text[i + 1] : '\0';
        switch (mode) {
            case Code:
                if (c == '/' && n == '/') mode = Line, ++i;
                else if (c == '/' && n == '*') mode = Block, ++i;
                else if (c == '"') mode = Str, out += c;
                else if (c == '\'') mode = Chr, out += c;
                else out += c;
                break;
            case Line:
                if (c == '\n') mode = Code, out += c;
                break;
            case Block:
                if (c == '*' && n == '/') mode = Code, ++i;
                else if (c == '\n') out += c;
                break;
            case Str:
                out += c;
                if (c == '\\' && n != '\0') out += n, ++i;
                else if (c == '"') mode = Code;
                break;
            case Chr:
                out += c;
                if (c == '\\' && n != '\0') out += n, ++i;
                else if (c == '\'') mode = Code;
                break;
        }
    }
    return out;
}

// What each #include line of a source names (the path between <> or "").
std::vector<std::string> includesOf(const std::string& text) {
    std::vector<std::string> out;
    static const std::regex include(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::smatch m;
        if (std::regex_search(line, m, include)) out.push_back(m[1]);
    }
    return out;
}

// Why an include breaks the engine's purity, or "" when it is allowed.
std::string forbiddenInclude(const std::string& path) {
    const std::string p = lower(path);
    static const std::vector<std::string> words{"storage/", "http/",  "accounts/", "privacy/", "records/",
                                                "site/",    "mail/",  "security/", "admin/",   "config/",
                                                "cppconn",  "mysql",  "mariadb",   "poco/net", "poco/data",
                                                "fcgi",     "_store", "sqlite"};
    for (const auto& w : words)
        if (p.find(w) != std::string::npos) return w;
    // Scheduling's pure calendar arithmetic only; its service and stores reach the database.
    if (p.rfind("scheduling/", 0) == 0 && p != "scheduling/practice_time.hpp") return "scheduling/ (not practice_time)";
    // The app's message catalogs only (i18n/catalogs.hpp): replies in the conversation's
    // language. Pure: it reads the compiled catalogs once at start-up (outside the engine)
    // and formats texts and dates; no database, no HTTP, nothing of a person.
    if (p.rfind("i18n/", 0) == 0 && p != "i18n/catalogs.hpp") return "i18n/ (not catalogs)";
    // Within assistant/, only the engine itself (the chat service and stores sit outside it).
    if (p.rfind("assistant/", 0) == 0 && p.rfind("assistant/engine/", 0) != 0) return "assistant/ outside engine/";
    return "";
}

// Names in code that would let a caller point the engine at a person: a parameter (or any
// identifier) such as patientId, user_id, subjectId, ownerId, caregiverId, accountId.
std::vector<std::string> personIds(const std::string& code) {
    static const std::regex id(R"(\b\w*(patient|user|subject|owner|caregiver|account|person|member)_?(id|ids)\b)",
                               std::regex::icase);
    std::vector<std::string> out;
    for (std::sregex_iterator it(code.begin(), code.end(), id), end; it != end; ++it) out.push_back(it->str());
    return out;
}

// Every source of the engine, its folders included (text/, guards/) and the tables they
// include (.inc).
std::vector<fs::path> engineSources() {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(kEngineDir)) {
        const auto ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".hpp" || ext == ".cpp" || ext == ".h" || ext == ".cc" || ext == ".inc"))
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(engine_purity)

BOOST_AUTO_TEST_CASE(the_checks_catch_what_they_are_for) {
    // The rule's own tools, on lines that must be caught and lines that must pass.
    BOOST_TEST(!forbiddenInclude("storage/pool.hpp").empty());
    BOOST_TEST(!forbiddenInclude("http/request.hpp").empty());
    BOOST_TEST(!forbiddenInclude("cppconn/connection.h").empty());
    BOOST_TEST(!forbiddenInclude("Poco/Net/HTTPClientSession.h").empty());
    BOOST_TEST(!forbiddenInclude("fcgiapp.h").empty());
    BOOST_TEST(!forbiddenInclude("scheduling/appointment_store.hpp").empty());
    BOOST_TEST(!forbiddenInclude("scheduling/scheduling_service.hpp").empty());
    BOOST_TEST(!forbiddenInclude("assistant/conversation_store.hpp").empty());
    BOOST_TEST(!forbiddenInclude("accounts/caregiver_service.hpp").empty());
    BOOST_TEST(forbiddenInclude("scheduling/practice_time.hpp").empty());
    BOOST_TEST(forbiddenInclude("i18n/catalogs.hpp").empty());  // allowed: the replies' languages
    BOOST_TEST(!forbiddenInclude("i18n/other.hpp").empty());
    BOOST_TEST(forbiddenInclude("assistant/engine/guards.hpp").empty());
    BOOST_TEST(forbiddenInclude("xapian.h").empty());
    BOOST_TEST(forbiddenInclude("fasttext/fasttext.h").empty());

    const std::string text = "/*\n#include \"storage/pool.hpp\"\n*/\n#include <string>\n  # include \"http/view.hpp\"\n";
    BOOST_TEST(includesOf(text).size() == 3u);  // includesOf alone reads commented-out lines too
    const auto incs = includesOf(codeOnly(text));
    BOOST_TEST_REQUIRE(incs.size() == 2u);  // codeOnly drops them
    BOOST_TEST(incs[1] == "http/view.hpp");

    BOOST_TEST(personIds(codeOnly("virtual ScopeChange cancel(std::int64_t patientId) = 0;")).size() == 1u);
    BOOST_TEST(personIds(codeOnly("void book(long user_id);")).size() == 1u);
    BOOST_TEST(personIds(codeOnly("std::vector<ScopeSlot> x(std::int64_t subjectId);")).size() == 1u);
    BOOST_TEST(personIds(codeOnly("ScopeChange cancel(std::int64_t appointmentId); // not the patientId")).empty());
    BOOST_TEST(personIds(codeOnly("std::int64_t doctorId = 0;")).empty());
}

BOOST_AUTO_TEST_CASE(the_engine_includes_nothing_that_reaches_the_world) {
    const auto sources = engineSources();
    BOOST_TEST_REQUIRE(sources.size() >= 4u, "no engine sources found under " << kEngineDir);
    bool sawScope = false, sawFolder = false;
    for (const auto& file : sources) {
        if (file.filename() == "patient_scope.hpp") sawScope = true;
        if (file.parent_path() != kEngineDir) sawFolder = true;  // text/, guards/ are read too
        for (const auto& inc : includesOf(codeOnly(readAll(file)))) {
            const auto why = forbiddenInclude(inc);
            BOOST_TEST(why.empty(), fs::relative(file, kEngineDir).string() << " includes " << inc << " (" << why
                                                                            << "): the engine must stay pure");
        }
    }
    BOOST_TEST(sawScope);
    BOOST_TEST(sawFolder);
}

BOOST_AUTO_TEST_CASE(the_patient_scope_takes_no_id_of_a_person) {
    const std::string code = codeOnly(readAll(kEngineDir / "patient_scope.hpp"));
    BOOST_TEST_REQUIRE(code.find("class PatientScope") != std::string::npos);
    for (const auto& name : personIds(code))
        BOOST_TEST(false, "patient_scope.hpp names " << name
                                                     << ": no method of the scope may take or expose a person's id");
    // Nor an email or a name to look someone up by.
    static const std::regex lookup(R"(\(\s*[^)]*\b(email|e_mail|patientName|fullName)\b[^)]*\))",
                                   std::regex::icase);
    BOOST_TEST(!std::regex_search(code, lookup), "a PatientScope method takes an email or a person's name");
}

BOOST_AUTO_TEST_SUITE_END()
