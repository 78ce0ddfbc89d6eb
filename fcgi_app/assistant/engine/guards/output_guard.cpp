// The output guard, one pass (guards.hpp, guardOutput(), repeats it): what a reply may not
// carry, cut from it as it was written. Emails and phone numbers that are not the practice's,
// dates of birth, and names that are not on the allow list (the subject's first name, the
// doctors' public names).
#include "assistant/engine/guards/detail.hpp"

namespace medassist::assistant::engine::guards::detail {

OutputCheck guardOutputOnce(const std::string& reply, const GuardContext& ctx) {
    const text::Folded f = text::fold(reply);
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

}  // namespace medassist::assistant::engine::guards::detail
