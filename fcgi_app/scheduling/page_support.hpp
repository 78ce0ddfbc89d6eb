#pragma once
// What the appointment, schedule and visit-note pages share: strict ids from the path,
// rendering with the "Error: " title prefix, template values kainjow reads correctly, and
// field errors shown next to their field and in the summary at the top of the page.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>


#include "accounts/accounts_service.hpp"
#include "accounts/gate.hpp"
#include "http/errors.hpp"
#include "http/page_time.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/view.hpp"

namespace medassist::scheduling::pages {

using http::TemplateData;

// kainjow treats every string, even "", as true in a section: absent values are false.
inline TemplateData optional(const std::string& value) {
    return value.empty() ? TemplateData(false) : TemplateData(value);
}

inline TemplateData list() { return TemplateData(TemplateData::type::list); }

using http::isoUtc;

// A whole positive id and nothing else ("12", not "+12", "1e3" or "12abc").
inline std::optional<std::int64_t> parseId(const std::string& raw) {
    if (raw.empty() || raw.size() > 18 || raw[0] == '0' ||
        !std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::stoll(raw);
}

// The {name} segment of the path as an id; anything else is a page that does not exist.
inline std::int64_t pathId(const http::Request& req, const std::string& name = "id") {
    auto id = parseId(req.pathParam(name));
    if (!id) throw http::HttpError(404, i18n::N_("No such record."));
    return *id;
}

[[noreturn]] inline void notFound() { throw http::HttpError(404, i18n::N_("No such record.")); }

inline http::Response render(const http::View& view, int status, const std::string& name, const std::string& title,
                             const TemplateData& data, const std::string& currentPath, const http::Visitor& visitor,
                             bool failed = false) {
    // "Error: " first, so a screen reader hears at once that the page came back with problems.
    std::string fullTitle = failed ? "Error: " : "";
    fullTitle += title;
    return http::Response::html(status, view.page(name, fullTitle, data, currentPath, visitor));
}

// An appointment's status as a reader sees it, in the reader's language.
inline std::string statusLabel(const accounts::Context& ctx, const std::string& status) {
    if (status == "booked") return ctx.t("Booked");
    if (status == "cancelled") return ctx.t("Cancelled");
    if (status == "completed") return ctx.t("Completed");
    if (status == "no_show") return ctx.t("Missed (no-show)");
    return status;
}

// Field errors as a template sees them: the summary (has_errors, errors with message and
// href) and, per field id x, x_error (text or false), x_invalid and x_describedby (the ids
// of the field's hint and error, or false). A message for no known field goes to the
// summary only. Messages are kept as given (the services' texts, msgids marked i18n::N_ where
// they are written with their arguments apart, or a text the page translated already) and
// said in the reader's language when the page is rendered (into with the Context).
class Problems {
public:
    // fields: the form's field ids; hinted: those with a <p id="x-hint">.
    Problems(std::vector<std::string> fields, std::vector<std::string> hinted = {})
        : fields_(std::move(fields)), hinted_(std::move(hinted)) {}

    void add(const std::string& field, const i18n::Text& message) {
        if (std::find(fields_.begin(), fields_.end(), field) != fields_.end()) {
            errors_.emplace(field, message);  // the first reason for a field is the one to fix first
            return;
        }
        notes_.push_back(message);
    }
    void add(const accounts::FieldErrors& errors) {
        for (const auto& e : errors) add(e.field, e.reason);
    }
    void note(const i18n::Text& message) { notes_.push_back(message); }
    bool any() const { return !errors_.empty() || !notes_.empty(); }

    void into(TemplateData& data, const accounts::Context& ctx) const {
        TemplateData summary = list();
        for (const auto& n : notes_) summary.push_back(item(ctx.t(n), ""));
        for (const auto& f : fields_) {
            auto err = errors_.find(f);
            std::string describedBy;
            if (std::find(hinted_.begin(), hinted_.end(), f) != hinted_.end()) describedBy = f + "-hint";
            if (err != errors_.end()) {
                if (!describedBy.empty()) describedBy += ' ';
                describedBy += f;
                describedBy += "-error";
                summary.push_back(item(ctx.t(err->second), f));
            }
            data.set(f + "_error", err == errors_.end() ? TemplateData(false) : TemplateData(ctx.t(err->second)));
            data.set(f + "_invalid", err != errors_.end());
            data.set(f + "_describedby", optional(describedBy));
        }
        data.set("has_errors", any());
        data.set("errors", summary);
    }

private:
    static TemplateData item(const std::string& message, const std::string& target) {
        TemplateData i;
        i.set("message", message);
        i.set("href", target.empty() ? TemplateData(false) : TemplateData("#" + target));
        return i;
    }

    std::vector<std::string> fields_, hinted_;
    std::map<std::string, i18n::Text> errors_;
    std::vector<i18n::Text> notes_;
};

// Hidden inputs a template repeats as <input type="hidden" name="{{name}}" value="{{value}}">.
class Hidden {
public:
    Hidden& add(const std::string& name, const std::string& value) {
        if (!value.empty()) pairs_.emplace_back(name, value);
        return *this;
    }
    TemplateData data() const {
        TemplateData l = list();
        for (const auto& [n, v] : pairs_) {
            TemplateData i;
            i.set("name", n);
            i.set("value", v);
            l.push_back(i);
        }
        return l;
    }

private:
    std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace medassist::scheduling::pages
