// medassist-fcgi: the composition root. config -> stores -> services -> routes -> server.
#include <algorithm>
#include <csignal>
#include <iostream>
#include <optional>
#include <vector>

#include <Poco/Crypto/OpenSSLInitializer.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include "accounts/account_pages.hpp"
#include "admin/admin_pages.hpp"
#include "admin/practice_admin_service.hpp"
#include "admin/security_pages.hpp"
#include "assistant/chat_routes.hpp"
#include "assistant/chat_service.hpp"
#include "assistant/conversation_store.hpp"
#include "assistant/engine/assistant.hpp"
#include "assistant/faq_source.hpp"
#include "assistant/staff_inbox_pages.hpp"
#include "assistant/staff_inbox_service.hpp"
#include "assistant/staff_inbox_store.hpp"
#include "accounts/accounts_module.hpp"
#include "accounts/auth_api_routes.hpp"
#include "accounts/caregiver_pages.hpp"
#include "accounts/gate.hpp"
#include "common/logging.hpp"
#include "config/app_config.hpp"
#include "http/dispatcher.hpp"
#include "http/fastcgi_server.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "security/rate_limit_store.hpp"
#include "security/rate_limiter.hpp"
#include "scheduling/appointment_store.hpp"
#include "scheduling/doctor_store.hpp"
#include "scheduling/scheduling_api_routes.hpp"
#include "scheduling/scheduling_service.hpp"
#include "scheduling/appointment_pages.hpp"
#include "scheduling/doctor_pages.hpp"
#include "privacy/consent_routes.hpp"
#include "privacy/consent_store.hpp"
#include "privacy/erasure_routes.hpp"
#include "privacy/export_routes.hpp"
#include "privacy/retention_service.hpp"
#include "records/kept_record_pages.hpp"
#include "records/kept_records_service.hpp"
#include "records/note_pages.hpp"
#include "records/visit_note_store.hpp"
#include "records/visit_notes_service.hpp"
#include "reminders/reminder_routes.hpp"
#include "reminders/reminder_service.hpp"
#include "reminders/reminder_store.hpp"
#include "reminders/reminder_worker.hpp"
#include "site/faq_store.hpp"
#include "site/practice_service.hpp"
#include "site/practice_store.hpp"
#include "site/site_routes.hpp"
#include "storage/database_url.hpp"
#include "storage/pool.hpp"

using namespace medassist;

class FcgiApp : public Poco::Util::ServerApplication {
protected:
    void defineOptions(Poco::Util::OptionSet& options) override {
        ServerApplication::defineOptions(options);
        options.addOption(Poco::Util::Option("config", "c", "properties file (default fcgi_app/config/medassist.properties)")
                              .required(false).repeatable(false).argument("FILE")
                              .callback(Poco::Util::OptionCallback<FcgiApp>(this, &FcgiApp::setConfig)));
        options.addOption(Poco::Util::Option("help", "h", "show this help").required(false)
                              .callback(Poco::Util::OptionCallback<FcgiApp>(this, &FcgiApp::showHelp)));
    }

    int main(const std::vector<std::string>&) override {
        if (helpShown_) return EXIT_OK;
        // Block the stop signals before any thread starts, so every worker inherits the
        // mask and only waitForTerminationRequest() (sigwait) receives them.
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGQUIT);
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
        std::signal(SIGPIPE, SIG_IGN);

        config::AppConfig cfg;
        try {
            auto env = config::processEnv();
            auto layered = config::openConfiguration(configPath_, env);
            cfg = config::loadAppConfig(*layered, env);
        } catch (const config::ConfigError& e) {
            std::cerr << "medassist-fcgi: " << e.what() << "\n";
            return EXIT_CONFIG;
        }
        if (auto problems = config::problemsForServer(cfg); !problems.empty()) {
            std::cerr << "medassist-fcgi: refusing to start:\n";
            for (const auto& p : problems) std::cerr << "  - " << p << "\n";
            return EXIT_CONFIG;
        }

        setupLogging(cfg.logDir, true);
        // Poco's HMAC engines (the session tokens) each hold an OpenSSLInitializer; when the last
        // one goes, Poco tears OpenSSL's locks down while another worker may be starting one
        // (an abort in pthread_mutex_destroy under load). One held for the whole run keeps
        // the count above zero.
        Poco::Crypto::OpenSSLInitializer openssl;
        auto& log = appLogger();
        try {
            storage::PoolOptions poolOptions;
            poolOptions.maxSize = static_cast<std::size_t>(cfg.dbPoolSize);
            poolOptions.connectTimeoutSeconds = cfg.dbConnectTimeoutSeconds;
            storage::ConnectionPool pool(storage::DatabaseUrl::parse(*cfg.databaseUrl), poolOptions);

            // Accounts first: the module holds the catalogs, which the pages and the mails share.
            accounts::AccountsModule accountsModule(cfg, pool, log);
            auto& accountsService = accountsModule.service;
            const i18n::Catalogs& catalogs = accountsModule.catalogs;
            http::View view(cfg.templatesDir, http::SiteInfo{cfg.practiceName, cfg.emergencyNumber, cfg.defaultLanguage},
                            catalogs);
            using i18n::N_;
            view.setNav({{"/", N_("Home"), "all"},
                         {"/appointments", N_("Appointments"), "patient,caregiver"},
                         {"/notes", N_("Visit notes"), "patient,caregiver"},
                         {"/chat", N_("Assistant"), "patient,caregiver"},
                         {"/account/caregivers", N_("Caregivers"), "patient,caregiver"},
                         {"/account/consent", N_("Consent"), "patient"},
                         {"/doctor/schedule", N_("My schedule"), "doctor"},
                         {"/doctor/time-off", N_("Time off"), "doctor"},
                         {"/account", N_("My account"), "signed-in"},
                         {"/admin", N_("Administration"), "admin"},
                         {"/admin/inbox", N_("Staff inbox"), "admin"},
                         {"/login", N_("Sign in"), "anonymous"},
                         {"/register", N_("Register"), "anonymous"}});

            security::RateLimitStore rateStore(pool);
            security::RateLimiter limiter(rateStore);
            accounts::GateSettings gateSettings;
            gateSettings.secretKey = accounts::derivedKey(cfg, "csrf");
            gateSettings.publicOrigin = config::originOf(cfg.publicUrl);
            gateSettings.trustedProxies = cfg.trustedProxies;
            gateSettings.ratePerHour = cfg.rateLimitPerHour;
            gateSettings.minuteSeconds = cfg.rateMinuteSeconds;
            gateSettings.hourSeconds = cfg.rateHourSeconds;
            accounts::Gate gate(accountsService, limiter, view, gateSettings);

            site::PracticeStore practiceStore(pool);
            site::PracticeService practiceService(practiceStore);

            // ---- services of the practice (issue 4) ----
            // [caregivers + access log]
            accounts::CaregiverStore caregiverStore(pool);
            accounts::CaregiverService caregiverService(caregiverStore, accountsService, accountsModule.vault,
                                                        accountsModule.mail);
            privacy::AccessLogStore accessLogStore(pool);
            privacy::AccessLog accessLog(accessLogStore, accountsService);
            // [doctors + practice admin]
            scheduling::DoctorStore doctorStore(pool);
            site::FaqStore faqStore(pool);
            admin::PracticeAdminService practiceAdminService(doctorStore, practiceStore, faqStore, accountsService,
                                                             accountsModule.audit);
            // [consent] (issue 5)
            privacy::ConsentStore consentStore(pool);
            privacy::ConsentService consentService(consentStore, accountsModule.audit);
            // [appointments]
            scheduling::AppointmentStore appointmentStore(pool);
            scheduling::SchedulingService schedulingService(doctorStore, appointmentStore, practiceStore, accountsService,
                                                            caregiverService, accessLog, consentService,
                                                            accountsModule.vault, accountsModule.mail);
            // Every page shows times in the practice's zone (its setting, read through the policy cache).
            view.setZoneSource([&schedulingService] { return schedulingService.policy().timeZone; });
            // [visit notes]
            records::VisitNoteStore visitNoteStore(pool);
            records::VisitNotesService visitNotesService(visitNoteStore, appointmentStore, schedulingService,
                                                         accountsService, caregiverService, accessLog);

            // [assistant] (issue 8): the model is loaded once and shared by every worker; the
            // FAQ follows the admins' edits (FaqSource); practice contacts are read at start-up.
            assistant::engine::IntentClassifier intentClassifier(assistant::engine::defaultModelPath());
            assistant::engine::FaqKnowledge faqKnowledge;
            assistant::FaqSource faqSource(faqStore, faqKnowledge);
            // FAQ answers embed the practice's facts ({{hours}}), rendered per language; an
            // admin's change in this process is answered from at once.
            faqSource.renderWith(practiceService, catalogs);
            practiceAdminService.setOnChange([&faqSource] { faqSource.invalidate(); });
            assistant::engine::AssistantSettings assistantSettings;
            assistantSettings.emergencyNumber = cfg.emergencyNumber;
            assistantSettings.practiceName = cfg.practiceName;
            assistantSettings.catalogs = &catalogs;  // replies in the conversation's language
            try {
                assistantSettings.timeZone = schedulingService.policy().timeZone;
                faqSource.refresh();
                const auto practiceInfo = practiceService.info();
                assistantSettings.practicePhone = practiceInfo.phone;
                assistantSettings.practiceEmail = practiceInfo.email;
            } catch (const std::exception& e) {
                log.warning("assistant: the FAQ and practice contacts are not loaded yet (%s)", std::string(e.what()));
            }
            assistant::engine::Assistant assistantEngine(intentClassifier, faqKnowledge, assistantSettings);
            assistant::ConversationStore conversationStore(pool);
            assistant::StaffInboxStore staffInboxStore(pool);
            assistant::StaffInboxService staffInbox(staffInboxStore, accountsService, accessLog, accountsModule.audit);
            assistant::ChatRetention chatRetention(conversationStore, staffInboxStore, cfg.assistantRetentionDays);
            assistant::ChatService chatService(assistantEngine, faqSource, conversationStore, staffInbox,
                                               schedulingService, accountsService, caregiverService, accessLog,
                                               accountsModule.audit);
            // No chat without consent to store medical information (issue 5): 403 CONSENT_REQUIRED.
            chatService.setConsentCheck([&](std::int64_t id) { return consentService.hasConsent(id); });

            // [reminders] (issue 23): a mail before each appointment, sent by this process's worker
            reminders::ReminderStore reminderStore(pool);
            reminders::ReminderService reminderService(reminderStore, practiceStore, accountsService,
                                                       accountsModule.mail, cfg.publicUrl);
            // The parts of other capabilities' pages reminders fill in; they live as long as the router.
            const std::vector<accounts::AccountPageSection> accountSections{
                reminders::reminderAccountSection(reminderService)};
            const scheduling::ReminderMarks reminderMarks = reminders::reminderMarks(reminderService);

            http::Router router;
            site::addSiteRoutes(router, view, practiceService, pool,
                                [&gate](const http::Request& r) { return gate.visitorOf(r); },
                                // The switcher also saves the choice on the signed-in account.
                                [&gate, &accountsService](const http::Request& r, const std::string& lang) {
                                    if (auto p = gate.principalOf(r)) accountsService.setLanguage(*p, lang);
                                });
            accounts::addAuthApiRoutes(router, gate, accountsService);
            accounts::addAccountPages(router, gate, accountsService, consentService, view, accountSections);
            reminders::addReminderRoutes(router, gate, reminderService);
            // ---- routes of the practice (issue 4) ----
            // [caregiver + access-log pages]
            accounts::addCaregiverPages(router, gate, caregiverService, accessLog, view);
            // [admin pages: doctors, hours, settings, faq; doctor time off]
            admin::addPracticeAdminPages(router, gate, practiceAdminService, view);
            // [scheduling API]
            scheduling::addSchedulingApiRoutes(router, gate, schedulingService);
            // [appointment pages + doctor schedule]
            scheduling::addAppointmentPages(router, gate, schedulingService, caregiverService, view);
            scheduling::addDoctorPages(router, gate, schedulingService, visitNotesService, view, reminderMarks);
            // [visit note pages]
            records::addVisitNotePages(router, gate, visitNotesService, view);
            privacy::addConsentRoutes(router, gate, consentService, view);
            // [assistant: chat page and API, staff inbox] (issue 8)
            assistant::addChatRoutes(router, gate, chatService, limiter, view);
            assistant::addStaffInboxPages(router, gate, staffInbox, view);
            // [export] (issue 5)
            privacy::ExportService exportService(accountsService, consentStore, schedulingService, visitNotesService,
                                                 caregiverService, accessLog, accountsModule.audit, accountsModule.vault);
            exportService.setChatArchive([&](std::int64_t id) { return chatService.archive(id); });
            exportService.setReminderArchive([&](std::int64_t id) {
                const auto mine = reminderService.ofPatient(id);
                privacy::ExportedReminders out;
                out.on = mine.on;
                for (const auto& r : mine.sent)
                    out.sent.push_back({r.appointmentId, reminders::kindName(r.kind), r.forStart, r.sentAt});
                return out;
            });
            privacy::addExportRoutes(router, gate, accountsService, exportService, view);
            // [erasure] (issue 5)
            privacy::ErasureStore erasureStore(pool);
            // [medical records kept after an erasure] (issue 22, item 11)
            records::KeptRecordStore keptRecordStore(pool);
            records::KeptRecordsService keptRecords(keptRecordStore, practiceStore, accountsService, accountsModule.vault,
                                                    accountsModule.audit);
            records::addKeptRecordPages(router, gate, keptRecords, view);
            privacy::ErasureService erasureService(erasureStore, accountsService, accountsModule.audit,
                                                   accountsModule.mail, keptRecords);
            privacy::addErasureRoutes(router, gate, erasureService, view);
            // [retention] (issue 5): what is past its time goes, about once an hour
            privacy::RetentionService retention(accountsModule.users, rateStore, accountsModule.loginGuard,
                                                accountsModule.audit, cfg.auditRetentionDays);
            retention.setChatPurge([&] { return chatRetention.purge(); });
            retention.setKeptRecordPurge([&](std::int64_t now) { return keptRecords.purge(now); });
            // [security review] (issue 5)
            admin::SecurityReviewService securityReview(accountsModule.auditStore);
            admin::addSecurityReviewPages(router, gate, securityReview, view);

            http::Dispatcher dispatcher(router, view, accessLogger(), log);
            dispatcher.setReaderLanguage([&gate](const http::Request& r) { return gate.readerLanguage(r); });
            http::ServerOptions serverOptions;
            serverOptions.socketPath = cfg.socketPath;
            serverOptions.threads = cfg.threads;
            serverOptions.limits.maxBodyBytes = cfg.maxBodyBytes;
            // One form field may take most of a body: a visit note is up to 10,000 characters.
            serverOptions.limits.maxFieldBytes = std::min<std::size_t>(48 * 1024, cfg.maxBodyBytes);
            http::FastCgiServer server(serverOptions, dispatcher, log);
            server.setThreadHooks(&storage::ConnectionPool::threadInit, &storage::ConnectionPool::threadEnd);
            server.start();
            privacy::PeriodicPurge periodicPurge(retention, std::chrono::hours(1), &storage::ConnectionPool::threadInit,
                                                 &storage::ConnectionPool::threadEnd);
            std::optional<reminders::ReminderWorker> reminderWorker;
            if (cfg.reminderIntervalSeconds > 0)
                reminderWorker.emplace([&reminderService](std::int64_t now) { return reminderService.runPass(now); },
                                       reminders::WorkerTiming{std::chrono::seconds(cfg.reminderIntervalSeconds),
                                                               std::chrono::seconds(30)},
                                       reminders::systemNow, &storage::ConnectionPool::threadInit,
                                       &storage::ConnectionPool::threadEnd);
            if (!pool.ping()) log.warning("the database does not answer yet; /healthz reports it until it does");

            waitForTerminationRequest();
            log.information("stop requested; finishing in-flight requests");
            server.stop();
            reminderWorker.reset();  // its last pass's mails go out with the outbox's
            accountsModule.outbox.stop();
        } catch (const std::exception& e) {
            log.fatal("cannot start: %s", std::string(e.what()));
            return EXIT_SOFTWARE;
        }
        return EXIT_OK;
    }

private:
    void setConfig(const std::string&, const std::string& value) { configPath_ = value; }
    void showHelp(const std::string&, const std::string&) {
        Poco::Util::HelpFormatter help(options());
        help.setCommand(commandName());
        help.setUsage("[--config=FILE]");
        help.setHeader("MedAssist FastCGI application server.");
        help.format(std::cout);
        helpShown_ = true;
        stopOptionsProcessing();
    }

    std::string configPath_ = "fcgi_app/config/medassist.properties";
    bool helpShown_ = false;
};

POCO_SERVER_MAIN(FcgiApp)
