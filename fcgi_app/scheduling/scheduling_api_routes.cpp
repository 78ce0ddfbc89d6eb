#include "scheduling/scheduling_api_routes.hpp"

#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "common/strict_int.hpp"
#include "http/errors.hpp"

namespace medassist::scheduling {

namespace {
using accounts::Access;
using accounts::Context;
using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// The dispatcher shows a 404's reason in the reader's language: N_ puts it in the catalog.
constexpr const char* kNotFound = i18n::N_("No such appointment.");

Obj slotJson(const PracticeTime& clk, const FreeSlot& s) {
    Obj o = object();
    o->set("doctor_id", s.doctorId);
    o->set("doctor", s.doctorName);
    o->set("start", clk.iso(s.start));
    o->set("end", clk.iso(s.end));
    return o;
}

Arr slotsJson(const PracticeTime& clk, const std::vector<FreeSlot>& slots) {
    Arr a = new Poco::JSON::Array;
    for (const auto& s : slots) a->add(slotJson(clk, s));
    return a;
}

Obj appointmentJson(const PracticeTime& clk, const Appointment& a) {
    Obj o = object();
    o->set("id", a.id);
    o->set("patient_id", a.patientId);
    o->set("doctor_id", a.doctorId);
    o->set("doctor", a.doctorName);
    o->set("specialty", a.specialtyName);
    o->set("start", clk.iso(a.start));
    o->set("end", clk.iso(a.end));
    o->set("status", a.status);
    o->set("reason", a.reason ? Poco::Dynamic::Var(*a.reason) : Poco::Dynamic::Var());
    o->set("booked_by", a.bookedByRole);
    o->set("changeable", a.changeable);
    return o;
}

// code for programs (stable); error and message for people, in the reader's language.
http::Response problem(const Context& ctx, int status, const std::string& code, const std::string& message) {
    Obj body = object();
    body->set("error", ctx.t(http::errorText(status).heading));
    body->set("code", code);
    body->set("message", message);
    return http::Response::json(status, body);
}

std::int64_t idParam(const http::Request& req, const char* name) {
    auto v = parseStrictInt(req.pathParam(name));
    // An id that cannot exist is answered like one that does not: 404.
    if (!v || *v <= 0) throw http::HttpError(404, kNotFound);
    return *v;
}

// An optional positive integer from the query string; 422 naming the field otherwise.
std::optional<std::int64_t> queryId(const http::Request& req, const char* name, accounts::FieldErrors& errors) {
    auto raw = req.query().get(name);
    if (!raw || raw->empty()) return std::nullopt;
    auto v = parseStrictInt(*raw);
    if (!v || *v <= 0) {
        errors.push_back({name, i18n::N_("Use a whole number greater than zero.")});
        return std::nullopt;
    }
    return *v;
}

// A JSON body with only the named fields: ids must be positive integers, the rest strings.
struct BodyFields {
    std::map<std::string, std::string> strings;
    std::map<std::string, std::int64_t> ids;
};

BodyFields readBody(const http::Request& req, const std::set<std::string>& required,
                    const std::set<std::string>& optional, const std::set<std::string>& idFields) {
    auto body = req.json();
    accounts::FieldErrors errors;
    BodyFields out;
    for (const auto& name : body->getNames())
        if (!required.count(name) && !optional.count(name)) errors.push_back({name, i18n::N_("This field is not expected.")});
    auto check = [&](const std::string& name, bool mustHave) {
        if (!body->has(name) || body->isNull(name)) {
            if (mustHave) errors.push_back({name, i18n::N_("This field is required.")});
            return;
        }
        auto v = body->get(name);
        if (idFields.count(name)) {
            if (!v.isInteger() || v.convert<Poco::Int64>() <= 0) {
                errors.push_back({name, i18n::N_("Use a whole number greater than zero.")});
                return;
            }
            out.ids[name] = v.convert<Poco::Int64>();
        } else {
            if (!v.isString()) {
                errors.push_back({name, i18n::N_("This field must be a string.")});
                return;
            }
            auto s = v.extract<std::string>();
            if (s.size() > 2000) {
                errors.push_back({name, i18n::N_("This value is too long.")});
                return;
            }
            out.strings[name] = s;
        }
    };
    for (const auto& name : required) check(name, true);
    for (const auto& name : optional) check(name, false);
    if (!errors.empty()) throw http::ValidationError(errors);
    return out;
}

// Messages in the reader's language; field errors go to the dispatcher, which says them so too.
http::Response changeResponse(SchedulingService& scheduling, const Context& ctx, const ChangeResult& r, int okStatus) {
    const PracticeTime clk = scheduling.clock();
    switch (r.kind) {
        case ChangeResult::Kind::Done:
            if (okStatus == 204) return http::Response::empty(204);
            return http::Response::json(okStatus, appointmentJson(clk, *r.appointment));
        case ChangeResult::Kind::Invalid: throw http::ValidationError(r.errors);
        case ChangeResult::Kind::NotFound: throw http::HttpError(404, kNotFound);
        case ChangeResult::Kind::SlotTaken: {
            Obj body = object();
            body->set("error", ctx.t(http::errorText(409).heading));
            body->set("code", std::string("SLOT_TAKEN"));
            body->set("message", ctx.t(r.message));
            body->set("alternatives", slotsJson(clk, r.alternatives));
            return http::Response::json(409, body);
        }
        case ChangeResult::Kind::Cutoff: return problem(ctx, 409, "CUTOFF", ctx.t(r.message));
        case ChangeResult::Kind::ConsentRequired: return problem(ctx, 403, "CONSENT_REQUIRED", ctx.t(r.message));
        case ChangeResult::Kind::Refused:
            if (!r.errors.empty()) throw http::ValidationError(r.errors);
            return problem(ctx, 409, "NOT_CHANGEABLE", ctx.t(r.message));
    }
    throw std::logic_error("unhandled change result");
}
}  // namespace

void addSchedulingApiRoutes(http::Router& router, accounts::Gate& gate, SchedulingService& scheduling) {
    gate.add(router, "GET", "/api/specialties", Access::signedIn(), [&scheduling](http::Request&, Context&) {
        Arr list = new Poco::JSON::Array;
        for (const auto& s : scheduling.specialties()) {
            Obj o = object();
            o->set("id", s.id);
            o->set("slug", s.slug);
            o->set("name", s.name);
            o->set("description", s.description);
            list->add(o);
        }
        return http::Response::json(200, list);
    });

    gate.add(router, "GET", "/api/doctors", Access::signedIn(), [&scheduling](http::Request& req, Context&) {
        std::optional<std::string> specialty;
        if (auto s = req.query().get("specialty"); s && !s->empty()) specialty = *s;
        Arr list = new Poco::JSON::Array;
        for (const auto& d : scheduling.doctors(specialty)) {
            Obj o = object();
            o->set("id", d.id);
            o->set("name", d.name);
            o->set("specialty", d.specialtySlug);
            o->set("specialty_name", d.specialtyName);
            o->set("languages", d.languages);
            o->set("bio", d.bio);
            list->add(o);
        }
        return http::Response::json(200, list);
    });

    gate.add(router, "GET", "/api/slots", Access::signedIn(), [&scheduling](http::Request& req, Context& ctx) {
        accounts::FieldErrors errors;
        SlotQuery q;
        q.doctorId = queryId(req, "doctor_id", errors);
        if (auto s = req.query().get("specialty"); s && !s->empty()) q.specialty = *s;
        q.from = req.query().getOr("from", "");
        q.to = req.query().getOr("to", "");
        if (!errors.empty()) throw http::ValidationError(errors);
        auto r = scheduling.freeSlots(q, ctx.now);
        if (!r.errors.empty()) throw http::ValidationError(r.errors);
        return http::Response::json(200, slotsJson(scheduling.clock(), r.slots));
    });

    // The days the whole practice is closed (public holidays, the patron saint's day), so a
    // client can say why a day has no free times. Public information.
    gate.add(router, "GET", "/api/closures", Access::open(), [&scheduling](http::Request& req, Context& ctx) {
        const PracticeTime clk = scheduling.clock();
        const std::string fromText = req.query().getOr("from", ""), toText = req.query().getOr("to", "");
        accounts::FieldErrors errors;
        auto from = fromText.empty() ? std::optional<LocalDate>(clk.dateOf(ctx.now)) : parseDate(fromText);
        if (!from) errors.push_back({"from", i18n::N_("Use a date written as YYYY-MM-DD.")});
        auto to = toText.empty() && from ? std::optional<LocalDate>(addDays(*from, 365)) : parseDate(toText);
        if (!to) errors.push_back({"to", i18n::N_("Use a date written as YYYY-MM-DD.")});
        if (from && to && (*to < *from || daysBetween(*from, *to) > 731))
            errors.push_back({"to", i18n::N_("Give an end date after the start, at most two years later.")});
        if (!errors.empty()) throw http::ValidationError(errors);
        Arr list = new Poco::JSON::Array;
        for (const auto& c : scheduling.closures(*from, *to)) {
            Obj o = object();
            o->set("date", formatDate(c.date));
            o->set("name", ctx.show(c.label()));
            list->add(o);
        }
        Obj body = object();
        body->set("closed", list);
        return http::Response::json(200, body);
    });

    const auto patientSide = Access::only({"patient", "caregiver"});

    gate.add(router, "GET", "/api/appointments", patientSide, [&scheduling](http::Request& req, Context& ctx) {
        accounts::FieldErrors errors;
        auto patientId = queryId(req, "patient_id", errors);
        if (ctx.principal->role == "caregiver" && !patientId && errors.empty())
            errors.push_back({"patient_id", "Choose the patient whose appointments you want to see."});
        if (!errors.empty()) throw http::ValidationError(errors);
        auto list = scheduling.appointments(*ctx.principal, patientId, ctx.now);
        if (!list) throw http::HttpError(404, i18n::N_("No such patient."));
        const PracticeTime clk = scheduling.clock();
        Arr out = new Poco::JSON::Array;
        for (const auto& a : *list) out->add(appointmentJson(clk, a));
        return http::Response::json(200, out);
    });

    gate.add(router, "POST", "/api/appointments", patientSide, [&scheduling](http::Request& req, Context& ctx) {
        auto f = readBody(req, {"doctor_id", "start"}, {"reason", "patient_id"}, {"doctor_id", "patient_id"});
        BookInput in;
        in.doctorId = f.ids["doctor_id"];
        in.start = f.strings["start"];
        in.reason = f.strings["reason"];
        if (f.ids.count("patient_id")) in.patientId = f.ids["patient_id"];
        return changeResponse(scheduling, ctx, scheduling.book(*ctx.principal, in, ctx.now), 201);
    });

    gate.add(router, "GET", "/api/appointments/{id}", patientSide, [&scheduling](http::Request& req, Context& ctx) {
        auto a = scheduling.appointment(*ctx.principal, idParam(req, "id"), ctx.now);
        if (!a) throw http::HttpError(404, kNotFound);
        return http::Response::json(200, appointmentJson(scheduling.clock(), *a));
    });

    gate.add(router, "PATCH", "/api/appointments/{id}", patientSide, [&scheduling](http::Request& req, Context& ctx) {
        const auto id = idParam(req, "id");
        auto f = readBody(req, {"start"}, {}, {});
        return changeResponse(scheduling, ctx, scheduling.reschedule(*ctx.principal, id, f.strings["start"], ctx.now), 200);
    });

    gate.add(router, "DELETE", "/api/appointments/{id}", patientSide, [&scheduling](http::Request& req, Context& ctx) {
        return changeResponse(scheduling, ctx, scheduling.cancel(*ctx.principal, idParam(req, "id"), ctx.now), 204);
    });

    gate.add(router, "GET", "/api/appointments/{id}/ics", patientSide, [&scheduling](http::Request& req, Context& ctx) {
        const auto id = idParam(req, "id");
        auto ics = scheduling.ics(*ctx.principal, id, ctx.now);
        if (!ics) throw http::HttpError(404, kNotFound);
        http::Response r;
        r.status = 200;
        r.body = *ics;
        r.setHeader("Content-Type", "text/calendar; charset=utf-8");
        std::string disposition = "attachment; filename=\"appointment-";
        disposition += std::to_string(id);
        disposition += ".ics\"";
        r.setHeader("Content-Disposition", disposition);
        return r;
    });
}

}  // namespace medassist::scheduling
