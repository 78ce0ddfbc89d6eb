#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>
#include <set>
#include <string>
#include <vector>

#include <Poco/Net/DialogSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "config/app_config.hpp"
#include "mail/mailer.hpp"
#include "../../support/smtp_server.hpp"
#include "../../support/temp_dir.hpp"

namespace fs = std::filesystem;
using medassist::mail::FileMailer;
using medassist::mail::MailError;
using medassist::mail::MailMessage;
using medassist::testing::parseMail;
using medassist::testing::readFile;
using medassist::testing::TempDir;

namespace {

const std::string kFrom = "MedAssist <no-reply@aurora-practice.example>";

std::vector<fs::path> filesIn(const fs::path& dir) {
    std::vector<fs::path> files;
    if (!fs::exists(dir)) return files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    return files;
}

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

bool sevenBitClean(const std::string& s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(file_mailer)

BOOST_AUTO_TEST_CASE(writes_one_private_parseable_eml_with_headers_and_utf8_body_intact) {
    TempDir tmp;
    const fs::path dir = tmp.path / "var" / "mail";  // missing: the mailer creates it
    FileMailer mailer(dir, kFrom);
    const std::string longLine(300, 'x');
    std::string text = "Gentile Rossi – è confermato.\nVisita: giovedì 12/03 alle 9:30\n";
    text.append(longLine).append("\n.\nUn saluto, lo studio\n");
    mailer.send({"anna.rossi@example.com", "Your appointment", text});

    const auto files = filesIn(dir);
    BOOST_TEST_REQUIRE(files.size() == 1u);
    BOOST_TEST(files[0].extension() == ".eml");
    BOOST_TEST(modeOf(files[0]) == 0600u);
    BOOST_TEST(modeOf(dir) == 0700u);

    const std::string raw = readFile(files[0]);
    BOOST_TEST(sevenBitClean(raw));  // any relay can carry it
    const auto mail = parseMail(raw);
    BOOST_TEST(mail.to == "anna.rossi@example.com");
    BOOST_TEST(mail.from == kFrom);
    BOOST_TEST(mail.subject == "Your appointment");
    BOOST_TEST(mail.body == text);
    BOOST_TEST(mail.contentType.find("text/plain") != std::string::npos);
    BOOST_TEST(mail.contentType.find("charset=UTF-8") != std::string::npos);
    BOOST_TEST(mail.transferEncoding == "quoted-printable");
    BOOST_TEST(mail.mimeVersion == "1.0");
    BOOST_TEST(!mail.date.empty());
    BOOST_TEST(mail.messageId.find("@aurora-practice.example>") != std::string::npos);
    BOOST_TEST(mail.messageId.front() == '<');
}

BOOST_AUTO_TEST_CASE(non_ascii_subjects_are_encoded_and_read_back_unchanged) {
    TempDir tmp;
    FileMailer mailer(tmp.path, "no-reply@aurora-practice.example");
    const std::vector<std::string> subjects{
        "Promemoria: visita di giovedì – è tutto pronto",
        "Réinitialisation du mot de passe • Ünïcödé ✓ 日本語",
        std::string("Conferma prenotazione ")
            .append(20, 'a')
            .append(" – ")
            .append(60, 'b')
            .append(" èèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèè fine")};  // folded over several lines
    for (const auto& subject : subjects) {
        for (const auto& f : filesIn(tmp.path)) fs::remove(f);
        mailer.send({"p@example.com", subject, "body"});
        const auto files = filesIn(tmp.path);
        BOOST_TEST_REQUIRE(files.size() == 1u);
        const std::string raw = readFile(files[0]);
        BOOST_TEST(sevenBitClean(raw));
        BOOST_TEST(raw.find("=?UTF-8?") != std::string::npos);
        BOOST_TEST(parseMail(raw).subject == subject);
        BOOST_TEST(parseMail(raw).body == "body\n");  // the last line is ended, as SMTP would
    }
}

BOOST_AUTO_TEST_CASE(every_message_gets_its_own_file_and_no_temporary_is_left) {
    TempDir tmp;
    FileMailer mailer(tmp.path, kFrom);
    std::set<std::string> ids;
    for (int i = 0; i < 25; ++i) mailer.send({"p@example.com", std::string("n").append(std::to_string(i)), "t"});
    const auto files = filesIn(tmp.path);
    BOOST_TEST(files.size() == 25u);
    for (const auto& f : files) {
        BOOST_TEST(f.extension() == ".eml");
        BOOST_TEST(f.filename().string().front() != '.');
        ids.insert(parseMail(readFile(f)).messageId);
    }
    BOOST_TEST(ids.size() == 25u);  // Message-IDs are unique too
}

BOOST_AUTO_TEST_CASE(header_injection_and_address_lists_are_refused_before_anything_is_written) {
    TempDir tmp;
    const fs::path dir = tmp.path / "mail";
    FileMailer mailer(dir, kFrom);
    const std::vector<MailMessage> bad{
        {"anna@example.com\r\nBcc: thief@evil.example", "Hi", "t"},
        {"anna@example.com\nBcc: thief@evil.example", "Hi", "t"},
        {"anna@example.com\r", "Hi", "t"},
        {std::string("anna@example.com\0thief@evil.example", 34), "Hi", "t"},
        {"anna@example.com", "Hi\r\nBcc: thief@evil.example", "t"},
        {"anna@example.com", "Hi\nBcc: thief@evil.example", "t"},
        {"anna@example.com", "Hi\rthere", "t"},
        {"anna@example.com", std::string("Hi\0there", 8), "t"},
        {"anna@example.com, thief@evil.example", "Hi", "t"},
        {"anna@example.com,thief@evil.example", "Hi", "t"},
        {"anna@example.com thief@evil.example", "Hi", "t"},
        {"anna@example.com;thief@evil.example", "Hi", "t"},
        {"a@b>,c@d", "Hi", "t"},
        {"<anna@example.com>", "Hi", "t"},
        {"Anna <anna@example.com>", "Hi", "t"},
        {"\"a@b\"@example.com", "Hi", "t"},
        {"anna@@example.com", "Hi", "t"},
        {"anna@example@evil.example", "Hi", "t"},
        {"anna", "Hi", "t"},
        {"@example.com", "Hi", "t"},
        {"anna@", "Hi", "t"},
        {"anna@.example.com", "Hi", "t"},
        {"anna@example..com", "Hi", "t"},
        {"annà@example.com", "Hi", "t"},
        {"", "Hi", "t"},
        {std::string(245, 'a').append("@example.com"), "Hi", "t"},  // 257 characters
        {"anna@example.com", std::string(1000, 's'), "t"},
    };
    for (const auto& m : bad) {
        BOOST_CHECK_THROW(mailer.send(m), MailError);
        BOOST_CHECK_THROW(medassist::mail::validate(m), MailError);
    }
    BOOST_TEST(filesIn(dir).empty());
}

BOOST_AUTO_TEST_CASE(ordinary_addresses_are_accepted) {
    for (const char* a : {"anna.rossi+visits@example.co.uk", "o'brien@example.com", "x@localhost",
                          "UPPER_case-1@sub-domain.example"})
        BOOST_TEST(medassist::mail::isPlausibleAddress(a), a);
    BOOST_TEST(medassist::mail::isPlausibleAddress(std::string(64, 'a').append("@").append(185, 'b').append(".com")));
}

BOOST_AUTO_TEST_CASE(a_sender_that_could_break_every_message_is_refused_at_start) {
    TempDir tmp;
    BOOST_CHECK_THROW(FileMailer(tmp.path, "no-reply@x.example\r\nBcc: a@b.example"), MailError);
    BOOST_CHECK_THROW(FileMailer(tmp.path, "nobody"), MailError);
}

BOOST_AUTO_TEST_CASE(make_mailer_writes_files_without_a_host_and_uses_smtp_with_one) {
    TempDir tmp;
    medassist::config::AppConfig config;
    config.emailFrom = "no-reply@aurora-practice.example";
    config.mailDir = (tmp.path / "mail").string();
    auto files = medassist::mail::makeMailer(config);
    BOOST_TEST(dynamic_cast<FileMailer*>(files.get()) != nullptr);
    files->send({"p@example.com", "s", "t"});
    BOOST_TEST(filesIn(tmp.path / "mail").size() == 1u);

    config.smtpHost = "127.0.0.1";
    config.smtpPort = 1;
    auto smtp = medassist::mail::makeMailer(config);
    BOOST_TEST(dynamic_cast<medassist::mail::SmtpMailer*>(smtp.get()) != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

// A server that stops in the middle of its replies: the try ends with an error the outbox
// retries, at once, instead of waiting on a reply that never completes. Poco's own reply
// reader looped for ever (at full CPU) on the first of these, and no mail went out again.
namespace {

// Accepts one connection, plays `lines` (each sent after reading one line from the client,
// the first one at once as the greeting), then closes.
struct BrokenSmtpServer {
    Poco::Net::ServerSocket listener{Poco::Net::SocketAddress("127.0.0.1", 0)};
    std::thread thread;
    explicit BrokenSmtpServer(std::vector<std::string> lines) {
        thread = std::thread([this, lines] {
            Poco::Net::DialogSocket client(listener.acceptConnection());
            client.setReceiveTimeout(Poco::Timespan(5, 0));
            for (std::size_t i = 0; i < lines.size(); ++i) {
                if (i > 0) {
                    std::string command;
                    if (!client.receiveMessage(command)) break;
                }
                client.sendString(lines[i]);
            }
            client.close();
        });
    }
    ~BrokenSmtpServer() { thread.join(); }
    int port() const { return listener.address().port(); }
};

void expectQuickTransientFailure(const std::vector<std::string>& lines) {
    BrokenSmtpServer server(lines);
    medassist::mail::SmtpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = server.port();
    settings.from = kFrom;
    settings.startTls = false;
    settings.timeout = std::chrono::seconds(10);
    medassist::mail::SmtpMailer mailer(settings);
    auto attempt = std::async(std::launch::async, [&mailer] {
        try {
            mailer.send({"paola@example.com", "Your appointment", "text"});
        } catch (const MailError& e) {
            return std::string(e.permanent() ? "permanent: " : "transient: ") + e.what();
        }
        return std::string("sent");
    });
    // Far under the 10 s socket timeout: the closed connection itself ends the try.
    BOOST_TEST_REQUIRE((attempt.wait_for(std::chrono::seconds(5)) == std::future_status::ready),
                       "the mailer still waits on a closed connection");
    const std::string outcome = attempt.get();
    BOOST_TEST(outcome.rfind("transient: ", 0) == 0u, outcome);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(smtp_mailer_against_a_broken_server)

BOOST_AUTO_TEST_CASE(a_server_that_closes_after_the_first_line_of_its_ehlo_reply) {
    expectQuickTransientFailure({"220 ready\r\n", "250-mail.example greets you\r\n"});
}

BOOST_AUTO_TEST_CASE(a_server_that_closes_after_its_greeting) { expectQuickTransientFailure({"220 ready\r\n"}); }

BOOST_AUTO_TEST_CASE(a_server_that_answers_with_something_else_than_smtp) {
    expectQuickTransientFailure({"HTTP/1.1 400 Bad Request\r\n"});
}

BOOST_AUTO_TEST_CASE(a_server_that_closes_in_the_middle_of_the_message) {
    expectQuickTransientFailure({"220 ready\r\n", "250-mail.example\r\n250 8BITMIME\r\n", "250 sender ok\r\n",
                                 "250 recipient ok\r\n", "354 go ahead\r\n"});
}

BOOST_AUTO_TEST_SUITE_END()
