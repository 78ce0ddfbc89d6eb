// The language of a turn (engine/language.hpp): Italian or English from the message's own
// words; a message that does not say which keeps the conversation's language.
#include <boost/test/unit_test.hpp>

#include <string>

#include "assistant/engine/dialogue_state.hpp"
#include "assistant/engine/language.hpp"

using medassist::assistant::engine::decodeState;
using medassist::assistant::engine::DialogueState;
using medassist::assistant::engine::encodeState;
using medassist::assistant::engine::identifyLanguage;
using medassist::assistant::engine::ReplyLanguage;

BOOST_AUTO_TEST_SUITE(language_of_a_turn)

BOOST_AUTO_TEST_CASE(italian_messages_are_italian_whatever_the_conversation_was_in) {
    for (const char* m : {"Buongiorno, vorrei prenotare una visita dal dermatologo",
                          "Vorrei disdire il mio appuntamento di giovedì",
                          "posso spostare la visita alla prossima settimana?",
                          "Quali sono gli orari di apertura dello studio?",
                          "ho un forte dolore al petto e non riesco a respirare",
                          "martedì alle 10",
                          "il prima possibile",
                          "È possibile venire domani mattina?",
                          "buongiorno"})
        BOOST_TEST(identifyLanguage(m, "en") == "it", m);
}

BOOST_AUTO_TEST_CASE(english_messages_are_english_whatever_the_conversation_was_in) {
    for (const char* m : {"I'd like to book an appointment with a dermatologist",
                          "Can I cancel my appointment on Thursday?",
                          "what are your opening hours?",
                          "I have chest pain and can't breathe",
                          "next week in the morning please",
                          "thank you",
                          "hello"})
        BOOST_TEST(identifyLanguage(m, "it") == "en", m);
}

BOOST_AUTO_TEST_CASE(short_or_ambiguous_messages_keep_the_current_language) {
    for (const char* m : {"ok", "sì", "si", "no", "2", "grazie", "10:30", "Rossi", "Dr. Giulia Rossi", "Maria",
                          "option 1", "ok grazie", "", "?!", "Esposito", "ciao"}) {
        BOOST_TEST(identifyLanguage(m, "it") == "it", m);
        BOOST_TEST(identifyLanguage(m, "en") == "en", m);
    }
}

BOOST_AUTO_TEST_CASE(the_conversation_language_survives_the_state_and_old_states_read) {
    DialogueState s;
    s.lang = "it";
    const auto back = decodeState(encodeState(s));
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(back->lang == "it");
    // A blob written before the field existed: no language (the page's, then).
    const auto old = decodeState(R"({"v":1})");
    BOOST_TEST_REQUIRE(old.has_value());
    BOOST_TEST(old->lang.empty());
    BOOST_TEST(!decodeState(R"({"v":1,"l":"../etc"})").has_value());
    // clearForm keeps it: a new form goes on in the same language.
    s.clearForm();
    BOOST_TEST(s.lang == "it");
}

BOOST_AUTO_TEST_CASE(without_catalogs_the_texts_are_english_with_their_values) {
    const ReplyLanguage en;
    BOOST_TEST(en.t("How can I help?") == "How can I help?");
    BOOST_TEST(en.tf("Call {1} now, or {1} later; {2}.", {"112", "x"}) == "Call 112 now, or 112 later; x.");
}

BOOST_AUTO_TEST_SUITE_END()
