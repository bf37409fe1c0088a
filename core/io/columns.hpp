// Matching a file's header row to the columns an import expects: English
// names or Vietnamese aliases, ignoring case, diacritics, spaces and underscores.
#pragma once

#include "core/io/table.hpp"

#include <optional>
#include <string>
#include <vector>

namespace daihoi::io {

struct ColumnSpec {
    std::string name;                  // canonical, e.g. "full_name"
    std::vector<std::string> aliases;  // e.g. {"Họ và tên", "Họ tên"}
    bool required = false;
};

struct ColumnMap {
    std::vector<int> cell;             // per spec: index of its cell in a row, or -1
    std::vector<std::string> ignored;  // headers that match no spec (kept out)
    std::size_t width = 0;             // fields of the header row, when rows must match it (CSV); else 0
    std::size_t line = 0;              // the header row's line

    bool has(std::size_t spec) const { return cell[spec] >= 0; }
    // The cell for `spec` in `row`, or "" when absent.
    const std::string& get(const Row& row, std::size_t spec) const;
    // The problem with `row`'s shape, or "": a CSV row with more or fewer
    // fields than the header (an unquoted comma shifts every later field).
    std::string shape_problem(const Row& row) const;
    // 1-based column number of `spec` for diagnostics.
    std::size_t column(std::size_t spec) const { return static_cast<std::size_t>(cell[spec]) + 1; }
};

// The canonical name `header` stands for, or nullopt.
std::optional<std::size_t> match_column(std::string_view header, const std::vector<ColumnSpec>& specs);

// Reads the header row from `reader`. Throws InputError for an empty file,
// a missing required column, or two headers naming the same column.
ColumnMap read_header(TableReader& reader, const std::vector<ColumnSpec>& specs);

}  // namespace daihoi::io
