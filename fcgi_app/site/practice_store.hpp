#pragma once
#include <map>
#include <string>

#include "storage/pool.hpp"

namespace medassist::site {

class PracticeStore {
public:
    explicit PracticeStore(storage::ConnectionPool& pool) : pool_(pool) {}
    // Every practice setting, key -> value.
    std::map<std::string, std::string> settings();
    // Inserts or replaces each key's value, all in one transaction.
    void set(const std::map<std::string, std::string>& values);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::site
