#pragma once
// DATABASE_URL, as in the seed's .env: mysql://user:password@host[:port]/database[?socket=/path]
#include <string>

namespace medassist::storage {

struct DatabaseUrl {
    std::string user;
    std::string password;
    std::string host = "localhost";
    int port = 3306;
    std::string database;
    std::string socket;  // a unix socket path; when set, host and port are not used

    // Throws std::invalid_argument with a reason that never contains the password.
    static DatabaseUrl parse(const std::string& url);
};

}  // namespace medassist::storage
