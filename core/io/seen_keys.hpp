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
    // The "line" of a key that was in the workspace before the file (take()).
    static constexpr std::size_t kTaken = UINT32_MAX;

    SeenKeys();
    // Records `key` at `line` (1 … kTaken - 1); returns the earlier line if
    // `key` was seen before, or kTaken if it was taken.
    std::optional<std::size_t> insert(std::string_view key, std::size_t line);
    // Records `key` as already in the workspace (a ballot serial entered
    // earlier), so that a row repeating it is told so.
    void take(std::string_view key) { add(key, kTaken); }
    std::size_t size() const { return count_; }

private:
    struct Slot {  // 16 bytes
        uint32_t hash = 0;
        uint32_t offset = 0, length = 0;  // in arena_
        uint32_t line = 0;                // 0 = empty slot
    };
    std::optional<std::size_t> add(std::string_view key, std::size_t line);
    void grow();
    std::vector<Slot> slots_;
    std::string arena_;
    std::size_t count_ = 0;
};

}  // namespace daihoi::io
