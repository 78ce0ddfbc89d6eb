// What pages show from C++ in the reader's language: dates and times (the practice's zone,
// never UTC), appointment status labels, and field errors the services give in English.
#include <boost/test/unit_test.hpp>

#include <string>

#include "accounts/gate.hpp"
#include "http/page_time.hpp"
#include "i18n/catalogs.hpp"
#include "scheduling/page_support.hpp"
#include "scheduling/practice_time.hpp"
#include "scheduling/scheduling_service.hpp"

using namespace medassist;

namespace {

const i18n::Catalogs& catalogs() {
    static const i18n::Catalogs c(MEDASSIST_LOCALE_DIR);
    return c;
}

accounts::Context reader(const std::string& lang) {
    accounts::Context ctx;
    ctx.lang = lang;
    ctx.catalogs = &catalogs();
    return ctx;
}

std::int64_t at(const char* iso) { return *scheduling::parseInstant(iso); }

}  // namespace

BOOST_AUTO_TEST_SUITE(page_texts)

BOOST_AUTO_TEST_CASE(english_dates_are_the_ones_pages_always_showed) {
    // English output stays byte-identical: the same words PracticeTime gives the mails.
    const scheduling::PracticeTime rome("Europe/Rome");
    const http::PageTime en(catalogs(), "en", "Europe/Rome");
    for (const char* iso : {"2026-11-24T08:30Z", "2026-07-01T10:00Z", "2026-03-02T08:30Z", "2026-10-25T00:30Z"}) {
        const auto t = at(iso);
        BOOST_TEST(en.longDate(t) == rome.longDate(t), iso);
        BOOST_TEST(en.time(t) == rome.time(t), iso);
        BOOST_TEST(en.when(t) == scheduling::describeWhen(rome, t), iso);
    }
    BOOST_TEST(en.when(at("2026-11-24T08:30Z")) == "Tuesday 24 November 2026 at 09:30");
    BOOST_TEST(en.minute(at("2026-03-02T08:30Z")) == "2 March 2026, 09:30");  // not "08:30 UTC"
    BOOST_TEST(en.day(at("2026-03-02T12:00Z")) == "2 March 2026");
}

BOOST_AUTO_TEST_CASE(italian_dates_in_italian_and_the_practice_zone) {
    const http::PageTime it(catalogs(), "it", "Europe/Rome");
    BOOST_TEST(it.longDate(at("2026-11-24T08:30Z")) == "martedì 24 novembre 2026");
    BOOST_TEST(it.time(at("2026-11-24T08:30Z")) == "09:30");
    BOOST_TEST(it.time(at("2026-07-01T10:00Z")) == "12:00");  // summer time
    BOOST_TEST(it.when(at("2026-11-24T08:30Z")) == "martedì 24 novembre 2026 alle 09:30");
    BOOST_TEST(it.minute(at("2026-03-02T08:30Z")) == "2 marzo 2026, 09:30");
    // Another practice zone moves the wall clock, never to UTC.
    const http::PageTime ny(catalogs(), "it", "America/New_York");
    BOOST_TEST(ny.longDate(at("2026-11-24T03:00Z")) == "lunedì 23 novembre 2026");
}

BOOST_AUTO_TEST_CASE(status_labels_in_both_languages) {
    const auto en = reader("en"), it = reader("it");
    BOOST_TEST(scheduling::pages::statusLabel(en, "booked") == "Booked");
    BOOST_TEST(scheduling::pages::statusLabel(en, "no_show") == "Missed (no-show)");
    BOOST_TEST(scheduling::pages::statusLabel(it, "booked") == "Prenotato");
    BOOST_TEST(scheduling::pages::statusLabel(it, "cancelled") == "Disdetto");
    BOOST_TEST(scheduling::pages::statusLabel(it, "completed") == "Completato");
    BOOST_TEST(scheduling::pages::statusLabel(it, "no_show") == "Mancato (assente)");
    BOOST_TEST(scheduling::pages::statusLabel(it, "unheard_of") == "unheard_of");
}

BOOST_AUTO_TEST_CASE(problems_show_service_reasons_in_the_readers_language) {
    scheduling::pages::Problems p({"start", "reason"}, {"reason"});
    p.add(accounts::FieldErrors{{"start", "Choose a time."}, {"reason", "Keep the reason to 500 characters or fewer."}});
    p.note("Sorry, that time was just taken by someone else.");
    p.note("A text no catalog has");

    http::TemplateData en, it;
    p.into(en, reader("en"));
    p.into(it, reader("it"));
    BOOST_TEST(en.get("start_error")->string_value() == "Choose a time.");
    BOOST_TEST(it.get("start_error")->string_value() == "Scelga un orario.");
    BOOST_TEST(it.get("reason_error")->string_value() == "Il motivo può avere al massimo 500 caratteri.");
    const auto& summary = it.get("errors")->list_value();
    BOOST_TEST_REQUIRE(summary.size() == 4u);
    BOOST_TEST(summary[0].get("message")->string_value() == "Ci dispiace, quell'orario è appena stato prenotato da un'altra persona.");
    BOOST_TEST(summary[1].get("message")->string_value() == "A text no catalog has");  // English when untranslated
}

// Issue 17: a text with a count takes the form its language uses for that number (gettext
// plurals), so a practice that allows one booking at a time does not read "1 ... appointments".
BOOST_AUTO_TEST_CASE(a_text_with_a_count_reads_right_for_one_and_for_more) {
    auto limit = [](const accounts::Context& ctx, int n) {
        return ctx.tn("You already have {1} upcoming appointment, the most that can be booked at once. "
                      "To book another, cancel or move it first, or call the practice.",
                      "You already have {1} upcoming appointments, the most that can be booked at once. "
                      "To book another, cancel or move one of them first, or call the practice.",
                      n, {std::to_string(n)});
    };
    BOOST_TEST(limit(reader("en"), 1) ==
               "You already have 1 upcoming appointment, the most that can be booked at once. To book another, "
               "cancel or move it first, or call the practice.");
    BOOST_TEST(limit(reader("en"), 3) ==
               "You already have 3 upcoming appointments, the most that can be booked at once. To book another, "
               "cancel or move one of them first, or call the practice.");
    BOOST_TEST(limit(reader("it"), 1) ==
               "Ha già 1 appuntamento in programma, il massimo che si può prenotare. Per prenotarne un altro, prima "
               "lo disdica o lo sposti, oppure telefoni allo studio.");
    BOOST_TEST(limit(reader("it"), 3) ==
               "Ha già 3 appuntamenti in programma, il massimo che si può prenotare insieme. Per prenotarne un "
               "altro, prima ne disdica o ne sposti uno, oppure telefoni allo studio.");
    // 0 takes the other form in both (Italian's Plural-Forms: n != 1).
    BOOST_TEST(reader("it").tn("{1} minute", "{1} minutes", 0, {"0"}) == "0 minuti");
    BOOST_TEST(reader("en").tn("{1} minute", "{1} minutes", 1, {"1"}) == "1 minute");
    // A service's Text carries its count the same way.
    const auto text = i18n::Text::counted("Less than {1} hour to go: this appointment can no longer be cancelled or moved online.",
                                          "Less than {1} hours to go: this appointment can no longer be cancelled or moved online.",
                                          1, {i18n::Arg::number(1)});
    BOOST_TEST(catalogs().render("it", text) == "Manca meno di 1 ora: questo appuntamento non si può più disdire né spostare online.");
    BOOST_TEST(catalogs().render("en", text) == "Less than 1 hour to go: this appointment can no longer be cancelled or moved online.");
}

// Issue 17: the patron saint's name an admin wrote per language, in the reader's; a language
// without its own version says the default (itself translated when it is the built-in one).
BOOST_AUTO_TEST_CASE(a_name_written_per_language_is_shown_in_the_readers) {
    const auto own = i18n::Arg::translated("Saint Ambrose", {{"it", "Sant'Ambrogio"}});
    BOOST_TEST(reader("it").show(own) == "Sant'Ambrogio");
    BOOST_TEST(reader("en").show(own) == "Saint Ambrose");
    const auto builtIn = i18n::Arg::translated("Saints Peter and Paul", {{"de", "Peter und Paul"}});
    BOOST_TEST(reader("it").show(builtIn) == "Santi Pietro e Paolo");
    BOOST_TEST(reader("en").show(builtIn) == "Saints Peter and Paul");
}

BOOST_AUTO_TEST_CASE(an_empty_text_stays_empty) {
    // "" is the catalog's header to gettext: a page with no notice must not show it.
    BOOST_TEST(reader("it").t("") == "");
    BOOST_TEST(catalogs().tr("it", "") == "");
}

BOOST_AUTO_TEST_SUITE_END()
