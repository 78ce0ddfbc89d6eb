#include "security/vault.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include <openssl/evp.h>

namespace medassist::security {

namespace {
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr char kFormat = 1;  // first byte of a field blob: lets the format evolve

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::string gcmSeal(const std::string& key, const std::string& plaintext, const std::string& aad) {
    if (key.size() != kKeyBytes) throw CryptoError("AES-256-GCM needs a 32-byte key");
    const std::string nonce = randomBytes(kNonceBytes);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    std::string out(plaintext.size() + 16, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                           reinterpret_cast<const unsigned char*>(nonce.data())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
                          static_cast<int>(plaintext.size())) != 1)
        throw CryptoError("encryption failed");
    int total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), o + total, &len) != 1) throw CryptoError("encryption failed");
    total += len;
    out.resize(static_cast<std::size_t>(total));
    std::string tag(kTagBytes, '\0');
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, tag.data()) != 1)
        throw CryptoError("encryption failed");
    return nonce + out + tag;
}

std::string gcmOpen(const std::string& key, const std::string& sealed, const std::string& aad) {
    if (key.size() != kKeyBytes) throw CryptoError("AES-256-GCM needs a 32-byte key");
    if (sealed.size() < kNonceBytes + kTagBytes) throw CryptoError("ciphertext too short");
    const std::string nonce = sealed.substr(0, kNonceBytes);
    const std::string body = sealed.substr(kNonceBytes, sealed.size() - kNonceBytes - kTagBytes);
    std::string tag = sealed.substr(sealed.size() - kTagBytes);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    std::string out(body.size() + 16, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                           reinterpret_cast<const unsigned char*>(nonce.data())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(body.data()),
                          static_cast<int>(body.size())) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1)
        throw CryptoError("decryption failed");
    int total = len;
    if (EVP_DecryptFinal_ex(ctx.get(), o + total, &len) != 1)
        throw CryptoError("decryption failed: wrong key, wrong context or tampered data");
    total += len;
    out.resize(static_cast<std::size_t>(total));
    return out;
}

std::string decodeBase64Key(const std::string& text, const std::string& where) {
    std::string clean;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) clean.push_back(c);
    std::string out(clean.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
    if (n < 0) throw CryptoError(where + " is not base64");
    std::size_t pad = 0;
    if (!clean.empty() && clean.back() == '=') ++pad;
    if (clean.size() > 1 && clean[clean.size() - 2] == '=') ++pad;
    out.resize(static_cast<std::size_t>(n) - pad);
    if (out.size() != kKeyBytes) throw CryptoError(where + " must hold 32 bytes (base64)");
    return out;
}
}  // namespace

MasterKeyRing MasterKeyRing::loadDir(const std::string& dir) {
    static const std::regex name(R"(^master_key_v(\d+)$)");
    MasterKeyRing ring;
    if (!std::filesystem::is_directory(dir)) throw CryptoError("master key folder not found: " + dir);
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        std::smatch m;
        std::string file = e.path().filename().string();
        if (!e.is_regular_file() || !std::regex_match(file, m, name)) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        ring.add(std::stoi(m[1]), decodeBase64Key(ss.str(), file));
    }
    if (ring.keys_.empty()) throw CryptoError("no master_key_v<N> file in " + dir);
    return ring;
}

void MasterKeyRing::add(int version, std::string key) {
    if (version < 1) throw CryptoError("master key versions start at 1");
    if (key.size() != kKeyBytes) throw CryptoError("a master key must be 32 bytes");
    keys_[version] = std::move(key);
}

const std::string& MasterKeyRing::key(int version) const {
    auto it = keys_.find(version);
    if (it == keys_.end()) throw CryptoError("master key version " + std::to_string(version) + " is not loaded");
    return it->second;
}

int MasterKeyRing::current() const {
    if (keys_.empty()) throw CryptoError("no master key loaded");
    return keys_.rbegin()->first;
}

Vault::Vault(MasterKeyRing ring, std::string blindIndexKey) : ring_(std::move(ring)), blindKey_(std::move(blindIndexKey)) {
    if (blindKey_.size() < 32) throw CryptoError("the blind-index key must be at least 32 bytes");
    (void)ring_.current();
}

std::string Vault::newDataKey() { return randomBytes(kKeyBytes); }

Vault::Vault(const std::string& masterKeysDir, std::string blindIndexKey)
    : Vault(MasterKeyRing::loadDir(masterKeysDir), std::move(blindIndexKey)) {
    dir_ = masterKeysDir;
}

int Vault::currentVersion() const {
    std::shared_lock lock(mutex_);
    return ring_.current();
}

bool Vault::reload() const {
    if (dir_.empty()) return false;
    MasterKeyRing fresh = MasterKeyRing::loadDir(dir_);
    std::unique_lock lock(mutex_);
    const bool newer = fresh.current() > ring_.current();
    // Keys are only ever added: a version already known keeps its key.
    for (int v = 1; v <= fresh.current(); ++v)
        if (fresh.has(v) && !ring_.has(v)) ring_.add(v, fresh.key(v));
    return newer;
}

WrappedKey Vault::wrap(const std::string& dataKey, const std::string& owner) const {
    std::shared_lock lock(mutex_);
    const int v = ring_.current();
    return {v, gcmSeal(ring_.key(v), dataKey, "medassist:data-key:" + owner + ":v" + std::to_string(v))};
}

std::string Vault::unwrap(const WrappedKey& wrapped, const std::string& owner) const {
    bool known = false;
    {
        std::shared_lock lock(mutex_);
        known = ring_.has(wrapped.version);
    }
    if (!known) reload();
    std::shared_lock lock(mutex_);
    return gcmOpen(ring_.key(wrapped.version), wrapped.blob,
                   "medassist:data-key:" + owner + ":v" + std::to_string(wrapped.version));
}

std::string Vault::encrypt(const std::string& dataKey, const std::string& plaintext, const FieldAad& aad) {
    std::string out;
    out.push_back(kFormat);
    out += gcmSeal(dataKey, plaintext, aad.str());
    return out;
}

std::string Vault::decrypt(const std::string& dataKey, const std::string& blob, const FieldAad& aad) {
    if (blob.empty() || blob[0] != kFormat) throw CryptoError("unknown ciphertext format");
    return gcmOpen(dataKey, blob.substr(1), aad.str());
}

std::string Vault::blindIndex(const std::string& purpose, const std::string& normalizedValue) const {
    return hmacSha256(blindKey_, purpose + '\0' + normalizedValue);
}

}  // namespace medassist::security
