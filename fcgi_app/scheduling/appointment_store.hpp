#pragma once
// SQL for appointments. The database enforces one active booking per doctor and start
// (uq_appointments_slot); insert() and move() report that as SlotTaken instead of
// throwing. Reasons arrive encrypted; the service does that.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scheduling/slot_calculator.hpp"
#include "storage/pool.hpp"

namespace medassist::scheduling {

struct AppointmentRow {
    std::int64_t id = 0;
    std::int64_t patientId = 0;
    std::int64_t doctorId = 0;
    std::int64_t start = 0, end = 0;  // UTC epoch seconds
    std::string status;
    std::optional<std::string> reasonCt;
    std::int64_t bookedBy = 0;
    std::string bookedByRole;
    bool hasNote = false;
};

struct NewAppointment {
    std::int64_t patientId = 0, doctorId = 0;
    std::int64_t start = 0, end = 0;
    std::int64_t bookedBy = 0;
    std::string bookedByRole;
};

enum class WriteOutcome { Done, SlotTaken, LimitReached, Gone };

class AppointmentStore {
public:
    explicit AppointmentStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // In one transaction: locks the patient's row, counts their active future bookings
    // (LimitReached when >= maxFuture), inserts, then stores seal(id) as the reason.
    WriteOutcome insert(const NewAppointment& a, int maxFuture, std::int64_t now,
                        const std::function<std::optional<std::string>(std::int64_t id)>& seal,
                        std::int64_t& newId);
    // Moves a booked appointment to a new start/end in one statement: the old slot is
    // released only when the new one is taken (SlotTaken leaves it untouched).
    WriteOutcome move(std::int64_t id, std::int64_t newStart, std::int64_t newEnd);
    // booked → cancelled, and the reason destroyed; Gone when it was not booked any more.
    WriteOutcome cancel(std::int64_t id, std::int64_t now);
    // booked → completed / no_show.
    bool setStatus(std::int64_t id, const std::string& from, const std::string& to);

    std::optional<AppointmentRow> byId(std::int64_t id);
    std::vector<AppointmentRow> ofPatient(std::int64_t patientId);
    std::vector<AppointmentRow> ofDoctor(std::int64_t doctorId, std::int64_t from, std::int64_t to);
    // Occupied intervals of a doctor in [from, to): booked, completed and no-show rows.
    std::vector<Interval> busy(std::int64_t doctorId, std::int64_t from, std::int64_t to);
    // Whether the doctor has a booked or completed appointment with the patient starting in
    // [from, to) (epoch seconds).
    bool caresFor(std::int64_t doctorId, std::int64_t patientId, std::int64_t from, std::int64_t to);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::scheduling
