// Tabular input, whatever the file: a header row and data rows of text
// cells, each row with the line (CSV) or row number (XLSX) users see.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace daihoi::io {

// What a cell's font says of its text (.xlsx): fonts made for the old 8-bit
// Vietnamese encodings show their codes as windows-1252 characters.
enum class FontHint : std::uint8_t {
    Unknown,        // no font, or a style's ordinary font
    Unicode,        // a rich-text run's ordinary font: Unicode, whatever the cell's style says
    Tcvn3,          // .VnTime, .VnArial … (any name beginning ".Vn")
    Tcvn3Capitals,  // .VnTimeH, .VnArialH …: TCVN3 whose lowercase codes show capitals
    Vni,            // VNI-Times, VNI-Helve …
};

// The hint of a font named `name` (a style's font or a rich-text run's rFont).
FontHint font_hint(std::string_view name);

struct Row {
    std::size_t line = 0;             // 1-based line (CSV) or sheet row (XLSX)
    std::vector<std::string> cells;   // raw text; not yet validated as UTF-8
    std::vector<FontHint> fonts;      // per cell (.xlsx); empty when the file says nothing
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
    // True when rows carry each cell's font (Row::fonts): .xlsx.
    virtual bool knows_fonts() const { return false; }

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
