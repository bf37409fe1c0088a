// A report described as data — heading, title, columns and a row source — so
// that one writer renders every report to .xlsx, .csv and .json (writer.hpp).
// Report definitions (members.cpp, later delegates, minutes, …) only fill this in.
#pragma once

#include "core/text/date.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace daihoi::report {

enum class ColumnType { Text, Int, Date, Number, Bool };

struct Column {
    std::string key;    // CSV header and JSON key: stable for scripts
    std::string label;  // printed header, from the templates
    ColumnType type = ColumnType::Text;
    double width = 12;  // .xlsx column width, in characters
    int decimals = 2;   // Number columns in .xlsx
    // Printed words for stored codes ("F" → "Nữ"; Bool and Int cells by their
    // CSV form, true → "1" → "x"), .xlsx only:
    // CSV and JSON keep the codes so that scripts and re-imports see them.
    std::unordered_map<std::string, std::string> value_labels;
};

// One cell. monostate is "no value": blank in .xlsx, empty in CSV, null in JSON.
// Dates print DD/MM/YYYY in .xlsx (real date cells) and ISO in CSV/JSON;
// booleans are 1/0 in CSV, true/false in JSON.
using Value = std::variant<std::monostate, std::string, std::int64_t, double, text::Date, bool>;

// How a cell stands out in .xlsx (e.g. a failed criterion); ignored by CSV/JSON.
enum class Mark : std::uint8_t { None, Bold, Alert };

struct Row {
    std::vector<Value> cells;  // one per column, in column order
    std::vector<Mark> marks;   // empty, or one per column
};

// A row source streams its rows to `emit`, in print order. Sources run on a
// producer thread while the writer renders (see writer.cpp), so a source must
// only touch what it owns (its own SQLite statements, captured values).
using Emit = std::function<void(const Row&)>;
using RowSource = std::function<void(const Emit&)>;

struct Table {
    std::string key;      // JSON key when a report has several tables
    std::string caption;  // printed above the table; optional
    std::vector<Column> columns;
    bool numbered = true;           // a row-number (STT) column first, printed only
    std::size_t expected_rows = 0;  // for the progress bar and the sheet-size check; 0: unknown
    RowSource rows;
};

enum class Orientation { Portrait, Landscape };

// Normal keeps the whole sheet in memory (fine for official layouts of a few
// hundred rows, allows any cell order). Constant streams rows to disk in
// order, for bulk lists of up to a million rows (STACK.md: rows strictly in
// order, merges only on the current row).
enum class Memory { Normal, Constant };

// The two-column heading of Party documents.
struct Heading {
    std::string organization;  // left, printed uppercase ("ĐẢNG BỘ XÃ …")
    std::string mark;          // under it ("*")
    std::string party;         // right, bold underlined ("ĐẢNG CỘNG SẢN VIỆT NAM")
    std::string place_date;    // under it, italic ("Hà Nội, ngày 22 tháng 11 năm 2026")
};

// Words the writer prints itself.
struct PrintLabels {
    std::string number = "STT";  // the row-number column
    std::string page = "Trang";  // footer: "Trang 3/12"
    std::string date_format = "dd/mm/yyyy";
};

struct Report {
    std::string kind;        // "members"
    std::string sheet_name;  // .xlsx sheet (cut to 31 characters)
    Heading heading;
    std::string title;
    std::vector<std::string> subtitle;  // italic lines under the title
    std::vector<Table> tables;          // CSV holds exactly one
    std::vector<std::string> closing;   // lines after the tables (signatures), .xlsx only
    Orientation orientation = Orientation::Portrait;
    Memory memory = Memory::Normal;
    PrintLabels print;
};

}  // namespace daihoi::report
