#pragma once
// The stack's database through the app's own account (as the app and medassist-admin
// audit-verify use it), and random names so reruns never meet an earlier run's rows.
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>

#include <boost/test/unit_test.hpp>

#include "security/crypto_util.hpp"
#include "stack_client.hpp"
#include "storage/database_url.hpp"
#include "storage/pool.hpp"
#include "temp_dir.hpp"

namespace medassist::testing {

inline storage::DatabaseUrl appDatabaseUrl() {
    std::string secret = readFile(std::filesystem::path(env("MEDASSIST_TEST_VAR")) / "secrets" / "database_url");
    BOOST_REQUIRE_MESSAGE(!secret.empty(), "no database_url under MEDASSIST_TEST_VAR");
    return storage::DatabaseUrl::parse(secret.substr(0, secret.find('\n')));
}

inline std::unique_ptr<storage::ConnectionPool> appPool(std::size_t maxSize = 8) {
    storage::PoolOptions o;
    o.maxSize = maxSize;
    return std::make_unique<storage::ConnectionPool>(appDatabaseUrl(), o);
}

inline std::string randomName(const std::string& prefix) {
    std::string name = prefix;
    name += security::hexEncode(security::randomBytes(8));
    return name;
}

inline std::int64_t epochNow() { return static_cast<std::int64_t>(std::time(nullptr)); }

}  // namespace medassist::testing
