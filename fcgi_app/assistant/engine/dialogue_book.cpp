// Booking: whom, when, which free slot, why, then a confirmation and the scope's book().
// The slot search and the pick from the offered slots serve rescheduling too (the doctor is
// then the appointment's own).
#include <algorithm>
#include <cstdlib>

#include "assistant/engine/dialogue.hpp"
#include "assistant/engine/text/chars.hpp"

namespace medassist::assistant::engine {

namespace {

constexpr std::size_t kOffers = 3;            // slots offered at once
constexpr int kDefaultDays = 14;              // "earliest": today and the next 13 days
constexpr int kWeekdayDays = 28;              // "on Tuesdays": the next four weeks
constexpr int kAlternativeDays = 14;          // after the wished days, when they hold nothing
constexpr std::size_t kReasonMax = 200;       // bytes of the visit reason


// "no, ...", "actually ...", "make it ...": the patient changes an earlier answer.
bool correctionMarker(const std::string& words) {
    for (const char* p : {"no", "actually", "make it", "instead", "change it", "change to", "change that", "wait",
                          "rather", "sorry", "not"})
        if (hasPhrase(words, p)) return true;
    return false;
}

// How far a minute of the day is from what the patient wished.
int timeDistance(int minute, const TimeConstraint& t, const DateSettings& settings) {
    if (t.exact) return std::abs(minute - *t.exact);
    auto [lo, hi] = dayPartWindow(t.part, settings);
    if (t.after) lo = std::max(lo, *t.after);
    if (t.before) hi = std::min(hi, *t.before);
    if (minute < lo) return lo - minute;
    if (minute >= hi) return minute - hi + 1;
    return 0;
}

// "1st", "the 2nd" as a whole message: a pick when a list is open (the date parser reads
// them as days of the month).

// A weekday said on its own ("Friday", "no, Friday instead"), not "this Friday" or "Friday 13th".
bool bareWeekday(const std::string& words) {
    if (std::any_of(words.begin(), words.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    for (const char* w : {"this", "coming", "today", "tomorrow", "tonight"})
        if (hasPhrase(words, w)) return false;
    return true;
}

}  // namespace

const ScopeDoctor* Dialogue::doctor(std::int64_t id) const {
    for (const auto& d : w_.doctors)
        if (d.id == id) return &d;
    return nullptr;
}

std::string Dialogue::doctorName(std::int64_t id) const {
    const auto* d = doctor(id);
    return d ? d->name : t("the doctor");
}

std::string Dialogue::heldSlotLine(const HeldSlot& s) const {
    return slotLine(w_.lang, w_.zone, s.start, doctorName(s.doctorId), w_.clock.today);
}

std::string Dialogue::whoText() const {
    if (s_.doctorId) return tf("with {1}", {doctorName(*s_.doctorId)});
    if (s_.specialty) {
        std::string name = *s_.specialty;
        for (const auto& d : w_.doctors)
            if (d.specialtySlug == *s_.specialty) name = d.specialtyName;
        return tf("with {1}", {specialistNoun(w_.lang, *s_.specialty, name)});
    }
    return {};
}

bool Dialogue::hasDayWish() const { return s_.from.has_value() || s_.weekday.has_value(); }

bool Dialogue::hasTimeWish() const {
    return s_.time.exact || s_.time.after || s_.time.before || s_.time.part != DayPart::Any;
}

bool Dialogue::fitsTime(std::int64_t start, const TimeConstraint& t) const {
    return timeDistance(w_.zone.minuteOfDay(start), t, w_.settings.dates) == 0;
}

namespace {
// "my son has a fever", "for my daughter", "can he see someone": the visit would be a child's.
bool forAChild(const std::string& words) {
    static const char* kChild[] = {"son", "daughter", "child", "kid", "baby", "boy", "girl", "toddler", "little one",
                                   "newborn", "infant", "children", "kids", "twins"};
    static const char* kAfter[] = {"has", "is", "needs", "need", "s", "got", "can", "could", "should", "keeps",
                                   "seems", "was", "hasnt", "isnt", "wont", "cant", "did", "had", "woke", "feels"};
    for (const char* c : kChild) {
        if (hasPhrase(words, cat("for my ", c).c_str()) || hasPhrase(words, cat("my ", c, "s").c_str())) return true;
        for (const char* a : kAfter)
            if (hasPhrase(words, cat("my ", c, " ", a).c_str())) return true;
    }
    return false;
}
}  // namespace

void Dialogue::startBooking() {
    // A patient signed in as themselves books their own visits: a child's visit is booked in
    // the child's record, through a caregiver's access to it, never under the parent's name.
    if (!w_.voice.caregiver && forAChild(u_.words)) {
        decided("book_appointment");
        s_.clearForm();
        say(w_.settings.practicePhone.empty()
                ? t("In this account I can only book your own appointments. To book for your child, please use the "
                    "caregiver access to their own patient record (a parent can be invited as caregiver from it).")
                : tf("In this account I can only book your own appointments. To book for your child, please use the "
                     "caregiver access to their own patient record (a parent can be invited as caregiver from it), "
                     "or call the practice at {1}.",
                     {w_.settings.practicePhone}));
        return menu();
    }
    // "appuntamento con dottor Greco martedì 10 io non posso, lavoro. possibile giovedì 5?",
    // "I can't make my Thursday with Dr Marino, could I come the week after?": a visit one has,
    // said not to suit, named by its doctor, kind or day: a move, not a second booking.
    bool cannot = false;
    for (const char* cue : {"non posso", "non riesco", "non ce la faccio", "cant make", "cannot make", "cant come",
                            "cannot come", "cant do", "wont make", "unable to make", "not able to come",
                            "cant attend", "cannot attend"})
        cannot = cannot || hasPhrase(u_.words, cue);
    if (cannot && (!u_.entities.doctors.empty() || u_.entities.specialty)) {
        auto all = w_.scope.upcoming();
        bool narrowed = false;
        Entities noWhen = u_.entities;
        noWhen.datetime = {};
        const auto held = resolveAppointments(all, noWhen, u_.words, false, &narrowed);
        if (held.size() == 1 && narrowed) {
            // ... and the message points at that visit: its day or the word for it ("mi serve
            // la dermatologa tra dieci giorni, prima non riesco" is a new booking).
            const LocalDate day = w_.zone.dateOf(held[0].start);
            static const char* kEnglishDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                 "sunday"};
            static const char* kItalianDays[] = {"lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato",
                                                 "domenica"};
            const int wd = isoWeekday(day) - 1;
            const bool pointed = hasPhrase(u_.words, kEnglishDays[wd]) || hasPhrase(u_.words, kItalianDays[wd]) ||
                                 hasPhrase(u_.words, std::to_string(day.day).c_str()) ||
                                 hasPhrase(u_.words, "appuntamento") || hasPhrase(u_.words, "appointment") ||
                                 hasPhrase(u_.words, "my visit") || hasPhrase(u_.words, "la visita");
            if (pointed) return startChange(Form::Reschedule);
        }
    }
    decided("book_appointment");
    // The limit first, before any question about the booking (issue 22).
    if (bookingLimitReached()) return;
    const auto offered = before_.offer == Offer::Book ? before_.offerSpecialty : std::nullopt;
    s_.clearForm();
    s_.form = Form::Book;
    if (offered) s_.specialty = offered;
    const Wish wish = applyWishes(true);
    if (command_ == Command::Asap || hasPhrase(u_.words, "as soon as possible") || hasPhrase(u_.words, "asap") ||
        hasPhrase(u_.words, "earliest") || italianAsap(u_.words)) {
        if (!s_.from) {
            s_.from = w_.clock.today;
            s_.to = addDays(w_.clock.today, kDefaultDays - 1);
        }
    }
    if (wish == Wish::Past) return advanceBooking(t("That day has already passed."));
    advanceBooking();
}

namespace {
// "la dottoressa De Luca, non la Marino", "Dr Giulia Rossi, not Dr Paolo Rossi": a doctor
// named right after a "not" is the one the patient does not want.
bool refusedMention(const std::string& message, std::size_t begin) {
    std::string before = text::lowerAsciiCopy(std::string_view(message).substr(0, begin));
    while (!before.empty() && (before.back() == ' ' || before.back() == ',')) before.pop_back();
    before = " " + before;
    for (const char* cue : {" non", " non la", " non il", " non lo", " non con", " non con la", " non con il",
                            " non dalla", " non dal", " non dallo", " not", " not with", " not the", " rather than",
                            " instead of", " anziche", " anzich\xC3\xA9", " invece della", " invece del", " invece che con"}) {
        const std::string c(cue);
        if (before.size() >= c.size() && before.compare(before.size() - c.size(), c.size(), c) == 0) return true;
    }
    return false;
}
}  // namespace

bool Dialogue::applyDoctor() {
    const auto& e = u_.entities;
    if (e.doctors.empty()) return false;
    // The last doctor named, unless the patient said not that one.
    const DoctorMatch* named = &e.doctors.back();
    for (auto it = e.doctors.rbegin(); it != e.doctors.rend(); ++it)
        if (!refusedMention(u_.message, it->begin)) {
            named = &*it;
            break;
        }
    std::vector<std::int64_t> ids;
    for (auto id : named->doctorIds)
        if (doctor(id)) ids.push_back(id);
    if (ids.empty()) return false;
    if (ids.size() > 1) {  // two Dr. Rossi: the specialty asked for may tell them apart
        auto wanted = e.specialty ? e.specialty : s_.specialty;
        std::optional<std::string> unwanted;
        // "Dr Rossi - the cardiologist, not the GP": the kind named after "not" is the other one.
        if (const auto ex = splitExclusion(u_.message)) {
            const auto rest = reread(ex->rest), kept = reread(ex->kept);
            unwanted = kept.specialty;
            if (rest.specialty) wanted = rest.specialty;
            if (wanted && unwanted && *wanted == *unwanted) wanted.reset();
        }
        std::vector<std::int64_t> fit;
        for (auto id : ids) {
            const auto& slug = doctor(id)->specialtySlug;
            if ((!wanted || slug == *wanted) && (!unwanted || slug != *unwanted)) fit.push_back(id);
        }
        if (fit.size() == 1 && (wanted || unwanted)) ids = fit;
    }
    if (ids.size() == 1) {
        s_.doctorId = ids[0];
        s_.specialty = doctor(ids[0])->specialtySlug;
        s_.doctorChoices.clear();
    } else {
        s_.doctorId.reset();
        s_.doctorChoices = ids;
    }
    return true;
}

bool Dialogue::pickDoctorChoice() {
    if (s_.doctorChoices.empty()) return false;
    const auto choices = s_.doctorChoices;
    std::optional<std::int64_t> picked;
    if (applyDoctor() && s_.doctorId) return true;
    s_.doctorChoices = choices;
    s_.doctorId.reset();
    if (const auto n = u_.entities.ordinal) {
        const auto size = static_cast<int>(choices.size());
        const int i = *n > 0 ? *n - 1 : size + *n;
        if (i >= 0 && i < size) picked = choices[static_cast<std::size_t>(i)];
    }
    if (!picked) {  // "Giulia", "the cardiologist"
        std::vector<std::int64_t> fit;
        for (auto id : choices) {
            const auto* d = doctor(id);
            if (!d) continue;
            const auto nameWords = plainWords(d->name);
            bool given = false;
            std::size_t start = 0;
            while (start < nameWords.size()) {
                auto end = nameWords.find(' ', start);
                if (end == std::string::npos) end = nameWords.size();
                const auto word = nameWords.substr(start, end - start);
                if (word.size() > 2 && word != "dr" && nameWords.rfind(word) + word.size() != nameWords.size() &&
                    hasPhrase(u_.words, word.c_str()))
                    given = true;
                start = end + 1;
            }
            if (given || (u_.entities.specialty && d->specialtySlug == *u_.entities.specialty)) fit.push_back(id);
        }
        if (fit.size() == 1) picked = fit[0];
    }
    if (!picked) return false;
    s_.doctorId = *picked;
    s_.specialty = doctor(*picked)->specialtySlug;
    s_.doctorChoices.clear();
    return true;
}

Dialogue::Wish Dialogue::applyWishes(bool doctorsToo) {
    const auto& e = u_.entities;
    bool any = false;
    if (doctorsToo) {
        if (applyDoctor()) {
            any = true;
        } else if (e.specialty) {
            if (s_.specialty != e.specialty) {
                s_.specialty = e.specialty;
                if (s_.doctorId && doctor(*s_.doctorId) && doctor(*s_.doctorId)->specialtySlug != *e.specialty)
                    s_.doctorId.reset();
            }
            s_.doctorChoices.clear();
            any = true;
        }
    }
    const Wish when = applyDayTime(correctedDay(e.datetime));
    if (when == Wish::Past) return Wish::Past;
    return any || when == Wish::Applied ? Wish::Applied : Wish::Nothing;
}

namespace {
// A clause about a day or a time that does not suit, or that is taken already: "mercoledì
// lavoro", "Thursday I'm at the skin doctor", "martedì ho il cardiologo", "I'm already in that
// morning".
bool aboutAnotherCommitment(const std::string& clause) {
    // plainWords joins at apostrophes and folds accents: "I'm" is "im", "c'è" is "ce".
    const std::string words = plainWords(clause);
    for (const char* cue : {"ho il", "ho la", "ho gia", "lavoro", "non posso", "non riesco", "sono dal", "sono dalla",
                            "sono gia", "sono via", "ha il", "ha la", "ha un", "ha una", "ce il", "ce la", "ce un",
                            "ce una", "im at", "i am at", "i work", "im working", "i have the", "ive got", "busy",
                            "cant", "cannot", "im away", "already", "theres a", "there is a", "he has", "she has",
                            "we have"})
        if (hasPhrase(words, cue)) return true;
    return false;
}
}  // namespace

DateTimeEntities Dialogue::correctedDay(const DateTimeEntities& all) const {
    const auto corrected = afterCorrection(u_.message);
    if (!corrected) {
        // "anything in cardiology this Thursday afternoon? I'm already in that morning for the
        // skin doctor": the sentence about the other commitment says nothing of this visit.
        std::string kept;
        bool dropped = false;
        std::size_t from = 0;
        while (from < u_.message.size()) {
            std::size_t to = u_.message.find_first_of(".;!?", from);
            if (to == std::string::npos) to = u_.message.size();
            const std::string sentence = u_.message.substr(from, to - from);
            from = to + 1;
            if (aboutAnotherCommitment(sentence)) dropped = true;
            else kept += sentence + ". ";
        }
        if (!dropped || kept.find_first_not_of(" .") == std::string::npos) return all;
        auto rest = extractDateTime(kept, w_.clock.today, w_.clock.minuteOfDay, w_.settings.dates);
        return rest.empty() ? all : rest;
    }
    // The first clause after the marker that gives a day and is not about another commitment.
    std::size_t from = 0;
    const std::string& text = *corrected;
    while (from < text.size()) {
        std::size_t to = text.find_first_of(",.;!?", from);
        if (to == std::string::npos) to = text.size();
        const std::string clause = text.substr(from, to - from);
        from = to + 1;
        // "venerdì che giovedì lavoro", "Friday because Thursday I work": the day before the reason.
        std::string head = clause;
        for (const char* connector : {" che ", " perche ", " perché ", " because ", " since ", " as ", " cause ", " cos "}) {
            const auto at = text::lowerAsciiCopy(head).find(connector);
            if (at != std::string::npos) head = head.substr(0, at);
        }
        if (aboutAnotherCommitment(head)) continue;
        const std::string& clauseText = head;
        auto day = extractDateTime(clauseText, w_.clock.today, w_.clock.minuteOfDay, w_.settings.dates);
        if (!day.date && !day.weekday && !day.range) continue;
        DateTimeEntities out = all;
        out.date = day.date;
        out.weekday = day.weekday;
        out.range = day.range;
        out.referenceWeekday = day.referenceWeekday;
        if (day.time.exact || day.time.after || day.time.before || day.time.part != DayPart::Any) out.time = day.time;
        return out;
    }
    return all;
}

Dialogue::Wish Dialogue::applyDayTime(const DateTimeEntities& dt) {
    const LocalDate today = w_.clock.today;
    bool any = false;
    if (dt.date) {
        if (*dt.date < today) return Wish::Past;
        LocalDate day = *dt.date;
        // "no, Friday instead" after "next week" means that week's Friday, not the coming one.
        if (dt.weekday && isoWeekday(day) == *dt.weekday && s_.from && s_.to && *s_.from != *s_.to &&
            (day < *s_.from || *s_.to < day) && bareWeekday(u_.words)) {
            for (LocalDate d = *s_.from; d <= *s_.to; d = addDays(d, 1))
                if (isoWeekday(d) == *dt.weekday) {
                    day = d;
                    break;
                }
        }
        s_.from = s_.to = day;
        s_.weekday.reset();
        any = true;
    } else if (dt.range) {
        s_.from = std::max(dt.range->from, today);
        s_.to = dt.range->to;
        s_.weekday = dt.referenceWeekday ? std::nullopt : dt.weekday;
        any = true;
    } else if (dt.weekday && !dt.referenceWeekday) {
        s_.from = today;
        s_.to = addDays(today, kWeekdayDays - 1);
        s_.weekday = dt.weekday;
        any = true;
    }
    if (dt.time.exact || dt.time.after || dt.time.before || dt.time.part != DayPart::Any) {
        s_.time = dt.time;
        any = true;
    }
    return any ? Wish::Applied : Wish::Nothing;
}

void Dialogue::advanceBooking(const std::string& lead) {
    s_.form = Form::Book;
    s_.offers.clear();
    s_.chosen.reset();
    say(lead);
    if (!s_.doctorChoices.empty() || (!s_.doctorId && !s_.specialty)) {
        s_.step = Step::Who;
        return promptWho();
    }
    if (!hasDayWish() && !hasTimeWish()) {
        s_.step = Step::Day;
        return promptDay();
    }
    searchAndOffer({});
}

namespace {
std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}
}  // namespace

void Dialogue::promptWho() {
    if (!s_.doctorChoices.empty()) {
        std::string text = t("We have more than one doctor with that name. Which one would you like to see?");
        suggestions.clear();
        for (auto id : s_.doctorChoices) {
            const auto* d = doctor(id);
            if (!d) continue;
            text += "\n- " + d->name + " (" + w_.lang.t(d->specialtyName.c_str()) + ")";
            suggestions.push_back({d->name, d->name});
        }
        return say(text);
    }
    std::string text = t("Which kind of doctor would you like to see? You can also name a doctor.");
    std::vector<std::pair<std::string, std::string>> kinds;  // slug, name
    for (const auto& d : w_.doctors)
        if (std::none_of(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == d.specialtySlug; }))
            kinds.emplace_back(d.specialtySlug, w_.lang.t(d.specialtyName.c_str()));
    const auto hint = before_.offer == Offer::Book && before_.offerSpecialty ? before_.offerSpecialty
                                                                              : u_.entities.specialtyHint;
    if (!u_.signals.unoffered.empty() && !u_.entities.specialty && u_.entities.doctors.empty()) {
        // "I need to find a dentist": a booking for a kind of doctor the practice lacks gets
        // the kinds it has, never "out of scope".
        std::string names;
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            if (k) names += k + 1 == kinds.size() ? ' ' + t("and") + ' ' : std::string(", ");
            names += lowerFirst(kinds[k].second);
        }
        const std::string lacking = t(u_.signals.unoffered.c_str());  // frame_rules.inc marks them N_
        text = names.empty() ? tf("I'm sorry, we don't have {1} at this practice.", {lacking})
                             : tf("I'm sorry, we don't have {1} at this practice; our doctors cover {2}.",
                                  {lacking, names});
        text += ' ';
        text += t("Would you like to see one of them? You can also name a doctor.");
    } else if (hint) {
        const auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == *hint; });
        if (it != kinds.end()) {
            text = tf("For that, {1} may be the right doctor, but it's your choice. Which kind of doctor would you "
                      "like to see? You can also name a doctor.",
                      {specialistNoun(w_.lang, it->first, it->second)});
            std::rotate(kinds.begin(), it, it + 1);
            s_.suggested = *hint;
        }
    }
    suggestions.clear();
    for (const auto& [slug, name] : kinds) suggestions.push_back({name, name});
    say(text);
}

void Dialogue::promptDay() {
    const std::string who = whoText();
    say(who.empty() ? t("When would you like to come? Tell me a day (\"Thursday\"), a range (\"next week\") and a time "
                        "of day if you like (\"mornings\"), or ask for the earliest time.")
                    : tf("When would you like to come {1}? Tell me a day (\"Thursday\"), a range (\"next week\") and a "
                         "time of day if you like (\"mornings\"), or ask for the earliest time.",
                         {who}));
    suggestions = {{t("Earliest available"), t("as soon as possible")}, {t("This week"), t("this week")},
                   {t("Next week"), t("next week")}};
}

void Dialogue::offerSlots(const std::vector<ScopeSlot>& slots) {
    s_.offers.clear();
    for (const auto& slot : slots) {
        if (s_.offers.size() == kOffers) break;
        s_.offers.push_back({slot.doctorId, slot.start, slot.end});
    }
}

void Dialogue::promptSlot(const std::string& intro) {
    suggestions.clear();
    if (s_.offers.empty()) {  // rescheduling, before a day was named
        say(t("When would you like to move it to? Tell me a day (\"Thursday\"), a range (\"next week\") or a time "
              "of day, or ask for the earliest time."));
        suggestions = {{t("Earliest available"), t("as soon as possible")}, {t("This week"), t("this week")},
                       {t("Next week"), t("next week")}};
        return;
    }
    std::string text = intro.empty() ? t("These are the times I offered:") : intro;
    int n = 0;
    for (const auto& o : s_.offers) {
        ++n;
        text += numberedLine(n, heldSlotLine(o));
        suggestions.push_back(
            {slotLabel(w_.lang, w_.zone, o.start, doctorName(o.doctorId)), tf("option {1}", {std::to_string(n)})});
    }
    text += '\n';
    text += t("Which one would you like?");
    say(text);
}

void Dialogue::searchAndOffer(const std::string& lead) {
    const LocalDate today = w_.clock.today;
    const std::int64_t now = w_.clock.now;
    LocalDate from = std::max(s_.from.value_or(today), today);
    LocalDate to = s_.to.value_or(addDays(today, (s_.weekday ? kWeekdayDays : kDefaultDays) - 1));
    if (to < from) to = from;
    const std::optional<std::int64_t> doctorId = s_.doctorId;
    const std::optional<std::string> specialty = doctorId ? std::nullopt : s_.specialty;
    const std::optional<std::int64_t> moving =
        s_.form == Form::Reschedule && s_.appointment ? std::optional<std::int64_t>(s_.appointment->start)
                                                      : std::nullopt;
    const auto usable = [&](const ScopeSlot& slot, bool weekdayToo) {
        if (slot.start <= now || (moving && slot.start == *moving)) return false;
        return !(weekdayToo && s_.weekday && isoWeekday(w_.zone.dateOf(slot.start)) != *s_.weekday);
    };
    auto inDays = w_.scope.freeSlots(doctorId, specialty, from, to);
    std::erase_if(inDays, [&](const ScopeSlot& slot) { return !usable(slot, true); });
    std::sort(inDays.begin(), inDays.end(), [](const auto& a, const auto& b) { return a.start < b.start; });

    std::vector<ScopeSlot> fit;
    for (const auto& slot : inDays)
        if (fitsTime(slot.start, s_.time)) fit.push_back(slot);

    const std::string who = whoText();
    std::string wish = who;
    for (const auto& part :
         {dayWishText(w_.lang, s_.from, s_.to, s_.weekday, today), timeWishText(w_.lang, s_.time)}) {
        if (part.empty()) continue;
        if (!wish.empty()) wish += ' ';
        wish += part;
    }
    s_.step = Step::Slot;
    s_.chosen.reset();
    say(lead);
    if (!fit.empty()) {
        offerSlots(fit);
        const bool one = s_.offers.size() == 1;
        std::string text = wish.empty() ? (one ? t("This time is free:") : t("These are the earliest free times:"))
                                        : (one ? tf("This time is free {1}:", {wish})
                                               : tf("These are the earliest free times {1}:", {wish}));
        return promptSlot(text);
    }
    // Nothing fits: the nearest times, first on the same days, then in the two weeks after.
    std::vector<ScopeSlot> nearest;
    if (hasTimeWish() && !inDays.empty()) {
        nearest = inDays;
        std::stable_sort(nearest.begin(), nearest.end(), [&](const auto& a, const auto& b) {
            return timeDistance(w_.zone.minuteOfDay(a.start), s_.time, w_.settings.dates) <
                   timeDistance(w_.zone.minuteOfDay(b.start), s_.time, w_.settings.dates);
        });
        nearest.resize(std::min(nearest.size(), kOffers));
        std::sort(nearest.begin(), nearest.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    } else {
        auto later = w_.scope.freeSlots(doctorId, specialty, addDays(to, 1), addDays(to, kAlternativeDays));
        std::erase_if(later, [&](const ScopeSlot& slot) { return !usable(slot, false); });
        std::sort(later.begin(), later.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
        for (const auto& slot : later)
            if (fitsTime(slot.start, s_.time)) nearest.push_back(slot);
        if (nearest.empty()) nearest = later;
    }
    std::string sorry = wish.empty() ? t("Sorry, there is nothing free") : tf("Sorry, there is nothing free {1}", {wish});
    // A day the whole practice is closed: say so, and why (issue 17: holidays).
    if (s_.from && s_.to && *s_.from == *s_.to)
        for (const auto& c : w_.scope.closures(*s_.from, *s_.to))
            sorry = tf("Sorry, the practice is closed on {1} ({2})", {day(c.date), w_.lang.show(c.name)});
    if (nearest.empty()) {
        sorry += t(", nor in the two weeks after.");
        sorry += ' ';
        const bool phone = !w_.settings.practicePhone.empty();
        if (s_.form == Form::Book)
            sorry += phone ? tf("You could try another day or another doctor, or call the practice at {1}.",
                                {w_.settings.practicePhone})
                           : t("You could try another day or another doctor, or call the practice.");
        else
            sorry += phone ? tf("You could try another day, or call the practice at {1}.", {w_.settings.practicePhone})
                           : t("You could try another day, or call the practice.");
        say(sorry);
        s_.offers.clear();
        if (s_.form == Form::Book) {
            s_.step = Step::Day;
            suggestions = {{t("Earliest available"), t("as soon as possible")}, {t("Next week"), t("next week")}};
        } else {
            suggestions = {{t("Earliest available"), t("as soon as possible")}};
        }
        return;
    }
    offerSlots(nearest);
    sorry += t(". The nearest free times are:");
    promptSlot(sorry);
}

std::optional<HeldSlot> Dialogue::freeAtOfferedDay(int minute, const std::vector<std::int64_t>& doctorIds) const {
    std::vector<LocalDate> days;
    for (const auto& o : s_.offers) {
        const LocalDate day = w_.zone.dateOf(o.start);
        if (std::find(days.begin(), days.end(), day) == days.end()) days.push_back(day);
    }
    if (days.size() != 1) return std::nullopt;  // times on several days: which day is not said
    const std::optional<std::int64_t> doctorId = s_.doctorId;
    const std::optional<std::string> specialty = doctorId ? std::nullopt : s_.specialty;
    for (const auto& slot : w_.scope.freeSlots(doctorId, specialty, days[0], days[0])) {
        if (slot.start <= w_.clock.now || w_.zone.minuteOfDay(slot.start) != minute) continue;
        if (!doctorIds.empty() && std::find(doctorIds.begin(), doctorIds.end(), slot.doctorId) == doctorIds.end())
            continue;
        return HeldSlot{slot.doctorId, slot.start, slot.end};
    }
    return std::nullopt;
}

std::optional<HeldSlot> Dialogue::hourOfBareNumber() const {
    if (s_.form != Form::Book && s_.form != Form::Reschedule) return std::nullopt;
    // Only a number said alone (with at most "at", "le", "alle" and the like around it): "11 👍",
    // "le 11", never "the 11th" or "11 March".
    int numbers = 0, n = -1;
    bool alone = true;
    std::string word;
    auto take = [&] {
        if (word.empty()) return;
        if (std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            ++numbers;
            n = word.size() <= 2 ? std::stoi(word) : -1;
        } else {
            bool filler = false;
            for (const char* f : {"at", "le", "alle", "ale", "al", "per", "ok", "okay", "please", "pls", "thanks", "va",
                                  "vanno", "benissimo", "bene", "grazie", "the", "one", "o", "clock", "oclock", "h",
                                  "ore", "quella", "delle", "yes", "si", "yep", "sure", "fine", "perfetto", "allora",
                                  "is", "grand", "good", "great", "works", "suits", "me"})
                filler = filler || word == f;
            alone = alone && filler;
        }
        word.clear();
    };
    for (char c : u_.message) {  // letters and digits only: "le 11 👍" is "le", "11"
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) word += static_cast<char>(std::tolower(u));
        else if (c != '\'') take();
    }
    take();
    if (!alone || numbers != 1 || n < 1 || n > 20) return std::nullopt;
    const int hour = n <= 6 ? n + 12 : n;  // nobody is seen at 4 in the night
    const int minute = hour * 60;
    for (const auto& o : s_.offers)
        if (w_.zone.minuteOfDay(o.start) == minute) return o;
    return freeAtOfferedDay(minute, {});
}

bool Dialogue::pickOffer() {
    if (s_.offers.empty()) return false;
    const auto& e = u_.entities;
    const auto size = static_cast<int>(s_.offers.size());
    auto n = e.ordinal;
    if (!n) n = listPick(u_.words);
    if (n) {
        // "the first one in the afternoon", "la prima dopo le quattro": the place among the
        // offered times of that part of the day (or after, or before, that hour), when some are.
        std::vector<HeldSlot> among;
        const auto& asked = e.datetime.time;
        const bool narrowed = !asked.exact && (asked.part != DayPart::Any || asked.after || asked.before);
        if (narrowed) {
            TimeConstraint within;
            within.part = asked.part;
            within.after = asked.after;
            within.before = asked.before;
            for (const auto& o : s_.offers)
                if (timeDistance(w_.zone.minuteOfDay(o.start), within, w_.settings.dates) == 0) among.push_back(o);
        }
        // None shown is in that part of the day: a new wish, read by the step (it offers the
        // afternoon's times).
        if (among.empty() && narrowed) return false;
        const auto& from = among.empty() ? s_.offers : among;
        const auto fromSize = static_cast<int>(from.size());
        const int i = *n > 0 ? *n - 1 : fromSize + *n;
        if (i < 0 || i >= fromSize) {
            // "11", "le 11", "9": no place in the list, an hour of the day the times were offered
            // for ("2" with an afternoon in mind: 14:00), when that time is free.
            if (const auto at = hourOfBareNumber()) {
                s_.chosen = *at;
            } else {
                promptSlot(tf("Please choose one of the {1} times I offered:", {std::to_string(size)}));
                return true;
            }
        } else {
            s_.chosen = from[static_cast<std::size_t>(i)];
        }
    } else {
        const auto& dt = e.datetime;
        std::vector<std::int64_t> doctorIds;
        if (!e.doctors.empty()) doctorIds = e.doctors.back().doctorIds;
        if (!dt.time.exact && !dt.date && !dt.weekday && doctorIds.empty()) {
            if (yes() && size == 1) {
                s_.chosen = s_.offers[0];
            } else if (const auto at = hourOfBareNumber()) {  // "le 11 👍", "ale 10"
                s_.chosen = *at;
            } else {
                return false;
            }
        } else {
            std::vector<HeldSlot> fit;
            for (const auto& o : s_.offers) {
                const LocalDate day = w_.zone.dateOf(o.start);
                const bool dayOk = (!dt.date && !dt.weekday) || (dt.date && *dt.date == day) ||
                                   (dt.weekday && isoWeekday(day) == *dt.weekday);
                const bool timeOk = !dt.time.exact || w_.zone.minuteOfDay(o.start) == *dt.time.exact;
                const bool doctorOk = doctorIds.empty() ||
                                      std::find(doctorIds.begin(), doctorIds.end(), o.doctorId) != doctorIds.end();
                if (dayOk && timeOk && doctorOk) fit.push_back(o);
            }
            // "quella delle 11", "the 11 o'clock one" when 11:00 was not among the times shown:
            // that time on the day the times were offered for, when it is free.
            if (fit.empty() && dt.time.exact && !dt.date && !dt.weekday &&
                (s_.form == Form::Book || s_.form == Form::Reschedule))
                if (auto at = freeAtOfferedDay(*dt.time.exact, doctorIds)) fit.push_back(*at);
            if (fit.empty()) return false;
            if (fit.size() > 1) {
                if (fit.size() == s_.offers.size()) return false;  // it narrowed nothing: a new wish
                s_.offers = fit;
                promptSlot(t("More than one of the times fits that:"));
                return true;
            }
            s_.chosen = fit[0];
        }
    }
    offerTaken();
    return true;
}

void Dialogue::takeOfferAt(std::optional<int> place) {
    if (!place || *place <= 0 || s_.step != Step::Slot || static_cast<std::size_t>(*place) > s_.offers.size()) return;
    reply.clear();  // the list just offered gives way to what was taken from it
    suggestions.clear();
    s_.chosen = s_.offers[static_cast<std::size_t>(*place - 1)];
    offerTaken();
}

void Dialogue::offerTaken() {
    decided("inform");
    s_.offers.clear();
    if (s_.form == Form::Reschedule) {
        s_.step = Step::Confirm;
        return promptConfirmChange();
    }
    if (!s_.reasonAsked)
        askReason();
    else
        askConfirmBooking();
}

void Dialogue::askReason() {
    s_.step = Step::Reason;
    s_.reasonAsked = true;
    say(tf("Good: {1}.", {heldSlotLine(*s_.chosen)}));
    promptReason();
}

void Dialogue::promptReason() {
    say(t("What is the visit for? A few words are enough, or say \"skip\"."));
    suggestions = {{t("Skip"), t("skip")}};
}

void Dialogue::takeReason() {
    if (command_ == Command::Skip || no() || yes()) {  // "yes" says nothing about the visit
        decided("inform");
        s_.reason.clear();
    } else {
        decided("inform");
        s_.reason = cleanText(u_.message, kReasonMax);
        if (s_.reason.size() < cleanText(u_.message, kReasonMax + 1).size()) {  // cut: at a word's end
            const auto space = s_.reason.rfind(' ');
            if (space != std::string::npos && space > kReasonMax / 2) s_.reason.resize(space);
        }
    }
    askConfirmBooking();
}

void Dialogue::askConfirmBooking() {
    s_.step = Step::Confirm;
    promptConfirmBooking();
}

void Dialogue::promptConfirmBooking() {
    const std::string doctor = doctorName(s_.chosen->doctorId), when = dayTime(s_.chosen->start);
    std::string text;
    if (w_.voice.caregiver)
        text = s_.reason.empty()
                   ? tf("Shall I book an appointment for {1} with {2} on {3}?", {w_.voice.name, doctor, when})
                   : tf("Shall I book an appointment for {1} with {2} on {3} (reason: {4})?",
                        {w_.voice.name, doctor, when, s_.reason});
    else
        text = s_.reason.empty() ? tf("Shall I book an appointment with {1} on {2}?", {doctor, when})
                                 : tf("Shall I book an appointment with {1} on {2} (reason: {3})?",
                                      {doctor, when, s_.reason});
    // Inside the cancellation cutoff it could never be changed online: said before the yes.
    const ScopeRules rules = w_.scope.rules();
    if (s_.chosen->start - w_.clock.now < static_cast<std::int64_t>(rules.cancelCutoffHours) * 3600) {
        const int n = rules.cancelCutoffHours;
        const std::string hours = std::to_string(n);
        say(w_.settings.practicePhone.empty()
                ? tn("Please note: this is less than {1} hour away, so you will not be able to cancel or move it "
                     "online. To change it, you would have to call the practice.",
                     "Please note: this is less than {1} hours away, so you will not be able to cancel or move it "
                     "online. To change it, you would have to call the practice.",
                     n, {hours})
                : tn("Please note: this is less than {1} hour away, so you will not be able to cancel or move it "
                     "online. To change it, you would have to call the practice at {2}.",
                     "Please note: this is less than {1} hours away, so you will not be able to cancel or move it "
                     "online. To change it, you would have to call the practice at {2}.",
                     n, {hours, w_.settings.practicePhone}));
    }
    say(text);
    suggestions = {{t("Yes"), t("yes")}, {t("No"), t("no")}};
}

void Dialogue::book() {
    const HeldSlot slot = *s_.chosen;
    const auto change = w_.scope.book(slot.doctorId, slot.start, s_.reason);
    switch (change.kind) {
        case ScopeChange::Kind::Done: {
            const auto start = change.appointment ? change.appointment->start : slot.start;
            const auto doctorId = change.appointment ? change.appointment->doctorId : slot.doctorId;
            std::string text =
                w_.voice.caregiver
                    ? tf("Done: I've booked {1}'s appointment with {2} on {3}.",
                         {w_.voice.name, doctorName(doctorId), dayTime(start)})
                    : tf("Done: I've booked your appointment with {1} on {2}.", {doctorName(doctorId), dayTime(start)});
            events.push_back({"booked", change.appointment ? std::to_string(change.appointment->id) : ""});
            s_.clearForm();
            say(text);
            suggestions = {{t("My appointments"), t("My appointments")}, {t("Book another"), t("Book an appointment")}};
            return;
        }
        case ScopeChange::Kind::SlotTaken: {
            std::vector<ScopeSlot> alternatives;
            for (const auto& a : change.alternatives)
                if (a.start > w_.clock.now && !(a.start == slot.start && a.doctorId == slot.doctorId))
                    alternatives.push_back(a);
            std::sort(alternatives.begin(), alternatives.end(),
                      [](const auto& a, const auto& b) { return a.start < b.start; });
            const std::string lead = tf("Sorry, {1} was just taken by someone else.", {heldSlotLine(slot)});
            s_.chosen.reset();
            if (alternatives.empty()) return searchAndOffer(lead);
            s_.step = Step::Slot;
            offerSlots(alternatives);
            return promptSlot(lead + ' ' + t("These times are still free:"));
        }
        default: {
            s_.clearForm();
            const std::string why = change.message.empty() ? t("Sorry, I couldn't book that appointment.")
                                                           : w_.lang.t(change.message);
            say(why);
            if (change.kind == ScopeChange::Kind::Cutoff && !w_.settings.practicePhone.empty() &&
                why.find(w_.settings.practicePhone) == std::string::npos)
                say(tf("You can call the practice at {1}.", {w_.settings.practicePhone}));
            return menu();
        }
    }
}

void Dialogue::bookStep() {
    const auto& e = u_.entities;
    const bool asap = command_ == Command::Asap;
    if (s_.step != Step::Reason && sideQuestionFirst()) return digress();
    switch (s_.step) {
        case Step::Who:
        case Step::Day: {
            if (pickDoctorChoice()) {
                decided("inform");
                applyWishes(false);
                return advanceBooking();
            }
            // "Which kind of doctor? For that, a dermatologist may be right" - "ok, the first
            // one", "sì va bene", "alle 9 va benissimo": the answer takes the suggested kind.
            if (s_.step == Step::Who && s_.suggested && !s_.specialty && !s_.doctorId && !e.specialty &&
                e.doctors.empty() && !no() &&
                (yes() || e.ordinal || asap || hasPhrase(u_.words, "va bene") || hasPhrase(u_.words, "va benissimo") ||
                 hasPhrase(u_.words, "thats fine") || hasPhrase(u_.words, "that is fine") ||
                 // "Tuesday next week if you can": a day for the visit goes with the kind suggested.
                 e.datetime.date || e.datetime.weekday || e.datetime.range || e.datetime.time.exact)) {
                s_.specialty = s_.suggested;
                if (e.ordinal && !s_.from) {  // "la prima": the first free time
                    s_.from = w_.clock.today;
                    s_.to = addDays(w_.clock.today, kDefaultDays - 1);
                }
                if (applyWishes(true) == Wish::Past) {
                    decided("inform");
                    say(t("That day has already passed."));
                    return prompt();
                }
                decided("affirm");
                return advanceBooking();
            }
            const Wish wish = applyWishes(true);
            if (wish == Wish::Past) {
                decided("inform");
                say(t("That day has already passed."));
                return prompt();
            }
            if (asap) {
                s_.from = w_.clock.today;
                s_.to = addDays(w_.clock.today, kDefaultDays - 1);
                s_.weekday.reset();
            }
            if (wish == Wish::Applied || (asap && s_.step == Step::Day)) {
                decided("inform");
                return advanceBooking();
            }
            if (asap) {  // "earliest" before saying whom: remembered, still asking whom
                decided("inform");
                return prompt();
            }
            if (no() || command_ == Command::Skip) {
                decided("deny");
                s_.clearForm();
                say(t("OK, I've stopped the booking. Nothing was booked."));
                return menu();
            }
            // "mal di schiena" asked which kind of doctor: the kind that suits it, suggested.
            if (s_.step == Step::Who && e.specialtyHint && !s_.specialty && !s_.doctorId) {
                decided("inform");
                return prompt();
            }
            return digress();
        }
        case Step::Slot: {
            if (pickOffer()) return;
            // "the first afternoon slot" when none shown is in the afternoon, "the earliest you've
            // got": the times that fit, and the one of them it named (the first).
            auto place = e.ordinal ? e.ordinal : listPick(u_.words);
            if (asap && !place) place = 1;
            const Wish wish = applyWishes(true);
            if (wish == Wish::Past) {
                decided("inform");
                say(t("That day has already passed."));
                return prompt();
            }
            if (asap) {
                s_.from = w_.clock.today;
                s_.to = addDays(w_.clock.today, kDefaultDays - 1);
                s_.weekday.reset();
                s_.time = {};
            }
            if (wish == Wish::Applied || asap) {
                decided("inform");
                advanceBooking();
                takeOfferAt(place);
                return;
            }
            if (no()) {
                decided("deny");
                s_.offers.clear();
                s_.from.reset();
                s_.to.reset();
                s_.weekday.reset();
                s_.time = {};
                s_.step = Step::Day;
                say(t("No problem."));
                return promptDay();
            }
            if (yes()) {
                decided("affirm");
                return promptSlot(t("Which one? You can say \"the first one\", or a time:"));
            }
            // One time offered (the exact one asked for), and the answer is what the next
            // question asks: the visit's reason ("controllo di una macchia sul braccio",
            // "knee pain") or "skip". The patient took that time; the confirmation that
            // follows still shows it before anything is booked.
            if (s_.form == Form::Book && s_.offers.size() == 1 && !s_.reasonAsked &&
                (command_ == Command::Skip ||
                 (command_ == Command::None && u_.message.find('?') == std::string::npos &&
                  std::count(u_.words.begin(), u_.words.end(), ' ') >= 1 &&
                  (u_.intent.intent == "out_of_scope" || u_.intent.intent == "inform" ||
                   u_.intent.intent == "medical_advice")))) {
                s_.chosen = s_.offers[0];
                s_.offers.clear();
                s_.reasonAsked = true;
                say(tf("Good: {1}.", {heldSlotLine(*s_.chosen)}));
                return takeReason();
            }
            return digress();
        }
        case Step::Reason: {
            if (correctionMarker(u_.words) &&
                (!e.doctors.empty() || e.specialty || e.datetime.date || e.datetime.range || e.datetime.time.exact ||
                 e.datetime.time.part != DayPart::Any)) {
                const Wish wish = applyWishes(true);
                if (wish == Wish::Past) {
                    say(t("That day has already passed."));
                    return prompt();
                }
                decided("inform");
                return advanceBooking();
            }
            const bool question = u_.message.find('?') != std::string::npos;
            if (command_ == Command::List || command_ == Command::Help ||
                ((confident("faq", 0.8) || confident("doctor_info", 0.8) || confident("list_appointments", 0.8) ||
                  confident("help", 0.8)) &&
                 question)) {
                answerSideQuestion();
                return resume();
            }
            return takeReason();
        }
        case Step::Confirm: {
            const auto& dt = e.datetime;
            const LocalDate day = w_.zone.dateOf(s_.chosen->start);
            const int minute = w_.zone.minuteOfDay(s_.chosen->start);
            const bool sameDoctor =
                e.doctors.empty() || std::find(e.doctors.back().doctorIds.begin(), e.doctors.back().doctorIds.end(),
                                               s_.chosen->doctorId) != e.doctors.back().doctorIds.end();
            const bool differs = (dt.date && *dt.date != day) || (dt.range && !dt.date) ||
                                 (dt.time.exact && *dt.time.exact != minute) ||
                                 (!dt.time.exact && (dt.time.after || dt.time.before || dt.time.part != DayPart::Any) &&
                                  !fitsTime(s_.chosen->start, dt.time)) ||
                                 !sameDoctor ||
                                 (e.specialty && e.doctors.empty() && doctor(s_.chosen->doctorId) &&
                                  doctor(s_.chosen->doctorId)->specialtySlug != *e.specialty);
            if (differs) {
                const Wish wish = applyWishes(true);
                if (wish == Wish::Past) {
                    say(t("That day has already passed."));
                    return prompt();
                }
                decided("inform");
                return advanceBooking();
            }
            if (yes()) {
                decided("affirm");
                return book();
            }
            if (no()) {
                decided("deny");
                s_.clearForm();
                say(t("OK, I haven't booked anything."));
                return menu();
            }
            if (answerSideQuestion()) return resume();
            say(t("Please answer yes or no."));
            return prompt();
        }
        default: break;
    }
    digress();
}

}  // namespace medassist::assistant::engine
