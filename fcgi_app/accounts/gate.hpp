#pragma once
// The middleware every route passes through, in DESIGN.md's order: client address →
// app-level rate limit → authenticate (the __Host-session cookie, or Authorization: Bearer)
// → role check declared on the route → CSRF on unsafe methods. A route is registered
// through the Gate with the roles it allows; anything else gets 401/403 before the
// handler runs.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "accounts/accounts_service.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/view.hpp"
#include "security/rate_limiter.hpp"

namespace medassist::accounts {

inline constexpr const char* kSessionCookie = "__Host-session";
inline constexpr const char* kPreSessionCookie = "__Host-pre";
inline constexpr const char* kPendingCookie = "__Host-mfa";
// A browser that signed in to an account before: failed sign-ins elsewhere never delay it.
inline constexpr const char* kDeviceCookie = "__Host-device";
inline constexpr int kDeviceSeconds = 180 * 24 * 3600;

// Set-Cookie values: HttpOnly, Secure, SameSite=Strict, Path=/, no Domain (seed 000).
// maxAge < 0: a browser-session cookie; 0: delete it.
std::string cookieHeader(const std::string& name, const std::string& value, int maxAge = -1);

// The client's address: REMOTE_ADDR, or the right-most X-Forwarded-For entry that is not a
// trusted proxy when REMOTE_ADDR itself is one.
std::string clientAddress(const http::Request& request, const std::vector<std::string>& trustedProxies);

struct Access {
    bool signInRequired = false;
    std::set<std::string> roles;  // empty with signInRequired: any signed-in role

    static Access open() { return {}; }
    static Access signedIn() { return {true, {}}; }
    static Access only(std::set<std::string> r) { return {true, std::move(r)}; }
};

// What a handler gets besides the request.
struct Context {
    std::optional<Principal> principal;
    std::string ip;
    std::string csrf;       // the token this visitor's forms carry
    bool bearer = false;    // authenticated by an Authorization header, not a cookie
    std::int64_t now = 0;
    std::vector<std::string> setCookies;  // the handler may add (sign-in, sign-out)
    std::string lang;       // the reader's language (http/language.hpp)
    std::string path;       // the request's path
    // Set only for a form page's answer to its own rate limit (Gate::add's whenLimited): the
    // seconds until the refusing window ends.
    int retryAfter = 0;
    const i18n::Catalogs* catalogs = nullptr;
    http::Visitor visitor() const;
    // A text in the reader's language (the English text itself without catalogs);
    // tf replaces {1}, {2}... by args. xgettext reads both as keywords (scripts/i18n/extract).
    std::string t(const char* msgid) const;
    std::string t(const std::string& msgid) const { return t(msgid.c_str()); }
    std::string tf(const char* msgid, std::initializer_list<std::string> args) const;
    // A service's text (a field error, a refusal) in the reader's language.
    std::string t(const i18n::Text& text) const;
    // A text with a count n: one's form for 1 in English, other's for the rest, and the
    // reader's language's own forms (gettext plurals); then {1}, {2}... replaced by args.
    // xgettext reads tn's first two arguments as msgid and msgid_plural.
    std::string tn(const char* one, const char* other, long long n, std::initializer_list<std::string> args) const;
    // One argument (a closed day's name an admin wrote per language) in the reader's language.
    std::string show(const i18n::Arg& arg) const;
};

// A session starts: the session cookie, preceded by the language cookie when the account
// saved a language the app has, so the saved choice wins on every later page (and on this
// response, through ctx.lang). The session cookie stays the last one the handler sets.
void addSessionCookies(Context& ctx, const SessionGrant& grant);

struct GateSettings {
    std::string secretKey;      // CSRF HMAC key
    std::string publicOrigin;   // "https://host[:port]": the only Origin allowed to post
    std::vector<std::string> trustedProxies;
    int ratePerHour = 100;
    int minuteSeconds = 60;
    int hourSeconds = 3600;
};

class Gate {
public:
    using Handler = std::function<http::Response(http::Request&, Context&)>;

    Gate(AccountsService& accounts, security::RateLimiter& limiter, const http::View& view, GateSettings settings);

    void add(http::Router& router, const std::string& method, const std::string& pattern, Access access, Handler h);
    // A form post whose refusal by the rate limit must not lose what the person typed: a browser
    // (not an API client) over the limit gets whenLimited's page, which shows the form again
    // with ctx.retryAfter set, instead of the bare 429 page. The gate still authenticates and
    // checks the role and CSRF first, never runs h, and makes the answer a 429 with Retry-After
    // whatever whenLimited returns, so such a page cannot become a way around the limit.
    void add(http::Router& router, const std::string& method, const std::string& pattern, Access access, Handler h,
             Handler whenLimited);

    // The visitor of a request that did not go through add() (the visitor's nav on a page).
    http::Visitor visitorOf(const http::Request& request);
    // Who a browser request is signed in as (the session cookie only, never a Bearer header),
    // for routes outside accounts/ (the language switcher saves the choice on the account).
    std::optional<Principal> principalOf(const http::Request& request);
    // The reader's language of a request that did not go through add() (the dispatcher's 404
    // for a path no route serves): the account's saved choice of a Bearer token or session
    // cookie first, then the cookie, Accept-Language and the practice default.
    std::string readerLanguage(const http::Request& request);

    const GateSettings& settings() const { return settings_; }
    std::string csrfFor(const std::string& binding) const;

private:
    http::Response run(http::Request& req, const std::string& method, const std::string& pattern,
                       const Access& access, const Handler& h, const Handler* whenLimited);
    http::Response deny(const http::Request& req, int status, const std::string& code, const std::string& message) const;

    AccountsService& accounts_;
    security::RateLimiter& limiter_;
    const http::View& view_;
    GateSettings settings_;
};

}  // namespace medassist::accounts
