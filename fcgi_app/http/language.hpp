#pragma once
// The reader's language for a request: the language cookie (set by the switcher, and at
// sign-in from the account's saved choice), else Accept-Language, else the practice's default.
#include <string>

#include "http/request.hpp"
#include "http/view.hpp"

namespace medassist::http {

// Set by GET /language (site/language_routes.cpp) and at sign-in; a year, every path.
inline constexpr const char* kLanguageCookie = "__Host-lang";

std::string languageOf(const Request& req, const View& view);

// The Set-Cookie value that remembers lang for a year.
std::string languageCookie(const std::string& lang);

}  // namespace medassist::http
