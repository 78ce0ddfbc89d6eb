#pragma once
// SQL for accounts: users, their wrapped data keys, revoked session ids, reset tokens and
// MFA recovery codes. Values arrive already encrypted or hashed (the service does that);
// this file only moves bytes in and out through prepared statements.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::accounts {

struct UserRow {
    std::int64_t id = 0;
    std::string role;
    std::string status;  // active, pending, disabled
    std::string emailBidx;
    std::string emailCt, nameCt;
    std::optional<std::string> phoneCt, dobCt;
    std::string passwordHash;
    int passwordVersion = 1;
    std::optional<std::string> mfaSecretCt;
    bool mfaEnabled = false;
    std::string createdAt;  // UTC, "YYYY-MM-DD HH:MM:SS"
    // The day (UTC, "YYYY-MM-DD") the owner proved the address by opening a mailed link, or
    // empty: never proved (unconfirmed, or made before confirmation existed).
    std::string emailConfirmedOn;
    bool emailConfirmed() const { return !emailConfirmedOn.empty(); }
    // The language the owner chose ("it"); empty: never chosen (the practice's default).
    std::string language;
};

// What startClean() removed, so the owner can be told.
struct CleanSlate {
    int caregiverLinks = 0;
    bool phone = false, dob = false, mfa = false;
    bool any() const { return caregiverLinks > 0 || phone || dob || mfa; }
};

struct EncryptedFields {
    std::string emailCt, nameCt;
    std::optional<std::string> phoneCt, dobCt;
};

struct StoredKey {
    std::int64_t userId = 0;
    int version = 0;
    std::string wrapped;
};

struct NewUser {
    std::string role, status, emailBidx, passwordHash;
    bool emailConfirmed = false;  // made by an admin (CLI): nobody has to open a link
    std::string language;         // empty: none chosen (NULL)
};

class UserStore {
public:
    explicit UserStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Inserts the user, then asks `seal` for the ciphertexts and wrapped key (they are
    // bound to the new row id), all in one transaction. nullopt when the email is taken.
    std::optional<std::int64_t> create(const NewUser& user,
                                       const std::function<std::pair<EncryptedFields, StoredKey>(std::int64_t id)>& seal);

    std::optional<UserRow> byEmailBidx(const std::string& bidx);
    std::optional<UserRow> byId(std::int64_t id);
    std::vector<UserRow> byRoleStatus(const std::string& role, const std::string& status);

    std::optional<StoredKey> dataKey(std::int64_t userId);
    std::vector<StoredKey> dataKeysNotAt(int version, std::size_t limit);
    // Replaces a wrapped key only if it is still the one read (a concurrent rotation wins once).
    bool rewrapDataKey(const StoredKey& old, int newVersion, const std::string& newWrapped);

    // Sets a new hash; bumpVersion ends every older session. Returns the version now stored.
    int setPassword(std::int64_t id, const std::string& hash, bool bumpVersion);
    void setProfile(std::int64_t id, const std::string& nameCt, const std::optional<std::string>& phoneCt,
                    const std::optional<std::string>& dobCt);
    bool setStatus(std::int64_t id, const std::string& from, const std::string& to);
    // The language the owner chose; empty stores NULL (the practice's default).
    void setLanguage(std::int64_t id, const std::string& language);

    void setMfa(std::int64_t id, const std::optional<std::string>& secretCt, bool enabled);
    // Stores a pending (not yet enabled) secret only when the account has none: false when
    // another request stored one first, whose secret the caller should then show instead.
    bool startMfa(std::int64_t id, const std::string& secretCt);
    // Drops a pending secret; never one that is enabled (a confirmation may have just won).
    void abandonMfa(std::int64_t id);
    // Records the TOTP step just used; false when it (or a later one) was used already.
    bool useMfaStep(std::int64_t id, std::int64_t step);
    void replaceRecoveryCodes(std::int64_t id, const std::vector<std::string>& codeHashes);
    bool useRecoveryCode(std::int64_t id, const std::string& codeHash);
    int unusedRecoveryCodes(std::int64_t id);

    void revokeToken(const std::string& jti, std::int64_t untilEpoch);
    bool isRevoked(const std::string& jti);

    void addReset(const std::string& tokenHash, std::int64_t userId, std::int64_t expiresEpoch);
    // Marks the token used and returns its user, only when unused and unexpired.
    std::optional<std::int64_t> consumeReset(const std::string& tokenHash, std::int64_t nowEpoch);
    // Whose unused, unexpired token this is, without spending it.
    std::optional<std::int64_t> resetOwner(const std::string& tokenHash, std::int64_t nowEpoch);

    // Email confirmation links, the same rules as reset links (single use, newest only).
    void addConfirmation(const std::string& tokenHash, std::int64_t userId, std::int64_t expiresEpoch);
    std::optional<std::int64_t> consumeConfirmation(const std::string& tokenHash, std::int64_t nowEpoch);
    std::optional<std::int64_t> confirmationOwner(const std::string& tokenHash, std::int64_t nowEpoch);
    // Sets the status and the day the address was proved, only when the account is still in
    // fromStatus and was never confirmed (a second confirmation changes nothing).
    bool markConfirmed(std::int64_t id, const std::string& fromStatus, const std::string& toStatus);
    // Removes what someone may have planted before the owner proved the address: caregiver
    // links (either side), two-step sign-in and recovery codes, phone, date of birth.
    CleanSlate startClean(std::int64_t id);
    // Deletes accounts never confirmed that were created before the time given.
    std::size_t purgeUnconfirmed(std::int64_t createdBeforeEpoch);
    std::size_t purgeConfirmations(std::int64_t nowEpoch);

    // Retention: revoked session ids past their token's expiry, and reset tokens expired or
    // used; each returns how many rows went.
    std::size_t purgeRevokedTokens(std::int64_t nowEpoch);
    std::size_t purgeResets(std::int64_t nowEpoch);

private:
    storage::ConnectionPool& pool_;
};

// 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, the form DATETIME(6) columns take.
std::string sqlTime(std::int64_t epochSeconds);

}  // namespace medassist::accounts
