// medassist-nlu-train: builds the assistant's intent model from data/intents/<intent>.txt,
// at build time (CMake target nlu_model). Deterministic by construction: the examples are
// read in a fixed order (files sorted by name, lines in file order), shuffled with a fixed
// seed by our own Fisher-Yates over std::mt19937 (whose output the standard fixes), and
// fastText trains on one thread with a fixed seed, so two builds write the same bytes.
//
//   medassist-nlu-train INTENTS_DIR MODEL_OUT        train and write the model
//   medassist-nlu-train --cv K INTENTS_DIR           K-fold cross-validation on the training
//                                                    data, per confidence floor: how the
//                                                    floor is chosen (never on heldout.tsv)
//   medassist-nlu-train --expand INTENTS_DIR         print every example, generated ones too
//   --show-errors (before --cv)                      list each misclassified line too
//   --set NAME=VALUE (before the rest)               override a hyperparameter, for trials:
//                                                    dim epoch lr bucket wordNgrams minn maxn
//                                                    seed loss (ova or softmax) typoCopies
#include <fasttext/fasttext.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "assistant/engine/text_normalize.hpp"

namespace fs = std::filesystem;
using medassist::assistant::engine::normalizeText;

namespace {

constexpr std::uint32_t kShuffleSeed = 20240611;
const std::string kOutOfScope = "out_of_scope";
const std::set<std::string> kScheduling = {"book_appointment", "cancel_appointment", "reschedule_appointment"};

struct Hyper {
    int dim = 32;
    int epoch = 40;
    double lr = 0.5;
    int bucket = 20000;  // (words + buckets) x dim x 4 bytes: keeps the model near 3 MB
    int wordNgrams = 2;
    int minn = 2;
    int maxn = 5;
    int seed = 42;
    // One-vs-all: each intent scores on its own sigmoid, so a message unlike every intent
    // scores low everywhere and the confidence floor can catch it; softmax would hand
    // all of its probability to some intent anyway. Chosen by cross-validation.
    fasttext::loss_name loss = fasttext::loss_name::ova;
    // Each line is also taught once with a typo (see withTypo): people type in a hurry.
    // Chosen on hand-written dev sets of misspelt messages, never on heldout.tsv.
    int typoCopies = 1;
};

struct Example {
    std::string intent;
    std::string text;  // normalized
};

// Strings built by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + temporary.
template <class... Parts>
std::string cat(const Parts&... parts) {
    std::string s;
    ((s += parts), ...);
    return s;
}

bool validIntentName(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

std::vector<Example> readIntents(const fs::path& dir) {
    if (!fs::is_directory(dir)) throw std::runtime_error(cat("no intents directory at ", dir.string()));
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Example> out;
    std::map<std::string, std::string> seen;  // normalized text -> intent
    for (const auto& f : files) {
        const std::string intent = f.stem().string();
        if (!validIntentName(intent)) throw std::runtime_error(cat("bad intent file name ", f.string()));
        std::ifstream in(f, std::ios::binary);
        if (!in) throw std::runtime_error(cat("cannot read ", f.string()));
        std::string line;
        int lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            const auto first = line.find_first_not_of(" \t\r");
            if (first == std::string::npos || line[first] == '#') continue;
            std::string text = normalizeText(line);
            if (text.empty()) continue;
            auto [it, inserted] = seen.emplace(text, intent);
            if (!inserted) {
                if (it->second != intent) {
                    throw std::runtime_error(cat(f.string(), ":", std::to_string(lineNo), ": \"", text,
                                                 "\" is also labelled ", it->second));
                }
                continue;  // the same sentence twice in one intent: once is enough
            }
            out.push_back({intent, std::move(text)});
        }
    }
    if (out.empty()) throw std::runtime_error(cat("no examples under ", dir.string()));
    return out;
}


// ---------------------------------------------------------------------------------------
// The generator (data/generator/, beside data/intents/): lexicons of phrases and templates
// that name them, so the model sees how many people talk and not one writer's style:
//   lexicon/NAME.txt      one phrase per line ("book me", "can you find me", "my son")
//   templates/INTENT.txt  one template per line: words and {NAME} slots; {NAME?} is left
//                         empty half of the time
// Each template is expanded kExpansionsPerTemplate times with a seeded generator (distinct
// sentences only), at most kMaxGeneratedPerIntent per intent. Deterministic like the rest.
// A generated sentence that a hand-written line already labels (under any intent) is left
// out: the hand-written line wins.
constexpr int kExpansionsPerTemplate = 6;
constexpr std::size_t kMaxGeneratedPerIntent = 700;
constexpr std::uint32_t kGeneratorSeed = 20261206;

std::vector<std::string> readLines(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw std::runtime_error(cat("cannot read ", f.string()));
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        out.push_back(line);
    }
    return out;
}

std::string tidy(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        if ((c == ',' || c == '?' || c == '.' || c == '!') && !out.empty() && out.back() == ' ') out.pop_back();
        out += c;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
    while (!out.empty() && (out.front() == ' ' || out.front() == ',')) out.erase(0, 1);
    return out;
}

std::string expand(const std::string& tpl, const std::map<std::string, std::vector<std::string>>& lexicons,
                   std::mt19937& rng, const std::string& where) {
    std::string out;
    for (std::size_t i = 0; i < tpl.size();) {
        if (tpl[i] != '{') {
            out += tpl[i++];
            continue;
        }
        const auto close = tpl.find('}', i);
        if (close == std::string::npos) throw std::runtime_error(cat(where, ": '{' without '}'"));
        std::string name = tpl.substr(i + 1, close - i - 1);
        i = close + 1;
        const bool optional = !name.empty() && name.back() == '?';
        if (optional) name.pop_back();
        const auto it = lexicons.find(name);
        if (it == lexicons.end() || it->second.empty()) throw std::runtime_error(cat(where, ": no lexicon ", name));
        const std::uint32_t pick = rng();
        if (optional && pick % 2 == 0) continue;
        out += it->second[(pick / 2) % it->second.size()];
    }
    return tidy(out);
}

std::vector<Example> generate(const fs::path& dir, const std::map<std::string, std::string>& handWritten) {
    std::vector<Example> out;
    if (!fs::is_directory(dir / "templates")) return out;
    std::map<std::string, std::vector<std::string>> lexicons;
    if (fs::is_directory(dir / "lexicon"))
        for (const auto& e : fs::directory_iterator(dir / "lexicon"))
            if (e.is_regular_file() && e.path().extension() == ".txt") lexicons[e.path().stem().string()] = readLines(e.path());
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir / "templates"))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::mt19937 rng(kGeneratorSeed);
    std::map<std::string, std::string> generated;  // normalized text -> intent
    for (const auto& f : files) {
        const std::string intent = f.stem().string();
        if (!validIntentName(intent)) throw std::runtime_error(cat("bad template file name ", f.string()));
        std::size_t count = 0;
        const auto templates = readLines(f);
        for (std::size_t t = 0; t < templates.size() && count < kMaxGeneratedPerIntent; ++t) {
            const std::string where = cat(f.string(), ": template ", std::to_string(t + 1));
            int made = 0;
            for (int k = 0; k < kExpansionsPerTemplate * 3 && made < kExpansionsPerTemplate &&
                            count < kMaxGeneratedPerIntent;
                 ++k) {
                std::string text = normalizeText(expand(templates[t], lexicons, rng, where));
                if (text.empty() || handWritten.count(text)) continue;
                if (!generated.emplace(text, intent).second) continue;
                out.push_back({intent, std::move(text)});
                ++made;
                ++count;
            }
        }
    }
    // A sentence two intents' templates both made is no example of either.
    std::map<std::string, std::set<std::string>> labels;
    for (const auto& e : out) labels[e.text].insert(e.intent);
    out.erase(std::remove_if(out.begin(), out.end(), [&](const Example& e) { return labels[e.text].size() > 1; }),
              out.end());
    return out;
}

// The hand-written lines of INTENTS_DIR, then what the generator beside it makes.
std::vector<Example> readTrainingData(const fs::path& dir) {
    auto examples = readIntents(dir);
    std::map<std::string, std::string> handWritten;
    for (const auto& e : examples) handWritten.emplace(e.text, e.intent);
    for (auto& e : generate(dir.parent_path() / "generator", handWritten)) examples.push_back(std::move(e));
    return examples;
}

void shuffle(std::vector<Example>& v, std::uint32_t seed) {
    std::mt19937 rng(seed);
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}

void writeTrainingFile(const std::vector<Example>& v, const fs::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const auto& e : v) out << "__label__" << e.intent << ' ' << e.text << '\n';
    out.close();
    if (!out) throw std::runtime_error(cat("cannot write ", file.string()));
}

fasttext::Args makeArgs(const Hyper& h, const fs::path& input) {
    fasttext::Args a;
    a.input = input.string();
    a.model = fasttext::model_name::sup;
    a.loss = h.loss;
    a.dim = h.dim;
    a.epoch = h.epoch;
    a.lr = h.lr;
    a.lrUpdateRate = 100;
    a.wordNgrams = h.wordNgrams;
    a.minn = h.minn;
    a.maxn = h.maxn;
    a.bucket = h.bucket;
    a.minCount = 1;
    a.minCountLabel = 0;
    a.neg = 5;
    a.ws = 5;
    a.t = 1e-4;
    a.thread = 1;
    a.seed = h.seed;
    a.verbose = 0;
    return a;
}

// People type with and without punctuation: each example that has some is also taught
// without it, so "cancel my appointment." and "cancel my appointment" look alike to the
// model. Apostrophes are already gone (normalizeText).
std::vector<Example> withPunctuationVariants(const std::vector<Example>& examples) {
    std::vector<Example> out;
    out.reserve(examples.size() * 2);
    for (const auto& e : examples) {
        out.push_back(e);
        std::istringstream in(e.text);
        std::string token, bare;
        while (in >> token) {
            const bool punct = token.size() == 1 && !std::isalnum(static_cast<unsigned char>(token[0])) &&
                               static_cast<unsigned char>(token[0]) < 0x80;
            if (punct) continue;
            if (!bare.empty()) bare += ' ';
            bare += token;
        }
        if (!bare.empty() && bare != e.text) out.push_back({e.intent, bare});
    }
    return out;
}

// A copy of a line with one slip of the keyboard in one word of four letters or more: two
// neighbouring letters swapped, one dropped or one doubled. Seeded, so still deterministic.
std::string withTypo(const std::string& text, std::mt19937& rng) {
    std::vector<std::pair<std::size_t, std::size_t>> words;  // [begin, end) of long words
    for (std::size_t i = 0; i < text.size();) {
        const auto end = std::min(text.find(' ', i), text.size());
        if (end - i >= 4) words.emplace_back(i, end);
        i = end + 1;
    }
    if (words.empty()) return text;
    const auto [b, e] = words[rng() % words.size()];
    const std::size_t at = b + 1 + rng() % (e - b - 2);  // never the first letter
    std::string out = text;
    switch (rng() % 3) {
        case 0: std::swap(out[at], out[at + 1]); break;
        case 1: out.erase(at, 1); break;
        default: out.insert(at, 1, out[at]); break;
    }
    return out;
}

void train(fasttext::FastText& ft, const std::vector<Example>& examples, const Hyper& h, const fs::path& trainFile) {
    std::vector<Example> order = withPunctuationVariants(examples);
    if (h.typoCopies > 0) {
        std::mt19937 rng(kShuffleSeed + 1);
        const std::size_t n = order.size();
        for (int c = 0; c < h.typoCopies; ++c)
            for (std::size_t i = 0; i < n; ++i) {
                std::string typo = withTypo(order[i].text, rng);
                if (typo != order[i].text) order.push_back({order[i].intent, std::move(typo)});
            }
    }
    shuffle(order, kShuffleSeed);
    writeTrainingFile(order, trainFile);
    ft.train(makeArgs(h, trainFile));
}

std::pair<std::string, double> predict(const fasttext::FastText& ft, const std::string& normalized) {
    std::istringstream in(normalized + "\n");
    std::vector<std::pair<fasttext::real, std::string>> preds;
    ft.predictLine(in, preds, 1, 0.0);
    if (preds.empty()) return {kOutOfScope, 0.0};
    std::string label = preds[0].second;
    if (label.rfind("__label__", 0) == 0) label.erase(0, 9);
    return {label, static_cast<double>(preds[0].first)};
}

int crossValidate(const std::vector<Example>& examples, const Hyper& h, int k, bool showErrors) {
    // Folds are taken per intent (every k-th line of each intent), so each fold holds every
    // intent in proportion.
    std::map<std::string, int> counter;
    std::vector<int> fold(examples.size());
    for (std::size_t i = 0; i < examples.size(); ++i) fold[i] = counter[examples[i].intent]++ % k;

    struct Scored {
        std::string gold, predicted;
        double confidence;
    };
    std::vector<Scored> scored;
    const fs::path tmp = fs::temp_directory_path() / cat("medassist-nlu-cv-", std::to_string(::getpid()));
    fs::create_directories(tmp);
    for (int f = 0; f < k; ++f) {
        std::vector<Example> trainSet, testSet;
        for (std::size_t i = 0; i < examples.size(); ++i) (fold[i] == f ? testSet : trainSet).push_back(examples[i]);
        fasttext::FastText ft;
        train(ft, trainSet, h, tmp / "fold.txt");
        for (const auto& e : testSet) {
            auto [label, conf] = predict(ft, e.text);
            scored.push_back({e.intent, label, conf});
            if (showErrors && label != e.intent)
                std::cout << "  " << e.intent << " -> " << label << " " << std::fixed << std::setprecision(2) << conf
                          << "  " << e.text << "\n";
        }
    }
    fs::remove_all(tmp);

    std::cout << k << "-fold cross-validation on " << examples.size() << " examples\n";
    std::map<std::string, std::pair<int, int>> perIntent;  // gold -> (right at floor 0, total)
    for (const auto& s : scored) {
        auto& p = perIntent[s.gold];
        p.second++;
        if (s.predicted == s.gold) p.first++;
    }
    for (const auto& [intent, p] : perIntent)
        std::cout << "  " << std::left << std::setw(24) << intent << std::right << std::setw(4) << p.first << "/"
                  << p.second << "\n";
    std::cout << "\n  floor  in-scope-acc  oos-recall  sched-on-oos  (confidences below the floor -> out_of_scope)\n";
    double bestScore = -1, bestFloor = 0;
    const double floors[] = {0.0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35,
                             0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9};
    for (const double floor : floors) {
        int inScope = 0, inRight = 0, oos = 0, oosRight = 0, schedOnOos = 0;
        for (const auto& s : scored) {
            const std::string label = s.confidence < floor ? kOutOfScope : s.predicted;
            if (s.gold == kOutOfScope) {
                ++oos;
                if (label == kOutOfScope) ++oosRight;
                if (kScheduling.count(label)) ++schedOnOos;
            } else {
                ++inScope;
                if (label == s.gold) ++inRight;
            }
        }
        const double acc = inScope ? double(inRight) / inScope : 0, rec = oos ? double(oosRight) / oos : 0;
        std::cout << "  " << std::fixed << std::setprecision(3) << floor << "  " << std::setprecision(4) << acc
                  << "        " << rec << "      " << schedOnOos << "\n";
        // The floor that makes the fewest mistakes overall, out-of-scope errors weighing as
        // much as in-scope ones; a scheduling intent on an out-of-scope line weighs double.
        const double score = acc + rec - 2.0 * schedOnOos / std::max(oos, 1);
        if (score > bestScore + 1e-9) {
            bestScore = score;
            bestFloor = floor;
        }
    }
    std::cout << "\nbest floor by cross-validation: " << std::setprecision(3) << bestFloor << "\n";
    return 0;
}

int usage() {
    std::cerr << "usage: medassist-nlu-train [--set NAME=VALUE]... INTENTS_DIR MODEL_OUT\n"
                 "       medassist-nlu-train [--set NAME=VALUE]... [--show-errors] --cv K INTENTS_DIR\n";
    return 64;
}

void applySetting(Hyper& h, const std::string& kv) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) throw std::runtime_error(cat("--set wants NAME=VALUE, got ", kv));
    const std::string name = kv.substr(0, eq), value = kv.substr(eq + 1);
    if (name == "dim") h.dim = std::stoi(value);
    else if (name == "epoch") h.epoch = std::stoi(value);
    else if (name == "lr") h.lr = std::stod(value);
    else if (name == "bucket") h.bucket = std::stoi(value);
    else if (name == "wordNgrams") h.wordNgrams = std::stoi(value);
    else if (name == "minn") h.minn = std::stoi(value);
    else if (name == "maxn") h.maxn = std::stoi(value);
    else if (name == "seed") h.seed = std::stoi(value);
    else if (name == "typoCopies") h.typoCopies = std::stoi(value);
    else if (name == "loss" && value == "ova") h.loss = fasttext::loss_name::ova;
    else if (name == "loss" && value == "softmax") h.loss = fasttext::loss_name::softmax;
    else throw std::runtime_error(cat("unknown hyperparameter ", name));
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    Hyper h;
    try {
        while (args.size() >= 2 && args[0] == "--set") {
            applySetting(h, args[1]);
            args.erase(args.begin(), args.begin() + 2);
        }
        bool showErrors = false;
        if (!args.empty() && args[0] == "--show-errors") {
            showErrors = true;
            args.erase(args.begin());
        }
        if (args.size() == 3 && args[0] == "--cv") {
            const int k = std::stoi(args[1]);
            if (k < 2) return usage();
            return crossValidate(readTrainingData(args[2]), h, k, showErrors);
        }
        if (args.size() == 2 && args[0] == "--expand") {  // what the generator makes, to read it
            for (const auto& e : readTrainingData(args[1])) std::cout << e.intent << '\t' << e.text << '\n';
            return 0;
        }
        if (args.size() != 2) return usage();
        const auto start = std::chrono::steady_clock::now();
        const auto examples = readTrainingData(args[0]);
        const fs::path out = args[1];
        if (out.has_parent_path()) fs::create_directories(out.parent_path());
        const fs::path trainFile = cat(out.string(), ".train.txt");
        const fs::path tmp = cat(out.string(), ".tmp");
        fasttext::FastText ft;
        train(ft, examples, h, trainFile);
        ft.saveModel(tmp.string());
        fs::rename(tmp, out);  // a reader never sees half a model
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::set<std::string> intents;
        for (const auto& e : examples) intents.insert(e.intent);
        std::cout << "nlu model: " << examples.size() << " examples, " << intents.size() << " intents, "
                  << fs::file_size(out) << " bytes, trained in " << std::fixed << std::setprecision(1) << seconds
                  << " s -> " << out.string() << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "medassist-nlu-train: " << e.what() << "\n";
        return 1;
    }
}
