#include "core/paper/cards.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/report/pdf_file.hpp"
#include "core/report/print_font.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace daihoi::paper {

namespace {

constexpr double kMm = 72 / 25.4;
constexpr double kA4W = 210 * kMm, kA4H = 297 * kMm;
constexpr int kQuietZone = 4;  // modules of white around a QR code (ISO/IEC 18004)

struct LayoutUnref {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Text = std::unique_ptr<PangoLayout, LayoutUnref>;

// One card's words and where they go, measured on the sheet's pango context.
class Writer {
  public:
    explicit Writer(cairo_t* cr) : cr_(cr), context_(report::new_print_context()) {
        report::require_print_font(context_);
    }
    ~Writer() { g_object_unref(context_); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    Text text(const std::string& s, double size, bool bold, double width) const {
        report::PrintStyle st;
        st.size = size;
        st.bold = bold;
        st.align = PANGO_ALIGN_CENTER;
        return Text(report::new_print_layout(context_, s, st, width));
    }
    // `s` centred in [x, x + w] from `y`, wrapped at w; returns the next y.
    double centred(const std::string& s, double size, bool bold, double x, double y, double w,
                   double r = 0, double g = 0, double b = 0) const {
        if (s.empty()) return y;
        Text t = text(s, size, bold, w);
        cairo_set_source_rgb(cr_, r, g, b);
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, t.get());
        return y + report::layout_height(t.get());
    }
    // A name on one line at the largest size from `most` down to `least`
    // that fits `w`; wrapped at `least` when none does.
    double name(const std::string& s, double most, double least, double x, double y, double w) const {
        double size = most;
        for (; size > least; size -= 0.5)
            if (report::layout_width(text(s, size, true, 0).get()) <= w) break;
        return centred(s, std::max(size, least), true, x, y, w);
    }

  private:
    cairo_t* cr_;
    PangoContext* context_;
};

void qr(cairo_t* cr, const std::string& code, double x, double y, double side) {
    int n = 0;
    const auto m = qr_modules(code, n);
    const double module = side / (n + 2 * kQuietZone);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (m[static_cast<std::size_t>(r * n + c)])
                cairo_rectangle(cr, x + (c + kQuietZone) * module, y + (r + kQuietZone) * module, module, module);
    cairo_fill(cr);
}

constexpr double kRed[] = {0.72, 0.05, 0.05};

void draw_a6(const Writer& w, cairo_t* cr, const CardSheet& s, const Card& c, double W, double H) {
    const double pad = 7 * kMm, inner = W - 2 * pad;
    double y = pad;
    y = w.centred(s.party, 9, true, pad, y, inner);
    y = w.centred(s.congress, 10, true, pad, y + 1 * kMm, inner);
    y = w.centred(s.title, 24, true, pad, y + 5 * kMm, inner, kRed[0], kRed[1], kRed[2]);
    y = w.centred(c.kind, 12, true, pad, y + 1 * kMm, inner);
    y = w.name(c.full_name, 22, 14, pad, y + 6 * kMm, inner);
    y = w.centred(c.unit, 12, false, pad, y + 2 * kMm, inner);
    // The QR code and the code at the foot, the number above them.
    const double side = 34 * kMm, code_h = 4 * kMm;
    const double qy = H - pad - code_h - side;
    w.centred(c.number, 13, true, pad, qy - 7 * kMm, inner);
    qr(cr, c.code, (W - side) / 2, qy, side);
    w.centred(c.code, 9, false, pad, qy + side, inner);
}

void draw_id1(const Writer& w, cairo_t* cr, const CardSheet& s, const Card& c, double W, double H) {
    const double pad = 3.5 * kMm, side = 24 * kMm, gap = 2 * kMm;
    const double left_w = W - 2 * pad - side - gap;
    double y = pad;
    y = w.centred(s.congress, 7, true, pad, y, W - 2 * pad);
    const double body = y + 1.5 * kMm;
    y = w.centred(s.title, 14, true, pad, body, left_w, kRed[0], kRed[1], kRed[2]);
    y = w.name(c.full_name, 12.5, 9, pad, y + 2 * kMm, left_w);
    y = w.centred(c.unit, 8, false, pad, y + 0.5 * kMm, left_w);
    w.centred(c.kind, 8, true, pad, H - pad - 7.5 * kMm, left_w);
    w.centred(c.number, 9, true, pad, H - pad - 4 * kMm, left_w);
    const double qx = W - pad - side, qy = std::max(body, H - pad - 3 * kMm - side);
    qr(cr, c.code, qx, qy, side);
    w.centred(c.code, 6.5, false, qx, qy + side, side);
}

// A hairline round each card to cut along, and crop marks in the margins.
void cut_marks(cairo_t* cr, const CardGrid& g) {
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.3);
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.columns; ++c)
            cairo_rectangle(cr, g.left + c * g.card_w, g.top + r * g.card_h, g.card_w, g.card_h);
    cairo_stroke(cr);
    const double mark = 5 * kMm, off = 1.5 * kMm;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.5);
    const double right = g.left + g.columns * g.card_w, bottom = g.top + g.rows * g.card_h;
    if (g.top >= mark + off)
        for (int c = 0; c <= g.columns; ++c) {
            const double x = g.left + c * g.card_w;
            cairo_move_to(cr, x, g.top - off - mark);
            cairo_line_to(cr, x, g.top - off);
            cairo_move_to(cr, x, bottom + off);
            cairo_line_to(cr, x, bottom + off + mark);
        }
    if (g.left >= mark + off)
        for (int r = 0; r <= g.rows; ++r) {
            const double y = g.top + r * g.card_h;
            cairo_move_to(cr, g.left - off - mark, y);
            cairo_line_to(cr, g.left - off, y);
            cairo_move_to(cr, right + off, y);
            cairo_line_to(cr, right + off + mark, y);
        }
    cairo_stroke(cr);
}

}  // namespace

CardGrid card_grid(CardSize size) {
    CardGrid g;
    if (size == CardSize::A6) {
        g.card_w = 105 * kMm, g.card_h = 148 * kMm, g.columns = 2, g.rows = 2;
    } else {
        g.card_w = 85.6 * kMm, g.card_h = 54 * kMm, g.columns = 2, g.rows = 5;
    }
    g.left = (kA4W - g.columns * g.card_w) / 2;
    g.top = (kA4H - g.rows * g.card_h) / 2;
    return g;
}

std::vector<unsigned char> qr_modules(const std::string& text, int& side) {
    QRcode* q = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
    if (!q) throw Refused(_f("cannot make the QR code of {}", text));
    side = q->width;
    std::vector<unsigned char> out(static_cast<std::size_t>(side) * side);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = q->data[i] & 1;
    QRcode_free(q);
    return out;
}

void write_cards(const CardSheet& sheet, CardSize size, const std::filesystem::path& file) {
    if (sheet.cards.empty()) throw Refused(_("no delegate to print a card for"));
    report::PdfFile pdf(file, kA4W, kA4H, sheet.title + " – " + sheet.congress);
    cairo_t* cr = pdf.cr();
    {
        const Writer w(cr);
        const CardGrid g = card_grid(size);
        const std::size_t per_sheet = static_cast<std::size_t>(g.columns * g.rows);
        for (std::size_t i = 0; i < sheet.cards.size(); ++i) {
            const std::size_t k = i % per_sheet;
            if (k == 0 && i > 0) cairo_show_page(cr);
            if (k == 0) cut_marks(cr, g);
            cairo_save(cr);
            cairo_translate(cr, g.left + static_cast<double>(k % static_cast<std::size_t>(g.columns)) * g.card_w,
                            g.top + static_cast<double>(k / static_cast<std::size_t>(g.columns)) * g.card_h);
            if (size == CardSize::A6)
                draw_a6(w, cr, sheet, sheet.cards[i], g.card_w, g.card_h);
            else
                draw_id1(w, cr, sheet, sheet.cards[i], g.card_w, g.card_h);
            cairo_restore(cr);
        }
    }
    pdf.commit();
}

}  // namespace daihoi::paper
