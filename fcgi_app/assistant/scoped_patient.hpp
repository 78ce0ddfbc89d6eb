#pragma once
// The engine's only door to the world (engine/patient_scope.hpp), for exactly one pair:
// the signed-in user (a patient, or a caregiver) and the subject they act for. Every read
// and change goes through SchedulingService with that principal and, for a caregiver, the
// subject's patient id, so the service's own rules apply unchanged: who may touch what,
// booking rules, the mails, and the caregiver's entries in the patient's access log.
//
// The subject is fixed at construction and never leaves this object: the engine calls
// methods without ids of people, and an appointment id it hands back is acted on only
// when it is the subject's own (anything else answers NotFound, like a missing one).
// Made per turn; not shared between threads.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "accounts/caregiver_service.hpp"
#include "assistant/engine/patient_scope.hpp"
#include "assistant/staff_inbox_service.hpp"
#include "scheduling/scheduling_service.hpp"

namespace medassist::assistant {

class ScopedPatient final : public engine::PatientScope {
public:
    ScopedPatient(scheduling::SchedulingService& scheduling, accounts::AccountsService& accounts,
                  StaffInboxService& inbox, accounts::Principal principal, accounts::Subject subject);
    // The subject's full name when the caller has it already (saves a read per turn).
    void knowSubjectName(const std::string& fullName);

    engine::Clock clock() const override;
    std::string subjectFirstName() const override;
    bool actingAsCaregiver() const override { return subject_.viaCaregiver; }

    std::vector<engine::ScopeSpecialty> specialties() override;
    std::vector<engine::ScopeDoctor> doctors() override;
    std::vector<engine::ScopeSlot> freeSlots(std::optional<std::int64_t> doctorId,
                                             const std::optional<std::string>& specialty,
                                             const engine::LocalDate& from, const engine::LocalDate& to) override;
    std::vector<engine::ScopeClosure> closures(const engine::LocalDate& from, const engine::LocalDate& to) override;

    engine::ScopeRules rules() override;
    engine::ScopeOpening opening() override;

    std::vector<engine::ScopeAppointment> upcoming() override;
    engine::ScopeChange book(std::int64_t doctorId, std::int64_t start, const std::string& reason) override;
    engine::ScopeChange cancel(std::int64_t appointmentId) override;
    engine::ScopeChange reschedule(std::int64_t appointmentId, std::int64_t newStart) override;

    void leaveMessageForStaff(const std::string& text) override;

private:
    // What the service's patient-side calls name: nobody for a patient (their own), the
    // subject for a caregiver.
    std::optional<std::int64_t> requestedPatient() const;
    std::int64_t now() const;
    // Whether the appointment is the subject's own (the service decides what the
    // principal may see; this also keeps a caregiver to the one patient of this scope).
    bool ownAppointment(std::int64_t appointmentId);
    engine::ScopeChange change(const scheduling::ChangeResult& r) const;
    engine::ScopeAppointment appointment(const scheduling::Appointment& a) const;

    scheduling::SchedulingService& scheduling_;
    accounts::AccountsService& accounts_;
    StaffInboxService& inbox_;
    const accounts::Principal principal_;
    const accounts::Subject subject_;
    // Read once per turn: the engine asks for them several times.
    mutable std::optional<std::string> firstName_;
    std::optional<std::vector<engine::ScopeDoctor>> doctors_;
    std::optional<std::vector<engine::ScopeSpecialty>> specialties_;
    mutable std::optional<scheduling::PracticeTime> clock_;
};

// "Maria" from "Maria Rossi": the first word of a display name.
std::string firstNameOf(const std::string& name);

}  // namespace medassist::assistant
