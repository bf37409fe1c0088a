// The print context and the font check shared by the PDF writer and the ballot paper.
#include "core/report/print_font.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <pango/pangocairo.h>

#include <string>

namespace daihoi::report {

PangoContext* new_print_context() {
    PangoContext* context = pango_font_map_create_context(pango_cairo_font_map_get_default());
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, fo);
    cairo_font_options_destroy(fo);
    return context;
}

void require_print_font(PangoContext* context) {
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, kPrintFamily);
    PangoFont* font = pango_context_load_font(context, fd);
    pango_font_description_free(fd);
    std::string family;
    if (font) {
        PangoFontDescription* got = pango_font_describe(font);
        if (const char* f = pango_font_description_get_family(got)) family = f;
        pango_font_description_free(got);
        g_object_unref(font);
    }
    if (family != kPrintFamily)
        throw Refused(_f("cannot write the PDF: the font {} is not installed (Debian: fonts-liberation2)",
                         kPrintFamily));
}

}  // namespace daihoi::report
