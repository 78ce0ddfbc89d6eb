#pragma once
// Running commands from tests: a shell command with its output, and medassist-admin
// against the test stack's configuration (the same properties file and var dir as the app).
#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace medassist::testing {

struct CommandResult {
    int exitCode = -1;
    std::string output;  // stdout and stderr
};

// No Boost.Test macros in here: safe to call from another thread. exitCode -1: could not run.
inline CommandResult runQuietly(const std::string& command) {
    CommandResult r;
    // Braces, so the redirection covers a command that ends in a here-document.
    FILE* pipe = ::popen(("{ " + command + "\n} 2>&1").c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
    const int status = ::pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// medassist-admin ARGS with `input` as its stdin (a password never goes on a command line).
inline CommandResult adminCommand(const std::string& args, const std::string& input = "") {
    const char* var = std::getenv("MEDASSIST_TEST_VAR");
    std::string cmd = "cd '" MEDASSIST_SOURCE_DIR "' && MEDASSIST_VAR_DIR='";
    cmd += var ? var : "";
    cmd += "' '" MEDASSIST_BINARY_DIR "/medassist-admin' --config fcgi_app/config/medassist.properties ";
    cmd += args;
    cmd += " <<'STDIN_EOF'\n";
    cmd += input;
    cmd += "\nSTDIN_EOF\n";
    return runQuietly(cmd);
}

// Issue 16: confirms a registration waiting for its mailed link, as the practice's staff can
// for a person they have identified. Tests about something other than registering use it;
// the link itself is tested where registering is.
inline CommandResult confirmEmailByStaff(const std::string& email) {
    return adminCommand("confirm-email '" + email + "'");
}

}  // namespace medassist::testing
