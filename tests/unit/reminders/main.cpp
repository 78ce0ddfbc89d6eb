#define BOOST_TEST_MODULE unit_reminders
#include <boost/test/unit_test.hpp>
