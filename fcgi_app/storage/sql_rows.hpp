#pragma once
// What every *_store writes around Connector/C++: owning statement and result pointers,
// and a column read as bytes (a VARBINARY ciphertext may hold NULs, so the length counts).
#include <memory>
#include <string>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::storage {

using Stmt = std::unique_ptr<sql::PreparedStatement>;
using Rows = std::unique_ptr<sql::ResultSet>;

inline std::string str(sql::ResultSet& rs, int col) {
    sql::SQLString s = rs.getString(col);
    return std::string(s.c_str(), s.length());
}

}  // namespace medassist::storage
