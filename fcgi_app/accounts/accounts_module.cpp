#include "accounts/accounts_module.hpp"

#include "mail/mailer.hpp"
#include "security/crypto_util.hpp"

namespace medassist::accounts {

std::string derivedKey(const config::AppConfig& cfg, const std::string& purpose) {
    return security::hmacSha256(*cfg.secretKey, purpose);
}

namespace {
AccountSettings settingsOf(const config::AppConfig& cfg) {
    AccountSettings s;
    s.idleMinutes = cfg.idleMinutes;
    s.absoluteHours = cfg.absoluteHours;
    s.resetTokenMinutes = cfg.resetTokenMinutes;
    s.publicUrl = cfg.publicUrl;
    s.practiceName = cfg.practiceName;
    return s;
}
}  // namespace

AccountsModule::AccountsModule(const config::AppConfig& cfg, storage::ConnectionPool& pool, Poco::Logger& log)
    : vault(cfg.masterKeysDir, *cfg.blindIndexKey),
      hasher(*cfg.passwordPepper, cfg.bcryptCost, security::HashingPoolOptions{.threads = cfg.hashThreads}),
      sessions(*cfg.secretKey, std::chrono::minutes(cfg.jwtExpMinutes)),
      pendingSignIns(derivedKey(cfg, "pending-sign-in"), std::chrono::minutes(5)),
      knownDevices(derivedKey(cfg, "known-device"), std::chrono::minutes(180 * 24 * 60)),
      outbox(mail::makeMailer(cfg), log),
      catalogs(cfg.localeDir),
      mail(outbox, catalogs, cfg.defaultLanguage),
      auditStore(pool),
      audit(auditStore, derivedKey(cfg, "audit-pseudonym")),
      guardStore(pool),
      loginGuard(guardStore, cfg.lockoutFailures, cfg.lockoutMinutes),
      users(pool),
      service(users, vault, hasher, sessions, pendingSignIns, knownDevices, loginGuard, audit, mail, settingsOf(cfg)) {}

}  // namespace medassist::accounts
