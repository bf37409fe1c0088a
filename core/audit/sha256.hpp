// SHA-256 (FIPS 180-4) for the audit chain, the record hash and file hashes:
// a thin wrapper over GNU Nettle's reviewed implementation, so that the
// project carries no cryptographic code of its own.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace daihoi::audit {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    Sha256& update(std::string_view data);
    std::string hex();  // finishes; lowercase hex digest

private:
    struct State;
    std::unique_ptr<State> state_;
};

std::string sha256_hex(std::string_view data);

}  // namespace daihoi::audit
