#pragma once
// What every *_store writes around Connector/C++: a statement (from the connection's cache:
// Stmt st(storage::prepare(c, "...")), an owning result pointer, and a column read as bytes
// (a VARBINARY ciphertext may hold NULs, so the length counts).
#include <memory>
#include <string>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "storage/statement_cache.hpp"

namespace medassist::storage {

using Stmt = Prepared;
using Rows = std::unique_ptr<sql::ResultSet>;

inline std::string str(sql::ResultSet& rs, int col) {
    sql::SQLString s = rs.getString(col);
    return std::string(s.c_str(), s.length());
}

}  // namespace medassist::storage
