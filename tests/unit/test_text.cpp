// core/text: UTF-8, NFC, folding, display width, Vietnamese names and order, dates.
#include "core/base/i18n.hpp"
#include "core/cli/table.hpp"
#include "core/text/date.hpp"
#include "core/text/names.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

#include <ctime>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace daihoi::text;

TEST(Utf8, ValidAndInvalid) {
    EXPECT_FALSE(invalid_utf8_at("Nguyễn Thị Minh Khai"));
    EXPECT_EQ(invalid_utf8_at("ab\xC3"), 2u);        // truncated sequence
    EXPECT_EQ(invalid_utf8_at("a\xC0\xAF"), 1u);     // overlong '/'
    EXPECT_EQ(invalid_utf8_at("\xED\xA0\x80"), 0u);  // UTF-16 surrogate
    EXPECT_FALSE(clean("\xFF").has_value());
}

TEST(Utf8, NfcComposesDecomposedVietnamese) {
    // "Nguyễn" typed as e + combining circumflex + combining tilde.
    std::string decomposed = "Nguye\xCC\x82\xCC\x83n";
    EXPECT_EQ(to_nfc(decomposed), "Nguyễn");
    EXPECT_EQ(*clean("  Ng\xC6\xB0" "o\xCC\x9B\xCC\x80i  "), "Người");
}

// Found by fuzzing (fuzz/findings/utf8): an invisible character removed
// after NFC left a letter and its mark apart ("Lu" + U+200B + U+031B gave
// "Lu" + U+031B, not "Lư"), and one beside a space kept it from being trimmed.
TEST(Utf8, CleanRemovesInvisiblesBeforeNfcAndTrimming) {
    EXPECT_EQ(*clean("Lu\xE2\x80\x8B\xCC\x9B"), "L\xC6\xB0");
    EXPECT_EQ(*clean(" \xE2\x80\x8B L\xC3\xAA\xEF\xBB\xBF "), "L\xC3\xAA");
    EXPECT_EQ(*clean("\xC2\xAD"), "");
}

TEST(Utf8, FoldIgnoresCaseDiacriticsAndSeparators) {
    EXPECT_EQ(fold("Họ và tên"), "ho va ten");
    EXPECT_EQ(fold("HO_VA_TEN"), "ho va ten");
    EXPECT_EQ(fold("Ngày vào Đảng"), "ngay vao dang");
    EXPECT_EQ(fold("Nữ"), "nu");
}

TEST(Utf8, DisplayWidth) {
    EXPECT_EQ(display_width("Nguyễn"), 6u);
    EXPECT_EQ(display_width("Nguye\xCC\x82\xCC\x83n"), 6u);  // combining marks take no column
    EXPECT_EQ(display_width("越南"), 4u);                      // wide characters take two
    EXPECT_EQ(pad_right("Đặng", 6), "Đặng  ");
}

TEST(Utf8, FormulaLookalikes) {
    EXPECT_TRUE(looks_like_formula("=SUM(A1)"));
    EXPECT_TRUE(looks_like_formula("+84 912"));
    EXPECT_TRUE(looks_like_formula("-1"));
    EXPECT_TRUE(looks_like_formula("@cmd"));
    EXPECT_FALSE(looks_like_formula("Nguyễn"));
    EXPECT_FALSE(looks_like_formula(""));
}

TEST(Names, SplitFamilyMiddleGiven) {
    auto p = split_name("Nguyễn Thị Minh Khai");
    EXPECT_EQ(p.family, "Nguyễn");
    EXPECT_EQ(p.middle, "Thị Minh");
    EXPECT_EQ(p.given, "Khai");
    auto q = split_name("  Lê   Ân ");
    EXPECT_EQ(q.family, "Lê");
    EXPECT_EQ(q.middle, "");
    EXPECT_EQ(q.given, "Ân");
    EXPECT_EQ(split_name("Ân").given, "Ân");
    EXPECT_EQ(normalize_spaces("  Lê  Văn   Ân "), "Lê Văn Ân");
}

TEST(Names, VietnameseAlphabetOrder) {
    const auto& c = VietCollator::instance();
    // a ă â b c d đ e ê … o ô ơ … u ư: each letter after its base letter.
    EXPECT_LT(c.compare("An", "Ăn"), 0);
    EXPECT_LT(c.compare("Ăn", "Ân"), 0);
    EXPECT_LT(c.compare("Dũng", "Đạt"), 0);
    EXPECT_LT(c.compare("Dung", "Đa"), 0);   // Đ is a letter after D, not a D
    EXPECT_LT(c.compare("Đức", "Em"), 0);    // … and before E (a byte sort puts Đ last)
    EXPECT_LT(c.compare("Oanh", "Ôn"), 0);
    EXPECT_LT(c.compare("Ôn", "Ơn"), 0);
    EXPECT_LT(c.compare("Uyên", "Ưng"), 0);
    EXPECT_EQ(c.compare("an", "An"), 0);     // case-insensitive
    EXPECT_GT(c.compare("Ân", "Anh"), 0);  // â is a letter after a, so Ân follows Anh
}

TEST(Names, TonesAreSecondary) {
    const auto& c = VietCollator::instance();
    // Tone marks decide only between otherwise equal names.
    EXPECT_LT(c.compare("Ha", "Hà"), 0);
    EXPECT_LT(c.compare("Hà", "Hai"), 0);
}

TEST(Names, PeopleOrderGivenThenFamilyThenMiddle) {
    std::vector<std::string> names = {"Trần Văn Bình", "Nguyễn Thị An", "Đặng Văn Ân", "Lê Văn An",
                                      "Nguyễn Văn An", "Đỗ Minh Đức", "Phạm Dũng"};
    std::sort(names.begin(), names.end(),
              [](const std::string& a, const std::string& b) { return person_sort_key(a) < person_sort_key(b); });
    std::vector<std::string> expected = {"Lê Văn An",     "Nguyễn Thị An", "Nguyễn Văn An", "Đặng Văn Ân",
                                         "Trần Văn Bình", "Phạm Dũng",     "Đỗ Minh Đức"};
    EXPECT_EQ(names, expected);
}

TEST(Dates, ParseBothForms) {
    EXPECT_EQ(parse_date("2025-09-01"), (Date{2025, 9, 1}));
    EXPECT_EQ(parse_date("01/09/2025"), (Date{2025, 9, 1}));
    EXPECT_EQ(parse_date("1/9/2025"), (Date{2025, 9, 1}));
    EXPECT_FALSE(parse_date("31/02/1990"));
    EXPECT_FALSE(parse_date("2025-13-01"));
    EXPECT_FALSE(parse_date("2025/09/01"));
    EXPECT_EQ(parse_date("09-01-2025"), (Date{2025, 1, 9}));  // day first, as Vietnamese lists write it
    EXPECT_FALSE(parse_date(""));
    EXPECT_TRUE(parse_date("29/02/2024"));
    EXPECT_FALSE(parse_date("29/02/2023"));
    EXPECT_EQ(Date({1961, 1, 5}).vn(), "05/01/1961");
}

// Dates are written digit by digit (a bulk import formats millions): the
// same text as the format they replace, zero-padded, at the edges too.
TEST(Date, WritesIsoAndVietnameseOrder) {
    EXPECT_EQ(Date({2025, 9, 1}).iso(), "2025-09-01");
    EXPECT_EQ(Date({1900, 12, 31}).iso(), "1900-12-31");
    EXPECT_EQ(Date({987, 1, 2}).iso(), "0987-01-02");
    EXPECT_EQ(Date({2100, 10, 10}).vn(), "10/10/2100");
    EXPECT_EQ(Date({0, 0, 0}).iso(), "0000-00-00");
    EXPECT_EQ(Date({12345, 1, 1}).iso(), "12345-01-01");  // no date parse_date makes: as before
    EXPECT_EQ(Date({-1, 1, 1}).vn(), "01/01/-001");
    for (long d : {-25567L, 0L, 1L, 20000L, 47482L})  // 1900-01-01 … 2100-01-01
        EXPECT_EQ(fmt::format("{:04}-{:02}-{:02}", Date::from_days(d).year, Date::from_days(d).month,
                              Date::from_days(d).day),
                  Date::from_days(d).iso());
}

TEST(Date, TodayIsTheLocalDate) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    Date expected{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    Date first = Date::today(), second = Date::today();  // the second from the cache
    EXPECT_TRUE(first == expected || first.days() == expected.days() + 1);  // midnight between
    EXPECT_EQ(first, second);
}

// Personnel lists write dates with '/', '.' or '-', day first, with or
// without leading zeros, sometimes with spaces around.
TEST(Dates, ParsesTheFormsListsWrite) {
    for (const char* s : {"05/03/1975", "05.03.1975", "05-03-1975", "5/3/1975", "5.3.1975", "5-3-1975",
                          "1975-03-05", " 05/03/1975 ", "\t05.03.1975", "1975-3-5"})
        EXPECT_EQ(parse_date(s), (Date{1975, 3, 5})) << s;
}

TEST(Dates, RefusesMixedSeparatorsAndMalformedParts) {
    for (const char* s : {"05/03-1975", "05.03/1975", "05/03/1975/1", "05//1975", "/03/1975", "005/03/1975",
                          "05/03/19750", "05 03 1975", "05/03", "1975", "1975.03.05", "2025/09/01", "a5/03/1975",
                          "05/03/1975x", "32/01/1975", "00/01/1975", "01/00/1975"})
        EXPECT_FALSE(parse_date(s)) << s;
}

// 05/03/75: 1975 or 2075 would be a guess, so it is refused with its reason.
TEST(Dates, TwoDigitYearIsRefusedAsAmbiguous) {
    daihoi::i18n::init(daihoi::i18n::Lang::En);
    for (const char* s : {"05/03/75", "5.3.75", "05-03-75"}) {
        EXPECT_FALSE(parse_date(s)) << s;
        EXPECT_EQ(not_a_date(s), fmt::format("'{}': a two-digit year is ambiguous; write the year in full", s));
    }
    EXPECT_EQ(not_a_date("31/02/1990"), "'31/02/1990' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
    EXPECT_EQ(not_a_date("hôm qua"), "'hôm qua' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
}

TEST(Dates, ExcelSerials) {
    EXPECT_EQ(from_excel_serial(1), (Date{1900, 1, 1}));
    EXPECT_EQ(from_excel_serial(59), (Date{1900, 2, 28}));
    EXPECT_EQ(from_excel_serial(61), (Date{1900, 3, 1}));
    EXPECT_EQ(from_excel_serial(45901), (Date{2025, 9, 1}));
    EXPECT_EQ(from_excel_serial(45901.75), (Date{2025, 9, 1}));
    EXPECT_FALSE(from_excel_serial(0));
}

TEST(Dates, WholeMonthsAndYears) {
    EXPECT_EQ(full_months_between({2025, 1, 15}, {2025, 2, 14}), 0);
    EXPECT_EQ(full_months_between({2025, 1, 15}, {2025, 2, 15}), 1);
    EXPECT_EQ(full_months_between({2025, 9, 1}, {2030, 9, 1}), 60);
    EXPECT_EQ(full_months_between({2025, 9, 1}, {2030, 8, 31}), 59);
    EXPECT_EQ(full_years_between({1990, 5, 20}, {2025, 5, 19}), 34);
    EXPECT_EQ(full_years_between({1990, 5, 20}, {2025, 5, 20}), 35);
    EXPECT_EQ(add_months({2024, 1, 31}, 1), (Date{2024, 2, 29}));
    EXPECT_EQ(Date::from_days(Date{2026, 11, 22}.days()), (Date{2026, 11, 22}));
}

// ---- the terminal table ------------------------------------------------------------

namespace {
std::string printed(const daihoi::cli::TextTable& t) {
    char* buf = nullptr;
    std::size_t size = 0;
    std::FILE* f = open_memstream(&buf, &size);
    t.print(f);
    std::fclose(f);
    std::string s(buf, size);
    std::free(buf);
    return s;
}
}  // namespace

// Vietnamese letters (NFC, as every input is) take one column each;
// numbers align right; no trailing spaces.
TEST(TextTable, AlignsByDisplayWidth) {
    daihoi::cli::TextTable t({"#", "name", "votes"},
                             {daihoi::cli::TextTable::Align::Right, daihoi::cli::TextTable::Align::Left,
                              daihoi::cli::TextTable::Align::Right});
    t.add({"1", "Đặng Thị Ánh", "9"});
    t.add({"10", "Lê An", "120"});
    EXPECT_EQ(t.rows(), 2u);
    EXPECT_EQ(printed(t),
              " #  name          votes\n"
              "--  ------------  -----\n"
              " 1  Đặng Thị Ánh      9\n"
              "10  Lê An           120\n");
}

// A long last cell (an audit summary) is printed whole, but the rule under
// it stops at 60 columns.
TEST(TextTable, RuleUnderALongLastColumnIsCapped) {
    daihoi::cli::TextTable t({"#", "summary"}, {daihoi::cli::TextTable::Align::Right});
    std::string long_text(500, 'x');
    t.add({"1", long_text});
    std::string out = printed(t);
    EXPECT_NE(out.find("\n-  " + std::string(60, '-') + "\n"), std::string::npos) << out;
    EXPECT_NE(out.find("1  " + long_text + "\n"), std::string::npos);
}

// Stored times are UTC; people read the clock of the hall (TZ).
TEST(Dates, LocalTimeOfAStoredUtcTime) {
    const char* old = std::getenv("TZ");
    std::string saved = old ? old : "";
    setenv("TZ", "ICT-7", 1);  // UTC+7 as a POSIX rule: no tzdata needed
    tzset();
    EXPECT_EQ(local_time("2025-07-15T01:30:05.123Z"), "15/07/2025 08:30:05");
    EXPECT_EQ(local_time("2025-07-15T20:00:00Z"), "16/07/2025 03:00:00");  // the next day in Hà Nội
    EXPECT_EQ(local_time("not a time"), "not a time");
    if (old) setenv("TZ", saved.c_str(), 1);
    else unsetenv("TZ");
    tzset();
}
