// core/report/paginate: each rule of the page breaks of a signed paper, on
// hand-made heights (page 100 points tall), and the printed text of cells
// the PDF shares with the .xlsx (cells.hpp).
#include "core/report/cells.hpp"
#include "core/report/paginate.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace daihoi::report;

namespace {

using Starts = std::vector<std::size_t>;

Block text(double h, bool keep = false) {
    Block b;
    b.height = h;
    b.keep_with_next = keep;
    return b;
}
Block header(double h = 10) { return text(h, true); }
Block row(double h = 10, int group = 1, double repeat = 10) {
    Block b;
    b.height = h;
    b.role = BlockRole::Row;
    b.group = group;
    b.repeat = repeat;
    return b;
}
Block closing(double h) {
    Block b;
    b.height = h;
    b.role = BlockRole::Closing;
    return b;
}
void rows(std::vector<Block>& v, int n, int group = 1) {
    for (int i = 0; i < n; ++i) v.push_back(row(10, group));
}

}  // namespace

TEST(Paginate, OnePageWhenEverythingFits) {
    EXPECT_EQ(paginate({}, 100), Starts{0});
    EXPECT_EQ(paginate({text(40), text(60)}, 100), Starts{0});
}

TEST(Paginate, BreaksWhereTheNextBlockDoesNotFit) {
    EXPECT_EQ(paginate({text(40), text(40), text(40), text(40)}, 100), (Starts{0, 2}));
}

TEST(Paginate, SpaceBeforeIsDroppedAtTheTopOfAPage) {
    Block spaced = text(60);
    spaced.space_before = 30;
    // 50 + 30 + 60 > 100: a new page, where the space is not counted: 60 + 40
    // fits (with the space, 130 would not).
    EXPECT_EQ(paginate({text(50), spaced, text(40)}, 100), (Starts{0, 1}));
}

TEST(Paginate, AKeepWithNextBlockIsNeverLastOnAPage) {
    // A caption and a header at the foot of the page go over with the first rows.
    std::vector<Block> v{text(60), text(10, true), header()};
    rows(v, 3);  // three rows never split (two on each side)
    auto s = paginate(v, 100);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], 1u);  // the caption starts the page
}

TEST(Paginate, NoSingleRowAtTheBottomOfAPage) {
    // Header at 70, one row would fit (80), the second not: the table starts a page.
    std::vector<Block> v{text(60), header()};
    rows(v, 6);
    auto s = paginate(v, 85);
    ASSERT_GE(s.size(), 2u);
    EXPECT_EQ(s[1], 1u);
}

TEST(Paginate, NoSingleRowAtTheTopOfAPage) {
    // 8 rows under the header: 9 blocks of 10 in 90 points, the last row would
    // be alone on page 2; two rows go over instead.
    std::vector<Block> v{header()};
    rows(v, 9);
    auto s = paginate(v, 90);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], 8u);  // rows 8 and 9 (blocks 8, 9) on page 2
}

TEST(Paginate, EveryPageOfALongTableHoldsTwoRowsOrMore) {
    for (int n = 2; n <= 60; ++n) {
        std::vector<Block> v{text(35), header()};
        rows(v, n);
        v.push_back(text(10));
        auto s = paginate(v, 100);
        s.push_back(v.size());
        for (std::size_t p = 0; p + 1 < s.size(); ++p) {
            int count = 0;
            for (std::size_t i = s[p]; i < s[p + 1]; ++i) count += v[i].role == BlockRole::Row;
            EXPECT_NE(count, 1) << n << " rows, page " << p + 1;
        }
    }
}

TEST(Paginate, ARepeatedHeaderTakesItsRoomOnTheNextPage) {
    // 10 rows of 10 under a header of 20: page 1 holds 8 rows (100 points);
    // page 2 starts with the header again (20) and holds the 2 left.
    std::vector<Block> v{header(20)};
    for (int i = 0; i < 10; ++i) v.push_back(row(10, 1, 20));
    EXPECT_EQ(paginate(v, 100), (Starts{0, 9}));
    // Without a repeated header page 1 would hold the same; a header of 50
    // leaves room for 5 rows on page 2 — the count proves it is counted.
    std::vector<Block> w{header(10)};
    for (int i = 0; i < 18; ++i) w.push_back(row(10, 1, 50));
    EXPECT_EQ(paginate(w, 100), (Starts{0, 10, 15}));
}

TEST(Paginate, TheClosingGoesOverWithTheLastRows) {
    // 6 rows fill the page; the signatures (30) do not fit: they take the last
    // two rows with them, never standing alone.
    std::vector<Block> v{header()};
    rows(v, 6);
    v.push_back(closing(20));
    v.push_back(closing(10));
    auto s = paginate(v, 75);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], 5u);  // rows 5 and 6, then the closing
}

TEST(Paginate, TheClosingGoesOverWithTheLastParagraph) {
    std::vector<Block> v{text(50), text(30), closing(15), closing(15)};
    EXPECT_EQ(paginate(v, 100), (Starts{0, 1}));
}

TEST(Paginate, TheClosingStaysWhole) {
    // 30 + 50 + 4 × 10 > 100: the closing is not cut after its third line;
    // it goes over whole, with the paragraph before it.
    std::vector<Block> v{text(30), text(50), closing(10), closing(10), closing(10), closing(10)};
    EXPECT_EQ(paginate(v, 100), (Starts{0, 1}));
}

TEST(Paginate, AChainLongerThanAPageBreaksWhereItOverflows) {
    std::vector<Block> v{text(60, true), text(60, true), text(60)};
    EXPECT_EQ(paginate(v, 100), (Starts{0, 1, 2}));
}

TEST(Paginate, TwoTablesAreTwoRunsOfRows) {
    // A table of 2 rows and one of 3 back to back: neither split into a single row.
    std::vector<Block> v{text(55), header()};
    rows(v, 2, 1);
    v.push_back(header());
    rows(v, 3, 2);
    auto s = paginate(v, 100);
    s.push_back(v.size());
    for (std::size_t p = 0; p + 1 < s.size(); ++p) {
        int count1 = 0, count2 = 0;
        for (std::size_t i = s[p]; i < s[p + 1]; ++i) {
            count1 += v[i].role == BlockRole::Row && v[i].group == 1;
            count2 += v[i].role == BlockRole::Row && v[i].group == 2;
        }
        EXPECT_NE(count1, 1);
        EXPECT_NE(count2, 1);
    }
}

TEST(Paginate, AChartAfterATableStartsAPageWithoutAHeader) {
    std::vector<Block> v{header()};
    rows(v, 5);
    Block chart = text(60);
    v.push_back(chart);
    auto s = paginate(v, 100);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], 6u);
    EXPECT_EQ(v[s[1]].repeat, 0);  // no repeated header above it
}

TEST(Cells, NumbersInTheMarksOfTheLanguage) {
    EXPECT_EQ(format_number(44, 1, ",", "."), "44,0");
    EXPECT_EQ(format_number(1234567.891, 2, ",", "."), "1.234.567,89");
    EXPECT_EQ(format_number(1234.5, 1, ".", ","), "1,234.5");
    EXPECT_EQ(format_number(999.996, 2, ",", "."), "1.000,00");
    EXPECT_EQ(format_number(-0.001, 1, ",", "."), "0,0");
    EXPECT_EQ(format_number(-12.5, 0, ",", "."), "-12");
    EXPECT_EQ(format_number(7, 0, ",", "."), "7");
}

TEST(Cells, PrintedTextAsTheXlsxPrintsIt) {
    PrintLabels vi;
    vi.decimal = ",";
    vi.thousands = ".";
    Column gender;
    gender.value_labels = {{"F", "Nữ"}, {"M", "Nam"}};
    EXPECT_EQ(printed_text(gender, std::string("F"), vi), "Nữ");
    EXPECT_EQ(printed_text(gender, std::string("X"), vi), "X");  // no word: the code
    Column flag;
    flag.type = ColumnType::Bool;
    flag.value_labels = {{"1", "x"}, {"0", ""}};
    EXPECT_EQ(printed_text(flag, true, vi), "x");
    Column level;
    level.type = ColumnType::Int;
    level.value_labels = {{"3", "Cao cấp"}};
    EXPECT_EQ(printed_text(level, std::int64_t{3}, vi), "Cao cấp");
    EXPECT_EQ(printed_text(level, std::int64_t{4}, vi), "4");
    Column pct;
    pct.type = ColumnType::Number;
    pct.decimals = 2;
    EXPECT_EQ(printed_text(pct, 37.5, vi), "37,50");
    Column date;
    date.type = ColumnType::Date;
    EXPECT_EQ(printed_text(date, daihoi::text::Date{2025, 7, 5}, vi), "05/07/2025");
    EXPECT_EQ(printed_text(date, Value{}, vi), "");
    EXPECT_EQ(cell_align(pct), CellAlign::Right);
    EXPECT_EQ(cell_align(gender), CellAlign::Center);
    EXPECT_EQ(cell_align(date), CellAlign::Center);
    EXPECT_EQ(cell_align(Column{}), CellAlign::Left);
}
