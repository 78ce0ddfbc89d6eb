#pragma once
// The demo practice's people and history, loaded once by `medassist-admin
// seed-demo-people` after the demo sign-ins exist (scripts/run): six doctors over four
// specialties with weekly hours and some time off, a few patients with past visits (and
// their notes) and upcoming appointments, and the demo caregiver linked to the demo
// patient. Dates are relative to the day it runs, so the demo always looks current.
#include <cstdint>
#include <ostream>

#include "accounts/accounts_module.hpp"
#include "admin/demo_store.hpp"
#include "scheduling/doctor_store.hpp"

namespace medassist::admin {

class DemoPractice {
public:
    DemoPractice(accounts::AccountsModule& accounts, scheduling::DoctorStore& doctors, DemoStore& store)
        : accounts_(accounts), doctors_(doctors), store_(store) {}

    // Loads everything unless it was loaded before; says what it did on `out`.
    void load(std::int64_t now, const std::string& timeZone, std::ostream& out);

private:
    std::int64_t account(const std::string& role, const std::string& email, const std::string& name);

    accounts::AccountsModule& accounts_;
    scheduling::DoctorStore& doctors_;
    DemoStore& store_;
};

}  // namespace medassist::admin
