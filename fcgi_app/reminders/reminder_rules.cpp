#include "reminders/reminder_rules.hpp"

#include <algorithm>

namespace medassist::reminders {

namespace {
struct Lead {
    ReminderKind kind;
    std::int64_t seconds;
};

// The practice's reminders, the earliest (longest lead) first.
std::vector<Lead> leads(const ReminderSettings& s) {
    std::vector<Lead> out;
    if (s.firstHours > 0) out.push_back({ReminderKind::First, std::int64_t{s.firstHours} * 3600});
    if (s.firstHours > 0 && s.secondEnabled && s.secondHours > 0 && s.secondHours < s.firstHours)
        out.push_back({ReminderKind::Second, std::int64_t{s.secondHours} * 3600});
    return out;
}
}  // namespace

std::string kindName(ReminderKind kind) { return kind == ReminderKind::First ? "first" : "second"; }

std::optional<ReminderKind> kindFromName(const std::string& name) {
    if (name == "first") return ReminderKind::First;
    if (name == "second") return ReminderKind::Second;
    return std::nullopt;
}

std::int64_t ReminderSettings::lookAheadSeconds() const {
    const auto l = leads(*this);
    return l.empty() ? 0 : l.front().seconds;
}

std::optional<ReminderKind> dueReminder(const ReminderSettings& settings, const ReminderCandidate& c,
                                        std::int64_t now) {
    if (now >= c.start) return std::nullopt;
    // The latest reminder whose moment has come is the only candidate: an earlier one that
    // was missed is not worth a second mail any more.
    std::optional<Lead> latest;
    for (const auto& l : leads(settings))
        if (c.start - l.seconds <= now) latest = l;
    if (!latest) return std::nullopt;
    if (std::find(c.sent.begin(), c.sent.end(), latest->kind) != c.sent.end()) return std::nullopt;
    if (c.fixedAt > c.start - latest->seconds) return std::nullopt;  // booked or moved inside its window
    return latest->kind;
}

}  // namespace medassist::reminders
