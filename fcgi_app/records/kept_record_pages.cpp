#include "records/kept_record_pages.hpp"

#include "scheduling/page_support.hpp"

namespace medassist::records {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;
namespace pages = scheduling::pages;

const std::string kList = "/doctor/kept-records";

void setSummary(TemplateData& d, const http::PageTime& clock, const KeptRecord& r) {
    d.set("reference", r.reference);
    d.set("href", kList + "/" + std::to_string(r.id));
    d.set("erased", clock.day(r.erasedAt));
    d.set("last_visit", clock.day(r.lastVisit));
    d.set("keep_until", clock.day(r.keepUntil));
    d.set("visits", std::to_string(r.visits));
    d.set("notes", std::to_string(r.notes));
}
}  // namespace

void addKeptRecordPages(http::Router& router, accounts::Gate& gate, KeptRecordsService& kept, const http::View& view) {
    gate.add(router, "GET", kList, Access::only({"doctor"}), [&](http::Request&, Context& ctx) {
        const http::PageTime clock = view.clock(ctx.lang);
        TemplateData items = pages::list();
        bool any = false;
        for (const auto& r : kept.recordsFor(*ctx.principal)) {
            TemplateData i;
            setSummary(i, clock, r);
            items.push_back(i);
            any = true;
        }
        TemplateData d;
        d.set("records", items);
        d.set("any", any);
        return pages::render(view, 200, "records/kept_records", i18n::N_("Kept medical records"), d, kList,
                             ctx.visitor());
    });

    gate.add(router, "GET", kList + "/{id}", Access::only({"doctor"}), [&](http::Request& req, Context& ctx) {
        auto r = kept.record(*ctx.principal, pages::pathId(req), ctx.ip);
        if (!r) pages::notFound();
        const http::PageTime clock = view.clock(ctx.lang);
        TemplateData d;
        setSummary(d, clock, *r);
        TemplateData visits = pages::list();
        for (const auto& v : r->visitList) {
            TemplateData i;
            i.set("when", clock.when(v.start));
            i.set("doctor", v.doctorName.empty() ? ctx.t("A doctor of the practice") : v.doctorName);
            i.set("specialty", v.specialty);
            i.set("has_note", v.note.has_value());
            i.set("text", v.note.value_or(""));
            i.set("updated", v.note ? clock.when(v.noteUpdatedAt) : std::string());
            visits.push_back(i);
        }
        d.set("visit_list", visits);
        d.set("heading", ctx.tf("Kept medical record {1}", {r->reference}));
        return pages::render(view, 200, "records/kept_record", i18n::N_("Kept medical record"), d, kList,
                             ctx.visitor());
    });
}

}  // namespace medassist::records
