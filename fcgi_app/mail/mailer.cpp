#include "mail/mailer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cxxabi.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <typeinfo>
#include <ctime>
#include <sstream>

#include <Poco/Base64Encoder.h>
#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/DialogSocket.h>
#include <Poco/Net/MailStream.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

#include "config/app_config.hpp"
#include "security/crypto_util.hpp"

namespace medassist::mail {

namespace {

constexpr std::size_t kMaxAddress = 254;
constexpr std::size_t kMaxLocalPart = 64;
// Far below SMTP's 998-byte line limit even after RFC 2047 encoding and folding.
constexpr std::size_t kMaxSubject = 400;

bool isAsciiAtom(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
    switch (c) {
        case '(': case ')': case '<': case '>': case '[': case ']': case ':': case ';':
        case '@': case ',': case '"': case '\\':
            return false;
        default:
            return true;
    }
}

bool isDomainChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

// Dots separate non-empty parts: no leading, trailing or doubled dot.
bool dotsWellPlaced(std::string_view s) {
    return !s.empty() && s.front() != '.' && s.back() != '.' && s.find("..") == std::string_view::npos;
}

bool hasControl(std::string_view s) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F) return true;
    }
    return false;
}

bool isAscii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// The configured sender may carry a display name ("Practice <no-reply@x>"); it is ours, but a
// CR/LF in it would still break every message, so it is refused when the mailer is made.
std::string checkedSender(std::string from) {
    if (from.find('@') == std::string::npos || hasControl(from) || !isAscii(from))
        throw MailError("the configured sender is not a valid address", true);
    return from;
}

// The domain of the sender, for Message-IDs: the part after '@', without a closing '>'.
std::string senderDomain(const std::string& from) {
    const auto at = from.rfind('@');
    std::string domain = at == std::string::npos ? std::string{} : from.substr(at + 1);
    if (const auto gt = domain.find('>'); gt != std::string::npos) domain.erase(gt);
    if (domain.empty() || !dotsWellPlaced(domain)) return "medassist.invalid";
    for (char c : domain)
        if (!isDomainChar(c)) return "medassist.invalid";
    return domain;
}

// Quoted-printable needs CRLF line ends; text from templates may use bare LF or CR. The
// last line is ended too, as SMTP would do anyway, so both transports deliver the same text.
std::string crlfLines(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r') {
            out.append("\r\n");
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\n') {
            out.append("\r\n");
        } else {
            out.push_back(c);
        }
    }
    if (!out.empty() && out.back() != '\n') out.append("\r\n");
    return out;
}

// RFC 2047 "Q" encoded words, folded onto continuation lines. Poco's encodeWord would do,
// but it may cut a UTF-8 character between two words, which the RFC forbids and which
// strict readers show as two replacement characters.
std::string encodeHeaderText(const std::string& text) {
    constexpr std::size_t kMaxWord = 75;
    const std::string open = "=?UTF-8?Q?";
    const std::string close = "?=";
    static const char* const hex = "0123456789ABCDEF";
    std::string result;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!result.empty()) result.append("\r\n ");
        result.append(open).append(word).append(close);
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        // One whole character: a lead byte and its continuation bytes.
        std::size_t end = i + 1;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
        std::string encoded;
        for (std::size_t j = i; j < end; ++j) {
            const auto c = static_cast<unsigned char>(text[j]);
            if (c == ' ') {
                encoded.push_back('_');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' ||
                       c == '*' || c == '+' || c == '-' || c == '/') {
                encoded.push_back(static_cast<char>(c));
            } else {
                encoded.push_back('=');
                encoded.push_back(hex[c >> 4]);
                encoded.push_back(hex[c & 0x0F]);
            }
        }
        if (open.size() + word.size() + encoded.size() + close.size() > kMaxWord) flush();
        word.append(encoded);
        i = end;
    }
    flush();
    return result;
}

std::string utcStamp() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

MailError fromPoco(const Poco::Exception& e, const char* during) {
    std::string what = "SMTP ";
    what.append(during).append(" failed (").append(exceptionTypeName(e));
    bool permanent = false;
    if (dynamic_cast<const Poco::Net::SMTPException*>(&e) != nullptr && e.code() > 0) {
        what.append(" ").append(std::to_string(e.code()));
        permanent = e.code() >= 500 && e.code() < 600;
    }
    what.append(")");
    return MailError(what, permanent);
}

// The SMTP dialogue on the already connected, time-limited socket, driven by what the server
// announces: STARTTLS with the certificate checked against the configured host name, then
// AUTH PLAIN or LOGIN, then the message. Replies are read here, not by Poco's
// SMTPClientSession: its DialogSocket::receiveStatusMessage loops for ever, growing its
// string, when the server closes the connection after the first line of a multi-line reply
// ("250-..." and then nothing). A test server stopped in the middle of an EHLO did that to
// the outbox's thread, which then spun at full CPU and sent no mail again. Here a closed
// connection or a line that is not a reply ends the try with an error, so the outbox retries.
class SmtpSession {
public:
    explicit SmtpSession(const Poco::Net::StreamSocket& socket) : socket_(socket) {}

    void setTimeout(const Poco::Timespan& timeout) {
        socket_.setReceiveTimeout(timeout);
        socket_.setSendTimeout(timeout);
    }

    // The greeting (once), then EHLO (HELO if the server does not know EHLO); the
    // capabilities the server announced, one reply line each.
    std::string hello() {
        std::string response;
        if (!greeted_) {
            const int status = reply(response);
            if (status / 100 != 2) throw Poco::Net::SMTPException("the mail service is unavailable", status);
            greeted_ = true;
        }
        const std::string host = Poco::Environment::nodeName();
        int status = command("EHLO " + host, response);
        if (status / 100 == 5) status = command("HELO " + host, response);
        if (status / 100 != 2) throw Poco::Net::SMTPException("EHLO refused", status);
        return response;
    }

    void startTls(const std::string& host, Poco::Net::Context::Ptr context) {
        std::string response;
        if (command("STARTTLS", response) / 100 != 2) throw MailError("SMTP server refused STARTTLS");
        Poco::Net::SecureStreamSocket secure = Poco::Net::SecureStreamSocket::attach(socket_, host, context);
        socket_ = secure;
    }

    void authenticate(const std::string& capabilities, const std::string& user, const std::string& password) {
        std::string response;
        int status = 0;
        if (offers(capabilities, "PLAIN")) {
            status = command("AUTH PLAIN " + base64(std::string(1, '\0') + user + '\0' + password), response);
        } else if (offers(capabilities, "LOGIN")) {
            status = command("AUTH LOGIN", response);
            if (status == 334) status = command(base64(user), response);
            if (status == 334) status = command(base64(password), response);
        } else {
            throw MailError("SMTP server offers neither AUTH PLAIN nor AUTH LOGIN", true);
        }
        if (status / 100 != 2) throw Poco::Net::SMTPException("authentication refused", status);
    }

    void sendMessage(const Poco::Net::MailMessage& message) {
        std::string response;
        std::string sender = message.getSender();
        if (const auto open = sender.find('<'); open != std::string::npos)
            sender = sender.substr(open + 1, sender.find('>', open) - open - 1);
        int status = command("MAIL FROM:<" + sender + ">", response);
        if (status / 100 != 2) throw Poco::Net::SMTPException("sender refused", status);
        for (const auto& recipient : message.recipients()) {
            status = command("RCPT TO:<" + recipient.getAddress() + ">", response);
            if (status / 100 != 2) throw Poco::Net::SMTPException("recipient refused", status);
        }
        status = command("DATA", response);
        if (status / 100 != 3) throw Poco::Net::SMTPException("DATA refused", status);
        Poco::Net::SocketOutputStream socketStream(socket_);
        Poco::Net::MailOutputStream mailStream(socketStream);  // dot-stuffing and the final "."
        message.write(mailStream);
        mailStream.close();
        socketStream.flush();
        status = reply(response);
        if (status / 100 != 2) throw Poco::Net::SMTPException("the message was refused", status);
    }

    void quit() {
        std::string response;
        command("QUIT", response);
        abort();
    }

    // Gives up the connection without a QUIT dialogue, which could wait out another timeout.
    void abort() {
        try {
            socket_.close();
        } catch (...) {
        }
    }

    static bool hasExtension(const std::string& capabilities, const std::string& keyword) {
        std::istringstream lines(capabilities);
        std::string line;
        while (std::getline(lines, line)) {
            // "250-STARTTLS", "250 AUTH PLAIN LOGIN"
            if (line.size() < 4) continue;
            std::string word = line.substr(4);
            if (const auto end = word.find_first_of(" \r"); end != std::string::npos) word.erase(end);
            if (Poco::icompare(word, keyword) == 0) return true;
        }
        return false;
    }

    // One reply: lines "NNN-text" go on, "NNN text" (or "NNN") ends it; the status, and the
    // lines joined by "\n". Throws when the server closes first or sends something else.
    int reply(std::string& response) {
        response.clear();
        for (int lines = 0; lines < kMaxReplyLines; ++lines) {
            std::string line;
            if (!socket_.receiveMessage(line))
                throw Poco::Net::ConnectionResetException("the SMTP server closed the connection");
            const bool numbered = line.size() >= 3 && std::isdigit(static_cast<unsigned char>(line[0])) &&
                                  std::isdigit(static_cast<unsigned char>(line[1])) &&
                                  std::isdigit(static_cast<unsigned char>(line[2]));
            if (!numbered || (line.size() > 3 && line[3] != '-' && line[3] != ' '))
                throw Poco::Net::SMTPException("not an SMTP reply");
            if (!response.empty()) response.push_back('\n');
            response.append(line);
            if (line.size() == 3 || line[3] == ' ') return std::stoi(line.substr(0, 3));
        }
        throw Poco::Net::SMTPException("an SMTP reply of too many lines");
    }

private:
    static constexpr int kMaxReplyLines = 100;

    int command(const std::string& line, std::string& response) {
        socket_.sendMessage(line);
        return reply(response);
    }

    static std::string base64(const std::string& bytes) {
        std::ostringstream out;
        Poco::Base64Encoder encoder(out);
        encoder.rdbuf()->setLineLength(0);
        encoder << bytes;
        encoder.close();
        return out.str();
    }

    static bool offers(const std::string& capabilities, const std::string& mechanism) {
        std::istringstream lines(capabilities);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.size() < 4) continue;
            std::istringstream words(line.substr(4));
            std::string word;
            words >> word;
            if (Poco::icompare(word, "AUTH") != 0) continue;
            while (words >> word)
                if (Poco::icompare(word, mechanism) == 0) return true;
        }
        return false;
    }

    Poco::Net::DialogSocket socket_;
    bool greeted_ = false;
};

Poco::Net::Context::Ptr defaultTlsContext() {
    // The system's CAs, the server's certificate chain and name verified; no anonymous or
    // weak suites.
    return Poco::Net::Context::Ptr(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                          Poco::Net::Context::VERIFY_RELAXED, 9, true,
                                                          "HIGH:!aNULL:!eNULL:!MD5:!RC4:@STRENGTH"));
}

}  // namespace

std::string exceptionTypeName(const std::exception& e) {
    const char* mangled = typeid(e).name();
    int status = 0;
    char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
    std::string name = status == 0 && demangled != nullptr ? demangled : mangled;
    std::free(demangled);
    return name;
}

bool isPlausibleAddress(std::string_view address) {
    if (address.size() < 3 || address.size() > kMaxAddress) return false;
    const auto at = address.find('@');
    if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view local = address.substr(0, at);
    const std::string_view domain = address.substr(at + 1);
    if (local.size() > kMaxLocalPart || !dotsWellPlaced(local) || !dotsWellPlaced(domain)) return false;
    for (char c : local)
        if (!isAsciiAtom(c)) return false;
    for (char c : domain)
        if (!isDomainChar(c)) return false;
    return domain.front() != '-' && domain.back() != '-';
}

void validate(const MailMessage& message) {
    if (!isPlausibleAddress(message.to)) throw MailError("the recipient is not one valid address", true);
    if (hasControl(message.subject)) throw MailError("the subject contains control characters", true);
    if (message.subject.size() > kMaxSubject) throw MailError("the subject is too long", true);
}

void buildMessage(const MailMessage& message, const std::string& from, Poco::Net::MailMessage& out) {
    validate(message);
    out.setSender(from);
    out.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.to));
    out.setSubject(isAscii(message.subject) ? message.subject : encodeHeaderText(message.subject));
    out.setDate(Poco::Timestamp());
    std::string messageId = "<";
    messageId.append(security::hexEncode(security::randomBytes(16)))
        .append("@")
        .append(senderDomain(from))
        .append(">");
    out.set("Message-ID", messageId);
    out.set("MIME-Version", "1.0");
    out.setContentType("text/plain; charset=UTF-8");
    out.setContent(crlfLines(message.text), Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

// --- FileMailer ------------------------------------------------------------------------

FileMailer::FileMailer(std::filesystem::path dir, std::string from)
    : dir_(std::move(dir)), from_(checkedSender(std::move(from))) {}

void FileMailer::send(const MailMessage& message) {
    Poco::Net::MailMessage mail;
    buildMessage(message, from_, mail);
    std::ostringstream rendered;
    mail.write(rendered);
    const std::string bytes = rendered.str();

    std::error_code ec;
    if (!std::filesystem::exists(dir_, ec)) {
        std::filesystem::create_directories(dir_, ec);
        if (ec) throw MailError("cannot create the mail folder");
        // Mails carry reset links: only the app's user may read them.
        std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, ec);
    }

    std::string name = utcStamp();
    name.append("-").append(security::hexEncode(security::randomBytes(8))).append(".eml");
    std::string temporary = ".";
    temporary.append(name).append(".tmp");
    const std::filesystem::path tmpPath = dir_ / temporary;
    const std::filesystem::path finalPath = dir_ / name;

    const int fd = ::open(tmpPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw MailError("cannot create a mail file");
    std::size_t written = 0;
    bool ok = true;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            ok = false;
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) ok = false;
    if (!ok || ::rename(tmpPath.c_str(), finalPath.c_str()) != 0) {
        ::unlink(tmpPath.c_str());
        throw MailError("cannot write a mail file");
    }
}

// --- SmtpMailer ------------------------------------------------------------------------

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
    settings_.from = checkedSender(std::move(settings_.from));
    if (settings_.host.empty() || settings_.port < 1 || settings_.port > 65535)
        throw MailError("the SMTP host or port is not valid", true);
    if (settings_.timeout.count() <= 0) settings_.timeout = std::chrono::seconds(10);
    if (settings_.startTls && settings_.tlsContext.isNull()) settings_.tlsContext = defaultTlsContext();
}

SmtpMailer::SmtpMailer(std::string host, int port, std::string user, std::optional<std::string> password,
                       std::string from, bool startTls)
    : SmtpMailer(SmtpSettings{std::move(host), port, std::move(user), std::move(password), std::move(from),
                              startTls, std::chrono::seconds(10), {}}) {}

void SmtpMailer::send(const MailMessage& message) {
    Poco::Net::MailMessage mail;
    buildMessage(message, settings_.from, mail);

    const Poco::Timespan timeout(static_cast<long>(settings_.timeout.count()), 0);
    Poco::Net::StreamSocket socket;
    try {
        socket.connect(Poco::Net::SocketAddress(settings_.host, static_cast<Poco::UInt16>(settings_.port)), timeout);
        socket.setReceiveTimeout(timeout);
        socket.setSendTimeout(timeout);
    } catch (const Poco::Exception& e) {
        throw fromPoco(e, "connection");
    }

    SmtpSession session(socket);
    const char* step = "greeting";
    try {
        std::string capabilities = session.hello();
        if (settings_.startTls) {
            // Without TLS the password and the message (a reset link) would cross in clear.
            if (!SmtpSession::hasExtension(capabilities, "STARTTLS"))
                throw MailError("SMTP server does not offer STARTTLS, which is required");
            step = "STARTTLS";
            session.startTls(settings_.host, settings_.tlsContext);
            session.setTimeout(timeout);
            capabilities = session.hello();
        }
        if (!settings_.user.empty()) {
            step = "authentication";
            session.authenticate(capabilities, settings_.user, settings_.password.value_or(""));
        }
        step = "delivery";
        session.sendMessage(mail);
    } catch (const MailError&) {
        session.abort();
        throw;
    } catch (const Poco::Exception& e) {
        session.abort();
        throw fromPoco(e, step);
    }
    // Delivered: a failed QUIT must not make the caller send it a second time.
    try {
        session.quit();
    } catch (const Poco::Exception&) {
        session.abort();
    }
}

std::unique_ptr<Mailer> makeMailer(const config::AppConfig& config) {
    if (config.smtpHost.empty()) return std::make_unique<FileMailer>(config.mailDir, config.emailFrom);
    return std::make_unique<SmtpMailer>(config.smtpHost, config.smtpPort, config.smtpUser, config.smtpPassword,
                                        config.emailFrom, config.smtpStartTls);
}

}  // namespace medassist::mail
