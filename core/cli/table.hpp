// The one terminal table printer: columns aligned by display width (NFC
// text, Vietnamese letters one column each), for every tool's human output.
// A table is either collected and printed whole (add, print: widths from
// the cells), or streamed (begin_stream, stream, end_stream: widths known in
// advance, each row printed as it comes, nothing kept — a million people).
#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::cli {

class TextTable {
  public:
    enum class Align { Left, Right };
    explicit TextTable(std::vector<std::string> headers, std::vector<Align> align = {});
    void add(std::vector<std::string> row);
    std::size_t rows() const { return headers_.empty() ? 0 : cells_.size() / headers_.size(); }
    void print(std::FILE* out = stdout) const;

    // Streaming. `widths` are the columns' widths in display columns (each
    // widened to its header's); the header and its rule are printed now,
    // then each row as stream() is given it, in the layout of print(). A
    // cell wider than its column pushes the rest of its row right.
    void begin_stream(std::vector<std::size_t> widths, std::FILE* out = stdout);
    void stream(std::initializer_list<std::string_view> row) { stream(row.begin(), row.size()); }
    void stream(const std::vector<std::string_view>& row) { stream(row.data(), row.size()); }
    void stream(const std::string_view* cells, std::size_t count);
    void end_stream();  // writes out what is buffered

  private:
    // Appends one line of cells (no trailing spaces, a newline) to `s`.
    template <class Cell>
    void line(std::string& s, Cell cell) const;
    void rule(std::string& s) const;
    // The display width of a cell of column `c`; the last short cell's width
    // is remembered per column (a column of marks repeats a few values a
    // million times).
    std::size_t width_of(std::size_t c, std::string_view v) const;

    std::vector<std::string> headers_;
    std::vector<Align> align_;
    std::vector<std::size_t>
        width_;  // per column: kept up to date by add(), given to begin_stream()
    // Every cell's text in one buffer (a million-row list stays compact):
    // cells_[i] is where cell i ends; it starts where cell i − 1 ends.
    std::string text_;
    std::vector<std::uint32_t> cells_;
    // Streaming: lines buffered and written in large pieces.
    std::FILE* out_ = nullptr;
    std::string buf_;
    struct Seen {
        char text[8];
        std::uint8_t size = 0xff;  // none yet
        std::size_t width = 0;
    };
    mutable std::vector<Seen> seen_;
};

}  // namespace daihoi::cli
