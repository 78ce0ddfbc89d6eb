#pragma once
// Outgoing mail: one plain-text UTF-8 message to one address. Two transports build the very
// same RFC 5322 message: SMTP for real deployments, .eml files for development (no host
// configured), so what a developer opens in var/mail is what a patient would receive.
// Every message is checked before anything leaves: the address and subject come from user
// input, and a CR/LF in either would let a caller add headers or recipients of their own.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <Poco/Net/Context.h>

namespace Poco::Net {
class MailMessage;
}

namespace medassist::config {
struct AppConfig;
}

namespace medassist::mail {

struct MailMessage {
    std::string to;       // one bare address: a@b.example
    std::string subject;  // UTF-8, one line
    std::string text;     // UTF-8 plain text
};

// What a MailError says never holds an address, a subject or a body, so it may be logged.
class MailError : public std::runtime_error {
public:
    explicit MailError(const std::string& what, bool permanent = false)
        : std::runtime_error(what), permanent_(permanent) {}
    // True when trying again cannot help: a malformed message, or a 5xx SMTP reply.
    bool permanent() const { return permanent_; }

private:
    bool permanent_;
};

class Mailer {
public:
    virtual ~Mailer() = default;
    // Delivers the message or throws MailError; never sends a message that fails validate().
    virtual void send(const MailMessage& message) = 0;
};

// The demangled type of an exception ("Poco::Net::SMTPException"): what a log may say about
// a failure, since the exception's text can quote a server reply naming the recipient.
std::string exceptionTypeName(const std::exception& e);

// One address, no display name, no list: exactly one '@', nothing before or after it empty,
// printable ASCII without spaces, commas, angle brackets, quotes or other specials, ≤ 254.
bool isPlausibleAddress(std::string_view address);

// Throws MailError (permanent) when the message could carry extra headers or recipients.
void validate(const MailMessage& message);

// Fills out with the message both transports send: From, To, Subject (RFC 2047 when not
// ASCII), Date, Message-ID, MIME-Version, text/plain; charset=UTF-8, quoted-printable.
// Validates first.
void buildMessage(const MailMessage& message, const std::string& from, Poco::Net::MailMessage& out);

// Development transport: one .eml per message in dir (created 0700 when missing), each file
// 0600 and appearing whole (written under a temporary name, then renamed).
class FileMailer : public Mailer {
public:
    FileMailer(std::filesystem::path dir, std::string from);
    void send(const MailMessage& message) override;

private:
    std::filesystem::path dir_;
    std::string from_;
};

struct SmtpSettings {
    std::string host;
    int port = 587;
    std::string user;                     // empty: no AUTH
    std::optional<std::string> password;
    std::string from;
    bool startTls = true;                 // when true, nothing is sent unless TLS is up
    std::chrono::seconds timeout{10};     // connect and every reply
    Poco::Net::Context::Ptr tlsContext;   // null: system CAs, server certificate verified
};

class SmtpMailer : public Mailer {
public:
    explicit SmtpMailer(SmtpSettings settings);
    SmtpMailer(std::string host, int port, std::string user, std::optional<std::string> password,
               std::string from, bool startTls);
    void send(const MailMessage& message) override;

private:
    SmtpSettings settings_;
};

// SMTP when a host is configured, otherwise .eml files in mailDir.
std::unique_ptr<Mailer> makeMailer(const config::AppConfig& config);

}  // namespace medassist::mail
