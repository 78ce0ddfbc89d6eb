#define BOOST_TEST_MODULE integration_edge
#include <boost/test/unit_test.hpp>
