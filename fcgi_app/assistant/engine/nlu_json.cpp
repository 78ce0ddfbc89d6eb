#include "assistant/engine/nlu_json.hpp"

#include "assistant/engine/understanding.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace medassist::assistant::engine {

namespace {

using Obj = Poco::JSON::Object::Ptr;

std::string twoDigits(int n) {
    std::string out;
    out += static_cast<char>('0' + n / 10 % 10);
    out += static_cast<char>('0' + n % 10);
    return out;
}

std::string clock(int minute) { return twoDigits(minute / 60) + ":" + twoDigits(minute % 60); }

const char* dayPartName(DayPart p) {
    switch (p) {
        case DayPart::Morning: return "morning";
        case DayPart::Afternoon: return "afternoon";
        case DayPart::Evening: return "evening";
        case DayPart::Any: break;
    }
    return "";
}

// Valid UTF-8 as is; each byte of an invalid sequence becomes U+FFFD.
std::string validUtf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                                                                     : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok && len >= 3) {
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
                (c == 0xF4 && c1 >= 0x90))
                ok = false;  // overlong, surrogate or beyond U+10FFFF
        }
        if (!ok) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        out.append(s, i, len);
        i += len;
    }
    return out;
}

Obj entity(const std::string& type) {
    Obj o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("type", type);
    return o;
}

}  // namespace

std::string nluJson(const std::string& text, const IntentResult& intent, const Entities& entities,
                    const MessageSignals* signals, const std::string& triageLabel, const std::string& guardLabel) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    auto add = [&](const std::string& type, const auto& value) {
        Obj o = entity(type);
        o->set("value", value);
        list->add(o);
    };
    const auto& dt = entities.datetime;
    if (dt.date) add("date", scheduling::formatDate(*dt.date));
    if (dt.range) {
        std::string range = scheduling::formatDate(dt.range->from);
        range += '/';
        range += scheduling::formatDate(dt.range->to);
        add("date_range", range);
    }
    if (dt.weekday) add("weekday", *dt.weekday);
    if (dt.referenceWeekday) add("reference_weekday", *dt.referenceWeekday);
    if (dt.time.exact) add("time", clock(*dt.time.exact));
    if (dt.time.after) add("time_after", clock(*dt.time.after));
    if (dt.time.before) add("time_before", clock(*dt.time.before));
    if (dt.time.part != DayPart::Any) add("day_part", std::string(dayPartName(dt.time.part)));
    std::vector<std::int64_t> seen;
    for (const auto& m : entities.doctors) {
        for (std::int64_t id : m.doctorIds) {
            if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
            seen.push_back(id);
            Obj o = entity("doctor");
            o->set("value", std::to_string(id));
            if (m.ambiguous()) o->set("ambiguous", true);
            list->add(o);
        }
    }
    if (entities.specialty) add("specialty", *entities.specialty);
    if (entities.specialtyHint) add("specialty_hint", *entities.specialtyHint);
    if (entities.ordinal) add("ordinal", *entities.ordinal);

    Obj line = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    line->set("text", validUtf8(text));
    line->set("intent", intent.intent);
    line->set("confidence", std::round(intent.confidence * 10000.0) / 10000.0);
    line->set("entities", list);
    if (signals) {  // what the message is about, as the grounding read it
        Poco::JSON::Array::Ptr about = new Poco::JSON::Array;
        const std::pair<bool, const char*> flags[] = {
            {signals->dangerSign, "danger_sign"}, {signals->medicalSubject, "medical_subject"},
            {signals->provider, "provider"},      {signals->careNoun, "care"},
            {signals->foreign, "foreign"},        {signals->bookCue, "book"},
            {signals->cancelCue, "cancel"},       {signals->moveCue, "move"},
            {signals->listCue, "list"},           {signals->pronounObject, "pronoun_object"}};
        for (const auto& [on, name] : flags)
            if (on) about->add(std::string(name));
        if (!signals->unoffered.empty()) about->add("unoffered:" + signals->unoffered);
        if (!triageLabel.empty()) about->add("triage:" + triageLabel);
        if (!guardLabel.empty()) about->add("guard:" + guardLabel);
        if (signals->practiceData) about->add("practice_data");
        if (signals->practiceHow) about->add("practice_how");
        if (signals->helpAsk) about->add("help_ask");
        if (signals->listAsk) about->add("list_ask");
        if (signals->doctorAsk) about->add("doctor_ask");
        if (signals->asksPractice) about->add("asks_practice");
        if (about->size()) line->set("about", about);
    }
    std::ostringstream out;
    line->stringify(out);
    return out.str();
}

std::size_t runNlu(std::istream& in, std::ostream& out, const ClassifyFn& classify, const DoctorMatcher& doctors,
                   const SpecialtyMatcher& specialties, const LocalDate& today, int nowMinute,
                   const DateSettings& settings) {
    std::size_t lines = 0;
    std::string text;
    while (std::getline(in, text)) {
        if (!text.empty() && text.back() == '\r') text.pop_back();
        const auto entities = extractEntities(text, today, nowMinute, doctors, specialties, settings);
        // The label the turn would act on at the start of a conversation (understanding.hpp).
        const auto [t, signals] = readForUnderstanding(text);
        auto intent = groundIntent(classify(text), signals, t, entities, true, text);
        // guard(in), as the turn runs it first: a message about someone else gets the refusal.
        const auto input = checkInput(text, GuardContext{});
        if (const auto task = relativesTask(input, signals, intent, text); !task.empty() && intent.intent != "emergency")
            intent = {task, intent.intent == task ? intent.confidence : 1.0};
        else if (intent.intent != "emergency" && refuseAsOtherPerson(input, signals, intent))
            intent = {"other_person", 1.0};
        out << nluJson(text, intent, entities, &signals, t.label, input.label) << '\n';
        out.flush();
        ++lines;
    }
    return lines;
}

std::optional<std::pair<LocalDate, int>> parseLocalDateTime(const std::string& text) {
    if (text.size() < 16 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return std::nullopt;
    auto date = scheduling::parseDate(text.substr(0, 10));
    if (!date) return std::nullopt;
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (!digit(11) || !digit(12) || text[13] != ':' || !digit(14) || !digit(15)) return std::nullopt;
    const int hour = (text[11] - '0') * 10 + (text[12] - '0');
    const int minute = (text[14] - '0') * 10 + (text[15] - '0');
    if (hour > 23 || minute > 59) return std::nullopt;
    if (text.size() != 16 && !(text.size() == 19 && text[16] == ':' && digit(17) && digit(18) && text[17] <= '5'))
        return std::nullopt;
    return std::make_pair(*date, hour * 60 + minute);
}

}  // namespace medassist::assistant::engine
