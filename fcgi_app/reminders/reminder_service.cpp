#include "reminders/reminder_service.hpp"

#include <exception>
#include <map>
#include <stdexcept>
#include <utility>

#include "scheduling/practice_time.hpp"

namespace medassist::reminders {

namespace {
int settingInt(const std::map<std::string, std::string>& s, const std::string& key, int fallback, int lo, int hi) {
    auto it = s.find(key);
    if (it == s.end()) return fallback;
    try {
        std::size_t used = 0;
        const int v = std::stoi(it->second, &used);
        if (used != it->second.size() || v < lo || v > hi) return fallback;
        return v;
    } catch (const std::exception&) {
        return fallback;
    }
}

ReminderSettings settingsFrom(const std::map<std::string, std::string>& s) {
    ReminderSettings r;
    r.firstHours = settingInt(s, "reminder_hours", 24, 0, 168);
    r.secondEnabled = settingInt(s, "reminder_second_enabled", 0, 0, 1) == 1;
    r.secondHours = settingInt(s, "reminder_second_hours", 2, 1, 167);
    return r;
}

// The practice's zone as scheduling reads it: an unknown name keeps Rome rather than stop the mails.
std::string zoneFrom(const std::map<std::string, std::string>& s) {
    auto it = s.find("timezone");
    if (it == s.end() || it->second.empty()) return "Europe/Rome";
    try {
        scheduling::PracticeTime probe(it->second);
        return it->second;
    } catch (const std::invalid_argument&) {
        return "Europe/Rome";
    }
}

std::string withoutTrailingSlash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}
}  // namespace

ReminderMailText reminderMail(const mail::LocalizedMail& mail, const std::string& lang, const UpcomingRow& row,
                              const std::string& zone, const std::string& phone, const std::string& publicUrl) {
    ReminderMailText m;
    const std::int64_t start = row.candidate.start;
    m.subject = mail.trf(lang, "Reminder: your appointment on {1}", {mail.day(lang, start, zone)});
    const std::string doctor = row.specialtyName.empty()
                                   ? row.doctorName
                                   : mail.trf(lang, "{1} ({2})", {row.doctorName, row.specialtyName});
    const std::string base = withoutTrailingSlash(publicUrl);
    const std::string page = base + "/appointments/" + std::to_string(row.appointmentId);
    m.text = mail.tr(lang, "Hello,");
    m.text += "\n\n";
    m.text += mail.tr(lang, "This is a reminder of your appointment.");
    m.text += "\n\n";
    m.text += mail.trf(lang, "  Doctor: {1}\n  When:   {2} ({3})",
                       {doctor, mail.when(lang, start, zone), mail.catalogs().zoneLabel(lang, zone)});
    m.text += "\n\n";
    m.text += mail.trf(lang,
                       "After signing in you can:\n  move it: {1}\n  cancel it: {2}\n  add it to your calendar: {3}",
                       {page + "/reschedule", page + "/cancel", page + "/ics"});
    if (!phone.empty()) {
        m.text += "\n";
        m.text += mail.trf(lang, "To change an appointment less than a day ahead, please call us on {1}.", {phone});
    }
    m.text += "\n\n";
    m.text += mail.trf(lang, "You can turn these reminders off on your account page: {1}", {base + "/account"});
    m.text += "\n";
    return m;
}

ReminderService::ReminderService(ReminderStore& store, site::PracticeStore& practice,
                                 accounts::AccountsService& accounts, mail::LocalizedMail& mail, std::string publicUrl)
    : store_(store), practice_(practice), accounts_(accounts), mail_(mail), publicUrl_(std::move(publicUrl)) {}

ReminderSettings ReminderService::settings() { return settingsFrom(practice_.settings()); }

PassReport ReminderService::runPass(std::int64_t now) {
    PassReport report;
    const auto s = practice_.settings();
    const ReminderSettings rules = settingsFrom(s);
    const std::int64_t ahead = rules.lookAheadSeconds();
    if (ahead <= 0) return report;
    const std::string zone = zoneFrom(s);
    std::string phone;
    if (auto it = s.find("phone"); it != s.end()) phone = it->second;

    for (const auto& row : store_.upcoming(now, now + ahead)) {
        const auto kind = dueReminder(rules, row.candidate, now);
        if (!kind) continue;
        ++report.due;
        // Read before the claim, so once it is claimed nothing but the outbox's in-memory
        // enqueue is left to fail.
        const auto p = accounts_.profile(row.patientId);
        // A disabled account is not written to (the practice closed it for a reason).
        if (!p || p->email.empty() || p->status == "disabled") {
            ++report.noAddress;
            continue;
        }
        if (!store_.claim(row.appointmentId, row.candidate.start, *kind, now)) {
            ++report.claimedElsewhere;
            continue;
        }
        const auto m = reminderMail(mail_, mail_.languageFor(p->language), row, zone, phone, publicUrl_);
        mail_.send(p->email, m.subject, m.text);
        ++report.sent;
    }
    return report;
}

bool ReminderService::remindersOn(const accounts::Principal& who) {
    return who.role == "patient" && !store_.optedOut(who.userId);
}

void ReminderService::setRemindersOn(const accounts::Principal& who, bool on) {
    if (who.role != "patient") return;
    store_.setOptedOut(who.userId, !on);
}

ReminderService::PatientReminders ReminderService::ofPatient(std::int64_t patientId) {
    return PatientReminders{!store_.optedOut(patientId), store_.sentToPatient(patientId)};
}

std::set<std::int64_t> ReminderService::reminded(const accounts::Principal& doctor, std::int64_t from, std::int64_t to) {
    if (doctor.role != "doctor") return {};
    return store_.remindedOfDoctor(doctor.userId, from, to);
}

}  // namespace medassist::reminders
