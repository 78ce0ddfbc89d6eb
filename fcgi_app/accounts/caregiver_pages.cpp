#include "accounts/caregiver_pages.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "http/errors.hpp"
#include "http/json_body.hpp"
#include "http/page_time.hpp"

namespace medassist::accounts {

namespace {
using http::TemplateData;
using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

// One reason for every id that is not the visitor's: missing, someone else's, revoked.
const char* const kNoLink = i18n::N_("No such caregiver link.");
const char* const kNoInvitation = i18n::N_("No open invitation has this link.");
const char* const kNoPatient = i18n::N_("No such patient.");
const std::string kDefaultNext = "/appointments";
constexpr std::size_t kMaxEmail = 254;

TemplateData optional(const std::string& value) { return value.empty() ? TemplateData(false) : TemplateData(value); }
TemplateData list() { return TemplateData(TemplateData::type::list); }
Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// A database id: 1 to 18 digits, nothing else. Anything else is a missing record.
std::optional<std::int64_t> parseId(const std::string& raw) {
    if (raw.empty() || raw.size() > 18 ||
        !std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    const std::int64_t id = std::stoll(raw);
    if (id <= 0) return std::nullopt;
    return id;
}

std::int64_t idParam(const http::Request& req, const std::string& name, const char* notFound) {
    auto id = parseId(req.pathParam(name));
    if (!id) throw http::HttpError(404, notFound);
    return *id;
}

// Only a path on this site, as after signing in: "//host" and "/\host" are other sites to
// a browser, and anything that would need escaping in a Location header is refused.
std::string safeNext(const std::string& next) {
    if (next.empty() || next.size() > 512 || next[0] != '/') return kDefaultNext;
    if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return kDefaultNext;
    static const std::string allowed = "-._~:/?#[]@!$&'()*+,;=%";
    for (unsigned char c : next)
        if (!std::isalnum(c) && allowed.find(static_cast<char>(c)) == std::string::npos) return kDefaultNext;
    return next;
}

using http::isoUtc;

// A "YYYY-MM-DD" day in the reader's words ("3 March 2026", "3 marzo 2026"); as given when
// it is not one.
std::string dayText(const http::PageTime& clock, const std::string& ymd) {
    std::tm tm{};
    if (ymd.size() != 10 || std::sscanf(ymd.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return ymd;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;  // noon UTC is on the same date in the practice's zone
    return clock.day(static_cast<std::int64_t>(timegm(&tm)));
}

http::Response render(const http::View& view, int status, const std::string& name, const std::string& title,
                      const TemplateData& data, const std::string& currentPath, const Context& ctx, bool failed = false) {
    // "Error: " first, so a screen reader hears at once that the page came back with problems.
    std::string fullTitle = failed ? "Error: " : "";
    fullTitle += title;
    return http::Response::html(status, view.page(name, fullTitle, data, currentPath, ctx.visitor()));
}

// A form field as the templates read it: value, error, invalid, describedby; plus the
// error summary at the top of the page, linking to the field.
void setField(const Context& ctx, TemplateData& d, const std::string& id, const std::string& value,
              const std::string& untranslatedError, bool hint) {
    const std::string error = ctx.t(untranslatedError);
    std::string describedBy = hint ? id + "-hint" : "";
    if (!error.empty()) {
        if (!describedBy.empty()) describedBy += ' ';
        describedBy += id;
        describedBy += "-error";
    }
    TemplateData f;
    f.set("value", value);
    f.set("error", optional(error));
    f.set("invalid", !error.empty());
    f.set("describedby", optional(describedBy));
    d.set("f_" + id, f);

    TemplateData summary = list();
    if (!error.empty()) {
        TemplateData item;
        item.set("message", error);
        std::string href = "#";
        href += id;
        item.set("href", href);
        summary.push_back(item);
    }
    d.set("has_errors", !error.empty());
    d.set("errors", summary);
}

std::string statusLabel(const std::string& status) {
    if (status == "invited") return i18n::N_("Invited, not yet accepted");
    if (status == "active") return i18n::N_("Active");
    if (status == "revoked") return i18n::N_("Revoked");
    if (status == "declined") return i18n::N_("Declined");
    return status;
}

bool isOpen(const CaregiverLink& l) { return l.status == "invited" || l.status == "active"; }

std::string roleLabel(const std::string& role) {
    if (role == "caregiver") return i18n::N_("Caregiver");
    if (role == "doctor") return i18n::N_("Doctor");
    if (role == "admin") return i18n::N_("Practice staff");
    if (role == "patient") return i18n::N_("Patient");
    return i18n::N_("The practice");
}

// ---- /account/caregivers -------------------------------------------------------------------

struct InviteForm {
    std::string email;
    bool canReadNotes = false;
    std::string error;
};

std::string savedText(const std::string& saved) {
    if (saved == "invited") return i18n::N_("Invitation sent. The person accepts it with the link in the email we sent them.");
    if (saved == "revoked") return i18n::N_("Access revoked. That person can no longer act for you.");
    if (saved == "notes") return i18n::N_("The visit-notes permission was changed.");
    if (saved == "accepted") return i18n::N_("Invitation accepted. Choose whom you act for before you manage appointments.");
    if (saved == "declined") return i18n::N_("Invitation declined.");
    return "";
}

http::Response patientPage(const http::View& view, CaregiverService& caregivers, const Context& ctx,
                           const InviteForm& form, const std::string& saved, int status) {
    TemplateData links = list();
    bool any = false;
    for (const auto& l : caregivers.linksOf(*ctx.principal)) {
        TemplateData row;
        row.set("id", std::to_string(l.id));
        row.set("email", l.invitedEmail);
        row.set("caregiver_name", optional(l.caregiverName));
        row.set("status", ctx.t(statusLabel(l.status)));
        row.set("notes", l.canReadNotes ? ctx.t("May read visit notes") : ctx.t("Cannot read visit notes"));
        row.set("open", isOpen(l));
        row.set("can_read_notes", l.canReadNotes);
        links.push_back(row);
        any = true;
    }
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("is_patient", true);
    d.set("is_caregiver", false);
    d.set("saved", optional(ctx.t(savedText(saved))));
    d.set("links", links);
    d.set("any_links", any);
    d.set("notes_checked", form.canReadNotes);
    setField(ctx, d, "email", form.email, form.error, true);
    return render(view, status, "accounts/caregivers", i18n::N_("Caregivers"), d, "/account/caregivers", ctx,
                  !form.error.empty());
}

// The invitation behind a mailed link, with Accept and Decline; or, when the link is unknown,
// used or revoked, a page that says so (404) without saying which.
http::Response invitationPage(const http::View& view, const Context& ctx, const std::optional<Invitation>& inv,
                              const std::string& token, const std::string& error, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("token", token);
    d.set("found", inv.has_value());
    d.set("error", optional(ctx.t(error)));
    if (inv) {
        const http::PageTime clock = view.clock(ctx.lang);
        d.set("patient_name", inv->patientName);
        d.set("patient_email", inv->inviterEmailMasked);
        d.set("patient_since", optional(inv->patientSince.empty() ? "" : dayText(clock, inv->patientSince)));
        d.set("notes", inv->canReadNotes
                           ? ctx.t("read their visit notes and the reasons for their appointments")
                           : ctx.t("see their appointments, but not their visit notes or the reasons for them"));
        d.set("invited_on", dayText(clock, inv->invitedOn));
    }
    return render(view, inv ? status : (status == 200 ? 404 : status), "accounts/invitation",
                  inv ? i18n::N_("An invitation to help a patient") : i18n::N_("This invitation link does not work"), d,
                  "/account/caregivers", ctx, !error.empty());
}

http::Response caregiverPage(const http::View& view, CaregiverService& caregivers, const Context& ctx,
                             const std::string& saved) {
    TemplateData patients = list();
    bool anyPatients = false;
    for (const auto& l : caregivers.patientsOf(*ctx.principal)) {
        TemplateData row;
        row.set("patient_name", l.patientName);
        row.set("notes", l.canReadNotes ? ctx.t("You may read their visit notes") : ctx.t("You cannot read their visit notes"));
        patients.push_back(row);
        anyPatients = true;
    }
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("is_patient", false);
    d.set("is_caregiver", true);
    d.set("saved", optional(ctx.t(savedText(saved))));
    d.set("patients", patients);
    d.set("any_patients", anyPatients);
    d.set("has_errors", false);
    d.set("errors", list());
    return render(view, 200, "accounts/caregivers", i18n::N_("People I help"), d, "/account/caregivers", ctx);
}

// ---- /account/acting-for ---------------------------------------------------------------

http::Response actingForPage(const http::View& view, CaregiverService& caregivers, const Context& ctx,
                             std::optional<std::int64_t> chosen, const std::string& next, const std::string& error,
                             int status) {
    TemplateData patients = list();
    bool any = false;
    std::string current;
    for (const auto& l : caregivers.patientsOf(*ctx.principal)) {
        TemplateData row;
        const bool checked = chosen && *chosen == l.patientId;
        if (checked) current = l.patientName;
        std::string inputId = "patient_id";
        if (any) {
            inputId += '-';
            inputId += std::to_string(l.patientId);
        }
        row.set("input_id", inputId);  // the first radio carries the field's id, for the summary's link
        row.set("patient_id", std::to_string(l.patientId));
        row.set("patient_name", l.patientName);
        row.set("checked", checked);
        patients.push_back(row);
        any = true;
    }
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("next", next);
    d.set("patients", patients);
    d.set("any_patients", any);
    d.set("current_name", optional(current));
    setField(ctx, d, "patient_id", "", error, true);
    return render(view, status, "accounts/acting_for", i18n::N_("Whom are you helping?"), d, "/account/acting-for", ctx,
                  !error.empty());
}

// ---- JSON --------------------------------------------------------------------------------

Obj patientLinkJson(const CaregiverLink& l) {
    Obj o = object();
    o->set("id", l.id);
    o->set("email", l.invitedEmail);
    o->set("status", l.status);
    o->set("can_read_notes", l.canReadNotes);
    o->set("caregiver_name", l.caregiverName.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(l.caregiverName));
    o->set("created_at", l.createdAt);
    return o;
}

// {"email": "...", "can_read_notes": true}: the flag is the one non-string field, so it is
// checked here and the rest strictly by readJsonFields; all errors are reported at once.
std::pair<std::string, bool> readInviteBody(const Poco::JSON::Object::Ptr& body) {
    std::vector<http::FieldError> errors;
    bool canReadNotes = false;
    Poco::JSON::Object::Ptr rest = new Poco::JSON::Object(*body);
    if (rest->has("can_read_notes")) {
        Poco::Dynamic::Var v = rest->get("can_read_notes");
        if (v.type() == typeid(bool)) canReadNotes = v.extract<bool>();
        else if (!v.isEmpty()) errors.push_back({"can_read_notes", "must be true or false"});
        rest->remove("can_read_notes");
    }
    std::map<std::string, std::string> fields;
    try {
        fields = http::readJsonFields(rest, {{"email", true, kMaxEmail}});
    } catch (const http::ValidationError& e) {
        for (const auto& fe : e.errors()) errors.push_back(fe);
    }
    if (!errors.empty()) throw http::ValidationError(std::move(errors));
    return {fields["email"], canReadNotes};
}
}  // namespace

std::optional<std::int64_t> actingChoice(const http::Request& request) {
    auto it = request.cookies().find(kActingCookie);
    if (it == request.cookies().end()) return std::nullopt;
    return parseId(it->second);
}

void addCaregiverPages(http::Router& router, Gate& gate, CaregiverService& caregivers, privacy::AccessLog& accessLog,
                       const http::View& view) {
    // ---- the patient's caregivers, or the caregiver's invitations and patients ----
    gate.add(router, "GET", "/account/caregivers", Access::only({"patient", "caregiver"}),
             [&](http::Request& req, Context& ctx) {
                 const std::string saved = req.query().getOr("saved", "");
                 if (ctx.principal->role == "caregiver") return caregiverPage(view, caregivers, ctx, saved);
                 return patientPage(view, caregivers, ctx, InviteForm{}, saved, 200);
             });

    gate.add(router, "POST", "/account/caregivers", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        InviteForm form;
        form.email = f.getOr("email", "");
        form.canReadNotes = f.getOr("can_read_notes", "") == "1";
        if (form.email.size() > kMaxEmail) {
            form.error = i18n::N_("An email address has at most 254 characters.");
        } else {
            auto errors = caregivers.invite(*ctx.principal, form.email, form.canReadNotes, ctx.now, ctx.lang);
            if (!errors.empty()) form.error = ctx.t(errors.front().reason);
        }
        if (!form.error.empty()) return patientPage(view, caregivers, ctx, form, "", 422);
        return http::Response::redirect("/account/caregivers?saved=invited");
    });

    gate.add(router, "POST", "/account/caregivers/{id}/revoke", Access::only({"patient"}),
             [&](http::Request& req, Context& ctx) {
                 if (!caregivers.revoke(*ctx.principal, idParam(req, "id", kNoLink), ctx.now))
                     throw http::HttpError(404, kNoLink);
                 return http::Response::redirect("/account/caregivers?saved=revoked");
             });

    gate.add(router, "POST", "/account/caregivers/{id}/notes", Access::only({"patient"}),
             [&](http::Request& req, Context& ctx) {
                 const std::int64_t id = idParam(req, "id", kNoLink);
                 const std::string value = req.form().getOr("can_read_notes", "");
                 if (value != "1" && value != "0") throw http::HttpError(400, i18n::N_("can_read_notes must be 1 or 0."));
                 if (!caregivers.setNotesPermission(*ctx.principal, id, value == "1"))
                     throw http::HttpError(404, kNoLink);
                 return http::Response::redirect("/account/caregivers?saved=notes");
             });

    // ---- an invitation, found by its mailed link (issue 16) ----
    gate.add(router, "GET", "/account/invitation", Access::only({"caregiver"}), [&](http::Request& req, Context& ctx) {
        const std::string token = req.query().getOr("token", "");
        return invitationPage(view, ctx, caregivers.invitation(*ctx.principal, token), token, "", 200);
    });

    gate.add(router, "POST", "/account/invitation", Access::only({"caregiver"}), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string token = f.getOr("token", "");
        const std::string decision = f.getOr("decision", "");
        if (decision != "accept" && decision != "decline") {
            return invitationPage(view, ctx, caregivers.invitation(*ctx.principal, token), token,
                                  i18n::N_("Choose whether to accept or decline."), 422);
        }
        switch (caregivers.answer(*ctx.principal, token, decision == "accept", ctx.now)) {
            case InvitationAnswer::Done:
                return http::Response::redirect(decision == "accept" ? "/account/caregivers?saved=accepted"
                                                                     : "/account/caregivers?saved=declined");
            case InvitationAnswer::NotConfirmed:
                return invitationPage(view, ctx, caregivers.invitation(*ctx.principal, token), token,
                                      i18n::N_("Your own email address has not been confirmed yet. Choose a new "
                                               "password with \"Forgot your password?\" (that confirms it), then "
                                               "open this link again."),
                                      403);
            case InvitationAnswer::OwnInvitation:
            case InvitationAnswer::Unknown:
                break;
        }
        return invitationPage(view, ctx, std::nullopt, token, "", 404);
    });

    // ---- whom a caregiver acts for ----
    gate.add(router, "GET", "/account/acting-for", Access::only({"caregiver"}), [&](http::Request& req, Context& ctx) {
        const std::string next = safeNext(req.query().getOr("next", ""));
        // A choice whose link has ended is no choice: subjectFor checks it again.
        std::optional<std::int64_t> chosen;
        if (auto c = actingChoice(req); c && caregivers.subjectFor(*ctx.principal, c)) chosen = c;
        return actingForPage(view, caregivers, ctx, chosen, next, "", 200);
    });

    gate.add(router, "POST", "/account/acting-for", Access::only({"caregiver"}), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string next = safeNext(f.getOr("next", ""));
        auto requested = parseId(f.getOr("patient_id", ""));
        auto subject = requested ? caregivers.subjectFor(*ctx.principal, requested) : std::nullopt;
        if (!subject) {
            const bool none = caregivers.patientsOf(*ctx.principal).empty();
            return actingForPage(view, caregivers, ctx, std::nullopt, next,
                                 none ? i18n::N_("No one has linked you as their caregiver yet.")
                                      : i18n::N_("Choose the person you are helping now."),
                                 422);
        }
        ctx.setCookies.push_back(cookieHeader(kActingCookie, std::to_string(subject->patientId)));
        return http::Response::redirect(next);
    });

    // ---- the patient's access log ----
    gate.add(router, "GET", "/account/access-log", Access::only({"patient"}), [&](http::Request&, Context& ctx) {
        const http::PageTime clock = view.clock(ctx.lang);
        TemplateData entries = list();
        bool any = false;
        for (const auto& e : accessLog.forPatient(ctx.principal->userId)) {
            TemplateData row;
            row.set("when", clock.minute(e.at));
            row.set("when_iso", isoUtc(e.at));
            row.set("who", e.actorIsPerson ? e.actorName : ctx.t(e.actorName));
            row.set("role", ctx.t(roleLabel(e.actorRole)));
            // One plain-language verb per kind of use (issue 22, item 9), from privacy/.
            row.set("action", ctx.t(privacy::accessActionLabel(e.action, e.dataKind)));
            row.set("kind", ctx.t(privacy::accessKindLabel(e.dataKind)));
            entries.push_back(row);
            any = true;
        }
        TemplateData d;
        d.set("entries", entries);
        d.set("any_entries", any);
        return render(view, 200, "accounts/access_log", i18n::N_("Who used my data"), d, "/account/access-log", ctx);
    });

    // ---- JSON twins ----
    gate.add(router, "GET", "/api/caregivers", Access::only({"patient", "caregiver"}), [&](http::Request&, Context& ctx) {
        Obj body = object();
        if (ctx.principal->role == "patient") {
            Arr links = new Poco::JSON::Array;
            for (const auto& l : caregivers.linksOf(*ctx.principal)) links->add(patientLinkJson(l));
            body->set("caregivers", links);
            return http::Response::json(200, body);
        }
        Arr patients = new Poco::JSON::Array;
        for (const auto& l : caregivers.patientsOf(*ctx.principal)) {
            Obj o = object();
            o->set("patient_id", l.patientId);
            o->set("link_id", l.id);
            o->set("name", l.patientName);
            o->set("can_read_notes", l.canReadNotes);
            patients->add(o);
        }
        body->set("patients", patients);
        return http::Response::json(200, body);
    });

    gate.add(router, "POST", "/api/caregivers", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        auto [email, canReadNotes] = readInviteBody(req.json());
        auto errors = caregivers.invite(*ctx.principal, email, canReadNotes, ctx.now, ctx.lang);
        if (!errors.empty()) throw http::ValidationError(std::move(errors));
        // The new invitation is the one open link to this address (invite() allows no second).
        const std::string address = normalizeEmail(email);
        for (const auto& l : caregivers.linksOf(*ctx.principal))
            if (l.status == "invited" && l.invitedEmail == address) return http::Response::json(201, patientLinkJson(l));
        throw std::runtime_error("the new invitation is not listed");
    });

    // An invitation is found and answered by the token of its mailed link, never by an id or
    // by the address it went to: only the holder of the link sees who invites.
    gate.add(router, "POST", "/api/caregiver-invitations/lookup", Access::only({"caregiver"}),
             [&](http::Request& req, Context& ctx) {
                 auto f = http::readJsonFields(req.json(), {{"token", true, 100}});
                 auto inv = caregivers.invitation(*ctx.principal, f["token"]);
                 if (!inv) throw http::HttpError(404, kNoInvitation);
                 Obj o = object();
                 o->set("id", inv->linkId);
                 o->set("patient_name", inv->patientName);
                 o->set("patient_email", inv->inviterEmailMasked);
                 o->set("patient_since", inv->patientSince.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(inv->patientSince));
                 o->set("can_read_notes", inv->canReadNotes);
                 o->set("invited_on", inv->invitedOn);
                 return http::Response::json(200, o);
             });

    for (const bool accepting : {true, false}) {
        gate.add(router, "POST", accepting ? "/api/caregiver-invitations/accept" : "/api/caregiver-invitations/decline",
                 Access::only({"caregiver"}), [&, accepting](http::Request& req, Context& ctx) {
                     auto f = http::readJsonFields(req.json(), {{"token", true, 100}});
                     switch (caregivers.answer(*ctx.principal, f["token"], accepting, ctx.now)) {
                         case InvitationAnswer::Done:
                             return http::Response::empty(204);
                         case InvitationAnswer::NotConfirmed:
                             throw http::HttpError(403, i18n::N_("Confirm your own email address first (a password reset does)."));
                         case InvitationAnswer::OwnInvitation:
                         case InvitationAnswer::Unknown:
                             break;
                     }
                     throw http::HttpError(404, kNoInvitation);
                 });
    }

    gate.add(router, "DELETE", "/api/caregivers/{id}", Access::only({"patient"}), [&](http::Request& req, Context& ctx) {
        if (!caregivers.revoke(*ctx.principal, idParam(req, "id", kNoLink), ctx.now))
            throw http::HttpError(404, kNoLink);
        return http::Response::empty(204);
    });

    // A caregiver reads the basics of a patient who linked them: recorded in that patient's log.
    gate.add(router, "GET", "/api/caregivers/patients/{patientId}", Access::only({"caregiver"}),
             [&](http::Request& req, Context& ctx) {
                 auto subject = caregivers.subjectFor(*ctx.principal, idParam(req, "patientId", kNoPatient));
                 if (!subject) throw http::HttpError(404, kNoPatient);
                 std::string name;
                 for (const auto& l : caregivers.patientsOf(*ctx.principal))
                     if (l.patientId == subject->patientId) name = l.patientName;
                 if (name.empty()) throw http::HttpError(404, kNoPatient);  // revoked in between
                 accessLog.record(subject->patientId, *ctx.principal, "read", "profile");
                 Obj body = object();
                 body->set("patient_id", subject->patientId);
                 body->set("name", name);
                 body->set("can_read_notes", subject->canReadNotes);
                 return http::Response::json(200, body);
             });

    gate.add(router, "GET", "/api/me/access-log", Access::only({"patient"}), [&](http::Request&, Context& ctx) {
        Arr entries = new Poco::JSON::Array;
        for (const auto& e : accessLog.forPatient(ctx.principal->userId)) {
            Obj o = object();
            o->set("at", isoUtc(e.at));
            o->set("actor_role", e.actorRole);
            o->set("actor_name", e.actorName);
            o->set("action", e.action);
            o->set("data_kind", e.dataKind);
            entries->add(o);
        }
        Obj body = object();
        body->set("entries", entries);
        return http::Response::json(200, body);
    });
}

}  // namespace medassist::accounts
