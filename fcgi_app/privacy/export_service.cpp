#include "privacy/export_service.hpp"

#include <map>
#include <stdexcept>

#include <Poco/JSON/Array.h>

namespace medassist::privacy {

namespace {
using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }
Arr array() { return new Poco::JSON::Array; }

Poco::Dynamic::Var orNull(const std::optional<std::string>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}
}  // namespace

Obj ExportService::exportFor(const accounts::Principal& patient, const std::string& ip, std::int64_t now) {
    if (patient.role != "patient") throw std::invalid_argument("only a patient exports their own data");
    const scheduling::PracticeTime clk = scheduling_.clock();
    const auto iso = [&](std::int64_t t) { return clk.iso(t); };

    Obj doc = object();
    doc->set("schema", std::string(kExportSchema));
    doc->set("exported_at", iso(now));

    auto profile = accounts_.profile(patient.userId);
    if (!profile) throw std::runtime_error("the patient's profile is gone");
    Obj p = object();
    p->set("id", profile->id);
    p->set("role", profile->role);
    p->set("name", profile->name);
    p->set("email", profile->email);
    p->set("phone", orNull(profile->phone));
    p->set("date_of_birth", orNull(profile->dob));
    p->set("two_step_sign_in", profile->mfaEnabled);
    p->set("registered_at", profile->createdAt);
    doc->set("profile", p);

    Arr consents = array();
    for (const auto& c : consents_.history(patient.userId)) {
        Obj o = object();
        o->set("version", c.version);
        o->set("action", c.action);
        o->set("at", iso(c.at));
        consents->add(o);
    }
    doc->set("consents", consents);

    Arr appointments = array();
    if (auto list = scheduling_.appointments(patient, std::nullopt, now)) {
        for (const auto& a : *list) {
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
    }
    doc->set("appointments", appointments);

    Arr notes = array();
    if (auto mine = notes_.notes(patient, std::nullopt)) {
        for (const auto& n : mine->notes) {
            Obj o = object();
            o->set("appointment_id", n.appointmentId);
            o->set("doctor", n.doctorName);
            o->set("visit_start", iso(n.visitStart));
            o->set("updated_at", iso(n.updatedAt));
            o->set("text", n.text);
            notes->add(o);
        }
    }
    doc->set("visit_notes", notes);

    Arr links = array();
    for (const auto& l : caregivers_.linksOf(patient)) {
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
    for (const auto& e : accessLog_.forPatient(patient.userId, 100000)) {
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
    if (chats_) {
        std::map<std::string, Arr> byConversation;
        std::vector<std::string> order;
        for (const auto& m : chats_(patient.userId)) {
            auto [it, fresh] = byConversation.emplace(m.conversationId, Arr());
            if (fresh) {
                it->second = array();
                order.push_back(m.conversationId);
            }
            Obj o = object();
            o->set("at", iso(m.at));
            o->set("from", m.sender == "assistant" ? std::string("assistant")
                                                   : std::string(m.byCaregiver ? "your caregiver" : "you"));
            o->set("text", m.text);
            it->second->add(o);
        }
        for (const auto& id : order) {
            Obj c = object();
            c->set("id", id);
            c->set("messages", byConversation[id]);
            conversations->add(c);
        }
    }
    doc->set("conversations", conversations);

    audit_.record("data_exported", std::to_string(patient.userId), ip, "");
    return doc;
}

}  // namespace medassist::privacy
