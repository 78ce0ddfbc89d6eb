#include "storage/database_url.hpp"

#include <stdexcept>


#include "common/strict_int.hpp"
#include "http/encoding.hpp"

namespace medassist::storage {

namespace {
std::string decode(const std::string& s, const char* what) {
    auto d = http::percentDecode(s, false);
    if (!d) throw std::invalid_argument(std::string("bad percent-encoding in the ") + what);
    return *d;
}
}  // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
    DatabaseUrl out;
    const std::string scheme = "mysql://";
    const std::string alt = "mariadb://";
    std::string rest;
    if (url.rfind(scheme, 0) == 0) rest = url.substr(scheme.size());
    else if (url.rfind(alt, 0) == 0) rest = url.substr(alt.size());
    else throw std::invalid_argument("must start with mysql:// or mariadb://");

    // The query goes first, then the database after the last '/', so an '@' or '/' in
    // the socket path or an unencoded '@' in the password cannot shift the other parts.
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    auto slash = rest.rfind('/');
    if (slash == std::string::npos || slash + 1 >= rest.size()) throw std::invalid_argument("needs /database");
    out.database = decode(rest.substr(slash + 1), "database name");
    std::string authority = rest.substr(0, slash);
    auto at = authority.rfind('@');
    if (at == std::string::npos) throw std::invalid_argument("needs user:password@");
    std::string userinfo = authority.substr(0, at);
    std::string hostport = authority.substr(at + 1);
    if (hostport.find('/') != std::string::npos) throw std::invalid_argument("the database name must not contain '/'");
    auto colon = userinfo.find(':');
    if (colon == std::string::npos) throw std::invalid_argument("needs a password after the user name");
    out.user = decode(userinfo.substr(0, colon), "user name");
    out.password = decode(userinfo.substr(colon + 1), "password");
    if (out.user.empty()) throw std::invalid_argument("the user name is empty");

    if (auto c = hostport.rfind(':'); c != std::string::npos) {
        auto port = parseStrictInt(hostport.substr(c + 1));
        if (!port || *port < 1 || *port > 65535) throw std::invalid_argument("the port is not a number from 1 to 65535");
        out.port = *port;
        hostport = hostport.substr(0, c);
    }
    if (!hostport.empty()) out.host = hostport;

    std::size_t start = 0;
    while (start < query.size()) {
        auto end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        std::string pair = query.substr(start, end - start);
        start = end + 1;
        auto eq = pair.find('=');
        std::string key = pair.substr(0, eq);
        std::string value = eq == std::string::npos ? "" : decode(pair.substr(eq + 1), "query");
        if (key == "socket") out.socket = value;
        else throw std::invalid_argument("unknown option " + key);
    }
    return out;
}

}  // namespace medassist::storage
