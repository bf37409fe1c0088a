// Finding a file's header and matching it to the columns an import expects:
// English names or the ways personnel offices write them, ignoring case,
// diacritics, spaces and punctuation. Lists as offices keep them have title
// rows above the header, a header of two rows (a merged group over its
// columns), a row of column numbers under it, and a footer (totals,
// signatures) below the table.
#pragma once

#include "core/io/table.hpp"

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace daihoi::io {

struct ColumnSpec {
    std::string name;                  // canonical, e.g. "full_name"
    std::vector<std::string> aliases;  // e.g. {"Họ và tên", "Họ tên"}
    bool required = false;
    // A part column: optional alone; the parts that name the same fields here
    // stand together for those required fields ("family_middle" + "given_name"
    // for full_name; "birth_male" + "birth_female" for birth_date and gender).
    // Every part of such a group must be present once one is.
    std::vector<std::string> stands_for = {};
};

struct ColumnMap {
    std::vector<int> cell;             // per spec: index of its cell in a row, or -1
    std::vector<std::string> ignored;  // headers that match no spec (kept out)
    std::vector<std::string> header;   // per spec: its header's text as understood ("Ngày sinh / Nam"), or ""
    std::size_t width = 0;             // fields of the header row, when rows must match it (CSV); else 0
    std::size_t line = 0;              // the header's (last) line

    bool has(std::size_t spec) const { return cell[spec] >= 0; }
    // The cell for `spec` in `row`, or "" when absent.
    const std::string& get(const Row& row, std::size_t spec) const;
    // The problem with `row`'s shape, or "": a CSV row with more or fewer
    // fields than the header (an unquoted comma shifts every later field).
    std::string shape_problem(const Row& row) const;
    // 1-based column number of `spec` for diagnostics.
    std::size_t column(std::size_t spec) const { return static_cast<std::size_t>(cell[spec]) + 1; }
};

// A header's text as it is matched: folded (text::fold) without spaces nor
// punctuation, so "Ngày, tháng, năm sinh" and "ngay thang nam sinh" are one.
std::string fold_header(std::string_view header);

// The spec `header` stands for (its canonical name or an alias), or nullopt.
std::optional<std::size_t> match_column(std::string_view header, const std::vector<ColumnSpec>& specs);

// Names or aliases of `specs` that fold to the same text while standing for
// different columns, as "'A' (x) and 'B' (y)": a header would be ambiguous.
std::vector<std::string> alias_collisions(const std::vector<ColumnSpec>& specs);

// What the person said about the header (ImportFile).
struct HeaderOptions {
    std::optional<std::size_t> header_row;                    // the header's (last) line
    std::vector<std::pair<std::string, std::string>> mapping;  // header text → field: wins over the guess
};

// The rows looked at for the header, at most: title rows and notes above a
// table are a handful.
constexpr std::size_t kHeaderLookahead = 30;

// A table's data: the header found (see the top), then the rows below it in
// order, up to a footer.
class Table {
public:
    // Reads ahead, finds the header and matches it. Throws InputError for an
    // empty file, a missing required column (naming the row that looked most
    // like a header), two headers naming the same column, a bad --map.
    Table(TableReader& reader, const std::vector<ColumnSpec>& specs, const HeaderOptions& options = {});

    const ColumnMap& columns() const { return map_; }
    const std::string& path() const { return reader_.path(); }
    // The next data row; false at the end of the file or at a footer.
    bool next(Row& row);
    // The line of the footer that ended the table, and its text; 0 and "" when none.
    std::size_t footer_line() const { return footer_line_; }
    const std::string& footer() const { return footer_; }

private:
    bool is_footer(const Row& row);

    TableReader& reader_;
    ColumnMap map_;
    std::vector<Row> ahead_;  // data rows read while looking for the header
    std::size_t next_ahead_ = 0;
    std::exception_ptr broken_;  // the reader failed while reading ahead: thrown after the rows before it
    int key_cell_ = -1;  // the first required column's cell: a data row fills it
    std::size_t footer_line_ = 0;
    std::string footer_;
};

// Reads the header of `reader` (see Table) and nothing more: for a reader
// that is not read on.
ColumnMap read_header(TableReader& reader, const std::vector<ColumnSpec>& specs);

// True when `first_cell` (the first non-empty cell of a row, clean text)
// starts a footer: "Tổng cộng", "Cộng", "Người lập biểu", "T/M", "Xác nhận",
// a place and date ("Tân Lập, ngày 15 tháng 7 năm 2025") …
bool looks_like_footer(std::string_view first_cell);

}  // namespace daihoi::io
