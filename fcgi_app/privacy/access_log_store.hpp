#pragma once
// SQL for the patients' access log.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/pool.hpp"

namespace medassist::privacy {

struct AccessRow {
    std::int64_t id = 0;
    std::int64_t patientId = 0;
    std::optional<std::int64_t> actorId;
    std::string actorRole, action, dataKind;
    std::int64_t at = 0;  // UTC epoch seconds; add() takes 0 as the database's now
};

class AccessLogStore {
public:
    explicit AccessLogStore(storage::ConnectionPool& pool) : pool_(pool) {}
    void add(const AccessRow& row);
    std::vector<AccessRow> forPatient(std::int64_t patientId, std::size_t limit);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::privacy
