// FNV-1a hashing, linear probing, doubling at 75 % load (a miss probes about
// 8 slots there, half that on average over the growth; 16-byte slots keep it
// cache-friendly). 2.7 million keys fit in 4M slots, 64 MB, not 8M.
#include "core/io/seen_keys.hpp"

#include <stdexcept>

namespace daihoi::io {

namespace {
uint64_t hash_of(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h ^ (h >> 29);
}
}  // namespace

SeenKeys::SeenKeys() : slots_(1024) {}

std::optional<std::size_t> SeenKeys::insert(std::string_view key, std::size_t line) {
    if (line == 0 || line >= kTaken) throw std::invalid_argument("SeenKeys: line out of range");
    return add(key, line);
}

std::optional<std::size_t> SeenKeys::add(std::string_view key, std::size_t line) {
    if ((count_ + 1) * 4 > slots_.size() * 3) grow();
    uint32_t h = static_cast<uint32_t>(hash_of(key));
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        Slot& s = slots_[i];
        if (s.line == 0) {
            if (arena_.size() + key.size() > UINT32_MAX) throw std::length_error("SeenKeys: too many keys");
            s = Slot{h, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()),
                     static_cast<uint32_t>(line)};
            arena_.append(key);
            ++count_;
            return std::nullopt;
        }
        if (s.hash == h && std::string_view(arena_).substr(s.offset, s.length) == key) return s.line;
    }
}

void SeenKeys::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (s.line == 0) continue;
        std::size_t i = s.hash & mask;
        while (slots_[i].line != 0) i = (i + 1) & mask;
        slots_[i] = s;
    }
}

}  // namespace daihoi::io
