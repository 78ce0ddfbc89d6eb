#pragma once
// Method + path routing with {name} segments. HEAD is served by the GET route.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace medassist::http {

using Handler = std::function<Response(Request&)>;

struct Route {
    std::string method;
    std::string pattern;  // "/appointments/{id}", also what the access log records
    Handler handler;
    std::vector<std::string> segments;
};

class Router {
public:
    void add(std::string method, std::string pattern, Handler handler);
    void get(std::string pattern, Handler h) { add("GET", std::move(pattern), std::move(h)); }
    void post(std::string pattern, Handler h) { add("POST", std::move(pattern), std::move(h)); }

    struct Match {
        enum class Kind { Found, NotFound, MethodNotAllowed } kind = Kind::NotFound;
        const Route* route = nullptr;
        std::map<std::string, std::string> params;
        std::string allow;  // for 405: "GET, HEAD, POST"
        std::string pattern;  // the matched pattern, also for 405
    };
    Match match(const std::string& method, const std::string& path) const;

private:
    std::vector<Route> routes_;
};

}  // namespace medassist::http
