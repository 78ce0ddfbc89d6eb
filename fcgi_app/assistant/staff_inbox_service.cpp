#include "assistant/staff_inbox_service.hpp"

#include <exception>
#include <map>
#include <utility>

#include "security/vault.hpp"

namespace medassist::assistant {

namespace {
security::FieldAad textAad(std::int64_t id) { return {"staff_messages", "text", std::to_string(id)}; }

// At most n code points of UTF-8, never half a character.
std::string cutUtf8(const std::string& s, std::size_t n) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (chars == n) return s.substr(0, i);
            ++chars;
        }
    }
    return s;
}
}  // namespace

void StaffInboxService::leave(std::int64_t patientId, std::int64_t sentBy, const std::string& text) {
    const std::string key = accounts_.dataKeyFor(patientId);
    const std::string body = cutUtf8(text, kMaxChars);
    store_.add(patientId, sentBy, [&](std::int64_t id) { return security::Vault::encrypt(key, body, textAad(id)); });
}

std::vector<StaffMessage> StaffInboxService::inbox(const accounts::Principal& admin, std::size_t limit) {
    std::vector<StaffMessage> out;
    if (admin.role != "admin") return out;
    struct Person {
        std::optional<accounts::Profile> profile;
        std::string key;
    };
    std::map<std::int64_t, Person> people;
    auto person = [&](std::int64_t id, bool wantKey) -> Person& {
        auto it = people.find(id);
        if (it == people.end()) it = people.emplace(id, Person{accounts_.profile(id), {}}).first;
        if (wantKey && it->second.key.empty() && it->second.profile) {
            try {
                it->second.key = accounts_.dataKeyFor(id);
            } catch (const std::exception&) {
                // erased: the text is gone with the key
            }
        }
        return it->second;
    };
    for (const auto& row : store_.newest(limit)) {
        StaffMessage m;
        m.id = row.id;
        m.createdAt = row.createdAt;
        m.handledAt = row.handledAt;
        auto& patient = person(row.subjectId, true);
        m.patientName = patient.profile ? patient.profile->name : std::string("(account closed)");
        m.patientEmail = patient.profile ? patient.profile->email : std::string();
        if (row.sentBy != row.subjectId) {
            auto& sender = person(row.sentBy, false);
            m.caregiverName = sender.profile ? sender.profile->name : std::string("(account closed)");
        }
        m.text = patient.key.empty() ? std::string("(no longer readable)")
                                     : security::Vault::decrypt(patient.key, row.textCt, textAad(row.id));
        out.push_back(std::move(m));
    }
    return out;
}

bool StaffInboxService::markHandled(const accounts::Principal& admin, std::int64_t id, const std::string& ip) {
    if (admin.role != "admin") return false;
    auto row = store_.byId(id);
    if (!row || !store_.markHandled(id, admin.userId)) return false;
    // The patient sees in their access log that staff read what they sent.
    accessLog_.record(row->subjectId, admin, "read", "staff_messages");
    audit_.record("staff_message_handled", std::to_string(admin.userId), ip);
    return true;
}

}  // namespace medassist::assistant
