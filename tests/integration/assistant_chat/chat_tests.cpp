// The assistant's chat through nginx, as a browser and an API client use it: the API's
// contract and its refusals (422, 404 for another user's conversation, 429 after 30 turns a
// minute, CSRF with a cookie), the page (POST, 303, GET, escaped text, a new conversation),
// what lands in the database (encrypted messages and state, a booking, a caregiver's access
// log entry, the staff inbox), who may chat at all, and the retention purge.
#include <chrono>
#include <ctime>
#include <string>
#include <thread>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <boost/test/unit_test.hpp>

#include "chat_support.hpp"
#include "staff_client.hpp"

using namespace medassist::testing;
using namespace medassist::testing::chat;

namespace {

// The JSON error body without its request id, which differs on every response.
std::string errorShape(const HttpResult& r) {
    auto body = parseJson(r.body);
    body->remove("request_id");
    std::ostringstream out;
    body->stringify(out);
    return out.str();
}

// The fields a 422 names, from {"error": ..., "errors": [{"field", "reason"}]}.
std::vector<std::string> invalidFields(const HttpResult& r) {
    std::vector<std::string> out;
    auto body = parseJson(r.body);
    auto errors = body->getArray("errors");
    if (!errors) return out;
    for (std::size_t i = 0; i < errors->size(); ++i)
        out.push_back(jsonString(errors->getObject(static_cast<unsigned>(i)), "field"));
    return out;
}

bool names(const std::vector<std::string>& fields, const std::string& f) {
    return std::find(fields.begin(), fields.end(), f) != fields.end();
}

long messagesAbout(std::int64_t patientId) {
    return count("SELECT COUNT(*) FROM chat_messages WHERE subject_id = ?", {str(patientId)});
}

std::string latestConversationOf(std::int64_t ownerId) {
    return scalar("SELECT id FROM conversations WHERE owner_id = ? ORDER BY created_at DESC LIMIT 1", {str(ownerId)});
}

// What a browser does with a 303: a GET of its Location, without the fragment (which never
// leaves the browser).
HttpResult follow(Browser& b, const HttpResult& redirect) {
    BOOST_TEST_REQUIRE(redirect.status == 303);
    const std::string location = redirect.header("location");
    return b.get(location.substr(0, location.find('#')));
}

std::int64_t epochMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(api)

BOOST_AUTO_TEST_CASE(a_turn_answers_the_documented_shape_and_keeps_its_conversation) {
    Person p = aPatient();
    auto r = p.api.call("POST", "/api/chat", chatBody("What are your opening hours?"));
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("content-type").rfind("application/json", 0) == 0u);
    auto o = parseJson(r.body);
    const std::vector<std::string> keys{"conversation_id", "reply", "intent", "confidence", "suggestions", "state"};
    for (const auto& k : keys) BOOST_TEST(o->has(k), "missing " << k);
    BOOST_TEST(o->size() == keys.size());
    const std::string id = jsonString(o, "conversation_id");
    BOOST_TEST(id.size() == 32u);
    BOOST_TEST(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(!jsonString(o, "reply").empty());
    BOOST_TEST(!jsonString(o, "intent").empty());
    BOOST_TEST(!jsonString(o, "state").empty());
    BOOST_TEST(o->get("confidence").isNumeric());
    const double confidence = o->getValue<double>("confidence");
    BOOST_TEST((confidence >= 0.0 && confidence <= 1.0), confidence);
    auto suggestions = o->getArray("suggestions");
    BOOST_TEST_REQUIRE(suggestions);
    for (std::size_t i = 0; i < suggestions->size(); ++i) {
        auto s = suggestions->getObject(static_cast<unsigned>(i));
        BOOST_TEST_REQUIRE(s);
        BOOST_TEST(s->get("label").isString());
        BOOST_TEST(s->get("message").isString());
    }

    // The next turn with the id continues it; without one, the same open conversation too.
    auto again = parseTurn(p.api.call("POST", "/api/chat", chatBody("thanks", id)));
    BOOST_TEST_REQUIRE(again.status == 200, again.body);
    BOOST_TEST(again.conversationId == id);
    auto without = parseTurn(p.api.call("POST", "/api/chat", chatBody("hello")));
    BOOST_TEST(without.conversationId == id);
    // Welcome, then three turns of two messages each, all about this patient.
    BOOST_TEST(messagesAbout(p.id) == 7);
    BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE owner_id = ? AND subject_id = ?",
                     {str(p.id), str(p.id)}) == 1);
}

BOOST_AUTO_TEST_CASE(an_invalid_body_is_422_naming_the_field_and_nothing_is_stored) {
    Person p = aPatient();
    auto first = p.api.call("POST", "/api/chat", chatBody("hello"));
    BOOST_TEST_REQUIRE(first.status == 200);
    const std::string id = jsonString(parseJson(first.body), "conversation_id");
    const long before = messagesAbout(p.id);

    struct Case {
        const char* what;
        std::string body;
        const char* field;
    };
    const std::vector<Case> cases{
        {"no message", R"({})", "message"},
        {"null message", R"({"message": null})", "message"},
        {"empty message", R"({"message": ""})", "message"},
        {"only spaces", R"({"message": "   \n  "})", "message"},
        {"a number", R"({"message": 42})", "message"},
        {"1001 characters", chatBody(std::string(1001, 'a')), "message"},
        {"1001 characters of two bytes each", chatBody([] {
             std::string s;
             for (int i = 0; i < 1001; ++i) s += "\xc3\xa9";
             return s;
         }()),
         "message"},
        {"a control character", chatBody(std::string("hello\x01world")), "message"},
        {"a malformed conversation id", chatBody("hello", "not-an-id"), "conversation_id"},
        {"an upper-case conversation id", chatBody("hello", "ABCDEF0123456789ABCDEF0123456789"), "conversation_id"},
        {"a numeric conversation id", R"({"message": "hello", "conversation_id": 12})", "conversation_id"},
        {"an unexpected field", R"({"message": "hello", "patient_id": 1})", "patient_id"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            auto r = p.api.call("POST", "/api/chat", c.body);
            BOOST_TEST(r.status == 422, r.body);
            if (r.status != 422) continue;
            auto o = parseJson(r.body);
            BOOST_TEST(jsonString(o, "error") == "Please check your input");
            BOOST_TEST(names(invalidFields(r), c.field), r.body);
        }
    }
    // Not JSON at all is a 400; not an object a 422.
    BOOST_TEST(p.api.call("POST", "/api/chat", "{not json").status == 400);
    BOOST_TEST(p.api.call("POST", "/api/chat", "[1, 2]").status == 422);
    BOOST_TEST(messagesAbout(p.id) == before);

    // Exactly 1000 characters is a message.
    auto full = p.api.call("POST", "/api/chat", chatBody(std::string(1000, 'b'), id));
    BOOST_TEST(full.status == 200, full.body);
    BOOST_TEST(messagesAbout(p.id) == before + 2);
}

BOOST_AUTO_TEST_CASE(another_users_conversation_is_404_like_one_that_never_existed) {
    Person a = aPatient("Anna");
    Person b = aPatient("Bruno");
    Chat chatA(a.api);
    chatA.say("hello");
    const std::string idA = chatA.conversationId;
    const long aBefore = messagesAbout(a.id);

    auto stolen = b.api.call("POST", "/api/chat", chatBody("what did you say to her?", idA));
    auto missing = b.api.call("POST", "/api/chat", chatBody("hello", randomName("").append(randomName(""))));
    BOOST_TEST(stolen.status == 404);
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(errorShape(stolen) == errorShape(missing));
    BOOST_TEST(stolen.body.find(idA) == std::string::npos);

    // A caregiver of B is no closer to A's conversation.
    Person carer = aCaregiver();
    linkCaregiver(b, carer);
    BOOST_TEST(carer.api.call("POST", "/api/chat", chatBody("hello", idA)).status == 404);
    // Nothing was added to A's conversation, and A still continues it.
    BOOST_TEST(messagesAbout(a.id) == aBefore);
    chatA.say("thanks");
    BOOST_TEST(chatA.conversationId == idA);
}

BOOST_AUTO_TEST_CASE(thirty_turns_a_minute_per_user_then_429_and_the_page_shares_the_limit) {
    Person p = aPatient();
    Browser page = p.browser();
    const std::string token = csrfOf(page.get("/chat").body);
    BOOST_TEST_REQUIRE(!token.empty());
    // The stack's "minute" is 4 s: start at the beginning of one, so 31 turns fit in it.
    bool checked = false;
    for (int attempt = 0; attempt < 3 && !checked; ++attempt) {
        waitForNextWindow(4);
        const std::int64_t window = epochMillis() / 4000;
        int ok = 0;
        HttpResult refused;
        for (int i = 0; i < 45; ++i) {
            auto r = p.api.call("POST", "/api/chat", chatBody("hi"));
            if (r.status == 200) {
                ++ok;
                continue;
            }
            refused = r;
            break;
        }
        auto viaPage = page.post("/chat", {{"csrf_token", token}, {"message", "hi from the page"}});
        if (epochMillis() / 4000 != window) continue;  // the window ended meanwhile: once more
        BOOST_TEST(ok == 30);
        BOOST_TEST(refused.status == 429);
        BOOST_TEST(jsonString(parseJson(refused.body), "code") == "RATE_LIMIT_EXCEEDED");
        const std::string retry = refused.header("retry-after");
        BOOST_TEST_REQUIRE(!retry.empty());
        BOOST_TEST((std::stoi(retry) >= 1 && std::stoi(retry) <= 4));
        BOOST_TEST(viaPage.status == 429);
        BOOST_TEST(!viaPage.header("retry-after").empty());
        checked = true;
    }
    BOOST_TEST(checked, "31 turns never fit in one 4-second window");
    // The next window lets turns through again, and another user was never limited.
    waitForNextWindow(4);
    BOOST_TEST(p.api.call("POST", "/api/chat", chatBody("hello again")).status == 200);
}

BOOST_AUTO_TEST_CASE(with_a_cookie_the_api_needs_the_csrf_token_a_bearer_does_not) {
    Person p = aPatient();
    ApiClient cookieClient;
    cookieClient.cookie = "__Host-session=" + p.token;
    auto refused = cookieClient.call("POST", "/api/chat", chatBody("hello"));
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(jsonString(parseJson(refused.body), "code") == "CSRF");
    cookieClient.csrf = "not-the-token";
    BOOST_TEST(cookieClient.call("POST", "/api/chat", chatBody("hello")).status == 403);
    BOOST_TEST(messagesAbout(p.id) == 0);

    // The token of this session's forms is the one (as /auth/me gives it to cookie clients).
    Browser b = p.browser();
    cookieClient.csrf = csrfOf(b.get("/chat").body);
    BOOST_TEST_REQUIRE(!cookieClient.csrf.empty());
    auto ok = cookieClient.call("POST", "/api/chat", chatBody("hello"));
    BOOST_TEST(ok.status == 200, ok.body);
    // From another site, even with the token: refused.
    BOOST_TEST(cookieClient.call("POST", "/api/chat", chatBody("hello"), {{"Origin", "https://evil.example"}}).status ==
               403);
    // A bearer client sends no token at all.
    BOOST_TEST(p.api.call("POST", "/api/chat", chatBody("hello")).status == 200);
}

BOOST_AUTO_TEST_CASE(only_patients_and_caregivers_may_chat) {
    auto doctor = newStaff("doctor", "Dr. Refused " + randomName("").substr(0, 6));
    auto admin = newStaff("admin", "Admin Refused " + randomName("").substr(0, 6));
    for (auto* staff : {&doctor, &admin}) {
        BOOST_TEST_CONTEXT(staff->email) {
            BOOST_TEST(staff->api.call("POST", "/api/chat", chatBody("hello")).status == 403);
            BOOST_TEST(staff->browser.get("/chat").status == 403);
            BOOST_TEST(staff->browser.post("/chat", {{"csrf_token", csrfOf(staff->browser.get("/account").body)},
                                                     {"message", "hello"}})
                           .status == 403);
        }
    }
    BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE owner_id IN (?, ?)",
                     {str(doctor.id), str(admin.id)}) == 0);
    // Nobody signed in: 401 for the API, the sign-in page for the page.
    ApiClient anonymous;
    BOOST_TEST(anonymous.call("POST", "/api/chat", chatBody("hello")).status == 401);
    Browser stranger;
    auto r = stranger.get("/chat");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location").rfind("/login", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(page)

BOOST_AUTO_TEST_CASE(a_message_posts_redirects_and_shows_escaped) {
    Person p = aPatient();
    Browser b = p.browser();
    auto empty = b.get("/chat");
    BOOST_TEST_REQUIRE(empty.status == 200);
    BOOST_TEST(contains(empty.body, "id=\"chat-form\""));
    BOOST_TEST(contains(empty.body, "href=\"#chat-form\""));
    BOOST_TEST(contains(empty.body, "<label for=\"message\">"));
    BOOST_TEST(contains(empty.body, "<textarea id=\"message\" name=\"message\""));
    BOOST_TEST(contains(empty.body, "maxlength=\"1000\""));
    BOOST_TEST(contains(empty.body, "aria-live=\"polite\""));
    BOOST_TEST(contains(empty.body, "action=\"/chat/new\""));
    BOOST_TEST(contains(empty.body, "href=\"/chat\" aria-current=\"page\""));  // the nav item
    BOOST_TEST(messagesAbout(p.id) == 0);  // a look writes nothing

    const std::string marker = randomName("Quokka");
    const std::string typed = "<script>alert('" + marker + "')</script> {{secret}} ' OR 1=1 --";
    auto posted = b.post("/chat", {{"csrf_token", csrfOf(empty.body)}, {"message", typed}});
    BOOST_TEST_REQUIRE(posted.status == 303, posted.body.substr(0, 300));
    BOOST_TEST(posted.header("location") == "/chat#chat-form");
    auto shown = follow(b, posted);
    BOOST_TEST_REQUIRE(shown.status == 200);
    BOOST_TEST(contains(shown.body, "&lt;script&gt;alert("));
    BOOST_TEST(contains(shown.body, marker));
    BOOST_TEST(contains(shown.body, "{{secret}}"));
    BOOST_TEST(!contains(shown.body, "<script>alert("));
    BOOST_TEST(messagesAbout(p.id) == 3);  // the welcome, the message and the reply

    // A quick reply is a plain form button that posts its message.
    if (contains(shown.body, "aria-label=\"Quick replies\"")) {
        BOOST_TEST(contains(shown.body, "<button type=\"submit\" class=\"button--secondary\" name=\"message\" value=\""));
    }

    // Empty or too long: the page again with the field's error, and nothing stored.
    auto blank = b.post("/chat", {{"csrf_token", csrfOf(shown.body)}, {"message", "   "}});
    BOOST_TEST(blank.status == 422);
    BOOST_TEST(contains(blank.body, "id=\"message-error\""));
    BOOST_TEST(contains(blank.body, "Type a message."));
    BOOST_TEST(contains(blank.body, "aria-invalid=\"true\""));
    BOOST_TEST(contains(blank.body, "href=\"#message\""));
    BOOST_TEST(titleOf(blank.body).rfind("Error: ", 0) == 0u);
    const std::string tooLong(1001, 'z');
    auto longer = b.post("/chat", {{"csrf_token", csrfOf(shown.body)}, {"message", tooLong}});
    BOOST_TEST(longer.status == 422);
    BOOST_TEST(contains(longer.body, "1000 characters"));
    BOOST_TEST(contains(longer.body, tooLong));  // kept for editing
    BOOST_TEST(messagesAbout(p.id) == 3);

    // Without the form's token: refused, nothing stored.
    BOOST_TEST(b.post("/chat", {{"message", "hello"}}).status == 403);
    BOOST_TEST(messagesAbout(p.id) == 3);
}

BOOST_AUTO_TEST_CASE(new_conversation_starts_afresh_and_ends_the_old_one) {
    Person p = aPatient();
    Browser b = p.browser();
    const std::string marker = randomName("Wombat");
    auto posted = b.post("/chat", {{"csrf_token", csrfOf(b.get("/chat").body)}, {"message", "hello " + marker}});
    BOOST_TEST_REQUIRE(posted.status == 303);
    const std::string old = latestConversationOf(p.id);
    BOOST_TEST_REQUIRE(!old.empty());
    auto before = b.get("/chat");
    BOOST_TEST(contains(before.body, marker));

    auto fresh = b.post("/chat/new", {{"csrf_token", csrfOf(before.body)}});
    BOOST_TEST(fresh.status == 303);
    auto after = follow(b, fresh);
    BOOST_TEST_REQUIRE(after.status == 200);
    BOOST_TEST(!contains(after.body, marker));
    BOOST_TEST(scalar("SELECT closed FROM conversations WHERE id = ?", {old}) == "1");
    // The ended conversation cannot be continued through the API either.
    BOOST_TEST(p.api.call("POST", "/api/chat", chatBody("hello", old)).status == 404);

    auto next = b.post("/chat", {{"csrf_token", csrfOf(after.body)}, {"message", "hello again"}});
    BOOST_TEST(next.status == 303);
    const std::string current = latestConversationOf(p.id);
    BOOST_TEST(current != old);
    BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE owner_id = ? AND closed = 0", {str(p.id)}) == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(data)

BOOST_AUTO_TEST_CASE(messages_and_state_are_encrypted_at_rest) {
    Person p = aPatient();
    Chat chat(p.api);
    const std::string marker = randomName("Xylophonic");
    auto t = chat.say("Is there parking near the practice? " + marker);
    chat.say("I need to see a doctor next week about " + marker);
    const std::string id = chat.conversationId;
    BOOST_TEST(count("SELECT COUNT(*) FROM chat_messages WHERE conversation_id = ?", {id}) == 5);
    BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE id = ? AND state_ct IS NOT NULL", {id}) == 1);
    // Neither the marker nor the reply's words appear anywhere, in any column of these tables.
    const std::string replyPart = t.reply.substr(0, std::min<std::size_t>(t.reply.size(), 24));
    for (const auto& needle : {marker, replyPart}) {
        BOOST_TEST_CONTEXT(needle) {
            BOOST_TEST(count("SELECT COUNT(*) FROM chat_messages WHERE INSTR(text_ct, ?) > 0 OR INSTR(intent, ?) > 0",
                             {needle, needle}) == 0);
            BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE INSTR(COALESCE(state_ct, ''), ?) > 0", {needle}) ==
                       0);
        }
    }
    // Each row is bound to its place: a ciphertext copied to another row no longer opens, and
    // the page says so instead of showing another message.
    exec("UPDATE chat_messages m JOIN chat_messages n ON n.conversation_id = m.conversation_id AND n.seq = 3 "
         "SET m.text_ct = n.text_ct WHERE m.conversation_id = ? AND m.seq = 2",
         {id});
    auto shown = p.browser().get("/chat");
    BOOST_TEST(shown.status == 200);
    BOOST_TEST(contains(shown.body, "can no longer be read"));
}

BOOST_AUTO_TEST_CASE(a_booking_through_the_api_lands_in_appointments) {
    Doctor doctor = newDoctor();
    Person p = aPatient();
    Chat chat(p.api);
    const auto day = medassist::scheduling::addDays(practiceClock().dateOf(epochNow()), 3);
    const std::string transcript = bookThroughChat(chat, doctor, day);
    const auto booked = count("SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND doctor_id = ? AND "
                              "status = 'booked' AND booked_by = ? AND booked_by_role = 'patient'",
                              {str(p.id), str(doctor.id), str(p.id)});
    BOOST_TEST(booked == 1, transcript);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE event = 'assistant_booked'") >= 1, transcript);
}

BOOST_AUTO_TEST_CASE(a_caregivers_booking_is_the_patients_and_lands_in_their_access_log) {
    Doctor doctor = newDoctor();
    Person patient = aPatient("Greta");
    Person carer = aCaregiver();
    linkCaregiver(patient, carer);
    Chat chat(carer.api);
    const auto day = medassist::scheduling::addDays(practiceClock().dateOf(epochNow()), 4);
    const std::string transcript = bookThroughChat(chat, doctor, day);
    BOOST_TEST(count("SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND doctor_id = ? AND status = 'booked' "
                     "AND booked_by = ? AND booked_by_role = 'caregiver'",
                     {str(patient.id), str(doctor.id), str(carer.id)}) == 1,
               transcript);
    BOOST_TEST(count("SELECT COUNT(*) FROM appointments WHERE patient_id = ?", {str(carer.id)}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM access_log WHERE patient_id = ? AND actor_id = ? AND actor_role = "
                     "'caregiver' AND action = 'create' AND data_kind = 'appointments'",
                     {str(patient.id), str(carer.id)}) == 1,
               transcript);
    // The conversation is the caregiver's, about the patient, under the patient's key.
    BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE owner_id = ? AND subject_id = ?",
                     {str(carer.id), str(patient.id)}) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM chat_messages WHERE subject_id = ?", {str(carer.id)}) == 0);
    // The patient sees that their caregiver chatted about them.
    BOOST_TEST(count("SELECT COUNT(*) FROM access_log WHERE patient_id = ? AND actor_id = ? AND data_kind = 'chat'",
                     {str(patient.id), str(carer.id)}) == 1);
}

BOOST_AUTO_TEST_CASE(a_caregiver_with_several_patients_is_asked_whom_they_act_for) {
    Person first = aPatient("Ines");
    Person second = aPatient("Ugo");
    Person carer = aCaregiver();
    linkCaregiver(first, carer);
    linkCaregiver(second, carer);
    const std::string firstName = first.name.substr(0, first.name.find(' '));
    const std::string secondName = second.name.substr(0, second.name.find(' '));

    Chat chat(carer.api);
    auto asked = chat.say("hello");
    BOOST_TEST(asked.reply.find("Which patient are you acting for?") != std::string::npos, asked.reply);
    BOOST_TEST(asked.state == "choose_patient");
    BOOST_TEST_REQUIRE(asked.suggestions.size() == 2u);
    BOOST_TEST(asked.suggestions[0].first == firstName);
    BOOST_TEST(asked.suggestions[1].first == secondName);
    // Nothing is stored before the choice: there is no patient to store it for.
    BOOST_TEST(messagesAbout(first.id) + messagesAbout(second.id) == 0);
    BOOST_TEST(scalar("SELECT COALESCE(subject_id, 'none') FROM conversations WHERE id = ?", {chat.conversationId}) ==
               "none");

    // Something that names nobody: asked again.
    auto again = chat.say("what?");
    BOOST_TEST(again.state == "choose_patient");
    // "the second one" picks by the order shown.
    auto chosen = chat.say("the second one");
    BOOST_TEST(chosen.reply.find("You are acting for " + secondName) != std::string::npos, chosen.reply);
    BOOST_TEST(chosen.state != "choose_patient");
    BOOST_TEST(scalar("SELECT subject_id FROM conversations WHERE id = ?", {chat.conversationId}) == str(second.id));
    chat.say("thanks");
    BOOST_TEST(messagesAbout(second.id) == 3);
    BOOST_TEST(messagesAbout(first.id) == 0);

    // By first name, in a conversation of its own.
    Chat other(carer.api);
    other.say("good morning");
    auto byName = other.say(firstName);
    BOOST_TEST(scalar("SELECT subject_id FROM conversations WHERE id = ?", {other.conversationId}) == str(first.id),
               byName.reply);

    // The page asks the same question the way the other pages do: at /account/acting-for.
    Browser b = carer.browser();
    auto page = b.get("/chat");
    BOOST_TEST(page.status == 303);
    BOOST_TEST(page.header("location") == "/account/acting-for?next=/chat");
    b.setCookie("__Host-acting", str(first.id));
    auto chosenPage = b.get("/chat");
    BOOST_TEST(chosenPage.status == 200);
    BOOST_TEST(contains(chosenPage.body, first.name));
    // A patient who did not link this caregiver, named in the cookie, is no choice.
    Person stranger = aPatient("Stella");
    b.setCookie("__Host-acting", str(stranger.id));
    BOOST_TEST(b.get("/chat").status == 303);
}

BOOST_AUTO_TEST_CASE(a_message_for_staff_reaches_the_admins_inbox_only) {
    Person p = aPatient("Marta");
    Chat chat(p.api);
    const std::string marker = randomName("Zanzibar");
    const std::string text = "<b>Please call me</b> about my bill " + marker;
    const std::string transcript = messageStaffThroughChat(chat, text);
    BOOST_TEST_REQUIRE(count("SELECT COUNT(*) FROM staff_messages WHERE subject_id = ?", {str(p.id)}) == 1, transcript);
    BOOST_TEST(count("SELECT COUNT(*) FROM staff_messages WHERE INSTR(text_ct, ?) > 0", {marker}) == 0);
    const std::string id = scalar("SELECT id FROM staff_messages WHERE subject_id = ?", {str(p.id)});

    auto admin = newStaff("admin", "Inbox Admin " + randomName("").substr(0, 6));
    auto inbox = admin.browser.get("/admin/inbox");
    BOOST_TEST_REQUIRE(inbox.status == 200);
    BOOST_TEST(contains(inbox.body, marker), transcript);
    BOOST_TEST(contains(inbox.body, "&lt;b&gt;Please call me&lt;/b&gt;"));
    BOOST_TEST(contains(inbox.body, p.name));
    BOOST_TEST(contains(inbox.body, p.email));
    BOOST_TEST(contains(inbox.body, "href=\"/admin/inbox\" aria-current=\"page\""));

    // Nobody else sees it.
    Person other = aPatient("Olivia");
    BOOST_TEST(other.browser().get("/admin/inbox").status == 403);
    BOOST_TEST(p.browser().get("/admin/inbox").status == 403);

    auto handled = admin.browser.post("/admin/inbox/" + id + "/handled", {{"csrf_token", csrfOf(inbox.body)}});
    BOOST_TEST(handled.status == 303);
    auto after = follow(admin.browser, handled);
    BOOST_TEST(contains(after.body, "Handled "));
    BOOST_TEST(scalar("SELECT handled_by FROM staff_messages WHERE id = ?", {id}) == str(admin.id));
    BOOST_TEST(admin.browser.post("/admin/inbox/" + id + "/handled", {{"csrf_token", csrfOf(after.body)}}).status ==
               404);
    BOOST_TEST(admin.browser.post("/admin/inbox/999999999/handled", {{"csrf_token", csrfOf(after.body)}}).status ==
               404);
    // The patient sees that staff read it.
    BOOST_TEST(count("SELECT COUNT(*) FROM access_log WHERE patient_id = ? AND actor_role = 'admin' AND data_kind = "
                     "'staff_messages'",
                     {str(p.id)}) == 1);
}

BOOST_AUTO_TEST_CASE(purge_removes_only_the_chats_what_is_older_than_the_retention) {
    Person keep = aPatient("Kira");
    Person partly = aPatient("Paride");
    Person gone = aPatient("Gaia");
    Chat keepChat(keep.api), partlyChat(partly.api), goneChat(gone.api);
    keepChat.say("hello");
    partlyChat.say("hello");
    partlyChat.say("thanks");  // seq 1..5
    goneChat.say("hello");
    // Partly: the first three messages 100 days old, the fourth 89 (inside the 90 days).
    exec("UPDATE chat_messages SET created_at = UTC_TIMESTAMP(6) - INTERVAL 100 DAY WHERE conversation_id = ? AND "
         "seq <= 3",
         {partlyChat.conversationId});
    exec("UPDATE chat_messages SET created_at = UTC_TIMESTAMP(6) - INTERVAL 89 DAY WHERE conversation_id = ? AND "
         "seq = 4",
         {partlyChat.conversationId});
    // Gone: the whole conversation untouched for 100 days.
    exec("UPDATE chat_messages SET created_at = UTC_TIMESTAMP(6) - INTERVAL 100 DAY WHERE conversation_id = ?",
         {goneChat.conversationId});
    exec("UPDATE conversations SET created_at = UTC_TIMESTAMP(6) - INTERVAL 100 DAY, updated_at = UTC_TIMESTAMP(6) - "
         "INTERVAL 100 DAY WHERE id = ?",
         {goneChat.conversationId});

    auto run = adminCommand("purge");
    BOOST_TEST_REQUIRE(run.exitCode == 0, run.output);
    BOOST_TEST(contains(run.output, "purge: chats older than 90 days"), run.output);
    // Counts only: no text, no id of a person.
    BOOST_TEST(!contains(run.output, "hello"));

    BOOST_TEST(messagesAbout(keep.id) == 3);
    BOOST_TEST(count("SELECT COUNT(*) FROM chat_messages WHERE conversation_id = ? AND seq >= 4",
                     {partlyChat.conversationId}) == 2);
    BOOST_TEST(messagesAbout(partly.id) == 2);
    BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE id = ?", {partlyChat.conversationId}) == 1);
    BOOST_TEST(messagesAbout(gone.id) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM conversations WHERE id = ?", {goneChat.conversationId}) == 0);
    // The purged conversation is gone for its owner too; the partly purged one goes on.
    BOOST_TEST(gone.api.call("POST", "/api/chat", chatBody("hello", goneChat.conversationId)).status == 404);
    partlyChat.say("still there?");
    BOOST_TEST(messagesAbout(partly.id) == 4);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- issue 22: limits, the cutoff and times as a patient sees them -------------------------

namespace {

void insertAppointment(const Person& p, const Doctor& d, std::int64_t start) {
    exec("INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, booked_by, booked_by_role) "
         "VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, 'patient')",
         {str(p.id), str(d.id), str(start), str(start + 1800), str(p.id)});
}

std::string utcClock(std::int64_t epoch) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)), "%H:%M");
}

// The page shows `epoch`'s minute (or the next one: the clock may tick) in Rome's time, not UTC.
void expectRomeTime(const std::string& body, std::int64_t epoch, const std::string& what) {
    const std::string rome = practiceClock().time(epoch), later = practiceClock().time(epoch + 60);
    BOOST_TEST((contains(body, ", " + rome + "</time>") || contains(body, ", " + later + "</time>")),
               what << ": no " << rome << " (Rome)");
    if (utcClock(epoch) != rome && utcClock(epoch + 60) != later)
        BOOST_TEST(!contains(body, ", " + utcClock(epoch) + "</time>"), what << ": shows UTC " << utcClock(epoch));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(issue_22)

BOOST_AUTO_TEST_CASE(the_booking_limit_comes_first_and_names_the_patient_to_a_caregiver) {
    Doctor doctor = newDoctor();
    Person patient = aPatient("Nora");
    Person carer = aCaregiver();
    linkCaregiver(patient, carer);
    const auto day = medassist::scheduling::addDays(practiceClock().dateOf(epochNow()), 5);
    for (int hour : {9, 10, 11}) insertAppointment(patient, doctor, *practiceClock().toInstant(day, hour * 60));

    Chat chat(carer.api);
    auto t = chat.say("I would like to book an appointment with " + doctor.name);
    const std::string first = patient.name.substr(0, patient.name.find(' '));
    BOOST_TEST(contains(t.reply, first + " already has 3 upcoming appointments"), chat.transcript);
    BOOST_TEST(!contains(t.reply, "You already have"), chat.transcript);
    BOOST_TEST(t.state == "idle", chat.transcript);
    BOOST_TEST(count("SELECT COUNT(*) FROM appointments WHERE patient_id = ?", {str(patient.id)}) == 3);

    Chat own(patient.api);
    auto mine = own.say("Book an appointment");
    BOOST_TEST(contains(mine.reply, "You already have 3 upcoming appointments"), own.transcript);

    // The caregiver's reads are in the patient's access log, at Rome's time (not UTC).
    auto log = patient.browser().get("/account/access-log");
    BOOST_TEST_REQUIRE(log.status == 200);
    expectRomeTime(log.body, epochNow() - 60, "access log");
}

BOOST_AUTO_TEST_CASE(inside_the_cutoff_the_chat_says_why_and_whether_the_practice_is_open_now) {
    Doctor doctor = newDoctor();
    Person p = aPatient("Ottavia");
    insertAppointment(p, doctor, (epochNow() + 3 * 3600) / 60 * 60);  // three hours from now
    Chat chat(p.api);
    auto t = chat.say("cancel my appointment with " + doctor.name);
    BOOST_TEST(contains(t.reply, "can't be cancelled online less than 24 hours before they start"), chat.transcript);
    BOOST_TEST(contains(t.reply, "+39-06-5550-1234"), chat.transcript);  // the seed's phone
    BOOST_TEST((contains(t.reply, "The practice is open now, until ") ||
                contains(t.reply, "The practice is closed now. It opens again")),
               chat.transcript);
    BOOST_TEST(count("SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND status = 'booked'", {str(p.id)}) == 1);
}

BOOST_AUTO_TEST_CASE(chat_times_are_the_practices_local_time) {
    Person p = aPatient("Tina");
    Browser b = p.browser();
    auto page = b.get("/chat");
    const std::int64_t sent = epochNow();
    auto posted = b.post("/chat", {{"csrf_token", csrfOf(page.body)}, {"message", "hello"}});
    BOOST_TEST_REQUIRE(posted.status == 303);
    auto shown = follow(b, posted);
    BOOST_TEST_REQUIRE(shown.status == 200);
    expectRomeTime(shown.body, sent, "chat page");
}

BOOST_AUTO_TEST_SUITE_END()
