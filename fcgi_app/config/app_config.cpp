#include "config/app_config.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <Poco/NumberParser.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include "common/strict_int.hpp"
#include "storage/database_url.hpp"

#ifndef MEDASSIST_LOCALE_DIR
#define MEDASSIST_LOCALE_DIR "locale"
#endif

namespace medassist::config {

EnvLookup processEnv() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    };
}

namespace {
std::string joinProblems(const std::vector<std::string>& p) {
    std::string out = "invalid configuration:";
    for (const auto& s : p) out += "\n  - " + s;
    return out;
}

struct Reader {
    const Poco::Util::AbstractConfiguration& file;
    const EnvLookup& env;
    std::vector<std::string> problems;

    // The environment variable wins over the properties key.
    std::string str(const std::string& key, const std::string& envName, const std::string& fallback) {
        if (!envName.empty())
            if (auto v = env(envName)) return *v;
        return file.getString(key, fallback);
    }

    int integer(const std::string& key, const std::string& envName, int fallback, int min, int max) {
        std::string text = str(key, envName, std::to_string(fallback));
        auto parsed = parseStrictInt(Poco::trim(text));
        int value = parsed.value_or(0);
        if (!parsed || value < min || value > max) {
            problems.push_back((envName.empty() ? key : envName + " / " + key) + " must be a whole number from " +
                               std::to_string(min) + " to " + std::to_string(max));
            return fallback;
        }
        return value;
    }

    // A secret from the environment variable, or else from the file the key names.
    std::optional<std::string> secret(const std::string& fileKey, const std::string& envName) {
        if (auto v = env(envName)) return *v;
        std::string path = file.getString(fileKey, "");
        if (path.empty()) return std::nullopt;
        std::ifstream in(path, std::ios::binary);
        if (!in) return std::nullopt;
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        return text;
    }
};
}  // namespace

ConfigError::ConfigError(std::vector<std::string> problems)
    : std::runtime_error(joinProblems(problems)), problems_(std::move(problems)) {}

Poco::AutoPtr<Poco::Util::LayeredConfiguration> openConfiguration(const std::string& propertiesPath,
                                                                   const EnvLookup& env) {
    Poco::AutoPtr<Poco::Util::LayeredConfiguration> layered(new Poco::Util::LayeredConfiguration);
    Poco::AutoPtr<Poco::Util::MapConfiguration> overrides(new Poco::Util::MapConfiguration);
    if (auto v = env("MEDASSIST_VAR_DIR")) overrides->setString("var_dir", *v);
    layered->add(overrides, -100);
    try {
        layered->add(new Poco::Util::PropertyFileConfiguration(propertiesPath), 0);
    } catch (const Poco::Exception& e) {
        throw ConfigError({"cannot read the properties file " + propertiesPath + ": " + e.displayText()});
    }
    return layered;
}

AppConfig loadAppConfig(const Poco::Util::AbstractConfiguration& file, const EnvLookup& env) {
    Reader r{file, env, {}};
    AppConfig c;
    c.socketPath = r.str("server.socket", "MEDASSIST_SOCKET", "var/run/medassist.sock");
    c.threads = r.integer("server.threads", "MEDASSIST_THREADS", 8, 1, 256);
    c.maxBodyBytes = static_cast<std::size_t>(r.integer("server.max_body_bytes", "", 64 * 1024, 1024, 16 * 1024 * 1024));
    c.templatesDir = r.str("server.templates_dir", "MEDASSIST_TEMPLATES", "templates");
    c.logDir = r.str("server.log_dir", "MEDASSIST_LOG_DIR", "var/log");
    c.publicUrl = r.str("server.public_url", "PUBLIC_URL", "https://localhost:8443");
    c.practiceName = r.str("practice.name", "", "MedAssist Practice");
    c.emergencyNumber = r.str("practice.emergency_number", "", "112");
    c.defaultLanguage = r.str("practice.default_language", "MEDASSIST_DEFAULT_LANGUAGE", "it");
    c.localeDir = r.str("server.locale_dir", "MEDASSIST_LOCALE_DIR", MEDASSIST_LOCALE_DIR);

    c.databaseUrl = r.secret("database.url_file", "DATABASE_URL");
    c.migrateDatabaseUrl = r.secret("database.migrate_url_file", "MIGRATE_DATABASE_URL");
    c.dbPoolSize = r.integer("database.pool_size", "", 8, 1, 256);
    c.dbConnectTimeoutSeconds = r.integer("database.connect_timeout_seconds", "", 2, 1, 60);

    c.secretKey = r.secret("secrets.secret_key_file", "SECRET_KEY");
    c.jwtExpMinutes = r.integer("auth.jwt_exp_minutes", "JWT_EXP_MINUTES", 60, 1, 24 * 60);
    c.idleMinutes = r.integer("auth.idle_minutes", "", 30, 1, 24 * 60);
    c.absoluteHours = r.integer("auth.absolute_hours", "", 12, 1, 24 * 30);
    {
        // The seed's .env writes "100 per hour"; a bare number is accepted too.
        std::string text = Poco::trim(r.str("limits.rate_limit_per_hour", "RATE_LIMIT_PER_HOUR", "100"));
        const std::string suffix = " per hour";
        if (text.size() > suffix.size() && Poco::icompare(text.substr(text.size() - suffix.size()), suffix) == 0)
            text = Poco::trim(text.substr(0, text.size() - suffix.size()));
        auto parsed = parseStrictInt(text);
        if (!parsed || *parsed < 1 || *parsed > 1000000)
            r.problems.push_back("RATE_LIMIT_PER_HOUR / limits.rate_limit_per_hour must be a whole number from 1 to 1000000 (\"100\" or \"100 per hour\")");
        else
            c.rateLimitPerHour = *parsed;
    }
    c.rateMinuteSeconds = r.integer("limits.minute_window_seconds", "RATE_LIMIT_MINUTE_SECONDS", 60, 1, 3600);
    c.rateHourSeconds = r.integer("limits.hour_window_seconds", "RATE_LIMIT_HOUR_SECONDS", 3600, 1, 86400);
    c.lockoutFailures = r.integer("auth.lockout_failures", "", 5, 1, 1000);
    c.lockoutMinutes = r.integer("auth.lockout_minutes", "", 15, 1, 24 * 60);
    for (const auto& part : Poco::StringTokenizer(r.str("server.trusted_proxies", "TRUSTED_PROXIES", "127.0.0.1,::1"), ",",
                                                  Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
        c.trustedProxies.push_back(part);

    c.passwordPepper = r.secret("secrets.pepper_file", "PASSWORD_PEPPER");
    c.blindIndexKey = r.secret("secrets.blind_index_key_file", "BLIND_INDEX_KEY");
    c.masterKeysDir = r.str("secrets.master_keys_dir", "MEDASSIST_MASTER_KEYS_DIR", "var/secrets/master_keys");
    c.bcryptCost = r.integer("auth.bcrypt_cost", "BCRYPT_COST", 12, 4, 31);
    c.hashThreads = r.integer("auth.hash_threads", "HASH_THREADS", 1, 1, 16);
    c.resetTokenMinutes = r.integer("auth.reset_token_minutes", "", 30, 5, 24 * 60);

    c.smtpHost = r.str("mail.smtp_host", "SMTP_HOST", "");
    c.smtpPort = r.integer("mail.smtp_port", "SMTP_PORT", 587, 1, 65535);
    c.smtpUser = r.str("mail.smtp_user", "SMTP_USER", "");
    c.smtpPassword = r.secret("mail.smtp_password_file", "SMTP_PASSWORD");
    c.emailFrom = r.str("mail.from", "EMAIL_FROM", "no-reply@localhost");
    {
        const std::string tls = Poco::toLower(Poco::trim(r.str("mail.smtp_starttls", "SMTP_STARTTLS", "true")));
        if (tls == "true" || tls == "yes" || tls == "1") c.smtpStartTls = true;
        else if (tls == "false" || tls == "no" || tls == "0") c.smtpStartTls = false;
        else r.problems.push_back("SMTP_STARTTLS / mail.smtp_starttls must be true or false");
    }
    c.mailDir = r.str("mail.dir", "MEDASSIST_MAIL_DIR", "var/mail");
    c.assistantRetentionDays =
        r.integer("assistant.retention_days", "ASSISTANT_RETENTION_DAYS", 90, 1, 3650);
    c.auditRetentionDays = r.integer("privacy.audit_retention_days", "AUDIT_RETENTION_DAYS", 365, 30, 3650);
    c.reminderIntervalSeconds =
        r.integer("reminders.interval_seconds", "REMINDER_INTERVAL_SECONDS", 60, 0, 3600);

    if (c.publicUrl.rfind("https://", 0) != 0) r.problems.push_back("PUBLIC_URL / server.public_url must start with https://");
    if (c.emailFrom.find('@') == std::string::npos) r.problems.push_back("EMAIL_FROM / mail.from must be an email address");
    if (!r.problems.empty()) throw ConfigError(r.problems);
    return c;
}

std::string originOf(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const auto slash = url.find('/', scheme + 3);
    return slash == std::string::npos ? url : url.substr(0, slash);
}

std::optional<std::string> weakSecretReason(const std::string& secret, std::size_t minBytes) {
    if (secret.size() < minBytes) return "is shorter than " + std::to_string(minBytes) + " characters";
    std::string upper = Poco::toUpper(secret);
    for (const char* placeholder : {"CHANGE_ME", "CHANGEME", "SECRET", "PASSWORD", "EXAMPLE"})
        if (upper.find(placeholder) != std::string::npos) return "looks like a placeholder";
    std::set<char> distinct(secret.begin(), secret.end());
    if (distinct.size() < 12) return "has too few distinct characters";
    return std::nullopt;
}

namespace {
void checkDatabaseUrl(const std::optional<std::string>& url, const std::string& name, std::vector<std::string>& out) {
    if (!url || url->empty()) {
        out.push_back(name + " is missing: set it in the environment or point the properties file at a secret file");
        return;
    }
    try {
        auto parsed = storage::DatabaseUrl::parse(*url);
        if (auto weak = weakSecretReason(parsed.password, 16)) out.push_back(name + ": the password " + *weak);
    } catch (const std::exception& e) {
        out.push_back(name + " is malformed: " + e.what());
    }
}

void checkKeySecret(const std::optional<std::string>& value, const std::string& env, const std::string& key,
                    std::vector<std::string>& out) {
    if (!value || value->empty())
        out.push_back(env + " is missing: set it in the environment or in the file " + key + " names");
    else if (auto weak = weakSecretReason(*value, 32))
        out.push_back(env + " " + *weak + "; use at least 32 random characters");
}
}  // namespace

std::vector<std::string> problemsForServer(const AppConfig& c) {
    std::vector<std::string> out;
    if (!c.secretKey || c.secretKey->empty())
        out.push_back("SECRET_KEY is missing: set it in the environment or in the file secrets.secret_key_file names");
    else if (auto weak = weakSecretReason(*c.secretKey, 32))
        out.push_back("SECRET_KEY " + *weak + "; use at least 32 random characters");
    checkDatabaseUrl(c.databaseUrl, "DATABASE_URL", out);
    checkKeySecret(c.passwordPepper, "PASSWORD_PEPPER", "secrets.pepper_file", out);
    checkKeySecret(c.blindIndexKey, "BLIND_INDEX_KEY", "secrets.blind_index_key_file", out);
    return out;
}

std::vector<std::string> problemsForMigrations(const AppConfig& c) {
    std::vector<std::string> out;
    checkDatabaseUrl(c.migrateDatabaseUrl, "MIGRATE_DATABASE_URL", out);
    return out;
}

}  // namespace medassist::config
