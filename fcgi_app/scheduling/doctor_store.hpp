#pragma once
// SQL for the practice's public side: specialties, doctors' public profiles, weekly hours
// and time off. Nothing here is personal to a patient.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scheduling/slot_calculator.hpp"
#include "storage/pool.hpp"

namespace medassist::scheduling {

struct SpecialtyRow {
    std::int64_t id = 0;
    std::string slug, name, description;
};

struct DoctorRow {
    std::int64_t userId = 0;
    std::string displayName;
    std::int64_t specialtyId = 0;
    std::string specialtySlug, specialtyName;  // filled on reads
    std::string languages, bio;
    bool bookable = true;
};

struct TimeOffRow {
    std::int64_t id = 0;
    std::int64_t doctorId = 0;
    Interval span;
    std::string label;
};

class DoctorStore {
public:
    explicit DoctorStore(storage::ConnectionPool& pool) : pool_(pool) {}

    std::vector<SpecialtyRow> specialties();
    std::optional<SpecialtyRow> specialtyBySlug(const std::string& slug);
    std::optional<SpecialtyRow> specialtyById(std::int64_t id);

    // Ids of every active doctor account, with or without a profile yet (the admin's list).
    std::vector<std::int64_t> activeDoctorAccounts();

    // Doctors with a profile whose account is active; bookableOnly hides bookable = 0.
    std::vector<DoctorRow> doctors(bool bookableOnly);
    std::optional<DoctorRow> doctor(std::int64_t userId);  // any status, with or without bookable
    // Inserts or replaces the profile of a doctor account.
    void saveProfile(const DoctorRow& row);

    std::vector<WeeklyHours> hours(std::int64_t doctorId);
    // Replaces all weekly hours of a doctor in one transaction.
    void replaceHours(std::int64_t doctorId, const std::vector<WeeklyHours>& hours);
    // The profile and the weekly hours together, in one transaction (the admin's form).
    void saveProfileWithHours(const DoctorRow& row, const std::vector<WeeklyHours>& hours);

    // Time off overlapping [from, to).
    std::vector<TimeOffRow> timeOff(std::int64_t doctorId, std::int64_t from, std::int64_t to);
    std::int64_t addTimeOff(std::int64_t doctorId, const Interval& span, const std::string& label);
    bool removeTimeOff(std::int64_t doctorId, std::int64_t id);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::scheduling
