#define BOOST_TEST_MODULE unit_assistant_dialogue
#include <boost/test/unit_test.hpp>
