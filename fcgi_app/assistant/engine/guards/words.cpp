// How the guards read a message: fold() (text/fold.hpp) makes look-alikes and accents ASCII,
// the one word reader (text/words.hpp, kGuardWords) splits the folded text into words, and
// this file adds what the rules need besides: each word's sentence and clause, the marks
// around it, letters typed apart joined ("M a r i a"), and what a word is (WordFlag) from the
// lists below.
#include <utility>

#include "assistant/engine/guards/detail.hpp"
#include "assistant/engine/text/words.hpp"

namespace medassist::assistant::engine::guards::detail {

namespace {

// ---------------------------------------------------------------------------------------
// Word lists (all lower case, as words are read)

constexpr string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                   "july",    "august",   "september", "october", "november", "december"};
constexpr string_view kMonthAbbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
                                      "nov", "dec"};

// Italian months and days: dates of birth are read in them ("nata il 3 marzo 1980"), and they
// are no names when capitalised ("Lunedì").
constexpr string_view kMonthsIt[] = {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                                     "agosto", "settembre", "ottobre", "novembre", "dicembre"};
constexpr string_view kWeekdaysIt[] = {"lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica"};

constexpr string_view kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                     "sunday", "mon",     "tue",       "tues",     "wed",    "thu",
                                     "thur",   "thurs",   "fri",       "sat",      "sun"};

// Common Italian and English given names, lower case. Names that are also everyday words
// ("May", "Will", "Mark", "Grace", "Rosa", "Asia", "Florence") are left out: the cost of
// missing one is lower than refusing or redacting ordinary sentences.
constexpr string_view kGivenNames[] = {
    // Italian
    "alessandro", "alessandra", "alessia", "alessio", "alberto", "alice", "andrea", "angela", "angelo", "anna",
    "antonella", "antonio", "arianna", "barbara", "beatrice", "benedetta", "bianca", "bruno", "camilla",
    "carla", "carlo", "carlotta", "caterina", "cecilia", "chiara", "claudia", "claudio", "cristian",
    "cristina", "daniela", "daniele", "dario", "davide", "debora", "diego", "domenico", "edoardo", "elena",
    "eleonora", "elia", "elisa", "elisabetta", "emanuele", "emanuela", "emma", "enrico", "enzo", "fabio",
    "fabrizio", "federica", "federico", "filippo", "francesca", "francesco", "franco", "gabriele", "gabriella",
    "giacomo", "gianluca", "gianni", "gino", "giorgia", "giorgio", "giovanna", "giovanni", "giulia", "giuliana",
    "giuliano", "giulio", "giuseppe", "giuseppina", "greta", "ilaria", "irene", "lorenzo", "luca", "lucia",
    "luciano", "ludovica", "luigi", "manuela", "marco", "mario", "maria", "marta", "martina", "massimo",
    "matilde", "matteo", "mattia", "maurizio", "michela", "michele", "monica", "nicola", "nicolo", "noemi",
    "paola", "paolo", "patrizia", "pietro", "raffaele", "raffaella", "riccardo", "rita", "roberta", "roberto",
    "rocco", "salvatore", "samuele", "sara", "sergio", "serena", "silvia", "simona", "simone", "sofia",
    "stefania", "stefano", "teresa", "tommaso", "valentina", "valentino", "valeria", "vincenzo", "vittoria",
    "vittorio", "ginevra", "giada", "rebecca", "elisa", "mirko", "ivan", "loredana", "rosanna",
    "ornella", "tiziana", "donatella", "graziella", "pasquale", "gennaro", "ciro", "carmela", "concetta",
    "assunta", "nunzia", "annalisa", "mariagrazia", "gianmarco", "pierluigi", "piero", "ettore", "guido",
    "ugo", "renato", "renata", "sandro", "sandra", "silvio", "tullio", "umberto", "walter", "lucrezia",
    // English
    "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
    "christopher", "daniel", "matthew", "anthony", "steven", "paul", "andrew", "joshua", "kenneth", "kevin",
    "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas",
    "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory",
    "alexander", "patrick", "raymond", "jerry", "dennis", "tyler", "aaron", "henry", "adam", "douglas", "nathan",
    "peter", "zachary", "kyle", "walter", "harold", "jeremy", "ethan", "carl", "keith", "gerald", "terry",
    "sean", "arthur", "noah", "lawrence", "jesse", "joe", "bryan", "billy", "albert", "dylan", "bruce",
    "gabriel", "alan", "juan", "logan", "wayne", "ralph", "roy", "eugene", "vincent", "russell", "louis",
    "philip", "bobby", "johnny", "bradley", "oliver", "harry", "charlie", "oscar", "leo", "freddie", "alfie",
    "archie", "theo", "lucas", "mason", "liam", "elijah", "owen", "luke", "isaac", "jake", "tom", "tim", "ben",
    "sam", "mike", "steve", "chris", "matt", "tony", "andy", "bob", "jim", "jimmy", "fred", "ted", "ian",
    "neil", "simon", "martin", "colin", "graham", "stuart", "gordon", "craig", "barry", "derek", "trevor",
    "nigel", "mary", "patricia", "jennifer", "linda", "elizabeth", "susan", "jessica", "sarah", "karen",
    "lisa", "nancy", "betty", "margaret", "ashley", "kimberly", "emily", "donna", "michelle", "amanda",
    "dorothy", "melissa", "deborah", "stephanie", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley",
    "brenda", "pamela", "nicole", "helen", "samantha", "katherine", "christine", "rachel", "carolyn", "janet",
    "catherine", "heather", "diane", "ruth", "julie", "olivia", "joyce", "victoria", "kelly", "lauren",
    "christina", "joan", "evelyn", "judith", "megan", "cheryl", "hannah", "jacqueline", "martha", "ann", "anne",
    "madison", "frances", "kathryn", "janice", "abigail", "judy", "sophia", "sophie", "denise", "doris",
    "marilyn", "danielle", "beverly", "isabella", "theresa", "diana", "natalie", "brittany", "charlotte",
    "marie", "kayla", "alexis", "amelia", "ava", "isla", "ella", "chloe", "ellie", "freya", "molly", "evie",
    "phoebe", "zoe", "jane", "kate", "katie", "claire", "louise", "fiona", "gemma", "joanne", "tracy", "wendy",
    "jenny", "julia", "sally", "alison", "eva", "susanna", "susie", "lucy", "harriet", "eleanor", "elena",
    "maya", "nina", "clara", "josephine", "mohammed", "muhammad", "ahmed", "ali",
    "fatima", "omar", "jose", "carlos", "miguel", "pedro", "javier", "sergei", "olga", "natasha", "anastasia",
    "giorgos", "yusuf", "aisha",
};

// Given names above that are also everyday Italian words ("sarà" folds to "sara", "una macchia
// bianca", "una risposta chiara"): a name only when capitalised inside a sentence.
constexpr string_view kGivenWordsToo[] = {"sara", "chiara", "bianca", "franco", "serena", "vittoria", "angelo",
                                          "bruno", "giada", "rita", "elia", "nina", "massimo", "felice",
                                          "fortunato", "celeste", "gioia", "speranza", "grazia", "rosa",
                                          "santo", "mercedes", "sole", "stella"};

constexpr string_view kPersonTitles[] = {"mr",    "mrs",   "ms",   "mx",        "mister",    "missus", "sig",
                                         "signor", "signora", "signorina", "sra", "madam", "madame", "sir", "miss"};
constexpr string_view kDoctorTitles[] = {"dr",   "doctor",    "dott",       "dottssa", "dottor", "dottore", "dottoressa",
                                         "prof", "professor", "professore", "doc",     "drs",    "ssa"};

// Capitalised words that are not names: they start sentences, name days, months, places and
// the practice's own words.
constexpr string_view kOrdinaryWords[] = {
        "i",        "im",        "ive",      "id",         "ill",      "the",       "a",        "an",
        "this",     "that",      "these",    "those",      "my",       "your",      "our",      "his",
        "her",      "their",     "its",      "it",         "you",      "we",        "he",       "she",
        "they",     "hi",        "hello",    "hey",        "dear",     "thanks",    "thank",    "please",
        "yes",      "no",        "ok",       "okay",       "sure",     "today",     "tomorrow", "yesterday",
        "tonight",  "morning",   "afternoon", "evening",   "next",     "last",      "this",     "doctor",
        "dr",       "prof",      "nurse",    "practice",   "clinic",   "hospital",  "pediatrics", "paediatrics",
        "cardiology", "dermatology", "general", "gp",      "rome",     "roma",      "italy",    "milan",
        "milano",   "europe",    "english",  "italian",    "via",      "piazza",    "corso",    "viale",
        "christmas", "easter",   "covid",    "nhs",        "ecg",      "mri",       "ct",       "ssn",
        "asl",      "ok",        "note",     "notes",      "when",     "what",      "where",    "who",
        "why",      "how",       "which",    "is",         "are",      "can",       "could",    "would",
        "will",     "do",        "does",     "did",        "and",      "or",        "but",      "so",
        "if",       "for",       "with",     "at",         "on",       "in",        "to",       "from",
        "by",       "of",        "am",       "pm",         "mon",      "good",      "great",    "sorry",
        "pharmacy", "reception", "doctors",  "patient",    "patients", "admin",     "staff",    "service",
        // Italian: greetings, function words and the practice's words that open or fill a sentence
        "buongiorno", "buonasera", "buonpomeriggio", "salve", "ciao", "grazie", "gentile", "gentili", "egregio",
        "scusi",    "scusate",   "scusa",    "prego",      "arrivederci", "vorrei", "volevo",  "avrei",
        "ho",       "sono",      "il",       "lo",         "la",       "le",        "gli",      "un",
        "una",      "mi",        "per",      "con",        "di",       "da",        "del",      "della",
        "che",      "chi",       "come",     "dove",       "quando",   "quale",     "quali",    "perche",
        "cosa",     "posso",     "potrei",   "mio",        "mia",      "io",        "lei",      "voi",
        "noi",      "dottore",   "dottoressa", "dottor",   "dott",     "medico",    "studio",   "pediatria",
        "cardiologia", "dermatologia", "medicina", "generale", "oggi",  "domani",    "ieri",     "buon",
        "buona",    "si",        "allora",   "ecco",       "anche",    "ma",        "e",        "ssn",
        "cup",      "italia",    "pronto",   "senta",      "salute",   "tessera",   "sanitaria", "ticket",
        "ufficio",  "segreteria", "ambulatorio", "pronto",  "soccorso", "asl",      "vostro",   "vostra",
};

constexpr string_view kChildWords[] = {"son",      "daughter", "child",    "kid",     "baby",        "boy",
                                       "girl",     "toddler",  "newborn",  "infant",  "stepson",     "stepdaughter",
                                       "grandson", "granddaughter", "children", "kids", "sons",      "daughters",
                                       "babies",   "twins",    "teenager", "teen",    "little",      "one",
                                       "niece",    "nephew",   "stepchild"};

constexpr string_view kAdultFamilyWords[] = {
    "mum",    "mom",   "mother", "mummy",   "mommy",   "dad",   "daddy",   "father",  "parent",  "parents",
    "wife",   "husband", "spouse", "partner", "brother", "sister", "grandma", "grandpa", "grandmother",
    "grandfather", "granny", "nan", "nana", "aunt", "auntie", "uncle", "cousin", "family", "mamma", "papa",
    "nonna", "nonno", "fiance", "fiancee",
    "moglie", "marito", "compagna", "compagno", "madre", "padre", "mamma", "papa", "babbo", "suocera", "suocero",
    "sorella", "fratello", "zia", "zio", "cugina", "cugino", "cognata", "cognato", "nuora", "genero"};

// Someone who is not family: their data is theirs alone ("my neighbour's appointment").
constexpr string_view kOtherRelations[] = {
    "neighbour", "neighbor", "friend", "colleague", "coworker", "boss", "flatmate", "roommate", "housemate",
    "landlord", "landlady", "tenant", "ex", "girlfriend", "boyfriend", "stranger", "someone", "somebody",
    "anyone", "anybody", "everyone", "everybody", "acquaintance", "employee", "teacher", "classmate", "other",
    "others", "patient", "person", "guy", "woman", "man", "lady", "manager", "employer", "client", "customer",
    "vicino", "vicina", "amico", "amica", "collega", "coinquilino", "coinquilina", "fidanzato", "fidanzata",
    "conoscente", "datore"};

// Words that may own things without being a person: "today's", "the doctor's", "the clinic's".
constexpr string_view kOrdinaryPossessors[] = {
    "surgery", "receptionist", "dentist", "specialist", "cardiologist", "dermatologist", "pediatrician",
    "paediatrician", "office", "centre", "center", "team", "week", "weeks", "month", "months", "year", "years", "day",
    "days", "let", "here", "there", "one", "nobody", "mine", "anyone", "practices", "gps", "doc", "tonight",
    "weekend", "wait", "time", "everything", "nothing", "something", "name", "thing", "weather", "whens", "hows",
    "whos", "wheres"};

constexpr string_view kInfoNouns[] = {"appointment", "appointments", "appt", "booking", "bookings", "notes", "record",
                                      "records", "results", "result", "details", "phone", "number", "email",
                                      "address", "file", "files", "chart", "data", "info", "information",
                                      "history", "diagnosis", "prescription", "prescriptions", "visit", "visits",
                                      "slot", "time", "date", "test", "tests", "schedule",
                                      // Italian
                                      "appuntamento", "appuntamenti", "prenotazione", "prenotazioni", "visita",
                                      "visite", "risultati", "referti", "referto", "numero", "telefono",
                                      "cellulare", "indirizzo", "cartella", "dati", "diagnosi", "ricetta",
                                      "ricette", "orario", "esami"};

constexpr string_view kAbbreviations[] = {"dr", "mr", "mrs", "ms", "mx", "prof", "dott", "dottssa", "st", "sig",
                                          "sra", "vs", "etc", "eg", "ie", "no", "nr", "approx", "jr", "sr"};
constexpr string_view kClauseWords[] = {"but", "however", "although", "though", "whereas", "except"};
constexpr string_view kNumberFollowers[] = {"years", "year", "yrs",  "months", "month", "weeks", "week",
                                            "days",  "day",  "am",   "pm",     "h",     "oclock", "minutes",
                                            "mins",  "hours", "hrs", "times",  "of",    "th",    "st",
                                            "nd",    "rd",   "and",  "or",     "to"};
constexpr string_view kBirthWords[] = {"born", "birth", "dob", "birthday", "birthdate", "nato", "nata", "bday",
                                       "birthdays", "nascita", "compleanno"};
constexpr string_view kPlaceWords[] = {"san", "santa", "santo", "st", "saint", "via", "viale", "piazza", "corso",
                                       "largo", "ospedale", "villa", "porta", "hospital", "policlinico", "clinica"};

}  // namespace

void tagWordLists(Vocabulary& vocab) {
    vocab.tag(kGivenNames, kGiven);
    vocab.tag(kDoctorTitles, kDoctorTitle);
    vocab.tag(kPersonTitles, kPersonTitle);
    vocab.tag(kMonths, kMonth | kNumberFollower);
    vocab.tag(kMonthAbbr, kMonth | kNumberFollower);
    vocab.tag(kWeekdays, kWeekday);
    vocab.tag(kMonthsIt, kMonth | kNumberFollower);
    vocab.tag(kWeekdaysIt, kWeekday);
    vocab.tag(kGivenWordsToo, kWordToo);
    vocab.tag(kOrdinaryWords, kOrdinary);
    vocab.tag(kChildWords, kChild);
    vocab.tag(kAdultFamilyWords, kAdultFamily);
    vocab.tag(kOtherRelations, kOtherRel);
    vocab.tag(kOrdinaryPossessors, kOrdPossessor);
    vocab.tag(kInfoNouns, kInfoNoun);
    vocab.tag(kAbbreviations, kAbbr);
    vocab.tag(kClauseWords, kClause);
    vocab.tag(kNumberFollowers, kNumberFollower);
    vocab.tag(kBirthWords, kBirth);
    vocab.tag(kPlaceWords, kPlace);
}

bool isPlaceWord(string_view w) { return oneOf(w, kPlaceWords); }

// The words of the folded text (detail.hpp): the one word reader's, with the sentence and
// clause each opens (. ! ? ; and a line break end a sentence, but not a dot between digits or
// after an abbreviation or an initial; , : ( ) " [ ] and a spaced dash end a clause), the
// marks around it, and its vocabulary entries.
std::vector<Word> splitWords(const std::string& t, bool joinSpacedLetters, std::string& buf) {
    std::vector<Word> words;
    words.reserve(t.size() / 4 + 4);
    buf.clear();
    buf.reserve(2 * t.size() + 16);  // the words, then the joined ones: never reallocated
    std::uint16_t sentence = 0, clause = 0;
    bool newSentence = true;
    text::forEachWord(t, text::kGuardWords, buf, [&](const text::RawWord& r) {
        const std::size_t i = r.begin;
        // The separator between the previous word and this one.
        char before = 0;
        bool sentenceBreak = false, clauseBreak = false;
        for (std::size_t k = r.gap; k < i; ++k) {
            const char c = t[k];
            if (c == ' ') continue;
            before = c;
            if (c == '!' || c == '?' || c == ';' || c == '\n') sentenceBreak = true;
            else if (c == '.') {
                const bool betweenDigits = k > 0 && isDigit(t[k - 1]) && isDigit(t[i]) && k + 1 == i;
                const bool afterAbbr = !words.empty() && (words.back().text.size() == 1 || (words.back().flags & kAbbr));
                if (!betweenDigits && !afterAbbr && !words.empty()) sentenceBreak = true;
            } else if (c == ',' || c == ':' || c == '(' || c == ')' || c == '"' || c == '[' || c == ']')
                clauseBreak = true;
            else if (c == '-' && k > r.gap && k + 1 < i && t[k - 1] == ' ' && t[k + 1] == ' ')
                clauseBreak = true;
        }
        if (words.empty()) before = 0;
        if (sentenceBreak) {
            ++sentence;
            ++clause;
            newSentence = true;
        } else if (clauseBreak) {
            ++clause;
        }
        Word w;
        w.begin = static_cast<std::uint32_t>(i);
        w.before = before;
        w.cap = r.firstUpper;
        w.text = string_view(buf.data() + r.at, r.size);
        w.poss = r.possessive;
        w.baseLen = static_cast<std::uint16_t>(r.baseSize);
        w.elided = r.elided;  // "l'appuntamento", "dall'oculista"
        lookUp(w);
        w.end = static_cast<std::uint32_t>(r.end);
        w.allCaps = r.letters >= 2 && r.upperLetters == r.letters;
        w.number = r.onlyDigits;
        if (w.flags & kClause) ++clause;
        w.sentence = sentence;
        w.clause = clause;
        w.sentStart = newSentence;
        newSentence = false;
        if (!words.empty()) {
            // the character right after the previous word
            for (std::size_t k = words.back().end; k < w.begin; ++k)
                if (t[k] != ' ') {
                    words.back().after = t[k];
                    break;
                }
        }
        words.push_back(std::move(w));
    });
    if (!words.empty())
        for (std::size_t k = words.back().end; k < t.size(); ++k)
            if (t[k] != ' ') {
                words.back().after = t[k];
                break;
            }
    // A message typed in capitals ("VORREI UN APPUNTAMENTO COL MEDICO DI FAMIGLIA") says nothing
    // by its capitals: no word of it is a name for being capitalised (known given names still are).
    std::size_t lettered = 0, shouted = 0;
    for (const auto& w : words)
        if (!w.number && w.text.size() >= 2) {
            ++lettered;
            shouted += w.allCaps ? 1 : 0;
        }
    if (lettered >= 3 && shouted == lettered)
        for (auto& w : words) w.cap = false;

    if (!joinSpacedLetters) return words;
    // "M a r i a", "M.a.r.i.a", "d.o.b": three or more single letters, one separator apart.
    auto singleLetter = [&](std::size_t n) { return words[n].text.size() == 1 && isLetter(words[n].text[0]); };
    bool spaced = false;
    for (std::size_t k = 0; k + 2 < words.size() && !spaced; ++k)
        spaced = singleLetter(k) && singleLetter(k + 1) && singleLetter(k + 2);
    if (!spaced) return words;
    std::vector<Word> joined;
    joined.reserve(words.size());
    for (std::size_t k = 0; k < words.size();) {
        std::size_t e = k;
        while (e < words.size() && singleLetter(e) &&
               (e == k || (words[e].begin == words[e - 1].end + 1 && words[e].sentence == words[k].sentence)))
            ++e;
        if (e - k < 3) {
            joined.push_back(std::move(words[k]));
            ++k;
            continue;
        }
        // Split where a capital follows small letters: "M a r i a B i a n c h i".
        std::size_t s = k;
        for (std::size_t n = k + 1; n <= e; ++n) {
            const bool cut = n == e || (words[n].cap && !words[n - 1].cap);
            if (!cut) continue;
            Word w = words[s];
            const std::size_t start = buf.size();
            for (std::size_t m = s; m < n; ++m) buf += words[m].text;
            w.text = string_view(buf.data() + start, buf.size() - start);
            w.baseLen = static_cast<std::uint16_t>(w.text.size());
            w.end = words[n - 1].end;
            w.after = words[n - 1].after;
            w.allCaps = false;
            w.collapsed = true;
            lookUp(w);
            joined.push_back(std::move(w));
            s = n;
        }
        k = e;
    }
    return joined;
}

Message readMessage(string_view text) {
    Message m;
    m.folded = text::fold(text);
    m.words = splitWords(m.folded.text, true, m.buf);
    const auto& voc = rules().vocab;
    for (auto& w : m.words) voc.resolve(w);
    return m;
}

}  // namespace medassist::assistant::engine::guards::detail
