// The print-ready .xlsx writer (libxlsxwriter): A4, Times New Roman, the
// two-column heading of Party documents, repeated and frozen table header,
// page numbers, real date and number cells, text never as a formula,
// running text and signature blocks, bar charts of a table's numbers.
#include "core/base/i18n.hpp"
#include "core/base/progress.hpp"
#include "core/error.hpp"
#include "core/report/cells.hpp"
#include "core/report/pipeline.hpp"
#include "core/report/writer.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>

namespace daihoi::report {

namespace {

constexpr const char* kFont = "Times New Roman";
constexpr double kBodySize = 12, kHeadingSize = 13, kTitleSize = 14;
constexpr std::uint8_t kA4 = 9;
constexpr std::uint8_t kRomanFamily = 1;
constexpr double kNumberWidth = 5;  // the STT column

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

// Advance widths of Times New Roman, in thousandths of an em, from its
// metric twin Liberation Serif (tests/tools/font_widths.py prints them):
// printable ASCII, then the letters of Vietnamese wider than their base
// letter (đ Đ ơ Ơ ư Ư). Every other letter measures as its base letter
// (NFD: "ấ" as "a"); anything else as a digit.
constexpr std::uint16_t kRegular[95] = {
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541};
constexpr std::uint16_t kBold[95] = {
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520};
constexpr char32_t kWide[6] = {U'đ', U'Đ', U'ơ', U'Ơ', U'ư', U'Ư'};
constexpr std::uint16_t kWideRegular[6] = {500, 722, 529, 722, 542, 776};
constexpr std::uint16_t kWideBold[6] = {556, 722, 554, 778, 600, 796};

double em_width(char32_t c, bool bold) {
    if (c >= 32 && c < 127) return (bold ? kBold : kRegular)[c - 32];
    for (std::size_t i = 0; i < std::size(kWide); ++i)
        if (kWide[i] == c) return (bold ? kWideBold : kWideRegular)[i];
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString parts;
    if (nfd && nfd->getDecomposition(static_cast<UChar32>(c), parts) && parts.length() > 0) {
        UChar32 base = parts.char32At(0);
        bool horn = parts.indexOf(static_cast<char16_t>(0x031B)) >= 0;  // ơ ư with a tone
        if (horn && (base == 'o' || base == 'O' || base == 'u' || base == 'U'))
            return em_width(base == 'o' ? U'ơ' : base == 'O' ? U'Ơ' : base == 'u' ? U'ư' : U'Ư', bold);
        if (base >= 32 && base < 127) return em_width(static_cast<char32_t>(base), bold);
    }
    return 500;
}

// Printed width of `text` in points at `size` points.
double text_points(std::string_view text, double size, bool bold) {
    double em = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto b = static_cast<unsigned char>(text[i]);
        std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t c = len == 1 ? b : b & (0xFF >> (len + 1));
        for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        em += em_width(c, bold);
        i += len;
    }
    return em * size / 1000;
}

// Column widths are in units of the widest digit of the workbook's font,
// Times New Roman 12: 8 px in Excel, so a column `w` units wide is 8w + 5 px
// (its padding), 6w + 3.75 pt, of which a wrapped cell uses all but about
// 3 pt. LibreOffice prints a unit about as wide, a little wider
// (kUnitPointsByClient), so text measured to fit Excel fits both; a merged
// range has the padding of each of its columns, left as a margin.
constexpr double kExcelUnitPoints = 6.0;
double room_points(double width) {
    return std::max(1.0, width * kExcelUnitPoints + 0.75);
}

// How many lines `text` takes when wrapped in a cell `width` units wide at
// `size` points; measured with a 2 % margin for the clients' rounding.
// Neither Excel nor LibreOffice grows a row to fit a merged or an explicitly
// sized cell, so the writer sets every height itself from this estimate.
int wrapped_lines(std::string_view text, double width, double size, bool bold) {
    double room = room_points(width);
    double space = text_points(" ", size, bold) * 1.02;
    int lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::string_view para = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
        ++lines;
        double used = 0;
        std::size_t i = 0;
        while (i < para.size()) {
            std::size_t sp = para.find(' ', i);
            std::size_t end = sp == std::string_view::npos ? para.size() : sp;
            double word = text_points(para.substr(i, end - i), size, bold) * 1.02;
            if (used > 0 && used + space + word > room) {
                ++lines;
                used = 0;
            }
            used += (used > 0 ? space : 0) + word;
            while (used > room) {  // a word longer than the line
                ++lines;
                used -= room;
            }
            i = end + 1;
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR)
        throw Refused(_f("cannot write the .xlsx ({}): {}", _(what), lxw_strerror(e)));
}

// Printable A4 area, in points, inside the margins of page_setup().
constexpr double kPortraitWidth = (8.27 - 1.0) * 72, kPortraitHeight = (11.69 - 1.3) * 72;
constexpr double kLandscapeWidth = (11.69 - 1.0) * 72, kLandscapeHeight = (8.27 - 1.3) * 72;
// Every row without a height of its own is this tall (Times New Roman 12 in
// Excel), set as the sheet's default so that all clients agree on it.
constexpr double kDefaultRowHeight = 15.75;
// Points a column unit prints at, for estimating how the sheet shrinks to
// the page width: about 6.2 in Excel with Times New Roman 12, 8 in
// LibreOffice (measured on its PDF output).
constexpr double kUnitPointsByClient[] = {6.0, 6.3};
constexpr double kColumnPadding = 3.75;  // 5 px of each column

// libxlsxwriter's column width → pixels, used to place and size objects.
double column_pixels(double width) {
    return width < 1 ? std::floor(width * 12 + 0.5) : std::floor(width * 7 + 0.5) + 5;
}

// A round step for a value axis up to `top`: 1, 2 or 5 × 10^k, about five
// gridlines, never below 1 (the charts count people and votes).
double round_step(double top) {
    double raw = std::max(top, 5.0) / 5;
    double power = std::pow(10, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw) return m * power;
    return 10 * power;
}

double line_height(int lines, double size) {
    return std::ceil(lines * size * 1.2 + 3);
}

class XlsxWriter {
  public:
    XlsxWriter(const Report& r, const std::filesystem::path& file) : r_(r) {
        lxw_workbook_options options{};
        options.constant_memory = r.memory == Memory::Constant;
        wb_ = workbook_new_opt(file.c_str(), &options);
        if (!wb_) throw Refused(_f("cannot create {}", file.string()));
        // The workbook's default format is its first: make Times New Roman the
        // font of the Normal style too, so empty cells and new text match.
        if (lxw_format* normal = STAILQ_FIRST(wb_->formats)) {
            format_set_font_name(normal, kFont);
            format_set_font_size(normal, kBodySize);
            format_set_font_family(normal, kRomanFamily);
            format_set_font_scheme(normal, "");
        }
        sheet_ = sheet_name(r.sheet_name);
        ws_ = workbook_add_worksheet(wb_, sheet_.c_str());
        if (!ws_) {
            lxw_workbook_free(wb_);
            throw Refused(_("cannot add the worksheet"));
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
        ProgressScope progress(opt.progress, _f("writing {}", r_.kind), expected);
        std::size_t rows = 0;
        for (std::size_t i = 0; i < r_.tables.size(); ++i) {
            if (i) blank_row();
            rows += table(r_.tables[i], progress, rows);
        }
        if (!r_.closing.empty()) blank_row();
        keep_together(closing_height(), tail_start_);
        for (const auto& l : r_.closing) line(l);
        if (normal()) {
            // Every row its height in the file: LibreOffice ignores the
            // sheet's default and sizes bare rows to the font, which would
            // move the page breaks the layout was planned with.
            for (lxw_row_t r = 0; r < row_; ++r)
                if (!heights_.count(r)) set_height(r, kDefaultRowHeight);
        }
        if (!breaks_.empty()) {
            breaks_.push_back(0);  // the list's end
            check(worksheet_set_h_pagebreaks(ws_, breaks_.data()), N_("page breaks"));
        }
        // The bar stays full while the file is compressed, which takes a while.
        lxw_workbook* wb = wb_;
        wb_ = nullptr;
        check(workbook_close(wb), N_("saving"));
        return rows;
    }

  private:
    bool normal() const { return r_.memory == Memory::Normal; }

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
        lxw_format* f = format(mark != Mark::None, false, r_.font_size);
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
        format_set_text_wrap(heading_left_);
        heading_right_ = format(true, false, kHeadingSize);
        format_set_align(heading_right_, LXW_ALIGN_CENTER);
        format_set_underline(heading_right_, LXW_UNDERLINE_SINGLE);
        format_set_text_wrap(heading_right_);
        mark_ = format();
        format_set_align(mark_, LXW_ALIGN_CENTER);
        date_line_ = format(false, true);
        format_set_align(date_line_, LXW_ALIGN_CENTER);
        format_set_text_wrap(date_line_);
        title_ = format(true, false, kTitleSize);
        format_set_align(title_, LXW_ALIGN_CENTER);
        format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(title_);
        subtitle_ = format(false, true);
        format_set_align(subtitle_, LXW_ALIGN_CENTER);
        format_set_align(subtitle_, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(subtitle_);
        caption_ = format(true, false, r_.font_size);
        format_set_text_wrap(caption_);
        format_set_align(caption_, LXW_ALIGN_VERTICAL_CENTER);
        for (int st = 0; st < 4; ++st) {
            for (int centered = 0; centered < 2; ++centered) {
                auto style = static_cast<LineStyle>(st);
                lxw_format* f =
                    format(style == LineStyle::Bold, style == LineStyle::Italic, line_size(style));
                format_set_text_wrap(f);
                format_set_align(f, centered ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
                format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
                line_[st][centered] = f;
            }
        }
        header_ = format(true, false, r_.font_size);
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
        first_col_ = r_.side_margin > 0 ? 1 : 0;
        if (first_col_) widths_.push_back(r_.side_margin);
        if (widest->numbered) widths_.push_back(number_width());
        for (const auto& c : widest->columns) widths_.push_back(c.width);
        if (first_col_) widths_.push_back(r_.side_margin);
        if (widths_.size() < 2) throw std::logic_error("a report needs two printed columns");
        for (std::size_t c = 0; c < widths_.size(); ++c)
            check(worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                       widths_[c], nullptr),
                  "column width");
        split_heading();
    }
    static std::size_t printed_columns(const Table& t) {
        return t.columns.size() + (t.numbered ? 1 : 0);
    }
    lxw_col_t last_col() const { return static_cast<lxw_col_t>(widths_.size() - 1); }
    double number_width() const { return kNumberWidth * std::max(1.0, r_.font_size / kBodySize); }
    double width_of(lxw_col_t first, lxw_col_t last) const {
        double w = 0;
        for (auto c = first; c <= last && c < widths_.size(); ++c) w += widths_[c];
        return w;
    }
    double line_size(LineStyle s) const {
        return s == LineStyle::Small ? std::max(8.0, r_.font_size - 3) : r_.font_size;
    }

    // The width (in column units) `text` needs on one line (see wrapped_lines).
    static double text_width(std::string_view text, double size, bool bold) {
        return (text_points(text, size, bold) * 1.02 - 0.75) / kExcelUnitPoints;
    }

    // The heading's two blocks split at a column boundary: where both the
    // organization (left) and the party and date lines (right) have the
    // most room to spare. What still does not fit wraps.
    void split_heading() {
        const Heading& h = r_.heading;
        double left_need = text_width(upper_vi(h.organization), kHeadingSize, true);
        double right_need = std::max(text_width(h.party, kHeadingSize, true),
                                     text_width(h.place_date, kBodySize, false));
        double total = width_of(0, last_col());
        double best = -1e9;
        split_ = 1;
        for (std::size_t s = 1; s < widths_.size(); ++s) {
            double left = width_of(0, static_cast<lxw_col_t>(s - 1));
            // Room to spare on the tighter side; ties go to the left block near 40 %.
            double slack = std::min(left - left_need, total - left - right_need);
            double score = slack - std::abs(left - total * 0.4) * 0.01;
            if (score > best) best = score, split_ = s;
        }
    }

    void page_setup() {
        worksheet_set_paper(ws_, kA4);
        if (r_.orientation == Orientation::Landscape)
            worksheet_set_landscape(ws_);
        else
            worksheet_set_portrait(ws_);
        worksheet_fit_to_pages(ws_, 1, 0);  // one page wide, as many long as needed
        worksheet_set_margins(ws_, 0.6, 0.4, 0.6, 0.7);
        worksheet_center_horizontally(ws_);
        worksheet_set_default_row(ws_, kDefaultRowHeight, LXW_FALSE);
        lxw_header_footer_options hf{};
        hf.margin = 0.3;
        check(worksheet_set_footer_opt(ws_, footer(r_.print.page).c_str(), &hf), N_("footer"));
    }

    // ---- rows and their heights ------------------------------------------------------

    void set_height(lxw_row_t row, double points) {
        check(worksheet_set_row(ws_, row, points, nullptr), N_("row height"));
        if (normal()) heights_[row] = points;
    }
    // Sets the current row's height for `text` wrapped over `width` units.
    void fit_height(const std::string& text, double width, double size, bool bold,
                    double min_height = 0) {
        int lines = wrapped_lines(text, width, size, bold);
        double h = std::max(min_height, lines > 1 ? line_height(lines, size) : 0.0);
        if (h > 0 || !normal()) set_height(row_, h > 0 ? h : kDefaultRowHeight);
    }

    // Page layout, estimated: where rows fall on printed pages, so that a
    // chart, a table's opening or the signature block is not cut by a page
    // break. A printer lays rows out one page wide (the sheet shrunk to fit)
    // and moves a row that does not fit whole to the next page. Clients
    // differ in how wide a column unit prints (kUnitPoints), so the layout is
    // estimated for each and a block is kept whole in both.
    double page_height(double unit_points) const {
        bool landscape = r_.orientation == Orientation::Landscape;
        double width_pt = 0;
        for (double w : widths_) width_pt += w * unit_points + kColumnPadding;
        double printable = landscape ? kLandscapeWidth : kPortraitWidth;
        double scale = std::min(1.0, printable / width_pt);
        return (landscape ? kLandscapeHeight : kPortraitHeight) / scale;
    }
    double row_height(lxw_row_t r) const {
        auto it = heights_.find(r);
        return it == heights_.end() ? kDefaultRowHeight : it->second;
    }
    struct Place {
        double y = 0;            // points from the top of the page, unscaled
        lxw_row_t page_row = 0;  // the first row of that page
    };
    Place place(lxw_row_t row, double page) const {
        Place p;
        // A repeated header row starts every page after the first.
        double top = repeated_ ? row_height(*repeated_) : 0;
        for (lxw_row_t r = 0; r <= row; ++r) {
            if (std::find(breaks_.begin(), breaks_.end(), r) != breaks_.end()) p = {top, r};
            if (r == row) break;
            double h = row_height(r);
            if (p.y + h > page) p = {top, r};
            p.y += h;
        }
        return p;
    }

    // The height `l` will take, in points (see line()).
    double height_of(const Line& l) const {
        int lines = 1;
        if (!l.blocks) {
            if (!l.text.empty())
                lines = wrapped_lines(l.text, width_of(0, last_col()), line_size(l.style),
                                      l.style == LineStyle::Bold);
            return lines > 1 ? line_height(lines, line_size(l.style)) : kDefaultRowHeight;
        }
        auto left_end = static_cast<lxw_col_t>(split_ - 1), right = static_cast<lxw_col_t>(split_);
        lines = std::max(wrapped_lines(l.text, width_of(0, left_end), line_size(l.style),
                                       l.style == LineStyle::Bold),
                         wrapped_lines(l.right, width_of(right, last_col()),
                                       line_size(l.right_style), l.right_style == LineStyle::Bold));
        return lines > 1
                   ? line_height(lines, std::max(line_size(l.style), line_size(l.right_style)))
                   : kDefaultRowHeight;
    }
    // Starts a page before `lines` when they would not fit on this one (the
    // signature block stays whole); normal memory only.
    void keep_together(const std::vector<Line>& lines) {
        double total = 0;
        for (const auto& l : lines) total += height_of(l);
        keep_together(total);
    }
    double closing_height() const {
        double total = 0;
        for (const auto& l : r_.closing) total += height_of(l);
        return total;
    }
    // Starts a page at the current row when a block `height` points tall
    // would be cut by a page break. When a client has just begun a page a
    // row or two before, the break goes there instead: that client loses
    // nothing, and both start the next page on the same row.
    void keep_together(double height) { keep_together(height, row_); }
    // Likewise for a block made of the rows from `start` already written
    // and `height` points still to come: the break, if any, goes before
    // `start` (a table's last rows go along with the signatures or a chart).
    void keep_together(double height, lxw_row_t start) {
        if (!normal() || height <= 0) return;
        start = std::min(start, row_);
        for (lxw_row_t r = start; r < row_; ++r) height += row_height(r);
        bool cut = false;
        lxw_row_t at = start;
        for (double unit : kUnitPointsByClient) {
            double page = page_height(unit);
            Place p = place(start, page);
            if (p.page_row > 0 && p.page_row < start && start - p.page_row <= 3)
                at = std::min(at, p.page_row);
            if (p.y > top_of_page() && height <= page - top_of_page() && p.y + height > page)
                cut = true;
        }
        if (cut && at > 0 && (breaks_.empty() || breaks_.back() < at)) breaks_.push_back(at);
    }
    // Where the first row of a page after the first prints (under the repeated header).
    double top_of_page() const { return repeated_ ? row_height(*repeated_) : 0; }

    // A merged range on the current row (constant memory merges only there).
    void merged(lxw_col_t first, lxw_col_t last, const std::string& text, lxw_format* f) {
        std::string s(fit_excel_cell(text));
        if (first == last)
            check(worksheet_write_string(ws_, row_, first, s.c_str(), f), N_("heading"));
        else
            check(worksheet_merge_range(ws_, row_, first, row_, last, s.c_str(), f), N_("heading"));
    }
    // The current row `lines` lines of `size` points tall; one line is the
    // default height, written out in constant memory (see fit_height).
    void size_row(int lines, double size) {
        if (lines > 1)
            set_height(row_, line_height(lines, size));
        else if (!normal())
            set_height(row_, kDefaultRowHeight);
    }
    void blank_row() {
        size_row(1, kBodySize);
        ++row_;
    }
    // A line across the page; `size`, `bold`: its font, for the height of wrapped text.
    void text_row(const std::string& text, lxw_format* f, double size, bool bold,
                  double min_height = 0) {
        fit_height(text, width_of(0, last_col()), size, bold, min_height);
        merged(0, last_col(), text, f);
        ++row_;
    }

    void line(const Line& l) {
        auto f = [&](LineStyle s, bool centered) {
            return line_[static_cast<int>(s)][centered ? 1 : 0];
        };
        if (!l.blocks) {
            if (!l.text.empty())
                text_row(l.text, f(l.style, l.centered), line_size(l.style),
                         l.style == LineStyle::Bold);
            else
                blank_row();
            return;
        }
        auto left_end = static_cast<lxw_col_t>(split_ - 1), right = static_cast<lxw_col_t>(split_);
        int lines =
            std::max(wrapped_lines(l.text, width_of(0, left_end), line_size(l.style),
                                   l.style == LineStyle::Bold),
                     wrapped_lines(l.right, width_of(right, last_col()), line_size(l.right_style),
                                   l.right_style == LineStyle::Bold));
        size_row(lines, std::max(line_size(l.style), line_size(l.right_style)));
        if (!l.text.empty()) merged(0, left_end, l.text, f(l.style, true));
        if (!l.right.empty()) merged(right, last_col(), l.right, f(l.right_style, true));
        ++row_;
    }

    void heading() {
        const Heading& h = r_.heading;
        auto left_end = static_cast<lxw_col_t>(split_ - 1), right = static_cast<lxw_col_t>(split_);
        std::string organization = upper_vi(h.organization);
        double left = width_of(0, left_end), rest = width_of(right, last_col());
        int lines = std::max(wrapped_lines(organization, left, kHeadingSize, true),
                             wrapped_lines(h.party, rest, kHeadingSize, true));
        size_row(lines, kHeadingSize);
        merged(0, left_end, organization, heading_left_);
        merged(right, last_col(), h.party, heading_right_);
        ++row_;
        // The issuing body under the organization, the place and date beside
        // its first line, the mark under the last.
        std::vector<std::pair<std::string, lxw_format*>> left_lines;
        for (const auto& i : h.issuer) left_lines.emplace_back(upper_vi(i), heading_left_);
        left_lines.emplace_back(h.mark, mark_);
        for (std::size_t i = 0; i < left_lines.size(); ++i) {
            const std::string& right_text = i == 0 ? h.place_date : std::string();
            bool heading_font = i + 1 < left_lines.size();
            lines = std::max(wrapped_lines(right_text, rest, kBodySize, false),
                             wrapped_lines(left_lines[i].first, left, kHeadingSize, true));
            size_row(lines, heading_font ? kHeadingSize : kBodySize);
            merged(0, left_end, left_lines[i].first, left_lines[i].second);
            if (!right_text.empty()) merged(right, last_col(), right_text, date_line_);
            ++row_;
        }
        blank_row();  // before the title
        text_row(r_.title, title_, kTitleSize * 1.1, true, 22);
        for (const auto& l : r_.subtitle) text_row(l, subtitle_, kBodySize, false);
        blank_row();
    }

    // ---- tables --------------------------------------------------------------------------

    std::size_t table(const Table& t, ProgressScope& progress, std::size_t done) {
        // The text above a table stays with the table's first rows.
        double intro = 0;
        for (const auto& l : t.before) intro += height_of(l);
        if (!t.caption.empty()) intro += height_of(Line(t.caption, LineStyle::Bold));
        // Rows of a larger print (the ballot) take room to mark; rows of a
        // smaller one (a bulk list) are as much shorter as their font, in the
        // 0.75 pt steps clients lay rows out in.
        double body_height =
            r_.font_size > kBodySize   ? std::ceil(r_.font_size * 1.8)
            : r_.font_size < kBodySize ? std::ceil(kDefaultRowHeight * r_.font_size / kBodySize / 0.75) * 0.75
                                       : kDefaultRowHeight;
        intro += 2 * kDefaultRowHeight +
                 static_cast<double>(std::min<std::size_t>(t.expected_rows, 3)) * body_height;
        keep_together(intro);
        for (const auto& l : t.before) line(l);
        if (!t.caption.empty()) text_row(t.caption, caption_, r_.font_size, true);
        if (t.expected_rows == 0 && !t.if_empty.empty()) {
            // Nothing to list: say so instead of printing an empty header.
            tail_start_ = row_;
            std::size_t n = 0;
            pump_rows(t.rows, [&](const Row&) { ++n; });
            if (n)
                throw std::logic_error(
                    fmt::format("table {}: rows despite expected_rows 0", t.key));
            line(Line(t.if_empty, LineStyle::Italic));
            for (const auto& l : t.after) line(l);
            return 0;
        }
        lxw_row_t header_row = row_;
        if (t.expected_rows && header_row + 1 + t.expected_rows > LXW_ROW_MAX)
            throw Refused(_f("{} rows do not fit in one sheet ({} at most): filter the list or write .csv",
                             t.expected_rows, LXW_ROW_MAX - header_row - 1));
        // Per printed column: its width, for wrapped text.
        std::vector<double> widths;
        lxw_col_t col = first_col_;
        if (t.numbered) widths.push_back(widths_[col++]);
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            widths.push_back(col < widths_.size() ? widths_[col++] : t.columns[i].width);

        int header_lines = 1;
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            header_lines =
                std::max(header_lines,
                         wrapped_lines(t.columns[i].label, widths[i + (t.numbered ? 1 : 0)],
                                       r_.font_size, true));
        if (body_height == kDefaultRowHeight) body_height = 0;  // the default
        if (header_lines > 1 || body_height > 0 || !normal())
            set_height(row_, std::max(body_height, line_height(header_lines, r_.font_size)));
        col = first_col_;
        if (t.numbered)
            check(worksheet_write_string(ws_, row_, col++, r_.print.number.c_str(), header_),
                  "header");
        for (const auto& c : t.columns)
            check(worksheet_write_string(ws_, row_, col++,
                                         std::string(fit_excel_cell(c.label)).c_str(), header_),
                  "header");
        ++row_;
        if (r_.tables.size() == 1) {
            check(worksheet_repeat_rows(ws_, header_row, header_row), N_("repeated header"));
            repeated_ = header_row;
            worksheet_freeze_panes(ws_, header_row + 1, 0);
        }

        // Per column: its formats by mark, chosen once.
        struct ColumnFormats {
            const Column* column;
            std::array<lxw_format*, 3> f;
            double width;
            bool bold_text;
        };
        std::vector<ColumnFormats> formats;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const Column& c = t.columns[i];
            bool centered = cell_align(c) == CellAlign::Center;
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
            formats.push_back({&c, f, widths[i + (t.numbered ? 1 : 0)], false});
        }

        std::size_t n = 0;
        // The largest value the chart draws, to scale its axis.
        std::size_t chart_value = t.chart ? column_index(t, t.chart->value) : 0;
        double chart_max = 0;
        pump_rows(t.rows, [&](const Row& row) {
            if (row_ >= LXW_ROW_MAX)
                throw Refused(
                    _f("the list does not fit in one sheet ({} rows at most): filter it or write .csv", LXW_ROW_MAX));
            if (t.chart && chart_value < row.cells.size()) {
                if (auto* i = std::get_if<std::int64_t>(&row.cells[chart_value]))
                    chart_max = std::max(chart_max, static_cast<double>(*i));
                else if (auto* d = std::get_if<double>(&row.cells[chart_value]))
                    chart_max = std::max(chart_max, *d);
            }
            if (!row.aside) ++n;
            // Rows grow to fit their wrapped text, in either memory mode: a
            // constant-memory row is still the current one until the next
            // row starts, so its height can follow its cells.
            row_lines_ = 1;
            // Before the cells (constant memory), and in constant memory even
            // at the default height: the end of write() cannot go back to it,
            // and LibreOffice sizes a bare row to its font, taller.
            if (body_height > 0 || !normal())
                set_height(row_, body_height > 0 ? body_height : kDefaultRowHeight);
            lxw_col_t c = first_col_;
            if (t.numbered)
                check(
                    worksheet_write_number(ws_, row_, c++, static_cast<double>(n), body_center_[0]),
                    "cell");
            for (std::size_t i = 0; i < formats.size(); ++i, ++c) {
                const Column& column = *formats[i].column;
                Mark mark = i < row.marks.size() ? row.marks[i] : Mark::None;
                lxw_format* f = formats[i].f[static_cast<int>(mark)];
                const Value& v = i < row.cells.size() ? row.cells[i] : Value{};
                cell_width_ = formats[i].width;
                cell_bold_ = mark != Mark::None;
                cell(c, column, v, f);
            }
            if (row_lines_ > 1)
                set_height(row_, std::max(body_height, line_height(row_lines_, r_.font_size)));
            ++row_;
            progress.update(done + n);
        });
        lxw_row_t end_row = row_;  // one past the last data row
        // What stays with the next block (the signatures, a chart): the last
        // two rows, so that no page holds one row alone, or the last note.
        tail_start_ = end_row - static_cast<lxw_row_t>(std::min<std::size_t>(n, 2));
        if (!t.after.empty()) blank_row();
        for (const auto& l : t.after) {
            if (!l.text.empty()) tail_start_ = row_;
            line(l);
        }
        if (t.chart && n > 0) chart(t, *t.chart, header_row + 1, end_row - 1, chart_max);
        return n;
    }

    // The index of column `key` in `t`.
    static std::size_t column_index(const Table& t, const std::string& key) {
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            if (t.columns[i].key == key) return i;
        throw std::logic_error(fmt::format("chart: table {} has no column {}", t.key, key));
    }
    // The sheet column of `key` in `t`.
    lxw_col_t column_of(const Table& t, const std::string& key) const {
        return static_cast<lxw_col_t>(first_col_ + (t.numbered ? 1 : 0) + column_index(t, key));
    }

    static lxw_chart_font chart_font(double size, bool bold = false) {
        lxw_chart_font f{};
        f.name = const_cast<char*>(kFont);
        f.size = size;
        f.bold = bold;
        return f;
    }

    // A bar chart over the rows `first`…`last` just written, under the table.
    void chart(const Table& t, const Chart& ch, lxw_row_t first, lxw_row_t last, double max_value) {
        if (!normal())
            throw std::logic_error("a chart needs Memory::Normal: constant memory caches no data");
        lxw_col_t cat = column_of(t, ch.category), val = column_of(t, ch.value);
        const char* sheet = sheet_.c_str();
        auto n = static_cast<double>(last - first + 1);

        lxw_chart* c = workbook_add_chart(wb_, ch.horizontal ? LXW_CHART_BAR : LXW_CHART_COLUMN);
        if (!c) throw Refused(_("cannot add the chart"));
        lxw_chart_series* bars = chart_add_series(c, nullptr, nullptr);
        chart_series_set_categories(bars, sheet, first, cat, last, cat);
        chart_series_set_values(bars, sheet, first, val, last, val);
        chart_series_set_name(bars, ch.value_label.c_str());
        chart_series_set_labels(bars);  // the number on each bar
        lxw_chart_font small = chart_font(9), names = chart_font(10), title = chart_font(13, true);
        chart_series_set_labels_font(bars, &small);
        lxw_chart_fill fill{};
        fill.color = 0x4F6D9A;
        chart_series_set_fill(bars, &fill);
        // libxlsxwriter names the axes by position: a bar chart's value axis is its x axis.
        lxw_chart_axis* categories = ch.horizontal ? c->y_axis : c->x_axis;
        lxw_chart_axis* value_axis = ch.horizontal ? c->x_axis : c->y_axis;
        if (ch.horizontal) chart_axis_set_reverse(categories);  // the first row on top
        if (!ch.horizontal && n > 6) names.rotation = -45;
        chart_axis_set_num_font(categories, &names);
        lxw_chart_font values = chart_font(10);
        chart_axis_set_num_font(value_axis, &values);
        chart_axis_set_min(value_axis, 0);

        std::string heading = ch.title;
        // The reference line is the value axis's one major gridline: the
        // major unit is the line's value and the axis stops below twice it,
        // so the line falls exactly there, across the whole plot, and the
        // axis labels it. (libxlsxwriter cannot combine a line chart with a
        // bar chart; gridlines also render in every client.) A bar reaching
        // twice the line would need a second gridline, a false one: then no
        // line is drawn (votes above twice the majority need a fixed base
        // below the number of voters; the subtitle still says the votes needed).
        if (ch.line && max_value < 2 * *ch.line) {
            double at = *ch.line;
            double top = std::min(std::max(max_value, at) * 1.12, 2 * at - std::max(at * 0.02, 0.5));
            chart_axis_set_max(value_axis, top);
            chart_axis_set_major_unit(value_axis, at);
            chart_axis_major_gridlines_set_visible(value_axis, LXW_TRUE);
            lxw_chart_line stroke{};
            stroke.color = 0xC00000;
            stroke.width = 2;
            stroke.dash_type = LXW_CHART_LINE_DASH_DASH;
            chart_axis_major_gridlines_set_line(value_axis, &stroke);
            if (!ch.line_label.empty()) heading.append("\n").append(ch.line_label);
        } else {
            // Real steps: a round unit and the axis just above the longest bar.
            double step = round_step(max_value);
            chart_axis_set_major_unit(value_axis, step);
            chart_axis_set_max(value_axis, (std::floor(max_value / step) + 1) * step);
        }
        chart_title_set_name(c, heading.c_str());
        chart_title_set_name_font(c, &title);
        chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);  // one series: the title says it

        // As wide as the printed table; tall enough for its labels.
        double width = 0;
        for (lxw_col_t k = first_col_; k <= last_col() - first_col_; ++k)
            width += column_pixels(widths_[k]);
        width = std::max(360.0, width);
        double height = ch.horizontal ? std::max(288.0, 22 * n + 110) : (n > 6 ? 380.0 : 300.0);
        // Never taller than a page with the table's last rows above it: a
        // chart alone on a page would print under an empty repeated header.
        double page = page_height(kUnitPointsByClient[0]);
        for (double unit : kUnitPointsByClient) page = std::min(page, page_height(unit));
        double room = (page - top_of_page() - 4 * kDefaultRowHeight) / 0.75 - 6;
        height = std::max(std::min(height, room), 288.0);
        lxw_chart_options opt{};
        opt.y_offset = 6;
        opt.x_scale = width / 480.0;
        opt.y_scale = height / 288.0;
        ++row_;
        // Keep the chart whole: when it would cross a page break, start a page.
        keep_together((height + 6) * 0.75, tail_start_);
        tail_start_ = row_;  // the signatures stay with the chart when both fit a page
        check(worksheet_insert_chart_opt(ws_, row_, first_col_, c, &opt), N_("chart"));
        // The rows it covers (libxlsxwriter places it on rows of the default height).
        row_ += static_cast<lxw_row_t>(std::ceil((height + 6) * 0.75 / kDefaultRowHeight)) + 1;
    }

    void cell(lxw_col_t c, const Column& column, const Value& v, lxw_format* f) {
        // A stored code prints as its word (cells.hpp: the same in the PDF).
        if (const std::string* label = value_label(column, v)) return text(c, *label, f);
        lxw_error e = LXW_NO_ERROR;
        if (auto* s = std::get_if<std::string>(&v)) {
            return text(c, *s, f);
        } else if (auto* i = std::get_if<std::int64_t>(&v)) {
            e = worksheet_write_number(ws_, row_, c, static_cast<double>(*i), f);
        } else if (auto* d = std::get_if<double>(&v)) {
            e = worksheet_write_number(ws_, row_, c, *d, f);
        } else if (auto* b = std::get_if<bool>(&v)) {
            e = worksheet_write_boolean(ws_, row_, c, *b, f);
        } else if (auto* dt = std::get_if<text::Date>(&v)) {
            if (dt->year < 1900) return text(c, dt->vn(), f);  // before Excel's calendar
            lxw_datetime x{dt->year, dt->month, dt->day, 0, 0, 0};
            e = worksheet_write_datetime(ws_, row_, c, &x, f);
        } else {
            e = worksheet_write_blank(ws_, row_, c, f);
        }
        check(e, N_("cell"));
    }

    // Text only ever through write_string: "=…" stays text, never a formula.
    void text(lxw_col_t c, const std::string& s, lxw_format* f) {
        std::string_view fit = fit_excel_cell(s);
        lxw_error e = fit.size() == s.size()
                          ? worksheet_write_string(ws_, row_, c, s.c_str(), f)
                          : worksheet_write_string(ws_, row_, c, std::string(fit).c_str(), f);
        check(e, N_("cell"));
        if (static_cast<double>(s.size()) * r_.font_size / 6 > cell_width_)  // short text fits
            row_lines_ =
                std::max(row_lines_, wrapped_lines(fit, cell_width_, r_.font_size, cell_bold_));
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
    std::string sheet_;
    lxw_row_t row_ = 0;
    std::vector<double> widths_;
    lxw_col_t first_col_ = 0;              // 1 with a side margin
    std::size_t split_ = 1;                // the heading's right block starts at this column
    std::map<lxw_row_t, double> heights_;  // rows given a height (normal memory)
    std::vector<lxw_row_t> breaks_;        // manual page breaks
    std::optional<lxw_row_t> repeated_;    // the header row printed atop every page
    lxw_row_t tail_start_ = 0;             // the last table's rows kept with what follows
    int row_lines_ = 1;                    // lines of the tallest cell of the current row
    double cell_width_ = 0;
    bool cell_bold_ = false;
    lxw_format *heading_left_{}, *heading_right_{}, *mark_{}, *date_line_{}, *title_{},
        *subtitle_{}, *caption_{}, *header_{};
    std::array<std::array<lxw_format*, 2>, 4> line_{};  // by LineStyle, then centred
    std::array<lxw_format*, 3> body_text_{}, body_center_{}, body_date_{};
};

}  // namespace

std::size_t write_xlsx(const Report& r, const std::filesystem::path& file,
                       const WriteOptions& opt) {
    XlsxWriter w(r, file);
    return w.write(opt);
}

}  // namespace daihoi::report
