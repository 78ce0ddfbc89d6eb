#define BOOST_TEST_MODULE unit_assistant_faq
#include <boost/test/unit_test.hpp>
