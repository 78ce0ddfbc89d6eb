#define BOOST_TEST_MODULE integration_mail
#include <boost/test/unit_test.hpp>
