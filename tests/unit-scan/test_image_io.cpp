// Page images in and out (core/scan/image_io): each format read back with its
// resolution, TIFF and PDF page by page, folders expanded in order, and
// broken or hostile files refused as bad input rather than crashing.
#include "core/scan/image_io.hpp"

#include "core/error.hpp"
#include "scratch.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <tiffio.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace daihoi;
using namespace daihoi::scan;
using daihoi::test::read_all;
using daihoi::test::ScanScratch;

namespace {

// A page-like image: white, with a frame and some dark bars (the ink), and
// a gradient so that every grey level occurs.
GrayImage sample_image(int w, int h) {
    GrayImage img;
    img.width = w;
    img.height = h;
    img.pixels.assign(static_cast<std::size_t>(w) * h, 255);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto& p = img.pixels[static_cast<std::size_t>(y) * w + x];
            if (y < h / 4) p = static_cast<std::uint8_t>((x * 255) / std::max(1, w - 1));
            else if (x < 3 || y >= h - 3 || (y % 23 < 4 && x % 97 < 60)) p = 20;
        }
    return img;
}

std::vector<Page> pages_of(const std::filesystem::path& file, double pdf_dpi = 200) {
    std::vector<Page> pages;
    for_each_page(file, [&](Page&& p) { pages.push_back(std::move(p)); }, pdf_dpi);
    return pages;
}

double mean_abs_diff(const GrayImage& a, const GrayImage& b) {
    double sum = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
    return sum / static_cast<double>(a.pixels.size());
}

template <class F>
void expect_bad_input(F&& f) {
    try {
        f();
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.code(), Exit::BadInput);
    }
}

}  // namespace

TEST(ImageIo, PngRoundTripKeepsPixelsAndDpi) {
    GrayImage img = sample_image(123, 77);
    auto bytes = encode_png(img, 200);
    double dpi = 0;
    GrayImage back = decode_png(bytes, &dpi);
    EXPECT_EQ(back.width, 123);
    EXPECT_EQ(back.height, 77);
    EXPECT_EQ(back.pixels, img.pixels);
    EXPECT_DOUBLE_EQ(dpi, 200);

    // Through a file, and with no resolution stated.
    ScanScratch dir;
    write_file(dir.file("page.png"), bytes);
    auto pages = pages_of(dir.file("page.png"));
    ASSERT_EQ(pages.size(), 1u);
    EXPECT_EQ(pages[0].page, 1);
    EXPECT_DOUBLE_EQ(pages[0].dpi, 200);
    EXPECT_EQ(pages[0].image.pixels, img.pixels);
    decode_png(encode_png(img), &dpi);
    EXPECT_EQ(dpi, 0);
    // Every whole dpi comes back whole, though pHYs counts pixels a metre.
    for (int d = 50; d <= 1200; ++d) {
        decode_png(encode_png(img, d), &dpi);
        ASSERT_EQ(dpi, d);
    }
}

TEST(ImageIo, ColorPngIsReadAsLuma) {
    ColorImage c;
    c.width = 3;
    c.height = 1;
    c.rgb = {255, 0, 0, 0, 255, 0, 0, 0, 255};
    GrayImage g = decode_png(encode_png(c));
    ASSERT_EQ(g.width, 3);
    EXPECT_NEAR(g.pixels[0], 76, 1);   // 0.299 × 255
    EXPECT_NEAR(g.pixels[1], 150, 1);  // 0.587 × 255
    EXPECT_NEAR(g.pixels[2], 29, 1);   // 0.114 × 255
}

TEST(ImageIo, JpegRoundTripIsNearAndKeepsDpi) {
    GrayImage img = sample_image(300, 200);
    ScanScratch dir;
    write_file(dir.file("page.JPG"), encode_jpeg(img, 90, 300));
    auto pages = pages_of(dir.file("page.JPG"));
    ASSERT_EQ(pages.size(), 1u);
    EXPECT_EQ(pages[0].image.width, 300);
    EXPECT_EQ(pages[0].image.height, 200);
    EXPECT_DOUBLE_EQ(pages[0].dpi, 300);
    EXPECT_LT(mean_abs_diff(pages[0].image, img), 3.0);
    // No resolution: none read back.
    write_file(dir.file("plain.jpg"), encode_jpeg(img, 75));
    EXPECT_EQ(pages_of(dir.file("plain.jpg"))[0].dpi, 0);
}

TEST(ImageIo, TiffEveryPageWithItsDpi) {
    ScanScratch dir;
    auto path = dir.file("scan.tif");
    TIFF* t = TIFFOpen(path.c_str(), "w");
    ASSERT_NE(t, nullptr);
    auto header = [&](std::uint32_t w, std::uint32_t h, int bps, int spp, int photometric, float res, int unit) {
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, bps);
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, spp);
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, photometric);
        TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(t, TIFFTAG_COMPRESSION, bps == 1 ? COMPRESSION_CCITTFAX4 : COMPRESSION_LZW);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 16);
        TIFFSetField(t, TIFFTAG_XRESOLUTION, res);
        TIFFSetField(t, TIFFTAG_YRESOLUTION, res);
        TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, unit);
        TIFFSetField(t, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
    };
    // Page 1: 8-bit grey at 300 dpi.
    GrayImage g = sample_image(64, 40);
    header(64, 40, 8, 1, PHOTOMETRIC_MINISBLACK, 300, RESUNIT_INCH);
    for (int y = 0; y < 40; ++y) ASSERT_EQ(TIFFWriteScanline(t, &g.pixels[y * 64], y, 0), 1);
    ASSERT_TRUE(TIFFWriteDirectory(t));
    // Page 2: bilevel (fax), white is 0, at 200 dpi; the left half black.
    header(50, 30, 1, 1, PHOTOMETRIC_MINISWHITE, 200, RESUNIT_INCH);
    std::vector<std::uint8_t> bits((50 + 7) / 8);
    for (int x = 0; x < 25; ++x) bits[x / 8] |= 0x80 >> (x % 8);
    for (int y = 0; y < 30; ++y) ASSERT_EQ(TIFFWriteScanline(t, bits.data(), y, 0), 1);
    ASSERT_TRUE(TIFFWriteDirectory(t));
    // Page 3: RGB, its resolution in centimetres (100 a cm: 254 dpi); pure red.
    header(20, 10, 8, 3, PHOTOMETRIC_RGB, 100, RESUNIT_CENTIMETER);
    std::vector<std::uint8_t> rgb(20 * 3);
    for (int x = 0; x < 20; ++x) rgb[x * 3] = 255;
    for (int y = 0; y < 10; ++y) ASSERT_EQ(TIFFWriteScanline(t, rgb.data(), y, 0), 1);
    ASSERT_TRUE(TIFFWriteDirectory(t));
    TIFFClose(t);

    auto check = [&](const std::vector<Page>& pages) {
        ASSERT_EQ(pages.size(), 3u);
        EXPECT_EQ(pages[0].page, 1);
        EXPECT_EQ(pages[0].image.width, 64);
        EXPECT_EQ(pages[0].image.pixels, g.pixels);
        EXPECT_DOUBLE_EQ(pages[0].dpi, 300);
        EXPECT_EQ(pages[1].page, 2);
        EXPECT_EQ(pages[1].image.width, 50);
        EXPECT_EQ(pages[1].image.height, 30);
        EXPECT_EQ(pages[1].image.at(0, 5), 0);
        EXPECT_EQ(pages[1].image.at(24, 5), 0);
        EXPECT_EQ(pages[1].image.at(25, 5), 255);
        EXPECT_EQ(pages[1].image.at(49, 29), 255);
        EXPECT_DOUBLE_EQ(pages[1].dpi, 200);
        EXPECT_EQ(pages[2].page, 3);
        EXPECT_EQ(pages[2].image.width, 20);
        EXPECT_NEAR(pages[2].image.at(3, 3), 76, 1);
        EXPECT_DOUBLE_EQ(pages[2].dpi, 254);
    };
    check(pages_of(path));
    std::vector<Page> from_memory;
    for_each_page_in_memory(read_all(path), "scan.tif", [&](Page&& p) { from_memory.push_back(std::move(p)); });
    check(from_memory);
}

TEST(ImageIo, PdfEveryPageAtTheDpiAsked) {
    ScanScratch dir;
    auto path = dir.file("ballots.pdf");
    cairo_surface_t* s = cairo_pdf_surface_create(path.c_str(), 419.53, 595.28);  // A5
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 72, 72, 72, 72);  // an inch square, an inch from the corner
    cairo_fill(cr);
    cairo_show_page(cr);
    cairo_pdf_surface_set_size(s, 595.28, 841.89);  // A4
    cairo_rectangle(cr, 0, 0, 36, 36);
    cairo_fill(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    ASSERT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);

    auto pages = pages_of(path, 150);
    ASSERT_EQ(pages.size(), 2u);
    EXPECT_EQ(pages[0].page, 1);
    EXPECT_NEAR(pages[0].image.width, 874, 1);   // 419.53 × 150 / 72
    EXPECT_NEAR(pages[0].image.height, 1240, 1);
    EXPECT_DOUBLE_EQ(pages[0].dpi, 150);
    EXPECT_LT(pages[0].image.at(225, 225), 30);  // inside the square
    EXPECT_GT(pages[0].image.at(100, 100), 225);
    EXPECT_GT(pages[0].image.at(400, 400), 225);
    EXPECT_EQ(pages[1].page, 2);
    EXPECT_NEAR(pages[1].image.width, 1240, 1);
    EXPECT_NEAR(pages[1].image.height, 1754, 1);
    EXPECT_LT(pages[1].image.at(30, 30), 30);
}

TEST(ImageIo, FoldersExpandInByteOrderAndMissingOrOtherFilesAreRefused) {
    ScanScratch dir;
    auto png = encode_png(sample_image(4, 4));
    for (const char* name : {"b.PNG", "a.jpg", "A.PDF", "c.tiff", "notes.txt", "d.Jpeg"}) dir.write(name, png);
    std::filesystem::create_directory(dir.file("sub.png"));  // a folder is not descended into
    dir.write("sub.png/x.png", png);
    auto files = expand_paths({dir.path(), dir.file("a.jpg")});
    std::vector<std::filesystem::path> expected = {dir.file("A.PDF"), dir.file("a.jpg"), dir.file("b.PNG"),
                                                   dir.file("c.tiff"), dir.file("d.Jpeg"), dir.file("a.jpg")};
    EXPECT_EQ(files, expected);

    try {
        expand_paths({dir.file("a.jpg"), dir.file("missing.png"), dir.file("notes.txt")});
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 2u);
        EXPECT_EQ(e.diagnostics()[0].file, dir.file("missing.png").string());
        EXPECT_EQ(e.diagnostics()[1].file, dir.file("notes.txt").string());
    }
}

TEST(ImageIo, BrokenAndHostileFilesAreBadInput) {
    ScanScratch dir;
    GrayImage img = sample_image(200, 150);
    auto png = encode_png(img, 200);
    auto jpeg = encode_jpeg(img, 85, 200);
    dir.write("cut.png", {png.begin(), png.begin() + png.size() / 2});
    dir.write("cut.jpg", {jpeg.begin(), jpeg.begin() + jpeg.size() / 2});
    std::vector<std::uint8_t> garbage = {'I', 'I', '*', 0};
    std::mt19937 rng(7);
    for (int i = 0; i < 4000; ++i) garbage.push_back(static_cast<std::uint8_t>(rng()));
    dir.write("garbage.tif", garbage);
    dir.write("text.png", {'h', 'e', 'l', 'l', 'o'});
    dir.write("empty.pdf", {});
    dir.write("broken.pdf", {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', 'x'});
    // A JPEG stating 30,000 × 30,000 pixels: refused before anything is allocated for it.
    auto huge = jpeg;
    for (std::size_t i = 2; i + 9 < huge.size(); ++i)
        if (huge[i] == 0xFF && huge[i + 1] == 0xC0) {  // SOF0: length, precision, height, width
            huge[i + 5] = huge[i + 7] = 30000 >> 8;
            huge[i + 6] = huge[i + 8] = 30000 & 0xFF;
            break;
        }
    dir.write("huge.jpg", huge);
    for (const char* name : {"cut.png", "cut.jpg", "garbage.tif", "text.png", "empty.pdf", "broken.pdf", "huge.jpg"}) {
        SCOPED_TRACE(name);
        expect_bad_input([&] { pages_of(dir.file(name)); });
        expect_bad_input([&] { for_each_page_in_memory(read_all(dir.file(name)), name, [](Page&&) {}); });
    }
    expect_bad_input([&] { decode_png({png.begin(), png.begin() + 40}); });
    expect_bad_input([&] { decode_png(jpeg); });
    // The message names the file and the page.
    try {
        pages_of(dir.file("cut.png"));
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("cut.png: page 1:"), std::string::npos) << e.what();
    }
}

// Not a test of speed: prints what reading one 200-dpi A5 page costs.
TEST(ImageIo, DecodeTimeOfAnA5PageAt200Dpi) {
    GrayImage img = sample_image(1166, 1654);
    std::mt19937 rng(1);
    for (auto& p : img.pixels) p = static_cast<std::uint8_t>(std::clamp(int(p) + int(rng() % 9) - 4, 0, 255));
    ScanScratch dir;
    auto png = dir.write("a5.png", encode_png(img, 200));
    auto jpg = dir.write("a5.jpg", encode_jpeg(img, 85, 200));
    auto time = [&](const std::filesystem::path& f) {
        const int n = 10;
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i) pages_of(f);
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n;
    };
    auto t0 = std::chrono::steady_clock::now();
    auto encoded = encode_png(img, 200);
    double encode_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("A5 at 200 dpi (1166 × 1654): PNG %.1f ms a page (%zu KB, encoded in %.1f ms), JPEG %.1f ms (%zu KB)\n",
                time(png), encoded.size() / 1024, encode_ms, time(jpg), read_all(jpg).size() / 1024);
}
