#include "scheduling/appointment_pages.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/caregiver_pages.hpp"
#include "http/encoding.hpp"
#include "http/errors.hpp"
#include "scheduling/page_support.hpp"

namespace medassist::scheduling {

namespace {
using accounts::Access;
using accounts::Context;
using http::PageTime;
using http::TemplateData;
using i18n::N_;
using pages::Hidden;
using pages::Problems;

constexpr int kWizardDays = 14;              // the day step shows two weeks at a time, paged to the horizon
constexpr std::size_t kMaxReasonChars = 500;
const std::string kList = "/appointments";

Access patientsAndCaregivers() { return Access::only({"patient", "caregiver"}); }

std::string enc(const std::string& s) { return http::percentEncode(s); }

std::size_t utf8Length(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// ---- whose appointments ----------------------------------------------------------------------

// The patient a request acts for: nobody to name for a patient (the service uses their
// own id), the chosen and still linked patient for a caregiver.
struct Acting {
    std::optional<std::int64_t> patientId;
    std::string patientName;  // shown to a caregiver, so they know whose records these are
};

std::optional<Acting> actingFor(const http::Request& req, const Context& ctx, accounts::CaregiverService& caregivers) {
    const auto& p = *ctx.principal;
    if (p.role != "caregiver") return Acting{};
    auto choice = accounts::actingChoice(req);
    if (!choice) return std::nullopt;
    auto subject = caregivers.subjectFor(p, choice);
    if (!subject) return std::nullopt;
    Acting a{subject->patientId, {}};
    for (const auto& link : caregivers.patientsOf(p))
        if (link.patientId == subject->patientId) a.patientName = link.patientName;
    return a;
}

// next is one of this file's own paths, never taken from the request.
http::Response chooseWhomFirst(const std::string& next) {
    std::string location = "/account/acting-for?next=";
    location += next;
    return http::Response::redirect(location);
}

TemplateData baseData(const Context& ctx, const Acting& acting, const std::string& next) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("acting_for", pages::optional(acting.patientName));
    std::string change = "/account/acting-for?next=";
    change += next;
    d.set("acting_change_href", change);
    return d;
}

// ---- small formatting --------------------------------------------------------------------

struct Row {
    std::string label, value, id;
};

// Labels are English texts marked N_ where the row is made; shown in the reader's language.
TemplateData rows(const Context& ctx, const std::vector<Row>& items) {
    TemplateData l = pages::list();
    for (const auto& r : items) {
        TemplateData i;
        i.set("label", ctx.t(r.label));
        i.set("value", r.value);
        i.set("id", pages::optional(r.id));
        l.push_back(i);
    }
    return l;
}

std::string doctorLabel(const Doctor& d) {
    std::string s = d.name;
    if (!d.specialtyName.empty()) {
        s += " (";
        s += d.specialtyName;
        s += ")";
    }
    return s;
}

// "<doctor id>|<ISO instant>": one radio value names both, since a specialty's times
// belong to several doctors.
std::string slotValue(const PracticeTime& clock, std::int64_t doctorId, std::int64_t start) {
    std::string v = std::to_string(doctorId);
    v += '|';
    v += clock.iso(start);
    return v;
}

std::optional<std::pair<std::int64_t, std::int64_t>> parseSlot(const std::string& value) {
    auto bar = value.find('|');
    if (bar == std::string::npos) return std::nullopt;
    auto doctor = pages::parseId(value.substr(0, bar));
    auto start = parseInstant(value.substr(bar + 1));
    if (!doctor || !start) return std::nullopt;
    return std::make_pair(*doctor, *start);
}

// A local date in words. Noon is on that date in every offset the practice can have.
std::string noonDate(const PracticeTime& clock, const PageTime& shown, const LocalDate& d) {
    return shown.longDate(clock.toInstant(d, 12 * 60).value_or(0));
}

enum class Change { Cancel, Move };

// Whether the practice answers its phone now, or when it will (issue 22): "call the
// practice" at 22:00 on a Sunday is no help without it. "" when the hours say nothing.
std::string openingText(SchedulingService& service, const Context& ctx, const PageTime& shown, std::int64_t now) {
    const OpenNow o = service.openNow(now);
    if (!o.known) return {};
    if (o.open) return ctx.tf("The practice is open now, until {1}.", {shown.time(o.until)});
    if (o.next == 0) return ctx.t("The practice is closed now.");
    const PracticeTime clock = service.clock();
    const LocalDate today = clock.dateOf(now), day = clock.dateOf(o.next);
    if (day == today) return ctx.tf("The practice is closed now. It opens again today at {1}.", {shown.time(o.next)});
    if (day == addDays(today, 1))
        return ctx.tf("The practice is closed now. It opens again tomorrow at {1}.", {shown.time(o.next)});
    return ctx.tf("The practice is closed now. It opens again on {1} at {2}.",
                  {shown.longDate(o.next), shown.time(o.next)});
}

// "Please call the practice on …" and whether it is open now.
std::string reachText(SchedulingService& service, const Context& ctx, const PageTime& shown, std::int64_t now) {
    const auto pol = service.policy();
    std::string m = pol.phone.empty() ? ctx.t("Please call the practice.")
                                      : ctx.tf("Please call the practice on {1}.", {pol.phone});
    if (const auto open = openingText(service, ctx, shown, now); !open.empty()) {
        m += ' ';
        m += open;
    }
    return m;
}

std::string cutoffText(SchedulingService& service, const Context& ctx, const PageTime& shown, Change change) {
    const auto pol = service.policy();
    const int n = pol.booking.cancelCutoffHours;
    const std::string hours = std::to_string(n);
    std::string m =
        change == Change::Cancel
            ? ctx.tn("Appointments can't be cancelled online less than {1} hour before they start.",
                     "Appointments can't be cancelled online less than {1} hours before they start.", n, {hours})
            : ctx.tn("Appointments can't be moved online less than {1} hour before they start.",
                     "Appointments can't be moved online less than {1} hours before they start.", n, {hours});
    m += ' ';
    m += reachText(service, ctx, shown, ctx.now);
    return m;
}

// Why an appointment that is not `changeable` cannot be cancelled or moved.
std::string unchangeableText(SchedulingService& service, const Context& ctx, const PageTime& shown, const Appointment& a,
                             Change change) {
    if (a.status != "booked") {
        std::string label = pages::statusLabel(ctx, a.status);
        std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return std::tolower(c); });
        return change == Change::Cancel ? ctx.tf("This appointment is {1}, so it can't be cancelled.", {label})
                                        : ctx.tf("This appointment is {1}, so it can't be moved.", {label});
    }
    return cutoffText(service, ctx, shown, change);
}

// ---- the wizard ----------------------------------------------------------------------------

// Whose free times the wizard shows: one doctor, or every doctor of a specialty.
struct Target {
    std::optional<Doctor> doctor;
    std::optional<Specialty> specialty;

    void carry(Hidden& h) const {
        if (doctor) h.add("doctor_id", std::to_string(doctor->id));
        else if (specialty) h.add("specialty", specialty->slug);
    }
    std::string query() const {
        std::string q = "/appointments/new?";
        if (doctor) {
            q += "doctor_id=";
            q += std::to_string(doctor->id);
        } else if (specialty) {
            q += "specialty=";
            q += enc(specialty->slug);
        }
        return q;
    }
    std::vector<Row> summary() const {
        if (doctor) return {{N_("Doctor"), doctorLabel(*doctor), ""}};
        if (specialty) return {{N_("Specialty"), specialty->name, ""}};
        return {};
    }
    SlotQuery slots(const LocalDate& from, const LocalDate& to) const {
        SlotQuery q;
        if (doctor) q.doctorId = doctor->id;
        else if (specialty) q.specialty = specialty->slug;
        q.from = formatDate(from);
        q.to = formatDate(to);
        return q;
    }
};

struct DayOption {
    LocalDate date;
    int count = 0;
};

// The days with free times in one page of the day step (two weeks, paged up to the booking
// horizon: issue 22), and the days the practice is closed in them (holidays: said on the
// page, so a missing day is explained).
struct FreeDays {
    std::vector<DayOption> days;
    std::vector<Closure> closed;
    LocalDate from, to, last;                  // this page's days; the last bookable day
    std::optional<LocalDate> previous, next;   // the neighbouring pages' first days
};

// The first day of the page that holds `date` (pages start today, every kWizardDays days).
LocalDate pageStart(const LocalDate& today, const LocalDate& date) {
    const int offset = std::max(0, daysBetween(today, date));
    return addDays(today, offset / kWizardDays * kWizardDays);
}

// The page asked for by the query's "from" (a day of it), within today .. the horizon.
FreeDays freeDays(SchedulingService& service, const PracticeTime& clock, const Target& t, std::int64_t now,
                  const std::string& fromRaw = {}) {
    const LocalDate today = clock.dateOf(now);
    FreeDays out;
    out.last = addDays(today, service.policy().booking.horizonDays);
    LocalDate from = today;
    if (auto asked = parseDate(fromRaw)) from = pageStart(today, std::min(*asked, out.last));
    out.from = from;
    out.to = std::min(addDays(from, kWizardDays - 1), out.last);
    if (today < from) out.previous = addDays(from, -kWizardDays);
    if (out.to < out.last) out.next = addDays(out.to, 1);
    auto r = service.freeSlots(t.slots(out.from, out.to), now);
    std::map<LocalDate, int> counts;
    for (const auto& s : r.slots) ++counts[clock.dateOf(s.start)];
    for (const auto& [date, n] : counts) out.days.push_back({date, n});
    out.closed = std::move(r.closed);
    return out;
}

// The day step, for booking and for moving an appointment.
struct DayPage {
    std::string title, heading, step, action, next;
    std::string pageHref;  // the day step's own address, to which "from=YYYY-MM-DD" is added
    Hidden hidden;
    std::vector<Row> summary;
    std::string backHref, backLabel;
};

http::Response renderDays(const http::View& view, const Context& ctx, const Acting& acting, const DayPage& page,
                          const FreeDays& free, const PracticeTime& clock, const Problems& problems, int status) {
    const auto& days = free.days;
    const PageTime shown = view.clock(ctx.lang);
    TemplateData d = baseData(ctx, acting, page.next);
    d.set("heading", page.heading);
    d.set("step", pages::optional(page.step));
    d.set("action", page.action);
    d.set("hidden", page.hidden.data());
    d.set("summary", rows(ctx, page.summary));
    TemplateData items = pages::list();
    bool first = true;
    for (const auto& day : days) {
        TemplateData i;
        const std::string value = formatDate(day.date);
        i.set("id", first ? std::string("choice") : std::string("choice-") + value);
        i.set("value", value);
        i.set("label", noonDate(clock, shown, day.date));
        const std::string n = std::to_string(day.count);
        i.set("count", day.count == 1 ? ctx.tf("{1} free time", {n}) : ctx.tf("{1} free times", {n}));
        items.push_back(i);
        first = false;
    }
    d.set("days", items);
    d.set("any_days", !days.empty());
    const std::string from = noonDate(clock, shown, free.from), to = noonDate(clock, shown, free.to);
    d.set("legend", ctx.tf("Days with free times from {1} to {2}", {from, to}));
    d.set("none_text", ctx.tf("There are no free times from {1} to {2}.", {from, to}));
    const int ahead = daysBetween(clock.dateOf(ctx.now), free.last);
    d.set("horizon_text", ctx.tn("You can book up to {1}, {2} day ahead.", "You can book up to {1}, {2} days ahead.", ahead,
                                 {noonDate(clock, shown, free.last), std::to_string(ahead)}));
    const auto pageLink = [&](const std::optional<LocalDate>& first) -> TemplateData {
        if (!first) return TemplateData(false);
        std::string href = page.pageHref;
        href += page.pageHref.find('?') == std::string::npos ? '?' : '&';
        href += "from=";
        href += formatDate(*first);
        return TemplateData(href);
    };
    d.set("previous_href", pageLink(free.previous));
    d.set("next_href", pageLink(free.next));
    d.set("paged", free.previous.has_value() || free.next.has_value());
    TemplateData closed = pages::list();
    for (const auto& c : free.closed) {
        TemplateData i;
        i.set("label", ctx.tf("{1}: {2}", {noonDate(clock, shown, c.date), ctx.show(c.label())}));
        closed.push_back(i);
    }
    d.set("closed", closed);
    d.set("any_closed", !free.closed.empty());
    d.set("back_href", page.backHref);
    d.set("back_label", page.backLabel);
    problems.into(d, ctx);
    return pages::render(view, status, "appointments/choose_day", page.title, d, kList, ctx.visitor(),
                         problems.any());
}

struct TimeOption {
    std::string value, label;
};

// The time step: a GET to the next wizard step, or a POST that books, confirms or moves.
struct TimePage {
    std::string title, heading, step, action, next, field, submit, notice, intro;
    bool post = false;
    Hidden hidden;
    std::vector<Row> summary;
    std::string backHref, backLabel;
};

http::Response renderTimes(const http::View& view, const Context& ctx, const Acting& acting, const TimePage& page,
                           const std::vector<TimeOption>& times, const Problems& problems, int status) {
    TemplateData d = baseData(ctx, acting, page.next);
    d.set("heading", page.heading);
    d.set("step", pages::optional(page.step));
    d.set("intro", pages::optional(page.intro));
    d.set("notice", pages::optional(page.notice));
    d.set("action", page.action);
    d.set("post", page.post);
    d.set("hidden", page.hidden.data());
    d.set("field", page.field);
    d.set("submit", page.submit);
    d.set("summary", rows(ctx, page.summary));
    TemplateData items = pages::list();
    for (std::size_t i = 0; i < times.size(); ++i) {
        TemplateData t;
        t.set("id", i == 0 ? std::string("choice") : std::string("choice-") + std::to_string(i));
        t.set("value", times[i].value);
        t.set("label", times[i].label);
        items.push_back(t);
    }
    d.set("times", items);
    d.set("any_times", !times.empty());
    d.set("back_href", page.backHref);
    d.set("back_label", page.backLabel);
    problems.into(d, ctx);
    return pages::render(view, status, "appointments/choose_time", page.title, d, kList, ctx.visitor(),
                         problems.any());
}

Problems choiceProblems() { return Problems({"choice"}); }

class Wizard {
public:
    Wizard(const http::View& view, SchedulingService& service, const Context& ctx, const Acting& acting)
        : view_(view), service_(service), ctx_(ctx), acting_(acting), clock_(service.clock()),
          shown_(view.clock(ctx.lang)) {}

    http::Response start(const Problems& problems, const std::string& chosenSpecialty, const std::string& chosenDoctor,
                         int status) {
        TemplateData d = baseData(ctx_, acting_, "/appointments/new");
        TemplateData specialties = pages::list();
        for (const auto& s : service_.specialties()) {
            TemplateData i;
            i.set("slug", s.slug);
            i.set("name", s.name);
            i.set("selected", s.slug == chosenSpecialty);
            specialties.push_back(i);
        }
        TemplateData doctors = pages::list();
        for (const auto& doc : service_.doctors()) {
            TemplateData i;
            i.set("id", std::to_string(doc.id));
            i.set("label", doctorLabel(doc));
            i.set("selected", std::to_string(doc.id) == chosenDoctor);
            doctors.push_back(i);
        }
        d.set("specialties", specialties);
        d.set("doctors", doctors);
        // The booking limit first, not after five steps (issue 22).
        std::string limit;
        const int most = service_.policy().booking.maxFutureBookings;
        if (service_.futureBookings(*ctx_.principal, acting_.patientId, ctx_.now).value_or(0) >= most) {
            const std::string n = std::to_string(most);
            limit = acting_.patientName.empty()
                        ? ctx_.tn("You already have {1} upcoming appointment, the most that can be booked at once. "
                                  "To book another, cancel or move it first, or call the practice.",
                                  "You already have {1} upcoming appointments, the most that can be booked at once. "
                                  "To book another, cancel or move one of them first, or call the practice.",
                                  most, {n})
                        : ctx_.tn("{1} already has {2} upcoming appointment, the most that can be booked at once. "
                                  "To book another, cancel or move it first, or call the practice.",
                                  "{1} already has {2} upcoming appointments, the most that can be booked at once. "
                                  "To book another, cancel or move one of them first, or call the practice.",
                                  most, {acting_.patientName, n});
        }
        d.set("limit_notice", pages::optional(limit));
        problems.into(d, ctx_);
        return pages::render(view_, status, "appointments/choose_doctor", N_("Book an appointment"), d, kList,
                             ctx_.visitor(), problems.any());
    }

    http::Response days(const Target& t, const Problems& problems, int status, const std::string& from = {}) {
        DayPage page;
        page.title = i18n::N_("Choose a day");
        page.heading = ctx_.t("Choose a day");
        page.step = ctx_.t("Step 2 of 5");
        page.action = "/appointments/new";
        page.next = "/appointments/new";
        t.carry(page.hidden);
        page.hidden.add("step", "day");
        page.summary = t.summary();
        page.backHref = "/appointments/new";
        page.backLabel = ctx_.t("Choose another specialty or doctor");
        page.pageHref = t.query();
        page.hidden.add("from", from);
        return renderDays(view_, ctx_, acting_, page, freeDays(service_, clock_, t, ctx_.now, from), clock_, problems,
                          status);
    }

    http::Response times(const Target& t, const LocalDate& date, const Problems& problems, int status) {
        auto r = service_.freeSlots(t.slots(date, date), ctx_.now);
        std::vector<TimeOption> options;
        for (const auto& s : r.slots) {
            std::string label = shown_.time(s.start);
            if (!t.doctor) label = ctx_.tf("{1} with {2}", {label, s.doctorName});
            options.push_back({slotValue(clock_, s.doctorId, s.start), label});
        }
        TimePage page;
        page.title = i18n::N_("Choose a time");
        page.heading = ctx_.t("Choose a time");
        page.step = ctx_.t("Step 3 of 5");
        page.action = "/appointments/new";
        page.next = "/appointments/new";
        page.field = "slot";
        page.submit = ctx_.t("Continue");
        t.carry(page.hidden);
        page.hidden.add("date", formatDate(date));
        page.hidden.add("step", "slot");
        page.summary = t.summary();
        page.summary.push_back({N_("Day"), noonDate(clock_, shown_, date), ""});
        page.backHref = t.query();
        page.backHref += "&from=";
        page.backHref += formatDate(pageStart(clock_.dateOf(ctx_.now), date));
        page.backLabel = ctx_.t("Choose another day");
        return renderTimes(view_, ctx_, acting_, page, options, problems, status);
    }

    // After a time was taken by someone else: the next free times of the same doctor, the
    // reason kept, straight on to the confirmation.
    http::Response alternatives(const Doctor& doctor, const std::vector<FreeSlot>& slots, const std::string& reason,
                                const std::string& notice, const Problems& problems, int status) {
        std::vector<TimeOption> options;
        for (const auto& s : slots)
            options.push_back({slotValue(clock_, s.doctorId, s.start), shown_.when(s.start)});
        TimePage page;
        page.title = i18n::N_("Choose another time");
        page.heading = ctx_.t("Choose another time");
        page.step = ctx_.t("Step 3 of 5");
        page.notice = ctx_.t(notice);
        page.action = "/appointments/new/confirm";
        page.next = "/appointments/new";
        page.post = true;
        page.field = "slot";
        page.submit = ctx_.t("Continue");
        page.hidden.add("doctor_id", std::to_string(doctor.id));
        page.hidden.add("reason", reason);
        page.summary = {{N_("Doctor"), doctorLabel(doctor), ""}};
        std::string back = "/appointments/new?doctor_id=";
        back += std::to_string(doctor.id);
        page.backHref = back;
        page.backLabel = ctx_.t("See other days");
        return renderTimes(view_, ctx_, acting_, page, options, problems, status);
    }

    http::Response reason(const Doctor& doctor, std::int64_t start, const std::string& specialty,
                          const std::string& reasonText, const Problems& problems, int status) {
        TemplateData d = baseData(ctx_, acting_, "/appointments/new");
        d.set("summary",
              rows(ctx_, {{N_("Doctor"), doctorLabel(doctor), ""}, {N_("When"), shown_.when(start), "start"}}));
        Hidden h;
        h.add("doctor_id", std::to_string(doctor.id));
        h.add("start", clock_.iso(start));
        h.add("specialty", specialty);
        d.set("hidden", h.data());
        d.set("reason", reasonText);
        // Without consent no reason is stored (issue 5): the field gives way to why and where.
        d.set("no_consent", !service_.mayStoreReason(*ctx_.principal, acting_.patientId));
        d.set("max_reason", std::to_string(kMaxReasonChars));
        d.set("back_href", timesHref(doctor, start, specialty));
        problems.into(d, ctx_);
        return pages::render(view_, status, "appointments/reason", N_("Why are you coming?"), d, kList, ctx_.visitor(),
                             problems.any());
    }

    http::Response confirm(const Doctor& doctor, std::int64_t start, const std::string& specialty,
                           const std::string& reasonText) {
        TemplateData d = baseData(ctx_, acting_, "/appointments/new");
        d.set("summary", rows(ctx_, {{N_("Doctor"), doctorLabel(doctor), ""},
                                     {N_("Date"), shown_.longDate(start), ""},
                                     {N_("Time"), shown_.time(start), ""},
                                     {N_("Reason"), trim(reasonText).empty() ? ctx_.t("None given") : reasonText, ""}}));
        Hidden h;
        h.add("doctor_id", std::to_string(doctor.id));
        h.add("start", clock_.iso(start));
        h.add("reason", reasonText);
        d.set("hidden", h.data());
        Hidden edit = h;
        edit.add("specialty", specialty);
        d.set("edit_hidden", edit.data());
        d.set("back_href", timesHref(doctor, start, specialty));
        // Issue 22: a time inside the cutoff can never be changed online; say so before booking.
        std::string warning;
        const auto pol = service_.policy();
        if (insideCutoff(start, ctx_.now, pol.booking)) {
            const int n = pol.booking.cancelCutoffHours;
            const std::string hours = std::to_string(n);
            warning = pol.phone.empty()
                          ? ctx_.tn("This appointment starts in less than {1} hour, so you will not be able to cancel "
                                    "or move it online. To change it, you would have to call the practice.",
                                    "This appointment starts in less than {1} hours, so you will not be able to cancel "
                                    "or move it online. To change it, you would have to call the practice.",
                                    n, {hours})
                          : ctx_.tn("This appointment starts in less than {1} hour, so you will not be able to cancel "
                                    "or move it online. To change it, you would have to call the practice on {2}.",
                                    "This appointment starts in less than {1} hours, so you will not be able to cancel "
                                    "or move it online. To change it, you would have to call the practice on {2}.",
                                    n, {hours, pol.phone});
        }
        d.set("cutoff_warning", pages::optional(warning));
        return pages::render(view_, 200, "appointments/confirm", N_("Check and book"), d, kList, ctx_.visitor());
    }

    const PracticeTime& clock() const { return clock_; }

private:
    std::string timesHref(const Doctor& doctor, std::int64_t start, const std::string& specialty) const {
        std::string href = "/appointments/new?";
        if (specialty.empty()) {
            href += "doctor_id=";
            href += std::to_string(doctor.id);
        } else {
            href += "specialty=";
            href += enc(specialty);
        }
        href += "&date=";
        href += formatDate(clock_.dateOf(start));
        return href;
    }

    const http::View& view_;
    SchedulingService& service_;
    const Context& ctx_;
    const Acting& acting_;
    PracticeTime clock_;
    PageTime shown_;  // what the reader sees: their language, the practice's zone
};

Problems reasonProblems() { return Problems({"reason", "start"}, {"reason"}); }

std::optional<std::string> reasonProblem(const std::string& reason) {
    // Optional, as in the API: a patient may keep it for the doctor, and without consent to
    // store medical information none can be kept at all (issue 5).
    const std::string t = trim(reason);
    if (utf8Length(t) > kMaxReasonChars) return N_("Keep the reason to 500 characters or fewer.");
    return std::nullopt;
}

Doctor doctorOr404(SchedulingService& service, const std::string& raw) {
    auto id = pages::parseId(raw);
    if (!id) pages::notFound();
    auto d = service.doctor(*id);
    if (!d) pages::notFound();
    return *d;
}

// ---- the list ------------------------------------------------------------------------------

// locked: why a booked one can't be changed online and how to reach the practice instead.
TemplateData appointmentItem(const Context& ctx, const PageTime& clock, const Appointment& a,
                             const std::string& locked = {}) {
    TemplateData i;
    const std::string id = std::to_string(a.id);
    i.set("id", id);
    i.set("doctor", a.doctorName);
    i.set("specialty", pages::optional(a.specialtyName));
    i.set("when", clock.when(a.start));
    i.set("date", clock.longDate(a.start));
    i.set("time", clock.time(a.start));
    i.set("status", pages::statusLabel(ctx, a.status));
    i.set("reason", pages::optional(a.reason.value_or("")));
    i.set("changeable", a.changeable);
    i.set("locked", pages::optional(a.changeable || a.status != "booked" ? std::string() : locked));
    std::string base = "/appointments/";
    base += id;
    i.set("cancel_href", base + "/cancel");
    i.set("reschedule_href", base + "/reschedule");
    i.set("ics_href", base + "/ics");
    return i;
}

std::vector<Row> appointmentSummary(const Context& ctx, const PageTime& clock, const Appointment& a) {
    std::vector<Row> r{{N_("Doctor"), a.doctorName, ""}};
    if (!a.specialtyName.empty()) r.push_back({N_("Specialty"), a.specialtyName, ""});
    r.push_back({N_("When"), clock.when(a.start), ""});
    if (a.reason) r.push_back({N_("Reason"), *a.reason, ""});
    r.push_back({N_("Status"), pages::statusLabel(ctx, a.status), ""});
    return r;
}

http::Response refusedPage(const http::View& view, const Context& ctx, const Acting& acting, const std::string& title,
                           const std::string& message, const std::vector<Row>& summary, int status) {
    TemplateData d = baseData(ctx, acting, kList);
    d.set("heading", ctx.t(title));
    d.set("message", ctx.t(message));
    d.set("summary", rows(ctx, summary));
    return pages::render(view, status, "appointments/change_refused", title, d, kList, ctx.visitor(), status >= 400);
}

// ---- rescheduling ------------------------------------------------------------------------

std::vector<Row> rescheduleSummary(const PageTime& clock, const Appointment& a) {
    std::string doctor = a.doctorName;
    if (!a.specialtyName.empty()) {
        doctor += " (";
        doctor += a.specialtyName;
        doctor += ")";
    }
    return {{N_("Doctor"), doctor, ""}, {N_("Current time"), clock.when(a.start), ""}};
}

std::string rescheduleBase(std::int64_t id) {
    std::string s = "/appointments/";
    s += std::to_string(id);
    s += "/reschedule";
    return s;
}

http::Response rescheduleDays(const http::View& view, SchedulingService& service, const Context& ctx,
                              const Acting& acting, const Appointment& a, const Problems& problems, int status,
                              const std::string& from = {}) {
    const PracticeTime clock = service.clock();
    Target t;
    t.doctor = Doctor{a.doctorId, a.doctorName, "", a.specialtyName, "", ""};
    DayPage page;
    page.title = i18n::N_("Move your appointment");
    page.heading = ctx.t("Choose a new day");
    page.action = rescheduleBase(a.id);
    page.next = kList;
    page.hidden.add("step", "day");
    page.summary = rescheduleSummary(view.clock(ctx.lang), a);
    page.backHref = kList;
    page.backLabel = ctx.t("Keep the current time");
    page.pageHref = rescheduleBase(a.id);
    page.hidden.add("from", from);
    return renderDays(view, ctx, acting, page, freeDays(service, clock, t, ctx.now, from), clock, problems, status);
}

http::Response rescheduleTimes(const http::View& view, SchedulingService& service, const Context& ctx,
                               const Acting& acting, const Appointment& a, const LocalDate& date,
                               const std::vector<FreeSlot>& slots, const std::string& notice, const Problems& problems,
                               int status) {
    const PracticeTime clock = service.clock();
    const PageTime shown = view.clock(ctx.lang);
    std::vector<TimeOption> options;
    for (const auto& s : slots)
        options.push_back({clock.iso(s.start), notice.empty() ? shown.time(s.start) : shown.when(s.start)});
    TimePage page;
    page.title = i18n::N_("Move your appointment");
    page.heading = notice.empty() ? ctx.t("Choose a new time") : ctx.t("Choose another time");
    page.notice = ctx.t(notice);
    page.action = rescheduleBase(a.id);
    page.next = kList;
    page.post = true;
    page.field = "start";
    page.submit = ctx.t("Move my appointment");
    page.hidden.add("date", formatDate(date));
    page.summary = rescheduleSummary(shown, a);
    if (notice.empty()) page.summary.push_back({N_("New day"), noonDate(clock, shown, date), ""});
    page.backHref = rescheduleBase(a.id);
    page.backHref += "?from=";
    page.backHref += formatDate(pageStart(clock.dateOf(ctx.now), date));
    page.backLabel = ctx.t("Choose another day");
    return renderTimes(view, ctx, acting, page, options, problems, status);
}

std::vector<FreeSlot> slotsOn(SchedulingService& service, std::int64_t doctorId, const LocalDate& date,
                              std::int64_t now) {
    SlotQuery q;
    q.doctorId = doctorId;
    q.from = formatDate(date);
    q.to = q.from;
    return service.freeSlots(q, now).slots;
}

}  // namespace

void addAppointmentPages(http::Router& router, accounts::Gate& gate, SchedulingService& service,
                         accounts::CaregiverService& caregivers, const http::View& view) {
    // ---- the list ----
    gate.add(router, "GET", "/appointments", patientsAndCaregivers(), [&](http::Request& req, Context& ctx) {
        auto acting = actingFor(req, ctx, caregivers);
        if (!acting) return chooseWhomFirst(kList);
        auto all = service.appointments(*ctx.principal, acting->patientId, ctx.now);
        if (!all) return chooseWhomFirst(kList);  // the link ended since the choice was made
        const PageTime clock = view.clock(ctx.lang);
        const PracticeTime practiceClock = service.clock();

        std::vector<Appointment> upcoming, past;
        for (const auto& a : *all) (a.status == "booked" && a.end > ctx.now ? upcoming : past).push_back(a);
        std::sort(upcoming.begin(), upcoming.end(), [](const auto& x, const auto& y) { return x.start < y.start; });
        std::sort(past.begin(), past.end(), [](const auto& x, const auto& y) { return x.start > y.start; });

        const auto& q = req.query();
        std::string notice;
        if (auto booked = pages::parseId(q.getOr("booked", ""))) {
            notice = ctx.t("Your appointment is booked.");
            for (const auto& a : *all)
                if (a.id == *booked)
                    notice = ctx.tf("Your appointment with {1} on {2} is booked.", {a.doctorName, clock.when(a.start)});
        } else if (auto moved = pages::parseId(q.getOr("rescheduled", ""))) {
            notice = ctx.t("Your appointment has moved.");
            for (const auto& a : *all)
                if (a.id == *moved)
                    notice = ctx.tf("Your appointment with {1} is now on {2}.", {a.doctorName, clock.when(a.start)});
        } else if (q.getOr("cancelled", "") == "1") {
            notice = ctx.t("Your appointment is cancelled.");
        }

        TemplateData d = baseData(ctx, *acting, kList);
        d.set("notice", pages::optional(notice));
        TemplateData up = pages::list(), done = pages::list();
        std::string locked;
        if (std::any_of(upcoming.begin(), upcoming.end(), [](const auto& a) { return !a.changeable; })) {
            const int n = service.policy().booking.cancelCutoffHours;
            locked = ctx.tn("Less than {1} hour to go: this appointment can no longer be cancelled or moved online.",
                            "Less than {1} hours to go: this appointment can no longer be cancelled or moved online.", n,
                            {std::to_string(n)});
            locked += ' ';
            locked += reachText(service, ctx, clock, ctx.now);
        }
        for (const auto& a : upcoming) up.push_back(appointmentItem(ctx, clock, a, locked));
        for (const auto& a : past) done.push_back(appointmentItem(ctx, clock, a));
        d.set("upcoming", up);
        d.set("past", done);
        d.set("any_upcoming", !upcoming.empty());
        d.set("any_past", !past.empty());
        d.set("zone", view.clock(ctx.lang).zoneLabel());
        return pages::render(view, 200, "appointments/list", i18n::N_("Appointments"), d, kList, ctx.visitor());
    });

    // ---- booking: the wizard ----
    gate.add(router, "GET", "/appointments/new", patientsAndCaregivers(), [&](http::Request& req, Context& ctx) {
        auto acting = actingFor(req, ctx, caregivers);
        if (!acting) return chooseWhomFirst("/appointments/new");
        Wizard w(view, service, ctx, *acting);
        const auto& q = req.query();
        const std::string step = q.getOr("step", "");

        // Step 4: a time was chosen.
        if (auto slot = q.getOr("slot", ""); !slot.empty()) {
            auto parsed = parseSlot(slot);
            if (!parsed) throw http::HttpError(400, "malformed slot");
            Doctor doctor = doctorOr404(service, std::to_string(parsed->first));
            return w.reason(doctor, parsed->second, q.getOr("specialty", ""), "", reasonProblems(), 200);
        }

        // Step 1: a specialty or a doctor.
        Target t;
        const std::string doctorRaw = q.getOr("doctor_id", "");
        const std::string slug = q.getOr("specialty", "");
        if (!doctorRaw.empty()) {
            t.doctor = doctorOr404(service, doctorRaw);
        } else if (!slug.empty()) {
            for (const auto& s : service.specialties())
                if (s.slug == slug) t.specialty = s;
            if (!t.specialty) {
                Problems p({"specialty", "doctor_id"});
                p.add("specialty", N_("Choose a specialty from the list."));
                return w.start(p, "", "", 422);
            }
        } else {
            Problems p({"specialty", "doctor_id"});
            if (step == "specialty") p.add("specialty", N_("Choose a specialty, or choose a doctor instead."));
            else if (step == "doctor") p.add("doctor_id", N_("Choose a doctor, or choose a specialty instead."));
            return w.start(p, "", "", p.any() ? 422 : 200);
        }

        // Step 3: a day was chosen.
        if (auto raw = q.getOr("date", ""); !raw.empty()) {
            auto date = parseDate(raw);
            if (!date) {
                Problems p = choiceProblems();
                p.add("choice", N_("Choose one of the days listed."));
                return w.days(t, p, 422, q.getOr("from", ""));
            }
            Problems p = choiceProblems();
            if (step == "slot") p.add("choice", N_("Choose a time."));
            return w.times(t, *date, p, p.any() ? 422 : 200);
        }

        // Step 2: the day.
        Problems p = choiceProblems();
        if (step == "day") p.add("choice", N_("Choose a day."));
        return w.days(t, p, p.any() ? 422 : 200, q.getOr("from", ""));
    });

    // Step 5: the reason is checked and everything shown once more before booking.
    gate.add(router, "POST", "/appointments/new/confirm", patientsAndCaregivers(),
             [&](http::Request& req, Context& ctx) {
                 auto acting = actingFor(req, ctx, caregivers);
                 if (!acting) return chooseWhomFirst("/appointments/new");
                 Wizard w(view, service, ctx, *acting);
                 const auto& f = req.form();
                 const std::string reason = f.getOr("reason", "");
                 const std::string specialty = f.getOr("specialty", "");
                 std::int64_t start = 0;
                 Doctor doctor;
                 if (auto slot = f.getOr("slot", ""); !slot.empty()) {
                     auto parsed = parseSlot(slot);
                     if (!parsed) throw http::HttpError(400, "malformed slot");
                     doctor = doctorOr404(service, std::to_string(parsed->first));
                     start = parsed->second;
                 } else {
                     doctor = doctorOr404(service, f.getOr("doctor_id", ""));
                     auto s = parseInstant(f.getOr("start", ""));
                     if (!s) {
                         // The other-times form was sent without a choice.
                         Problems p = choiceProblems();
                         p.add("choice", N_("Choose one of the free times."));
                         return w.alternatives(doctor, service.nextFreeSlots(doctor.id, ctx.now, 3), reason, "", p,
                                               422);
                     }
                     start = *s;
                 }
                 if (auto problem = reasonProblem(reason)) {
                     Problems p = reasonProblems();
                     p.add("reason", *problem);
                     return w.reason(doctor, start, specialty, reason, p, 422);
                 }
                 return w.confirm(doctor, start, specialty, reason);
             });

    // From the confirmation back to the reason, to change it.
    gate.add(router, "POST", "/appointments/new/reason", patientsAndCaregivers(),
             [&](http::Request& req, Context& ctx) {
                 auto acting = actingFor(req, ctx, caregivers);
                 if (!acting) return chooseWhomFirst("/appointments/new");
                 Wizard w(view, service, ctx, *acting);
                 const auto& f = req.form();
                 Doctor doctor = doctorOr404(service, f.getOr("doctor_id", ""));
                 auto start = parseInstant(f.getOr("start", ""));
                 if (!start) throw http::HttpError(400, "malformed start");
                 return w.reason(doctor, *start, f.getOr("specialty", ""), f.getOr("reason", ""), reasonProblems(),
                                 200);
             });

    gate.add(router, "POST", "/appointments", patientsAndCaregivers(), [&](http::Request& req, Context& ctx) {
        auto acting = actingFor(req, ctx, caregivers);
        if (!acting) return chooseWhomFirst(kList);
        Wizard w(view, service, ctx, *acting);
        const auto& f = req.form();
        Doctor doctor = doctorOr404(service, f.getOr("doctor_id", ""));
        const std::string startText = f.getOr("start", "");
        auto start = parseInstant(startText);
        if (!start) throw http::HttpError(400, "malformed start");
        const std::string reason = f.getOr("reason", "");

        BookInput in;
        in.doctorId = doctor.id;
        in.start = startText;
        in.reason = reason;
        in.patientId = acting->patientId;
        auto r = service.book(*ctx.principal, in, ctx.now);
        switch (r.kind) {
            case ChangeResult::Kind::Done: {
                std::string location = "/appointments?booked=";
                location += std::to_string(r.appointment ? r.appointment->id : 0);
                return http::Response::redirect(location);
            }
            case ChangeResult::Kind::SlotTaken:
                return w.alternatives(doctor, r.alternatives, reason,
                                      r.message.empty() ? N_("Sorry, that time was just taken by someone else.")
                                                        : ctx.t(r.message),
                                      choiceProblems(), 409);
            case ChangeResult::Kind::NotFound: pages::notFound();
            case ChangeResult::Kind::Cutoff:
            case ChangeResult::Kind::Refused:
            case ChangeResult::Kind::ConsentRequired:
            case ChangeResult::Kind::Invalid: {
                Problems p = reasonProblems();
                p.add(r.errors);
                if (r.errors.empty()) p.add("start", r.message);
                return w.reason(doctor, *start, f.getOr("specialty", ""), reason, p, 422);
            }
        }
        throw std::logic_error("unhandled booking outcome");
    });

    // ---- cancelling ----
    gate.add(router, "GET", "/appointments/{id}/cancel", patientsAndCaregivers(),
             [&](http::Request& req, Context& ctx) {
                 const auto id = pages::pathId(req);
                 auto a = service.appointment(*ctx.principal, id, ctx.now);
                 if (!a) pages::notFound();
                 Acting acting = actingFor(req, ctx, caregivers).value_or(Acting{});
                 const PageTime clock = view.clock(ctx.lang);
                 if (!a->changeable)
                     return refusedPage(view, ctx, acting, N_("This appointment can't be cancelled"),
                                        unchangeableText(service, ctx, clock, *a, Change::Cancel),
                                        appointmentSummary(ctx, clock, *a), 409);
                 TemplateData d = baseData(ctx, acting, kList);
                 d.set("summary", rows(ctx, appointmentSummary(ctx, clock, *a)));
                 d.set("action", req.path());
                 return pages::render(view, 200, "appointments/cancel", i18n::N_("Cancel this appointment?"), d, kList,
                                      ctx.visitor());
             });

    gate.add(router, "POST", "/appointments/{id}/cancel", patientsAndCaregivers(),
             [&](http::Request& req, Context& ctx) {
                 const auto id = pages::pathId(req);
                 auto r = service.cancel(*ctx.principal, id, ctx.now);
                 switch (r.kind) {
                     case ChangeResult::Kind::Done: return http::Response::redirect("/appointments?cancelled=1");
                     case ChangeResult::Kind::NotFound: pages::notFound();
                     default: break;
                 }
                 Acting acting = actingFor(req, ctx, caregivers).value_or(Acting{});
                 std::vector<Row> summary;
                 if (auto a = service.appointment(*ctx.principal, id, ctx.now))
                     summary = appointmentSummary(ctx, view.clock(ctx.lang), *a);
                 // The cutoff in the reader's language (the service's text is the same sentence in English).
                 std::string message = r.kind == ChangeResult::Kind::Cutoff
                                            ? cutoffText(service, ctx, view.clock(ctx.lang), Change::Cancel)
                                            : ctx.t(r.message);
                 if (message.empty())
                     for (const auto& e : r.errors) message = ctx.t(e.reason);
                 return refusedPage(view, ctx, acting, N_("This appointment can't be cancelled"), message, summary, 409);
             });

    // ---- rescheduling ----
    gate.add(router, "GET", "/appointments/{id}/reschedule", patientsAndCaregivers(),
             [&](http::Request& req, Context& ctx) {
                 const auto id = pages::pathId(req);
                 auto a = service.appointment(*ctx.principal, id, ctx.now);
                 if (!a) pages::notFound();
                 Acting acting = actingFor(req, ctx, caregivers).value_or(Acting{});
                 if (!a->changeable)
                     return refusedPage(view, ctx, acting, N_("This appointment can't be moved"),
                                        unchangeableText(service, ctx, view.clock(ctx.lang), *a, Change::Move),
                                        appointmentSummary(ctx, view.clock(ctx.lang), *a), 409);
                 const auto& q = req.query();
                 if (auto raw = q.getOr("date", ""); !raw.empty()) {
                     auto date = parseDate(raw);
                     if (!date) {
                         Problems p = choiceProblems();
                         p.add("choice", N_("Choose one of the days listed."));
                         return rescheduleDays(view, service, ctx, acting, *a, p, 422, q.getOr("from", ""));
                     }
                     return rescheduleTimes(view, service, ctx, acting, *a, *date,
                                            slotsOn(service, a->doctorId, *date, ctx.now), "", choiceProblems(), 200);
                 }
                 Problems p = choiceProblems();
                 if (q.getOr("step", "") == "day") p.add("choice", N_("Choose a day."));
                 return rescheduleDays(view, service, ctx, acting, *a, p, p.any() ? 422 : 200, q.getOr("from", ""));
             });

    gate.add(router, "POST", "/appointments/{id}/reschedule", patientsAndCaregivers(),
             [&](http::Request& req, Context& ctx) {
                 const auto id = pages::pathId(req);
                 const auto& f = req.form();
                 const std::string start = f.getOr("start", "");
                 auto r = service.reschedule(*ctx.principal, id, start, ctx.now);
                 if (r.kind == ChangeResult::Kind::Done) {
                     std::string location = "/appointments?rescheduled=";
                     location += std::to_string(id);
                     return http::Response::redirect(location);
                 }
                 if (r.kind == ChangeResult::Kind::NotFound) pages::notFound();
                 auto a = service.appointment(*ctx.principal, id, ctx.now);
                 if (!a) pages::notFound();
                 Acting acting = actingFor(req, ctx, caregivers).value_or(Acting{});
                 const PracticeTime clock = service.clock();
                 if (r.kind == ChangeResult::Kind::Cutoff)
                     return refusedPage(view, ctx, acting, N_("This appointment can't be moved"),
                                        cutoffText(service, ctx, view.clock(ctx.lang), Change::Move),
                                        appointmentSummary(ctx, view.clock(ctx.lang), *a), 409);
                 // The day the form was for: its own field, else the chosen time's, else today.
                 std::optional<LocalDate> date = parseDate(f.getOr("date", ""));
                 if (!date) {
                     if (auto s = parseInstant(start)) date = clock.dateOf(*s);
                     else date = clock.dateOf(ctx.now);
                 }
                 if (r.kind == ChangeResult::Kind::SlotTaken)
                     return rescheduleTimes(view, service, ctx, acting, *a, *date, r.alternatives,
                                            r.message.empty() ? N_("Sorry, that time was just taken by someone else.")
                                                              : ctx.t(r.message),
                                            choiceProblems(), 409);
                 Problems p = choiceProblems();
                 for (const auto& e : r.errors) p.add("choice", e.reason);
                 if (r.errors.empty()) p.add("choice", r.message);
                 return rescheduleTimes(view, service, ctx, acting, *a, *date,
                                        slotsOn(service, a->doctorId, *date, ctx.now), "", p, 422);
             });

    // ---- the calendar file ----
    gate.add(router, "GET", "/appointments/{id}/ics", patientsAndCaregivers(), [&](http::Request& req, Context& ctx) {
        const auto id = pages::pathId(req);
        auto text = service.ics(*ctx.principal, id, ctx.now);
        if (!text) pages::notFound();
        auto r = http::Response::html(200, *text);
        r.setHeader("Content-Type", "text/calendar; charset=utf-8");
        std::string disposition = "attachment; filename=\"appointment-";
        disposition += std::to_string(id);
        disposition += ".ics\"";
        r.setHeader("Content-Disposition", disposition);
        return r;
    });
}

}  // namespace medassist::scheduling
