#include "accounts/accounts_service.hpp"
#include "i18n/catalogs.hpp"

#include <algorithm>
#include <cctype>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/String.h>
#include <Poco/UTF8String.h>

#include "common/text_rules.hpp"
#include "http/encoding.hpp"
#include "security/crypto_util.hpp"
#include "security/password_policy.hpp"
#include "security/rate_limiter.hpp"

namespace medassist::accounts {

namespace {
constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxName = 100;
constexpr int kRecoveryCodes = 10;
constexpr std::int64_t kRenewAfterSeconds = 60;  // renew at most once a minute

std::string owner(std::int64_t id) {
    std::string s = "user:";
    s += std::to_string(id);
    return s;
}

security::FieldAad aad(const char* column, std::int64_t id) { return {"users", column, std::to_string(id)}; }

bool hasControl(const std::string& s) { return common::hasHiddenFormatting(s, false); }

std::vector<std::string> nameParts(const std::string& email, const std::string& name) {
    std::vector<std::string> parts{email, name};
    auto at = email.find('@');
    if (at != std::string::npos) parts.push_back(email.substr(0, at));
    std::string word;
    for (char c : name + " ") {
        if (c == ' ' || c == '-' || c == '\'') {
            if (word.size() >= 3) parts.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    return parts;
}

std::string recoveryHash(const std::string& code) {
    std::string normalized;
    for (char c : code)
        if (std::isalnum(static_cast<unsigned char>(c))) normalized += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return security::sha256(normalized);
}

std::string newRecoveryCode() {
    // 10 random bytes as 16 base32-ish hex characters, grouped for reading: 80 bits.
    std::string hex = security::hexEncode(security::randomBytes(8));
    return hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4);
}

std::string trimmed(const std::string& s) { return Poco::trim(s); }
}  // namespace

std::string describeRemoved(const CleanSlate& r, const i18n::Catalogs& catalogs, const std::string& lang) {
    std::vector<std::string> parts;
    if (r.caregiverLinks == 1) parts.push_back(catalogs.tr(lang, "1 caregiver link"));
    else if (r.caregiverLinks > 1)
        parts.push_back(catalogs.trf(lang, "{1} caregiver links", {std::to_string(r.caregiverLinks)}));
    if (r.mfa) parts.push_back(catalogs.tr(lang, "two-step sign-in"));
    if (r.phone) parts.push_back(catalogs.tr(lang, "the phone number"));
    if (r.dob) parts.push_back(catalogs.tr(lang, "the date of birth"));
    // "a, b and c": every item but the last joined by the list separator, the last by "and".
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i == 0) out = parts[i];
        else if (i + 1 == parts.size()) out = catalogs.trf(lang, "{1} and {2}", {out, parts[i]});
        else out = catalogs.trf(lang, "{1}, {2}", {out, parts[i]});
    }
    return out;
}

bool isRole(const std::string& role) {
    return role == "patient" || role == "caregiver" || role == "doctor" || role == "admin";
}

std::string normalizeEmail(const std::string& email) { return Poco::toLower(Poco::trim(email)); }

std::optional<std::string> emailProblem(const std::string& e) {
    if (e.empty()) return i18n::N_("Enter your email address.");
    if (e.size() > kMaxEmail) return i18n::N_("An email address has at most 254 characters.");
    const auto at = e.find('@');
    if (at == std::string::npos || at == 0 || at != e.rfind('@') || at + 1 >= e.size() || at > 64)
        return i18n::N_("Enter an email address like name@example.com.");
    const std::string domain = e.substr(at + 1);
    if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.' ||
        domain.find("..") != std::string::npos)
        return i18n::N_("Enter an email address like name@example.com.");
    for (unsigned char c : e)
        if (c <= 0x20 || c == 0x7f || c == ',' || c == ';' || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' ||
            c == '\\' || c == '[' || c == ']' || c == ':')
            return i18n::N_("An email address cannot contain spaces or any of , ; < > \" ( ) [ ] \\ :");
    return std::nullopt;
}

std::optional<std::string> nameProblem(const std::string& name) {
    const std::string n = trimmed(name);
    if (n.empty()) return i18n::N_("Enter your name.");
    if (n.size() > kMaxName) return i18n::N_("A name has at most 100 characters.");
    if (hasControl(n))
        return i18n::N_("A name cannot contain control characters or invisible formatting characters (such as text-direction "
               "overrides or line separators).");
    return std::nullopt;
}

std::optional<std::string> phoneProblem(const std::string& phone) {
    const std::string p = trimmed(phone);
    if (p.empty()) return std::nullopt;
    int digits = 0;
    for (char c : p) {
        if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
        else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.')
            return i18n::N_("A phone number has only digits, spaces and + - ( ).");
    }
    if (digits < 6 || digits > 15 || p.size() > 25) return i18n::N_("A phone number has 6 to 15 digits.");
    return std::nullopt;
}

std::optional<std::string> dobProblem(const std::string& dob, std::int64_t now) {
    const std::string d = trimmed(dob);
    if (d.empty()) return std::nullopt;
    Poco::DateTime parsed;
    int tz = 0;
    if (d.size() != 10 || !Poco::DateTimeParser::tryParse("%Y-%m-%d", d, parsed, tz) ||
        Poco::DateTimeFormatter::format(parsed, "%Y-%m-%d") != d)
        return i18n::N_("Enter the date of birth as YYYY-MM-DD.");
    Poco::DateTime today(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(now)));
    if (parsed > today) return i18n::N_("A date of birth cannot be in the future.");
    if (parsed.year() < today.year() - 130) return i18n::N_("Check the year of birth.");
    return std::nullopt;
}

AccountsService::AccountsService(UserStore& store, security::Vault& vault, const security::PasswordHasher& hasher,
                                 const security::SessionTokens& sessions, const security::SessionTokens& pending,
                                 const security::SessionTokens& devices, security::LoginGuard& guard,
                                 security::AuditLog& audit, mail::LocalizedMail& mail, AccountSettings settings)
    : store_(store), vault_(vault), hasher_(hasher), sessions_(sessions), pending_(pending), devices_(devices),
      guard_(guard),
      audit_(audit), mail_(mail), settings_(std::move(settings)) {}

std::string AccountsService::emailIndex(const std::string& normalizedEmail) const {
    return vault_.blindIndex("email", normalizedEmail);
}

std::string AccountsService::dataKeyFor(std::int64_t userId) {
    auto stored = store_.dataKey(userId);
    if (!stored) throw security::CryptoError("no data key for this user");
    return vault_.unwrap(security::WrappedKey{stored->version, stored->wrapped}, owner(userId));
}

std::optional<AccountsService::KeyAndName> AccountsService::keyAndName(std::int64_t userId) {
    auto row = store_.byId(userId);
    if (!row) return std::nullopt;
    KeyAndName out;
    out.key = dataKeyFor(userId);
    out.name = security::Vault::decrypt(out.key, row->nameCt, aad("name", userId));
    return out;
}

Profile AccountsService::decrypt(const UserRow& row) {
    const std::string key = dataKeyFor(row.id);
    Profile p;
    p.id = row.id;
    p.role = row.role;
    p.status = row.status;
    p.email = security::Vault::decrypt(key, row.emailCt, aad("email", row.id));
    p.name = security::Vault::decrypt(key, row.nameCt, aad("name", row.id));
    if (row.phoneCt) p.phone = security::Vault::decrypt(key, *row.phoneCt, aad("phone", row.id));
    if (row.dobCt) p.dob = security::Vault::decrypt(key, *row.dobCt, aad("dob", row.id));
    p.mfaEnabled = row.mfaEnabled;
    p.createdAt = row.createdAt;
    p.emailConfirmedOn = row.emailConfirmedOn;
    p.language = row.language;
    return p;
}

FieldErrors AccountsService::checkNewPassword(const std::string& password, const std::string& confirm,
                                              const std::string& email, const std::string& name, bool confirmRequired) {
    FieldErrors errors;
    auto check = security::checkPassword(password, nameParts(email, name));
    if (!check.ok) errors.push_back({"password", check.reason});
    if (confirmRequired && confirm != password)
        errors.push_back({"confirm_password", i18n::N_("The two passwords do not match.")});
    return errors;
}

RegisterResult AccountsService::createUser(const RegisterInput& in, const std::string& status, bool emailConfirmed) {
    RegisterResult out;
    const std::string email = normalizeEmail(in.email);
    const std::string name = trimmed(in.name);
    if (!isRole(in.role)) out.errors.push_back({"role", i18n::N_("Choose patient, caregiver, doctor or admin.")});
    if (auto p = nameProblem(in.name)) out.errors.push_back({"name", *p});
    if (auto p = emailProblem(email)) out.errors.push_back({"email", *p});
    if (in.phone)
        if (auto p = phoneProblem(*in.phone)) out.errors.push_back({"phone", *p});
    if (in.dob)
        if (auto p = dobProblem(*in.dob, static_cast<std::int64_t>(std::time(nullptr)))) out.errors.push_back({"dob", *p});
    for (auto& e : checkNewPassword(in.password, in.password, email, name, false)) out.errors.push_back(e);
    if (!out.errors.empty()) return out;

    vault_.reload();  // a master key added by rotate-master-key wraps new data keys at once
    NewUser row{in.role, status, emailIndex(email), hasher_.hash(in.password), emailConfirmed,
                mail_.catalogs().supports(in.language) ? in.language : std::string()};
    auto id = store_.create(row, [&](std::int64_t newId) {
        const std::string key = security::Vault::newDataKey();
        EncryptedFields f;
        f.emailCt = security::Vault::encrypt(key, email, aad("email", newId));
        f.nameCt = security::Vault::encrypt(key, name, aad("name", newId));
        if (in.phone && !trimmed(*in.phone).empty())
            f.phoneCt = security::Vault::encrypt(key, trimmed(*in.phone), aad("phone", newId));
        if (in.dob && !trimmed(*in.dob).empty())
            f.dobCt = security::Vault::encrypt(key, trimmed(*in.dob), aad("dob", newId));
        auto wrapped = vault_.wrap(key, owner(newId));
        return std::make_pair(f, StoredKey{newId, wrapped.version, wrapped.blob});
    });
    if (!id) {
        out.emailTaken = true;
        out.errors.push_back({"email", i18n::N_("This email cannot be used to register. If it is yours, sign in or reset your password.")});
        return out;
    }
    audit_.record("account_created", std::to_string(*id), "", in.role);
    out.profile = profile(*id);
    return out;
}

RegisterResult AccountsService::registerUser(const RegisterInput& in, const std::string& ip, std::int64_t now) {
    RegisterResult out;
    if (in.role != "patient" && in.role != "caregiver" && in.role != "doctor") {
        out.errors.push_back({"role", i18n::N_("Only patients, caregivers and doctors can register here.")});
        return out;
    }
    // Both paths below hash the password, try the insert and queue one mail, so a known and an
    // unknown address take about the same time and get the same answer.
    out = createUser(in, "unconfirmed", false);
    const std::string email = normalizeEmail(in.email);
    if (out.profile) {
        audit_.record("account_created", std::to_string(out.profile->id), ip, in.role + " unconfirmed");
        mailConfirmation(out.profile->id, email, mail_.languageFor(out.profile->language), false, now);
        return out;
    }
    if (!out.emailTaken) return out;  // field errors: they depend only on what was typed
    out.errors.clear();
    out.emailTaken = false;
    auto row = store_.byEmailBidx(emailIndex(email));
    if (!row) return out;  // the other account was deleted meanwhile: nothing to tell anyone
    audit_.record("register_known_address", std::to_string(row->id), ip, "");
    // The mail is in the language the existing account chose, not the one of this page.
    const std::string lang = mailLanguageOf(*row);
    if (row->status == "unconfirmed") {
        mailConfirmation(row->id, email, lang, true, now);
        return out;
    }
    mailTo(email, mail_.tr(lang, "You already have an account"),
           mail_.trf(lang,
                     "Hello,\n\nsomeone asked to register a new {1} account with this email address, which already "
                     "has one. Nothing was changed.\n\nIf it was you, sign in at {2}, or choose a new password at {3} "
                     "if you have forgotten it.\n\nIf it was not you, you can ignore this mail.\n",
                     {settings_.practiceName, settings_.publicUrl + "/login", settings_.publicUrl + "/forgot-password"}));
    return out;
}

std::string AccountsService::confirmedStatus(const UserRow& row) {
    return row.role == "doctor" && row.status != "active" ? "pending" : "active";
}

void AccountsService::mailConfirmation(std::int64_t userId, const std::string& email, const std::string& lang,
                                       bool alreadyWaiting, std::int64_t now) {
    const std::string token = security::base64UrlEncode(security::randomBytes(32));
    store_.addConfirmation(security::sha256(token), userId,
                           now + static_cast<std::int64_t>(settings_.confirmTokenHours) * 3600);
    const std::string link = settings_.publicUrl + "/confirm-email?token=" + token;
    const std::string hours = std::to_string(settings_.confirmTokenHours);
    if (!alreadyWaiting) {
        mailTo(email, mail_.tr(lang, "Confirm your email address"),
               mail_.trf(lang,
                         "Hello,\n\nto finish creating your {1} account, open this link within {2} hours and enter "
                         "the password you chose:\n\n{3}\n\nThe link works once. If you did not register, ignore "
                         "this mail: nobody can use an account with your address without this link, and the "
                         "registration is deleted after a day.\n",
                         {settings_.practiceName, hours, link}));
        return;
    }
    mailTo(email, mail_.tr(lang, "Confirm your email address"),
           mail_.trf(lang,
                     "Hello,\n\nsomeone asked to register a {1} account with this email address, and a registration "
                     "with it is waiting for confirmation.\n\nIf you started it, open this link within {2} hours and "
                     "enter the password you chose:\n\n{3}\n\nIf you did not, or you do not know that password, "
                     "choose a new one at {4} instead: that proves the address is yours and starts the account "
                     "clean.\n\nOtherwise ignore this mail; a registration that is never confirmed is deleted after "
                     "a day.\n",
                     {settings_.practiceName, hours, link, settings_.publicUrl + "/forgot-password"}));
}

bool AccountsService::confirmationUsable(const std::string& token, std::int64_t now) {
    if (token.empty() || token.size() > 100) return false;
    return store_.confirmationOwner(security::sha256(token), now).has_value();
}

ConfirmResult AccountsService::confirmEmail(const std::string& token, const std::string& password,
                                            const std::string& ip, std::int64_t now) {
    ConfirmResult out;
    const char* gone = "This confirmation link is not valid any more. Sign in to have a new one sent.";
    if (token.empty() || token.size() > 100) {
        out.errors.push_back({"token", gone});
        return out;
    }
    auto userId = store_.confirmationOwner(security::sha256(token), now);
    auto row = userId ? store_.byId(*userId) : std::nullopt;
    if (!row || row->status != "unconfirmed") {
        out.errors.push_back({"token", gone});
        return out;
    }
    // The link alone is not enough: a mail someone else caused (they registered this address)
    // must not confirm their account, so the password chosen at registration is asked too.
    if (auto left = guard_.lockedFor(row->emailBidx, now)) {
        hasher_.dummyVerify(password);
        out.retryAfter = *left;
        out.errors.push_back({"password", i18n::N_("Too many wrong passwords. Wait a few minutes and try again.")});
        return out;
    }
    if (password.empty()) {
        out.errors.push_back({"password", i18n::N_("Enter the password you chose when you registered.")});
        return out;
    }
    if (!hasher_.verify(password, row->passwordHash)) {
        guard_.recordFailure(row->emailBidx, now);
        audit_.record("email_confirm_failed", std::to_string(row->id), ip, "wrong_password");
        out.errors.push_back({"password", i18n::N_("This is not the password chosen when this address was registered. If you "
                                          "did not register, or do not remember it, choose a new password with "
                                          "\"Forgot your password?\".")});
        return out;
    }
    if (store_.consumeConfirmation(security::sha256(token), now) != userId) {
        out.errors.push_back({"token", gone});
        return out;
    }
    // Nothing to clean: the one who confirms holds both the mailbox and the registration's
    // password, so what the account holds (phone, date of birth typed at registration) is
    // theirs, and an unconfirmed account can set nothing up. A reset of an unconfirmed
    // account, where the two may be different people, does start it clean.
    store_.markConfirmed(row->id, "unconfirmed", confirmedStatus(*row));
    guard_.clear(row->emailBidx);
    audit_.record("email_confirmed", std::to_string(row->id), ip, "link");
    if (row->role == "doctor") {
        out.awaitingApproval = true;
        return out;
    }
    out.session = startSession(row->id, now);
    audit_.record("sign_in", std::to_string(row->id), ip, "confirmed");
    return out;
}

void AccountsService::resendConfirmation(const std::string& emailIn, const std::string& ip, std::int64_t now) {
    const std::string email = normalizeEmail(emailIn);
    if (emailProblem(email)) return;
    auto row = store_.byEmailBidx(emailIndex(email));
    if (!row || row->status != "unconfirmed") {
        audit_.record("confirmation_resent", std::nullopt, ip, "no_unconfirmed_account");
        return;
    }
    audit_.record("confirmation_resent", std::to_string(row->id), ip, "");
    mailConfirmation(row->id, email, mailLanguageOf(*row), false, now);
}

bool AccountsService::confirmByAdmin(const std::string& emailIn) {
    auto row = store_.byEmailBidx(emailIndex(normalizeEmail(emailIn)));
    if (!row || row->status != "unconfirmed") return false;
    if (!store_.markConfirmed(row->id, "unconfirmed", confirmedStatus(*row))) return false;
    audit_.record("email_confirmed", std::to_string(row->id), "", "by_admin");
    return true;
}

SessionGrant AccountsService::issue(const UserRow& row, std::int64_t now) {
    security::SessionClaims claims;
    SessionGrant g;
    g.token = sessions_.issue(std::to_string(row.id), row.role, row.passwordVersion, now, std::nullopt, &claims);
    g.expiresAt = claims.expiresAt;
    g.principal = Principal{row.id, row.role, claims.jti, claims.authTime, claims.expiresAt, row.language};
    g.language = row.language;
    return g;
}

SessionGrant AccountsService::startSession(std::int64_t userId, std::int64_t now) {
    auto row = store_.byId(userId);
    if (!row) throw std::runtime_error("user vanished while signing in");
    return issue(*row, now);
}

LoginResult AccountsService::signedIn(const UserRow& row, const std::string& guardKey, const std::string& ip,
                                     std::int64_t now, const char* how) {
    guard_.clear(guardKey);
    LoginResult out;
    out.kind = LoginResult::Kind::Ok;
    out.session = issue(row, now);
    out.profile = decrypt(row);
    out.deviceToken = deviceFor(row, now);
    audit_.record("sign_in", std::to_string(row.id), ip, how);
    return out;
}

std::string AccountsService::deviceFor(const UserRow& row, std::int64_t now) const {
    return devices_.issue(std::to_string(row.id), "device", 0, now);
}

std::string AccountsService::delayKey(const std::string& bidx, const std::optional<UserRow>& row,
                                      const std::string& ip, const std::string& deviceToken, std::int64_t now) const {
    if (row && !deviceToken.empty() && deviceToken.size() < 1000) {
        auto check = devices_.verify(deviceToken, now);
        if (check.claims && check.claims->role == "device" && check.claims->subject == std::to_string(row->id))
            return security::sha256(bidx + "|device:" + check.claims->jti);
    }
    return security::sha256(bidx + "|" + security::rateClientKey(ip));
}

LoginResult AccountsService::login(const std::string& emailIn, const std::string& password, const std::string& code,
                                   const std::string& ip, std::int64_t now, const std::string& deviceToken) {
    LoginResult out;
    const std::string email = normalizeEmail(emailIn);
    const std::string bidx = emailIndex(email);
    // Delays count per account AND client address: failures from elsewhere never keep the
    // owner out (issue 16). While waiting, only the password together with a valid second
    // factor still gets in; the answer does not say which of the two was wrong.
    auto row = store_.byEmailBidx(bidx);
    const std::string pair = delayKey(bidx, row, ip, deviceToken, now);
    if (auto left = guard_.lockedFor(pair, now)) {
        const bool mfaOk = row && row->mfaEnabled && !code.empty() && row->status == "active" &&
                           hasher_.verify(password, row->passwordHash) && verifySecondFactor(*row, code, ip, now);
        if (!mfaOk) {
            if (!row || !row->mfaEnabled || code.empty()) hasher_.dummyVerify(password);  // the same time as any other answer
            out.kind = LoginResult::Kind::Locked;
            out.retryAfter = *left;
            audit_.record("sign_in_failed", std::nullopt, ip, "locked");
            return out;
        }
        return signedIn(*row, pair, ip, now, "mfa_while_delayed");
    }
    bool ok = false;
    if (row) ok = hasher_.verify(password, row->passwordHash);
    else hasher_.dummyVerify(password);
    if (!ok) {
        const bool lockedNow = guard_.recordFailure(pair, now);
        audit_.record("sign_in_failed", row ? std::optional<std::string>(std::to_string(row->id)) : std::nullopt, ip,
                      row ? "wrong_password" : "unknown_account");
        if (lockedNow) {
            audit_.record("lockout", row ? std::optional<std::string>(std::to_string(row->id)) : std::nullopt, ip, "");
        }
        out.kind = LoginResult::Kind::Invalid;
        return out;
    }
    if (row->status == "pending") {
        out.kind = LoginResult::Kind::Pending;
        return out;
    }
    if (row->status == "unconfirmed") {  // only the holder of the password learns this
        out.kind = LoginResult::Kind::Unconfirmed;
        return out;
    }
    if (row->status != "active") {
        out.kind = LoginResult::Kind::Invalid;
        return out;
    }
    if (hasher_.needsRehash(row->passwordHash)) store_.setPassword(row->id, hasher_.hash(password), false);

    Principal p{row->id, row->role, "", now, now, row->language};
    if (row->mfaEnabled) {
        if (code.empty()) {
            out.kind = LoginResult::Kind::MfaRequired;
            out.pendingToken = pendingFor(p, "mfa", now);
            return out;
        }
        if (!verifySecondFactor(*row, code, ip, now)) {
            guard_.recordFailure(pair, now);
            out.kind = LoginResult::Kind::MfaInvalid;
            return out;
        }
    } else if (row->role == "doctor" || row->role == "admin") {
        out.kind = LoginResult::Kind::MfaEnrollment;
        out.pendingToken = pendingFor(p, "enroll", now);
        return out;
    }
    return signedIn(*row, pair, ip, now, row->mfaEnabled ? "mfa" : "password");
}

bool AccountsService::verifySecondFactor(const UserRow& row, const std::string& codeIn, const std::string& ip,
                                         std::int64_t now) {
    std::string code = trimmed(codeIn);
    code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
    if (code.size() == 6 && std::all_of(code.begin(), code.end(), ::isdigit) && row.mfaSecretCt) {
        const std::string secret = security::Vault::decrypt(dataKeyFor(row.id), *row.mfaSecretCt, aad("mfa_secret", row.id));
        if (auto step = security::totpVerify(secret, code, now))
            if (store_.useMfaStep(row.id, *step)) return true;
    } else if (code.size() >= 16 && store_.useRecoveryCode(row.id, recoveryHash(code))) {
        audit_.record("recovery_code_used", std::to_string(row.id), ip, "");
        return true;
    }
    audit_.record("mfa_failed", std::to_string(row.id), ip, "");
    return false;
}

std::string AccountsService::pendingFor(const Principal& p, const std::string& purpose, std::int64_t now) const {
    auto row = store_.byId(p.userId);
    return pending_.issue(std::to_string(p.userId), purpose, row ? row->passwordVersion : 0, now);
}

std::optional<Principal> AccountsService::pendingPrincipal(const std::string& token, const std::string& purpose,
                                                           std::int64_t now) {
    auto check = pending_.verify(token, now);
    if (!check.claims || check.claims->role != purpose) return std::nullopt;
    std::int64_t id = 0;
    try {
        id = std::stoll(check.claims->subject);
    } catch (...) {
        return std::nullopt;
    }
    auto row = store_.byId(id);
    if (!row || row->status != "active" || row->passwordVersion != check.claims->passwordVersion) return std::nullopt;
    return Principal{row->id, row->role, check.claims->jti, check.claims->authTime, check.claims->expiresAt, row->language};
}

LoginResult AccountsService::completeMfa(const std::string& pendingToken, const std::string& code,
                                         const std::string& ip, std::int64_t now) {
    LoginResult out;
    auto p = pendingPrincipal(pendingToken, "mfa", now);
    if (!p) return out;  // Invalid: start again
    auto row = store_.byId(p->userId);
    if (auto left = guard_.lockedFor(row->emailBidx, now)) {
        out.kind = LoginResult::Kind::Locked;
        out.retryAfter = *left;
        return out;
    }
    if (!verifySecondFactor(*row, code, ip, now)) {
        guard_.recordFailure(row->emailBidx, now);
        out.kind = LoginResult::Kind::MfaInvalid;
        out.pendingToken = pendingToken;
        return out;
    }
    return signedIn(*row, row->emailBidx, ip, now, "mfa");
}

Enrollment AccountsService::beginEnrollment(std::int64_t userId) {
    auto row = store_.byId(userId);
    if (!row) throw std::runtime_error("no such user");
    if (row->mfaEnabled) throw std::logic_error("two-step sign-in is already on");
    const std::string key = dataKeyFor(userId);
    if (!row->mfaSecretCt) {
        // Stored now (encrypted like an enabled one) but not enabled until a code proves the
        // authenticator app has it. If another tab stored one first, that one is shown.
        auto fresh = security::newTotpSecret();
        store_.startMfa(userId, security::Vault::encrypt(key, fresh.raw, aad("mfa_secret", userId)));
        row = store_.byId(userId);
        if (!row || row->mfaEnabled || !row->mfaSecretCt) throw std::logic_error("two-step set-up changed meanwhile");
    }
    const auto secret =
        security::totpSecretFromRaw(security::Vault::decrypt(key, *row->mfaSecretCt, aad("mfa_secret", userId)));
    // The address names the account inside the app (the otpauth URI); it is never logged.
    const std::string email = security::Vault::decrypt(key, row->emailCt, aad("email", userId));
    return Enrollment{secret.base32, security::totpUri(secret, settings_.practiceName, email)};
}

Enrollment AccountsService::restartEnrollment(std::int64_t userId) {
    auto row = store_.byId(userId);
    if (!row) throw std::runtime_error("no such user");
    if (row->mfaEnabled) throw std::logic_error("two-step sign-in is already on");
    store_.abandonMfa(userId);
    return beginEnrollment(userId);
}

std::optional<std::vector<std::string>> AccountsService::confirmEnrollment(std::int64_t userId, const std::string& codeIn,
                                                                           const std::string& ip, std::int64_t now) {
    auto row = store_.byId(userId);
    // Confirming again must not replace the recovery codes of an enabled second factor.
    if (!row || !row->mfaSecretCt || row->mfaEnabled) return std::nullopt;
    if (auto left = guard_.lockedFor(row->emailBidx, now)) return std::nullopt;
    const std::string secret = security::Vault::decrypt(dataKeyFor(userId), *row->mfaSecretCt, aad("mfa_secret", userId));
    std::string code = trimmed(codeIn);
    code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
    auto step = security::totpVerify(secret, code, now);
    if (!step) {
        guard_.recordFailure(row->emailBidx, now);
        audit_.record("mfa_failed", std::to_string(userId), ip, "enrollment");
        return std::nullopt;
    }
    store_.setMfa(userId, row->mfaSecretCt, true);
    store_.useMfaStep(userId, *step);
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < kRecoveryCodes; ++i) {
        codes.push_back(newRecoveryCode());
        hashes.push_back(recoveryHash(codes.back()));
    }
    store_.replaceRecoveryCodes(userId, hashes);
    audit_.record("mfa_enrolled", std::to_string(userId), ip, "");
    return codes;
}

FieldErrors AccountsService::disableMfa(const Principal& p, const std::string& password, const std::string& ip) {
    auto row = store_.byId(p.userId);
    if (!row) return {{"password", i18n::N_("Your account could not be found.")}};
    if (row->role == "doctor" || row->role == "admin")
        return {{"mfa", i18n::N_("Doctors and administrators must keep two-step sign-in on.")}};
    if (!hasher_.verify(password, row->passwordHash)) {
        guard_.recordFailure(row->emailBidx, static_cast<std::int64_t>(std::time(nullptr)));
        return {{"password", i18n::N_("The password is not correct.")}};
    }
    store_.setMfa(p.userId, std::nullopt, false);
    store_.replaceRecoveryCodes(p.userId, {});
    audit_.record("mfa_disabled", std::to_string(p.userId), ip, "");
    return {};
}

FieldErrors AccountsService::confirmPassword(const Principal& p, const std::string& password) {
    auto row = store_.byId(p.userId);
    if (!row) return {{"password", i18n::N_("Your account could not be found.")}};
    if (password.empty()) return {{"password", i18n::N_("Enter your password.")}};
    if (!hasher_.verify(password, row->passwordHash)) {
        guard_.recordFailure(row->emailBidx, static_cast<std::int64_t>(std::time(nullptr)));
        return {{"password", i18n::N_("The password is not correct.")}};
    }
    return {};
}

AuthResult AccountsService::authenticate(const std::string& token, std::int64_t now) {
    AuthResult out;
    auto check = sessions_.verify(token, now);
    if (!check.claims) return out;
    const auto& c = *check.claims;
    // Idle timeout: a renewed token's iat moves with activity; absolute: auth_time never does.
    if (now - c.issuedAt > static_cast<std::int64_t>(settings_.idleMinutes) * 60) return out;
    if (now - c.authTime > static_cast<std::int64_t>(settings_.absoluteHours) * 3600) return out;
    std::int64_t id = 0;
    try {
        id = std::stoll(c.subject);
    } catch (...) {
        return out;
    }
    if (store_.isRevoked(c.jti)) return out;
    auto row = store_.byId(id);
    if (!row || row->status != "active" || row->role != c.role || row->passwordVersion != c.passwordVersion) return out;
    out.principal = Principal{id, c.role, c.jti, c.authTime, c.expiresAt, row->language};
    if (now - c.issuedAt >= kRenewAfterSeconds) {
        security::SessionClaims renewed;
        out.renewedToken = sessions_.issue(c.subject, c.role, c.passwordVersion, now, c.authTime, &renewed, c.jti);
        // Never past the absolute lifetime.
        out.renewedExpiresAt = std::min<std::int64_t>(renewed.expiresAt,
                                                      c.authTime + static_cast<std::int64_t>(settings_.absoluteHours) * 3600);
        out.principal->expiresAt = out.renewedExpiresAt;
    }
    return out;
}

void AccountsService::logout(const Principal& p, const std::string& ip) {
    // Renewed copies share the jti, so revoke it for as long as any copy could live.
    store_.revokeToken(p.jti, p.authTime + static_cast<std::int64_t>(settings_.absoluteHours) * 3600 + 60);
    audit_.record("sign_out", std::to_string(p.userId), ip, "");
}

std::optional<Profile> AccountsService::profile(std::int64_t userId) {
    auto row = store_.byId(userId);
    if (!row) return std::nullopt;
    return decrypt(*row);
}

FieldErrors AccountsService::updateProfile(const Principal& p, const std::string& name, const std::string& phone,
                                           const std::string& dob) {
    FieldErrors errors;
    if (auto e = nameProblem(name)) errors.push_back({"name", *e});
    if (auto e = phoneProblem(phone)) errors.push_back({"phone", *e});
    if (auto e = dobProblem(dob, static_cast<std::int64_t>(std::time(nullptr)))) errors.push_back({"dob", *e});
    if (!errors.empty()) return errors;
    const std::string key = dataKeyFor(p.userId);
    std::optional<std::string> phoneCt, dobCt;
    if (!trimmed(phone).empty()) phoneCt = security::Vault::encrypt(key, trimmed(phone), aad("phone", p.userId));
    if (!trimmed(dob).empty()) dobCt = security::Vault::encrypt(key, trimmed(dob), aad("dob", p.userId));
    store_.setProfile(p.userId, security::Vault::encrypt(key, trimmed(name), aad("name", p.userId)), phoneCt, dobCt);
    audit_.record("profile_changed", std::to_string(p.userId), "", "");
    return errors;
}

FieldErrors AccountsService::setLanguage(const Principal& p, const std::string& language) {
    if (!mail_.catalogs().supports(language)) return {{"language", i18n::N_("Choose one of the languages in the list.")}};
    store_.setLanguage(p.userId, language);
    audit_.record("language_changed", std::to_string(p.userId), "", language);
    return {};
}

std::optional<std::string> AccountsService::languageOfAddress(const std::string& normalizedEmail) {
    auto row = store_.byEmailBidx(emailIndex(normalizedEmail));
    if (!row) return std::nullopt;
    return row->language;
}

void AccountsService::mailTo(const std::string& to, const std::string& subject, const std::string& text) {
    // An address the mailer refuses (it was validated at registration) is not a reason to
    // fail the user's request; the outbox logs without the address.
    mail_.send(to, subject, text);
}

PasswordResult AccountsService::changePassword(const Principal& p, const std::string& current,
                                               const std::string& password, const std::string& confirm,
                                               const std::string& ip, std::int64_t now) {
    PasswordResult out;
    auto row = store_.byId(p.userId);
    if (!row) throw std::runtime_error("signed-in user vanished");
    if (!hasher_.verify(current, row->passwordHash)) {
        out.errors.push_back({"current_password", i18n::N_("The current password is not correct.")});
        audit_.record("password_change_failed", std::to_string(p.userId), ip, "wrong_current");
        return out;
    }
    const Profile prof = decrypt(*row);
    out.errors = checkNewPassword(password, confirm, prof.email, prof.name, true);
    if (out.errors.empty() && password == current)
        out.errors.push_back({"password", i18n::N_("The new password must differ from the current one.")});
    if (!out.errors.empty()) return out;
    store_.setPassword(p.userId, hasher_.hash(password), true);
    store_.revokeToken(p.jti, p.authTime + static_cast<std::int64_t>(settings_.absoluteHours) * 3600 + 60);
    audit_.record("password_changed", std::to_string(p.userId), ip, "change");
    const std::string lang = mailLanguageOf(*row);
    mailTo(prof.email, mail_.tr(lang, "Your password was changed"),
           mail_.trf(lang,
                     "Hello,\n\nthe password of your {1} account was just changed, and every other device was signed "
                     "out.\n\nIf this was not you, reset your password now at {2} and call the practice.\n",
                     {settings_.practiceName, settings_.publicUrl + "/forgot-password"}));
    out.session = startSession(p.userId, now);
    return out;
}

void AccountsService::forgotPassword(const std::string& emailIn, const std::string& ip, std::int64_t now) {
    const std::string email = normalizeEmail(emailIn);
    auto row = store_.byEmailBidx(emailIndex(email));
    // An unconfirmed account may be reset too: the reset link proves the address, so a real
    // owner who finds someone else's registration waiting on it takes it over, clean.
    if (!row || (row->status != "active" && row->status != "unconfirmed")) {
        audit_.record("reset_requested", std::nullopt, ip, "unknown_account");
        return;
    }
    const std::string token = security::base64UrlEncode(security::randomBytes(32));
    store_.addReset(security::sha256(token), row->id, now + static_cast<std::int64_t>(settings_.resetTokenMinutes) * 60);
    audit_.record("reset_requested", std::to_string(row->id), ip, "");
    const std::string lang = mailLanguageOf(*row);
    mailTo(email, mail_.tr(lang, "Reset your password"),
           mail_.trf(lang,
                     "Hello,\n\nsomeone asked to reset the password of your {1} account. To choose a new password, "
                     "open this link within {2} minutes:\n\n{3}\n\nThe link works once. If you did not ask for it, "
                     "ignore this mail: your password stays as it is.\n",
                     {settings_.practiceName, std::to_string(settings_.resetTokenMinutes),
                      settings_.publicUrl + "/reset-password?token=" + token}));
}

bool AccountsService::resetTokenUsable(const std::string& token, std::int64_t now) {
    if (token.empty() || token.size() > 100) return false;
    return store_.resetOwner(security::sha256(token), now).has_value();
}

PasswordResult AccountsService::resetPassword(const std::string& token, const std::string& password,
                                              const std::string& confirm, const std::string& ip, std::int64_t now) {
    PasswordResult out;
    if (token.empty() || token.size() > 100) {
        out.errors.push_back({"token", i18n::N_("This reset link is not valid any more. Ask for a new one.")});
        return out;
    }
    auto userId = store_.resetOwner(security::sha256(token), now);
    if (!userId) {
        out.errors.push_back({"token", i18n::N_("This reset link is not valid any more. Ask for a new one.")});
        return out;
    }
    auto row = store_.byId(*userId);
    const Profile prof = decrypt(*row);
    out.errors = checkNewPassword(password, confirm, prof.email, prof.name, true);
    if (!out.errors.empty()) return out;  // the link still works: a weak password must not burn it
    // Single use, even when two requests race with the same link.
    if (store_.consumeReset(security::sha256(token), now) != userId) {
        out.errors.push_back({"token", i18n::N_("This reset link is not valid any more. Ask for a new one.")});
        return out;
    }
    store_.setPassword(*userId, hasher_.hash(password), true);
    guard_.clear(row->emailBidx);
    audit_.record("reset_completed", std::to_string(*userId), ip, "");
    bool mfaStays = row->mfaEnabled;
    std::string cleaned;
    const std::string lang = mailLanguageOf(*row);
    if (!row->emailConfirmed()) {
        // The first proof that this address is the owner's: whatever was set up before it may
        // have been someone else's doing, so it goes (and the owner is told what went).
        out.removed = store_.startClean(*userId);
        store_.markConfirmed(*userId, row->status, confirmedStatus(*row));
        audit_.record("email_confirmed", std::to_string(*userId), ip, "reset");
        mfaStays = false;
        cleaned = describeRemoved(out.removed, mail_.catalogs(), lang);
    }
    if (cleaned.empty())
        mailTo(prof.email, mail_.tr(lang, "Your password was changed"),
               mail_.trf(lang,
                         "Hello,\n\nthe password of your {1} account was just reset, and every device was signed "
                         "out.\n\nIf this was not you, call the practice now.\n",
                         {settings_.practiceName}));
    else
        mailTo(prof.email, mail_.tr(lang, "Your password was changed"),
               mail_.trf(lang,
                         "Hello,\n\nthe password of your {1} account was just reset, and every device was signed "
                         "out.\n\nBecause this was the first time the email address was proved to be yours, what had "
                         "been set up on the account before was removed: {2}. Set up again what you need.\n\nIf this "
                         "was not you, call the practice now.\n",
                         {settings_.practiceName, cleaned}));
    if (mfaStays || row->role == "doctor" || row->role == "admin") return out;  // sign in again, with the code
    out.session = startSession(*userId, now);
    return out;
}

std::vector<Profile> AccountsService::pendingDoctors() {
    std::vector<Profile> out;
    for (const auto& row : store_.byRoleStatus("doctor", "pending")) out.push_back(decrypt(row));
    return out;
}

bool AccountsService::approveDoctor(const Principal& admin, std::int64_t doctorId, const std::string& ip) {
    auto row = store_.byId(doctorId);
    if (!row || row->role != "doctor") return false;
    if (!store_.setStatus(doctorId, "pending", "active")) return false;
    audit_.record("doctor_approved", std::to_string(doctorId), ip, "by_admin");
    (void)admin;
    // The waiting page says they can sign in once approved: without this mail nobody tells them
    // when (issue 22's walkthrough).
    const Profile prof = decrypt(*row);
    const std::string lang = mailLanguageOf(*row);
    mailTo(prof.email, mail_.tr(lang, "Your doctor account is approved"),
           mail_.trf(lang,
                     "Hello,\n\nthe {1} administrators approved the doctor account you registered with this "
                     "address. You can sign in now:\n\n{2}\n\nThe first time, you will set up two-step sign-in "
                     "with an authenticator app on your phone, so have one ready.\n\n{1}\n",
                     {settings_.practiceName, settings_.publicUrl + "/login"}));
    return true;
}

bool AccountsService::rejectDoctor(const Principal& admin, std::int64_t doctorId, const std::string& ip) {
    auto row = store_.byId(doctorId);
    if (admin.role != "admin" || !row || row->role != "doctor") return false;
    if (!store_.setStatus(doctorId, "pending", "disabled")) return false;
    audit_.record("doctor_rejected", std::to_string(doctorId), ip, "by_admin");
    const Profile prof = decrypt(*row);
    const std::string lang = mailLanguageOf(*row);
    mailTo(prof.email, mail_.tr(lang, "Your doctor account was not approved"),
           mail_.trf(lang,
                     "Hello,\n\nthe {1} administrators did not approve the doctor account you registered with this "
                     "address, so it cannot be used to sign in.\n\nIf you work at the practice and think this is a "
                     "mistake, please call the practice or speak to its administrators.\n",
                     {settings_.practiceName}));
    return true;
}

std::size_t AccountsService::rotateMasterKey() {
    std::size_t changed = 0;
    const int current = vault_.currentVersion();
    for (;;) {
        auto batch = store_.dataKeysNotAt(current, 200);
        if (batch.empty()) break;
        std::size_t progress = 0;
        for (const auto& k : batch) {
            const std::string plain = vault_.unwrap(security::WrappedKey{k.version, k.wrapped}, owner(k.userId));
            auto wrapped = vault_.wrap(plain, owner(k.userId));
            if (store_.rewrapDataKey(k, wrapped.version, wrapped.blob)) ++progress;
        }
        changed += progress;
        if (progress == 0) break;
    }
    return changed;
}

void AccountsService::recordDenied(const std::optional<Principal>& p, const std::string& ip, const std::string& what) {
    audit_.record("access_denied", p ? std::optional<std::string>(std::to_string(p->userId)) : std::nullopt, ip, what);
}

}  // namespace medassist::accounts
