#include "accounts/gate.hpp"

#include <algorithm>
#include <ctime>
#include <map>

#include <Poco/JSON/Object.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include "http/encoding.hpp"
#include "http/language.hpp"
#include "security/crypto_util.hpp"
#include "security/csrf.hpp"

namespace medassist::accounts {

namespace {
bool unsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool isApi(const std::string& path) { return path.rfind("/api/", 0) == 0 || path.rfind("/auth/", 0) == 0; }

// The form pages do what an API route does, so they share its counters: a page must not
// be a way around the API's limits.
std::string limitedAs(const std::string& method, const std::string& pattern) {
    static const std::map<std::string, std::string> pages{
        {"/login", "/auth/login"},
        {"/login/mfa", "/auth/login"},
        {"/login/enroll", "/auth/login"},
        {"/account/mfa", "/auth/login"},
        {"/api/me/mfa/confirm", "/auth/login"},
        {"/account/mfa/disable", "/auth/updatemypassword"},
        {"/register", "/auth/register"},
        {"/confirm-email", "/auth/confirm-email"},
        {"/register/resend", "/auth/resend-confirmation"},
        {"/account/invitation", "/api/caregiver-invitations/accept"},
        {"/forgot-password", "/auth/forgetpassword"},
        {"/reset-password", "/auth/resetpassword"},
        {"/account/password", "/auth/updatemypassword"},
        // Pages that write (and mail) count against their API twin's hourly limit.
        {"/account/caregivers", "/api/caregivers"},
        {"/appointments", "/api/appointments"},
    };
    if (method != "POST") return pattern;
    auto it = pages.find(pattern);
    return it == pages.end() ? pattern : it->second;
}

bool sameAddress(const std::string& a, const std::string& b) {
    Poco::Net::IPAddress x, y;
    if (!Poco::Net::IPAddress::tryParse(a, x) || !Poco::Net::IPAddress::tryParse(b, y)) return a == b;
    return x == y;
}

bool trusted(const std::string& ip, const std::vector<std::string>& proxies) {
    for (const auto& p : proxies)
        if (sameAddress(ip, p)) return true;
    return false;
}

std::optional<std::string> bearerToken(const http::Request& req) {
    auto h = req.header("Authorization");
    if (!h) return std::nullopt;
    const std::string prefix = "Bearer ";
    if (h->size() <= prefix.size() || Poco::icompare(h->substr(0, prefix.size()), prefix) != 0) return std::string{};
    return Poco::trim(h->substr(prefix.size()));
}
}  // namespace

std::string cookieHeader(const std::string& name, const std::string& value, int maxAge) {
    std::string h = name;
    h += '=';
    h += value;
    h += "; Path=/; Secure; HttpOnly; SameSite=Strict";
    if (maxAge >= 0) {
        h += "; Max-Age=";
        h += std::to_string(maxAge);
    }
    return h;
}

std::string clientAddress(const http::Request& request, const std::vector<std::string>& trustedProxies) {
    std::string addr = request.remoteAddr();
    if (!trusted(addr, trustedProxies)) return addr;
    auto xff = request.header("X-Forwarded-For");
    if (!xff) return addr;
    Poco::StringTokenizer parts(*xff, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (auto it = parts.end(); it != parts.begin();) {
        --it;
        Poco::Net::IPAddress parsed;
        if (!Poco::Net::IPAddress::tryParse(*it, parsed)) return addr;  // garbage: believe nothing further
        if (!trusted(*it, trustedProxies)) return *it;
    }
    return addr;
}

http::Visitor Context::visitor() const {
    http::Visitor v;
    v.signedIn = principal.has_value();
    if (principal) v.role = principal->role;
    v.csrf = csrf;
    v.lang = lang;
    v.path = path;
    return v;
}

std::string Context::t(const char* msgid) const { return catalogs ? catalogs->tr(lang, msgid) : msgid; }

std::string Context::tf(const char* msgid, std::initializer_list<std::string> args) const {
    if (catalogs) return catalogs->trf(lang, msgid, args);
    i18n::Catalogs english("");
    return english.trf("en", msgid, args);
}

std::string Context::t(const i18n::Text& text) const {
    if (catalogs) return catalogs->render(lang, text);
    i18n::Catalogs english("");
    return english.render("en", text);
}

std::string Context::tn(const char* one, const char* other, long long n,
                        std::initializer_list<std::string> args) const {
    std::vector<i18n::Arg> shown;
    for (const auto& a : args) shown.push_back(i18n::Arg::literal(a));
    return t(i18n::Text::counted(one, other, n, std::move(shown)));
}

std::string Context::show(const i18n::Arg& arg) const {
    if (catalogs) return catalogs->show(lang, arg);
    i18n::Catalogs english("");
    return english.show("en", arg);
}

Gate::Gate(AccountsService& accounts, security::RateLimiter& limiter, const http::View& view, GateSettings settings)
    : accounts_(accounts), limiter_(limiter), view_(view), settings_(std::move(settings)) {}

std::string Gate::csrfFor(const std::string& binding) const { return security::csrfToken(settings_.secretKey, binding); }

void Gate::add(http::Router& router, const std::string& method, const std::string& pattern, Access access, Handler h) {
    router.add(method, pattern, [this, method, pattern, access = std::move(access), h = std::move(h)](http::Request& req) {
        return run(req, method, pattern, access, h, nullptr);
    });
}

void Gate::add(http::Router& router, const std::string& method, const std::string& pattern, Access access, Handler h,
               Handler whenLimited) {
    router.add(method, pattern,
               [this, method, pattern, access = std::move(access), h = std::move(h),
                whenLimited = std::move(whenLimited)](http::Request& req) {
                   return run(req, method, pattern, access, h, &whenLimited);
               });
}

http::Response Gate::deny(const http::Request& req, int status, const std::string& code, const std::string& message) const {
    if (req.wantsJson()) {
        // code for programs; error and message for people, in the reader's language.
        const std::string lang = http::languageOf(req, view_);
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        body->set("error", view_.catalogs().tr(lang, http::errorText(status).heading));
        body->set("code", code);
        body->set("message", view_.catalogs().tr(lang, message));
        body->set("request_id", req.requestId());
        return http::Response::json(status, body);
    }
    return http::Response::html(status, view_.errorPage(status, req.requestId(), "", "", http::languageOf(req, view_)));
}

void addSessionCookies(Context& ctx, const SessionGrant& grant) {
    if (!grant.language.empty() && ctx.catalogs && ctx.catalogs->supports(grant.language)) {
        ctx.setCookies.push_back(http::languageCookie(grant.language));
        ctx.lang = grant.language;
    }
    ctx.setCookies.push_back(cookieHeader(kSessionCookie, grant.token));
}

std::optional<Principal> Gate::principalOf(const http::Request& req) {
    auto it = req.cookies().find(kSessionCookie);
    if (it == req.cookies().end()) return std::nullopt;
    return accounts_.authenticate(it->second, static_cast<std::int64_t>(std::time(nullptr))).principal;
}

std::string Gate::readerLanguage(const http::Request& req) {
    std::optional<std::string> token = bearerToken(req);
    if (!token) {
        auto it = req.cookies().find(kSessionCookie);
        if (it != req.cookies().end()) token = it->second;
    }
    if (token && !token->empty()) {
        auto auth = accounts_.authenticate(*token, static_cast<std::int64_t>(std::time(nullptr)));
        if (auth.principal) return http::languageOf(req, view_, auth.principal->language);
    }
    return http::languageOf(req, view_);
}

http::Visitor Gate::visitorOf(const http::Request& req) {
    http::Visitor v;
    v.lang = http::languageOf(req, view_);
    v.path = req.path();
    auto it = req.cookies().find(kSessionCookie);
    if (it == req.cookies().end()) return v;
    auto auth = accounts_.authenticate(it->second, static_cast<std::int64_t>(std::time(nullptr)));
    if (!auth.principal) return v;
    v.signedIn = true;
    v.lang = http::languageOf(req, view_, auth.principal->language);
    v.role = auth.principal->role;
    v.csrf = csrfFor("s:" + auth.principal->jti);
    return v;
}

http::Response Gate::run(http::Request& req, const std::string& method, const std::string& pattern,
                         const Access& access, const Handler& h, const Handler* whenLimited) {
    Context ctx;
    ctx.now = static_cast<std::int64_t>(std::time(nullptr));
    ctx.ip = clientAddress(req, settings_.trustedProxies);
    ctx.lang = http::languageOf(req, view_);
    ctx.catalogs = &view_.catalogs();
    ctx.path = req.path();

    // 1. App-level rate limit (per client address, counters in MariaDB).
    const std::string counted = limitedAs(method, pattern);
    std::optional<security::RateRule> rule =
        security::authRateRule(method, counted, settings_.minuteSeconds, settings_.hourSeconds);
    if (!rule && (isApi(req.path()) || counted != pattern)) {
        // As Flask-Limiter's default limit in the seed: each route counts on its own.
        rule = security::defaultRateRule(settings_.ratePerHour, settings_.hourSeconds);
        rule->id += ":" + method + counted;
    }
    if (rule) {
        // The counters name the client by a keyed hash, so no address is stored in clear.
        const std::string client =
            security::hexEncode(security::hmacSha256(settings_.secretKey, "rate:" + security::rateClientKey(ctx.ip)))
                .substr(0, 32);
        auto decision = limiter_.check(*rule, client, ctx.now);
        if (!decision.allowed && whenLimited && *whenLimited && !req.wantsJson()) {
            // The form page answers below, after the checks every request passes.
            ctx.retryAfter = std::max(1, decision.retryAfterSeconds);
        } else if (!decision.allowed) {
            http::Response r;
            if (req.wantsJson()) {
                Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                body->set("error", view_.catalogs().tr(ctx.lang, http::errorText(429).heading));
                body->set("code", std::string("RATE_LIMIT_EXCEEDED"));
                body->set("retry_after", decision.retryAfterSeconds);
                r = http::Response::json(429, body);
            } else {
                r = http::Response::html(429, view_.errorPage(429, req.requestId(), "",
                                                              std::to_string(decision.retryAfterSeconds), ctx.lang));
            }
            r.setHeader("Retry-After", std::to_string(decision.retryAfterSeconds));
            return r;
        }
    }

    // 2. Authenticate: a Bearer header (API clients) or the session cookie (browsers).
    const auto& cookies = req.cookies();
    auto bearer = bearerToken(req);
    auto cookie = cookies.find(kSessionCookie);
    bool clearCookie = false;
    std::optional<std::string> renewed;
    if (bearer) {
        ctx.bearer = true;
        auto auth = accounts_.authenticate(*bearer, ctx.now);
        ctx.principal = auth.principal;
        // An API client keeps its token; only browsers get renewed cookies.
    } else if (cookie != cookies.end()) {
        auto auth = accounts_.authenticate(cookie->second, ctx.now);
        ctx.principal = auth.principal;
        if (!auth.principal) clearCookie = true;
        renewed = auth.renewedToken;
    }
    // The account's saved language comes first (issue 17's order), whatever the cookie or
    // Accept-Language says, and for a Bearer client that sends neither. The request keeps it
    // for the dispatcher, which answers a handler's ValidationError after the gate.
    if (ctx.principal) ctx.lang = http::languageOf(req, view_, ctx.principal->language);
    req.setLanguage(ctx.lang);

    auto finish = [&](http::Response r) {
        // A handler that signed in or out has set the session cookie itself.
        bool handlerSetSession = false;
        for (const auto& c : ctx.setCookies)
            if (c.rfind(std::string(kSessionCookie) + "=", 0) == 0) handlerSetSession = true;
        // Signing in or out retires the pre-session nonce, so a form token made before
        // cannot be replayed into the new session.
        if (handlerSetSession) r.addHeader("Set-Cookie", cookieHeader(kPreSessionCookie, "", 0));
        if (!handlerSetSession && renewed) r.addHeader("Set-Cookie", cookieHeader(kSessionCookie, *renewed));
        else if (!handlerSetSession && clearCookie) r.addHeader("Set-Cookie", cookieHeader(kSessionCookie, "", 0));
        for (const auto& c : ctx.setCookies) r.addHeader("Set-Cookie", c);
        return r;
    };

    if (access.signInRequired && !ctx.principal) {
        if (req.wantsJson() || bearer)
            return finish(deny(req, 401, "UNAUTHENTICATED", i18n::N_("Sign in first (the session may have expired).")));
        std::string next = req.method() == "GET" ? req.path() : "/";
        return finish(http::Response::redirect("/login?next=" + http::percentEncode(next)));
    }

    // 3. Role check declared on the route.
    if (ctx.principal && !access.roles.empty() && !access.roles.count(ctx.principal->role)) {
        accounts_.recordDenied(ctx.principal, ctx.ip, pattern);
        return finish(deny(req, 403, "FORBIDDEN", i18n::N_("Your account cannot use this.")));
    }

    // 4. CSRF: the token binds to the session's jti, or to a pre-session nonce cookie for
    // visitors who are not signed in (the sign-in and register forms).
    std::string binding;
    bool newPre = false;
    if (ctx.principal) {
        binding = "s:" + ctx.principal->jti;
    } else {
        auto pre = cookies.find(kPreSessionCookie);
        if (pre != cookies.end() && pre->second.size() == 43) {
            binding = "p:" + pre->second;
        } else if (req.wantsJson()) {
            newPre = true;  // API clients post JSON without a session: no form token exists
        } else {
            std::string nonce = security::base64UrlEncode(security::randomBytes(32));
            binding = "p:" + nonce;
            ctx.setCookies.push_back(cookieHeader(kPreSessionCookie, nonce));
            newPre = true;
        }
    }
    ctx.csrf = csrfFor(binding);

    if (unsafe(req.method())) {
        auto site = req.header("Sec-Fetch-Site");
        auto origin = req.header("Origin");
        // Referrer-Policy: no-referrer (nginx) makes browsers send "Origin: null" on the site's
        // own form posts, with Sec-Fetch-Site: same-origin; nginx lets exactly that pair through
        // (snippets/cors-http.conf) and so does this. A null origin from anywhere else (a
        // sandboxed frame, a redirect from another site) is still refused.
        const bool ownNullOrigin = origin && *origin == "null" && site && *site == "same-origin";
        if ((site && *site == "cross-site") ||
            (origin && *origin != settings_.publicOrigin && !ownNullOrigin)) {
            accounts_.recordDenied(ctx.principal, ctx.ip, "cross_origin");
            return finish(deny(req, 403, "CSRF", i18n::N_("Requests from other sites are refused.")));
        }
        if (!ctx.bearer) {
            const auto contentType = req.header("Content-Type").value_or("");
            std::string token;
            bool needed = true;
            if (contentType.rfind("application/x-www-form-urlencoded", 0) == 0) {
                token = req.form().getOr("csrf_token", "");
            } else if (ctx.principal) {
                token = req.header("X-CSRF-Token").value_or("");
            } else {
                // A JSON request without any session (sign-in, register through the API):
                // no ambient credential to abuse, and a cross-site JSON post needs a CORS
                // preflight that nginx refuses.
                needed = false;
            }
            // A signed-in visitor may post a form that was rendered before the session
            // cookie came along (a mailed link opened without cookies): its token is bound
            // to the pre-session cookie, which is as secret as the session cookie.
            bool valid = !newPre && security::csrfValid(settings_.secretKey, binding, token);
            auto pre = cookies.find(kPreSessionCookie);
            if (!valid && ctx.principal && pre != cookies.end())
                valid = security::csrfValid(settings_.secretKey, "p:" + pre->second, token);
            if (needed && !valid) {
                accounts_.recordDenied(ctx.principal, ctx.ip, "csrf");
                return finish(deny(req, 403, "CSRF",
                                   i18n::N_("This form expired or was not sent from this site. Reload the page and try again.")));
            }
        }
    }

    if (ctx.retryAfter > 0) {
        http::Response r = (*whenLimited)(req, ctx);
        r.status = 429;
        r.setHeader("Retry-After", std::to_string(ctx.retryAfter));
        return finish(std::move(r));
    }
    return finish(h(req, ctx));
}

}  // namespace medassist::accounts
