// The old Vietnamese encodings (core/text/legacy.cpp) and the decoding of a
// file's rows (core/io/decoding.cpp). The first byte picks the encoding said
// (--encoding) and whether rows carry fonts as an .xlsx's do; the rest is
// both one text for the converters and a table (see memory_reader.hpp).
#include "common.hpp"
#include "memory_reader.hpp"

#include "core/io/decoding.hpp"
#include "core/text/legacy.hpp"
#include "core/text/utf8.hpp"

namespace {

void must_be_nfc(const std::string& s, const char* what) {
    using namespace daihoi;
    if (text::invalid_utf8_at(s)) fuzz::finding(what);
    if (text::to_nfc(s) != s) fuzz::finding(what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    if (size < 1) return 0;
    const std::uint8_t how = data[0];
    std::string_view text = fuzz::bytes(data + 1, size - 1);

    must_be_nfc(text::decode_tcvn3(text, false), "decode_tcvn3 gave text that is not NFC UTF-8");
    must_be_nfc(text::decode_tcvn3(text, true), "decode_tcvn3 (capitals) gave text that is not NFC UTF-8");
    must_be_nfc(text::decode_vni(text), "decode_vni gave text that is not NFC UTF-8");
    if (auto bytes = text::legacy_bytes(text)) (void)text::decode_tcvn3(*bytes);
    (void)text::plausible_readings(text);
    if (!text::invalid_utf8_at(text)) (void)text::vietnamese_words(text);

    static constexpr text::Encoding kSaid[] = {text::Encoding::Auto, text::Encoding::Unicode, text::Encoding::Tcvn3,
                                               text::Encoding::Vni};
    auto inner = std::make_unique<fuzz::MemoryReader>(text, (how & 4) ? (how >> 3) | 1u : 0u);
    io::DecodingReader reader(std::move(inner), kSaid[how & 3]);
    fuzz::expect_clean([&] {
        io::Row row;
        while (reader.next(row)) {
        }
        (void)reader.found();
        (void)reader.converted_columns(1);
        (void)reader.refusal();
    });
    return 0;
}
