#include <boost/test/unit_test.hpp>
#include <fstream>
#include "../account_pages/pages_support.hpp"
using namespace medassist::testing;
BOOST_AUTO_TEST_CASE(zz_dump) {
    const std::string email = uniqueEmail("admin");
    createUserWithCli("admin", "Dump Admin", email);
    Browser b;
    auto first = signIn(b, email);
    auto setup = b.follow(first);
    b.post("/login/enroll", {{"csrf_token", csrfOf(setup.body)}, {"code", totpFor(setupKeyOf(setup.body))}});
    auto w = [&](const std::string& path, const std::string& file) {
        auto r = b.get(path);
        std::ofstream("/tmp/adminwork/" + file) << r.body;
    };
    w("/admin", "dashboard.html");
    w("/admin/doctors", "doctors.html");
    w("/admin/settings", "settings.html");
    w("/admin/faq", "faq.html");
    w("/admin/faq/1", "faq_edit.html");
    auto list = b.get("/admin/doctors");
    auto pos = list.body.find("href=\"/admin/doctors/");
    std::string href = between(list.body.substr(pos), "href=\"", "\"");
    w(href, "doctor_edit.html");
    auto r = b.post(href + "/time-off", {{"csrf_token", csrfOf(list.body)}, {"from_date", "2030-01-01"}, {"to_time", "25:00"}});
    std::ofstream("/tmp/adminwork/doctor_edit_422.html") << r.body;
    auto s = b.post("/admin/settings", {{"csrf_token", csrfOf(list.body)}, {"timezone", "X"}});
    std::ofstream("/tmp/adminwork/settings_422.html") << s.body;
}
