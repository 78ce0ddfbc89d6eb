#define BOOST_TEST_MODULE integration_foundation
#include <boost/test/unit_test.hpp>
