// What an operator relies on: the access log, the database accounts, migrations that
// refuse edited history, secrets checked at start-up, and a clean stop on SIGTERM.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include "stack_client.hpp"
#include "storage/database_url.hpp"
#include "storage/pool.hpp"
#include "../../support/temp_dir.hpp"

using namespace medassist;
using namespace medassist::testing;
namespace fs = std::filesystem;

namespace {

using medassist::testing::readFile;
using medassist::testing::TempDir;

const std::string kProps = std::string(MEDASSIST_SOURCE_DIR) + "/fcgi_app/config/medassist.properties";

struct ProcessResult {
    int exitCode = -1;
    std::string out, err;
};

// Runs a project binary with extra environment variables and collects its output.
ProcessResult runBinary(const std::string& name, const std::vector<std::string>& args,
                        const Poco::Process::Env& env) {
    Poco::Pipe outPipe, errPipe;
    auto handle = Poco::Process::launch(std::string(MEDASSIST_BINARY_DIR) + "/" + name, args,
                                        MEDASSIST_SOURCE_DIR, nullptr, &outPipe, &errPipe, env);
    Poco::PipeInputStream out(outPipe), err(errPipe);
    ProcessResult r;
    Poco::StreamCopier::copyToString(out, r.out);
    Poco::StreamCopier::copyToString(err, r.err);
    r.exitCode = handle.wait();
    return r;
}


std::string varDir() { return env("MEDASSIST_TEST_VAR"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(operations)

BOOST_AUTO_TEST_CASE(access_log_has_one_json_line_per_request_without_query_or_personal_data) {
    auto r = https("GET", "/healthz?email=alice.rossi%40example.com&token=abc123secret",
                   {{"Cookie", "__Host-session=cookievalue123"}});
    BOOST_REQUIRE(r.status == 200);
    const std::string id = r.header("x-request-id");
    BOOST_REQUIRE(!id.empty());
    std::string line;
    for (int attempt = 0; attempt < 20 && line.empty(); ++attempt) {
        std::istringstream log(readFile(fs::path(varDir()) / "log" / "access.log"));
        for (std::string l; std::getline(log, l);)
            if (l.find(id) != std::string::npos) line = l;
        if (line.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    BOOST_REQUIRE_MESSAGE(!line.empty(), "no access-log line for request " << id);
    auto obj = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(obj->getValue<std::string>("method") == "GET");
    BOOST_TEST(obj->getValue<std::string>("route") == "/healthz");
    BOOST_TEST(obj->getValue<int>("status") == 200);
    BOOST_TEST(obj->getValue<Poco::Int64>("latency_us") >= 0);
    BOOST_TEST(obj->has("time"));
    for (const char* leak : {"alice", "example.com", "abc123secret", "cookievalue123", "?"})
        BOOST_TEST(line.find(leak) == std::string::npos, "access log leaks " << leak);
    // nginx's own access log keeps no query string or cookie either. nginx writes its line
    // just after the client has the response, so wait for it.
    std::string nginxLog;
    for (int attempt = 0; attempt < 40; ++attempt) {
        nginxLog = readFile(fs::path(varDir()) / "log" / "nginx-access.log");
        if (nginxLog.find(id) != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    BOOST_TEST(nginxLog.find(id) != std::string::npos);
    BOOST_TEST(nginxLog.find("abc123secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_app_database_account_can_read_and_write_rows_but_not_change_the_schema) {
    std::string secret = readFile(fs::path(varDir()) / "secrets" / "database_url");
    auto url = storage::DatabaseUrl::parse(secret.substr(0, secret.find('\n')));
    storage::ConnectionPool pool(url, {});
    BOOST_TEST(pool.ping());
    auto lease = pool.acquire();
    std::unique_ptr<sql::Statement> st(lease->createStatement());
    BOOST_CHECK_NO_THROW(std::unique_ptr<sql::ResultSet>(st->executeQuery("SELECT COUNT(*) FROM practice_settings")));
    for (const char* ddl : {"CREATE TABLE intruder (id INT)", "DROP TABLE practice_settings",
                            "ALTER TABLE practice_settings ADD COLUMN x INT", "GRANT SELECT ON medassist.* TO 'x'@'%'"}) {
        bool denied = false;
        try {
            st->execute(ddl);
        } catch (const sql::SQLException& e) {
            denied = true;
        }
        BOOST_TEST(denied, ddl << " must be refused for the app account");
    }
}

BOOST_AUTO_TEST_CASE(migrate_is_idempotent_and_refuses_an_applied_migration_that_changed) {
    Poco::Process::Env env{{"MEDASSIST_VAR_DIR", varDir()}};
    auto again = runBinary("medassist-admin", {"--config", kProps, "migrate", "sql/migrations"}, env);
    BOOST_TEST(again.exitCode == 0, again.err);
    BOOST_TEST(again.out.find("0 applied") != std::string::npos, again.out);

    TempDir tmp;
    for (const auto& e : fs::directory_iterator(std::string(MEDASSIST_SOURCE_DIR) + "/sql/migrations"))
        fs::copy_file(e.path(), tmp.path / e.path().filename());
    {
        std::ofstream edit(tmp.path / "0001_practice_settings.sql", std::ios::app);
        edit << "\n-- an innocent-looking edit\n";
    }
    auto changed = runBinary("medassist-admin", {"--config", kProps, "migrate", tmp.path.string()}, env);
    BOOST_TEST(changed.exitCode != 0);
    BOOST_TEST(changed.err.find("0001_practice_settings.sql changed after it was applied") != std::string::npos,
               changed.err);
}

BOOST_AUTO_TEST_CASE(the_server_refuses_to_start_without_a_strong_secret_key_and_says_why) {
    TempDir tmp;  // an empty var dir: no secret files at all
    auto missing = runBinary("medassist-fcgi", {"--config=" + kProps}, {{"MEDASSIST_VAR_DIR", tmp.path.string()}});
    BOOST_TEST(missing.exitCode == 78);
    BOOST_TEST(missing.err.find("SECRET_KEY is missing") != std::string::npos, missing.err);
    BOOST_TEST(missing.err.find("DATABASE_URL is missing") != std::string::npos, missing.err);

    auto weak = runBinary("medassist-fcgi", {"--config=" + kProps},
                          {{"MEDASSIST_VAR_DIR", varDir()}, {"SECRET_KEY", "CHANGE_ME_TO_A_SECURE_VALUE_PLEASE_NOW"}});
    BOOST_TEST(weak.exitCode == 78);
    BOOST_TEST(weak.err.find("SECRET_KEY looks like a placeholder") != std::string::npos, weak.err);
    BOOST_TEST(!fs::exists(fs::path(varDir()) / "run" / "never.sock"));
}

BOOST_AUTO_TEST_CASE(sigterm_stops_a_running_server_cleanly_even_with_every_worker_waiting) {
    TempDir tmp;
    const fs::path sock = tmp.path / "second.sock";
    Poco::Process::Env env{{"MEDASSIST_VAR_DIR", varDir()},
                           {"MEDASSIST_SOCKET", sock.string()},
                           {"MEDASSIST_LOG_DIR", tmp.path.string()},
                           {"MEDASSIST_THREADS", "4"}};
    Poco::Pipe errPipe;
    auto handle = Poco::Process::launch(std::string(MEDASSIST_BINARY_DIR) + "/medassist-fcgi", {"--config=" + kProps},
                                        MEDASSIST_SOURCE_DIR, nullptr, nullptr, &errPipe, env);
    for (int i = 0; i < 100 && !fs::exists(sock); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_REQUIRE_MESSAGE(fs::exists(sock), "the second server never opened its socket");
    const auto started = std::chrono::steady_clock::now();
    ::kill(handle.id(), SIGTERM);
    int code = -1;
    std::thread waiter([&] { code = handle.wait(); });
    for (int i = 0; i < 100 && code == -1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (code == -1) ::kill(handle.id(), SIGKILL);  // never leave it behind
    waiter.join();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    BOOST_TEST(code == 0, "exit code " << code << " after " << took.count() << " ms");
    BOOST_TEST(!fs::exists(sock), "the socket file is removed on a clean stop");
    BOOST_TEST(readFile(tmp.path / "app.log").find("stopped") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
