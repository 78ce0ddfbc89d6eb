#include "admin/practice_admin_service.hpp"
#include "i18n/catalogs.hpp"

#include "common/text_rules.hpp"
#include "scheduling/practice_calendar.hpp"
#include "site/faq_placeholders.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>

#include "common/strict_int.hpp"

namespace medassist::admin {

namespace {

constexpr const char* kDefaultZone = "Europe/Rome";
constexpr std::int64_t kDaySeconds = 86400;
constexpr int kMaxTimeOffDays = 366;
constexpr std::size_t kMaxSlug = 64;

const std::vector<std::string> kKeys = {
    "phone",          "email",           "address",       "tagline",         "address.it",      "tagline.it",
    "hours.monday",
    "hours.tuesday",  "hours.wednesday", "hours.thursday", "hours.friday",   "hours.saturday",
    "hours.sunday",   "timezone",        "booking_horizon_days", "min_notice_hours", "cancel_cutoff_hours",
    "max_future_bookings", "closed_on_holidays", "patron_day", "patron_name", "patron_name.it",
    "medical_record_retention_years", "reminder_hours", "reminder_second_enabled", "reminder_second_hours"};

// What an empty practice_settings row means (the values migration 0003 inserts).
const std::map<std::string, std::string> kDefaults = {{"timezone", kDefaultZone},
                                                      {"booking_horizon_days", "60"},
                                                      {"min_notice_hours", "2"},
                                                      {"cancel_cutoff_hours", "24"},
                                                      {"max_future_bookings", "3"},
                                                      {"closed_on_holidays", "1"},
                                                      {"patron_day", "06-29"},
                                                      {"medical_record_retention_years", "10"},
                                                      {"reminder_hours", "24"},
                                                      {"reminder_second_enabled", "0"},
                                                      {"reminder_second_hours", "2"}};

const char* const kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// Browsers send textarea line breaks as CRLF; one kind of line break is stored.
std::string unixLines(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Everything here is shown to patients: no control, format or separator characters (issue 16).
bool hasControl(const std::string& s, bool multiline) {
    if (multiline && s.find('\r') != std::string::npos) return true;
    return common::hasHiddenFormatting(s, multiline);
}

// The translatable names of the weekdays, Monday first (the hours rows' errors name them).
const char* const kWeekdayNames[] = {i18n::N_("Monday"), i18n::N_("Tuesday"),  i18n::N_("Wednesday"),
                                     i18n::N_("Thursday"), i18n::N_("Friday"), i18n::N_("Saturday"),
                                     i18n::N_("Sunday")};
const char* const kOpeningHoursOf[] = {
    i18n::N_("The opening hours for Monday"),   i18n::N_("The opening hours for Tuesday"),
    i18n::N_("The opening hours for Wednesday"), i18n::N_("The opening hours for Thursday"),
    i18n::N_("The opening hours for Friday"),   i18n::N_("The opening hours for Saturday"),
    i18n::N_("The opening hours for Sunday")};

// A problem with one of the hours rows: "Row {1}: ..." with the row's number.
i18n::Text rowProblem(std::size_t row, const char* msgid) { return {msgid, {i18n::Arg::number(static_cast<long long>(row))}}; }

std::string rowField(std::size_t row, const char* part) {
    std::string out = "hours_";
    out += std::to_string(row);
    out += '_';
    out += part;
    return out;
}

// A text field within limits; a single-line one also refuses line breaks. what: the field's
// name as a msgid ("The address"), translated with the sentence.
std::optional<i18n::Text> fieldProblem(const std::string& value, std::size_t maxChars, const char* what,
                                       bool multiline) {
    if (hasControl(value, multiline))
        return i18n::Text{multiline ? i18n::N_("{1} cannot contain control characters.")
                                    : i18n::N_("{1} cannot contain line breaks or control characters."),
                          {i18n::Arg::msgid(what)}};
    if (characters(value) > maxChars)
        return i18n::Text{i18n::N_("{1} has at most {2} characters."),
                          {i18n::Arg::msgid(what), i18n::Arg::number(static_cast<long long>(maxChars))}};
    return std::nullopt;
}

std::optional<i18n::Text> lineProblem(const std::string& value, std::size_t maxChars, const char* what) {
    return fieldProblem(value, maxChars, what, false);
}

std::optional<i18n::Text> textProblem(const std::string& value, std::size_t maxChars, const char* what) {
    return fieldProblem(value, maxChars, what, true);
}

// A zone name as the IANA database spells them ("Europe/Rome", "America/Argentina/Salta",
// "Etc/GMT+1"): checked before the name reaches the time-zone library.
bool plausibleZoneName(const std::string& z) {
    if (z.empty() || z.size() > 64 || z.find("..") != std::string::npos || z.front() == '/') return false;
    return std::all_of(z.begin(), z.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '/' || c == '_' || c == '-' || c == '+';
    });
}

// "a, b ,, c" → "a, b, c": the keywords, each trimmed, empty ones dropped.
std::string normalizeTags(const std::string& tags) {
    std::string out;
    std::size_t start = 0;
    while (start <= tags.size()) {
        auto comma = tags.find(',', start);
        if (comma == std::string::npos) comma = tags.size();
        const std::string tag = trimmed(tags.substr(start, comma - start));
        if (!tag.empty()) {
            if (!out.empty()) out += ", ";
            out += tag;
        }
        start = comma + 1;
    }
    return out;
}

struct NumberRule {
    const char* key;
    int min, max;
    const char* message;
};

// message: {1} and {2} are min and max.
const NumberRule kNumberRules[] = {
    {"booking_horizon_days", 1, 365, i18n::N_("The booking horizon is a whole number of days from {1} to {2}.")},
    {"min_notice_hours", 0, 168, i18n::N_("The minimum notice is a whole number of hours from {1} to {2}.")},
    {"cancel_cutoff_hours", 0, 168, i18n::N_("The cancellation cutoff is a whole number of hours from {1} to {2}.")},
    {"max_future_bookings", 1, 20,
     i18n::N_("The number of future bookings per patient is a whole number from {1} to {2}.")},
    {"medical_record_retention_years", 0, 100,
     i18n::N_("The medical-record retention is a whole number of years from {1} to {2}.")},
    {"reminder_hours", 0, 168, i18n::N_("The reminder is a whole number of hours before the appointment, from {1} to {2}.")},
    {"reminder_second_hours", 1, 167,
     i18n::N_("The second reminder is a whole number of hours before the appointment, from {1} to {2}.")},
};

// Keys that came after the first settings form (issues 22, 23): a form or client that leaves
// one out keeps what is stored.
bool keptWhenAbsent(std::string_view key) {
    return key == "medical_record_retention_years" || key == "reminder_hours" || key == "reminder_second_hours";
}

}  // namespace

// ---- helpers shared with the pages ----------------------------------------------------

bool HoursInput::empty() const {
    return trimmed(weekday).empty() && trimmed(start).empty() && trimmed(end).empty();
}

const std::vector<std::string>& settingKeys() { return kKeys; }

std::string hhmm(int minuteOfDay) {
    std::string out;
    const int h = minuteOfDay / 60, m = minuteOfDay % 60;
    if (h < 10) out += '0';
    out += std::to_string(h);
    out += ':';
    if (m < 10) out += '0';
    out += std::to_string(m);
    return out;
}

std::optional<int> parseHhmm(const std::string& raw, bool allowEndOfDay) {
    std::string text = trimmed(raw);
    // <input type="time"> may add seconds; only whole minutes are meaningful here.
    if (text.size() == 8 && text.compare(5, 3, ":00") == 0) text.resize(5);
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon > 2 || text.size() != colon + 3) return std::nullopt;
    auto h = parseStrictInt(std::string_view(text).substr(0, colon));
    auto m = parseStrictInt(std::string_view(text).substr(colon + 1));
    if (!h || !m || !std::isdigit(static_cast<unsigned char>(text[0])) ||
        !std::isdigit(static_cast<unsigned char>(text[colon + 1])))
        return std::nullopt;
    if (*h == 24 && *m == 0 && allowEndOfDay) return 24 * 60;
    if (*h < 0 || *h > 23 || *m < 0 || *m > 59) return std::nullopt;
    return *h * 60 + *m;
}

std::size_t characters(const std::string& utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// ---- the service -------------------------------------------------------------------------

PracticeAdminService::PracticeAdminService(scheduling::DoctorStore& doctors, site::PracticeStore& practice,
                                           site::FaqStore& faq, accounts::AccountsService& accounts,
                                           security::AuditLog& audit)
    : doctors_(doctors), practice_(practice), faq_(faq), accounts_(accounts), audit_(audit) {}

void PracticeAdminService::audit(const std::string& event, std::int64_t userId, const std::string& ip,
                                 const std::string& detail) {
    audit_.record(event, std::to_string(userId), ip, detail);
}

bool PracticeAdminService::mayManage(const Principal& who, std::int64_t doctorId) const {
    if (who.role == "admin") return true;
    return who.role == "doctor" && who.userId == doctorId;
}

// ---- doctors -----------------------------------------------------------------------------

std::vector<DoctorSummary> PracticeAdminService::doctors() {
    std::vector<DoctorSummary> active, pending;
    for (std::int64_t id : doctors_.activeDoctorAccounts()) {
        auto s = doctor(id);
        if (s) active.push_back(std::move(*s));
    }
    std::sort(active.begin(), active.end(), [](const DoctorSummary& a, const DoctorSummary& b) {
        const std::string& an = a.profile ? a.profile->displayName : a.accountName;
        const std::string& bn = b.profile ? b.profile->displayName : b.accountName;
        return an == bn ? a.id < b.id : an < bn;
    });
    for (const auto& p : accounts_.pendingDoctors()) {
        DoctorSummary s;
        s.id = p.id;
        s.accountName = p.name;
        s.email = p.email;
        s.registered = p.createdAt;
        s.pending = true;
        s.profile = doctors_.doctor(p.id);
        pending.push_back(std::move(s));
    }
    active.insert(active.end(), std::make_move_iterator(pending.begin()), std::make_move_iterator(pending.end()));
    return active;
}

bool PracticeAdminService::rejectDoctor(const Principal& admin, std::int64_t doctorId, const std::string& ip) {
    if (admin.role != "admin" || doctorId <= 0) return false;
    return accounts_.rejectDoctor(admin, doctorId, ip);
}

std::optional<DoctorSummary> PracticeAdminService::doctor(std::int64_t id) {
    if (id <= 0) return std::nullopt;
    auto p = accounts_.profile(id);
    if (!p || p->role != "doctor") return std::nullopt;
    DoctorSummary s;
    s.id = p->id;
    s.accountName = p->name;
    s.registered = p->createdAt;
    s.pending = p->status == "pending";
    if (s.pending) s.email = p->email;
    s.profile = doctors_.doctor(id);
    return s;
}

std::vector<scheduling::SpecialtyRow> PracticeAdminService::specialties() { return doctors_.specialties(); }

std::vector<scheduling::WeeklyHours> PracticeAdminService::hours(std::int64_t doctorId) {
    return doctors_.hours(doctorId);
}

PracticeAdminService::SaveResult PracticeAdminService::saveDoctor(const Principal& admin, std::int64_t doctorId,
                                                                  const ProfileInput& in,
                                                                  const std::vector<HoursInput>& rows,
                                                                  const std::string& ip) {
    SaveResult out;
    if (admin.role != "admin" || !doctor(doctorId)) {
        out.found = false;
        return out;
    }

    scheduling::DoctorRow row;
    row.userId = doctorId;
    row.displayName = trimmed(in.displayName);
    row.languages = trimmed(in.languages);
    row.bio = trimmed(unixLines(in.bio));
    row.bookable = in.bookable;

    if (row.displayName.empty()) out.errors.push_back({"display_name", i18n::N_("Enter the name patients see.")});
    else if (characters(row.displayName) < kMinDisplayName)
        out.errors.push_back({"display_name", i18n::N_("The display name has at least 2 characters.")});
    else if (auto e = lineProblem(row.displayName, kMaxDisplayName, i18n::N_("The display name")))
        out.errors.push_back({"display_name", *e});

    const std::string slug = trimmed(in.specialtySlug);
    std::optional<scheduling::SpecialtyRow> specialty;
    if (!slug.empty() && slug.size() <= kMaxSlug) specialty = doctors_.specialtyBySlug(slug);
    if (!specialty) out.errors.push_back({"specialty", i18n::N_("Choose one of the practice's specialties.")});
    else row.specialtyId = specialty->id;

    if (auto e = lineProblem(row.languages, kMaxLanguages, i18n::N_("The languages"))) out.errors.push_back({"languages", *e});
    if (auto e = textProblem(row.bio, kMaxBio, i18n::N_("The biography"))) out.errors.push_back({"bio", *e});

    // Each filled row on its own, then the overlaps among the rows that are valid.
    struct Block {
        std::size_t row;
        scheduling::WeeklyHours h;
    };
    std::vector<Block> blocks;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t n = i + 1;
        const HoursInput& r = rows[i];
        if (r.empty()) continue;
        bool ok = true;
        scheduling::WeeklyHours h;
        auto weekday = parseStrictInt(trimmed(r.weekday));
        if (!weekday || *weekday < 1 || *weekday > 7) {
            out.errors.push_back({rowField(n, "weekday"), rowProblem(n, i18n::N_("Row {1}: choose the day of the week."))});
            ok = false;
        } else {
            h.weekday = *weekday;
        }
        auto start = parseHhmm(r.start);
        if (!start) {
            out.errors.push_back({rowField(n, "start"), rowProblem(n, i18n::N_("Row {1}: enter the start time as HH:MM, for example 08:30."))});
            ok = false;
        }
        // Not "24:00": a time input cannot show it again, so the block would be lost on the next save.
        auto end = parseHhmm(r.end);
        if (!end) {
            out.errors.push_back({rowField(n, "end"), rowProblem(n, i18n::N_("Row {1}: enter the end time as HH:MM, for example 12:30."))});
            ok = false;
        }
        if (start && end && *end <= *start) {
            out.errors.push_back({rowField(n, "end"), rowProblem(n, i18n::N_("Row {1}: the end time must be after the start time."))});
            ok = false;
        }
        auto slot = parseStrictInt(trimmed(r.slot));
        if (!slot || *slot < kMinSlotMinutes || *slot > kMaxSlotMinutes) {
            out.errors.push_back({rowField(n, "slot"), rowProblem(n, i18n::N_("Row {1}: an appointment slot lasts 5 to 240 minutes."))});
            ok = false;
        } else if (start && end && *end > *start && *end - *start < *slot) {
            out.errors.push_back({rowField(n, "slot"), rowProblem(n, i18n::N_("Row {1}: the block is shorter than one appointment slot."))});
            ok = false;
        }
        if (!ok) continue;
        h.startMinute = *start;
        h.endMinute = *end;
        h.slotMinutes = *slot;
        blocks.push_back({n, h});
    }
    std::vector<Block> sorted = blocks;
    std::sort(sorted.begin(), sorted.end(), [](const Block& a, const Block& b) {
        if (a.h.weekday != b.h.weekday) return a.h.weekday < b.h.weekday;
        if (a.h.startMinute != b.h.startMinute) return a.h.startMinute < b.h.startMinute;
        return a.row < b.row;
    });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        // The block that ends latest so far on this day: a later block must start after it.
        const Block* latest = nullptr;
        for (std::size_t j = 0; j < i; ++j)
            if (sorted[j].h.weekday == sorted[i].h.weekday && (!latest || sorted[j].h.endMinute > latest->h.endMinute))
                latest = &sorted[j];
        if (latest && sorted[i].h.startMinute < latest->h.endMinute) {
            const Block& later = sorted[i].row > latest->row ? sorted[i] : *latest;
            const Block& earlier = sorted[i].row > latest->row ? *latest : sorted[i];
            using i18n::Arg;
            out.errors.push_back(
                {rowField(later.row, "start"),
                 {i18n::N_("Row {1}: the hours overlap row {2} ({3} {4}-{5}). Blocks of one day must not overlap."),
                  {Arg::number(static_cast<long long>(later.row)), Arg::number(static_cast<long long>(earlier.row)),
                   Arg::msgid(kWeekdayNames[earlier.h.weekday - 1]), Arg::literal(hhmm(earlier.h.startMinute)),
                   Arg::literal(hhmm(earlier.h.endMinute))}}});
        }
    }
    if (!out.errors.empty()) return out;

    std::vector<scheduling::WeeklyHours> hours;
    for (const auto& b : sorted) hours.push_back(b.h);
    doctors_.saveProfileWithHours(row, hours);
    audit("doctor_profile_saved", doctorId, ip, "by_admin");
    return out;
}

// ---- time off ------------------------------------------------------------------------------

std::optional<std::vector<TimeOffView>> PracticeAdminService::timeOff(const Principal& who, std::int64_t doctorId,
                                                                     std::int64_t now) {
    if (!mayManage(who, doctorId)) return std::nullopt;
    if (who.role == "admin" && !doctor(doctorId)) return std::nullopt;
    const auto clk = clock();
    std::vector<TimeOffView> out;
    // Everything that has not ended; nothing is planned decades ahead.
    for (const auto& r : doctors_.timeOff(doctorId, now, now + 50 * 366 * kDaySeconds)) {
        TimeOffView v;
        v.id = r.id;
        v.start = r.span.start;
        v.end = r.span.end;
        v.from = clk.longDate(r.span.start);
        v.from += ' ';
        v.from += clk.time(r.span.start);
        v.to = clk.longDate(r.span.end);
        v.to += ' ';
        v.to += clk.time(r.span.end);
        v.label = r.label;
        out.push_back(std::move(v));
    }
    return out;
}

PracticeAdminService::TimeOffResult PracticeAdminService::addTimeOff(const Principal& who, std::int64_t doctorId,
                                                                     const TimeOffInput& in, const std::string& ip,
                                                                     std::int64_t now) {
    TimeOffResult out;
    if (!mayManage(who, doctorId) || !doctor(doctorId)) {
        out.found = false;
        return out;
    }
    if (!doctors_.doctor(doctorId)) {
        out.errors.push_back({"profile", who.role == "admin"
                                             ? i18n::N_("Save the doctor's profile before adding time off.")
                                             : i18n::N_("Your profile at the practice is not set up yet. Ask an administrator.")});
        return out;
    }
    const auto clk = clock();
    const std::string label = trimmed(in.label);
    if (auto e = lineProblem(label, kMaxTimeOffLabel, i18n::N_("The note"))) out.errors.push_back({"label", *e});

    const std::string fromDateText = trimmed(in.fromDate);
    std::string toDateText = trimmed(in.toDate);
    const auto fromDate = scheduling::parseDate(fromDateText);
    if (fromDateText.empty()) out.errors.push_back({"from_date", i18n::N_("Enter the first day of the time off.")});
    else if (!fromDate) out.errors.push_back({"from_date", i18n::N_("Enter the first day as YYYY-MM-DD, for example 2026-08-10.")});
    if (toDateText.empty()) toDateText = fromDateText;  // one day
    const auto toDate = scheduling::parseDate(toDateText);
    if (!toDate && !trimmed(in.toDate).empty())
        out.errors.push_back({"to_date", i18n::N_("Enter the last day as YYYY-MM-DD, for example 2026-08-14.")});

    std::optional<int> fromMinute = 0, toMinute;
    if (!trimmed(in.fromTime).empty()) {
        fromMinute = parseHhmm(in.fromTime);
        if (!fromMinute) out.errors.push_back({"from_time", i18n::N_("Enter the start time as HH:MM, for example 08:30.")});
    }
    if (!trimmed(in.toTime).empty()) {
        toMinute = parseHhmm(in.toTime, true);
        if (!toMinute) out.errors.push_back({"to_time", i18n::N_("Enter the end time as HH:MM, for example 13:00.")});
    }
    if (!out.errors.empty() || !fromDate || !toDate) return out;

    auto start = clk.toInstant(*fromDate, *fromMinute);
    if (!start) {
        out.errors.push_back({"from_time", i18n::N_("That time does not exist on that day: the clocks go forward. Choose a later time.")});
        return out;
    }
    // No end time: to the end of the last day (the start of the next one).
    std::optional<std::int64_t> end;
    if (!toMinute || *toMinute == 24 * 60) end = clk.toInstant(scheduling::addDays(*toDate, 1), 0);
    else end = clk.toInstant(*toDate, *toMinute);
    if (!end) {
        out.errors.push_back({"to_time", i18n::N_("That time does not exist on that day: the clocks go forward. Choose a later time.")});
        return out;
    }
    if (*end <= *start) {
        out.errors.push_back({toDate == fromDate ? "to_time" : "to_date", i18n::N_("The time off must end after it starts.")});
        return out;
    }
    if (*end <= now) {
        out.errors.push_back({"to_date", i18n::N_("This time off has already ended. Enter time off that is still to come.")});
        return out;
    }
    if (*end - *start > kMaxTimeOffDays * kDaySeconds) {
        out.errors.push_back({"to_date", i18n::N_("Time off can last at most a year. Add longer absences in parts.")});
        return out;
    }
    out.id = doctors_.addTimeOff(doctorId, scheduling::Interval{*start, *end}, label);
    audit("time_off_added", doctorId, ip, who.role == "admin" ? "by_admin" : "by_doctor");
    return out;
}

bool PracticeAdminService::removeTimeOff(const Principal& who, std::int64_t doctorId, std::int64_t timeOffId,
                                         const std::string& ip) {
    if (!mayManage(who, doctorId) || timeOffId <= 0) return false;
    if (!doctors_.removeTimeOff(doctorId, timeOffId)) return false;
    audit("time_off_removed", doctorId, ip, who.role == "admin" ? "by_admin" : "by_doctor");
    return true;
}

// ---- settings --------------------------------------------------------------------------------

std::map<std::string, std::string> PracticeAdminService::settings() {
    auto all = practice_.settings();
    std::map<std::string, std::string> out;
    for (const auto& key : kKeys) {
        auto it = all.find(key);
        if (it != all.end()) out[key] = it->second;
        else if (auto d = kDefaults.find(key); d != kDefaults.end()) out[key] = d->second;
        else out[key] = "";
    }
    if (out["patron_day"] == "none") out["patron_day"] = "";  // stored "none": no patron saint's day
    return out;
}

scheduling::PracticeTime PracticeAdminService::clock() {
    auto all = practice_.settings();
    auto it = all.find("timezone");
    if (it != all.end() && plausibleZoneName(it->second)) {
        try {
            return scheduling::PracticeTime(it->second);
        } catch (const std::invalid_argument&) {
            // a zone the system no longer knows: the default keeps the pages working
        }
    }
    return scheduling::PracticeTime(kDefaultZone);
}

FieldErrors PracticeAdminService::saveSettings(const Principal& admin, const std::map<std::string, std::string>& in,
                                               const std::string& ip) {
    FieldErrors errors;
    if (admin.role != "admin") {
        errors.push_back({"", i18n::N_("Only administrators change the practice settings.")});
        return errors;
    }
    auto value = [&in](const std::string& key) {
        auto it = in.find(key);
        return it == in.end() ? std::string() : trimmed(unixLines(it->second));
    };
    std::map<std::string, std::string> clean;

    const std::string phone = value("phone");
    if (phone.empty()) errors.push_back({"phone", i18n::N_("Enter the practice's phone number.")});
    else if (accounts::phoneProblem(phone))
        errors.push_back({"phone", i18n::N_("Enter a phone number of 6 to 15 digits, with only spaces and + - ( ) between them.")});
    clean["phone"] = phone;

    const std::string email = accounts::normalizeEmail(value("email"));
    if (email.empty()) errors.push_back({"email", i18n::N_("Enter the practice's email address.")});
    else if (accounts::emailProblem(email))
        errors.push_back({"email", i18n::N_("Enter an email address like reception@example.com.")});
    clean["email"] = email;

    const std::string address = value("address");
    if (address.empty()) errors.push_back({"address", i18n::N_("Enter the practice's address.")});
    else if (auto e = textProblem(address, 300, i18n::N_("The address"))) errors.push_back({"address", *e});
    clean["address"] = address;

    const std::string tagline = value("tagline");
    if (auto e = lineProblem(tagline, 200, i18n::N_("The tagline"))) errors.push_back({"tagline", *e});
    clean["tagline"] = tagline;

    // The same texts in Italian (issue 17), optional: empty shows the texts above. The key is
    // the text's key and the language ("tagline.it"); the home page picks the reader's. Like
    // the calendar keys, a form or client that does not send them keeps what is stored.
    if (in.count("address.it")) {
        const std::string addressIt = value("address.it");
        if (auto e = textProblem(addressIt, 300, i18n::N_("The address"))) errors.push_back({"address.it", *e});
        clean["address.it"] = addressIt;
    }
    if (in.count("tagline.it")) {
        const std::string taglineIt = value("tagline.it");
        if (auto e = lineProblem(taglineIt, 200, i18n::N_("The tagline"))) errors.push_back({"tagline.it", *e});
        clean["tagline.it"] = taglineIt;
    }

    for (std::size_t d = 0; d < 7; ++d) {
        std::string key = "hours.";
        for (const char* c = kWeekdays[d]; *c; ++c) key += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        const std::string h = value(key);
        if (auto e = lineProblem(h, 60, kOpeningHoursOf[d])) errors.push_back({key, *e});
        clean[key] = h;
    }

    const std::string zone = value("timezone");
    bool zoneOk = false;
    if (plausibleZoneName(zone)) {
        try {
            scheduling::PracticeTime check(zone);
            zoneOk = true;
        } catch (const std::invalid_argument&) {
        }
    }
    if (zone.empty()) errors.push_back({"timezone", i18n::N_("Enter the practice's time zone, for example Europe/Rome.")});
    else if (!zoneOk)
        errors.push_back({"timezone", i18n::N_("That time zone is not known. Use a name from the time zone database, for example "
                                      "Europe/Rome.")});
    clean["timezone"] = zone;

    for (const auto& rule : kNumberRules) {
        // The medical-record retention (issue 22) came after the others: a form or client
        // that leaves it out keeps what is stored, as with the calendar keys below.
        if (keptWhenAbsent(rule.key) && !in.count(rule.key)) continue;
        const std::string v = value(rule.key);
        auto n = parseStrictInt(v);
        if (!n || *n < rule.min || *n > rule.max)
            errors.push_back({rule.key, {rule.message, {i18n::Arg::number(rule.min), i18n::Arg::number(rule.max)}}});
        else clean[rule.key] = std::to_string(*n);
    }
    // The practice calendar (issue 17). A form or client that does not send these keys keeps
    // what is stored: an older form must not open the practice on holidays by leaving them out.
    if (in.count("closed_on_holidays")) {
        const std::string v = value("closed_on_holidays");
        if (v != "0" && v != "1")
            errors.push_back({"closed_on_holidays", i18n::N_("Choose whether the practice closes on Italy's public holidays.")});
        else clean["closed_on_holidays"] = v;
    }
    // Appointment reminders (issue 23): the second one, off by default, must come after the first.
    if (in.count("reminder_second_enabled")) {
        const std::string v = value("reminder_second_enabled");
        if (v != "0" && v != "1")
            errors.push_back({"reminder_second_enabled", i18n::N_("Choose whether a second reminder is sent.")});
        else clean["reminder_second_enabled"] = v;
    }
    // Checked when the form sends all three (the settings page does); each is a number by now.
    const auto first = clean.find("reminder_hours"), second = clean.find("reminder_second_hours"),
               secondOn = clean.find("reminder_second_enabled");
    if (first != clean.end() && second != clean.end() && secondOn != clean.end() && secondOn->second == "1" &&
        first->second != "0" && std::stoi(second->second) >= std::stoi(first->second))
        errors.push_back({"reminder_second_hours",
                          i18n::N_("The second reminder must come closer to the appointment than the first one: fewer hours before it.")});
    // The patron saint's day: MM-DD, or empty for none (Rome's is 29 June).
    if (in.count("patron_day")) {
        const std::string patron = value("patron_day");
        if (!patron.empty() && !scheduling::parsePatronDay(patron))
            errors.push_back({"patron_day", i18n::N_("Enter the patron saint's day as MM-DD, for example 06-29, or leave it empty.")});
        else clean["patron_day"] = patron.empty() ? std::string("none") : patron;
    }
    // Its name as the pages, the API and the assistant say it on a refusal ("closed on 29 June,
    // Saints Peter and Paul"): the English (empty: Rome's, translated by the catalogs) and the
    // Italian (empty: the English one), like the tagline and the address above.
    for (const char* key : {"patron_name", "patron_name.it"}) {
        if (!in.count(key)) continue;
        const std::string name = value(key);
        if (auto e = lineProblem(name, 100, i18n::N_("The patron saint's name"))) errors.push_back({key, *e});
        clean[key] = name;
    }
    if (!errors.empty()) return errors;

    // What changed, by key name only: the audit trail never holds the values.
    const auto before = practice_.settings();
    std::string changed;
    for (const auto& [key, v] : clean) {
        auto it = before.find(key);
        if (it != before.end() && it->second == v) continue;
        if (!changed.empty()) changed += ',';
        changed += key;
    }
    practice_.set(clean);
    if (!changed.empty()) {
        audit("settings_changed", admin.userId, ip, changed);
        notifyChange();
    }
    return errors;
}

// ---- FAQ ----------------------------------------------------------------------------------------

namespace {
FieldErrors checkFaq(const FaqInput& in, site::FaqEntry& entry) {
    FieldErrors errors;
    entry.question = trimmed(in.question);
    entry.answer = trimmed(unixLines(in.answer));
    entry.tags = normalizeTags(in.tags);
    if (entry.question.empty()) errors.push_back({"question", i18n::N_("Enter the question.")});
    else if (auto e = lineProblem(entry.question, kMaxQuestion, i18n::N_("The question"))) errors.push_back({"question", *e});
    if (entry.answer.empty()) errors.push_back({"answer", i18n::N_("Enter the answer.")});
    else if (auto e = textProblem(entry.answer, kMaxAnswer, i18n::N_("The answer"))) errors.push_back({"answer", *e});
    else if (site::unknownPlaceholder(entry.answer))
        errors.push_back({"answer", i18n::N_("The answer has a placeholder the practice does not know: use only "
                                             "{{hours}}, {{hours.monday}} to {{hours.sunday}}, {{address}}, "
                                             "{{phone}} and {{email}}, written exactly so.")});
    if (auto e = lineProblem(entry.tags, kMaxTags, i18n::N_("The keywords"))) errors.push_back({"tags", *e});
    return errors;
}
}  // namespace

std::vector<site::FaqEntry> PracticeAdminService::faq() { return faq_.list(); }

std::optional<site::FaqEntry> PracticeAdminService::faqEntry(std::int64_t id) {
    if (id <= 0) return std::nullopt;
    return faq_.byId(id);
}

PracticeAdminService::FaqResult PracticeAdminService::createFaq(const Principal& admin, const FaqInput& in,
                                                                const std::string& ip) {
    FaqResult out;
    if (admin.role != "admin") {
        out.found = false;
        return out;
    }
    site::FaqEntry entry;
    out.errors = checkFaq(in, entry);
    if (!out.errors.empty()) return out;
    auto id = faq_.create(entry);
    if (!id) {
        if (faq_.deletedAsks(entry.question))
            out.errors.push_back({"question", i18n::N_("A deleted entry asks this question: restore it under Recently "
                                                       "deleted, or ask the question differently.")});
        else
            out.errors.push_back({"question", i18n::N_("Another entry already asks this question. Edit that one instead.")});
        return out;
    }
    out.id = *id;
    std::string detail = "faq:";
    detail += std::to_string(*id);
    audit("faq_created", admin.userId, ip, detail);
    notifyChange();
    return out;
}

PracticeAdminService::FaqResult PracticeAdminService::updateFaq(const Principal& admin, std::int64_t id,
                                                                const FaqInput& in, const std::string& ip) {
    FaqResult out;
    out.id = id;
    if (admin.role != "admin" || id <= 0) {
        out.found = false;
        return out;
    }
    site::FaqEntry entry;
    out.errors = checkFaq(in, entry);
    if (!out.errors.empty()) {
        out.found = faq_.byId(id).has_value();
        return out;
    }
    entry.id = id;
    switch (faq_.update(entry)) {
        case site::FaqStore::Write::NotFound:
            out.found = false;
            return out;
        case site::FaqStore::Write::Duplicate:
            out.errors.push_back({"question", i18n::N_("Another entry already asks this question.")});
            return out;
        case site::FaqStore::Write::Ok:
            break;
    }
    std::string detail = "faq:";
    detail += std::to_string(id);
    audit("faq_updated", admin.userId, ip, detail);
    notifyChange();
    return out;
}

namespace {
bool languageCode(const std::string& language) {
    return language.size() >= 2 && language.size() <= 3 &&
           std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
}  // namespace

std::vector<site::FaqTranslation> PracticeAdminService::faqTranslations(std::int64_t id) {
    if (id <= 0) return {};
    return faq_.translationsOf(id);
}

std::vector<site::FaqTranslation> PracticeAdminService::allFaqTranslations() { return faq_.translations(); }

PracticeAdminService::FaqResult PracticeAdminService::saveFaqTranslation(const Principal& admin, std::int64_t id,
                                                                         const std::string& language,
                                                                         const FaqInput& in, const std::string& ip) {
    FaqResult out;
    out.id = id;
    if (admin.role != "admin" || id <= 0 || !languageCode(language) || language == "en") {
        out.found = false;
        return out;
    }
    site::FaqEntry entry;
    out.errors = checkFaq(in, entry);
    if (!out.errors.empty()) {
        out.found = faq_.byId(id).has_value();
        return out;
    }
    switch (faq_.saveTranslation(site::FaqTranslation{id, language, entry.question, entry.answer, entry.tags, {}})) {
        case site::FaqStore::Write::NotFound:
            out.found = false;
            return out;
        case site::FaqStore::Write::Duplicate:
            out.errors.push_back({"question", i18n::N_("Another entry already asks this question.")});
            return out;
        case site::FaqStore::Write::Ok:
            break;
    }
    std::string detail = "faq:";
    detail += std::to_string(id);
    detail += '/';
    detail += language;
    audit("faq_updated", admin.userId, ip, detail);
    notifyChange();
    return out;
}

bool PracticeAdminService::removeFaqTranslation(const Principal& admin, std::int64_t id, const std::string& language,
                                                const std::string& ip) {
    if (admin.role != "admin" || id <= 0 || !languageCode(language) || !faq_.removeTranslation(id, language))
        return false;
    std::string detail = "faq:";
    detail += std::to_string(id);
    detail += '/';
    detail += language;
    audit("faq_updated", admin.userId, ip, detail);
    notifyChange();
    return true;
}

bool PracticeAdminService::removeFaq(const Principal& admin, std::int64_t id, const std::string& ip) {
    if (admin.role != "admin" || id <= 0 || !faq_.softRemove(id)) return false;
    std::string detail = "faq:";
    detail += std::to_string(id);
    audit("faq_deleted", admin.userId, ip, detail);
    notifyChange();
    return true;
}

bool PracticeAdminService::restoreFaq(const Principal& admin, std::int64_t id, const std::string& ip) {
    if (admin.role != "admin" || id <= 0 || !faq_.restore(id)) return false;
    std::string detail = "faq:";
    detail += std::to_string(id);
    audit("faq_restored", admin.userId, ip, detail);
    notifyChange();
    return true;
}

std::vector<site::FaqEntry> PracticeAdminService::deletedFaq() {
    faq_.purgeDeleted(kFaqRestoreDays);
    return faq_.deleted();
}

void PracticeAdminService::notifyChange() {
    if (onChange_) onChange_();
}

}  // namespace medassist::admin
