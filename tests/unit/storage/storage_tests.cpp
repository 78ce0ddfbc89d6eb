#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/database_url.hpp"
#include "storage/migrations.hpp"
#include "../../support/temp_dir.hpp"

using namespace medassist::storage;
namespace fs = std::filesystem;

namespace {

using medassist::testing::readFile;
using medassist::testing::TempDir;


// The message parse() throws for url, or "" when it accepts it.
std::string parseError(const std::string& url) {
    try {
        DatabaseUrl::parse(url);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

using Statements = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(database_url)

BOOST_AUTO_TEST_CASE(socket_form_with_a_percent_encoded_password) {
    auto u = DatabaseUrl::parse("mysql://medassist_app:p%40ss@localhost/medassist?socket=/x/y.sock");
    BOOST_TEST(u.user == "medassist_app");
    BOOST_TEST(u.password == "p@ss");
    BOOST_TEST(u.host == "localhost");
    BOOST_TEST(u.database == "medassist");
    BOOST_TEST(u.socket == "/x/y.sock");
}

BOOST_AUTO_TEST_CASE(host_and_port_form) {
    auto u = DatabaseUrl::parse("mysql://app:Secr3t-Pass@db.internal:3307/clinic");
    BOOST_TEST(u.user == "app");
    BOOST_TEST(u.password == "Secr3t-Pass");
    BOOST_TEST(u.host == "db.internal");
    BOOST_TEST(u.port == 3307);
    BOOST_TEST(u.database == "clinic");
    BOOST_TEST(u.socket.empty());
}

BOOST_AUTO_TEST_CASE(host_without_port_uses_3306) {
    auto u = DatabaseUrl::parse("mysql://app:pw@127.0.0.1/clinic");
    BOOST_TEST(u.host == "127.0.0.1");
    BOOST_TEST(u.port == 3306);
}

BOOST_AUTO_TEST_CASE(mariadb_scheme_is_accepted) {
    auto u = DatabaseUrl::parse("mariadb://app:pw@localhost:3306/clinic");
    BOOST_TEST(u.user == "app");
    BOOST_TEST(u.password == "pw");
    BOOST_TEST(u.database == "clinic");
}

BOOST_AUTO_TEST_CASE(an_unencoded_at_sign_in_the_password_still_parses) {
    auto u = DatabaseUrl::parse("mysql://app:p@ss@localhost/clinic");
    BOOST_TEST(u.password == "p@ss");
    BOOST_TEST(u.host == "localhost");
}

BOOST_AUTO_TEST_CASE(errors_explain_without_revealing_the_password) {
    const std::string password = "Zz9-hidden-Qq7";
    const std::vector<std::string> bad = {
        "postgres://app:" + password + "@localhost/clinic",            // wrong scheme
        "MYSQL://app:" + password + "@localhost/clinic",               // scheme is case-sensitive
        "mysql://app@localhost/clinic",                                // no password
        "mysql://localhost/clinic",                                    // no user info at all
        "mysql://:" + password + "@localhost/clinic",                  // no user
        "mysql://app:" + password + "@localhost",                      // no database
        "mysql://app:" + password + "@localhost/",                     // empty database
        "mysql://app:" + password + "@localhost:abc/clinic",           // bad port
        "mysql://app:" + password + "@localhost:0/clinic",             // port out of range
        "mysql://app:" + password + "@localhost:65536/clinic",         // port out of range
        "mysql://app:" + password + "@localhost:/clinic",              // empty port
        "mysql://app:" + password + "@localhost/clinic?ssl=1",         // unknown option
        "mysql://app:" + password + "@localhost/clinic?socket=/x&password=" + password,  // unknown option
        "mysql://app:" + password + "%zz@localhost/clinic",            // bad escape in the password
    };
    for (const auto& url : bad) {
        auto message = parseError(url);
        BOOST_TEST(!message.empty(), "accepted: " << url);
        BOOST_TEST(message.find(password) == std::string::npos, "leaked in: " << message);
        BOOST_TEST(message.find("hidden") == std::string::npos, "leaked in: " << message);
    }
}

BOOST_AUTO_TEST_CASE(error_messages_name_the_problem) {
    BOOST_TEST(parseError("http://a:b@h/d").find("mysql://") != std::string::npos);
    BOOST_TEST(parseError("mysql://a@h/d").find("password") != std::string::npos);
    BOOST_TEST(parseError("mysql://a:b@h").find("database") != std::string::npos);
    BOOST_TEST(parseError("mysql://a:b@h:99999/d").find("port") != std::string::npos);
    BOOST_TEST(parseError("mysql://a:b@h/d?tls=on").find("tls") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(split_sql)

BOOST_AUTO_TEST_CASE(splits_on_top_level_semicolons) {
    auto s = splitSqlStatements("CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n  SELECT 1 ;");
    BOOST_TEST(s == (Statements{"CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)", "SELECT 1"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.size() == 3u);
}

BOOST_AUTO_TEST_CASE(semicolons_inside_quotes_are_kept) {
    auto s = splitSqlStatements(
        "INSERT INTO t VALUES ('a;b', \"c;d\");\n"
        "SELECT `we;ird` FROM t;");
    BOOST_REQUIRE(s.size() == 2u);
    BOOST_TEST(s[0] == "INSERT INTO t VALUES ('a;b', \"c;d\")");
    BOOST_TEST(s[1] == "SELECT `we;ird` FROM t");
}

BOOST_AUTO_TEST_CASE(escaped_and_doubled_quotes_do_not_end_a_string) {
    auto s = splitSqlStatements(
        "INSERT INTO t VALUES ('it\\'s; fine');\n"
        "INSERT INTO t VALUES ('it''s; fine');\n"
        "INSERT INTO t VALUES (\"say \\\"hi;\\\"\");\n"
        "INSERT INTO t VALUES ('back\\\\');\n"
        "SELECT 2;");
    BOOST_REQUIRE(s.size() == 5u);
    BOOST_TEST(s[0] == "INSERT INTO t VALUES ('it\\'s; fine')");
    BOOST_TEST(s[1] == "INSERT INTO t VALUES ('it''s; fine')");
    BOOST_TEST(s[2] == "INSERT INTO t VALUES (\"say \\\"hi;\\\"\")");
    BOOST_TEST(s[3] == "INSERT INTO t VALUES ('back\\\\')");
    BOOST_TEST(s[4] == "SELECT 2");
}

BOOST_AUTO_TEST_CASE(comments_are_dropped) {
    auto s = splitSqlStatements(
        "-- a line comment; with a semicolon\n"
        "SELECT 1; # another; comment\n"
        "/* a block; comment\n   over two lines */ SELECT 2;\n"
        "SELECT /* inline; */ 3;");
    BOOST_REQUIRE(s.size() == 3u);
    BOOST_TEST(s[0] == "SELECT 1");
    BOOST_TEST(s[1] == "SELECT 2");
    BOOST_TEST(s[2].find("SELECT") == 0u);
    BOOST_TEST(s[2].find("3") != std::string::npos);
    BOOST_TEST(s[2].find("inline") == std::string::npos);
    for (const auto& st : s) {
        BOOST_TEST(st.find("comment") == std::string::npos, st);
        BOOST_TEST(st.find("--") == std::string::npos, st);
        BOOST_TEST(st.find("/*") == std::string::npos, st);
    }
}

BOOST_AUTO_TEST_CASE(comment_markers_inside_strings_are_text) {
    auto s = splitSqlStatements("INSERT INTO t VALUES ('-- not a comment', '# nor this', '/* nor this */');");
    BOOST_REQUIRE(s.size() == 1u);
    BOOST_TEST(s[0] == "INSERT INTO t VALUES ('-- not a comment', '# nor this', '/* nor this */')");
}

BOOST_AUTO_TEST_CASE(double_dash_without_a_space_is_subtraction) {
    auto s = splitSqlStatements("SELECT 5--3;");
    BOOST_REQUIRE(s.size() == 1u);
    BOOST_TEST(s[0] == "SELECT 5--3");
}

BOOST_AUTO_TEST_CASE(empty_statements_are_ignored) {
    BOOST_TEST(splitSqlStatements("").empty());
    BOOST_TEST(splitSqlStatements(" ;;\n ; -- only a comment\n/* and another */;").empty());
    auto s = splitSqlStatements(";;SELECT 1;;;SELECT 2;;");
    BOOST_TEST(s == (Statements{"SELECT 1", "SELECT 2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_final_statement_without_a_semicolon_is_kept) {
    auto s = splitSqlStatements("SELECT 1;\nSELECT 2\n");
    BOOST_TEST(s == (Statements{"SELECT 1", "SELECT 2"}), boost::test_tools::per_element());
    auto one = splitSqlStatements("UPDATE t SET a = 1 -- trailing comment");
    BOOST_REQUIRE(one.size() == 1u);
    BOOST_TEST(one[0] == "UPDATE t SET a = 1");
}

BOOST_AUTO_TEST_CASE(the_shipped_migrations_split_into_statements) {
    for (const auto& m : listMigrations(MEDASSIST_SOURCE_DIR "/sql/migrations")) {
        std::ifstream in(m.path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto statements = splitSqlStatements(text);
        BOOST_TEST(!statements.empty(), m.name);
        for (const auto& st : statements) BOOST_TEST(st.find("--") == std::string::npos, m.name << ": " << st);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(migration_files)

BOOST_AUTO_TEST_CASE(sha256_matches_the_known_vectors) {
    BOOST_TEST(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(files_are_listed_in_version_order_with_checksums) {
    TempDir dir;
    const std::string b = "CREATE TABLE b (x INT);\n";
    const std::string a = "CREATE TABLE a (x INT);\n";
    dir.write("0002_b.sql", b);
    dir.write("0001_a.sql", a);
    dir.write("README.md", "not a migration");
    auto files = listMigrations(dir.path.string());
    BOOST_REQUIRE(files.size() == 2u);
    BOOST_TEST(files[0].version == 1);
    BOOST_TEST(files[0].name == "0001_a");
    BOOST_TEST(fs::path(files[0].path).filename().string() == "0001_a.sql");
    BOOST_TEST(files[0].checksum == sha256Hex(a));
    BOOST_TEST(files[1].version == 2);
    BOOST_TEST(files[1].name == "0002_b");
    BOOST_TEST(files[1].checksum == sha256Hex(b));
    BOOST_TEST(files[0].checksum != files[1].checksum);
    BOOST_TEST(files[0].checksum.size() == 64u);
}

BOOST_AUTO_TEST_CASE(versions_sort_numerically_not_by_directory_order) {
    TempDir dir;
    for (const char* name : {"0010_j.sql", "0002_b.sql", "0100_z.sql", "0001_a.sql"}) dir.write(name, name);
    auto files = listMigrations(dir.path.string());
    BOOST_REQUIRE(files.size() == 4u);
    BOOST_TEST(files[0].version == 1);
    BOOST_TEST(files[1].version == 2);
    BOOST_TEST(files[2].version == 10);
    BOOST_TEST(files[3].version == 100);
}

BOOST_AUTO_TEST_CASE(a_changed_file_has_a_different_checksum) {
    TempDir dir;
    dir.write("0001_a.sql", "CREATE TABLE a (x INT);\n");
    auto before = listMigrations(dir.path.string()).at(0).checksum;
    dir.write("0001_a.sql", "CREATE TABLE a (x INT, y INT);\n");
    auto after = listMigrations(dir.path.string()).at(0).checksum;
    BOOST_TEST(before != after);
}

BOOST_AUTO_TEST_CASE(badly_named_files_are_refused) {
    for (const char* name : {"1_a.sql", "0001-A.sql", "0001_A.sql", "00001_a.sql", "0001_.sql", "abcd_a.sql"}) {
        TempDir dir;
        dir.write("0001_ok.sql", "SELECT 1;");
        dir.write(name, "SELECT 1;");
        try {
            listMigrations(dir.path.string());
            BOOST_ERROR("accepted " << name);
        } catch (const MigrationError& e) {
            BOOST_TEST(std::string(e.what()).find(name) != std::string::npos, e.what());
        }
    }
}

BOOST_AUTO_TEST_CASE(two_files_with_the_same_version_are_refused) {
    TempDir dir;
    dir.write("0001_a.sql", "SELECT 1;");
    dir.write("0001_b.sql", "SELECT 2;");
    try {
        listMigrations(dir.path.string());
        BOOST_FAIL("expected MigrationError");
    } catch (const MigrationError& e) {
        BOOST_TEST(std::string(e.what()).find("version 1") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_missing_folder_is_refused) {
    TempDir dir;
    BOOST_CHECK_THROW(listMigrations((dir.path / "absent").string()), MigrationError);
}

BOOST_AUTO_TEST_CASE(an_empty_folder_lists_nothing) {
    TempDir dir;
    BOOST_TEST(listMigrations(dir.path.string()).empty());
}

BOOST_AUTO_TEST_CASE(the_shipped_migrations_list_without_error) {
    std::vector<MigrationFile> files;
    BOOST_REQUIRE_NO_THROW(files = listMigrations(MEDASSIST_SOURCE_DIR "/sql/migrations"));
    BOOST_REQUIRE(!files.empty());
    BOOST_TEST(files[0].version == 1);
    for (std::size_t i = 0; i < files.size(); ++i) {
        BOOST_TEST(files[i].checksum.size() == 64u);
        if (i > 0) BOOST_TEST(files[i].version > files[i - 1].version);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_fixes)

BOOST_AUTO_TEST_CASE(an_at_sign_in_the_socket_path_does_not_shift_the_other_parts) {
    auto u = DatabaseUrl::parse("mysql://app:Pw12345@localhost/db?socket=/run/my@sql/x.sock");
    BOOST_TEST(u.user == "app");
    BOOST_TEST(u.password == "Pw12345");
    BOOST_TEST(u.database == "db");
    BOOST_TEST(u.socket == "/run/my@sql/x.sock");
}

BOOST_AUTO_TEST_CASE(a_port_with_a_separator_and_a_database_with_a_slash_are_refused) {
    BOOST_CHECK_THROW(DatabaseUrl::parse("mysql://u:p@h:3,306/db"), std::invalid_argument);
    BOOST_CHECK_THROW(DatabaseUrl::parse("mysql://u:p@h/db/extra"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(an_upper_case_extension_is_refused_instead_of_silently_skipped) {
    TempDir dir;
    dir.write("0001_ok.sql", "SELECT 1;");
    dir.write("0002_b.SQL", "SELECT 1;");
    BOOST_CHECK_THROW(listMigrations(dir.path.string()), MigrationError);
}

BOOST_AUTO_TEST_SUITE_END()
