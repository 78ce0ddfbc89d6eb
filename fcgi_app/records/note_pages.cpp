#include "records/note_pages.hpp"

#include <optional>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "accounts/caregiver_pages.hpp"
#include "http/errors.hpp"
#include "http/json_body.hpp"
#include "scheduling/page_support.hpp"

namespace medassist::records {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;
namespace pages = scheduling::pages;
using Obj = Poco::JSON::Object::Ptr;

const std::string kNotes = "/notes";

TemplateData noteItems(const Context& ctx, const http::PageTime& clock, const std::vector<VisitNote>& notes) {
    TemplateData items = pages::list();
    for (const auto& n : notes) {
        TemplateData i;
        i.set("id", std::string("note-") + std::to_string(n.id));
        i.set("doctor", n.doctorName.empty() ? ctx.t("A doctor of the practice") : n.doctorName);
        i.set("when", clock.when(n.visitStart));
        i.set("updated", clock.when(n.updatedAt));
        i.set("text", n.text);
        items.push_back(i);
    }
    return items;
}

struct NotesPage {
    std::string title, heading, intro;
    std::string actingFor;      // a caregiver's patient
    bool unavailable = false;   // a caregiver who may not read this patient's notes
    std::string backHref, backLabel;
    std::string keptHref;       // a doctor's way to the records kept after erasures (issue 22)
};

http::Response renderNotes(const http::View& view, [[maybe_unused]] VisitNotesService& service, const Context& ctx,
                           const NotesPage& page, const std::vector<VisitNote>& notes, const std::string& currentPath,
                           int status) {
    const http::PageTime clock = view.clock(ctx.lang);
    TemplateData d;
    d.set("heading", page.heading);
    d.set("intro", pages::optional(page.intro));
    d.set("acting_for", pages::optional(page.actingFor));
    d.set("acting_change_href", std::string("/account/acting-for?next=/notes"));
    d.set("unavailable", page.unavailable);
    d.set("notes", noteItems(ctx, clock, notes));
    d.set("any", !notes.empty());
    d.set("back_href", pages::optional(page.backHref));
    d.set("back_label", page.backLabel);
    d.set("kept_href", pages::optional(page.keptHref));
    return pages::render(view, status, "records/notes", page.title, d, currentPath, ctx.visitor());
}

http::Response renderEditor(const http::View& view, [[maybe_unused]] VisitNotesService& service, const Context& ctx,
                            const NoteDraft& draft, const std::string& text, const pages::Problems& problems,
                            const std::string& saved, int status) {
    const http::PageTime clock = view.clock(ctx.lang);
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("patient", draft.patientName);
    d.set("when", clock.when(draft.visitStart));
    d.set("status", pages::statusLabel(ctx, draft.status));
    d.set("writable", draft.writable);
    d.set("locked", draft.writable ? TemplateData(false)
                                   : TemplateData(ctx.t("The visit must be marked completed first.")));
    d.set("existing", draft.note.has_value());
    d.set("text", text);
    d.set("max_chars", std::to_string(kMaxNoteChars));
    std::string path = "/doctor/appointments/";
    path += std::to_string(draft.appointmentId);
    path += "/note";
    d.set("action", path);
    std::string all = "/doctor/patients/";
    all += std::to_string(draft.patientId);
    all += "/notes";
    d.set("notes_href", all);
    d.set("saved", pages::optional(ctx.t(saved)));
    problems.into(d, ctx);
    return pages::render(view, status, "records/note_edit", i18n::N_("Visit note"), d, "/doctor/schedule", ctx.visitor(),
                         problems.any());
}

pages::Problems textProblems() { return pages::Problems({"text"}, {"text"}); }

Obj noteJson(const scheduling::PracticeTime& clock, const VisitNote& n) {
    Obj o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", n.id);
    o->set("appointment_id", n.appointmentId);
    o->set("doctor_id", n.doctorId);
    o->set("doctor_name", n.doctorName);
    o->set("visit_start", clock.iso(n.visitStart));
    o->set("updated_at", clock.iso(n.updatedAt));
    o->set("text", n.text);
    return o;
}

[[noreturn]] void invalidPatient(const std::string& reason) {
    throw http::ValidationError(std::vector<http::FieldError>{{"patient_id", reason}});
}

}  // namespace

void addVisitNotePages(http::Router& router, accounts::Gate& gate, VisitNotesService& service, const http::View& view) {
    // ---- patients and caregivers ----
    gate.add(router, "GET", kNotes, Access::only({"patient", "caregiver"}), [&](http::Request& req, Context& ctx) {
        const auto& p = *ctx.principal;
        std::optional<std::int64_t> requested;
        if (p.role == "caregiver") {
            requested = accounts::actingChoice(req);
            if (!requested) return http::Response::redirect("/account/acting-for?next=/notes");
        }
        auto found = service.notes(p, requested);
        NotesPage page;
        page.title = i18n::N_("Visit notes");
        page.heading = ctx.t("Visit notes");
        if (!found) {
            if (p.role != "caregiver") pages::notFound();
            // The same 404 as for anything else out of reach, with words a caregiver can act on.
            page.unavailable = true;
            return renderNotes(view, service, ctx, page, {}, kNotes, 404);
        }
        if (p.role == "caregiver") page.actingFor = found->patientName;
        page.intro = ctx.t("What your doctors wrote after each visit, the most recent first.");
        if (p.role == "caregiver") page.intro = ctx.t("What the doctors wrote after each visit, the most recent first.");
        return renderNotes(view, service, ctx, page, found->notes, kNotes, 200);
    });

    // ---- doctors ----
    gate.add(router, "GET", "/doctor/appointments/{id}/note", Access::only({"doctor"}),
             [&](http::Request& req, Context& ctx) {
                 auto draft = service.draft(*ctx.principal, pages::pathId(req));
                 if (!draft) pages::notFound();
                 const std::string text = draft->note ? draft->note->text : std::string();
                 const std::string saved = req.query().getOr("saved", "") == "1" ? i18n::N_("The visit note is saved.") : "";
                 return renderEditor(view, service, ctx, *draft, text, textProblems(), saved,
                                     draft->writable ? 200 : 409);
             });

    gate.add(router, "POST", "/doctor/appointments/{id}/note", Access::only({"doctor"}),
             [&](http::Request& req, Context& ctx) {
                 const auto id = pages::pathId(req);
                 const std::string text = req.form().getOr("text", "");
                 auto r = service.write(*ctx.principal, id, text);
                 if (r.kind == NoteResult::Kind::NotFound) pages::notFound();
                 if (r.kind == NoteResult::Kind::Done) {
                     std::string location = "/doctor/appointments/";
                     location += std::to_string(id);
                     location += "/note?saved=1";
                     return http::Response::redirect(location);
                 }
                 auto draft = service.draft(*ctx.principal, id);
                 if (!draft) pages::notFound();
                 auto problems = textProblems();
                 problems.add(r.errors);
                 if (r.kind == NoteResult::Kind::NotCompleted) problems.note(r.message);
                 return renderEditor(view, service, ctx, *draft, text, problems, "",
                                     r.kind == NoteResult::Kind::NotCompleted ? 409 : 422);
             });

    gate.add(router, "GET", "/doctor/patients/{patientId}/notes", Access::only({"doctor"}),
             [&](http::Request& req, Context& ctx) {
                 auto found = service.notes(*ctx.principal, pages::pathId(req, "patientId"));
                 if (!found) pages::notFound();
                 NotesPage page;
                 page.title = i18n::N_("Visit notes");
                 page.heading = ctx.tf("Visit notes of {1}", {found->patientName});
                 page.intro = ctx.t("Every note the practice's doctors wrote for this patient, the most recent first.");
                 page.backHref = "/doctor/schedule";
                 page.backLabel = ctx.t("Back to my schedule");
                 page.keptHref = "/doctor/kept-records";
                 return renderNotes(view, service, ctx, page, found->notes, "/doctor/schedule", 200);
             });

    // ---- JSON ----
    gate.add(router, "GET", "/api/notes", Access::only({"patient", "caregiver", "doctor"}),
             [&](http::Request& req, Context& ctx) {
                 const auto& p = *ctx.principal;
                 std::optional<std::int64_t> requested;
                 if (auto raw = req.query().get("patient_id")) {
                     requested = pages::parseId(*raw);
                     if (!requested) invalidPatient("Give the patient's id as a number.");
                 } else if (p.role != "patient") {
                     invalidPatient("Name the patient with ?patient_id=<id>.");
                 }
                 auto found = service.notes(p, requested);
                 if (!found) throw http::HttpError(404, "no visit notes to show");
                 const auto clock = service.clock();
                 Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
                 for (const auto& n : found->notes) list->add(noteJson(clock, n));
                 Obj body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                 body->set("patient_id", found->patientId);
                 body->set("notes", list);
                 return http::Response::json(200, body);
             });

    gate.add(router, "POST", "/api/appointments/{id}/note", Access::only({"doctor"}),
             [&](http::Request& req, Context& ctx) {
                 const auto id = pages::pathId(req);
                 auto f = http::readJsonFields(req.json(), {{"text", true, 4 * kMaxNoteChars}});
                 auto r = service.write(*ctx.principal, id, f["text"]);
                 switch (r.kind) {
                     case NoteResult::Kind::Done: {
                         Obj body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                         body->set("note", r.note ? Poco::Dynamic::Var(noteJson(service.clock(), *r.note))
                                                  : Poco::Dynamic::Var());
                         return http::Response::json(r.created ? 201 : 200, body);
                     }
                     case NoteResult::Kind::Invalid: throw http::ValidationError(r.errors);
                     case NoteResult::Kind::NotFound: throw http::HttpError(404, i18n::N_("No such appointment."));
                     case NoteResult::Kind::NotCompleted: break;
                 }
                 Obj body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                 body->set("error", ctx.t(http::errorText(409).heading));
                 body->set("code", std::string("NOT_COMPLETED"));
                 body->set("message", ctx.t(r.message));
                 return http::Response::json(409, body);
             });
}

}  // namespace medassist::records
