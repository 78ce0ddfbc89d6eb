#include "assistant/staff_inbox_pages.hpp"

#include <ctime>
#include <string>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include "http/errors.hpp"
#include "scheduling/page_support.hpp"

namespace medassist::assistant {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;
namespace pages = scheduling::pages;

const std::string kInbox = "/admin/inbox";

using pages::isoUtc;
}  // namespace

void addStaffInboxPages(http::Router& router, accounts::Gate& gate, StaffInboxService& inbox, const http::View& view) {
    gate.add(router, "GET", kInbox, Access::only({"admin"}), [&](http::Request& req, Context& ctx) {
        const http::PageTime clock = view.clock(ctx.lang);
        TemplateData items = pages::list();
        std::size_t open = 0, count = 0;
        for (const auto& m : inbox.inbox(*ctx.principal)) {
            TemplateData i;
            i.set("id", std::to_string(m.id));
            i.set("when", clock.minute(m.createdAt));
            i.set("when_iso", isoUtc(m.createdAt));
            i.set("patient_name", m.patientName);
            i.set("patient_email", pages::optional(m.patientEmail));
            i.set("caregiver_name", pages::optional(m.caregiverName.value_or("")));
            i.set("text", m.text);
            i.set("handled", m.handledAt.has_value());
            i.set("handled_when", m.handledAt ? clock.minute(*m.handledAt) : std::string());
            items.push_back(i);
            ++count;
            if (!m.handledAt) ++open;
        }
        TemplateData d;
        d.set("csrf", ctx.csrf);
        d.set("messages", items);
        d.set("any", count > 0);
        d.set("count", std::to_string(count));
        d.set("open", std::to_string(open));
        d.set("saved", req.query().getOr("saved", "") == "handled");
        return pages::render(view, 200, "assistant/staff_inbox", i18n::N_("Staff inbox"), d, kInbox, ctx.visitor());
    });

    gate.add(router, "POST", "/admin/inbox/{id}/handled", Access::only({"admin"}), [&](http::Request& req,
                                                                                         Context& ctx) {
        if (!inbox.markHandled(*ctx.principal, pages::pathId(req), ctx.ip)) pages::notFound();
        return http::Response::redirect(kInbox + "?saved=handled");
    });
}

}  // namespace medassist::assistant
