#include "assistant/engine/guards.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace medassist::assistant::engine {

namespace {

using std::string_view;

// =======================================================================================
// Text: folding and words
//
// Every check reads the same folded copy of the text, with each byte's origin in the
// original so the output guard can cut the original: ASCII stays; Latin-1 letters lose their
// accents; look-alikes that are cheap to catch become the ASCII letter they imitate
// (Cyrillic and Greek capitals and the common small ones, fullwidth forms, mathematical
// alphanumerics), so "Mаria" with a Cyrillic а is Maria; zero-width characters and soft
// hyphens vanish ("Ma\u200Bria" is Maria); typographic quotes, dashes and spaces become their
// ASCII selves. Everything else passes through as UTF-8 and counts as letters.

struct Folded {
    std::string text;
    std::vector<std::uint32_t> origin;  // origin[i]: the original byte where text[i] came from; one more at the end
};

constexpr char kLatin1[64 + 1] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty";

// A code point that looks like an ASCII letter, or 0.
char lookalike(std::uint32_t cp) {
    switch (cp) {
        // Cyrillic
        case 0x410: return 'A'; case 0x412: return 'B'; case 0x415: return 'E'; case 0x41A: return 'K';
        case 0x41C: return 'M'; case 0x41D: return 'H'; case 0x41E: return 'O'; case 0x420: return 'P';
        case 0x421: return 'C'; case 0x422: return 'T'; case 0x423: return 'Y'; case 0x425: return 'X';
        case 0x405: return 'S'; case 0x406: return 'I'; case 0x408: return 'J';
        case 0x430: return 'a'; case 0x435: return 'e'; case 0x43A: return 'k'; case 0x43E: return 'o';
        case 0x440: return 'p'; case 0x441: return 'c'; case 0x443: return 'y'; case 0x445: return 'x';
        case 0x455: return 's'; case 0x456: return 'i'; case 0x458: return 'j'; case 0x4BB: return 'h';
        // Greek
        case 0x391: return 'A'; case 0x392: return 'B'; case 0x395: return 'E'; case 0x396: return 'Z';
        case 0x397: return 'H'; case 0x399: return 'I'; case 0x39A: return 'K'; case 0x39C: return 'M';
        case 0x39D: return 'N'; case 0x39F: return 'O'; case 0x3A1: return 'P'; case 0x3A4: return 'T';
        case 0x3A5: return 'Y'; case 0x3A7: return 'X';
        case 0x3B1: return 'a'; case 0x3B9: return 'i'; case 0x3BA: return 'k'; case 0x3BD: return 'v';
        case 0x3BF: return 'o'; case 0x3C1: return 'p'; case 0x3C5: return 'u';
        default: return 0;
    }
}

Folded fold(string_view in) {
    // Folding never lengthens the text: write into buffers of the input's size, trim at the end.
    Folded f;
    f.text.resize(in.size());
    f.origin.resize(in.size() + 1);
    std::size_t n = 0;
    auto put = [&f, &n](char c, std::size_t at) {
        f.text[n] = c;
        f.origin[n] = static_cast<std::uint32_t>(at);
        ++n;
    };
    std::size_t i = 0;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            put(c == '\n' ? '\n' : (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c), i);
            ++i;
            continue;
        }
        const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        bool valid = len > 1 && i + len <= in.size();
        for (std::size_t k = 1; valid && k < len; ++k)
            valid = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
        if (!valid) {
            put(static_cast<char>(c), i);
            ++i;
            continue;
        }
        std::uint32_t cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(in[i + k]) & 0x3Fu);
        char ascii = 0;
        bool drop = false;
        if (cp >= 0xC0 && cp <= 0xFF) ascii = kLatin1[cp - 0xC0];
        else if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) ascii = ' ';
        else if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) drop = true;
        else if (cp == 0xB4 || cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0x2BC) ascii = '\'';
        else if ((cp >= 0x201C && cp <= 0x201F) || cp == 0x2033) ascii = '"';
        else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) ascii = '-';
        else if (cp == 0x2024 || cp == 0x2026) ascii = '.';
        else if (cp == 0x2028 || cp == 0x2029) ascii = '\n';
        else if (cp == 0xFE6B) ascii = '@';
        else if (cp >= 0xFF01 && cp <= 0xFF5E) ascii = static_cast<char>(cp - 0xFEE0);
        else if (cp >= 0x1D400 && cp <= 0x1D6A3) {  // mathematical bold, italic, script... letters
            const auto k = (cp - 0x1D400) % 52;
            ascii = static_cast<char>(k < 26 ? 'A' + k : 'a' + (k - 26));
        } else if (cp >= 0x1D7CE && cp <= 0x1D7FF) ascii = static_cast<char>('0' + (cp - 0x1D7CE) % 10);
        else ascii = lookalike(cp);
        if (drop) {
        } else if (ascii) {
            put(ascii, i);
        } else {
            for (std::size_t k = 0; k < len; ++k) put(in[i + k], i);
        }
        i += len;
    }
    f.text.resize(n);
    f.origin[n] = static_cast<std::uint32_t>(in.size());
    f.origin.resize(n + 1);
    return f;
}

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isWordByte(char c) { return isLetter(c) || isDigit(c) || static_cast<unsigned char>(c) >= 0x80; }
char lowerAscii(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowerCopy(string_view s) {
    std::string out(s);
    for (char& c : out) c = lowerAscii(c);
    return out;
}

struct Word {
    string_view text;          // lower case, apostrophes dropped ("dont", "marias"); in the caller's buffer
    std::uint16_t baseLen = 0; // text without a possessive 's ("maria" of "marias")
    std::uint32_t begin = 0, end = 0;  // in the folded text
    std::uint16_t sentence = 0, clause = 0;
    bool cap = false;          // first letter upper case
    bool allCaps = false;      // two letters or more, all upper case
    bool sentStart = false;    // first word of its sentence
    bool poss = false;         // "Maria's", "James'"
    bool number = false;       // digits only
    bool collapsed = false;    // joined from spaced letters ("M a r i a")
    bool allowed = false;      // on the allow list (set by the checks that read it)
    std::uint8_t elided = 0;   // "l'appuntamento": letters of an elided Italian article or word before it
    char before = 0;           // the last non-space character between the previous word and this one
    char after = 0;            // the first non-space character between this word and the next
    std::uint32_t flags = 0, baseFlags = 0;  // WordFlag of the word, and of it without a possessive 's
    std::int32_t id = -1, baseId = -1;       // exact vocabulary entries of the word and of its base
    std::array<std::uint16_t, 3> ids{};  // vocabulary entries (exact, or one typo away)
    std::uint8_t nids = 0;

    string_view base() const { return string_view(text).substr(0, baseLen); }
};

bool oneOf(string_view w, const string_view* begin, const string_view* end) {
    for (auto p = begin; p != end; ++p)
        if (*p == w) return true;
    return false;
}
template <std::size_t N>
bool oneOf(string_view w, const string_view (&list)[N]) {
    return oneOf(w, list, list + N);
}
bool oneOf(string_view w, std::initializer_list<string_view> list) { return oneOf(w, list.begin(), list.end()); }

// What a word is, looked up once per word in one table (wordFlags, with the lists in "Names"
// below): every check then reads a bit instead of comparing strings.
enum WordFlag : std::uint32_t {
    kGiven = 1u << 0,          // a common given name
    kDoctorTitle = 1u << 1,    // dr, doctor, prof, dott.ssa
    kPersonTitle = 1u << 2,    // mr, mrs, ms, signora
    kMonth = 1u << 3,
    kWeekday = 1u << 4,
    kOrdinary = 1u << 5,       // capitalised but never a name: "I", "Hello", "Rome", "Cardiology"
    kChild = 1u << 6,          // son, daughter, baby
    kAdultFamily = 1u << 7,    // mum, husband, sister
    kOtherRel = 1u << 8,       // neighbour, friend, colleague
    kOrdPossessor = 1u << 9,   // owns things without being a person: "today's", "the clinic's"
    kInfoNoun = 1u << 10,      // what only its owner may see: appointment, results, notes
    kAbbr = 1u << 11,          // a full stop after it does not end the sentence
    kClause = 1u << 12,        // but, however: a new clause
    kNumberFollower = 1u << 13,  // years, am, pm: the number before is not an id
    kBirth = 1u << 14,         // born, birth, dob
    kPlace = 1u << 15,         // via, piazza, san: the name after it is a place
    kWordToo = 1u << 16,       // a given name that is also an everyday word ("sarà", "chiara", "bianca")
};

std::uint32_t wordFlags(string_view w);
struct Word;
void lookUp(Word& w);  // sets the word's vocabulary entries and flags

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


bool ordinaryCapitalised(const Word& w) { return (w.baseFlags & (kOrdinary | kMonth | kWeekday)) != 0; }
bool isChildWord(const Word& w) { return (w.baseFlags & kChild) != 0; }
bool isFamilyWord(const Word& w) { return (w.baseFlags & (kChild | kAdultFamily)) != 0; }
bool isGiven(const Word& w) {
    if (!(w.baseFlags & kGiven)) return false;
    return !(w.baseFlags & kWordToo) || (w.cap && !w.sentStart);
}
bool isDoctorTitle(const Word& w) { return (w.flags & kDoctorTitle) != 0; }
bool isPersonTitle(const Word& w) { return (w.flags & kPersonTitle) != 0; }


int toInt(string_view digits) {
    int v = 0;
    for (char c : digits.substr(0, 9))
        if (isDigit(c)) v = v * 10 + (c - '0');
    return v;
}

// Italian articles and words that lose their vowel before one: "l'appuntamento", "un'ecografia",
// "dall'oculista", "c'è", "quest'anno". The word is read as written ("lappuntamento", which the
// emergency rows list) and also without them (Vocabulary::resolve), so rows name the bare word.
bool italianElision(string_view head) {
    static constexpr string_view kElisions[] = {"l",    "un",   "dell", "all",  "dall",  "nell", "sull", "c",
                                                "d",    "quest", "quell", "dov", "com", "cos",  "tutt", "sant",
                                                "bell", "nessun", "qualcun", "gl", "coll", "pell", "m", "t", "v", "n",
                                                "s"};
    for (auto e : kElisions)
        if (head.size() == e.size() && std::equal(head.begin(), head.end(), e.begin(),
                                                  [](char a, char b) { return lowerAscii(a) == b; }))
            return true;
    return false;
}

// Splits the folded text into words, with their sentence and clause, and (for messages)
// joins letters typed one by one ("M a r i a", "d.o.b") into one word. The words' text lives
// in `buf`, which the caller keeps as long as the words (it is sized once, never moved).
std::vector<Word> splitWords(const std::string& t, bool joinSpacedLetters, std::string& buf) {
    std::vector<Word> words;
    words.reserve(t.size() / 4 + 4);
    buf.clear();
    buf.reserve(2 * t.size() + 16);  // the words, then the joined ones: never reallocated
    std::uint16_t sentence = 0, clause = 0;
    bool newSentence = true;
    std::size_t i = 0;
    std::size_t prevEnd = 0;
    while (i < t.size()) {
        if (!isWordByte(t[i])) {
            ++i;
            continue;
        }
        // The separator between the previous word and this one.
        char before = 0;
        bool sentenceBreak = false, clauseBreak = false;
        for (std::size_t k = prevEnd; k < i; ++k) {
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
            else if (c == '-' && k > prevEnd && k + 1 < i && t[k - 1] == ' ' && t[k + 1] == ' ')
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
        w.cap = isUpper(t[i]);
        bool allCaps = true;
        int letters = 0;
        bool onlyDigits = true;
        const std::size_t start = buf.size();
        while (i < t.size()) {
            const char c = t[i];
            if (isWordByte(c)) {
                if (isLetter(c)) {
                    ++letters;
                    if (!isUpper(c)) allCaps = false;
                }
                if (!isDigit(c)) onlyDigits = false;
                buf.push_back(lowerAscii(c));
                ++i;
            } else if (c == '\'' && i + 1 < t.size() && isWordByte(t[i + 1]) && buf.size() > start) {
                if ((t[i + 1] == 's' || t[i + 1] == 'S') && (i + 2 >= t.size() || !isWordByte(t[i + 2]))) {
                    w.poss = true;
                    w.baseLen = static_cast<std::uint16_t>(buf.size() - start);
                } else if (!w.elided && italianElision(string_view(buf.data() + start, buf.size() - start))) {
                    w.elided = static_cast<std::uint8_t>(buf.size() - start);  // "l'appuntamento", "dall'oculista"
                }
                ++i;  // "don't" -> "dont"
            } else if (c == '\'' && buf.size() > start && buf.back() == 's' &&
                       (i + 1 >= t.size() || !isWordByte(t[i + 1]))) {
                w.poss = true;  // "James'"
                w.baseLen = static_cast<std::uint16_t>(buf.size() - start);
                ++i;
                break;
            } else {
                break;
            }
        }
        w.text = string_view(buf.data() + start, buf.size() - start);
        if (!w.poss) w.baseLen = static_cast<std::uint16_t>(w.text.size());
        lookUp(w);
        w.end = static_cast<std::uint32_t>(i);
        w.allCaps = allCaps && letters >= 2;
        w.number = onlyDigits;
        prevEnd = i;
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
    }
    if (!words.empty())
        for (std::size_t k = words.back().end; k < t.size(); ++k)
            if (t[k] != ' ') {
                words.back().after = t[k];
                break;
            }

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

// =======================================================================================
// Vocabulary and phrase rules
//
// The rules are written as small phrase patterns over words (see Rule below). Every word a
// rule names is in one vocabulary; each word of a message is looked up once, exactly and,
// for words of six letters or more, one typo away (a letter added, dropped, changed, or two
// neighbours swapped: "breating", "seizrue", "ibuprofin"), by the symmetric-delete method so
// a lookup costs a handful of hash probes. A word written "=word" in a pattern is exact only
// (common words one letter from a trigger: "cooking"/"choking", "painted"/"fainted").

// An open-addressing table from strings to their index in a vector that outlives it: FNV-1a,
// a power-of-two number of slots, linear probing. Built once; a lookup is a short hash and
// usually one comparison, which is what most of the time of a check goes to.
class StringTable {
public:
    void build(const std::vector<std::string>& keys) {
        keys_ = &keys;
        std::size_t size = 16;
        while (size < keys.size() * 2) size *= 2;
        mask_ = size - 1;
        slots_.assign(size, Slot{});
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const auto h = hash(keys[k]);
            std::size_t at = h & mask_;
            while (slots_[at].key) at = (at + 1) & mask_;
            slots_[at] = {static_cast<std::uint32_t>(k + 1), static_cast<std::uint32_t>(h >> 32)};
        }
    }

    int find(string_view w) const {
        if (!keys_) return -1;
        const auto h = hash(w);
        for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
            const auto& slot = slots_[at];
            if (!slot.key) return -1;
            if (slot.check == static_cast<std::uint32_t>(h >> 32) && (*keys_)[slot.key - 1] == w)
                return static_cast<int>(slot.key - 1);
        }
    }

private:
    struct Slot {
        std::uint32_t key = 0;  // index + 1; 0 = empty
        std::uint32_t check = 0;
    };
    static std::uint64_t hash(string_view s) {
        std::uint64_t h = 14695981039346656037ull;
        for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return h;
    }
    const std::vector<std::string>* keys_ = nullptr;
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
};

// Optimal string alignment distance, at most 1?
bool withinOneEdit(string_view a, string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size()) {
        if (i == a.size()) return true;
        if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one changed
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    return a.substr(i) == b.substr(i + 1);  // one added
}

// Everyday words of patients' messages. A word the vocabulary knows is never read as a typo
// of another ("cooking" is not "choking", "present" not "pretend"), and is not searched for
// one, which is most of the words of most messages.
constexpr string_view kCommonWords[] = {
    "about", "after", "again", "against", "all", "also", "always", "am", "an", "and", "any", "anything", "are",
    "around", "as", "at", "available", "away", "back", "be", "because", "been", "before", "being", "best",
    "better", "between", "both", "bring", "but", "by", "call", "called", "calling", "came", "can", "cannot",
    "cancel", "cancelled", "canceled", "change", "check", "cheers", "clinic", "come", "coming", "confirm",
    "cooking", "could", "couldnt", "date", "day", "days", "did", "didnt", "different", "do", "doctor",
    "doctors", "does", "doesnt", "doing", "done", "dont", "down", "during", "each", "early", "earlier",
    "earliest", "either", "else", "email", "end", "enough", "even", "evening", "ever", "every", "everything",
    "fine", "first", "for", "free", "friday", "from", "get", "getting", "give", "go", "going", "good", "got",
    "great", "had", "has", "have", "having", "he", "hello", "help", "her", "here", "hey", "hi", "him", "his",
    "hold", "hour", "hours", "how", "however", "i", "if", "im", "in", "instead", "into", "is", "isnt", "it",
    "its", "ive", "just", "keep", "know", "last", "late", "later", "latest", "leave", "let", "lets", "like",
    "list", "little", "look", "looking", "made", "make", "making", "many", "maybe", "me", "mean", "message",
    "midday", "might", "mine", "minutes", "monday", "month", "more", "morning", "most", "move", "much",
    "must", "my", "myself", "need", "needs", "never", "new", "next", "nice", "night", "no", "noon", "not",
    "nothing", "now", "number", "of", "off", "ok", "okay", "on", "once", "one", "only", "open", "opening",
    "or", "other", "our", "out", "over", "painted", "painting", "parking", "people", "perfect", "person",
    "phone", "please", "possible", "practice", "present", "prefer", "pretty", "price", "problem", "put",
    "question", "quick", "rather", "really", "reason", "remind", "reminder", "right", "same", "saturday",
    "say", "schedule", "scheduled", "second", "see", "send", "sent", "she", "should", "show", "since",
    "slot", "slots", "so", "some", "someone", "something", "soon", "sooner", "sorry", "start", "still",
    "store", "sunday", "sure", "take", "taking", "talk", "tell", "than", "thank", "thanks", "that", "thats",
    "the", "their", "them", "then", "there", "these", "they", "thing", "things", "think", "third", "this",
    "those", "through", "thursday", "time", "times", "to", "today", "told", "tomorrow", "too", "tuesday",
    "two", "under", "until", "up", "us", "use", "very", "visit", "wait", "waiting", "want", "wanted", "was",
    "way", "we", "wednesday", "week", "weekend", "weeks", "well", "were", "what", "whats", "when", "where",
    "which", "while", "who", "why", "will", "with", "without", "wont", "work", "working", "would", "yeah",
    "year", "years", "yes", "yet", "you", "your", "youre", "appointment", "appointments", "booking",
    "bookings", "book", "booked", "reschedule", "tuesdays", "mondays", "afternoon", "evenings", "mornings",
    "cardiologist", "dermatologist", "pediatrician", "paediatrician", "specialist", "general", "checkup",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "anytime", "whenever", "possibly",
    "address", "insurance", "prescription", "referral", "results", "closed", "holiday", "holidays", "doing",
    "scrap", "started", "starting", "waking", "walking", "looking", "talking", "trying", "feeling", "leaving",
    "moving", "finish", "finished", "coffee", "dinner", "lunch", "breakfast", "school", "office", "meeting",
    "thanksgiving", "christmas", "easter", "summer", "winter", "spring", "autumn", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "sitting", "setting", "hitting", "knitting", "putting", "keyboard", "houseplant", "houseplants", "plants",
    "physics", "physicist", "physical",
};

struct Vocabulary {
    std::vector<std::string> words;
    std::vector<bool> exact;             // "=word": no typos of it
    std::vector<std::uint32_t> flags;    // WordFlag
    StringTable table;
    std::vector<std::string> deleteKeys;             // a fuzzy word with one letter dropped
    std::vector<std::vector<std::uint16_t>> deleteIds;  // ... and the words it comes from
    StringTable deleteTable;
    std::unordered_map<std::string, std::uint16_t> building;  // only while the rules are compiled

    std::uint16_t intern(string_view w) {
        bool exactOnly = false;
        if (!w.empty() && w[0] == '=') {
            exactOnly = true;
            w.remove_prefix(1);
        }
        auto it = building.find(std::string(w));
        if (it != building.end()) {
            if (exactOnly) exact[it->second] = true;
            return it->second;
        }
        const auto id = static_cast<std::uint16_t>(words.size());
        building.emplace(std::string(w), id);
        words.emplace_back(w);
        exact.push_back(exactOnly);
        flags.push_back(0);
        return id;
    }

    template <typename List>
    void tag(const List& list, std::uint32_t flag) {
        for (string_view w : list) flags[intern(w)] |= flag;
    }

    void finish() {
        building.clear();
        table.build(words);
        std::unordered_map<std::string, std::size_t> at;
        for (std::size_t id = 0; id < words.size(); ++id) {
            const auto& w = words[id];
            if (exact[id] || w.size() < 6) continue;
            for (std::size_t k = 0; k < w.size(); ++k) {
                std::string d = w.substr(0, k) + w.substr(k + 1);
                auto [it, added] = at.emplace(d, deleteKeys.size());
                if (added) {
                    deleteKeys.push_back(d);
                    deleteIds.emplace_back();
                }
                auto& v = deleteIds[it->second];
                if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(static_cast<std::uint16_t>(id));
            }
        }
        deleteTable.build(deleteKeys);
    }

    int find(string_view w) const { return table.find(w); }

    // The vocabulary entries of a word whose exact entry (Word::id, Word::baseId) is known: the
    // exact ones, else those one typo away.
    void resolve(Word& w) const {
        if (w.id >= 0) w.ids[w.nids++] = static_cast<std::uint16_t>(w.id);
        if (w.baseId >= 0 && w.baseId != w.id) w.ids[w.nids++] = static_cast<std::uint16_t>(w.baseId);
        if (w.elided && w.elided < w.text.size() && w.nids < 3) {  // "lappuntamento" is also "appuntamento"
            const int bare = table.find(w.text.substr(w.elided));
            if (bare >= 0 && bare != w.id) w.ids[w.nids++] = static_cast<std::uint16_t>(bare);
        }
        const string_view t = w.text;
        if (w.nids || t.size() < 5 || w.number) return;
        auto add = [&](std::uint16_t id) {
            if (w.nids >= 3 || exact[id] || words[id].size() < 6) return;
            for (std::uint8_t k = 0; k < w.nids; ++k)
                if (w.ids[k] == id) return;
            if (withinOneEdit(t, words[id])) w.ids[w.nids++] = id;
        };
        if (const int d = deleteTable.find(t); d >= 0)
            for (auto id : deleteIds[static_cast<std::size_t>(d)]) add(id);  // a letter missing
        char buf[64];
        if (t.size() >= sizeof buf) return;
        for (std::size_t k = 0; k < t.size(); ++k) {
            std::memcpy(buf, t.data(), k);
            std::memcpy(buf + k, t.data() + k + 1, t.size() - k - 1);
            const string_view d(buf, t.size() - 1);
            if (const int id = table.find(d); id >= 0) add(static_cast<std::uint16_t>(id));  // a letter too many
            if (const int del = deleteTable.find(d); del >= 0)
                for (auto id : deleteIds[static_cast<std::size_t>(del)]) add(id);  // a letter changed, or two swapped
        }
    }
};

enum class Kind : std::uint8_t {
    Emergency,
    Advice,
    Past,       // "last year", "3 years ago", "history of": a sentence about the past
    Present,    // "now", "again", "still": ... unless it is happening now
    Booking,    // the message is about booking: advice questions in it go to the dialogue
    Practice,   // "do you treat acne", "prescription refill": practice questions, not advice
    Injection,
    Other,      // about someone else
    Family,     // about an adult relative: someone else, unless a caregiver acts for them
    // What a message is about (readSignals, issue 15): the model's labels are grounded in these.
    Danger,     // a medical danger sign: a symptom, body part, bleeding, breathing, overdose, self-harm
    Subject,    // a medical subject: a medicine, a dose, a symptom, a condition, a treatment
    Provider,   // a doctor or a kind of specialist, offered here or not
    Care,       // what one books at a practice: an appointment, a visit, a check-up, a jab
    CareWeak,   // the same, unless another domain's object is named: a booking, a slot, an exam
    CareMedical,  // only medical: a check-up, a jab, a consultation (a "hair" or "car" beside it changes nothing)
    Unoffered,  // a kind of specialist the practice lacks (label: how the reply names it)
    Foreign,    // an object of another domain: a flight, a table, a car, a meeting, a card
    BookCue, CancelCue, MoveCue, ListCue, PronounObject,
    PersonCue, RestartCue, HelpCue, HandoffCue, FaqCue,
    PracticeData,  // what the practice holds about people: appointments, records, results, "a patient here"
    AsksPractice,  // a question put to the practice: "do you offer acupuncture", "your wifi"
    Availability,  // "anything free", "is there room", "pencil me in", "I'm flexible"
    ForeignPatient,  // the one to be seen is no person: the cat at the vet, the boiler, the website
    PracticeHow,     // how the practice works, asked: what to bring, a referral needed, fasting, a penalty
    HelpAsk,         // what the assistant is or does, asked: "a cosa servi?", "sei un bot?", "come ti uso?"
    ListAsk,         // one's own bookings, asked: "quando è la mia visita?", "sono già prenotata?"
    DoctorAsk,       // about the doctors, asked: "come si chiama il pediatra?", "avete medici donne?"
    ChangeCue,       // a booking taken off or moved in so many words (Italian): "disdire", "posticipare"
};

struct Element {
    std::vector<std::uint16_t> ids;  // sorted
    std::uint8_t gap = 0;            // words that may sit before this one (0: right after the previous)
    bool number = false;             // "#": any number
    bool year = false;               // "%y": a four-digit year 1900..2099
    bool big = false;                // "%big": a number of two digits or more ("I took 30 paracetamol")
};

using Pattern = std::vector<Element>;

// A phrase rule: the pattern's elements in order, each a set of words, with up to `gap`
// other words before each (never across a sentence). `also` must match somewhere in the
// message, `unless` nowhere in the same sentence; `notPrev` / `notNext` are words that may not
// stand right before / after the match ("heat stroke", "stroke of luck").
struct Rule {
    Kind kind{};
    string_view label;
    Pattern pattern, also, unless;
    std::vector<std::uint16_t> notPrev, notNext;
    bool notInWhQuestion = false;  // "what number do I call in an emergency?" is a question about the practice
    bool ownGuard = false;         // "all my appointments": "my", "mine", "I have" near it make it the patient's own
    bool whole = false;            // the match must be the whole message ("is this normal?")
};

struct RuleSpec {
    Kind kind;
    const char* label;
    const char* pattern;
    const char* also = nullptr;
    const char* unless = nullptr;
    const char* notPrev = nullptr;
    const char* notNext = nullptr;
    bool notInWhQuestion = false;
    bool ownGuard = false;
    bool whole = false;
};

// Word classes a pattern names with @name.
struct WordClass {
    const char* name;
    const char* words;
};

#include "assistant/engine/guards/phrase_table.inc"

// The compiled rules, built once, read-only afterwards: safe to share between threads.
struct Rules {
    Vocabulary vocab;
    std::vector<Rule> rules;
    std::vector<std::vector<std::uint16_t>> byFirst;  // first element's word -> rules
    std::vector<std::uint16_t> numberFirst;          // rules whose first element is a number
    // Word sets the code reads directly.
    std::vector<std::uint16_t> negators, negatorExceptions, pastBefore, resolvedAfter, ownWords;

    Rules() {
        std::unordered_map<string_view, std::vector<string_view>> classes;
        for (const auto& c : kClasses) classes[c.name] = split(c.words, ' ');
        auto element = [&](string_view spec) {
            Element e;
            for (auto alt : split(spec, '|')) {
                if (alt == "#") e.number = true;
                else if (alt == "%y") e.year = true;
                else if (alt == "%big") e.big = true;
                else if (alt[0] == '@') {
                    for (auto w : classes.at(alt.substr(1))) e.ids.push_back(vocab.intern(w));
                } else e.ids.push_back(vocab.intern(alt));
            }
            std::sort(e.ids.begin(), e.ids.end());
            e.ids.erase(std::unique(e.ids.begin(), e.ids.end()), e.ids.end());
            return e;
        };
        auto pattern = [&](const char* spec) {
            Pattern p;
            if (!spec) return p;
            std::uint8_t gap = 0;
            for (auto part : split(spec, ' ')) {
                if (part[0] == '~' && part.size() > 1) {
                    gap = static_cast<std::uint8_t>(part[1] - '0');
                    continue;
                }
                Element e = element(part);
                e.gap = gap;
                gap = 0;
                p.push_back(std::move(e));
            }
            return p;
        };
        for (const auto& s : kRules) {
            Rule r;
            r.kind = s.kind;
            r.label = s.label;
            r.pattern = pattern(s.pattern);
            r.also = pattern(s.also);
            r.unless = pattern(s.unless);
            if (s.notPrev) r.notPrev = element(s.notPrev).ids;
            if (s.notNext) r.notNext = element(s.notNext).ids;
            r.notInWhQuestion = s.notInWhQuestion;
            r.ownGuard = s.ownGuard;
            r.whole = s.whole;
            if (r.pattern.empty() || r.pattern.size() > 8) throw std::logic_error("guards: a rule of 1 to 8 elements");
            rules.push_back(std::move(r));
        }
        negators = element("no|not|dont|doesnt|didnt|never|isnt|wasnt|arent|werent|havent|hasnt|hadnt|nor|neither|"
                           "denies|deny|denied|nothing|none|aint|non|nn|nun|mai|nessun|nessuna|niente|neanche|nemmeno")
                       .ids;
        negatorExceptions = element("sure|certain|know|think|knowing|understand|remember").ids;
        pastBefore = element("after|since|following|post|previous|previously|prior|past|former|old|earlier|died|"
                             "history|historic|last|survived|survivor|precedente|vecchio|passato|avuto")
                         .ids;
        resolvedAfter = element("gone|resolved|subsided|disappeared|healed|away|cleared").ids;
        // The patient's own, or free slots: "all my appointments", "every available appointment".
        ownWords = element("my|mine|our|ours|i|ive|im|available|free|open|upcoming|future|vacant|possible|"
                           "remaining|next|miei|mie|mio|mia|ho|io|liberi|libere|disponibili|prossimi|prossime")
                       .ids;
        // The words the checks below name in code, so each has an id; what words are; everyday words.
        for (auto w : kCodeWords) vocab.intern(w);
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
        vocab.tag(kCommonWords, 0);
        vocab.finish();
        byFirst.resize(vocab.words.size());
        for (std::size_t r = 0; r < rules.size(); ++r) {
            const auto& first = rules[r].pattern.front();
            for (auto id : first.ids) byFirst[id].push_back(static_cast<std::uint16_t>(r));
            if (first.number || first.year || first.big) numberFirst.push_back(static_cast<std::uint16_t>(r));
        }
    }

    static constexpr string_view kCodeWords[] = {"can", "emergency", "sos", "mayday"};

    static std::vector<string_view> split(string_view s, char sep) {
        std::vector<string_view> out;
        while (!s.empty()) {
            const auto k = s.find(sep);
            auto part = s.substr(0, k);
            if (!part.empty()) out.push_back(part);
            if (k == string_view::npos) break;
            s.remove_prefix(k + 1);
        }
        return out;
    }

    std::uint16_t id(string_view w) const {
        const int k = vocab.find(w);
        return k < 0 ? std::uint16_t(0xFFFF) : static_cast<std::uint16_t>(k);
    }
};

const Rules& rules() {
    static const Rules r;
    return r;
}

std::uint32_t wordFlags(string_view w) {
    const auto& v = rules().vocab;
    const int id = v.find(w);
    return id < 0 ? 0 : v.flags[static_cast<std::size_t>(id)];
}

void lookUp(Word& w) {
    const auto& v = rules().vocab;
    w.id = v.find(w.text);
    w.flags = w.id < 0 ? 0 : v.flags[static_cast<std::size_t>(w.id)];
    if (w.baseLen != w.text.size()) {
        w.baseId = v.find(w.base());
        w.baseFlags = w.baseId < 0 ? 0 : v.flags[static_cast<std::size_t>(w.baseId)];
    } else {
        w.baseId = w.id;
        w.baseFlags = w.flags;
    }
}

bool contains(const std::vector<std::uint16_t>& sorted, std::uint16_t id) {
    return std::binary_search(sorted.begin(), sorted.end(), id);
}

bool wordIn(const Word& w, const std::vector<std::uint16_t>& sorted) {
    for (std::uint8_t k = 0; k < w.nids; ++k)
        if (contains(sorted, w.ids[k])) return true;
    return false;
}

bool isYear(const Word& w) {
    if (!w.number || w.text.size() != 4) return false;
    return (w.text[0] == '1' && w.text[1] == '9') || (w.text[0] == '2' && w.text[1] == '0');
}

bool elementMatches(const Element& e, const Word& w) {
    if (e.number && w.number) return true;
    if (e.year && isYear(w)) return true;
    if (e.big && w.number && w.text.size() >= 2 && w.text != "00") return true;
    return wordIn(w, e.ids);
}

// A message's words with their vocabulary entries, ready for the rules.
struct Message {
    Folded folded;
    std::string buf;  // the words' text
    std::vector<Word> words;
};

Message readMessage(string_view text) {
    Message m;
    m.folded = fold(text);
    m.words = splitWords(m.folded.text, true, m.buf);
    const auto& voc = rules().vocab;
    for (auto& w : m.words) voc.resolve(w);
    return m;
}

// Where a rule matched: the words of the pattern's elements, in order.
struct Match {
    std::uint16_t rule = 0;
    std::array<std::uint16_t, 8> at{};
    std::uint8_t n = 0;
    std::size_t first() const { return at[0]; }
    std::size_t last() const { return at[n - 1]; }
};

bool matchFrom(const Pattern& p, const std::vector<Word>& words, std::size_t k, std::size_t prev, Match& m) {
    if (k == p.size()) return true;
    const auto& e = p[k];
    for (std::size_t pos = prev + 1; pos <= prev + 1 + e.gap && pos < words.size(); ++pos) {
        if (words[pos].sentence != words[prev].sentence) break;
        if (!elementMatches(e, words[pos])) continue;
        m.at[k] = static_cast<std::uint16_t>(pos);
        if (matchFrom(p, words, k + 1, pos, m)) return true;
    }
    return false;
}

// Does the pattern match anywhere (in one sentence when `sentence` is set)?
bool matchesAnywhere(const Pattern& p, const std::vector<Word>& words, int sentence = -1) {
    if (p.empty()) return false;
    Match m;
    for (std::size_t s = 0; s < words.size(); ++s) {
        if (sentence >= 0 && words[s].sentence != sentence) continue;
        if (!elementMatches(p[0], words[s])) continue;
        m.at[0] = static_cast<std::uint16_t>(s);
        if (matchFrom(p, words, 1, s, m)) return true;
    }
    return false;
}

bool isWhQuestion(const std::vector<Word>& words, std::size_t at) {
    std::size_t s = at;
    while (s > 0 && words[s - 1].sentence == words[at].sentence) --s;
    static constexpr string_view kWh[] = {"what", "whats", "how", "where", "who", "which", "when", "do", "does",
                                          "can", "could", "should", "will", "would", "is", "are", "whom"};
    const auto& w = words[s].text;
    for (auto q : kWh)
        if (w == q) {
            // "is this an emergency?" asks about the patient's situation: still an emergency.
            if ((q == "is" || q == "are") && s + 1 < words.size() &&
                (words[s + 1].text == "this" || words[s + 1].text == "it" || words[s + 1].text == "that"))
                return false;
            return true;
        }
    return false;
}

// Every match of one kind's rules, checked against the rule's own conditions.
// Every match of the rules whose kind `wanted` accepts, checked against the rule's own
// conditions; onMatch returns false to stop.
template <typename Wanted, typename F>
void forEachMatchWhere(const std::vector<Word>& words, Wanted&& wanted, F&& onMatch) {
    const auto& R = rules();
    Match m;
    auto tryRule = [&](std::uint16_t ri, std::size_t s) {
        const auto& r = R.rules[ri];
        if (!wanted(r.kind)) return true;
        if (!elementMatches(r.pattern[0], words[s])) return true;
        m.rule = ri;
        m.n = static_cast<std::uint8_t>(r.pattern.size());
        m.at[0] = static_cast<std::uint16_t>(s);
        if (!matchFrom(r.pattern, words, 1, s, m)) return true;
        if (!r.notPrev.empty() && m.first() > 0 && words[m.first() - 1].sentence == words[s].sentence &&
            wordIn(words[m.first() - 1], r.notPrev))
            return true;
        if (!r.notNext.empty() && m.last() + 1 < words.size() && wordIn(words[m.last() + 1], r.notNext)) return true;
        if (!r.also.empty() && !matchesAnywhere(r.also, words)) return true;
        if (!r.unless.empty() && matchesAnywhere(r.unless, words, words[s].sentence)) return true;
        if (r.notInWhQuestion && isWhQuestion(words, s)) return true;
        if (r.whole && (m.first() != 0 || m.last() + 1 != words.size())) return true;
        if (r.ownGuard) {
            for (std::size_t k = m.first() > 2 ? m.first() - 2 : 0; k < std::min(words.size(), m.last() + 4); ++k)
                if (words[k].sentence == words[s].sentence && wordIn(words[k], R.ownWords)) return true;
        }
        return onMatch(m);
    };
    for (std::size_t s = 0; s < words.size(); ++s) {
        const auto& w = words[s];
        for (std::uint8_t k = 0; k < w.nids; ++k)
            for (auto ri : R.byFirst[w.ids[k]])
                if (!tryRule(ri, s)) return;
        if (w.number)
            for (auto ri : R.numberFirst)
                if (!tryRule(ri, s)) return;
    }
}

template <typename F>
void forEachMatch(const std::vector<Word>& words, Kind kind, F&& onMatch) {
    forEachMatchWhere(words, [kind](Kind k) { return k == kind; }, std::forward<F>(onMatch));
}

bool anyMatch(const std::vector<Word>& words, Kind kind) {
    bool found = false;
    forEachMatch(words, kind, [&](const Match&) {
        found = true;
        return false;
    });
    return found;
}

// =======================================================================================
// Triage

// A negation in the three words before the match (same clause) or among the words it
// skipped: "no chest pain", "I don't have trouble breathing", "chest doesn't hurt". "not
// sure", "don't know" hedge rather than negate; "can not" is the inability itself.
bool negated(const std::vector<Word>& words, const Match& m) {
    const auto& R = rules();
    auto isNegator = [&](std::size_t k) {
        if (!wordIn(words[k], R.negators)) return false;
        if (k + 1 < words.size() && wordIn(words[k + 1], R.negatorExceptions)) return false;
        if (words[k].text == "not" && k > 0 && (words[k - 1].text == "can" || words[k - 1].text == "could"))
            return false;
        if (words[k].text == "non" && k + 1 < words.size() && words[k + 1].text == "stop") return false;  // "non-stop"
        return true;
    };
    const std::size_t first = m.first();
    for (std::size_t back = 1; back <= 3 && back <= first; ++back) {
        const std::size_t k = first - back;
        if (words[k].clause != words[first].clause) break;
        // "is not crying and not moving": a negation does not reach past "and" / "or".
        if (words[k].text == "and" || words[k].text == "or") break;
        if (isNegator(k)) return true;
    }
    for (std::uint8_t e = 1; e < m.n; ++e)
        for (std::size_t k = m.at[e - 1] + 1u; k < m.at[e]; ++k)
            if (isNegator(k)) return true;
    return false;
}

struct SentenceMarks {
    std::vector<bool> past, present;
};

// Past and not happening now: "my chest pain last year", "a follow-up after my stroke", "I
// had a heart attack in 2019"; but "I had a stroke last year and now my face is drooping"
// is now. The past is read per sentence; "after", "since", "previous" right before the
// match ("after my stroke", not "after hitting his head"), and "gone", "resolved" right after
// it, also make it past.
bool inThePast(const std::vector<Word>& words, const Match& m, const SentenceMarks& marks) {
    const auto& R = rules();
    const auto sentence = words[m.first()].sentence;
    if (marks.present[sentence]) return false;
    if (marks.past[sentence]) return true;
    const std::size_t first = m.first();
    for (std::size_t back = 1; back <= 3 && back <= first; ++back) {
        const std::size_t k = first - back;
        if (words[k].sentence != sentence) break;
        if (!wordIn(words[k], R.pastBefore)) continue;
        const auto& t = words[k].text;
        // "my 2 year old is struggling to breathe": an age, not the past.
        if (t == "old" && k > 0 &&
            oneOf(words[k - 1].text, {"year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days"}))
            continue;
        if (t == "after" || t == "since" || t == "following" || t == "post") {
            static constexpr string_view kDeterminers[] = {"my", "his", "her", "their", "a", "the", "your", "our", "an"};
            if (k + 1 < words.size() && oneOf(words[k + 1].text, kDeterminers)) return true;
            continue;
        }
        return true;
    }
    for (std::size_t k = m.last() + 1; k < words.size() && k <= m.last() + 3; ++k) {
        if (words[k].clause != words[m.last()].clause) break;
        if (wordIn(words[k], R.resolvedAfter)) return true;
    }
    return false;
}

SentenceMarks markSentences(const std::vector<Word>& words) {
    SentenceMarks marks;
    const std::size_t n = words.empty() ? 0 : words.back().sentence + 1u;
    marks.past.assign(n, false);
    marks.present.assign(n, false);
    forEachMatch(words, Kind::Past, [&](const Match& m) {
        marks.past[words[m.first()].sentence] = true;
        return true;
    });
    forEachMatch(words, Kind::Present, [&](const Match& m) {
        marks.present[words[m.first()].sentence] = true;
        return true;
    });
    return marks;
}

// "emergency", "SOS", "help, emergency!" as the whole message.
// "emergency", "SOS", "help, emergency!", "it's urgent, please help" as the whole message.
bool bareEmergency(const std::vector<Word>& words) {
    static constexpr string_view kFiller[] = {"please", "now", "me", "an", "its", "this", "is", "it",
                                              "quick", "need", "i", "a", "pls", "plz", "us", "someone", "right",
                                              "per", "favore", "vi", "prego", "e", "una", "qualcuno", "ce"};
    bool strong = false, help = false, urgent = false;
    for (const auto& w : words) {
        const auto& t = w.text;
        if (t == "emergency" || t == "sos" || t == "mayday" || t == "emergancy" || t == "emergenza") strong = true;
        else if (t == "help" || t == "aiuto" || t == "aiutatemi" || t == "aiutami") help = true;
        else if (t == "urgent" || t == "urgently" || t == "asap" || t == "quickly" || t == "immediately" ||
                 t == "urgente" || t == "subito" || t == "presto")
            urgent = true;
        else if (!oneOf(t, kFiller)) return false;
    }
    return strong || (help && urgent);
}

Triage triageWords(const std::vector<Word>& words) {
    if (words.empty()) return {};
    if (bareEmergency(words)) return {TriageKind::Emergency, "emergency"};
    std::optional<SentenceMarks> marks;
    Triage result;
    forEachMatch(words, Kind::Emergency, [&](const Match& m) {
        if (negated(words, m)) return true;
        if (!marks) marks = markSentences(words);
        if (inThePast(words, m, *marks)) return true;
        result = {TriageKind::Emergency, std::string(rules().rules[m.rule].label)};
        return false;
    });
    if (result.kind == TriageKind::Emergency) return result;
    // Advice questions inside a booking or about what the practice offers go to the dialogue:
    // "book a dermatologist about my rash", "do you treat acne", "repeat prescription".
    forEachMatch(words, Kind::Advice, [&](const Match& m) {
        result = {TriageKind::MedicalAdvice, std::string(rules().rules[m.rule].label)};
        return false;
    });
    if (result.kind == TriageKind::MedicalAdvice && (anyMatch(words, Kind::Booking) || anyMatch(words, Kind::Practice)))
        return {};
    return result;
}

// =======================================================================================
// Identifiers in text: emails, phone numbers, dates

struct Span {
    std::size_t begin = 0, end = 0;  // in the folded text
};

bool isEmailLocal(char c) {
    return isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool isEmailDomain(char c) { return isLetter(c) || isDigit(c) || c == '.' || c == '-'; }

// local@domain.tld, also with a space either side of the @.
std::vector<Span> findEmails(const std::string& t) {
    std::vector<Span> out;
    for (std::size_t at = t.find('@'); at != std::string::npos; at = t.find('@', at + 1)) {
        std::size_t l = at;
        if (l > 0 && t[l - 1] == ' ') --l;
        std::size_t b = l;
        while (b > 0 && isEmailLocal(t[b - 1])) --b;
        while (b < l && t[b] == '.') ++b;
        std::size_t r = at + 1;
        if (r < t.size() && t[r] == ' ') ++r;
        std::size_t e = r;
        // A domain never holds "..": "maria@example.com...2" ends before the dots.
        while (e < t.size() && isEmailDomain(t[e]) && !(t[e] == '.' && e > r && t[e - 1] == '.')) ++e;
        while (e > r && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
        if (b == l || e == r) continue;
        // The address ends at its last label of letters: "maria@example.com.1" is
        // "maria@example.com" followed by ".1".
        bool found = false;
        while (e > r) {
            const string_view domain(t.data() + r, e - r);
            const auto dot = domain.rfind('.');
            if (dot == string_view::npos || dot == 0) break;
            bool tldLetters = domain.size() - dot - 1 >= 2;
            for (char c : domain.substr(dot + 1)) tldLetters = tldLetters && isLetter(c);
            if (tldLetters) {
                found = true;
                break;
            }
            e = r + dot;
        }
        if (!found) continue;
        out.push_back({b, e});
    }
    return out;
}

std::string digitsOf(string_view s) {
    std::string d;
    for (char c : s)
        if (isDigit(c)) d.push_back(c);
    return d;
}

// Is `digits` one of the allowed contacts, written any way ("+39 06 1234 5678", "06-1234-5678")?
bool allowedNumber(const std::string& digits, const std::vector<std::string>& allowedDigits) {
    for (const auto& a : allowedDigits) {
        if (a.empty()) continue;
        if (a == digits) return true;
        const auto& shorter = a.size() < digits.size() ? a : digits;
        const auto& longer = a.size() < digits.size() ? digits : a;
        if (shorter.size() >= 6 && longer.size() - shorter.size() <= 4 &&
            longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0)
            return true;
    }
    return false;
}

struct NumberRun {
    Span span;
    std::string digits;
    std::vector<std::pair<std::size_t, char>> groups;  // digits per group, separator after it
};

// Runs of digits joined by spaces, dots, dashes and parentheses, with an optional +: the
// shape of phone numbers ("+39 06 1234 5678", "(06) 123-4567", "333.123.4567"). Times
// ("09:30") and numeric dates with slashes stop at the colon or slash; a run that reads as a
// date (24.11.2026, 2026-11-24, 24 11 2026) is a date, not a phone number.
std::vector<NumberRun> findNumberRuns(const std::string& t) {
    std::vector<NumberRun> out;
    std::size_t i = 0;
    while (i < t.size()) {
        const bool plus = t[i] == '+' && i + 1 < t.size() && (isDigit(t[i + 1]) || t[i + 1] == '(');
        const bool paren = t[i] == '(' && i + 1 < t.size() && isDigit(t[i + 1]);
        if (!isDigit(t[i]) && !plus && !paren) {
            ++i;
            continue;
        }
        // glued to a word ("id42") or the second half of a time, date or decimal ("9:30", "12/03", "38.5")
        const bool afterDigitMark = i > 1 && isDigit(t[i - 2]) &&
                                    (t[i - 1] == ':' || t[i - 1] == '/' || t[i - 1] == '.' || t[i - 1] == ',');
        if (i > 0 && (isLetter(t[i - 1]) || afterDigitMark || static_cast<unsigned char>(t[i - 1]) >= 0x80) && !plus &&
            !paren) {
            while (i < t.size() && isDigit(t[i])) ++i;
            continue;
        }
        NumberRun run;
        run.span.begin = i;
        std::size_t k = i;
        if (plus) ++k;
        std::size_t lastDigitEnd = k;
        std::size_t groupDigits = 0;
        while (k < t.size()) {
            if (isDigit(t[k])) {
                run.digits.push_back(t[k]);
                ++groupDigits;
                ++k;
                lastDigitEnd = k;
                continue;
            }
            // at most two separator characters between groups ("06) 1234", "1234 - 5678" is three)
            std::size_t s = k;
            while (s < t.size() && s - k < 3 && (t[s] == ' ' || t[s] == '.' || t[s] == '-' || t[s] == '(' || t[s] == ')'))
                ++s;
            if (s == k || s >= t.size() || !isDigit(t[s]) || (s - k == 3 && t[k + 1] != '-')) break;
            if (groupDigits) run.groups.emplace_back(groupDigits, t[k]);
            groupDigits = 0;
            k = s;
        }
        if (groupDigits) run.groups.emplace_back(groupDigits, ' ');
        // Trailing letters glued to the last group ("9am", "12th") make it not a phone number.
        if (lastDigitEnd < t.size() && (isLetter(t[lastDigitEnd]) || t[lastDigitEnd] == ':' || t[lastDigitEnd] == '/')) {
            run.digits.clear();
        }
        run.span.end = lastDigitEnd;
        i = std::max(k, i + 1);
        if (!run.digits.empty()) out.push_back(std::move(run));
    }
    return out;
}

bool looksLikeDate(const NumberRun& r) {
    if (r.groups.size() != 3) return false;
    const auto a = r.groups[0].first, b = r.groups[1].first, c = r.groups[2].first;
    const char s1 = r.groups[0].second, s2 = r.groups[1].second;
    if (s1 != s2 && !(s1 == ' ' || s2 == ' ')) return false;
    if (a <= 2 && b <= 2 && (c == 2 || c == 4)) return true;  // 24.11.2026, 24 11 26
    if (a == 4 && b <= 2 && c <= 2) return true;              // 2026-11-24
    return false;
}

bool isPhone(const NumberRun& r) { return r.digits.size() >= 6 && !looksLikeDate(r); }

bool isOrdinalDay(string_view w) {  // "12", "12th", "1st"
    std::size_t k = 0;
    while (k < w.size() && isDigit(w[k])) ++k;
    if (k == 0 || k > 2) return false;
    const auto rest = w.substr(k);
    return rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th";
}

int yearValue(const Word& w) {
    if (!w.number) return -1;
    if (w.text.size() == 4) return toInt(w.text);
    return -1;
}

// A date in the words: "12/03/1980", "12.03.80", "1980-03-12", "12 March 1980", "March 12,
// 1980", "12th of March 1980", "Tuesday 24 November". Returns the word range and the year (or
// -1 when none is written).
struct DateAt {
    std::size_t first = 0, last = 0;
    int year = -1;
};

std::vector<DateAt> findDates(const std::vector<Word>& words, int thisYear) {
    std::vector<DateAt> out;
    auto twoDigitYear = [&](const Word& w) {
        const int yy = toInt(w.text);
        const int cut = thisYear % 100 + 1;
        return yy <= cut ? 2000 + yy : 1900 + yy;
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        // numeric: d/m/y, y-m-d
        if (w.number && w.text.size() <= 4 && i + 1 < words.size() && words[i + 1].number &&
            (w.after == '/' || w.after == '.' || w.after == '-') && words[i + 1].before == w.after &&
            words[i + 1].begin == w.end + 1) {
            const auto& m = words[i + 1];
            const bool third = i + 2 < words.size() && words[i + 2].number && m.after == w.after &&
                               words[i + 2].begin == m.end + 1;
            if (w.text.size() == 4 && third && m.text.size() <= 2 && words[i + 2].text.size() <= 2) {
                out.push_back({i, i + 2, toInt(w.text)});
                i += 2;
                continue;
            }
            if (w.text.size() <= 2 && m.text.size() <= 2) {
                if (third && (words[i + 2].text.size() == 4 || words[i + 2].text.size() == 2)) {
                    const auto& y = words[i + 2];
                    out.push_back({i, i + 2, y.text.size() == 4 ? toInt(y.text) : twoDigitYear(y)});
                    i += 2;
                    continue;
                }
                if (w.after == '/') {  // 12/03
                    out.push_back({i, i + 1, -1});
                    i += 1;
                    continue;
                }
            }
        }
        // words: 12 March [1980], 12th of March, March 12[,] [1980]
        if (isOrdinalDay(w.text)) {
            std::size_t k = i + 1;
            if (k < words.size() && words[k].text == "of") ++k;
            if (k < words.size() && (words[k].flags & kMonth) && words[k].sentence == w.sentence) {
                DateAt d{i, k, -1};
                if (k + 1 < words.size() && isYear(words[k + 1])) {
                    d.last = k + 1;
                    d.year = yearValue(words[k + 1]);
                }
                out.push_back(d);
                i = d.last;
                continue;
            }
        }
        if ((w.flags & kMonth) && (w.text.size() > 3 || w.cap) && i + 1 < words.size() &&
            isOrdinalDay(words[i + 1].text)) {
            DateAt d{i, i + 1, -1};
            if (i + 2 < words.size() && isYear(words[i + 2])) {
                d.last = i + 2;
                d.year = yearValue(words[i + 2]);
            }
            out.push_back(d);
            i = d.last;
            continue;
        }
    }
    return out;
}

int buildYear() {
    static const int year = [] {
        const char* d = __DATE__;  // "Mmm dd yyyy"
        return (d[7] - '0') * 1000 + (d[8] - '0') * 100 + (d[9] - '0') * 10 + (d[10] - '0');
    }();
    return year;
}

// "born", "birth", "dob", "birthday" a few words before the date (or right after it).
bool birthWordNear(const std::vector<Word>& words, const DateAt& d) {
    auto birthy = [](const Word& w) { return (w.flags & kBirth) != 0; };
    for (std::size_t back = 1; back <= 6 && back <= d.first; ++back)
        if (words[d.first - back].sentence == words[d.first].sentence && birthy(words[d.first - back])) return true;
    for (std::size_t k = d.last + 1; k < words.size() && k <= d.last + 4; ++k)
        if (words[k].sentence == words[d.last].sentence && birthy(words[k])) return true;
    return false;
}

// =======================================================================================
// Names

// The allow list of one turn, in the form the checks read. Built on every call from a dozen
// short names (and only when the text holds something that could be a name or a contact),
// so kept flat: one buffer of lower-case folded words, no per-word strings.
struct Allowed {
    struct Part {
        std::uint16_t offset;
        std::uint8_t length, name;
    };
    std::string buf;
    std::vector<Part> parts;  // every word of every allowed name, titles left out, in order

    explicit Allowed(const GuardContext& ctx) {
        std::size_t total = 0;
        for (const auto& n : ctx.allowedNames) total += n.size() + 1;
        buf.resize(total);
        parts.reserve(2 * ctx.allowedNames.size() + 4);
        std::size_t at = 0;
        std::uint8_t name = 0;
        for (const auto& n : ctx.allowedNames) {
            std::size_t start = at;
            auto flush = [&] {
                const std::size_t len = at - start;
                const char first = len ? buf[start] : 0;
                const bool maybeTitle = len <= 10 && (first == 'd' || first == 'p' || first == 'm' || first == 's');
                if (len > 0 && len < 256 && start < 65536 &&
                    !(maybeTitle && (wordFlags(string_view(buf.data() + start, len)) & (kDoctorTitle | kPersonTitle))))
                    parts.push_back({static_cast<std::uint16_t>(start), static_cast<std::uint8_t>(len), name});
                else at = start;
                start = at;
            };
            const char* p = n.data();
            const std::size_t size = n.size();
            for (std::size_t i = 0; i < size; ++i) {
                const char c = p[i];
                if (isLetter(c) || isDigit(c)) {
                    buf[at++] = lowerAscii(c);
                } else if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < size &&
                           (static_cast<unsigned char>(p[i + 1]) & 0xC0) == 0x80) {  // Latin-1: Niccolò = niccolo
                    buf[at++] = lowerAscii(kLatin1[static_cast<unsigned char>(p[i + 1]) - 0x80]);
                    ++i;
                } else if (static_cast<unsigned char>(c) >= 0x80) {
                    buf[at++] = c;
                } else if ((c == '\'' || c == '`') && at > start && i + 1 < size && isWordByte(p[i + 1])) {
                    continue;  // D'Angelo = dangelo
                } else {
                    flush();
                }
            }
            flush();
            if (name < 255) ++name;
        }
        buf.resize(at);
    }

    string_view at(const Part& p) const { return string_view(buf).substr(p.offset, p.length); }

    bool part(string_view w) const {
        for (const auto& p : parts)
            if (p.length == w.size() && at(p) == w) return true;
        return false;
    }

    // Sets Word::allowed on the words that are part of an allowed name.
    void mark(std::vector<Word>& words) const {
        for (auto& w : words) w.allowed = !w.number && part(w.base());
    }

    // Are these words one allowed name, or part of one ("Giulia Rossi", "Anna De Luca"), in
    // either order ("Rossi Giulia")? Two allowed words of different names are not: "Maria
    // Bianchi" is someone else even when Maria is the subject and Bianchi a doctor.
    bool sequence(const std::vector<string_view>& ws) const {
        for (std::size_t first = 0; first < parts.size();) {
            std::size_t last = first;
            while (last < parts.size() && parts[last].name == parts[first].name) ++last;
            std::size_t k = 0;
            for (std::size_t p = first; p < last; ++p)
                if (k < ws.size() && at(parts[p]) == ws[k]) ++k;
            if (k == ws.size()) return true;
            k = 0;
            for (std::size_t p = last; p > first; --p)
                if (k < ws.size() && at(parts[p - 1]) == ws[k]) ++k;
            if (k == ws.size()) return true;
            first = last;
        }
        return false;
    }

};

// The practice's public contacts: an email written any case, a number written any way.
struct Contacts {
    std::vector<std::string> lower, digits;

    explicit Contacts(const GuardContext& ctx) {
        for (const auto& c : ctx.allowedContacts) {
            if (c.empty()) continue;
            lower.push_back(lowerCopy(c));
            auto d = digitsOf(c);
            if (!d.empty()) digits.push_back(std::move(d));
        }
    }

    bool email(string_view e) const {
        for (const auto& l : lower)
            if (l.size() == e.size() && std::equal(l.begin(), l.end(), e.begin(),
                                                   [](char a, char b) { return a == lowerAscii(b); }))
                return true;
        return false;
    }
};

// =======================================================================================
// Input checks

InputCheck refuse(const char* label) { return {InputKind::OtherPerson, label}; }
InputCheck injection(std::string label) { return {InputKind::PromptInjection, std::move(label)}; }

// SQL, markup, template and shell syntax a patient never types.
const char* syntaxInjection(const std::string& lower) {
    auto has = [&](string_view s) { return lower.find(s) != std::string::npos; };
    static constexpr string_view kMarkup[] = {"<script", "</script", "<img", "<iframe", "<svg", "<object", "<embed",
                                              "<body", "<style", "<link", "<meta", "<a href", "javascript:",
                                              "vbscript:", "data:text", "onerror", "onload=", "onclick=",
                                              "onmouseover", "&#", "%3c", "&lt;", "\\u003c", "<input", "<form"};
    for (auto s : kMarkup)
        if (has(s)) return "markup";
    static constexpr string_view kTemplate[] = {"{{", "}}", "{%", "%}", "${", "#{", "<%", "%>"};
    for (auto s : kTemplate)
        if (has(s)) return "template";
    static constexpr string_view kSql[] = {"union select", "union all select", "drop table", "drop database",
                                           "delete from", "insert into", "truncate table", "alter table",
                                           "or 1=1", "1=1", "' or '", "\" or \"", "';", "'--", "--;", ";--",
                                           "/*", "*/", "xp_cmdshell", "information_schema", "sleep(",
                                           "benchmark(", "waitfor delay", "load_file", "into outfile",
                                           "@@version", "select *", "select*", "' or ", "or '1'='1"};
    for (auto s : kSql)
        if (has(s)) return "sql";
    if (const auto sel = lower.find("select "); sel != std::string::npos) {
        const auto from = lower.find(" from ", sel);
        if (from != std::string::npos &&
            (has(";") || has("=") || has("*") || has(" where ") || has("_") || has("--") || has(" table")))
            return "sql";
    }
    if (const auto upd = lower.find("update "); upd != std::string::npos)
        if (lower.find(" set ", upd) != std::string::npos && has("=")) return "sql";
    static constexpr string_view kShell[] = {"$(", "`", "rm -rf", "/etc/passwd", "../", "..\\", "eval(", "exec(",
                                             "system(", "<?php", "#!/", "&&", "||"};
    for (auto s : kShell)
        if (has(s)) return "code";
    return nullptr;
}

// "I'm Dr. Rossi", "this is Doctor Bianchi", "Dr Rossi speaking", "as Dr. Gallo, I need ...":
// someone claiming to be staff. "as Dr Rossi said" and "I'm Dr Rossi's patient" are not.
bool claimsToBeADoctor(const std::vector<Word>& words) {
    static constexpr string_view kReported[] = {"said", "says", "told", "recommended", "suggested", "asked",
                                                "advised", "prescribed", "wrote", "explained", "mentioned", "wanted"};
    // "Dr Rossi speaking", "Dr. Giulia Rossi here" as the whole message
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
        if (!isDoctorTitle(words[i])) continue;
        for (std::size_t k = i + 2; k < words.size() && k <= i + 3 && words[k].sentence == words[i].sentence; ++k)
            if ((words[k].text == "speaking" || words[k].text == "here") && words[k - 1].cap && k == words.size() - 1)
                return true;
    }
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (!isDoctorTitle(words[i + 1])) continue;
        const auto& w = words[i].text;
        if (w == "as" && i + 2 < words.size() && words[i + 2].cap && !words[i + 2].poss) {
            std::size_t k = i + 3;
            while (k < words.size() && words[k].cap && k < i + 5) ++k;
            if (k >= words.size() || !oneOf(words[k].text, kReported)) return true;
            continue;
        }
        bool intro = w == "im" || (w == "am" && i > 0 && words[i - 1].text == "i") ||
                     (w == "is" && i > 0 && words[i - 1].text == "this" &&
                      (i < 2 || (words[i - 2].text != "is" && words[i - 2].text != "was"))) ||
                     (w == "is" && i > 1 && words[i - 1].text == "name" && words[i - 2].text == "my") ||
                     w == "names";
        if (!intro) continue;
        if (i + 2 < words.size() && words[i + 2].poss) continue;  // "I'm Dr Rossi's patient"
        if (i + 2 < words.size() && words[i + 2].sentence == words[i].sentence &&
            !ordinaryCapitalised(words[i + 2]))
            return true;
        if (i + 2 >= words.size() || words[i + 2].sentence != words[i].sentence) return true;  // "I'm the doctor."
    }
    return false;
}

bool isNumberFollower(const Word& w) { return (w.flags & kNumberFollower) != 0; }

// "patient 17", "record #1003", "user id 5", "appointment 42", "appointment no. 7", "ID: 42",
// "#1234", "patient17". Small bare numbers after "appointment" are picks from a list
// ("appointment 2" = the second one shown); times and dates after it are times and dates.
bool recordId(const std::vector<Word>& words) {
    static constexpr string_view kStrong[] = {"patient", "patients", "user",   "users",     "record", "records",
                                              "id",      "ids",      "uid",    "userid",    "patientid", "mrn",
                                              "ref",     "reference", "ticket", "account",  "acct",   "chart",
                                              "recordid", "appointmentid", "bookingid", "pid", "nhs", "codice",
                                              "fiscale", "ssn"};
    static constexpr string_view kWeak[] = {"appointment", "appointments", "appt", "booking", "bookings", "visit",
                                            "reservation", "slot"};
    static constexpr string_view kMarker[] = {"no", "number", "nr", "num", "n", "id", "nbr", "code"};
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        // glued: "patient17", "id42", "user5"
        if (!w.number && !w.text.empty() && isDigit(w.text.back())) {
            std::size_t k = w.text.size();
            while (k > 0 && isDigit(w.text[k - 1])) --k;
            const string_view head = string_view(w.text).substr(0, k);
            if (k > 0 && (oneOf(head, kStrong) || (oneOf(head, kWeak) && w.text.size() - k >= 2))) return true;
        }
        if (!w.number) continue;
        const bool followedByUnit = (i + 1 < words.size() && words[i + 1].sentence == w.sentence &&
                                     isNumberFollower(words[i + 1])) ||
                                    w.after == ':' || w.after == '/' || (w.after == '.' && i + 1 < words.size() &&
                                                                         words[i + 1].number &&
                                                                         words[i + 1].begin == w.end + 1);
        // An explicit marker ("number 56", "no. 56", "#56") names a record even before "to" or
        // "and", which otherwise make a number a time or a range ("9 to 5").
        const bool explicitMarker = w.before == '#' || (i > 0 && words[i - 1].sentence == w.sentence &&
                                                        oneOf(words[i - 1].text, {"number", "no", "nr", "num", "id"}));
        const bool weakFollower = i + 1 < words.size() && oneOf(words[i + 1].text, {"to", "and", "or"});
        if (followedByUnit && !(explicitMarker && weakFollower && w.after != ':' && w.after != '/')) continue;
        const bool hash = w.before == '#';
        bool marker = hash;
        std::size_t k = i;
        // skip markers: "no.", "number", "id", ":" between the noun and the number
        while (k > 0 && i - k < 3 && words[k - 1].sentence == w.sentence && oneOf(words[k - 1].text, kMarker)) {
            marker = true;
            --k;
        }
        if (k > 0 && words[k - 1].sentence == w.sentence) {
            const auto& noun = words[k - 1];
            if (oneOf(noun.base(), kStrong) || (k < i && (words[k].text == "id"))) return true;
            if (oneOf(noun.base(), kWeak)) {
                // "appointment 2" picks from the list just shown; "show appointment 2", "appointment
                // 7 details", "appointment no. 12" and "appointment 42" name a record.
                static constexpr string_view kView[] = {"show", "display", "open", "view", "whats", "details",
                                                        "lookup", "read", "print", "access", "in", "info", "see"};
                bool viewing = false;
                for (std::size_t b = 2; b <= 4 && b <= k; ++b)
                    if (words[k - b].sentence == w.sentence && oneOf(words[k - b].text, kView)) viewing = true;
                const int value = toInt(w.text.substr(0, 6));
                const bool detailsAfter = i + 1 < words.size() &&
                                          oneOf(words[i + 1].text, {"details", "info", "notes", "information"});
                if (marker && w.text.size() >= 2) return true;
                if (value >= 10 || viewing || detailsAfter) return true;
            }
        }
        if (k < i && words[k].text == "id") return true;  // "id 5", "ID: 42"
        if (hash && w.text.size() >= 2) return true;     // "#1234"
    }
    return false;
}

// Italian tax code (codice fiscale): it encodes a date of birth and place.
bool taxCode(const std::vector<Word>& words) {
    for (const auto& w : words) {
        if (w.text.size() != 16) continue;
        const auto& t = w.text;
        auto L = [&](std::size_t a, std::size_t b) {
            for (std::size_t k = a; k < b; ++k)
                if (!isLetter(t[k])) return false;
            return true;
        };
        auto D = [&](std::size_t a, std::size_t b) {
            for (std::size_t k = a; k < b; ++k)
                if (!isDigit(t[k])) return false;
            return true;
        };
        if (L(0, 6) && D(6, 8) && L(8, 9) && D(9, 11) && L(11, 12) && D(12, 15) && L(15, 16)) return true;
    }
    return false;
}

// "born 12/03/1980", "DOB 12.03.80", "date of birth: 1 March 1980": a date of birth, whoever's.
bool dateOfBirth(const std::vector<Word>& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& t = words[i].text;
        const bool keyword = t == "dob" || t == "birthdate" || (t == "birth" && i > 0 && (words[i - 1].text == "of" ||
                                                                                          words[i - 1].text == "date")) ||
                             (t == "date" && i + 1 < words.size() && words[i + 1].text == "birth");
        const bool born = t == "born" || t == "birthday" || t == "bday" || t == "nato" || t == "nata";
        if (!keyword && !born) continue;
        bool anyNumber = false, year = false, dayMonth = false;
        for (std::size_t k = i + 1; k < words.size() && k <= i + 7 && words[k].sentence == words[i].sentence; ++k) {
            const auto& w = words[k];
            if (w.number || isOrdinalDay(w.text)) anyNumber = true;
            if (isYear(w) || (w.number && w.text.size() == 2 && k > i + 1 && words[k - 1].number &&
                              (w.before == '/' || w.before == '.' || w.before == '-')))
                year = true;
            if ((isOrdinalDay(w.text) && !isYear(w)) || (w.flags & kMonth)) dayMonth = true;
        }
        if (keyword && anyNumber) return true;
        if (born && year && dayMonth) return true;
    }
    return false;
}

// Someone introducing themselves: "I'm Anna", "my name is Anna", "this is Anna", "it's Anna",
// "hello from Anna".
bool selfIntroduction(const std::vector<Word>& words, std::size_t i) {
    if (i == 0 || words[i].poss) return false;
    const auto& p = words[i - 1].text;
    if (p == "from" && i > 1 && oneOf(words[i - 2].text, {"hi", "hello", "hey", "greetings", "regards"})) return true;
    if (p == "im" || p == "names" || p == "its" || p == "called") return true;
    if (p == "chiamo" || p == "sono") return true;  // "mi chiamo Anna", "sono Anna"
    if (p == "e" && i > 1 && words[i - 2].text == "nome") return true;  // "il mio nome è Anna"
    if (p == "am" && i > 1 && words[i - 2].text == "i") return true;
    if (p == "is" && i > 1 && (words[i - 2].text == "name" || words[i - 2].text == "this")) return true;
    if (p == "me" && i > 1 && (words[i - 2].text == "call" || words[i - 2].text == "its")) return true;
    return false;
}

// A child being named: "my son Marco", "my daughter, Sofia,", "Sofia (my daughter)".
bool namedChild(const std::vector<Word>& words, std::size_t i) {
    for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
        const auto& w = words[i - back];
        if (w.sentence != words[i].sentence) break;
        if (isChildWord(w) && w.text != "one" && w.text != "little") return true;
        if (w.text == "one" && i - back > 0 && words[i - back - 1].text == "little") return true;
    }
    for (std::size_t k = i + 1; k < words.size() && k <= i + 3; ++k) {
        if (words[k].sentence != words[i].sentence) break;
        if (words[k].text == "my" && k + 1 < words.size() && isChildWord(words[k + 1])) return true;
    }
    return false;
}

// "Dr Bianchi", "Dr. Giulia Bianchi", "doctor Anna": a doctor lookup, public information.
bool doctorBefore(const std::vector<Word>& words, std::size_t i) {
    for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
        const auto& w = words[i - back];
        if (w.sentence != words[i].sentence) break;
        if (isDoctorTitle(w)) return true;
        if (back == 1 && !(isGiven(w) || w.allowed || w.text.size() == 1)) break;
    }
    return false;
}

bool isOtherRelation(const Word& w) { return (w.baseFlags & kOtherRel) != 0; }
bool ordinaryPossessor(const Word& w) {
    return (w.baseFlags & (kOrdPossessor | kOrdinary | kMonth | kWeekday | kChild | kAdultFamily | kDoctorTitle)) != 0;
}
bool isInfoNoun(const Word& w) { return (w.flags & kInfoNoun) != 0; }

// Names, relatives and third parties in a message whose words carry Word::allowed.
// words[from, to) are capitalised words none of which is a known given name or allowed.
bool unknownNameAskedAbout(const std::vector<Word>& words, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
        if (!words[k].cap || oneOf(words[k].text, kPlaceWords)) return false;
    if (from > 0 && words[from - 1].sentence == words[from].sentence) {
        static constexpr string_view kAskedAbout[] = {"of", "for", "is", "about", "was", "does", "did", "has",
                                                      "called", "named", "find", "whether", "if", "tell", "give",
                                                      "show", "patient", "mr", "mrs", "ms", "miss"};
        const auto& before = words[from - 1];
        if (oneOf(before.text, kPlaceWords)) return false;
        if (oneOf(before.text, kAskedAbout)) return true;
    }
    // Harmless markup around the name is only text: "<b>Ermenegilda Scarpazzetti</b> appointment".
    std::size_t next = to;
    while (next < words.size() && (words[next].before == '<' || words[next].before == '/') && words[next].after == '>')
        ++next;
    return next < words.size() && words[next].sentence == words[to - 1].sentence && isInfoNoun(words[next]);
}

InputCheck namesAndRelations(const std::vector<Word>& words, const Allowed& allowed, bool caregiver) {
    // Two or more name words in a row that are not one allowed name: "Maria Bianchi", "john
    // smith", "Giulia Verdi" (unless after a doctor's title, a child word or "I'm").
    auto nameish = [](const Word& w) {
        return !w.number && (isGiven(w) || w.allowed ||
                             (w.cap && !ordinaryCapitalised(w) && !isDoctorTitle(w) && !isPersonTitle(w) &&
                              !isFamilyWord(w)));
    };
    std::vector<string_view> seq;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i].poss || !nameish(words[i])) continue;
        std::size_t j = i + 1;
        seq.assign(1, words[i].base());
        bool known = isGiven(words[i]) || words[i].allowed;
        while (j < words.size() && words[j].sentence == words[i].sentence && words[j].before == 0 &&
               nameish(words[j])) {
            known = known || isGiven(words[j]) || words[j].allowed;
            seq.push_back(words[j].base());
            ++j;
            if (words[j - 1].poss) break;
        }
        // A name no list knows ("Ermenegilda Scarpazzetti") counts when it is asked about: right
        // after "of", "for", "is", "about"... or right before what only its owner may see
        // ("... appointment time?"). After "in", "near", "at" it is a place ("near Piazza Duomo").
        if (seq.size() >= 2 && !known && unknownNameAskedAbout(words, i, j)) known = true;
        if (seq.size() < 2 || !known) continue;
        if (!allowed.sequence(seq) && !doctorBefore(words, i) && !selfIntroduction(words, i) && !namedChild(words, i))
            return refuse("person_name");
        i = j - 1;
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w.number) continue;
        const string_view base = w.base();
        // A relation's possessive: "my neighbour's appointment"; "my wife's results" too, unless the
        // user is a caregiver (then the relative is the patient they act for). Children are the
        // patient's own business: "my son's appointment".
        if (w.poss) {
            if (!w.allowed && isOtherRelation(w)) return refuse("third_party");
            // "Dr. Ricci's patients", "Rossi's bookings": other patients, even behind a doctor's name.
            if (w.baseLen != w.text.size() && i + 1 < words.size() &&
                oneOf(words[i + 1].text, {"patients", "patient", "clients", "bookings", "booked", "notes", "records",
                                          "files", "charts"}))
                return refuse("other_patients");
            if (!caregiver && (w.baseFlags & kAdultFamily))
                for (std::size_t k = i + 1; k < words.size() && k <= i + 2 && words[k].sentence == w.sentence; ++k)
                    if (isInfoNoun(words[k])) return refuse("third_party");
            // Someone's possessive before what only they may see: "bianchi's appointment", and
            // "Anna's bookings" even when a doctor is called Anna: a doctor goes by title or
            // surname. After "my", "the", "a" it is a thing or an animal ("my dog's vet visit").
            const bool bareGiven = isGiven(w) && !doctorBefore(words, i);
            static constexpr string_view kDeterminers[] = {"my", "the", "a", "an", "your", "our", "his", "her",
                                                           "their", "this", "that", "its"};
            const bool determined = i > 0 && oneOf(words[i - 1].text, kDeterminers) && !w.cap && !bareGiven;
            if ((!w.allowed || bareGiven) && !ordinaryPossessor(w) && w.baseLen != w.text.size() && !determined)
                for (std::size_t k = i + 1; k < words.size() && k <= i + 2 && words[k].sentence == w.sentence; ++k)
                    if (isInfoNoun(words[k])) return refuse("person_name");
        }
        // "Mrs. Rossi's appointment", "for G. Verdi": a person by title or initial; our doctors go
        // by "Dr", so this is someone else even when a doctor has the surname.
        const bool personTitled = i > 0 && w.sentence == words[i - 1].sentence && isPersonTitle(words[i - 1]) &&
                                  (words[i - 1].text != "miss" || words[i - 1].cap) && !ordinaryCapitalised(w);
        if (personTitled && w.poss) return refuse("person_name");
        const bool initialled = i > 0 && words[i - 1].text.size() == 1 && isLetter(words[i - 1].text[0]) &&
                                w.before == '.' && w.cap && !ordinaryCapitalised(w) && !words[i - 1].sentStart;
        if (initialled && !w.allowed) return refuse("person_name");
        if (w.allowed) continue;
        const bool given = isGiven(w);
        // "buongiorno signora, vorrei ...": a comma after the title ends the address.
        const bool titled = i > 0 && w.sentence == words[i - 1].sentence && isPersonTitle(words[i - 1]) &&
                            (words[i - 1].text != "miss" || words[i - 1].cap) && !ordinaryCapitalised(w) &&
                            w.clause == words[i - 1].clause;
        // "l'appuntamento della Bianchi", "il numero di Esposito": a capitalised surname after "di"
        // beside what only its owner may see.
        bool surnameOf = false;
        if (w.cap && !w.sentStart && !ordinaryCapitalised(w) && !isDoctorTitle(w) && !isPersonTitle(w) &&
            !isFamilyWord(w) && i > 1 && oneOf(words[i - 1].text, {"di", "del", "della", "dello", "dei"}) &&
            !doctorBefore(words, i))
            for (std::size_t k = i - 1; k-- > 0 && k + 4 >= i && words[k].sentence == w.sentence;)
                if (isInfoNoun(words[k]) || (words[k].elided && (wordFlags(words[k].text.substr(words[k].elided)) &
                                                                  kInfoNoun)))
                    surnameOf = true;
        const bool capPossessive = w.poss && w.cap && !w.sentStart && !ordinaryCapitalised(w) && !isFamilyWord(w);
        bool collapsedName = false;
        if (w.collapsed && !given)
            for (std::size_t len = 4; len < base.size(); ++len)
                if (wordFlags(base.substr(0, len)) & kGiven) collapsedName = true;
        if (!given && !titled && !capPossessive && !collapsedName && !surnameOf) continue;
        if (doctorBefore(words, i) || namedChild(words, i) || selfIntroduction(words, i)) continue;
        return refuse("person_name");
    }
    // "Is Smith a patient here?", "is she registered with you?", "is my neighbour a patient?"
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const auto& v = words[i].text;
        if (v != "is" && v != "are" && v != "was" && v != "were" && v != "does" && v != "did") continue;
        for (std::size_t k = i + 2; k < words.size() && k <= i + 5 && words[k].sentence == words[i].sentence; ++k) {
            const auto& t = words[k].text;
            if (t != "patient" && t != "patients" && t != "registered" && t != "client" && t != "clients") continue;
            for (std::size_t s = i + 1; s < k; ++s) {
                const auto& sw = words[s];
                if (isGiven(sw) && !doctorBefore(words, s)) return refuse("person_name");
                const bool pronoun = sw.text == "he" || sw.text == "she" || sw.text == "they" || sw.text == "him" ||
                                     sw.text == "her";
                const bool capName = sw.cap && !ordinaryCapitalised(sw) && !sw.allowed && !isDoctorTitle(sw) &&
                                     !isPersonTitle(sw);
                const bool rel = (sw.flags & (kOtherRel | kAdultFamily)) && sw.text != "patient" && sw.text != "person";
                if (pronoun || capName || rel) return refuse("person_name");
            }
            // "is the mayor a patient here?", "was the man in red a patient of yours?"
            if (k >= i + 3 && (words[k - 1].text == "a" || words[k - 1].text == "an") &&
                (t == "patient" || t == "client")) {
                bool someoneElse = true;
                for (std::size_t s = i + 1; s + 1 < k; ++s)
                    if (oneOf(words[s].text, {"i", "you", "we", "there", "it", "this", "that", "u"})) someoneElse = false;
                if (someoneElse) return refuse("other_patients");
            }
        }
    }
    // "Rossi è un vostro paziente?", "la Bianchi è registrata da voi?", "lui è paziente qui?": in
    // Italian the one asked about stands before the verb.
    for (std::size_t i = 1; i + 1 < words.size(); ++i) {
        const auto& v = words[i].text;
        if (v != "e" && v != "era" && v != "sono" && v != "sia") continue;
        bool about = false;
        for (std::size_t k = i + 1; k < words.size() && k <= i + 4 && words[k].sentence == words[i].sentence; ++k)
            if (oneOf(words[k].text, {"paziente", "pazienti", "registrato", "registrata", "iscritto", "iscritta",
                                      "cliente", "clienti", "seguito", "seguita", "ricoverato", "ricoverata"}))
                about = true;
        if (!about) continue;
        for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
            const auto& sw = words[i - back];
            if (sw.sentence != words[i].sentence || sw.allowed) break;
            if (sw.text == "lui") return refuse("person_name");
            if (isGiven(sw) && !doctorBefore(words, i - back) && !selfIntroduction(words, i - back))
                return refuse("person_name");
            const bool capName = sw.cap && !ordinaryCapitalised(sw) && !isDoctorTitle(sw) && !isPersonTitle(sw) &&
                                 !isFamilyWord(sw) && !doctorBefore(words, i - back);
            const bool introduced = selfIntroduction(words, i - back) ||
                                    (i - back > 0 && selfIntroduction(words, i - back - 1));  // "mi chiamo Anna Verdi e ..."
            if (capName && !introduced) return refuse("person_name");
            if (!sw.cap) break;
        }
    }
    // "I'm her husband", "I'm Maria's lawyer", "I am his employer": speaking for someone else.
    static constexpr string_view kStand[] = {"husband", "wife", "partner", "father", "mother", "dad", "mum", "mom",
                                             "son", "daughter", "brother", "sister", "parent", "carer", "caregiver",
                                             "guardian", "lawyer", "solicitor", "attorney", "employer", "boss",
                                             "manager", "friend", "colleague", "neighbour", "neighbor", "boyfriend",
                                             "girlfriend", "fiance", "fiancee", "teacher", "coach", "agent"};
    static constexpr string_view kFamilyStand[] = {"husband", "wife", "partner", "father", "mother", "dad", "mum",
                                                   "mom", "son", "daughter", "brother", "sister", "parent", "carer",
                                                   "caregiver", "guardian"};
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
        const auto& w = words[i].text;
        if (!(w == "im" || (w == "am" && i > 0 && words[i - 1].text == "i"))) continue;
        const auto& owner = words[i + 1];
        const bool someones = owner.text == "her" || owner.text == "his" || owner.text == "their" ||
                              (owner.poss && owner.baseLen != owner.text.size());
        if (!someones || !oneOf(words[i + 2].text, kStand)) continue;
        if (caregiver && oneOf(words[i + 2].text, kFamilyStand)) continue;
        return refuse("third_party");
    }
    return {};
}

}  // namespace

// =======================================================================================
// Public functions

Triage triage(const std::string& message) {
    const auto m = readMessage(message);
    return triageWords(m.words);
}

std::vector<std::string> publishedContacts(const std::string& text) {
    std::vector<std::string> out;
    const Folded f = fold(text);
    for (const auto& e : findEmails(f.text)) out.push_back(f.text.substr(e.begin, e.end - e.begin));
    for (const auto& r : findNumberRuns(f.text))
        if (isPhone(r)) out.push_back(r.digits);
    return out;
}

namespace {

// What a message is about, from its words: one pass over the rules of the kinds from Danger on.
MessageSignals signalsOf(const std::vector<Word>& words) {
    std::uint64_t found = 0;  // bit k: a rule of Kind k matched
    auto bit = [](Kind k) { return std::uint64_t{1} << static_cast<unsigned>(k); };
    MessageSignals s;
    forEachMatchWhere(
        words, [&](Kind k) { return k >= Kind::Danger && !(found & bit(k)); },
        [&](const Match& match) {
            const auto& rule = rules().rules[match.rule];
            found |= bit(rule.kind);
            if (rule.kind == Kind::Unoffered) s.unoffered = std::string(rule.label);
            return true;
        });
    const auto has = [&](Kind k) { return (found & bit(k)) != 0; };
    s.dangerSign = has(Kind::Danger);
    s.medicalSubject = has(Kind::Subject);
    s.provider = has(Kind::Provider);
    s.foreign = has(Kind::Foreign);
    s.careNoun = has(Kind::Care) || (!s.foreign && has(Kind::CareWeak));
    s.careMedical = has(Kind::CareMedical);
    if (has(Kind::ForeignPatient)) {  // "the cat is due her jabs", "a check-up for my boiler"
        s.foreignPatient = true;
        s.careNoun = s.careMedical = false;
        s.foreign = true;
    }
    s.bookCue = has(Kind::BookCue);
    s.cancelCue = has(Kind::CancelCue);
    s.moveCue = has(Kind::MoveCue);
    s.listCue = has(Kind::ListCue);
    s.pronounObject = has(Kind::PronounObject);
    s.restartCue = has(Kind::RestartCue);
    s.helpCue = has(Kind::HelpCue);
    s.handoffCue = has(Kind::HandoffCue);
    s.faqCue = has(Kind::FaqCue);
    s.practiceData = has(Kind::PracticeData);
    s.asksPractice = has(Kind::AsksPractice);
    s.availability = has(Kind::Availability);
    s.practiceHow = has(Kind::PracticeHow);
    s.helpAsk = has(Kind::HelpAsk);
    s.listAsk = has(Kind::ListAsk);
    s.doctorAsk = has(Kind::DoctorAsk);
    s.changeCue = has(Kind::ChangeCue);
    s.personCue = has(Kind::PersonCue) || s.practiceData;
    for (const auto& w : words)
        if (w.baseFlags & kChild) s.child = true;
    s.question = !words.empty() && isWhQuestion(words, 0);
    return s;
}

}  // namespace

MessageSignals readSignals(const std::string& message) { return signalsOf(readMessage(message).words); }

MessageReading readForUnderstanding(const std::string& message) {
    const auto m = readMessage(message);
    return {triageWords(m.words), signalsOf(m.words)};
}

std::string emergencyReply(const std::string& emergencyNumber, const ReplyLanguage& lang) {
    const std::string number = emergencyNumber.empty() ? std::string("112") : emergencyNumber;
    return lang.tf("Call {1} now (or go to the nearest emergency department). What you describe may be a medical "
                   "emergency: please get help right away, and do not wait for an appointment. I have not booked "
                   "anything. If you are thinking about harming yourself, call {1} too, or ask someone near you to "
                   "stay with you.",
                   {number});
}

std::string medicalAdviceReply(const ReplyLanguage& lang) {
    return lang.t("I can't give medical advice: I can't diagnose, recommend treatments or medicines, or tell you "
                  "doses. A doctor can. Would you like me to book an appointment with a doctor? If it feels urgent or "
                  "serious, call the emergency number or go to the nearest emergency department.");
}

namespace {

InputCheck checkWords(Message& m, const GuardContext& ctx) {
    auto& words = m.words;
    const std::string lower = lowerCopy(m.folded.text);
    if (const char* syntax = syntaxInjection(lower)) return injection(syntax);
    // "SYSTEM: ...", "[system]", "### instruction"
    if (words[0].text == "system" && (words[0].after == ':' || words[0].before == '[')) return injection("role_play");
    for (const auto& w : words)
        if (w.text == "dan" && w.allCaps) return injection("role_play");
    std::string label;
    forEachMatch(words, Kind::Injection, [&](const Match& mm) {
        label = rules().rules[mm.rule].label;
        return false;
    });
    if (!label.empty()) return injection(label);
    if (claimsToBeADoctor(words)) return injection("staff_claim");

    std::optional<Contacts> contacts;
    if (m.folded.text.find('@') != std::string::npos) {
        contacts.emplace(ctx);
        for (const auto& e : findEmails(m.folded.text))
            if (!contacts->email(string_view(m.folded.text).substr(e.begin, e.end - e.begin))) return refuse("email");
    }
    // "anna at example dot com", "anna(at)example.com"
    for (std::size_t i = 1; i + 1 < words.size(); ++i)
        if (words[i].text == "at" && (words[i].before == '(' || words[i].before == '[' ||
                                      (i + 3 < words.size() && words[i + 2].text == "dot")))
            if (words[i].before == '(' || words[i].before == '[' ||
                oneOf(words[i + 3].text, {"com", "it", "org", "net", "co", "uk", "eu", "de", "fr", "io", "info"}))
                return refuse("email");
    for (const auto& r : findNumberRuns(m.folded.text)) {
        if (!isPhone(r)) continue;
        if (!contacts) contacts.emplace(ctx);
        if (!allowedNumber(r.digits, contacts->digits)) return refuse("phone");
    }
    if (recordId(words)) return refuse("record_id");
    if (dateOfBirth(words)) return refuse("date_of_birth");
    if (taxCode(words)) return refuse("tax_code");

    forEachMatch(words, Kind::Other, [&](const Match& mm) {
        label = rules().rules[mm.rule].label;
        return false;
    });
    if (!label.empty()) return refuse(label == "third_party" ? "third_party" : "other_patients");
    if (!ctx.caregiver) {
        forEachMatch(words, Kind::Family, [&](const Match&) {
            label = "third_party";
            return false;
        });
        if (!label.empty()) return refuse("third_party");
    }
    // The allowed names matter only when a word could be a name: a given name, a possessive, a
    // word after a title, letters typed apart, or a capital not opening a sentence (or opening
    // one before another capital: "Maria Bianchi is ...").
    bool candidate = false;
    for (std::size_t i = 0; i < words.size() && !candidate; ++i) {
        const auto& w = words[i];
        candidate = isGiven(w) || w.poss || w.collapsed || isPersonTitle(w) || isDoctorTitle(w) ||
                    (w.cap && !w.number && (!w.sentStart || (i + 1 < words.size() && words[i + 1].cap)));
    }
    if (!candidate) return namesAndRelations(words, Allowed(GuardContext{}), ctx.caregiver);
    const Allowed allowed(ctx);
    allowed.mark(words);
    return namesAndRelations(words, allowed, ctx.caregiver);
}

}  // namespace

InputCheck checkInput(const std::string& message, const GuardContext& ctx) {
    auto m = readMessage(message);
    if (m.words.empty()) return {};
    auto check = checkWords(m, ctx);
    // An emergency is never refused, whoever it is about: the emergency number comes first.
    if (check.kind != InputKind::Ok && triageWords(m.words).kind == TriageKind::Emergency) return {};
    return check;
}

namespace {
OutputCheck guardOutputOnce(const std::string& reply, const GuardContext& ctx);
}  // namespace

// One pass can uncover what it did not see at first: "born 1+2/03/$1980" loses "2/03" as a
// date near "born", which leaves "born ... $1980", a year of birth. So passes repeat until
// nothing more goes (each pass only removes; adjacent number runs can need several).
OutputCheck guardOutput(const std::string& reply, const GuardContext& ctx) {
    OutputCheck out = guardOutputOnce(reply, ctx);
    for (int pass = 0; pass < 32 && !out.removed.empty(); ++pass) {
        OutputCheck again = guardOutputOnce(out.text, ctx);
        if (again.text == out.text) break;
        out.text = std::move(again.text);
        for (const auto& kind : again.removed)
            if (std::find(out.removed.begin(), out.removed.end(), kind) == out.removed.end()) out.removed.push_back(kind);
    }
    // The kinds in their documented order: email, phone, date_of_birth, name.
    static const char* kOrder[] = {"email", "phone", "date_of_birth", "name"};
    std::vector<std::string> ordered;
    for (const char* k : kOrder)
        if (std::find(out.removed.begin(), out.removed.end(), k) != out.removed.end()) ordered.push_back(k);
    out.removed = std::move(ordered);
    return out;
}

namespace {
OutputCheck guardOutputOnce(const std::string& reply, const GuardContext& ctx) {
    const Folded f = fold(reply);
    const std::string& t = f.text;
    // The allow list is built only when something could need it (most replies name no one).
    std::optional<Allowed> allowedStore;
    auto allowed = [&]() -> const Allowed& {
        if (!allowedStore) allowedStore.emplace(ctx);
        return *allowedStore;
    };
    std::optional<Contacts> contactStore;
    auto contacts = [&]() -> const Contacts& {
        if (!contactStore) contactStore.emplace(ctx);
        return *contactStore;
    };
    const int thisYear = ctx.currentYear > 0 ? ctx.currentYear : buildYear();

    struct Cut {
        std::size_t begin, end;
        int kind;  // 0 email, 1 phone, 2 date of birth, 3 name
    };
    std::vector<Cut> cuts;
    if (t.find('@') != std::string::npos)
        for (const auto& e : findEmails(t))
            if (!contacts().email(string_view(t).substr(e.begin, e.end - e.begin))) cuts.push_back({e.begin, e.end, 0});
    auto insideCut = [&](std::size_t b, std::size_t e) {
        for (const auto& c : cuts)
            if (b < c.end && e > c.begin) return true;
        return false;
    };
    for (const auto& r : findNumberRuns(t))
        if (isPhone(r) && !insideCut(r.span.begin, r.span.end) && !allowedNumber(r.digits, contacts().digits))
            cuts.push_back({r.span.begin, r.span.end, 1});

    std::string buf;
    const auto words = splitWords(t, false, buf);
    for (const auto& d : findDates(words, thisYear)) {
        const bool oldYear = d.year > 0 && d.year < thisYear - 1;
        if (oldYear || birthWordNear(words, d)) cuts.push_back({words[d.first].begin, words[d.last].end, 2});
    }
    // "born in 1980": a year alone after "born"
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if ((words[i].flags & kBirth) && (words[i].text == "born" || words[i].text == "birth"))
            for (std::size_t k = i + 1; k < words.size() && k <= i + 3; ++k)
                if (isYear(words[k]) && !insideCut(words[k].begin, words[k].end))
                    cuts.push_back({words[k].begin, words[k].end, 2});

    // Names: a personal title and the capitalised words after it ("Mr Smith", "Dr. Nobody" when
    // no doctor is called that), a given name from the list and the capitalised words after it
    // ("Maria Bianchi", "Anna"), unless they are an allowed name or part of one.
    std::vector<string_view> nameWords;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        const bool personTitle = isPersonTitle(w);
        const bool title = personTitle || isDoctorTitle(w);
        const bool given = w.cap && isGiven(w);
        if (!title && !given) continue;
        if (title && !w.cap && w.text != "dr" && w.text != "mr" && w.text != "mrs" && w.text != "ms") continue;
        if (personTitle && (w.text == "miss" || w.text == "sir" || w.text == "madam") && !w.cap) continue;
        // The name words: capitalised, separated by single spaces (or ". " after an abbreviation).
        std::size_t j = title ? i + 1 : i;
        std::size_t last = i;
        nameWords.clear();
        while (j < words.size()) {
            const auto& n = words[j];
            if (j > i) {
                const std::size_t gapLen = n.begin - words[j - 1].end;
                const bool joined = gapLen == 1 && t[words[j - 1].end] == ' ';
                const bool abbrDot = gapLen == 2 && t[words[j - 1].end] == '.' && t[words[j - 1].end + 1] == ' ' &&
                                     (j - 1 == i || words[j - 1].text.size() == 1);
                const bool dotOnly = gapLen == 1 && t[words[j - 1].end] == '.' && j - 1 == i;
                if (!(joined || abbrDot || dotOnly)) break;
            }
            const bool particle = !n.cap && oneOf(n.text, {"de", "di", "da", "del", "della", "van", "von", "der", "la", "le"});
            const bool nameLike = (n.cap && !ordinaryCapitalised(n) && !n.number) || particle;
            if (!nameLike && !(j == i && given)) break;
            if (particle && (j + 1 >= words.size() || !words[j + 1].cap)) break;
            nameWords.push_back(n.base());
            last = j;
            ++j;
            if (n.poss) break;
        }
        if (nameWords.empty()) continue;
        // Places: "San Marco", "Via Giulia", "Santa Lucia".
        if (!title && i > 0 && words[i - 1].cap && (words[i - 1].flags & kPlace)) continue;
        const bool ok = nameWords.size() == 1 ? allowed().part(nameWords[0]) : allowed().sequence(nameWords);
        if (!ok) cuts.push_back({w.begin, words[last].end, 3});
        i = last;
    }

    OutputCheck out;
    if (cuts.empty()) {
        out.text = reply;
        return out;
    }
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.begin < b.begin; });
    bool kinds[4] = {false, false, false, false};
    std::size_t at = 0;  // in the original
    std::size_t lastEnd = 0;  // in the folded text
    for (const auto& c : cuts) {
        kinds[c.kind] = true;
        if (c.begin < lastEnd) {  // overlaps the previous cut
            continue;
        }
        const std::size_t ob = f.origin[c.begin];
        const std::size_t oe = f.origin[c.end];
        out.text.append(reply, at, ob - at);
        out.text += "[removed]";
        at = oe;
        lastEnd = c.end;
    }
    out.text.append(reply, at, std::string::npos);
    static constexpr const char* kKindNames[] = {"email", "phone", "date_of_birth", "name"};
    for (int k = 0; k < 4; ++k)
        if (kinds[k]) out.removed.emplace_back(kKindNames[k]);
    return out;
}
}  // namespace

}  // namespace medassist::assistant::engine
