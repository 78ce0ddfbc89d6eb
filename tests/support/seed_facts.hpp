#pragma once
// The demo practice's facts (sql/seed/0001_practice.sql) and the seed FAQ's answers with
// their placeholders ({{hours}}, {{phone}}: site/faq_placeholders.hpp) filled in from them,
// as the app shows them: tests that read the seed FAQ from its file see what patients see.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "i18n/catalogs.hpp"
#include "site/faq_placeholders.hpp"
#include "site/practice_service.hpp"

namespace medassist::testing {

// The ('key', 'value') pairs of the seed's practice_settings INSERT.
inline std::map<std::string, std::string> seedSettings() {
    std::ifstream in(std::filesystem::path(MEDASSIST_SOURCE_DIR) / "sql/seed/0001_practice.sql", std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    const std::string sql = all.str();
    std::map<std::string, std::string> out;
    std::string key;
    bool haveKey = false;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if (sql[i] == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = std::min(sql.find('\n', i), sql.size());
        } else if (sql[i] == '(') {
            haveKey = false;
        } else if (sql[i] == '\'') {
            std::string value;
            for (++i; i < sql.size(); ++i) {
                if (sql[i] == '\'' && i + 1 < sql.size() && sql[i + 1] == '\'') {
                    value += '\'';
                    ++i;
                } else if (sql[i] == '\'') {
                    break;
                } else if (sql[i] == '\\' && i + 1 < sql.size() && sql[i + 1] == 'n') {
                    value += '\n';
                    ++i;
                } else {
                    value += sql[i];
                }
            }
            if (!haveKey) {
                key = value;
                haveKey = true;
            } else {
                out[key] = value;
            }
        }
    }
    return out;
}

inline site::PracticeInfo seedPracticeInfo(const std::string& lang = "en") {
    const auto s = seedSettings();
    auto value = [&s](const std::string& key) {
        auto it = s.find(key);
        return it == s.end() ? std::string() : it->second;
    };
    site::PracticeInfo p;
    p.address = lang != "en" && !value("address." + lang).empty() ? value("address." + lang) : value("address");
    p.phone = value("phone");
    p.email = value("email");
    for (const char* day : {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}) {
        std::string key = "hours.";
        for (const char* c = day; *c; ++c) key += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        if (!value(key).empty()) p.hours.emplace_back(day, value(key));
    }
    return p;
}

inline std::string renderSeedAnswer(const std::string& answer, const std::string& lang = "en") {
#ifdef MEDASSIST_LOCALE_DIR
    static const i18n::Catalogs catalogs(MEDASSIST_LOCALE_DIR);
#else
    static const i18n::Catalogs catalogs("");
#endif
    static const site::PracticeInfo en = seedPracticeInfo("en");
    static const site::PracticeInfo it = seedPracticeInfo("it");
    return site::renderFaqText(answer, lang == "it" ? it : en, catalogs, lang);
}

}  // namespace medassist::testing
