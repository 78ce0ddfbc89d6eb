#include "privacy/access_log.hpp"

#include <algorithm>
#include <map>

#include "i18n/catalogs.hpp"
#include "security/crypto_util.hpp"

namespace medassist::privacy {

namespace {
constexpr std::size_t kMaxEntries = 1000;

// The schema's actor roles; anything else acting on a patient's data is the practice's own
// machinery.
std::string storedRole(const std::string& role) {
    if (role == "patient" || role == "caregiver" || role == "doctor" || role == "admin") return role;
    return "system";
}
}  // namespace

const char* accessActionLabel(const std::string& action, const std::string& kind) {
    const bool notes = kind == "visit_notes" || kind == "visit_note";
    const bool chat = kind == "chat" || kind == "conversation";
    if (action == "read") return i18n::N_("Viewed");
    if (action == "create" || action == "book") {
        if (notes) return i18n::N_("Wrote");
        if (kind == "appointments" || kind == "appointment") return i18n::N_("Booked");
        return i18n::N_("Added");
    }
    if ((action == "update" || action == "write") && chat) return i18n::N_("Wrote");
    if (action == "update" || action == "write") return i18n::N_("Changed");
    if (action == "cancel") return i18n::N_("Cancelled");
    if (action == "reschedule") return i18n::N_("Moved");
    if (action == "export") return i18n::N_("Exported");
    if (action == "delete") return i18n::N_("Deleted");
    return i18n::N_("Used");
}

const char* accessKindLabel(const std::string& kind) {
    if (kind == "appointments" || kind == "appointment") return i18n::N_("Appointments");
    if (kind == "visit_notes" || kind == "visit_note") return i18n::N_("Visit notes");
    if (kind == "profile") return i18n::N_("Your details");
    if (kind == "conversation" || kind == "chat") return i18n::N_("Assistant conversations");
    if (kind == "staff_messages") return i18n::N_("Messages to the practice");
    return i18n::N_("Other data");
}

void AccessLog::record(std::int64_t patientId, const accounts::Principal& actor, const std::string& action,
                       const std::string& dataKind) {
    AccessRow row;
    row.patientId = patientId;
    if (actor.userId > 0) row.actorId = actor.userId;
    row.actorRole = storedRole(actor.role);
    row.action = action.substr(0, 32);
    row.dataKind = dataKind.substr(0, 32);
    row.at = 0;  // the database's clock, with microseconds, so entries keep their order
    store_.add(row);
}

std::vector<AccessEntry> AccessLog::forPatient(std::int64_t patientId, std::size_t limit) {
    std::vector<AccessEntry> out;
    // One look-up per actor, however many entries they have.
    std::map<std::int64_t, std::string> names;
    auto nameOf = [&](std::int64_t id) -> std::string {
        auto it = names.find(id);
        if (it != names.end()) return it->second;
        std::string name;
        try {
            if (auto p = accounts_.profile(id)) name = p->name;
        } catch (const security::CryptoError&) {
            // The account was erased (its key destroyed): who it was is gone with it.
        }
        if (name.empty()) name = i18n::N_("A closed account");
        names.emplace(id, name);
        return name;
    };
    for (const auto& row : store_.forPatient(patientId, std::min(limit, kMaxEntries))) {
        AccessEntry e;
        e.at = row.at;
        e.actorRole = row.actorRole;
        e.action = row.action;
        e.dataKind = row.dataKind;
        // Names only of the people a patient deals with by name: their caregivers and
        // doctors. Nothing else is looked up, so no other account's name can show here.
        if (row.actorId && *row.actorId == patientId) e.actorName = i18n::N_("You");
        else if (row.actorRole == "admin") e.actorName = i18n::N_("Practice staff");
        else if ((row.actorRole == "caregiver" || row.actorRole == "doctor") && row.actorId) {
            e.actorName = nameOf(*row.actorId);
            e.actorIsPerson = e.actorName != "A closed account";
        } else e.actorName = i18n::N_("The practice");
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace medassist::privacy
