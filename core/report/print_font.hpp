// Printed text as daihoi measures and draws it (the signed papers' PDF, the
// ballot paper): pango on cairo in Liberation Serif, the metric twin of Times
// New Roman, with no hinting, so that a text measures the same on every
// machine and draws as it was measured.
#pragma once

typedef struct _PangoContext PangoContext;

namespace daihoi::report {

inline constexpr const char* kPrintFamily = "Liberation Serif";

// A new pango context for print (the caller unrefs it): measured for print,
// not for a screen — no hinting moves a glyph or rounds an advance.
PangoContext* new_print_context();

// Fontconfig would quietly draw another font: the paper promises this one.
// Refused, naming the Debian package, when the family resolves to another.
void require_print_font(PangoContext* context);

}  // namespace daihoi::report
