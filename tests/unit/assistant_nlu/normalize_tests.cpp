// The normalization shared by training and run time: what the model sees of a message.
#include <boost/test/unit_test.hpp>

#include "assistant/engine/text_normalize.hpp"

using medassist::assistant::engine::normalizeText;

BOOST_AUTO_TEST_SUITE(text_normalize)

BOOST_AUTO_TEST_CASE(lowercases_ascii_and_splits_punctuation) {
    BOOST_TEST(normalizeText("Cancel my appointment with Dr. Rossi!") == "cancel my appointment with dr . rossi !");
    BOOST_TEST(normalizeText("9:30, please?") == "9 : 30 , please ?");
    BOOST_TEST(normalizeText("check-up on 12/03") == "check - up on 12 / 03");
}

BOOST_AUTO_TEST_CASE(drops_apostrophes_so_typed_and_spelled_forms_match) {
    BOOST_TEST(normalizeText("I don't know") == "i dont know");
    BOOST_TEST(normalizeText("I dont know") == "i dont know");
    BOOST_TEST(normalizeText("Maria Bianchi\xE2\x80\x99s appointment") == "maria bianchis appointment");  // U+2019
    BOOST_TEST(normalizeText("what`s up") == "whats up");
}

BOOST_AUTO_TEST_CASE(collapses_whitespace_and_control_characters) {
    BOOST_TEST(normalizeText("  book \t an\r\nappointment  ") == "book an appointment");
    BOOST_TEST(normalizeText("a\xC2\xA0" "b") == "a b");  // no-break space
    BOOST_TEST(normalizeText("line one\nline two") == "line one line two");
    BOOST_TEST(normalizeText("") == "");
    BOOST_TEST(normalizeText(" \t\n ") == "");
    BOOST_TEST(normalizeText("...") == ". . .");
}

BOOST_AUTO_TEST_CASE(typographic_quotes_become_plain_ones) {
    BOOST_TEST(normalizeText("\xE2\x80\x9Chello\xE2\x80\x9D") == "\" hello \"");
}

BOOST_AUTO_TEST_CASE(leaves_other_utf8_alone) {
    BOOST_TEST(normalizeText("Perché NON è aperto?") == "perché non è aperto ?");
    BOOST_TEST(normalizeText("ÀB") == "Àb");  // only ASCII letters are lowercased
}

BOOST_AUTO_TEST_CASE(is_idempotent) {
    for (const char* s : {"Hello, World!", "I'd like a 9:30 slot.", "  what's  up?? ", "e-mail me"}) {
        const auto once = normalizeText(s);
        BOOST_TEST(normalizeText(once) == once);
    }
}

BOOST_AUTO_TEST_SUITE_END()
