#include "assistant/engine/faq_index.hpp"

#include "assistant/engine/guards.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <span>
#include <string_view>
#include <utility>

namespace medassist::assistant::engine {

namespace {

// Snowball's English stopword list (the one Xapian ships), without the question words that
// pick an entry here ("where" is the address, "when" the hours, "out" of hours, "before" a
// blood test), plus chat filler: words that say how a patient asks, not what about.
// What a whole tag phrase found in the question adds to its entry's score.
constexpr double kPhraseBonus = 0.2;

constexpr std::string_view kStopwords[] = {
    // Snowball English
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these",
    "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
    "does", "did", "doing", "would", "should", "could", "ought", "i'm", "you're", "he's", "she's", "it's",
    "we're", "they're", "i've", "you've", "we've", "they've", "i'd", "you'd", "he'd", "she'd", "we'd",
    "they'd", "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "isn't", "aren't", "wasn't",
    "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't", "shan't",
    "shouldn't", "can't", "cannot", "couldn't", "mustn't", "let's", "that's", "who's", "what's", "here's",
    "there's", "when's", "where's", "why's", "how's", "a", "an", "the", "and", "but", "if", "or", "because",
    "as", "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into",
    "through", "during", "after", "above", "below", "to", "from", "up", "down", "in", "on", "off", "over",
    "under", "again", "further", "then", "once", "here", "there", "why", "how", "all", "any", "both",
    "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so",
    "than", "too", "very",
    // chat filler, and the same words typed without apostrophes or in text-speak
    "can", "will", "may", "might", "must", "shall", "please", "pls", "plz", "thanks", "thank", "hi",
    "hello", "hey", "ok", "okay", "yes", "also", "just", "really", "actually", "anyone", "anybody",
    "anything", "something", "get", "got", "getting", "need", "needs", "want", "wanted", "like", "know",
    "tell", "let", "go", "going", "take", "use", "im", "ive", "id", "ill", "dont", "doesnt", "didnt",
    "cant", "wont", "isnt", "arent", "whats", "wheres", "hows", "thats", "theres", "u", "ur", "r", "ya",
    "wat", "wot", "m", "s", "t", "d", "ll", "re", "ve", "today", "tomorrow", "tonight", "now", "many",
    "lot", "lots", "thing", "things", "way", "possible", "sure", "kind", "sort", "oh", "btw", "by", "way",
    "quick", "question", "wondering", "wonder", "um", "uh", "erm", "hmm", "well", "anyway", "sorry", "exactly",
    "precisely", "wait", "meant", "mean", "supposed", "future", "reference", "honest", "honestly"};

// Snowball's Italian stopword list, without the question words that pick an entry ("dove"
// is the address, "quando" the hours, "quanto" the price, "prima" before a blood test), plus
// chat filler ("vorrei sapere", "per favore", "buongiorno") and the same words without their
// accents or apostrophes, as patients type them.
constexpr std::string_view kStopwordsIt[] = {
    // Snowball Italian
    "ad", "al", "allo", "ai", "agli", "all", "agl", "alla", "alle", "con", "col", "coi", "da", "dal", "dallo",
    "dai", "dagli", "dall", "dagl", "dalla", "dalle", "di", "del", "dello", "dei", "degli", "dell", "degl",
    "della", "delle", "in", "nel", "nello", "nei", "negli", "nell", "negl", "nella", "nelle", "su", "sul",
    "sullo", "sui", "sugli", "sull", "sugl", "sulla", "sulle", "per", "tra", "contro", "io", "tu", "lui",
    "lei", "noi", "voi", "loro", "mio", "mia", "miei", "mie", "tuo", "tua", "tuoi", "tue", "suo", "sua",
    "suoi", "sue", "nostro", "nostra", "nostri", "nostre", "vostro", "vostra", "vostri", "vostre", "mi",
    "ti", "ci", "vi", "lo", "la", "li", "le", "gli", "ne", "il", "un", "uno", "una", "ma", "ed", "se",
    "perché", "perche", "anche", "come", "che", "chi", "cui", "non", "più", "piu", "quale", "quali",
    "quello", "quelli", "quella", "quelle", "questo", "questi", "questa", "queste", "si", "tutto", "tutti",
    "a", "c", "e", "i", "l", "o", "ho", "hai", "ha", "abbiamo", "avete", "hanno", "abbia", "abbiate",
    "abbiano", "avrò", "avrai", "avrà", "avremo", "avrete", "avranno", "avrei", "avresti", "avrebbe",
    "avremmo", "avreste", "avrebbero", "avevo", "avevi", "aveva", "avevamo", "avevate", "avevano", "ebbi",
    "avesti", "ebbe", "avemmo", "aveste", "ebbero", "avessi", "avesse", "avessimo", "avessero", "avendo",
    "avuto", "avuta", "avuti", "avute", "sono", "sei", "è", "siamo", "siete", "sia", "siate", "siano",
    "sarò", "sarai", "sarà", "saremo", "sarete", "saranno", "sarei", "saresti", "sarebbe", "saremmo",
    "sareste", "sarebbero", "ero", "eri", "era", "eravamo", "eravate", "erano", "fui", "fosti", "fu",
    "fummo", "foste", "furono", "fossi", "fosse", "fossimo", "fossero", "essendo", "faccio", "fai",
    "facciamo", "fanno", "faccia", "facciate", "facciano", "farò", "farai", "farà", "faremo", "farete",
    "faranno", "farei", "faresti", "farebbe", "faremmo", "fareste", "farebbero", "facevo", "facevi",
    "faceva", "facevamo", "facevate", "facevano", "feci", "facesti", "fece", "facemmo", "faceste", "fecero",
    "facessi", "facesse", "facessimo", "facessero", "facendo", "sto", "stai", "sta", "stiamo", "stanno",
    "stia", "stiate", "stiano", "starò", "starai", "starà", "staremo", "starete", "staranno", "starei",
    "staresti", "starebbe", "staremmo", "stareste", "starebbero", "stavo", "stavi", "stava", "stavamo",
    "stavate", "stavano", "stetti", "stesti", "stette", "stemmo", "steste", "stettero", "stessi", "stesse",
    "stessimo", "stessero", "stando",
    // chat filler, and words typed without accents or apostrophes
    "e'", "c'è", "ce", "c'e", "cè", "per", "favore", "cortesemente", "gentilmente", "grazie", "ciao",
    "salve", "buongiorno", "buonasera", "buon", "giorno", "scusi", "scusate", "scusa", "senta", "allora",
    "vorrei", "volevo", "voglio", "vorremmo", "posso", "possiamo", "potrei", "può", "puo", "potete",
    "potreste", "sapere", "chiedere", "domanda", "informazione", "informazioni", "info", "devo", "dobbiamo",
    "bisogno", "serve", "servirebbe", "ok", "okay", "sì", "qualcosa", "qualche", "cosa", "dire", "dirmi",
    "mai", "già", "gia", "ancora", "proprio", "oggi", "domani", "adesso", "ora", "molto", "tanto", "poco",
    "modo", "tipo", "bene", "beh", "ehm", "boh", "dunque", "quindi", "comunque", "essere", "avere", "fare",
    "fate", "fa", "fanno", "fare", "avete", "siete",
    // how a question is put in a chat, not what it is about ("anzi prima dammi...", "un momento",
    // "dove siete esattamente?", "intendo per...")
    "anzi", "momento", "attimo", "dammi", "dimmi", "mandami", "esattamente", "precisamente", "intendo",
    "intendevo", "cioè", "cioe", "insomma", "magari", "pure", "invece", "sennò", "senno", "ecco",
    "praticamente", "davvero", "perfavore", "xfavore", "cmq", "nn", "xke", "xché", "qualcuno", "scegliere",
    "vengo", "viene", "sapete", "sai", "sapreste", "dica", "esatto", "chiedo", "chiedevo", "domandavo"};

// Patients' words for what FAQ authors call otherwise. Every entry with the first word
// (stemmed: "closed" is also "close", "closing") is also found by the others, with the same
// weight. Vocabulary, not answers: it works whatever the admins write.
const std::pair<std::string_view, std::string_view> kPatientWords[] = {
    {"practice", "clinic surgery office"},
    {"insurance", "insurer axa allianz generali unisalute unipol poste cigna bupa"},
    {"closed", "shut"},
    {"near", "nearby nearest closest"},
    {"vaccine", "jab jabs shot shots"},
    {"medicine", "meds pills tablets"},
    {"prescription", "meds pills tablets script"},
    {"price", "fee fees charge"},
    {"child", "kid kids son daughter"},
    {"results", "report"},
    {"emergency", "ambulance"},
    {"holidays", "christmas xmas easter ferragosto holiday"},
};

// The same for Italian answers: the author's word, then patients' words for it.
const std::pair<std::string_view, std::string_view> kPatientWordsIt[] = {
    {"studio", "ambulatorio clinica"},
    {"assicurazione", "assicurazioni polizza axa allianz generali unisalute unipol poste"},
    {"chiuso", "chiusi chiusa"},
    {"vicino", "vicini vicinanze"},
    {"vaccino", "vaccini vaccinazione vaccinazioni puntura"},
    {"ricetta", "ricette farmaci medicine"},
    {"prezzo", "costo costa tariffa tariffe"},
    {"bambino", "bambini figlio figlia figli"},
    {"referti", "referto risultati esiti"},
    {"emergenza", "ambulanza"},
};

// Markup pasted or typed into a message ("<b>parking</b>") is not words: "b" would find the
// metro's "line B". A '<' that opens no tag ("<3", "a < b") stays.
std::string withoutTags(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        const bool opens = text[i] == '<' && ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
                                              next == '/' || next == '!');
        const auto close = opens ? text.find('>', i + 1) : std::string::npos;
        if (close == std::string::npos || close - i > 200) {
            out += text[i];
            continue;
        }
        out += ' ';
        i = close;
    }
    return out;
}

// Italian elides articles and prepositions into the next word ("l'indirizzo",
// "dell'appuntamento", "c'è"): Xapian keeps such a word whole, so neither "indirizzo" nor the
// stemmer would see it. In the Italian index an apostrophe between letters is a word break
// (the article left alone is a stopword). Straight and curly apostrophes both.
std::string splitElisions(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    auto letter = [](unsigned char c) { return std::isalpha(c) || c >= 0x80; };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool curly = c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' && text[i + 2] == '\x99';
        if ((c == '\'' || c == '`' || curly) && i > 0 && letter(static_cast<unsigned char>(text[i - 1]))) {
            const std::size_t next = curly ? i + 3 : i + 1;
            if (next < text.size() && letter(static_cast<unsigned char>(text[next]))) {
                out += ' ';
                i = next - 1;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

void lowercaseAscii(std::string& text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

// Words as tag phrases are compared: ASCII lowercased, apostrophes dropped ("can't sign in"
// = "cant sign in"), any other ASCII punctuation or space between words; other UTF-8 bytes
// are part of a word.
std::vector<std::string> phraseWords(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\'' || c == '`') continue;
        const bool curly = c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
                           (text[i + 2] == '\x98' || text[i + 2] == '\x99');  // ‘ ’
        if (curly) {
            i += 2;
            continue;
        }
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            word += static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            word += static_cast<char>(c - 'A' + 'a');
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

std::string joinWords(const std::vector<std::string>& words, std::size_t from, std::size_t count) {
    std::string out;
    for (std::size_t i = from; i < from + count; ++i) {
        if (i > from) out += ' ';
        out += words[i];
    }
    return out;
}

// A chat message is short; a longer one is judged by its start, so a pasted essay costs no
// more than a paragraph.
constexpr std::size_t kMaxQueryBytes = 1000;
// Tags of two to this many words are also matched as whole phrases.
constexpr std::size_t kMaxPhraseWords = 6;
const std::string kPhrasePrefix = "XP";

}  // namespace

struct FaqIndex::Backend {
    explicit Backend(const std::string& language) : stemmer(language == "it" ? "italian" : "english") {}
    ::Xapian::WritableDatabase db{std::string(), ::Xapian::DB_BACKEND_INMEMORY};
    ::Xapian::Stem stemmer;
    ::Xapian::SimpleStopper stopper;
    // Stopwords as the parser leaves them in a query of nothing else ("Zwhat"); a few are
    // also real words' stems ("where's" -> "Zwhere"), which the index does have.
    std::set<std::string> stopTerms;
    std::map<std::string, std::vector<std::string>> patientTerms;  // author's term -> patients' terms
    std::set<std::string> phrases;                                   // multi-word tags, as phraseWords joined
    std::vector<std::pair<std::string, ::Xapian::termcount>> words;  // unstemmed words indexed, with frequency

    std::string zterm(const std::string& word) const {
        std::string term = "Z";
        term += stemmer(word);
        return term;
    }

    bool known(const std::string& word) const { return db.term_exists(word) || db.term_exists(zterm(word)); }

    // A word the FAQ never uses, one slip away from a word it does ("tmes", "wher"), becomes
    // that word: the most frequent when several are that close.
    std::string mendTypos(const std::string& text) const {
        std::string out;
        std::size_t i = 0;
        while (i < text.size()) {
            if (!isLetter(text[i])) {
                out += text[i++];
                continue;
            }
            std::size_t end = i;
            while (end < text.size() && isLetter(text[end])) ++end;
            std::string word = text.substr(i, end - i);
            // A following non-ASCII byte means the word goes on in letters this does not mend.
            const bool whole = end == text.size() || static_cast<unsigned char>(text[end]) < 0x80;
            if (whole && word.size() >= kMinTypoWord && !stopper(word) && !known(word)) word = closestWord(word);
            out += word;
            i = end;
        }
        return out;
    }

    std::string closestWord(const std::string& word) const {
        const std::string* best = nullptr;
        ::Xapian::termcount bestFreq = 0;
        for (const auto& [candidate, freq] : words)
            if (freq > bestFreq && isSlipOf(word, candidate)) {
                best = &candidate;
                bestFreq = freq;
            }
        return best ? *best : word;
    }

    static constexpr std::size_t kMinTypoWord = 4;  // shorter words have too many neighbours

    static bool isLetter(char c) { return (c >= 'a' && c <= 'z') || c == '\''; }

    // The typo is the word with one letter dropped ("tmes", "parkin") or two neighbours
    // swapped ("pakring"). A changed or added letter is not mended: it too often turns one
    // real word into another ("massage" is not "message", "tall" is not "call").
    static bool isSlipOf(const std::string& typo, const std::string& word) {
        std::size_t p = 0;
        while (p < typo.size() && p < word.size() && typo[p] == word[p]) ++p;
        if (word.size() == typo.size() + 1) return typo.compare(p, std::string::npos, word, p + 1) == 0;
        if (word.size() != typo.size() || p + 1 >= typo.size()) return false;
        return typo[p] == word[p + 1] && typo[p + 1] == word[p] &&
               typo.compare(p + 2, std::string::npos, word, p + 2) == 0;
    }

    // The tags of two or more words the text contains, as phrase terms.
    std::vector<::Xapian::Query> phraseQueries(const std::string& text) const {
        std::vector<::Xapian::Query> out;
        const auto w = phraseWords(text);
        std::set<std::string> seen;
        for (std::size_t n = 2; n <= kMaxPhraseWords && n <= w.size(); ++n)
            for (std::size_t i = 0; i + n <= w.size(); ++i) {
                auto key = joinWords(w, i, n);
                if (phrases.count(key) && seen.insert(key).second) out.emplace_back(kPhrasePrefix + key);
            }
        return out;
    }
};

FaqIndex::FaqIndex(std::vector<FaqEntry> entries, double scoreFloor, std::string language)
    : language_(language == "it" ? "it" : "en"),
      entries_(std::move(entries)),
      floor_(scoreFloor),
      backend_(std::make_unique<Backend>(language_)) {
    for (const auto& e : entries_)
        for (auto& c : engine::publishedContacts(e.answer)) contacts_.push_back(std::move(c));
    auto& x = *backend_;
    const bool italian = language_ == "it";
    auto addStopword = [&x](std::string_view word) {
        const std::string w(word);
        x.stopper.add(w);
        x.stopTerms.insert(w);
        x.stopTerms.insert(x.zterm(w));
    };
    if (italian)
        for (auto word : kStopwordsIt) addStopword(word);
    else
        for (auto word : kStopwords) addStopword(word);
    using Table = std::span<const std::pair<std::string_view, std::string_view>>;
    const Table patientWords = italian ? Table(kPatientWordsIt) : Table(kPatientWords);
    for (const auto& [author, patients] : patientWords) {
        const std::string key = x.zterm(std::string(author));
        for (const auto& word : phraseWords(patients)) x.patientTerms[key].push_back(x.zterm(word));
    }

    ::Xapian::TermGenerator generator;
    generator.set_stemmer(x.stemmer);
    generator.set_stemming_strategy(::Xapian::TermGenerator::STEM_SOME);
    generator.set_stopper(&x.stopper);
    // Stopwords are not indexed at all. The parser keeps them in a query made of nothing
    // else ("how are you", "yes", "and"), which must then find nothing, not the entry that
    // happens to use "how" and "you" most.
    generator.set_stopper_strategy(::Xapian::TermGenerator::STOP_ALL);
    for (const auto& entry : entries_) {
        ::Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text_without_positions(italian ? splitElisions(entry.question) : entry.question, 3);
        generator.index_text_without_positions(italian ? splitElisions(entry.tags) : entry.tags, 2);
        generator.index_text_without_positions(italian ? splitElisions(entry.answer) : entry.answer, 1);
        std::map<std::string, ::Xapian::termcount> extra;  // a term two rows give counts once
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            auto found = x.patientTerms.find(*t);
            if (found == x.patientTerms.end()) continue;
            for (const auto& term : found->second) extra[term] = std::max(extra[term], t.get_wdf());
        }
        std::string_view tags = entry.tags;
        while (!tags.empty()) {
            const auto comma = std::min(tags.find(','), tags.size());
            const auto w = phraseWords(tags.substr(0, comma));
            tags.remove_prefix(std::min(comma + 1, tags.size()));
            if (w.size() < 2 || w.size() > kMaxPhraseWords) continue;
            auto key = joinWords(w, 0, w.size());
            if (key.size() > 200) continue;  // Xapian's terms stop at 245 bytes
            extra[kPhrasePrefix + key] = 2;
            x.phrases.insert(std::move(key));
        }
        for (const auto& [term, wdf] : extra) doc.add_term(term, wdf);
        x.db.add_document(doc);
    }
    for (auto t = x.db.allterms_begin(); t != x.db.allterms_end(); ++t) {
        const std::string& term = *t;
        const bool word = std::all_of(term.begin(), term.end(), Backend::isLetter);
        if (word && term.size() >= Backend::kMinTypoWord) x.words.emplace_back(term, x.db.get_collection_freq(term));
    }
}

FaqIndex::~FaqIndex() = default;

std::vector<FaqHit> FaqIndex::search(const std::string& text, std::size_t k) const {
    std::vector<FaqHit> hits;
    if (k == 0 || entries_.empty()) return hits;
    std::string query = withoutTags(text.substr(0, kMaxQueryBytes));
    if (language_ == "it") query = splitElisions(query);
    lowercaseAscii(query);

    std::lock_guard lock(mutex_);
    auto& x = *backend_;
    query = x.mendTypos(query);
    ::Xapian::QueryParser parser;
    parser.set_database(x.db);
    parser.set_stemmer(x.stemmer);
    parser.set_stemming_strategy(::Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(&x.stopper);
    parser.set_default_op(::Xapian::Query::OP_OR);
    ::Xapian::Query wordQuery;
    try {
        wordQuery = parser.parse_query(query, 0);  // no operators, no spelling correction
    } catch (const ::Xapian::QueryParserError&) {
        return hits;
    }
    auto parts = x.phraseQueries(query);
    if (wordQuery.empty() && parts.empty()) return hits;
    parts.push_back(wordQuery);
    const ::Xapian::Query full(::Xapian::Query::OP_OR, parts.begin(), parts.end());

    ::Xapian::Enquire enquire(x.db);
    enquire.set_weighting_scheme(::Xapian::BM25Weight());
    enquire.set_query(full);
    const auto mset = enquire.get_mset(0, static_cast<::Xapian::doccount>(k));

    // The score: how much of what the query says the entry contains. Each word counts by its
    // inverse document frequency, highest for a word no entry uses (what the FAQ cannot
    // answer: "wifi", "tattoo"). A query of stopwords only scores, 1, on an entry one of
    // whose tag phrases it contains ("what can you do").
    const double n = x.db.get_doccount();
    std::map<std::string, double> informative;
    double total = 0.0;
    for (auto t = wordQuery.get_unique_terms_begin(); t != wordQuery.get_unique_terms_end(); ++t) {
        const auto df = x.db.get_termfreq(*t);
        if (df == 0 && x.stopTerms.count(*t)) continue;  // never indexed: left by the parser
        const double idf = std::log((n + 1.0) / (df + 0.5));
        informative[*t] = idf;
        total += idf;
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        double covered = 0.0;
        bool phrase = false;
        for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
            const auto found = informative.find(*t);
            if (found != informative.end()) covered += found->second;
            phrase = phrase || (*t).rfind(kPhrasePrefix, 0) == 0;
        }
        // A whole tag phrase of the entry ("numero di telefono", "a chi mi rivolgo") said in the
        // question is strong evidence beside words the chat adds around it ("anzi prima dammi il
        // numero di telefono dello studio che lo passo a mia madre").
        const double score =
            total > 0 ? std::min(1.0, covered / total + (phrase ? kPhraseBonus : 0.0)) : (phrase ? 1.0 : 0.0);
        const auto& entry = entries_[*it - 1];
        hits.push_back(FaqHit{entry.id, entry.question, entry.answer, score, it.get_weight()});
    }
    return hits;
}

std::optional<FaqHit> FaqIndex::best(const std::string& text) const {
    auto hits = search(text, 1);
    std::optional<FaqHit> found;
    if (!hits.empty()) found = std::move(hits.front());
    // "Where exactly are you? I only have your old leaflet and it doesn't show the street": the
    // question is often one sentence among others that tell why; each is also asked on its own.
    std::size_t from = 0, sentences = 0;
    std::vector<std::string> parts;
    std::vector<bool> asked;  // the part ends with a question mark
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '?' && text[i] != '!' && text[i] != '.' && text[i] != '\n') continue;
        if (i > from) {
            parts.push_back(text.substr(from, i - from));
            asked.push_back(i < text.size() && text[i] == '?');
        }
        from = i + 1;
    }
    for (const auto& part : parts)
        if (part.find_first_not_of(" \t") != std::string::npos) ++sentences;
    if (sentences > 1 || !found || found->score < floor_) {
        // The sentence asked as a question answers first ("what's your address exactly? I've
        // never been" is about the address, whatever the other words add to the whole).
        std::optional<FaqHit> question;
        for (std::size_t k = 0; k < parts.size(); ++k) {
            auto own = search(parts[k], 1);
            // "wait before I pick anything, what's your address exactly?": when the whole
            // sentence finds nothing, its last clause is the question, asked on its own.
            if (own.empty() || own.front().score < floor_) {
                const auto comma = parts[k].rfind(',');
                const std::string clause = comma == std::string::npos ? std::string() : parts[k].substr(comma + 1);
                if (std::count(clause.begin(), clause.end(), ' ') >= 3) {
                    auto inClause = search(clause, 1);
                    if (!inClause.empty() && (own.empty() || inClause.front().score > own.front().score))
                        own = std::move(inClause);
                }
            }
            if (own.empty()) continue;
            if (asked[k] && own.front().score >= floor_ && (!question || own.front().score > question->score))
                question = own.front();
            if (!found || own.front().score > found->score) found = std::move(own.front());
        }
        if (question) found = std::move(question);
    }
    if (!found || found->score < floor_) return std::nullopt;
    return found;
}

FaqKnowledge::FaqKnowledge(std::vector<FaqEntry> entries) { replace(std::move(entries)); }

void FaqKnowledge::replace(std::vector<FaqEntry> entries) {
    std::map<std::string, std::vector<FaqEntry>> byLanguage;
    byLanguage["en"] = std::move(entries);
    replace(std::move(byLanguage));
}

void FaqKnowledge::replace(std::map<std::string, std::vector<FaqEntry>> byLanguage) {
    Indexes built;
    byLanguage.try_emplace("en");  // current() falls back to English: it always exists
    for (auto& [language, entries] : byLanguage)
        built.emplace(language, std::make_shared<const FaqIndex>(std::move(entries), FaqIndex::kScoreFloor, language));
    auto next = std::make_shared<const Indexes>(std::move(built));
    std::lock_guard lock(mutex_);
    indexes_.swap(next);
}  // the old indexes are released after the lock, or later by the last reader holding them

std::shared_ptr<const FaqKnowledge::Indexes> FaqKnowledge::all() const {
    std::lock_guard lock(mutex_);
    return indexes_;
}

std::shared_ptr<const FaqIndex> FaqKnowledge::current(const std::string& language) const {
    const auto indexes = all();
    auto it = indexes->find(language);
    return it != indexes->end() ? it->second : indexes->at("en");
}

std::optional<FaqHit> FaqKnowledge::best(const std::string& text, const std::string& preferred) const {
    const auto indexes = all();
    std::optional<FaqHit> found;
    for (const auto& [language, index] : *indexes) {
        auto hit = index->best(text);
        if (!hit) continue;
        hit->language = language;
        // The reply's own language answers when it can: another language's words may match an
        // English sentence by chance ("wait before I pick anything, what's your address?"
        // scored an Italian entry higher); it answers only when the reply's has nothing.
        const bool preferredFound = found && found->language == preferred;
        const bool better = !found || (language == preferred && !preferredFound) ||
                            (!preferredFound && hit->score > found->score + 1e-9) ||
                            (language == preferred && hit->score > found->score + 1e-9);
        if (better) found = std::move(hit);
    }
    return found;
}

std::vector<std::string> FaqKnowledge::publishedContacts() const {
    std::vector<std::string> out;
    for (const auto& [language, index] : *all())
        for (const auto& c : index->publishedContacts())
            if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    return out;
}

}  // namespace medassist::assistant::engine
