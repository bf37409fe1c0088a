// SHA-256 (FIPS 180-4), for the audit chain and result hashes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace daihoi::audit {

class Sha256 {
public:
    Sha256();
    Sha256& update(std::string_view data);
    std::string hex();  // finishes; lowercase hex digest

private:
    void block(const uint8_t* p);
    uint32_t h_[8];
    uint8_t buf_[64];
    std::size_t len_ = 0;
    uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view data);

}  // namespace daihoi::audit
