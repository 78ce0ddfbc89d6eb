#define BOOST_TEST_MODULE unit_accounts
#include <boost/test/unit_test.hpp>
