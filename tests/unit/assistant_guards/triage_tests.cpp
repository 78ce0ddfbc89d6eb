// Triage as patients type it: emergencies in many words, spellings and typos; what is not an
// emergency (negations, the past, questions about the practice); medical advice questions;
// and booking or practice questions that only look like them.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "assistant/engine/guards.hpp"

using namespace medassist::assistant::engine;

namespace {

struct Case {
    const char* text;
    const char* label = nullptr;  // expected label; none or "" when any will do
};

void expectKind(const std::vector<Case>& cases, TriageKind kind) {
    for (const auto& c : cases) {
        const auto t = triage(c.text);
        BOOST_TEST_CONTEXT("message: \"" << c.text << "\" (label " << t.label << ")") {
            BOOST_TEST((t.kind == kind));
            if (c.label && *c.label && t.kind == kind) BOOST_TEST(t.label == c.label);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(triage_rules)

BOOST_AUTO_TEST_CASE(emergencies_are_recognised_however_they_are_written) {
    expectKind(
        {
            {"I have chest pain", "chest_pain"},
            {"my mum's not making sense and one side of her face looks odd", "stroke"},
            {"i have a knife and i'm thinking of using it on myself", "suicide"},
            {"I can't stop shaking and I took way more insulin than I should have", "overdose"},
            {"my chest hurts really bad", "chest_pain"},
            {"there's a crushing pressure in my chest", "chest_pain"},
            {"Tightness across my chest and my left arm is numb", "chest_pain"},
            {"tight chest, sweating", "chest_pain"},
            {"I think I'm having a heart attack", "chest_pain"},
            {"my dad is having a hart attack!!", "chest_pain"},
            {"chset pain since an hour", "chest_pain"},
            {"CHEST PAIN", "chest_pain"},
            {"pain in my chest spreading to my jaw", "chest_pain"},
            {"I can't breathe", "breathing"},
            {"i cant breath properly", "breathing"},
            {"my son is having trouble breathing", "breathing"},
            {"difficulty breathing and wheezing", "breathing"},
            {"she's struggling to breathe", "breathing"},
            {"I am really short of breath and it's getting worse", "breathing"},
            {"he is not breathing", "breathing"},
            {"my baby is choking", "choking"},
            {"I think my mum is having a stroke", "stroke"},
            {"his face is drooping on one side", "stroke"},
            {"her speech is slurred and she's confused", "stroke"},
            {"sudden numbness in my left arm", "stroke"},
            {"my left side is numb and weak", "stroke"},
            {"I suddenly can't see out of one eye", "stroke"},
            {"worst headache of my life", "stroke"},
            {"I cut my hand and the bleeding won't stop", "bleeding"},
            {"bleeding heavily from a wound", "bleeding"},
            {"there's blood everywhere", "bleeding"},
            {"he's coughing up blood", "bleeding"},
            {"my husband collapsed and is unconscious", "unconscious"},
            {"she passed out and won't wake up", "unconscious"},
            {"I fainted twice this morning", "unconscious"},
            {"my son is having a seizure", "seizure"},
            {"she's having a fit", "seizure"},
            {"anaphylactic shock after a bee sting", "allergy"},
            {"my throat is swelling up after eating peanuts", "allergy"},
            {"I'm having an allergic reaction and my lips are swollen", "allergy"},
            {"I took too many pills", "poisoning"},
            {"my toddler swallowed bleach", "poisoning"},
            {"I think I overdosed on paracetamol", "poisoning"},
            {"I want to kill myself", "suicide"},
            {"i feel suicidal", "suicide"},
            {"I want to end my life", "suicide"},
            {"I don't want to live anymore", "suicide"},
            {"I've been self-harming again", "suicide"},
            {"I keep thinking about hurting myself", "suicide"},
            {"severe burns on my arm from boiling water", "burns"},
            {"he hit his head and keeps vomiting", "head_injury"},
            {"This is an emergency!", "emergency"},
            {"please call an ambulance", "emergency"},
            {"emergency", "emergency"},
            {"I was stabbed", "injury"},
            {"I'd like to book an appointment, I have chest pain right now", "chest_pain"},
            {"ich habe chest pain und cant breathe", ""},
            {"c h e s t pain", ""},
            // Decisions: a question about a symptom or a crisis line is answered as an emergency.
            {"what should I do if I have chest pain?", "chest_pain"},
            {"suicide prevention hotline number?", "suicide"},
            {"should I call 911?", "emergency"},
        },
        TriageKind::Emergency);
}

BOOST_AUTO_TEST_CASE(typos_and_spellings_still_count) {
    expectKind(
        {
            {"I cant breathe", "breathing"},
            {"having trouble breating", "breathing"},
            {"my daughter is having a siezure", "seizure"},
            {"he is unconcious", "unconscious"},
            {"my wife is chocking", "choking"},
            {"I'm haemorrhaging", "bleeding"},
            {"I'm hemorrhaging", "bleeding"},
            {"I feel suicidle", "suicide"},
            {"I think he had a storke just now", "stroke"},
            {"anaphalactic reaction", "allergy"},
            {"I overdozed", "poisoning"},
            {"can\xE2\x80\x99t breathe", "breathing"},  // typographic apostrophe
        },
        TriageKind::Emergency);
}

BOOST_AUTO_TEST_CASE(negations_the_past_and_practice_questions_are_not_emergencies) {
    expectKind(
        {
            {"no chest pain, just a cough"},
            {"Do you have a defibrillator at the practice? Just curious"},
            {"server crashed, need help ASAP"},
            {"I don't have trouble breathing"},
            {"it's not an emergency, I need a check-up"},
            {"not an emergency"},
            {"I never had a seizure"},
            {"I'd like a follow-up for my chest pain from last year"},
            {"I had a stroke in 2019 and need a check-up"},
            {"my father had a heart attack 10 years ago, can I see a cardiologist?"},
            {"family history of heart attack"},
            {"what number do I call in an emergency?"},
            {"is there an emergency number?"},
            {"do you have emergency appointments?"},
            {"what are your opening hours?"},
            {"book me with Dr Rossi next Tuesday"},
            {"I need a dermatologist for a rash"},
            {"my chest x-ray results"},
            {"I'm dying to know when my appointment is"},
            {"I had food poisoning last month"},
            {"can I get a flu shot?"},
            {"I cut myself shaving, nothing serious"},
            {"my gums bleed a lot when I brush"},
            {"sunstroke prevention tips for the summer?"},
            {"I'm cooking dinner, can you call me back later"},
            {"I painted my room"},
            {"heat stroke"},
            {"the chest of drawers"},
            {"I'm not sure it's urgent, can I book for Friday"},
            {"my chest doesn't hurt anymore"},
            {"I'm not suicidal, just a bit down, can I see a GP?"},
            {"no trouble breathing at all"},
            {"she is not bleeding"},
            {"I used to self-harm years ago"},
            {"I get a bit short of breath climbing stairs"},
            {"my father had a heart attack in 2015"},
            {"hi"},
            {""},
        },
        TriageKind::None);
}

BOOST_AUTO_TEST_CASE(uncertainty_is_not_a_negation) {
    expectKind(
        {
            {"not sure but I think I'm having a heart attack", "chest_pain"},
            {"I don't know if it's a stroke, her face is drooping", "stroke"},
            {"I had a heart attack last year and now I have chest pain again", "chest_pain"},
        },
        TriageKind::Emergency);
}

BOOST_AUTO_TEST_CASE(medical_advice_questions_are_recognised) {
    expectKind(
        {
            {"what should I take for a headache", "medication"},
            {"how many ibuprofen can I take", "dosage"},
            {"how much paracetamol can I give my 5 year old", "dosage"},
            {"what's the dose of amoxicillin for a child", "dosage"},
            {"is 2 ibuprofen ok", "dosage"},
            {"is this rash serious", "diagnosis"},
            {"do I have diabetes", "diagnosis"},
            {"could it be cancer?", "diagnosis"},
            {"can I stop taking my antibiotics", "medication"},
            {"can I drink alcohol with antibiotics?", "medication"},
            {"what are the side effects of metformin", "medication"},
            {"how do I get rid of acne", "treatment"},
            {"what's good for a sore throat", "treatment"},
            {"is my blood pressure too high if it's 150/95?", "diagnosis"},
            {"what does it mean if my cholesterol results are high", "diagnosis"},
            {"why do I keep getting headaches", "diagnosis"},
            {"am I pregnant", "diagnosis"},
            {"whats wrong with me", "diagnosis"},
            {"can you diagnose my rash", "diagnosis"},
            {"ibuprofen or paracetamol for a fever?", "medication"},
            {"is 38.5 a fever", "diagnosis"},
            {"how often can I take ibuprofin", "dosage"},
            {"I have a rash on my arm, is it contagious?", "diagnosis"},
        },
        TriageKind::MedicalAdvice);
}

BOOST_AUTO_TEST_CASE(booking_and_practice_questions_are_not_medical_advice) {
    expectKind(
        {
            {"book a dermatologist for my rash"},
            {"how do I get a prescription refill"},
            {"do you do blood tests"},
            {"do you treat acne?"},
            {"how many appointments can I book"},
            {"how much does a visit cost"},
            {"can I take my son to the appointment"},
            {"do I have an appointment tomorrow?"},
            {"do I have to bring my insurance card"},
            {"I'd like to see a doctor about my headaches"},
            {"what time should I arrive"},
            {"can the doctor prescribe antibiotics?"},
            {"I need a repeat prescription for my inhaler"},
            {"is the 9:30 ok"},
            {"can I have an appointment on Friday"},
            {"what documents should I take with me"},
            {"which doctor should I see for my skin"},
        },
        TriageKind::None);
}

BOOST_AUTO_TEST_CASE(replies_start_with_the_number_and_book_nothing) {
    const auto r = emergencyReply("112");
    BOOST_TEST(r.rfind("Call 112 now", 0) == 0u);
    BOOST_TEST(r.find("not booked") != std::string::npos);
    BOOST_TEST(emergencyReply("118").rfind("Call 118 now", 0) == 0u);
    const auto a = medicalAdviceReply();
    BOOST_TEST(a.rfind("I can't give medical advice", 0) == 0u);
    BOOST_TEST(a.find("book an appointment") != std::string::npos);
}

// Issue 17: the practice is in Rome, and an emergency written in Italian gets 112 as surely
// as one in English. (Examples written for this test; the Italian evaluation set is separate.)
BOOST_AUTO_TEST_CASE(italian_emergencies_are_recognised) {
    expectKind(
        {
            {"ho un forte dolore al petto e faccio fatica a respirare", "chest_pain"},
            {"mi fa malissimo il petto", ""},
            {"il petto mi fa male da mezz'ora e sudo freddo", "chest_pain"},
            {"credo che mio padre abbia un infarto", "chest_pain"},
            {"penso sia un attacco di cuore", "chest_pain"},
            {"non riesco a respirare", "breathing"},
            {"mio figlio non respira!!", "breathing"},
            {"mi manca l'aria, aiuto", "breathing"},
            {"ha le labbra blu", "breathing"},
            {"mia madre ha la bocca storta e non riesce a parlare", "stroke"},
            {"forse è un ictus", "stroke"},
            {"sanguina tantissimo, non si ferma", "bleeding"},
            // Roman: "nun" for "non", "se" for "si"
            {"er sangue nun se ferma da mezz'ora", "bleeding"},
            {"nun riesco a respirare bene", "breathing"},
            {"sto perdendo molto sangue", "bleeding"},
            {"voglio farla finita", "suicide"},
            {"non voglio più vivere", "suicide"},
            {"mio figlio ha preso 20 pastiglie di tachipirina", "overdose"},
            {"ha ingoiato la candeggina", "overdose"},
            {"mio marito è svenuto e non si sveglia", "unconscious"},
            {"ha le convulsioni", "seizure"},
            {"punto da una vespa, ho la gola che si chiude", "anaphylaxis"},
            {"mi si sono rotte le acque", "labour"},
            {"chiamate un'ambulanza", "emergency"},
            // a friend, Roman "pe' tera", a fit seen in the street, slurred speech (issue 17)
            {"il mio amico ha preso troppa roba alla festa e non si muove", "unconscious"},
            {"ahò aiuto, mi' padre s'è sentito male, sta pe' tera e nun parla", "unconscious"},
            {"un ragazzo è caduto dalla bici e ha una crisi, trema tutto", "seizure"},
            {"mio marito da stamattina parla biascicato e gli cade il cucchiaio", "stroke"},
            // "ma" turns the sentence: what came before negates nothing after it
            {"pensavo fosse niente ma il sangue non si ferma da 10 minuti", "bleeding"},
            {"è un'emergenza", "emergency"},
            {"aiuto, subito!", "emergency"},
        },
        TriageKind::Emergency);
}

BOOST_AUTO_TEST_CASE(italian_look_alikes_are_not_emergencies) {
    for (const char* text : {"vorrei prenotare gli esami del sangue", "quali sono gli orari di apertura?",
                             "non ho dolore al petto, solo un po' di tosse", "c'è un parcheggio?",
                             "il telefono non risponde", "la macchina non si muove", "ricetta del petto di pollo",
                             "l'ambulatorio è aperto sabato?", "non riesco ad alzare il volume della tv",
                             "devo fare un controllo dopo l'infarto",
                             // pets, messages, machines, the colour of the sky
                             "il criceto di mio figlio non si muove più, aiuto",
                             "la maestra di mio figlio non risponde ai messaggi, che faccio?",
                             "la batteria dell'auto ha avuto un infarto stamattina, ahah",
                             "la mia bimba vuole sapere perché il cielo è blu"}) {
        const auto t = triage(text);
        BOOST_TEST_CONTEXT("message: \"" << text << "\" (label " << t.label << ")") {
            BOOST_TEST((t.kind != TriageKind::Emergency));
        }
    }
}

// Read in the fifth session (en_final_7, en_final_8, it_final_7): emergencies said without the
// usual words, and look-alikes from screens, pets, heat, banks and leaking ceilings.
BOOST_AUTO_TEST_CASE(fifth_session_emergencies_and_look_alikes) {
    for (const char* text :
         {"My partner cut his wrists", "I don't think I can keep myself safe tonight",
          "I'm bleeding through towel after towel", "I just want everything to stop, I have the pills in front of me",
          "I've lost the ability to speak properly in the last few minutes",
          "my husband can't lift his right arm and his speech is muddled since lunch",
          "my 6 month old is not feeding, very floppy and hard to wake",
          "my neighbour is lying at the bottom of the stairs and not answering",
          "I drank a bottle of vodka and took my anxiety meds", "I can't go on, I'm standing on the bridge",
          "aiuto mio marito cade per terra, non parla, occhi fissi, cosa fare", "aiuto subito, mio padre non respira"}) {
        const auto t = triage(text);
        BOOST_TEST_CONTEXT("message: \"" << text << "\"") { BOOST_TEST((t.kind == TriageKind::Emergency)); }
    }
    for (const char* text : {"It's so hot I'm going to die", "My rabbit isn't moving much",
                             "My screen is bleeding colours, is my monitor dying?",
                             "car accident, no one hurt, just a scratch, how do I fill in the CAI form?",
                             "c'è stata una frode sulla mia carta, aiuto subito",
                             "perde acqua dal soffitto, il vicino di sopra non risponde",
                             "I was lying in bed not answering my phone", "ma per fortuna è sparita da sola"}) {
        const auto t = triage(text);
        BOOST_TEST_CONTEXT("message: \"" << text << "\" (label " << t.label << ")") {
            BOOST_TEST((t.kind != TriageKind::Emergency));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
