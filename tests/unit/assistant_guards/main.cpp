#define BOOST_TEST_MODULE unit_assistant_guards
#include <boost/test/unit_test.hpp>
