#include "assistant/scoped_patient.hpp"

#include <algorithm>
#include <ctime>
#include <utility>

namespace medassist::assistant {

namespace {
using scheduling::ChangeResult;
using Kind = engine::ScopeChange::Kind;

constexpr int kMaxSlotDays = 31;  // the service answers at most 31 days per query
}  // namespace

std::string firstNameOf(const std::string& name) {
    const auto b = name.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = name.find_first_of(" \t", b);
    return name.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

ScopedPatient::ScopedPatient(scheduling::SchedulingService& scheduling, accounts::AccountsService& accounts,
                             StaffInboxService& inbox, accounts::Principal principal, accounts::Subject subject)
    : scheduling_(scheduling),
      accounts_(accounts),
      inbox_(inbox),
      principal_(std::move(principal)),
      subject_(subject) {}

std::optional<std::int64_t> ScopedPatient::requestedPatient() const {
    if (subject_.viaCaregiver) return subject_.patientId;
    return std::nullopt;
}

std::int64_t ScopedPatient::now() const { return static_cast<std::int64_t>(std::time(nullptr)); }

engine::Clock ScopedPatient::clock() const {
    if (!clock_) clock_.emplace(scheduling_.clock());
    const std::int64_t t = now();
    return engine::Clock{clock_->dateOf(t), clock_->minuteOfDay(t), t};
}

void ScopedPatient::knowSubjectName(const std::string& fullName) { firstName_ = firstNameOf(fullName); }

std::string ScopedPatient::subjectFirstName() const {
    if (!firstName_) {
        auto p = accounts_.profile(subject_.patientId);
        firstName_ = p ? firstNameOf(p->name) : std::string();
    }
    return *firstName_;
}

std::vector<engine::ScopeSpecialty> ScopedPatient::specialties() {
    if (!specialties_) {
        std::vector<engine::ScopeSpecialty> out;
        for (const auto& s : scheduling_.specialties()) out.push_back({s.slug, s.name});
        specialties_ = std::move(out);
    }
    return *specialties_;
}

std::vector<engine::ScopeDoctor> ScopedPatient::doctors() {
    if (!doctors_) {
        std::vector<engine::ScopeDoctor> out;
        for (const auto& d : scheduling_.doctors())
            out.push_back({d.id, d.name, d.specialtySlug, d.specialtyName, d.languages});
        doctors_ = std::move(out);
    }
    return *doctors_;
}

std::vector<engine::ScopeSlot> ScopedPatient::freeSlots(std::optional<std::int64_t> doctorId,
                                                        const std::optional<std::string>& specialty,
                                                        const engine::LocalDate& from, const engine::LocalDate& to) {
    scheduling::SlotQuery q;
    q.doctorId = doctorId;
    if (!doctorId && specialty) {
        // A slug as the scope handed it out; a name is accepted too.
        q.specialty = *specialty;
        for (const auto& s : specialties())
            if (s.name == *specialty) q.specialty = s.slug;
    }
    engine::LocalDate last = to;
    if (last < from) return {};
    if (scheduling::daysBetween(from, last) >= kMaxSlotDays) last = scheduling::addDays(from, kMaxSlotDays - 1);
    q.from = scheduling::formatDate(from);
    q.to = scheduling::formatDate(last);
    auto r = scheduling_.freeSlots(q, now());
    std::vector<engine::ScopeSlot> out;
    if (!r.errors.empty()) return out;
    for (const auto& s : r.slots) out.push_back({s.doctorId, s.doctorName, s.start, s.end});
    return out;
}

std::vector<engine::ScopeClosure> ScopedPatient::closures(const engine::LocalDate& from, const engine::LocalDate& to) {
    std::vector<engine::ScopeClosure> out;
    for (const auto& c : scheduling_.closures(from, to)) out.push_back({c.date, c.label()});
    return out;
}

engine::ScopeRules ScopedPatient::rules() {
    const auto pol = scheduling_.policy();
    return engine::ScopeRules{pol.booking.cancelCutoffHours, pol.booking.maxFutureBookings};
}

engine::ScopeOpening ScopedPatient::opening() {
    const auto o = scheduling_.openNow(now());
    return engine::ScopeOpening{o.known, o.open, o.until, o.next};
}

engine::ScopeAppointment ScopedPatient::appointment(const scheduling::Appointment& a) const {
    return engine::ScopeAppointment{a.id, a.doctorId, a.doctorName, a.specialtyName, a.start, a.end, a.changeable};
}

std::vector<engine::ScopeAppointment> ScopedPatient::upcoming() {
    std::vector<engine::ScopeAppointment> out;
    const std::int64_t t = now();
    auto all = scheduling_.appointments(principal_, requestedPatient(), t);
    if (!all) return out;
    for (const auto& a : *all)
        if (a.status == "booked" && a.patientId == subject_.patientId && a.end > t) out.push_back(appointment(a));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    return out;
}

engine::ScopeChange ScopedPatient::change(const ChangeResult& r) const {
    engine::ScopeChange out;
    out.message = r.message;
    if (out.message.empty() && !r.errors.empty()) out.message = r.errors.front().reason;
    switch (r.kind) {
        case ChangeResult::Kind::Done:
            out.kind = Kind::Done;
            if (r.appointment) out.appointment = appointment(*r.appointment);
            break;
        case ChangeResult::Kind::SlotTaken:
            out.kind = Kind::SlotTaken;
            for (const auto& s : r.alternatives) out.alternatives.push_back({s.doctorId, s.doctorName, s.start, s.end});
            break;
        case ChangeResult::Kind::Cutoff: out.kind = Kind::Cutoff; break;
        case ChangeResult::Kind::NotFound: out.kind = Kind::NotFound; break;
        // A rule of the practice (notice, horizon, limit), a time that is no slot, or a
        // reason without consent to store it: the message says which.
        case ChangeResult::Kind::Invalid:
        case ChangeResult::Kind::Refused:
        case ChangeResult::Kind::ConsentRequired: out.kind = Kind::Refused; break;
    }
    return out;
}

engine::ScopeChange ScopedPatient::book(std::int64_t doctorId, std::int64_t start, const std::string& reason) {
    if (!clock_) clock_.emplace(scheduling_.clock());
    scheduling::BookInput in;
    in.doctorId = doctorId;
    in.start = clock_->iso(start);
    in.reason = reason;
    in.patientId = requestedPatient();
    return change(scheduling_.book(principal_, in, now()));
}

bool ScopedPatient::ownAppointment(std::int64_t appointmentId) {
    if (appointmentId <= 0) return false;
    auto a = scheduling_.appointment(principal_, appointmentId, now());
    return a && a->patientId == subject_.patientId;
}

engine::ScopeChange ScopedPatient::cancel(std::int64_t appointmentId) {
    if (!ownAppointment(appointmentId)) return engine::ScopeChange{Kind::NotFound, {}, std::nullopt, {}};
    return change(scheduling_.cancel(principal_, appointmentId, now()));
}

engine::ScopeChange ScopedPatient::reschedule(std::int64_t appointmentId, std::int64_t newStart) {
    if (!ownAppointment(appointmentId)) return engine::ScopeChange{Kind::NotFound, {}, std::nullopt, {}};
    if (!clock_) clock_.emplace(scheduling_.clock());
    return change(scheduling_.reschedule(principal_, appointmentId, clock_->iso(newStart), now()));
}

void ScopedPatient::leaveMessageForStaff(const std::string& text) {
    inbox_.leave(subject_.patientId, principal_.userId, text);
}

}  // namespace medassist::assistant
