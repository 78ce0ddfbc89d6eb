#pragma once
// Answers to questions about the practice (hours, parking, insurance, preparation,
// prescriptions...) from the FAQ admins edit at /admin/faq, ranked by Xapian: BM25 over an
// in-memory index with English stemming and stopwords. Pure: entries come in as values (the
// FAQ table is read by assistant/faq_source.hpp, outside the engine); no I/O.
//
// What is indexed: each entry's question (weight x3), tags (x2: admins put synonyms there)
// and answer (x1). A tag of several words ("out of hours", "sign up", "what can you do") is
// also one term of its own, so a message containing the whole phrase ranks that entry first.
// A few words patients use and FAQ authors rarely do ("jab", "meds", "clinic", "AXA") are
// added to every entry that has the author's word ("vaccine", "medicine", "practice",
// "insurance"): a small table of vocabulary in faq_index.cpp, not of answers, so it keeps
// working whatever the admins write.
//
// How a message is read: markup tags dropped ("<b>parking</b>"); ASCII letters lowercased (the parser would leave capitalised words
// unstemmed, and patients capitalise at random); parsed with no boolean, phrase, wildcard or
// love/hate syntax and no spelling correction, so any text is a plain OR of its words and
// nothing typed is an operator or an error. Stopwords include chat filler ("please", "can",
// "need", "get") but not the question words that pick an entry here ("where", "when",
// "much", "out"); a message of stopwords only finds nothing. A word no entry uses that is one
// dropped letter or one swap away from a word some entry does ("tmes", "wher") is read as
// that word. Only the first 1000 bytes count.
//
// Scores: `score` (0..1) is how much of the message the entry explains: the share of the
// message's words, each weighted by its inverse document frequency, that the entry contains.
// A word no entry uses weighs most, so "what's the wifi password" scores 0.43 on the
// password entry: it explains "password" but not "wifi". (Xapian's own percentage counts
// words without weights, and "where can I park" and "can I bring my dog" both get 50 from
// it; on the labelled questions no floor on it reached 90% of right answers above it with
// 90% of unanswerable ones below.) `bm25` is the BM25 weight that ranks the hits; it is only
// comparable within one message.
//
// Thread safety: a Xapian database, and the stemmer and stopper it is queried with, may not
// be used by two threads at once, and an in-memory database cannot be opened again per
// thread. So each index guards its Xapian objects with one mutex: search() and best() are
// const and may be called from any number of threads, which take turns (one search over a
// few dozen entries takes tens of microseconds). The entries never change after construction:
// to change them, build a new index (FaqKnowledge swaps it in).
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace medassist::assistant::engine {

struct FaqEntry {
    std::int64_t id = 0;
    std::string question, answer, tags;  // tags: comma-separated keywords and synonyms
};

struct FaqHit {
    std::int64_t id = 0;
    std::string question, answer;
    double score = 0.0;  // 0..1: how much of the message this entry explains (see above)
    double bm25 = 0.0;   // the BM25 weight the hits are ranked by
    std::string language = "en";  // of the index that found it (FaqKnowledge::best)
};

class FaqIndex {
public:
    // Below this score the best hit is no answer: the assistant says it does not know and
    // offers to leave a message for staff. Chosen on tests/unit/assistant_faq/
    // faq_questions.tsv (121 patient phrasings of the 33 seed entries, 40 questions they do
    // not answer): a message the best entry explains by one word the FAQ knows next to one
    // it has never seen scores about 0.43 ("wifi password" as much as "gdpr compliant") and
    // is turned down; one it half explains (0.5: "where can I get my report") is answered.
    // There: top-1 91.7%, right and above the floor 86.0%, unanswerable below it 95%; on
    // faq_heldout.tsv, never tuned on: 82.6%, 71.7%, 90% (the unit test prints them).
    static constexpr double kScoreFloor = 0.48;

    // language: "en" (English stemmer and stopwords) or "it" (Italian); any other is read
    // as English.
    explicit FaqIndex(std::vector<FaqEntry> entries, double scoreFloor = kScoreFloor, std::string language = "en");
    ~FaqIndex();
    FaqIndex(const FaqIndex&) = delete;
    FaqIndex& operator=(const FaqIndex&) = delete;

    // The k best entries for the text by BM25, best first, whatever their score; none for
    // an empty index or a text of only stopwords and words no entry uses.
    std::vector<FaqHit> search(const std::string& text, std::size_t k = 3) const;
    // The best entry when its score reaches the floor; nullopt: "I don't know".
    std::optional<FaqHit> best(const std::string& text) const;

    std::size_t size() const { return entries_.size(); }
    // Every email and phone number the answers publish (guards.hpp publishedContacts), found
    // once when the index is built: the output guard lets them through.
    const std::vector<std::string>& publishedContacts() const { return contacts_; }
    double scoreFloor() const { return floor_; }
    const std::string& language() const { return language_; }

private:
    struct Backend;  // the Xapian database and what reads it
    std::string language_;
    std::vector<FaqEntry> entries_;  // docid i + 1 is entries_[i]
    std::vector<std::string> contacts_;
    double floor_;
    mutable std::mutex mutex_;  // guards *backend_ (see the note on thread safety above)
    std::unique_ptr<Backend> backend_;
};

// The FAQ the assistant answers from, replaced as a whole when admins edit it. Any number of
// threads may call current() while another calls replace(): readers keep the index they got
// until they drop it, and the next current() returns the new one.
//
// One index per language (issue 17): the entries in the practice's source language ("en")
// and, for each other language, the entries' versions in it. A question is looked up in
// every language's index and answered from the entry that explains most of it, so an Italian
// question finds the Italian version (Italian stemming) and an entry no admin translated is
// still found, in English, when the English words match.
class FaqKnowledge {
public:
    explicit FaqKnowledge(std::vector<FaqEntry> entries = {});

    // Builds the new indexes first (outside the lock), then swaps them in. The first form
    // replaces everything with English entries only.
    void replace(std::vector<FaqEntry> entries);
    void replace(std::map<std::string, std::vector<FaqEntry>> byLanguage);
    // The language's index, or the English one when there is none for it.
    std::shared_ptr<const FaqIndex> current(const std::string& language = "en") const;

    // The best answer above its index's floor over every language; on equal scores the one
    // in preferred (the turn's language) wins. nullopt: "I don't know".
    std::optional<FaqHit> best(const std::string& text, const std::string& preferred = "en") const;
    // Every email and phone number any language's answers publish.
    std::vector<std::string> publishedContacts() const;

private:
    using Indexes = std::map<std::string, std::shared_ptr<const FaqIndex>>;
    std::shared_ptr<const Indexes> all() const;
    // std::atomic<std::shared_ptr> is C++20 but not in GCC 12's library: a mutex around the
    // copy does the same.
    mutable std::mutex mutex_;
    std::shared_ptr<const Indexes> indexes_;
};

}  // namespace medassist::assistant::engine
