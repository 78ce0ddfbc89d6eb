#define BOOST_TEST_MODULE unit_scheduling
#include <boost/test/unit_test.hpp>
