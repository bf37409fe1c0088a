// The limits every input file is held to (docs/limits.md). Each is far above
// any real list, so that only a broken or hostile file meets one, and far
// below what would exhaust memory or overflow a counter: meeting one is bad
// input (exit 3) with one message, and nothing is changed.
#pragma once

#include <cstddef>

namespace daihoi::io {

// One line of a CSV file or one row of a sheet, in bytes: a real row of 13
// columns is under 2 KB.
constexpr std::size_t kMaxLineBytes = 64 * 1024;  // every byte of it, its line end too
// One field (a cell), in bytes: 4,096 bytes hold at least 1,000 characters of
// any script; a name, a unit's name or a note is a few dozen.
constexpr std::size_t kMaxFieldBytes = 4 * 1024;
// Fields of a row: Excel's last column (XFD).
constexpr std::size_t kMaxColumns = 16384;
// A sheet's rows: Excel's last row, the format's own limit.
constexpr std::size_t kMaxSheetRows = 1'048'576;
// A CSV file's lines: ten times the members of the largest provincial
// party organization (under 500,000); the keys of so many rows still fit
// the memory an import may take (io::SeenKeys).
constexpr std::size_t kMaxCsvLines = 5'000'000;
// One shared string of an .xlsx: Excel's cells hold at most 32,767
// characters (UTF-16), at most 3 bytes each in UTF-8.
constexpr std::size_t kMaxSharedStringBytes = 32767 * 3;
// All the shared strings of a workbook: a million-row list of distinct
// names and codes holds about 40 MB.
constexpr std::size_t kMaxSharedStringsBytes = 128u << 20;
// The number of shared strings: eight for each row a sheet can have.
constexpr std::size_t kMaxSharedStrings = 8 * kMaxSheetRows;

}  // namespace daihoi::io
