#define BOOST_TEST_MODULE integration_reminders
#include <boost/test/unit_test.hpp>

#include "stack_client.hpp"

using medassist::testing::RequireStack;
BOOST_TEST_GLOBAL_FIXTURE(RequireStack);
