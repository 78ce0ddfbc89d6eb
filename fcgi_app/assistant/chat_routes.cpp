#include "assistant/chat_routes.hpp"

#include "http/language.hpp"

#include <optional>
#include <string>
#include <vector>

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Timestamp.h>

#include "accounts/caregiver_pages.hpp"
#include "http/errors.hpp"
#include "scheduling/page_support.hpp"
#include "security/crypto_util.hpp"

namespace medassist::assistant {

namespace {
using accounts::Access;
using accounts::Context;
using http::TemplateData;
namespace pages = scheduling::pages;
using Obj = Poco::JSON::Object::Ptr;

const std::string kChat = "/chat";
const std::string kAfterTurn = "/chat#chat-form";
const std::string kChooseWhom = "/account/acting-for?next=/chat";
constexpr const char* kNoConversation = i18n::N_("No such conversation.");

Access chatters() { return Access::only({"patient", "caregiver"}); }

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// ---- the per-user limit -------------------------------------------------------------------

// 30 turns a minute per user, whichever way they come (page or API): the counter is named
// by a keyed hash of the user id, so the table holds no id in clear. The Gate's per-address
// limits apply as well, before this.
std::optional<http::Response> overTurnLimit(accounts::Gate& gate, security::RateLimiter& limiter,
                                            const http::View& view, const http::Request& req, const Context& ctx) {
    const security::RateRule rule{"chat_turn", {{"minute", kTurnsPerMinute, gate.settings().minuteSeconds}}};
    std::string subject = "chat:user:";
    subject += std::to_string(ctx.principal->userId);
    const std::string client =
        security::hexEncode(security::hmacSha256(gate.settings().secretKey, subject)).substr(0, 32);
    const auto decision = limiter.check(rule, client, ctx.now);
    if (decision.allowed) return std::nullopt;
    http::Response r;
    if (req.wantsJson()) {
        Obj body = object();
        body->set("error", ctx.t(http::errorText(429).heading));
        body->set("code", std::string("RATE_LIMIT_EXCEEDED"));
        body->set("retry_after", decision.retryAfterSeconds);
        r = http::Response::json(429, body);
    } else {
        r = http::Response::html(429, view.errorPage(429, req.requestId(), "", std::to_string(decision.retryAfterSeconds), http::languageOf(req, view)));
    }
    r.setHeader("Retry-After", std::to_string(decision.retryAfterSeconds));
    return r;
}

// ---- the page -----------------------------------------------------------------------------

using pages::isoUtc;

TemplateData lineData(const Context& ctx, const http::PageTime& clock, const ChatLine& l) {
    TemplateData i;
    i.set("who", l.fromAssistant ? ctx.t("Assistant") : ctx.t("You"));
    i.set("from_assistant", l.fromAssistant);
    i.set("when", clock.minute(l.at));
    i.set("when_iso", isoUtc(l.at));
    i.set("text", l.text);
    return i;
}

struct PageForm {
    std::string message;  // what the visitor typed, shown again with its error
    std::string error;
};

http::Response renderChat(const http::View& view, const Context& ctx, const SubjectChoice& choice,
                          const ChatPage* page, const PageForm& form, int status, bool consentNeeded = false) {
    TemplateData d;
    d.set("consent_needed", consentNeeded);
    d.set("no_links", page == nullptr && !consentNeeded);
    d.set("csrf", ctx.csrf);
    d.set("caregiver", ctx.principal->role == "caregiver");
    d.set("acting_for", pages::optional(choice.subjectName));
    d.set("acting_change_href", kChooseWhom);
    d.set("emergency_number", view.site().emergencyNumber);
    d.set("can_chat", page != nullptr);
    d.set("max_chars", std::to_string(kMaxMessageChars));

    // The newest reply sits right above the message box (a live region, and where
    // #chat-form lands); everything before it is the conversation so far.
    TemplateData history = pages::list();
    bool anyHistory = false;
    TemplateData latest(false);
    const http::PageTime clock = view.clock(ctx.lang);
    if (page) {
        std::size_t n = page->lines.size();
        if (n > 0 && page->lines.back().fromAssistant) {
            latest = lineData(ctx, clock, page->lines.back());
            --n;
        }
        for (std::size_t i = 0; i < n; ++i) {
            history.push_back(lineData(ctx, clock, page->lines[i]));
            anyHistory = true;
        }
    }
    d.set("history", history);
    d.set("any_history", anyHistory);
    d.set("latest", latest);

    TemplateData suggestions = pages::list();
    bool anySuggestions = false;
    if (page && form.error.empty()) {
        for (const auto& s : page->suggestions) {
            TemplateData i;
            i.set("label", s.label);
            i.set("message", s.message);
            suggestions.push_back(i);
            anySuggestions = true;
        }
    }
    d.set("suggestions", suggestions);
    d.set("any_suggestions", anySuggestions);

    d.set("message", form.message);
    pages::Problems problems({"message"}, {"message"});
    if (!form.error.empty()) problems.add("message", form.error);
    problems.into(d, ctx);
    return pages::render(view, status, "assistant/chat", i18n::N_("Assistant"), d, kChat, ctx.visitor(), problems.any());
}

// ---- the API ------------------------------------------------------------------------------

struct ApiTurn {
    std::string message;
    std::optional<std::string> conversationId;
};

// {"message": "...", "conversation_id": "..."}: every problem at once, as the other APIs do.
ApiTurn readApiTurn(const http::Request& req) {
    auto body = req.json();
    std::vector<http::FieldError> errors;
    ApiTurn out;
    for (const auto& name : body->getNames())
        if (name != "message" && name != "conversation_id") errors.push_back({name, "This field is not expected."});
    if (!body->has("message") || body->isNull("message")) {
        errors.push_back({"message", "This field is required."});
    } else if (!body->get("message").isString()) {
        errors.push_back({"message", "This field must be a string."});
    } else {
        out.message = trimMessage(body->getValue<std::string>("message"));
        if (auto problem = messageProblem(out.message)) errors.push_back({"message", *problem});
    }
    if (body->has("conversation_id") && !body->isNull("conversation_id")) {
        auto v = body->get("conversation_id");
        if (!v.isString() || !isConversationId(v.extract<std::string>()))
            errors.push_back({"conversation_id", "This is not a conversation id (32 lower-case hex characters)."});
        else
            out.conversationId = v.extract<std::string>();
    }
    if (!errors.empty()) throw http::ValidationError(std::move(errors));
    return out;
}

http::Response turnJson(const ChatTurn& t) {
    Obj o = object();
    o->set("conversation_id", t.conversationId ? Poco::Dynamic::Var(*t.conversationId) : Poco::Dynamic::Var());
    o->set("reply", t.reply);
    o->set("intent", t.intent);
    o->set("confidence", t.confidence);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& s : t.suggestions) {
        Obj i = object();
        i->set("label", s.label);
        i->set("message", s.message);
        list->add(i);
    }
    o->set("suggestions", list);
    o->set("state", t.state);
    return http::Response::json(200, o);
}

http::Response consentRequired(const http::Request& req, const Context& ctx) {
    constexpr const char* kMessage = i18n::N_(
        "The patient has not agreed to the practice storing medical information, so the assistant cannot keep a "
        "conversation. Agreeing is possible on the Consent page (/account/consent).");
    if (req.wantsJson()) {
        Obj body = object();
        body->set("error", ctx.t(http::errorText(403).heading));
        body->set("code", std::string("CONSENT_REQUIRED"));
        body->set("message", ctx.t(kMessage));
        return http::Response::json(403, body);
    }
    throw http::HttpError(403, kMessage);
}
}  // namespace

void addChatRoutes(http::Router& router, accounts::Gate& gate, ChatService& chat, security::RateLimiter& limiter,
                   const http::View& view) {
    gate.add(router, "GET", kChat, chatters(), [&](http::Request& req, Context& ctx) {
        const auto choice = chat.subjectFor(*ctx.principal, accounts::actingChoice(req));
        if (choice.kind == SubjectChoice::Kind::Ambiguous) return http::Response::redirect(kChooseWhom);
        if (choice.kind == SubjectChoice::Kind::NoLinks) return renderChat(view, ctx, choice, nullptr, {}, 200);
        // Without consent nothing is stored, so there is no conversation to offer: the page
        // says why and where to agree (issue 5).
        if (!chat.mayStore(*choice.subject)) return renderChat(view, ctx, choice, nullptr, {}, 200, true);
        const auto page = chat.page(*ctx.principal, *choice.subject, ctx.lang);
        return renderChat(view, ctx, choice, &page, {}, 200);
    });

    gate.add(router, "POST", kChat, chatters(), [&](http::Request& req, Context& ctx) {
        if (auto limited = overTurnLimit(gate, limiter, view, req, ctx)) return *limited;
        const auto choice = chat.subjectFor(*ctx.principal, accounts::actingChoice(req));
        if (choice.kind == SubjectChoice::Kind::Ambiguous) return http::Response::redirect(kChooseWhom);
        if (choice.kind == SubjectChoice::Kind::NoLinks) return renderChat(view, ctx, choice, nullptr, {}, 422);
        // Without consent: nothing is stored; the page says why and where to agree (issue 5).
        if (!chat.mayStore(*choice.subject)) return renderChat(view, ctx, choice, nullptr, {}, 403, true);
        PageForm form;
        form.message = req.form().getOr("message", "");
        const std::string message = trimMessage(form.message);
        if (auto problem = messageProblem(message)) {
            // Nothing is stored: the page again, with what was typed and why it was not sent.
            form.error = *problem;
            const auto page = chat.page(*ctx.principal, *choice.subject, ctx.lang);
            return renderChat(view, ctx, choice, &page, form, 422);
        }
        TurnInput in;
        in.message = message;
        in.actingChoice = choice.subject->patientId;
        in.ip = ctx.ip;
        in.lang = ctx.lang;  // a new conversation starts in the page's language
        const auto outcome = chat.turn(*ctx.principal, in);
        if (outcome.kind == TurnOutcome::Kind::ConsentRequired) return consentRequired(req, ctx);
        if (outcome.kind == TurnOutcome::Kind::NotFound) throw http::HttpError(404, kNoConversation);
        return http::Response::redirect(kAfterTurn);
    });

    gate.add(router, "POST", "/chat/new", chatters(), [&](http::Request& req, Context& ctx) {
        const auto choice = chat.subjectFor(*ctx.principal, accounts::actingChoice(req));
        if (choice.kind == SubjectChoice::Kind::Ambiguous) return http::Response::redirect(kChooseWhom);
        if (choice.kind == SubjectChoice::Kind::Chosen) chat.startOver(*ctx.principal, *choice.subject);
        return http::Response::redirect(kAfterTurn);
    });

    gate.add(router, "POST", "/api/chat", chatters(), [&](http::Request& req, Context& ctx) {
        if (auto limited = overTurnLimit(gate, limiter, view, req, ctx)) return *limited;
        const auto body = readApiTurn(req);
        TurnInput in;
        in.message = body.message;
        in.conversationId = body.conversationId;
        // A browser's choice at /account/acting-for counts for its API calls too; a Bearer
        // client has no such cookie and chooses in the chat.
        if (!ctx.bearer) in.actingChoice = accounts::actingChoice(req);
        in.ip = ctx.ip;
        in.lang = ctx.lang;  // a new conversation starts in the page's language
        const auto outcome = chat.turn(*ctx.principal, in);
        switch (outcome.kind) {
            case TurnOutcome::Kind::Ok: break;
            case TurnOutcome::Kind::NotFound: throw http::HttpError(404, kNoConversation);
            case TurnOutcome::Kind::ConsentRequired: return consentRequired(req, ctx);
        }
        return turnJson(outcome.turn);
    });
}

}  // namespace medassist::assistant
