#pragma once
// The rules of running the practice: doctors' public profiles and weekly hours (admins),
// time off (admins for any doctor, doctors for themselves), the practice settings
// (contact details, opening hours, booking rules) and the FAQ the assistant answers from.
// No SQL (the stores) and no HTTP (admin_pages). Nothing here touches an appointment, a
// reason or a visit note: admins manage the practice, not its patients.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "scheduling/doctor_store.hpp"
#include "scheduling/practice_time.hpp"
#include "security/audit_log.hpp"
#include "site/faq_store.hpp"
#include "site/practice_store.hpp"

namespace medassist::admin {

using accounts::FieldErrors;
using accounts::Principal;

// ---- limits the pages repeat in hints and maxlength attributes ----
inline constexpr std::size_t kMaxDisplayName = 120;
inline constexpr std::size_t kMinDisplayName = 2;
inline constexpr std::size_t kMaxLanguages = 200;
inline constexpr std::size_t kMaxBio = 1000;
inline constexpr std::size_t kMaxTimeOffLabel = 120;
inline constexpr std::size_t kMaxQuestion = 300;
inline constexpr std::size_t kMaxAnswer = 4000;
inline constexpr std::size_t kMaxTags = 300;
inline constexpr int kMinSlotMinutes = 5;
inline constexpr int kMaxSlotMinutes = 240;
inline constexpr int kFaqRestoreDays = 30;  // a deleted FAQ entry can be restored this long

// One doctor account in the admin's list.
struct DoctorSummary {
    std::int64_t id = 0;
    std::string accountName;  // the name on the account
    std::string email;        // shown for accounts waiting for approval
    std::string registered;   // UTC "YYYY-MM-DD HH:MM:SS"
    bool pending = false;     // waiting for an administrator's approval
    std::optional<scheduling::DoctorRow> profile;  // none until an admin saves one
};

// The editable hours of one block as typed ("1", "08:30", "12:00", "15").
struct HoursInput {
    std::string weekday, start, end, slot;
    bool empty() const;
};

struct ProfileInput {
    std::string displayName, specialtySlug, languages, bio;
    bool bookable = true;
};

// Local wall-clock input in the practice's time zone. Empty times mean whole days: from
// the start of the first date to the end of the last.
struct TimeOffInput {
    std::string fromDate, fromTime, toDate, toTime, label;
};

// Time off as the pages show it, in the practice's time zone.
struct TimeOffView {
    std::int64_t id = 0;
    std::int64_t start = 0, end = 0;
    std::string from, to;  // "Tuesday 24 November 2026 09:30"
    std::string label;
};

struct FaqInput {
    std::string question, answer, tags;
};

// The settings form: every key of practice_settings an admin edits, in display order.
const std::vector<std::string>& settingKeys();
// "HH:MM" for a minute of the day.
std::string hhmm(int minuteOfDay);
// "HH:MM" (or "H:MM") → minute of the day 0..1439; "24:00" too when allowEndOfDay.
std::optional<int> parseHhmm(const std::string& text, bool allowEndOfDay = false);
// The number of Unicode characters in UTF-8 text.
std::size_t characters(const std::string& utf8);

class PracticeAdminService {
public:
    PracticeAdminService(scheduling::DoctorStore& doctors, site::PracticeStore& practice, site::FaqStore& faq,
                         accounts::AccountsService& accounts, security::AuditLog& audit);

    // ---- doctors (admins) ----
    // Active doctor accounts first (by name), then those waiting for approval.
    std::vector<DoctorSummary> doctors();
    // nullopt when id is not a doctor account.
    std::optional<DoctorSummary> doctor(std::int64_t id);
    // A doctor waiting for approval whom the practice does not know: the account is disabled
    // and the doctor told by mail in their language. False: no doctor waiting with this id.
    bool rejectDoctor(const Principal& admin, std::int64_t doctorId, const std::string& ip);
    std::vector<scheduling::SpecialtyRow> specialties();
    std::vector<scheduling::WeeklyHours> hours(std::int64_t doctorId);

    struct SaveResult {
        bool found = true;   // false: no doctor account with this id (404)
        FieldErrors errors;  // display_name, specialty, languages, bio, hours_N_{weekday,start,end,slot}
    };
    // Saves the profile and replaces the weekly hours together: either both or nothing.
    // hours are the form's rows in order (row N is hours[N-1]); empty rows are ignored.
    SaveResult saveDoctor(const Principal& admin, std::int64_t doctorId, const ProfileInput& profile,
                          const std::vector<HoursInput>& hours, const std::string& ip);

    // ---- time off (admins for any doctor; a doctor for themselves) ----
    // Time off that has not ended yet, soonest first; nullopt when `who` may not see it.
    std::optional<std::vector<TimeOffView>> timeOff(const Principal& who, std::int64_t doctorId, std::int64_t now);
    struct TimeOffResult {
        bool found = true;   // false: not a doctor `who` may manage (404)
        FieldErrors errors;  // from_date, from_time, to_date, to_time, label, profile
        std::int64_t id = 0;
    };
    TimeOffResult addTimeOff(const Principal& who, std::int64_t doctorId, const TimeOffInput& in,
                             const std::string& ip, std::int64_t now);
    // False when there is no such time off of this doctor that `who` may manage.
    bool removeTimeOff(const Principal& who, std::int64_t doctorId, std::int64_t timeOffId, const std::string& ip);

    // ---- practice settings (admins) ----
    std::map<std::string, std::string> settings();
    // values keyed by settingKeys(); errors keyed the same way. Nothing is saved on error.
    FieldErrors saveSettings(const Principal& admin, const std::map<std::string, std::string>& values,
                             const std::string& ip);
    // The practice's clock (Europe/Rome when the setting is missing or unusable).
    scheduling::PracticeTime clock();

    // ---- FAQ (admins) ----
    std::vector<site::FaqEntry> faq();
    std::optional<site::FaqEntry> faqEntry(std::int64_t id);
    struct FaqResult {
        bool found = true;   // false: no such entry (404)
        FieldErrors errors;  // question, answer, tags
        std::int64_t id = 0;
    };
    FaqResult createFaq(const Principal& admin, const FaqInput& in, const std::string& ip);
    FaqResult updateFaq(const Principal& admin, std::int64_t id, const FaqInput& in, const std::string& ip);
    // Deleting keeps the entry kFaqRestoreDays for restoreFaq (issue 22); the assistant
    // stops using it at once.
    bool removeFaq(const Principal& admin, std::int64_t id, const std::string& ip);
    bool restoreFaq(const Principal& admin, std::int64_t id, const std::string& ip);
    // The deleted entries that can still be restored, the last deleted first (older ones
    // are removed for good here).
    std::vector<site::FaqEntry> deletedFaq();
    // An entry's versions in other languages (issue 17): the same checks as the entry;
    // found is false for no such entry or a language code that is not 2-3 lower-case letters.
    std::vector<site::FaqTranslation> faqTranslations(std::int64_t id);
    std::vector<site::FaqTranslation> allFaqTranslations();
    FaqResult saveFaqTranslation(const Principal& admin, std::int64_t id, const std::string& language,
                                 const FaqInput& in, const std::string& ip);
    bool removeFaqTranslation(const Principal& admin, std::int64_t id, const std::string& language,
                              const std::string& ip);

    // Called after every change of the FAQ or the settings (main.cpp: the assistant's FAQ
    // reloads at once in this process).
    void setOnChange(std::function<void()> onChange) { onChange_ = std::move(onChange); }

private:
    void notifyChange();
    bool mayManage(const Principal& who, std::int64_t doctorId) const;
    void audit(const std::string& event, std::int64_t userId, const std::string& ip, const std::string& detail);

    scheduling::DoctorStore& doctors_;
    site::PracticeStore& practice_;
    site::FaqStore& faq_;
    accounts::AccountsService& accounts_;
    security::AuditLog& audit_;
    std::function<void()> onChange_;
};

}  // namespace medassist::admin
