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

PangoLayout* new_print_layout(PangoContext* context, const std::string& text, const PrintStyle& s, double width) {
    PangoLayout* l = pango_layout_new(context);
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, kPrintFamily);
    pango_font_description_set_absolute_size(fd, s.size * PANGO_SCALE);
    pango_font_description_set_weight(fd, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, s.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (s.underline) {
        PangoAttrList* attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
    }
    if (width > 0) {
        pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, static_cast<PangoAlignment>(s.align));
    pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
    return l;
}

namespace {
PangoRectangle logical_size(PangoLayout* l) {
    PangoRectangle r{};
    pango_layout_get_size(l, &r.width, &r.height);
    return r;
}
}  // namespace

double layout_width(PangoLayout* l) { return static_cast<double>(logical_size(l).width) / PANGO_SCALE; }
double layout_height(PangoLayout* l) { return static_cast<double>(logical_size(l).height) / PANGO_SCALE; }

}  // namespace daihoi::report
