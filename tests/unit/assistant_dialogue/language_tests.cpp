// Replies in the patient's language (Italian or English), through the same catalogs as the
// pages: an Italian conversation gets every reply in Italian, an English one is unchanged,
// and a conversation that switches language switches its replies. Today is Monday 2 March
// 2026, 09:00 in Rome (FakeScope).
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <set>

#include "chat.hpp"

using namespace dialogue_test;

namespace {

// An English word of the engine's sentences in text ("" when none): the words every reply
// of ours uses, none of them Italian. Doctors' names and the practice's own data (specialty
// names, "General practice") do not use them.
std::string englishWord(const std::string& text) {
    static const std::set<std::string> kEnglish{
        "the",   "you",   "your",  "appointment", "appointments", "please", "would", "shall", "sorry", "with",
        "which", "what",  "when",  "book",        "cancel",       "move",   "done",  "and",   "at",    "on",
        "is",    "are",   "free",  "times",       "time",         "earliest", "available", "yes", "skip",
        "call",  "now",   "help",  "hello",       "visit",        "reason", "week",  "my",    "of",    "for",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "march",
        "mon",   "tue",   "wed",   "thu",         "fri",          "emergency", "doctor", "doctors", "can", "cant"};
    std::string word;
    const auto check = [&]() -> bool { return kEnglish.count(word) > 0; };
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ' ';
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (c == '\'') {
            continue;
        } else {
            if (check()) return word;
            word.clear();
        }
    }
    return "";
}

// The reply and every button label, without a word of English.
void expectItalian(const Chat& c) {
    BOOST_CHECK_MESSAGE(c.last.lang == "it", "reply language " << c.last.lang << c.log());
    const auto inReply = englishWord(c.last.reply);
    BOOST_CHECK_MESSAGE(inReply.empty(), "English '" << inReply << "' in the reply" << c.log());
    for (const auto& s : c.last.suggestions) {
        const auto inLabel = englishWord(s.label);
        BOOST_CHECK_MESSAGE(inLabel.empty(), "English '" << inLabel << "' in the button '" << s.label << "'" << c.log());
        const auto inMessage = englishWord(s.message);
        BOOST_CHECK_MESSAGE(inMessage.empty() || s.message.rfind("option ", 0) == 0,
                            "English '" << inMessage << "' in what the button '" << s.label << "' sends" << c.log());
    }
}

Chat italian() {
    Chat c;
    c.lang = "it";
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(replies_in_the_patients_language)

BOOST_AUTO_TEST_CASE(the_welcome_is_in_the_page_language) {
    FakeScope scope;
    const auto it = assistant().welcome(scope, "it");
    BOOST_CHECK_MESSAGE(contains(it.reply, "Buongiorno Maria!"), it.reply);
    BOOST_CHECK_MESSAGE(contains(it.reply, "chiami il 112"), it.reply);
    BOOST_CHECK_MESSAGE(englishWord(it.reply).empty(), it.reply);
    BOOST_TEST(it.lang == "it");
    const auto en = assistant().welcome(scope);
    BOOST_CHECK_MESSAGE(contains(en.reply, "Hello Maria!"), en.reply);
    BOOST_TEST(en.suggestions.at(0).label == "Book an appointment");
    // A language the catalogs do not have: English.
    BOOST_TEST(assistant().welcome(scope, "xx").lang == "en");
}

BOOST_AUTO_TEST_CASE(an_italian_booking_from_greeting_to_confirmation) {
    Chat c = italian();
    c.say("Buongiorno");
    expectItalian(c);
    c.press("Prenota un appuntamento");
    EXPECT_STATE(c, "book.specialty");
    EXPECT_REPLY_HAS(c, "Che tipo di medico");
    expectItalian(c);
    c.press("Dermatologia");
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "Quando desidera venire con un dermatologo?");
    expectItalian(c);
    c.press("Il primo disponibile");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "Questi sono i primi orari liberi con un dermatologo");
    EXPECT_REPLY_HAS(c, "tra lunedì 2 marzo e domenica 15 marzo:\n1. martedì 3 marzo alle 09:00 con Dr. Sofia Marino");
    expectItalian(c);
    c.say("1");
    EXPECT_STATE(c, "book.reason");
    EXPECT_REPLY_HAS(c, "Qual è il motivo della visita?");
    expectItalian(c);
    c.say("Controllo di un neo sulla schiena");
    EXPECT_STATE(c, "book.confirm");
    EXPECT_REPLY_HAS(c, "Prenoto un appuntamento con Dr. Sofia Marino per martedì 3 marzo alle 09:00 "
                        "(motivo: Controllo di un neo sulla schiena)?");
    expectItalian(c);
    c.say("sì");
    EXPECT_STATE(c, "idle");
    EXPECT_REPLY_HAS(c, "Fatto: ho prenotato il suo appuntamento con Dr. Sofia Marino per martedì 3 marzo alle 09:00.");
    expectItalian(c);
    BOOST_TEST_REQUIRE(c.scope.booked.size() == 1u);
    BOOST_TEST(c.scope.booked[0].reason == "Controllo di un neo sulla schiena");
}

BOOST_AUTO_TEST_CASE(a_request_typed_in_capitals_is_a_booking_not_a_question_about_someone) {
    // Every word capitalised is no name: "MEDICO" and "FAMIGLIA" are not a person asked about.
    Chat c = italian();
    c.say("VORREI UN APPUNTAMENTO COL MEDICO DI FAMIGLIA VENERDI POMERIGGIO");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "con un medico di base venerdì 6 marzo di pomeriggio:\n1. venerdì 6 marzo alle 14:00");
    // A name known as one still counts when shouted.
    c.say("QUANDO HA L'APPUNTAMENTO MARIA BIANCHI?");
    EXPECT_REPLY_HAS(c, "altre persone");
    BOOST_TEST(c.scope.booked.empty());
}

BOOST_AUTO_TEST_CASE(the_suggested_kind_of_doctor_is_taken_by_a_yes_or_the_first_time) {
    // "Which kind of doctor? For that, a family doctor may be right" - "va bene, la prima":
    // the family doctor's first free time, still shown and confirmed before anything is booked.
    Chat c = italian();
    c.say("c'è posto oggi pomeriggio dal medico? ho la febbre da ieri e al lavoro vogliono il certificato");
    EXPECT_STATE(c, "book.specialty");
    EXPECT_REPLY_HAS(c, "medico di base");
    c.say("va bene la prima");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "con un medico di base lunedì 2 marzo di pomeriggio:\n1. lunedì 2 marzo alle 14:00");
    // A no is not taken for the suggestion.
    Chat d = italian();
    d.say("ho un brufolo enorme sul naso, vorrei farlo vedere");
    EXPECT_STATE(d, "book.specialty");
    d.say("no");
    EXPECT_STATE(d, "idle");
    BOOST_TEST(d.scope.booked.empty());
}

BOOST_AUTO_TEST_CASE(times_on_show_are_picked_by_their_place_whatever_else_the_words_mean) {
    // "più tardi" also moves appointments, and "la prima dopo le quattro" reads like a question
    // to the model: with times on show, both pick one.
    Chat c = italian();
    c.say("vorrei prenotare con il dottor Paolo Rossi lunedì 16");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "3. lunedì 16 marzo alle 16:00 con Dr. Paolo Rossi");
    c.say("la più tardi");
    EXPECT_STATE(c, "book.reason");
    EXPECT_REPLY_HAS(c, "lunedì 16 marzo alle 16:00 con Dr. Paolo Rossi");
    Chat d = italian();
    d.say("vorrei prenotare con il dottor Paolo Rossi lunedì 16");
    d.say("la prima dopo le quattro");
    EXPECT_STATE(d, "book.reason");
    EXPECT_REPLY_HAS(d, "lunedì 16 marzo alle 16:00 con Dr. Paolo Rossi");
    BOOST_TEST(c.scope.booked.empty());
    BOOST_TEST(c.scope.rescheduled.empty());
}

BOOST_AUTO_TEST_CASE(a_doctor_in_italian_by_availability_languages_and_not_that_one) {
    // "quando è libera ...?" asks for free times, as "when is ... free?" does; the languages a
    // doctor speaks are named in Italian.
    Chat c = italian();
    c.say("quando è libera la dottoressa Giulia Rossi?");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "Questi sono i primi orari liberi con Dr. Giulia Rossi");
    Chat l = italian();
    l.say("che lingue parla la dottoressa Marino?");
    EXPECT_REPLY_HAS(l, "Lingue: italiano, inglese, spagnolo.");
    expectItalian(l);
    // "la De Luca, non la Marino": the one named after "non" is not the one wanted.
    Chat d = italian();
    d.say("vorrei vedere la dottoressa De Luca, non la Marino, per una seconda opinione. venerdì 13 lei c'è?");
    EXPECT_STATE(d, "book.slot");
    EXPECT_REPLY_HAS(d, "1. venerdì 13 marzo alle 14:00 con Dr. Anna De Luca");
    // A kind of doctor and a day asked as a question is no question for the practice's answers.
    Chat q = italian();
    q.say("medico di base il 13 verso sera, ce l'avete?");
    EXPECT_STATE(q, "book.slot");
    EXPECT_REPLY_HAS(q, "con un medico di base venerdì 13 marzo di sera");
    BOOST_TEST(d.scope.booked.empty());
    BOOST_TEST(q.scope.booked.empty());
}

BOOST_AUTO_TEST_CASE(an_italian_move_by_its_specialist_to_the_first_free_time) {
    // "quello dal cardiologo" names the appointment before "la pelle" said later; "la prima che
    // c'è" takes the earliest free time (confirmed before anything moves).
    Chat c = italian();
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("vorrei anticipare quello dal cardiologo, perché poi vengo anche per la pelle");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "spostiamo il suo appuntamento di martedì 10 marzo alle 14:30 con Dr. Alessandro Greco");
    c.say("La prima che c'è");  // the earliest free time, to confirm
    EXPECT_STATE(c, "reschedule.confirm");
    EXPECT_REPLY_HAS(c, "a martedì 3 marzo alle 09:00");
    BOOST_TEST(c.scope.rescheduled.empty());
}

BOOST_AUTO_TEST_CASE(a_task_for_an_adult_relative_is_understood_and_explained_never_done) {
    // A patient who is no caregiver asks to book or cancel for a relative: understood as that
    // task, nothing looked up or changed, and the way to a relative's own record explained. A
    // question about the relative's appointments is still refused as another person's.
    Chat c = italian();
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("vorrei prenotare una visita per mio marito, lui ha mal di schiena");
    BOOST_TEST(c.last.intent == "book_appointment");
    EXPECT_STATE(c, "idle");
    EXPECT_REPLY_HAS(c, "posso prenotare, disdire o spostare solo i suoi appuntamenti");
    EXPECT_REPLY_HAS(c, "caregiver");
    BOOST_CHECK(c.hasEvent("refused_other_person"));
    c.say("sì");
    c.say("cancel my husband's appointment on Tuesday");
    BOOST_TEST(c.last.intent == "cancel_appointment");
    BOOST_CHECK(c.last.reply.find("14:30") == std::string::npos);  // nothing of the patient's own shown
    c.say("quando ha l'appuntamento mia madre?");
    BOOST_TEST(c.last.intent == "other_person");
    BOOST_CHECK(c.scope.noChanges());
}

BOOST_AUTO_TEST_CASE(italian_references_kept_ones_and_a_move_turned_into_a_cancel) {
    // conversations_it_5's misses read after its first figure.
    const auto withTwo = [] {
        Chat c = italian();
        c.scope.addAppointment(kMarino, march(5, 10));
        c.scope.addAppointment(kGreco, march(10, 14, 30));
        return c;
    };
    // "esco tardi dall'ufficio" moves nothing: a doctor and a day asked about.
    Chat a = withTwo();
    a.say("il dott. esposito domani verso sera ha qualcosa? esco tardi dall'ufficio");
    EXPECT_STATE(a, "book.slot");
    EXPECT_REPLY_HAS(a, "Dr. Marco Esposito martedì 3 marzo");
    // "il cardiologo, Paolo, non la dottoressa di base": the one refused is not the one booked.
    Chat b = withTwo();
    b.say("vorrei prenotare dal dottor Rossi il cardiologo, Paolo, non la dottoressa di base. lunedì 16 pomeriggio");
    EXPECT_REPLY_HAS(b, "1. lunedì 16 marzo alle 15:00 con Dr. Paolo Rossi");
    // "anticipare il cardiologo ... insieme alla dermatologa": the one right after the verb.
    Chat c = withTwo();
    c.say("Vorrei anticipare il cardiologo a questo giovedì, di pomeriggio, così vengo una volta sola insieme alla dermatologa");
    EXPECT_REPLY_HAS(c, "spostiamo il suo appuntamento di martedì 10 marzo alle 14:30 con Dr. Alessandro Greco");
    // "quella di martedì prossimo invece va bene" keeps it; then "la annulli pure" cancels the one
    // being moved.
    Chat d = withTwo();
    d.say("la visita di questa settimana non posso farla. Quella di martedì prossimo invece va bene.");
    EXPECT_REPLY_HAS(d, "giovedì 5 marzo alle 10:00 con Dr. Sofia Marino");
    d.say("anzi, la annulli pure");
    EXPECT_STATE(d, "cancel.confirm");
    EXPECT_REPLY_HAS(d, "Disdico il suo appuntamento di giovedì 5 marzo alle 10:00 con Dr. Sofia Marino?");
    for (const Chat* x : {&a, &b, &c, &d}) BOOST_TEST(x->scope.noChanges());
}

BOOST_AUTO_TEST_CASE(an_italian_listing_and_cancelling) {
    Chat c = italian();
    const auto id = c.scope.addAppointment(kGiuliaRossi, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 9));
    c.say("I miei appuntamenti");  // the welcome's button
    EXPECT_REPLY_HAS(c, "I suoi prossimi appuntamenti:");
    EXPECT_REPLY_HAS(c, "giovedì 5 marzo alle 10:00 con Dr. Giulia Rossi");
    expectItalian(c);
    c.press("Disdici un appuntamento");
    EXPECT_STATE(c, "cancel.which");
    EXPECT_REPLY_HAS(c, "Quale appuntamento desidera disdire?");
    expectItalian(c);
    c.say("il primo");
    EXPECT_STATE(c, "cancel.confirm");
    EXPECT_REPLY_HAS(c, "Disdico il suo appuntamento di giovedì 5 marzo alle 10:00 con Dr. Giulia Rossi?");
    expectItalian(c);
    c.press("Sì");
    EXPECT_REPLY_HAS(c, "Fatto: ho disdetto il suo appuntamento di giovedì 5 marzo alle 10:00 con Dr. Giulia Rossi.");
    expectItalian(c);
    BOOST_TEST_REQUIRE(c.scope.cancelled.size() == 1u);
    BOOST_TEST(c.scope.cancelled[0] == id);
}

BOOST_AUTO_TEST_CASE(an_italian_emergency_starts_with_the_number) {
    Chat c = italian();
    c.say("Mio padre ha un forte dolore al petto e non riesce a respirare");
    BOOST_TEST(c.last.intent == "emergency");
    BOOST_CHECK_MESSAGE(c.last.reply.rfind("Chiami subito il 112", 0) == 0, c.log());
    EXPECT_REPLY_HAS(c, "Non ho prenotato nulla.");
    expectItalian(c);
    BOOST_CHECK(c.scope.noChanges());
}

BOOST_AUTO_TEST_CASE(an_italian_medical_question_is_refused_with_an_offer_to_book) {
    // The understanding reads medical questions in English only today ("quanti grammi di
    // paracetamolo posso prendere?" is not caught yet): a drug and a dose in an Italian
    // conversation are, and the words say nothing of a language, so the reply stays Italian.
    Chat c = italian();
    c.say("Buongiorno");
    c.say("ibuprofen 400 mg dose?");
    BOOST_TEST(c.last.intent == "medical_advice");
    EXPECT_REPLY_HAS(c, "Non posso dare consigli medici");
    EXPECT_REPLY_HAS(c, "Vuole che le prenoti un appuntamento con un medico?");
    expectItalian(c);
    c.press("Prenota un appuntamento");
    EXPECT_STATE(c, "book.specialty");
    expectItalian(c);
}

BOOST_AUTO_TEST_CASE(an_italian_question_about_someone_else_confirms_nothing) {
    Chat c = italian();
    c.say("Quando è il prossimo appuntamento di Giovanni Bianchi?");
    BOOST_TEST(c.last.intent == "other_person");
    BOOST_TEST(c.last.reply == "Mi dispiace, posso aiutarla solo con i suoi appuntamenti e con domande generali sullo "
                               "studio. Non posso condividere né confermare nulla su altre persone.");
    expectItalian(c);
}

BOOST_AUTO_TEST_CASE(a_caregiver_reads_italian_with_the_patients_name) {
    Chat c = italian();
    c.scope.caregiver = true;
    c.scope.firstName = "Luca";
    c.scope.addAppointment(kRicci, march(4, 9));
    c.say("I miei appuntamenti");
    EXPECT_REPLY_HAS(c, "I prossimi appuntamenti di Luca:");
    expectItalian(c);
}

BOOST_AUTO_TEST_CASE(yes_and_ok_keep_the_language_and_a_switch_switches) {
    Chat c = italian();
    c.say("Vorrei prenotare una visita");
    EXPECT_STATE(c, "book.specialty");
    c.say("ok");
    BOOST_TEST(c.last.lang == "it");
    expectItalian(c);
    // The patient goes on in English: the replies follow.
    c.say("Sorry, I'd like to see a cardiologist next week please");
    BOOST_TEST(c.last.lang == "en");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "These are the earliest free times with a cardiologist");
    c.say("2");
    BOOST_TEST(c.last.lang == "en");
    EXPECT_REPLY_HAS(c, "What is the visit for?");
    // ... and back to Italian.
    c.say("Una visita di controllo per la pressione");
    BOOST_TEST(c.last.lang == "it");
    expectItalian(c);
}

BOOST_AUTO_TEST_CASE(an_english_conversation_on_an_italian_page_is_english) {
    Chat c = italian();
    c.say("I'd like to book an appointment with a dermatologist");
    BOOST_TEST(c.last.lang == "en");
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "When would you like to come with a dermatologist?");
    c.say("sì");  // an Italian "yes" alone: still English
    BOOST_TEST(c.last.lang == "en");
}

BOOST_AUTO_TEST_SUITE_END()

// A yes with thanks or a repeated order after it is a yes; a yes with a "but" is not.
BOOST_AUTO_TEST_CASE(a_yes_with_more_words_confirms_but_a_yes_with_a_but_does_not) {
    Chat c = italian();
    c.say("vorrei prenotare con la dottoressa Marino il primo orario disponibile");
    c.say("la prima va bene");
    EXPECT_STATE(c, "book.reason");
    c.say("salta");
    EXPECT_STATE(c, "book.confirm");
    c.say("Sì, confermo. Grazie mille, gentilissimi.");
    EXPECT_STATE(c, "idle");
    BOOST_TEST(c.scope.booked.size() == 1u);

    Chat d = italian();
    d.scope.addAppointment(kMarino, march(5, 10));
    d.say("disdici l'appuntamento di giovedì");
    EXPECT_STATE(d, "cancel.confirm");
    d.say("sì, ma prima dimmi a che ora era");
    BOOST_TEST(d.scope.cancelled.empty());
    d.say("sì, annullatelo pure");
    BOOST_TEST(d.scope.cancelled.size() == 1u);
}
