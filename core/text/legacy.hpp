// The old 8-bit Vietnamese encodings that lists typed before Unicode still
// use: TCVN3 (ABC, TCVN 5712:1993 VN3; fonts .VnTime, .VnArial, and their
// all-capitals twins .VnTimeH, .VnArialH) and VNI (VNI-Windows; fonts
// VNI-Times …, a base letter followed by a mark byte). Conversion to Unicode
// NFC, and the tests that tell which reading of a text is Vietnamese.
// See docs/encodings.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace daihoi::text {

// The encoding of a file's text, as detected or as said (--encoding).
enum class Encoding { Auto, Unicode, Tcvn3, Vni };

// TCVN3 bytes to Unicode NFC. The table is glibc iconv's TCVN5712-1 for
// bytes 0x80–0xFF (VN1, of which .VnTime's VN3 is the lowercase half plus
// Ă Â Ê Ô Ơ Ư Đ); bytes below 0x80 are ASCII. `capitals`: the text was
// shown in an H font (.VnTimeH), whose glyphs at the lowercase codes are
// capitals: the result is uppercased.
std::string decode_tcvn3(std::string_view bytes, bool capitals = false);

// VNI bytes to Unicode NFC: the letters đ ơ ư and the i's and ỵ are single
// bytes; every other toned or shaped vowel is its base letter followed by one
// mark byte (tone, circumflex, breve, or circumflex/breve with a tone). A mark
// byte that follows no letter it can mark is kept as its windows-1252 character.
std::string decode_vni(std::string_view bytes);

// `capitals` only matters for TCVN3; Auto and Unicode return `bytes` as is.
std::string decode(std::string_view bytes, Encoding encoding, bool capitals = false);

// The legacy bytes behind a cell's text: an 8-bit text (not valid UTF-8) is
// its own bytes; UTF-8 text whose every character is in windows-1252 (how
// Excel and LibreOffice show an 8-bit font's codes) maps back to those bytes
// (U+0080–U+009F count as the bytes they name). nullopt when a character
// cannot come from one byte: the text is genuinely Unicode.
std::optional<std::string> legacy_bytes(std::string_view text);

// Which readings of `text` are Vietnamese, as a set of these bits: every
// word holding a non-ASCII letter is a Vietnamese syllable in that reading
// (initial, vowel nucleus, final, at most one tone, and a sắc or nặng tone
// before a final c, ch, p, t). kUnicode alone: a character no 8-bit encoding
// makes (ễ, ư …). kAnyReading: nothing to tell (ASCII, or no reading fits).
constexpr std::uint8_t kUnicode = 1, kTcvn3 = 2, kVni = 4, kAnyReading = 7;
std::uint8_t plausible_readings(std::string_view text);

// True when every word of `text` (valid UTF-8) that holds a non-ASCII
// character is a Vietnamese syllable.
bool vietnamese_words(std::string_view text);

}  // namespace daihoi::text
