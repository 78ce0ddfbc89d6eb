// The request parsing a browser's bytes go through: query string, Cookie header, a
// urlencoded form and a JSON body, all from one input. Expected refusals (HttpError,
// ValidationError) are fine; a crash, a leak or undefined behaviour is a finding.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "http/errors.hpp"
#include "http/request.hpp"

using medassist::http::Request;

namespace {
Request make(const std::string& input, const char* contentType) {
    std::map<std::string, std::string> params{{"REQUEST_METHOD", "POST"},
                                              {"REQUEST_URI", "/fuzz?" + input},
                                              {"QUERY_STRING", input},
                                              {"HTTP_COOKIE", input},
                                              {"CONTENT_TYPE", contentType},
                                              {"CONTENT_LENGTH", std::to_string(input.size())}};
    auto offset = std::make_shared<std::size_t>(0);
    auto body = [input, offset](char* buf, std::size_t n) {
        const std::size_t k = std::min(n, input.size() - *offset);
        input.copy(buf, k, *offset);
        *offset += k;
        return k;
    };
    return Request(std::move(params), body);
}

template <class F>
void expectOnlyRefusals(F&& f) {
    try {
        f();
    } catch (const medassist::http::HttpError&) {
    } catch (const medassist::http::ValidationError&) {
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    expectOnlyRefusals([&] {
        auto r = make(input, "application/x-www-form-urlencoded");
        (void)r.query().pairs().size();
        (void)r.cookies().size();
        (void)r.form().getOr("name", "");
    });
    expectOnlyRefusals([&] {
        auto r = make(input, "application/json");
        (void)r.json();
    });
    (void)medassist::http::parseCookies(input);
    return 0;
}
