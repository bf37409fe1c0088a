// TCVN3 and VNI to Unicode, and the syllable test that tells the readings of
// a text apart. The VNI table follows the VNI-Windows layout as the public
// Vietnamese keyboard and converter projects publish it (xvnkb's vni.h,
// vietnamese-conversion's charsets); the TCVN3 table is glibc iconv's.
#include "core/text/legacy.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace daihoi::text {

namespace {

// TCVN5712-1 (glibc iconv) for bytes 0x80..0xFF.
constexpr std::array<char16_t, 128> kTcvn3Table = {
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8,  // 80
    0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128,  // 88
    0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8,  // 90
    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168,  // 98
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,  // A0
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,  // A8
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,  // B0
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,  // B8
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,  // C0
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,  // C8
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  // D0
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,  // D8
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  // E0
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  // E8
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  // F0
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,  // F8
};

// windows-1252 for bytes 0x80..0x9F; 0 where it defines nothing (there the
// byte stands for itself, as U+0080..U+009F).
constexpr std::array<char16_t, 32> kCp1252 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

constexpr char32_t kAcute = 0x0301, kGrave = 0x0300, kHook = 0x0309, kTilde = 0x0303, kDot = 0x0323,
                   kCircumflex = 0x0302, kBreve = 0x0306;

// What a VNI byte is: a letter of its own, or marks for the letter before it.
struct VniByte {
    enum Kind : std::uint8_t { None, Letter, Tone, Hat, Breve } kind = None;
    char32_t a = 0, b = 0;  // Letter: the letter; marks: one or two combining marks
};

VniByte vni_byte(unsigned char c) {
    // Upper and lower case mirror each other 0x20 apart.
    switch (c | 0x20) {
        case 0xF1: return {VniByte::Letter, c == 0xF1 ? U'đ' : U'Đ'};
        case 0xF4: return {VniByte::Letter, c == 0xF4 ? U'ơ' : U'Ơ'};
        case 0xF6: return {VniByte::Letter, c == 0xF6 ? U'ư' : U'Ư'};
        case 0xED: return {VniByte::Letter, c == 0xED ? U'í' : U'Í'};
        case 0xEC: return {VniByte::Letter, c == 0xEC ? U'ì' : U'Ì'};
        case 0xE6: return {VniByte::Letter, c == 0xE6 ? U'ỉ' : U'Ỉ'};
        case 0xF3: return {VniByte::Letter, c == 0xF3 ? U'ĩ' : U'Ĩ'};
        case 0xF2: return {VniByte::Letter, c == 0xF2 ? U'ị' : U'Ị'};
        case 0xEE: return {VniByte::Letter, c == 0xEE ? U'ỵ' : U'Ỵ'};
        case 0xF9: return {VniByte::Tone, kAcute};
        case 0xF8: return {VniByte::Tone, kGrave};
        case 0xFB: return {VniByte::Tone, kHook};
        case 0xF5: return {VniByte::Tone, kTilde};
        case 0xEF: return {VniByte::Tone, kDot};
        case 0xE2: return {VniByte::Hat, kCircumflex};
        case 0xE1: return {VniByte::Hat, kCircumflex, kAcute};
        case 0xE0: return {VniByte::Hat, kCircumflex, kGrave};
        case 0xE5: return {VniByte::Hat, kCircumflex, kHook};
        case 0xE3: return {VniByte::Hat, kCircumflex, kTilde};
        case 0xE4: return {VniByte::Hat, kCircumflex, kDot};
        case 0xEA: return {VniByte::Breve, kBreve};
        case 0xE9: return {VniByte::Breve, kBreve, kAcute};
        case 0xE8: return {VniByte::Breve, kBreve, kGrave};
        case 0xFA: return {VniByte::Breve, kBreve, kHook};
        case 0xFC: return {VniByte::Breve, kBreve, kTilde};
        case 0xEB: return {VniByte::Breve, kBreve, kDot};
        default: return {};
    }
}

// Whether marks of `kind` may follow `prev` (0: nothing before).
bool vni_marks(VniByte::Kind kind, char32_t prev) {
    char32_t p = prev < 0x80 ? (prev | 0x20) : prev;
    switch (kind) {
        case VniByte::Tone:
            return p == 'a' || p == 'e' || p == 'o' || p == 'u' || p == 'y' || p == U'ơ' || p == U'Ơ' ||
                   p == U'ư' || p == U'Ư';
        case VniByte::Hat: return p == 'a' || p == 'e' || p == 'o';
        case VniByte::Breve: return p == 'a';
        default: return false;
    }
}

char32_t cp1252(unsigned char b) {
    return b >= 0x80 && b < 0xA0 && kCp1252[b - 0x80] ? kCp1252[b - 0x80] : b;
}

// VNI decoding; `explained` says whether every byte over 0x7F was a VNI
// letter or a mark on a letter it can mark.
std::string vni(std::string_view bytes, bool& explained) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    explained = true;
    char32_t prev = 0;
    for (unsigned char c : bytes) {
        if (c < 0x80) {
            out += static_cast<char>(c);
            prev = c;
            continue;
        }
        VniByte v = vni_byte(c);
        if (v.kind == VniByte::Letter) {
            append_utf8(out, v.a);
            prev = v.a;
        } else if (v.kind != VniByte::None && vni_marks(v.kind, prev)) {
            append_utf8(out, v.a);
            if (v.b) append_utf8(out, v.b);
            prev = 0;  // one mark byte per letter
        } else {
            explained = false;
            prev = cp1252(c);
            append_utf8(out, prev);
        }
    }
    return to_nfc(out);
}

// Letters as the syllable test sees them: a shape (ASCII consonants and
// vowels; ă â ê ô ơ ư đ as A B E O P U D) and a tone (0 none, 1..5).
struct Letter {
    char shape = 0;  // 0: not a Vietnamese letter
    std::uint8_t tone = 0;
};

const std::unordered_map<char32_t, Letter>& letters() {
    static const std::unordered_map<char32_t, Letter> table = [] {
        std::unordered_map<char32_t, Letter> t;
        const std::pair<char32_t, char> vowels[] = {{U'a', 'a'}, {U'ă', 'A'}, {U'â', 'B'}, {U'e', 'e'},
                                                    {U'ê', 'E'}, {U'i', 'i'}, {U'o', 'o'}, {U'ô', 'O'},
                                                    {U'ơ', 'P'}, {U'u', 'u'}, {U'ư', 'U'}, {U'y', 'y'}};
        const char32_t tones[] = {0, kAcute, kGrave, kHook, kTilde, kDot};
        for (auto [base, shape] : vowels)
            for (std::uint8_t tone = 0; tone < 6; ++tone) {
                std::string s;
                append_utf8(s, base);
                if (tone) append_utf8(s, tones[tone]);
                s = to_nfc(s);
                UChar32 cp = 0;
                int32_t i = 0;
                U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), cp);
                t[static_cast<char32_t>(cp)] = {shape, tone};
                t[static_cast<char32_t>(u_toupper(cp))] = {shape, tone};
            }
        for (char c = 'a'; c <= 'z'; ++c)
            if (!t.count(static_cast<char32_t>(c))) {
                t[static_cast<char32_t>(c)] = {c, 0};
                t[static_cast<char32_t>(c - 'a' + 'A')] = {c, 0};
            }
        t[U'đ'] = t[U'Đ'] = {'D', 0};
        return t;
    }();
    return table;
}

// `s` begins (ends) with `part`: compared a byte at a time, as these are a
// few bytes long and a call to memcmp per initial, final and nucleus tried
// was most of the test's time (it runs on every cell of an import).
bool starts_with(std::string_view s, std::string_view part) {
    if (s.size() < part.size()) return false;
    for (std::size_t i = 0; i < part.size(); ++i)
        if (s[i] != part[i]) return false;
    return true;
}
bool ends_with(std::string_view s, std::string_view part) {
    return s.size() >= part.size() && starts_with(s.substr(s.size() - part.size()), part);
}

// A vowel nucleus (one to three shapes) as a number: its length, then a
// byte a shape.
constexpr std::uint32_t packed(std::string_view s) {
    std::uint32_t k = static_cast<std::uint32_t>(s.size()) << 24;
    for (std::size_t i = 0; i < s.size(); ++i) k |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << (16 - 8 * i);
    return k;
}

bool nucleus(std::string_view s) {
    static constexpr std::string_view kNuclei[] = {
        "a",  "A",  "B",  "e",  "E",  "i",  "o",  "O",  "P",  "u",  "U",  "y",   "ai",  "ao",  "au",
        "ay", "Bu", "By", "eo", "Eu", "ia", "iE", "iu", "oa", "oA", "oe", "oi",  "oo",  "Oi",  "Pi",
        "ua", "uB", "uE", "ui", "uO", "uP", "uy", "Ua", "Ui", "UP", "Uu", "yE",  "iEu", "oai", "oao",
        "oay", "oeo", "uBy", "uOi", "uya", "uyE", "uyu", "UPi", "UPu", "yEu"};
    static const auto keys = [] {
        std::array<std::uint32_t, std::size(kNuclei)> k{};
        for (std::size_t i = 0; i < k.size(); ++i) k[i] = packed(kNuclei[i]);
        std::sort(k.begin(), k.end());
        return k;
    }();
    return !s.empty() && s.size() <= 3 && std::binary_search(keys.begin(), keys.end(), packed(s));
}

// A Vietnamese syllable: initial consonant, vowel nucleus, final consonant;
// a stop final (c, ch, p, t) takes no tone, sắc or nặng.
bool syllable(std::string_view shapes, std::uint8_t tone) {
    static constexpr std::string_view initials[] = {"ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu",
                                                    "th",  "tr", "b",  "c",  "d",  "D",  "g",  "h",  "k",
                                                    "l",   "m",  "n",  "p",  "r",  "s",  "t",  "v",  "x", ""};
    static constexpr struct {
        std::string_view text;
        bool stop;
    } finals[] = {{"ch", true}, {"ng", false}, {"nh", false}, {"c", true}, {"m", false},
                  {"n", false}, {"p", true},   {"t", true},   {"", false}};
    const bool stop_tone = tone == 0 || tone == 1 || tone == 5;
    for (auto ini : initials) {
        if (!starts_with(shapes, ini)) continue;
        for (auto fin : finals) {
            if (shapes.size() < ini.size() + fin.text.size() || !ends_with(shapes, fin.text)) continue;
            if (fin.stop && !stop_tone) continue;
            if (nucleus(shapes.substr(ini.size(), shapes.size() - ini.size() - fin.text.size()))) return true;
        }
    }
    return false;
}

bool separator(char32_t c) {
    return c < 0x80 ? !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) : c == 0xA0;
}

}  // namespace

std::string decode_tcvn3(std::string_view bytes, bool capitals) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        char32_t cp = c < 0x80 ? c : kTcvn3Table[c - 0x80];
        if (capitals) cp = static_cast<char32_t>(u_toupper(static_cast<UChar32>(cp)));
        append_utf8(out, cp);
    }
    return to_nfc(out);
}

std::string decode_vni(std::string_view bytes) {
    bool explained = false;
    return vni(bytes, explained);
}

std::string decode(std::string_view bytes, Encoding encoding, bool capitals) {
    switch (encoding) {
        case Encoding::Tcvn3: return decode_tcvn3(bytes, capitals);
        case Encoding::Vni: return decode_vni(bytes);
        default: return std::string(bytes);
    }
}

namespace {

// True when valid UTF-8 `text` holds a character windows-1252 cannot encode.
bool beyond_cp1252(std::string_view text) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    int32_t n = static_cast<int32_t>(text.size()), i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0x100) continue;
        if (std::find(std::begin(kCp1252), std::end(kCp1252), c) == std::end(kCp1252)) return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> legacy_bytes(std::string_view text) {
    if (invalid_utf8_at(text)) return std::string(text);
    std::string out;
    out.reserve(text.size());
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    int32_t n = static_cast<int32_t>(text.size()), i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0x100) {
            out += static_cast<char>(c);
            continue;
        }
        int b = 0;
        for (int k = 0; k < 32 && !b; ++k)
            if (kCp1252[static_cast<std::size_t>(k)] == c) b = 0x80 + k;
        if (!b) return std::nullopt;
        out += static_cast<char>(b);
    }
    return out;
}

bool vietnamese_words(std::string_view text) {
    const auto& table = letters();
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    int32_t n = static_cast<int32_t>(text.size()), i = 0;
    std::string shapes;
    bool non_ascii = false, ok = true;
    std::uint8_t tone = 0, tones = 0;
    auto end_word = [&] {
        if (non_ascii && (tones > 1 || !syllable(shapes, tone))) ok = false;
        shapes.clear();
        non_ascii = false;
        tone = tones = 0;
    };
    while (i < n && ok) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
        auto cp = static_cast<char32_t>(c);
        if (separator(cp)) {
            end_word();
            continue;
        }
        if (cp >= 0x80) non_ascii = true;
        auto it = table.find(cp);
        if (it == table.end()) {
            shapes += '?';  // no syllable holds it
            continue;
        }
        shapes += it->second.shape;
        if (it->second.tone) tone = it->second.tone, ++tones;
    }
    end_word();
    return ok;
}

std::uint8_t plausible_readings(std::string_view text) {
    bool ascii = true;
    for (unsigned char c : text)
        if (c >= 0x80) ascii = false;
    if (ascii) return kAnyReading;
    // Most Unicode Vietnamese has a letter no 8-bit font makes (ư, ễ, ộ …):
    // found without building the bytes (this runs on every cell of a CSV).
    if (!invalid_utf8_at(text) && beyond_cp1252(text)) return kUnicode;
    auto bytes = legacy_bytes(text);
    if (!bytes) return kUnicode;
    std::uint8_t r = 0;
    if (!invalid_utf8_at(text) && vietnamese_words(text)) r |= kUnicode;
    // .VnTime text is VN3: its lowercase letters and Ă Â Ê Ô Ơ Ư Đ; VN1's
    // other capitals and loose tone marks are not what such a file holds.
    bool vn3 = true;
    for (unsigned char c : *bytes)
        if (c >= 0x80 && !(c >= 0xA0 && c <= 0xA7) && !u_islower(kTcvn3Table[c - 0x80])) vn3 = false;
    if (vn3 && vietnamese_words(decode_tcvn3(*bytes))) r |= kTcvn3;
    bool explained = false;
    std::string v = vni(*bytes, explained);
    if (explained && vietnamese_words(v)) r |= kVni;
    return r ? r : kAnyReading;
}

}  // namespace daihoi::text
