#include "i18n/catalogs.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <sstream>

#include <boost/locale/format.hpp>
#include <boost/locale/formatting.hpp>
#include <boost/locale/generator.hpp>
#include <boost/locale/message.hpp>

namespace medassist::i18n {

namespace fs = std::filesystem;

namespace {
constexpr const char* kDomain = "medassist";

bool validCode(const std::string& s) {
    return s.size() >= 2 && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c); });
}
}  // namespace

Catalogs::Catalogs(const std::string& localeDir) {
    languages_.push_back("en");
    std::vector<std::string> found;
    std::error_code ec;
    if (fs::is_directory(localeDir, ec)) {
        for (const auto& entry : fs::directory_iterator(localeDir, ec)) {
            std::string code = entry.path().filename().string();
            if (code != "en" && validCode(code) && fs::is_regular_file(entry.path() / "LC_MESSAGES" / "medassist.mo", ec))
                found.push_back(code);
        }
    }
    std::sort(found.begin(), found.end());
    boost::locale::generator gen;
    gen.add_messages_path(localeDir);
    gen.add_messages_domain(kDomain);
    gen.characters(boost::locale::char_facet);
    // English has no catalog (its texts are the msgids) but needs a locale for dates.
    locales_.emplace("en", gen("en_GB.UTF-8"));
    for (const auto& code : found) {
        locales_.emplace(code, gen(code + ".UTF-8"));
        languages_.push_back(code);
    }
}

bool Catalogs::supports(std::string_view lang) const {
    return std::find(languages_.begin(), languages_.end(), lang) != languages_.end();
}

std::string Catalogs::tr(const std::string& lang, const char* msgid) const {
    // "" is the catalog's header in gettext: a text that is empty stays empty.
    if (lang == "en" || *msgid == '\0') return msgid;
    auto it = locales_.find(lang);
    if (it == locales_.end()) return msgid;
    return boost::locale::translate(msgid).str(it->second);
}

std::string Catalogs::trn(const std::string& lang, const char* one, const char* other, long long n) const {
    auto it = lang == "en" ? locales_.end() : locales_.find(lang);
    if (it == locales_.end()) return n == 1 ? one : other;
    // Boost.Locale counts in int; a count past it only needs the form of a large number.
    const int count = n > 1000000000LL ? 1000000000 : (n < -1000000000LL ? -1000000000 : static_cast<int>(n));
    return boost::locale::translate(one, other, count).str(it->second);
}

std::string Catalogs::trf(const std::string& lang, const char* msgid, std::initializer_list<std::string> args) const {
    boost::locale::format f(tr(lang, msgid));
    for (const auto& a : args) f % a;
    auto it = locales_.find(lang);
    return it == locales_.end() ? f.str(std::locale::classic()) : f.str(it->second);
}

std::string Catalogs::render(const std::string& lang, const Text& text) const {
    const std::string base = text.plural.empty() ? tr(lang, text.msgid)
                                                 : trn(lang, text.msgid.c_str(), text.plural.c_str(), text.count);
    if (text.args.empty()) return base;
    auto it = locales_.find(lang);
    const std::locale& loc = it == locales_.end() ? locales_.at("en") : it->second;
    // format keeps references to its arguments: each lives here until str().
    std::vector<std::string> shown;
    shown.reserve(text.args.size());
    for (const auto& a : text.args) shown.push_back(show(lang, a));
    boost::locale::format f(base);
    for (const auto& s : shown) f % s;
    return f.str(loc);
}

std::string Catalogs::show(const std::string& lang, const Arg& a) const {
    switch (a.kind) {
        case Arg::Kind::Literal: return a.value;
        case Arg::Kind::Msgid: return tr(lang, a.value);
        case Arg::Kind::Day: return formatTime(lang, a.epoch, "%A %e %B %Y", a.value);
        case Arg::Kind::Versions: {
            auto v = a.versions.find(lang);
            return v != a.versions.end() && !v->second.empty() ? v->second : tr(lang, a.value);
        }
    }
    return a.value;
}

std::string Catalogs::zoneLabel(const std::string& lang, const std::string& zone) const {
    // The zones a practice here is likely to use; any other says its city.
    static const std::pair<const char*, const char*> kKnown[] = {
        {"Europe/Rome", N_("Rome time")},         {"Europe/London", N_("London time")},
        {"Europe/Paris", N_("Paris time")},       {"Europe/Berlin", N_("Berlin time")},
        {"Europe/Madrid", N_("Madrid time")},     {"Europe/Zurich", N_("Zurich time")},
        {"Europe/Vatican", N_("Rome time")},      {"Europe/San_Marino", N_("San Marino time")},
        {"UTC", N_("Coordinated Universal Time (UTC)")},
    };
    for (const auto& [id, label] : kKnown)
        if (zone == id) return tr(lang, label);
    std::string city = zone.substr(zone.rfind('/') == std::string::npos ? 0 : zone.rfind('/') + 1);
    std::replace(city.begin(), city.end(), '_', ' ');
    return trf(lang, "{1} time", {city});
}

bool Catalogs::translated(const std::string& lang, const std::string& msgid) const {
    if (lang == "en") return true;
    auto it = locales_.find(lang);
    if (it == locales_.end()) return false;
    return boost::locale::translate(msgid).str(it->second) != msgid;
}

std::string Catalogs::formatTime(const std::string& lang, std::int64_t epochSeconds, const char* pattern,
                                 const std::string& zone) const {
    auto it = locales_.find(lang);
    if (it == locales_.end()) it = locales_.find("en");
    std::ostringstream out;
    out.imbue(it->second);
    out << boost::locale::as::ftime(pattern) << boost::locale::as::time_zone(zone) << static_cast<double>(epochSeconds);
    return out.str();
}

std::string nativeName(const std::string& lang) {
    if (lang == "en") return "English";
    if (lang == "it") return "Italiano";
    if (lang == "de") return "Deutsch";
    if (lang == "fr") return "Français";
    if (lang == "es") return "Español";
    return lang;
}

std::string negotiate(const Catalogs& catalogs, const std::string& cookie, const std::string& acceptLanguage,
                      const std::string& fallback) {
    if (catalogs.supports(cookie)) return cookie;
    // Accept-Language: "it-IT,it;q=0.9,en-US;q=0.8,*;q=0.5". The highest q wins; on a tie,
    // the earlier one. q=0 means "not this one".
    std::string best;
    double bestQ = 0.0;
    std::size_t pos = 0;
    while (pos <= acceptLanguage.size()) {
        std::size_t comma = acceptLanguage.find(',', pos);
        if (comma == std::string::npos) comma = acceptLanguage.size();
        std::string item = acceptLanguage.substr(pos, comma - pos);
        pos = comma + 1;
        std::string tag;
        double q = 1.0;
        std::size_t semi = item.find(';');
        tag = item.substr(0, semi);
        if (semi != std::string::npos) {
            std::string params = item.substr(semi + 1);
            std::size_t qpos = params.find("q=");
            if (qpos != std::string::npos) {
                try {
                    q = std::stod(params.substr(qpos + 2));
                } catch (...) {
                    q = 0.0;
                }
            }
        }
        std::string primary;
        for (char c : tag) {
            if (c == '-' || c == '_') break;
            if (std::isalpha(static_cast<unsigned char>(c))) primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (q > bestQ && catalogs.supports(primary)) {
            best = primary;
            bestQ = q;
        }
        if (comma == acceptLanguage.size()) break;
    }
    if (!best.empty()) return best;
    return catalogs.supports(fallback) ? fallback : "en";
}

}  // namespace medassist::i18n
