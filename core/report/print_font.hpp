// Printed text as daihoi measures and draws it (the signed papers' PDF, the
// ballot paper): pango on cairo in Liberation Serif, the metric twin of Times
// New Roman, with no hinting, so that a text measures the same on every
// machine and draws as it was measured.
#pragma once

#include <string>

typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;

namespace daihoi::report {

inline constexpr const char* kPrintFamily = "Liberation Serif";

// A new pango context for print (the caller unrefs it): measured for print,
// not for a screen — no hinting moves a glyph or rounds an advance.
PangoContext* new_print_context();

// Fontconfig would quietly draw another font: the paper promises this one.
// Refused, naming the Debian package, when the family resolves to another.
void require_print_font(PangoContext* context);

// How a printed text is set: size in points, weight, slant, underline, and
// its alignment (a PangoAlignment) inside `width` points (0: one line).
struct PrintStyle {
    double size = 12;
    bool bold = false, italic = false, underline = false;
    int align = 0;  // PANGO_ALIGN_LEFT
};
// `text` set in `s` in the print family on `context` (the caller unrefs it),
// wrapped at word or character boundaries at `width` points when width > 0.
PangoLayout* new_print_layout(PangoContext* context, const std::string& text, const PrintStyle& s, double width);

// A layout's logical size, in points.
double layout_width(PangoLayout* l);
double layout_height(PangoLayout* l);

}  // namespace daihoi::report
