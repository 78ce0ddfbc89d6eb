#include "site/practice_store.hpp"

#include "storage/statement_cache.hpp"

#include <memory>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::site {

std::map<std::string, std::string> PracticeStore::settings() {
    return pool_.run([](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(
            c.prepareStatement("SELECT setting_key, setting_value FROM practice_settings"));
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        std::map<std::string, std::string> out;
        while (rs->next()) out[rs->getString(1)] = rs->getString(2);
        return out;
    });
}

void PracticeStore::set(const std::map<std::string, std::string>& values) {
    if (values.empty()) return;
    pool_.run([&](sql::Connection& c) {
        storage::Transaction tx(c);
        storage::Prepared st(storage::prepare(c, 
            "INSERT INTO practice_settings (setting_key, setting_value) VALUES (?, ?) "
            "ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)"));
        for (const auto& [key, value] : values) {
            st->setString(1, key);
            st->setString(2, value);
            st->executeUpdate();
        }
        tx.commit();
    });
}

}  // namespace medassist::site
