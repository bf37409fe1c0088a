// The signed papers as PDF: the same Report the .xlsx prints, laid out by
// pango and drawn by cairo on A4, in Liberation Serif (the metric twin of
// Times New Roman, embedded as a subset). Unlike an .xlsx, whose page breaks
// the client decides, the PDF is laid out here once: every block is measured,
// the pages are cut by paginate() (paginate.hpp: the signatures never alone,
// no orphan row, a repeated header), then drawn knowing the page count.
#include "core/base/i18n.hpp"
#include "core/base/progress.hpp"
#include "core/error.hpp"
#include "core/report/cells.hpp"
#include "core/report/paginate.hpp"
#include "core/report/pipeline.hpp"
#include "core/report/print_font.hpp"
#include "core/report/writer.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <stdexcept>

namespace daihoi::report {

namespace {

constexpr const char* kFamily = kPrintFamily;
constexpr double kHeadingSize = 13, kTitleSize = 14, kFooterSize = 11;

// A4 in points, and the printable area inside margins like the .xlsx's:
// 0.5 in left and right, 0.65 in top and bottom. The footer ("Trang 2/5")
// takes the foot of the printable area: nothing is drawn outside it.
struct Geometry {
    double page_w, page_h;  // the sheet
    double left, top;       // the printable area's corner
    double width, height;   // the printable area
    double body;            // its height above the footer band
};
constexpr double kA4Short = 595.28, kA4Long = 841.89;
constexpr double kMarginX = 36, kMarginY = 46.8, kFooterBand = 20;

Geometry geometry(Orientation o) {
    Geometry g{};
    g.page_w = o == Orientation::Landscape ? kA4Long : kA4Short;
    g.page_h = o == Orientation::Landscape ? kA4Short : kA4Long;
    g.left = kMarginX;
    g.top = kMarginY;
    g.width = g.page_w - 2 * kMarginX;
    g.height = g.page_h - 2 * kMarginY;
    g.body = g.height - kFooterBand;
    return g;
}

constexpr double kPadX = 3, kPadY = 2.5;  // inside a table cell
constexpr double kGrid = 0.6;             // table lines
constexpr double kNumberWidth = 5;        // the STT column, in .xlsx units
constexpr double kUnitPoints = 6.2;       // an .xlsx column unit printed (Excel, Times 12)

struct Style {
    double size = 12;
    bool bold = false, italic = false, underline = false;
    PangoAlignment align = PANGO_ALIGN_LEFT;
};

struct LayoutUnref {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::shared_ptr<PangoLayout>;

struct Rgb {
    double r, g, b;
};
constexpr Rgb kBlack{0, 0, 0}, kBar{0x4F / 255.0, 0x6D / 255.0, 0x9A / 255.0},
    kRed{0xC0 / 255.0, 0, 0}, kAlert{0xF4 / 255.0, 0xCC / 255.0, 0xCC / 255.0},
    kGridGrey{0.8, 0.8, 0.8};

// One block of the paper: its place in the pagination, and how to draw it
// with its top-left corner at (x, y).
struct Item {
    Block block;
    std::function<void(double x, double y)> draw;
    std::size_t header = 0;  // with block.repeat: the item drawn above it atop a page
};

class PdfWriter {
  public:
    PdfWriter(const Report& r, const std::filesystem::path& file)
        : r_(r), g_(geometry(r.orientation)) {
        surface_ = cairo_pdf_surface_create(file.c_str(), g_.page_w, g_.page_h);
        if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(surface_);
            throw Refused(_f("cannot create {}", file.string()));
        }
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, r.title.c_str());
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "daihoi");
        cr_ = cairo_create(surface_);
        // Measured for print, not for a screen: no hinting moves a glyph.
        context_ = new_print_context();
        pango_cairo_update_context(cr_, context_);
    }
    ~PdfWriter() {
        if (context_) g_object_unref(context_);
        if (cr_) cairo_destroy(cr_);
        if (surface_) cairo_surface_destroy(surface_);
    }
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    std::size_t write(const WriteOptions& opt) {
        if (r_.tables.empty()) throw std::logic_error("a report needs a table");
        require_font();
        std::size_t expected = 0;
        for (const auto& t : r_.tables) expected += t.expected_rows;
        ProgressScope progress(opt.progress, _f("writing {}", r_.kind), expected);
        heading();
        std::size_t rows = 0;
        for (std::size_t i = 0; i < r_.tables.size(); ++i)
            rows += table(r_.tables[i], static_cast<int>(i) + 1, progress, rows);
        for (std::size_t i = 0; i < r_.closing.size(); ++i) {
            Item& it = line(r_.closing[i], i == 0 ? 14 : 0);
            it.block.role = BlockRole::Closing;
        }
        draw_pages();
        cairo_surface_finish(surface_);
        if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
            throw Refused(_f("cannot write the PDF: {}",
                             cairo_status_to_string(cairo_surface_status(surface_))));
        return rows;
    }

  private:
    // Fontconfig would quietly draw another font: the paper promises this one.
    void require_font() { require_print_font(context_); }

    // ---- text -----------------------------------------------------------------------

    Layout layout(const std::string& text, const Style& s, double width) {
        return Layout(new_print_layout(context_, text, {s.size, s.bold, s.italic, s.underline, s.align}, width),
                      LayoutUnref{});
    }
    static double height(const Layout& l) { return layout_height(l.get()); }
    static double width(const Layout& l) { return layout_width(l.get()); }
    // Draws `l` with its top-left corner at (x, y).
    void show(const Layout& l, double x, double y, Rgb c = kBlack) {
        cairo_set_source_rgb(cr_, c.r, c.g, c.b);
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, l.get());
    }
    double line_size(LineStyle s) const {
        return s == LineStyle::Small ? std::max(8.0, r_.font_size - 3) : r_.font_size;
    }
    Style line_style(LineStyle s, bool centered) const {
        Style st;
        st.size = line_size(s);
        st.bold = s == LineStyle::Bold;
        st.italic = s == LineStyle::Italic;
        st.align = centered ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
        return st;
    }

    Item& add(double h, double space, bool keep, std::function<void(double, double)> draw) {
        Item it;
        it.block.height = h;
        it.block.space_before = space;
        it.block.keep_with_next = keep;
        it.draw = std::move(draw);
        items_.push_back(std::move(it));
        return items_.back();
    }

    // A line of running text across the page, or the two blocks of a
    // signature line (left and right halves, each centred).
    Item& line(const Line& l, double space = 0) {
        if (!l.blocks) {
            std::string text = l.text.empty() ? " " : l.text;
            Layout lay = layout(text, line_style(l.style, l.centered), g_.width);
            return add(height(lay), space, false, [this, lay](double x, double y) { show(lay, x, y); });
        }
        double half = g_.width / 2;
        Layout left = layout(l.text.empty() ? " " : l.text, line_style(l.style, true), half);
        Layout right = layout(l.right.empty() ? " " : l.right, line_style(l.right_style, true), half);
        return add(std::max(height(left), height(right)), space, false,
                   [this, left, right, half](double x, double y) {
                       show(left, x, y);
                       show(right, x + half, y);
                   });
    }

    // The height of the closing lines (the signatures), measured as line() lays them out.
    double closing_height() {
        const std::size_t mark = items_.size();
        double h = 0;
        for (std::size_t i = 0; i < r_.closing.size(); ++i) {
            const Item& it = line(r_.closing[i], i == 0 ? 14 : 0);
            h += it.block.height + it.block.space_before;
        }
        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(mark), items_.end());
        return h;
    }

    // ---- heading and title -------------------------------------------------------------

    void heading() {
        const Heading& h = r_.heading;
        Style party{kHeadingSize, true, false, true, PANGO_ALIGN_CENTER};
        Style date{r_.font_size, false, true, false, PANGO_ALIGN_CENTER};
        // The right block as wide as its longer line needs (within reason);
        // the organization wraps in what is left.
        double need = std::max(width(layout(h.party, party, 0)), width(layout(h.place_date, date, 0))) + 12;
        double right_w = std::clamp(need, g_.width * 0.45, g_.width * 0.6);
        double left_w = g_.width - right_w;
        // The organization, and under it the body that issues the paper.
        std::string left_text = upper_vi(h.organization);
        for (const auto& i : h.issuer) left_text += "\n" + upper_vi(i);
        Layout org = layout(left_text, {kHeadingSize, true, false, false, PANGO_ALIGN_CENTER}, left_w);
        Layout mark = layout(h.mark.empty() ? " " : h.mark, {r_.font_size, false, false, false, PANGO_ALIGN_CENTER}, left_w);
        Layout p = layout(h.party, party, right_w);
        Layout d = layout(h.place_date, date, right_w);
        double hl = height(org) + height(mark), hr = height(p) + 4 + height(d);
        add(std::max(hl, hr), 0, true, [=, this](double x, double y) {
            show(org, x, y);
            show(mark, x, y + height(org));
            show(p, x + left_w, y);
            show(d, x + left_w, y + height(p) + 4);
        });
        Layout title = layout(r_.title, {kTitleSize, true, false, false, PANGO_ALIGN_CENTER}, g_.width);
        add(height(title), 22, true, [this, title](double x, double y) { show(title, x, y); });
        for (std::size_t i = 0; i < r_.subtitle.size(); ++i) {
            Layout s = layout(r_.subtitle[i], {r_.font_size, false, true, false, PANGO_ALIGN_CENTER}, g_.width);
            add(height(s), i == 0 ? 4 : 0, true, [this, s](double x, double y) { show(s, x, y); });
        }
        if (!items_.empty()) items_.back().block.keep_with_next = false;
    }

    // ---- tables ------------------------------------------------------------------------

    std::size_t table(const Table& t, int group, ProgressScope& progress, std::size_t done) {
        for (std::size_t i = 0; i < t.before.size(); ++i) {
            Item& it = line(t.before[i], i == 0 ? 12 : 3);
            // The line that introduces the table stays with it.
            it.block.keep_with_next = i + 1 == t.before.size();
        }
        if (!t.caption.empty()) {
            Layout cap = layout(t.caption, {r_.font_size, true}, g_.width);
            add(height(cap), t.before.empty() ? 12 : 6, true, [this, cap](double x, double y) { show(cap, x, y); });
        }
        std::vector<Row> rows;
        pump_rows(t.rows, [&](const Row& row) {
            rows.push_back(row);
            progress.update(done + rows.size());
        });
        if (rows.empty() && !t.if_empty.empty()) {
            if (!items_.empty()) items_.back().block.keep_with_next = false;
            line(Line(t.if_empty, LineStyle::Italic), 4);
            for (const auto& l : t.after) line(l, 3);
            return 0;
        }

        // Column widths: the .xlsx's proportions across the printable width;
        // a table wider than the page prints smaller, as a client shrinks
        // the sheet to fit.
        std::vector<double> units;
        if (t.numbered) units.push_back(kNumberWidth * std::max(1.0, r_.font_size / 12));
        for (const auto& c : t.columns) units.push_back(c.width);
        double total = 0;
        for (double u : units) total += u;
        // Never below three quarters of the body size: a signed list stays
        // readable, its columns fitted to their words below.
        const double size = r_.font_size * std::clamp(g_.width / (total * kUnitPoints), 0.75, 1.0);
        std::vector<double> prop;
        for (double u : units) prop.push_back(u / total * g_.width);

        // Every cell's text and style, then the widths: no word is cut
        // where a column can take room from one with room to spare.
        struct Cell {
            std::string text;
            bool bold = false;
            PangoAlignment align = PANGO_ALIGN_LEFT;
            Rgb fill{1, 1, 1};
        };
        std::vector<std::vector<Cell>> cells(rows.size());
        for (std::size_t n = 0; n < rows.size(); ++n) {
            const Row& row = rows[n];
            if (t.numbered) cells[n].push_back({std::to_string(n + 1), false, PANGO_ALIGN_CENTER});
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                const Column& col = t.columns[i];
                const Value& v = i < row.cells.size() ? row.cells[i] : Value{};
                Mark mark = i < row.marks.size() ? row.marks[i] : Mark::None;
                CellAlign a = cell_align(col);
                cells[n].push_back({printed_text(col, v, r_.print), mark != Mark::None,
                                    a == CellAlign::Center  ? PANGO_ALIGN_CENTER
                                    : a == CellAlign::Right ? PANGO_ALIGN_RIGHT
                                                            : PANGO_ALIGN_LEFT,
                                    mark == Mark::Alert ? kAlert : Rgb{1, 1, 1}});
            }
        }
        std::vector<std::string> labels;
        if (t.numbered) labels.push_back(r_.print.number);
        for (const auto& c : t.columns) labels.push_back(c.label);
        // Two wishes per column: every cell on one line, and every word
        // whole. The first when the page is wide enough for it (a unit's
        // name takes room from an empty column); else the second, where
        // words printed for codes ("Đương nhiên"), numbers and dates still
        // stay whole and free text (names, reasons) wraps between words.
        std::vector<double> one_line_need(units.size(), 0), word_need(units.size(), 0),
            typical_need(units.size(), 0);
        double one_line_total = 0;
        for (std::size_t c = 0; c < units.size(); ++c) {
            // Words printed for codes stay whole, unless the column says they
            // are sentences (left-aligned: "Được thay bởi đ/c …").
            const Column* col = c < (t.numbered ? 1u : 0u) ? nullptr : &t.columns[c - (t.numbered ? 1 : 0)];
            const bool whole = !col || col->type != ColumnType::Text ||
                               (!col->value_labels.empty() && col->align != Align::Left);
            double head_word = longest_word(labels[c], {size, true});
            double line = head_word, word = head_word;
            std::vector<double> fulls;  // every row's one-line width, 0 when empty
            for (const auto& row : cells) {
                if (c >= row.size() || row[c].text.empty()) {
                    fulls.push_back(0);
                    continue;
                }
                double full = width(layout(row[c].text, {size, row[c].bold}, 0));
                fulls.push_back(full);
                line = std::max(line, full);
                word = std::max(word, whole ? full : longest_word(row[c].text, {size, row[c].bold}));
            }
            // What nine rows in ten need on one line: a rare long reason
            // wraps in its own row rather than every name in the list (but
            // in two thirds of an inch at least, not a word a line).
            double typical = std::max(head_word, std::min(line, 48.0));
            if (!fulls.empty()) {
                std::sort(fulls.begin(), fulls.end());
                typical = std::max(typical, fulls[(fulls.size() - 1) * 9 / 10]);
            }
            one_line_need[c] = std::min(line + 2 * kPadX + 0.5, g_.width * 0.4);
            word_need[c] = std::min(word + 2 * kPadX + 0.5, g_.width * 0.4);
            typical_need[c] = std::clamp(typical + 2 * kPadX + 0.5, word_need[c], one_line_need[c]);
            one_line_total += one_line_need[c];
        }
        // When not every cell fits on one line, nine rows in ten should; when
        // not even that, each column gets the same share of the room it
        // lacks beyond its longest word. A name column full of two-word names
        // is not starved for a "reason" that a few rows fill.
        std::vector<double> need = one_line_need;
        if (one_line_total > g_.width) {
            double word_total = 0, typical_total = 0;
            for (std::size_t c = 0; c < need.size(); ++c) {
                word_total += word_need[c];
                typical_total += typical_need[c];
            }
            const double share = typical_total > word_total
                                     ? std::clamp((g_.width - word_total) / (typical_total - word_total), 0.0, 1.0)
                                     : 0.0;
            double total = 0;
            for (std::size_t c = 0; c < need.size(); ++c)
                total += need[c] = word_need[c] + (typical_need[c] - word_need[c]) * share;
            // Room left over goes where the text is, not where the .xlsx was wide.
            if (total > 0 && total <= g_.width + 0.5) {  // equal but for rounding when share < 1
                for (double& w : need) w *= g_.width / total;
                prop = need;
            }
        }
        auto widths = std::make_shared<std::vector<double>>(fit_widths(prop, need));

        // The header row.
        std::vector<Layout> head;
        double head_h = 0;
        for (std::size_t c = 0; c < labels.size(); ++c)
            head.push_back(layout(labels[c], {size, true, false, false, PANGO_ALIGN_CENTER}, (*widths)[c] - 2 * kPadX));
        for (const auto& l : head) head_h = std::max(head_h, height(l));
        head_h += 2 * kPadY;
        add(head_h, t.before.empty() && t.caption.empty() ? 12 : 4, true,
            [this, head, widths, head_h](double x, double y) { grid_row(x, y, *widths, head, head_h, {}); });
        const std::size_t header_index = items_.size() - 1;

        // The rows: one line high unless a cell truly wraps.
        const double one_line = height(layout("Ag", {size}, 0)) + 2 * kPadY;
        for (const auto& row : cells) {
            std::vector<Layout> lays;
            std::vector<Rgb> fills;
            double h = one_line;
            for (std::size_t c = 0; c < row.size() && c < widths->size(); ++c) {
                lays.push_back(layout(row[c].text, {size, row[c].bold, false, false, row[c].align}, (*widths)[c] - 2 * kPadX));
                fills.push_back(row[c].fill);
                h = std::max(h, height(lays.back()) + 2 * kPadY);
            }
            Item& it = add(h, 0, false, [this, lays, widths, h, fills](double x, double y) {
                grid_row(x, y, *widths, lays, h, fills);
            });
            it.block.role = BlockRole::Row;
            it.block.group = group;
            it.block.repeat = head_h;
            it.header = header_index;
        }
        for (std::size_t i = 0; i < t.after.size(); ++i) line(t.after[i], i == 0 ? 6 : 2);
        if (t.chart && !rows.empty()) chart(t, *t.chart, rows);
        return static_cast<std::size_t>(
            std::count_if(rows.begin(), rows.end(), [](const Row& r) { return !r.aside; }));
    }

    // A row of cells with their grid, each text centred vertically.
    void grid_row(double x, double y, const std::vector<double>& widths, const std::vector<Layout>& cells,
                  double h, const std::vector<Rgb>& fills) {
        double cx = x;
        for (std::size_t i = 0; i < widths.size() && i < cells.size(); ++i) {
            if (i < fills.size() && (fills[i].r < 1 || fills[i].g < 1 || fills[i].b < 1)) {
                cairo_set_source_rgb(cr_, fills[i].r, fills[i].g, fills[i].b);
                cairo_rectangle(cr_, cx, y, widths[i], h);
                cairo_fill(cr_);
            }
            show(cells[i], cx + kPadX, y + (h - height(cells[i])) / 2);
            cairo_set_source_rgb(cr_, 0, 0, 0);
            cairo_set_line_width(cr_, kGrid);
            cairo_rectangle(cr_, cx, y, widths[i], h);
            cairo_stroke(cr_);
            cx += widths[i];
        }
    }

    // The width of the longest word of `text` on one line.
    double longest_word(const std::string& text, const Style& s) {
        double w = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t end = text.find_first_of(" \n", i);
            if (end == std::string::npos) end = text.size();
            if (end > i) w = std::max(w, width(layout(text.substr(i, end - i), s, 0)));
            i = end + 1;
        }
        return w;
    }

    // Widths near `prop` (summing to the same) in which each column gets at
    // least `need`, taken from the columns with room to spare in proportion
    // to that room; when the room is not there, `prop` as it is.
    static std::vector<double> fit_widths(const std::vector<double>& prop, const std::vector<double>& need) {
        double deficit = 0, spare = 0;
        for (std::size_t c = 0; c < prop.size(); ++c) {
            if (need[c] > prop[c]) deficit += need[c] - prop[c];
            else spare += prop[c] - need[c];
        }
        if (deficit <= 0 || spare < deficit) return prop;
        std::vector<double> w(prop.size());
        for (std::size_t c = 0; c < prop.size(); ++c)
            w[c] = need[c] > prop[c] ? need[c] : prop[c] - (prop[c] - need[c]) / spare * deficit;
        return w;
    }

    // ---- chart ---------------------------------------------------------------------------

    static std::size_t column_index(const Table& t, const std::string& key) {
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            if (t.columns[i].key == key) return i;
        throw std::logic_error(fmt::format("chart: table {} has no column {}", t.key, key));
    }

    // A round step for an axis up to `top` with about five steps: 1, 2 or 5 × 10^k.
    static double axis_step(double top) {
        if (top <= 0) return 1;
        double raw = top / 5;
        double p = std::pow(10.0, std::floor(std::log10(raw)));
        for (double m : {1.0, 2.0, 5.0, 10.0})
            if (m * p >= raw) return std::max(1.0, m * p);
        return std::max(1.0, 10 * p);
    }

    void chart(const Table& t, const Chart& ch, const std::vector<Row>& rows) {
        std::size_t ci = column_index(t, ch.category), vi = column_index(t, ch.value);
        struct Bar {
            std::string name;
            double value;
        };
        auto bars = std::make_shared<std::vector<Bar>>();
        double max_value = 0;
        for (const auto& row : rows) {
            Bar b;
            b.name = ci < row.cells.size() ? printed_text(t.columns[ci], row.cells[ci], r_.print) : "";
            b.value = 0;
            if (vi < row.cells.size()) {
                if (auto* i = std::get_if<std::int64_t>(&row.cells[vi])) b.value = static_cast<double>(*i);
                else if (auto* d = std::get_if<double>(&row.cells[vi])) b.value = *d;
            }
            max_value = std::max(max_value, b.value);
            bars->push_back(std::move(b));
        }
        const std::size_t n = bars->size();
        double top = std::max(max_value, ch.line.value_or(0));
        double step = axis_step(top * 1.05);
        top = std::max(step, std::ceil(top * 1.05 / step) * step);
        const int decimals = t.columns[vi].type == ColumnType::Number ? t.columns[vi].decimals : 0;
        auto value_text = [this, decimals](double v) {
            return format_number(v, decimals, r_.print.decimal, r_.print.thousands);
        };

        Layout title = layout(ch.title, {kHeadingSize, true, false, false, PANGO_ALIGN_CENTER}, g_.width);
        Layout note;
        if (ch.line && !ch.line_label.empty())
            note = layout(ch.line_label, {10, false, true, false, PANGO_ALIGN_CENTER}, g_.width);
        double head = height(title) + (note ? height(note) + 2 : 0) + 8;
        const double small = 9;
        const double axis_w = width(layout(value_text(top), {small}, 0)) + 8;

        double h = 0;
        std::function<void(double, double)> draw;
        // Columns for a few short names; bars across, names on the left,
        // for more: slanted names would run out of the printable area.
        if (!ch.horizontal && n <= 6) {
            double slot = (g_.width - axis_w) / static_cast<double>(n);
            double names_h = 0;
            for (const auto& b : *bars)
                names_h = std::max(names_h, height(layout(b.name, {small}, slot - 4)) + 4);
            const double plot_h = 190;
            h = head + plot_h + names_h + 6;
            draw = [=, this](double x, double y) {
                show(title, x, y);
                if (note) show(note, x, y + height(title) + 2, kRed);
                double px = x + axis_w, py = y + head, pw = g_.width - axis_w;
                axis(px, py, pw, plot_h, top, step, false, value_text);
                // The bars, the majority line over them, then the numbers over both.
                for (int pass = 0; pass < 2; ++pass)
                for (std::size_t i = 0; i < n; ++i) {
                    const Bar& b = (*bars)[i];
                    double sx = px + slot * static_cast<double>(i);
                    double bw = std::min(slot * 0.6, 60.0), bx = sx + (slot - bw) / 2;
                    double bh = b.value / top * plot_h;
                    if (pass == 0) {
                        cairo_set_source_rgb(cr_, kBar.r, kBar.g, kBar.b);
                        cairo_rectangle(cr_, bx, py + plot_h - bh, bw, bh);
                        cairo_fill(cr_);
                        if (i + 1 == n) majority(px, py, pw, plot_h, top, ch, false);
                        continue;
                    }
                    Layout num = layout(value_text(b.value), {small, false, false, false, PANGO_ALIGN_CENTER}, slot);
                    show(num, sx, py + plot_h - bh - height(num) - 1);
                    Layout name = layout(b.name, {small, false, false, false, PANGO_ALIGN_CENTER}, slot - 4);
                    show(name, sx + 2, py + plot_h + 4);
                }
            };
        } else {
            // Bars across: names on the left, the first row on top; as tall
            // as the page allows.
            double name_w = 0;
            for (const auto& b : *bars) name_w = std::max(name_w, width(layout(b.name, {small}, 0)));
            name_w = std::min(name_w + 6, g_.width * 0.35);
            head += 12;  // room for the majority line's value above the bars
            double avail = g_.body - head - 24;
            // The last table's chart leaves room for the signatures after it:
            // they stay on its page (paginate.hpp), never alone on the next.
            if (&t == &r_.tables.back()) avail -= closing_height();
            double slot = std::clamp(avail / static_cast<double>(n), 0.0, 20.0);
            double plot_h = slot * static_cast<double>(n);
            h = head + plot_h + 20;
            draw = [=, this](double x, double y) {
                show(title, x, y);
                if (note) show(note, x, y + height(title) + 2, kRed);
                double px = x + name_w, py = y + head, pw = g_.width - name_w - 24;
                axis(px, py, pw, plot_h, top, step, true, value_text);
                const double fs = std::min(small, slot * 0.8);
                // The bars, the majority line over them, then the numbers over both.
                for (int pass = 0; pass < 2; ++pass)
                for (std::size_t i = 0; i < n; ++i) {
                    const Bar& b = (*bars)[i];
                    double by = py + slot * static_cast<double>(i), bh = slot * 0.7;
                    double bw = b.value / top * pw;
                    if (pass == 0) {
                        cairo_set_source_rgb(cr_, kBar.r, kBar.g, kBar.b);
                        cairo_rectangle(cr_, px, by + (slot - bh) / 2, bw, bh);
                        cairo_fill(cr_);
                        if (i + 1 == n) majority(px, py, pw, plot_h, top, ch, true);
                        continue;
                    }
                    Layout num = layout(value_text(b.value), {fs}, 0);
                    show(num, px + bw + 2, by + (slot - height(num)) / 2);
                    Layout name = layout(b.name, {fs, false, false, false, PANGO_ALIGN_RIGHT}, name_w - 6);
                    pango_layout_set_ellipsize(name.get(), PANGO_ELLIPSIZE_END);
                    show(name, x, by + (slot - height(name)) / 2);
                }
            };
        }
        add(h, 12, false, std::move(draw));
    }

    // The value axis with its round steps, and light grid lines.
    void axis(double px, double py, double pw, double ph, double top, double step, bool across,
              const std::function<std::string(double)>& value_text) {
        cairo_set_line_width(cr_, 0.5);
        for (double v = 0; v <= top + step / 2; v += step) {
            Layout label = layout(value_text(v), {9}, 0);
            cairo_set_source_rgb(cr_, kGridGrey.r, kGridGrey.g, kGridGrey.b);
            if (across) {
                double gx = px + v / top * pw;
                cairo_move_to(cr_, gx, py);
                cairo_line_to(cr_, gx, py + ph);
                cairo_stroke(cr_);
                show(label, gx - width(label) / 2, py + ph + 3);
            } else {
                double gy = py + ph - v / top * ph;
                cairo_move_to(cr_, px, gy);
                cairo_line_to(cr_, px + pw, gy);
                cairo_stroke(cr_);
                show(label, px - width(label) - 4, gy - height(label) / 2);
            }
        }
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_set_line_width(cr_, 0.8);
        cairo_move_to(cr_, px, py);
        cairo_line_to(cr_, px, py + ph);
        cairo_line_to(cr_, px + pw, py + ph);
        cairo_stroke(cr_);
    }

    // The reference line (the votes a majority needs), dashed red, its value at its end.
    void majority(double px, double py, double pw, double ph, double top, const Chart& ch, bool across) {
        if (!ch.line) return;
        double at = *ch.line;
        double dash[] = {6, 3};
        cairo_set_source_rgb(cr_, kRed.r, kRed.g, kRed.b);
        cairo_set_line_width(cr_, 1.5);
        cairo_set_dash(cr_, dash, 2, 0);
        Layout label = layout(format_number(at, 0, r_.print.decimal, r_.print.thousands), {9, true}, 0);
        if (across) {
            double x = px + at / top * pw;
            cairo_move_to(cr_, x, py);
            cairo_line_to(cr_, x, py + ph);
            cairo_stroke(cr_);
            cairo_set_dash(cr_, nullptr, 0, 0);
            show(label, x - width(label) / 2, py - height(label) - 1, kRed);
        } else {
            double y = py + ph - at / top * ph;
            cairo_move_to(cr_, px, y);
            cairo_line_to(cr_, px + pw, y);
            cairo_stroke(cr_);
            cairo_set_dash(cr_, nullptr, 0, 0);
            show(label, px + pw - width(label), y - height(label) - 1, kRed);
        }
    }

    // ---- pages ---------------------------------------------------------------------------

    void draw_pages() {
        std::vector<Block> blocks;
        for (const auto& it : items_) blocks.push_back(it.block);
        std::vector<std::size_t> starts = paginate(blocks, g_.body);
        starts.push_back(items_.size());
        const std::size_t pages = starts.size() - 1;
        for (std::size_t p = 0; p < pages; ++p) {
            double y = g_.top;
            for (std::size_t i = starts[p]; i < starts[p + 1]; ++i) {
                const Item& it = items_[i];
                if (i == starts[p] && it.block.repeat > 0) {
                    items_[it.header].draw(g_.left, y);
                    y += it.block.repeat;
                }
                if (i != starts[p]) y += it.block.space_before;
                it.draw(g_.left, y);
                y += it.block.height;
            }
            Layout footer = layout(fmt::format("{} {}/{}", r_.print.page, p + 1, pages),
                                   {kFooterSize, false, false, false, PANGO_ALIGN_CENTER}, g_.width);
            show(footer, g_.left, g_.top + g_.height - height(footer));
            cairo_show_page(cr_);
        }
    }

    const Report& r_;
    Geometry g_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
    PangoContext* context_ = nullptr;
    std::vector<Item> items_;
};

}  // namespace

std::size_t write_pdf(const Report& r, const std::filesystem::path& file, const WriteOptions& opt) {
    PdfWriter w(r, file);
    return w.write(opt);
}

}  // namespace daihoi::report
