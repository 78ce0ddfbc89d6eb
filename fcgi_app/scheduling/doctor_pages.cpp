#include "scheduling/doctor_pages.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "http/errors.hpp"
#include "scheduling/page_support.hpp"

namespace medassist::scheduling {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

const std::string kSchedule = "/doctor/schedule";

// Which days the page shows: one, or Monday..Sunday of the week holding `date`.
struct Span {
    bool week = false;
    LocalDate date;
    LocalDate from() const { return week ? addDays(date, 1 - isoWeekday(date)) : date; }
    LocalDate to() const { return week ? addDays(from(), 6) : date; }

    std::string href(const LocalDate& d, bool asWeek) const {
        std::string h = kSchedule;
        h += asWeek ? "?view=week&date=" : "?view=day&date=";
        h += formatDate(d);
        return h;
    }
};

// The view and date a request names; an unreadable date falls back to today and says so.
Span spanOf(const std::string& viewParam, const std::string& dateParam, const PracticeTime& clock, std::int64_t now,
            bool& badDate) {
    Span s;
    s.week = viewParam == "week";
    s.date = clock.dateOf(now);
    badDate = false;
    if (!dateParam.empty()) {
        if (auto d = parseDate(dateParam)) s.date = *d;
        else badDate = true;
    }
    return s;
}

std::string noon(const PracticeTime& clock, const http::PageTime& shown, const LocalDate& d) {
    // Noon is on the same date in every zone offset the practice can have.
    return shown.longDate(clock.toInstant(d, 12 * 60).value_or(0));
}

http::Response schedulePage(const http::View& view, SchedulingService& service, const ReminderMarks& reminders,
                            const Context& ctx, const Span& span, const std::string& notice, const std::string& error,
                            int status) {
    const PracticeTime clock = service.clock();
    const http::PageTime shown = view.clock(ctx.lang);
    const LocalDate from = span.from(), to = span.to();
    auto entries = service.schedule(*ctx.principal, from, to, ctx.now);

    std::map<LocalDate, std::vector<const ScheduleEntry*>> byDay;
    for (const auto& e : entries) byDay[clock.dateOf(e.appointment.start)].push_back(&e);
    std::set<std::int64_t> reminded;
    if (reminders && !entries.empty()) {
        std::int64_t first = entries.front().appointment.start, last = first;
        for (const auto& e : entries) {
            first = std::min(first, e.appointment.start);
            last = std::max(last, e.appointment.start);
        }
        reminded = reminders(*ctx.principal, first, last + 1);
    }

    TemplateData days = pages::list();
    for (LocalDate d = from; !(to < d); d = addDays(d, 1)) {
        TemplateData day;
        day.set("heading", noon(clock, shown, d));
        day.set("id", std::string("day-") + formatDate(d));
        TemplateData items = pages::list();
        bool any = false;
        for (const ScheduleEntry* e : byDay[d]) {
            const Appointment& a = e->appointment;
            TemplateData i;
            const std::string id = std::to_string(a.id);
            std::string time = shown.time(a.start);
            time += "–";
            time += shown.time(a.end);
            i.set("id", id);
            i.set("time", time);
            i.set("patient", a.status == "cancelled" ? ctx.t("(cancelled booking)") : e->patientName);
            i.set("reason", pages::optional(a.reason.value_or("")));
            i.set("status", pages::statusLabel(ctx, a.status));
            i.set("can_mark", a.status == "booked" && a.start <= ctx.now);
            i.set("completed", a.status == "completed");
            i.set("reminded", reminded.count(a.id) > 0);
            std::string base = "/doctor/appointments/";
            base += id;
            i.set("outcome_action", base + "/outcome");
            i.set("note_href", base + "/note");
            i.set("note_label", a.hasNote ? ctx.t("Edit the visit note") : ctx.t("Write the visit note"));
            std::string notes = "/doctor/patients/";
            notes += std::to_string(a.patientId);
            notes += "/notes";
            i.set("notes_href", notes);
            items.push_back(i);
            any = true;
        }
        day.set("entries", items);
        day.set("any", any);
        days.push_back(day);
    }

    const int step = span.week ? 7 : 1;
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("week", span.week);
    const std::string heading = span.week ? ctx.tf("Week of {1}", {noon(clock, shown, from)}) : noon(clock, shown, from);
    d.set("heading", heading);
    d.set("prev_href", span.href(addDays(span.date, -step), span.week));
    d.set("next_href", span.href(addDays(span.date, step), span.week));
    d.set("today_href", span.href(clock.dateOf(ctx.now), span.week));
    d.set("other_view_href", span.href(span.date, !span.week));
    d.set("view", span.week ? "week" : "day");
    d.set("date", formatDate(span.date));
    d.set("days", days);
    d.set("any", !entries.empty());
    d.set("zone", view.clock(ctx.lang).zoneLabel());
    d.set("notice", pages::optional(ctx.t(notice)));
    d.set("error", pages::optional(ctx.t(error)));
    return pages::render(view, status, "doctor/schedule", span.week ? i18n::N_("My week") : i18n::N_("My day"), d, kSchedule,
                         ctx.visitor(), !error.empty() && status >= 400);
}

}  // namespace

void addDoctorPages(http::Router& router, accounts::Gate& gate, SchedulingService& service,
                    [[maybe_unused]] records::VisitNotesService& notes, const http::View& view,
                    const ReminderMarks& reminded) {
    gate.add(router, "GET", kSchedule, Access::only({"doctor"}), [&](http::Request& req, Context& ctx) {
        const auto& q = req.query();
        bool badDate = false;
        Span span = spanOf(q.getOr("view", "day"), q.getOr("date", ""), service.clock(), ctx.now, badDate);
        std::string notice;
        const std::string marked = q.getOr("marked", "");
        if (marked == "completed") notice = i18n::N_("The visit is marked completed. You can write its visit note now.");
        else if (marked == "no_show") notice = i18n::N_("The visit is marked as a no-show.");
        return schedulePage(view, service, reminded, ctx, span, notice,
                            badDate ? i18n::N_("That date could not be read, so today is shown. Use YYYY-MM-DD.") : "", 200);
    });

    gate.add(router, "POST", "/doctor/appointments/{id}/outcome", Access::only({"doctor"}),
             [&](http::Request& req, Context& ctx) {
                 const auto id = pages::pathId(req);
                 const auto& f = req.form();
                 bool badDate = false;
                 Span span = spanOf(f.getOr("return_view", "day"), f.getOr("return_date", ""), service.clock(), ctx.now,
                                    badDate);
                 const std::string outcome = f.getOr("outcome", "");
                 auto r = service.setOutcome(*ctx.principal, id, outcome, ctx.now);
                 switch (r.kind) {
                     case ChangeResult::Kind::Done: {
                         std::string location = span.href(span.date, span.week);
                         location += "&marked=";
                         location += outcome == "completed" ? "completed" : "no_show";
                         return http::Response::redirect(location);
                     }
                     case ChangeResult::Kind::NotFound: pages::notFound();
                     case ChangeResult::Kind::Invalid: {
                         std::string message = ctx.t(r.message);
                         for (const auto& e : r.errors) message = ctx.t(e.reason);
                         return schedulePage(view, service, reminded, ctx, span, "", message, 422);
                     }
                     default:
                         return schedulePage(view, service, reminded, ctx, span, "", ctx.t(r.message), 409);
                 }
             });
}

}  // namespace medassist::scheduling
