#pragma once
// Applies sql/migrations/NNNN_name.sql in order, once each, recording every file and its
// SHA-256 in schema_migrations. A migration already applied whose file has since changed
// (or vanished) stops everything: released migrations are never edited.
#include <functional>
#include <string>
#include <vector>

#include <cppconn/connection.h>

namespace medassist::storage {

struct MigrationFile {
    int version = 0;
    std::string name;  // "0001_init"
    std::string path;
    std::string checksum;  // hex SHA-256 of the file's bytes
};

// Lists NNNN_name.sql files sorted by version; throws on a malformed name or a duplicate version.
std::vector<MigrationFile> listMigrations(const std::string& dir);

// Splits SQL text into statements at top-level semicolons, aware of quotes and comments.
std::vector<std::string> splitSqlStatements(const std::string& text);

std::string sha256Hex(const std::string& data);

class MigrationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct MigrationReport {
    std::vector<std::string> applied;
    std::vector<std::string> alreadyApplied;
};

// Applies the pending migrations; progress lines go to `say`.
MigrationReport migrate(sql::Connection& conn, const std::string& dir,
                        const std::function<void(const std::string&)>& say);

// Runs every statement of one SQL file (the demo seed).
void runSqlFile(sql::Connection& conn, const std::string& path);

}  // namespace medassist::storage
