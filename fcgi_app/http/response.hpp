#pragma once
#include <string>
#include <utility>
#include <vector>

#include <Poco/Dynamic/Var.h>

namespace medassist::http {

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    static Response html(int status, std::string body);
    static Response json(int status, const Poco::Dynamic::Var& value);
    static Response redirect(const std::string& location, int status = 303);
    static Response empty(int status);

    void setHeader(const std::string& name, const std::string& value);  // replaces
    void addHeader(const std::string& name, const std::string& value);  // appends (Set-Cookie)
    const std::string* findHeader(const std::string& name) const;

    // The CGI-style head ("Status: 200 OK\r\n...\r\n\r\n") libfcgi expects.
    std::string head() const;
};

const char* reasonPhrase(int status);

}  // namespace medassist::http
