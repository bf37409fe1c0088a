// Page images in and out (image_io.hpp). Each decoder is used directly and
// kept on a short leash: the page's size is checked against kMaxSide and
// kMaxPixels before anything is allocated for it, libpng's errors come back
// through setjmp in a frame that owns nothing, libjpeg-turbo stops on its
// first warning (a truncated scan is not a page), libtiff and poppler say
// nothing on stderr. Every failure is bad input naming the file and the page.
#include "core/scan/image_io.hpp"

#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <png.h>
#include <tiffio.h>
#include <turbojpeg.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace daihoi::scan {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad(const std::string& file, std::string message) {
    throw InputError(Diagnostic{file, 0, 0, std::move(message)});
}

[[noreturn]] void undecodable(const std::string& file, int page, const char* format, const std::string& reason) {
    bad(file, _f("page {}: the {} image cannot be decoded: {}", page, format, reason));
}

// Refuses a page larger than kMaxSide / kMaxPixels (or of no size at all).
void check_size(const std::string& file, int page, long long w, long long h) {
    if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide || w * h > kMaxPixels)
        bad(file, _f("page {}: {} × {} pixels, larger than a scanned page can be", page, w, h));
}

std::uint8_t luma(unsigned r, unsigned g, unsigned b) {
    return static_cast<std::uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000);
}

// A resolution read back to two decimals: 7874 pixels a metre is 200 dpi.
double tidy_dpi(double dpi) {
    if (!(dpi > 0) || dpi > 1e6) return 0;
    return std::round(dpi * 100) / 100;
}

// ---- PNG --------------------------------------------------------------------------
// The frames that call setjmp hold nothing with a destructor: what they fill
// lives in a context owned by the caller, reached through a pointer that is
// never changed after setjmp.

struct PngContext {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0, at = 0;
    std::vector<std::uint8_t>* out = nullptr;  // writing
    char error[256] = "";
};

void png_on_error(png_structp png, png_const_charp message) {
    auto* c = static_cast<PngContext*>(png_get_error_ptr(png));
    std::snprintf(c->error, sizeof c->error, "%s", message ? message : "error");
    png_longjmp(png, 1);
}

void png_on_warning(png_structp, png_const_charp) {}

void png_read_bytes(png_structp png, png_bytep to, png_size_t n) {
    auto* c = static_cast<PngContext*>(png_get_io_ptr(png));
    if (n > c->size - c->at) png_error(png, "the file ends too soon");
    std::memcpy(to, c->data + c->at, n);
    c->at += n;
}

void png_write_bytes(png_structp png, png_bytep from, png_size_t n) {
    auto* c = static_cast<PngContext*>(png_get_io_ptr(png));
    c->out->insert(c->out->end(), from, from + n);
}

void png_flush_nothing(png_structp) {}

struct PngHeader {
    png_uint_32 width = 0, height = 0;
    double dpi = 0;
};

// Reads the header, sets the transformations to 8-bit grey and leaves
// `png`/`info` ready for png_read_image. False on a libpng error.
bool png_start(png_structp png, png_infop info, PngContext* c, PngHeader* h) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_read_fn(png, c, png_read_bytes);
    png_set_chunk_malloc_max(png, 8u << 20);
    png_read_info(png, info);
    h->width = png_get_image_width(png, info);
    h->height = png_get_image_height(png, info);
    int type = png_get_color_type(png, info);
    png_set_expand(png);  // palette to RGB, grey under 8 bits to 8, transparency to alpha
    png_set_strip_16(png);
    png_set_strip_alpha(png);
    if (type & PNG_COLOR_MASK_COLOR) png_set_rgb_to_gray_fixed(png, 1, 29900, 58700);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    png_uint_32 xres = 0, yres = 0;
    int unit = 0;
    if (png_get_pHYs(png, info, &xres, &yres, &unit) && unit == PNG_RESOLUTION_METER) h->dpi = xres * 0.0254;
    if (png_get_rowbytes(png, info) != h->width) png_error(png, "not 8-bit grey after conversion");
    return true;
}

bool png_finish(png_structp png, png_bytepp rows) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_read_image(png, rows);
    png_read_end(png, nullptr);
    return true;
}

struct PngReader {
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngReader() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

GrayImage png_decode(const std::uint8_t* data, std::size_t size, const std::string& file, double* dpi) {
    PngContext c;
    c.data = data;
    c.size = size;
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) undecodable(file, 1, "PNG", _("not a PNG file"));
    PngReader r;
    r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, png_on_error, png_on_warning);
    if (!r.png) throw std::bad_alloc();
    r.info = png_create_info_struct(r.png);
    if (!r.info) throw std::bad_alloc();
    PngHeader h;
    if (!png_start(r.png, r.info, &c, &h)) undecodable(file, 1, "PNG", c.error);
    check_size(file, 1, h.width, h.height);
    GrayImage img;
    img.width = static_cast<int>(h.width);
    img.height = static_cast<int>(h.height);
    img.pixels.resize(static_cast<std::size_t>(img.width) * img.height);
    std::vector<png_bytep> rows(img.height);
    for (int y = 0; y < img.height; ++y) rows[y] = img.pixels.data() + static_cast<std::size_t>(y) * img.width;
    if (!png_finish(r.png, rows.data())) undecodable(file, 1, "PNG", c.error);
    if (dpi) {
        // pHYs is in pixels a metre, 0.0254 dpi apart: a whole dpi was written
        // as the nearest of them, and is read back whole.
        double whole = std::round(h.dpi);
        *dpi = std::abs(h.dpi - whole) <= 0.0128 ? whole : tidy_dpi(h.dpi);
    }
    return img;
}

struct PngWriter {
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngWriter() { png_destroy_write_struct(&png, info ? &info : nullptr); }
};

bool png_write_all(png_structp png, png_infop info, PngContext* c, int w, int h, int type, double dpi,
                   png_bytepp rows) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_write_fn(png, c, png_write_bytes, png_flush_nothing);
    // Speed over the last few percent of size: a page is written as it is
    // scanned. zlib's level 1 with the Sub filter took a tenth of the
    // defaults' time on a noisy 200-dpi A5 page (24 against 254 ms) for a
    // file 7 % larger (813 against 757 KB); on a clean one, 4 ms.
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_IHDR(png, info, w, h, 8, type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        auto ppm = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, nullptr);
    return true;
}

std::vector<std::uint8_t> png_encode(const std::uint8_t* pixels, int w, int h, int channels, double dpi) {
    if (w <= 0 || h <= 0) throw std::invalid_argument("encode_png: an empty image");
    std::vector<std::uint8_t> out;
    out.reserve(static_cast<std::size_t>(w) * h * channels / 2 + 1024);
    PngContext c;
    c.out = &out;
    PngWriter wr;
    wr.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &c, png_on_error, png_on_warning);
    if (!wr.png) throw std::bad_alloc();
    wr.info = png_create_info_struct(wr.png);
    if (!wr.info) throw std::bad_alloc();
    std::vector<png_bytep> rows(h);
    for (int y = 0; y < h; ++y)
        rows[y] = const_cast<png_bytep>(pixels + static_cast<std::size_t>(y) * w * channels);
    if (!png_write_all(wr.png, wr.info, &c, w, h, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, dpi,
                       rows.data()))
        throw std::runtime_error(std::string("encode_png: ") + c.error);
    return out;
}

// ---- JPEG -------------------------------------------------------------------------

struct TjHandle {
    tjhandle h;
    explicit TjHandle(tjhandle handle) : h(handle) {
        if (!h) throw std::bad_alloc();
    }
    ~TjHandle() { tjDestroy(h); }
};

// The JFIF segment (APP0) of a JPEG: the offset of its density units byte
// (then X and Y density, two bytes each, big-endian), or 0 when there is none
// before the image data.
std::size_t jfif_units_at(const std::uint8_t* d, std::size_t n) {
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8) return 0;
    std::size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF) return 0;
        std::uint8_t marker = d[i + 1];
        if (marker == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) return 0;  // the image data, or its end
        std::size_t len = static_cast<std::size_t>(d[i + 2]) << 8 | d[i + 3];
        if (len < 2 || len > n - i - 2) return 0;
        // FF E0, length (2), "JFIF\0", version (2), units, X density (2), Y density (2)
        if (marker == 0xE0 && len >= 14 && std::memcmp(d + i + 4, "JFIF", 5) == 0) return i + 11;
        i += 2 + len;
    }
    return 0;
}

double jfif_dpi(const std::uint8_t* d, std::size_t n) {
    std::size_t at = jfif_units_at(d, n);
    if (!at) return 0;
    double x = static_cast<double>(d[at + 1] << 8 | d[at + 2]);
    switch (d[at]) {
        case 1: return x;
        case 2: return tidy_dpi(x * 2.54);
        default: return 0;
    }
}

GrayImage jpeg_decode(const std::uint8_t* data, std::size_t size, const std::string& file, double* dpi) {
    TjHandle tj(tjInitDecompress());
    int w = 0, h = 0, subsamp = 0, colorspace = 0;
    auto* src = const_cast<unsigned char*>(data);
    if (tjDecompressHeader3(tj.h, src, size, &w, &h, &subsamp, &colorspace) != 0)
        undecodable(file, 1, "JPEG", tjGetErrorStr2(tj.h));
    check_size(file, 1, w, h);
    GrayImage img;
    img.width = w;
    img.height = h;
    img.pixels.resize(static_cast<std::size_t>(w) * h);
    // A warning (a truncated or corrupt scan, filled in grey by libjpeg) is
    // an error here: a page with a part made up is not a page to count.
    if (tjDecompress2(tj.h, src, size, img.pixels.data(), w, 0, h, TJPF_GRAY,
                      TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0)
        undecodable(file, 1, "JPEG", tjGetErrorStr2(tj.h));
    if (dpi) *dpi = jfif_dpi(data, size);
    return img;
}

// ---- TIFF -------------------------------------------------------------------------

thread_local char tiff_error[256];

void tiff_on_error(const char* module, const char* format, va_list ap) {
    int n = module ? std::snprintf(tiff_error, sizeof tiff_error, "%s: ", module) : 0;
    if (n < 0 || n >= static_cast<int>(sizeof tiff_error)) n = 0;
    std::vsnprintf(tiff_error + n, sizeof tiff_error - n, format, ap);
}

void quiet_libraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        TIFFSetWarningHandler(nullptr);
        TIFFSetErrorHandler(tiff_on_error);
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    });
}

std::string tiff_reason() {
    std::string r = tiff_error[0] ? tiff_error : "unreadable";
    tiff_error[0] = 0;
    return r;
}

struct TiffMemory {
    const std::uint8_t* data;
    std::uint64_t size, pos = 0;
};

tmsize_t tiff_mem_read(thandle_t h, void* to, tmsize_t n) {
    auto* m = static_cast<TiffMemory*>(h);
    if (n <= 0 || m->pos >= m->size) return 0;
    std::uint64_t k = std::min<std::uint64_t>(static_cast<std::uint64_t>(n), m->size - m->pos);
    std::memcpy(to, m->data + m->pos, k);
    m->pos += k;
    return static_cast<tmsize_t>(k);
}
tmsize_t tiff_mem_write(thandle_t, void*, tmsize_t) { return -1; }
toff_t tiff_mem_seek(thandle_t h, toff_t off, int whence) {
    auto* m = static_cast<TiffMemory*>(h);
    std::int64_t base = whence == SEEK_CUR ? static_cast<std::int64_t>(m->pos)
                        : whence == SEEK_END ? static_cast<std::int64_t>(m->size)
                                             : 0;
    std::int64_t to = base + static_cast<std::int64_t>(off);
    if (whence == SEEK_SET) to = off > static_cast<toff_t>(INT64_MAX) ? -1 : static_cast<std::int64_t>(off);
    if (to < 0) return static_cast<toff_t>(-1);
    m->pos = static_cast<std::uint64_t>(to);
    return m->pos;
}
int tiff_mem_close(thandle_t) { return 0; }
toff_t tiff_mem_size(thandle_t h) { return static_cast<TiffMemory*>(h)->size; }
int tiff_mem_map(thandle_t, void**, toff_t*) { return 0; }
void tiff_mem_unmap(thandle_t, void*, toff_t) {}

struct TiffCloser {
    void operator()(TIFF* t) const { TIFFClose(t); }
};

// The directory `tif` is on, as a grey page.
GrayImage tiff_page(TIFF* tif, const std::string& file, int page) {
    std::uint32_t w = 0, h = 0;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h);
    check_size(file, page, w, h);
    std::uint16_t bps = 1, spp = 1, planar = PLANARCONFIG_CONTIG, compression = COMPRESSION_NONE, photometric = 0;
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bps);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric))
        photometric = spp >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK;

    GrayImage img;
    img.width = static_cast<int>(w);
    img.height = static_cast<int>(h);
    const bool grey = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
    const bool plain = !TIFFIsTiled(tif) && planar == PLANARCONFIG_CONTIG && compression != COMPRESSION_JPEG &&
                       compression != COMPRESSION_OJPEG &&
                       ((grey && spp >= 1 && (bps == 8 || (bps == 1 && spp == 1))) ||
                        (photometric == PHOTOMETRIC_RGB && spp >= 3 && bps == 8));
    if (plain) {
        // What scanners write (8-bit grey, bilevel, 8-bit RGB): a line at a time.
        tmsize_t line_size = TIFFScanlineSize(tif);
        std::size_t need = bps == 1 ? (w + 7) / 8 : static_cast<std::size_t>(w) * spp;
        if (line_size <= 0 || static_cast<std::size_t>(line_size) < need)
            undecodable(file, page, "TIFF", tiff_reason());
        img.pixels.resize(static_cast<std::size_t>(w) * h);
        std::vector<std::uint8_t> line(static_cast<std::size_t>(line_size));
        const bool invert = photometric == PHOTOMETRIC_MINISWHITE;
        for (std::uint32_t y = 0; y < h; ++y) {
            if (TIFFReadScanline(tif, line.data(), y, 0) < 0) undecodable(file, page, "TIFF", tiff_reason());
            std::uint8_t* to = img.pixels.data() + static_cast<std::size_t>(y) * w;
            if (bps == 1) {
                for (std::uint32_t x = 0; x < w; ++x) {
                    bool set = line[x >> 3] & (0x80 >> (x & 7));
                    to[x] = (set != invert) ? 255 : 0;
                }
            } else if (grey) {
                for (std::uint32_t x = 0; x < w; ++x) {
                    std::uint8_t v = line[static_cast<std::size_t>(x) * spp];
                    to[x] = invert ? 255 - v : v;
                }
            } else {
                for (std::uint32_t x = 0; x < w; ++x) {
                    const std::uint8_t* p = &line[static_cast<std::size_t>(x) * spp];
                    to[x] = luma(p[0], p[1], p[2]);
                }
            }
        }
    } else {
        // Every other form (tiles, palettes, 16 bits, YCbCr, JPEG inside, planes):
        // libtiff's RGBA reader, 4 bytes a pixel, so a quarter of the size.
        if (static_cast<long long>(w) * h > kMaxPixels / 4)
            bad(file, _f("page {}: {} × {} pixels, larger than a scanned page can be", page, w, h));
        std::vector<std::uint32_t> raster(static_cast<std::size_t>(w) * h);
        if (!TIFFReadRGBAImageOriented(tif, w, h, raster.data(), ORIENTATION_TOPLEFT, 1))
            undecodable(file, page, "TIFF", tiff_reason());
        img.pixels.resize(raster.size());
        for (std::size_t i = 0; i < raster.size(); ++i) {
            std::uint32_t p = raster[i];
            img.pixels[i] = luma(TIFFGetR(p), TIFFGetG(p), TIFFGetB(p));
        }
    }
    return img;
}

double tiff_dpi(TIFF* tif) {
    float x = 0;
    std::uint16_t unit = RESUNIT_INCH;
    if (!TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x)) return 0;
    TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
    if (unit == RESUNIT_INCH) return tidy_dpi(x);
    if (unit == RESUNIT_CENTIMETER) return tidy_dpi(x * 2.54);
    return 0;
}

void tiff_pages(TIFF* tif, const fs::path& file, const std::function<void(Page&&)>& each) {
    const std::string name = file.string();
    for (int page = 1;; ++page) {
        Page p;
        p.file = file;
        p.page = page;
        p.dpi = tiff_dpi(tif);
        p.image = tiff_page(tif, name, page);
        each(std::move(p));
        if (TIFFLastDirectory(tif)) break;
        tiff_error[0] = 0;
        if (!TIFFReadDirectory(tif)) undecodable(name, page + 1, "TIFF", tiff_reason());
    }
}

// ---- PDF --------------------------------------------------------------------------

void pdf_pages(std::unique_ptr<poppler::document> doc, const fs::path& file, double dpi,
               const std::function<void(Page&&)>& each) {
    const std::string name = file.string();
    if (!doc) bad(name, _("the PDF cannot be opened"));
    if (doc->is_locked()) bad(name, _("the PDF is protected by a password"));
    poppler::page_renderer r;
    r.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
    r.set_image_format(poppler::image::format_gray8);
    const int n = doc->pages();
    for (int i = 0; i < n; ++i) {
        const int number = i + 1;
        std::unique_ptr<poppler::page> pg(doc->create_page(i));
        if (!pg) bad(name, _f("page {}: the PDF page cannot be rendered", number));
        poppler::rectf box = pg->page_rect(poppler::crop_box);
        double side = std::max(std::abs(box.width()), std::abs(box.height())) * dpi / 72;
        double other = std::min(std::abs(box.width()), std::abs(box.height())) * dpi / 72;
        if (!(side <= kMaxSide) || side * other > static_cast<double>(kMaxPixels))
            bad(name, _f("page {}: {} × {} pixels, larger than a scanned page can be", number,
                         std::llround(std::min(other, 1e12)), std::llround(std::min(side, 1e12))));
        poppler::image im = r.render_page(pg.get(), dpi, dpi);
        if (!im.is_valid() || im.width() <= 0 || im.height() <= 0)
            bad(name, _f("page {}: the PDF page cannot be rendered", number));
        check_size(name, number, im.width(), im.height());
        Page p;
        p.file = file;
        p.page = number;
        p.dpi = dpi;
        p.image.width = im.width();
        p.image.height = im.height();
        p.image.pixels.resize(static_cast<std::size_t>(im.width()) * im.height());
        const char* base = im.const_data();
        for (int y = 0; y < im.height(); ++y) {
            auto* row = reinterpret_cast<const std::uint8_t*>(base + static_cast<std::size_t>(y) * im.bytes_per_row());
            std::uint8_t* to = p.image.pixels.data() + static_cast<std::size_t>(y) * im.width();
            switch (im.format()) {
                case poppler::image::format_gray8: std::memcpy(to, row, im.width()); break;
                case poppler::image::format_rgb24:
                    for (int x = 0; x < im.width(); ++x) to[x] = luma(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
                    break;
                case poppler::image::format_argb32:
                case poppler::image::format_bgr24: {
                    // Bytes B, G, R (, A) in memory.
                    int step = im.format() == poppler::image::format_argb32 ? 4 : 3;
                    for (int x = 0; x < im.width(); ++x)
                        to[x] = luma(row[step * x + 2], row[step * x + 1], row[step * x]);
                    break;
                }
                case poppler::image::format_mono:
                    for (int x = 0; x < im.width(); ++x) to[x] = (row[x >> 3] & (0x80 >> (x & 7))) ? 255 : 0;
                    break;
                default: bad(name, _f("page {}: the PDF page cannot be rendered", number));
            }
        }
        each(std::move(p));
    }
}

// ---- which format -----------------------------------------------------------------

enum class Format { Png, Jpeg, Tiff, Pdf, Other };

Format sniff(const std::uint8_t* d, std::size_t n) {
    if (n >= 8 && std::memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) return Format::Png;
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return Format::Jpeg;
    if (n >= 4 && (std::memcmp(d, "II*\0", 4) == 0 || std::memcmp(d, "MM\0*", 4) == 0 ||
                   std::memcmp(d, "II+\0", 4) == 0 || std::memcmp(d, "MM\0+", 4) == 0))
        return Format::Tiff;
    // A PDF's header may follow some bytes of something else (the first 1024, by the standard).
    std::string_view head(reinterpret_cast<const char*>(d), std::min<std::size_t>(n, 1024));
    if (head.find("%PDF-") != std::string_view::npos) return Format::Pdf;
    return Format::Other;
}

std::vector<std::uint8_t> read_bytes(const fs::path& file, std::size_t at_most = SIZE_MAX) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(file.c_str(), "rb"), std::fclose);
    if (!f) bad(file.string(), _f("cannot be read: {}", std::strerror(errno)));
    std::vector<std::uint8_t> bytes;
    std::uint8_t buf[65536];
    while (bytes.size() < at_most) {
        std::size_t n = std::fread(buf, 1, std::min(sizeof buf, at_most - bytes.size()), f.get());
        bytes.insert(bytes.end(), buf, buf + n);
        if (n == 0) break;
    }
    if (std::ferror(f.get())) bad(file.string(), _f("cannot be read: {}", std::strerror(errno)));
    return bytes;
}

void single(GrayImage (*decode)(const std::uint8_t*, std::size_t, const std::string&, double*),
            const std::vector<std::uint8_t>& bytes, const fs::path& file, const std::function<void(Page&&)>& each) {
    Page p;
    p.file = file;
    p.page = 1;
    p.image = decode(bytes.data(), bytes.size(), file.string(), &p.dpi);
    each(std::move(p));
}

bool listed_extension(const fs::path& p) {
    std::string ext = p.extension().string();
    for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" || ext == ".pdf";
}

}  // namespace

std::vector<fs::path> expand_paths(const std::vector<fs::path>& paths) {
    std::vector<fs::path> files;
    DiagnosticList problems;
    for (const auto& path : paths) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            problems.add(Diagnostic{path.string(), 0, 0, _("no such file or folder")});
        } else if (fs::is_directory(status)) {
            std::vector<fs::path> found;
            fs::directory_iterator it(path, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                std::error_code ec2;
                if (it->is_regular_file(ec2) && listed_extension(it->path())) found.push_back(it->path());
            }
            if (ec) {
                problems.add(Diagnostic{path.string(), 0, 0, _f("cannot list the folder: {}", ec.message())});
                continue;
            }
            std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
                return a.filename().native() < b.filename().native();
            });
            files.insert(files.end(), found.begin(), found.end());
        } else if (!listed_extension(path)) {
            problems.add(Diagnostic{path.string(), 0, 0, _("not a PNG, JPEG, TIFF or PDF file")});
        } else {
            files.push_back(path);
        }
    }
    problems.throw_if_any();
    return files;
}

void for_each_page(const fs::path& file, const std::function<void(Page&&)>& each, double pdf_dpi) {
    quiet_libraries();
    auto head = read_bytes(file, 1024);
    switch (sniff(head.data(), head.size())) {
        case Format::Png: single(png_decode, read_bytes(file), file, each); return;
        case Format::Jpeg: single(jpeg_decode, read_bytes(file), file, each); return;
        case Format::Tiff: {
            tiff_error[0] = 0;
            // "m": read, never map, so that a file cut short under us is an error, not a signal.
            std::unique_ptr<TIFF, TiffCloser> tif(TIFFOpen(file.c_str(), "rm"));
            if (!tif) undecodable(file.string(), 1, "TIFF", tiff_reason());
            tiff_pages(tif.get(), file, each);
            return;
        }
        case Format::Pdf:
            pdf_pages(std::unique_ptr<poppler::document>(poppler::document::load_from_file(file.string())), file,
                      pdf_dpi, each);
            return;
        case Format::Other: bad(file.string(), _("not a PNG, JPEG, TIFF or PDF file"));
    }
}

void for_each_page_in_memory(const std::vector<std::uint8_t>& bytes, const std::string& name,
                             const std::function<void(Page&&)>& each, double pdf_dpi) {
    quiet_libraries();
    const fs::path file = name;
    switch (sniff(bytes.data(), bytes.size())) {
        case Format::Png: single(png_decode, bytes, file, each); return;
        case Format::Jpeg: single(jpeg_decode, bytes, file, each); return;
        case Format::Tiff: {
            tiff_error[0] = 0;
            TiffMemory m{bytes.data(), bytes.size()};
            std::unique_ptr<TIFF, TiffCloser> tif(TIFFClientOpen(name.c_str(), "rm", &m, tiff_mem_read, tiff_mem_write,
                                                                 tiff_mem_seek, tiff_mem_close, tiff_mem_size,
                                                                 tiff_mem_map, tiff_mem_unmap));
            if (!tif) undecodable(name, 1, "TIFF", tiff_reason());
            tiff_pages(tif.get(), file, each);
            return;
        }
        case Format::Pdf: {
            if (bytes.size() > static_cast<std::size_t>(INT_MAX)) bad(name, _("the PDF cannot be opened"));
            pdf_pages(std::unique_ptr<poppler::document>(poppler::document::load_from_raw_data(
                          reinterpret_cast<const char*>(bytes.data()), static_cast<int>(bytes.size()))),
                      file, pdf_dpi, each);
            return;
        }
        case Format::Other: bad(name, _("not a PNG, JPEG, TIFF or PDF file"));
    }
}

std::vector<std::uint8_t> encode_png(const GrayImage& img, double dpi) {
    return png_encode(img.pixels.data(), img.width, img.height, 1, dpi);
}

std::vector<std::uint8_t> encode_png(const ColorImage& img) {
    return png_encode(img.rgb.data(), img.width, img.height, 3, 0);
}

GrayImage decode_png(const std::vector<std::uint8_t>& bytes, double* dpi) {
    return png_decode(bytes.data(), bytes.size(), "", dpi);
}

GrayImage decode_jpeg(const std::vector<std::uint8_t>& bytes, double* dpi) {
    return jpeg_decode(bytes.data(), bytes.size(), "", dpi);
}

std::vector<std::uint8_t> encode_jpeg(const GrayImage& img, int quality, double dpi) {
    if (img.width <= 0 || img.height <= 0) throw std::invalid_argument("encode_jpeg: an empty image");
    TjHandle tj(tjInitCompress());
    unsigned char* buf = nullptr;
    unsigned long size = 0;
    if (tjCompress2(tj.h, img.pixels.data(), img.width, 0, img.height, TJPF_GRAY, &buf, &size, TJSAMP_GRAY,
                    std::clamp(quality, 1, 100), 0) != 0) {
        std::string why = tjGetErrorStr2(tj.h);
        tjFree(buf);
        throw std::runtime_error("encode_jpeg: " + why);
    }
    std::vector<std::uint8_t> out(buf, buf + size);
    tjFree(buf);
    // libjpeg writes a JFIF segment with no density (units 0, 1 × 1): the resolution goes in it.
    if (dpi > 0) {
        if (std::size_t at = jfif_units_at(out.data(), out.size())) {
            auto d = static_cast<unsigned>(std::clamp<long>(std::lround(dpi), 1, 65535));
            out[at] = 1;
            out[at + 1] = out[at + 3] = static_cast<std::uint8_t>(d >> 8);
            out[at + 2] = out[at + 4] = static_cast<std::uint8_t>(d & 0xFF);
        }
    }
    return out;
}

void write_file(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
    write_file_atomically(file, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

void make_empty_folder(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Refused(_f("cannot create the folder {}: {}", dir.string(), ec.message()));
    if (fs::directory_iterator(dir, ec) != fs::directory_iterator() || ec)
        throw Refused(_f("{} holds files already: the pages are written into an empty folder", dir.string()));
}

}  // namespace daihoi::scan
