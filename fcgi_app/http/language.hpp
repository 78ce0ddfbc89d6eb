#pragma once
// The reader's language for a request, in issue 17's order: the signed-in account's saved
// choice (the gate resolves it and records it on the request, Request::setLanguage); else the
// language cookie (set by the switcher, and at sign-in from the saved choice); else
// Accept-Language; else the practice's default.
#include <string>

#include "http/request.hpp"
#include "http/view.hpp"

namespace medassist::http {

// Set by GET /language (site/language_routes.cpp) and at sign-in; a year, every path.
inline constexpr const char* kLanguageCookie = "__Host-lang";

std::string languageOf(const Request& req, const View& view);
// The same order with the account's saved language given (empty: none or not signed in).
std::string languageOf(const Request& req, const View& view, const std::string& saved);

// The Set-Cookie value that remembers lang for a year.
std::string languageCookie(const std::string& lang);

}  // namespace medassist::http
