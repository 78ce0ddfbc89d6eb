#include "assistant/chat_service.hpp"
#include "i18n/catalogs.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <exception>
#include <set>
#include <utility>

#include "assistant/engine/guards.hpp"
#include "assistant/scoped_patient.hpp"
#include "common/logging.hpp"
#include "security/crypto_util.hpp"
#include "security/vault.hpp"

namespace medassist::assistant {

namespace {
using Clock = std::chrono::steady_clock;


security::FieldAad stateAad(const std::string& conversationId) { return {"conversations", "state", conversationId}; }

security::FieldAad messageAad(const std::string& conversationId, int seq) {
    std::string row = conversationId;
    row += ':';
    row += std::to_string(seq);
    return {"chat_messages", "text", row};
}

std::size_t utf8Length(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The stored state: length-prefixed fields ("<bytes>:<field>"), so neither the engine's
// opaque blob nor a quick reply's text can be mistaken for the frame around it.
void putField(std::string& out, const std::string& field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
}

bool takeField(const std::string& in, std::size_t& pos, std::string& field) {
    const auto colon = in.find(':', pos);
    if (colon == std::string::npos || colon == pos || colon - pos > 9) return false;
    std::size_t n = 0;
    for (std::size_t i = pos; i < colon; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(in[i]))) return false;
        n = n * 10 + static_cast<std::size_t>(in[i] - '0');
    }
    if (n > in.size() - colon - 1) return false;
    field = in.substr(colon + 1, n);
    pos = colon + 1 + n;
    return true;
}

// Lower-case ASCII words of a message (other bytes kept), for matching a patient's name.
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string w;
    for (unsigned char c : text) {
        if (c >= 0x80 || std::isalnum(c) || c == '\'' || c == '-') {
            w += static_cast<char>(std::tolower(c));
        } else if (!w.empty()) {
            out.push_back(std::move(w));
            w.clear();
        }
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
}

std::string joined(const std::vector<std::string>& ws) {
    std::string s = " ";
    for (const auto& w : ws) {
        s += w;
        s += ' ';
    }
    return s;
}

// Which of the linked patients a message names: a full name, else a first name, else an
// ordinal ("the first one", "2"). nullopt when it names none or several.
std::optional<std::size_t> namedPatient(const std::string& message, const std::vector<accounts::CaregiverLink>& links) {
    const auto ws = words(message);
    const std::string text = joined(ws);
    auto unique = [](const std::set<std::size_t>& s) -> std::optional<std::size_t> {
        if (s.size() == 1) return *s.begin();
        return std::nullopt;
    };
    std::set<std::size_t> full, first;
    for (std::size_t i = 0; i < links.size(); ++i) {
        const auto nameWords = words(links[i].patientName);
        if (nameWords.empty()) continue;
        if (text.find(joined(nameWords)) != std::string::npos) full.insert(i);
        if (std::find(ws.begin(), ws.end(), nameWords.front()) != ws.end()) first.insert(i);
    }
    if (auto i = unique(full)) return i;
    if (!full.empty()) return std::nullopt;
    if (auto i = unique(first)) return i;
    if (!first.empty()) return std::nullopt;
    static const std::vector<std::pair<std::vector<std::string>, int>> ordinals{
        {{"first", "1", "1st"}, 0},  {{"second", "2", "2nd"}, 1}, {{"third", "3", "3rd"}, 2},
        {{"fourth", "4", "4th"}, 3}, {{"fifth", "5", "5th"}, 4},  {{"last"}, -1}};
    std::set<std::size_t> picked;
    for (const auto& [forms, index] : ordinals)
        for (const auto& f : forms)
            if (std::find(ws.begin(), ws.end(), f) != ws.end()) {
                const auto i = index < 0 ? links.size() - 1 : static_cast<std::size_t>(index);
                if (i < links.size()) picked.insert(i);
            }
    return unique(picked);
}

// How the quick replies name each linked patient: the first name, or the full name when
// two share a first name.
std::vector<std::string> choiceLabels(const std::vector<accounts::CaregiverLink>& links) {
    std::vector<std::string> firsts;
    for (const auto& l : links) firsts.push_back(firstNameOf(l.patientName));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < links.size(); ++i) {
        const bool shared = std::count(firsts.begin(), firsts.end(), firsts[i]) > 1;
        out.push_back(shared || firsts[i].empty() ? links[i].patientName : firsts[i]);
    }
    return out;
}

ChatTurn turnOf(const std::string& conversationId, const engine::TurnResult& r) {
    ChatTurn t;
    t.conversationId = conversationId;
    t.reply = r.reply;
    t.intent = r.intent;
    t.state = r.state.empty() ? std::string("idle") : r.state;
    // fastText's probabilities can pass 1 by a rounding error; the API promises 0..1.
    t.confidence = std::clamp(r.confidence, 0.0, 1.0);
    for (const auto& s : r.suggestions) t.suggestions.push_back({s.label, s.message});
    return t;
}

double millisSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
}  // namespace

std::string trimMessage(const std::string& message) {
    const auto b = message.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return message.substr(b, message.find_last_not_of(" \t\r\n") - b + 1);
}

std::optional<std::string> messageProblem(const std::string& message) {
    if (message.empty()) return std::string(i18n::N_("Type a message."));
    if (utf8Length(message) > kMaxMessageChars) return std::string(i18n::N_("Keep your message to 1000 characters or fewer."));
    for (unsigned char c : message)
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F)
            return std::string(i18n::N_("The message contains characters that are not allowed."));
    return std::nullopt;
}

bool isConversationId(const std::string& id) {
    return id.size() == 32 &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// ---- retention ------------------------------------------------------------------------

privacy::ChatPurgeCounts ChatRetention::purge() {
    privacy::ChatPurgeCounts r;
    const auto chat = conversations_.purgeOlderThan(days_);
    r.messages = chat.messages;
    r.conversations = chat.conversations;
    r.staffMessages = inbox_.purgeOlderThan(days_);
    return r;
}

// ---- the service --------------------------------------------------------------------------

ChatService::ChatService(const engine::Assistant& assistant, FaqSource& faq, ConversationStore& conversations,
                         StaffInboxService& inbox, scheduling::SchedulingService& scheduling,
                         accounts::AccountsService& accounts, accounts::CaregiverService& caregivers,
                         privacy::AccessLog& accessLog, security::AuditLog& audit)
    : assistant_(assistant),
      faq_(faq),
      conversations_(conversations),
      inbox_(inbox),
      scheduling_(scheduling),
      accounts_(accounts),
      caregivers_(caregivers),
      accessLog_(accessLog),
      audit_(audit) {}

std::vector<accounts::CaregiverLink> ChatService::linkedPatients(const accounts::Principal& who) {
    std::vector<accounts::CaregiverLink> out;
    if (who.role != "caregiver") return out;
    std::set<std::int64_t> seen;
    for (auto& l : caregivers_.patientsOf(who))
        if (seen.insert(l.patientId).second) out.push_back(std::move(l));
    return out;
}

SubjectChoice ChatService::subjectFor(const accounts::Principal& who, std::optional<std::int64_t> actingChoice) {
    SubjectChoice c;
    if (who.role == "patient") {
        c.subject = caregivers_.subjectFor(who, std::nullopt);
        c.kind = c.subject ? SubjectChoice::Kind::Chosen : SubjectChoice::Kind::NoLinks;
        return c;
    }
    if (who.role != "caregiver") return c;
    const auto links = linkedPatients(who);
    std::optional<std::int64_t> pick;
    if (actingChoice && caregivers_.subjectFor(who, actingChoice)) pick = actingChoice;
    else if (links.size() == 1) pick = links.front().patientId;
    if (pick) {
        c.subject = caregivers_.subjectFor(who, pick);
        if (c.subject) {
            c.kind = SubjectChoice::Kind::Chosen;
            for (const auto& l : links)
                if (l.patientId == *pick) c.subjectName = l.patientName;
            return c;
        }
    }
    c.kind = links.empty() ? SubjectChoice::Kind::NoLinks : SubjectChoice::Kind::Ambiguous;
    return c;
}

std::string ChatService::newConversationId() const { return security::hexEncode(security::randomBytes(16)); }

ChatService::State ChatService::readState(const ConversationRow& row, const std::string& key) const {
    State s;
    if (!row.stateCt || row.stateCt->empty()) return s;
    std::string plain;
    try {
        plain = security::Vault::decrypt(key, *row.stateCt, stateAad(row.id));
    } catch (const security::CryptoError&) {
        // Unreadable (a key rotated wrongly, a row copied): the dialogue starts afresh.
        appLogger().warning("chat: a conversation's state did not decrypt; it starts afresh");
        return s;
    }
    std::size_t pos = 0;
    std::string version, count;
    if (!takeField(plain, pos, version) || version != "1" || !takeField(plain, pos, s.name) ||
        !takeField(plain, pos, s.blob) || !takeField(plain, pos, count))
        return State{};
    const std::size_t n = count.size() == 1 && std::isdigit(static_cast<unsigned char>(count[0]))
                              ? static_cast<std::size_t>(count[0] - '0')
                              : 0;
    for (std::size_t i = 0; i < n; ++i) {
        ChatSuggestion sg;
        if (!takeField(plain, pos, sg.label) || !takeField(plain, pos, sg.message)) break;
        s.suggestions.push_back(std::move(sg));
    }
    return s;
}

std::string ChatService::sealState(const std::string& key, const std::string& conversationId,
                                   const engine::TurnResult& r) const {
    std::string plain;
    putField(plain, "1");
    putField(plain, r.state);
    putField(plain, r.stateBlob);
    const std::size_t n = std::min<std::size_t>(r.suggestions.size(), 9);
    putField(plain, std::to_string(n));
    for (std::size_t i = 0; i < n; ++i) {
        putField(plain, r.suggestions[i].label);
        putField(plain, r.suggestions[i].message);
    }
    return security::Vault::encrypt(key, plain, stateAad(conversationId));
}

void ChatService::audit(const accounts::Principal& who, const std::string& ip,
                        const std::vector<engine::TurnEvent>& events) {
    // A kind and a short label (what was refused or removed), never the text.
    for (const auto& e : events) {
        std::string event = "assistant_";
        event += e.kind;
        audit_.record(event.substr(0, 40), std::to_string(who.userId), ip, e.detail.substr(0, 60));
    }
}

ConversationRow ChatService::open(const accounts::Principal& who, const accounts::Subject& subject,
                                  const std::string& ip, const std::string& prefix, ChatTurn& welcome,
                                  const std::string& lang) {
    ConversationRow row;
    row.id = newConversationId();
    row.ownerId = who.userId;
    row.subjectId = subject.patientId;
    conversations_.create(row.id, who.userId, subject.patientId);
    const std::string key = accounts_.dataKeyFor(subject.patientId);
    ScopedPatient scope(scheduling_, accounts_, inbox_, who, subject);
    engine::TurnResult w = assistant_.welcome(scope, lang);
    w.reply = prefix + w.reply;
    const std::string state = sealState(key, row.id, w);
    conversations_.append(
        row.id, who.userId, subject.patientId,
        {NewMessage{"assistant", w.intent,
                    [&](int seq) { return security::Vault::encrypt(key, w.reply, messageAad(row.id, seq)); }}},
        state);
    row.stateCt = state;
    row.lastSeq = 1;
    // The patient sees in their access log that their caregiver chatted about them.
    if (subject.viaCaregiver) accessLog_.record(subject.patientId, who, "update", "chat");
    audit(who, ip, w.events);
    welcome = turnOf(row.id, w);
    return row;
}

ChatTurn ChatService::runTurn(const accounts::Principal& who, const accounts::Subject& subject,
                              const ConversationRow& row, const std::string& message, const std::string& ip,
                              const std::string& lang) {
    const auto t0 = Clock::now();
    // The key and the subject's name in one read: both are needed on every turn.
    auto keyAndName = accounts_.keyAndName(subject.patientId);
    if (!keyAndName) throw security::CryptoError("no data key for this user");
    const std::string& key = keyAndName->key;
    const State state = readState(row, key);
    ScopedPatient scope(scheduling_, accounts_, inbox_, who, subject);
    scope.knowSubjectName(keyAndName->name);
    const auto e0 = Clock::now();
    const engine::TurnResult r = assistant_.turn(scope, state.blob, message, lang);
    const double engineMs = millisSince(e0);
    const bool stored = conversations_.append(
        row.id, who.userId, subject.patientId,
        {NewMessage{"patient", r.intent,
                    [&](int seq) { return security::Vault::encrypt(key, message, messageAad(row.id, seq)); }},
         NewMessage{"assistant", r.intent,
                    [&](int seq) { return security::Vault::encrypt(key, r.reply, messageAad(row.id, seq)); }}},
        sealState(key, row.id, r));
    if (!stored) appLogger().warning("chat: a conversation was purged during its turn; the turn was not stored");
    audit(who, ip, r.events);
    appLogger().information("chat turn intent=%s engine_ms=%.2f total_ms=%.2f", r.intent, engineMs, millisSince(t0));
    return turnOf(row.id, r);
}

ChatTurn ChatService::askWhom(const std::string& conversationId,
                              const std::vector<accounts::CaregiverLink>& links) const {
    ChatTurn t;
    t.conversationId = conversationId;
    t.reply = "Which patient are you acting for? Choose one below or type their first name.";
    t.intent = "choose_patient";
    t.state = "choose_patient";
    t.confidence = 1.0;
    for (const auto& label : choiceLabels(links)) t.suggestions.push_back({label, label});
    return t;
}

TurnOutcome ChatService::choose(const accounts::Principal& who, const ConversationRow& row,
                                const std::string& message, const std::string& ip, const std::string& lang) {
    TurnOutcome out;
    // An emergency comes first, whoever it is about.
    const auto triage = engine::triage(message);
    if (triage.kind == engine::TriageKind::Emergency) {
        out.turn.conversationId = row.id;
        const auto* catalogs = assistant_.settings().catalogs;
        std::string replyLang = engine::identifyLanguage(message, lang);
        if (!catalogs || !catalogs->supports(replyLang)) replyLang = "en";
        out.turn.reply = engine::emergencyReply(assistant_.settings().emergencyNumber, {catalogs, replyLang});
        out.turn.intent = "emergency";
        out.turn.state = "choose_patient";
        out.turn.confidence = 1.0;
        audit(who, ip, {{"emergency", triage.label}});
        return out;
    }
    const auto links = linkedPatients(who);
    if (links.empty()) {
        out.kind = TurnOutcome::Kind::NotFound;
        return out;
    }
    const auto named = namedPatient(message, links);
    if (!named) {
        out.turn = askWhom(row.id, links);
        return out;
    }
    auto subject = caregivers_.subjectFor(who, links[*named].patientId);
    if (!subject || !conversations_.chooseSubject(row.id, who.userId, subject->patientId)) {
        out.kind = TurnOutcome::Kind::NotFound;
        return out;
    }
    if (!mayStore(*subject)) {
        out.kind = TurnOutcome::Kind::ConsentRequired;
        return out;
    }
    // The conversation is now about this patient: it opens as any other, with the welcome.
    const std::string key = accounts_.dataKeyFor(subject->patientId);
    ScopedPatient scope(scheduling_, accounts_, inbox_, who, *subject);
    engine::TurnResult w = assistant_.welcome(scope, lang);
    std::string prefix = "You are acting for ";
    prefix += firstNameOf(links[*named].patientName);
    prefix += " now. ";
    w.reply = prefix + w.reply;
    conversations_.append(
        row.id, who.userId, subject->patientId,
        {NewMessage{"assistant", w.intent,
                    [&](int seq) { return security::Vault::encrypt(key, w.reply, messageAad(row.id, seq)); }}},
        sealState(key, row.id, w));
    accessLog_.record(subject->patientId, who, "update", "chat");
    out.turn = turnOf(row.id, w);
    return out;
}

TurnOutcome ChatService::turn(const accounts::Principal& who, const TurnInput& in) {
    faq_.refreshIfChanged();
    TurnOutcome out;

    if (in.conversationId) {
        // Only a conversation of this user about a patient they may act for (or one still
        // waiting for a caregiver's choice) is found; anything else is NotFound.
        std::vector<std::int64_t> allowed;
        const bool caregiver = who.role == "caregiver";
        if (who.role == "patient") allowed.push_back(who.userId);
        for (const auto& l : linkedPatients(who)) allowed.push_back(l.patientId);
        auto row = conversations_.find(*in.conversationId, who.userId, allowed, caregiver);
        if (!row || row->closed) {
            out.kind = TurnOutcome::Kind::NotFound;
            return out;
        }
        if (!row->subjectId) return choose(who, *row, in.message, in.ip, in.lang);
        auto subject = caregivers_.subjectFor(who, row->subjectId);
        if (!subject || subject->patientId != *row->subjectId) {
            out.kind = TurnOutcome::Kind::NotFound;
            return out;
        }
        if (!mayStore(*subject)) {
            out.kind = TurnOutcome::Kind::ConsentRequired;
            return out;
        }
        out.turn = runTurn(who, *subject, *row, in.message, in.ip, in.lang);
        return out;
    }

    const auto choice = subjectFor(who, in.actingChoice);
    switch (choice.kind) {
        case SubjectChoice::Kind::NoLinks:
            out.turn.reply =
                "No one has linked you as their caregiver yet. When a patient invites you, accept the invitation "
                "under Caregivers, and I can help you with their appointments.";
            out.turn.intent = "no_patient";
            out.turn.state = "idle";
            out.turn.confidence = 1.0;
            return out;
        case SubjectChoice::Kind::Ambiguous: {
            if (auto pending = conversations_.latestOpen(who.userId, std::nullopt))
                return choose(who, *pending, in.message, in.ip, in.lang);
            ConversationRow row;
            row.id = newConversationId();
            row.ownerId = who.userId;
            conversations_.create(row.id, who.userId, std::nullopt);
            // The first message may already name the patient, or be an emergency.
            return choose(who, row, in.message, in.ip, in.lang);
        }
        case SubjectChoice::Kind::Chosen: break;
    }
    const auto& subject = *choice.subject;
    if (!mayStore(subject)) {
        out.kind = TurnOutcome::Kind::ConsentRequired;
        return out;
    }
    auto row = conversations_.latestOpen(who.userId, subject.patientId);
    if (!row) {
        ChatTurn welcome;
        row = open(who, subject, in.ip, "", welcome, in.lang);
    }
    out.turn = runTurn(who, subject, *row, in.message, in.ip, in.lang);
    return out;
}

ChatPage ChatService::page(const accounts::Principal& who, const accounts::Subject& subject, const std::string& lang) {
    faq_.refreshIfChanged();
    ChatPage p;
    auto row = conversations_.latestOpen(who.userId, subject.patientId);
    if (!row) {
        // Nothing is written for a look: the welcome is stored when the first turn opens
        // the conversation.
        ScopedPatient scope(scheduling_, accounts_, inbox_, who, subject);
        const auto w = assistant_.welcome(scope, lang);
        p.lines.push_back({true, w.reply, static_cast<std::int64_t>(std::time(nullptr))});
        for (const auto& s : w.suggestions) p.suggestions.push_back({s.label, s.message});
        return p;
    }
    p.conversationId = row->id;
    const std::string key = accounts_.dataKeyFor(subject.patientId);
    for (const auto& m : conversations_.lastMessages(row->id, who.userId, subject.patientId, kHistoryMessages)) {
        ChatLine line;
        line.fromAssistant = m.sender == "assistant";
        line.at = m.createdAt;
        try {
            line.text = security::Vault::decrypt(key, m.textCt, messageAad(row->id, m.seq));
        } catch (const security::CryptoError&) {
            line.text = "(This message can no longer be read.)";
        }
        p.lines.push_back(std::move(line));
    }
    p.suggestions = readState(*row, key).suggestions;
    return p;
}

std::vector<privacy::ExportedChatMessage> ChatService::archive(std::int64_t patientId) {
    std::vector<privacy::ExportedChatMessage> out;
    const auto rows = conversations_.messagesAbout(patientId);
    if (rows.empty()) return out;
    const std::string key = accounts_.dataKeyFor(patientId);
    for (const auto& a : rows) {
        privacy::ExportedChatMessage m;
        m.conversationId = a.conversationId;
        m.seq = a.message.seq;
        m.sender = a.message.sender;
        m.byCaregiver = a.byCaregiver && a.message.sender == "patient";
        m.at = a.message.createdAt;
        try {
            m.text = security::Vault::decrypt(key, a.message.textCt, messageAad(a.conversationId, a.message.seq));
        } catch (const security::CryptoError&) {
            m.text = "(This message can no longer be read.)";
        }
        out.push_back(std::move(m));
    }
    return out;
}

void ChatService::startOver(const accounts::Principal& who, const accounts::Subject& subject) {
    conversations_.closeOpen(who.userId, subject.patientId);
    if (subject.viaCaregiver) conversations_.closeOpen(who.userId, std::nullopt);
}

}  // namespace medassist::assistant
