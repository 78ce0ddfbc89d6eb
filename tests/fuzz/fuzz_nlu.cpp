// The assistant's language pipeline on any text a patient could send: normalization, the
// intent model (the one the build trains) and entity extraction (dates, doctors, specialties,
// picks). Besides crashes, leaks and undefined behaviour, a finding is: an intent the model
// does not have, a confidence outside 0..1, a normalization that changes on a second pass (the
// model would see different text at training and at run time), or a doctor mention, a
// specialty span or a date span outside the text.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "assistant/engine/entity_extractor.hpp"
#include "assistant/engine/intent_classifier.hpp"
#include "assistant/engine/text_normalize.hpp"
#include "http/encoding.hpp"

using namespace medassist::assistant::engine;

namespace {
struct Pipeline {
    IntentClassifier classifier{defaultModelPath()};
    DoctorMatcher doctors{{{1, "Dr. Giulia Rossi", "general-practice"},
                           {2, "Dr. Marco Esposito", "cardiology"},
                           {3, "Dr. Anna De Luca", "pediatrics"},
                           {4, "Dr. Paolo Rossi", "dermatology"}}};
    SpecialtyMatcher specialties{{{"orthopaedics", "Orthopaedics"}}};
};

const Pipeline& pipeline() {
    static const auto p = std::make_unique<Pipeline>();
    return *p;
}

bool inside(std::size_t begin, std::size_t end, std::size_t size) { return begin <= end && end <= size; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // The app answers 400 to a body that is not UTF-8, and caps a message well below this.
    if (size > 4096 || !medassist::http::isValidUtf8(text)) return 0;
    const auto& p = pipeline();

    const std::string once = normalizeText(text);
    if (normalizeText(once) != once) __builtin_trap();

    const auto intent = p.classifier.classify(text);
    if (!(intent.confidence >= 0.0 && intent.confidence <= 1.0)) __builtin_trap();
    if (intent.intent != IntentClassifier::kOutOfScope) {
        bool known = false;
        for (const auto& name : p.classifier.intents()) known = known || name == intent.intent;
        if (!known) __builtin_trap();
    }

    const auto e = extractEntities(text, {2026, 3, 2}, 9 * 60, p.doctors, p.specialties);
    for (const auto& [first, second] : e.datetime.spans)
        if (!inside(first, second, size)) __builtin_trap();
    for (const auto& m : e.doctors) {
        if (!inside(m.begin, m.end, size) || m.doctorIds.empty() || m.edits < 0 || m.edits > 2) __builtin_trap();
        for (auto id : m.doctorIds)
            if (!p.doctors.byId(id)) __builtin_trap();
    }
    for (const auto& m : p.specialties.find(text))
        if (!inside(m.begin, m.end, size) || m.slug.empty()) __builtin_trap();
    if (e.ordinal && (*e.ordinal == 0 || *e.ordinal < -2)) __builtin_trap();
    return 0;
}
