// The print-ready .xlsx writer (libxlsxwriter): A4, Times New Roman, the
// two-column heading of Party documents, repeated and frozen table header,
// page numbers, real date and number cells, text never as a formula.
#include "core/cli/progress.hpp"
#include "core/error.hpp"
#include "core/report/pipeline.hpp"
#include "core/report/writer.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <xlsxwriter.h>

#include <array>
#include <stdexcept>

namespace daihoi::report {

namespace {

constexpr const char* kFont = "Times New Roman";
constexpr double kBodySize = 12, kHeadingSize = 13, kTitleSize = 14;
constexpr std::uint8_t kA4 = 9;
constexpr std::uint8_t kRomanFamily = 1;
constexpr double kNumberWidth = 5;  // the STT column

std::string upper_vi(const std::string& s) {
    std::string out;
    icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
    return out;
}

// "Trang" → "&C&\"Times New Roman,Regular\"Trang &P/&N"; & in the label doubled.
std::string footer(const std::string& page) {
    std::string label;
    for (char c : page) label += c == '&' ? std::string("&&") : std::string(1, c);
    return fmt::format("&C&\"{},Regular\"{} &P/&N", kFont, label);
}

// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
std::string sheet_name(const std::string& name) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < name.size() && chars < 31;) {
        auto b = static_cast<unsigned char>(name[i]);
        std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        std::string ch = name.substr(i, len);
        if (ch.size() == 1 && std::string_view("[]:*?/\\").find(ch[0]) != std::string_view::npos)
            ch = "-";
        out += ch;
        i += len;
        ++chars;
    }
    return out.empty() ? "Sheet1" : out;
}

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR)
        throw Refused(fmt::format("cannot write the .xlsx ({}): {}", what, lxw_strerror(e)));
}

class XlsxWriter {
  public:
    XlsxWriter(const Report& r, const std::filesystem::path& file) : r_(r) {
        lxw_workbook_options options{};
        options.constant_memory = r.memory == Memory::Constant;
        wb_ = workbook_new_opt(file.c_str(), &options);
        if (!wb_) throw Refused(fmt::format("cannot create {}", file.string()));
        // The workbook's default format is its first: make Times New Roman the
        // font of the Normal style too, so empty cells and new text match.
        if (lxw_format* normal = STAILQ_FIRST(wb_->formats)) {
            format_set_font_name(normal, kFont);
            format_set_font_size(normal, kBodySize);
            format_set_font_family(normal, kRomanFamily);
            format_set_font_scheme(normal, "");
        }
        ws_ = workbook_add_worksheet(wb_, sheet_name(r.sheet_name).c_str());
        if (!ws_) {
            lxw_workbook_free(wb_);
            throw Refused("cannot add the worksheet");
        }
    }
    ~XlsxWriter() {
        if (wb_) lxw_workbook_free(wb_);  // an aborted report: write nothing
    }

    std::size_t write(const WriteOptions& opt) {
        if (r_.tables.empty()) throw std::logic_error("a report needs a table");
        make_formats();
        layout_columns();
        page_setup();
        heading();
        std::size_t expected = 0;
        for (const auto& t : r_.tables) expected += t.expected_rows;
        cli::Progress progress(fmt::format("writing {}", r_.kind), expected, opt.quiet);
        std::size_t rows = 0;
        for (std::size_t i = 0; i < r_.tables.size(); ++i) {
            if (i) ++row_;
            rows += table(r_.tables[i], progress, rows);
        }
        if (!r_.closing.empty()) ++row_;
        for (const auto& line : r_.closing) text_row(line, plain_, false);
        // The bar stays full while the file is compressed, which takes a while.
        lxw_workbook* wb = wb_;
        wb_ = nullptr;
        check(workbook_close(wb), "saving");
        return rows;
    }

  private:
    lxw_format* format(bool bold = false, bool italic = false, double size = kBodySize) {
        lxw_format* f = workbook_add_format(wb_);
        format_set_font_name(f, kFont);
        format_set_font_family(f, kRomanFamily);
        format_set_font_size(f, size);
        if (bold) format_set_bold(f);
        if (italic) format_set_italic(f);
        return f;
    }
    lxw_format* cell_format(Mark mark) {
        lxw_format* f = format(mark != Mark::None);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        if (mark == Mark::Alert) {
            format_set_bg_color(f, 0xF4CCCC);
            format_set_pattern(f, LXW_PATTERN_SOLID);
        }
        return f;
    }

    void make_formats() {
        heading_left_ = format(true, false, kHeadingSize);
        format_set_align(heading_left_, LXW_ALIGN_CENTER);
        heading_right_ = format(true, false, kHeadingSize);
        format_set_align(heading_right_, LXW_ALIGN_CENTER);
        format_set_underline(heading_right_, LXW_UNDERLINE_SINGLE);
        mark_ = format();
        format_set_align(mark_, LXW_ALIGN_CENTER);
        date_line_ = format(false, true);
        format_set_align(date_line_, LXW_ALIGN_CENTER);
        title_ = format(true, false, kTitleSize);
        format_set_align(title_, LXW_ALIGN_CENTER);
        format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(title_);
        subtitle_ = format(false, true);
        format_set_align(subtitle_, LXW_ALIGN_CENTER);
        caption_ = format(true);
        plain_ = format();
        header_ = format(true);
        format_set_border(header_, LXW_BORDER_THIN);
        format_set_align(header_, LXW_ALIGN_CENTER);
        format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(header_);
        for (int m = 0; m < 3; ++m) {
            Mark mark = static_cast<Mark>(m);
            body_text_[m] = cell_format(mark);
            format_set_text_wrap(body_text_[m]);
            body_center_[m] = cell_format(mark);
            format_set_align(body_center_[m], LXW_ALIGN_CENTER);
            format_set_text_wrap(body_center_[m]);
            body_date_[m] = cell_format(mark);
            format_set_align(body_date_[m], LXW_ALIGN_CENTER);
            format_set_num_format(body_date_[m], r_.print.date_format.c_str());
        }
    }

    // Per column of the widest table: which formats its cells use.
    void layout_columns() {
        const Table* widest = &r_.tables.front();
        for (const auto& t : r_.tables)
            if (printed_columns(t) > printed_columns(*widest)) widest = &t;
        widths_.clear();
        if (widest->numbered) widths_.push_back(kNumberWidth);
        for (const auto& c : widest->columns) widths_.push_back(c.width);
        if (widths_.size() < 2) throw std::logic_error("a report needs two printed columns");
        for (std::size_t c = 0; c < widths_.size(); ++c)
            check(worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                       widths_[c], nullptr),
                  "column width");
        // The heading's left block takes about 40 % of the width (whole columns).
        double total = 0, left = 0;
        for (double w : widths_) total += w;
        split_ = 0;
        while (split_ + 1 < widths_.size() && left + widths_[split_] / 2 < total * 0.4)
            left += widths_[split_++];
        if (split_ == 0) split_ = 1;
    }
    static std::size_t printed_columns(const Table& t) {
        return t.columns.size() + (t.numbered ? 1 : 0);
    }
    lxw_col_t last_col() const { return static_cast<lxw_col_t>(widths_.size() - 1); }

    void page_setup() {
        worksheet_set_paper(ws_, kA4);
        if (r_.orientation == Orientation::Landscape)
            worksheet_set_landscape(ws_);
        else
            worksheet_set_portrait(ws_);
        worksheet_fit_to_pages(ws_, 1, 0);  // one page wide, as many long as needed
        worksheet_set_margins(ws_, 0.6, 0.4, 0.6, 0.7);
        worksheet_center_horizontally(ws_);
        lxw_header_footer_options hf{};
        hf.margin = 0.3;
        check(worksheet_set_footer_opt(ws_, footer(r_.print.page).c_str(), &hf), "footer");
    }

    // A merged range on the current row (constant memory merges only there).
    void merged(lxw_col_t first, lxw_col_t last, const std::string& text, lxw_format* f) {
        std::string s(fit_excel_cell(text));
        if (first == last)
            check(worksheet_write_string(ws_, row_, first, s.c_str(), f), "heading");
        else
            check(worksheet_merge_range(ws_, row_, first, row_, last, s.c_str(), f), "heading");
    }
    void text_row(const std::string& text, lxw_format* f, bool wrap_height) {
        if (wrap_height) check(worksheet_set_row(ws_, row_, 22, nullptr), "row height");
        merged(0, last_col(), text, f);
        ++row_;
    }

    void heading() {
        const Heading& h = r_.heading;
        auto left_end = static_cast<lxw_col_t>(split_ - 1), right = static_cast<lxw_col_t>(split_);
        merged(0, left_end, upper_vi(h.organization), heading_left_);
        merged(right, last_col(), h.party, heading_right_);
        ++row_;
        merged(0, left_end, h.mark, mark_);
        merged(right, last_col(), h.place_date, date_line_);
        ++row_;
        ++row_;  // blank line before the title
        text_row(r_.title, title_, true);
        for (const auto& line : r_.subtitle) text_row(line, subtitle_, false);
        ++row_;
    }

    std::size_t table(const Table& t, cli::Progress& progress, std::size_t done) {
        if (!t.caption.empty()) text_row(t.caption, caption_, false);
        lxw_row_t header_row = row_;
        if (t.expected_rows && header_row + 1 + t.expected_rows > LXW_ROW_MAX)
            throw Refused(
                fmt::format("{} rows do not fit in one sheet ({} at most): filter the list "
                            "or write .csv",
                            t.expected_rows, LXW_ROW_MAX - header_row - 1));
        lxw_col_t col = 0;
        if (t.numbered)
            check(worksheet_write_string(ws_, row_, col++, r_.print.number.c_str(), header_),
                  "header");
        for (const auto& c : t.columns)
            check(worksheet_write_string(ws_, row_, col++,
                                         std::string(fit_excel_cell(c.label)).c_str(), header_),
                  "header");
        ++row_;
        if (r_.tables.size() == 1) {
            check(worksheet_repeat_rows(ws_, header_row, header_row), "repeated header");
            worksheet_freeze_panes(ws_, header_row + 1, 0);
        }

        // Per column: its formats by mark, chosen once.
        struct ColumnFormats {
            const Column* column;
            std::array<lxw_format*, 3> f;
        };
        std::vector<ColumnFormats> formats;
        for (const auto& c : t.columns) {
            bool centered = !c.value_labels.empty();
            std::array<lxw_format*, 3> f{};
            for (int m = 0; m < 3; ++m) {
                switch (c.type) {
                    case ColumnType::Text:
                        f[m] = centered ? body_center_[m] : body_text_[m];
                        break;
                    case ColumnType::Int:
                    case ColumnType::Bool:
                        f[m] = body_center_[m];
                        break;
                    case ColumnType::Date:
                        f[m] = body_date_[m];
                        break;
                    case ColumnType::Number:
                        f[m] = number_format(c.decimals, static_cast<Mark>(m));
                        break;
                }
            }
            formats.push_back({&c, f});
        }

        std::size_t n = 0;
        std::string label_key;
        pump_rows(t.rows, [&](const Row& row) {
            if (row_ >= LXW_ROW_MAX)
                throw Refused(
                    fmt::format("the list does not fit in one sheet ({} rows at most): filter "
                                "it or write .csv",
                                LXW_ROW_MAX));
            ++n;
            lxw_col_t c = 0;
            if (t.numbered)
                check(
                    worksheet_write_number(ws_, row_, c++, static_cast<double>(n), body_center_[0]),
                    "cell");
            for (std::size_t i = 0; i < formats.size(); ++i, ++c) {
                const Column& column = *formats[i].column;
                Mark mark = i < row.marks.size() ? row.marks[i] : Mark::None;
                lxw_format* f = formats[i].f[static_cast<int>(mark)];
                const Value& v = i < row.cells.size() ? row.cells[i] : Value{};
                cell(c, column, v, f, label_key);
            }
            ++row_;
            progress.update(done + n);
        });
        return n;
    }

    void cell(lxw_col_t c, const Column& column, const Value& v, lxw_format* f, std::string& key) {
        lxw_error e = LXW_NO_ERROR;
        if (auto* s = std::get_if<std::string>(&v)) {
            if (!column.value_labels.empty()) {
                if (auto it = column.value_labels.find(*s); it != column.value_labels.end())
                    return text(c, it->second, f);
            }
            return text(c, *s, f);
        } else if (auto* i = std::get_if<std::int64_t>(&v)) {
            if (!column.value_labels.empty()) {
                key = std::to_string(*i);
                if (auto it = column.value_labels.find(key); it != column.value_labels.end())
                    return text(c, it->second, f);
            }
            e = worksheet_write_number(ws_, row_, c, static_cast<double>(*i), f);
        } else if (auto* d = std::get_if<double>(&v)) {
            e = worksheet_write_number(ws_, row_, c, *d, f);
        } else if (auto* b = std::get_if<bool>(&v)) {
            static const std::string kTrue = "1", kFalse = "0";  // their CSV form
            if (!column.value_labels.empty()) {
                auto it = column.value_labels.find(*b ? kTrue : kFalse);
                if (it != column.value_labels.end()) return text(c, it->second, f);
            }
            e = worksheet_write_boolean(ws_, row_, c, *b, f);
        } else if (auto* dt = std::get_if<text::Date>(&v)) {
            if (dt->year < 1900) return text(c, dt->vn(), f);  // before Excel's calendar
            lxw_datetime x{dt->year, dt->month, dt->day, 0, 0, 0};
            e = worksheet_write_datetime(ws_, row_, c, &x, f);
        } else {
            e = worksheet_write_blank(ws_, row_, c, f);
        }
        check(e, "cell");
    }

    // Text only ever through write_string: "=…" stays text, never a formula.
    void text(lxw_col_t c, const std::string& s, lxw_format* f) {
        std::string_view fit = fit_excel_cell(s);
        lxw_error e = fit.size() == s.size()
                          ? worksheet_write_string(ws_, row_, c, s.c_str(), f)
                          : worksheet_write_string(ws_, row_, c, std::string(fit).c_str(), f);
        check(e, "cell");
    }

    lxw_format* number_format(int decimals, Mark mark) {
        lxw_format* f = cell_format(mark);
        format_set_align(f, LXW_ALIGN_RIGHT);
        std::string nf = decimals > 0
                             ? "#,##0." + std::string(static_cast<std::size_t>(decimals), '0')
                             : "#,##0";
        format_set_num_format(f, nf.c_str());
        return f;
    }

    const Report& r_;
    lxw_workbook* wb_ = nullptr;
    lxw_worksheet* ws_ = nullptr;
    lxw_row_t row_ = 0;
    std::vector<double> widths_;
    std::size_t split_ = 1;
    lxw_format *heading_left_{}, *heading_right_{}, *mark_{}, *date_line_{}, *title_{},
        *subtitle_{}, *caption_{}, *plain_{}, *header_{};
    std::array<lxw_format*, 3> body_text_{}, body_center_{}, body_date_{};
};

}  // namespace

std::size_t write_xlsx(const Report& r, const std::filesystem::path& file,
                       const WriteOptions& opt) {
    XlsxWriter w(r, file);
    return w.write(opt);
}

}  // namespace daihoi::report
