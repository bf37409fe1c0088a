// A table from the fuzzer's bytes without a file: lines split on '\n', cells
// on '\t', each row numbered as its line. Drives what reads rows (header
// finding, legacy decoding) thousands of times a second, whatever the
// format readers would let through.
#pragma once

#include "core/io/table.hpp"

#include <string_view>

namespace daihoi::fuzz {

class MemoryReader : public io::TableReader {
public:
    // `font_seed` != 0: rows carry a font per cell, as an .xlsx's do, picked from the seed.
    MemoryReader(std::string_view text, unsigned font_seed = 0)
        : TableReader("fuzz.tsv"), rest_(text), font_seed_(font_seed) {}

    bool next(io::Row& row) override {
        while (!rest_.empty()) {
            auto nl = rest_.find('\n');
            std::string_view line = rest_.substr(0, nl);
            rest_ = nl == std::string_view::npos ? std::string_view{} : rest_.substr(nl + 1);
            ++line_;
            row.line = line_;
            row.cells.clear();
            row.fonts.clear();
            bool any = false;
            for (;;) {
                auto tab = line.find('\t');
                row.cells.emplace_back(line.substr(0, tab));
                any = any || !row.cells.back().empty();
                if (font_seed_) row.fonts.push_back(font(row.cells.size() + line_));
                if (tab == std::string_view::npos) break;
                line.remove_prefix(tab + 1);
            }
            if (any) return true;
        }
        return false;
    }
    bool knows_fonts() const override { return font_seed_ != 0; }

private:
    io::FontHint font(std::size_t i) const {
        return static_cast<io::FontHint>((font_seed_ >> (i % 8)) % 5);
    }
    std::string_view rest_;
    unsigned font_seed_;
    std::size_t line_ = 0;
};

}  // namespace daihoi::fuzz
