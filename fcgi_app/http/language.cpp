#include "http/language.hpp"

namespace medassist::http {

std::string languageOf(const Request& req, const View& view) {
    if (!req.language().empty() && view.catalogs().supports(req.language())) return req.language();
    return languageOf(req, view, "");
}

std::string languageOf(const Request& req, const View& view, const std::string& saved) {
    if (!saved.empty() && view.catalogs().supports(saved)) return saved;
    auto it = req.cookies().find(kLanguageCookie);
    const std::string cookie = it == req.cookies().end() ? std::string() : it->second;
    return i18n::negotiate(view.catalogs(), cookie, req.header("Accept-Language").value_or(""), view.site().lang);
}

std::string languageCookie(const std::string& lang) {
    return std::string(kLanguageCookie) + "=" + lang + "; Path=/; Max-Age=31536000; Secure; HttpOnly; SameSite=Lax";
}

}  // namespace medassist::http
