#pragma once
// Settings for both binaries, read from a documented properties file (medassist.properties)
// and overridden by environment variables. Secrets come only from the environment or from
// files named in the properties file, never from the properties file itself.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/LayeredConfiguration.h>

namespace medassist::config {

// Looks up an environment variable; injectable so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup processEnv();

struct AppConfig {
    // server
    std::string socketPath;
    int threads = 8;
    std::size_t maxBodyBytes = 64 * 1024;
    std::string templatesDir;
    std::string logDir;
    std::string publicUrl;
    // practice identity, shown on every page (error pages too, which never touch the DB)
    std::string practiceName;
    std::string emergencyNumber;
    std::string defaultLanguage;  // for readers who state none ("it", "en")
    std::string localeDir;        // the compiled catalogs: <dir>/<lang>/LC_MESSAGES/medassist.mo
    // database
    std::optional<std::string> databaseUrl;         // the app's account
    std::optional<std::string> migrateDatabaseUrl;  // the migrations account
    int dbPoolSize = 8;
    int dbConnectTimeoutSeconds = 2;
    // sessions and limits (named as in the seed's .env)
    std::optional<std::string> secretKey;
    int jwtExpMinutes = 60;
    int idleMinutes = 30;        // a session unused this long ends (renewed on activity)
    int absoluteHours = 12;      // a session ends this long after sign-in, used or not
    int rateLimitPerHour = 100;
    int rateMinuteSeconds = 60;  // window lengths; tests may shorten them, never the counts
    int rateHourSeconds = 3600;
    int lockoutFailures = 5;     // failed sign-ins for one account within lockoutMinutes ...
    int lockoutMinutes = 15;     // ... lock it for lockoutMinutes, from any address
    std::vector<std::string> trustedProxies;  // X-Forwarded-For is believed only from these
    // credentials and personal data at rest
    std::optional<std::string> passwordPepper;
    std::optional<std::string> blindIndexKey;
    std::string masterKeysDir;   // master_key_v<N> files; the highest N wraps new data keys
    int bcryptCost = 12;
    int hashThreads = 1;  // low-priority threads that run bcrypt (auth.hash_threads)
    int resetTokenMinutes = 30;
    // mail
    std::string smtpHost;
    int smtpPort = 587;
    std::string smtpUser;
    std::optional<std::string> smtpPassword;
    std::string emailFrom;
    bool smtpStartTls = true;  // required unless turned off (a loopback test server)
    std::string mailDir;  // when smtpHost is empty, mails are written here as .eml files
    // the assistant (issue 8)
    int assistantRetentionDays = 90;  // chat messages, conversation state and staff messages
    // patient rights (issue 5)
    int auditRetentionDays = 365;  // audit rows, trimmed from the start of the chain
    // appointment reminders (issue 23): seconds between two passes of the worker in each app
    // process; 0: this process runs none (another one, or `medassist-admin reminders run`, does)
    int reminderIntervalSeconds = 60;
};

class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(std::vector<std::string> problems);
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<std::string> problems_;
};

// The properties file layered under the overrides that must reach ${...} expansion
// (MEDASSIST_VAR_DIR sets var_dir, so every path below it follows).
Poco::AutoPtr<Poco::Util::LayeredConfiguration> openConfiguration(const std::string& propertiesPath,
                                                                   const EnvLookup& env);

// Reads every setting; throws ConfigError listing every malformed value.
AppConfig loadAppConfig(const Poco::Util::AbstractConfiguration& file, const EnvLookup& env);

// What each binary needs before it may start: missing or weak secrets are reported.
std::vector<std::string> problemsForServer(const AppConfig& c);
std::vector<std::string> problemsForMigrations(const AppConfig& c);

// "https://host:port/path" -> "https://host:port": what browsers send as Origin.
std::string originOf(const std::string& url);

// A secret is weak when it is short, a known placeholder, or has too few distinct characters.
std::optional<std::string> weakSecretReason(const std::string& secret, std::size_t minBytes);

}  // namespace medassist::config
