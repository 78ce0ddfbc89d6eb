#pragma once
// The rules of accounts: registration, sign-in (with lockout and MFA), sessions (renewal,
// idle and absolute limits, revocation), password change and reset, profile, doctor
// approval and master-key rotation. No SQL (UserStore) and no HTTP (the routes); every
// personal value passes through the Vault on its way to and from the store.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user_store.hpp"
#include "http/errors.hpp"
#include "mail/localized_mail.hpp"
#include "security/audit_log.hpp"
#include "security/login_guard.hpp"
#include "security/password_hasher.hpp"
#include "security/session_tokens.hpp"
#include "security/totp.hpp"
#include "security/vault.hpp"

namespace medassist::accounts {

using FieldErrors = std::vector<http::FieldError>;

bool isRole(const std::string& role);

// Who is asking: the verified claims of a session token plus what the database says now.
struct Principal {
    std::int64_t userId = 0;
    std::string role;
    std::string jti;
    std::int64_t authTime = 0;
    std::int64_t expiresAt = 0;
    // The account's saved language ("it"; empty: never chosen): the reader's language wins
    // over the cookie and Accept-Language (http/language.hpp), for a Bearer client too.
    std::string language;
};

struct Profile {
    std::int64_t id = 0;
    std::string role, status, email, name;
    std::optional<std::string> phone, dob;
    bool mfaEnabled = false;
    std::string createdAt;
    std::string emailConfirmedOn;  // "YYYY-MM-DD", empty when the address was never proved
    std::string language;          // the language chosen ("it"); empty: never chosen (the practice's default)
};

struct SessionGrant {
    std::string token;
    std::int64_t expiresAt = 0;
    Principal principal;
    std::string language;  // the account's saved language (empty: none): the sign-in sets the cookie
};

struct AccountSettings {
    int idleMinutes = 30;
    int absoluteHours = 12;
    int resetTokenMinutes = 30;
    int confirmTokenHours = 24;
    std::string publicUrl;     // links in mails are built from this, never from Host
    std::string practiceName;
};

struct RegisterInput {
    std::string role, name, email, password;
    std::optional<std::string> phone, dob;
    // The language of the page the person registered on: saved as the account's language, so
    // every mail (the confirmation first) is in it. Empty or unknown: none saved.
    std::string language;
};

// A self-registration never signs anyone in and never says whether the address had an
// account: with no field errors, the caller answers "check your email" in both cases.
struct RegisterResult {
    FieldErrors errors;
    std::optional<Profile> profile;  // the new account (unconfirmed); none when the address was taken
    bool emailTaken = false;         // for createUser's callers (the CLI); registerUser hides it
};

// Opening the confirmation link with the password chosen at registration.
struct ConfirmResult {
    FieldErrors errors;                   // "token" (link unusable) or "password"
    std::optional<SessionGrant> session;  // patients and caregivers are signed in
    bool awaitingApproval = false;        // a doctor: confirmed, still waiting for an admin
    CleanSlate removed;                   // what a first confirmation removed (normally nothing)
    int retryAfter = 0;                   // > 0: too many wrong passwords, wait this long
};

struct LoginResult {
    enum class Kind {
        Ok,             // session issued
        Invalid,        // unknown email or wrong password: one answer for both
        Locked,         // too many failures for this account; retryAfter seconds
        Pending,        // a doctor not yet approved
        MfaRequired,    // password right; a TOTP or recovery code is needed (pendingToken)
        MfaEnrollment,  // password right; this role must enroll TOTP first (pendingToken)
        MfaInvalid,     // the code was wrong
        Unconfirmed,    // password right; the address was never confirmed (link not opened)
    } kind = Kind::Invalid;
    std::optional<SessionGrant> session;
    std::optional<Profile> profile;
    std::string pendingToken;
    int retryAfter = 0;
    // With Ok: a "known device" token for this browser (cookie kDeviceCookie), so failures
    // made elsewhere, even from the same address, never delay this device's sign-ins.
    std::string deviceToken;
};

struct AuthResult {
    std::optional<Principal> principal;
    std::optional<std::string> renewedToken;  // set when the session was extended
    std::int64_t renewedExpiresAt = 0;
};

struct PasswordResult {
    FieldErrors errors;
    std::optional<SessionGrant> session;  // a fresh session after a change or reset
    CleanSlate removed;  // a reset that proved an address never proved before starts it clean
};

struct Enrollment {
    std::string secretBase32;
    std::string otpauthUri;
};

class AccountsService {
public:
    AccountsService(UserStore& store, security::Vault& vault, const security::PasswordHasher& hasher,
                    const security::SessionTokens& sessions, const security::SessionTokens& pending,
                    const security::SessionTokens& devices, security::LoginGuard& guard, security::AuditLog& audit,
                    mail::LocalizedMail& mail, AccountSettings settings);

    // Patients, caregivers and doctors register themselves: the account is unconfirmed (it
    // cannot sign in) until the link mailed to the address is opened with the password; a
    // doctor then waits for an admin. An address that has an account is not touched: its
    // owner gets a mail instead, and the caller's answer is the same (no account oracle).
    // Admins and other accounts made by the CLI use createUser (confirmed: an admin vouches).
    RegisterResult registerUser(const RegisterInput& in, const std::string& ip, std::int64_t now);
    RegisterResult createUser(const RegisterInput& in, const std::string& status, bool emailConfirmed = true);
    ConfirmResult confirmEmail(const std::string& token, const std::string& password, const std::string& ip,
                               std::int64_t now);
    bool confirmationUsable(const std::string& token, std::int64_t now);
    // Mails a new confirmation link when the address has an unconfirmed account; nothing
    // otherwise. Always the same outcome to the caller.
    void resendConfirmation(const std::string& email, const std::string& ip, std::int64_t now);
    // The CLI's confirm-email: an admin who has checked the person confirms the address.
    bool confirmByAdmin(const std::string& email);

    // deviceToken: the browser's known-device cookie, if any (may be empty or anyone's).
    LoginResult login(const std::string& email, const std::string& password, const std::string& code,
                      const std::string& ip, std::int64_t now, const std::string& deviceToken = "");
    // Second step of a sign-in that needs a TOTP or recovery code.
    LoginResult completeMfa(const std::string& pendingToken, const std::string& code, const std::string& ip,
                            std::int64_t now);
    // Enrollment during a sign-in (doctors, admins) or from the account page (anyone).
    std::optional<Principal> pendingPrincipal(const std::string& pendingToken, const std::string& purpose,
                                              std::int64_t now);
    // The set-up under way, started now if there is none. Its key stays the same until it is
    // confirmed or abandoned, so reloading the page shows the key the app may already hold.
    Enrollment beginEnrollment(std::int64_t userId);
    // Abandons a set-up under way (its key will never be accepted) and starts one with a new key.
    Enrollment restartEnrollment(std::int64_t userId);
    // The recovery codes (shown once) when the code confirms the secret; nullopt otherwise.
    std::optional<std::vector<std::string>> confirmEnrollment(std::int64_t userId, const std::string& code,
                                                              const std::string& ip, std::int64_t now);
    std::string pendingFor(const Principal& p, const std::string& purpose, std::int64_t now) const;
    SessionGrant startSession(std::int64_t userId, std::int64_t now);
    FieldErrors disableMfa(const Principal& p, const std::string& password, const std::string& ip);
    // The password asked again before a sensitive step (export, erasure). A wrong one counts
    // as a failed sign-in towards the account's lockout.
    FieldErrors confirmPassword(const Principal& p, const std::string& password);

    AuthResult authenticate(const std::string& token, std::int64_t now);
    void logout(const Principal& p, const std::string& ip);

    std::optional<Profile> profile(std::int64_t userId);
    FieldErrors updateProfile(const Principal& p, const std::string& name, const std::string& phone,
                              const std::string& dob);
    // Saves the language the account's mails are written in (and its sign-ins start in): one
    // of the app's languages, else a "language" field error and nothing saved.
    FieldErrors setLanguage(const Principal& p, const std::string& language);
    // The language to mail someone in: their saved choice, else the practice's default.
    std::string mailLanguage(const Profile& p) const { return mail_.languageFor(p.language); }
    // The saved language of the account that uses this address ("" when it chose none);
    // nullopt when no account does (an invitation then uses the inviter's page language).
    std::optional<std::string> languageOfAddress(const std::string& normalizedEmail);

    PasswordResult changePassword(const Principal& p, const std::string& current, const std::string& password,
                                  const std::string& confirm, const std::string& ip, std::int64_t now);
    // Always the same outcome to the caller, whether or not the account exists.
    void forgotPassword(const std::string& email, const std::string& ip, std::int64_t now);
    bool resetTokenUsable(const std::string& token, std::int64_t now);
    PasswordResult resetPassword(const std::string& token, const std::string& password, const std::string& confirm,
                                 const std::string& ip, std::int64_t now);

    std::vector<Profile> pendingDoctors();
    bool approveDoctor(const Principal& admin, std::int64_t doctorId, const std::string& ip);
    // A doctor waiting for approval whom the practice does not know (issue 22): the account
    // is disabled (it can never sign in) and the doctor is told by mail, in their language.
    // False when doctorId is not a doctor waiting for approval.
    bool rejectDoctor(const Principal& admin, std::int64_t doctorId, const std::string& ip);

    // Re-wraps every data key under the newest master key; returns how many changed.
    std::size_t rotateMasterKey();

    void recordDenied(const std::optional<Principal>& p, const std::string& ip, const std::string& what);

    const AccountSettings& settings() const { return settings_; }

    // A user's data key, unwrapped: the key their medical records (reasons, notes, chat)
    // are encrypted under. Throws when the user or key is gone (erased).
    std::string dataKeyFor(std::int64_t userId);
    // The user's data key and their name, from one read of each (a chat turn needs both).
    struct KeyAndName {
        std::string key, name;
    };
    std::optional<KeyAndName> keyAndName(std::int64_t userId);
    // The blind index an email is found by (users.email_bidx, caregiver invitations).
    std::string emailIndex(const std::string& normalizedEmail) const;

private:
    Profile decrypt(const UserRow& row);
    bool verifySecondFactor(const UserRow& row, const std::string& code, const std::string& ip, std::int64_t now);
    SessionGrant issue(const UserRow& row, std::int64_t now);
    std::string deviceFor(const UserRow& row, std::int64_t now) const;
    // A finished sign-in: failures under guardKey forgotten, session, profile, known-device
    // token, audit event `how` (the three ways a sign-in ends share this).
    LoginResult signedIn(const UserRow& row, const std::string& guardKey, const std::string& ip, std::int64_t now,
                         const char* how);
    // The growing-delay key of a sign-in: the account and this browser when it carries the
    // account's own known-device token, else the account and the client address.
    std::string delayKey(const std::string& bidx, const std::optional<UserRow>& row, const std::string& ip,
                         const std::string& deviceToken, std::int64_t now) const;
    FieldErrors checkNewPassword(const std::string& password, const std::string& confirm, const std::string& email,
                                 const std::string& name, bool confirmRequired);
    void mailTo(const std::string& to, const std::string& subject, const std::string& text);
    std::string mailLanguageOf(const UserRow& row) const { return mail_.languageFor(row.language); }
    void mailConfirmation(std::int64_t userId, const std::string& email, const std::string& lang, bool alreadyWaiting,
                          std::int64_t now);
    // The status a confirmed account takes: doctors wait for an admin, everyone else is active.
    static std::string confirmedStatus(const UserRow& row);

    UserStore& store_;
    security::Vault& vault_;
    const security::PasswordHasher& hasher_;
    const security::SessionTokens& sessions_;
    const security::SessionTokens& pending_;
    const security::SessionTokens& devices_;
    security::LoginGuard& guard_;
    security::AuditLog& audit_;
    mail::LocalizedMail& mail_;
    AccountSettings settings_;
};

// "1 caregiver link, two-step sign-in and the phone number": what a clean start removed, for
// the owner, in lang (empty when nothing was).
std::string describeRemoved(const CleanSlate& removed, const i18n::Catalogs& catalogs, const std::string& lang);

// Validation shared with the routes' error messages.
std::string normalizeEmail(const std::string& email);
std::optional<std::string> emailProblem(const std::string& normalizedEmail);
std::optional<std::string> nameProblem(const std::string& name);
std::optional<std::string> phoneProblem(const std::string& phone);
std::optional<std::string> dobProblem(const std::string& dob, std::int64_t now);

}  // namespace medassist::accounts
