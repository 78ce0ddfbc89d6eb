#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>

#include "config/app_config.hpp"
#include "../../support/temp_dir.hpp"

using namespace medassist::config;
namespace fs = std::filesystem;

namespace {

using medassist::testing::readFile;
using medassist::testing::TempDir;

using Settings = std::map<std::string, std::string>;

// A strong key: long, many distinct characters, no placeholder words.
const std::string kStrongKey = "k7Qp2Zx9LmW4vB8nR3tY6uH1jF5dG0aN-qz_Kw7e";
const std::string kStrongDbUrl = "mysql://medassist_app:Xq7v9LpZ2mK4wR8t@localhost/medassist?socket=/run/mysqld/mysqld.sock";

EnvLookup fakeEnv(Settings vars) {
    return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

Poco::AutoPtr<Poco::Util::MapConfiguration> fileWith(const Settings& keys) {
    Poco::AutoPtr<Poco::Util::MapConfiguration> c(new Poco::Util::MapConfiguration);
    for (const auto& [k, v] : keys) c->setString(k, v);
    return c;
}

AppConfig load(const Settings& file, const Settings& env = {}) { return loadAppConfig(*fileWith(file), fakeEnv(env)); }

// The problems loadAppConfig reports, or none when it accepts the settings.
std::vector<std::string> loadProblems(const Settings& file, const Settings& env = {}) {
    try {
        load(file, env);
    } catch (const ConfigError& e) {
        return e.problems();
    }
    return {};
}

bool anyMentions(const std::vector<std::string>& problems, const std::string& word) {
    for (const auto& p : problems)
        if (p.find(word) != std::string::npos) return true;
    return false;
}

std::string joined(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += "[" + p + "] ";
    return out;
}

AppConfig strongConfig() {
    AppConfig c;
    c.secretKey = kStrongKey;
    c.databaseUrl = kStrongDbUrl;
    c.migrateDatabaseUrl = "mysql://medassist_migrate:Hn4sT8wQ2zV6yB9c@localhost/medassist";
    c.passwordPepper = "pP3r-9vXq2LmZ7wK4tB8nR6yH1jF5cD0s";
    c.blindIndexKey = "bI7x-Q2zLm9KwV4tR8nY6uH3jF1cD5sA0p";
    return c;
}


}  // namespace

BOOST_AUTO_TEST_SUITE(load_app_config)

BOOST_AUTO_TEST_CASE(defaults_when_nothing_is_set) {
    auto c = load({});
    BOOST_TEST(c.threads == 8);
    BOOST_TEST(c.jwtExpMinutes == 60);
    BOOST_TEST(c.rateLimitPerHour == 100);
    BOOST_TEST(c.smtpPort == 587);
    BOOST_TEST(c.maxBodyBytes == 64u * 1024u);
    BOOST_TEST(c.dbPoolSize == 8);
    BOOST_TEST(c.socketPath == "var/run/medassist.sock");
    BOOST_TEST(c.publicUrl == "https://localhost:8443");
    BOOST_TEST(c.smtpHost.empty());
    BOOST_TEST(!c.secretKey.has_value());
    BOOST_TEST(!c.databaseUrl.has_value());
    BOOST_TEST(!c.migrateDatabaseUrl.has_value());
    BOOST_TEST(!c.smtpPassword.has_value());
}

BOOST_AUTO_TEST_CASE(the_file_sets_values) {
    auto c = load({{"server.threads", "4"},
                   {"auth.jwt_exp_minutes", "30"},
                   {"limits.rate_limit_per_hour", "50"},
                   {"mail.smtp_host", "smtp.file.example"},
                   {"mail.smtp_port", "2525"},
                   {"mail.from", "desk@file.example"},
                   {"practice.name", "Studio Medico Aurora"}});
    BOOST_TEST(c.threads == 4);
    BOOST_TEST(c.jwtExpMinutes == 30);
    BOOST_TEST(c.rateLimitPerHour == 50);
    BOOST_TEST(c.smtpHost == "smtp.file.example");
    BOOST_TEST(c.smtpPort == 2525);
    BOOST_TEST(c.emailFrom == "desk@file.example");
    BOOST_TEST(c.practiceName == "Studio Medico Aurora");
}

BOOST_AUTO_TEST_CASE(the_environment_overrides_the_file) {
    const Settings file = {{"auth.jwt_exp_minutes", "30"},
                           {"limits.rate_limit_per_hour", "50"},
                           {"mail.smtp_host", "smtp.file.example"},
                           {"mail.from", "desk@file.example"},
                           {"server.public_url", "https://file.example"}};
    const Settings env = {{"JWT_EXP_MINUTES", "120"},
                          {"RATE_LIMIT_PER_HOUR", "250"},
                          {"SMTP_HOST", "smtp.env.example"},
                          {"EMAIL_FROM", "bookings@env.example"},
                          {"DATABASE_URL", kStrongDbUrl},
                          {"SECRET_KEY", kStrongKey},
                          {"PUBLIC_URL", "https://env.example"}};
    auto c = load(file, env);
    BOOST_TEST(c.jwtExpMinutes == 120);
    BOOST_TEST(c.rateLimitPerHour == 250);
    BOOST_TEST(c.smtpHost == "smtp.env.example");
    BOOST_TEST(c.emailFrom == "bookings@env.example");
    BOOST_TEST(c.publicUrl == "https://env.example");
    BOOST_REQUIRE(c.databaseUrl.has_value());
    BOOST_TEST(*c.databaseUrl == kStrongDbUrl);
    BOOST_REQUIRE(c.secretKey.has_value());
    BOOST_TEST(*c.secretKey == kStrongKey);
}

BOOST_AUTO_TEST_CASE(a_secret_is_read_from_the_file_a_key_names) {
    TempDir dir;
    const auto keyFile = dir.write("secret_key", kStrongKey + "\n");
    const auto urlFile = dir.write("database_url", kStrongDbUrl + "\r\n");
    const auto pepperFile = dir.write("pepper", "pP3r-9vXq2LmZ7wK4tB8nR6yH1jF5cD0s\n");
    auto c = load({{"secrets.secret_key_file", keyFile}, {"database.url_file", urlFile}},
                  {{"BLIND_INDEX_KEY", "bI7x-Q2zLm9KwV4tR8nY6uH3jF1cD5sA0p"}, {"PASSWORD_PEPPER", ""}});
    BOOST_TEST(anyMentions(problemsForServer(c), "PASSWORD_PEPPER is missing"));
    c = load({{"secrets.secret_key_file", keyFile}, {"database.url_file", urlFile}, {"secrets.pepper_file", pepperFile}},
             {{"BLIND_INDEX_KEY", "bI7x-Q2zLm9KwV4tR8nY6uH3jF1cD5sA0p"}});
    BOOST_REQUIRE(c.passwordPepper.has_value());
    BOOST_TEST(*c.passwordPepper == "pP3r-9vXq2LmZ7wK4tB8nR6yH1jF5cD0s");
    BOOST_REQUIRE(c.secretKey.has_value());
    BOOST_TEST(*c.secretKey == kStrongKey);  // trailing newline stripped
    BOOST_REQUIRE(c.databaseUrl.has_value());
    BOOST_TEST(*c.databaseUrl == kStrongDbUrl);
    BOOST_TEST(problemsForServer(c).empty(), joined(problemsForServer(c)));
}

BOOST_AUTO_TEST_CASE(the_environment_secret_wins_over_the_secret_file) {
    TempDir dir;
    const auto keyFile = dir.write("secret_key", "from-the-file-" + kStrongKey + "\n");
    auto c = load({{"secrets.secret_key_file", keyFile}}, {{"SECRET_KEY", kStrongKey}});
    BOOST_TEST(*c.secretKey == kStrongKey);
}

BOOST_AUTO_TEST_CASE(a_secret_file_that_does_not_exist_leaves_the_secret_missing) {
    TempDir dir;
    auto c = load({{"secrets.secret_key_file", (dir.path / "absent").string()}});
    BOOST_TEST(!c.secretKey.has_value());
    BOOST_TEST(anyMentions(problemsForServer(c), "SECRET_KEY is missing"));
}

BOOST_AUTO_TEST_CASE(malformed_numbers_are_refused_naming_the_setting) {
    auto abc = loadProblems({}, {{"JWT_EXP_MINUTES", "abc"}});
    BOOST_TEST(abc.size() == 1u);
    BOOST_TEST(anyMentions(abc, "JWT_EXP_MINUTES"), joined(abc));

    auto zero = loadProblems({}, {{"JWT_EXP_MINUTES", "0"}});
    BOOST_TEST(anyMentions(zero, "JWT_EXP_MINUTES"), joined(zero));

    auto tooLong = loadProblems({}, {{"JWT_EXP_MINUTES", "1441"}});
    BOOST_TEST(anyMentions(tooLong, "JWT_EXP_MINUTES"), joined(tooLong));

    auto threads = loadProblems({{"server.threads", "1000"}});
    BOOST_TEST(threads.size() == 1u);
    BOOST_TEST(anyMentions(threads, "server.threads"), joined(threads));

    auto port = loadProblems({{"mail.smtp_port", "70000"}});
    BOOST_TEST(anyMentions(port, "mail.smtp_port"), joined(port));

    auto rate = loadProblems({}, {{"RATE_LIMIT_PER_HOUR", "-5"}});
    BOOST_TEST(anyMentions(rate, "RATE_LIMIT_PER_HOUR"), joined(rate));

    auto fraction = loadProblems({{"database.pool_size", "2.5"}});
    BOOST_TEST(anyMentions(fraction, "database.pool_size"), joined(fraction));
}

BOOST_AUTO_TEST_CASE(the_edges_of_a_range_are_accepted) {
    auto c = load({{"server.threads", "256"}}, {{"JWT_EXP_MINUTES", "1440"}, {"SMTP_PORT", "1"}});
    BOOST_TEST(c.threads == 256);
    BOOST_TEST(c.jwtExpMinutes == 1440);
    BOOST_TEST(c.smtpPort == 1);
    BOOST_TEST(load({{"server.threads", " 12 "}}).threads == 12);
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_at_once) {
    auto problems = loadProblems({{"server.threads", "0"}, {"mail.smtp_port", "x"}},
                                 {{"JWT_EXP_MINUTES", "abc"}, {"PUBLIC_URL", "http://insecure.example"}});
    BOOST_TEST(problems.size() == 4u, joined(problems));
    BOOST_TEST(anyMentions(problems, "server.threads"));
    BOOST_TEST(anyMentions(problems, "mail.smtp_port"));
    BOOST_TEST(anyMentions(problems, "JWT_EXP_MINUTES"));
    BOOST_TEST(anyMentions(problems, "PUBLIC_URL"));
}

BOOST_AUTO_TEST_CASE(the_config_error_message_lists_the_problems) {
    try {
        load({{"server.threads", "1000"}});
        BOOST_FAIL("expected ConfigError");
    } catch (const ConfigError& e) {
        BOOST_TEST(std::string(e.what()).find("server.threads") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_public_url_that_is_not_https_is_refused) {
    for (const char* url : {"http://practice.example", "ftp://practice.example", "practice.example", ""}) {
        auto problems = loadProblems({}, {{"PUBLIC_URL", url}});
        BOOST_TEST(anyMentions(problems, "PUBLIC_URL"), url);
    }
    auto fromFile = loadProblems({{"server.public_url", "http://practice.example"}});
    BOOST_TEST(anyMentions(fromFile, "server.public_url"));
    BOOST_TEST(loadProblems({}, {{"PUBLIC_URL", "https://practice.example"}}).empty());
}

BOOST_AUTO_TEST_CASE(the_seeds_rate_limit_form_and_the_window_settings_are_read) {
    BOOST_TEST(load({}, {{"RATE_LIMIT_PER_HOUR", "100 per hour"}}).rateLimitPerHour == 100);
    BOOST_TEST(load({}, {{"RATE_LIMIT_PER_HOUR", "250"}}).rateLimitPerHour == 250);
    BOOST_TEST(anyMentions(loadProblems({}, {{"RATE_LIMIT_PER_HOUR", "100 per minute"}}), "RATE_LIMIT_PER_HOUR"));
    auto c = load({}, {{"RATE_LIMIT_MINUTE_SECONDS", "4"}, {"RATE_LIMIT_HOUR_SECONDS", "60"}});
    BOOST_TEST(c.rateMinuteSeconds == 4);
    BOOST_TEST(c.rateHourSeconds == 60);
    BOOST_TEST(load({}).bcryptCost == 12);
    BOOST_TEST(anyMentions(loadProblems({}, {{"BCRYPT_COST", "3"}}), "BCRYPT_COST"));
    BOOST_TEST(load({}, {{"TRUSTED_PROXIES", " 10.0.0.1 , ::1 "}}).trustedProxies == (std::vector<std::string>{"10.0.0.1", "::1"}));
    BOOST_TEST(anyMentions(loadProblems({}, {{"SMTP_STARTTLS", "maybe"}}), "SMTP_STARTTLS"));
    BOOST_TEST(!load({}, {{"SMTP_STARTTLS", "false"}}).smtpStartTls);
    BOOST_TEST(originOf("https://practice.example:8443/some/path") == "https://practice.example:8443");
}

BOOST_AUTO_TEST_CASE(an_email_from_without_at_is_refused) {
    auto problems = loadProblems({}, {{"EMAIL_FROM", "no-reply"}});
    BOOST_TEST(anyMentions(problems, "EMAIL_FROM"), joined(problems));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_requirements)

BOOST_AUTO_TEST_CASE(a_strong_configuration_has_no_problems) {
    auto c = strongConfig();
    BOOST_TEST(problemsForServer(c).empty(), joined(problemsForServer(c)));
    BOOST_TEST(problemsForMigrations(c).empty(), joined(problemsForMigrations(c)));
}

BOOST_AUTO_TEST_CASE(a_missing_secret_key_is_reported) {
    auto c = strongConfig();
    c.secretKey.reset();
    auto problems = problemsForServer(c);
    BOOST_TEST(problems.size() == 1u);
    BOOST_TEST(anyMentions(problems, "SECRET_KEY is missing"), joined(problems));

    c.secretKey = "";
    BOOST_TEST(anyMentions(problemsForServer(c), "SECRET_KEY is missing"));
}

BOOST_AUTO_TEST_CASE(weak_secret_keys_are_reported) {
    struct Case {
        std::string key;
        std::string reason;
    };
    std::string placeholder = "CHANGE_ME_TO_A_SECURE_VALUE";
    placeholder += std::string(40 - placeholder.size(), 'x');
    const Case cases[] = {
        {"k7Qp2Zx9LmW4vB8nR3tY6uH1jF5", "shorter than 32"},  // 27 characters
        {placeholder, "placeholder"},
        {std::string(40, 'a'), "too few distinct"},
        {"abababababababababababababababababababab", "too few distinct"},
    };
    for (const auto& c : cases) {
        auto config = strongConfig();
        config.secretKey = c.key;
        auto problems = problemsForServer(config);
        BOOST_TEST(problems.size() == 1u, c.key);
        BOOST_TEST(anyMentions(problems, "SECRET_KEY"), c.key);
        BOOST_TEST(anyMentions(problems, c.reason), c.key << ": " << joined(problems));
        // The report says what is wrong, never what the key is.
        BOOST_TEST(!anyMentions(problems, c.key), c.key);
    }
}

BOOST_AUTO_TEST_CASE(a_missing_database_url_is_reported) {
    auto c = strongConfig();
    c.databaseUrl.reset();
    auto problems = problemsForServer(c);
    BOOST_TEST(problems.size() == 1u);
    BOOST_TEST(anyMentions(problems, "DATABASE_URL is missing"), joined(problems));
}

BOOST_AUTO_TEST_CASE(a_malformed_database_url_is_reported_without_its_password) {
    auto c = strongConfig();
    c.databaseUrl = "postgres://medassist_app:Xq7v9LpZ2mK4wR8t@localhost/medassist";
    auto problems = problemsForServer(c);
    BOOST_TEST(problems.size() == 1u);
    BOOST_TEST(anyMentions(problems, "DATABASE_URL is malformed"), joined(problems));
    BOOST_TEST(!anyMentions(problems, "Xq7v9LpZ2mK4wR8t"));

    c.databaseUrl = "mysql://medassist_app:Xq7v9LpZ2mK4wR8t@localhost";
    problems = problemsForServer(c);
    BOOST_TEST(anyMentions(problems, "DATABASE_URL is malformed"), joined(problems));
    BOOST_TEST(!anyMentions(problems, "Xq7v9LpZ2mK4wR8t"));
}

BOOST_AUTO_TEST_CASE(a_weak_database_password_is_reported) {
    auto c = strongConfig();
    c.databaseUrl = "mysql://u:short@localhost/db";
    auto problems = problemsForServer(c);
    BOOST_TEST(problems.size() == 1u);
    BOOST_TEST(anyMentions(problems, "DATABASE_URL: the password"), joined(problems));
    BOOST_TEST(anyMentions(problems, "shorter than 16"), joined(problems));

    c.databaseUrl = "mysql://u:passwordpassword1234@localhost/db";
    BOOST_TEST(anyMentions(problemsForServer(c), "DATABASE_URL: the password"));
}

BOOST_AUTO_TEST_CASE(every_server_problem_is_reported_at_once) {
    AppConfig c;
    auto problems = problemsForServer(c);
    BOOST_TEST(problems.size() == 4u);
    BOOST_TEST(anyMentions(problems, "SECRET_KEY"));
    BOOST_TEST(anyMentions(problems, "DATABASE_URL"));
    BOOST_TEST(anyMentions(problems, "PASSWORD_PEPPER"));
    BOOST_TEST(anyMentions(problems, "BLIND_INDEX_KEY"));
}

BOOST_AUTO_TEST_CASE(migrations_need_their_own_database_url) {
    auto c = strongConfig();
    c.migrateDatabaseUrl.reset();
    auto problems = problemsForMigrations(c);
    BOOST_TEST(problems.size() == 1u);
    BOOST_TEST(anyMentions(problems, "MIGRATE_DATABASE_URL is missing"), joined(problems));

    // Migrations do not need the session key or the app's account.
    AppConfig only;
    only.migrateDatabaseUrl = "mysql://medassist_migrate:Hn4sT8wQ2zV6yB9c@localhost/medassist";
    BOOST_TEST(problemsForMigrations(only).empty());

    only.migrateDatabaseUrl = "mysql://medassist_migrate:weak@localhost/medassist";
    BOOST_TEST(anyMentions(problemsForMigrations(only), "MIGRATE_DATABASE_URL: the password"));
}

BOOST_AUTO_TEST_CASE(weak_secret_reason_thresholds) {
    BOOST_TEST(!weakSecretReason("Hn4sT8wQ2zV6yB9c", 16).has_value());
    BOOST_TEST(weakSecretReason("Hn4sT8wQ2zV6yB9", 16).has_value());
    BOOST_TEST(weakSecretReason("xx-MySecret-Hn4sT8wQ2zV6yB9c", 16).has_value());
    BOOST_TEST(weakSecretReason("aabbccddeeffgghhiijjkk", 16).has_value());  // 11 distinct
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(properties_file)

BOOST_AUTO_TEST_CASE(var_dir_from_the_environment_reaches_expanded_paths) {
    TempDir dir;
    const auto props = dir.write("test.properties",
                                 "var_dir = var\n"
                                 "server.socket = ${var_dir}/run/x.sock\n"
                                 "server.log_dir = ${var_dir}/log\n");
    const auto env = fakeEnv({{"MEDASSIST_VAR_DIR", "/tmp/abc"}});
    auto layered = openConfiguration(props, env);
    auto c = loadAppConfig(*layered, env);
    BOOST_TEST(c.socketPath == "/tmp/abc/run/x.sock");
    BOOST_TEST(c.logDir == "/tmp/abc/log");

    const auto noEnv = fakeEnv({});
    auto plain = loadAppConfig(*openConfiguration(props, noEnv), noEnv);
    BOOST_TEST(plain.socketPath == "var/run/x.sock");
}

BOOST_AUTO_TEST_CASE(a_missing_properties_file_is_a_config_error) {
    TempDir dir;
    BOOST_CHECK_THROW(openConfiguration((dir.path / "absent.properties").string(), fakeEnv({})), ConfigError);
}

BOOST_AUTO_TEST_CASE(the_shipped_file_loads_and_only_secrets_are_missing) {
    TempDir dir;  // an empty var_dir: no secret files exist below it
    const auto env = fakeEnv({{"MEDASSIST_VAR_DIR", dir.path.string()}});
    auto layered = openConfiguration(MEDASSIST_SOURCE_DIR "/fcgi_app/config/medassist.properties", env);
    AppConfig c;
    BOOST_REQUIRE_NO_THROW(c = loadAppConfig(*layered, env));
    BOOST_TEST(c.practiceName == "Aurora Medical Practice");
    BOOST_TEST(c.emergencyNumber == "112");
    BOOST_TEST(c.threads == 8);
    BOOST_TEST(c.socketPath == dir.path.string() + "/run/medassist.sock");
    BOOST_TEST(c.publicUrl.rfind("https://", 0) == 0);

    auto problems = problemsForServer(c);
    BOOST_TEST(problems.size() == 4u, joined(problems));
    BOOST_TEST(anyMentions(problems, "SECRET_KEY is missing"));
    BOOST_TEST(anyMentions(problems, "DATABASE_URL is missing"));
    BOOST_TEST(anyMentions(problems, "PASSWORD_PEPPER is missing"));
    BOOST_TEST(anyMentions(problems, "BLIND_INDEX_KEY is missing"));
    BOOST_TEST(anyMentions(problemsForMigrations(c), "MIGRATE_DATABASE_URL is missing"));

    // With the secrets in the environment nothing is left to complain about.
    const auto withSecrets =
        fakeEnv({{"MEDASSIST_VAR_DIR", dir.path.string()}, {"SECRET_KEY", kStrongKey}, {"DATABASE_URL", kStrongDbUrl},
                 {"PASSWORD_PEPPER", "pP3r-9vXq2LmZ7wK4tB8nR6yH1jF5cD0s"}, {"BLIND_INDEX_KEY", "bI7x-Q2zLm9KwV4tR8nY6uH3jF1cD5sA0p"}});
    auto full = loadAppConfig(*openConfiguration(MEDASSIST_SOURCE_DIR "/fcgi_app/config/medassist.properties", withSecrets),
                              withSecrets);
    BOOST_TEST(problemsForServer(full).empty(), joined(problemsForServer(full)));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(strict_numbers)

BOOST_AUTO_TEST_CASE(a_typo_with_a_separator_is_refused_not_read_as_another_number) {
    BOOST_TEST(anyMentions(loadProblems({{"server.threads", "1,6"}}), "server.threads"));
    BOOST_TEST(anyMentions(loadProblems({}, {{"RATE_LIMIT_PER_HOUR", "1,000"}}), "RATE_LIMIT_PER_HOUR"));
    BOOST_TEST(anyMentions(loadProblems({}, {{"JWT_EXP_MINUTES", "60min"}}), "JWT_EXP_MINUTES"));
    BOOST_TEST(anyMentions(loadProblems({}, {{"SMTP_PORT", "+25"}}), "SMTP_PORT"));
}

BOOST_AUTO_TEST_SUITE_END()
