// Dates and times typed in Italian, as patients of a practice in Rome write them: accents or
// none, lower case, common typos. Each row is read at a fixed "now" and every field the
// extractor reports is compared; a row names what it expects and the rest must be empty.
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "assistant/engine/datetime_parser.hpp"

using namespace medassist::assistant::engine;
using medassist::scheduling::formatDate;
using medassist::scheduling::LocalDate;

namespace {

constexpr LocalDate kMonday{2026, 3, 2};         // Monday 2 March 2026 (week 2..8 March), 9:00
constexpr LocalDate kFriday{2026, 3, 6};         // Friday, 15:00
constexpr LocalDate kSunday{2026, 3, 8};         // Sunday evening, 20:00
constexpr LocalDate kNewYearsEve{2026, 12, 31};  // Thursday, 10:00: the end of a month and a year
constexpr int kNine = 9 * 60;

struct Expect {
    std::optional<LocalDate> date;
    std::optional<DateRange> range;
    std::optional<int> weekday, reference, exact, after, before;
    DayPart part = DayPart::Any;

    Expect on(int y, int m, int d) const {
        Expect e = *this;
        e.date = LocalDate{y, m, d};
        return e;
    }
    Expect within(LocalDate from, LocalDate to) const {
        Expect e = *this;
        e.range = DateRange{from, to};
        return e;
    }
    Expect wd(int w) const {
        Expect e = *this;
        e.weekday = w;
        return e;
    }
    Expect ref(int w) const {
        Expect e = *this;
        e.reference = w;
        return e;
    }
    Expect at(int h, int m = 0) const {
        Expect e = *this;
        e.exact = h * 60 + m;
        return e;
    }
    Expect notBefore(int h, int m = 0) const {
        Expect e = *this;
        e.after = h * 60 + m;
        return e;
    }
    Expect notAfter(int h, int m = 0) const {
        Expect e = *this;
        e.before = h * 60 + m;
        return e;
    }
    Expect in(DayPart p) const {
        Expect e = *this;
        e.part = p;
        return e;
    }
};

const Expect X{};
constexpr DayPart kMorning = DayPart::Morning, kAfternoon = DayPart::Afternoon, kEvening = DayPart::Evening;

constexpr LocalDate D(int y, int m, int d) { return {y, m, d}; }

struct Row {
    std::string text;
    Expect want;
};

std::string show(const std::optional<LocalDate>& d) { return d ? formatDate(*d) : "-"; }
std::string show(const std::optional<DateRange>& r) {
    return r ? formatDate(r->from) + ".." + formatDate(r->to) : std::string("-");
}
std::string show(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }
std::string showMinute(const std::optional<int>& v) {
    if (!v) return "-";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", *v / 60 % 100, *v % 60);
    return buf;
}
int partNumber(DayPart p) { return static_cast<int>(p); }

void check(const std::string& text, const DateTimeEntities& got, const Expect& want) {
    BOOST_TEST((got.date == want.date), "'" << text << "' date " << show(got.date) << ", want " << show(want.date));
    BOOST_TEST((got.range == want.range),
               "'" << text << "' range " << show(got.range) << ", want " << show(want.range));
    BOOST_TEST((got.weekday == want.weekday),
               "'" << text << "' weekday " << show(got.weekday) << ", want " << show(want.weekday));
    BOOST_TEST((got.referenceWeekday == want.reference),
               "'" << text << "' referenceWeekday " << show(got.referenceWeekday) << ", want " << show(want.reference));
    BOOST_TEST((got.time.exact == want.exact),
               "'" << text << "' exact " << showMinute(got.time.exact) << ", want " << showMinute(want.exact));
    BOOST_TEST((got.time.after == want.after),
               "'" << text << "' after " << showMinute(got.time.after) << ", want " << showMinute(want.after));
    BOOST_TEST((got.time.before == want.before),
               "'" << text << "' before " << showMinute(got.time.before) << ", want " << showMinute(want.before));
    BOOST_TEST(partNumber(got.time.part) == partNumber(want.part),
               "'" << text << "' part " << partNumber(got.time.part) << ", want " << partNumber(want.part));
}

// Spans are in order, do not overlap, lie inside the text and start and end on a character.
void checkSpans(const std::string& text, const DateTimeEntities& got) {
    std::size_t last = 0;
    for (auto [from, to] : got.spans) {
        BOOST_TEST((from >= last && from < to && to <= text.size()),
                   "'" << text << "' bad span " << from << ".." << to);
        if (from < to && to <= text.size()) {
            BOOST_TEST(text[from] != ' ', "'" << text << "' span starts on a space");
            BOOST_TEST(text[to - 1] != ' ', "'" << text << "' span ends on a space");
        }
        last = to;
    }
}

void checkRows(const std::vector<Row>& rows, const LocalDate& today, int now) {
    for (const auto& row : rows) {
        auto got = extractDateTime(row.text, today, now);
        check(row.text, got, row.want);
        checkSpans(row.text, got);
    }
}

// ---------------------------------------------------------------------------------------
// Monday 2 March 2026, 9:00

const std::vector<Row> kDays{
    {"oggi", X.on(2026, 3, 2)},
    {"domani", X.on(2026, 3, 3)},
    {"Domani!", X.on(2026, 3, 3)},
    {"dopodomani", X.on(2026, 3, 4)},
    {"dopo domani", X.on(2026, 3, 4)},
    {"ieri", X.on(2026, 3, 1)},
    {"stamattina", X.on(2026, 3, 2).in(kMorning)},
    {"stasera", X.on(2026, 3, 2).in(kEvening)},
    {"stanotte", X.on(2026, 3, 2).in(kEvening)},
    {"oggi pomeriggio", X.on(2026, 3, 2).in(kAfternoon)},
    {"questo pomeriggio", X.on(2026, 3, 2).in(kAfternoon)},
    {"domani mattina", X.on(2026, 3, 3).in(kMorning)},
    {"domani matina", X.on(2026, 3, 3).in(kMorning)},
    {"domani sera", X.on(2026, 3, 3).in(kEvening)},
    {"fra 3 giorni", X.on(2026, 3, 5)},
    {"tra tre giorni", X.on(2026, 3, 5)},
    {"tra una settimana", X.on(2026, 3, 9)},
    {"fra due settimane", X.on(2026, 3, 16)},
    {"tra 2 settimane", X.on(2026, 3, 16)},
    {"tra un mese", X.on(2026, 4, 2)},
    {"tra 2 ore", X.on(2026, 3, 2).at(11)},
    {"fra un'ora", X.on(2026, 3, 2).at(10)},
    {"tra mezz'ora", X.on(2026, 3, 2).at(9, 30)},
};

const std::vector<Row> kWeekdays{
    {"martedì", X.on(2026, 3, 3).wd(2)},
    {"martedi", X.on(2026, 3, 3).wd(2)},
    {"Mercoledì", X.on(2026, 3, 4).wd(3)},
    {"mercoledi", X.on(2026, 3, 4).wd(3)},
    {"mercoled", X.on(2026, 3, 4).wd(3)},
    {"giovedi", X.on(2026, 3, 5).wd(4)},
    {"venerdì", X.on(2026, 3, 6).wd(5)},
    {"venerdi'", X.on(2026, 3, 6).wd(5)},
    {"venrdi", X.on(2026, 3, 6).wd(5)},
    {"sabato", X.on(2026, 3, 7).wd(6)},
    {"domenica", X.on(2026, 3, 8).wd(7)},
    {"lunedì", X.on(2026, 3, 9).wd(1)},  // said on a Monday: next week's, as "Monday"
    {"LUNEDI", X.on(2026, 3, 9).wd(1)},
    {"ven", X.on(2026, 3, 6).wd(5)},
    {"gio?", X.on(2026, 3, 5).wd(4)},
    {"sab mattina", X.on(2026, 3, 7).wd(6).in(kMorning)},
    {"sab o dom", X.on(2026, 3, 8).wd(7)},
    {"questo venerdì", X.on(2026, 3, 6).wd(5)},
    // "venerdì prossimo" is the coming Friday, as both independent writers of the Italian date
    // sets read it (the English "next Friday" stays next week's).
    {"venerdì prossimo", X.on(2026, 3, 6).wd(5)},
    {"il prossimo venerdì", X.on(2026, 3, 6).wd(5)},
    {"venerdi prossimo", X.on(2026, 3, 6).wd(5)},
    {"martedì della prossima settimana", X.on(2026, 3, 10).wd(2).within(D(2026, 3, 9), D(2026, 3, 15))},
    {"martedì della settimana prossima", X.on(2026, 3, 10).wd(2).within(D(2026, 3, 9), D(2026, 3, 15))},
    {"giovedì settimana prossima", X.on(2026, 3, 12).wd(4).within(D(2026, 3, 9), D(2026, 3, 15))},
    {"lunedì o martedì", X.on(2026, 3, 3).wd(2)},
    {"entro venerdì", X.on(2026, 3, 6).wd(5)},
    {"per giovedì", X.on(2026, 3, 5).wd(4)},
    {"martedì 10", X.on(2026, 3, 10).wd(2)},
    {"martedì 10 marzo", X.on(2026, 3, 10).wd(2)},
    {"ven 13 alle 9", X.on(2026, 3, 13).wd(5).at(9)},
    // datetime_it_2's forms (issue 17): a day in words, "il giorno", "domani l'altro", "a otto",
    // a weekday "fra due settimane", a time then its day, a comma in a time.
    {"il diciannove alle tre", X.on(2026, 3, 19).at(15)},
    {"er sei alle 6", X.on(2026, 3, 6).at(18)},
    {"tre agosto ore 8.40", X.on(2026, 8, 3).at(8, 40)},
    {"il dieci alle dieci", X.on(2026, 3, 10).at(10)},
    {"per il giorno 19 alle ore 9", X.on(2026, 3, 19).at(9)},
    {"il primo del mese prossimo alle 11", X.on(2026, 4, 1).at(11)},
    {"domani l'altro alle 11", X.on(2026, 3, 4).at(11)},
    {"dopo dopodomani alle 10", X.on(2026, 3, 5).at(10)},
    {"oggi a otto alle 8 e mezza", X.on(2026, 3, 9).at(8, 30)},
    {"domani a otto alle 9", X.on(2026, 3, 10).at(9)},
    {"giovedì fra due settimane alle 15", X.on(2026, 3, 19).wd(4).at(15)},
    {"alle 19 di stasera", X.on(2026, 3, 2).at(19).in(kEvening)},
    {"alle 10 di lunedì 16", X.on(2026, 3, 16).wd(1).at(10)},
    {"il 16/04/2026 alle 9,30", X.on(2026, 4, 16).at(9, 30)},
    {"vorrei spostare la visita all'11 marzo alle 15", X.on(2026, 3, 11).at(15)},
    {"potrei venire il diciannove alle tre col bambino", X.on(2026, 3, 19).at(15)},
};

const std::vector<Row> kRanges{
    {"la settimana prossima", X.within(D(2026, 3, 9), D(2026, 3, 15))},
    {"settimana prossima", X.within(D(2026, 3, 9), D(2026, 3, 15))},
    {"la prossima settimana", X.within(D(2026, 3, 9), D(2026, 3, 15))},
    {"questa settimana", X.within(D(2026, 3, 2), D(2026, 3, 8))},
    {"il mese prossimo", X.within(D(2026, 4, 1), D(2026, 4, 30))},
    {"il prossimo mese", X.within(D(2026, 4, 1), D(2026, 4, 30))},
    {"questo mese", X.within(D(2026, 3, 2), D(2026, 3, 31))},
    {"fine settimana", X.within(D(2026, 3, 7), D(2026, 3, 8))},
    {"nel fine settimana", X.within(D(2026, 3, 7), D(2026, 3, 8))},
    {"questo weekend", X.within(D(2026, 3, 7), D(2026, 3, 8))},
    {"il weekend", X.within(D(2026, 3, 7), D(2026, 3, 8))},
    {"il prossimo fine settimana", X.within(D(2026, 3, 14), D(2026, 3, 15))},
    {"inizio della settimana prossima", X.within(D(2026, 3, 9), D(2026, 3, 11))},
    {"inizio settimana prossima", X.within(D(2026, 3, 9), D(2026, 3, 11))},
    {"a metà della settimana prossima", X.within(D(2026, 3, 10), D(2026, 3, 12))},
    {"fine mese", X.within(D(2026, 3, 25), D(2026, 3, 31))},
    {"entro fine mese", X.within(D(2026, 3, 25), D(2026, 3, 31))},
    {"nei prossimi giorni", X.within(D(2026, 3, 3), D(2026, 3, 5))},
    {"a marzo", X.within(D(2026, 3, 2), D(2026, 3, 31))},
    {"a maggio", X.within(D(2026, 5, 1), D(2026, 5, 31))},
    {"ad aprile", X.within(D(2026, 4, 1), D(2026, 4, 30))},
    {"fine aprile", X.within(D(2026, 4, 21), D(2026, 4, 30))},
    {"inizio maggio", X.within(D(2026, 5, 1), D(2026, 5, 10))},
};

const std::vector<Row> kDates{
    {"il 3 marzo", X.on(2026, 3, 3)},
    {"3 marzo", X.on(2026, 3, 3)},
    {"il 3 di marzo", X.on(2026, 3, 3)},
    {"3/3", X.on(2026, 3, 3)},
    {"03/03/2027", X.on(2027, 3, 3)},
    {"12/03", X.on(2026, 3, 12)},  // day first
    {"il 15", X.on(2026, 3, 15)},
    {"il 1", X.on(2026, 4, 1)},
    {"l'8 marzo", X.on(2026, 3, 8)},
    {"l'11", X.on(2026, 3, 11)},
    {"il primo aprile", X.on(2026, 4, 1)},
    {"1° aprile", X.on(2026, 4, 1)},
    {"il 1º maggio", X.on(2026, 5, 1)},
    {"il 10 di questo mese", X.on(2026, 3, 10)},
    {"il 3 del mese prossimo", X.on(2026, 4, 3)},
    {"15 dicembre", X.on(2026, 12, 15)},
    {"il 1 marzo", X.on(2027, 3, 1)},  // past this year
    {"il 3 maggio 2027", X.on(2027, 5, 3)},
    {"entro il 20", X.on(2026, 3, 20)},
    {"vorrei disdire l'appuntamento del 12", X.on(2026, 3, 12)},
    {"dal 10 al 12 sono via", X.on(2026, 3, 12)},
};

const std::vector<Row> kTimes{
    {"alle 15", X.at(15)},
    {"alle 15:30", X.at(15, 30)},
    {"alle 15.30", X.at(15, 30)},
    {"alle tre del pomeriggio", X.at(15).in(kAfternoon)},
    {"alle 9 di mattina", X.at(9).in(kMorning)},
    {"alle 9 del mattino", X.at(9).in(kMorning)},
    {"alle 7 di sera", X.at(19).in(kEvening)},
    {"alle 10 e mezza", X.at(10, 30)},
    {"alle 10 e mezzo", X.at(10, 30)},
    {"alle 10 e un quarto", X.at(10, 15)},
    {"alle 10 e tre quarti", X.at(10, 45)},
    {"alle 11 meno un quarto", X.at(10, 45)},
    {"alle 11 meno 10", X.at(10, 50)},
    {"alle 9 e 30", X.at(9, 30)},
    {"10 e mezza, va bene?", X.at(10, 30)},
    {"alle dieci e mezza", X.at(10, 30)},
    {"alle 4 e mezza", X.at(16, 30)},  // 1..7 alone: the afternoon, as in English
    {"alle 3", X.at(15)},
    {"alle 8", X.at(8)},
    {"alle tre", X.at(15)},
    {"all'una", X.at(13)},
    {"all'11", X.at(11)},
    {"le 9", X.at(9)},
    {"ore 9", X.at(9)},
    {"alle ore 9", X.at(9)},
    {"h 9", X.at(9)},
    {"mezzogiorno", X.at(12)},
    {"a mezzogiorno e mezza", X.at(12, 30)},
    {"mezzanotte", X.at(0)},
    {"verso le 16", X.at(16)},
    {"dopo le 17", X.notBefore(17)},
    {"dopo le 5", X.notBefore(17)},
    {"prima delle 10", X.notAfter(10)},
    {"non prima delle 10", X.notBefore(10)},
    {"entro le 17", X.notAfter(17)},
    {"fino alle 12", X.notAfter(12)},
    {"dalle 15", X.notBefore(15)},
    {"dalle 9 alle 11", X.notBefore(9).notAfter(11)},
    {"tra le 14 e le 16", X.notBefore(14).notAfter(16)},
    {"fra le 2 e le 4", X.notBefore(14).notAfter(16)},
    {"tra le 9 e le 10 e mezza", X.notBefore(9).notAfter(10, 30)},
    {"tra mezzogiorno e le 14", X.notBefore(12).notAfter(14)},
};

const std::vector<Row> kDayParts{
    {"in mattinata", X.in(kMorning)},
    {"di mattina", X.in(kMorning)},
    {"la mattina", X.in(kMorning)},
    {"mattina", X.in(kMorning)},
    {"nel pomeriggio", X.in(kAfternoon)},
    {"di pomeriggio", X.in(kAfternoon)},
    {"pomerigio", X.in(kAfternoon)},
    {"verso sera", X.in(kEvening)},
    {"in serata", X.in(kEvening)},
    {"di sera", X.in(kEvening)},
    {"tardo pomeriggio", X.in(kAfternoon).notBefore(15)},
    {"nel tardo pomeriggio", X.in(kAfternoon).notBefore(15)},
    {"primo pomeriggio", X.in(kAfternoon).notAfter(14)},
    {"il pomeriggio tardi", X.in(kAfternoon).notBefore(15)},
    {"giovedì sera tardi", X.on(2026, 3, 5).wd(4).in(kEvening).notBefore(19)},
    {"mattina presto", X.in(kMorning).notAfter(9)},
    {"domani presto", X.on(2026, 3, 3).in(kMorning).notAfter(9)},
    {"ora di pranzo", X.notBefore(12).notAfter(14)},
    {"all'ora di pranzo", X.notBefore(12).notAfter(14)},
    {"in pausa pranzo", X.notBefore(12).notAfter(14)},
    {"dopo pranzo", X.notBefore(14)},
    {"prima di pranzo", X.notAfter(12)},
    {"dopo il lavoro", X.in(kEvening)},
    {"non la mattina", X.notBefore(12)},
    {"non di mattina", X.notBefore(12)},
};

const std::vector<Row> kSentences{
    {"vorrei un appuntamento dal dermatologo martedì prossimo alle 10", X.on(2026, 3, 3).wd(2).at(10)},
    {"c'è posto giovedì pomeriggio?", X.on(2026, 3, 5).wd(4).in(kAfternoon)},
    {"spostalo a venerdì mattina", X.on(2026, 3, 6).wd(5).in(kMorning)},
    {"Buongiorno, avrei bisogno di una visita domani alle 11", X.on(2026, 3, 3).at(11)},
    {"posso venire mercoledi verso le 5?", X.on(2026, 3, 4).wd(3).at(17)},
    {"Giovedì 5 marzo alle 16:30 va bene", X.on(2026, 3, 5).wd(4).at(16, 30)},
    {"la settimana prossima di mattina", X.within(D(2026, 3, 9), D(2026, 3, 15)).in(kMorning)},
    {"si può fare sabato mattina presto?", X.on(2026, 3, 7).wd(6).in(kMorning).notAfter(9)},
    {"stasera alle 8", X.on(2026, 3, 2).at(20).in(kEvening)},
    {"domani sera alle 7", X.on(2026, 3, 3).at(19).in(kEvening)},
    {"lunedì mattina alle 7", X.on(2026, 3, 9).wd(1).at(7).in(kMorning)},
    {"avete qualcosa il 12/03 alle 16:30?", X.on(2026, 3, 12).at(16, 30)},
    {"non lunedì, martedì pomeriggio", X.on(2026, 3, 3).wd(2).in(kAfternoon)},
    {"qualsiasi giorno tranne venerdì", X},
    {"il dottore è libero venerdì tra le 14 e le 16?", X.on(2026, 3, 6).wd(5).notBefore(14).notAfter(16)},
    {"mio figlio può venire dopo la scuola giovedì", X.on(2026, 3, 5).wd(4).notBefore(16)},
    {"oggi no, domani sì", X.on(2026, 3, 3)},
    {"la prossima settimana, meglio il pomeriggio dopo le 15",
     X.within(D(2026, 3, 9), D(2026, 3, 15)).in(kAfternoon).notBefore(15)},
    {"Sabato 14 alle 9 e mezza", X.on(2026, 3, 14).wd(6).at(9, 30)},
    // the appointment already booked, and where it goes
    {"il mio appuntamento di venerdì lo posso spostare a lunedì?", X.on(2026, 3, 9).wd(1).ref(5)},
    {"vorrei spostare l'appuntamento di giovedì alla settimana prossima",
     X.wd(4).ref(4).within(D(2026, 3, 9), D(2026, 3, 15))},
    {"quello di venerdì", X.wd(5).ref(5)},
};

// Friday 6 March 2026, 15:00
const std::vector<Row> kOnFriday{
    {"venerdì", X.on(2026, 3, 13).wd(5)},  // today is Friday: next week's
    {"questo venerdì", X.on(2026, 3, 13).wd(5)},  // said on that day: the coming one, as "venerdì"
    {"venerdì prossimo", X.on(2026, 3, 13).wd(5)},
    {"lunedì", X.on(2026, 3, 9).wd(1)},
    {"lunedì prossimo", X.on(2026, 3, 9).wd(1)},
    {"entro lunedì", X.on(2026, 3, 9).wd(1)},
    {"dopodomani", X.on(2026, 3, 8)},
    {"fine settimana", X.within(D(2026, 3, 7), D(2026, 3, 8))},
    {"questa settimana", X.within(D(2026, 3, 6), D(2026, 3, 8))},
    {"settimana prossima", X.within(D(2026, 3, 9), D(2026, 3, 15))},
    {"il 6", X.on(2026, 4, 6)},  // said on the 6th: next month's
    {"il 5", X.on(2026, 4, 5)},
    {"tra 3 giorni", X.on(2026, 3, 9)},
    {"tra mezz'ora", X.on(2026, 3, 6).at(15, 30)},
    {"oggi dopo le 17", X.on(2026, 3, 6).notBefore(17)},
};

// Sunday 8 March 2026, 20:00
const std::vector<Row> kOnSunday{
    {"domani", X.on(2026, 3, 9)},
    {"lunedì", X.on(2026, 3, 9).wd(1)},
    {"questo lunedì", X.on(2026, 3, 9).wd(1)},
    {"lunedì prossimo", X.on(2026, 3, 9).wd(1)},
    {"domenica prossima", X.on(2026, 3, 15).wd(7)},
    {"la settimana prossima", X.within(D(2026, 3, 9), D(2026, 3, 15))},
    {"questa settimana", X.within(D(2026, 3, 8), D(2026, 3, 8))},
    {"questo fine settimana", X.within(D(2026, 3, 8), D(2026, 3, 8))},
    {"il prossimo weekend", X.within(D(2026, 3, 14), D(2026, 3, 15))},
    {"inizio della settimana prossima", X.within(D(2026, 3, 9), D(2026, 3, 11))},
    {"stasera alle 9", X.on(2026, 3, 8).at(21).in(kEvening)},
    {"domani alle 9", X.on(2026, 3, 9).at(9)},
    {"tra 2 ore", X.on(2026, 3, 8).at(22)},
    {"tra 5 ore", X.on(2026, 3, 9).at(1)},
};

// Thursday 31 December 2026, 10:00
const std::vector<Row> kOnNewYearsEve{
    {"domani", X.on(2027, 1, 1)},
    {"dopodomani", X.on(2027, 1, 2)},
    {"il 2 gennaio", X.on(2027, 1, 2)},
    {"il primo gennaio", X.on(2027, 1, 1)},
    {"1° gennaio", X.on(2027, 1, 1)},
    {"il 15", X.on(2027, 1, 15)},
    {"il 31", X.on(2027, 1, 31)},
    {"3/1", X.on(2027, 1, 3)},
    {"15 dicembre", X.on(2027, 12, 15)},
    {"venerdì", X.on(2027, 1, 1).wd(5)},
    {"venerdì prossimo", X.on(2027, 1, 1).wd(5)},
    {"la settimana prossima", X.within(D(2027, 1, 4), D(2027, 1, 10))},
    {"tra una settimana", X.on(2027, 1, 7)},
    {"il mese prossimo", X.within(D(2027, 1, 1), D(2027, 1, 31))},
    {"il 3 del mese prossimo", X.on(2027, 1, 3)},
    {"a gennaio", X.within(D(2027, 1, 1), D(2027, 1, 31))},
    {"fine mese", X.within(D(2026, 12, 31), D(2026, 12, 31))},
};

// Ordinary sentences with numbers and day-like words and no date or time in them.
const std::vector<std::string> kNothing{
    "vorrei prenotare una visita",
    "mio figlio ha 3 anni",
    "ho 2 appuntamenti",
    "sono le 3 ricette",
    "la terza",
    "il secondo",
    "il primo",
    "la prima",
    "prendo 2 compresse al giorno",
    "la visita costa 80 euro",
    "il mio numero è 333 1234567",
    "ho la febbre da 3 giorni",
    "mia figlia ha 10 anni e ha la febbre",
    "siamo in 4 persone",
    "abito in via Roma 12",
    "va bene, grazie",
    "sono Martina",
    "mi chiamo Domenico",
    "secondo me è grave",
    "ho preso 2 volte la tachipirina",
    "ho 40 anni e le 2 ricette sono scadute",
    "ne prendo 1 e mezza compressa",
    "<h1>Studio Medico</h1>",
    "ha 2 e 3 anni",
    "abito al 3 piano",
};

std::size_t rowCount() {
    std::size_t n = 0;
    for (const auto* table : {&kDays, &kWeekdays, &kRanges, &kDates, &kTimes, &kDayParts, &kSentences, &kOnFriday,
                              &kOnSunday, &kOnNewYearsEve})
        n += table->size();
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(datetime_italian)

BOOST_AUTO_TEST_CASE(relative_days) { checkRows(kDays, kMonday, kNine); }
BOOST_AUTO_TEST_CASE(weekdays) { checkRows(kWeekdays, kMonday, kNine); }
BOOST_AUTO_TEST_CASE(ranges) { checkRows(kRanges, kMonday, kNine); }
BOOST_AUTO_TEST_CASE(calendar_dates) { checkRows(kDates, kMonday, kNine); }
BOOST_AUTO_TEST_CASE(times) { checkRows(kTimes, kMonday, kNine); }
BOOST_AUTO_TEST_CASE(day_parts) { checkRows(kDayParts, kMonday, kNine); }
BOOST_AUTO_TEST_CASE(whole_sentences) { checkRows(kSentences, kMonday, kNine); }
BOOST_AUTO_TEST_CASE(said_on_a_friday_afternoon) { checkRows(kOnFriday, kFriday, 15 * 60); }
BOOST_AUTO_TEST_CASE(said_on_a_sunday_evening) { checkRows(kOnSunday, kSunday, 20 * 60); }
BOOST_AUTO_TEST_CASE(said_on_new_years_eve) { checkRows(kOnNewYearsEve, kNewYearsEve, 10 * 60); }

BOOST_AUTO_TEST_CASE(ordinary_sentences_name_no_date_or_time) {
    for (const auto& text : kNothing) {
        auto got = extractDateTime(text, kMonday, kNine);
        BOOST_TEST(got.empty(), "'" << text << "' read as a date or time");
    }
    for (const char* text : {"3 giorni fa ho avuto la febbre", "2 settimane fa"}) {
        auto got = extractDateTime(text, kMonday, kNine);
        BOOST_TEST(got.empty(), "'" << text << "' is history, not a date");
        BOOST_TEST(got.spans.size() == 1u, "'" << text << "' consumed so that no other extractor reads the number");
    }
}

BOOST_AUTO_TEST_CASE(spans_cover_the_italian_words_read) {
    std::string text = "venerdì prossimo alle 10 e mezza, grazie";
    auto got = extractDateTime(text, kMonday, kNine);
    BOOST_TEST_REQUIRE(got.spans.size() == 2u);
    BOOST_TEST(text.substr(got.spans[0].first, got.spans[0].second - got.spans[0].first) == "venerdì prossimo");
    BOOST_TEST(text.substr(got.spans[1].first, got.spans[1].second - got.spans[1].first) == "alle 10 e mezza");

    text = "dopodomani con il dottor Rossi";
    got = extractDateTime(text, kMonday, kNine);
    BOOST_TEST_REQUIRE(got.spans.size() == 1u);
    BOOST_TEST(text.substr(got.spans[0].first, got.spans[0].second - got.spans[0].first) == "dopodomani");
}

BOOST_AUTO_TEST_CASE(random_italian_never_breaks_the_contract) {
    const std::vector<std::string> pieces{
        "alle",   "le",         "9",          "15",    "3",   ":",          "/",       ".",        " ",         " ",
        " ",      "e",          "mezza",      "meno",  "un",  "quarto",     "venerdì", "prossimo", "settimana", "il",
        "l'",     "dopodomani", "stamattina", "fine",  "tra", "fra",        "dalle",   "mattina",  "presto",    "tardi",
        "di",     "del",        "mese",       "marzo", "1°",  "primo",      "ore",     "h",        "prima",     "dopo",
        "giorni", "fa",         "lun",        "o",     ",",   "mezzogiorno"};
    std::mt19937 rng(20260308);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), len(0, 12);
    for (int n = 0; n < 3000; ++n) {
        std::string text;
        for (std::size_t k = len(rng); k > 0; --k) text += pieces[pick(rng)];
        auto got = extractDateTime(text, kMonday, kNine);
        checkSpans(text, got);
        for (const auto& m : {got.time.exact, got.time.after, got.time.before})
            if (m) BOOST_TEST((*m >= 0 && *m < 24 * 60), "'" << text << "' minute " << *m);
        if (got.range) BOOST_TEST((got.range->from <= got.range->to), "'" << text << "'");
    }
}

// Every row checks all eight fields; each ordinary sentence one more.
BOOST_AUTO_TEST_CASE(the_tables_cover_the_italian_the_brief_lists) {
    BOOST_TEST(rowCount() >= 220u);
    BOOST_TEST_MESSAGE("Italian rows: " << rowCount() << ", field assertions: " << 8 * rowCount() + kNothing.size());
}

BOOST_AUTO_TEST_SUITE_END()

// "mercoledì 11 di pomeriggio": no afternoon has an 11 o'clock, so it is the 11th in the
// afternoon; "lunedì 9 di mattina" stays Monday at 9.
BOOST_AUTO_TEST_CASE(a_number_the_day_part_cannot_be_an_hour_of_is_the_day) {
    const LocalDate monday{2026, 3, 2};
    auto afternoon = extractDateTime("mercoledì 11 di pomeriggio", monday, 9 * 60);
    BOOST_TEST_REQUIRE(afternoon.date.has_value());
    BOOST_TEST((*afternoon.date == LocalDate{2026, 3, 11}));
    BOOST_TEST(!afternoon.time.exact.has_value());
    BOOST_TEST((afternoon.time.part == DayPart::Afternoon));
    auto morning = extractDateTime("giovedì 19 di mattina", monday, 9 * 60);
    BOOST_TEST_REQUIRE(morning.date.has_value());
    BOOST_TEST((*morning.date == LocalDate{2026, 3, 19}));
    auto nine = extractDateTime("lunedì 9 di mattina", monday, 9 * 60);
    BOOST_TEST_REQUIRE(nine.time.exact.has_value());
    BOOST_TEST(*nine.time.exact == 9 * 60);
}

// "giovedì 12 pomeriggio": a bare number between the day and its part is the day of the month
// (the hour comes with "alle": "giovedì alle 12"); texting's "prox" is "prossima".
BOOST_AUTO_TEST_CASE(a_bare_number_before_the_day_part_is_the_day_and_prox_is_next) {
    const LocalDate monday{2026, 3, 2};
    auto twelfth = extractDateTime("lo possiamo spostare a giovedì 12 pomeriggio?", monday, 9 * 60);
    BOOST_TEST_REQUIRE(twelfth.date.has_value());
    BOOST_TEST((*twelfth.date == LocalDate{2026, 3, 12}));
    BOOST_TEST(!twelfth.time.exact.has_value());
    BOOST_TEST((twelfth.time.part == DayPart::Afternoon));
    auto noon = extractDateTime("giovedì alle 12", monday, 9 * 60);
    BOOST_TEST_REQUIRE(noon.time.exact.has_value());
    BOOST_TEST(*noon.time.exact == 12 * 60);
    auto next = extractDateTime("una visita x mercoldi della prox settimana", monday, 9 * 60);
    BOOST_TEST_REQUIRE(next.date.has_value());
    BOOST_TEST((*next.date == LocalDate{2026, 3, 11}));
}

// "martedì della settimana dopo", "la settimana successiva": next week; "dopo le feste" is not.
BOOST_AUTO_TEST_CASE(the_week_after_is_next_week) {
    const LocalDate monday{2026, 3, 2};
    auto tuesday = extractDateTime("spostare appuntamento cardiologo al martedì della settimana dopo", monday, 9 * 60);
    BOOST_TEST_REQUIRE(tuesday.date.has_value());
    BOOST_TEST((*tuesday.date == LocalDate{2026, 3, 10}));
    auto thursday = extractDateTime("giovedì della settimana successiva", monday, 9 * 60);
    BOOST_TEST_REQUIRE(thursday.date.has_value());
    BOOST_TEST((*thursday.date == LocalDate{2026, 3, 12}));
    BOOST_TEST(!extractDateTime("vengo la settimana dopo le feste", monday, 9 * 60).range.has_value());
}
