#define BOOST_TEST_MODULE unit_assistant_nlu
#include <boost/test/unit_test.hpp>
