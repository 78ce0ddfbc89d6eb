// One turn: guard(in) -> triage -> NLU -> dialogue (dialogue.hpp) -> guard(out). The steps
// before the dialogue can end the turn on their own: a message about someone else gets the
// one fixed refusal and leaves the conversation exactly as it was; an emergency gets the
// emergency number first and drops whatever form was open, so nothing half-agreed is booked
// afterwards by a stray "yes".
#include "assistant/engine/assistant.hpp"

#include <algorithm>
#include <utility>

#include "assistant/engine/dialogue.hpp"
#include "assistant/engine/dialogue_state.hpp"
#include "assistant/engine/guards.hpp"
#include "assistant/engine/language.hpp"
#include "assistant/engine/replies.hpp"
#include "assistant/engine/understanding.hpp"

namespace medassist::assistant::engine {

namespace {

// Longer than the chat API lets through (1,000 characters): what is beyond is not read.
constexpr std::size_t kMaxMessageBytes = 4000;
// The model's other_person is trusted above this, or when the message names nothing of the
// patient's own business ("actually with Dr Bianchi" can look like it to the model).
constexpr double kModelOtherPersonFloor = 0.5;

GuardContext guardContext(const PatientScope& scope, const std::vector<ScopeDoctor>& doctors,
                          const AssistantSettings& settings, const Clock& clock, const FaqKnowledge& faq) {
    GuardContext ctx;
    ctx.currentYear = clock.today.year;
    ctx.allowedNames.push_back(scope.subjectFirstName());
    std::vector<std::string> publicNames;
    if (!settings.practiceName.empty()) publicNames.push_back(settings.practiceName);
    for (const auto& d : doctors) publicNames.push_back(d.name);
    for (const auto& name : publicNames) {
        const ScopeDoctor d{0, name, "", "", ""};
        ctx.allowedNames.push_back(d.name);
        std::size_t start = 0;  // and each part: "Rossi", "Giulia"
        while (start < d.name.size()) {
            auto end = d.name.find(' ', start);
            if (end == std::string::npos) end = d.name.size();
            if (end > start) ctx.allowedNames.push_back(d.name.substr(start, end - start));
            start = end + 1;
        }
    }
    for (const auto* c : {&settings.practicePhone, &settings.practiceEmail, &settings.emergencyNumber})
        if (!c->empty()) ctx.allowedContacts.push_back(*c);
    // What the practice publishes in its FAQ (the out-of-hours service's 116117) is never removed.
    for (const auto& c : faq.publishedContacts()) ctx.allowedContacts.push_back(c);
    return ctx;
}

// A language the replies can be written in: English, or one the catalogs hold.
std::string usable(const AssistantSettings& settings, const std::string& lang) {
    if (lang != "en" && settings.catalogs && settings.catalogs->supports(lang)) return lang;
    return "en";
}

void guardReply(TurnResult& r, const GuardContext& ctx) {
    auto checked = guardOutput(r.reply, ctx);
    r.reply = std::move(checked.text);
    for (auto& kind : checked.removed) r.events.push_back({"output_redacted", std::move(kind)});
}

}  // namespace

Assistant::Assistant(const IntentClassifier& classifier, const FaqKnowledge& faq, AssistantSettings settings)
    : classifier_(classifier), faq_(faq), settings_(std::move(settings)), zone_(settings_.timeZone) {}

std::shared_ptr<const DoctorMatcher> Assistant::doctorMatcher(const std::vector<ScopeDoctor>& doctors) const {
    const auto same = [&] {
        if (matcherDoctors_.size() != doctors.size()) return false;
        for (std::size_t i = 0; i < doctors.size(); ++i) {
            const auto& a = matcherDoctors_[i];
            const auto& b = doctors[i];
            if (a.id != b.id || a.displayName != b.name || a.specialtySlug != b.specialtySlug) return false;
        }
        return true;
    };
    {
        std::lock_guard lock(matcherMutex_);
        if (matcher_ && same()) return matcher_;
    }
    std::vector<DoctorName> names;
    names.reserve(doctors.size());
    for (const auto& d : doctors) names.push_back({d.id, d.name, d.specialtySlug});
    auto built = std::make_shared<const DoctorMatcher>(names);
    std::lock_guard lock(matcherMutex_);
    matcherDoctors_ = std::move(names);
    matcher_ = built;
    return built;
}

TurnResult Assistant::welcome(PatientScope& scope, const std::string& pageLang) const {
    const auto doctors = scope.doctors();
    const ReplyLanguage lang{settings_.catalogs, usable(settings_, pageLang)};
    TurnResult r;
    r.intent = "greet";
    r.confidence = 1.0;
    r.state = "idle";
    r.lang = lang.lang;
    DialogueState state;
    state.lang = lang.lang;
    r.stateBlob = encodeState(state);
    const std::string name = scope.subjectFirstName();
    if (scope.actingAsCaregiver()) {
        r.reply = lang.tf("Hello! I'm the practice's assistant, here to help with {1}'s appointments. I can book, "
                          "cancel or move them, tell you about our doctors and answer questions about the practice.",
                          {name});
    } else {
        r.reply = lang.tf("Hello {1}! I'm the practice's assistant. I can book, cancel or move your appointments, "
                          "tell you about our doctors and answer questions about the practice.",
                          {name});
    }
    r.reply += ' ';
    r.reply += lang.tf("I can't give medical advice. In an emergency, call {1}.", {settings_.emergencyNumber});
    r.reply += "\n\n";
    r.reply += lang.t("How can I help?");
    r.suggestions = menuSuggestions(lang);
    guardReply(r, guardContext(scope, doctors, settings_, scope.clock(), faq_));
    return r;
}

TurnResult Assistant::turn(PatientScope& scope, const std::string& stateBlob, const std::string& message,
                           const std::string& pageLang) const {
    const auto decoded = decodeState(stateBlob);
    DialogueState state = decoded.value_or(DialogueState{});
    const std::string typed = cleanText(message, kMaxMessageBytes);
    // The turn's language: the message's, else the conversation's, else the page's.
    const std::string before = state.lang;
    const std::string current = usable(settings_, state.lang.empty() ? pageLang : state.lang);
    const ReplyLanguage lang{settings_.catalogs, usable(settings_, identifyLanguage(typed, current))};
    state.lang = lang.lang;
    // A button the reply offered sends its message in the reply's language: understood as
    // the English command it stands for (the understanding is English).
    const std::string text = buttonCommand(typed, lang);
    const auto doctors = scope.doctors();
    const Clock clock = scope.clock();
    const GuardContext ctx = guardContext(scope, doctors, settings_, clock, faq_);
    TurnResult r;
    r.lang = lang.lang;

    const auto refuse = [&](const char* kind, const std::string& detail) {
        r.reply = lang.t(kOtherPersonRefusal);
        r.intent = "other_person";
        r.confidence = 1.0;
        r.events.push_back({kind, detail});
        r.state = publicStateName(state);
        // The conversation as it was (in the language this turn was in).
        r.stateBlob = decoded && before == state.lang ? stateBlob : encodeState(state);
        return r;
    };
    const auto emergency = [&](const std::string& label) {
        state = DialogueState{};  // a pending booking must not survive into the next "yes"
        state.lang = lang.lang;
        r.reply = emergencyReply(settings_.emergencyNumber, lang);
        r.intent = "emergency";
        r.confidence = 1.0;
        r.events.push_back({"emergency", label});
        r.state = publicStateName(state);
        r.stateBlob = encodeState(state);
        guardReply(r, ctx);
        return r;
    };

    // guard(in): anything about anyone else stops here.
    const auto input = checkInput(text, ctx);
    if (input.kind == InputKind::PromptInjection) return refuse("prompt_injection", input.label);
    // A bare name, email or phone number waits for what the message is about (understanding.hpp).
    const bool bareMention = isBareMention(input);
    if (input.kind == InputKind::OtherPerson && !bareMention) return refuse("refused_other_person", input.label);

    // triage: by rules, before the model.
    Understanding u;
    const auto reading = readForUnderstanding(text);  // triage and signals from one reading of the words
    u.triage = reading.triage;
    if (u.triage.kind == TriageKind::Emergency) return emergency(u.triage.label);

    // NLU
    const auto matcher = doctorMatcher(doctors);
    const DoctorMatcher& doctorMatcher = *matcher;
    // A specialty the practice added later is understood by its own name.
    std::vector<SpecialtyName> extra;
    for (const auto& d : doctors) {
        const auto& known = SpecialtyMatcher::slugs();
        if (std::find(known.begin(), known.end(), d.specialtySlug) == known.end() &&
            std::none_of(extra.begin(), extra.end(), [&](const auto& x) { return x.slug == d.specialtySlug; }))
            extra.push_back({d.specialtySlug, d.specialtyName});
    }
    std::optional<SpecialtyMatcher> ownMatcher;
    if (!extra.empty()) ownMatcher.emplace(extra);
    const SpecialtyMatcher& specialtyMatcher = ownMatcher ? *ownMatcher : specialties_;

    u.message = text;
    u.words = plainWords(text);
    u.entities = extractEntities(text, clock.today, clock.minuteOfDay, doctorMatcher, specialtyMatcher,
                                 settings_.dates);
    u.signals = reading.signals;
    // The model's label grounded in what the message says (understanding.hpp): the model
    // alone never raises the alarm, refuses as medical advice or starts a task.
    const auto model = classifier_.classify(text);
    u.intent = groundIntent(model, u.signals, u.triage, u.entities, state.idle(), text);
    // A practice question the FAQ answers is one, whatever words it uses ("how do I get to you
    // from Termini?", which the model may call out of scope).
    if (u.intent.intent == IntentClassifier::kOutOfScope && state.idle() &&
        (model.intent == "faq" || ((u.signals.faqCue || u.signals.asksPractice) && !u.signals.foreignPatient)) &&
        faq_.best(text))
        u.intent = {"faq", model.intent == "faq" ? model.confidence : 1.0};
    if (u.intent.intent == "emergency") return emergency("model");
    if (const auto task = relativesTask(input, u.signals, u.intent, text); !task.empty()) {
        // Understood as the task it is, for a relative this account cannot act for: nothing is
        // looked up or changed, and the reply says how a relative's own record is reached.
        r.reply = lang.t("In this account I can only book, cancel or move your own appointments. A relative who is "
                         "registered here can add you as their caregiver from their account page; then you can "
                         "choose them in this chat and act for them.");
        if (!settings_.practicePhone.empty())
            r.reply += ' ' + lang.tf("You can call the practice at {1}.", {settings_.practicePhone});
        r.intent = task;
        r.confidence = task == u.intent.intent ? u.intent.confidence : 1.0;
        r.events.push_back({"refused_other_person", input.label});
        r.state = publicStateName(state);
        r.stateBlob = decoded && before == state.lang ? stateBlob : encodeState(state);
        return r;
    }
    if (bareMention && refuseAsOtherPerson(input, u.signals, u.intent)) return refuse("refused_other_person", input.label);
    if (u.intent.intent == "other_person") {
        const auto& e = u.entities;
        // A caregiver names the patient they act for ("cancel Luca's appointment"); the rules
        // in checkInput() have already looked at every other name.
        const std::string subject = plainWords(scope.subjectFirstName());
        const std::string padded = cat(" ", u.words, " ");
        const bool namesSubject = !subject.empty() && (padded.find(cat(" ", subject, " ")) != std::string::npos ||
                                                       padded.find(cat(" ", subject, "s ")) != std::string::npos);
        const bool ownBusiness =
            !e.doctors.empty() || e.specialty || !e.datetime.empty() || e.ordinal || namesSubject;
        if (u.intent.confidence >= kModelOtherPersonFloor || !ownBusiness) return refuse("refused_other_person", "model");
    }

    // dialogue, actions and reply
    TurnWorld world{scope,
                    settings_,
                    zone_,
                    faq_,
                    clock,
                    doctors,
                    doctorMatcher,
                    specialtyMatcher,
                    Voice{scope.actingAsCaregiver(), scope.subjectFirstName()},
                    lang};
    Dialogue dialogue(world, state, u);
    dialogue.run();
    if (dialogue.reply.empty()) dialogue.reply = lang.t("How can I help?");

    r.reply = std::move(dialogue.reply);
    r.intent = std::move(dialogue.intent);
    r.confidence = dialogue.confidence;
    r.suggestions = std::move(dialogue.suggestions);
    r.events = std::move(dialogue.events);
    r.state = publicStateName(state);
    r.stateBlob = encodeState(state);
    guardReply(r, ctx);  // guard(out)
    return r;
}

}  // namespace medassist::assistant::engine
