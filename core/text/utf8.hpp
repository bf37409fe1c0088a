// UTF-8 at the edge: validation, NFC normalization, folding for loose
// matching (headers, enum words) and terminal display width.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace daihoi::text {

// Offset of the first invalid byte, or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> invalid_utf8_at(std::string_view s);

// `s` in Unicode NFC. `s` must be valid UTF-8.
std::string to_nfc(std::string_view s);

// Appends code point `cp` (not a surrogate, at most U+10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// Validates, NFC-normalizes and trims surrounding white space: the one way
// text enters daihoi. nullopt when `s` is not valid UTF-8.
std::optional<std::string> clean(std::string_view s);

// Why a field's text is kept out (clean_field).
struct TextFault {
    enum class Kind { InvalidUtf8, Control } kind = Kind::InvalidUtf8;
    std::size_t at = 0;       // 0-based byte offset in the text given
    char32_t code_point = 0;  // the control character (Kind::Control)

    // The problem as people read it, translated, without the field's name:
    // "invalid UTF-8 (byte 3 of the field)", "a line break at character 7 …".
    std::string message(std::string_view text) const;
};

// clean() for a field of a file, in the same pass over its bytes: also
// refuses control characters (C0 and C1, DEL; a tab or line break inside the
// text too; around it they are trimmed). The clean text goes to `out`.
std::optional<TextFault> clean_field(std::string_view s, std::string& out);

// Lowercase, without diacritics (đ → d), runs of spaces/underscores/hyphens
// folded to one space: "Họ và tên" and "ho_va_ten" both give "ho va ten".
std::string fold(std::string_view s);

// Lowercase, diacritics kept ("Tổng Cộng" → "tổng cộng"): for words whose
// marks matter ("Cộng" is not "Công"). `s` must be valid UTF-8.
std::string lower(std::string_view s);

// Columns `s` takes on a terminal (combining marks 0, wide characters 2).
std::size_t display_width(std::string_view s);

// `s` padded with spaces to `width` display columns (never cut).
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);

// True when a spreadsheet would read `s` as a formula (=, +, -, @, tab, CR).
bool looks_like_formula(std::string_view s);

}  // namespace daihoi::text
