// The blob is plain JSON, written and read here by hand for this one layout: Poco::JSON took
// about 35 µs a turn to build and parse it (a Dynamic::Var per value), most of the turn's
// budget. The reader is strict: anything but the layout this version writes (an unknown key,
// a wrong type, trailing bytes) is not our blob, and the conversation starts afresh.
#include "assistant/engine/dialogue_state.hpp"

#include <array>
#include <charconv>
#include <string_view>
#include <utility>
#include <vector>

namespace medassist::assistant::engine {

namespace {

constexpr int kVersion = 1;
constexpr std::size_t kMaxBlob = 16 * 1024;  // far above what a turn writes: a bigger blob is not ours
constexpr std::size_t kMaxItems = 64;        // offers, choices: a turn keeps a handful
constexpr std::int64_t kLastInstant = 4102444800;  // 2100-01-01: instants beyond are not ours

constexpr std::pair<Form, const char*> kForms[] = {
    {Form::Book, "book"}, {Form::Cancel, "cancel"}, {Form::Reschedule, "reschedule"}, {Form::StaffMessage, "staff"}};
constexpr std::pair<Step, const char*> kSteps[] = {{Step::Who, "who"},         {Step::Day, "day"},
                                                   {Step::Slot, "slot"},       {Step::Reason, "reason"},
                                                   {Step::Confirm, "confirm"}, {Step::Which, "which"},
                                                   {Step::Text, "text"}};
constexpr std::pair<DayPart, const char*> kParts[] = {
    {DayPart::Morning, "morning"}, {DayPart::Afternoon, "afternoon"}, {DayPart::Evening, "evening"}};
constexpr std::pair<Offer, const char*> kOffers[] = {{Offer::Book, "book"}, {Offer::StaffMessage, "staff"}};

template <typename E, std::size_t N>
const char* nameOf(const std::pair<E, const char*> (&table)[N], E value) {
    for (const auto& [v, name] : table)
        if (v == value) return name;
    return "";
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::pair<E, const char*> (&table)[N], std::string_view name) {
    for (const auto& [v, n] : table)
        if (name == n) return v;
    return std::nullopt;
}

// Which steps each form has: a blob with another pairing was not written by this code.
bool validStep(Form form, Step step) {
    switch (form) {
        case Form::None: return step == Step::None;
        case Form::Book:
            return step == Step::Who || step == Step::Day || step == Step::Slot || step == Step::Reason ||
                   step == Step::Confirm;
        case Form::Cancel: return step == Step::Which || step == Step::Confirm;
        case Form::Reschedule: return step == Step::Which || step == Step::Slot || step == Step::Confirm;
        case Form::StaffMessage: return step == Step::Text || step == Step::Confirm;
    }
    return false;
}

// ---- writing

class Writer {
public:
    Writer() { out_ = "{"; }

    void key(const char* k) {
        if (out_.size() > 1) out_ += ',';
        out_ += '"';
        out_ += k;
        out_ += "\":";
    }
    void number(std::int64_t v) { out_ += std::to_string(v); }
    void string(std::string_view s) {
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += '"';
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out_ += '\\';
                out_ += c;
            } else if (u < 0x20) {
                out_ += "\\u00";
                out_ += kHex[u >> 4];
                out_ += kHex[u & 15];
            } else {
                out_ += c;
            }
        }
        out_ += '"';
    }
    void triple(std::int64_t a, std::int64_t b, std::int64_t c) {
        out_ += '[';
        number(a);
        out_ += ',';
        number(b);
        out_ += ',';
        number(c);
        out_ += ']';
    }
    void raw(char c) { out_ += c; }
    std::string finish() {
        out_ += '}';
        return std::move(out_);
    }

private:
    std::string out_;
};

// ---- reading

struct Bad {};  // thrown inside the reader only, caught by decodeState

class Reader {
public:
    explicit Reader(std::string_view text) : s_(text) {}

    void expect(char c) {
        space();
        if (i_ >= s_.size() || s_[i_] != c) throw Bad{};
        ++i_;
    }
    bool peek(char c) {
        space();
        return i_ < s_.size() && s_[i_] == c;
    }
    void end() {
        space();
        if (i_ != s_.size()) throw Bad{};
    }

    std::int64_t number() {
        space();
        std::int64_t v = 0;
        const auto* first = s_.data() + i_;
        const auto [ptr, ec] = std::from_chars(first, s_.data() + s_.size(), v);
        if (ec != std::errc{} || ptr == first) throw Bad{};
        i_ += static_cast<std::size_t>(ptr - first);
        return v;
    }
    int smallNumber(int lo, int hi) {
        const auto v = number();
        if (v < lo || v > hi) throw Bad{};
        return static_cast<int>(v);
    }

    std::string string() {
        expect('"');
        std::string out;
        while (true) {
            if (i_ >= s_.size()) throw Bad{};
            const char c = s_[i_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) throw Bad{};
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= s_.size()) throw Bad{};
            const char e = s_[i_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': utf8(out, codePoint()); break;
                default: throw Bad{};
            }
        }
    }

    std::array<std::int64_t, 3> triple() {
        expect('[');
        std::array<std::int64_t, 3> v{};
        v[0] = number();
        expect(',');
        v[1] = number();
        expect(',');
        v[2] = number();
        expect(']');
        return v;
    }

    // [item, item, ...] with read(item) for each.
    template <typename F>
    void array(F&& read) {
        expect('[');
        if (peek(']')) {
            ++i_;
            return;
        }
        for (std::size_t n = 0;; ++n) {
            if (n == kMaxItems) throw Bad{};
            read();
            if (peek(',')) {
                ++i_;
                continue;
            }
            expect(']');
            return;
        }
    }

    // {"key": value, ...} with field(key) reading each value; a key twice is not ours.
    template <typename F>
    void object(F&& field) {
        expect('{');
        if (peek('}')) {
            ++i_;
            return;
        }
        std::vector<std::string> seen;
        while (true) {
            auto k = string();
            for (const auto& s : seen)
                if (s == k) throw Bad{};
            expect(':');
            field(k);
            seen.push_back(std::move(k));
            if (peek(',')) {
                ++i_;
                continue;
            }
            expect('}');
            return;
        }
    }

private:
    void space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    }
    unsigned hex4() {
        if (i_ + 4 > s_.size()) throw Bad{};
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = s_[i_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else throw Bad{};
        }
        return v;
    }
    unsigned codePoint() {
        unsigned cp = hex4();
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
            if (i_ + 2 > s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') throw Bad{};
            i_ += 2;
            const unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) throw Bad{};
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            throw Bad{};
        }
        return cp;
    }
    static void utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

LocalDate dateValue(Reader& r) {
    const auto d = scheduling::parseDate(r.string());
    if (!d) throw Bad{};
    return *d;
}

}  // namespace

void DialogueState::clearForm() {
    const Offer keptOffer = offer;
    std::string keptQuestion = std::move(offerQuestion);
    auto keptSpecialty = std::move(offerSpecialty);
    std::string keptLang = std::move(lang);
    *this = DialogueState{};
    lang = std::move(keptLang);
    offer = keptOffer;
    offerQuestion = std::move(keptQuestion);
    offerSpecialty = std::move(keptSpecialty);
}

std::string publicStateName(const DialogueState& s) {
    switch (s.form) {
        case Form::None: return "idle";
        case Form::Book:
            switch (s.step) {
                case Step::Who: return "book.specialty";
                case Step::Day: return "book.day";
                case Step::Slot: return "book.slot";
                case Step::Reason: return "book.reason";
                default: return "book.confirm";
            }
        case Form::Cancel: return s.step == Step::Which ? "cancel.which" : "cancel.confirm";
        case Form::Reschedule:
            return s.step == Step::Which ? "reschedule.which"
                   : s.step == Step::Slot ? "reschedule.slot"
                                          : "reschedule.confirm";
        case Form::StaffMessage: return s.step == Step::Text ? "staff_message.text" : "staff_message.confirm";
    }
    return "idle";
}

std::string encodeState(const DialogueState& s) {
    Writer w;
    w.key("v");
    w.number(kVersion);
    if (s.form != Form::None) {
        w.key("f");
        w.string(nameOf(kForms, s.form));
        w.key("s");
        w.string(nameOf(kSteps, s.step));
    }
    if (s.doctorId) {
        w.key("doc");
        w.number(*s.doctorId);
    }
    if (!s.doctorChoices.empty()) {
        w.key("docs");
        w.raw('[');
        for (std::size_t i = 0; i < s.doctorChoices.size(); ++i) {
            if (i > 0) w.raw(',');
            w.number(s.doctorChoices[i]);
        }
        w.raw(']');
    }
    if (s.specialty) {
        w.key("sp");
        w.string(*s.specialty);
    }
    if (s.from) {
        w.key("from");
        w.string(scheduling::formatDate(*s.from));
    }
    if (s.to) {
        w.key("to");
        w.string(scheduling::formatDate(*s.to));
    }
    if (s.weekday) {
        w.key("wd");
        w.number(*s.weekday);
    }
    if (s.time.exact || s.time.after || s.time.before || s.time.part != DayPart::Any) {
        w.key("t");
        w.raw('{');
        bool first = true;
        const auto field = [&](const char* k) {
            if (!first) w.raw(',');
            first = false;
            w.raw('"');
            for (const char* c = k; *c; ++c) w.raw(*c);
            w.raw('"');
            w.raw(':');
        };
        if (s.time.exact) {
            field("x");
            w.number(*s.time.exact);
        }
        if (s.time.after) {
            field("a");
            w.number(*s.time.after);
        }
        if (s.time.before) {
            field("b");
            w.number(*s.time.before);
        }
        if (s.time.part != DayPart::Any) {
            field("p");
            w.string(nameOf(kParts, s.time.part));
        }
        w.raw('}');
    }
    if (!s.offers.empty()) {
        w.key("o");
        w.raw('[');
        for (std::size_t i = 0; i < s.offers.size(); ++i) {
            if (i > 0) w.raw(',');
            w.triple(s.offers[i].doctorId, s.offers[i].start, s.offers[i].end);
        }
        w.raw(']');
    }
    if (s.chosen) {
        w.key("c");
        w.triple(s.chosen->doctorId, s.chosen->start, s.chosen->end);
    }
    if (!s.reason.empty()) {
        w.key("r");
        w.string(s.reason);
    }
    if (s.reasonAsked) {
        w.key("rg");
        w.number(1);
    }
    if (s.appointment) {
        w.key("ap");
        w.triple(s.appointment->id, s.appointment->doctorId, s.appointment->start);
    }
    if (!s.appointmentChoices.empty()) {
        w.key("aps");
        w.raw('[');
        for (std::size_t i = 0; i < s.appointmentChoices.size(); ++i) {
            if (i > 0) w.raw(',');
            const auto& h = s.appointmentChoices[i];
            w.triple(h.id, h.doctorId, h.start);
        }
        w.raw(']');
    }
    if (s.cancelAll) {
        w.key("all");
        w.number(1);
    }
    if (!s.staffText.empty()) {
        w.key("m");
        w.string(s.staffText);
    }
    if (s.offer != Offer::None) {
        w.key("po");
        w.string(nameOf(kOffers, s.offer));
    }
    if (!s.offerQuestion.empty()) {
        w.key("pq");
        w.string(s.offerQuestion);
    }
    if (s.suggested) {
        w.key("sg");
        w.string(*s.suggested);
    }
    if (s.offerSpecialty) {
        w.key("ps");
        w.string(*s.offerSpecialty);
    }
    if (!s.lang.empty()) {
        w.key("l");
        w.string(s.lang);
    }
    return w.finish();
}

std::optional<DialogueState> decodeState(const std::string& blob) {
    if (blob.empty() || blob.size() > kMaxBlob) return std::nullopt;
    constexpr int kMinute = 24 * 60;
    try {
        Reader r(blob);
        DialogueState s;
        bool version = false, hasForm = false, hasStep = false;
        r.object([&](const std::string& k) {
            if (k == "v") {
                version = r.number() == kVersion;
            } else if (k == "f") {
                const auto form = valueOf(kForms, r.string());
                if (!form) throw Bad{};
                s.form = *form;
                hasForm = true;
            } else if (k == "s") {
                const auto step = valueOf(kSteps, r.string());
                if (!step) throw Bad{};
                s.step = *step;
                hasStep = true;
            } else if (k == "doc") {
                s.doctorId = r.number();
            } else if (k == "docs") {
                r.array([&] { s.doctorChoices.push_back(r.number()); });
            } else if (k == "sp") {
                s.specialty = r.string();
            } else if (k == "from") {
                s.from = dateValue(r);
            } else if (k == "to") {
                s.to = dateValue(r);
            } else if (k == "wd") {
                s.weekday = r.smallNumber(1, 7);
            } else if (k == "t") {
                r.object([&](const std::string& t) {
                    if (t == "x") s.time.exact = r.smallNumber(0, kMinute);
                    else if (t == "a") s.time.after = r.smallNumber(0, kMinute);
                    else if (t == "b") s.time.before = r.smallNumber(0, kMinute);
                    else if (t == "p") {
                        const auto part = valueOf(kParts, r.string());
                        if (!part) throw Bad{};
                        s.time.part = *part;
                    } else {
                        throw Bad{};
                    }
                });
            } else if (k == "o") {
                r.array([&] {
                    const auto [d, st, e] = r.triple();
                    s.offers.push_back({d, st, e});
                });
            } else if (k == "c") {
                const auto [d, st, e] = r.triple();
                s.chosen = HeldSlot{d, st, e};
            } else if (k == "r") {
                s.reason = r.string();
            } else if (k == "rg") {
                s.reasonAsked = r.number() == 1;
            } else if (k == "ap") {
                const auto [id, d, st] = r.triple();
                s.appointment = HeldAppointment{id, d, st};
            } else if (k == "aps") {
                r.array([&] {
                    const auto [id, d, st] = r.triple();
                    s.appointmentChoices.push_back({id, d, st});
                });
            } else if (k == "all") {
                s.cancelAll = r.number() == 1;
            } else if (k == "m") {
                s.staffText = r.string();
            } else if (k == "po") {
                const auto offer = valueOf(kOffers, r.string());
                if (!offer) throw Bad{};
                s.offer = *offer;
            } else if (k == "pq") {
                s.offerQuestion = r.string();
            } else if (k == "sg") {
                s.suggested = r.string();
            } else if (k == "ps") {
                s.offerSpecialty = r.string();
            } else if (k == "l") {
                s.lang = r.string();
                if (s.lang.size() < 2 || s.lang.size() > 3 ||
                    s.lang.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
                    throw Bad{};
            } else {
                throw Bad{};
            }
        });
        r.end();
        if (!version || hasForm != hasStep || !validStep(s.form, s.step)) return std::nullopt;
        // What each step reads must be there (a blob cut or edited by hand is not ours).
        const bool needsChosen = (s.form == Form::Book && (s.step == Step::Reason || s.step == Step::Confirm)) ||
                                 (s.form == Form::Reschedule && s.step == Step::Confirm);
        // Cancelling all of them holds the list (aps), not one appointment (ap).
        if (s.cancelAll && !(s.form == Form::Cancel && s.step == Step::Confirm && s.appointmentChoices.size() > 1))
            return std::nullopt;
        const bool needsAppointment = (s.form == Form::Cancel && s.step == Step::Confirm && !s.cancelAll) ||
                                      (s.form == Form::Reschedule && s.step != Step::Which);
        const bool needsChoices = s.step == Step::Which;
        const auto instant = [](std::int64_t t) { return t > 0 && t < kLastInstant; };
        for (const auto& o : s.offers)
            if (!instant(o.start) || !instant(o.end)) return std::nullopt;
        if (s.chosen && (!instant(s.chosen->start) || !instant(s.chosen->end))) return std::nullopt;
        if (s.appointment && !instant(s.appointment->start)) return std::nullopt;
        for (const auto& a : s.appointmentChoices)
            if (!instant(a.start)) return std::nullopt;
        if ((needsChosen && !s.chosen) || (needsAppointment && !s.appointment) ||
            (needsChoices && s.appointmentChoices.empty()))
            return std::nullopt;
        return s;
    } catch (const Bad&) {
        return std::nullopt;
    }
}

}  // namespace medassist::assistant::engine
