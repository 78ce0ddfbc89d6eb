#include "site/practice_service.hpp"

#include "i18n/catalogs.hpp"

namespace medassist::site {

PracticeInfo PracticeService::info(const std::string& lang) {
    auto s = store_.settings();
    auto value = [&s](const std::string& key) {
        auto it = s.find(key);
        return it == s.end() ? std::string{} : it->second;
    };
    PracticeInfo p;
    auto translated = [&](const std::string& key) {
        const std::string own = lang == "en" ? std::string() : value(key + "." + lang);
        return own.empty() ? value(key) : own;
    };
    p.tagline = translated("tagline");
    p.address = translated("address");
    p.phone = value("phone");
    p.email = value("email");
    // English names, translated where a page shows them (site_routes.cpp).
    using i18n::N_;
    static const char* days[] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
                                 N_("Saturday"), N_("Sunday")};
    for (const char* day : days) {
        std::string key = "hours." + std::string(day);
        for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto h = value(key);
        if (!h.empty()) p.hours.emplace_back(day, h);
    }
    return p;
}

}  // namespace medassist::site
