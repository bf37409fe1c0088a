// Tabular input, whatever the file: a header row and data rows of text
// cells, each row with the line (CSV) or row number (XLSX) users see.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::io {

struct Row {
    std::size_t line = 0;             // 1-based line (CSV) or sheet row (XLSX)
    std::vector<std::string> cells;   // raw text; not yet validated as UTF-8
};

class TableReader {
public:
    virtual ~TableReader() = default;
    // Next row with at least one non-empty cell; false at the end. Throws
    // InputError for a malformed file (naming the file and the line).
    virtual bool next(Row& row) = 0;
    const std::string& path() const { return path_; }
    // True when every row must have as many fields as the header (CSV, RFC
    // 4180); a sheet's rows may end early or hold notes beyond the header.
    virtual bool fixed_width() const { return false; }

protected:
    explicit TableReader(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

// "cannot be read: …": why a file could not be opened or read (errno `err`).
std::string cannot_read(int err);

// Opens `path` by its extension: .csv (UTF-8, BOM, CRLF, RFC 4180) or .xlsx
// (first sheet, or `sheet`). "-" reads CSV from standard input. Throws
// InputError if the file cannot be opened or has an unknown extension.
std::unique_ptr<TableReader> open_table(const std::string& path,
                                        const std::optional<std::string>& sheet = std::nullopt);

}  // namespace daihoi::io
