#pragma once
// What the privacy suite's files share: a free demo slot some weeks ahead (picked at random,
// so reruns and other suites rarely meet) and the JSON body that books it.
#include <cstdint>
#include <random>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "../accounts/api_client.hpp"
#include "app_db.hpp"
#include "scheduling/practice_time.hpp"

namespace privacy_test {

using medassist::testing::ApiClient;

inline std::string dayAhead(int days) {
    static medassist::scheduling::PracticeTime clk("Europe/Rome");
    return medassist::scheduling::formatDate(
        medassist::scheduling::addDays(clk.dateOf(medassist::testing::epochNow()), days));
}

struct Slot {
    std::int64_t doctorId = 0;
    std::string start;
};

inline Slot freeSlot(ApiClient& c, const std::string& specialty, int fromDays, int toDays) {
    static std::mt19937 rng(std::random_device{}());
    auto r = c.call("GET", "/api/slots?specialty=" + specialty + "&from=" + dayAhead(fromDays) +
                               "&to=" + dayAhead(toDays));
    BOOST_TEST_REQUIRE(r.status == 200, "slots: " << r.status << " " << r.body);
    auto arr = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Array::Ptr>();
    BOOST_TEST_REQUIRE(arr->size() > 0u);
    auto o = arr->getObject(static_cast<unsigned>(rng() % arr->size()));
    return {o->getValue<std::int64_t>("doctor_id"), o->getValue<std::string>("start")};
}

// {"doctor_id","start","reason"}; no "reason" when it is empty.
inline std::string bookingBody(const Slot& s, const std::string& reason) {
    Poco::JSON::Object o;
    o.set("doctor_id", s.doctorId);
    o.set("start", s.start);
    if (!reason.empty()) o.set("reason", reason);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

}  // namespace privacy_test
