#define BOOST_TEST_MODULE unit_assistant
#include <boost/test/unit_test.hpp>
