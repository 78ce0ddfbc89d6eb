#include "security/audit_chain.hpp"

#include <Poco/Net/IPAddress.h>

#include "security/crypto_util.hpp"

namespace medassist::security {

std::string pseudonym(const std::string& key, const std::string& userId) {
    return hexEncode(hmacSha256(key, "medassist:actor:" + userId)).substr(0, 32);
}

std::string truncateIp(const std::string& ip) {
    Poco::Net::IPAddress addr;
    if (!Poco::Net::IPAddress::tryParse(ip, addr)) return {};
    if (addr.family() == Poco::Net::IPAddress::IPv4) {
        Poco::Net::IPAddress masked = addr & Poco::Net::IPAddress(24, Poco::Net::IPAddress::IPv4);
        return masked.toString() + "/24";
    }
    if (addr.isIPv4Mapped()) {
        Poco::Net::IPAddress v4(ip.substr(ip.rfind(':') + 1));
        return truncateIp(v4.toString());
    }
    Poco::Net::IPAddress masked = addr & Poco::Net::IPAddress(48, Poco::Net::IPAddress::IPv6);
    return masked.toString() + "/48";
}

std::string auditHash(const AuditRow& row, const std::string& prevHash) {
    // Length-prefixed fields: no two different rows serialise to the same bytes.
    std::string canonical;
    for (const std::string* f : {&prevHash, &row.time, &row.event, &row.actor, &row.network, &row.detail}) {
        canonical += std::to_string(f->size());
        canonical += ':';
        canonical += *f;
        canonical += ';';
    }
    canonical += std::to_string(row.id);
    return hexEncode(sha256(canonical));
}

long firstBrokenRow(const std::vector<AuditRow>& rows, const std::string& genesisHash) {
    std::string prev = genesisHash;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (r.prevHash != prev || r.hash != auditHash(r, prev)) return static_cast<long>(i);
        prev = r.hash;
    }
    return -1;
}

}  // namespace medassist::security
