// UTF-8 validation and normalization with ICU; ASCII takes a fast path since
// most fields (codes, dates, enum words) are plain ASCII.
#include "core/text/utf8.hpp"

#include "core/base/i18n.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace daihoi::text {

namespace {

bool all_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

const icu::Normalizer2& nfc() {
    static const icu::Normalizer2* n = [] {
        UErrorCode st = U_ZERO_ERROR;
        auto* p = icu::Normalizer2::getNFCInstance(st);
        if (U_FAILURE(st)) throw std::runtime_error("ICU NFC normalizer unavailable");
        return p;
    }();
    return *n;
}

const icu::Normalizer2& nfd() {
    static const icu::Normalizer2* n = [] {
        UErrorCode st = U_ZERO_ERROR;
        auto* p = icu::Normalizer2::getNFDInstance(st);
        if (U_FAILURE(st)) throw std::runtime_error("ICU NFD normalizer unavailable");
        return p;
    }();
    return *n;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t n = static_cast<int32_t>(s.size()), i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

void append_utf8(std::string& out, char32_t cp) {
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(cp));
    out.append(buf, static_cast<std::size_t>(len));
}

std::string to_nfc(std::string_view s) {
    if (all_ascii(s)) return std::string(s);
    UErrorCode st = U_ZERO_ERROR;
    icu::StringPiece sp(s.data(), static_cast<int32_t>(s.size()));
    if (nfc().isNormalizedUTF8(sp, st) && U_SUCCESS(st)) return std::string(s);
    std::string out;
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(s.size()));
    st = U_ZERO_ERROR;
    nfc().normalizeUTF8(0, sp, sink, nullptr, st);
    if (U_FAILURE(st)) throw std::runtime_error("NFC normalization failed");
    return out;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Valid non-ASCII text made clean: NFC, without the invisible characters no
// name holds, which would make two equal texts differ: the soft hyphen
// (U+00AD; TCVN3's "ư" read as windows-1252), the zero-width space (U+200B)
// and a stray byte order mark (U+FEFF, at the start of a row or inside a
// code), trimmed again once they are gone. They go before NFC: one between a
// letter and its mark would keep them from composing ("Lu" + U+200B + U+031B
// is "Lư").
std::string clean_valid(std::string_view s) {
    std::string visible(s);
    bool erased = false;
    for (std::string_view invisible : {"\xC2\xAD", "\xE2\x80\x8B", "\xEF\xBB\xBF"})
        for (std::size_t at = visible.find(invisible); at != std::string::npos; at = visible.find(invisible, at)) {
            visible.erase(at, invisible.size());
            erased = true;
        }
    return to_nfc(erased ? trim(visible) : std::string_view(visible));
}

}  // namespace

std::optional<std::string> clean(std::string_view s) {
    s = trim(s);
    if (all_ascii(s)) return std::string(s);
    if (invalid_utf8_at(s)) return std::nullopt;
    return clean_valid(s);
}

std::optional<TextFault> clean_field(std::string_view raw, std::string& out) {
    std::string_view s = trim(raw);
    const std::size_t lead = static_cast<std::size_t>(s.data() - raw.data());
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    bool ascii = true;
    for (int32_t i = 0; i < n;) {
        uint8_t b = p[i];
        if (b >= 0x20 && b < 0x7F) {
            ++i;
            continue;
        }
        int32_t start = i;
        UChar32 c = b;
        if (b < 0x80) {
            ++i;
        } else {
            ascii = false;
            U8_NEXT(p, i, n, c);
            if (c < 0) return TextFault{TextFault::Kind::InvalidUtf8, lead + static_cast<std::size_t>(start), 0};
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            return TextFault{TextFault::Kind::Control, lead + static_cast<std::size_t>(start), static_cast<char32_t>(c)};
    }
    if (ascii) out.assign(s);
    else out = clean_valid(s);
    return std::nullopt;
}

std::string TextFault::message(std::string_view text) const {
    if (kind == Kind::InvalidUtf8) return _f("invalid UTF-8 (byte {} of the field)", at + 1);
    std::size_t character = 1;  // the fault's place as people count: characters, not bytes
    for (std::size_t i = 0; i < at && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++character;
    if (code_point == '\n' || code_point == '\r')
        return _f("a line break at character {}: a field is one line of text", character);
    if (code_point == '\t') return _f("a tab at character {}: a field holds no tabs", character);
    return _f("control character U+{:04X} at character {}: a field holds no control characters",
              static_cast<std::uint32_t>(code_point), character);
}

std::string fold(std::string_view s) {
    std::string decomposed;
    if (all_ascii(s)) {
        decomposed.assign(s);
    } else {
        UErrorCode st = U_ZERO_ERROR;
        icu::StringByteSink<std::string> sink(&decomposed);
        nfd().normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink,
                            nullptr, st);
        if (U_FAILURE(st)) decomposed.assign(s);
    }
    std::string out;
    bool pending_space = false;
    const auto* p = reinterpret_cast<const uint8_t*>(decomposed.data());
    int32_t n = static_cast<int32_t>(decomposed.size()), i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) continue;
        if (c == ' ' || c == '_' || c == '-' || c == '\t') {
            pending_space = !out.empty();
            continue;
        }
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ đ
        c = u_tolower(c);
        if (pending_space) out += ' ', pending_space = false;
        char buf[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, c);
        out.append(buf, static_cast<std::size_t>(len));
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t n = static_cast<int32_t>(s.size()), i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) continue;
        char buf[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, u_tolower(c));
        out.append(buf, static_cast<std::size_t>(len));
    }
    return out;
}

std::size_t display_width(std::string_view s) {
    if (all_ascii(s)) return s.size();
    std::size_t w = 0;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t n = static_cast<int32_t>(s.size()), i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            ++w;
            continue;
        }
        int8_t type = u_charType(c);
        // Terminals draw a soft hyphen as a hyphen (glibc's wcwidth: 1), though it is a format character.
        if (c == 0x00AD) {
            ++w;
            continue;
        }
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
            c == 0x200B)
            continue;
        int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return w;
}

std::string pad_right(std::string_view s, std::size_t width) {
    std::string out(s);
    std::size_t w = display_width(s);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
    std::size_t w = display_width(s);
    std::string out = w < width ? std::string(width - w, ' ') : std::string();
    out.append(s);
    return out;
}

bool looks_like_formula(std::string_view s) {
    if (s.empty()) return false;
    switch (s.front()) {
        case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
        default: return false;
    }
}

}  // namespace daihoi::text
