#include "storage/migrations.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <openssl/evp.h>

namespace medassist::storage {

namespace fs = std::filesystem;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw MigrationError("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

std::string sha256Hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0xF]);
    }
    return out;
}

std::vector<MigrationFile> listMigrations(const std::string& dir) {
    static const std::regex pattern(R"(^(\d{4})_([a-z0-9_]+)\.sql$)");
    std::vector<MigrationFile> out;
    if (!fs::is_directory(dir)) throw MigrationError("migrations folder not found: " + dir);
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::string file = entry.path().filename().string();
        std::string ext = entry.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (ext != ".sql") continue;  // README files and the like may sit beside the migrations
        std::smatch m;
        if (!std::regex_match(file, m, pattern))
            throw MigrationError("migration file name must look like 0001_name.sql: " + file);
        MigrationFile mf;
        mf.version = std::stoi(m[1]);
        mf.name = entry.path().stem().string();
        mf.path = entry.path().string();
        mf.checksum = sha256Hex(readFile(mf.path));
        out.push_back(std::move(mf));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i].version == out[i - 1].version)
            throw MigrationError("two migrations share version " + std::to_string(out[i].version));
    return out;
}

std::vector<std::string> splitSqlStatements(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    enum class State { Normal, Single, Double, Backtick, LineComment, BlockComment } state = State::Normal;
    auto flush = [&] {
        auto b = current.find_first_not_of(" \t\r\n");
        if (b != std::string::npos) {
            auto e = current.find_last_not_of(" \t\r\n");
            out.push_back(current.substr(b, e - b + 1));
        }
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        char next = i + 1 < text.size() ? text[i + 1] : '\0';
        switch (state) {
            case State::Normal:
                if (c == ';') { flush(); continue; }
                if (c == '\'') state = State::Single;
                else if (c == '"') state = State::Double;
                else if (c == '`') state = State::Backtick;
                else if (c == '-' && next == '-' && (i + 2 >= text.size() || std::isspace(static_cast<unsigned char>(text[i + 2])))) {
                    state = State::LineComment; ++i; continue;
                } else if (c == '#') { state = State::LineComment; continue; }
                else if (c == '/' && next == '*') { state = State::BlockComment; ++i; continue; }
                current.push_back(c);
                break;
            case State::Single:
            case State::Double:
            case State::Backtick: {
                char quote = state == State::Single ? '\'' : state == State::Double ? '"' : '`';
                current.push_back(c);
                if (c == '\\' && state != State::Backtick && next) { current.push_back(next); ++i; }
                else if (c == quote) state = State::Normal;
                break;
            }
            case State::LineComment:
                if (c == '\n') { state = State::Normal; current.push_back('\n'); }
                break;
            case State::BlockComment:
                if (c == '*' && next == '/') { state = State::Normal; ++i; current.push_back(' '); }
                break;
        }
    }
    flush();
    return out;
}

void runSqlFile(sql::Connection& conn, const std::string& path) {
    std::unique_ptr<sql::Statement> st(conn.createStatement());
    for (const auto& statement : splitSqlStatements(readFile(path))) {
        try {
            st->execute(statement);
        } catch (const sql::SQLException& e) {
            throw MigrationError(fs::path(path).filename().string() + ": " + e.what() + "\n  in: " +
                                 statement.substr(0, 200));
        }
    }
}

MigrationReport migrate(sql::Connection& conn, const std::string& dir,
                        const std::function<void(const std::string&)>& say) {
    auto files = listMigrations(dir);
    std::unique_ptr<sql::Statement> st(conn.createStatement());
    st->execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INT NOT NULL PRIMARY KEY,"
        " name VARCHAR(200) NOT NULL,"
        " checksum CHAR(64) NOT NULL,"
        " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    // One runner at a time: a second one waits here instead of racing.
    std::unique_ptr<sql::ResultSet> lock(st->executeQuery("SELECT GET_LOCK('medassist_migrations', 60)"));
    if (!lock->next() || lock->getInt(1) != 1) throw MigrationError("another migration run holds the lock");
    struct Unlock {
        sql::Statement& s;
        ~Unlock() {
            try { std::unique_ptr<sql::ResultSet>(s.executeQuery("SELECT RELEASE_LOCK('medassist_migrations')")); } catch (...) {}
        }
    } unlock{*st};

    std::map<int, std::pair<std::string, std::string>> applied;  // version -> (name, checksum)
    {
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SELECT version, name, checksum FROM schema_migrations"));
        while (rs->next()) applied[rs->getInt(1)] = {rs->getString(2), rs->getString(3)};
    }
    std::map<int, const MigrationFile*> byVersion;
    for (const auto& f : files) byVersion[f.version] = &f;
    for (const auto& [version, row] : applied) {
        auto it = byVersion.find(version);
        if (it == byVersion.end())
            throw MigrationError("migration " + row.first + " was applied but its file is missing");
        if (it->second->checksum != row.second)
            throw MigrationError("migration " + row.first +
                                 ".sql changed after it was applied; add a new migration instead of editing it");
    }

    MigrationReport report;
    for (const auto& f : files) {
        if (applied.count(f.version)) {
            report.alreadyApplied.push_back(f.name);
            continue;
        }
        say("applying " + f.name);
        runSqlFile(conn, f.path);
        std::unique_ptr<sql::PreparedStatement> ins(
            conn.prepareStatement("INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)"));
        ins->setInt(1, f.version);
        ins->setString(2, f.name);
        ins->setString(3, f.checksum);
        ins->execute();
        report.applied.push_back(f.name);
    }
    return report;
}

}  // namespace medassist::storage
