#include "accounts/auth_api_routes.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/String.h>

#include "http/errors.hpp"
#include "http/json_body.hpp"

namespace medassist::accounts {

namespace {
using http::JsonField;
using Obj = Poco::JSON::Object::Ptr;

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// The seed's shape: {"patient_id": 1, "name": ..., "email": ...}, keyed by the role.
Obj profileJson(const Profile& p) {
    Obj o = object();
    o->set(p.role + "_id", p.id);
    o->set("name", p.name);
    o->set("email", p.email);
    o->set("role", p.role);
    o->set("status", p.status);
    o->set("phone", p.phone ? Poco::Dynamic::Var(*p.phone) : Poco::Dynamic::Var());
    o->set("date_of_birth", p.dob ? Poco::Dynamic::Var(*p.dob) : Poco::Dynamic::Var());
    o->set("mfa_enabled", p.mfaEnabled);
    o->set("created_at", p.createdAt);
    // The language chosen for the account (its mails, its sign-ins); null: the practice's default.
    o->set("language", p.language.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(p.language));
    return o;
}

[[noreturn]] void invalid(FieldErrors errors) { throw http::ValidationError(std::move(errors)); }

// What a clean start removed, as a list of words ("caregiver_links", "mfa", "phone", "date_of_birth").
Poco::JSON::Array::Ptr removedJson(const CleanSlate& r) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    if (r.caregiverLinks > 0) list->add(std::string("caregiver_links"));
    if (r.mfa) list->add(std::string("mfa"));
    if (r.phone) list->add(std::string("phone"));
    if (r.dob) list->add(std::string("date_of_birth"));
    return list;
}

http::Response withSession(int status, const SessionGrant& g, const Profile& p, const Gate& gate, Context& ctx,
                           const CleanSlate& removed = {}) {
    Obj body = object();
    body->set("token", g.token);
    body->set(p.role, profileJson(p));
    body->set("expires_at", g.expiresAt);
    // For browser clients that use the cookie: unsafe requests carry it as X-CSRF-Token.
    body->set("csrf_token", gate.csrfFor("s:" + g.principal.jti));
    if (removed.any()) body->set("removed", removedJson(removed));
    addSessionCookies(ctx, g);
    return http::Response::json(status, body);
}

// code for programs (stable); error and message (an English msgid) for people, in the
// reader's language.
http::Response problem(const Context& ctx, int status, const std::string& code, const char* message) {
    Obj body = object();
    body->set("error", ctx.t(http::errorText(status).heading));
    body->set("code", code);
    body->set("message", ctx.t(message));
    return http::Response::json(status, body);
}

void addRegister(http::Router& router, Gate& gate, AccountsService& accounts, const std::string& path,
                 const std::string& role) {
    gate.add(router, "POST", path, Access::open(), [&accounts, &gate, role](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(), {{"name", true, 100},
                                                  {"email", true, 254},
                                                  {"password", true, 128},
                                                  {"phone", false, 25},
                                                  {"date_of_birth", false, 10}});
        // The language cookie or Accept-Language: the account's mails are in it.
        RegisterInput in{role, f["name"], f["email"], f["password"], std::nullopt, std::nullopt, ctx.lang};
        if (f.count("phone")) in.phone = f["phone"];
        if (f.count("date_of_birth")) in.dob = f["date_of_birth"];
        auto result = accounts.registerUser(in, ctx.ip, ctx.now);
        if (!result.errors.empty()) {
            for (auto& e : result.errors)
                if (e.field == "dob") e.field = "date_of_birth";
            invalid(result.errors);
        }
        // The seed's shape, pending: no token and no id until the mailed link is opened, and
        // nothing that depends on the address or on whether it already had an account (the
        // owner of a known one gets a mail instead): every registration of a role gets the
        // same bytes.
        Obj who = object();
        who->set(role + "_id", Poco::Dynamic::Var());
        who->set("role", role);
        who->set("status", std::string("unconfirmed"));
        Obj body = object();
        body->set("token", Poco::Dynamic::Var());
        body->set(role, who);
        body->set("message", ctx.t("Check your email: we sent a link to this address. Open it within 24 hours "
                                         "and enter your password to confirm the address; until then the account "
                                         "cannot be used. Nothing arrived? POST /auth/resend-confirmation."));
        return http::Response::json(202, body);
    });
}

http::Response passwordResult(PasswordResult& r, AccountsService& accounts, const Gate& gate, Context& ctx,
                              const char* doneMessage) {
    if (!r.errors.empty()) invalid(r.errors);
    if (r.session) {
        auto p = accounts.profile(r.session->principal.userId);
        return withSession(200, *r.session, *p, gate, ctx, r.removed);
    }
    Obj body = object();
    body->set("message", ctx.t(doneMessage));
    if (r.removed.any()) body->set("removed", removedJson(r.removed));
    ctx.setCookies.push_back(cookieHeader(kSessionCookie, "", 0));
    return http::Response::json(200, body);
}
}  // namespace

void addAuthApiRoutes(http::Router& router, Gate& gate, AccountsService& accounts) {
    addRegister(router, gate, accounts, "/auth/register", "patient");
    addRegister(router, gate, accounts, "/auth/register/patient", "patient");
    addRegister(router, gate, accounts, "/auth/register/doctor", "doctor");
    addRegister(router, gate, accounts, "/auth/register/caregiver", "caregiver");

    // The mailed link's token and the password chosen at registration: both are needed, so a
    // mail someone else caused cannot confirm their account.
    gate.add(router, "POST", "/auth/confirm-email", Access::open(), [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(), {{"token", true, 100}, {"password", true, 1024}});
        auto r = accounts.confirmEmail(f["token"], f["password"], ctx.ip, ctx.now);
        if (r.retryAfter > 0) {
            auto resp = problem(ctx, 429, "TOO_MANY_ATTEMPTS", i18n::N_("Too many wrong passwords. Wait a few minutes and try again."));
            resp.setHeader("Retry-After", std::to_string(r.retryAfter));
            return resp;
        }
        if (!r.errors.empty()) invalid(r.errors);
        if (r.awaitingApproval) {
            Obj body = object();
            body->set("message", ctx.t("Thank you, your email address is confirmed. An administrator will "
                                             "review your registration; you can sign in once it is approved."));
            return http::Response::json(202, body);
        }
        auto p = accounts.profile(r.session->principal.userId);
        return withSession(200, *r.session, *p, gate, ctx, r.removed);
    });

    gate.add(router, "POST", "/auth/resend-confirmation", Access::open(), [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(), {{"email", true, 254}});
        accounts.resendConfirmation(f["email"], ctx.ip, ctx.now);
        Obj body = object();
        body->set("message", ctx.t("If a registration with this email is waiting for confirmation, we have "
                                         "sent it a new link. The link works for 24 hours."));
        return http::Response::json(202, body);
    });

    gate.add(router, "POST", "/auth/login", Access::open(), [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(),
                                      {{"email", true, 254}, {"password", true, 1024}, {"totp_code", false, 40}});
        auto device = req.cookies().find(kDeviceCookie);
        auto r = accounts.login(f["email"], f["password"], f.count("totp_code") ? f["totp_code"] : "", ctx.ip, ctx.now,
                                device == req.cookies().end() ? std::string() : device->second);
        switch (r.kind) {
            case LoginResult::Kind::Ok:
                // Before the session cookie, which stays the last Set-Cookie (as clients saw it).
                ctx.setCookies.push_back(cookieHeader(kDeviceCookie, r.deviceToken, kDeviceSeconds));
                return withSession(200, *r.session, *r.profile, gate, ctx);
            case LoginResult::Kind::Locked: {
                auto resp = problem(ctx, 429, "ACCOUNT_LOCKED", i18n::N_(
                                    "Too many failed sign-ins for this account. Try again later or reset the password."));
                resp.setHeader("Retry-After", std::to_string(r.retryAfter));
                return resp;
            }
            case LoginResult::Kind::Pending:
                return problem(ctx, 403, "ACCOUNT_PENDING", i18n::N_("This account is waiting for an administrator's approval."));
            case LoginResult::Kind::Unconfirmed:
                return problem(ctx, 403, "EMAIL_UNCONFIRMED", i18n::N_(
                               "Confirm your email address first: open the link we mailed you (POST "
                               "/auth/resend-confirmation sends a new one)."));
            case LoginResult::Kind::MfaRequired:
                return problem(ctx, 401, "MFA_REQUIRED", i18n::N_("Send the 6-digit code from your authenticator app as totp_code."));
            case LoginResult::Kind::MfaInvalid:
                return problem(ctx, 401, "MFA_INVALID", i18n::N_("The code is not correct or was already used."));
            case LoginResult::Kind::MfaEnrollment:
                return problem(ctx, 403, "MFA_ENROLLMENT_REQUIRED", i18n::N_(
                               "Sign in on the website once to set up two-step sign-in for this account."));
            case LoginResult::Kind::Invalid:
                break;
        }
        return problem(ctx, 401, "INVALID_CREDENTIALS", i18n::N_("The email or password is not correct."));
    });

    gate.add(router, "GET", "/auth/me", Access::signedIn(), [&](http::Request&, Context& ctx) {
        auto p = accounts.profile(ctx.principal->userId);
        Obj body = object();
        body->set("role", p->role);
        body->set(p->role, profileJson(*p));
        body->set("expires_at", ctx.principal->expiresAt);
        if (!ctx.bearer) body->set("csrf_token", ctx.csrf);
        return http::Response::json(200, body);
    });

    gate.add(router, "POST", "/auth/logout", Access::signedIn(), [&](http::Request&, Context& ctx) {
        accounts.logout(*ctx.principal, ctx.ip);
        ctx.setCookies.push_back(cookieHeader(kSessionCookie, "", 0));
        Obj body = object();
        body->set("message", ctx.t("Signed out."));
        auto r = http::Response::json(200, body);
        r.setHeader("Clear-Site-Data", "\"cookies\"");
        return r;
    });

    auto forgot = [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(), {{"email", true, 254}, {"role", false, 20}});
        if (f.count("role") && f["role"] != "patient" && f["role"] != "doctor" && f["role"] != "caregiver" &&
            f["role"] != "admin")
            invalid({{"role", i18n::N_("must be patient, doctor, caregiver or admin")}});
        // One email is one account here, so the role only needs to be valid.
        accounts.forgotPassword(f["email"], ctx.ip, ctx.now);
        Obj body = object();
        body->set("message", ctx.t("If an account uses this email, we have sent it a link to reset the "
                                         "password. The link works for 30 minutes."));
        return http::Response::json(200, body);
    };
    gate.add(router, "POST", "/auth/forget_password", Access::open(), forgot);
    gate.add(router, "POST", "/auth/forgetpassword", Access::open(), forgot);

    auto reset = [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(),
                                      {{"token", true, 100}, {"password", true, 128}, {"confirm_password", true, 128}});
        auto r = accounts.resetPassword(f["token"], f["password"], f["confirm_password"], ctx.ip, ctx.now);
        return passwordResult(r, accounts, gate, ctx, i18n::N_("Your password was changed. Sign in with it now."));
    };
    gate.add(router, "POST", "/auth/reset_password", Access::open(), reset);
    gate.add(router, "POST", "/auth/resetpassword", Access::open(), reset);

    auto update = [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(), {{"current_password", true, 1024},
                                                  {"password", true, 128},
                                                  {"confirm_password", true, 128}});
        auto r = accounts.changePassword(*ctx.principal, f["current_password"], f["password"], f["confirm_password"],
                                         ctx.ip, ctx.now);
        return passwordResult(r, accounts, gate, ctx, i18n::N_("Your password was changed."));
    };
    gate.add(router, "PATCH", "/auth/updatemypassword", Access::signedIn(), update);
    gate.add(router, "POST", "/auth/updatemypassword", Access::signedIn(), update);

    // Two-step sign-in for API clients: start (always a new secret, not active yet; one a page
    // showed is abandoned), then confirm with a code from the authenticator app, which turns
    // it on and returns the recovery codes.
    gate.add(router, "POST", "/api/me/mfa", Access::signedIn(), [&](http::Request&, Context& ctx) {
        auto p = accounts.profile(ctx.principal->userId);
        if (p->mfaEnabled) return problem(ctx, 409, "MFA_ALREADY_ENABLED", i18n::N_("Two-step sign-in is already on."));
        auto e = accounts.restartEnrollment(ctx.principal->userId);
        Obj body = object();
        body->set("secret", e.secretBase32);
        body->set("otpauth_uri", e.otpauthUri);
        return http::Response::json(200, body);
    });
    gate.add(router, "POST", "/api/me/mfa/confirm", Access::signedIn(), [&](http::Request& req, Context& ctx) {
        auto f = http::readJsonFields(req.json(), {{"code", true, 10}});
        auto codes = accounts.confirmEnrollment(ctx.principal->userId, f["code"], ctx.ip, ctx.now);
        if (!codes) invalid({{"code", i18n::N_("The code is not correct. Check the time on your phone and try the next code.")}});
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& c : *codes) list->add(c);
        Obj body = object();
        body->set("recovery_codes", list);
        return http::Response::json(200, body);
    });

    // Admin: doctors waiting for approval.
    gate.add(router, "GET", "/api/admin/pending-doctors", Access::only({"admin"}), [&](http::Request&, Context&) {
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& p : accounts.pendingDoctors()) list->add(profileJson(p));
        Obj body = object();
        body->set("doctors", list);
        return http::Response::json(200, body);
    });
    gate.add(router, "POST", "/api/admin/doctors/{id}/approve", Access::only({"admin"}),
             [&](http::Request& req, Context& ctx) {
                 std::int64_t id = 0;
                 try {
                     id = std::stoll(req.pathParam("id"));
                 } catch (...) {
                     throw http::HttpError(404, i18n::N_("No such doctor."));
                 }
                 if (!accounts.approveDoctor(*ctx.principal, id, ctx.ip))
                     throw http::HttpError(404, i18n::N_("No doctor waiting for approval has this id."));
                 return http::Response::empty(204);
             });
}

}  // namespace medassist::accounts
