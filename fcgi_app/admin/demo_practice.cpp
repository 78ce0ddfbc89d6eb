#include "admin/demo_practice.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "scheduling/practice_time.hpp"
#include "security/crypto_util.hpp"

namespace medassist::admin {

namespace {
using scheduling::LocalDate;
using scheduling::WeeklyHours;

int hm(int h, int m) { return h * 60 + m; }

struct DemoDoctor {
    const char* email;
    const char* name;
    const char* specialty;
    const char* languages;
    const char* bio;
    std::vector<WeeklyHours> hours;
};

std::vector<WeeklyHours> days(std::set<int> weekdays, int start, int end, int slot) {
    std::vector<WeeklyHours> out;
    for (int d : weekdays) out.push_back(WeeklyHours{d, start, end, slot});
    return out;
}

std::vector<WeeklyHours> join(std::vector<WeeklyHours> a, const std::vector<WeeklyHours>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<DemoDoctor>& demoDoctors() {
    static const std::vector<DemoDoctor> list{
        {"giulia.rossi@aurora-practice.example", "Dr. Giulia Rossi", "general-practice", "Italian, English",
         "Family doctor for adults; chronic conditions, prevention and travel advice.",
         join(days({1, 2, 3, 4, 5}, hm(8, 30), hm(12, 30), 20), days({1, 3}, hm(15, 0), hm(18, 20), 20))},
        {"marco.esposito@aurora-practice.example", "Dr. Marco Esposito", "general-practice",
         "Italian, English, Spanish", "Family doctor; sports medicine certificates and men's health.",
         join(join(days({1, 2, 3, 4}, hm(14, 0), hm(19, 0), 20), days({5}, hm(8, 0), hm(13, 0), 20)),
              days({6}, hm(9, 0), hm(12, 20), 20))},
        {"chiara.ricci@aurora-practice.example", "Dr. Chiara Ricci", "pediatrics", "Italian, English, French",
         "Paediatrician; newborn care, vaccinations and childhood development.",
         days({1, 2, 3, 4, 5}, hm(9, 0), hm(13, 0), 30)},
        {"francesca.gallo@aurora-practice.example", "Dr. Francesca Gallo", "pediatrics", "Italian, German",
         "Paediatrician; asthma and allergies in children and teenagers.",
         join(days({2, 4}, hm(14, 0), hm(18, 0), 30), days({6}, hm(9, 0), hm(12, 0), 30))},
        {"alessandro.greco@aurora-practice.example", "Dr. Alessandro Greco", "cardiology", "Italian, English",
         "Cardiologist; ECG, blood pressure and heart rhythm follow-up.",
         join(days({1, 3, 5}, hm(9, 0), hm(13, 0), 30), days({2}, hm(14, 0), hm(18, 0), 30))},
        {"sofia.marino@aurora-practice.example", "Dr. Sofia Marino", "dermatology", "Italian, English, Spanish",
         "Dermatologist; skin checks and mole mapping, acne and eczema.",
         join(days({2, 4}, hm(9, 0), hm(13, 0), 20), days({3}, hm(14, 0), hm(18, 0), 20))},
    };
    return list;
}

// The first date on or after `from` whose ISO weekday is in `allowed`.
LocalDate nextOn(LocalDate from, std::set<int> allowed) {
    for (int i = 0; i < 14; ++i, from = scheduling::addDays(from, 1))
        if (allowed.count(scheduling::isoWeekday(from))) return from;
    return from;
}

// The last date on or before `from` whose ISO weekday is in `allowed`.
LocalDate lastOn(LocalDate from, std::set<int> allowed) {
    for (int i = 0; i < 14; ++i, from = scheduling::addDays(from, -1))
        if (allowed.count(scheduling::isoWeekday(from))) return from;
    return from;
}
}  // namespace

std::int64_t DemoPractice::account(const std::string& role, const std::string& email, const std::string& name) {
    auto& svc = accounts_.service;
    if (auto row = accounts_.users.byEmailBidx(svc.emailIndex(accounts::normalizeEmail(email)))) return row->id;
    // Demo staff and extra patients get a random password nobody knows: they exist to
    // fill the schedule. The four demo sign-ins come from scripts/run.
    accounts::RegisterInput in{role, name, email, security::base64Encode(security::randomBytes(24)), std::nullopt,
                               std::nullopt, ""};  // no language chosen: the practice's default
    auto made = svc.createUser(in, "active");
    if (!made.profile) throw std::runtime_error("cannot create a demo " + role + " account");
    return made.profile->id;
}

void DemoPractice::load(std::int64_t now, const std::string& timeZone, std::ostream& out) {
    if (store_.seeded()) {
        out << "demo people already loaded\n";
        return;
    }
    const scheduling::PracticeTime clk(timeZone);
    const LocalDate today = clk.dateOf(now);
    auto at = [&](const LocalDate& d, int minute) {
        auto t = clk.toInstant(d, minute);
        if (!t) throw std::runtime_error("a demo time does not exist in the practice time zone");
        return *t;
    };

    std::map<std::string, std::int64_t> doctorIds;
    for (const auto& d : demoDoctors()) {
        auto spec = doctors_.specialtyBySlug(d.specialty);
        if (!spec) throw std::runtime_error(std::string("the seed has no specialty ") + d.specialty);
        const auto id = account("doctor", d.email, d.name);
        scheduling::DoctorRow row;
        row.userId = id;
        row.displayName = d.name;
        row.specialtyId = spec->id;
        row.languages = d.languages;
        row.bio = d.bio;
        doctors_.saveProfile(row);
        doctors_.replaceHours(id, d.hours);
        doctorIds[d.email] = id;
    }
    const auto rossi = doctorIds["giulia.rossi@aurora-practice.example"];
    const auto esposito = doctorIds["marco.esposito@aurora-practice.example"];
    const auto ricci = doctorIds["chiara.ricci@aurora-practice.example"];
    const auto gallo = doctorIds["francesca.gallo@aurora-practice.example"];
    const auto greco = doctorIds["alessandro.greco@aurora-practice.example"];
    const auto marino = doctorIds["sofia.marino@aurora-practice.example"];

    // Time off: Dr. Greco at a congress for three days, Dr. Gallo away for a day.
    const LocalDate congress = nextOn(scheduling::addDays(today, 8), {1});
    doctors_.addTimeOff(greco, {at(congress, 0), at(scheduling::addDays(congress, 3), 0)}, "Cardiology congress");
    const LocalDate away = nextOn(scheduling::addDays(today, 3), {2, 4});
    doctors_.addTimeOff(gallo, {at(away, 0), at(scheduling::addDays(away, 1), 0)}, "Training day");

    const auto maria = account("patient", "maria.bianchi@example.com", "Maria Bianchi");
    const auto luca = account("caregiver", "luca.bianchi@example.com", "Luca Bianchi");
    const auto giovanni = account("patient", "giovanni.russo@example.com", "Giovanni Russo");
    const auto anna = account("patient", "anna.ferrari@example.com", "Anna Ferrari");

    for (auto patient : {maria, giovanni, anna}) store_.addConsent(patient);

    auto& svc = accounts_.service;
    int appointments = 0, notes = 0;
    auto visit = [&](std::int64_t patient, std::int64_t doctor, const LocalDate& day, int minute, int length,
                     const std::string& status, const std::string& reason, const std::string& note) {
        const std::string key = svc.dataKeyFor(patient);
        const auto start = at(day, minute);
        auto id = store_.addAppointment(patient, doctor, start, start + length * 60, status, [&](std::int64_t rowId) {
            return security::Vault::encrypt(key, reason, {"appointments", "reason", std::to_string(rowId)});
        });
        if (!id) return;
        ++appointments;
        if (note.empty()) return;
        store_.addNote(*id, patient, doctor, [&](std::int64_t noteId) {
            return security::Vault::encrypt(key, note, {"visit_notes", "note", std::to_string(noteId)});
        });
        ++notes;
    };

    // Maria: two past visits with notes, one cancelled, two upcoming.
    visit(maria, rossi, lastOn(scheduling::addDays(today, -40), {1, 2, 3, 4, 5}), hm(9, 10), 20, "completed",
          "Dry cough for two weeks",
          "Dry cough for two weeks, no fever. Chest clear on auscultation, saturation 98%. Likely post-viral cough. "
          "Advised fluids and honey; review if not better in two weeks or at once if short of breath.");
    visit(maria, marino, lastOn(scheduling::addDays(today, -20), {2, 4}), hm(10, 0), 20, "completed",
          "A mole on my back looks darker",
          "Dermoscopy of a 6 mm naevus on the left shoulder blade: regular network, symmetric, benign features. "
          "Photographed for comparison. Recheck in 12 months or sooner if it changes.");
    visit(maria, greco, lastOn(scheduling::addDays(today, -10), {1, 3, 5}), hm(9, 30), 30, "cancelled",
          "Palpitations after coffee", "");
    visit(maria, rossi, nextOn(scheduling::addDays(today, 3), {1, 2, 3, 4, 5}), hm(9, 30), 20, "booked",
          "Go through my blood test results", "");
    visit(maria, marino, nextOn(scheduling::addDays(today, 7), {2, 4}), hm(10, 20), 20, "booked",
          "Yearly skin check", "");

    // Giovanni: a past cardiology visit with a note, a check-up today and one soon.
    visit(giovanni, greco, lastOn(scheduling::addDays(today, -30), {1, 3, 5}), hm(10, 0), 30, "completed",
          "Blood pressure readings are high at home",
          "Home readings around 150/95. ECG: sinus rhythm, no signs of hypertrophy. Started lifestyle measures; "
          "24-hour blood pressure monitoring booked. Review in four weeks.");
    if (auto wd = scheduling::isoWeekday(today); wd <= 5)
        visit(giovanni, rossi, today, hm(11, 50), 20, "booked", "Repeat prescription for blood pressure tablets", "");
    visit(giovanni, esposito, nextOn(scheduling::addDays(today, 2), {1, 2, 3, 4}), hm(17, 0), 20, "booked",
          "Medical certificate for the gym", "");

    // Anna books for her daughter's vaccination at the paediatrician.
    visit(anna, ricci, nextOn(scheduling::addDays(today, 2), {1, 2, 3, 4, 5}), hm(10, 0), 30, "booked",
          "Vaccination at 12 months for my daughter", "");
    visit(anna, gallo, nextOn(scheduling::addDays(today, 5), {2, 4}), hm(15, 0), 30, "booked",
          "My son's asthma inhaler check", "");

    // Luca looks after his mother Maria's appointments and may read her visit notes.
    const std::string mariaKey = svc.dataKeyFor(maria);
    store_.addCaregiverLink(maria, luca, svc.emailIndex("luca.bianchi@example.com"), true, [&](std::int64_t id) {
        return security::Vault::encrypt(mariaKey, "luca.bianchi@example.com",
                                        {"caregiver_links", "invite_email", std::to_string(id)});
    });

    store_.markSeeded(scheduling::formatDate(today));
    out << "loaded the demo practice: " << demoDoctors().size() << " doctors, " << appointments << " appointments, "
        << notes << " visit notes, 1 caregiver link\n";
}

}  // namespace medassist::admin
