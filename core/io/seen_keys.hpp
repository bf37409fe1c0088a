// Remembers the keys seen in an input file (member codes, ballot serials) and
// the line of each, to report "repeats line N". Open addressing over an arena
// of key bytes: ~35 bytes a key, no allocation per key, so a million-row file
// costs tens of megabytes and little time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::io {

class SeenKeys {
public:
    SeenKeys();
    // Records `key` at `line`; returns the earlier line if `key` was seen before.
    std::optional<std::size_t> insert(std::string_view key, std::size_t line);
    std::size_t size() const { return count_; }

private:
    struct Slot {  // 16 bytes
        uint32_t hash = 0;
        uint32_t offset = 0, length = 0;  // in arena_
        uint32_t line = 0;                // 0 = empty slot
    };
    void grow();
    std::vector<Slot> slots_;
    std::string arena_;
    std::size_t count_ = 0;
};

}  // namespace daihoi::io
