// SHA-256 from GNU Nettle (nettle/sha2.h). The digest is the standard one:
// the audit chains written by earlier versions, which used the project's own
// implementation, verify unchanged (tests/unit: the FIPS 180-4 vectors and a
// workspace made before the change).
#include "core/audit/sha256.hpp"

#include <nettle/sha2.h>

namespace daihoi::audit {

struct Sha256::State {
    sha256_ctx ctx;
};

Sha256::Sha256() : state_(std::make_unique<State>()) { sha256_init(&state_->ctx); }

Sha256::~Sha256() = default;

Sha256& Sha256::update(std::string_view data) {
    sha256_update(&state_->ctx, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
    return *this;
}

std::string Sha256::hex() {
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&state_->ctx, sizeof digest, digest);  // also resets the context
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(2 * sizeof digest, '0');
    for (std::size_t i = 0; i < sizeof digest; ++i) {
        out[2 * i] = kHex[digest[i] >> 4];
        out[2 * i + 1] = kHex[digest[i] & 0xf];
    }
    return out;
}

std::string sha256_hex(std::string_view data) { return Sha256().update(data).hex(); }

}  // namespace daihoi::audit
