#pragma once
// A real SMTP server on loopback for tests: Debian's python3-aiosmtpd, run as a child process
// with a small handler that writes each message it accepts, byte for byte, to a folder of its
// own (NNNNNN.eml, plus NNNNNN.json with the envelope, whether it came over TLS and who
// authenticated). Optionally it offers and requires STARTTLS, and requires AUTH.
//
//   SmtpServer server(SmtpServer::testPort());   // the port the test stack's app sends to
//   ... make the app send ...
//   auto mails = server.waitForMessages(1, std::chrono::seconds(10));
//   ParsedMail mail = parseMail(mails.at(0));     // To, Subject, decoded text body
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Base64Decoder.h>
#include <Poco/String.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

namespace medassist::testing {

struct SmtpServerOptions {
    std::string tlsCertFile;  // with tlsKeyFile: offer STARTTLS and refuse mail without it
    std::string tlsKeyFile;
    std::string user;         // non-empty: refuse mail until AUTH as user/password succeeds
    std::string password;
};

struct ReceivedMail {
    std::string raw;                  // the message as received (CRLF line ends)
    std::string mailFrom;             // envelope sender (MAIL FROM)
    std::vector<std::string> rcptTos; // envelope recipients (RCPT TO)
    bool tls = false;                 // the message came over a STARTTLS connection
    std::string login;                // the AUTH user, empty without AUTH
};

// What a test checks in a message: headers as a client displays them (RFC 2047 decoded) and
// the text body with its transfer encoding undone and line ends back to "\n".
struct ParsedMail {
    std::string from;
    std::string to;  // the address, without the angle brackets Poco writes around it
    std::string subject;
    std::string contentType;
    std::string transferEncoding;
    std::string messageId;
    std::string date;
    std::string mimeVersion;
    std::string body;
};

// RFC 2047: encoded words (=?charset?Q|B?text?=) decoded to their bytes (UTF-8 assumed),
// white space between two adjacent encoded words dropped, as a mail client shows the header.
// Poco's own reader keeps that white space, so it cannot be used to check a folded subject.
inline std::string decodeHeaderText(const std::string& value) {
    auto decodeWord = [](const std::string& encoding, const std::string& text) {
        std::string bytes;
        if (encoding == "B" || encoding == "b") {
            std::istringstream in(text);
            Poco::Base64Decoder decoder(in);
            std::stringstream out;
            out << decoder.rdbuf();
            return out.str();
        }
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '_') bytes.push_back(' ');
            else if (text[i] == '=' && i + 2 < text.size()) {
                bytes.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
                i += 2;
            } else bytes.push_back(text[i]);
        }
        return bytes;
    };
    std::string out;
    std::string pendingSpace;
    bool lastWasEncoded = false;
    std::size_t i = 0;
    while (i < value.size()) {
        if (value[i] == ' ' || value[i] == '\t') {
            pendingSpace.push_back(value[i++]);
            continue;
        }
        std::size_t end = value.find_first_of(" \t", i);
        if (end == std::string::npos) end = value.size();
        const std::string token = value.substr(i, end - i);
        i = end;
        const auto q1 = token.find('?', 2);
        const auto q2 = q1 == std::string::npos ? q1 : token.find('?', q1 + 1);
        const bool encoded = token.size() > 8 && token.rfind("=?", 0) == 0 && q2 != std::string::npos &&
                             token.size() >= q2 + 3 && token.compare(token.size() - 2, 2, "?=") == 0;
        if (!(encoded && lastWasEncoded)) out.append(pendingSpace);
        pendingSpace.clear();
        if (encoded)
            out.append(decodeWord(token.substr(q1 + 1, q2 - q1 - 1), token.substr(q2 + 1, token.size() - q2 - 3)));
        else
            out.append(token);
        lastWasEncoded = encoded;
    }
    return out.append(pendingSpace);
}

// The value of one header field of a raw message, unfolded (not decoded); empty if absent.
inline std::string rawHeader(const std::string& raw, const std::string& name) {
    const auto headerEnd = raw.find("\r\n\r\n");
    std::istringstream in(raw.substr(0, headerEnd));
    std::string line;
    std::string value;
    bool inField = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            if (inField) value.append(line);
            continue;
        }
        if (inField) break;
        const auto colon = line.find(':');
        if (colon != std::string::npos && Poco::icompare(line.substr(0, colon), name) == 0) {
            inField = true;
            value = Poco::trimLeft(line.substr(colon + 1));
        }
    }
    return value;
}

inline ParsedMail parseMail(const std::string& raw) {
    Poco::Net::MailMessage message;
    std::istringstream in(raw);
    message.read(in);
    ParsedMail m;
    m.from = decodeHeaderText(rawHeader(raw, "From"));
    m.to = decodeHeaderText(rawHeader(raw, "To"));
    if (m.to.size() > 2 && m.to.front() == '<' && m.to.back() == '>') m.to = m.to.substr(1, m.to.size() - 2);
    m.subject = decodeHeaderText(rawHeader(raw, "Subject"));
    m.contentType = rawHeader(raw, "Content-Type");
    m.transferEncoding = rawHeader(raw, "Content-Transfer-Encoding");
    m.messageId = rawHeader(raw, "Message-ID");
    m.date = rawHeader(raw, "Date");
    m.mimeVersion = rawHeader(raw, "MIME-Version");
    const std::string& content = message.getContent();
    m.body.reserve(content.size());
    for (std::size_t i = 0; i < content.size(); ++i) {
        if (content[i] == '\r' && i + 1 < content.size() && content[i + 1] == '\n') continue;
        m.body.push_back(content[i]);
    }
    return m;
}

// The decoded text body of a raw message.
inline std::string textBody(const std::string& raw) { return parseMail(raw).body; }

class SmtpServer {
public:
    // The port the test stack's app is configured to send to (SMTP_PORT there).
    static int testPort() {
        const char* v = std::getenv("MEDASSIST_TEST_SMTP_PORT");
        return v && *v ? std::stoi(v) : 18025;
    }

    // Starts the server on 127.0.0.1:port and returns once it accepts connections; throws
    // std::runtime_error (with the server's own output) when it cannot start within 10 s,
    // e.g. because something else holds the port.
    explicit SmtpServer(int port, SmtpServerOptions options = {}) : port_(port) {
        std::random_device rd;
        std::string name = "medassist_smtp_";
        name.append(std::to_string(rd())).append(std::to_string(rd()));
        dir_ = std::filesystem::temp_directory_path() / name;
        std::filesystem::create_directories(dir_ / "mail");
        try {
            std::ofstream(dir_ / "server.py") << script();
            launch(options);
            waitUntilReady();
        } catch (...) {
            terminate();
            removeDir();
            throw;
        }
    }

    ~SmtpServer() {
        terminate();
        removeDir();
    }

    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    int port() const { return port_; }

    // Everything received so far, in order of arrival.
    std::vector<ReceivedMail> received() const {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir_ / "mail"))
            if (entry.path().extension() == ".eml") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        std::vector<ReceivedMail> mails;
        for (const auto& file : files) {
            ReceivedMail mail;
            mail.raw = readAll(file);
            auto meta = file;
            meta.replace_extension(".json");
            const std::string json = readAll(meta);
            if (!json.empty()) {
                Poco::JSON::Parser parser;
                auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
                mail.mailFrom = object->optValue<std::string>("mail_from", "");
                mail.tls = object->optValue<bool>("tls", false);
                mail.login = object->optValue<std::string>("login", "");
                if (auto rcpts = object->getArray("rcpt_tos"))
                    for (std::size_t i = 0; i < rcpts->size(); ++i) mail.rcptTos.push_back(rcpts->getElement<std::string>(i));
            }
            mails.push_back(std::move(mail));
        }
        return mails;
    }

    // The raw messages received so far, in order of arrival.
    std::vector<std::string> messages() const {
        std::vector<std::string> raw;
        for (auto& mail : received()) raw.push_back(std::move(mail.raw));
        return raw;
    }

    // Waits until at least n messages have arrived (or the timeout passed) and returns all.
    std::vector<std::string> waitForMessages(std::size_t n, std::chrono::milliseconds timeout) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            auto got = messages();
            if (got.size() >= n || std::chrono::steady_clock::now() >= deadline) return got;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    // Forgets what arrived so far, so a test sees only its own messages.
    void clear() const {
        for (const auto& entry : std::filesystem::directory_iterator(dir_ / "mail")) {
            std::error_code ec;
            std::filesystem::remove(entry.path(), ec);
        }
    }

private:
    static std::string script() {
        return R"PY(
import json, os, ssl, sys, threading
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

folder, port, cert, key, user, password = sys.argv[1], int(sys.argv[2]), *sys.argv[3:7]

class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(folder, 'mail', '%06d' % self.count)
        meta = {'mail_from': envelope.mail_from, 'rcpt_tos': list(envelope.rcpt_tos),
                'tls': session.ssl is not None,
                'login': session.auth_data if isinstance(session.auth_data, str) else ''}
        with open(base + '.json.tmp', 'w') as f:
            json.dump(meta, f)
        with open(base + '.eml.tmp', 'wb') as f:
            f.write(envelope.original_content)
        os.rename(base + '.json.tmp', base + '.json')
        os.rename(base + '.eml.tmp', base + '.eml')
        return '250 OK message accepted'

def authenticate(server, session, envelope, mechanism, data):
    ok = (isinstance(data, LoginPassword) and data.login == user.encode()
          and data.password == password.encode())
    # handled=False: aiosmtpd then answers 535 itself (its default would leave the client waiting)
    return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

kwargs = {}
if cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    kwargs.update(tls_context=context, require_starttls=True)
if user:
    kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=bool(cert))

# server_hostname: without it aiosmtpd asks socket.getfqdn() on every connection, a DNS
# lookup that can stall a sandbox without a resolver.
controller = Controller(Handler(), hostname='127.0.0.1', port=port, server_hostname='localhost', **kwargs)
controller.start()
open(os.path.join(folder, 'ready'), 'w').close()
threading.Event().wait()
)PY";
    }

    void launch(const SmtpServerOptions& o) {
        // Everything the child needs is prepared before fork: after it, only exec.
        const std::string folder = dir_.string();
        const std::string scriptPath = (dir_ / "server.py").string();
        const std::string logPath = (dir_ / "server.log").string();
        const std::string portText = std::to_string(port_);
        std::vector<std::string> args{"python3", scriptPath, folder, portText,
                                      o.tlsCertFile, o.tlsKeyFile, o.user, o.password};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const pid_t parent = ::getpid();

        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("SmtpServer: fork failed");
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
            if (::getppid() != parent) ::_exit(127);
            const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (log >= 0) {
                ::dup2(log, 1);
                ::dup2(log, 2);
            }
            // Debian's interpreter first: a python3 earlier in PATH (pyenv) lacks aiosmtpd.
            ::execv("/usr/bin/python3", argv.data());
            ::execvp("python3", argv.data());
            ::_exit(127);
        }
    }

    void waitUntilReady() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error(failure("exited at start"));
            }
            if (std::filesystem::exists(dir_ / "ready") && accepts()) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        throw std::runtime_error(failure("did not start within 10 s"));
    }

    std::string failure(const char* what) const {
        std::string text = "SmtpServer on port ";
        text.append(std::to_string(port_)).append(" ").append(what).append(":\n").append(readAll(dir_ / "server.log"));
        return text;
    }

    bool accepts() const {
        try {
            Poco::Net::StreamSocket probe;
            probe.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)),
                          Poco::Timespan(1, 0));
            probe.close();
            return true;
        } catch (...) {
            return false;
        }
    }

    void terminate() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        int status = 0;
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() >= deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pid_ = -1;
    }

    void removeDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    static std::string readAll(const std::filesystem::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

    int port_;
    std::filesystem::path dir_;
    pid_t pid_ = -1;
};

}  // namespace medassist::testing
