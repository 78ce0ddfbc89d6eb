// `medassist-admin nlu`: one JSON line per utterance, from the function that writes it and
// end to end through the built binary (with no database: it warns and knows no doctor).
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "assistant/engine/nlu_json.hpp"

namespace fs = std::filesystem;
using namespace medassist::assistant::engine;
using medassist::scheduling::LocalDate;

namespace {

constexpr LocalDate kMonday{2026, 3, 2};
constexpr int kNine = 9 * 60;

const DoctorMatcher& doctors() {
    static const DoctorMatcher m({{12, "Dr. Giulia Rossi", "general-practice"},
                                  {13, "Dr. Paolo Rossi", "cardiology"},
                                  {16, "Dr. Sofia Marino", "dermatology"}});
    return m;
}

const SpecialtyMatcher& specialties() {
    static const SpecialtyMatcher m;
    return m;
}

std::string line(const std::string& text, const IntentResult& intent = {"book_appointment", 0.97312}) {
    return nluJson(text, intent, extractEntities(text, kMonday, kNine, doctors(), specialties()));
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

Poco::JSON::Object::Ptr parse(const std::string& json) {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

// A scratch folder, removed at the end of the test.
struct Scratch {
    fs::path dir;
    Scratch() {
        dir = fs::temp_directory_path() /
              ("medassist-nlu-" + std::to_string(::getpid()) + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

struct Run {
    int status = -1;
    std::string out, err;
};

// The built medassist-admin, with an empty configuration file (so no database) and only the
// environment given.
Run runAdmin(const Scratch& s, const std::string& args, const std::string& input, const std::string& env) {
    const fs::path admin = fs::path(MEDASSIST_BINARY_DIR) / "medassist-admin";
    BOOST_TEST_REQUIRE(fs::exists(admin), admin << " is missing: build the medassist-admin target");
    { std::ofstream(s.dir / "empty.properties"); }
    { std::ofstream(s.dir / "in.txt", std::ios::binary) << input; }
    std::string cmd = "env -u DATABASE_URL -u MEDASSIST_VAR_DIR " + env + " '" + admin.string() + "' --config '" +
                      (s.dir / "empty.properties").string() + "' " + args + " < '" + (s.dir / "in.txt").string() +
                      "' > '" + (s.dir / "out.txt").string() + "' 2> '" + (s.dir / "err.txt").string() + "'";
    Run r;
    const int rc = std::system(cmd.c_str());
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = readFile(s.dir / "out.txt");
    r.err = readFile(s.dir / "err.txt");
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nlu_json)

BOOST_AUTO_TEST_CASE(keys_in_order_and_every_kind_of_entity) {
    BOOST_TEST(line("I need to see a dermatologist next week, mornings if possible") ==
               R"({"text":"I need to see a dermatologist next week, mornings if possible","intent":"book_appointment",)"
               R"("confidence":0.9731,"entities":[{"type":"date_range","value":"2026-03-09/2026-03-15"},)"
               R"({"type":"day_part","value":"morning"},{"type":"specialty","value":"dermatology"}]})");
    BOOST_TEST(line("can I see Dr Marino next Tuesday at 4.30pm") ==
               R"({"text":"can I see Dr Marino next Tuesday at 4.30pm","intent":"book_appointment",)"
               R"("confidence":0.9731,"entities":[{"type":"date","value":"2026-03-10"},{"type":"weekday","value":2},)"
               R"({"type":"time","value":"16:30"},{"type":"doctor","value":"16"}]})");
    BOOST_TEST(line("Friday between 2 and 4", {"inform", 1.0}) ==
               R"({"text":"Friday between 2 and 4","intent":"inform","confidence":1,"entities":[)"
               R"({"type":"date","value":"2026-03-06"},{"type":"weekday","value":5},)"
               R"({"type":"time_after","value":"14:00"},{"type":"time_before","value":"16:00"}]})");
    BOOST_TEST(line("move Thursday's to next week", {"reschedule_appointment", 0.5}) ==
               R"({"text":"move Thursday's to next week","intent":"reschedule_appointment","confidence":0.5,)"
               R"("entities":[{"type":"date_range","value":"2026-03-09/2026-03-15"},{"type":"weekday","value":4},)"
               R"({"type":"reference_weekday","value":4}]})");
    BOOST_TEST(line("the second one", {"inform", 0.88888}) ==
               R"({"text":"the second one","intent":"inform","confidence":0.8889,)"
               R"("entities":[{"type":"ordinal","value":2}]})");
    BOOST_TEST(line("the last one", {"inform", 0.5}) ==
               R"({"text":"the last one","intent":"inform","confidence":0.5,)"
               R"("entities":[{"type":"ordinal","value":-1}]})");
    BOOST_TEST(line("my son has a rash", {"book_appointment", 0.25}) ==
               R"({"text":"my son has a rash","intent":"book_appointment","confidence":0.25,)"
               R"("entities":[{"type":"specialty_hint","value":"dermatology"}]})");
    BOOST_TEST(line("tonight", {"inform", 0.5}) ==
               R"({"text":"tonight","intent":"inform","confidence":0.5,)"
               R"("entities":[{"type":"date","value":"2026-03-02"},{"type":"day_part","value":"evening"}]})");
}

BOOST_AUTO_TEST_CASE(an_ambiguous_doctor_gives_each_candidate) {
    BOOST_TEST(line("Dr Rossi", {"inform", 0.5}) ==
               R"({"text":"Dr Rossi","intent":"inform","confidence":0.5,"entities":[)"
               R"({"type":"doctor","value":"12","ambiguous":true},{"type":"doctor","value":"13","ambiguous":true}]})");
    // the same doctor twice is one entity
    BOOST_TEST(line("Giulia Rossi, yes, Giulia Rossi", {"affirm", 0.5}) ==
               R"({"text":"Giulia Rossi, yes, Giulia Rossi","intent":"affirm","confidence":0.5,"entities":[)"
               R"({"type":"doctor","value":"12"}]})");
}

BOOST_AUTO_TEST_CASE(quotes_controls_and_bad_utf8_still_make_json) {
    const std::string text = "say \"hi\"\t\\ caf\xC3\xA9 \xFF\xC3";
    const auto json = line(text, {"greet", 0.5});
    const auto obj = parse(json);
    BOOST_TEST(obj->getValue<std::string>("text") == "say \"hi\"\t\\ caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD");
    BOOST_TEST(json.find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_line_out_for_each_line_in) {
    std::istringstream in("hello\r\n\nthe 2nd one\nDr Marino tomorrow");
    std::ostringstream out;
    std::vector<std::string> seen;
    const auto n = runNlu(
        in, out,
        [&](const std::string& t) {
            seen.push_back(t);
            return IntentResult{"inform", 0.5};
        },
        doctors(), specialties(), kMonday, kNine);
    BOOST_TEST(n == 4u);
    BOOST_TEST((seen == std::vector<std::string>{"hello", "", "the 2nd one", "Dr Marino tomorrow"}));
    const auto got = lines(out.str());
    BOOST_TEST_REQUIRE(got.size() == 4u);
    // A bare answer with nothing in it is out of scope at the start of a conversation.
    BOOST_TEST(got[1] == R"({"text":"","intent":"out_of_scope","confidence":0.5,"entities":[]})");
    BOOST_TEST(got[2].find(R"({"type":"ordinal","value":2})") != std::string::npos);
    BOOST_TEST(got[3].find(R"([{"type":"date","value":"2026-03-03"},{"type":"doctor","value":"16"}])") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(now_is_a_local_date_and_minute) {
    const auto nine = parseLocalDateTime("2026-03-02T09:00").value_or(std::make_pair(LocalDate{}, -1));
    BOOST_TEST((nine.first == kMonday));
    BOOST_TEST(nine.second == kNine);
    const auto late = parseLocalDateTime("2026-12-31 23:59:30").value_or(std::make_pair(LocalDate{}, -1));
    BOOST_TEST((late.first == LocalDate{2026, 12, 31}));
    BOOST_TEST(late.second == 23 * 60 + 59);
    for (const char* bad : {"", "2026-03-02", "2026-03-02T9:00", "2026-02-30T09:00", "2026-03-02T24:00",
                            "2026-03-02T09:60", "2026-03-02T09:00Z", "2026-03-02T09:00+01:00", "tomorrow at 9"})
        BOOST_TEST(!parseLocalDateTime(bad).has_value(), "'" << bad << "' accepted");
}

BOOST_AUTO_TEST_CASE(the_command_end_to_end_without_a_database) {
    Scratch s;
    const auto r = runAdmin(s, "nlu --now 2026-03-02T09:00",
                            "I need to see a dermatologist next week, mornings if possible\n"
                            "can I see Dr Rossi next Tuesday at 4.30pm\n"
                            "the second one\n"
                            "\n",
                            "");
    BOOST_TEST(r.status == 0, "stderr: " << r.err);
    BOOST_TEST(r.err.find("no doctor will be recognised") != std::string::npos, "stderr: " << r.err);
    const auto out = lines(r.out);
    BOOST_TEST_REQUIRE(out.size() == 4u, "stdout: " << r.out);

    auto first = parse(out[0]);
    BOOST_TEST(
        out[0].rfind(R"({"text":"I need to see a dermatologist next week, mornings if possible","intent":")", 0) == 0u);
    BOOST_TEST(first->getValue<std::string>("intent") == "book_appointment");
    const double confidence = first->getValue<double>("confidence");
    BOOST_TEST((confidence > 0.0 && confidence <= 1.0));
    BOOST_TEST(out[0].find(R"("entities":[{"type":"date_range","value":"2026-03-09/2026-03-15"},)"
                           R"({"type":"day_part","value":"morning"},{"type":"specialty","value":"dermatology"}],)") !=
               std::string::npos);
    // no database, so no doctor: the day and time are still understood
    BOOST_TEST(out[1].find(R"("entities":[{"type":"date","value":"2026-03-10"},{"type":"weekday","value":2},)"
                           R"({"type":"time","value":"16:30"}],)") != std::string::npos,
               out[1]);
    BOOST_TEST(out[2].find(R"("entities":[{"type":"ordinal","value":2}]})") != std::string::npos, out[2]);
    BOOST_TEST(parse(out[3])->getValue<std::string>("text").empty());
}

BOOST_AUTO_TEST_CASE(the_command_warns_when_the_database_does_not_answer) {
    Scratch s;
    // nothing listens on port 1: the connection is refused at once
    const auto r = runAdmin(s, "nlu --now=2026-03-02T09:00", "tomorrow\n", "DATABASE_URL=mysql://u:p@127.0.0.1:1/x");
    BOOST_TEST(r.status == 0, "stderr: " << r.err);
    BOOST_TEST(r.err.find("the database did not answer") != std::string::npos, "stderr: " << r.err);
    BOOST_TEST(r.out.find(R"({"type":"date","value":"2026-03-03"})") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(the_command_refuses_bad_arguments) {
    Scratch s;
    BOOST_TEST(runAdmin(s, "nlu --now 2026-13-01T09:00", "hi\n", "").status == 64);
    BOOST_TEST(runAdmin(s, "nlu --bogus", "hi\n", "").status == 64);
    BOOST_TEST(runAdmin(s, "nlu --now", "hi\n", "").status == 64);
    const auto r = runAdmin(s, "nlu --model '" + (s.dir / "missing.bin").string() + "'", "hi\n", "");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err.find("missing.bin") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
