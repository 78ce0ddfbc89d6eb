#pragma once
#include <string>
#include <utility>
#include <vector>

#include "site/practice_store.hpp"

namespace medassist::site {

struct PracticeInfo {
    std::string tagline, address, phone, email;
    std::vector<std::pair<std::string, std::string>> hours;  // (day, hours) Monday first
};

class PracticeService {
public:
    explicit PracticeService(PracticeStore& store) : store_(store) {}
    PracticeInfo info();

private:
    PracticeStore& store_;
};

}  // namespace medassist::site
