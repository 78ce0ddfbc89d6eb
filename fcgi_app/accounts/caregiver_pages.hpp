#pragma once
// Caregiver links and the access log, as plain-HTML pages and their JSON twins:
//   /account/caregivers    a patient invites, revokes and sets the visit-notes permission;
//                          a caregiver accepts or declines invitations and sees whom they help
//   /account/acting-for    a caregiver chooses which linked patient they act for (a cookie)
//   /account/access-log    a patient sees who read or changed their data
//   /api/caregivers..., /api/me/access-log   the same for API clients
// Any link id that is not the visitor's own answers 404, exactly like a missing one.
#include <cstdint>
#include <optional>

#include "accounts/caregiver_service.hpp"
#include "accounts/gate.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "privacy/access_log.hpp"

namespace medassist::accounts {

inline constexpr const char* kActingCookie = "__Host-acting";

// The patient id a caregiver chose at /account/acting-for, as the cookie says: only parsed,
// never trusted. Every use goes through CaregiverService::subjectFor, which checks the link.
std::optional<std::int64_t> actingChoice(const http::Request& request);

void addCaregiverPages(http::Router& router, Gate& gate, CaregiverService& caregivers, privacy::AccessLog& accessLog,
                       const http::View& view);

}  // namespace medassist::accounts
