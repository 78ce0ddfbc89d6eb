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
    // The practice's texts in lang where an admin wrote them ("tagline.it"), else as written.
    PracticeInfo info(const std::string& lang = "en");

private:
    PracticeStore& store_;
};

}  // namespace medassist::site
