// The guards' public face (guards.hpp). Each entry point reads the message once (fold() and
// the one word reader, guards/words.cpp) and runs the rules, which live in guards/ by kind:
// guards/detail.hpp has the map.
#include "assistant/engine/guards.hpp"

#include <algorithm>

#include "assistant/engine/guards/detail.hpp"

namespace medassist::assistant::engine {

namespace detail = guards::detail;

Triage triage(const std::string& message) {
    const auto m = detail::readMessage(message);
    return detail::triageWords(m.words);
}

std::vector<std::string> publishedContacts(const std::string& published) {
    std::vector<std::string> out;
    const text::Folded f = text::fold(published);
    for (const auto& e : detail::findEmails(f.text)) out.push_back(f.text.substr(e.begin, e.end - e.begin));
    for (const auto& r : detail::findNumberRuns(f.text))
        if (detail::isPhone(r)) out.push_back(r.digits);
    return out;
}

MessageSignals readSignals(const std::string& message) { return detail::signalsOf(detail::readMessage(message).words); }

MessageReading readForUnderstanding(const std::string& message) {
    const auto m = detail::readMessage(message);
    return {detail::triageWords(m.words), detail::signalsOf(m.words)};
}

std::string emergencyReply(const std::string& emergencyNumber, const ReplyLanguage& lang) {
    const std::string number = emergencyNumber.empty() ? std::string("112") : emergencyNumber;
    return lang.tf("Call {1} now (or go to the nearest emergency department). What you describe may be a medical "
                   "emergency: please get help right away, and do not wait for an appointment. I have not booked "
                   "anything. If you are thinking about harming yourself, call {1} too, or ask someone near you to "
                   "stay with you.",
                   {number});
}

std::string medicalAdviceReply(const ReplyLanguage& lang) {
    return lang.t("I can't give medical advice: I can't diagnose, recommend treatments or medicines, or tell you "
                  "doses. A doctor can. Would you like me to book an appointment with a doctor? If it feels urgent or "
                  "serious, call the emergency number or go to the nearest emergency department.");
}

namespace {

// The input check's order: an injection, then someone's identifiers, then someone else.
InputCheck checkWords(detail::Message& m, const GuardContext& ctx) {
    if (auto check = detail::injectionIn(m)) return *check;
    if (auto check = detail::identifierIn(m, ctx)) return *check;
    return detail::otherPersonIn(m, ctx);
}

}  // namespace

InputCheck checkInput(const std::string& message, const GuardContext& ctx) {
    auto m = detail::readMessage(message);
    if (m.words.empty()) return {};
    auto check = checkWords(m, ctx);
    // An emergency is never refused, whoever it is about: the emergency number comes first.
    if (check.kind != InputKind::Ok && detail::triageWords(m.words).kind == TriageKind::Emergency) return {};
    return check;
}

// One pass can uncover what it did not see at first: "born 1+2/03/$1980" loses "2/03" as a
// date near "born", which leaves "born ... $1980", a year of birth. So passes repeat until
// nothing more goes (each pass only removes; adjacent number runs can need several).
OutputCheck guardOutput(const std::string& reply, const GuardContext& ctx) {
    OutputCheck out = detail::guardOutputOnce(reply, ctx);
    for (int pass = 0; pass < 32 && !out.removed.empty(); ++pass) {
        OutputCheck again = detail::guardOutputOnce(out.text, ctx);
        if (again.text == out.text) break;
        out.text = std::move(again.text);
        for (const auto& kind : again.removed)
            if (std::find(out.removed.begin(), out.removed.end(), kind) == out.removed.end()) out.removed.push_back(kind);
    }
    // The kinds in their documented order: email, phone, date_of_birth, name.
    static const char* kOrder[] = {"email", "phone", "date_of_birth", "name"};
    std::vector<std::string> ordered;
    for (const char* k : kOrder)
        if (std::find(out.removed.begin(), out.removed.end(), k) != out.removed.end()) ordered.push_back(k);
    out.removed = std::move(ordered);
    return out;
}

}  // namespace medassist::assistant::engine
