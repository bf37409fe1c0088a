// Scanned pages (core/scan/image_io.cpp): any bytes as a page file, told by
// their first bytes to be PNG, JPEG, TIFF (every page) or PDF, decoded to
// grey at a low resolution for PDF so that a run stays short. A page given
// back must be of the size it says, within the limits; a PNG page must
// survive encoding and decoding unchanged.
#include "common.hpp"

#include "core/scan/image_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    const std::vector<std::uint8_t> bytes(data, data + size);
    fuzz::expect_clean([&] {
        scan::for_each_page_in_memory(
            bytes, "input",
            [](scan::Page&& p) {
                const auto& im = p.image;
                if (im.width <= 0 || im.height <= 0 || im.width > scan::kMaxSide || im.height > scan::kMaxSide)
                    fuzz::finding("a page outside the size limits");
                if (im.pixels.size() != static_cast<std::size_t>(im.width) * im.height)
                    fuzz::finding("a page whose pixels are not width × height");
                if (p.dpi < 0) fuzz::finding("a negative resolution");
            },
            20);
    });
    // The PNG decoder on its own, and what it gives back re-encoded.
    fuzz::expect_clean([&] {
        double dpi = 0;
        scan::GrayImage im = scan::decode_png(bytes, &dpi);
        if (im.width * 1LL * im.height > 1'000'000) return;
        double again = 0;
        if (scan::decode_png(scan::encode_png(im, dpi), &again).pixels != im.pixels)
            fuzz::finding("a decoded PNG does not survive encoding");
    });
    return 0;
}
