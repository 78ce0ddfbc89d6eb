#include "privacy/erasure_service.hpp"
#include "i18n/catalogs.hpp"

#include <algorithm>
#include <cctype>

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
    ErasedCounts counts;
    if (!store_.erasePatient(patient.userId, counts)) {
        errors.push_back({"account", i18n::N_("Your account could not be found.")});
        return errors;
    }
    audit_.record("account_erased", std::to_string(patient.userId), ip, "");
    appLogger().information("account erased: %Ld appointments (%Ld upcoming, their slots freed), %Ld visit notes, "
                               "%Ld chat messages",
                               counts.appointments, counts.futureAppointments, counts.visitNotes, counts.chatMessages);
    if (profile) {
        // In the language the account had chosen (read with the address, before it went). The
        // address was valid at registration; a refusal now must not undo the erasure.
        const std::string lang = mail_.languageFor(profile->language);
        mail_.send(profile->email, mail_.tr(lang, "Your account is deleted"),
                   mail_.tr(lang,
                            "Your MedAssist account and everything the practice kept about you (appointments, visit "
                            "notes, conversations with the assistant, caregivers, consents) have been deleted, and the "
                            "key they were encrypted with has been destroyed. Upcoming appointments were "
                            "cancelled.\n\nIf you did not ask for this, contact the practice at once."));
    }
    return errors;
}

}  // namespace medassist::privacy
