// The ballot paper: its code, its layout (measured by pango in the print
// settings of every daihoi PDF), and its drawing on a PDF page or a grey image.
// One function, plan(), places every mark and every text of the paper; layout()
// chooses the paper, the columns and the size of the names by it, and draw()
// draws what it placed, so the scanner's template is the paper as printed.
#include "core/paper/ballot_paper.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/report/pdf_file.hpp"
#include "core/report/print_font.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace daihoi::paper {

// ---- the code ------------------------------------------------------------------------
//
// Bits 0–3 the round, 4–23 the election, 24–43 the list, 44–63 the check: a
// CRC-20 of the 44 content bits (bit 0 first) with the polynomial x^20 +
// 0x61C67 and a register starting at 0xA5F0C. The polynomial was chosen by
// search for its Hamming distance of 6 at 64 bits: a strip misread in up to
// five cells never passes. The start is not zero, so that neither an empty
// strip nor a black one passes; a strip read backwards (the paper upside
// down) passes only by the chance of one in a million of any wrong strip.

namespace {

constexpr std::uint32_t kMask20 = 0xFFFFF;
constexpr std::uint32_t kPoly = 0x61C67, kInit = 0xA5F0C;
constexpr int kContentBits = 44;

std::uint32_t crc20(std::uint64_t content) {
    std::uint32_t reg = kInit;
    for (int k = 0; k < kContentBits; ++k) {
        const std::uint32_t bit = (content >> k) & 1u;
        const std::uint32_t top = (reg >> 19) & 1u;
        reg = (reg << 1) & kMask20;
        if (bit ^ top) reg ^= kPoly;
    }
    return reg;
}

// The check's 20 bits as printed: its highest bit in cell 44.
std::uint64_t check_cells(std::uint32_t crc) {
    std::uint64_t out = 0;
    for (int j = 0; j < 20; ++j)
        if ((crc >> (19 - j)) & 1u) out |= std::uint64_t{1} << (kContentBits + j);
    return out;
}

}  // namespace

std::uint64_t encode(const BallotCode& c) {
    if (c.round < 1 || c.round > 15) throw std::logic_error("a ballot code's round is 1…15");
    const std::uint64_t content = static_cast<std::uint64_t>(c.round) |
                                  static_cast<std::uint64_t>(c.election & kMask20) << 4 |
                                  static_cast<std::uint64_t>(c.list & kMask20) << 24;
    return content | check_cells(crc20(content));
}

std::optional<BallotCode> decode(std::uint64_t bits) {
    const std::uint64_t content = bits & ((std::uint64_t{1} << kContentBits) - 1);
    if ((bits & ~((std::uint64_t{1} << kContentBits) - 1)) != check_cells(crc20(content))) return std::nullopt;
    BallotCode c;
    c.round = static_cast<int>(content & 0xF);
    c.election = static_cast<std::uint32_t>(content >> 4) & kMask20;
    c.list = static_cast<std::uint32_t>(content >> 24) & kMask20;
    if (c.round == 0) return std::nullopt;  // never printed
    return c;
}

std::uint32_t hash20(const std::string& s) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (unsigned char b : s) {
        h ^= b;
        h *= 1099511628211ull;
    }
    return static_cast<std::uint32_t>((h ^ (h >> 20) ^ (h >> 40)) & kMask20);
}

// ---- the layout ----------------------------------------------------------------------

namespace {

constexpr double kMm = 72 / 25.4;
constexpr double kA5W = 419.53, kA5H = 595.28, kA4W = 595.28, kA4H = 841.89;

// The machine marks: 5 mm fiducials centred 9 mm from each edge, nothing
// else printed within 3 mm of them; code cells 1.5 × 3 mm.
constexpr double kFiducial = 5 * kMm, kFiducialInset = 9 * kMm, kQuiet = 3 * kMm;
constexpr double kCellW = 1.5 * kMm, kCellH = 3 * kMm;
constexpr double kCodeTextSize = 6.5, kCodeTextGap = 1.5 * kMm;

constexpr double kSide = 10 * kMm;                   // left and right margins of the text
constexpr double kStampW = 35 * kMm, kStampH = 22 * kMm;
constexpr double kGrid = 0.6, kBoxLine = 0.9, kStampLine = 0.5;
constexpr double kColumnGap = 10;                    // between the columns of the list
constexpr double kNamePad = 7;                       // name to the grid lines, left and right
constexpr double kMaxNameSize = 14, kMinNameSize = 11;

struct Sizes {
    double heading, title, election, count, header, instruction, stamp, box;
};
Sizes sizes(bool a4) {
    return a4 ? Sizes{12.5, 18, 14, 12.5, 12, 11.5, 7.5, 6 * kMm}
              : Sizes{10.5, 16, 12.5, 11, 10.5, 10, 7, 5.5 * kMm};
}

struct LayoutUnref {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Text = std::shared_ptr<PangoLayout>;

struct Style {
    double size = 12;
    bool bold = false, italic = false, underline = false;
    PangoAlignment align = PANGO_ALIGN_LEFT;
};

// The measuring context: print settings, the font checked.
class Measure {
  public:
    Measure() : context_(report::new_print_context()) { report::require_print_font(context_); }
    ~Measure() { g_object_unref(context_); }
    Measure(const Measure&) = delete;
    Measure& operator=(const Measure&) = delete;

    // `text` in `s`, wrapped at `width` points when width > 0.
    Text text(const std::string& text, const Style& s, double width = 0) const {
        return Text(report::new_print_layout(context_, text, {s.size, s.bold, s.italic, s.underline, s.align}, width),
                    LayoutUnref{});
    }

  private:
    PangoContext* context_;
};

double text_w(const Text& t) { return report::layout_width(t.get()); }
double text_h(const Text& t) { return report::layout_height(t.get()); }
// The ink of `t` drawn with its top-left corner at (x, y).
Rect ink(const Text& t, double x, double y) {
    PangoRectangle in, logical;
    pango_layout_get_extents(t.get(), &in, &logical);
    return {x + static_cast<double>(in.x) / PANGO_SCALE, y + static_cast<double>(in.y) / PANGO_SCALE,
            static_cast<double>(in.width) / PANGO_SCALE, static_cast<double>(in.height) / PANGO_SCALE};
}

// A text and where its top-left corner goes.
struct Placed {
    Text text;
    double x = 0, y = 0;
    double grey = 0;  // 0 black
};

// Everything the paper prints, placed.
struct Plan {
    BallotLayout l;
    std::vector<Placed> texts;
    std::vector<Rect> header_rows;  // the header row of each column
    double stt_w = 0, name_w = 0, box_w = 0;
    bool fits = false;  // the list and the instruction end above the foot's marks
};

// What does not depend on the list's columns: the sheet, the marks, the
// heading and the room left for the list and the instruction.
struct Frame {
    double w, h;
    bool a4;
    double left, right, top, bottom;  // the text's box
};

Frame frame(bool a4) {
    Frame f{};
    f.a4 = a4;
    f.w = a4 ? kA4W : kA5W;
    f.h = a4 ? kA4H : kA5H;
    f.left = kSide;
    f.right = f.w - kSide;
    // Below the upper fiducials' quiet zone, above the lower ones' and the code's line.
    f.top = kFiducialInset + kFiducial / 2 + kQuiet;
    const double code_text_top = f.h - kFiducialInset - kCellH / 2 - kCodeTextGap - 1.2 * kCodeTextSize;
    f.bottom = std::min(f.h - kFiducialInset - kFiducial / 2 - kQuiet, code_text_top - kQuiet);
    return f;
}

// A dash between words or years ("nhiệm kỳ 2025 – 2030") never begins or
// ends a line: the spaces around it do not break.
std::string bind_dashes(std::string s) {
    for (const std::string dash : {"–", "—", "-"}) {
        const std::string spaced = " " + dash + " ", bound = "\u00A0" + dash + "\u00A0";
        for (auto at = s.find(spaced); at != std::string::npos; at = s.find(spaced, at + bound.size()))
            s.replace(at, spaced.size(), bound);
    }
    return s;
}

// Places the paper in `columns` columns with names of `size` points in rows
// `row_h` high (0: as high as the sheet allows, within reason).
Plan plan(const Measure& m, const BallotContent& c, bool a4, int columns, double size, double row_h) {
    Plan p;
    BallotLayout& l = p.l;
    const Frame f = frame(a4);
    const Sizes s = sizes(a4);
    const double W = f.right - f.left;
    l.page_w = f.w;
    l.page_h = f.h;
    l.a4 = a4;
    l.columns = columns;
    l.font_size = size;

    // The marks.
    l.fiducial = kFiducial;
    l.fiducials = {Point{kFiducialInset, kFiducialInset}, Point{f.w - kFiducialInset, kFiducialInset},
                   Point{f.w - kFiducialInset, f.h - kFiducialInset}, Point{kFiducialInset, f.h - kFiducialInset}};
    const double strip_x = (f.w - kCodeBits * kCellW) / 2, strip_y = f.h - kFiducialInset - kCellH / 2;
    for (int k = 0; k < kCodeBits; ++k) l.code_cells[k] = Rect{strip_x + k * kCellW, strip_y, kCellW, kCellH};
    Text code = m.text(c.code_text, {kCodeTextSize, false, false, false, PANGO_ALIGN_LEFT});
    p.texts.push_back({code, (f.w - text_w(code)) / 2, strip_y - kCodeTextGap - text_h(code), 0.35});

    // The heading of a Party paper: the organization and the congress on
    // the left over a star, the Party on the right, each centred in its half.
    double y = f.top;
    const double left_w = W * 0.5, right_w = W - left_w;
    double hl = 0;
    if (!c.organization.empty()) {
        Text t = m.text(c.organization, {s.heading, false, false, false, PANGO_ALIGN_CENTER}, left_w);
        p.texts.push_back({t, f.left, y + hl});
        hl += text_h(t);
    }
    if (!c.congress.empty()) {
        Text t = m.text(c.congress, {s.heading, true, false, false, PANGO_ALIGN_CENTER}, left_w);
        p.texts.push_back({t, f.left, y + hl});
        hl += text_h(t);
    }
    if (hl > 0) {
        Text t = m.text("*", {s.heading, false, false, false, PANGO_ALIGN_CENTER}, left_w);
        p.texts.push_back({t, f.left, y + hl});
        hl += text_h(t);
    }
    Text party = m.text(c.party, {s.heading, true, false, true, PANGO_ALIGN_CENTER}, right_w);
    p.texts.push_back({party, f.left + left_w, y});
    y += std::max(hl, text_h(party)) + 4;

    // The stamp's box at the left; the title centred on the sheet beside it.
    l.stamp = Rect{f.left, y, kStampW, kStampH};
    Text label = m.text(c.stamp_label, {s.stamp, false, true, false, PANGO_ALIGN_CENTER}, kStampW - 4);
    p.texts.push_back({label, f.left + 2, y + 2.5, 0.3});
    const double beside = W - 2 * (kStampW + 8);
    Text title = m.text(c.title, {s.title, true, false, false, PANGO_ALIGN_CENTER}, beside);
    p.texts.push_back({title, f.left + kStampW + 8, y + (kStampH - text_h(title)) / 2});
    y += kStampH + 6;
    const std::string election = bind_dashes(c.election);
    for (const auto& [words, st, space] :
         {std::tuple{&election, Style{s.election, true, false, false, PANGO_ALIGN_CENTER}, 0.0},
          std::tuple{&c.count_line, Style{s.count, false, true, false, PANGO_ALIGN_CENTER}, 3.0},
          std::tuple{&c.round_line, Style{s.count, true, false, false, PANGO_ALIGN_CENTER}, 1.0}}) {
        if (words->empty()) continue;
        Text t = m.text(*words, st, W);
        y += space;
        p.texts.push_back({t, f.left, y});
        y += text_h(t);
    }
    l.heading = Rect{f.left, f.top, W, y - f.top};
    y += a4 ? 12 : 9;

    // The list's columns: STT | name [| agree | disagree].
    const std::size_t n = c.names.size();
    const double col_w = (W - (columns - 1) * kColumnGap) / columns;
    Style header{s.header, true, false, false, PANGO_ALIGN_CENTER};
    Style number{size, false, false, false, PANGO_ALIGN_CENTER};
    Style name{size, false, false, false, PANGO_ALIGN_LEFT};
    p.stt_w = std::max(text_w(m.text(c.number_header, header)),
                       text_w(m.text(std::to_string(std::max<std::size_t>(n, 1)), number))) + 10;
    // The agree form's box columns: roomy in one column, narrower (their
    // headers on two lines, the boxes 5 mm) when the list takes more.
    const double box = columns == 1 ? s.box : 5 * kMm;
    p.box_w = !c.agree ? 0 : columns == 1 ? (a4 ? 66 : 54) : (a4 ? 46 : 42);
    p.name_w = col_w - p.stt_w - 2 * p.box_w;
    if (p.name_w < 40) return p;
    std::vector<std::string> header_words = {c.number_header, c.name_header};
    std::vector<double> header_widths = {p.stt_w, p.name_w};
    if (c.agree) {
        header_words.insert(header_words.end(), {c.agree_header, c.disagree_header});
        header_widths.insert(header_widths.end(), {p.box_w, p.box_w});
    }
    std::vector<Text> headers;
    double header_h = 0;
    for (std::size_t i = 0; i < header_words.size(); ++i) {
        headers.push_back(m.text(header_words[i], header, header_widths[i] - 4));
        header_h = std::max(header_h, text_h(headers.back()));
    }
    header_h += 10;

    // The instruction under the list, and the room the rows have.
    Text instruction = m.text(c.instruction, {s.instruction, false, true, false, PANGO_ALIGN_LEFT}, W);
    const double instruction_gap = a4 ? 10 : 8;
    const std::size_t per_column = std::max<std::size_t>(1, (n + columns - 1) / columns);
    const double room = f.bottom - y - header_h - instruction_gap - text_h(instruction);
    // Rows high enough to strike a name through with white above and below
    // it, and to hold an agree form's boxes with room around them.
    const double min_row = std::max({kMinRow, 1.6 * size, c.agree ? box + 8 : 0.0});
    const double max_row = std::max(min_row, 2.1 * size);
    if (row_h <= 0) row_h = std::min(max_row, room / static_cast<double>(per_column));
    if (row_h < min_row) return p;

    double table_bottom = y + header_h;
    for (int col = 0; col < columns; ++col) {
        const double x = f.left + col * (col_w + kColumnGap);
        const std::size_t first = col * per_column;
        if (col > 0 && first >= n) break;
        p.header_rows.push_back(Rect{x, y, col_w, header_h});
        double hx = x;
        for (std::size_t i = 0; i < headers.size(); ++i) {
            p.texts.push_back({headers[i], hx + 2, y + (header_h - text_h(headers[i])) / 2});
            hx += header_widths[i];
        }
        for (std::size_t i = first; i < std::min(n, first + per_column); ++i) {
            RowGeometry r;
            const double ry = y + header_h + static_cast<double>(i - first) * row_h;
            r.row = Rect{x, ry, col_w, row_h};
            r.number = Rect{x, ry, p.stt_w, row_h};
            r.name = Rect{x + p.stt_w, ry, p.name_w, row_h};
            Text num = m.text(std::to_string(i + 1), number, p.stt_w);
            p.texts.push_back({num, x, ry + (row_h - text_h(num)) / 2});
            Text nm = m.text(c.names[i], name);
            if (text_w(nm) > p.name_w - 2 * kNamePad) return p;  // the name does not fit at this size
            const double tx = r.name.x + kNamePad, ty = ry + (row_h - text_h(nm)) / 2;
            p.texts.push_back({nm, tx, ty});
            r.text = ink(nm, tx, ty);
            if (c.agree) {
                const double side = box, cy = ry + row_h / 2;
                const double ax = r.name.right() + p.box_w / 2, dx = ax + p.box_w;
                r.agree = Rect{ax - side / 2, cy - side / 2, side, side};
                r.disagree = Rect{dx - side / 2, cy - side / 2, side, side};
            }
            l.rows.push_back(r);
            table_bottom = std::max(table_bottom, r.row.bottom());
        }
    }
    l.table = Rect{f.left, y, W, table_bottom - y};
    const double iy = table_bottom + instruction_gap;
    p.texts.push_back({instruction, f.left, iy});
    l.instruction = Rect{f.left, iy, W, text_h(instruction)};
    p.fits = l.instruction.bottom() <= f.bottom + 0.01;
    return p;
}

// The first plan that fits: A5 before A4, fewer columns before more, the
// largest names that fit the column and the rows.
Plan choose(const Measure& m, const BallotContent& c) {
    for (bool a4 : {false, true}) {
        for (int columns = 1; columns <= (a4 ? 3 : 2); ++columns) {
            if (columns > 1 && c.names.size() < static_cast<std::size_t>(columns) * 2) break;
            for (double size = kMaxNameSize; size >= kMinNameSize; size -= 1) {
                Plan p = plan(m, c, a4, columns, size, 0);
                if (p.fits) return p;
            }
        }
    }
    throw Refused(_f("the ballot of {} names does not fit on one A4 sheet (at most three columns, rows at "
                     "least 6 mm high, names at least 11 pt): shorten the list",
                     c.names.size()));
}

// The plan of a layout made by layout().
Plan replan(const Measure& m, const BallotContent& c, const BallotLayout& l) {
    const double row_h = l.rows.empty() ? 0 : l.rows.front().row.h;
    return plan(m, c, l.a4, l.columns, l.font_size, row_h);
}

void fill(cairo_t* cr, const Rect& r) {
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_fill(cr);
}
void line(cairo_t* cr, double x0, double y0, double x1, double y1) {
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

void draw_plan(cairo_t* cr, const BallotContent& c, const Plan& p) {
    const BallotLayout& l = p.l;
    cairo_save(cr);
    // Texts.
    for (const auto& t : p.texts) {
        cairo_set_source_rgb(cr, t.grey, t.grey, t.grey);
        cairo_move_to(cr, t.x, t.y);
        pango_cairo_show_layout(cr, t.text.get());
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    // The stamp's box.
    cairo_set_line_width(cr, kStampLine);
    cairo_rectangle(cr, l.stamp.x, l.stamp.y, l.stamp.w, l.stamp.h);
    cairo_stroke(cr);
    // The grid of each column: its header row and its rows.
    cairo_set_line_width(cr, kGrid);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    for (const Rect& h : p.header_rows) {
        double bottom = h.bottom();
        for (const auto& r : l.rows)
            if (r.row.x == h.x) bottom = std::max(bottom, r.row.bottom());
        line(cr, h.x, h.y, h.right(), h.y);
        line(cr, h.x, h.bottom(), h.right(), h.bottom());
        for (const auto& r : l.rows)
            if (r.row.x == h.x) line(cr, h.x, r.row.bottom(), h.right(), r.row.bottom());
        std::vector<double> xs = {h.x, h.x + p.stt_w, h.x + p.stt_w + p.name_w};
        if (c.agree) xs.insert(xs.end(), {xs.back() + p.box_w, xs.back() + 2 * p.box_w});
        xs.back() = h.right();
        for (double x : xs) line(cr, x, h.y, x, bottom);
    }
    // The boxes of an agree form: their ink outside their inside.
    cairo_set_line_width(cr, kBoxLine);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    for (const auto& r : l.rows)
        for (const Rect& b : {r.agree, r.disagree})
            if (b.w > 0) {
                cairo_rectangle(cr, b.x - kBoxLine / 2, b.y - kBoxLine / 2, b.w + kBoxLine, b.h + kBoxLine);
                cairo_stroke(cr);
            }
    // The machine marks.
    for (const Point& f : l.fiducials) fill(cr, {f.x - l.fiducial / 2, f.y - l.fiducial / 2, l.fiducial, l.fiducial});
    const std::uint64_t bits = encode(c.code);
    for (int k = 0; k < kCodeBits; ++k)
        if ((bits >> k) & 1u) fill(cr, l.code_cells[k]);
    cairo_restore(cr);
}

}  // namespace

BallotLayout layout(const BallotContent& c) {
    Measure m;
    return choose(m, c).l;
}

void draw(cairo_t* cr, const BallotContent& c, const BallotLayout& l) {
    Measure m;
    Plan p = replan(m, c, l);
    p.l = l;  // the marks and rows where the caller has them
    draw_plan(cr, c, p);
}

void write_pdf(const BallotContent& c, const std::filesystem::path& file, bool two_up) {
    const BallotLayout l = layout(c);
    if (two_up && l.a4)
        throw Refused(_f("two ballots a sheet (--two-up) are for an A5 ballot; this list of {} names needs an "
                         "A4 sheet: write it one a sheet",
                         c.names.size()));
    const double sheet_w = two_up ? kA4H : l.page_w, sheet_h = two_up ? kA4W : l.page_h;
    const std::string title = c.election.empty() ? c.title : c.title + " – " + c.election;
    report::PdfFile pdf(file, sheet_w, sheet_h, title);
    cairo_t* cr = pdf.cr();
    Measure m;
    Plan p = replan(m, c, l);
    if (!two_up) {
        draw_plan(cr, c, p);
    } else {
        // Two A5 ballots on an A4 sheet turned landscape, each centred in
        // its half, and a dashed line down the middle to cut along.
        const double half = sheet_w / 2, dx = (half - l.page_w) / 2, dy = (sheet_h - l.page_h) / 2;
        for (int i = 0; i < 2; ++i) {
            cairo_save(cr);
            cairo_translate(cr, i * half + dx, dy);
            draw_plan(cr, c, p);
            cairo_restore(cr);
        }
        const double dash[] = {4, 3};
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
        cairo_set_line_width(cr, 0.5);
        cairo_set_dash(cr, dash, 2, 0);
        line(cr, half, 0, half, sheet_h);
    }
    cairo_show_page(cr);
    pdf.commit();
}

GrayImage render(const BallotContent& c, const BallotLayout& l, double dpi) {
    const double scale = dpi / 72;
    GrayImage img;
    img.width = static_cast<int>(std::ceil(l.page_w * scale - 1e-6));
    img.height = static_cast<int>(std::ceil(l.page_h * scale - 1e-6));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img.width, img.height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw std::bad_alloc();
    }
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    try {
        draw(cr, c, l);
    } catch (...) {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        throw;
    }
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    img.pixels.resize(static_cast<std::size_t>(img.width) * img.height);
    for (int y = 0; y < img.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < img.width; ++x) {
            const std::uint32_t px = row[x];
            const unsigned r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
            img.pixels[static_cast<std::size_t>(y) * img.width + x] =
                static_cast<std::uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
    }
    cairo_surface_destroy(surface);
    return img;
}

}  // namespace daihoi::paper
