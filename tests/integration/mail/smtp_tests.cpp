// Mail over real SMTP: an aiosmtpd server started by the test on a free loopback port (no
// stack needed, so these always run). They check what a recipient would get, and that
// nothing is sent when TLS was required but not possible.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <string>

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "mail/mail_outbox.hpp"
#include "mail/mailer.hpp"
#include "smtp_server.hpp"
#include "../../support/temp_dir.hpp"

using namespace std::chrono_literals;
using medassist::mail::MailError;
using medassist::mail::MailMessage;
using medassist::mail::SmtpMailer;
using medassist::mail::SmtpSettings;
using medassist::testing::parseMail;
using medassist::testing::SmtpServer;
using medassist::testing::SmtpServerOptions;
using medassist::testing::TempDir;

namespace {

const std::string kFrom = "MedAssist <no-reply@aurora-practice.example>";

// A port nothing listens on right now (the kernel's pick, released at once).
int freePort() {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int port = probe.address().port();
    probe.close();
    return port;
}

SmtpSettings plain(int port) {
    SmtpSettings s;
    s.host = "127.0.0.1";
    s.port = port;
    s.from = kFrom;
    s.startTls = false;
    s.timeout = 3s;
    return s;
}

long long elapsedMs(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
}

// A self-signed certificate for localhost / 127.0.0.1, made with the openssl tool.
struct TestCertificate {
    TempDir dir;
    std::string cert = (dir.path / "cert.pem").string();
    std::string key = (dir.path / "key.pem").string();
    TestCertificate() {
        std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost";
        command.append(" -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout '")
            .append(key)
            .append("' -out '")
            .append(cert)
            .append("' >/dev/null 2>&1");
        BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    }
    // A client context that trusts this certificate only.
    Poco::Net::Context::Ptr trustingContext() const {
        Poco::Net::Context::Params params;
        params.caLocation = cert;
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.loadDefaultCAs = false;
        return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(smtp)

BOOST_AUTO_TEST_CASE(the_server_receives_exactly_the_message_with_its_headers_and_body) {
    SmtpServer server(freePort());
    SmtpMailer mailer(plain(server.port()));
    std::string text = "Gentile Rossi – è confermato.\n.\nUna riga che comincia con un punto:\n.punto\n";
    text.append(200, 'z').append("\nfine\n");  // a line longer than quoted-printable allows
    mailer.send({"anna.rossi@example.com", "Conferma – giovedì", text});

    const auto received = server.received();
    BOOST_TEST_REQUIRE(received.size() == 1u);
    BOOST_TEST(received[0].mailFrom == "no-reply@aurora-practice.example");
    BOOST_TEST_REQUIRE(received[0].rcptTos.size() == 1u);
    BOOST_TEST(received[0].rcptTos[0] == "anna.rossi@example.com");
    BOOST_TEST(!received[0].tls);
    const auto mail = parseMail(received[0].raw);
    BOOST_TEST(mail.to == "anna.rossi@example.com");
    BOOST_TEST(mail.from == kFrom);
    BOOST_TEST(mail.subject == "Conferma – giovedì");
    BOOST_TEST(mail.body == text);
    BOOST_TEST(mail.contentType == "text/plain; charset=UTF-8");
    BOOST_TEST(mail.mimeVersion == "1.0");
    BOOST_TEST(mail.messageId.find("@aurora-practice.example>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(starttls_required_but_not_offered_fails_and_sends_nothing) {
    SmtpServer server(freePort());  // offers no STARTTLS
    SmtpSettings s = plain(server.port());
    s.startTls = true;
    s.user = "medassist";
    s.password = "not-to-be-sent-in-clear";
    SmtpMailer mailer(s);
    BOOST_CHECK_THROW(mailer.send({"anna@example.com", "s", "t"}), MailError);
    BOOST_TEST(server.waitForMessages(1, 300ms).empty());
}

BOOST_AUTO_TEST_CASE(starttls_with_a_trusted_certificate_authenticates_and_delivers_encrypted) {
    TestCertificate certificate;
    SmtpServer server(freePort(), SmtpServerOptions{certificate.cert, certificate.key, "medassist", "s3cret pass"});
    SmtpSettings s = plain(server.port());
    s.host = "localhost";
    s.startTls = true;
    s.user = "medassist";
    s.password = "s3cret pass";
    s.tlsContext = certificate.trustingContext();
    SmtpMailer(s).send({"anna@example.com", "Over TLS", "segreto"});

    const auto received = server.received();
    BOOST_TEST_REQUIRE(received.size() == 1u);
    BOOST_TEST(received[0].tls);
    BOOST_TEST(received[0].login == "medassist");
    BOOST_TEST(parseMail(received[0].raw).body == "segreto\n");  // the last line ended, as by SMTP
}

BOOST_AUTO_TEST_CASE(an_untrusted_certificate_or_a_wrong_password_sends_nothing) {
    TestCertificate certificate;
    SmtpServer server(freePort(), SmtpServerOptions{certificate.cert, certificate.key, "medassist", "right"});
    SmtpSettings s = plain(server.port());
    s.host = "localhost";
    s.startTls = true;
    s.user = "medassist";
    s.password = "right";
    // The default: the system's CAs, which do not know this self-signed certificate.
    BOOST_CHECK_THROW(SmtpMailer(s).send({"anna@example.com", "s", "t"}), MailError);

    s.tlsContext = certificate.trustingContext();
    s.password = "wrong";
    try {
        SmtpMailer(s).send({"anna@example.com", "s", "t"});
        BOOST_FAIL("a wrong password must fail");
    } catch (const MailError& e) {
        BOOST_TEST(e.permanent());  // 535: retrying cannot help
    }
    BOOST_TEST(server.waitForMessages(1, 300ms).empty());
}

BOOST_AUTO_TEST_CASE(a_closed_port_or_a_silent_server_fails_within_the_timeout) {
    SmtpSettings s = plain(freePort());
    s.timeout = 1s;
    auto start = std::chrono::steady_clock::now();
    BOOST_CHECK_THROW(SmtpMailer(s).send({"anna@example.com", "s", "t"}), MailError);
    BOOST_TEST(elapsedMs(start) < 1500);

    // Accepts connections (the kernel's backlog) but never says a word.
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
    s.port = silent.address().port();
    start = std::chrono::steady_clock::now();
    BOOST_CHECK_THROW(SmtpMailer(s).send({"anna@example.com", "s", "t"}), MailError);
    BOOST_TEST(elapsedMs(start) < 3000);
}

BOOST_AUTO_TEST_CASE(the_outbox_delivers_over_smtp) {
    SmtpServer server(freePort());
    Poco::Logger& logger = Poco::Logger::get("integration_mail");
    medassist::mail::MailOutbox outbox(std::make_unique<SmtpMailer>(plain(server.port())), logger);
    for (int i = 0; i < 3; ++i) {
        std::string to = "patient";
        to.append(std::to_string(i)).append("@example.com");
        outbox.enqueue({to, "Promemoria", "Ci vediamo domani."});
    }
    BOOST_TEST(outbox.flush(20s));
    const auto mails = server.messages();
    BOOST_TEST_REQUIRE(mails.size() == 3u);
    for (int i = 0; i < 3; ++i) {
        std::string to = "patient";
        to.append(std::to_string(i)).append("@example.com");
        BOOST_TEST(parseMail(mails[i]).to == to);  // in the order they were queued
    }
    BOOST_TEST(outbox.stats().sent == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
