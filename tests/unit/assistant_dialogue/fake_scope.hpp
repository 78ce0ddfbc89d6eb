#pragma once
// An in-memory PatientScope for the dialogue tests: a small practice (four specialties,
// seven doctors, two of them called Rossi, each with weekly hours), one subject's upcoming
// appointments, the scheduling rules a patient meets (a limit of future bookings, the
// cancellation cutoff, a slot someone else takes meanwhile), and a record of every change
// asked for. The real scope over the scheduling service is tested by the integration
// suites; here only what the engine does with the answers matters.
//
// Its free slots deliberately include today's past ones: the engine must not offer them.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "assistant/engine/patient_scope.hpp"
#include "scheduling/practice_time.hpp"

namespace dialogue_test {

using namespace medassist::assistant::engine;
using medassist::scheduling::LocalDate;
using medassist::scheduling::PracticeTime;

inline const PracticeTime& rome() {
    static const PracticeTime zone("Europe/Rome");
    return zone;
}

// Local wall-clock time in Rome as a UTC instant.
inline std::int64_t at(int year, int month, int day, int hour, int minute = 0) {
    return *rome().toInstant(LocalDate{year, month, day}, hour * 60 + minute);
}
// Today is Monday 2 March 2026, 09:00 in Rome.
constexpr LocalDate kToday{2026, 3, 2};
inline std::int64_t march(int day, int hour, int minute = 0) { return at(2026, 3, day, hour, minute); }

constexpr std::int64_t kGiuliaRossi = 1, kEsposito = 2, kRicci = 3, kGreco = 4, kMarino = 5, kPaoloRossi = 6,
                       kDeLuca = 7;

struct Hours {
    std::vector<int> weekdays;                 // ISO 1..7
    std::vector<std::pair<int, int>> windows;  // [from, to) in minutes of the day; 30-minute slots
};

struct Booked {
    std::int64_t doctorId = 0, start = 0;
    std::string reason;
};

struct Rescheduled {
    std::int64_t id = 0, newStart = 0;
};

class FakeScope : public PatientScope {
public:
    FakeScope() {
        doctors_ = {
            {kGiuliaRossi, "Dr. Giulia Rossi", "general-practice", "General practice", "Italian, English"},
            {kEsposito, "Dr. Marco Esposito", "general-practice", "General practice", "Italian"},
            {kRicci, "Dr. Chiara Ricci", "pediatrics", "Pediatrics", "Italian, English"},
            {kGreco, "Dr. Alessandro Greco", "cardiology", "Cardiology", "Italian, English"},
            {kMarino, "Dr. Sofia Marino", "dermatology", "Dermatology", "Italian, English, Spanish"},
            {kPaoloRossi, "Dr. Paolo Rossi", "cardiology", "Cardiology", "Italian"},
            {kDeLuca, "Dr. Anna De Luca", "dermatology", "Dermatology", "Italian, French"},
        };
        hours_[kGiuliaRossi] = {{1, 2, 3, 4, 5}, {{9 * 60, 12 * 60}}};
        hours_[kEsposito] = {{1, 2, 3, 4, 5}, {{14 * 60, 18 * 60}}};
        hours_[kRicci] = {{1, 3, 5}, {{9 * 60, 13 * 60}}};
        hours_[kGreco] = {{2, 4}, {{9 * 60, 12 * 60}, {14 * 60, 16 * 60}}};
        hours_[kMarino] = {{2, 4}, {{9 * 60, 12 * 60}}};
        hours_[kPaoloRossi] = {{1, 3}, {{15 * 60, 18 * 60}}};
        hours_[kDeLuca] = {{3, 5}, {{14 * 60, 17 * 60}}};
    }

    // The subject and the clock.
    std::string firstName = "Maria";
    bool caregiver = false;
    std::int64_t now = march(2, 9);

    // The rules.
    int maxFutureBookings = 3;
    std::set<std::int64_t> takenByOthers;         // starts someone else holds (any doctor)
    std::optional<std::int64_t> takenMeanwhile;   // book/reschedule to this start: SlotTaken
    bool cutoffOnChange = false;                  // the scheduling service says Cutoff
    int cancelCutoffHours = 24;
    ScopeOpening openNow;                         // the practice's hours now (default: unknown)

    // What the engine asked for.
    std::vector<Booked> booked;
    std::vector<std::int64_t> cancelled;
    std::vector<Rescheduled> rescheduled;
    std::vector<std::string> staffMessages;
    int freeSlotCalls = 0;

    std::int64_t addAppointment(std::int64_t doctorId, std::int64_t start, bool changeable = true) {
        ScopeAppointment a;
        a.id = nextId_++;
        a.doctorId = doctorId;
        const auto& d = doctorOf(doctorId);
        a.doctorName = d.name;
        a.specialtyName = d.specialtyName;
        a.start = start;
        a.end = start + 1800;
        a.changeable = changeable;
        appointments_.push_back(a);
        return a.id;
    }
    const std::vector<ScopeAppointment>& appointments() const { return appointments_; }
    const ScopeAppointment* appointment(std::int64_t id) const {
        for (const auto& a : appointments_)
            if (a.id == id) return &a;
        return nullptr;
    }
    bool noChanges() const { return booked.empty() && cancelled.empty() && rescheduled.empty(); }

    // PatientScope
    Clock clock() const override {
        return Clock{rome().dateOf(now), rome().minuteOfDay(now), now};
    }
    std::string subjectFirstName() const override { return firstName; }
    bool actingAsCaregiver() const override { return caregiver; }

    std::vector<ScopeSpecialty> specialties() override {
        return {{"general-practice", "General practice"},
                {"pediatrics", "Pediatrics"},
                {"cardiology", "Cardiology"},
                {"dermatology", "Dermatology"}};
    }
    std::vector<ScopeDoctor> doctors() override { return doctors_; }

    // Days the whole practice is closed (holidays), as the scheduling service reports them.
    std::vector<ScopeClosure> closed;
    std::vector<ScopeClosure> closures(const LocalDate& from, const LocalDate& to) override {
        std::vector<ScopeClosure> out;
        for (const auto& c : closed)
            if (!(c.date < from) && !(to < c.date)) out.push_back(c);
        return out;
    }

    std::vector<ScopeSlot> freeSlots(std::optional<std::int64_t> doctorId, const std::optional<std::string>& specialty,
                                     const LocalDate& from, const LocalDate& to) override {
        ++freeSlotCalls;
        std::vector<ScopeSlot> out;
        for (LocalDate d = from; d <= to; d = medassist::scheduling::addDays(d, 1)) {
            if (!closures(d, d).empty()) continue;
            const int wd = medassist::scheduling::isoWeekday(d);
            for (const auto& doc : doctors_) {
                if (doctorId && doc.id != *doctorId) continue;
                if (specialty && doc.specialtySlug != *specialty) continue;
                const auto& h = hours_[doc.id];
                if (std::find(h.weekdays.begin(), h.weekdays.end(), wd) == h.weekdays.end()) continue;
                for (const auto& [lo, hi] : h.windows) {
                    const auto opening = *rome().toInstant(d, lo);  // clocks never change within hours
                    for (int m = lo; m + 30 <= hi; m += 30) {
                        const std::int64_t start = opening + (m - lo) * 60;
                        if (busy(doc.id, start)) continue;
                        out.push_back({doc.id, doc.name, start, start + 1800});
                    }
                }
            }
        }
        return out;
    }

    ScopeRules rules() override { return ScopeRules{cancelCutoffHours, maxFutureBookings}; }
    ScopeOpening opening() override { return openNow; }

    std::vector<ScopeAppointment> upcoming() override {
        std::vector<ScopeAppointment> out;
        for (const auto& a : appointments_)
            if (a.start > now) out.push_back(a);
        return out;
    }

    ScopeChange book(std::int64_t doctorId, std::int64_t start, const std::string& reason) override {
        ScopeChange c;
        if (takenMeanwhile && *takenMeanwhile == start) {
            takenByOthers.insert(start);
            takenMeanwhile.reset();
            return slotTaken(doctorId, start);
        }
        if (busy(doctorId, start) || !worksAt(doctorId, start)) return slotTaken(doctorId, start);
        if (static_cast<int>(upcoming().size()) >= maxFutureBookings) {
            c.kind = ScopeChange::Kind::Refused;
            c.message = "You already have " + std::to_string(maxFutureBookings) +
                        " upcoming appointments, the most you can book at once.";
            return c;
        }
        booked.push_back({doctorId, start, reason});
        const auto id = addAppointment(doctorId, start);
        c.appointment = *appointment(id);
        return c;
    }

    ScopeChange cancel(std::int64_t id) override {
        ScopeChange c;
        const auto it = std::find_if(appointments_.begin(), appointments_.end(), [&](auto& a) { return a.id == id; });
        if (it == appointments_.end()) {
            c.kind = ScopeChange::Kind::NotFound;
            c.message = "That appointment was not found.";
            return c;
        }
        if (cutoffOnChange || !it->changeable) {
            c.kind = ScopeChange::Kind::Cutoff;
            c.message = "Appointments can't be changed online less than 24 hours before they start.";
            return c;
        }
        cancelled.push_back(id);
        appointments_.erase(it);
        return c;
    }

    ScopeChange reschedule(std::int64_t id, std::int64_t newStart) override {
        ScopeChange c;
        auto* a = const_cast<ScopeAppointment*>(appointment(id));
        if (!a) {
            c.kind = ScopeChange::Kind::NotFound;
            c.message = "That appointment was not found.";
            return c;
        }
        if (cutoffOnChange || !a->changeable) {
            c.kind = ScopeChange::Kind::Cutoff;
            c.message = "Appointments can't be changed online less than 24 hours before they start.";
            return c;
        }
        if (takenMeanwhile && *takenMeanwhile == newStart) {
            takenByOthers.insert(newStart);
            takenMeanwhile.reset();
            return slotTaken(a->doctorId, newStart);
        }
        if (busy(a->doctorId, newStart) || !worksAt(a->doctorId, newStart)) return slotTaken(a->doctorId, newStart);
        rescheduled.push_back({id, newStart});
        a->start = newStart;
        a->end = newStart + 1800;
        c.appointment = *a;
        return c;
    }

    void leaveMessageForStaff(const std::string& text) override { staffMessages.push_back(text); }

    const ScopeDoctor& doctorOf(std::int64_t id) const {
        for (const auto& d : doctors_)
            if (d.id == id) return d;
        return doctors_.front();
    }

private:
    bool busy(std::int64_t doctorId, std::int64_t start) const {
        if (takenByOthers.count(start)) return true;
        return std::any_of(appointments_.begin(), appointments_.end(),
                           [&](const auto& a) { return a.doctorId == doctorId && a.start == start; });
    }
    bool worksAt(std::int64_t doctorId, std::int64_t start) {
        const auto& h = hours_[doctorId];
        const int wd = medassist::scheduling::isoWeekday(rome().dateOf(start));
        const int m = rome().minuteOfDay(start);
        if (std::find(h.weekdays.begin(), h.weekdays.end(), wd) == h.weekdays.end()) return false;
        return std::any_of(h.windows.begin(), h.windows.end(),
                           [&](const auto& w) { return m >= w.first && m + 30 <= w.second && (m - w.first) % 30 == 0; });
    }
    // Slot taken: the next three free times of the same doctor after it.
    ScopeChange slotTaken(std::int64_t doctorId, std::int64_t start) {
        ScopeChange c;
        c.kind = ScopeChange::Kind::SlotTaken;
        c.message = "That time is no longer free.";
        const LocalDate day = rome().dateOf(start);
        for (const auto& s : freeSlots(doctorId, std::nullopt, day, medassist::scheduling::addDays(day, 7)))
            if (s.start > start && c.alternatives.size() < 3) c.alternatives.push_back(s);
        return c;
    }

    std::vector<ScopeDoctor> doctors_;
    std::map<std::int64_t, Hours> hours_;
    std::vector<ScopeAppointment> appointments_;
    std::int64_t nextId_ = 101;
};

}  // namespace dialogue_test
