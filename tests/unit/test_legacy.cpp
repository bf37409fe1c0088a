// Legacy Vietnamese encodings: the TCVN3 and VNI tables, the detector, the
// decoding reader (tests/data/encoding, made by make_fixtures.py).
#include "core/io/decoding.hpp"
#include "core/io/table.hpp"
#include "core/text/legacy.hpp"
#include "core/text/utf8.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace daihoi;
using namespace daihoi::text;

namespace {

// Every Vietnamese vowel with every tone, and đ, in NFC.
std::vector<std::string> vietnamese_letters(bool upper) {
    const char* base[] = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"};
    const char* tone[] = {"", "\xCC\x81", "\xCC\x80", "\xCC\x89", "\xCC\x83", "\xCC\xA3"};
    std::vector<std::string> out;
    for (auto b : base)
        for (auto t : tone) out.push_back(to_nfc(std::string(b) + t));
    out.push_back("đ");
    if (upper) {
        // Upper case through the TCVN3 capitals decoder's own path would be
        // circular: spell the capitals out.
        const char* caps[] = {"A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y"};
        out.clear();
        for (auto b : caps)
            for (auto t : tone) out.push_back(to_nfc(std::string(b) + t));
        out.push_back("Đ");
    }
    return out;
}

// glibc's own TCVN 5712 encoder: an implementation apart from ours.
std::string iconv_tcvn(const std::string& utf8) {
    iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
    std::string in = utf8, out(16, '\0');
    char* ip = in.data();
    char* op = out.data();
    std::size_t il = in.size(), ol = out.size();
    EXPECT_NE(iconv(cd, &ip, &il, &op, &ol), static_cast<std::size_t>(-1)) << utf8;
    iconv_close(cd);
    out.resize(out.size() - ol);
    return out;
}

// VNI as the VNI-Windows table lays it out: per vowel, no tone, sắc, huyền,
// hỏi, ngã, nặng (lowercase; a capital's bytes are 0x20 lower).
const std::vector<std::vector<std::string>> kVniTable = {
    {"a", "a\xF9", "a\xF8", "a\xFB", "a\xF5", "a\xEF"},
    {"a\xEA", "a\xE9", "a\xE8", "a\xFA", "a\xFC", "a\xEB"},
    {"a\xE2", "a\xE1", "a\xE0", "a\xE5", "a\xE3", "a\xE4"},
    {"e", "e\xF9", "e\xF8", "e\xFB", "e\xF5", "e\xEF"},
    {"e\xE2", "e\xE1", "e\xE0", "e\xE5", "e\xE3", "e\xE4"},
    {"i", "\xED", "\xEC", "\xE6", "\xF3", "\xF2"},
    {"o", "o\xF9", "o\xF8", "o\xFB", "o\xF5", "o\xEF"},
    {"o\xE2", "o\xE1", "o\xE0", "o\xE5", "o\xE3", "o\xE4"},
    {"\xF4", "\xF4\xF9", "\xF4\xF8", "\xF4\xFB", "\xF4\xF5", "\xF4\xEF"},
    {"u", "u\xF9", "u\xF8", "u\xFB", "u\xF5", "u\xEF"},
    {"\xF6", "\xF6\xF9", "\xF6\xF8", "\xF6\xFB", "\xF6\xF5", "\xF6\xEF"},
    {"y", "y\xF9", "y\xF8", "y\xFB", "y\xF5", "\xEE"},
};

std::string vni_upper(std::string s) {
    for (char& c : s) {
        auto b = static_cast<unsigned char>(c);
        if (b >= 'a' && b <= 'z') c = static_cast<char>(b - 0x20);
        if (b >= 0xE0) c = static_cast<char>(b - 0x20);
    }
    return s;
}

std::string fixture(const std::string& name) { return std::string(DAIHOI_TEST_DATA) + "/encoding/" + name; }

struct Read {
    std::vector<io::Row> rows;
    std::string found;
    std::vector<Diagnostic> refusal;
};

Read read_all(const std::string& path, Encoding said = Encoding::Auto) {
    io::DecodingReader r(io::open_table(path), said);
    Read out;
    io::Row row;
    while (r.next(row)) out.rows.push_back(row);
    out.found = r.found();
    out.refusal = r.refusal();
    return out;
}

const std::vector<std::vector<std::string>> kExpected = {
    {"DV001", "Nguyễn Văn An", "Nam", "02/01/1970", "Bí thư đảng ủy"},
    {"DV002", "Lê Hoàng Cường", "Nam", "15/08/1975", "Phó chủ tịch hội đồng nhân dân"},
    {"DV003", "Phạm Thị Hương", "Nữ", "05/03/1982", "Trưởng ban tuyên giáo"},
    {"DV004", "Đặng Thị Ân", "Nữ", "20/11/1990", "Chủ nhiệm ủy ban kiểm tra"},
};

void expect_members(const Read& r, const std::vector<std::string>& header) {
    ASSERT_EQ(r.rows.size(), 5u);
    EXPECT_EQ(r.rows[0].cells, header);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(r.rows[i + 1].cells, kExpected[i]) << "row " << i + 2;
    EXPECT_TRUE(r.refusal.empty());
}

const std::vector<std::string> kHeader = {"Số thẻ đảng", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ"};

}  // namespace

TEST(Tcvn3, EveryLowercaseLetterAgreesWithIconv) {
    auto lower = vietnamese_letters(false);
    auto upper = vietnamese_letters(true);
    for (std::size_t i = 0; i < lower.size(); ++i) {
        std::string bytes = iconv_tcvn(lower[i]);
        ASSERT_EQ(bytes.size(), 1u) << lower[i];
        EXPECT_EQ(decode_tcvn3(bytes), lower[i]);
        // .VnTimeH: the same code shows the capital.
        EXPECT_EQ(decode_tcvn3(bytes, true), upper[i]) << lower[i];
    }
}

TEST(Tcvn3, EveryCapitalAgreesWithIconv) {
    // VN1's capitals (iconv's TCVN5712-1) decode too; .VnTime itself holds
    // only Ă Â Ê Ô Ơ Ư Đ of them.
    auto lower = vietnamese_letters(false);
    auto upper = vietnamese_letters(true);
    for (std::size_t i = 0; i < upper.size(); ++i) {
        std::string bytes = iconv_tcvn(upper[i]);
        // VN1 puts Ú Ụ Ứ Ừ Ử Ữ Ự Ý Ỳ Ỷ Ỹ Ỵ among the control codes: kept as
        // the ASCII they are, since no .VnTime text holds them.
        if (static_cast<unsigned char>(bytes[0]) < 0x20)
            EXPECT_EQ(decode_tcvn3(bytes), bytes);
        else
            EXPECT_EQ(decode_tcvn3(bytes), upper[i]);
        EXPECT_EQ(decode_tcvn3(iconv_tcvn(lower[i]), true), upper[i]);
    }
    EXPECT_EQ(decode_tcvn3("\xA1\xA2\xA3\xA4\xA5\xA6\xA7"), "ĂÂÊÔƠƯĐ");
}

TEST(Tcvn3, WordsAndTheSoftHyphen) {
    EXPECT_EQ(decode_tcvn3(*legacy_bytes("NguyÔn V¨n An")), "Nguyễn Văn An");
    // 0xAD is "ư"; read as windows-1252 it is an invisible soft hyphen.
    std::string cuong = decode_tcvn3(*legacy_bytes("Lª Hoµng C\xC2\xAD" "êng"));
    EXPECT_EQ(cuong, "Lê Hoàng Cường");
    EXPECT_EQ(cuong.find("\xC2\xAD"), std::string::npos);
    EXPECT_EQ(decode_tcvn3(*legacy_bytes("hä vµ tªn"), true), "HỌ VÀ TÊN");
    EXPECT_EQ(decode_tcvn3("DV001 1970-01-02"), "DV001 1970-01-02");  // ASCII stays
}

TEST(Vni, EveryLetterBothCases) {
    auto lower = vietnamese_letters(false);
    auto upper = vietnamese_letters(true);
    std::size_t k = 0;
    for (const auto& row : kVniTable)
        for (const auto& bytes : row) {
            EXPECT_EQ(decode_vni(bytes), lower[k]) << k;
            EXPECT_EQ(decode_vni(vni_upper(bytes)), upper[k]) << k;
            ++k;
        }
    EXPECT_EQ(decode_vni("\xF1"), "đ");
    EXPECT_EQ(decode_vni("\xD1"), "Đ");
}

TEST(Vni, Words) {
    EXPECT_EQ(decode_vni(*legacy_bytes("Xin chaøo caùc baïn")), "Xin chào các bạn");
    EXPECT_EQ(decode_vni(*legacy_bytes("Nguyeãn Vaên An")), "Nguyễn Văn An");
    EXPECT_EQ(decode_vni(*legacy_bytes("Tröôøng")), "Trường");
    EXPECT_EQ(decode_vni(*legacy_bytes("Ñaûng")), "Đảng");
    // A mark with no letter to mark stays the character it shows.
    EXPECT_EQ(decode_vni("\xF9x"), "ùx");
}

TEST(LegacyBytes, Cp1252BackToBytes) {
    EXPECT_EQ(legacy_bytes("\xE2\x82\xAC"), std::string("\x80"));  // € is 0x80
    EXPECT_EQ(legacy_bytes("\xC2\x81"), std::string("\x81"));      // undefined in 1252: itself
    EXPECT_EQ(legacy_bytes("\xFF\xFE"), std::string("\xFF\xFE"));  // 8-bit already
    EXPECT_FALSE(legacy_bytes("Nguyễn"));                          // ễ: no byte makes it
}

TEST(Detector, AsciiAndUnicodeAreNeverLegacy) {
    EXPECT_EQ(plausible_readings("DV001"), kAnyReading);
    EXPECT_EQ(plausible_readings("Nguyen Van An"), kAnyReading);
    for (const char* s : {"Nguyễn Văn An", "Lê Hoàng Cường", "Bí thư Đảng ủy", "Hà", "Hoà", "Thuý", "Lê Thị Mỹ",
                          "Trần Hưng Đạo", "Ngô Bảo Châu", "Nguye\xCC\x82\xCC\x83n"})
        EXPECT_TRUE(plausible_readings(s) & kUnicode) << s;
}

TEST(Detector, LegacyTextReadsAsItsEncodingOnly) {
    EXPECT_EQ(plausible_readings("NguyÔn V¨n An"), kTcvn3);
    EXPECT_EQ(plausible_readings("Lª Hoµng C\xC2\xAD" "êng"), kTcvn3);
    EXPECT_EQ(plausible_readings("Nguyeãn Vaên An"), kVni);
    EXPECT_EQ(plausible_readings("Tröôøng ban tuyeân giaùo"), kVni);
    EXPECT_EQ(plausible_readings("Ph\xB9m Th\xDE H\xAD\xAC" "ng"), kTcvn3);  // 8-bit bytes
}

TEST(Detector, Syllables) {
    EXPECT_TRUE(vietnamese_words("nghiêng khuỷu quốc giữa"));
    EXPECT_FALSE(vietnamese_words("nguyôn"));
    EXPECT_FALSE(vietnamese_words("hàc"));  // a stop final takes sắc or nặng only
    EXPECT_FALSE(vietnamese_words("V¨n"));
}

namespace {

// The syllable rule as first written (every initial, final and nucleus
// compared in turn): the reference the faster test must agree with.
bool reference_syllable(std::string_view shapes, int tone) {
    const std::vector<std::string_view> initials = {"ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th",
                                                    "tr",  "b",  "c",  "d",  "D",  "g",  "h",  "k",  "l",  "m",
                                                    "n",   "p",  "r",  "s",  "t",  "v",  "x",  ""};
    const std::vector<std::string_view> finals = {"ch", "ng", "nh", "c", "m", "n", "p", "t", ""};
    const std::vector<std::string_view> nuclei = {
        "a",  "A",  "B",  "e",  "E",  "i",  "o",  "O",  "P",  "u",   "U",   "y",   "ai",  "ao",  "au",  "ay",
        "Bu", "By", "eo", "Eu", "ia", "iE", "iu", "oa", "oA", "oe",  "oi",  "oo",  "Oi",  "Pi",  "ua",  "uB",
        "uE", "ui", "uO", "uP", "uy", "Ua", "Ui", "UP", "Uu", "yE",  "iEu", "oai", "oao", "oay", "oeo", "uBy",
        "uOi", "uya", "uyE", "uyu", "UPi", "UPu", "yEu"};
    auto in = [](const std::vector<std::string_view>& list, std::string_view s) {
        return std::find(list.begin(), list.end(), s) != list.end();
    };
    for (auto ini : initials) {
        if (shapes.substr(0, ini.size()) != ini) continue;
        for (auto fin : finals) {
            if (shapes.size() < ini.size() + fin.size() || shapes.substr(shapes.size() - fin.size()) != fin) continue;
            bool stop = fin == "c" || fin == "ch" || fin == "p" || fin == "t";
            if (stop && tone != 0 && tone != 1 && tone != 5) continue;
            if (in(nuclei, shapes.substr(ini.size(), shapes.size() - ini.size() - fin.size()))) return true;
        }
    }
    return false;
}

// A word of the given shapes (see legacy.cpp: ă â ê ô ơ ư đ are A B E O P U D)
// with `tone` on its first vowel, in NFC; "" when the tone has no vowel.
std::string word_of(std::string_view shapes, int tone) {
    static const std::map<char, std::string> special = {{'A', "ă"}, {'B', "â"}, {'E', "ê"}, {'O', "ô"},
                                                        {'P', "ơ"}, {'U', "ư"}, {'D', "đ"}};
    const char* marks[] = {"", "\xCC\x81", "\xCC\x80", "\xCC\x89", "\xCC\x83", "\xCC\xA3"};
    std::string w;
    bool toned = tone == 0;
    for (char c : shapes) {
        auto it = special.find(c);
        w += it != special.end() ? it->second : std::string(1, c);
        if (!toned && std::string_view("aABeEioOPuUy").find(c) != std::string_view::npos) {
            w += marks[tone];
            toned = true;
        }
    }
    return toned ? to_nfc(w) : std::string();
}

}  // namespace

TEST(Detector, SyllablesAsTheReferenceRuleHasThem) {
    // Every initial + nucleus + final with every tone (the real syllables and
    // the near misses the stop rule refuses), each with one shape changed,
    // and every string of up to three shapes.
    const std::string alphabet = "aABeEioOPuUybcdDghklmnpqrstvx";
    std::vector<std::string> shapes;
    for (std::string_view ini : {"ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "D",
                                 "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""})
        for (std::string_view nuc : {"a", "A", "B", "e", "E", "i", "o", "O", "P", "u", "U", "y", "ai", "Bu", "iEu",
                                     "oay", "uyE", "UPu", "yEu", "oo", "Ua", "uO", "aa", "eA", "yyy"})
            for (std::string_view fin : {"ch", "ng", "nh", "c", "m", "n", "p", "t", "", "k", "g"}) {
                std::string s = std::string(ini) + std::string(nuc) + std::string(fin);
                shapes.push_back(s);
                std::mt19937 rng(static_cast<unsigned>(shapes.size()));
                s[rng() % s.size()] = alphabet[rng() % alphabet.size()];
                shapes.push_back(s);
            }
    for (char a : alphabet) {
        shapes.push_back(std::string(1, a));
        for (char b : alphabet) {
            shapes.push_back(std::string{a, b});
            for (char c : alphabet) shapes.push_back(std::string{a, b, c});
        }
    }
    std::size_t checked = 0, valid = 0;
    for (const auto& s : shapes)
        for (int tone = 0; tone <= 5; ++tone) {
            std::string w = word_of(s, tone);
            bool tested = std::any_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
            if (!tested) continue;  // an ASCII word is never put to the syllable test
            bool want = reference_syllable(s, tone);
            ASSERT_EQ(vietnamese_words(w), want) << s << " tone " << tone << ": " << w;
            ++checked;
            valid += want;
        }
    EXPECT_GT(checked, 100000u);
    EXPECT_GT(valid, 5000u);
}

TEST(Detector, EveryFileOfTheRepositoryIsUnicode) {
    // Sample data and every fixture outside the legacy ones: never detected
    // as legacy, nothing converted.
    std::size_t files = 0;
    for (const char* root : {DAIHOI_TEST_DATA, DAIHOI_TEST_DATA "/../scenarios"}) {
        for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
            std::string p = e.path().string();
            if (e.path().lexically_relative(root).string().find("encoding") != std::string::npos)
                continue;  // the legacy fixtures themselves
            std::string ext = e.path().extension().string();
            if (ext != ".csv" && ext != ".xlsx") continue;
            Read r;
            try {
                r = read_all(p);
            } catch (const InputError&) {
                continue;  // the broken fixtures (malformed, bombs) are refused before any text
            }
            ++files;
            EXPECT_EQ(r.found, "unicode") << p;
            EXPECT_TRUE(r.refusal.empty()) << p;
        }
    }
    EXPECT_GT(files, 10u);
}

TEST(DecodingReader, Tcvn3Csv8BitAndUtf8) {
    for (const char* f : {"tcvn3-8bit.csv", "tcvn3-utf8.csv"}) {
        Read r = read_all(fixture(f));
        expect_members(r, kHeader);
        EXPECT_EQ(r.found, "tcvn3") << f;
    }
    // LibreOffice's CSV of the .VnTimeH header: the font is gone, the letters are lowercase.
    Read lo = read_all(fixture("tcvn3-lo.csv"));
    expect_members(lo, {"số thẻ đảng", "họ và tên", "giới tính", "ngày sinh", "chức vụ"});
}

TEST(DecodingReader, VniCsv) {
    for (const char* f : {"vni-8bit.csv", "vni-utf8.csv"}) {
        Read r = read_all(fixture(f));
        expect_members(r, kHeader);
        EXPECT_EQ(r.found, "vni") << f;
    }
}

TEST(DecodingReader, XlsxByFont) {
    for (const char* f : {"tcvn3.xlsx", "tcvn3-lo.xlsx"}) {
        Read r = read_all(fixture(f));
        expect_members(r, {"SỐ THẺ ĐẢNG", "HỌ VÀ TÊN", "GIỚI TÍNH", "NGÀY SINH", "CHỨC VỤ"});
        EXPECT_EQ(r.found, "tcvn3") << f;
    }
    for (const char* f : {"vni.xlsx", "vni-lo.xlsx"}) {
        Read r = read_all(fixture(f));
        expect_members(r, kHeader);
        EXPECT_EQ(r.found, "vni") << f;
    }
}

TEST(DecodingReader, XlsxFontPerCellRetypedUnicodeAndRichText) {
    Read r = read_all(fixture("fonts.xlsx"));
    ASSERT_EQ(r.rows.size(), 4u);
    EXPECT_EQ(r.rows[1].cells[1], "Trần Thị Thủy");  // .VnTime
    EXPECT_EQ(r.rows[1].cells[4], "Bí thư chi bộ");  // VNI-Times
    EXPECT_EQ(r.rows[2].cells[1], "Hoàng Văn Đức");  // Unicode kept in a .VnTime cell
    EXPECT_EQ(r.rows[3].cells[1], "Vũ Đình Quý");    // a rich-text run in .VnTime
    EXPECT_EQ(r.rows[3].cells[4], "Đảng viên");
}

TEST(DecodingReader, SaidEncodingWins) {
    // unicode: nothing converted, the mojibake is kept as it is.
    Read u = read_all(fixture("tcvn3-utf8.csv"), Encoding::Unicode);
    EXPECT_EQ(u.rows[1].cells[1], "NguyÔn V¨n An");
    EXPECT_EQ(u.found, "unicode");
    // vni said of a VNI file; tcvn3 said of a mixed file converts its old rows and keeps the Unicode ones.
    EXPECT_EQ(read_all(fixture("vni-8bit.csv"), Encoding::Vni).rows[3].cells[1], "Phạm Thị Hương");
    Read m = read_all(fixture("mixed.csv"), Encoding::Tcvn3);
    EXPECT_TRUE(m.refusal.empty());
    EXPECT_EQ(m.rows[1].cells[1], "Nguyễn Văn An");
    EXPECT_EQ(m.rows[3].cells[1], "Phạm Thị Hương");
    // tcvn3 said of an .xlsx: every text cell, whatever its font.
    Read x = read_all(fixture("vni.xlsx"), Encoding::Tcvn3);
    EXPECT_EQ(x.found, "tcvn3");
    EXPECT_NE(x.rows[1].cells[1], "Nguyễn Văn An");
}

TEST(DecodingReader, MixedFileIsRefusedListingTheLegacyCells) {
    Read r = read_all(fixture("mixed.csv"));
    ASSERT_EQ(r.refusal.size(), 7u);
    EXPECT_EQ(r.refusal[0].line, 0u);
    EXPECT_NE(r.refusal[0].message.find("Số thẻ đảng"), std::string::npos);
    EXPECT_EQ(r.refusal[1].line, 4u);
    EXPECT_EQ(r.refusal[1].column, 2u);
    EXPECT_NE(r.refusal[1].message.find("Ph¹m ThÞ H"), std::string::npos);
    Read both = read_all(fixture("tcvn3-vni.csv"));
    EXPECT_FALSE(both.refusal.empty());
}

TEST(DecodingReader, ConvertedColumnsAreNamedByTheHeader) {
    io::DecodingReader r(io::open_table(fixture("tcvn3-8bit.csv")), Encoding::Auto);
    io::Row row;
    while (r.next(row)) {
    }
    EXPECT_EQ(r.converted_columns(1), (std::vector<std::string>{"Họ và tên", "Giới tính", "Chức vụ"}));
}

TEST(DecodingReader, AsciiRowsAreNotHeldAndManyUndecidedRowsEnd) {
    test::ScratchDir d;
    // "Hoà" reads as Unicode and as VNI: rows wait, then Unicode wins.
    std::string csv = "code,full_name\n";
    for (int i = 0; i < 2500; ++i) csv += "DV" + std::to_string(i) + (i % 2 ? ",Hoà\n" : ",An\n");
    Read r = read_all(d.write("h.csv", csv));
    ASSERT_EQ(r.rows.size(), 2501u);
    EXPECT_EQ(r.rows[2].cells[1], "Hoà");
    EXPECT_EQ(r.rows[2500].cells[0], "DV2499");
    EXPECT_EQ(r.found, "unicode");
    EXPECT_TRUE(r.refusal.empty());
}

TEST(Legacy, RandomBytesNeverThrowAndDecodeToUtf8) {
    std::mt19937 rng(20250715);
    test::ScratchDir d;
    for (int i = 0; i < 3000; ++i) {
        std::string s(rng() % 40, '\0');
        for (char& c : s) c = static_cast<char>(rng() % 256);
        EXPECT_FALSE(invalid_utf8_at(decode_tcvn3(s, i % 2)));
        EXPECT_FALSE(invalid_utf8_at(decode_vni(s)));
        (void)plausible_readings(s);
        if (auto b = legacy_bytes(s)) (void)vietnamese_words(decode_vni(*b));
        if (i % 100 == 0) {
            // Through the reader too: any rows, any bytes; only InputError may leave.
            std::string csv;
            for (int k = 0; k < 30; ++k) {
                std::string f(rng() % 12, '\0');
                for (char& c : f) c = static_cast<char>(0x80 + rng() % 128);
                csv += "\"" + f + "\",x\n";
            }
            try {
                read_all(d.write("r.csv", csv));
            } catch (const InputError&) {
            }
        }
    }
}

TEST(Utf8, SoftHyphenNeitherStoredNorMisaligned) {
    EXPECT_EQ(*clean("C\xC2\xAD" "êng\xE2\x80\x8B"), "Cêng");
    EXPECT_EQ(display_width("a\xC2\xAD" "b"), 3u);  // terminals draw it: one column
}

TEST(DecodingReader, CellsThatReadAsNoEncodingAreListedNotGarbled) {
    // "Chi b\xE1 A" reads as TCVN3 ("Chi bỏ A"); "U\xFF" reads as nothing.
    test::ScratchDir d;
    Read r = read_all(d.write("g.csv", "code,name\nU\xFF,Chi b\xE1 A\n"));
    ASSERT_EQ(r.refusal.size(), 2u);
    EXPECT_EQ(r.refusal[1].line, 2u);
    EXPECT_EQ(r.refusal[1].column, 1u);
}
