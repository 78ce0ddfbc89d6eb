#pragma once
// Everything accounts need, built once from the configuration: the Vault, the hasher, the
// token signers, the stores, the audit log, the login guard, the outbox and the service.
// The catalogs live here too (the mails' language; main.cpp's View shares them).
// The server (main.cpp) and the admin tool (create-user, rotate-master-key) both build
// it here, so the two can never disagree on keys or settings.
#include <memory>

#include <Poco/Logger.h>

#include "accounts/accounts_service.hpp"
#include "accounts/user_store.hpp"
#include "config/app_config.hpp"
#include "i18n/catalogs.hpp"
#include "mail/localized_mail.hpp"
#include "mail/mail_outbox.hpp"
#include "security/audit_log.hpp"
#include "security/audit_store.hpp"
#include "security/login_guard.hpp"
#include "security/login_guard_store.hpp"
#include "security/password_hasher.hpp"
#include "security/session_tokens.hpp"
#include "security/vault.hpp"
#include "storage/pool.hpp"

namespace medassist::accounts {

// One key per purpose, derived from SECRET_KEY where the seed names only one secret.
std::string derivedKey(const config::AppConfig& cfg, const std::string& purpose);

struct AccountsModule {
    AccountsModule(const config::AppConfig& cfg, storage::ConnectionPool& pool, Poco::Logger& log);

    security::Vault vault;
    security::PasswordHasher hasher;
    security::SessionTokens sessions;
    security::SessionTokens pendingSignIns;
    security::SessionTokens knownDevices;  // issue 16: browsers that signed in (180 days)
    mail::MailOutbox outbox;
    i18n::Catalogs catalogs;   // cfg.localeDir: the pages' and the mails' languages
    mail::LocalizedMail mail;  // every mail, in its recipient's language
    security::AuditStore auditStore;
    security::AuditLog audit;
    security::LoginGuardStore guardStore;
    security::LoginGuard loginGuard;
    UserStore users;
    AccountsService service;
};

}  // namespace medassist::accounts
