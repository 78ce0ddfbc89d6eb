#include "admin/admin_pages.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "http/errors.hpp"
#include "site/faq_placeholders.hpp"

namespace medassist::admin {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;

// The hours editor shows at least this many rows, and at most kMaxHoursRows: the form
// must stay under the request's field limit (http::RequestLimits::maxFields).
constexpr std::size_t kMinHoursRows = 14;
constexpr std::size_t kMaxHoursRows = 22;
constexpr std::size_t kSpareHoursRows = 4;

const char* const kDayNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// kainjow treats every string, even "", as true in a section: absent values are false.
TemplateData optional(const std::string& value) { return value.empty() ? TemplateData(false) : TemplateData(value); }

TemplateData list() { return TemplateData(TemplateData::type::list); }

// A path id: digits only, or the page does not exist.
std::int64_t idParam(const http::Request& req, const std::string& name) {
    const std::string raw = req.pathParam(name);
    if (raw.empty() || raw.size() > 18 ||
        !std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return std::isdigit(c); }))
        throw http::HttpError(404, "no such item");
    const std::int64_t id = std::stoll(raw);
    if (id <= 0) throw http::HttpError(404, "no such item");
    return id;
}

// One form as its template sees it: the values to show again, each error next to its
// field, and the summary at the top linking to the fields. The template reads field "x"
// as f_x.value, f_x.error, f_x.invalid and f_x.describedby.
class FormState {
public:
    void keep(const std::string& id, const std::string& value) { values_[id] = value; }
    std::string value(const std::string& id) const {
        auto it = values_.find(id);
        return it == values_.end() ? std::string() : it->second;
    }

    // target: the id of the input the summary links to; "" for the form as a whole.
    void fail(const std::string& target, const std::string& reason) {
        if (!target.empty() && !errors_.emplace(target, reason).second) return;  // the first reason per field
        summary_.emplace_back(reason, target);
    }
    // The service's field names, mapped to input ids (unknown names: summary only); the
    // service's English reasons in the reader's language.
    template <class Map>
    void fail(const accounts::FieldErrors& errors, Map idOf, const Context& ctx) {
        for (const auto& e : errors) fail(idOf(e.field), ctx.t(e.reason));
    }
    bool failed() const { return !summary_.empty(); }

    TemplateData field(const std::string& id, bool hint = false) const {
        auto err = errors_.find(id);
        std::string describedBy;
        if (hint) describedBy = id + "-hint";
        if (err != errors_.end()) {
            if (!describedBy.empty()) describedBy += ' ';
            describedBy += id;
            describedBy += "-error";
        }
        TemplateData f;
        f.set("id", id);
        f.set("value", value(id));
        f.set("error", err == errors_.end() ? TemplateData(false) : TemplateData(err->second));
        f.set("invalid", err != errors_.end());
        f.set("describedby", optional(describedBy));
        return f;
    }

    void summaryInto(TemplateData& d) const {
        TemplateData items = list();
        for (const auto& [reason, target] : summary_) {
            TemplateData item;
            item.set("message", reason);
            std::string href = "#";
            href += target;
            item.set("href", target.empty() ? TemplateData(false) : TemplateData(href));
            items.push_back(item);
        }
        d.set("has_errors", failed());
        d.set("errors", items);
    }

private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::string> errors_;
    std::vector<std::pair<std::string, std::string>> summary_;
};

std::string sameName(const std::string& field) { return field; }

http::Response render(const http::View& view, int status, const std::string& name, const std::string& title,
                      const TemplateData& data, const std::string& currentPath, const Context& ctx, bool failed) {
    // "Error: " first, so a screen reader hears at once that the page came back with problems.
    std::string fullTitle = failed ? "Error: " : "";
    fullTitle += title;
    return http::Response::html(status, view.page(name, fullTitle, data, currentPath, ctx.visitor()));
}

std::string savedText(const std::string& saved, const std::map<std::string, std::string>& texts) {
    auto it = texts.find(saved);
    return it == texts.end() ? std::string() : it->second;
}

// ---- time off (shared by the admin's doctor page and the doctor's own page) ---------------

const std::vector<std::string> kTimeOffFields = {"from_date", "from_time", "to_date", "to_time", "label"};

TimeOffInput timeOffInput(const http::FormFields& f, FormState& form) {
    TimeOffInput in;
    in.fromDate = f.getOr("from_date", "");
    in.fromTime = f.getOr("from_time", "");
    in.toDate = f.getOr("to_date", "");
    in.toTime = f.getOr("to_time", "");
    in.label = f.getOr("label", "");
    for (const auto& id : kTimeOffFields) form.keep(id, f.getOr(id, ""));
    return in;
}

void timeOffInto(TemplateData& d, const std::vector<TimeOffView>& items, const FormState& form,
                 const std::string& deletePrefix) {
    TemplateData rows = list();
    for (const auto& t : items) {
        TemplateData row;
        row.set("id", std::to_string(t.id));
        row.set("from", t.from);
        row.set("to", t.to);
        row.set("label", optional(t.label));
        row.set("delete_action", deletePrefix + std::to_string(t.id) + "/delete");
        rows.push_back(row);
    }
    d.set("time_off", rows);
    d.set("any_time_off", !items.empty());
    d.set("f_from_date", form.field("from_date", true));
    d.set("f_from_time", form.field("from_time", true));
    d.set("f_to_date", form.field("to_date", true));
    d.set("f_to_time", form.field("to_time", true));
    d.set("f_label", form.field("label", true));
}

std::string timeOffField(const std::string& field) { return field == "profile" ? std::string() : field; }

// ---- doctors -------------------------------------------------------------------------------

std::string statusLabel(const DoctorSummary& s) {
    if (s.pending) return i18n::N_("Waiting for approval");
    if (!s.profile) return i18n::N_("Active, no profile yet");
    return s.profile->bookable ? i18n::N_("Active, bookable") : i18n::N_("Active, hidden from booking");
}

http::Response doctorsPage(const http::View& view, const Context& ctx, PracticeAdminService& service,
                           const std::string& saved) {
    TemplateData rows = list();
    bool any = false;
    for (const auto& s : service.doctors()) {
        TemplateData row;
        row.set("id", std::to_string(s.id));
        row.set("name", s.profile ? s.profile->displayName : s.accountName);
        row.set("account_name", s.accountName);
        row.set("specialty", s.profile ? s.profile->specialtyName : std::string("—"));
        row.set("status", ctx.t(statusLabel(s)));
        row.set("pending", s.pending);
        row.set("email", optional(s.email));
        rows.push_back(row);
        any = true;
    }
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("doctors", rows);
    d.set("any_doctors", any);
    d.set("saved", optional(ctx.t(savedText(
                       saved, {{"profile", i18n::N_("The doctor's profile and weekly hours were saved.")},
                               {"rejected", i18n::N_("The registration was rejected: the account cannot sign in, and "
                                                     "the doctor was told by email.")}}))));
    return render(view, 200, "admin/doctors", i18n::N_("Doctors"), d, "/admin", ctx, false);
}

std::string hoursId(std::size_t row, const char* part) {
    std::string out = "hours_";
    out += std::to_string(row);
    out += '_';
    out += part;
    return out;
}

struct DoctorPage {
    FormState profile;      // the profile and hours form
    FormState timeOff;      // the add-time-off form
    std::size_t rows = kMinHoursRows;
    bool bookable = true;
    std::string saved;
};

// The form as the database has it: for a GET, and around a time-off form that came back.
void fillProfile(PracticeAdminService& service, const DoctorSummary& s, DoctorPage& page) {
    if (s.profile) {
        page.profile.keep("display_name", s.profile->displayName);
        page.profile.keep("specialty", s.profile->specialtySlug);
        page.profile.keep("languages", s.profile->languages);
        page.profile.keep("bio", s.profile->bio);
        page.bookable = s.profile->bookable;
    } else {
        page.profile.keep("display_name", s.accountName);
        page.bookable = true;
    }
    auto hours = service.hours(s.id);
    page.rows = std::clamp(hours.size() + kSpareHoursRows, kMinHoursRows, std::max(kMaxHoursRows, hours.size()));
    for (std::size_t i = 0; i < hours.size(); ++i) {
        const auto& h = hours[i];
        page.profile.keep(hoursId(i + 1, "weekday"), std::to_string(h.weekday));
        page.profile.keep(hoursId(i + 1, "start"), hhmm(h.startMinute));
        page.profile.keep(hoursId(i + 1, "end"), hhmm(h.endMinute));
        page.profile.keep(hoursId(i + 1, "slot"), std::to_string(h.slotMinutes));
    }
}

http::Response doctorEditPage(const http::View& view, const Context& ctx, PracticeAdminService& service,
                              const DoctorSummary& s, const DoctorPage& page, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("doctor_id", std::to_string(s.id));
    d.set("name", s.profile ? s.profile->displayName : s.accountName);
    d.set("account_name", s.accountName);
    d.set("pending", s.pending);
    d.set("has_profile", s.profile.has_value());
    d.set("status", ctx.t(statusLabel(s)));
    d.set("saved", optional(ctx.t(savedText(page.saved, {{"profile", i18n::N_("The profile and weekly hours were saved.")},
                                                   {"time-off", i18n::N_("The time off was added.")},
                                                   {"time-off-removed", i18n::N_("The time off was removed.")}}))));

    d.set("f_display_name", page.profile.field("display_name", true));
    d.set("f_specialty", page.profile.field("specialty"));
    d.set("f_languages", page.profile.field("languages", true));
    d.set("f_bio", page.profile.field("bio", true));
    d.set("bookable", page.bookable);
    TemplateData specialties = list();
    const std::string chosen = page.profile.value("specialty");
    for (const auto& sp : service.specialties()) {
        TemplateData o;
        o.set("value", sp.slug);
        o.set("label", sp.name);
        o.set("selected", sp.slug == chosen);
        specialties.push_back(o);
    }
    d.set("specialties", specialties);
    d.set("no_specialty", chosen.empty());

    TemplateData rows = list();
    for (std::size_t n = 1; n <= page.rows; ++n) {
        TemplateData row;
        row.set("n", std::to_string(n));
        const std::string day = page.profile.value(hoursId(n, "weekday"));
        TemplateData days = list();
        for (int w = 1; w <= 7; ++w) {
            TemplateData o;
            o.set("value", std::to_string(w));
            o.set("label", kDayNames[w - 1]);
            o.set("selected", day == std::to_string(w));
            days.push_back(o);
        }
        row.set("days", days);
        row.set("no_day", day.empty());
        row.set("weekday", page.profile.field(hoursId(n, "weekday")));
        row.set("start", page.profile.field(hoursId(n, "start")));
        row.set("end", page.profile.field(hoursId(n, "end")));
        row.set("slot", page.profile.field(hoursId(n, "slot")));
        rows.push_back(row);
    }
    d.set("hours_rows", rows);

    std::vector<TimeOffView> timeOff;
    if (auto t = service.timeOff(*ctx.principal, s.id, ctx.now)) timeOff = std::move(*t);
    std::string prefix = "/admin/doctors/";
    prefix += std::to_string(s.id);
    prefix += "/time-off/";
    timeOffInto(d, timeOff, page.timeOff, prefix);
    d.set("timezone", ctx.catalogs->zoneLabel(ctx.lang, service.clock().zoneName()));

    const FormState* failed = page.timeOff.failed() ? &page.timeOff : &page.profile;
    failed->summaryInto(d);
    std::string title = i18n::N_("Doctor: ");
    title += s.profile ? s.profile->displayName : s.accountName;
    return render(view, status, "admin/doctor_edit", title, d, "/admin", ctx, failed->failed());
}

DoctorSummary doctorOr404(PracticeAdminService& service, std::int64_t id) {
    auto s = service.doctor(id);
    if (!s) throw http::HttpError(404, "no doctor with this id");
    return *s;
}

// ---- settings --------------------------------------------------------------------------------

// Form ids for setting keys: "hours.monday" → "hours_monday" (a dot in an id is awkward in a link).
std::string settingId(const std::string& key) {
    std::string id = key;
    std::replace(id.begin(), id.end(), '.', '_');
    return id;
}

http::Response settingsPage(const http::View& view, const Context& ctx, const FormState& form,
                            const std::string& saved, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("saved", optional(ctx.t(savedText(saved, {{"1", i18n::N_("The practice settings were saved.")}}))));
    for (const char* id : {"phone", "email", "address", "tagline", "address_it", "tagline_it", "timezone", "booking_horizon_days",
                           "min_notice_hours", "cancel_cutoff_hours", "max_future_bookings", "patron_day",
                           "patron_name", "patron_name_it", "medical_record_retention_years", "reminder_hours",
                           "reminder_second_hours"})
        d.set(std::string("f_") + id, form.field(id, true));
    const std::string holidays = form.value("closed_on_holidays");
    d.set("holidays_on", holidays != "0");
    d.set("holidays_off", holidays == "0");
    d.set("second_reminder_on", form.value("reminder_second_enabled") == "1");
    TemplateData days = list();
    for (const char* day : kDayNames) {
        std::string id = "hours_";
        for (const char* c = day; *c; ++c) id += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        TemplateData row;
        row.set("day", day);
        row.set("field", form.field(id));
        days.push_back(row);
    }
    d.set("days", days);
    form.summaryInto(d);
    return render(view, status, "admin/settings", i18n::N_("Practice settings"), d, "/admin", ctx, form.failed());
}

// ---- FAQ --------------------------------------------------------------------------------------

const std::vector<std::string> kFaqFields = {"question", "answer", "tags"};

FaqInput faqInput(const http::FormFields& f, FormState& form) {
    FaqInput in;
    in.question = f.getOr("question", "");
    in.answer = f.getOr("answer", "");
    in.tags = f.getOr("tags", "");
    for (const auto& id : kFaqFields) form.keep(id, f.getOr(id, ""));
    return in;
}

// The placeholders an answer may use (site/faq_placeholders.hpp), listed beside the answer
// field with what each one shows.
void placeholdersInto(TemplateData& d, const Context& ctx) {
    static const std::map<std::string, const char*> meaning{
        {"hours", i18n::N_("the opening hours of the whole week")},
        {"hours.monday", i18n::N_("Monday's opening hours")},
        {"hours.tuesday", i18n::N_("Tuesday's opening hours")},
        {"hours.wednesday", i18n::N_("Wednesday's opening hours")},
        {"hours.thursday", i18n::N_("Thursday's opening hours")},
        {"hours.friday", i18n::N_("Friday's opening hours")},
        {"hours.saturday", i18n::N_("Saturday's opening hours")},
        {"hours.sunday", i18n::N_("Sunday's opening hours")},
        {"address", i18n::N_("the address, on one line")},
        {"phone", i18n::N_("the phone number")},
        {"email", i18n::N_("the email address")},
    };
    TemplateData items = list();
    for (const auto& name : site::faqPlaceholders()) {
        TemplateData item;
        item.set("code", "{{" + name + "}}");
        auto it = meaning.find(name);
        item.set("meaning", it == meaning.end() ? std::string() : ctx.t(it->second));
        items.push_back(item);
    }
    d.set("placeholders", items);
}

void faqFieldsInto(TemplateData& d, const FormState& form) {
    d.set("f_question", form.field("question", true));
    d.set("f_answer", form.field("answer", true));
    d.set("f_tags", form.field("tags", true));
}

http::Response faqPage(const http::View& view, const Context& ctx, PracticeAdminService& service,
                       const FormState& form, const std::string& saved, int status) {
    TemplateData entries = list();
    std::size_t count = 0;
    std::set<std::pair<std::int64_t, std::string>> versions;  // (entry, language) that exist
    for (const auto& t : service.allFaqTranslations()) versions.emplace(t.entryId, t.language);
    for (const auto& e : service.faq()) {
        TemplateData row;
        row.set("id", std::to_string(e.id));
        row.set("question", e.question);
        row.set("tags", optional(e.tags));
        row.set("updated", e.updatedAt);
        TemplateData langs = list();
        for (const auto& code : view.catalogs().languages()) {
            if (code == "en") continue;
            TemplateData v;
            v.set("code", code);
            v.set("name", i18n::nativeName(code));
            v.set("present", versions.count({e.id, code}) > 0);
            langs.push_back(v);
        }
        row.set("versions", langs);
        entries.push_back(row);
        ++count;
    }
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("entries", entries);
    d.set("any_entries", count > 0);
    d.set("count", std::to_string(count));
    d.set("saved", optional(ctx.t(savedText(
                       saved, {{"created", i18n::N_("The entry was added.")},
                               {"updated", i18n::N_("The entry was saved.")},
                               {"deleted", i18n::N_("The entry was deleted. You can restore it under Recently deleted.")},
                               {"restored", i18n::N_("The entry was restored: the assistant answers from it again.")}}))));
    TemplateData gone = list();
    bool anyGone = false;
    for (const auto& e : service.deletedFaq()) {
        TemplateData row;
        row.set("id", std::to_string(e.id));
        row.set("question", e.question);
        row.set("deleted", e.deletedAt);
        gone.push_back(row);
        anyGone = true;
    }
    d.set("deleted_entries", gone);
    d.set("any_deleted", anyGone);
    d.set("restore_days", std::to_string(kFaqRestoreDays));
    placeholdersInto(d, ctx);
    faqFieldsInto(d, form);
    form.summaryInto(d);
    return render(view, status, "admin/faq", i18n::N_("Questions and answers"), d, "/admin", ctx, form.failed());
}

// The entry's versions in the other languages, each a form of its own: fields "question-it",
// "answer-it", "tags-it". versionForms holds what was typed (or stored) per language; the
// one that failed carries its errors.
http::Response faqEditPage(const http::View& view, const Context& ctx, PracticeAdminService& service, std::int64_t id,
                           const FormState& form, std::map<std::string, FormState> versionForms, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("id", std::to_string(id));
    placeholdersInto(d, ctx);
    d.set("restore_days", std::to_string(kFaqRestoreDays));
    faqFieldsInto(d, form);
    std::set<std::string> present;
    for (const auto& t : service.faqTranslations(id)) {
        present.insert(t.language);
        auto& f = versionForms[t.language];
        if (f.value("question-" + t.language).empty() && !f.failed()) {
            f.keep("question-" + t.language, t.question);
            f.keep("answer-" + t.language, t.answer);
            f.keep("tags-" + t.language, t.tags);
        }
    }
    bool failed = form.failed();
    TemplateData versions = list();
    for (const auto& code : view.catalogs().languages()) {
        if (code == "en") continue;
        const FormState& f = versionForms[code];
        failed = failed || f.failed();
        TemplateData v;
        v.set("code", code);
        v.set("name", i18n::nativeName(code));
        v.set("present", present.count(code) > 0);
        v.set("f_question", f.field("question-" + code));
        v.set("f_answer", f.field("answer-" + code));
        v.set("f_tags", f.field("tags-" + code));
        versions.push_back(v);
        if (f.failed()) f.summaryInto(d);
    }
    d.set("versions", versions);
    if (form.failed() || !failed) form.summaryInto(d);
    return render(view, status, "admin/faq_edit", i18n::N_("Edit a question"), d, "/admin", ctx, failed);
}

// ---- the doctor's own time off --------------------------------------------------------------

http::Response doctorTimeOffPage(const http::View& view, const Context& ctx, PracticeAdminService& service,
                                 const FormState& form, const std::string& saved, int status) {
    const std::int64_t self = ctx.principal->userId;
    auto me = service.doctor(self);
    std::vector<TimeOffView> items;
    if (auto t = service.timeOff(*ctx.principal, self, ctx.now)) items = std::move(*t);
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("has_profile", me && me->profile);
    d.set("saved", optional(ctx.t(savedText(saved, {{"added", i18n::N_("Your time off was added.")},
                                              {"removed", i18n::N_("Your time off was removed.")}}))));
    d.set("timezone", ctx.catalogs->zoneLabel(ctx.lang, service.clock().zoneName()));
    timeOffInto(d, items, form, "/doctor/time-off/");
    form.summaryInto(d);
    return render(view, status, "doctor/time_off", i18n::N_("My time off"), d, "/doctor/time-off", ctx, form.failed());
}

}  // namespace

void addPracticeAdminPages(http::Router& router, accounts::Gate& gate, PracticeAdminService& service,
                           const http::View& view) {
    const Access admins = Access::only({"admin"});
    const Access doctors = Access::only({"doctor"});

    // ---- doctors ----
    gate.add(router, "GET", "/admin/doctors", admins, [&](http::Request& req, Context& ctx) {
        return doctorsPage(view, ctx, service, req.query().getOr("saved", ""));
    });

    gate.add(router, "GET", "/admin/doctors/{id}", admins, [&](http::Request& req, Context& ctx) {
        const DoctorSummary s = doctorOr404(service, idParam(req, "id"));
        DoctorPage page;
        fillProfile(service, s, page);
        page.saved = req.query().getOr("saved", "");
        return doctorEditPage(view, ctx, service, s, page, 200);
    });

    gate.add(router, "POST", "/admin/doctors/{id}", admins, [&](http::Request& req, Context& ctx) {
        const DoctorSummary s = doctorOr404(service, idParam(req, "id"));
        const auto& f = req.form();
        DoctorPage page;
        ProfileInput in;
        in.displayName = f.getOr("display_name", "");
        in.specialtySlug = f.getOr("specialty", "");
        in.languages = f.getOr("languages", "");
        in.bio = f.getOr("bio", "");
        in.bookable = f.has("bookable");
        page.bookable = in.bookable;
        for (const char* id : {"display_name", "specialty", "languages", "bio"}) page.profile.keep(id, f.getOr(id, ""));
        // As many rows as the form sent (the last one with any field), within the editor's size.
        std::size_t sent = 0;
        for (std::size_t n = 1; n <= kMaxHoursRows; ++n)
            for (const char* part : {"weekday", "start", "end", "slot"})
                if (f.has(hoursId(n, part))) sent = n;
        std::vector<HoursInput> rows;
        for (std::size_t n = 1; n <= sent; ++n) {
            HoursInput h{f.getOr(hoursId(n, "weekday"), ""), f.getOr(hoursId(n, "start"), ""),
                         f.getOr(hoursId(n, "end"), ""), f.getOr(hoursId(n, "slot"), "")};
            for (const char* part : {"weekday", "start", "end", "slot"})
                page.profile.keep(hoursId(n, part), f.getOr(hoursId(n, part), ""));
            rows.push_back(std::move(h));
        }
        auto r = service.saveDoctor(*ctx.principal, s.id, in, rows, ctx.ip);
        if (!r.found) throw http::HttpError(404, "no doctor with this id");
        if (r.errors.empty()) {
            std::string to = "/admin/doctors/";
            to += std::to_string(s.id);
            to += "?saved=profile";
            return http::Response::redirect(to);
        }
        page.profile.fail(r.errors, sameName, ctx);
        page.rows = std::clamp(sent, kMinHoursRows, kMaxHoursRows);
        return doctorEditPage(view, ctx, service, s, page, 422);
    });

    // Rejecting a doctor waiting for approval asks first, on a page of its own.
    gate.add(router, "GET", "/admin/doctors/{id}/reject", admins, [&](http::Request& req, Context& ctx) {
        const DoctorSummary s = doctorOr404(service, idParam(req, "id"));
        if (!s.pending) throw http::HttpError(404, "no doctor waiting for approval with this id");
        TemplateData d;
        d.set("csrf", ctx.csrf);
        d.set("id", std::to_string(s.id));
        d.set("name", s.accountName);
        d.set("email", s.email);
        d.set("registered", s.registered);
        return render(view, 200, "admin/doctor_reject", i18n::N_("Reject this registration?"), d, "/admin", ctx, false);
    });

    gate.add(router, "POST", "/admin/doctors/{id}/reject", admins, [&](http::Request& req, Context& ctx) {
        if (!service.rejectDoctor(*ctx.principal, idParam(req, "id"), ctx.ip))
            throw http::HttpError(404, "no doctor waiting for approval with this id");
        return http::Response::redirect("/admin/doctors?saved=rejected");
    });

    gate.add(router, "POST", "/admin/doctors/{id}/time-off", admins, [&](http::Request& req, Context& ctx) {
        const DoctorSummary s = doctorOr404(service, idParam(req, "id"));
        DoctorPage page;
        const TimeOffInput in = timeOffInput(req.form(), page.timeOff);
        auto r = service.addTimeOff(*ctx.principal, s.id, in, ctx.ip, ctx.now);
        if (!r.found) throw http::HttpError(404, "no doctor with this id");
        if (r.errors.empty()) {
            std::string to = "/admin/doctors/";
            to += std::to_string(s.id);
            to += "?saved=time-off";
            return http::Response::redirect(to);
        }
        page.timeOff.fail(r.errors, timeOffField, ctx);
        fillProfile(service, s, page);
        return doctorEditPage(view, ctx, service, s, page, 422);
    });

    gate.add(router, "POST", "/admin/doctors/{id}/time-off/{tid}/delete", admins,
             [&](http::Request& req, Context& ctx) {
                 const std::int64_t id = idParam(req, "id");
                 const std::int64_t tid = idParam(req, "tid");
                 if (!service.removeTimeOff(*ctx.principal, id, tid, ctx.ip))
                     throw http::HttpError(404, "no such time off");
                 std::string to = "/admin/doctors/";
                 to += std::to_string(id);
                 to += "?saved=time-off-removed";
                 return http::Response::redirect(to);
             });

    // ---- settings ----
    gate.add(router, "GET", "/admin/settings", admins, [&](http::Request& req, Context& ctx) {
        FormState form;
        for (const auto& [key, value] : service.settings()) form.keep(settingId(key), value);
        return settingsPage(view, ctx, form, req.query().getOr("saved", ""), 200);
    });

    gate.add(router, "POST", "/admin/settings", admins, [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        std::map<std::string, std::string> values;
        FormState form;
        for (const auto& key : settingKeys()) {
            // The calendar keys count only when the form sends them (an older form keeps them).
            if ((key == "closed_on_holidays" || key == "patron_day" || key == "address.it" || key == "tagline.it" ||
                 key == "patron_name" || key == "patron_name.it" ||
                 key == "medical_record_retention_years" || key == "reminder_hours" ||
                 key == "reminder_second_enabled" || key == "reminder_second_hours") &&
                !f.get(settingId(key)))
                continue;
            const std::string v = f.getOr(settingId(key), "");
            values[key] = v;
            form.keep(settingId(key), v);
        }
        auto errors = service.saveSettings(*ctx.principal, values, ctx.ip);
        if (errors.empty()) return http::Response::redirect("/admin/settings?saved=1");
        form.fail(errors, settingId, ctx);
        return settingsPage(view, ctx, form, "", 422);
    });

    // ---- FAQ ----
    gate.add(router, "GET", "/admin/faq", admins, [&](http::Request& req, Context& ctx) {
        return faqPage(view, ctx, service, FormState(), req.query().getOr("saved", ""), 200);
    });

    gate.add(router, "POST", "/admin/faq", admins, [&](http::Request& req, Context& ctx) {
        FormState form;
        const FaqInput in = faqInput(req.form(), form);
        auto r = service.createFaq(*ctx.principal, in, ctx.ip);
        if (r.errors.empty() && r.found) return http::Response::redirect("/admin/faq?saved=created");
        form.fail(r.errors, sameName, ctx);
        return faqPage(view, ctx, service, form, "", 422);
    });

    gate.add(router, "GET", "/admin/faq/{id}", admins, [&](http::Request& req, Context& ctx) {
        const std::int64_t id = idParam(req, "id");
        auto e = service.faqEntry(id);
        if (!e) throw http::HttpError(404, "no such entry");
        FormState form;
        form.keep("question", e->question);
        form.keep("answer", e->answer);
        form.keep("tags", e->tags);
        return faqEditPage(view, ctx, service, id, form, {}, 200);
    });

    gate.add(router, "POST", "/admin/faq/{id}", admins, [&](http::Request& req, Context& ctx) {
        const std::int64_t id = idParam(req, "id");
        FormState form;
        const FaqInput in = faqInput(req.form(), form);
        auto r = service.updateFaq(*ctx.principal, id, in, ctx.ip);
        if (!r.found) throw http::HttpError(404, "no such entry");
        if (r.errors.empty()) return http::Response::redirect("/admin/faq?saved=updated");
        form.fail(r.errors, sameName, ctx);
        return faqEditPage(view, ctx, service, id, form, {}, 422);
    });

    // An entry's version in another language (issue 17).
    auto editForm = [&service](std::int64_t id) {
        FormState form;
        if (auto e = service.faqEntry(id)) {
            form.keep("question", e->question);
            form.keep("answer", e->answer);
            form.keep("tags", e->tags);
        }
        return form;
    };
    gate.add(router, "POST", "/admin/faq/{id}/versions/{lang}", admins, [&, editForm](http::Request& req, Context& ctx) {
        const std::int64_t id = idParam(req, "id");
        const std::string lang = req.pathParam("lang");
        if (lang == "en" || !view.catalogs().supports(lang)) throw http::HttpError(404, "no such language");
        std::map<std::string, FormState> versions;
        FormState& version = versions[lang];
        const auto& f = req.form();
        FaqInput in;
        in.question = f.getOr("question", "");
        in.answer = f.getOr("answer", "");
        in.tags = f.getOr("tags", "");
        version.keep("question-" + lang, in.question);
        version.keep("answer-" + lang, in.answer);
        version.keep("tags-" + lang, in.tags);
        auto r = service.saveFaqTranslation(*ctx.principal, id, lang, in, ctx.ip);
        if (!r.found) throw http::HttpError(404, "no such entry");
        if (r.errors.empty()) return http::Response::redirect("/admin/faq?saved=updated");
        version.fail(r.errors, [&lang](const std::string& field) { return field + "-" + lang; }, ctx);
        return faqEditPage(view, ctx, service, id, editForm(id), std::move(versions), 422);
    });

    gate.add(router, "POST", "/admin/faq/{id}/versions/{lang}/delete", admins, [&](http::Request& req, Context& ctx) {
        const std::int64_t id = idParam(req, "id");
        if (!service.removeFaqTranslation(*ctx.principal, id, req.pathParam("lang"), ctx.ip))
            throw http::HttpError(404, "no such version");
        return http::Response::redirect("/admin/faq?saved=updated");
    });

    // Deleting asks first (a page of its own, no JavaScript), and can be undone: the entry
    // waits under "Recently deleted" for kFaqRestoreDays.
    gate.add(router, "GET", "/admin/faq/{id}/delete", admins, [&](http::Request& req, Context& ctx) {
        const std::int64_t id = idParam(req, "id");
        auto e = service.faqEntry(id);
        if (!e) throw http::HttpError(404, "no such entry");
        TemplateData d;
        d.set("csrf", ctx.csrf);
        d.set("id", std::to_string(id));
        d.set("question", e->question);
        d.set("answer", e->answer);
        d.set("restore_days", std::to_string(kFaqRestoreDays));
        return render(view, 200, "admin/faq_delete", i18n::N_("Delete this question?"), d, "/admin", ctx, false);
    });

    gate.add(router, "POST", "/admin/faq/{id}/delete", admins, [&](http::Request& req, Context& ctx) {
        if (!service.removeFaq(*ctx.principal, idParam(req, "id"), ctx.ip)) throw http::HttpError(404, "no such entry");
        return http::Response::redirect("/admin/faq?saved=deleted");
    });

    gate.add(router, "POST", "/admin/faq/{id}/restore", admins, [&](http::Request& req, Context& ctx) {
        if (!service.restoreFaq(*ctx.principal, idParam(req, "id"), ctx.ip))
            throw http::HttpError(404, "no deleted entry with this id");
        return http::Response::redirect("/admin/faq?saved=restored");
    });

    // ---- a doctor's own time off ----
    gate.add(router, "GET", "/doctor/time-off", doctors, [&](http::Request& req, Context& ctx) {
        return doctorTimeOffPage(view, ctx, service, FormState(), req.query().getOr("saved", ""), 200);
    });

    gate.add(router, "POST", "/doctor/time-off", doctors, [&](http::Request& req, Context& ctx) {
        FormState form;
        const TimeOffInput in = timeOffInput(req.form(), form);
        auto r = service.addTimeOff(*ctx.principal, ctx.principal->userId, in, ctx.ip, ctx.now);
        if (!r.found) throw http::HttpError(404, "no doctor account");
        if (r.errors.empty()) return http::Response::redirect("/doctor/time-off?saved=added");
        form.fail(r.errors, timeOffField, ctx);
        return doctorTimeOffPage(view, ctx, service, form, "", 422);
    });

    gate.add(router, "POST", "/doctor/time-off/{id}/delete", doctors, [&](http::Request& req, Context& ctx) {
        // Only the doctor's own: another doctor's id is as unknown as a missing one.
        if (!service.removeTimeOff(*ctx.principal, ctx.principal->userId, idParam(req, "id"), ctx.ip))
            throw http::HttpError(404, "no such time off");
        return http::Response::redirect("/doctor/time-off?saved=removed");
    });
}

}  // namespace medassist::admin
