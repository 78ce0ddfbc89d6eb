#pragma once
// The right to be forgotten (issue 5). A patient erases their own account with their password
// and a typed confirmation. Everything personal and medical goes in one transaction
// (ErasureStore), including the wrapped data key, so any backup copy of their ciphertexts is
// unreadable; future appointments disappear from the doctors' schedules and their slots are
// free again; every session stops working (the account no longer exists); a confirmation
// mail goes to the address they had, signed with the practice's name. What stays is
// pseudonymous: the audit trail's rows, ending with "account_erased", and (issue 22, item 11)
// what the law obliges the practice to keep of the medical record: the completed visits and
// their notes, copied in the same transaction by records::KeptRecordsService under a key of
// the practice, linked to no account. The page says exactly that before the patient confirms
// (preview). The same email may register again afterwards.
#include <cstdint>
#include <string>

#include "accounts/accounts_service.hpp"
#include "mail/localized_mail.hpp"
#include "privacy/erasure_store.hpp"
#include "records/kept_records_service.hpp"
#include "security/audit_log.hpp"

namespace medassist::privacy {

inline constexpr const char* kErasureConfirmation = "delete my account";

class ErasureService {
public:
    ErasureService(ErasureStore& store, accounts::AccountsService& accounts, security::AuditLog& audit,
                   mail::LocalizedMail& mail, records::KeptRecordsService& kept)
        : store_(store), accounts_(accounts), audit_(audit), mail_(mail), kept_(kept) {}

    // What erasing the account now would keep of the medical record, and until when.
    records::KeptPreview preview(const accounts::Principal& patient, std::int64_t now);

    // Field errors ("password", "confirmation") and nothing changed, or empty: erased.
    accounts::FieldErrors erase(const accounts::Principal& patient, const std::string& password,
                                const std::string& confirmation, const std::string& ip);

private:
    ErasureStore& store_;
    accounts::AccountsService& accounts_;
    security::AuditLog& audit_;
    mail::LocalizedMail& mail_;
    records::KeptRecordsService& kept_;
};

}  // namespace medassist::privacy
