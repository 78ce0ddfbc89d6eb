// medassist-admin: the operator's tool. Each command is one function below; all of them
// read the same configuration as the server.
#include <Poco/Crypto/OpenSSLInitializer.h>
#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <cppconn/exception.h>

#include "common/unavailable.hpp"
#include "config/app_config.hpp"
#include "http/view.hpp"
#include "accounts/accounts_module.hpp"
#include "assistant/chat_service.hpp"
#include "assistant/conversation_store.hpp"
#include "assistant/engine/nlu_eval.hpp"
#include "assistant/engine/nlu_json.hpp"
#include "assistant/staff_inbox_store.hpp"
#include "privacy/retention_service.hpp"
#include "records/kept_records_service.hpp"
#include "reminders/reminder_service.hpp"
#include "reminders/reminder_store.hpp"
#include "scheduling/practice_time.hpp"
#include "security/rate_limit_store.hpp"
#include "admin/demo_practice.hpp"
#include "admin/demo_store.hpp"
#include "scheduling/doctor_store.hpp"
#include "site/practice_store.hpp"
#include "common/logging.hpp"
#include "security/audit_log.hpp"
#include "security/crypto_util.hpp"
#include "storage/database_url.hpp"
#include "storage/migrations.hpp"
#include "storage/pool.hpp"

using namespace medassist;
using medassist::admin::DemoPractice;
using medassist::admin::DemoStore;
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
           "  render-error-pages DIR     write the static error pages nginx serves (400, 403, 404, 413, 429, 500, 502, 503, 504)\n"
           "  audit-verify               check the audit trail's hash chain; exits 1 naming the first broken row\n"
           "  create-user --role R --email E --name N\n"
           "                             create an active account (patient, caregiver, doctor or admin); the\n"
           "                             password is read from stdin (first line), never from the command line\n"
           "  confirm-email EMAIL        confirm the address of a registration waiting for its link, for a person\n"
           "                             the practice has identified (the account starts clean)\n"
           "  seed-demo-people           load the demo doctors, hours, patients, appointments, visit notes and\n"
           "                             caregiver link (after the demo sign-ins exist); once per database\n"
           "  rotate-master-key          add a new master key and re-wrap every data key under it (the app\n"
           "                             keeps serving: it reads the new key when it first meets it)\n"
           "  nlu-eval FILE [MODEL]      score the intent model on a labelled file (intent<TAB>utterance lines):\n"
           "                             per-intent precision and recall, in-scope accuracy, out-of-scope recall\n"
           "                             and the main confusions (MODEL: MEDASSIST_NLU_MODEL, else the built one)\n"
           "  nlu [--now YYYY-MM-DDTHH:MM] [--model PATH]\n"
           "                             read utterances from stdin, one a line, and write for each one JSON line:\n"
           "                             text, intent, confidence and entities (dates, times, doctors, specialty,\n"
           "                             picks); --now is the practice's local time (default: now, Europe/Rome);\n"
           "                             doctors come from the database when it answers, else none (a warning)\n"
           "  purge                      delete what is past its retention: chat messages, conversation state and\n"
           "                             staff-inbox messages (assistant.retention_days), signed-out sessions, used\n"
           "                             or expired reset tokens, old rate counters and sign-in failures, audit rows\n"
           "                             (privacy.audit_retention_days); prints counts only (the app also does it\n"
           "                             about once an hour)\n"
           "  reminders run [--now=TIME] one pass of the appointment reminders, as the app's worker does every\n"
           "                             minute: mails every reminder due at TIME (ISO 8601 with an offset,\n"
           "                             2026-12-09T10:30:00+01:00, or epoch seconds; default now) that no\n"
           "                             process sent yet; prints counts only. Safe beside running apps; a TIME\n"
           "                             in the future really sends, now, what will be due then\n";
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
    i18n::Catalogs catalogs(cfg.localeDir);
    http::View view(cfg.templatesDir, http::SiteInfo{cfg.practiceName, cfg.emergencyNumber, cfg.defaultLanguage},
                    catalogs);
    view.setNav({{"/", "Home"}});
    // The practice's default language at the top (nginx's page when the reader states none)
    // and a folder per language (nginx/snippets/error-pages-http.conf picks one).
    std::vector<std::pair<fs::path, std::string>> targets{{fs::path(args[0]), ""}};
    for (const auto& lang : catalogs.languages()) {
        fs::create_directories(fs::path(args[0]) / lang);
        targets.emplace_back(fs::path(args[0]) / lang, lang);
    }
    for (const auto& [dir, lang] : targets) {
        for (int status : {400, 403, 404, 413, 429, 500, 502, 503, 504}) {
            std::string retry = (status == 429 || status == 503) ? "30" : "";
            std::ofstream out(dir / (std::to_string(status) + ".html"), std::ios::binary | std::ios::trunc);
            out << view.errorPage(status, "", "", retry, lang);
            if (!out) throw std::runtime_error("cannot write error pages to " + dir.string());
        }
    }
    std::cout << "error pages written to " << args[0] << "\n";
    return 0;
}

// Through the app's own account: checking the chain only reads, and needs no secret key.
int cmdAuditVerify(const config::AppConfig& cfg, const std::vector<std::string>&) {
    if (!cfg.databaseUrl) {
        std::cerr << "medassist-admin: DATABASE_URL is missing\n";
        return kConfig;
    }
    storage::PoolOptions o;
    o.maxSize = 1;
    o.connectTimeoutSeconds = cfg.dbConnectTimeoutSeconds;
    o.readTimeoutSeconds = 600;
    storage::DatabaseUrl url;
    try {
        url = storage::DatabaseUrl::parse(*cfg.databaseUrl);
    } catch (const std::invalid_argument& e) {  // exit 1 must keep meaning "the chain is broken"
        std::cerr << "medassist-admin: DATABASE_URL: " << e.what() << "\n";
        return kConfig;
    }
    storage::ConnectionPool pool(url, o);
    security::AuditStore store(pool);
    auto result = security::AuditLog(store, "").verify();
    if (result.intact()) {
        std::cout << "audit chain intact: " << result.rows << " rows\n";
        return 0;
    }
    std::cout << "audit chain broken at row " << *result.firstBrokenId;
    if (result.lastRowRemoved) std::cout << " (the last row was removed)";
    std::cout << "\n";
    return 1;
}

storage::ConnectionPool appPool(const config::AppConfig& cfg) {
    storage::PoolOptions o;
    o.maxSize = 2;
    o.connectTimeoutSeconds = cfg.dbConnectTimeoutSeconds;
    return storage::ConnectionPool(storage::DatabaseUrl::parse(*cfg.databaseUrl), o);
}

int requireServerSecrets(const config::AppConfig& cfg) {
    auto problems = config::problemsForServer(cfg);
    for (const auto& p : problems) std::cerr << "medassist-admin: " << p << "\n";
    return problems.empty() ? 0 : kConfig;
}

int cmdCreateUser(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    std::map<std::string, std::string> opts;
    for (std::size_t i = 0; i + 1 < args.size(); i += 2) opts[args[i]] = args[i + 1];
    if (args.size() % 2 != 0 || !opts.count("--role") || !opts.count("--email") || !opts.count("--name")) {
        std::cerr << "usage: medassist-admin create-user --role R --email E --name N  (password on stdin)\n";
        return kUsage;
    }
    if (int rc = requireServerSecrets(cfg)) return rc;
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    auto pool = appPool(cfg);
    // Mail goes nowhere from the CLI: nothing is mailed on creation.
    accounts::AccountsModule module(cfg, pool, appLogger());
    accounts::RegisterInput in{opts["--role"], opts["--name"], opts["--email"], password, std::nullopt, std::nullopt,
                               ""};  // no language chosen: the practice's default
    auto result = module.service.createUser(in, "active");
    module.outbox.stop();
    if (!result.errors.empty()) {
        const i18n::Catalogs english("");  // the CLI speaks English
        for (const auto& e : result.errors)
            std::cerr << "medassist-admin: " << e.field << ": " << english.render("en", e.reason) << "\n";
        return 1;
    }
    std::cout << "created " << result.profile->role << " account " << result.profile->id << "\n";
    return 0;
}

// An admin who has seen the person (at the desk, with an identity document) confirms the
// address of a registration that is waiting for its link. Only unconfirmed accounts.
int cmdConfirmEmail(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    if (args.size() != 1) {
        std::cerr << "usage: medassist-admin confirm-email EMAIL\n";
        return kUsage;
    }
    if (int rc = requireServerSecrets(cfg)) return rc;
    auto pool = appPool(cfg);
    accounts::AccountsModule module(cfg, pool, appLogger());
    const bool done = module.service.confirmByAdmin(args[0]);
    module.outbox.stop();
    if (!done) {
        std::cerr << "medassist-admin: no registration waiting for confirmation with this address\n";
        return 1;
    }
    std::cout << "confirmed\n";
    return 0;
}

int cmdSeedDemoPeople(const config::AppConfig& cfg, const std::vector<std::string>&) {
    if (int rc = requireServerSecrets(cfg)) return rc;
    auto pool = appPool(cfg);
    accounts::AccountsModule module(cfg, pool, appLogger());
    scheduling::DoctorStore doctors(pool);
    DemoStore store(pool);
    site::PracticeStore practice(pool);
    auto settings = practice.settings();
    const std::string zone = settings.count("timezone") ? settings["timezone"] : std::string("Europe/Rome");
    DemoPractice demo(module, doctors, store);
    demo.load(static_cast<std::int64_t>(std::time(nullptr)), zone, std::cout);
    module.outbox.stop();
    return 0;
}

int cmdRotateMasterKey(const config::AppConfig& cfg, const std::vector<std::string>&) {
    if (int rc = requireServerSecrets(cfg)) return rc;
    auto pool = appPool(cfg);
    accounts::AccountsModule module(cfg, pool, appLogger());
    const int next = module.vault.currentVersion() + 1;
    const fs::path file = fs::path(cfg.masterKeysDir) / ("master_key_v" + std::to_string(next));
    {
        // Written under a temporary name and renamed, so a reader never sees half a key.
        const fs::path tmp = file.string() + ".tmp";
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write);
        out << security::base64Encode(security::randomBytes(32)) << "\n";
        out.close();
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
        fs::rename(tmp, file);
    }
    module.vault.reload();
    std::size_t changed = module.service.rotateMasterKey();
    // A registration that read the folder just before the new key appeared may still wrap
    // under the old one: one more pass after a moment catches it.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    changed += module.service.rotateMasterKey();
    // The medical records kept after erasures have keys of their own (issue 22, item 11).
    site::PracticeStore practice(pool);
    records::KeptRecordStore keptStore(pool);
    records::KeptRecordsService kept(keptStore, practice, module.service, module.vault, module.audit);
    changed += kept.rotateMasterKey();
    module.outbox.stop();
    std::cout << "master key v" << next << " added; " << changed << " data keys re-wrapped\n";
    std::cout << "older master key files may be removed once no backup needs them\n";
    return 0;
}

// Reads no configuration value: the model path comes from the argument, MEDASSIST_NLU_MODEL
// or the build.
int cmdNluEval(const config::AppConfig&, const std::vector<std::string>& args) {
    if (args.empty() || args.size() > 2) {
        usage(std::cerr);
        return kUsage;
    }
    std::ifstream in(args[0]);
    if (!in) {
        std::cerr << "medassist-admin: cannot read " << args[0] << "\n";
        return 1;
    }
    auto file = assistant::engine::parseLabelledTsv(in);
    for (const auto& e : file.errors) std::cerr << "medassist-admin: " << args[0] << ": " << e << "\n";
    if (!file.errors.empty()) return 1;
    const std::string model = args.size() == 2 ? args[1] : assistant::engine::defaultModelPath();
    assistant::engine::IntentClassifier classifier(model);
    std::cout << "nlu-eval: " << file.items.size() << " labelled lines from " << args[0] << "\nmodel " << model
              << ", confidence floor " << classifier.confidenceFloor() << "\n\n";
    assistant::engine::printEvaluation(assistant::engine::evaluateIntents(file.items, classifier), std::cout);
    return 0;
}

// Understanding only, offline: nothing is written anywhere. The doctors (and any specialty the
// practice added) are read from the database when it answers; without it the command still
// runs, recognising no doctor, so it works on a laptop with only the model.
int cmdNlu(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    namespace engine = assistant::engine;
    std::map<std::string, std::string> opts;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto eq = args[i].find('=');
        const std::string key = args[i].substr(0, eq);
        if (key != "--now" && key != "--model") {
            usage(std::cerr);
            return kUsage;
        }
        if (eq != std::string::npos) {
            opts[key] = args[i].substr(eq + 1);
        } else if (i + 1 < args.size()) {
            opts[key] = args[++i];
        } else {
            usage(std::cerr);
            return kUsage;
        }
    }
    scheduling::LocalDate today;
    int minute = 0;
    if (opts.count("--now")) {
        auto now = engine::parseLocalDateTime(opts["--now"]);
        if (!now) {
            std::cerr << "medassist-admin: --now wants the practice's local time as YYYY-MM-DDTHH:MM\n";
            return kUsage;
        }
        today = now->first;
        minute = now->second;
    } else {
        const scheduling::PracticeTime zone("Europe/Rome");
        const auto t = static_cast<std::int64_t>(std::time(nullptr));
        today = zone.dateOf(t);
        minute = zone.minuteOfDay(t);
    }
    const engine::IntentClassifier classifier(opts.count("--model") ? opts["--model"] : engine::defaultModelPath());

    std::vector<engine::DoctorName> doctors;
    std::vector<engine::SpecialtyName> specialties;
    if (!cfg.databaseUrl) {
        std::cerr << "medassist-admin: nlu: no database configured (DATABASE_URL): no doctor will be recognised\n";
    } else {
        try {
            auto pool = appPool(cfg);
            scheduling::DoctorStore store(pool);
            for (const auto& s : store.specialties()) specialties.push_back({s.slug, s.name});
            for (const auto& d : store.doctors(true)) doctors.push_back({d.userId, d.displayName, d.specialtySlug});
        } catch (const std::exception& e) {
            std::cerr << "medassist-admin: nlu: the database did not answer (" << e.what()
                      << "): no doctor will be recognised\n";
        }
    }
    engine::runNlu(
        std::cin, std::cout, [&](const std::string& text) { return classifier.classify(text); },
        engine::DoctorMatcher(std::move(doctors)), engine::SpecialtyMatcher(specialties), today, minute);
    return 0;
}

// Retention (issue 5): everything past its time, through the app's own account; prints
// counts only, never text or whose rows they were.
int cmdPurge(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    if (!args.empty()) {
        usage(std::cerr);
        return kUsage;
    }
    if (int rc = requireServerSecrets(cfg)) return rc;
    auto pool = appPool(cfg);
    accounts::AccountsModule module(cfg, pool, appLogger());
    security::RateLimitStore rates(pool);
    assistant::ConversationStore conversations(pool);
    assistant::StaffInboxStore inbox(pool);
    assistant::ChatRetention chats(conversations, inbox, cfg.assistantRetentionDays);
    privacy::RetentionService retention(module.users, rates, module.loginGuard, module.audit, cfg.auditRetentionDays);
    retention.setChatPurge([&] { return chats.purge(); });
    site::PracticeStore practice(pool);
    records::KeptRecordStore keptStore(pool);
    records::KeptRecordsService kept(keptStore, practice, module.service, module.vault, module.audit);
    retention.setKeptRecordPurge([&](std::int64_t now) { return kept.purge(now); });
    const auto r = retention.purge(static_cast<std::int64_t>(std::time(nullptr)));
    module.outbox.stop();
    std::cout << "purge: chats older than " << chats.days() << " days, audit rows older than "
              << retention.auditRetentionDays() << " days, kept medical records " << kept.retentionYears()
              << " years after their last visit; deleted " << r.summary() << "\n";
    return 0;
}

// Reminders (issue 23): one pass of the worker at a moment the operator (or a test) names,
// through the same claim as the app's worker, so it never sends what a process already sent.
int cmdReminders(const config::AppConfig& cfg, const std::vector<std::string>& args) {
    std::optional<std::int64_t> now = static_cast<std::int64_t>(std::time(nullptr));
    if (args.empty() || args[0] != "run" || args.size() > 2) {
        usage(std::cerr);
        return kUsage;
    }
    if (args.size() == 2) {
        const std::string& opt = args[1];
        if (opt.rfind("--now=", 0) != 0) {
            usage(std::cerr);
            return kUsage;
        }
        const std::string text = opt.substr(6);
        if (!text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
            now = std::stoll(text);
        else
            now = scheduling::parseInstant(text);
        if (!now) {
            std::cerr << "medassist-admin: reminders run: --now must be ISO 8601 with an offset or epoch seconds\n";
            return kUsage;
        }
    }
    if (int rc = requireServerSecrets(cfg)) return rc;
    auto pool = appPool(cfg);
    accounts::AccountsModule module(cfg, pool, appLogger());
    site::PracticeStore practice(pool);
    reminders::ReminderStore store(pool);
    reminders::ReminderService service(store, practice, module.service, module.mail, cfg.publicUrl);
    const auto r = service.runPass(*now);
    module.outbox.stop();  // delivers what the pass queued before the command ends
    const auto mail = module.outbox.stats();
    std::cout << "reminders: " << r.due << " due, " << r.sent << " sent, " << r.claimedElsewhere
              << " claimed by another process or changed, " << r.noAddress
              << " not written to (no address, or a disabled account); mail " << mail.sent << " delivered, "
              << mail.failed << " failed\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Poco::Crypto::OpenSSLInitializer openssl;  // for the whole run: see medassist-fcgi's main
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
        {"audit-verify", cmdAuditVerify},
        {"create-user", cmdCreateUser},
        {"confirm-email", cmdConfirmEmail},
        {"seed-demo-people", cmdSeedDemoPeople},
        {"rotate-master-key", cmdRotateMasterKey},
        {"nlu-eval", cmdNluEval},
        {"nlu", cmdNlu},
        {"purge", cmdPurge},
        {"reminders", cmdReminders},
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
