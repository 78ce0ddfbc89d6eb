#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace medassist::http {

namespace {
std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool isParam(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }
}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route pattern must start with /");
    Route r{std::move(method), pattern, std::move(handler), splitPath(pattern)};
    routes_.push_back(std::move(r));
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
    Match result;
    if (path.empty() || path.front() != '/') return result;
    auto segs = splitPath(path);
    std::set<std::string> allowed;
    // HEAD is served by an explicit HEAD route when there is one, else by the GET route.
    const bool headOnly = method == "HEAD" &&
        std::none_of(routes_.begin(), routes_.end(), [&](const Route& r) { return r.method == "HEAD" && r.segments == segs; });
    const std::string effective = headOnly ? "GET" : method;
    for (const auto& route : routes_) {
        if (route.segments.size() != segs.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < segs.size() && ok; ++i) {
            const auto& want = route.segments[i];
            if (isParam(want)) {
                if (segs[i].empty()) ok = false;
                else params[want.substr(1, want.size() - 2)] = segs[i];
            } else if (want != segs[i]) {
                ok = false;
            }
        }
        if (!ok) continue;
        allowed.insert(route.method);
        if (route.method == "GET") allowed.insert("HEAD");
        if (route.method == effective && result.kind != Match::Kind::Found) {
            result.kind = Match::Kind::Found;
            result.route = &route;
            result.params = std::move(params);
            result.pattern = route.pattern;
        } else if (result.pattern.empty()) {
            result.pattern = route.pattern;
        }
    }
    if (result.kind == Match::Kind::Found) return result;
    if (!allowed.empty()) {
        result.kind = Match::Kind::MethodNotAllowed;
        for (const auto& m : allowed) result.allow += (result.allow.empty() ? "" : ", ") + m;
    }
    return result;
}

}  // namespace medassist::http
