#pragma once
// The assistant over HTTP (issue 8, "Interfaces"):
//   GET  /chat        the conversation, newest at the bottom, the message box at #chat-form
//   POST /chat        one turn from the page's form (or a quick-reply button); 303 to /chat#chat-form
//   POST /chat/new    "New conversation"
//   POST /api/chat    {"message", "conversation_id"?} -> {"conversation_id", "reply", "intent",
//                     "confidence", "suggestions": [{"label", "message"}], "state"}
// Patients and caregivers only. A turn is limited to 30 a minute per user, the page's and the
// API's together (429 with Retry-After). CSRF as everywhere: the Gate checks form tokens, and
// for a JSON request with the session cookie the X-CSRF-Token header; a Bearer client needs none.
#include "accounts/gate.hpp"
#include "assistant/chat_service.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "security/rate_limiter.hpp"

namespace medassist::assistant {

inline constexpr int kTurnsPerMinute = 30;

void addChatRoutes(http::Router& router, accounts::Gate& gate, ChatService& chat, security::RateLimiter& limiter,
                   const http::View& view);

}  // namespace medassist::assistant
