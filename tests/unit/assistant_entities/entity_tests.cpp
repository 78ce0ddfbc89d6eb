// Doctors, specialties and picks from a list, as a patient would type them; and how they
// sit beside the dates and times the datetime extractor takes first.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "assistant/engine/entity_extractor.hpp"

using namespace medassist::assistant::engine;
using medassist::scheduling::LocalDate;

namespace {

constexpr LocalDate kMonday{2026, 3, 2};  // today in every test: Monday 2 March 2026, 9:00
constexpr int kNine = 9 * 60;

constexpr std::int64_t kRossi = 1, kEsposito = 2, kRicci = 3, kGallo = 4, kGreco = 5, kMarino = 6, kWhite = 7,
                       kDeLuca = 8, kDAngelo = 9, kBianchi = 10, kNeri = 11, kPaoloRossi = 12, kRosso = 13;

// The demo practice's doctors, and a few names that test the rules.
std::vector<DoctorName> practiceDoctors() {
    return {
        {kRossi, "Dr. Giulia Rossi", "general-practice"},
        {kEsposito, "Dr. Marco Esposito", "general-practice"},
        {kRicci, "Dr. Chiara Ricci", "pediatrics"},
        {kGallo, "Dr. Francesca Gallo", "pediatrics"},
        {kGreco, "Dr. Alessandro Greco", "cardiology"},
        {kMarino, "Dr. Sofia Marino", "dermatology"},
        {kWhite, "Dr. Emma White", "general-practice"},         // a surname that is an English word
        {kDeLuca, "Dott.ssa Anna De Luca", "dermatology"},      // a particle
        {kDAngelo, "Dr. Luca D'Angelo", "cardiology"},          // an apostrophe
        {kBianchi, "Prof. Niccol\xC3\xB2 Bianchi", "cardiology"},  // an accent
        {kNeri, "Dr. Paola Neri", "pediatrics"},                // a short surname: no typos
    };
}

const DoctorMatcher& practice() {
    static const DoctorMatcher m(practiceDoctors());
    return m;
}

// Two Rossis, and a Rosso one letter away.
const DoctorMatcher& twoRossis() {
    static const DoctorMatcher m = [] {
        auto doctors = practiceDoctors();
        doctors.push_back({kPaoloRossi, "Dr. Paolo Rossi", "cardiology"});
        doctors.push_back({kRosso, "Dr. Marta Rosso", "dermatology"});
        return DoctorMatcher(doctors);
    }();
    return m;
}

const SpecialtyMatcher& specialties() {
    static const SpecialtyMatcher m;
    return m;
}

std::string spanOf(const std::string& text, const DoctorMatch& m) { return text.substr(m.begin, m.end - m.begin); }

std::string showIds(const std::vector<std::int64_t>& ids) {
    std::string out = "{";
    for (auto id : ids) {
        if (out.size() > 1) out += ',';
        out += std::to_string(id);
    }
    out += '}';
    return out;
}

std::string show(const std::optional<std::string>& s) { return s ? *s : "-"; }
std::string show(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

// One mention of exactly these doctors, covering exactly `span`.
void expectDoctor(const DoctorMatcher& matcher, const std::string& text, std::vector<std::int64_t> ids,
                  const std::string& span) {
    const auto got = matcher.find(text);
    BOOST_TEST_REQUIRE(got.size() == 1u, "'" << text << "': " << got.size() << " mentions, want 1");
    auto sorted = got[0].doctorIds;
    std::sort(sorted.begin(), sorted.end());
    std::sort(ids.begin(), ids.end());
    BOOST_TEST((sorted == ids), "'" << text << "': doctors " << showIds(sorted) << ", want " << showIds(ids));
    BOOST_TEST(spanOf(text, got[0]) == span, "'" << text << "': span '" << spanOf(text, got[0]) << "'");
    BOOST_TEST(got[0].ambiguous() == (ids.size() > 1), "'" << text << "'");
}

void expectNoDoctor(const DoctorMatcher& matcher, const std::string& text) {
    const auto got = matcher.find(text);
    BOOST_TEST(got.empty(), "'" << text << "' found " << (got.empty() ? "" : showIds(got[0].doctorIds)) << " at '"
                                << (got.empty() ? "" : spanOf(text, got[0])) << "'");
}

Entities extract(const std::string& text, const DoctorMatcher& doctors = practice()) {
    return extractEntities(text, kMonday, kNine, doctors, specialties());
}

}  // namespace

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(doctors)

BOOST_AUTO_TEST_CASE(every_way_of_naming_a_doctor) {
    const std::vector<std::pair<std::string, std::string>> rossi{
        {"Dr. Rossi", "Dr. Rossi"},
        {"Dr Rossi", "Dr Rossi"},
        {"dr rossi", "dr rossi"},
        {"Dr.Rossi", "Dr.Rossi"},
        {"DR ROSSI", "DR ROSSI"},
        {"doctor rossi", "doctor rossi"},
        {"Doctor Rossi please", "Doctor Rossi"},
        {"Rossi", "Rossi"},
        {"rossi", "rossi"},
        {"Giulia Rossi", "Giulia Rossi"},
        {"giulia rossi", "giulia rossi"},
        {"GIULIA ROSSI", "GIULIA ROSSI"},
        {"Dr Giulia Rossi", "Dr Giulia Rossi"},
        {"Dr. G. Rossi", "Dr. G. Rossi"},
        {"G. Rossi", "G. Rossi"},
        {"Rossi Giulia", "Rossi Giulia"},
        {"Dr Giulia", "Dr Giulia"},
        {"Dott.ssa Rossi", "Dott.ssa Rossi"},
        {"can I see Dr Rossi on Friday?", "Dr Rossi"},
        {"I'd like an appointment with doctor Rossi please", "doctor Rossi"},
        {"is Dr. Rossi's clinic open", "Dr. Rossi's"},
        {"when is rossi free", "rossi"},
    };
    for (const auto& [text, span] : rossi) expectDoctor(practice(), text, {kRossi}, span);
    expectDoctor(practice(), "Dr Marino", {kMarino}, "Dr Marino");
    expectDoctor(practice(), "when is Dr. Marino free next", {kMarino}, "Dr. Marino");
    expectDoctor(practice(), "book me with Greco", {kGreco}, "Greco");
    expectDoctor(practice(), "Dr Esposito tomorrow at 9", {kEsposito}, "Dr Esposito");
    expectDoctor(practice(), "my son sees Dr Ricci", {kRicci}, "Dr Ricci");
    expectDoctor(practice(), "Francesca Gallo", {kGallo}, "Francesca Gallo");
    expectDoctor(practice(), "Dr Neri", {kNeri}, "Dr Neri");
}

BOOST_AUTO_TEST_CASE(particles_apostrophes_and_accents) {
    expectDoctor(practice(), "Dott.ssa De Luca", {kDeLuca}, "Dott.ssa De Luca");
    expectDoctor(practice(), "dr de luca", {kDeLuca}, "dr de luca");
    expectDoctor(practice(), "dr deluca", {kDeLuca}, "dr deluca");
    expectDoctor(practice(), "Anna De Luca", {kDeLuca}, "Anna De Luca");
    expectDoctor(practice(), "Dr D'Angelo", {kDAngelo}, "Dr D'Angelo");
    expectDoctor(practice(), "Dr D\xE2\x80\x99" "Angelo", {kDAngelo}, "Dr D\xE2\x80\x99" "Angelo");
    expectDoctor(practice(), "dr dangelo", {kDAngelo}, "dr dangelo");
    expectDoctor(practice(), "dr d angelo", {kDAngelo}, "dr d angelo");
    expectDoctor(practice(), "Vorrei il Prof. Niccol\xC3\xB2 Bianchi", {kBianchi}, "Prof. Niccol\xC3\xB2 Bianchi");
    expectDoctor(practice(), "dr niccolo bianchi", {kBianchi}, "dr niccolo bianchi");
    expectDoctor(practice(), "Dr Niccol\xC3\xB2", {kBianchi}, "Dr Niccol\xC3\xB2");
}

BOOST_AUTO_TEST_CASE(one_typo_in_a_name_of_five_letters_or_more) {
    expectDoctor(practice(), "dr rosi", {kRossi}, "dr rosi");
    expectDoctor(practice(), "Dr Rossii", {kRossi}, "Dr Rossii");
    expectDoctor(practice(), "dr greko", {kGreco}, "dr greko");
    expectDoctor(practice(), "Dr Marnio", {kMarino}, "Dr Marnio");      // two letters swapped
    expectDoctor(practice(), "dr exposito", {kEsposito}, "dr exposito");
    expectDoctor(practice(), "Dr Esposto", {kEsposito}, "Dr Esposto");  // a letter dropped
    expectDoctor(practice(), "dr rici", {kRicci}, "dr rici");
    expectDoctor(practice(), "Dr Guilia Rossi", {kRossi}, "Dr Guilia Rossi");
    expectDoctor(practice(), "giulia rosi", {kRossi}, "giulia rosi");
    expectDoctor(practice(), "Can I see Rosi please", {kRossi}, "Rosi");  // capitalised in mid-sentence
    BOOST_TEST(practice().find("dr rosi")[0].edits == 1);
    BOOST_TEST(practice().find("dr rossi")[0].edits == 0);

    expectNoDoctor(practice(), "dr nery");                // four letters: exact only
    expectNoDoctor(practice(), "can i see rosi please");  // a lower-case typo without a title
    expectNoDoctor(practice(), "Rosi please");            // a capital that only starts the sentence
    expectNoDoctor(practice(), "dr rosa");                // two edits
    expectNoDoctor(practice(), "dr gallon");              // an English word is never a typo of a name
    expectNoDoctor(practice(), "a gallon of water");
    expectNoDoctor(practice(), "what did the doctor write about it");  // not Dr. White
    expectNoDoctor(practice(), "the doctor rosi");  // after the word "doctor", a typo needs a capital
    expectDoctor(practice(), "the Doctor Rosi", {kRossi}, "Doctor Rosi");
    expectDoctor(practice(), "doctor Rosi", {kRossi}, "doctor Rosi");
    expectNoDoctor(practice(), "I read the marina guide");
}

BOOST_AUTO_TEST_CASE(two_doctors_who_fit_are_both_returned) {
    expectDoctor(twoRossis(), "Dr. Rossi", {kRossi, kPaoloRossi}, "Dr. Rossi");
    expectDoctor(twoRossis(), "can I see rossi tomorrow", {kRossi, kPaoloRossi}, "rossi");
    expectDoctor(twoRossis(), "dr rosi", {kRossi, kPaoloRossi}, "dr rosi");
    // the given name narrows; an exact surname beats one a typo away
    expectDoctor(twoRossis(), "Giulia Rossi", {kRossi}, "Giulia Rossi");
    expectDoctor(twoRossis(), "Dr Paolo Rossi", {kPaoloRossi}, "Dr Paolo Rossi");
    expectDoctor(twoRossis(), "Rossi Paolo", {kPaoloRossi}, "Rossi Paolo");
    expectDoctor(twoRossis(), "Dr Rosso", {kRosso}, "Dr Rosso");
    expectDoctor(twoRossis(), "Dr Rossa", {kRossi, kPaoloRossi, kRosso}, "Dr Rossa");
    // a given name nobody has: the surname decides
    expectDoctor(twoRossis(), "Dr Mario Rossi", {kRossi, kPaoloRossi}, "Dr Mario Rossi");
}

BOOST_AUTO_TEST_CASE(several_mentions_in_text_order) {
    const std::string text = "Dr. Rossi or Dr. Marino, whoever is free";
    const auto got = practice().find(text);
    BOOST_TEST_REQUIRE(got.size() == 2u);
    BOOST_TEST(showIds(got[0].doctorIds) == showIds({kRossi}));
    BOOST_TEST(spanOf(text, got[0]) == "Dr. Rossi");
    BOOST_TEST(showIds(got[1].doctorIds) == showIds({kMarino}));
    BOOST_TEST(spanOf(text, got[1]) == "Dr. Marino");
}

BOOST_AUTO_TEST_CASE(surnames_that_are_english_words_need_a_title_or_a_capital) {
    expectDoctor(practice(), "Dr White", {kWhite}, "Dr White");
    expectDoctor(practice(), "doctor white please", {kWhite}, "doctor white");
    expectDoctor(practice(), "I'd like to see White on Friday", {kWhite}, "White");
    expectDoctor(practice(), "Emma White", {kWhite}, "Emma White");
    expectNoDoctor(practice(), "white");
    expectNoDoctor(practice(), "a white wall in the waiting room");
    expectNoDoctor(practice(), "White is fine");  // capitalised only because it starts the sentence
}

BOOST_AUTO_TEST_CASE(another_persons_name_is_not_a_doctor) {
    expectNoDoctor(practice(), "what time is Maria Rossi's appointment?");
    expectNoDoctor(practice(), "Maria Rossi");
    expectNoDoctor(practice(), "when is Mario Verdi's next appointment");  // not Marino with a typo
    expectNoDoctor(practice(), "look up Rossi Mario");
    expectNoDoctor(practice(), "Marco Rossi");             // Marco is Dr. Esposito's first name, not Rossi's
    expectNoDoctor(practice(), "my son Marco needs a check-up");  // a first name alone needs a title
    expectNoDoctor(practice(), "Giulia");
    expectNoDoctor(practice(), "I need a doctor");
    expectNoDoctor(practice(), "I need a doctor who speaks English");
}

BOOST_AUTO_TEST_CASE(words_inside_skipped_spans_are_not_read_and_no_doctors_match_nothing) {
    BOOST_TEST(practice().find("Dr Rossi", {{3, 8}}).empty());
    BOOST_TEST(DoctorMatcher().find("Dr Rossi").empty());
    BOOST_TEST(practice().byId(kGreco)->displayName == "Dr. Alessandro Greco");
    BOOST_TEST(practice().byId(999) == nullptr);
    BOOST_TEST(practice().find("").empty());
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(specialty)

void expectSpecialty(const std::string& text, const std::optional<std::string>& want,
                     const std::optional<std::string>& hint = std::nullopt) {
    const auto e = extract(text);
    BOOST_TEST((e.specialty == want), "'" << text << "': specialty " << show(e.specialty) << ", want " << show(want));
    BOOST_TEST((e.specialtyHint == hint),
               "'" << text << "': hint " << show(e.specialtyHint) << ", want " << show(hint));
}

BOOST_AUTO_TEST_CASE(the_four_slugs) {
    BOOST_TEST((SpecialtyMatcher::slugs() ==
                std::vector<std::string>{"general-practice", "pediatrics", "cardiology", "dermatology"}));
}

BOOST_AUTO_TEST_CASE(lay_words_for_each_specialty) {
    const std::vector<std::pair<std::string, std::string>> rows{
        {"I'd like to see a GP", "general-practice"},
        {"G.P. please", "general-practice"},
        {"a family doctor", "general-practice"},
        {"general practitioner", "general-practice"},
        {"my doctor", "general-practice"},
        {"a regular doctor", "general-practice"},
        {"just a check-up", "general-practice"},
        {"a checkup", "general-practice"},
        {"a check up", "general-practice"},
        {"family physician", "general-practice"},
        {"primary care", "general-practice"},
        {"a paediatrician", "pediatrics"},
        {"a pediatrician", "pediatrics"},
        {"paediatrics", "pediatrics"},
        {"the children's doctor", "pediatrics"},
        {"the childrens doctor", "pediatrics"},
        {"a kids doctor", "pediatrics"},
        {"an appointment for my son", "pediatrics"},
        {"for my daughter", "pediatrics"},
        {"for my child", "pediatrics"},
        {"for my kid", "pediatrics"},
        {"for my kids", "pediatrics"},
        {"for my baby", "pediatrics"},
        {"for my toddler", "pediatrics"},
        {"for our little one", "pediatrics"},
        {"my little one is unwell", "pediatrics"},
        {"my baby has a temperature", "pediatrics"},
        {"my 4 year old", "pediatrics"},
        {"for my 3-year-old", "pediatrics"},
        {"a 6 month old", "pediatrics"},
        {"my 4yo", "pediatrics"},
        {"a heart specialist", "cardiology"},
        {"a heart doctor", "cardiology"},
        {"a cardiologist", "cardiology"},
        {"cardiology", "cardiology"},
        {"a heart check-up", "cardiology"},
        {"something about my heart", "cardiology"},
        {"I need an ECG", "cardiology"},
        {"an EKG", "cardiology"},
        {"a skin doctor", "dermatology"},
        {"need a skin doc", "dermatology"},
        {"w a family doc monday", "general-practice"},
        {"a heart doc", "cardiology"},
        // Italian lay names (issue 17)
        {"vedere dottore per la pelle", "dermatology"},
        {"quello di famiglia", "general-practice"},
        {"me serve er dottore de famija", "general-practice"},
        {"er medico de base", "general-practice"},
        {"un medico per il cuore", "cardiology"},
        {"a dermatologist", "dermatology"},
        {"dermatology", "dermatology"},
        {"a skin check", "dermatology"},
        {"a mole check", "dermatology"},
        {"a mole on my back", "dermatology"},
        {"my acne", "dermatology"},
        {"eczema", "dermatology"},
        {"psoriasis again", "dermatology"},
    };
    for (const auto& [text, slug] : rows) expectSpecialty(text, slug);
}

BOOST_AUTO_TEST_CASE(spellings_plurals_and_typos) {
    const std::vector<std::pair<std::string, std::string>> rows{
        {"dermatoligist", "dermatology"},   {"dermotologist", "dermatology"}, {"Dermatologists", "dermatology"},
        {"cardiolgist", "cardiology"},      {"cardiologyst", "cardiology"},   {"CARDIOLOGIST", "cardiology"},
        {"peadiatrician", "pediatrics"},    {"pediatrican", "pediatrics"},    {"paediatricians", "pediatrics"},
        {"general practioner", "general-practice"},
    };
    for (const auto& [text, slug] : rows) expectSpecialty(text, slug);
}

BOOST_AUTO_TEST_CASE(symptoms_are_only_hints) {
    expectSpecialty("my son has a rash", std::nullopt, "dermatology");
    expectSpecialty("itchy skin", std::nullopt, "dermatology");
    expectSpecialty("I get palpitations", std::nullopt, "cardiology");
    expectSpecialty("my blood pressure is high", std::nullopt, "cardiology");
    expectSpecialty("I have a fever and a cough", std::nullopt, "general-practice");
    expectSpecialty("a repeat prescription", std::nullopt, "general-practice");
    expectSpecialty("nappy rash", std::nullopt, "pediatrics");
    // a named specialty leaves no hint
    expectSpecialty("a dermatologist for a rash", "dermatology");
}

BOOST_AUTO_TEST_CASE(the_strongest_words_win) {
    expectSpecialty("a check-up for my son", "pediatrics");           // a child beats a doctor in general
    expectSpecialty("a dermatologist for my daughter", "dermatology");  // a named specialist beats a child
    expectSpecialty("a GP appointment for my son", "general-practice");
    expectSpecialty("eczema, for my daughter", "pediatrics");          // a child beats a condition
    expectSpecialty("my doctor about my acne", "dermatology");         // a condition beats a doctor in general
    expectSpecialty("a cardiologist, no, a dermatologist", "dermatology");  // the last among equals
}

BOOST_AUTO_TEST_CASE(words_that_name_no_specialty) {
    // A doctor in general names no specialty; in a family practice it suggests a GP (the
    // patient confirms), as a symptom suggests its kind.
    for (const char* text : {"my doctor's appointment", "I need a doctor", "c'è posto dal medico?"}) {
        const auto e = extract(text);
        BOOST_TEST(!e.specialty, "'" << text << "' read as " << show(e.specialty));
        BOOST_TEST((e.specialtyHint == std::optional<std::string>("general-practice")), "'" << text << "'");
    }
    for (const char* text : {"my 30 year old son", "my 16 year old",
                             "any spots left this week?", "my son will drive me", "a heart-felt thanks",
                             "my husband's appointment", "I want to book for my grandmother", "for my son-in-law",
                             "skin-deep"}) {
        const auto e = extract(text);
        BOOST_TEST(!e.specialty, "'" << text << "' read as " << show(e.specialty));
        BOOST_TEST(!e.specialtyHint, "'" << text << "' hinted " << show(e.specialtyHint));
    }
}

BOOST_AUTO_TEST_CASE(a_specialty_the_practice_adds_is_read_by_its_name) {
    const SpecialtyMatcher m({{"orthopaedics", "Orthopaedics"}, {"general-practice", "General practice"}});
    const std::string text = "can I see someone in orthopedics";
    const auto found = m.find(text);
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(found[0].slug == "orthopaedics");
    BOOST_TEST(text.substr(found[0].begin, found[0].end - found[0].begin) == "orthopedics");
    BOOST_TEST((SpecialtyMatcher::pick(m.find("a skin doctor")) == std::optional<std::string>("dermatology")));
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(ordinals)

void expectOrdinal(const std::string& text, std::optional<int> want) {
    const auto e = extract(text);
    BOOST_TEST((e.ordinal == want), "'" << text << "': ordinal " << show(e.ordinal) << ", want " << show(want));
}

BOOST_AUTO_TEST_CASE(picks_from_a_list) {
    const std::vector<std::pair<std::string, int>> rows{
        {"the second one", 2},
        {"the second one please", 2},
        {"The 2nd one", 2},
        {"2nd option", 2},
        {"the 3rd option", 3},
        {"the second", 2},
        {"second", 2},
        {"first", 1},
        {"the first please", 1},
        {"ok, the first one", 1},
        {"I'll take the third", 3},
        {"the fourth works for me", 4},
        {"number 3", 3},
        {"number three", 3},
        {"option 1", 1},
        {"option two", 2},
        {"#2", 2},
        {"no. 4", 4},
        {"2", 2},
        {"3 please", 3},
        {"the last one", -1},
        {"last", -1},
        {"the last", -1},
        {"the latter", -1},
        {"second to last", -2},
        {"the last but one", -2},
        {"the penultimate one", -2},
        {"the first of those", 1},
        {"the first available", 1},
        {"the first, no, the second", 2},
        {"not the first one, the second", 2},
        {"my first appointment", 1},
    };
    for (const auto& [text, want] : rows) expectOrdinal(text, want);
}

BOOST_AUTO_TEST_CASE(not_picks) {
    for (const char* text :
         {"for the first time", "first aid", "a second opinion", "just a second", "wait a second", "last week",
          "at last!", "first of all, thanks", "not the first one", "Is there a third option?", "my number is 3",
          "phone number 3", "2 people", "I'm 2 minutes away", "in the first place", "my first visit here",
          "the last time I came", "I have 2 children",
          "what time is the last appointment of the day", "the first slot of the morning"}) {
        const auto e = extract(text);
        BOOST_TEST(!e.ordinal, "'" << text << "' read as pick " << show(e.ordinal));
    }
}

// Italian picks (issue 17): ordinals in both genders, with the fillers people add; and the
// Italian words that look like ordinals but are not picks.
BOOST_AUTO_TEST_CASE(italian_picks_from_a_list) {
    const std::vector<std::pair<std::string, int>> rows{
        {"va bene la seconda", 2}, {"la prima va bene", 1}, {"La ringrazio, va bene la prima che mi ha proposto.", 1},
        {"sì la terza", 3}, {"prendo il primo", 1}, {"la 2", 2}, {"opzione 3", 3}, {"numero 2 grazie", 2},
        {"l'ultima", -1}, {"preferisco la penultima", -2}, {"il secondo orario va benissimo", 2},
        // the last shown, said by its time, and a pick among a part of the day's times
        {"la più tardi", -1}, {"quella più tardi", -1}, {"the latest one", -1}, {"l'ultima della mattina", -1},
        {"the last one in the afternoon", -1}, {"Second variant", 2}, {"la seconda variante", 2},
        {"I take the first hour", 1}};
    for (const auto& [text, want] : rows) expectOrdinal(text, want);
    for (const char* text : {"prima delle 10", "secondo me va bene", "un secondo che controllo",
                             "non la prima", "è la prima visita", "prima possibile", "alle 10 e un quarto",
                             "ho 2 figli", "un'altra opzione?", "l'ultimo del mese", "posso venire più tardi?"}) {
        const auto e = extract(text);
        BOOST_TEST(!e.ordinal, "'" << text << "' read as pick " << show(e.ordinal));
    }
}

BOOST_AUTO_TEST_CASE(a_day_of_the_month_is_a_date_not_a_pick) {
    for (const char* text : {"the 2nd of March", "the 2nd", "on the 3rd", "the second of May", "March 2nd"}) {
        const auto e = extract(text);
        BOOST_TEST(!e.ordinal, "'" << text << "' read as pick " << show(e.ordinal));
        BOOST_TEST(e.datetime.date.has_value(), "'" << text << "' not read as a date");
    }
    // said on 2 March: next year's (strictly after today, as every date writer reads it)
    BOOST_TEST((extract("the 2nd of March").datetime.date == LocalDate{2027, 3, 2}));
    BOOST_TEST((extract("the second of May").datetime.date == LocalDate{2026, 5, 2}));
    // and a pick beside a date
    const auto e = extract("the second one on Tuesday");
    BOOST_TEST((e.ordinal == 2));
    BOOST_TEST((e.datetime.date == LocalDate{2026, 3, 3}));
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(together)

BOOST_AUTO_TEST_CASE(ordinary_sentences_name_no_doctor_specialty_or_pick) {
    // Said to a practice whose doctors include Rossi, Gallo, Greco, Marino, White and Neri.
    const std::vector<std::string> sentences{
        "I can't come in the morning",
        "my son has a rash",
        "Rome is lovely",
        "can I book an appointment for next Tuesday",
        "what are your opening hours",
        "I'd like to cancel my appointment",
        "is there parking near the practice",
        "how much does a visit cost",
        "can you move my appointment to Friday afternoon",
        "thank you so much, that's perfect",
        "I would like to speak to a receptionist",
        "the weather in Milan is great this week",
        "my husband will drive me there",
        "do you accept private insurance",
        "where is the practice exactly",
        "can I bring my dog",
        "please call me back on my mobile",
        "is the lift working",
        "how do I register as a new patient",
        "can I come with my wife",
        "good morning, I need help",
        "I was wondering if you have anything later today",
        "my mother is 85 and needs a home visit",
        "what should I bring to my first visit",
        "I'll be a few minutes late",
        "I'm running late, sorry",
        "do you have a car park",
        "do you speak Italian",
        "hello there",
        "is the doctor in on Saturdays",
        "he drinks a gallon of water every day",
        "the price is too high",
        "White paint in the waiting room",
        "May I come earlier",
        "Rose sent me",
        "I need to see someone about my bill",
        "can I pay by card",
        "I saw a poster in the pharmacy",
        "my number is 333 123 4567",
        "last week I was ill",
        "the kids are at school",
        "I'll never understand the marina parking rules",
        "Gallons of coffee, that is what I need",
        "count me in",
        "Neither option works",
    };
    BOOST_TEST(sentences.size() >= 30u);
    for (const auto& text : sentences) {
        const auto e = extract(text, twoRossis());
        BOOST_TEST(e.doctors.empty(), "'" << text << "' names a doctor at '"
                                          << (e.doctors.empty() ? "" : spanOf(text, e.doctors[0])) << "'");
        BOOST_TEST(!e.specialty, "'" << text << "' names " << show(e.specialty));
        BOOST_TEST(!e.ordinal, "'" << text << "' picks " << show(e.ordinal));
    }
}

BOOST_AUTO_TEST_CASE(a_whole_request) {
    const auto e = extract("I need to see a dermatologist next week, mornings if possible");
    BOOST_TEST((e.specialty == std::optional<std::string>("dermatology")));
    BOOST_TEST_REQUIRE(e.datetime.range.has_value());
    BOOST_TEST((e.datetime.range->from == LocalDate{2026, 3, 9}));
    BOOST_TEST((e.datetime.range->to == LocalDate{2026, 3, 15}));
    BOOST_TEST(static_cast<int>(e.datetime.time.part) == static_cast<int>(DayPart::Morning));
    BOOST_TEST(!e.datetime.date);
    BOOST_TEST(e.doctors.empty());
    BOOST_TEST(!e.ordinal);
    BOOST_TEST(!e.specialtyHint);
}

BOOST_AUTO_TEST_CASE(a_doctor_a_day_and_a_time) {
    const std::string text = "can I see Dr Rossi next Tuesday at 4.30pm";
    const auto e = extract(text);
    BOOST_TEST_REQUIRE(e.doctors.size() == 1u);
    BOOST_TEST(showIds(e.doctors[0].doctorIds) == showIds({kRossi}));
    BOOST_TEST(spanOf(text, e.doctors[0]) == "Dr Rossi");
    BOOST_TEST((e.datetime.date == LocalDate{2026, 3, 10}));
    BOOST_TEST((e.datetime.time.exact == 16 * 60 + 30));
    BOOST_TEST(!e.specialty);
    BOOST_TEST(!e.ordinal);
}

BOOST_AUTO_TEST_CASE(a_pick_a_doctor_and_a_childs_visit) {
    auto e = extract("book the 2nd one with Dr Marino");
    BOOST_TEST((e.ordinal == 2));
    BOOST_TEST_REQUIRE(e.doctors.size() == 1u);
    BOOST_TEST(showIds(e.doctors[0].doctorIds) == showIds({kMarino}));

    e = extract("a check-up for my daughter with Dr Gallo on Thursday after school");
    BOOST_TEST((e.specialty == std::optional<std::string>("pediatrics")));
    BOOST_TEST_REQUIRE(e.doctors.size() == 1u);
    BOOST_TEST(showIds(e.doctors[0].doctorIds) == showIds({kGallo}));
    BOOST_TEST((e.datetime.date == LocalDate{2026, 3, 5}));
    BOOST_TEST((e.datetime.time.after == 16 * 60));
}

BOOST_AUTO_TEST_CASE(a_doctors_name_inside_a_date_is_the_dates) {
    // "May" is Dr. June May's surname and a month: the date extractor reads first
    const DoctorMatcher may({{42, "Dr. June May", "general-practice"}});
    auto e = extract("can I come on May 5", may);
    BOOST_TEST(e.doctors.empty());
    BOOST_TEST((e.datetime.date == LocalDate{2026, 5, 5}));
    e = extract("can I see Dr May on Friday", may);
    BOOST_TEST_REQUIRE(e.doctors.size() == 1u);
    BOOST_TEST(e.doctors[0].doctorIds[0] == 42);
}

BOOST_AUTO_TEST_CASE(odd_input_is_harmless) {
    for (const std::string& text :
         {std::string(), std::string("   "), std::string("\xFF\xFE broken utf-8 Dr \xC3"), std::string(5000, 'a'),
          std::string("Dr"), std::string("Dr."), std::string("doctor"), std::string("#"), std::string("number"),
          std::string("for my"), std::string("'''"), std::string("Rossi's's"), std::string("D'"),
          std::string("\xE2\x80\x99Rossi\xE2\x80\x99")}) {
        const auto e = extract(text);
        for (const auto& m : e.doctors) BOOST_TEST((m.begin < m.end && m.end <= text.size()));
    }
}

BOOST_AUTO_TEST_SUITE_END()
