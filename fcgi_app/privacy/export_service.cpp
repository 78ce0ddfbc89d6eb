#include "privacy/export_service.hpp"

#include <map>
#include <stdexcept>

#include <Poco/JSON/Array.h>

#include <charconv>
#include "security/crypto_util.hpp"

namespace medassist::privacy {

namespace {
using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }
Arr array() { return new Poco::JSON::Array; }

Poco::Dynamic::Var orNull(const std::optional<std::string>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

ExportData gather(const accounts::Principal& patient, std::int64_t now, accounts::AccountsService& accounts,
                  ConsentStore& consents, scheduling::SchedulingService& scheduling, records::VisitNotesService& notes,
                  accounts::CaregiverService& caregivers, AccessLog& accessLog, const ChatArchive& chats,
                  const ReminderArchive& reminders) {
    if (patient.role != "patient") throw std::invalid_argument("only a patient exports their own data");
    ExportData d;
    d.exportedAt = now;
    auto profile = accounts.profile(patient.userId);
    if (!profile) throw std::runtime_error("the patient's profile is gone");
    d.profile = *profile;
    d.consents = consents.history(patient.userId);
    if (auto list = scheduling.appointments(patient, std::nullopt, now)) d.appointments = *list;
    if (auto mine = notes.notes(patient, std::nullopt)) d.visitNotes = mine->notes;
    d.caregiverLinks = caregivers.linksOf(patient);
    d.accessLog = accessLog.forPatient(patient.userId, 100000);
    if (chats) {
        std::map<std::string, std::size_t> index;
        for (auto& m : chats(patient.userId)) {
            auto [it, fresh] = index.emplace(m.conversationId, d.conversations.size());
            if (fresh) d.conversations.push_back({m.conversationId, {}});
            d.conversations[it->second].messages.push_back(std::move(m));
        }
    }
    if (reminders) d.reminders = reminders(patient.userId);
    return d;
}

std::string grantMessage(const accounts::Principal& p, std::int64_t expires) {
    return std::to_string(p.userId) + "|" + p.jti + "|" + std::to_string(expires);
}
}  // namespace

ExportData ExportService::dataFor(const accounts::Principal& patient, const std::string& ip, std::int64_t now) {
    ExportData d = gather(patient, now, accounts_, consents_, scheduling_, notes_, caregivers_, accessLog_, chats_, reminders_);
    audit_.record("data_exported", std::to_string(patient.userId), ip, "");
    return d;
}

Obj ExportService::exportFor(const accounts::Principal& patient, const std::string& ip, std::int64_t now) {
    return toJson(dataFor(patient, ip, now));
}

Obj ExportService::toJson(const ExportData& d) {
    const scheduling::PracticeTime clk = scheduling_.clock();
    const auto iso = [&](std::int64_t t) { return clk.iso(t); };

    Obj doc = object();
    doc->set("schema", std::string(kExportSchema));
    doc->set("exported_at", iso(d.exportedAt));

    const auto& profile = d.profile;
    Obj p = object();
    p->set("id", profile.id);
    p->set("role", profile.role);
    p->set("name", profile.name);
    p->set("email", profile.email);
    p->set("phone", orNull(profile.phone));
    p->set("date_of_birth", orNull(profile.dob));
    p->set("two_step_sign_in", profile.mfaEnabled);
    p->set("registered_at", profile.createdAt);
    doc->set("profile", p);

    Arr consents = array();
    for (const auto& c : d.consents) {
        Obj o = object();
        o->set("version", c.version);
        o->set("action", c.action);
        o->set("at", iso(c.at));
        consents->add(o);
    }
    doc->set("consents", consents);

    Arr appointments = array();
    for (const auto& a : d.appointments) {
        Obj o = object();
        o->set("id", a.id);
        o->set("doctor", a.doctorName);
        o->set("specialty", a.specialtyName);
        o->set("start", iso(a.start));
        o->set("end", iso(a.end));
        o->set("status", a.status);
        o->set("reason", orNull(a.reason));
        o->set("booked_by", a.bookedByRole);
        appointments->add(o);
    }
    doc->set("appointments", appointments);

    Arr notes = array();
    for (const auto& n : d.visitNotes) {
        Obj o = object();
        o->set("appointment_id", n.appointmentId);
        o->set("doctor", n.doctorName);
        o->set("visit_start", iso(n.visitStart));
        o->set("updated_at", iso(n.updatedAt));
        o->set("text", n.text);
        notes->add(o);
    }
    doc->set("visit_notes", notes);

    Arr links = array();
    for (const auto& l : d.caregiverLinks) {
        Obj o = object();
        o->set("invited_email", l.invitedEmail);
        o->set("caregiver_name", l.caregiverName.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(l.caregiverName));
        o->set("status", l.status);
        o->set("can_read_visit_notes", l.canReadNotes);
        o->set("created_at", l.createdAt);
        links->add(o);
    }
    doc->set("caregiver_links", links);

    Arr access = array();
    for (const auto& e : d.accessLog) {
        Obj o = object();
        o->set("at", iso(e.at));
        o->set("who", e.actorName);
        o->set("role", e.actorRole);
        o->set("action", e.action);
        o->set("data", e.dataKind);
        access->add(o);
    }
    doc->set("access_log", access);

    Arr conversations = array();
    for (const auto& c : d.conversations) {
        Arr messages = array();
        for (const auto& m : c.messages) {
            Obj o = object();
            o->set("at", iso(m.at));
            o->set("from", m.sender == "assistant" ? std::string("assistant")
                                                   : std::string(m.byCaregiver ? "your caregiver" : "you"));
            o->set("text", m.text);
            messages->add(o);
        }
        Obj o = object();
        o->set("id", c.id);
        o->set("messages", messages);
        conversations->add(o);
    }
    doc->set("conversations", conversations);

    if (d.reminders) {
        Obj r = object();
        r->set("on", d.reminders->on);
        Arr sent = array();
        for (const auto& e : d.reminders->sent) {
            Obj o = object();
            o->set("appointment_id", e.appointmentId);
            o->set("reminder", e.kind);
            o->set("for_start", iso(e.forStart));
            o->set("sent_at", iso(e.sentAt));
            sent->add(o);
        }
        r->set("sent", sent);
        doc->set("reminders", r);
    }
    return doc;
}

std::string ExportService::grant(const accounts::Principal& patient, std::int64_t now) const {
    const std::int64_t expires = now + kExportGrantSeconds;
    // An HMAC under the vault's keyed index, its purpose kept apart from every other index.
    return std::to_string(expires) + "." +
           security::hexEncode(vault_.blindIndex("export-grant", grantMessage(patient, expires)));
}

bool ExportService::grantValid(const accounts::Principal& patient, const std::string& grant, std::int64_t now) const {
    if (patient.role != "patient" || grant.size() > 100) return false;
    const auto dot = grant.find('.');
    if (dot == std::string::npos) return false;
    std::int64_t expires = 0;
    const auto [end, ec] = std::from_chars(grant.data(), grant.data() + dot, expires);
    if (ec != std::errc{} || end != grant.data() + dot || expires < now || expires > now + kExportGrantSeconds)
        return false;
    const std::string expected = security::hexEncode(vault_.blindIndex("export-grant", grantMessage(patient, expires)));
    return security::constantTimeEquals(expected, grant.substr(dot + 1));
}

}  // namespace medassist::privacy
