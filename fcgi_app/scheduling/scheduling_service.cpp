#include "scheduling/scheduling_service.hpp"
#include "i18n/catalogs.hpp"

#include "common/text_rules.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>


namespace medassist::scheduling {

namespace {

constexpr int kMaxRangeDays = 31;
constexpr std::size_t kMaxReasonChars = 500;
constexpr std::size_t kAlternatives = 3;
constexpr const char* kStartFormat = i18n::N_(
    "Give the time as an ISO 8601 date and time with its offset, such as 2026-03-02T09:30:00+01:00.");

security::FieldAad reasonAad(std::int64_t id) { return {"appointments", "reason", std::to_string(id)}; }

int settingInt(const std::map<std::string, std::string>& s, const std::string& key, int fallback, int lo, int hi) {
    auto it = s.find(key);
    if (it == s.end()) return fallback;
    try {
        std::size_t used = 0;
        int v = std::stoi(it->second, &used);
        if (used != it->second.size() || v < lo || v > hi) return fallback;
        return v;
    } catch (const std::exception&) {
        return fallback;
    }
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::size_t utf8Length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// The reason is shown to the doctor: no control, format or separator characters (issue 16).
bool hasControl(const std::string& s) { return common::hasHiddenFormatting(s, true); }

Doctor toDoctor(const DoctorRow& r) {
    return Doctor{r.userId, r.displayName, r.specialtySlug, r.specialtyName, r.languages, r.bio};
}

// Concatenation without `"literal" + std::string&&` (GCC 12 warns falsely on it).
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (auto p : parts) out.append(p);
    return out;
}

// Why a change inside the cutoff is refused, and how to reach the practice instead.
i18n::Text cutoffMessage(bool moving, const PracticePolicy& pol) {
    using i18n::Arg;
    using i18n::N_;
    const Arg hours = Arg::number(pol.booking.cancelCutoffHours);
    if (pol.phone.empty())
        return {moving ? N_("Appointments can't be moved online less than {1} h before they start. Please call the practice.")
                       : N_("Appointments can't be cancelled online less than {1} h before they start. Please call the "
                            "practice."),
                {hours}};
    return {moving ? N_("Appointments can't be moved online less than {1} h before they start. Please call the practice "
                        "on {2}.")
                   : N_("Appointments can't be cancelled online less than {1} h before they start. Please call the "
                        "practice on {2}."),
            {hours, Arg::literal(pol.phone)}};
}

std::string icsTime(std::int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)),
                                           "%Y%m%dT%H%M%SZ");
}

// RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped.
std::string icsText(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r': break;
            default: out += c;
        }
    }
    return out;
}

// Lines longer than 75 octets are folded (RFC 5545 3.1), never inside a UTF-8 sequence.
std::string icsLine(const std::string& line) {
    std::string out;
    std::size_t col = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        bool starts = (c & 0xC0) != 0x80;
        if (starts && col >= 74) {
            out += "\r\n ";
            col = 1;
        }
        out += line[i];
        ++col;
    }
    out += "\r\n";
    return out;
}

}  // namespace

std::string describeWhen(const PracticeTime& clock, std::int64_t start) {
    std::string s = clock.longDate(start);
    s += " at ";
    s += clock.time(start);
    return s;
}

SchedulingService::SchedulingService(DoctorStore& doctors, AppointmentStore& appointments, site::PracticeStore& practice,
                                     accounts::AccountsService& accounts, accounts::CaregiverService& caregivers,
                                     privacy::AccessLog& accessLog, privacy::ConsentService& consent,
                                     security::Vault& vault, mail::LocalizedMail& mail)
    : doctors_(doctors), appointments_(appointments), practice_(practice), accounts_(accounts),
      caregivers_(caregivers), accessLog_(accessLog), consent_(consent), vault_(vault), mail_(mail) {}

PracticePolicy SchedulingService::policy() {
    std::lock_guard lock(policyMutex_);
    auto nowSteady = std::chrono::steady_clock::now();
    // Settings change rarely (an admin form); a few seconds of staleness saves a query
    // on every slot computation.
    if (cachedPolicy_ && nowSteady - policyReadAt_ < std::chrono::seconds(5)) return *cachedPolicy_;
    auto s = practice_.settings();
    PracticePolicy p;
    if (auto it = s.find("timezone"); it != s.end() && !it->second.empty()) {
        try {
            PracticeTime probe(it->second);
            p.timeZone = it->second;
        } catch (const std::invalid_argument&) {
            // keep the default: an unknown zone would stop every booking
        }
    }
    p.booking.horizonDays = settingInt(s, "booking_horizon_days", 60, 1, 365);
    p.booking.noticeMinutes = settingInt(s, "min_notice_hours", 2, 0, 168) * 60;
    p.booking.cancelCutoffHours = settingInt(s, "cancel_cutoff_hours", 24, 0, 168);
    p.booking.maxFutureBookings = settingInt(s, "max_future_bookings", 3, 1, 20);
    if (auto it = s.find("phone"); it != s.end()) p.phone = it->second;
    p.calendar.nationalHolidays = settingInt(s, "closed_on_holidays", 1, 0, 1) == 1;
    if (auto it = s.find("patron_day"); it != s.end()) p.calendar.patron = parsePatronDay(it->second);
    else p.calendar.patron = LocalDate{2024, 6, 29};  // Rome: Saints Peter and Paul
    if (auto it = s.find("patron_name"); it != s.end() && !it->second.empty()) p.calendar.patronName = it->second;
    // "patron_name.it": the name in that language (issue 17), like "tagline.it".
    for (const auto& [key, value] : s)
        if (key.rfind("patron_name.", 0) == 0 && key.size() > 12 && !value.empty())
            p.calendar.patronNames[key.substr(12)] = value;
    p.opening = weeklyOpening(s);
    cachedPolicy_ = p;
    policyReadAt_ = nowSteady;
    return p;
}

PracticeTime SchedulingService::clock() { return PracticeTime(policy().timeZone); }

OpenNow SchedulingService::openNow(std::int64_t now) {
    const auto pol = policy();
    return openingNow(PracticeTime(pol.timeZone), pol.opening, pol.calendar, now);
}

std::optional<int> SchedulingService::futureBookings(const Principal& who, std::optional<std::int64_t> patientId,
                                                     std::int64_t now) {
    auto subject = caregivers_.subjectFor(who, patientId);
    if (!subject) return std::nullopt;
    int n = 0;
    for (const auto& r : appointments_.ofPatient(subject->patientId))
        if (r.status == "booked" && r.start > now) ++n;
    return n;
}

namespace {
std::vector<Closure> closuresBetween(const LocalDate& from, const LocalDate& to, const CalendarSettings& settings) {
    std::vector<Closure> out;
    for (int year = from.year; year <= to.year; ++year)
        for (auto& c : closuresOf(year, settings))
            if (!(c.date < from) && !(to < c.date)) out.push_back(std::move(c));
    return out;
}

// A closed day as time off for the slot rules: its whole local day.
void addClosures(std::vector<Interval>& off, const std::vector<Closure>& closed, const PracticeTime& clk) {
    for (const auto& c : closed) {
        const auto a = clk.toInstant(c.date, 0), b = clk.toInstant(addDays(c.date, 1), 0);
        if (a && b) off.push_back(Interval{*a, *b});
    }
}
}  // namespace

std::vector<Closure> SchedulingService::closures(const LocalDate& from, const LocalDate& to) {
    return closuresBetween(from, to, policy().calendar);
}

std::vector<Specialty> SchedulingService::specialties() {
    std::vector<Specialty> out;
    for (const auto& r : doctors_.specialties()) out.push_back(Specialty{r.id, r.slug, r.name, r.description});
    return out;
}

std::vector<Doctor> SchedulingService::doctors(const std::optional<std::string>& specialtySlug) {
    std::vector<Doctor> out;
    for (const auto& r : doctors_.doctors(true))
        if (!specialtySlug || r.specialtySlug == *specialtySlug) out.push_back(toDoctor(r));
    return out;
}

std::optional<Doctor> SchedulingService::doctor(std::int64_t id) {
    auto r = doctors_.doctor(id);
    if (!r || !r->bookable) return std::nullopt;
    // doctor() returns profiles of any account status: only active accounts are bookable.
    for (const auto& d : doctors_.doctors(true))
        if (d.userId == id) return toDoctor(d);
    return std::nullopt;
}

SlotsResult SchedulingService::freeSlots(const SlotQuery& q, std::int64_t now) {
    SlotsResult out;
    const auto pol = policy();
    const PracticeTime clk(pol.timeZone);
    std::vector<Doctor> who;
    if (q.doctorId) {
        if (auto d = doctor(*q.doctorId)) who.push_back(*d);
        else out.errors.push_back({"doctor_id", i18n::N_("There is no doctor with this id.")});
    } else if (q.specialty) {
        if (!doctors_.specialtyBySlug(*q.specialty)) out.errors.push_back({"specialty", i18n::N_("There is no such specialty.")});
        else who = doctors(*q.specialty);
    } else {
        out.errors.push_back({"doctor_id", i18n::N_("Choose a doctor or a specialty.")});
    }
    const LocalDate today = clk.dateOf(now);
    std::optional<LocalDate> from = q.from.empty() ? std::optional<LocalDate>(today) : parseDate(q.from);
    if (!from) out.errors.push_back({"from", i18n::N_("Use a date written as YYYY-MM-DD.")});
    std::optional<LocalDate> to;
    if (q.to.empty()) {
        if (from) to = addDays(*from, 6);
    } else {
        to = parseDate(q.to);
        if (!to) out.errors.push_back({"to", i18n::N_("Use a date written as YYYY-MM-DD.")});
    }
    if (from && to) {
        if (*to < *from) out.errors.push_back({"to", i18n::N_("The end date is before the start date.")});
        else if (daysBetween(*from, *to) >= kMaxRangeDays)
            out.errors.push_back({"to", i18n::N_("Ask for at most 31 days at a time.")});
    }
    if (!out.errors.empty()) return out;

    // A day's margin on both sides covers any offset between local dates and UTC.
    const std::int64_t spanFrom = clk.toInstant(*from, 0).value_or(now) - 86400;
    const std::int64_t spanTo = clk.toInstant(addDays(*to, 1), 0).value_or(now) + 86400;
    out.closed = closuresBetween(*from, *to, pol.calendar);
    for (const auto& d : who) {
        auto hours = doctors_.hours(d.id);
        if (hours.empty()) continue;
        std::vector<Interval> off;
        addClosures(off, out.closed, clk);
        for (const auto& t : doctors_.timeOff(d.id, spanFrom, spanTo)) off.push_back(t.span);
        auto busy = appointments_.busy(d.id, spanFrom, spanTo);
        for (const auto& s : scheduling::freeSlots(clk, hours, off, busy, *from, *to, now, pol.booking))
            out.slots.push_back(FreeSlot{d.id, d.name, s.start, s.end});
    }
    std::sort(out.slots.begin(), out.slots.end(), [](const FreeSlot& a, const FreeSlot& b) {
        return a.start != b.start ? a.start < b.start : a.doctorId < b.doctorId;
    });
    return out;
}

std::vector<FreeSlot> SchedulingService::nextFreeSlots(std::int64_t doctorId, std::int64_t now, std::size_t count) {
    std::vector<FreeSlot> out;
    const auto pol = policy();
    const PracticeTime clk(pol.timeZone);
    LocalDate from = clk.dateOf(now);
    const LocalDate last = addDays(from, pol.booking.horizonDays);
    while (out.size() < count && !(last < from)) {
        LocalDate to = addDays(from, 13);
        if (last < to) to = last;
        SlotQuery q;
        q.doctorId = doctorId;
        q.from = formatDate(from);
        q.to = formatDate(to);
        auto r = freeSlots(q, now);
        if (!r.errors.empty()) break;
        for (const auto& s : r.slots) {
            if (out.size() == count) break;
            out.push_back(s);
        }
        from = addDays(to, 1);
    }
    return out;
}

Appointment SchedulingService::present(const AppointmentRow& row, const PracticePolicy& pol, std::int64_t now,
                                       const std::optional<std::string>& dataKey) {
    Appointment a;
    a.id = row.id;
    a.patientId = row.patientId;
    a.doctorId = row.doctorId;
    if (auto d = doctors_.doctor(row.doctorId)) {
        a.doctorName = d->displayName;
        a.specialtyName = d->specialtyName;
    }
    a.start = row.start;
    a.end = row.end;
    a.status = row.status;
    if (dataKey && row.reasonCt) a.reason = security::Vault::decrypt(*dataKey, *row.reasonCt, reasonAad(row.id));
    a.bookedByRole = row.bookedByRole;
    a.changeable = row.status == "booked" && !insideCutoff(row.start, now, pol.booking);
    a.hasNote = row.hasNote;
    return a;
}

namespace {
// Issue 16: the reason for a visit is medical data, so a caregiver sees it only with the
// patient's visit-notes permission; the patient always does. nullopt: show no reason.
std::optional<std::string> reasonKey(const accounts::Subject& subject, const std::string& key) {
    if (subject.viaCaregiver && !subject.canReadNotes) return std::nullopt;
    return key;
}
}  // namespace

std::optional<std::pair<AppointmentRow, accounts::Subject>> SchedulingService::visibleRow(const Principal& who,
                                                                                         std::int64_t id) {
    auto row = appointments_.byId(id);
    if (!row) return std::nullopt;
    auto subject = caregivers_.subjectFor(who, row->patientId);
    if (!subject || subject->patientId != row->patientId) return std::nullopt;
    return std::make_pair(*row, *subject);
}

std::optional<std::vector<Appointment>> SchedulingService::appointments(const Principal& who,
                                                                        std::optional<std::int64_t> patientId,
                                                                        std::int64_t now) {
    auto subject = caregivers_.subjectFor(who, patientId);
    if (!subject) return std::nullopt;
    const auto pol = policy();
    auto rows = appointments_.ofPatient(subject->patientId);
    std::optional<std::string> key;
    if (!rows.empty()) key = reasonKey(*subject, accounts_.dataKeyFor(subject->patientId));
    std::vector<Appointment> out;
    for (const auto& r : rows) out.push_back(present(r, pol, now, key));
    if (subject->viaCaregiver) accessLog_.record(subject->patientId, who, "read", "appointments");
    return out;
}

std::optional<Appointment> SchedulingService::appointment(const Principal& who, std::int64_t id, std::int64_t now) {
    if (who.role == "doctor") {
        auto row = appointments_.byId(id);
        if (!row || row->doctorId != who.userId) return std::nullopt;
        accessLog_.record(row->patientId, who, "read", "appointments");
        return present(*row, policy(), now, accounts_.dataKeyFor(row->patientId));
    }
    auto visible = visibleRow(who, id);
    if (!visible) return std::nullopt;
    auto& [row, subject] = *visible;
    if (subject.viaCaregiver) accessLog_.record(row.patientId, who, "read", "appointments");
    return present(row, policy(), now, reasonKey(subject, accounts_.dataKeyFor(row.patientId)));
}

SchedulingService::SlotState SchedulingService::slotState(std::int64_t doctorId, std::int64_t start, std::int64_t now,
                                                          const PracticePolicy& pol, std::int64_t& end,
                                                          std::optional<Interval> ignore) {
    const PracticeTime clk(pol.timeZone);
    const LocalDate day = clk.dateOf(start);
    if (closedOn(day, pol.calendar)) return SlotState::Closed;
    const std::int64_t spanFrom = start - 2 * 86400, spanTo = start + 2 * 86400;
    auto hours = doctors_.hours(doctorId);
    std::vector<Interval> off;
    for (const auto& t : doctors_.timeOff(doctorId, spanFrom, spanTo)) off.push_back(t.span);
    // Without bookings first: is this one of the doctor's appointment times at all?
    auto all = scheduling::freeSlots(clk, hours, off, {}, day, day, now, pol.booking);
    auto it = std::find_if(all.begin(), all.end(), [start](const Slot& s) { return s.start == start; });
    if (it == all.end()) return SlotState::NotASlot;
    end = it->end;
    auto busy = appointments_.busy(doctorId, spanFrom, spanTo);
    if (ignore)
        busy.erase(std::remove_if(busy.begin(), busy.end(),
                                  [&](const Interval& b) { return b.start == ignore->start && b.end == ignore->end; }),
                   busy.end());
    for (const auto& b : busy)
        if (b.start < it->end && it->start < b.end) return SlotState::Taken;
    return SlotState::Free;
}

std::optional<ChangeResult> SchedulingService::vetStart(std::int64_t doctorId, std::int64_t start, std::int64_t now,
                                                       const PracticePolicy& pol, std::int64_t& end,
                                                       std::optional<Interval> ignore) {
    ChangeResult out;
    if (auto problem = checkBooking(PracticeTime(pol.timeZone), start, now, 0, pol.booking);
        problem != BookingProblem::None) {
        out.kind = ChangeResult::Kind::Refused;
        out.message = describe(problem, pol.booking, PracticeTime(pol.timeZone), now);
        out.errors.push_back({"start", out.message});
        return out;
    }
    switch (slotState(doctorId, start, now, pol, end, ignore)) {
        case SlotState::NotASlot:
            out.kind = ChangeResult::Kind::Invalid;
            out.errors.push_back({"start", i18n::N_("That is not one of the doctor's appointment times. Choose a free time.")});
            return out;
        case SlotState::Taken: return taken(doctorId, now);
        case SlotState::Closed: {
            const PracticeTime clk(pol.timeZone);
            const auto c = closedOn(clk.dateOf(start), pol.calendar);
            out.kind = ChangeResult::Kind::Refused;
            out.message = {i18n::N_("The practice is closed on {1} ({2}). Choose another day."),
                           {i18n::Arg::day(start, pol.timeZone), c ? c->label() : i18n::Arg::msgid(i18n::N_("a holiday"))}};
            out.errors.push_back({"start", out.message});
            return out;
        }
        case SlotState::Free: break;
    }
    return std::nullopt;
}

ChangeResult SchedulingService::taken(std::int64_t doctorId, std::int64_t now) {
    ChangeResult r;
    r.kind = ChangeResult::Kind::SlotTaken;
    r.message = i18n::N_("Sorry, that time was just taken by someone else. Here are the next free times.");
    r.alternatives = nextFreeSlots(doctorId, now, kAlternatives);
    return r;
}

void SchedulingService::notify(const Principal& who, const accounts::Subject& subject, AppointmentChange what,
                               const Appointment& a, const PracticePolicy& policy,
                               std::optional<std::int64_t> previousStart) {
    // Mails say when and with whom, never why: no reason, no note (issue 4).
    std::set<std::int64_t> recipients{subject.patientId};
    if (subject.viaCaregiver) recipients.insert(who.userId);
    for (auto id : recipients) {
        auto p = accounts_.profile(id);
        if (!p) continue;
        // The booking itself stands whatever the outbox says.
        auto m = appointmentMail(mail_, mail_.languageFor(p->language), what, a, policy.timeZone, policy.phone,
                                 previousStart);
        mail_.send(p->email, m.subject, m.text);
    }
}

MailText appointmentMail(const mail::LocalizedMail& mail, const std::string& lang, AppointmentChange what,
                         const Appointment& a, const std::string& zone, const std::string& phone,
                         std::optional<std::int64_t> previousStart) {
    MailText m;
    std::string happened;
    switch (what) {
        case AppointmentChange::Booked:
            m.subject = mail.tr(lang, "Your appointment is booked");
            happened = mail.tr(lang, "Your appointment is booked.");
            break;
        case AppointmentChange::Moved:
            m.subject = mail.tr(lang, "Your appointment has moved");
            happened = mail.tr(lang, "Your appointment has been moved to a new time.");
            break;
        case AppointmentChange::Cancelled:
            m.subject = mail.tr(lang, "Your appointment is cancelled");
            happened = mail.tr(lang, "Your appointment has been cancelled. The time is free for someone else now.");
            break;
    }
    const std::string doctor = a.specialtyName.empty()
                                   ? a.doctorName
                                   : mail.trf(lang, "{1} ({2})", {a.doctorName, a.specialtyName});
    const std::string when = mail.when(lang, a.start, zone);
    const std::string zoneLabel = mail.catalogs().zoneLabel(lang, zone);  // "Rome time", not "Europe/Rome"
    std::string details =
        previousStart
            ? mail.trf(lang, "  Doctor: {1}\n  When:   {2} ({3})\n  Was:    {4}",
                       {doctor, when, zoneLabel, mail.when(lang, *previousStart, zone)})
            : mail.trf(lang, "  Doctor: {1}\n  When:   {2} ({3})", {doctor, when, zoneLabel});
    // One paragraph per msgid; the layout (blank lines between paragraphs) is the same in
    // every language.
    m.text = mail.tr(lang, "Hello,");
    m.text += "\n\n";
    m.text += happened;
    m.text += "\n\n";
    m.text += details;
    m.text += "\n\n";
    m.text += mail.tr(lang, "You can see and manage your appointments after signing in, under Appointments.");
    if (!phone.empty()) {
        m.text += "\n";
        m.text += mail.trf(lang, "To change an appointment less than a day ahead, please call us on {1}.", {phone});
    }
    m.text += "\n";
    return m;
}

bool SchedulingService::mayStoreReason(const Principal& who, std::optional<std::int64_t> patientId) {
    auto subject = caregivers_.subjectFor(who, patientId);
    return subject && consent_.hasConsent(subject->patientId);
}

ChangeResult SchedulingService::book(const Principal& who, const BookInput& in, std::int64_t now) {
    ChangeResult out;
    const auto pol = policy();
    const PracticeTime clk(pol.timeZone);

    if (who.role == "caregiver" && !in.patientId)
        out.errors.push_back({"patient_id", i18n::N_("Choose the patient you are booking for.")});
    std::optional<Doctor> doc;
    if (!in.doctorId) out.errors.push_back({"doctor_id", i18n::N_("Choose a doctor.")});
    else if (!(doc = doctor(*in.doctorId))) out.errors.push_back({"doctor_id", i18n::N_("There is no doctor with this id.")});
    auto start = parseInstant(in.start);
    if (trim(in.start).empty()) out.errors.push_back({"start", i18n::N_("Choose a time.")});
    else if (!start)
        out.errors.push_back({"start", kStartFormat});
    const std::string reason = trim(in.reason);
    // The reason is optional: a patient may keep it for the doctor in person (and without
    // consent to store medical information none is stored, issue 5).
    if (utf8Length(reason) > kMaxReasonChars)
        out.errors.push_back({"reason", i18n::N_("Keep the reason to 500 characters or fewer.")});
    else if (hasControl(reason)) out.errors.push_back({"reason", i18n::N_("The reason cannot contain control characters or invisible formatting characters (such as text-direction overrides or line separators).")});
    if (!out.errors.empty()) {
        out.kind = ChangeResult::Kind::Invalid;
        return out;
    }

    auto subject = caregivers_.subjectFor(who, in.patientId);
    if (!subject) {
        out.kind = ChangeResult::Kind::NotFound;
        return out;
    }
    // Without the patient's consent no medical information is stored (issue 5).
    if (!reason.empty() && !consent_.hasConsent(subject->patientId)) {
        out.kind = ChangeResult::Kind::ConsentRequired;
        out.message = subject->viaCaregiver
                          ? i18n::N_("The patient has not agreed to the practice storing medical information, so no reason "
                            "can be kept. Book without a reason, or ask them to agree on their Consent page.")
                          : i18n::N_("You have not agreed to the practice storing medical information, so no reason can be "
                            "kept. Book without a reason, or agree on your Consent page (/account/consent).");
        out.errors.push_back({"reason", out.message});
        return out;
    }
    std::int64_t end = 0;
    if (auto refused = vetStart(doc->id, *start, now, pol, end)) return *refused;

    const std::string key = accounts_.dataKeyFor(subject->patientId);
    NewAppointment row{subject->patientId, doc->id, *start, end, who.userId,
                       subject->viaCaregiver ? "caregiver" : "patient"};
    std::int64_t id = 0;
    auto written = appointments_.insert(row, pol.booking.maxFutureBookings, now,
                                        [&](std::int64_t newId) -> std::optional<std::string> {
                                            if (reason.empty()) return std::nullopt;
                                            return security::Vault::encrypt(key, reason, reasonAad(newId));
                                        },
                                        id);
    switch (written) {
        case WriteOutcome::SlotTaken: return taken(doc->id, now);
        case WriteOutcome::LimitReached:
            out.kind = ChangeResult::Kind::Refused;
            out.message = describe(BookingProblem::TooManyBookings, pol.booking, PracticeTime(pol.timeZone), now);
            // A caregiver is not the one holding the appointments (issue 22).
            if (subject->viaCaregiver)
                out.message = {i18n::N_("This patient already has the most upcoming appointments the practice allows at "
                                        "once ({1}). Cancel one to book another."),
                               {i18n::Arg::number(pol.booking.maxFutureBookings)}};
            out.errors.push_back({"start", out.message});
            return out;
        case WriteOutcome::Gone: out.kind = ChangeResult::Kind::NotFound; return out;
        case WriteOutcome::Done: break;
    }
    auto stored = appointments_.byId(id);
    out.kind = ChangeResult::Kind::Done;
    out.appointment = present(*stored, pol, now, key);
    if (subject->viaCaregiver) accessLog_.record(subject->patientId, who, "create", "appointments");
    notify(who, *subject, AppointmentChange::Booked, *out.appointment, pol);
    return out;
}

ChangeResult SchedulingService::reschedule(const Principal& who, std::int64_t id, const std::string& newStart,
                                           std::int64_t now) {
    ChangeResult out;
    const auto pol = policy();
    const PracticeTime clk(pol.timeZone);
    auto visible = visibleRow(who, id);
    if (!visible) {
        out.kind = ChangeResult::Kind::NotFound;
        return out;
    }
    auto& [row, subject] = *visible;
    auto start = parseInstant(newStart);
    if (trim(newStart).empty()) out.errors.push_back({"start", i18n::N_("Choose a new time.")});
    else if (!start)
        out.errors.push_back({"start", kStartFormat});
    if (!out.errors.empty()) {
        out.kind = ChangeResult::Kind::Invalid;
        return out;
    }
    if (row.status != "booked") {
        out.kind = ChangeResult::Kind::Refused;
        out.message = i18n::N_("Only a booked, upcoming appointment can be moved.");
        out.errors.push_back({"start", out.message});
        return out;
    }
    if (insideCutoff(row.start, now, pol.booking)) {
        out.kind = ChangeResult::Kind::Cutoff;
        out.message = cutoffMessage(true, pol);
        return out;
    }
    if (*start == row.start) {
        out.kind = ChangeResult::Kind::Invalid;
        out.errors.push_back({"start", i18n::N_("That is the appointment's current time. Choose another one.")});
        return out;
    }
    std::int64_t end = 0;
    if (auto refused = vetStart(row.doctorId, *start, now, pol, end, Interval{row.start, row.end})) return *refused;
    switch (appointments_.move(row.id, *start, end)) {
        case WriteOutcome::SlotTaken: return taken(row.doctorId, now);
        case WriteOutcome::Gone:
        case WriteOutcome::LimitReached:
            out.kind = ChangeResult::Kind::Refused;
            out.message = i18n::N_("Only a booked, upcoming appointment can be moved.");
            out.errors.push_back({"start", out.message});
            return out;
        case WriteOutcome::Done: break;
    }
    const std::string key = accounts_.dataKeyFor(row.patientId);
    out.kind = ChangeResult::Kind::Done;
    out.appointment = present(*appointments_.byId(row.id), pol, now, reasonKey(subject, key));
    if (subject.viaCaregiver) accessLog_.record(row.patientId, who, "reschedule", "appointments");
    notify(who, subject, AppointmentChange::Moved, *out.appointment, pol, row.start);
    return out;
}

ChangeResult SchedulingService::cancel(const Principal& who, std::int64_t id, std::int64_t now) {
    ChangeResult out;
    const auto pol = policy();
    const PracticeTime clk(pol.timeZone);
    auto visible = visibleRow(who, id);
    if (!visible) {
        out.kind = ChangeResult::Kind::NotFound;
        return out;
    }
    auto& [row, subject] = *visible;
    // Cancelling is idempotent (HTTP DELETE): asking again, or a proxy repeating a request
    // whose answer was lost, gets the same outcome, with no second mail or access-log entry.
    const auto alreadyCancelled = [&] {
        out.kind = ChangeResult::Kind::Done;
        out.appointment = present(*appointments_.byId(row.id), pol, now, accounts_.dataKeyFor(row.patientId));
        return out;
    };
    if (row.status == "cancelled") return alreadyCancelled();
    if (row.status != "booked") {
        out.kind = ChangeResult::Kind::Refused;
        out.message = i18n::N_("Only a booked, upcoming appointment can be cancelled.");
        return out;
    }
    if (insideCutoff(row.start, now, pol.booking)) {
        out.kind = ChangeResult::Kind::Cutoff;
        out.message = cutoffMessage(false, pol);
        return out;
    }
    if (appointments_.cancel(row.id, now) != WriteOutcome::Done) return alreadyCancelled();  // a concurrent cancel won
    const std::string key = accounts_.dataKeyFor(row.patientId);
    out.kind = ChangeResult::Kind::Done;
    out.appointment = present(*appointments_.byId(row.id), pol, now, key);
    if (subject.viaCaregiver) accessLog_.record(row.patientId, who, "cancel", "appointments");
    notify(who, subject, AppointmentChange::Cancelled, *out.appointment, pol);
    return out;
}

std::optional<std::string> SchedulingService::ics(const Principal& who, std::int64_t id, std::int64_t now) {
    auto a = appointment(who, id, now);
    if (!a) return std::nullopt;
    auto settings = practice_.settings();
    std::string address = settings.count("address") ? settings["address"] : std::string{};
    std::replace(address.begin(), address.end(), '\n', ',');
    std::string host = "medassist";
    if (auto at = accounts_.settings().publicUrl.find("://"); at != std::string::npos) {
        host = accounts_.settings().publicUrl.substr(at + 3);
        host = host.substr(0, host.find_first_of(":/"));
    }
    std::string summary = "Appointment with ";
    summary += a->doctorName;
    if (!a->specialtyName.empty()) {
        summary += " (";
        summary += a->specialtyName;
        summary += ")";
    }
    std::string out;
    out += icsLine("BEGIN:VCALENDAR");
    out += icsLine("VERSION:2.0");
    out += icsLine("PRODID:-//MedAssist//Appointments//EN");
    out += icsLine("CALSCALE:GREGORIAN");
    out += icsLine("METHOD:PUBLISH");
    out += icsLine("BEGIN:VEVENT");
    out += icsLine(cat({"UID:appointment-", std::to_string(a->id), "@", host}));
    out += icsLine(cat({"DTSTAMP:", icsTime(now)}));
    out += icsLine(cat({"DTSTART:", icsTime(a->start)}));
    out += icsLine(cat({"DTEND:", icsTime(a->end)}));
    // No reason in the calendar: calendars get synced to places the practice does not control.
    out += icsLine(cat({"SUMMARY:", icsText(summary)}));
    out += icsLine(cat({"LOCATION:", icsText(cat({accounts_.settings().practiceName, ", ", address}))}));
    out += icsLine(cat({"STATUS:", a->status == "cancelled" ? "CANCELLED" : "CONFIRMED"}));
    out += icsLine("END:VEVENT");
    out += icsLine("END:VCALENDAR");
    return out;
}

std::vector<ScheduleEntry> SchedulingService::schedule(const Principal& doctor, const LocalDate& from,
                                                       const LocalDate& to, std::int64_t now) {
    std::vector<ScheduleEntry> out;
    if (doctor.role != "doctor") return out;
    const auto pol = policy();
    const PracticeTime clk(pol.timeZone);
    const std::int64_t a = clk.toInstant(from, 0).value_or(now);
    const std::int64_t b = clk.toInstant(addDays(to, 1), 0).value_or(now);
    std::map<std::int64_t, std::pair<std::string, std::string>> patients;  // id -> (name, key)
    for (const auto& row : appointments_.ofDoctor(doctor.userId, a, b)) {
        if (row.status == "cancelled") {
            // A cancelled booking keeps its time on the schedule and nothing else: no name, no
            // reason (destroyed at cancelling), nothing read from the patient's records.
            ScheduleEntry entry{present(row, pol, now, std::nullopt), std::string()};
            entry.appointment.reason.reset();
            out.push_back(std::move(entry));
            continue;
        }
        auto it = patients.find(row.patientId);
        if (it == patients.end()) {
            auto p = accounts_.profile(row.patientId);
            std::string name = p ? p->name : std::string("(account closed)");
            std::string key = p ? accounts_.dataKeyFor(row.patientId) : std::string{};
            it = patients.emplace(row.patientId, std::make_pair(name, key)).first;
            if (p) accessLog_.record(row.patientId, doctor, "read", "appointments");
        }
        std::optional<std::string> key;
        if (!it->second.second.empty()) key = it->second.second;
        out.push_back(ScheduleEntry{present(row, pol, now, key), it->second.first});
    }
    return out;
}

ChangeResult SchedulingService::setOutcome(const Principal& doctor, std::int64_t id, const std::string& outcome,
                                           std::int64_t now) {
    ChangeResult out;
    auto row = appointments_.byId(id);
    if (doctor.role != "doctor" || !row || row->doctorId != doctor.userId) {
        out.kind = ChangeResult::Kind::NotFound;
        return out;
    }
    if (outcome != "completed" && outcome != "no_show") {
        out.kind = ChangeResult::Kind::Invalid;
        out.errors.push_back({"outcome", i18n::N_("Choose completed or no-show.")});
        return out;
    }
    if (row->start > now) {
        out.kind = ChangeResult::Kind::Refused;
        out.message = i18n::N_("This visit has not started yet.");
        return out;
    }
    if (!appointments_.setStatus(id, "booked", outcome)) {
        out.kind = ChangeResult::Kind::Refused;
        out.message = i18n::N_("Only a booked appointment can be marked completed or no-show.");
        return out;
    }
    accessLog_.record(row->patientId, doctor, "update", "appointments");
    out.kind = ChangeResult::Kind::Done;
    out.appointment = present(*appointments_.byId(id), policy(), now, accounts_.dataKeyFor(row->patientId));
    return out;
}

}  // namespace medassist::scheduling
