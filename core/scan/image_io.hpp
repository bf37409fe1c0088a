// Scanned pages in, page images out: PNG, JPEG, TIFF (every page of it) and
// PDF (every page, rendered by poppler at a chosen resolution) as grey images
// with the resolution the file states. No OpenCV here: the decoders are
// libpng, libjpeg-turbo, libtiff and poppler, each used directly.
#pragma once

#include "core/paper/ballot_paper.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace daihoi::scan {

using paper::GrayImage;

// A colour image, 3 bytes (R, G, B) a pixel: a page with what was read drawn on it.
struct ColorImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;
};

// One page of a file as read.
struct Page {
    std::filesystem::path file;
    int page = 1;       // 1-based, within a TIFF or PDF
    double dpi = 0;     // what the file states; 0 when it states nothing
    GrayImage image;
};

// The files `paths` name, in order: a folder stands for the image and PDF
// files in it (.png .jpg .jpeg .tif .tiff .pdf, any case), by name in
// byte order; a missing path or a file of another kind is bad input (exit 3),
// every one listed.
std::vector<std::filesystem::path> expand_paths(const std::vector<std::filesystem::path>& paths);

// Calls `each` with every page of `file`, one after the other (a long TIFF or
// PDF is never held whole in memory). A PDF's pages are rendered at `pdf_dpi`
// in grey. A file that cannot be decoded is bad input (exit 3) naming it and
// the page.
void for_each_page(const std::filesystem::path& file, const std::function<void(Page&&)>& each,
                   double pdf_dpi = 200);

// The same for a file's bytes already in memory (the fuzzer's way in):
// `name` names it in messages. Either way the format is told by the bytes,
// not by the file's name.
void for_each_page_in_memory(const std::vector<std::uint8_t>& bytes, const std::string& name,
                             const std::function<void(Page&&)>& each, double pdf_dpi = 200);

// The largest page read: a side of kMaxSide pixels (2.5 m at 200 dpi) and
// kMaxPixels in all. A file that states more is bad input, refused before
// anything is allocated for it.
inline constexpr int kMaxSide = 20000;
inline constexpr long long kMaxPixels = 200'000'000;

// Encodings. PNG is how a page is kept in the workspace (lossless, grey, with
// its resolution); JPEG is for the test deck's lossy scans.
std::vector<std::uint8_t> encode_png(const GrayImage& img, double dpi = 0);
std::vector<std::uint8_t> encode_png(const ColorImage& img);
GrayImage decode_png(const std::vector<std::uint8_t>& bytes, double* dpi = nullptr);
std::vector<std::uint8_t> encode_jpeg(const GrayImage& img, int quality, double dpi = 0);
// A JPEG from memory (grey), its JFIF density as `dpi` when stated; bad
// input (exit 3) when it cannot be decoded.
GrayImage decode_jpeg(const std::vector<std::uint8_t>& bytes, double* dpi = nullptr);
// A file written whole or not at all (written beside and renamed).
void write_file(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes);
// The folder pages are written into (a deck, a stack fed through a
// scanner): created, and refused (exit 1) when it holds files already.
void make_empty_folder(const std::filesystem::path& dir);

}  // namespace daihoi::scan
