#pragma once
// A browser as far as the account pages care: a cookie jar (what Set-Cookie gave it, sent
// back on every request), form posts the way a browser sends them (urlencoded, with its
// Origin and Sec-Fetch-Site), and a client address of its own, so nginx's and the app's
// per-address limits never mix two tests. Plus the few HTML look-ups the tests need.
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/URI.h>

#include "stack_client.hpp"

namespace medassist::testing {

using Fields = std::vector<std::pair<std::string, std::string>>;

inline std::string formEncode(const Fields& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        for (const std::string* part : {&name, &value}) {
            for (unsigned char c : *part) {
                if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
                    out += static_cast<char>(c);
                } else {
                    char hex[4];
                    std::snprintf(hex, sizeof hex, "%%%02X", c);
                    out += hex;
                }
            }
            if (part == &name) out += '=';
        }
    }
    return out;
}

// "https://host:port" of the stack, what a browser sends as Origin.
inline std::string siteOrigin() {
    Poco::URI base(env("MEDASSIST_TEST_BASE_URL"));
    std::string o = base.getScheme();
    o += "://";
    o += base.getHost();
    o += ':';
    o += std::to_string(base.getPort());
    return o;
}

// The parts of one Set-Cookie header.
struct SetCookie {
    std::string name, value;
    std::map<std::string, std::string> attributes;  // lower-case names; flags map to ""
    std::string raw;

    bool has(const std::string& lowerName) const { return attributes.count(lowerName) > 0; }
    std::string attr(const std::string& lowerName) const {
        auto it = attributes.find(lowerName);
        return it == attributes.end() ? std::string() : it->second;
    }
    bool deletes() const { return attr("max-age") == "0"; }
};

inline std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

inline SetCookie parseSetCookie(const std::string& header) {
    SetCookie c;
    c.raw = header;
    std::size_t start = 0;
    bool first = true;
    while (start <= header.size()) {
        auto end = header.find(';', start);
        if (end == std::string::npos) end = header.size();
        std::string part = trim(header.substr(start, end - start));
        auto eq = part.find('=');
        std::string key = trim(part.substr(0, eq));
        std::string value = eq == std::string::npos ? "" : trim(part.substr(eq + 1));
        if (first) {
            c.name = key;
            c.value = value;
            first = false;
        } else if (!key.empty()) {
            for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            c.attributes[key] = value;
        }
        start = end + 1;
    }
    return c;
}

// The Set-Cookie a response carries for name, if any.
inline std::optional<SetCookie> setCookieFor(const HttpResult& r, const std::string& name) {
    std::optional<SetCookie> found;
    for (const auto& h : r.setCookies) {
        auto c = parseSetCookie(h);
        if (c.name == name) found = c;
    }
    return found;
}

class Browser {
public:
    explicit Browser(std::string address = uniqueClientAddress()) : address_(std::move(address)) {}

    HttpResult get(const std::string& path, std::map<std::string, std::string> headers = {}) {
        headers.emplace("Accept", "text/html");
        headers.emplace("Sec-Fetch-Site", "same-origin");
        return request("GET", path, std::move(headers), "");
    }

    // A form as a browser posts it; extra headers replace the browser's own (a test of
    // Origin or Sec-Fetch-Site), and an empty value drops that header.
    HttpResult post(const std::string& path, const Fields& fields, std::map<std::string, std::string> headers = {}) {
        headers.emplace("Accept", "text/html");
        headers.emplace("Content-Type", "application/x-www-form-urlencoded");
        headers.emplace("Origin", siteOrigin());
        headers.emplace("Sec-Fetch-Site", "same-origin");
        for (auto it = headers.begin(); it != headers.end();)
            it = it->second.empty() ? headers.erase(it) : std::next(it);
        return request("POST", path, std::move(headers), formEncode(fields));
    }

    // Follows a 303 the way a browser does: a GET of its Location.
    HttpResult follow(const HttpResult& redirect) {
        BOOST_TEST_REQUIRE(redirect.status == 303);
        return get(redirect.header("location"));
    }

    std::optional<std::string> cookie(const std::string& name) const {
        auto it = jar_.find(name);
        if (it == jar_.end()) return std::nullopt;
        return it->second;
    }
    void setCookie(const std::string& name, const std::string& value) { jar_[name] = value; }
    void dropCookie(const std::string& name) { jar_.erase(name); }
    void clearCookies() { jar_.clear(); }

    const std::string& address() const { return address_; }

private:
    HttpResult request(const std::string& method, const std::string& path, std::map<std::string, std::string> headers,
                       const std::string& body) {
        headers["X-Forwarded-For"] = address_;
        std::string cookieHeader;
        for (const auto& [name, value] : jar_) {
            if (!cookieHeader.empty()) cookieHeader += "; ";
            cookieHeader += name;
            cookieHeader += '=';
            cookieHeader += value;
        }
        if (!cookieHeader.empty()) headers["Cookie"] = cookieHeader;
        HttpResult r = https(method, path, headers, body);
        for (const auto& h : r.setCookies) {
            auto c = parseSetCookie(h);
            if (c.deletes()) jar_.erase(c.name);
            else jar_[c.name] = c.value;
        }
        // Clear-Site-Data: "cookies" empties the jar after this response's own cookies.
        if (r.header("clear-site-data").find("\"cookies\"") != std::string::npos) jar_.clear();
        return r;
    }

    std::string address_;
    std::map<std::string, std::string> jar_;
};

// ---- HTML look-ups -------------------------------------------------------------------------

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

inline std::string htmlUnescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}, {"&#x2F;", "/"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        const std::string f = from;
        for (auto pos = s.find(f); pos != std::string::npos; pos = s.find(f, pos + 1)) s.replace(pos, f.size(), to);
    }
    return s;
}

// The text between the first `before` and the next `after`, or "" when either is missing.
inline std::string between(const std::string& html, const std::string& before, const std::string& after) {
    auto b = html.find(before);
    if (b == std::string::npos) return "";
    b += before.size();
    auto e = html.find(after, b);
    if (e == std::string::npos) return "";
    return html.substr(b, e - b);
}

// The opening tag of the input named name (the first one), or "".
inline std::string inputTag(const std::string& html, const std::string& name) {
    auto pos = html.find("name=\"" + name + "\"");
    if (pos == std::string::npos) return "";
    auto b = html.rfind("<input", pos);
    auto e = html.find('>', pos);
    if (b == std::string::npos || e == std::string::npos) return "";
    return html.substr(b, e - b + 1);
}

// The value attribute of the input named name, unescaped; nullopt without a value attribute.
inline std::optional<std::string> inputValue(const std::string& html, const std::string& name) {
    const std::string tag = inputTag(html, name);
    auto pos = tag.find(" value=\"");
    if (pos == std::string::npos) return std::nullopt;
    pos += 8;
    return htmlUnescape(tag.substr(pos, tag.find('"', pos) - pos));
}

inline std::string csrfOf(const std::string& html) { return inputValue(html, "csrf_token").value_or(""); }

inline std::string titleOf(const std::string& html) { return htmlUnescape(between(html, "<title>", "</title>")); }

}  // namespace medassist::testing
