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
    NoPatient,       // the medical words are about a thing: "diagnose my dishwasher", "my hamster is sick"
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

constexpr WordClass kClasses[] = {
    {"chest", "chest chests chset chets chesst cheast chect chestt chesy chast"},
    {"cpw",
     "pain pains painful paine pian payn hurt hurts hurting hurtin ache aches aching achy pressure presure pressur "
     "tight tightness tighness tightening heavy heaviness squeezing squeeze squeezed crushing crushed burning "
     "discomfort sore stabbing elephant"},
    {"breathe", "breathe breath breathing breth brethe breating breathin breeth breathng breaths breathes"},
    {"bleed", "bleeding bleed bleeds bleading bleding bled bleedin bleeing blood"},
    {"numb", "numb numbness weak weakness paralysed paralyzed paralysis tingling limp dead"},
    {"facility",
     "number numbers line contact contacts appointment appointments slot slots service services department room "
     "rooms care dentist doctor doctors hours phone visit visits clinic kit exit plan plans contraception leave "
     "fund ward unit"},
    {"headflag",
     "vomiting vomited vomit vomits throwing threw sick puking puked nauseous nausea drowsy sleepy confused "
     "confusion unconscious dizzy dizziness blacked seizure fitting bleeding blood fluid pupils slurred"},
    {"drug",
     "ibuprofen ibuprofene paracetamol acetaminophen tylenol advil nurofen aspirin amoxicillin amoxicilline "
     "antibiotic antibiotics penicillin codeine tramadol morphine oxycodone insulin metformin statin statins "
     "atorvastatin simvastatin omeprazole lansoprazole antihistamine antihistamines cetirizine loratadine "
     "prednisolone prednisone steroid steroids cortisone hydrocortisone diazepam xanax valium sertraline "
     "fluoxetine prozac citalopram antidepressant antidepressants melatonin ventolin salbutamol warfarin heparin "
     "lisinopril amlodipine ramipril levothyroxine thyroxine viagra sildenafil doxycycline ciprofloxacin "
     "clarithromycin azithromycin augmentin naproxen diclofenac voltaren calpol benadryl claritin zyrtec sudafed "
     "gaviscon imodium rennie lemsip mucinex robitussin nyquil dayquil motrin aleve excedrin panadol tachipirina "
     "brufen aulin nimesulide ketoprofen oki moment painkiller painkillers laxative laxatives antacid antacids "
     "inhaler inhalers epipen vitamin vitamins supplement supplements iron folic contraceptive pill pills "
     "tablet tablets capsule capsules"},
    {"drugnoun",
     "medicine medicines medication medications meds drug drugs pill pills tablet tablets antibiotic antibiotics "
     "cream creams ointment painkiller painkillers remedy remedies supplement supplements vitamin vitamins "
     "antihistamine antihistamines inhaler inhalers syrup capsule capsules drops spray steroid steroids "
     "antidepressant antidepressants contraceptive contraception"},
    {"dosenoun",
     "pills pill tablets tablet capsules capsule mg milligrams milligram ml millilitres milliliters doses =dose "
     "drops puffs spoons teaspoons teaspoon tablespoons units mcg grams"},
    {"symptom",
     "headache headaches migraine migraines fever temperature cough coughing cold flu rash rashes itch itchy sleep "
     "colic heart beats athletes foot feet hearing spots insomnia stomach bug red "
     "itching pain pains ache aches aching nausea nauseous vomiting diarrhea diarrhoea constipation constipated "
     "dizziness dizzy lump lumps mole moles bump bumps spot spots pimple pimples swelling swollen infection "
     "infected insomnia anxiety depression acne eczema allergy allergies hayfever bruise bruises bruising cramp "
     "cramps sprain sprained burn wound blister blisters sunburn earache toothache stomachache stomach tummy "
     "backache heartburn reflux ulcer cystitis uti period periods pregnant pregnancy tired tiredness fatigue "
     "exhausted cholesterol sugar glucose symptoms symptom sick ill wart warts sore throat sinus sinusitis "
     "congestion congested runny sneezing wheezing wheeze palpitations bloating bloated indigestion hives "
     "psoriasis dandruff discharge urine pee peeing bleeding pressure insomnia snoring cyst boil boils "
     "sting bite bites lice scabies thrush fungal fungus gout arthritis joint joints knee back neck shoulder hip "
     "ankle wrist injury injured hurt hurts ear ears eye eyes vision skin tonsils glands nosebleed cut bleed"},
    {"condition",
     "diabetes diabetic cancer cancerous tumor tumour covid coronavirus corona flu influenza infection virus "
     "viral bacterial bacteria allergy allergies allergic asthma hypertension depression depressed anxiety adhd "
     "autism autistic arthritis pneumonia bronchitis tonsillitis strep sinusitis migraine migraines anemia "
     "anaemia anemic anaemic lupus std stds sti stis hiv aids herpes chlamydia gonorrhea gonorrhoea syphilis "
     "shingles measles chickenpox mumps mono glandular lyme eczema psoriasis dermatitis melanoma cyst hernia "
     "gallstones appendicitis ibs celiac coeliac intolerance intolerant thyroid hypothyroidism hyperthyroidism "
     "gout sepsis concussion fracture fractured broken sprain sprained dementia alzheimers parkinsons epilepsy "
     "uti cold rash lice scabies ringworm conjunctivitis pinkeye apnea apnoea cholesterol disease disorder "
     "syndrome ulcer ulcers pregnant pregnancy ptsd ocd bipolar schizophrenia endometriosis pcos fibromyalgia "
     "osteoporosis tuberculosis malaria hepatitis meningitis mrsa scarlet croup rsv hpv warts acne rosacea "
     "vitiligo alopecia anorexia bulimia obesity obese overweight prediabetes miscarriage infected contagious "
     "fever headache headaches"},
    {"measure",
     "cholesterol pressure bp sugar glucose iron thyroid tsh psa hba1c rate pulse temperature bmi weight level "
     "levels count"},
    {"ruleword",
     "rules rule instructions instruction guidelines guideline restrictions restriction prompt "
     "prompts programming constraints constraint safety guardrails guardrail filters filter limitations limits "
     "protocols protocol directives directive training privacy confidentiality safeguards restraints boundaries "
     "ethics"},
    {"showverb",
     "list show give tell display print export dump send read output get fetch download reveal see view access "
     "retrieve find search lookup pull extract share email forward copy"},
    {"bulknoun",
     "patients patient users user records record appointments appointment bookings booking people names emails "
     "notes data database files diagnoses diagnosis addresses phones "
     "numbers details accounts account information info histories persons clients visits"},
    {"dataword",
     "patients patient everyone everybody someone somebody anyone anybody others other names emails addresses "
     "database access list all override"},
    {"otherrel",
     "neighbour neighbor neighbours neighbors friend friends colleague colleagues coworker coworkers flatmate "
     "roommate housemate landlord landlady tenant ex girlfriend boyfriend stranger acquaintance classmate"},
    {"family",
     "wife husband spouse partner mum mom mother mummy mommy dad daddy father parent parents brother sister "
     "grandma grandpa grandmother grandfather granny nan nana aunt auntie uncle cousin fiance fiancee nonna nonno "
     "inlaws stepmother stepfather stepmum stepdad"},
    {"kid", "son daughter toddler baby kid child boy girl infant newborn"},
    // Italian conditions, named as the answer to "what is it?" ("è varicella?", "può essere il cuore?").
    {"itcond",
     "varicella morbillo rosolia scarlattina streptococco diabete cervicale depressione apnea circolazione "
     "cartilagine cuore allergia influenza covid virus tumore cancro infarto ictus ernia artrosi artrite "
     "tendinite menisco sciatica gastrite reflusso colite appendicite cistite otite sinusite bronchite polmonite "
     "asma anemia tiroide ansia herpes fuoco psoriasi dermatite eczema orticaria melanoma celiachia "
     "intolleranza infezione pressione glicemia colesterolo spina calcaneare mononucleosi scabbia"},
    // Italian medical subjects: symptoms, conditions, body parts, medicines, test values. The
    // Italian advice rows ask for one of these beside the question, as the English ones do
    // for @symptom, @condition and @drug; frame_rules.inc's Subject rows read them too.
    {"itsubj",
     "sintomo sintomi dolore dolori febbre tosse raffreddore influenza covid mal prurito prude prudono "
     "bruciore bruciano brucia gonfiore gonfio gonfia gonfie gonfi macchia macchie macchiette puntini bolle bolla "
     "brufolo brufoli neo nei verruca verruche porro porri afte afta orzaiolo unghia incarnita livido lividi "
     "vescica vesciche herpes acne dermatite psoriasi eczema orticaria eruzione sfogo arrossamento pidocchi "
     "emorroidi cistite emicrania cefalea vertigini capogiri nausea vomito diarrea stitichezza reflusso "
     "gastrite colite insonnia ansia panico depressione stanchezza spossatezza tachicardia bradicardia "
     "palpitazioni aritmia extrasistoli soffio pressione ipertensione glicemia diabete diabetico diabetica "
     "colesterolo trigliceridi tiroide tsh psa ferritina emoglobina transaminasi anemia anemico anemica "
     "varicella morbillo rosolia scarlattina streptococco placche tonsillite faringite otite sinusite "
     "bronchite polmonite asma allergia allergico allergica intolleranza celiachia cervicale sciatica "
     "lombalgia artrosi artrite osteoporosi tendinite distorsione slogata slogato frattura "
     "trombosi circolazione varici apnea russa russare linfonodi ghiandole tumore cancro ciclo mestruazioni "
     "gravidanza incinta allattamento allatto parto aborto menopausa infezione infiammazione cisti candida "
     "feci pipi urina sangue muco catarro gola testa pancia stomaco schiena collo ginocchio caviglia caviglie "
     "colica calcoli calcolo renale polso spalla anca tallone piede piedi occhio occhi orecchio orecchie orecchi dente denti gengive "
     "pelle naso labbro bocca petto cuore polmoni reni fegato "
     "farmaco farmaci medicina medicine medicinale medicinali pastiglia pastiglie pillola pillole compressa "
     "compresse gocce sciroppo pomata crema collirio antibiotico antibiotici antinfiammatorio antidolorifico "
     "antistaminico cortisone mucolitico sonnifero sonniferi integratore integratori vitamina magnesio ferro "
     "potassio antitetanica vaccino ibuprofene paracetamolo aspirina cardioaspirina tachipirina brufen aulin "
     "oki voltaren augmentin amoxicillina bentelan eutirox coumadin metformina ramipril pantoprazolo "
     "omeprazolo aciclovir isotretinoina insulina statina statine dose dosaggio supposta supposte bustina "
     "varicella morbillo rosolia scarlattina streptococco depressione demenza cartilagine menisco pacemaker "
     "sonnolenza isolamento nasale varicose ernia inguine vomitato vomitare vomita nodulo noduli seno mammella"},
    // Italian: the same sets. Children (figlio, bambina) are the patient's own business, as in English.
    {"altrirel",
     "vicino vicina vicini amico amica amici amiche collega colleghi colleghe coinquilino coinquilina ex fidanzato "
     "fidanzata conoscente capo datore"},
    {"famiglia",
     "moglie marito compagna compagno madre padre mamma papa babbo suocera suocero sorella fratello nonna nonno zia "
     "zio cugina cugino cognata cognato nuora genero genitori"},
    {"infoit",
     "appuntamento appuntamenti prenotazione prenotazioni visita visite risultati referti referto numero telefono "
     "cellulare indirizzo email cartella dati diagnosi ricetta ricette orario esami prenotato prenotata"},
    {"infonoun",
     "appointment appointments booking bookings results result record records details phone number "
     "email address visit visits booked registered diagnosis prescription prescriptions file files chart "
     "data info information history patient"},
};

constexpr RuleSpec kRules[] = {
    // --- Emergencies ----------------------------------------------------------------------------
    {Kind::Emergency, "chest_pain", "@chest ~3 @cpw"},
    {Kind::Emergency, "chest_pain", "@cpw ~1 in|on|across|around|behind|under|inside|through|at ~3 @chest"},
    {Kind::Emergency, "chest_pain", "tight|tightness|heavy|crushing|squeezing|painful|sore|burning|pressure ~1 @chest"},
    {Kind::Emergency, "chest_pain", "heart|hart|heartt attack|attak|atack|attac|attacks|atk|attck", nullptr,
     "gave|giving|almost|nearly|lol|haha|lmao|bill|price|prices|exam|news|scare|joke|kidding|passed|stock|market|"
     "waiting|traffic|boss|kids|paperwork"},
    {Kind::Emergency, "chest_pain", "heartattack|heartattak|hartattack|heartattacks"},
    {Kind::Emergency, "chest_pain", "cardiac arrest"},
    {Kind::Emergency, "chest_pain", "myocardial infarction|infarct"},
    {Kind::Emergency, "chest_pain", "radiating|spreading|shooting ~4 arm|jaw|shoulder|neck", "@cpw"},
    {Kind::Emergency, "breathing",
     "cant|cannot|unable|hardly|barely|struggling|struggle|struggles|trouble|difficulty|difficult|hard|problem|"
     "problems|troubles|difficulties|labored|laboured|impossible ~2 @breathe"},
    {Kind::Emergency, "breathing", "can not ~1 @breathe"},
    {Kind::Emergency, "breathing", "not|isnt|stopped|stopping|wont|quit|aint breathing|breathe"},
    {Kind::Emergency, "breathing", "short|shortness ~1 of @breathe", nullptr,
     "bit|slightly|little|sometimes|occasionally|mild|mildly|exercise|exercising|stairs|running|walking|climbing|"
     "jogging|gym|workout|sport|sports|walks|walk|lately|recently|weeks|months"},
    {Kind::Emergency, "breathing", "breathless|breathlessness", nullptr,
     "bit|slightly|little|sometimes|occasionally|mild|mildly|exercise|exercising|stairs|running|walking|climbing|"
     "jogging|gym|workout|sport|sports"},
    {Kind::Emergency, "breathing", "gasping|gasp|gasped ~2 air|@breathe"},
    {Kind::Emergency, "breathing", "suffocating|suffocate|suffocation|asphyxiating|asphyxia", nullptr,
     "heat|humidity|hot|traffic|crowd|crowds|office|bureaucracy|rules|relationship|job|town|city|metro|bus|"
     "paperwork|work|debt|conditioning"},
    {Kind::Emergency, "breathing", "turning|turned|going|gone|lips|face ~3 blue"},
    {Kind::Emergency, "breathing", "blue lips"},
    {Kind::Emergency, "breathing", "baby|toddler|infant|newborn|lips|skin|fingers|fingernails ~2 blue"},
    {Kind::Emergency, "breathing", "breathing ~2 hard|difficult|laboured|labored|bad|impossible|shallow|noisy|rapid"},
    {Kind::Emergency, "breathing", "wheezing|wheezy ~3 cant|cannot ~1 talk|speak"},
    {Kind::Emergency, "breathing", "out of breath", nullptr,
     "bit|slightly|little|sometimes|occasionally|mild|mildly|exercise|exercising|stairs|running|walking|climbing|"
     "jogging|gym|workout|sport|sports|easily"},
    {Kind::Emergency, "breathing", "asthma attack|attacks"},
    {Kind::Emergency, "choking", "=choking|=chocking|=choaking|=chokeing|=chokking|=chokes", nullptr,
     "paperwork|work|emails|email|debt|debts|bills|deadlines|homework|laughter|laughing|pressure|stress|admin|"
     "bureaucracy|forms|traffic|smog|pollution|printer|paper|machine|engine|jam|jammed|copier|shredder"},
    {Kind::Emergency, "choking", "choked|choke on"},
    {Kind::Emergency, "choking", "something|food|bone|object|toy|coin ~2 stuck ~2 throat|airway|windpipe"},
    {Kind::Emergency, "stroke", "=stroke|=strokes|=storke|=strok|=stroek|=stroak", nullptr, nullptr,
     "heat|brush|back|breast|swimming|swim|pen|golf|tennis|key|sun|master|lucky|paddle|finishing|rowing|single|"
     "double|genius|broad|keyboard|piston|two",
     "of|the|my|his|her|its|your|their|our|it|him|them|gently|softly"},
    {Kind::Emergency, "stroke",
     "face|mouth|smile|eye|eyelid|lip ~3 droop|drooping|droopy|drooped|dropping|dropped|sagging|sagged|crooked|"
     "lopsided|uneven|numb|numbness|paralysed|paralyzed|frozen",
     nullptr, "dentist|dental|anaesthetic|anesthetic|filling|extraction|botox"},
    {Kind::Emergency, "stroke", "drooping|droopy|sagging|crooked|lopsided ~2 face|mouth|smile"},
    {Kind::Emergency, "stroke", "slurred|slurring|slurry|slur|slurs|slured|garbled ~2 speech|words|word|talking|speaking|voice"},
    {Kind::Emergency, "stroke", "speech|words|talking ~2 slurred|slurring|garbled|slured"},
    {Kind::Emergency, "stroke",
     "sudden|suddenly ~4 numb|numbness|weak|weakness|paralysed|paralyzed|confused|confusion|blind|blindness|vision|"
     "speak|talk|walk|balance|headache|dizzy|dizziness|collapsed|disoriented|disorientated"},
    {Kind::Emergency, "stroke", "sudden|suddenly ~2 cant|cannot|couldnt|unable ~1 see|speak|talk|walk|move|feel|understand"},
    {Kind::Emergency, "stroke", "@numb ~4 one|left|right|half side|body|face"},
    {Kind::Emergency, "stroke", "one|left|right side ~4 @numb"},
    {Kind::Emergency, "stroke", "worst ~2 headache|migraine ~3 life|ever"},
    {Kind::Emergency, "stroke", "speech|voice|talking ~2 suddenly|went ~1 weird|strange|funny|wrong|odd"},
    {Kind::Emergency, "stroke", "arm|leg|side|hand ~2 limp|floppy|dead"},
    {Kind::Emergency, "stroke", "thunderclap headache"},
    {Kind::Emergency, "bleeding",
     "@bleed ~5 wont|doesnt|isnt|cant|cannot|not|will|hasnt|havent|wouldnt|keeps|never ~1 stop|stopping|stopped"},
    {Kind::Emergency, "bleeding", "wont|cant|doesnt|isnt|not ~1 stop|stopping ~0 bleeding"},
    {Kind::Emergency, "bleeding", "so|too much blood"},
    {Kind::Emergency, "bleeding", "blood ~1 in ~1 my|his|her|the vomit|sick"},
    {Kind::Emergency, "bleeding", "cant|cannot|unable|couldnt ~2 stop ~2 @bleed"},
    {Kind::Emergency, "bleeding",
     "@bleed ~2 heavily|badly|profusely|lot|alot|lots|everywhere|severely|uncontrollably|excessively|nonstop|heavy|"
     "loads|buckets",
     nullptr, "gum|gums|teeth|tooth|period|periods|menstrual|menstruation|brush|brushing|easily|floss|flossing"},
    {Kind::Emergency, "bleeding",
     "heavy|severe|serious|massive|major|uncontrolled|uncontrollable|excessive|profuse|lot|alot|lots|loads|pool "
     "~2 @bleed|haemorrhage|hemorrhage",
     nullptr, "gum|gums|teeth|tooth|period|periods|menstrual|menstruation|brush|brushing|easily|floss|flossing"},
    {Kind::Emergency, "bleeding", "losing|lost|loosing ~3 blood"},
    {Kind::Emergency, "bleeding", "blood everywhere"},
    {Kind::Emergency, "bleeding", "gushing|spurting|pouring|squirting ~3 blood"},
    {Kind::Emergency, "bleeding", "blood ~2 gushing|spurting|pouring|squirting"},
    {Kind::Emergency, "bleeding",
     "haemorrhage|hemorrhage|hemorrhaging|haemorrhaging|hemorage|hemmorage|hemorrage|haemorrage|hemorraging"},
    {Kind::Emergency, "bleeding",
     "coughing|vomiting|throwing|puking|spitting|vomit|vomited|coughed|threw|coughs ~2 blood"},
    {Kind::Emergency, "injury", "stabbed|gunshot|electrocuted|impaled|severed|amputated"},
    {Kind::Emergency, "injury", "been|got|was|were|is|was shot", nullptr,
     "engine|car|battery|gearbox|clutch|brakes|phone|laptop|nerves|chance|photo|picture|film|movie|game"},
    {Kind::Emergency, "injury", "hit|struck|run ~1 by|over ~1 car|bus|truck|lorry|van|train|motorbike|vehicle"},
    {Kind::Emergency, "injury", "car|road|motorbike|motorcycle|bike|traffic accident|crash", nullptr,
     "insurance|insurer|claim|damage|damages|pay|paid|repair|repairs|quote|lawyer|police|report|fine|ticket|"
     "checked|check|checkup|urgent|week|weeks|month|months|ago|yesterday"},
    {Kind::Emergency, "injury", "bone ~3 sticking|poking ~1 out|through"},
    {Kind::Emergency, "injury", "electric shock"},
    {Kind::Emergency, "injury", "drowning|drowned|=drown", nullptr,
     "paperwork|work|emails|email|debt|debts|bills|homework|admin|tasks|sorrows|love|laundry|requests|orders|"
     "deadlines|phone|flooded|basement|cellar|kitchen|bathroom|garden"},
    {Kind::Emergency, "injury", "broke|broken|fractured|snapped ~2 neck|spine|skull|femur|pelvis"},
    {Kind::Emergency, "injury", "fell|fallen|fall|falling ~3 ladder|stairs|roof|height|balcony|window|horse|scaffolding",
     "cant|cannot|unable|not|isnt|wont ~1 move|moving|responding|respond|walk|breathe|wake"},
    {Kind::Emergency, "injury", "crash|accident|collision ~4 bleeding|blood|unconscious|trapped|stuck|breathing"},
    {Kind::Emergency, "injury", "bad|serious|terrible|major|severe|horrible|awful ~1 accident|crash|fall|injury|injuries"},
    {Kind::Emergency, "injury", "badly|seriously|severely ~1 injured|hurt|wounded"},
    {Kind::Emergency, "injury", "deep ~1 wound|cut|gash|laceration"},
    {Kind::Emergency, "pregnancy", "severe|terrible|bad|intense|unbearable|excruciating|agonising|agonizing|extreme|worst ~2 "
     "pain|pains|cramps|cramping|bleeding", "pregnant|pregnancy"},
    {Kind::Emergency, "pregnancy", "pregnant ~4 bleeding|blood"},
    {Kind::Emergency, "pregnancy", "contractions|contraction ~4 apart|minutes|mins|every|close|closer|started"},
    {Kind::Emergency, "pregnancy", "waters|water ~1 broke|broken|breaking|burst|gone"},
    {Kind::Emergency, "pregnancy", "baby|babys|baby's ~2 coming|crowning|arriving ~1 now|out|already|fast"},
    {Kind::Emergency, "pregnancy", "in|into|gone|going ~1 labour|labor", "pregnant|baby|contractions|waters|weeks|early"},
    {Kind::Emergency, "pregnancy", "im|shes|wife|partner|daughter|girlfriend|sister ~2 in ~0 labour|labor"},
    {Kind::Emergency, "pregnancy", "feel|see|seeing|feeling ~3 baby|babys ~1 head"},
    {Kind::Emergency, "poisoning",
     "drank|drunk|swallowed|ate|eaten|licked|drinking|swallowing ~5 bleach|detergent|liquid|cleaner|cleaning|"
     "dishwasher|washing|battery|batteries|poison|antifreeze|chemical|chemicals|capsule|pods|pod|weedkiller|"
     "pesticide|paint|lamp|oil|perfume|mouthwash|button"},
    {Kind::Emergency, "poisoning", "alcohol|drink|drinks|booze|wine|vodka|beer ~3 and|with|plus ~1 @drug", nullptr,
     "mix|mixing|safe|dangerous|ok|okay|can|should|allowed|bad"},
    {Kind::Emergency, "poisoning", "@drug ~3 and|with|plus ~1 alcohol|drink|drinks|booze|wine|vodka|beer", nullptr,
     "mix|mixing|safe|dangerous|ok|okay|can|should|allowed|bad"},
    {Kind::Emergency, "unconscious", "cant|cannot|unable ~1 stay|keep ~1 awake|conscious"},
    {Kind::Emergency, "injury", "baby|toddler|infant|newborn ~4 fell|fallen|dropped|rolled",
     "not|isnt|floppy|vomiting|vomited|unconscious|head|crying|limp|sleepy|drowsy"},
    {Kind::Emergency, "injury", "crushed|mangled|trapped ~3 in|under|by|between ~2 machine|machinery|door|car|press|roller"},
    {Kind::Emergency, "injury", "hand|arm|leg|foot|fingers|finger|head|chest ~2 crushed|mangled|trapped|stuck"},
    {Kind::Emergency, "stroke", "leg|arm|foot|hand ~4 cold|white|blue|pale|numb ~6 cant|cannot ~1 feel"},
    {Kind::Emergency, "injury", "bitten|bit|bite ~3 snake|viper|adder|scorpion|snakes"},
    {Kind::Emergency, "injury", "cut|chopped|sliced|severed|ripped|torn ~4 finger|fingers|toe|toes|thumb|hand|ear ~1 off"},
    {Kind::Emergency, "injury", "severed|amputated"},
    {Kind::Emergency, "unconscious", "cpr|resuscitation|resuscitating|defibrillator|defib", nullptr,
     "love|life|career|relationship|business|company|marriage|team|project|course|class|certificate|training|learn|"
     "buy|buying|purchase|price|cost|install|office|gym|school|shop|roma|lazio|squadra|partita|tempo|difesa|corso|"
     "comprare|prezzo|palestra|scuola|ufficio"},
    {Kind::Emergency, "burns", "boiling|scalding|hot ~3 water|oil|tea|coffee|soup ~4 spilled|spilt|over|poured|splashed"},
    {Kind::Emergency, "burns", "skin ~2 peeling|blistering|melting|coming|falling ~0 off"},
    {Kind::Emergency, "burns",
     "acid|bleach|chemical|chemicals|caustic|lye ~4 eye|eyes|skin|face|splashed|swallowed|drank|drunk|burning"},
    {Kind::Emergency, "injury", "fell|fallen|fall ~6 cant|cannot|unable ~1 get|move|stand|walk|breathe"},
    {Kind::Emergency, "injury", "hip|leg|neck|back|skull ~2 broken|fractured|snapped", nullptr,
     "table|chair|desk|bed|sofa|stool|piano|furniture|ladder|glasses|frame|bottle|guitar|doll|toy|lamp|heel|shoe"},
    {Kind::Emergency, "injury", "hurt|injured ~1 badly|seriously|bad"},
    {Kind::Emergency, "injury",
     "hit|knocked|run ~2 by|over ~1 a|the ~0 car|scooter|bus|bike|motorbike|motorcycle|truck|van|lorry|tram"},
    {Kind::Emergency, "injury", "lying|lies ~2 in|on ~1 the ~0 road|street|ground|floor", "hit|fell|fallen|collapsed|blood|unconscious|moving|bleeding|accident|crash"},
    {Kind::Emergency, "breathing", "cant|cannot|unable ~2 finish|complete|say ~2 sentence|sentences|words"},
    {Kind::Emergency, "breathing", "blue ~2 around|round ~1 the|her|his ~0 mouth|lips"},
    {Kind::Emergency, "poisoning", "took|taken|swallowed|had|taking|ate|drank ~3 too ~0 many|much",
     "@drug|@drugnoun|pils|pill|meds|sleeping|pills|tablets|paracetamol|bottle"},
    {Kind::Emergency, "poisoning", "too ~0 many ~0 pills|pils|tablets|meds|paracetamol|painkillers"},
    {Kind::Emergency, "suicide", "wants|want|wanted|wanting|wanna|going ~2 to ~0 die"},
    {Kind::Emergency, "suicide", "wants|want|wanted|wanna|going|trying|tried ~2 to ~0 kill|hurt ~0 himself|herself|themselves|myself"},
    {Kind::Emergency, "unconscious",
     "sugar|glucose|hypo|diabetic ~9 not|confused|shaking|sweating|drowsy|unconscious|unresponsive|passing|fitting|"
     "cant|shaky|straight|slurring"},
    {Kind::Emergency, "severe_pain", "unbearable|excruciating|agonising|agonizing ~2 pain|pains"},
    {Kind::Emergency, "severe_pain", "severe|extreme|terrible ~1 abdominal|stomach|belly|tummy ~0 pain|pains|ache"},
    {Kind::Emergency, "meningitis", "rash ~3 doesnt|dont|wont|not|isnt|didnt ~1 fade|fading|disappear|go"},
    {Kind::Emergency, "meningitis", "rash ~6 glass|tumbler"},
    {Kind::Emergency, "meningitis", "stiff neck", "fever|temperature|rash|light|vomiting"},
    {Kind::Emergency, "unconscious",
     "unconscious|unconcious|unconsious|unconscius|uncounscious|unresponsive|unresponsve|comatose"},
    {Kind::Emergency, "unconscious", "passed|past|passes|passing|pass|blacked|blacking|blacks out"},
    {Kind::Emergency, "unconscious", "blackout|blackouts"},
    {Kind::Emergency, "unconscious", "=fainted|fainting|=faints|fainthed|feinted|fainte"},
    {Kind::Emergency, "unconscious", "feel|feeling|felt|going|about|gonna ~1 =faint"},
    {Kind::Emergency, "unconscious", "collapsed|collapse|collapsing|colapsed|collasped", nullptr,
     "wifi|internet|network|connection|signal|market|stock|stocks|prices|roof|ceiling|wall|bridge|tent|shelf|"
     "deal|government|marriage|company|business|server|website|app|cake|souffle"},
    {Kind::Emergency, "unconscious", "wont|cant|cannot|doesnt|isnt|not|couldnt ~1 wake|=waking|waken", nullptr, nullptr,
     nullptr, "me|us"},
    {Kind::Emergency, "unconscious", "lost|losing|loss|lose|losses ~1 consciousness|conciousness|consciousnes|consious|concious"},
    {Kind::Emergency, "unconscious", "knocked ~1 out|unconscious"},
    {Kind::Emergency, "unconscious", "no pulse|heartbeat"},
    {Kind::Emergency, "unconscious", "heart ~1 stopped"},
    {Kind::Emergency, "unconscious",
     "he|she|hes|shes|baby|mum|mom|dad|husband|wife|son|daughter|child|toddler|father|mother|grandma|grandpa|"
     "grandmother|grandfather|partner ~2 not|isnt|stopped|wont ~0 responding|responsive|moving|reacting|respond"},
    {Kind::Emergency, "unconscious", "gone|went|is|hes|shes ~1 limp|floppy"},
    {Kind::Emergency, "unconscious", "hes|shes|theyre dead"},
    {Kind::Emergency, "unconscious", "think ~2 he|she|hes|shes|baby|husband|wife|mum|mom|dad|son|daughter ~1 is|s dead"},
    {Kind::Emergency, "unconscious", "im|am|is|hes|shes|were|are|think|be ~2 dying",
     nullptr, "plant|plants|houseplant|houseplants|cactus|succulent|flowers|tree|garden|phone|battery|laptop|drive|disk|"
     "fridge|freezer|washing|dishwasher|tv|television|printer|router|wifi|boiler|heater|oven|microwave|batteries|"
     "computer|car|company|business|career|fish|"
     "goldfish|band|show|series|hunger|boredom|lol|haha", nullptr, "to|for|of|laughing|inside|my|her|his"},
    {Kind::Emergency, "stroke", "cant|cannot|couldnt ~1 feel|move|lift ~3 face|arm|arms|leg|legs|side|hand|body", nullptr,
     "above|overhead|shoulder|shoulders|since|weeks|months|physio|stiff|frozen"},
    // Someone present who does not respond, go grey or floppy, is pulled from water, a limb bent
    // the wrong way, a part cut off: named by a bystander in everyday words.
    {Kind::Emergency, "unconscious",
     "passenger|driver|person|man|woman|guy|lady|he|she|hes|shes|husband|wife|partner|son|daughter|mum|mom|dad|"
     "father|mother|friend|baby|child|kid|grandma|grandpa|nan|nana|granny|grandad|grandfather|grandmother|boy|girl ~2 "
     "not|isnt|stopped|wont|hasnt|doesnt|cant ~1 responding|responsive|respond|reacting|react|answer|answering|answers"},
    {Kind::Emergency, "seizure", "shaking|jerking|twitching|convulsing|trembling|shuddering|thrashing ~2 all ~0 over",
     "he|she|hes|shes|son|daughter|baby|child|kid|boy|girl|husband|wife|mum|mom|dad|man|woman|toddler|eyes|answer|"
     "respond|responding|floor"},
    {Kind::Emergency, "seizure", "shaking|jerking|twitching|convulsing|thrashing ~1 uncontrollably|violently"},
    {Kind::Emergency, "unconscious", "grey|gray|pale|blue|purple|white|cold ~2 and ~1 floppy|limp"},
    {Kind::Emergency, "unconscious", "only ~1 opens|open ~2 eyes"},
    {Kind::Emergency, "unconscious", "barely|hardly ~1 conscious|awake|responsive|responding|rousable"},
    {Kind::Emergency, "breathing", "no|non|nun ~0 respira|respire"},
    {Kind::Emergency, "unconscious", "newborn|baby|infant|toddler ~4 floppy|unresponsive"},
    {Kind::Emergency, "breathing", "turning|turned ~1 purple"},
    {Kind::Emergency, "breathing", "baby|newborn|infant|toddler|lips|face|skin ~3 purple|grey|gray", nullptr,
     "hair|paint|painted|wall|walls|dress|clothes|room|shirt|colour|color"},
    {Kind::Emergency, "drowning", "pulled|dragged|fished|rescued|taken ~2 from|out ~2 pool|water|sea|river|lake|bath|bathtub|tub"},
    {Kind::Emergency, "injury", "bent|twisted|pointing|facing ~3 wrong ~0 way|direction"},
    {Kind::Emergency, "injury",
     "cut|chopped|sliced|sawed|sawn|sliced ~1 off ~4 finger|fingers|fingertip|toe|toes|thumb|hand|ear|tip"},
    {Kind::Emergency, "injury",
     "fell|fallen|falling|fall ~3 from|off|out|down ~2 balcony|window|roof|ladder|height|tree|bunk|cliff|scaffolding"},
    {Kind::Emergency, "suicide", "threatening|threatens|threatened ~3 jump|kill|hang|overdose|end|suicide|cut"},
    {Kind::Emergency, "suicide", "going|gonna|wants|want ~2 to ~0 jump ~1 off|from|out"},
    {Kind::Emergency, "unconscious", "not|isnt|stopped|wont|hasnt ~1 moving|responding|responsive|moved", nullptr,
     "car|traffic|bus|train|queue|line|app|computer|phone|screen|laptop|mouse|cursor|website|page|market|stock|"
     "shares|project|case|file|money|ship|parcel|package|order"},
    {Kind::Emergency, "burns", "burnt|burned|scalded|scald ~5 skin|whole|blistering|peeling|face", nullptr,
     "sunburn|sunburnt|toast|food|dinner|cake|pizza|rice|pan|cd|dvd|disc"},
    {Kind::Emergency, "seizure",
     "seizure|seizures|siezure|siezures|seizuring|seisure|seazure|convulsing|convulsions|convulsion|convulsed|"
     "convulse|seizing"},
    {Kind::Emergency, "seizure", "is|been|hes|shes|keeps|started|im|are|were ~1 fitting"},
    {Kind::Emergency, "seizure", "foaming ~2 mouth"},
    {Kind::Emergency, "seizure", "having|had|has|epileptic|another ~1 =fit|=fits", nullptr, nullptr, nullptr,
     "of|in|for|into|about"},
    {Kind::Emergency, "allergy",
     "anaphylaxis|anaphylactic|anaphalactic|anafylaxis|anaphylatic|anaphylaxsis|anaphylaxic|anaphylactoid"},
    {Kind::Emergency, "allergy",
     "throat|tongue|lips|lip|airway|airways ~2 swelling|swollen|swell|swells|swelled|closing|tight|tightening|puffing",
     nullptr, "dentist|dental|filler|fillers|botox|injection", nullptr, "glands|gland|lymph|nodes|tonsils"},
    {Kind::Emergency, "allergy", "swelling|swollen|swelled ~2 throat|tongue|airway|airways"},
    {Kind::Emergency, "allergy", "face ~2 swelling|swollen|swelled|swell",
     "swallow|breathe|breath|breathing|allergic|reaction|sting|stung|hives|throat|tongue|lips|peanut|peanuts|nuts"},
    {Kind::Emergency, "allergy", "allergic ~2 reaction|reactions|shock"},
    {Kind::Emergency, "allergy", "used|use|using|need|needed|inject|injected|gave|give ~2 epipen|epinephrine|adrenaline|epi"},
    {Kind::Emergency, "poisoning",
     "overdose|overdosed|overdosing|overdoes|overdozed|overdosis|overdosage|overdoze", nullptr,
     // Italian hyperbole: "un'overdose di serie tv", "overdose di caffè" (issue 17).
     "serie|tv|film|netflix|caffe|lavoro|cioccolato|zucchero|informazioni|notizie|shopping|partite|calcio"},
    {Kind::Emergency, "poisoning",
     "took|taken|take|swallowed|ate|eaten|drank|drunk|had|taking|swallow|taken ~3 too many|much ~3 pills|tablets|"
     "pill|tablet|medicine|medication|meds|capsules|@drug"},
    {Kind::Emergency, "poisoning",
     "swallowed|drank|drunk|ate|eaten|ingested|swallow|drinking|drink ~3 bleach|poison|detergent|chemicals|chemical|"
     "battery|batteries|antifreeze|cleaner|pod|pods|pesticide|weedkiller|petrol|gasoline|methanol|magnet|magnets|"
     "coin|lighter|paint|mushrooms"},
    {Kind::Emergency, "poisoning", "swallowed|took|taken|ate ~3 whole|entire|all ~2 bottle|pack|packet|box|pills|tablets"},
    {Kind::Emergency, "poisoning", "poisoning|poisoned|poison|poisonous|posioned|poisioned|poisened", nullptr, nullptr,
     "food", "ivy|oak|sumac"},
    {Kind::Emergency, "poisoning", "carbon monoxide"},
    {Kind::Emergency, "poisoning",
     "took|taken|swallowed|ate|eaten|had|taking|take|swallow|swallowing ~3 lot|lots|bottle|handful|bunch|load|loads|"
     "all|whole|entire|box|packet|pack ~3 pills|tablets|pill|tablet|medicine|medication|meds|capsules|@drug"},
    {Kind::Emergency, "poisoning", "took|taken|swallowed|ate|eaten ~1 %big pills|tablets|paracetamol|@drug"},
    {Kind::Emergency, "poisoning",
     "@kid ~3 swallowed|ate|eaten|drank|drunk|swallow ~4 pills|tablets|pill|tablet|medicine|medication|meds|capsules|"
     "@drug|cleaning|product|bleach|liquid|detergent|battery|batteries|magnet|magnets|coin|something"},
    {Kind::Emergency, "poisoning", "@kid ~3 took|taken|got ~1 my|some|our|mums|dads|all ~2 pills|tablets|medicine|"
     "medication|meds|@drug"},
    {Kind::Emergency, "poisoning", "gas leak"},
    {Kind::Emergency, "suicide",
     "suicide|suicidal|suicid|sucide|suicde|suiside|sucidal|suicidial|suicidel|suisidal|suicidle|sucicide"},
    {Kind::Emergency, "suicide",
     "kill|killing|murder|hang|hanging|shoot|shooting|drown|drowning|starve|starving|stab|stabbing|unalive|"
     "unaliving|off|offing|end|ending ~1 myself|meself|myslef|mysefl|myelf|mysef|self"},
    {Kind::Emergency, "suicide",
     "hurt|hurting|harm|harming|cut|cutting|burn|burning|injure|injuring ~1 myself|meself|myslef|self", nullptr,
     "accidentally|accident|accidently|playing|fell|fall|slipped|tripped|gym|football|soccer|running|exercise|"
     "exercising|lifting|training|workout|sport|sports|shaving|cooking|chopping|kitchen|paper|glass|knee|ankle|"
     "wrist|shoulder|hiking|skiing|cycling|garden|gardening|work|yesterday"},
    {Kind::Emergency, "suicide", "end|ending|take|taking|ended|took ~3 my|own life", nullptr, nullptr, nullptr,
     "insurance"},
    {Kind::Emergency, "suicide", "end|ending it all"},
    {Kind::Emergency, "suicide", "want|wanna|wish|going|gonna|plan|planning|ready|deserve|rather ~3 die|dead", nullptr,
     nullptr, nullptr, "of|laughing|for|inside"},
    {Kind::Emergency, "suicide", "dont|do|didnt ~1 want|wanna ~2 live|alive|exist|wake|living"},
    {Kind::Emergency, "suicide", "better ~1 off ~1 dead|without"},
    {Kind::Emergency, "suicide", "no ~2 reason|point ~2 living|live|life|on"},
    {Kind::Emergency, "suicide", "cant|cannot ~1 go on ~1 anymore|living|like"},
    {Kind::Emergency, "suicide", "cant|cannot ~1 take ~1 it anymore"},
    {Kind::Emergency, "suicide", "self harm|harming|injury|injure|mutilation|mutilate"},
    {Kind::Emergency, "suicide", "kill|killing|hurt|hurting|harm|harming|end|ending ~1 himself|herself|themselves|themself"},
    {Kind::Emergency, "suicide", "not|isnt|aint|no|longer ~1 worth ~1 living|it|going"},
    {Kind::Emergency, "suicide", "thinking|think|thoughts|thought ~2 about|of ~1 dying|death|suicide|killing|ending|dead"},
    {Kind::Emergency, "suicide", "feel|feeling ~1 like ~0 dying|killing"},
    {Kind::Emergency, "suicide", "life ~3 be|is ~0 over", nullptr, nullptr, nullptr, "the|there|here"},
    {Kind::Emergency, "suicide", "jump ~1 off|from ~2 bridge|building|roof|cliff|balcony|window|tower"},
    {Kind::Emergency, "suicide", "goodbye|suicide note|letter|letters|notes"},
    {Kind::Emergency, "suicide", "end it tonight|today|now|all"},
    {Kind::Emergency, "suicide", "going|gonna|want|wanna|plan|planning|ready ~2 end it"},
    {Kind::Emergency, "suicide", "disappear forever"},
    {Kind::Emergency, "suicide", "take|swallow ~1 all ~1 my|the|of ~1 pills|tablets|meds|medication"},
    {Kind::Emergency, "suicide", "selfharm|selfharming|=kms|=unalive|selfinjury"},
    {Kind::Emergency, "burns",
     "severe|serious|bad|badly|major|deep|third|second|3rd|2nd|chemical|electrical|acid|huge|big|large ~2 "
     "burn|burns|burned|burnt|scald|scalds|scalded"},
    {Kind::Emergency, "burns", "burned|burnt|burn|burns|scalded ~2 badly|severely|seriously|bad"},
    {Kind::Emergency, "burns", "caught|set ~2 fire"},
    {Kind::Emergency, "burns", "is|are|im|house|clothes|room|kitchen ~1 on fire", nullptr,
     "washer|dryer|oven|toaster|microwave|laptop|phone|computer|printer|bin|grill|bbq|barbecue|car|engine|samsung|"
     "song|album|playlist|team|player|stock|stocks|market"},
    {Kind::Emergency, "head_injury",
     "hit|hitting|banged|banging|bumped|bumping|bashed|knocked|smashed|struck|hurt|injured|fell|fall|fallen|landed|"
     "whacked ~3 head",
     "@headflag"},
    {Kind::Emergency, "head_injury", "head|skull ~1 injury|injuries|trauma|wound|knock|bump|blow", "@headflag"},
    {Kind::Emergency, "head_injury", "concussion|concussed", "@headflag"},
    {Kind::Emergency, "head_injury", "skull ~1 fracture|fractured|broken|cracked"},
    {Kind::Emergency, "head_injury", "fractured|broken|cracked ~1 skull"},
    {Kind::Emergency, "emergency",
     "its|this|is|im|were|have|having|got|theres|thats|an ~2 emergency|emergancy|emergeny|emergencie|emergecy|"
     "emergengy",
     nullptr,
     "email|boss|meeting|late|tweet|text|message|work|office|flight|apologize|apologise|excuse|cancel|make|"
     "reschedule|postpone|miss|family|appointment|appointments|dentist|plumber|vet|dog|cat|pet|puppy|bank|account|"
     "card|server|website|boiler|leak|override|restrictions|privacy|records|password|hospital", nullptr,
     "@facility", true},
    {Kind::Emergency, "emergency", "medical|real|genuine|life ~1 emergency|emergancy|threatening", nullptr, nullptr,
     nullptr, "@facility", true},
    {Kind::Emergency, "emergency",
     "call|calling|get|send|need|needs|needed|phone|ring|dial ~2 ambulance|ambulence|ambulanse|ambulace|paramedics|"
     "paramedic|999|911|112|118"},
    {Kind::Emergency, "emergency", "ambulance|ambulence|ambulanse|paramedics", nullptr,
     "definition|define|meaning|spell|spelling|word|synonym|translate|film|movie|song|toy", nullptr, nullptr, true},
    {Kind::Emergency, "emergency", "send ~1 help|someone"},
    {Kind::Emergency, "emergency", "urgent|emergency ~1 medical ~0 help|attention|care|assistance"},
    {Kind::Emergency, "emergency", "help ~1 immediately|urgently|asap|quickly"},

    // --- Emergencies in Italian (issue 17: the practice is in Rome) -----------------------------
    // The same labels as above. Elided articles are read as one word ("l'infarto" is
    // "linfarto", "mi manca l'aria" ends in "laria"), so those forms are listed too. "non" is a
    // negator (rules() below): rows that need it ("non respira") start with it.
    {Kind::Emergency, "chest_pain",
     "dolore|dolori|male|fitta|fitte|peso|oppressione|stretta|bruciore|pressione|dolorino|morsa|malissimo ~3 petto|torace"},
    {Kind::Emergency, "chest_pain", "petto|torace ~5 braccio|mascella|spalla ~1 sinistro|sinistra|sx"},
    {Kind::Emergency, "chest_pain", "petto|torace ~2 fa|fanno ~1 male|malissimo"},
    {Kind::Emergency, "chest_pain", "fa|fanno ~1 male|malissimo ~2 petto|torace"},
    {Kind::Emergency, "chest_pain", "infarto|linfarto|uninfarto|infarti", nullptr,
     "bolletta|bollette|prezzo|prezzi|conto|partita|squadra|roma|lazio|gol|segnato|traffico|ridere|noia|serie|tifoso|"
     "campionato|derby|esame|esami|voto|capo|notizia|controllo|controlli|riabilitazione|anni|fa|numero|chiamare|"
     "chiamo|programma|pc|computer|app|sistema", "da"},
    {Kind::Emergency, "chest_pain", "attacco|attacchi ~2 cuore|cardiaco"},
    {Kind::Emergency, "chest_pain", "arresto cardiaco", nullptr, "programma|pc|computer|app|sistema|server|sito|router"},
    {Kind::Emergency, "breathing", "non|nn|nun ~2 respira|respiro|respirano|respirava|respirare"},
    {Kind::Emergency, "breathing", "non|nn|nun ~1 riesco|riesce|riusciamo|riescono ~3 respirare|respirando|respirar"},
    {Kind::Emergency, "breathing", "respira|respiro|respirare|respirando ~2 fatica|male|malissimo|difficolta"},
    {Kind::Emergency, "breathing", "fatica|difficolta|faticando|difficile ~3 respirare|respiro|respirando|respirar"},
    {Kind::Emergency, "breathing", "manca|mancanza|manco|mancando ~2 aria|laria|fiato|respiro"},
    {Kind::Emergency, "breathing", "soffoco|soffocando|soffoca|soffocare|soffocato|soffocata", nullptr,
     "lavoro|impegni|debiti|tasse|burocrazia|caldo|afa|traffico|noia|compiti|scadenze|email|mail|pratiche|studio|"
     "monolocale|casa|appartamento|pc|computer|motore|stanza|ufficio|rumore"},
    {Kind::Emergency, "choking", "strozzato|strozzata|strozza|strozzando|strozzarsi"},
    {Kind::Emergency, "breathing", "diventato|diventata|diventando ~1 blu|viola|cianotico|cianotica"},
    {Kind::Emergency, "breathing", "labbra|viso|faccia|dita ~2 blu|viola|cianotico|cianotica|cianotiche"},
    {Kind::Emergency, "breathing", "attacco|crisi ~2 asma|dasma|asmatico|asmatica"},
    {Kind::Emergency, "choking", "qualcosa|boccone|osso|moneta|giocattolo ~3 bloccato|bloccata|incastrato|incastrata ~2 gola"},
    {Kind::Emergency, "stroke", "ictus|lictus|unictus|ischemia|ischemico|ischemica", nullptr,
     "partita|squadra|roma|lazio|bolletta|prezzi|prezzo|capo|traffico|derby|gol|controllo|cardiologo|visita|dimesso|dimessa"},
    {Kind::Emergency, "stroke", "bocca|faccia|viso ~4 storta|storto|cadente|cade|paralizzata|paralizzato|addormentata"},
    {Kind::Emergency, "stroke", "non|nn|nun ~1 riesce|riesco ~2 parlare"},
    {Kind::Emergency, "stroke", "non|nn|nun ~1 riesce|riesco ~2 muovere|alzare ~2 braccio|gamba|mano|lato|faccia|viso"},
    {Kind::Emergency, "stroke", "non|nn|nun ~1 sento|sente|sentiva ~3 braccio|gamba|gambe|mano|meta|lato|faccia|viso|corpo"},
    {Kind::Emergency, "stroke", "braccio|gamba|mano|lato ~3 paralizzato|paralizzata|intorpidito|intorpidita|insensibile"},
    {Kind::Emergency, "stroke", "parla|parlo ~3 strano|strana|confuso|confusa|impastato|impastata"},
    {Kind::Emergency, "bleeding",
     "sanguina|sanguinando|sanguinare|emorragia|unemorragia ~3 tantissimo|molto|tanto|troppo|forte|abbondante|"
     "abbondantemente|ovunque|dappertutto|continua|continuamente"},
    {Kind::Emergency, "bleeding", "sanguina|sanguinando|sangue|emorragia ~4 non|nn|nun ~2 ferma|fermo|smette|fermare|fermarlo|fermarla|finisce"},
    {Kind::Emergency, "bleeding", "perdendo|perdo|perde|perso|esce|uscendo|butta|buttando ~2 molto|tanto|tantissimo|troppo ~1 sangue"},
    {Kind::Emergency, "bleeding", "emorragia|unemorragia"},
    {Kind::Emergency, "bleeding", "pozza|lago|pieno|piena|pieni|piene ~2 sangue"},
    {Kind::Emergency, "bleeding", "sangue ~4 dappertutto|ovunque|fiotti|fiotto"},
    {Kind::Emergency, "bleeding", "tanto|tantissimo|troppo ~1 sangue"},
    {Kind::Emergency, "bleeding", "sangue ~2 orecchio|orecchie|dallorecchio|lorecchio"},
    {Kind::Emergency, "bleeding", "incinta ~8 sangue|perdite|fortissimi|fortissimo"},
    {Kind::Emergency, "injury", "accoltellato|accoltellata|pugnalato|pugnalata|sparato|sparata|sparo|investito|investita",
     nullptr, "gioco|videogioco|fortnite|partita|personaggio|film|serie|libro|scena|cod|call"},
    {Kind::Emergency, "injury", "tagliato|tagliata ~4 motosega|flex|smerigliatrice|sega"},
    {Kind::Emergency, "injury", "staccato|staccata|amputato|amputata|tranciato|tranciata|mozzato ~3 dito|dita|mano|piede|braccio|gamba"},
    {Kind::Emergency, "injury", "pezzi|pezzo ~2 dito|dita|mano"},
    {Kind::Emergency, "injury", "gamba|braccio ~3 girata|girato|storta|storto ~0", "incidente|caduto|caduta|motorino|moto|sci"},
    {Kind::Emergency, "injury", "incidente ~3 stradale|motorino|moto|macchina|auto|bici",
     "feriti|ferito|ferita|sangue|terra|gamba|testa|respira|risponde|muove|incastrato|incastrata"},
    {Kind::Emergency, "injury", "caduto|caduta|cascato|cascata ~3 balcone|tetto|finestra|impalcatura|albero"},
    {Kind::Emergency, "injury", "folgorato|folgorata|fulminato|fulminata|elettrocuzione"},
    // Electricity, a poison swallowed, a head blow with warning signs, a fit that goes on,
    // the worst pain of one's life, legs that do not move, a child gone blue (issue 17).
    {Kind::Emergency, "injury", "alta ~0 tensione"},
    {Kind::Emergency, "injury", "infilato|infilata|messo|messa ~4 presa ~0 elettrica|corrente"},
    {Kind::Emergency, "injury", "toccato|toccata ~3 cavo|cavi|filo|fili ~2 elettrico|elettrici|corrente|scoperto|scoperti"},
    {Kind::Emergency, "overdose",
     "bevuto|bevuta|ingoiato|ingoiata|ingerito|ingerita|inghiottito|inghiottita|mangiato|mangiata|leccato ~3 "
     "anticalcare|sgrassatore|solvente|caustica|detersivi|detergente|ammorbidente|topicida|diserbante|insetticida|"
     "pesticida|trielina|petrolio|smacchiatore|capsula|capsule"},
    {Kind::Emergency, "seizure", "crisi|convulsioni|convulsione ~3 dura|durano|durando ~3 minuti|ore"},
    {Kind::Emergency, "stroke", "peggior|peggiore ~1 dolore|mal ~6 vita"},
    {Kind::Emergency, "head_injury",
     "botta|battuto|battuta|sbattuto|sbattuta|picchiato|picchiata|colpo ~4 testa ~6 vomita|vomitato|vomitando|vomito|"
     "addormenta|sonnolento|sonnolenta|confuso|confusa|sviene|perde"},
    {Kind::Emergency, "head_injury", "caduta|caduto|cascato|cascata ~6 testa ~4 gonfia|gonfio|addormenta|vomita|sangue"},
    {Kind::Emergency, "stroke", "non ~1 muove|sente|sento|muovo ~2 gambe|braccia"},
    {Kind::Emergency, "breathing", "e|sono|diventa|diventano ~0 viola|cianotico|cianotica|cianotici|cianotiche",
     "bimbo|bimba|bambino|bambina|neonato|neonata|figlio|figlia|labbra|viso|faccia|mamma|papa|nonno|nonna|marito|"
     "moglie|padre|madre"},
    {Kind::Emergency, "suicide", "non ~1 vedo|trovo ~1 piu ~1 senso|motivo ~3 niente|nulla|vivere|vita"},
    {Kind::Emergency, "injury", "preso ~1 la ~1 scossa", "muove|risponde|respira|svenuto|svenuta|terra"},
    {Kind::Emergency, "injury", "non ~1 riesco|riesce ~2 muovermi|muoversi|alzarmi|alzarsi",
     "caduto|caduta|cascato|cascata|incidente|tetto|scale|scala|terra|schiena"},
    {Kind::Emergency, "bleeding", "tagliato|tagliata|tagliare|tagliarsi|tagliarmi|tagliata ~2 vene|polsi|polso"},
    {Kind::Emergency, "suicide", "farla finita"},
    {Kind::Emergency, "suicide", "mi ~1 ammazzo|uccido|butto", nullptr,
     "caldo|freddo|ridere|risate|lavoro|fatica|piscina|mare|divano|letto|doccia|film|serie|fame"},
    {Kind::Emergency, "suicide", "mi ~1 ammazza", nullptr, "caldo|freddo|lavoro|fatica|noia|traffico|capo|prezzi|bolletta|partita|risate|ridere"},
    {Kind::Emergency, "suicide", "sto|voglio ~2 buttarmi|lanciarmi"},
    {Kind::Emergency, "suicide", "lettera|biglietto ~1 daddio|addio"},
    {Kind::Emergency, "suicide", "sto ~1 tagliando|tagliandomi"},
    {Kind::Emergency, "suicide", "lametta|lamette|rasoio", "chiusa|chiuso|tagliarmi|tagliando|polsi|vene|bagno|farla"},
    {Kind::Emergency, "suicide", "uccidermi|ammazzarmi|suicidarmi|suicidio|suicida|suicidarsi|uccidersi|ammazzarsi"},
    {Kind::Emergency, "suicide", "togliermi|togliersi ~1 vita"},
    {Kind::Emergency, "suicide", "voglio|vorrei|voglia ~1 morire"},
    {Kind::Emergency, "suicide", "non|nn|nun ~2 voglio|ce|vuole ~3 piu ~2 vivere|esserci"},
    {Kind::Emergency, "suicide", "sento|sentendo ~1 morire"},
    {Kind::Emergency, "suicide", "si|mi|ti ~1 vuole|voglio|vuoi ~1 ammazzare|uccidere|suicidare"},
    {Kind::Emergency, "suicide", "farmi|farsi ~1 del ~1 male"},
    {Kind::Emergency, "overdose", "overdose|unoverdose", nullptr,
     "serie|tv|film|netflix|caffe|lavoro|cioccolato|zucchero|informazioni|notizie|shopping|partite|calcio"},
    {Kind::Emergency, "overdose", "%big ~1 tachipirine|tachipirina|aspirine|aspirina|pastiglie|pillole|compresse|sonniferi|"
     "ansiolitici|antidepressivi|xanax|tavor|gocce|brufen|oki", "preso|presa|ingoiato|ingoiata|mandato|bevuto|presi"},
    {Kind::Emergency, "overdose", "insulina ~4 sbaglio|doppia|troppa|due"},
    {Kind::Emergency, "overdose",
     "preso|presa|ingoiato|ingoiata|inghiottito|inghiottita|mandato|bevuto|bevuta ~3 %big|tutta|tutte|intera|intero|troppe|troppi|una|un ~2 "
     "pastiglie|pillole|compresse|pasticche|scatola|confezione|flacone|boccetta|farmaci|medicine|gocce"},
    {Kind::Emergency, "overdose", "avvelenato|avvelenata|avvelenamento|intossicato|intossicata|intossicazione", nullptr,
     "personaggio|gioco|videogioco|pozione|livello|fortnite|minecraft|serie|film|libro|pianta|piante"},
    {Kind::Emergency, "overdose", "bevuto|ingoiato|ingoiata|bevuta ~3 candeggina|varechina|detersivo|ammoniaca|antigelo|"
     "lantigelo|acido|lacido|muriatico|soda|diluente|benzina|veleno"},
    {Kind::Emergency, "overdose",
     "bambino|bambina|figlio|figlia|piccolo|piccola|bimbo|bimba ~4 preso|ingoiato|ingoiata|mangiato|inghiottito ~3 "
     "pillole|pastiglie|compresse|farmaci|medicine|pila|batteria|detersivo|candeggina"},
    {Kind::Emergency, "choking", "ingoiato|ingoiata|inghiottito|inghiottita ~3 pila|pile|batteria|batterie|magnete|calamita"},
    // Exact: "venire" and "venuto" are one letter from "svenire" and "svenuto".
    {Kind::Emergency, "unconscious", "=svenuto|=svenuta|=svenimento|=sviene|=svenendo|=svenire|=svenuti", nullptr,
     "noia|caldo|fame|sonno|ridere|riunione|lezione|prezzi|prezzo|bolletta|conto"},
    {Kind::Emergency, "seizure", "schiuma ~2 bocca"},
    {Kind::Emergency, "unconscious", "privo|priva ~1 di ~1 sensi"},
    {Kind::Emergency, "unconscious", "incosciente|incoscienti|accasciato|accasciata|accasciati"},
    {Kind::Emergency, "unconscious", "perso|persa ~2 sensi|conoscenza"},
    {Kind::Emergency, "unconscious", "non|nn|nun ~1 si ~1 sveglia|riprende|rialza|sceta", nullptr,
     "letargo|tartaruga|pc|computer|telefono|mercato|borsa|economia|schermo|app"},
    {Kind::Emergency, "unconscious", "non|nn|nun ~1 reagisce|reagisce"},
    {Kind::Emergency, "unconscious", "non|nn|nun ~1 risponde|reagisce", "padre|madre|papa|mamma|nonna|nonno|figlio|figlia|marito|moglie|bambino|bambina|bimbo|bimba|fratello|sorella|zio|zia|cugino|cugina|suocera|suocero|caduto|caduta|terra|sudato|sudata|signore|signora|uomo|donna|persona|ragazzo|ragazza|scossa|crollato|crollata|incidente|svenuto|svenuta|collassato|collassata"},
    {Kind::Emergency, "unconscious", "non|nn|nun ~1 si|se ~1 muove|move", "padre|madre|papa|mamma|nonna|nonno|figlio|figlia|marito|moglie|bambino|bambina|bimbo|bimba|fratello|sorella|zio|zia|cugino|cugina|suocera|suocero|caduto|caduta|terra|sudato|sudata|signore|signora|uomo|donna|persona|ragazzo|ragazza|scossa|crollato|crollata|incidente|svenuto|svenuta|collassato|collassata"},
    {Kind::Emergency, "unconscious", "non|nn|nun ~1 parla ~1 piu", "padre|madre|papa|mamma|nonna|nonno|figlio|figlia|marito|moglie|bambino|bambina|bimbo|bimba|fratello|sorella|zio|zia|cugino|cugina|suocera|suocero|caduto|caduta|terra|sudato|sudata|signore|signora|uomo|donna|persona|ragazzo|ragazza|scossa|crollato|crollata|incidente|svenuto|svenuta|collassato|collassata"},
    {Kind::Emergency, "unconscious", "crollato|crollata|collassato|collassata|collassa|collasso", nullptr,
     "server|sistema|computer|pc|rete|sito|mercato|borsa|governo|ponte|tetto|muro|prezzi|prezzo|titolo|azioni|app|"
     "soffitto|casa|palazzo|nessuno|fortuna|edificio"},
    {Kind::Emergency, "seizure", "convulsioni|convulsione|convulsivo|convulsiva", nullptr,
     "router|pc|computer|lucine|luci|telefono|schermo|tv|televisore|lavatrice|macchina|motore"},
    {Kind::Emergency, "seizure", "crisi|attacco ~1 epilettica|epilettico|convulsiva", nullptr,
     "bot|trading|pc|computer|router|borsa|mercato|app|programma"},
    {Kind::Emergency, "seizure", "occhi ~2 allindietro|indietro|rovesciati|rovesciata"},
    {Kind::Emergency, "anaphylaxis", "shock anafilattico"},
    {Kind::Emergency, "anaphylaxis", "anafilassi|anafilattico|anafilattica"},
    {Kind::Emergency, "anaphylaxis", "gola|lingua|labbra ~3 chiude|chiudendo|gonfia|gonfie|gonfiando|gonfiata|gonfiate",
     "allergia|allergico|allergica|allergie|punto|punta|puntura|ape|vespa|calabrone|mangiato|arachidi|respira|respirare|"
     "medicina|farmaco|antibiotico|pastiglia|dopo|aiuto"},
    {Kind::Emergency, "anaphylaxis", "chiude|chiudendo ~2 gola"},
    {Kind::Emergency, "anaphylaxis", "reazione ~1 allergica ~2 forte|fortissima|grave|gravissima|violenta"},
    {Kind::Emergency, "anaphylaxis", "gonfiando|gonfiata|gonfio|gonfia ~2 tutta|tutto",
     "allergia|allergica|allergico|reazione|punto|punta|puntura|arachidi|mangiato|antibiotico|farmaco|medicina"},
    {Kind::Emergency, "anaphylaxis", "gonfiata|gonfiato|gonfia|gonfio|gonfiando ~2 lingua|gola|labbra"},
    {Kind::Emergency, "anaphylaxis", "tutto|tutta ~1 gonfio|gonfia|gonfiato|gonfiata",
     "allergia|allergica|allergico|reazione|punto|punta|puntura|arachidi|mangiato|antibiotico|farmaco|medicina"},
    {Kind::Emergency, "labour", "rotto|rotte ~2 acque"},
    {Kind::Emergency, "labour", "travaglio|partorendo|=doglie"},
    {Kind::Emergency, "labour", "contrazioni ~3 ogni|minuti"},
    {Kind::Emergency, "labour", "bambino|bambina|bimbo|bimba|testa ~2 sta ~1 uscendo"},
    {Kind::Emergency, "head_injury", "battuto|sbattuto|picchiato ~3 testa",
     "vomita|vomitato|vomitando|=sviene|=svenuto|=svenuta|confuso|confusa|sangue|sanguina|sonnolento|sonnolenta|risponde"},
    {Kind::Emergency, "head_injury", "trauma cranico"},
    {Kind::Emergency, "stroke", "mal ~0 di ~0 testa ~6 vita", "forte|fortissimo|peggiore|peggior|improvviso|allimprovviso|scoppiato"},
    {Kind::Emergency, "burns", "ustione|ustioni|ustionato|ustionata ~2 grave|gravi|grande|grandi|profonda|profonde|estesa"},
    {Kind::Emergency, "burns", "scottato|scottata|bruciato|bruciata|ustionato|ustionata ~2 gravemente|seriamente"},
    {Kind::Emergency, "burns", "ustionato|ustionata|scottato|scottata|bruciato|bruciata ~4 bollente|bollenti|fuoco|fiamme"},
    {Kind::Emergency, "burns", "ustionato|ustionata|scottato|scottata|bruciato|bruciata ~2 tutto|tutta|tutte|tutti|entrambe"},
    {Kind::Emergency, "burns", "bollente|bollenti ~4 bolla|bolle|pelle|pancia|viso|faccia"},
    {Kind::Emergency, "burns", "pelle ~2 stacca|staccando|bolle", "ustionato|ustionata|scottato|scottata|bruciato|bruciata|ustione|bollente"},
    {Kind::Emergency, "fracture", "osso|losso ~3 esce|fuori|uscito|uscita|sporge"},
    {Kind::Emergency, "emergency", "chiamate|chiamare|chiama|chiamo|serve|mandate|mandare ~2 ambulanza|unambulanza|112|118|soccorsi"},
    {Kind::Emergency, "emergency", "e|ce|ho|abbiamo ~1 unemergenza|emergenza", nullptr,
     "computer|pc|conto|telefono|cellulare|lavoro|capo|macchina|auto|volo|treno|riunione|banca|carta|ufficio|"
     "cliente|scuola|idraulico|veterinario|gatto|cane|caldaia|appuntamento|disdire|cancellare|spostare|bolletta|"
     "internet|wifi|consegna|pacco|ordine|chiavi|vicino|batteria|musica|rumore|studio|chiuso|chiusa|quando|cosa|"
     "notte|router|casa|affitto"},
    {Kind::Emergency, "emergency", "emergenza medica"},
    {Kind::Emergency, "emergency", "aiuto|aiutatemi|aiutami ~2 subito|presto|urgente|urgentemente"},
    // Second round (it_final_2's misses): situations rather than words.
    {Kind::Emergency, "bleeding", "vomita|vomito|vomitando|sputa|sputo|sputando|tossisce|tossisco|tossendo ~2 sangue"},
    {Kind::Emergency, "bleeding", "sangue ~3 testa|bocca",
     "caduta|caduto|cascato|cascata|picchiata|picchiato|incidente|botta|sbattuto|sbattuta|risponde|aperta|tanto"},
    {Kind::Emergency, "bleeding", "non ~2 smette|smettere ~2 sanguinare|sanguinando|sangue"},
    {Kind::Emergency, "bleeding", "sangue ~3 passa|attraversa ~3 bende|garze|fasciatura"},
    {Kind::Emergency, "bleeding", "testa aperta"},
    {Kind::Emergency, "bleeding", "sanguino|sanguina|sanguinando ~4 testa|bocca|forte|tanto|smette|assai"},
    {Kind::Emergency, "breathing", "ansima|ansimando|rantola|rantolando|rantolo"},
    {Kind::Emergency, "breathing", "costole ~3 rientrano|rientra"},
    {Kind::Emergency, "breathing", "respira|respiro|respirando ~2 pianissimo|velocissimo|lentissimo"},
    {Kind::Emergency, "breathing", "riesco|riesce ~3 fiato|pija|pijare"},
    {Kind::Emergency, "breathing", "schiacciare|schiacciato|schiaccia ~2 torace|petto"},
    {Kind::Emergency, "choking", "boccone ~3 gola|bloccato|bloccata|traverso"},
    {Kind::Emergency, "choking", "mani ~2 collo|gola"},
    {Kind::Emergency, "choking", "non ~3 emette|esce ~2 suono|suoni|voce"},
    {Kind::Emergency, "choking",
     "ingoiato|ingoiata|inghiottito|inghiottita|ingoia|gliuttuto ~3 moneta|caramella|palloncino|tappo|pezzo|biglia|"
     "pila|giocattolo|spilla|chiodo"},
    {Kind::Emergency, "stroke", "biascica|biascicando|biascicare"},
    {Kind::Emergency, "stroke", "vedo|vede|vedere|vedendo ~1 doppio"},
    {Kind::Emergency, "stroke", "faccia|bocca|viso ~3 pende|pendente|storta"},
    {Kind::Emergency, "stroke", "non ~1 muove|solleva|alza|sente ~3 braccio|gamba|mano|lato"},
    {Kind::Emergency, "stroke", "parla|parlava ~2 vanvera|senso"},
    {Kind::Emergency, "stroke", "mano|braccio ~2 non ~1 risponde|risponne"},
    {Kind::Emergency, "unconscious", "terra ~3 immobile|muove|risponde"},
    {Kind::Emergency, "unconscious", "immobile", "terra|pavimento|letto|caduto|caduta|risponde|respira"},
    {Kind::Emergency, "unconscious", "non ~1 riesco ~1 svegliarlo|svegliarla|svegliare"},
    {Kind::Emergency, "unconscious", "non ~1 apre ~1 occhi"},
    {Kind::Emergency, "unconscious", "molle|floscio|floscia ~3 straccio|occhi|risponde|reagisce",
     "bambino|bambina|bimbo|bimba|neonato|neonata|figlio|figlia"},
    {Kind::Emergency, "unconscious", "non ~2 riconosce", "febbre|confusa|confuso|improvvisamente|stamattina"},
    {Kind::Emergency, "unconscious", "non ~1 sento ~2 battito|polso|respiro"},
    {Kind::Emergency, "seizure", "contorce|contorcendo|irrigidita|irrigidito|irrigidisce|irrigidendo"},
    {Kind::Emergency, "seizure", "crisi ~5 non ~1 smette|passa|minuti"},
    {Kind::Emergency, "seizure", "convulsione|convulsioni"},
    {Kind::Emergency, "meningitis", "collo ~1 rigido|duro|colo"},
    {Kind::Emergency, "meningitis", "macchie|macchioline|puntini ~5 spariscono|scompaiono|spariscano|scompaiano|viola"},
    {Kind::Emergency, "meningitis", "vomita ~2 getto"},
    {Kind::Emergency, "fever_baby", "neonato|neonata ~5 febbre|38|39|40|scotta"},
    {Kind::Emergency, "overdose", "siringhe|siringa", "respira|pupille|terra|risponde|svenuto|svenuta|blu"},
    {Kind::Emergency, "overdose", "pupille ~2 piccolissime|spillo"},
    {Kind::Emergency, "overdose", "monossido"},
    {Kind::Emergency, "overdose", "inalato|respirato ~2 fumo|gas"},
    {Kind::Emergency, "overdose", "dose ~3 doppia|due ~1 volte"},
    {Kind::Emergency, "overdose", "due ~1 volte ~2 dose"},
    {Kind::Emergency, "overdose", "bevuto|ingoiato|ingoiata|bevuta|bevutto ~3 anticalcare|solvente|sgrassatore|lalcol|alcol ~3 pastiglie|pillole"},
    {Kind::Emergency, "overdose", "mangiato|mangiate|magnato|messo ~4 pastiglie|pasticche|pillole|bacche|funghi",
     "bambino|bambina|bimbo|bimba|piccolo|piccola|pupo|nipote|figlio|figlia|vomita|sveglio|sveglia"},
    {Kind::Emergency, "overdose", "solvente|acido|candeggina|varechina ~4 occhi|occhio"},
    {Kind::Emergency, "suicide", "cornicione|binari|ponte|tetto ~4 buttarmi|saltare|piedi|sono", "sono|sto|buttarmi|senso"},
    {Kind::Emergency, "suicide", "ultima ~1 notte|volta", "pillole|deciso|addio|finita|vivere"},
    {Kind::Emergency, "suicide", "non ~2 voglio ~1 piu ~1 svegliarmi"},
    {Kind::Emergency, "suicide", "si ~1 ammazza|uccide"},
    {Kind::Emergency, "suicide", "la ~1 fa ~1 finita"},
    {Kind::Emergency, "suicide", "farmi ~1 male", "voci|coltello|lametta"},
    {Kind::Emergency, "suicide", "tagliata|tagliato|tagliate|tagli ~3 braccia|polsi|gambe|profondi"},
    {Kind::Emergency, "labour", "settimana ~5 dolore|sanguino|sangue|perdite"},
    {Kind::Emergency, "labour", "incinta ~6 convulsione|convulsioni|svenuta|sangue"},
    {Kind::Emergency, "diabetes", "glicemia ~2 bassissima|altissima"},
    {Kind::Emergency, "diabetes", "alito ~3 frutta"},
    {Kind::Emergency, "injury", "volato|volata|caduto|caduta|cascato|cascata ~3 piano|finestra|giu|fasciatoio|tetto"},
    {Kind::Emergency, "injury", "schiacciato|schiacciata ~3 sotto|pressa|mano|auto|macchina"},
    {Kind::Emergency, "injury", "incastrato|incastrata", "incidente|macchina|auto|sanguina|sangue|respira|ferito|ferita"},
    {Kind::Emergency, "injury", "preso|presa ~1 in ~1 pieno"},
    {Kind::Emergency, "injury", "calcio ~3 cavallo"},
    {Kind::Emergency, "injury", "pupilla ~4 grande|grandi|diversa"},
    {Kind::Emergency, "injury", "liquido ~3 naso|orecchio"},
    {Kind::Emergency, "injury", "femore"},
    {Kind::Emergency, "injury", "testata|botta ~5 confuso|confusa|ricorda|vomita|dorme|addormenta"},
    {Kind::Emergency, "injury", "picchiata|picchiato ~5 sangue|sanguino|sanguina"},
    {Kind::Emergency, "injury", "piegata|piegato ~1 al ~1 contrario"},
    {Kind::Emergency, "injury", "cavo|presa|tensione ~5 muove|risponde|nera|nero|bruciata"},
    {Kind::Emergency, "drowning", "annegato|annegata|annegando|annega|affogato|affogata|affogando", nullptr,
     "debiti|lavoro|problemi|tasse|burocrazia|email|mail|compiti|impegni|pratiche|lacrime|noia|scadenze"},
    {Kind::Emergency, "drowning", "rimasto|rimasta ~1 sotto", "acqua|lago|mare|piscina|fiume|vasca"},
    {Kind::Emergency, "emergency", "sta|sto ~1 morendo", nullptr,
     "fame|sete|caldo|freddo|noia|ridere|sonno|risate|invidia|curiosita|stanchezza|lavoro|pianta|piante|fiori|"
     "batteria|cactus|ficus|orchidea|basilico|telefono|cellulare|pc|computer|motore|macchina|auto|pesce|pesciolino"},
    {Kind::Emergency, "chest_pain", "cuore|core ~3 mille|200|impazzito|impazzisce"},
    {Kind::Emergency, "chest_pain", "battito ~2 lentissimo|velocissimo|200"},
    {Kind::Emergency, "chest_pain", "pressione ~2 alle ~1 stelle"},
    {Kind::Emergency, "abdomen", "pancia ~2 dura ~2 tavola|pietra"},
    {Kind::Emergency, "abdomen", "urla ~2 dolore"},
    {Kind::Emergency, "anaphylaxis", "adrenalina|autoiniettore ~6 peggiorando|peggio|respira|gonfia"},
    {Kind::Emergency, "anaphylaxis", "labbra ~3 enormi|gonfie|gonfissime", "ape|vespa|punta|punto|puntura|allergia|allergica|mangiato"},
    {Kind::Emergency, "anaphylaxis", "deglutire ~2 fatica|riesce|riesco"},
    {Kind::Emergency, "burns", "faccia|braccia|mani|petto|pancia ~3 bruciate|bruciata|bruciato|ustionate|ustionata"},
    {Kind::Emergency, "burns", "mano|mani|pancia|braccio ~3 piena|piene ~1 di ~1 bolle", nullptr,
     "mesi|settimane|giorni|dermatologo|dermatologa|crema|prurito|screpolate|inverno|visita"},
    {Kind::Emergency, "burns", "ustionata|ustionato|ustionati ~4 olio|friggitrice|incendio|fuoco|esplosione|bombola"},
    {Kind::Emergency, "burns", "esplosa|esploso|scoppiata|scoppiato ~2 bombola|caldaia|petardo"},

    // --- Medical advice -------------------------------------------------------------------------
    {Kind::Advice, "dosage", "how many|much ~4 @drug|@dosenoun"},
    {Kind::Advice, "dosage", "how often ~3 take|taking|use|give|have"},
    {Kind::Advice, "dosage", "how many|much ~2 can|should|do|may ~2 i|we|he|she|my|they|you ~1 take|give|have|use"},
    {Kind::Advice, "dosage", "=dose|=doses|dosage|dosages|=dosing|=dosis|posology|dossage"},
    {Kind::Advice, "dosage", "# ~1 @drug|@dosenoun ~3 ok|okay|safe|fine|alright|enough|max|maximum|too|much"},
    {Kind::Advice, "dosage", "max|maximum|daily ~2 amount|limit", "@drug|@drugnoun"},
    {Kind::Advice, "medication", "double|halve|split|crush|chew|cut|break ~3 pill|pills|tablet|tablets|@drug"},
    {Kind::Advice, "medication", "come|coming|get ~1 off|of ~2 @drug|@drugnoun"},
    {Kind::Advice, "medication", "finish|continue|keep|stop ~2 my|the|taking ~2 @drug|@drugnoun"},
    {Kind::Advice, "medication", "adjust|change|increase|decrease|lower|raise|switch|up ~3 my|the ~1 @drug|@drugnoun|=dose|dosage"},
    {Kind::Advice, "medication", "best ~2 @drugnoun|treatment|remedy|cream ~3 for"},
    {Kind::Advice, "medication", "vaccinated|vaccine|vaccination|jab ~4 pregnant|pregnancy|breastfeeding|ill|sick|fever|cold"},
    {Kind::Advice, "medication", "what|which|whats ~2 take|use|give|try", "@symptom|@condition|@drug"},
    {Kind::Advice, "medication", "what|which|whats ~2 @drugnoun"},
    {Kind::Advice, "medication", "recommend|suggest|prescribe ~3 for|@drugnoun|@drug", "@symptom|@condition|@drug|@drugnoun"},
    {Kind::Advice, "medication",
     "can|could|should|may|must ~1 i|we|he|she|they|my|you ~3 take|taking|give|have|use|drink|mix|combine|stop|skip|"
     "double|increase|reduce|lower|continue|keep ~4 @drug|@drugnoun|alcohol|beer|wine|drinking"},
    {Kind::Advice, "medication",
     "is|are|it|its ~2 safe|ok|okay|fine|alright|bad|dangerous ~3 take|use|mix|combine|drink|give|taking|using|have|get",
     "@drug|@drugnoun|alcohol|pregnant|pregnancy|breastfeeding|vaccine|vaccination|jab"},
    {Kind::Advice, "treatment", "safe ~2 fly|travel|exercise|drive|swim|work|run", "@symptom|@condition"},
    {Kind::Advice, "treatment", "can|could|should ~1 i|we|he|she|my ~2 exercise|fly|travel|swim|work|drive|run ~3 with|if|while|after ~2 "
     "@symptom|@condition|pregnant"},
    {Kind::Advice, "treatment", "go ~2 school|work|nursery|gym ~2 with|if", "@symptom|@condition"},
    {Kind::Advice, "treatment", "should ~2 rest|stay ~2 home|off|bed|in", "@symptom|@condition"},
    {Kind::Advice, "treatment", "what ~3 eat|drink|avoid|diet|food|foods", "@symptom|@condition|@measure"},
    {Kind::Advice, "treatment", "how ~0 much ~4 should ~2 drink|eat|sleep|weigh"},
    {Kind::Advice, "treatment", "should ~1 i|we ~1 go ~2 hospital|er|emergency|ae|casualty"},
    {Kind::Advice, "treatment", "should ~1 i|we|he|she ~1 get|have ~2 xray|ray|scan|mri|test|tests|tested|bloods|ultrasound",
     "@symptom|@condition"},
    {Kind::Advice, "treatment", "medical advice|opinion"},
    {Kind::Advice, "treatment", "advice ~3 for|on|about|with ~3 @symptom|@condition|@measure|symptoms"},
    {Kind::Advice, "medication",
     "stop|stopping|quit|skip|skipped|missed|miss|forgot|forget ~2 taking|take|my|a ~2 @drug|@drugnoun"},
    {Kind::Advice, "medication", "stop|stopping|quit ~1 taking"},
    {Kind::Advice, "medication", "side effect|effects|affects|affect"},
    {Kind::Advice, "medication",
     "interact|interaction|interactions|interacts|contraindicated|contraindication|contraindications"},
    {Kind::Advice, "medication", "@drug ~3 or|vs|versus|and|with ~2 @drug"},
    {Kind::Advice, "medication", "@drug ~3 safe|ok|okay ~3 pregnant|pregnancy|breastfeeding|nursing|baby|child|kids|while"},
    {Kind::Advice, "medication", "@drug ~2 for ~3 @symptom|@condition"},
    {Kind::Advice, "medication", "prescribe|give ~1 me ~2 @drug|@drugnoun|something"},
    {Kind::Advice, "treatment", "do|will|would ~1 i|we|he|she ~1 need ~2 @drug|stitches|surgery|operation|antibiotics"},
    {Kind::Advice, "treatment",
     "how ~3 treat|treating|cure|curing|heal|relieve|soothe|ease|reduce|lower|manage|prevent|stop|fix|rid|bring|"
     "calm|lose ~5 @symptom|@condition"},
    {Kind::Advice, "treatment", "rid of ~3 @symptom|@condition"},
    {Kind::Advice, "treatment", "what|whats ~3 best|good|helps|works|help ~3 for|with|against ~3 @symptom|@condition"},
    {Kind::Advice, "treatment",
     "treatment|treatments|cure|cures|remedy|remedies|therapy|treat ~3 for|of|to|my ~3 @symptom|@condition"},
    {Kind::Advice, "treatment", "home|natural|herbal|best remedy|remedies|cure|cures|treatment"},
    {Kind::Advice, "treatment", "what|how ~3 should|do|can ~2 i|we do", "@symptom|@condition"},
    {Kind::Advice, "diagnosis",
     "do|does|could|might|may|can|would ~2 i|he|she|my|it|this|that|they ~3 have|be|mean|indicate|suggest|got ~3 "
     "@condition"},
    {Kind::Advice, "diagnosis", "have ~1 i ~1 got ~3 @condition"},
    {Kind::Advice, "diagnosis", "think ~2 i|he|she|it ~1 have|got|has|is ~3 @condition"},
    {Kind::Advice, "diagnosis",
     "is|are ~2 this|it|that|my|these|those ~3 @symptom|@condition|mole|lump|spot|rash ~3 serious|dangerous|normal|"
     "cancer|cancerous|malignant|benign|contagious|infectious|infected|worrying|concerning|bad|fine|ok|okay|something"},
    {Kind::Advice, "diagnosis",
     "is|are|could|might ~2 it|this|that|they ~2 serious|dangerous|contagious|cancer|cancerous|malignant|benign|normal|"
     "infected|worrying|concerning|infectious|bad",
     "@symptom|@condition"},
    {Kind::Advice, "diagnosis", "should ~1 i|we ~1 be ~1 worried|concerned|scared|afraid|worry", "@symptom|@condition"},
    {Kind::Advice, "diagnosis", "should ~1 i|we ~1 worry", "@symptom|@condition"},
    {Kind::Advice, "diagnosis", "what|whats ~2 wrong ~1 with ~1 me|my|him|her"},
    {Kind::Advice, "diagnosis", "what|whats ~1 is this|it|that", "@symptom|@condition"},
    {Kind::Advice, "diagnosis", "whats this|it|that", "@symptom|@condition"},
    {Kind::Advice, "diagnosis", "what kind|type|sort ~0 of ~1 @symptom|@condition"},
    {Kind::Advice, "diagnosis", "what|which illness|disease|condition|infection|virus|illnesses|diseases"},
    {Kind::Advice, "diagnosis", "does|do ~2 this|it|my|that ~3 look ~2 like|dangerous|serious|infected|normal|ok|okay|cancerous|bad"},
    {Kind::Advice, "diagnosis", "what ~2 do|could|might|can|would ~2 i|it|this|that ~1 have|be", "@symptom|@condition"},
    {Kind::Advice, "diagnosis", "is|could ~1 it|this|that ~1 a|an|the @condition"},
    {Kind::Advice, "diagnosis", "is|could ~1 it|this|that @condition"},
    {Kind::Advice, "diagnosis", "is ~1 my ~3 @symptom ~1 @condition"},
    {Kind::Advice, "diagnosis", "is|are ~3 broken|sprained|fractured|infected|dislocated|torn", "@symptom"},
    {Kind::Advice, "diagnosis", "how ~2 know ~2 if|whether", "@symptom|@condition"},
    {Kind::Advice, "diagnosis", "how long ~4 @symptom|@condition ~2 last|lasts|lasting|heal|healing|go|contagious|"
     "recover|recovery|persist|stay|infectious"},
    {Kind::Advice, "diagnosis", "is|are ~2 that|it|this ~1 too ~0 high|low|fast|slow", "@measure|@symptom|heart|rate"},
    {Kind::Advice, "diagnosis", "normal ~2 @measure|heart|rate|temperature"},
    {Kind::Advice, "diagnosis", "what ~1 temperature|@measure ~3 too|normal|high|low|dangerous"},
    {Kind::Advice, "diagnosis", "beats|bpm|heartbeat|pulse ~4 fast|slow|high|low|normal|too"},
    {Kind::Advice, "diagnosis", "what|whats ~3 does|do ~2 mean|show|say|indicate",
     "@symptom|@condition|@measure|results|result|test|tests|ecg|ekg|xray|mri|scan|bloodwork|count|symptoms"},
    {Kind::Advice, "diagnosis", "explain|interpret|read ~3 my|the|these ~2 results|test|tests|ecg|ekg|xray|scan|mri|"
     "bloodwork|report", nullptr, nullptr, "who|whos"},
    {Kind::Advice, "diagnosis", "why", "@symptom"},
    {Kind::Advice, "diagnosis", "is ~0 it|this|that ~0 serious|dangerous|normal|contagious|bad|cancer", nullptr, nullptr,
     nullptr, nullptr, false, false, true},
    {Kind::Advice, "diagnosis", "diagnose|diagnosis|diagnosing|diagnoze|diagnosys"},
    {Kind::Advice, "diagnosis", "what|whats ~3 causes|cause|causing ~4 @symptom|@condition|my"},
    {Kind::Advice, "diagnosis", "why ~3 do|does|am|is|have|keep|get ~4 @symptom|@condition"},
    {Kind::Advice, "diagnosis",
     "am ~0 i ~1 pregnant|diabetic|anemic|anaemic|allergic|depressed|infected|contagious|sick|ill|overweight|obese"},
    {Kind::Advice, "diagnosis",
     "what ~3 results|result|levels|level|reading|readings|numbers|values|scan|xray|bloodwork|test|tests ~2 "
     "mean|meaning|show|say|indicate|means"},
    {Kind::Advice, "diagnosis", "are|is ~1 my ~2 results|levels|readings|result ~2 normal|ok|okay|good|bad|fine|high|low"},
    {Kind::Advice, "diagnosis", "is|are ~3 @measure ~5 high|low|normal|ok|okay|bad|good|too|dangerous"},
    {Kind::Advice, "diagnosis", "# ~3 fever|temperature|degrees|celsius|fahrenheit", "fever|temperature|normal|high|ok|okay"},
    {Kind::Advice, "diagnosis", "symptoms|signs ~1 of ~3 @condition"},
    {Kind::Advice, "diagnosis", "is ~2 @symptom|@condition ~2 contagious|serious|dangerous|normal|curable|genetic|hereditary"},
    // Medical advice in Italian: the same questions, beside an Italian medical subject ("è grave?",
    // "cosa prendo per...", "devo preoccuparmi?", "quanto ne posso prendere?"). Inside a booking
    // they go to the dialogue (the Italian Booking rows below), as in English.
    {Kind::Advice, "dosage", "dose|dosaggio|dosi|posologia"},
    {Kind::Advice, "dosage", "quanto|quanta|quanti|quante ~3 posso|puo|devo|deve|si|dovrei|possono ~2 prendere|"
     "prenderne|dare|darne|dargli|darle|assumere|mangiare|bere|usare", "@itsubj"},
    {Kind::Advice, "dosage", "al ~0 massimo", "@itsubj|@drug"},
    {Kind::Advice, "dosage", "ogni ~0 quanto|quante ~3 prendere|prendo|misurare|misuro|dare|do|devo|va|vanno|cambiare"},
    {Kind::Advice, "medication", "che|quale|quali|cosa|ke|cos ~3 prendo|prendere|prenda|uso|usare|metto|mettere|do|"
     "dare|dargli|darle|compro|comprare|pija|piglio|funziona|faccio|fare|consigli|consigliate|consiglia|"
     "consigliereste", "@itsubj"},
    {Kind::Advice, "medication", "che|quale|quali|ke ~2 farmaco|farmaci|medicina|medicinale|pomata|crema|sciroppo|"
     "collirio|shampoo|prodotto|antibiotico|antidolorifico|sonnifero|gocce|integratore|cura|rimedio"},
    {Kind::Advice, "medication", "posso|puo|possono|potrei|devo|deve|dovrei|dovrebbe|devono|bisogna|meglio|conviene ~3 "
     "prendere|prenderne|prenderla|prenderlo|dare|dargli|darle|bere|mangiare|smettere|sospendere|interrompere|"
     "continuare|aggiungere|assumere|mischiare|combinare|usare|mettere|metterci|togliere|toglierlo|bucare|"
     "curarmi|curarlo|curarla|tornare|riprendere|evitare|mangiarne", "@itsubj"},
    {Kind::Advice, "medication", "si ~0 puo|possono ~2 prendere|dare|bere|mangiare|usare|fare|mischiare|prendono", "@itsubj"},
    {Kind::Advice, "medication", "ci|gli|le ~0 metto|do|spalmo", "@itsubj"},
    {Kind::Advice, "medication", "effetti ~0 collaterali|indesiderati"},
    {Kind::Advice, "medication", "interazioni|interazione|controindicazioni|controindicato|controindicata"},
    {Kind::Advice, "medication", "senza ~0 ricetta", "@itsubj"},
    {Kind::Advice, "medication", "serve|servono|vuole|vogliono ~2 antibiotico|antibiotici|antitetanica|punti|"
     "farmaco|farmaci|cortisone|pomata|crema", "@itsubj"},
    {Kind::Advice, "medication", "fa|fanno ~1 ingrassare|dimagrire|effetto", "@itsubj"},
    {Kind::Advice, "treatment", "come ~3 curo|curare|curarla|curarlo|curarle|curarli|cura|tolgo|togliere|toglierla|"
     "elimino|eliminare|passare|evitare|evitarne|calmare|alleviare|abbassare|guarire|guarisco|trattare|tratto|"
     "faccio|fare|prevenire|sbarazzarmi|liberarmi", "@itsubj"},
    {Kind::Advice, "treatment", "che|quale|ke ~1 cura|terapia|rimedio|rimedi"},
    {Kind::Advice, "treatment", "rimedio|rimedi ~1 naturali|naturale|casa|nonna"},
    {Kind::Advice, "treatment", "che|cosa|ke ~2 faccio|fare|consigli|consigliate|consiglia", "@itsubj"},
    {Kind::Advice, "treatment", "caldo ~2 freddo|ghiaccio", "@itsubj"},
    {Kind::Advice, "treatment", "quanto ~0 tempo|giorni ~3 devo|deve|dura|durano|isolamento|contagioso|contagiosa|guarire|"
     "passa|tenere|stare", "@itsubj"},
    {Kind::Advice, "treatment", "consiglio|consigli|parere ~0 medico"},
    {Kind::Advice, "diagnosis", "e|sono|sara|sia|sembra|sembrano ~2 grave|gravi|pericoloso|pericolosa|pericolosi|"
     "pericolose|normale|normali|preoccupante|preoccupanti|contagioso|contagiosa|maligno|maligna|benigno|benigna|"
     "infetto|infetta|rotto|rotta|tumore|cancro", "@itsubj"},
    {Kind::Advice, "diagnosis", "e|sara|sia ~2 un ~0 problema", "@itsubj"},
    {Kind::Advice, "diagnosis", "sara|sia|saranno ~2 la|il|lo|l|un|una|colpa|dovuto|dovuta ~2 @itsubj"},
    {Kind::Advice, "diagnosis", "sara ~0 @itsubj"},
    // "è varicella?", "può essere depressione?", "è il cuore?": a condition named as the answer.
    {Kind::Advice, "diagnosis", "e|essere ~1 la|il|lo|l|un|una|colpa ~0 @itcond"},
    {Kind::Advice, "diagnosis", "e|essere ~0 @itcond"},
    {Kind::Advice, "diagnosis", "va|vanno ~0 tolto|tolta|tolti|tolte|operato|operata|curato|curata|presa|preso|presi"},
    {Kind::Advice, "medication", "va|vanno ~0 bene", "@drug|farmaco|farmaci|medicina|pomata|crema|antibiotico|sciroppo|"
     "aciclovir|isotretinoina|integratore|omeprazolo|pantoprazolo|metformina|ramipril|eutirox|coumadin|"
     "cardioaspirina|bentelan|amoxicillina|ibuprofene|paracetamolo|collirio|gocce|supposta"},
    {Kind::Advice, "diagnosis", "quali ~0 segnali|sintomi|segni", "@itsubj"},
    {Kind::Advice, "diagnosis", "devo|dovrei|deve ~1 fare ~0 qualcosa", "@itsubj"},
    {Kind::Advice, "diagnosis", "cosa|che|cos|ke ~2 puo|potrebbe|possa|sara ~1 essere", "@itsubj"},
    {Kind::Advice, "diagnosis", "cose|cos ~0 e|questo|questa", "@itsubj"},
    {Kind::Advice, "diagnosis", "che ~0 malattia|infezione|cosa ~1 ho|ha|avro|sara"},
    {Kind::Advice, "diagnosis", "devo|dovrei|deve|dobbiamo ~1 preoccuparmi|preoccuparci|preoccuparsi|allarmarmi|"
     "preoccupare|spaventarmi", "@itsubj"},
    {Kind::Advice, "diagnosis", "ho ~0 paura|timore ~3 sia|che|di", "@itsubj"},
    {Kind::Advice, "diagnosis", "cosa|che|ke ~1 significa|significano|indica|indicano", "@itsubj"},
    {Kind::Advice, "diagnosis", "vuol|vuole ~0 dire", "@itsubj"},
    {Kind::Advice, "diagnosis", "spiegami|spiegarmi|spiegate|spieghi|interpretare|leggere ~3 esami|analisi|referto|valori|"
     "risultati|ecg|elettrocardiogramma"},
    {Kind::Advice, "diagnosis", "sono ~0 diabetico|diabetica|anemico|anemica|incinta|celiaco|celiaca|iperteso|ipertesa"},
    {Kind::Advice, "diagnosis", "come ~2 faccio|posso|si ~1 capire|sapere|riconoscere|distinguere", "@itsubj"},
    {Kind::Advice, "diagnosis", "secondo ~0 voi|te|lei", "@itsubj"},
    {Kind::Advice, "diagnosis", "valori ~2 normali|vanno|va", nullptr},

    // --- Markers ---------------------------------------------------------------------------------
    {Kind::Past, "",
     "last|past|previous ~0 year|years|month|months|week|summer|winter|spring|autumn|fall|decade|january|february|"
     "march|april|may|june|july|august|september|october|november|december|christmas|easter"},
    {Kind::Past, "", "year|years|month|months|week|weeks|yrs|decade|decades|ages|while|long ago"},
    {Kind::Past, "", "in|since|back|around %y"},
    {Kind::Past, "", "history|historic|historical"},
    {Kind::Past, "", "used to"},
    {Kind::Past, "", "when i|he|she was"},
    {Kind::Past, "", "as a child|kid|baby|teenager|teen"},
    {Kind::Past, "", "childhood|recovered|recovering|recovery|recuperating|followup|followups"},
    {Kind::Past, "", "follow up|ups"},
    {Kind::Past, "", "runs ~1 in ~1 family|families"},
    {Kind::Present, "", "now|currently|again|still|suddenly|tonight|started|starting|returned|happening"},
    {Kind::Present, "", "at the moment"},
    // Italian (issue 17): "il mese scorso", "due anni fa", "l'anno scorso", "mi hanno dimesso";
    // and what makes it now: "adesso", "di colpo", "all'improvviso".
    {Kind::Past, "", "scorso|scorsa|scorsi|scorse"},
    {Kind::Past, "", "anno|anni|mese|mesi|settimana|settimane|giorni|tempo ~0 fa"},
    {Kind::Past, "", "dimesso|dimessa|dimessi|tentato|tentata|ricoverato|ricoverata|convalescenza|riabilitazione"},
    {Kind::Past, "", "da ~0 bambino|bambina|piccolo|piccola|ragazzo|ragazza"},
    {Kind::Present, "", "adesso|stamattina|stasera|stanotte|improvvisamente|allimprovviso|ancora|appena"},
    {Kind::Present, "", "di ~0 colpo"},
    {Kind::Booking, "",
     "book|booking|booked|appointment|appointments|appt|appts|apointment|appoinment|appointement|schedule|reschedule|"
     "slot|slots|visit|consultation|consult|checkup|referral"},
    {Kind::Booking, "", "check up"},
    {Kind::Booking, "",
     "recommend|suggest|which|what ~3 doctor|dr|specialist|gp|dermatologist|cardiologist|pediatrician|paediatrician|"
     "specialty|speciality"},
    {Kind::Booking, "",
     "see|seeing|talk|speak|discuss|ask ~3 doctor|dr|gp|specialist|someone|cardiologist|dermatologist|pediatrician|"
     "paediatrician|nurse|pharmacist"},
    {Kind::Practice, "",
     "do|does ~2 you|practice|clinic|dr|doctor|doctors|anyone ~2 do|offer|provide|treat|have|see|take|accept|prescribe|"
     "give|handle|perform|cover|test|check|vaccinate|sell|stock|deal"},
    {Kind::Practice, "", "prescription|prescriptions ~2 refill|refills|renewal|renew|request|repeat|ready|collect|pick|online"},
    {Kind::Practice, "", "refill|refills|renew|renewal|repeat ~2 prescription|prescriptions|meds|medication|medications"},
    {Kind::Practice, "", "before|after ~3 test|tests|appointment|visit|scan|procedure|xray|bloodwork|surgery|operation|"
     "vaccination|vaccine|jab|ultrasound|colonoscopy"},
    {Kind::Practice, "", "can|could|will|would ~1 the|a|my ~1 doctor|dr|gp|nurse ~3 prescribe|give|check|look|see|tell|advise"},
    // Italian: booking and practice questions keep their advice words for the dialogue.
    {Kind::Booking, "",
     "prenotare|prenoto|prenota|prenotami|prenotarmi|prenotazione|appuntamento|appuntamenti|visita|visite|"
     "fissare|fissami|consulto|controllo|prenotarlo|prenotarla|visitare|visitarmi|visitarlo|visitarla"},
    {Kind::Practice, "", "da ~0 voi"},
    // The one with the cough is the dog, the stain is on the tablecloth: no patient's advice.
    {Kind::Practice, "",
     "cane|cani|cagnolino|cagnolina|gatto|gatta|gatti|gattino|micio|cucciolo|criceto|coniglio|pappagallo|cavallo|"
     "tartaruga|veterinario|veterinaria|tovaglia|divano|camicia|maglietta|pantaloni|tappeto|vestito|pavimento|"
     "caldaia|lavatrice|orchidea|basilico|piante|film|serie|canzone|libro|barzelletta|storia|favola|pasta|sugo|"
     "cucinare|torta|forno|pizza|lievito|farina|impasto|spia|olio|portatile|pc|router|computer|telefono|cellulare|batteria|stampante|"
     "romanzo|protagonista|aggiornamenti"},
    {Kind::Booking, "", "quale|quali|che|chi ~1 dottore|dottori|medico|medici|specialista|dottoressa"},
    {Kind::Booking, "", "vedere|parlare|sentire ~3 medico|dottore|dottoressa|pediatra|specialista|dermatologo|cardiologo"},
    {Kind::Practice, "",
     "fate|offrite|curate|trattate|effettuate|eseguite|prescrivete|rilasciate|vaccinate|accettate|ricevete"},
    {Kind::Practice, "", "ricetta|ricette ~2 ripetere|rinnovare|ritirare|rinnovo|richiedere"},
    {Kind::Practice, "", "rinnovare|ripetere|richiedere|ritirare|chiedere|mandare|mandarmi|inviare|inviarmi ~2 ricetta|ricette|impegnativa"},
    {Kind::Practice, "", "prima ~2 del|della|dell|delle|degli ~0 prelievo|analisi|esami|esame|ecografia|visita"},

    // --- Prompt injection ------------------------------------------------------------------------
    {Kind::Injection, "ignore_rules",
     "ignore|ignoring|disregard|disregarding|forget|override|overrule|bypass|skip|circumvent|break|abandon|suspend|"
     "disable|deactivate|violate|remove|lift|drop|neglect|overwrite|bypassing|overriding ~4 @ruleword"},
    {Kind::Injection, "ignore_rules", "turn|switch ~1 off ~3 @ruleword|guard|guards|moderation|censorship"},
    {Kind::Injection, "ignore_rules", "no rules|filters|filter|guardrails|censorship|limits"},
    {Kind::Injection, "ignore_rules", "without ~1 rules|restrictions|filters|filter|guardrails|censorship|limits|limitations|boundaries"},
    {Kind::Injection, "ignore_rules",
     "unrestricted|unfiltered|uncensored|jailbreak|jailbroken|jailbreaking|jailbrake|superuser|godmode|=sudo"},
    {Kind::Injection, "ignore_rules",
     "new|real|true|secret|hidden|override|updated ~0 instructions|persona|identity|directive|directives|prompt"},
    {Kind::Injection, "role_play", "dan mode|prompt"},
    {Kind::Injection, "role_play",
     "developer|dev|admin|administrator|god|debug|debugging|maintenance|root|test|testing|unrestricted|sudo|super|"
     "superuser|privileged|diagnostic|override|jailbreak|evil|opposite|unlocked|unsafe|dan|chaos|expert mode|modus"},
    {Kind::Injection, "role_play",
     "admin|root|administrator|superuser|elevated|sudo|backend|database|db ~0 access|privileges|privilege|rights|"
     "permissions|powers|account|password|panel|console|login|credentials|level|role"},
    {Kind::Injection, "role_play", "you are|re now|henceforth"},
    {Kind::Injection, "role_play", "youre now|henceforth"},
    {Kind::Injection, "role_play", "you are|re no longer"},
    {Kind::Injection, "role_play", "youre no longer"},
    {Kind::Injection, "role_play", "you must|shall now|obey|comply"},
    {Kind::Injection, "role_play",
     "you|youre are|re ~1 a|an|my|the ~2 admin|administrator|developer|hacker|unrestricted|jailbroken|different|free|"
     "dan|evil|unfiltered|terminal|shell|linux|database|sql"},
    {Kind::Injection, "role_play",
     "from now on ~3 you|your|ignore|act|respond|answer|reply|only|always|pretend|behave|speak|talk|must|will|are"},
    {Kind::Injection, "role_play", "=pretend|=pretending|=pretent|=pretends"},
    {Kind::Injection, "role_play",
     "roleplay|roleplaying|simulate|simulating|impersonate|impersonating|emulate|emulating|impersonation"},
    {Kind::Injection, "role_play", "role play|playing|plays"},
    {Kind::Injection, "role_play",
     "act|acting|behave|behaving|respond|answer|reply|talk|speak as|like ~2 a|an|the|if|though|admin|administrator|root|"
     "system|developer|doctor|dan|nurse|receptionist|staff|unrestricted|hacker|human|person|terminal|database|"
     "grandma|grandmother",
     nullptr, nullptr, nullptr, "caregiver|carer|guardian|proxy|representative|parent|translator|interpreter"},
    {Kind::Injection, "role_play",
     "imagine|suppose|assume ~3 you|youre ~2 are|were|re|had ~3 admin|allowed|unrestricted|free|human|not|no|able|"
     "doctor|developer|evil|dan|without|administrator|jailbroken|unfiltered"},
    {Kind::Injection, "role_play", "hypothetically|hypothetical|fictional|fictitious"},
    {Kind::Injection, "role_play", "play ~1 a game"},
    {Kind::Injection, "role_play", "lets play"},
    {Kind::Injection, "role_play", "switch|change|enter|activate|enable|unlock ~2 mode|persona|personality|character"},
    {Kind::Injection, "role_play", "system override|command|commands|admin"},
    {Kind::Injection, "role_play", "base64|rot13|hexadecimal"},
    {Kind::Injection, "staff_claim",
     "as a|an|the|your ~0 doctor|admin|administrator|developer|staff|nurse|receptionist|secretary|root|moderator|"
     "operator|superuser|physician|sysadmin|dev|creator|doctors|clinician",
     nullptr, nullptr, nullptr,
     "said|says|told|recommended|suggested|asked|requested|advised|prescribed|wanted|explained|mentioned|instructed|"
     "wrote|noted|patient"},
    {Kind::Injection, "staff_claim", "as admin|administrator|root|superuser|staff|sysadmin|developer"},
    {Kind::Injection, "staff_claim", "im|am staff|admin|administrator|developer|sysadmin|superuser|root"},
    {Kind::Injection, "staff_claim",
     "im|am ~1 a|an|the|from ~1 police|policeman|policewoman|officer|detective|journalist|reporter|lawyer|solicitor|"
     "attorney|investigator|insurer|insurance|court|press|newspaper|government|council|authorities"},
    {Kind::Injection, "staff_claim",
     "im|am ~1 a|an|the|your|from ~1 admin|administrator|developer|programmer|sysadmin|superuser|root|hacker|staff"},
    {Kind::Injection, "staff_claim",
     "im|am ~1 a|an|the|your|one ~1 doctor|doctors|nurse|receptionist|secretary|physician|gp|manager|employee|"
     "clinician|staff|practitioner|pharmacist",
     "@dataword"},
    {Kind::Injection, "staff_claim", "i work|works ~1 here|at|for|in ~2 practice|clinic|surgery|hospital|office|reception|here", "@dataword"},
    {Kind::Injection, "staff_claim", "on behalf ~0 of ~1 dr|doctor|the|practice|clinic|staff|admin|administrator"},
    {Kind::Injection, "bulk_request",
     "@showverb ~4 all|every|everyone|everybody|everyones|everybodys|each|entire|whole|other|others ~2 @bulknoun",
     nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "bulk_request", "everyones|everybodys ~1 @bulknoun"},
    {Kind::Injection, "bulk_request", "look|search|find|lookup|locate ~3 patient|patients|user|users|record|records|"
     "people|person|someone|everyone", nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "bulk_request", "names ~2 of ~2 people|patients|everyone|users|clients"},
    {Kind::Injection, "bulk_request", "list|show ~1 everyone|everybody|anyone"},
    {Kind::Injection, "bulk_request", "notes|records|files|results ~3 of|from|for ~3 yesterdays|todays|visits|patients|"
     "everyone|others|people", nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "bulk_request", "password|passwords|credentials ~3 admin|administrator|database|db|system|server"},
    {Kind::Injection, "bulk_request",
     "patient|patients|user|users|client|clients|customer|customers list|lists|names|emails|database|register|"
     "registry|addresses|numbers|phones|directory|table|db",
     nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "bulk_request", "list of ~1 patients|users|appointments|bookings|clients|people|names|emails|records",
     nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "bulk_request", "who|which ~2 your|the|all ~1 patients|users|clients", nullptr, nullptr, nullptr,
     nullptr, false, true},
    {Kind::Injection, "bulk_request", "which|what ~1 patients|people ~3 booked|coming|have|has|registered|scheduled|seeing"},
    {Kind::Injection, "bulk_request",
     "dump|dumping|export|exporting|leak|leaking|exfiltrate|=scrape|=scraping|harvest ~4 database|db|data|table|tables|"
     "everything|records|all|users|patients",
     nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "bulk_request",
     "database|db|sql|backend|server ~3 dump|contents|tables|access|password|credentials|query|schema|admin|root|"
     "connection|structure"},
    {Kind::Injection, "bulk_request", "access|query|open|connect|hack|breach|browse ~3 database|db|backend|server|admin",
     nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "prompt_probe",
     "system|initial|original|hidden|secret|internal|developer|underlying prompt|prompts|instructions|instruction|"
     "configuration|config|directives|programming"},
    {Kind::Injection, "prompt_probe", "system message|messages"},
    {Kind::Injection, "prompt_probe", "your prompt|prompts|programming|configuration|config|directives|parameters"},
    {Kind::Injection, "prompt_probe",
     "repeat|print|reveal|output|display|recite|dump|leak|show|tell|write|echo|paste|copy ~3 verbatim|prompt|prompts"},
    {Kind::Injection, "prompt_probe",
     "repeat|print|reveal|output|recite|dump|leak|echo|paste ~3 everything|text|words|instructions|all ~1 above"},
    {Kind::Injection, "prompt_probe", "repeat|recite ~3 instructions|rules"},
    {Kind::Injection, "prompt_probe", "previous|prior|above|earlier instructions|prompt|prompts|directives"},
    {Kind::Injection, "prompt_probe", "what|tell|show|list|reveal|share ~3 your instructions|directives|programming|prompt"},
    {Kind::Injection, "prompt_probe", "what|which ~3 were|are|was ~1 you told|instructed|programmed|trained"},
    {Kind::Injection, "prompt_probe", "what ~2 instructions ~2 you|were|given|have"},
    {Kind::Injection, "prompt_probe", "how ~2 you ~1 programmed|prompted|configured|instructed"},

    // --- Someone else -----------------------------------------------------------------------------
    {Kind::Other, "third_party", "for|about|of|regarding|re|concerning ~1 my|our|a|the|his|her ~0 @otherrel"},
    {Kind::Other, "third_party", "@otherrel ~2 @infonoun|treated|treatment|diagnosed|prescribed|taking|suffering|sick|"
     "ill|pregnant"},
    {Kind::Other, "third_party", "@otherrel ~3 is|was ~1 a|an patient|client"},
    {Kind::Family, "third_party", "@family ~4 is|was ~1 a|an patient|client"},
    {Kind::Other, "other_patients", "someone|somebody|anyone|anybody elses"},
    {Kind::Other, "other_patients", "for|about|of|regarding ~1 someone|somebody else"},
    {Kind::Other, "other_patients", "patient|patients|person|someone ~1 named|called"},
    {Kind::Other, "other_patients", "how many patients|people ~3 does|do|came|come|today|booked|have|has|are|were|"
     "registered|did"},
    {Kind::Other, "other_patients", "which|what patients|people ~2 are|have|has|take|taking|on|booked|coming", nullptr,
     nullptr, nullptr, "eligible|entitled|allowed|able|covered|welcome|accepted"},
    {Kind::Other, "other_patients", "who ~1 is|was|s ~1 the ~0 next|last|previous|first ~0 patient"},
    {Kind::Other, "other_patients", "who|whos ~3 cancelled|canceled|came|visited|diagnosed|taking|prescribed|treated|"
     "missed|coming|waiting|pregnant", nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Other, "other_patients", "phone|number|email|address|details|name|names|notes|records|results|diagnosis ~3 "
     "of|for ~3 patient|patients|person|people", nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Other, "other_patients", "@infonoun ~2 of|for ~2 other|another|others people|persons|patients"},
    {Kind::Other, "third_party", "wrong ~1 with ~1 my|her|his ~0 @otherrel|@family"},
    {Kind::Other, "third_party", "does|did|is|has ~1 my ~0 @otherrel ~3 see|seen|go|went|have|had|get|got|book|booked|come|"
     "came|visit|visited"},
    {Kind::Family, "third_party", "for|about|regarding|concerning ~1 my|our ~0 @family"},
    {Kind::Family, "third_party", "does|did|is|has|was ~1 my ~0 @family ~3 see|seen|go|went|have|had|get|got|book|booked|"
     "come|came|visit|visited|appointment|patient"},
    {Kind::Family, "third_party", "my @family ~3 has|have|had|got ~2 a|an|any ~0 appointment|booking|visit|appointments"},
    {Kind::Family, "third_party", "@family ~1 last ~1 see|saw|seen|visited"},
    {Kind::Other, "other_patients", "another|other|previous|prior patient|patients|user|users|client|clients"},
    {Kind::Other, "other_patients", "who|whos else"},
    {Kind::Other, "other_patients", "who|whos ~2 booked|reserved|took|taken|scheduled", nullptr, nullptr, nullptr,
     nullptr, false, true},
    {Kind::Other, "other_patients", "who|whos ~4 before|after|ahead ~1 me|mine|of"},
    {Kind::Other, "other_patients", "who ~2 has|have|had ~1 an|a|the ~3 appointment|appointments|booking|slot", nullptr,
     nullptr, nullptr, nullptr, false, true},

    // Someone else, in Italian: the same labels. "di mia moglie" is "my wife's"; "per mio figlio"
    // stays the patient's own business, as "for my son" does.
    {Kind::Other, "third_party", "di|del|della|dello|per|su|sul|sulla|riguardo|dal|dalla ~1 mio|mia|nostro|nostra ~0 @altrirel"},
    {Kind::Other, "third_party", "mio|mia|nostro|nostra ~0 @altrirel ~4 @infoit|viene|venuto|venuta|paziente|curato|"
     "curata|malato|malata|incinta|prende|ricoverato|ricoverata"},
    {Kind::Other, "other_patients", "altri|altro|altra|altre ~0 paziente|pazienti|utenti|utente"},
    {Kind::Other, "other_patients", "qualcun|qualcuno ~0 altro"},
    {Kind::Other, "other_patients", "quanti ~1 pazienti|persone ~3 avete|hanno|oggi|prenotati|prenotate|sono|vengono|"
     "visitato|visitati|visitate"},
    {Kind::Other, "other_patients", "chi ~1 c|ce|cera|era|viene|e|ha ~1 prima|dopo ~1 di ~0 me"},
    // "che analisi ha fatto il mio vicino", "a che ora ha la visita mia sorella": without "di".
    {Kind::Other, "third_party", "@infoit|analisi|malattia|farmaci|terapia|cura ~4 mio|mia ~0 @altrirel"},
    {Kind::Other, "other_patients", "chi ~1 ha ~0 prenotato|disdetto|cancellato|annullato"},
    {Kind::Other, "other_patients", "chi ~1 e ~2 paziente|pazienti"},
    {Kind::Other, "other_patients", "nome|nomi|numero|telefono|indirizzo|dati|cartella|email ~3 di|del|della|dei ~2 "
     "paziente|pazienti|persona|persone", nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Family, "third_party", "di|del|della|dello|per|su|sul|sulla|riguardo|dal|dalla ~1 mio|mia|nostro|nostra ~0 @famiglia"},
    {Kind::Family, "third_party", "mio|mia|nostro|nostra|miei ~0 @famiglia ~4 ha|hanno|aveva|e|era ~2 prenotato|prenotata|"
     "appuntamento|visita|venuto|venuta|stato|stata|paziente|registrato|registrata|iscritto|iscritta"},
    {Kind::Family, "third_party", "@famiglia ~4 e|era ~2 paziente|pazienti|cliente"},
    {Kind::Family, "third_party", "@infoit|analisi|malattia|farmaci|terapia ~0 mio|mia ~0 @famiglia"},
    // Prompt injection and lists of patients, in Italian.
    {Kind::Injection, "ignore_rules", "ignora|ignorare|dimentica|dimenticare|bypassa|aggira|salta ~4 regole|istruzioni|"
     "istruzione|vincoli|limiti|prompt|restrizioni|filtri"},
    {Kind::Injection, "ignore_rules", "senza ~1 regole|restrizioni|filtri|limiti"},
    {Kind::Injection, "role_play", "fai|fingi ~2 finta|finto ~2 di ~1 essere"},
    {Kind::Injection, "role_play", "modalita ~1 sviluppatore|admin|amministratore|debug|dio"},
    {Kind::Injection, "staff_claim", "sono ~1 il|la|un|una ~1 medico|dottore|dottoressa|infermiera|infermiere|"
     "amministratore|segretaria|receptionist|poliziotto|carabiniere|avvocato|giornalista", "@dataword|pazienti|tutti|"
     "elenco|lista|dati|cartelle|nomi"},
    {Kind::Injection, "bulk_request", "elenco|lista|nomi|dati|elenca|mostrami|dammi|stampa ~3 tutti|tutte|dei|degli ~2 "
     "pazienti|utenti|appuntamenti|prenotazioni|clienti|persone", nullptr, nullptr, nullptr, nullptr, false, true},
    {Kind::Injection, "bulk_request", "database|archivio ~3 pazienti|utenti|accesso|password"},
    {Kind::Injection, "prompt_probe", "password|credenziali ~3 gestionale|sistema|database|amministratore|admin|server|"
     "studio|medici"},
    {Kind::Injection, "prompt_probe", "tabella|tabelle ~1 appointments|appuntamenti|pazienti|patients"},
    {Kind::Injection, "bulk_request", "esporta|esportare|esportami|scarica|scaricami ~4 csv|excel|database|tutti|tutte"},
    {Kind::Injection, "role_play", "accesso ~0 completo|totale|admin|amministratore|illimitato"},
    {Kind::Injection, "role_play", "fammi|fatemi|fai ~1 accedere|entrare ~2 come"},
    {Kind::Injection, "role_play", "cambia|cambiami|imposta|dammi ~3 ruolo|permessi|privilegi", nullptr, nullptr,
     nullptr, nullptr, false, false},
    {Kind::Injection, "ignore_rules", "nuova|nuove ~0 istruzione|istruzioni|regola|regole"},
    {Kind::Injection, "bulk_request", "dati ~0 sensibili ~3 chiunque|tutti|pazienti|altri"},
    {Kind::Injection, "bulk_request", "agenda|calendario ~3 tutti|medici|dottori|studio ~3 nomi|pazienti"},
    {Kind::Injection, "bulk_request", "tutti|tutte ~1 gli|le|i ~0 appuntamenti|prenotazioni|visite ~2 giorno|mese|settimana|"
     "studio|medici", nullptr, nullptr, nullptr, nullptr, false, true},

    // What a message is about (readSignals): a table of its own.
#include "assistant/engine/frame_rules.inc"
};

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
        // "an old lady fainted", "an old man collapsed": a person's age, not the past.
        if (t == "old" && k + 1 < words.size() &&
            oneOf(words[k + 1].text, {"lady", "man", "woman", "gentleman", "person", "guy", "chap", "fella", "couple",
                                      "neighbour", "neighbor", "patient"}))
            continue;
        if (t == "after" || t == "since" || t == "following" || t == "post") {
            // "since my stroke", and "since I fell off the ladder": a clause told about the past.
            static constexpr string_view kDeterminers[] = {"my", "his", "her", "their", "a", "the", "your", "our",
                                                           "an", "i", "he", "she", "we", "they"};
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
    s.noPatient = has(Kind::NoPatient);
    if (has(Kind::ForeignPatient) || s.noPatient) {  // "the cat is due her jabs", "a check-up for my boiler"
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
