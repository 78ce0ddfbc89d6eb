// medassist-admin: the operator's tool. Each command is one function below; all of them
// read the same configuration as the server.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <cppconn/exception.h>

#include "common/unavailable.hpp"
#include "config/app_config.hpp"
#include "http/view.hpp"
#include "storage/database_url.hpp"
#include "storage/migrations.hpp"
#include "storage/pool.hpp"

using namespace medassist;
namespace fs = std::filesystem;

namespace {

constexpr int kUsage = 64;   // EX_USAGE
constexpr int kConfig = 78;  // EX_CONFIG

void usage(std::ostream& out) {
    out << "usage: medassist-admin [--config FILE] COMMAND [ARGS]\n"
           "\n"
           "commands:\n"
           "  check-config               validate the configuration and secrets, as the server would\n"
           "  migrate [DIR]              apply pending migrations from DIR (default sql/migrations)\n"
           "  seed-demo [DIR]            load the demo practice from DIR (default sql/seed); idempotent\n"
           "  render-error-pages DIR     write the static error pages nginx serves (400, 413, 429, 500, 502, 503, 504)\n";
}

storage::ConnectionPool migrationsPool(const config::AppConfig& cfg) {
    storage::PoolOptions o;
    o.maxSize = 1;
    o.connectTimeoutSeconds = cfg.dbConnectTimeoutSeconds;
    o.readTimeoutSeconds = 600;
    return storage::ConnectionPool(storage::DatabaseUrl::parse(*cfg.migrateDatabaseUrl), o);
}

int requireMigrationSecrets(const config::AppConfig& cfg) {
    auto problems = config::problemsForMigrations(cfg);
    for (const auto& p : problems) std::cerr << "medassist-admin: " << p << "\n";
    return problems.empty() ? 0 : kConfig;
}

int cmdCheckConfig(const config::AppConfig& cfg, const std::vector<std::string>&) {
    auto problems = config::problemsForServer(cfg);
    for (const auto& p : problems) std::cerr << "medassist-admin: " << p << "\n";
    if (!problems.empty()) return kConfig;
    std::cout << "configuration ok\n";
    return 0;
}

int cmdMigrate(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    if (int rc = requireMigrationSecrets(cfg)) return rc;
    std::string dir = args.empty() ? "sql/migrations" : args[0];
    auto pool = migrationsPool(cfg);
    auto lease = pool.acquire();
    auto report = storage::migrate(*lease, dir, [](const std::string& line) { std::cout << line << "\n"; });
    std::cout << "migrations: " << report.applied.size() << " applied, " << report.alreadyApplied.size()
              << " already applied\n";
    return 0;
}

int cmdSeedDemo(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    if (int rc = requireMigrationSecrets(cfg)) return rc;
    std::string dir = args.empty() ? "sql/seed" : args[0];
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".sql") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    auto pool = migrationsPool(cfg);
    auto lease = pool.acquire();
    for (const auto& f : files) {
        storage::runSqlFile(*lease, f.string());
        std::cout << "seeded " << f.filename().string() << "\n";
    }
    return 0;
}

int cmdRenderErrorPages(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    if (args.size() != 1) {
        usage(std::cerr);
        return kUsage;
    }
    fs::create_directories(args[0]);
    http::View view(cfg.templatesDir, http::SiteInfo{cfg.practiceName, cfg.emergencyNumber, "en"});
    view.setNav({{"/", "Home"}});
    for (int status : {400, 413, 429, 500, 502, 503, 504}) {
        std::string retry = (status == 429 || status == 503) ? "30" : "";
        std::ofstream out(fs::path(args[0]) / (std::to_string(status) + ".html"), std::ios::binary | std::ios::trunc);
        out << view.errorPage(status, "", "", retry);
        if (!out) throw std::runtime_error("cannot write error pages to " + args[0]);
    }
    std::cout << "error pages written to " << args[0] << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string configPath = "fcgi_app/config/medassist.properties";
    if (args.size() >= 2 && (args[0] == "--config" || args[0] == "-c")) {
        configPath = args[1];
        args.erase(args.begin(), args.begin() + 2);
    } else if (!args.empty() && args[0].rfind("--config=", 0) == 0) {
        configPath = args[0].substr(9);
        args.erase(args.begin());
    }
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        usage(args.empty() ? std::cerr : std::cout);
        return args.empty() ? kUsage : 0;
    }
    using Command = std::function<int(const config::AppConfig&, const std::vector<std::string>&)>;
    const std::map<std::string, Command> commands{
        {"check-config", cmdCheckConfig},
        {"migrate", cmdMigrate},
        {"seed-demo", cmdSeedDemo},
        {"render-error-pages", cmdRenderErrorPages},
    };
    auto it = commands.find(args[0]);
    if (it == commands.end()) {
        std::cerr << "medassist-admin: unknown command " << args[0] << "\n";
        usage(std::cerr);
        return kUsage;
    }
    try {
        auto env = config::processEnv();
        auto layered = config::openConfiguration(configPath, env);
        auto cfg = config::loadAppConfig(*layered, env);
        return it->second(cfg, std::vector<std::string>(args.begin() + 1, args.end()));
    } catch (const config::ConfigError& e) {
        std::cerr << "medassist-admin: " << e.what() << "\n";
        return kConfig;
    } catch (const storage::MigrationError& e) {
        std::cerr << "medassist-admin: " << e.what() << "\n";
        return 1;
    } catch (const Unavailable& e) {
        std::cerr << "medassist-admin: " << e.what() << "\n";
        return 69;  // EX_UNAVAILABLE
    } catch (const std::exception& e) {
        std::cerr << "medassist-admin: " << e.what() << "\n";
        return 1;
    }
}
