#include "privacy/erasure_service.hpp"
#include "i18n/catalogs.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "common/logging.hpp"

namespace medassist::privacy {

namespace {
std::string folded(const std::string& s) {
    std::string out;
    for (unsigned char c : s)
        if (!std::isspace(c) || (!out.empty() && out.back() != ' ')) out += std::isspace(c) ? ' ' : static_cast<char>(std::tolower(c));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}
}  // namespace

records::KeptPreview ErasureService::preview(const accounts::Principal& patient, std::int64_t now) {
    if (patient.role != "patient") return {};
    return kept_.preview(patient.userId, now);
}

accounts::FieldErrors ErasureService::erase(const accounts::Principal& patient, const std::string& password,
                                            const std::string& confirmation, const std::string& ip) {
    accounts::FieldErrors errors;
    if (patient.role != "patient") {
        errors.push_back({"account", i18n::N_("Only a patient account can be deleted here; ask the practice.")});
        return errors;
    }
    if (folded(confirmation) != kErasureConfirmation)
        errors.push_back({"confirmation", std::string("Type \"") + kErasureConfirmation + "\" to confirm."});
    auto wrong = accounts_.confirmPassword(patient, password);
    errors.insert(errors.end(), wrong.begin(), wrong.end());
    if (!errors.empty()) return errors;

    auto profile = accounts_.profile(patient.userId);  // the address for the confirmation, read before it goes
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    // The medical record the practice must keep, re-encrypted under a key of its own before
    // the patient's key is destroyed; written in the erasure's own transaction.
    const auto plan = kept_.plan(patient.userId, now);
    ErasedCounts counts;
    const KeepFirst keep = plan ? KeepFirst([&](sql::Connection& c) { records::KeptRecordStore::insert(c, plan->write); })
                                : KeepFirst();
    if (!store_.erasePatient(patient.userId, counts, keep)) {
        errors.push_back({"account", i18n::N_("Your account could not be found.")});
        return errors;
    }
    audit_.record("account_erased", std::to_string(patient.userId), ip, "");
    appLogger().information("account erased: %Ld appointments (%Ld upcoming, their slots freed), %Ld visit notes, "
                               "%Ld chat messages; kept for the medical record: %d visits, %d notes",
                               counts.appointments, counts.futureAppointments, counts.visitNotes, counts.chatMessages,
                               plan ? plan->preview.visits : 0, plan ? plan->preview.notes : 0);
    if (profile) {
        // In the language the account had chosen (read with the address, before it went). The
        // address was valid at registration; a refusal now must not undo the erasure.
        const std::string lang = mail_.languageFor(profile->language);
        const std::string& practice = accounts_.settings().practiceName;
        if (!plan) {
            mail_.send(profile->email, mail_.tr(lang, "Your account is deleted"),
                       mail_.trf(lang,
                                 "Hello,\n\nyour account at {1} and everything the practice kept about you "
                                 "(appointments, visit notes, conversations with the assistant, caregivers, consents) "
                                 "have been deleted, and the key they were encrypted with has been destroyed. Upcoming "
                                 "appointments were cancelled.\n\nIf you did not ask for this, contact the practice at "
                                 "once.\n\n{1}\n",
                                 {practice}));
        } else {
            mail_.send(profile->email, mail_.tr(lang, "Your account is deleted"),
                       mail_.trf(lang,
                                 "Hello,\n\nyour account at {1} has been deleted: your name, email address, phone "
                                 "number, date of birth, password, appointments, conversations with the assistant, "
                                 "caregivers and consents are gone, and upcoming appointments were cancelled.\n\nThe "
                                 "law obliges the practice to keep medical records, so the record of your {2} completed "
                                 "visits (date, doctor) and the {3} visit notes your doctors wrote are kept until {4}. "
                                 "They are no longer linked to you or to any account, only the doctors who saw you can "
                                 "read them, and they are deleted on that date.\n\nIf you did not ask for this, "
                                 "contact the practice at once.\n\n{1}\n",
                                 {practice, std::to_string(plan->preview.visits), std::to_string(plan->preview.notes),
                                  mail_.day(lang, plan->preview.keepUntil, plan->preview.zone)}));
        }
    }
    return errors;
}

}  // namespace medassist::privacy
