// What a message is about (guards.hpp, readSignals(); issue 15): read with the same folded,
// typo-tolerant words as triage, from the rule kinds from Danger on (the frame rows in
// frame_rules.inc). The understanding grounds the model's labels in these.
#include "assistant/engine/guards/detail.hpp"

namespace medassist::assistant::engine::guards::detail {

// What a message is about, from its words: one pass over the rules of the kinds from Danger on.
MessageSignals signalsOf(const std::vector<Word>& words) {
    std::uint64_t found = 0;  // bit k: a rule of Kind k matched
    auto bit = [](Kind k) { return std::uint64_t{1} << static_cast<unsigned>(k); };
    MessageSignals s;
    forEachMatchWhere(
        words, [&](Kind k) { return k >= Kind::Danger && !(found & bit(k)); },
        [&](const Match& match) {
            const auto& rule = rules().rules[match.rule];
            found |= bit(rule.kind);
            if (rule.kind == Kind::Unoffered) s.unoffered = std::string(rule.label);
            return true;
        });
    const auto has = [&](Kind k) { return (found & bit(k)) != 0; };
    s.dangerSign = has(Kind::Danger);
    s.medicalSubject = has(Kind::Subject);
    s.provider = has(Kind::Provider);
    s.foreign = has(Kind::Foreign);
    s.careNoun = has(Kind::Care) || (!s.foreign && has(Kind::CareWeak));
    s.careMedical = has(Kind::CareMedical);
    s.noPatient = has(Kind::NoPatient);
    if (has(Kind::ForeignPatient) || s.noPatient) {  // "the cat is due her jabs", "a check-up for my boiler"
        s.foreignPatient = true;
        s.careNoun = s.careMedical = false;
        s.foreign = true;
    }
    s.bookCue = has(Kind::BookCue);
    s.cancelCue = has(Kind::CancelCue);
    s.moveCue = has(Kind::MoveCue);
    s.listCue = has(Kind::ListCue);
    s.pronounObject = has(Kind::PronounObject);
    s.restartCue = has(Kind::RestartCue);
    s.helpCue = has(Kind::HelpCue);
    s.handoffCue = has(Kind::HandoffCue);
    s.faqCue = has(Kind::FaqCue);
    s.practiceData = has(Kind::PracticeData);
    s.asksPractice = has(Kind::AsksPractice);
    s.availability = has(Kind::Availability);
    s.practiceHow = has(Kind::PracticeHow);
    s.helpAsk = has(Kind::HelpAsk);
    s.listAsk = has(Kind::ListAsk);
    s.doctorAsk = has(Kind::DoctorAsk);
    s.changeCue = has(Kind::ChangeCue);
    s.personCue = has(Kind::PersonCue) || s.practiceData;
    for (const auto& w : words)
        if (w.baseFlags & kChild) s.child = true;
    s.question = !words.empty() && isWhQuestion(words, 0);
    return s;
}

}  // namespace medassist::assistant::engine::guards::detail
