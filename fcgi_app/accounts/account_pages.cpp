#include "accounts/account_pages.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "accounts/landing.hpp"
#include "http/encoding.hpp"
#include "http/errors.hpp"
#include "http/language.hpp"
#include "security/totp_qr.hpp"

namespace medassist::accounts {

namespace {
using http::TemplateData;

constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxPassword = 1024;  // the API's limit; the hasher pre-hashes any length
constexpr int kPendingSeconds = 300;        // the pending sign-in token lives 5 minutes
// The account page: where the pages about the account itself go back to.
const std::string kAccountPath = "/account";

// kainjow treats every string, even "", as true in a section: absent values are false.
TemplateData optional(const std::string& value) { return value.empty() ? TemplateData(false) : TemplateData(value); }

TemplateData list() { return TemplateData(TemplateData::type::list); }

// One input of a form as its template sees it.
struct FieldDef {
    std::string id;                    // the input's id and name
    bool hint = false;                 // the template shows <p class="hint" id="ID-hint">
    std::vector<std::string> aliases;  // the service's names for it ("dob")
};

// What one form needs to be shown again: the values to keep (never a password), each
// error next to its field, and the summary at the top that links to the fields. The
// template reads field "x" as f_x.value, f_x.error, f_x.invalid and f_x.describedby.
class Form {
public:
    explicit Form(std::vector<FieldDef> fields) : fields_(std::move(fields)) {}

    void keep(const std::string& id, const std::string& value) { values_[id] = value; }

    void fail(const std::string& fieldName, const i18n::Text& reason) {
        for (const auto& f : fields_) {
            if (f.id == fieldName || std::find(f.aliases.begin(), f.aliases.end(), fieldName) != f.aliases.end()) {
                errors_.emplace(f.id, reason);  // the first reason for a field is the one to fix first
                return;
            }
        }
        notes_.emplace_back(reason, "");
    }
    void fail(const FieldErrors& errors) {
        for (const auto& e : errors) fail(e.field, e.reason);
    }
    // A problem with the form as a whole (a wrong sign-in): summary only, linking to a field.
    void note(const i18n::Text& reason, const std::string& targetId) { notes_.emplace_back(reason, targetId); }

    bool failed() const { return !errors_.empty() || !notes_.empty(); }

    // Reasons are kept in English (the services' texts, marked i18n::N_) and shown in the
    // reader's language.
    void into(TemplateData& data, const Context& ctx) const {
        TemplateData summary = list();
        for (const auto& [reason, target] : notes_) summary.push_back(summaryItem(ctx.t(reason), target));
        for (const auto& f : fields_) {
            auto err = errors_.find(f.id);
            auto val = values_.find(f.id);
            std::string describedBy;
            if (f.hint) describedBy = f.id + "-hint";
            if (err != errors_.end()) {
                if (!describedBy.empty()) describedBy += ' ';
                describedBy += f.id;
                describedBy += "-error";
                summary.push_back(summaryItem(ctx.t(err->second), f.id));
            }
            TemplateData field;
            field.set("value", val == values_.end() ? std::string() : val->second);
            field.set("error", err == errors_.end() ? TemplateData(false) : TemplateData(ctx.t(err->second)));
            field.set("invalid", err != errors_.end());
            field.set("describedby", optional(describedBy));
            data.set("f_" + f.id, field);
        }
        data.set("has_errors", failed());
        data.set("errors", summary);
    }

private:
    static TemplateData summaryItem(const std::string& reason, const std::string& target) {
        TemplateData item;
        item.set("message", reason);
        item.set("href", target.empty() ? TemplateData(false) : TemplateData("#" + target));
        return item;
    }

    std::vector<FieldDef> fields_;
    std::map<std::string, std::string> values_;
    std::map<std::string, i18n::Text> errors_;
    std::vector<std::pair<i18n::Text, std::string>> notes_;  // reason, field id to link
};

http::Response render(const http::View& view, int status, const std::string& name, const std::string& title,
                      const TemplateData& data, const std::string& currentPath, const http::Visitor& visitor,
                      bool failed = false) {
    // "Error: " first, so a screen reader hears at once that the page came back with problems.
    std::string fullTitle = failed ? "Error: " : "";
    fullTitle += title;
    return http::Response::html(status, view.page(name, fullTitle, data, currentPath, visitor));
}

std::string cookieValue(const http::Request& req, const std::string& name) {
    auto it = req.cookies().find(name);
    return it == req.cookies().end() ? std::string() : it->second;
}

// Where to go after signing in: only a path on this site, or "" for none (the person then
// lands where their role works: landing.hpp). "//host" and "/\host" are other sites to a
// browser, and anything that would need escaping in a Location header is refused rather than
// repaired.
std::string safeNext(const std::string& next) {
    if (next.empty() || next.size() > 512 || next[0] != '/') return "";
    if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "";
    static const std::string allowed = "-._~:/?#[]@!$&'()*+,;=%";
    for (unsigned char c : next)
        if (!std::isalnum(c) && allowed.find(static_cast<char>(c)) == std::string::npos) return "";
    return next;
}

std::string withNext(const std::string& path, const std::string& next) {
    if (next.empty()) return path;
    std::string out = path;
    out += "?next=";
    out += http::percentEncode(next);
    return out;
}

// A typed code may carry the spaces an app shows between digit groups.
std::string withoutSpaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

bool sixDigits(const std::string& code) {
    return code.size() == 6 && std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The key in groups of four, as authenticator apps show it, so it is easier to copy by eye.
std::string grouped(const std::string& secret) {
    std::string out;
    for (std::size_t i = 0; i < secret.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += secret[i];
    }
    return out;
}

std::string roleLabel(const std::string& role) {
    if (role == "patient") return i18n::N_("Patient");
    if (role == "caregiver") return i18n::N_("Caregiver");
    if (role == "doctor") return i18n::N_("Doctor");
    if (role == "admin") return i18n::N_("Administrator");
    return role;
}

// After a first proof of an address that had an unproved account before (issue 16).
const char* const kCleanedNote =
    i18n::N_("Because the address had never been proved yours before, what was set up on the account until now "
             "(caregivers, two-step sign-in, phone, date of birth) was removed; we have mailed you the list.");

bool mustKeepMfa(const std::string& role) { return role == "doctor" || role == "admin"; }

http::Visitor signedInVisitor(const Gate& gate, const SessionGrant& g) {
    http::Visitor v;
    v.signedIn = true;
    v.role = g.principal.role;
    v.csrf = gate.csrfFor("s:" + g.principal.jti);
    return v;
}

// Where a signed-in person goes when no page asked to be returned to (landing.hpp).
std::string landing(privacy::ConsentService& consent, const Principal& p) {
    return landingFor(p.role, p.role == "patient" && consent.hasConsent(p.userId));
}

std::string nextOr(privacy::ConsentService& consent, const std::string& next, const Principal& p) {
    return next.empty() ? landing(consent, p) : next;
}

// ---- register ----------------------------------------------------------------------------

Form registerForm() {
    return Form({{"role", false, {}},
                 {"name", false, {}},
                 {"email", false, {}},
                 {"password", true, {}},
                 {"phone", true, {}},
                 {"date_of_birth", true, {"dob"}}});
}

// What the register form sent, as typed (the password too: never shown again).
RegisterInput typedRegistration(const http::FormFields& f) {
    RegisterInput in;
    in.role = f.getOr("role", "patient");
    in.name = f.getOr("name", "");
    in.email = f.getOr("email", "");
    in.password = f.getOr("password", "");
    if (auto phone = f.getOr("phone", ""); !phone.empty()) in.phone = phone;
    if (auto dob = f.getOr("date_of_birth", ""); !dob.empty()) in.dob = dob;
    return in;
}

// The form shown again with what was typed, never the password.
Form registerFormWith(const RegisterInput& in) {
    Form form = registerForm();
    form.keep("name", in.name);
    form.keep("email", in.email);
    form.keep("phone", in.phone.value_or(""));
    form.keep("date_of_birth", in.dob.value_or(""));
    return form;
}

// How long to wait, as a person says it: seconds under a minute, else whole minutes (rounded up).
std::string waitFor(const Context& ctx, int seconds) {
    if (seconds < 1) seconds = 1;
    if (seconds < 60) return ctx.tn("{1} second", "{1} seconds", seconds, {std::to_string(seconds)});
    const int minutes = (seconds + 59) / 60;
    return ctx.tn("{1} minute", "{1} minutes", minutes, {std::to_string(minutes)});
}

http::Response registerPage(const http::View& view, const Context& ctx, const Form& form, const std::string& role,
                            const std::string& consentVersion, bool consentTicked, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("consent_version", consentVersion);
    d.set("consent_checked", consentTicked);
    d.set("role_patient", role != "caregiver" && role != "doctor");
    d.set("role_caregiver", role == "caregiver");
    d.set("role_doctor", role == "doctor");
    form.into(d, ctx);
    return render(view, status, "accounts/register", i18n::N_("Register"), d, "/register", ctx.visitor(), form.failed());
}

// ---- confirm the email address ------------------------------------------------------------

Form confirmForm() { return Form({{"password", true, {}}}); }

http::Response confirmExpired(const http::View& view, const Context& ctx, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    return render(view, status, "accounts/confirm_expired", i18n::N_("This link no longer works"), d, "/confirm-email",
                  ctx.visitor());
}

http::Response confirmPage(const http::View& view, const Context& ctx, const std::string& token, const Form& form,
                           int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("token", token);
    form.into(d, ctx);
    return render(view, status, "accounts/confirm_email", i18n::N_("Confirm your email address"), d, "/confirm-email",
                  ctx.visitor(), form.failed());
}

// ---- sign in -------------------------------------------------------------------------------

Form loginForm() { return Form({{"email", false, {}}, {"password", false, {}}}); }

struct LoginNotice {
    std::string text;
    bool success = false;
};

http::Response loginPage(const http::View& view, const Context& ctx, const Form& form, const std::string& next,
                         int status, const LoginNotice& notice = {}) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("next", next);
    d.set("notice", optional(ctx.t(notice.text)));
    d.set("notice_success", notice.success);
    form.into(d, ctx);
    return render(view, status, "accounts/login", i18n::N_("Sign in"), d, "/login", ctx.visitor(), form.failed());
}

Form codeForm() { return Form({{"code", true, {}}}); }

http::Response mfaPage(const http::View& view, const Context& ctx, const Form& form, const std::string& next,
                       int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("next", next);
    form.into(d, ctx);
    return render(view, status, "accounts/login_mfa", i18n::N_("Enter your sign-in code"), d, "/login", ctx.visitor(),
                  form.failed());
}

// ---- two-step sign-in set-up (at a first sign-in, or from the account page) ---------------

struct EnrollPage {
    std::string action;      // where the code form posts
    std::string currentPath; // for the navigation
    bool firstSignIn = false;
};

http::Response enrollPage(const http::View& view, const Context& ctx, const EnrollPage& page,
                          const Enrollment& enrollment, const Form& form, int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("action", page.action);
    d.set("first_sign_in", page.firstSignIn);
    // The same key on every showing (a reload, a wrong code) until it is confirmed or the
    // person asks for a new one: the one in their app stays the right one.
    d.set("secret", grouped(enrollment.secretBase32));
    d.set("otpauth_uri", enrollment.otpauthUri);
    const auto qr = security::qrSvg(enrollment.otpauthUri);
    d.set("qr_size", std::to_string(qr.size));
    d.set("qr_pixels", std::to_string(qr.size * 4));  // 4 px a module; the CSS lets it shrink on narrow screens
    d.set("qr_path", qr.path);
    form.into(d, ctx);
    return render(view, status, "accounts/enroll", i18n::N_("Set up two-step sign-in"), d, page.currentPath, ctx.visitor(),
                  form.failed());
}

// continueTo: where the page's button leads: the account page when two-step sign-in was
// turned on there, the person's own landing (a doctor's schedule, the admin pages) after a
// first sign-in's set-up.
http::Response recoveryCodesPage(const http::View& view, const std::vector<std::string>& codes,
                                 const std::string& currentPath, const http::Visitor& visitor,
                                 const std::string& continueTo = "/account") {
    TemplateData items = list();
    for (const auto& c : codes) {
        TemplateData item;
        item.set("code", c);
        items.push_back(item);
    }
    TemplateData d;
    d.set("codes", items);
    d.set("continue_href", continueTo);
    d.set("continue_account", continueTo == "/account");
    return render(view, 200, "accounts/recovery_codes", i18n::N_("Your recovery codes"), d, currentPath, visitor);
}

// ---- account -------------------------------------------------------------------------------

Form profileForm() { return Form({{"name", false, {}}, {"phone", true, {}}, {"date_of_birth", true, {"dob"}}}); }
Form passwordForm() {
    return Form({{"current_password", false, {}}, {"password", true, {}}, {"confirm_password", false, {}}});
}
Form languageForm() { return Form({{"language", true, {}}}); }
// Its own ids: the page also has the password-change form's "password".
Form disableMfaForm() { return Form({{"mfa_password", true, {"password", "mfa"}}}); }

struct AccountState {
    std::optional<Form> profile, password, mfa, language;  // the form that came back, if any
    std::string chosenLanguage;                    // what the language form sent, when it came back
    std::string saved;                             // ?saved=...
    bool clean = false;                            // ?clean=1: a first proof of the address removed things
};

http::Response accountPage(const http::View& view, AccountsService& accounts,
                           const std::vector<AccountPageSection>& sections, const Context& ctx, AccountState state,
                           int status) {
    auto p = accounts.profile(ctx.principal->userId);
    if (!p) throw std::runtime_error("signed-in user vanished");

    Form profile = state.profile ? *state.profile : profileForm();
    if (!state.profile) {
        profile.keep("name", p->name);
        profile.keep("phone", p->phone.value_or(""));
        profile.keep("date_of_birth", p->dob.value_or(""));
    }
    Form password = state.password ? *state.password : passwordForm();
    Form mfa = state.mfa ? *state.mfa : disableMfaForm();
    Form language = state.language ? *state.language : languageForm();
    // The language the mails are written in: the saved choice, else the practice's default.
    const std::string chosen = state.language ? state.chosenLanguage : accounts.mailLanguage(*p);
    TemplateData options = list();
    if (ctx.catalogs) {
        for (const auto& code : ctx.catalogs->languages()) {
            TemplateData o;
            o.set("code", code);
            o.set("name", i18n::nativeName(code));
            o.set("selected", code == chosen);
            options.push_back(o);
        }
    }

    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("account_email", p->email);
    d.set("account_role", ctx.t(roleLabel(p->role)));
    d.set("is_patient", p->role == "patient");
    // The page speaks to each role of its own work (issue 22): no appointment wording for staff.
    d.set("is_caregiver", p->role == "caregiver");
    d.set("is_doctor", p->role == "doctor");
    d.set("is_admin", p->role == "admin");
    d.set("is_staff", p->role == "doctor" || p->role == "admin");
    d.set("mfa_on", p->mfaEnabled);
    d.set("mfa_required", mustKeepMfa(p->role));
    d.set("mfa_can_disable", p->mfaEnabled && !mustKeepMfa(p->role));
    d.set("mfa_can_enable", !p->mfaEnabled);

    std::string saved;
    if (state.saved == "profile") saved = ctx.t("Your details were saved.");
    else if (state.saved == "password") saved = ctx.t("Your password was changed. Other devices were signed out.");
    else if (state.saved == "mfa") saved = p->mfaEnabled ? ctx.t("Two-step sign-in is on.") : ctx.t("Two-step sign-in is off.");
    else if (state.saved == "confirmed") saved = ctx.t("Thank you: your email address is confirmed.");
    else if (state.saved == "language") saved = ctx.t("Your language was saved. The practice's emails to you are written in it.");
    for (const auto& section : sections)
        if (saved.empty() && section.savedText) saved = section.savedText(ctx, state.saved);
    if (state.clean) {
        saved += ' ';
        saved += ctx.t(kCleanedNote);
    }
    d.set("saved", optional(saved));
    for (const auto& section : sections)
        if (section.fill) section.fill(ctx, d);

    // One summary at the top: only the form that was sent can have come back with errors.
    const Form* failed = nullptr;
    for (const Form* f : {&profile, &password, &mfa, &language})
        if (f->failed()) failed = f;
    TemplateData pd, wd, md, ld;
    profile.into(pd, ctx);
    password.into(wd, ctx);
    mfa.into(md, ctx);
    language.into(ld, ctx);
    d.set("profile", pd);
    d.set("pw", wd);
    d.set("mfa", md);
    d.set("lang_form", ld);
    d.set("language_options", options);
    if (failed) failed->into(d, ctx);
    else Form(std::vector<FieldDef>{}).into(d, ctx);  // no errors: an empty summary
    return render(view, status, "accounts/account", i18n::N_("My account"), d, "/account", ctx.visitor(), failed != nullptr);
}

// ---- forgot and reset password ---------------------------------------------------------

Form forgotForm() { return Form({{"email", false, {}}}); }

Form resetForm() { return Form({{"password", true, {}}, {"confirm_password", false, {}}}); }

http::Response resetExpired(const http::View& view, const Context& ctx, int status) {
    return render(view, status, "accounts/reset_expired", i18n::N_("This link no longer works"), TemplateData(),
                  "/reset-password", ctx.visitor());
}

http::Response resetPage(const http::View& view, const Context& ctx, const std::string& token, const Form& form,
                         int status) {
    TemplateData d;
    d.set("csrf", ctx.csrf);
    d.set("token", token);
    form.into(d, ctx);
    return render(view, status, "accounts/reset_password", i18n::N_("Choose a new password"), d, "/reset-password",
                  ctx.visitor(), form.failed());
}

}  // namespace

void addAccountPages(http::Router& router, Gate& gate, AccountsService& accounts, privacy::ConsentService& consent,
                     const http::View& view, const std::vector<AccountPageSection>& sections) {
    // ---- register ----
    gate.add(router, "GET", "/register", Access::open(), [&](http::Request&, Context& ctx) {
        if (ctx.principal) return http::Response::redirect(landing(consent, *ctx.principal));
        return registerPage(view, ctx, registerForm(), "patient", consent.current().version, false, 200);
    });

    gate.add(
        router, "POST", "/register", Access::open(),
        [&](http::Request& req, Context& ctx) {
            const auto& f = req.form();
            RegisterInput in = typedRegistration(f);
            in.language = ctx.lang;  // the page's language becomes the account's: its mails are in it
            // The version the page showed; if the text changed meanwhile, agree() refuses it and
            // the patient is asked on the consent page instead.
            const std::string consentVersion = f.getOr("consent_version", "");
            const bool consentTicked = f.getOr("consent", "") == "1";

            Form form = registerFormWith(in);
            if (in.role != "patient" && in.role != "caregiver" && in.role != "doctor") {
                form.fail("role", i18n::N_("Choose patient, caregiver or doctor."));
                return registerPage(view, ctx, form, "patient", consentVersion, consentTicked, 422);
            }
            auto result = accounts.registerUser(in, ctx.ip, ctx.now);
            if (!result.errors.empty()) {
                form.fail(result.errors);
                return registerPage(view, ctx, form, in.role, consentVersion, consentTicked, 422);
            }
            // A new account's consent is kept for when it is confirmed (a text changed meanwhile
            // is asked again on the consent page). The answer never says whether the address
            // already had an account: "check your email" either way.
            if (result.profile && in.role == "patient" && consentTicked)
                consent.agree(result.profile->id, consentVersion, true, ctx.ip);
            return http::Response::redirect("/register/check-email");
        },
        // Over the limit (3 a minute, 15 an hour per address): nothing is registered, and the
        // form comes back as it was sent, the password aside, with how long to wait.
        [&](http::Request& req, Context& ctx) {
            const auto& f = req.form();
            const RegisterInput in = typedRegistration(f);
            Form form = registerFormWith(in);
            form.note(ctx.tf("You have sent this form several times in a short while, so to protect the practice's "
                             "accounts it is paused for now. Please wait {1}, then send it again. What you typed is "
                             "still here; only the password has to be typed again.",
                             {waitFor(ctx, ctx.retryAfter)}),
                      "");
            const std::string role = in.role == "caregiver" || in.role == "doctor" ? in.role : "patient";
            return registerPage(view, ctx, form, role, f.getOr("consent_version", consent.current().version),
                                f.getOr("consent", "") == "1", 429);
        });

    gate.add(router, "GET", "/register/check-email", Access::open(), [&](http::Request& req, Context& ctx) {
        TemplateData d;
        d.set("csrf", ctx.csrf);
        d.set("resent", req.query().getOr("resent", "") == "1");
        return render(view, 200, "accounts/register_check_email", i18n::N_("Check your email"), d, "/register", ctx.visitor());
    });

    gate.add(router, "POST", "/register/resend", Access::open(), [&](http::Request& req, Context& ctx) {
        const std::string email = req.form().getOr("email", "");
        if (email.size() <= kMaxEmail) accounts.resendConfirmation(email, ctx.ip, ctx.now);
        return http::Response::redirect("/register/check-email?resent=1");
    });

    gate.add(router, "GET", "/confirm-email", Access::open(), [&](http::Request& req, Context& ctx) {
        // Opening the link changes nothing (mail scanners open links too): the form does.
        const std::string token = req.query().getOr("token", "");
        if (!accounts.confirmationUsable(token, ctx.now)) return confirmExpired(view, ctx, 200);
        return confirmPage(view, ctx, token, confirmForm(), 200);
    });

    gate.add(router, "POST", "/confirm-email", Access::open(), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string token = f.getOr("token", "");
        const std::string password = f.getOr("password", "");
        Form form = confirmForm();
        if (password.size() > kMaxPassword) {
            form.fail("password", i18n::N_("A password has at most 128 characters."));
            return confirmPage(view, ctx, token, form, 422);
        }
        auto r = accounts.confirmEmail(token, password, ctx.ip, ctx.now);
        for (const auto& e : r.errors)
            if (e.field == "token") return confirmExpired(view, ctx, 422);
        if (!r.errors.empty()) {
            form.fail(r.errors);
            auto resp = confirmPage(view, ctx, token, form, r.retryAfter > 0 ? 429 : 422);
            if (r.retryAfter > 0) resp.setHeader("Retry-After", std::to_string(r.retryAfter));
            return resp;
        }
        if (r.awaitingApproval) return http::Response::redirect("/register/pending");
        addSessionCookies(ctx, *r.session);
        // A new patient or caregiver starts on the welcome page and its next steps, not on
        // the account page's forms.
        const std::string role = r.session->principal.role;
        const std::string first =
            role == "patient" || role == "caregiver" ? std::string(kWelcomePath) + "?confirmed=1" : "/account?saved=confirmed";
        return http::Response::redirect(r.removed.any() ? first + "&clean=1" : first);
    });

    // ---- welcome: a new patient's or caregiver's first page, with the next steps ----
    gate.add(router, "GET", kWelcomePath, Access::signedIn(), [&](http::Request& req, Context& ctx) {
        const Principal& who = *ctx.principal;
        if (who.role != "patient" && who.role != "caregiver") return http::Response::redirect(landing(consent, who));
        auto p = accounts.profile(who.userId);
        if (!p) throw std::runtime_error("signed-in user vanished");
        std::string notice;
        if (req.query().getOr("confirmed", "") == "1") notice = ctx.t("Thank you: your email address is confirmed.");
        if (req.query().getOr("clean", "") == "1") {
            if (!notice.empty()) notice += ' ';
            notice += ctx.t(kCleanedNote);
        }
        TemplateData d;
        d.set("practice_name", view.site().practiceName);
        d.set("notice", optional(notice));
        d.set("is_patient", who.role == "patient");
        d.set("is_caregiver", who.role == "caregiver");
        d.set("consent_given", who.role == "patient" && consent.hasConsent(who.userId));
        d.set("mfa_on", p->mfaEnabled);
        return render(view, 200, "accounts/welcome", i18n::N_("Welcome"), d, kWelcomePath, ctx.visitor());
    });

    gate.add(router, "GET", "/register/pending", Access::open(), [&](http::Request&, Context& ctx) {
        return render(view, 200, "accounts/register_pending", i18n::N_("Registration received"), TemplateData(), "/register",
                      ctx.visitor());
    });

    // ---- sign in ----
    gate.add(router, "GET", "/login", Access::open(), [&](http::Request& req, Context& ctx) {
        const auto& q = req.query();
        const std::string next = safeNext(q.getOr("next", ""));
        if (ctx.principal) return http::Response::redirect(nextOr(consent, next, *ctx.principal));
        LoginNotice notice;
        if (q.getOr("signed_out", "") == "1") notice = {i18n::N_("You have signed out."), true};
        else if (q.getOr("reset", "") == "1") notice = {i18n::N_("Your password was changed. Sign in with your new password."), true};
        else if (q.getOr("expired", "") == "1")
            notice = {i18n::N_("Signing in took too long, so we stopped it to keep your account safe. Please sign in again."), false};
        return loginPage(view, ctx, loginForm(), next, 200, notice);
    });

    gate.add(router, "POST", "/login", Access::open(), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string email = f.getOr("email", "");
        const std::string password = f.getOr("password", "");
        const std::string next = safeNext(f.getOr("next", ""));
        Form form = loginForm();
        form.keep("email", email);
        if (normalizeEmail(email).empty()) form.fail("email", i18n::N_("Enter your email address."));
        else if (email.size() > kMaxEmail) form.fail("email", i18n::N_("An email address has at most 254 characters."));
        if (password.empty()) form.fail("password", i18n::N_("Enter your password."));
        else if (password.size() > kMaxPassword) form.fail("password", i18n::N_("A password has at most 128 characters."));
        if (form.failed()) return loginPage(view, ctx, form, next, 422);

        auto r = accounts.login(email, password, "", ctx.ip, ctx.now, cookieValue(req, kDeviceCookie));
        switch (r.kind) {
            case LoginResult::Kind::Ok:
                addSessionCookies(ctx, *r.session);
                ctx.setCookies.push_back(cookieHeader(kDeviceCookie, r.deviceToken, kDeviceSeconds));
                return http::Response::redirect(nextOr(consent, next, r.session->principal));
            case LoginResult::Kind::MfaRequired:
                ctx.setCookies.push_back(cookieHeader(kPendingCookie, r.pendingToken, kPendingSeconds));
                return http::Response::redirect(withNext("/login/mfa", next));
            case LoginResult::Kind::MfaEnrollment:
                ctx.setCookies.push_back(cookieHeader(kPendingCookie, r.pendingToken, kPendingSeconds));
                return http::Response::redirect("/login/enroll");
            case LoginResult::Kind::Locked: {
                const int minutes = std::max(1, (r.retryAfter + 59) / 60);
                const std::string n = std::to_string(minutes);
                const std::string msg =
                    ctx.tn("There were too many unsuccessful attempts to sign in to this account, so it is "
                           "locked for now to keep it safe. Wait about {1} minute and try again, or "
                           "reset your password.",
                           "There were too many unsuccessful attempts to sign in to this account, so it is "
                           "locked for now to keep it safe. Wait about {1} minutes and try again, or "
                           "reset your password.",
                           minutes, {n});
                form.note(msg, "email");
                auto resp = loginPage(view, ctx, form, next, 429);
                resp.setHeader("Retry-After", std::to_string(r.retryAfter));
                return resp;
            }
            case LoginResult::Kind::Pending:
                form.note(i18n::N_("This account is waiting for an administrator's approval. You can sign in once it is "
                          "approved."),
                          "email");
                return loginPage(view, ctx, form, next, 403);
            case LoginResult::Kind::Unconfirmed:
                form.note(i18n::N_("Confirm your email address first: open the link we mailed you when you registered. "
                          "Cannot find it? Ask for a new one on the \"Check your email\" page."),
                          "email");
                return loginPage(view, ctx, form, next, 403);
            case LoginResult::Kind::Invalid:
            case LoginResult::Kind::MfaInvalid:  // not with an empty code; answered as a wrong sign-in
                break;
        }
        // One answer for an unknown email and a wrong password: the page must not tell
        // anyone whether an address has an account here.
        form.note(i18n::N_("The email or password is not correct."), "email");
        return loginPage(view, ctx, form, next, 401);
    });

    gate.add(router, "GET", "/login/mfa", Access::open(), [&](http::Request& req, Context& ctx) {
        const std::string next = safeNext(req.query().getOr("next", ""));
        if (ctx.principal) return http::Response::redirect(nextOr(consent, next, *ctx.principal));
        if (!accounts.pendingPrincipal(cookieValue(req, kPendingCookie), "mfa", ctx.now))
            return http::Response::redirect("/login");
        return mfaPage(view, ctx, codeForm(), next, 200);
    });

    gate.add(router, "POST", "/login/mfa", Access::open(), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string code = f.getOr("code", "");
        const std::string next = safeNext(f.getOr("next", ""));
        const std::string pending = cookieValue(req, kPendingCookie);
        if (pending.empty()) return http::Response::redirect("/login?expired=1");
        Form form = codeForm();
        if (withoutSpaces(code).empty()) {
            form.fail("code", i18n::N_("Enter the 6-digit code from your authenticator app, or a recovery code."));
            return mfaPage(view, ctx, form, next, 422);
        }
        if (code.size() > 64) {
            form.fail("code", i18n::N_("The code is not correct or was already used. Check your app and try again."));
            return mfaPage(view, ctx, form, next, 422);
        }
        auto r = accounts.completeMfa(pending, code, ctx.ip, ctx.now);
        if (r.kind == LoginResult::Kind::Ok) {
            addSessionCookies(ctx, *r.session);
            ctx.setCookies.push_back(cookieHeader(kPendingCookie, "", 0));
            ctx.setCookies.push_back(cookieHeader(kDeviceCookie, r.deviceToken, kDeviceSeconds));
            return http::Response::redirect(nextOr(consent, next, r.session->principal));
        }
        if (r.kind == LoginResult::Kind::MfaInvalid) {
            form.fail("code", i18n::N_("The code is not correct or was already used. Check your app and try again."));
            return mfaPage(view, ctx, form, next, 401);
        }
        ctx.setCookies.push_back(cookieHeader(kPendingCookie, "", 0));
        return http::Response::redirect("/login?expired=1");
    });

    // Doctors and administrators set up two-step sign-in before their first session.
    const EnrollPage firstSignIn{"/login/enroll", "/login", true};
    gate.add(router, "GET", "/login/enroll", Access::open(), [&, firstSignIn](http::Request& req, Context& ctx) {
        if (ctx.principal) return http::Response::redirect(landing(consent, *ctx.principal));
        auto p = accounts.pendingPrincipal(cookieValue(req, kPendingCookie), "enroll", ctx.now);
        if (!p) return http::Response::redirect("/login");
        auto profile = accounts.profile(p->userId);
        // Already set up (another tab finished first): a new key now would undo that.
        if (!profile || profile->mfaEnabled) return http::Response::redirect("/login");
        return enrollPage(view, ctx, firstSignIn, accounts.beginEnrollment(p->userId), codeForm(), 200);
    });

    gate.add(router, "POST", "/login/enroll", Access::open(), [&, firstSignIn](http::Request& req, Context& ctx) {
        auto p = accounts.pendingPrincipal(cookieValue(req, kPendingCookie), "enroll", ctx.now);
        if (!p) {
            ctx.setCookies.push_back(cookieHeader(kPendingCookie, "", 0));
            return http::Response::redirect("/login?expired=1");
        }
        auto profile = accounts.profile(p->userId);
        if (!profile || profile->mfaEnabled) {
            ctx.setCookies.push_back(cookieHeader(kPendingCookie, "", 0));
            return http::Response::redirect("/login");
        }
        // "Start again with a new key": the key shown so far is abandoned; the page shows a new one.
        if (req.form().getOr("new_key", "") == "1") {
            accounts.restartEnrollment(p->userId);
            return http::Response::redirect(firstSignIn.action);
        }
        const std::string code = withoutSpaces(req.form().getOr("code", ""));
        Form form = codeForm();
        if (!sixDigits(code)) {
            form.fail("code", i18n::N_("Enter the 6-digit code your authenticator app shows for this account."));
            return enrollPage(view, ctx, firstSignIn, accounts.beginEnrollment(p->userId), form, 422);
        }
        auto codes = accounts.confirmEnrollment(p->userId, code, ctx.ip, ctx.now);
        if (!codes) {
            form.fail("code", i18n::N_("That code is not correct. Check that the app shows the code for this account and "
                              "try the newest one."));
            return enrollPage(view, ctx, firstSignIn, accounts.beginEnrollment(p->userId), form, 422);
        }
        auto grant = accounts.startSession(p->userId, ctx.now);
        addSessionCookies(ctx, grant);
        ctx.setCookies.push_back(cookieHeader(kPendingCookie, "", 0));
        // 200, not a redirect: the codes exist in plain text only in this response.
        return recoveryCodesPage(view, *codes, "/account", signedInVisitor(gate, grant), landing(consent, *p));
    });

    // ---- sign out ----
    gate.add(router, "POST", "/logout", Access::signedIn(), [&](http::Request&, Context& ctx) {
        accounts.logout(*ctx.principal, ctx.ip);
        ctx.setCookies.push_back(cookieHeader(kSessionCookie, "", 0));
        auto r = http::Response::redirect("/login?signed_out=1");
        // Also drops anything else this browser keeps for the site (the pre-session cookie).
        r.setHeader("Clear-Site-Data", "\"cookies\"");
        return r;
    });

    // ---- account ----
    gate.add(router, "GET", "/account", Access::signedIn(), [&](http::Request& req, Context& ctx) {
        AccountState state;
        state.saved = req.query().getOr("saved", "");
        state.clean = req.query().getOr("clean", "") == "1";
        return accountPage(view, accounts, sections, ctx, std::move(state), 200);
    });

    gate.add(router, "POST", "/account/profile", Access::signedIn(), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string name = f.getOr("name", "");
        const std::string phone = f.getOr("phone", "");
        const std::string dob = f.getOr("date_of_birth", "");
        auto errors = accounts.updateProfile(*ctx.principal, name, phone, dob);
        if (errors.empty()) return http::Response::redirect("/account?saved=profile");
        AccountState state;
        state.profile = profileForm();
        state.profile->keep("name", name);
        state.profile->keep("phone", phone);
        state.profile->keep("date_of_birth", dob);
        state.profile->fail(errors);
        return accountPage(view, accounts, sections, ctx, std::move(state), 422);
    });

    // The account's language: its mails are written in it and its sign-ins start in it. Saving
    // it also switches this browser at once (the language cookie).
    gate.add(router, "POST", "/account/language", Access::signedIn(), [&](http::Request& req, Context& ctx) {
        const std::string language = req.form().getOr("language", "");
        auto errors = accounts.setLanguage(*ctx.principal, language);
        if (errors.empty()) {
            ctx.setCookies.push_back(http::languageCookie(language));
            return http::Response::redirect("/account?saved=language");
        }
        AccountState state;
        state.language = languageForm();
        state.chosenLanguage = language;
        for (const auto& e : errors) state.language->fail(e.field, ctx.t(e.reason));
        return accountPage(view, accounts, sections, ctx, std::move(state), 422);
    });

    gate.add(router, "POST", "/account/password", Access::signedIn(), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string current = f.getOr("current_password", "");
        const std::string password = f.getOr("password", "");
        const std::string confirm = f.getOr("confirm_password", "");
        AccountState state;
        state.password = passwordForm();
        if (current.empty()) state.password->fail("current_password", i18n::N_("Enter your current password."));
        else if (current.size() > kMaxPassword)
            state.password->fail("current_password", i18n::N_("The current password is not correct."));
        if (password.empty()) state.password->fail("password", i18n::N_("Enter a new password."));
        if (state.password->failed()) return accountPage(view, accounts, sections, ctx, std::move(state), 422);

        auto r = accounts.changePassword(*ctx.principal, current, password, confirm, ctx.ip, ctx.now);
        if (!r.errors.empty() || !r.session) {
            state.password->fail(r.errors);
            return accountPage(view, accounts, sections, ctx, std::move(state), 422);
        }
        // The old session was revoked with the change: this browser carries on with a new one.
        addSessionCookies(ctx, *r.session);
        return http::Response::redirect("/account?saved=password");
    });

    const EnrollPage fromAccount{"/account/mfa", "/account", false};
    gate.add(router, "GET", "/account/mfa", Access::signedIn(), [&, fromAccount](http::Request&, Context& ctx) {
        auto p = accounts.profile(ctx.principal->userId);
        if (!p || p->mfaEnabled) return http::Response::redirect(kAccountPath);
        return enrollPage(view, ctx, fromAccount, accounts.beginEnrollment(ctx.principal->userId), codeForm(), 200);
    });

    gate.add(router, "POST", "/account/mfa", Access::signedIn(), [&, fromAccount](http::Request& req, Context& ctx) {
        auto p = accounts.profile(ctx.principal->userId);
        // Already on: confirming again would replace the recovery codes the person saved.
        if (!p || p->mfaEnabled) return http::Response::redirect(kAccountPath);
        if (req.form().getOr("new_key", "") == "1") {
            accounts.restartEnrollment(ctx.principal->userId);
            return http::Response::redirect(fromAccount.action);
        }
        const std::string code = withoutSpaces(req.form().getOr("code", ""));
        Form form = codeForm();
        if (!sixDigits(code)) {
            form.fail("code", i18n::N_("Enter the 6-digit code your authenticator app shows for this account."));
            return enrollPage(view, ctx, fromAccount, accounts.beginEnrollment(ctx.principal->userId), form, 422);
        }
        auto codes = accounts.confirmEnrollment(ctx.principal->userId, code, ctx.ip, ctx.now);
        if (!codes) {
            form.fail("code", i18n::N_("That code is not correct. Check that the app shows the code for this account and "
                              "try the newest one."));
            return enrollPage(view, ctx, fromAccount, accounts.beginEnrollment(ctx.principal->userId), form, 422);
        }
        return recoveryCodesPage(view, *codes, "/account", ctx.visitor());
    });

    gate.add(router, "POST", "/account/mfa/disable", Access::signedIn(), [&](http::Request& req, Context& ctx) {
        const std::string password = req.form().getOr("password", "");
        AccountState state;
        state.mfa = disableMfaForm();
        if (password.empty()) {
            state.mfa->fail("mfa_password", i18n::N_("Enter your password to turn off two-step sign-in."));
            return accountPage(view, accounts, sections, ctx, std::move(state), 422);
        }
        auto errors = accounts.disableMfa(*ctx.principal, password, ctx.ip);
        if (errors.empty()) return http::Response::redirect("/account?saved=mfa");
        state.mfa->fail(errors);
        return accountPage(view, accounts, sections, ctx, std::move(state), 422);
    });

    // ---- forgot and reset password ----
    gate.add(router, "GET", "/forgot-password", Access::open(), [&](http::Request& req, Context& ctx) {
        // The same page whether or not an account uses the address: nothing here may tell.
        if (req.query().getOr("sent", "") == "1")
            return render(view, 200, "accounts/forgot_password_sent", i18n::N_("Check your email"), TemplateData(),
                          "/forgot-password", ctx.visitor());
        TemplateData d;
        d.set("csrf", ctx.csrf);
        forgotForm().into(d, ctx);
        return render(view, 200, "accounts/forgot_password", i18n::N_("Reset your password"), d, "/forgot-password",
                      ctx.visitor());
    });

    gate.add(router, "POST", "/forgot-password", Access::open(), [&](http::Request& req, Context& ctx) {
        const std::string email = req.form().getOr("email", "");
        Form form = forgotForm();
        form.keep("email", email);
        if (normalizeEmail(email).empty()) form.fail("email", i18n::N_("Enter your email address."));
        else if (email.size() > kMaxEmail) form.fail("email", i18n::N_("An email address has at most 254 characters."));
        if (form.failed()) {
            TemplateData d;
            d.set("csrf", ctx.csrf);
            form.into(d, ctx);
            return render(view, 422, "accounts/forgot_password", i18n::N_("Reset your password"), d, "/forgot-password",
                          ctx.visitor(), true);
        }
        accounts.forgotPassword(email, ctx.ip, ctx.now);
        return http::Response::redirect("/forgot-password?sent=1");
    });

    gate.add(router, "GET", "/reset-password", Access::open(), [&](http::Request& req, Context& ctx) {
        const std::string token = req.query().getOr("token", "");
        if (!accounts.resetTokenUsable(token, ctx.now)) return resetExpired(view, ctx, 200);
        return resetPage(view, ctx, token, resetForm(), 200);
    });

    gate.add(router, "POST", "/reset-password", Access::open(), [&](http::Request& req, Context& ctx) {
        const auto& f = req.form();
        const std::string token = f.getOr("token", "");
        const std::string password = f.getOr("password", "");
        const std::string confirm = f.getOr("confirm_password", "");
        Form form = resetForm();
        if (password.empty()) {
            if (!accounts.resetTokenUsable(token, ctx.now)) return resetExpired(view, ctx, 422);
            form.fail("password", i18n::N_("Enter a new password."));
            return resetPage(view, ctx, token, form, 422);
        }
        auto r = accounts.resetPassword(token, password, confirm, ctx.ip, ctx.now);
        for (const auto& e : r.errors)
            if (e.field == "token") return resetExpired(view, ctx, 422);
        if (!r.errors.empty()) {
            form.fail(r.errors);
            return resetPage(view, ctx, token, form, 422);
        }
        if (!r.session) return http::Response::redirect("/login?reset=1");  // two-step accounts sign in again
        addSessionCookies(ctx, *r.session);
        return http::Response::redirect(r.removed.any() ? "/account?saved=password&clean=1" : "/account?saved=password");
    });

    // ---- administration ----
    gate.add(router, "GET", "/admin", Access::only({"admin"}), [&](http::Request& req, Context& ctx) {
        TemplateData doctors = list();
        bool any = false;
        for (const auto& p : accounts.pendingDoctors()) {
            TemplateData row;
            row.set("id", std::to_string(p.id));
            row.set("name", p.name);
            row.set("email", p.email);
            row.set("registered", p.createdAt);
            doctors.push_back(row);
            any = true;
        }
        TemplateData d;
        d.set("csrf", ctx.csrf);
        d.set("doctors", doctors);
        d.set("any_doctors", any);
        d.set("approved", req.query().getOr("approved", "") == "1");
        return render(view, 200, "admin/dashboard", i18n::N_("Administration"), d, "/admin", ctx.visitor());
    });

    gate.add(router, "POST", "/admin/doctors/{id}/approve", Access::only({"admin"}),
             [&](http::Request& req, Context& ctx) {
                 const std::string raw = req.pathParam("id");
                 std::int64_t id = 0;
                 if (raw.empty() || raw.size() > 18 ||
                     !std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return std::isdigit(c); }))
                     throw http::HttpError(404, "no such doctor");
                 id = std::stoll(raw);
                 if (!accounts.approveDoctor(*ctx.principal, id, ctx.ip))
                     throw http::HttpError(404, "no pending doctor with this id");
                 return http::Response::redirect("/admin?approved=1");
             });
}

}  // namespace medassist::accounts
