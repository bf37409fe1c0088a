// A report described as data — heading, title, columns and a row source — so
// that one writer renders every report to .xlsx, .csv and .json (writer.hpp).
// Report definitions (members.cpp, minutes.cpp, …) only fill this in.
#pragma once

#include "core/text/date.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace daihoi::report {

enum class ColumnType { Text, Int, Date, Number, Bool };

// Text cells in .xlsx: Auto centres text printed through value_labels (short
// words: "Nữ", "Đạt") and left-aligns the rest; numbers keep their alignment.
enum class Align : std::uint8_t { Auto, Left, Center };

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
    Align align = Align::Auto;
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
    // A printed line of the table that is not a record (a unit's subtotal):
    // not counted in the rows a report says it wrote.
    bool aside = false;
};

// A row source streams its rows to `emit`, in print order. Sources run on a
// producer thread while the writer renders (see writer.cpp), so a source must
// only touch what it owns (its own SQLite statements, captured values).
using Emit = std::function<void(const Row&)>;
using RowSource = std::function<void(const Emit&)>;

// A line of running text outside the tables, .xlsx only (CSV and JSON carry
// the tables): the paragraphs of the minutes, notes under a table, the
// signature block. It spans the page; with `blocks` it splits like the
// heading instead — `text` centred in the left block, `right` in the right
// block ("TM. BAN KIỂM PHIẾU" over "TRƯỞNG BAN"). Long text wraps.
enum class LineStyle : std::uint8_t { Plain, Bold, Italic, Small };

struct Line {
    std::string text;
    LineStyle style = LineStyle::Plain;
    bool centered = false;
    bool blocks = false;
    std::string right;  // with `blocks`: the right block's text
    LineStyle right_style = LineStyle::Plain;

    Line() = default;
    Line(const char* t) : text(t) {}  // NOLINT: a plain line from a literal
    Line(std::string t, LineStyle s = LineStyle::Plain, bool center = false)
        : text(std::move(t)), style(s), centered(center) {}
    // A line of the two blocks (signatures): either side may be empty.
    static Line two(std::string left, LineStyle left_style, std::string right_text,
                    LineStyle right_text_style) {
        Line l(std::move(left), left_style, true);
        l.blocks = true;
        l.right = std::move(right_text);
        l.right_style = right_text_style;
        return l;
    }
};

// A bar chart of one table, .xlsx only: one bar per row, labelled by the
// `category` column, as long as the `value` column (both column keys of the
// table; the value an Int or Number column), each bar with its number.
// `line` draws a reference line across the bars at that value (the votes a
// majority needs), explained by `line_label` beside the value axis. Inserted
// under the table. The chart reads the cells the table wrote — real numbers,
// no formulas — so it needs Memory::Normal (in constant memory a chart would
// show no data).
struct Chart {
    std::string title;
    std::string category, value;  // column keys
    std::string value_label;      // the bars' name in the legend
    std::optional<double> line;
    std::string line_label;
    bool horizontal = false;  // bars across (long labels) instead of columns
};

struct Table {
    std::string key;           // JSON key when a report has several tables
    std::vector<Line> before;  // running text above the caption (.xlsx only)
    std::string caption;       // printed above the table; optional
    std::vector<Column> columns;
    bool numbered = true;           // a row-number (STT) column first, printed only
    std::size_t expected_rows = 0;  // for the progress bar and the sheet-size check; 0: unknown
    RowSource rows;
    std::vector<Line> after;  // notes under the table (.xlsx only)
    // With expected_rows 0 (exactly: the source then emits nothing), .xlsx
    // prints this line instead of an empty header ("Không có."); optional.
    std::string if_empty;
    std::optional<Chart> chart;  // drawn under the table (and its notes)
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
    std::string mark;          // under it, and under the issuer ("*")
    std::string party;         // right, bold underlined ("ĐẢNG CỘNG SẢN VIỆT NAM")
    std::string place_date;    // under it, italic ("Hà Nội, ngày 22 tháng 11 năm 2026")
    // Left, under the organization, bold uppercase: the body that issues the
    // paper ("ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XV", "BAN KIỂM PHIẾU"); usually none.
    std::vector<std::string> issuer;
};

// Words the writer prints itself.
struct PrintLabels {
    std::string number = "STT";  // the row-number column
    std::string page = "Trang";  // footer: "Trang 3/12"
    std::string date_format = "dd/mm/yyyy";
    // Number marks of text the writer prints itself (the PDF): 1.234,5 in Vietnamese.
    std::string decimal = ".";
    std::string thousands = ",";
};

struct Report {
    std::string kind;        // "members"
    std::string sheet_name;  // .xlsx sheet (cut to 31 characters)
    Heading heading;
    std::string title;
    std::vector<std::string> subtitle;  // italic lines under the title
    std::vector<Table> tables;          // CSV holds exactly one
    std::vector<Line> closing;          // lines after the tables (signatures), .xlsx only
    Orientation orientation = Orientation::Portrait;
    Memory memory = Memory::Normal;
    PrintLabels print;
    double font_size = 12;  // table cells and running text (the ballot paper prints larger)
    // Empty columns of this width left and right of the tables: centres a
    // narrow table on the page and gives the heading room (the ballot paper).
    double side_margin = 0;
};

}  // namespace daihoi::report
