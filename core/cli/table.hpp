// The one terminal table printer: columns aligned by display width (NFC
// text, Vietnamese letters one column each), for every tool's human output.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace daihoi::cli {

class TextTable {
public:
    enum class Align { Left, Right };
    explicit TextTable(std::vector<std::string> headers, std::vector<Align> align = {});
    void add(std::vector<std::string> row);
    std::size_t rows() const { return headers_.empty() ? 0 : cells_.size() / headers_.size(); }
    void print(std::FILE* out = stdout) const;

private:
    std::vector<std::string> headers_;
    std::vector<Align> align_;
    std::vector<std::size_t> width_;  // per column, kept up to date by add()
    // Every cell's text in one buffer (a million-row list stays compact):
    // cells_[i] is where cell i ends; it starts where cell i − 1 ends.
    std::string text_;
    std::vector<std::uint32_t> cells_;
};

}  // namespace daihoi::cli
