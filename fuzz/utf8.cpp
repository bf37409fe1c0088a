// UTF-8 at the edge (core/text/utf8.cpp): validation, NFC, cleaning,
// folding, display width, and the names built on them (core/text/names.cpp).
#include "common.hpp"

#include "core/text/names.hpp"
#include "core/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    std::string_view s = fuzz::bytes(data, size);
    auto bad = text::invalid_utf8_at(s);
    if (bad && *bad >= size) fuzz::finding("invalid_utf8_at points past the text");
    auto clean = text::clean(s);
    if (clean.has_value() == bad.has_value()) fuzz::finding("clean and invalid_utf8_at disagree");
    (void)text::looks_like_formula(s);
    std::string field;
    if (auto fault = text::clean_field(s, field)) {
        if (fault->at >= size) fuzz::finding("clean_field points past the text");
        (void)fault->message(s);
    } else {
        if (field != clean) fuzz::finding("clean_field and clean disagree");
        for (unsigned char c : field)
            if (c < 0x20 || c == 0x7F) fuzz::finding("clean_field let a control character through");
    }
    if (!clean) return 0;
    if (text::invalid_utf8_at(*clean)) fuzz::finding("clean gave invalid UTF-8");
    if (text::to_nfc(*clean) != *clean) fuzz::finding("clean gave text not in NFC");
    if (!clean->empty() && (std::string_view(" \t\r\n").find(clean->front()) != std::string_view::npos ||
                            std::string_view(" \t\r\n").find(clean->back()) != std::string_view::npos))
        fuzz::finding("clean gave text not trimmed");
    if (text::clean(*clean) != clean) fuzz::finding("clean of clean text changed it");
    std::string nfc = text::to_nfc(s);
    if (text::to_nfc(nfc) != nfc) fuzz::finding("to_nfc is not idempotent");
    std::string folded = text::fold(s);
    if (text::invalid_utf8_at(folded)) fuzz::finding("fold gave invalid UTF-8");
    if (text::invalid_utf8_at(text::lower(s))) fuzz::finding("lower gave invalid UTF-8");
    std::size_t width = text::display_width(*clean);
    if (text::display_width(text::pad_right(*clean, width + 3)) != width + 3) fuzz::finding("pad_right missed its width");
    auto parts = text::split_name(*clean);
    (void)text::normalize_spaces(*clean);
    (void)text::person_sort_key(*clean);
    (void)parts;
    return 0;
}
