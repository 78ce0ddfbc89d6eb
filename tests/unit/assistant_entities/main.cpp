#define BOOST_TEST_MODULE unit_assistant_entities
#include <boost/test/unit_test.hpp>
