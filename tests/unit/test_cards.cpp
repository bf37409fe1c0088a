// Delegate cards (core/paper/cards.hpp): the grid of cards on an A4 sheet,
// the QR code of a delegate's code, the PDF. That every card's code reads
// back with a real reader is the scenario `cards` (zbar).
#include "core/error.hpp"
#include "core/paper/cards.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

namespace paper = daihoi::paper;

namespace {

constexpr double kMm = 72 / 25.4;

std::string read_all(const std::filesystem::path& f) {
    std::ifstream in(f, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// The page count of the page tree ("/Count N"; cairo writes no outline).
int pages_of(const std::string& pdf) {
    const auto at = pdf.find("/Count ");
    return at == std::string::npos ? -1 : std::stoi(pdf.substr(at + 7));
}

paper::CardSheet sheet(int cards) {
    paper::CardSheet s;
    s.party = "ĐẢNG CỘNG SẢN VIỆT NAM";
    s.congress = "ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ TÂN LẬP LẦN THỨ XV, NHIỆM KỲ 2025 – 2030";
    s.title = "THẺ ĐẠI BIỂU";
    for (int i = 1; i <= cards; ++i)
        s.cards.push_back({"DV" + std::to_string(i), "Nguyễn Thị Phương Thảo Hoàng Ngọc Bích", "Chi bộ Thôn " + std::to_string(i),
                           "ĐẠI BIỂU CHÍNH THỨC", "Số: " + std::to_string(i)});
    return s;
}

}  // namespace

TEST(CardGrid, FourA6OrTenCreditCardsFillAnA4SheetWithMarginsForTheCropMarks) {
    const auto a6 = paper::card_grid(paper::CardSize::A6);
    EXPECT_EQ(a6.columns * a6.rows, 4);
    EXPECT_NEAR(a6.card_w, 105 * kMm, 1e-9);
    EXPECT_NEAR(a6.card_h, 148 * kMm, 1e-9);
    EXPECT_GE(a6.left, 0);
    EXPECT_GE(a6.top, 0);
    const auto id1 = paper::card_grid(paper::CardSize::Id1);
    EXPECT_EQ(id1.columns * id1.rows, 10);
    EXPECT_NEAR(id1.card_w, 85.6 * kMm, 1e-9);  // ISO/IEC 7810 ID-1
    EXPECT_NEAR(id1.card_h, 54 * kMm, 1e-9);
    // Room for the crop marks (6.5 mm) on every side, and the grid centred.
    EXPECT_GE(id1.left, 6.5 * kMm);
    EXPECT_GE(id1.top, 6.5 * kMm);
    EXPECT_NEAR(2 * id1.left + 2 * id1.card_w, 210 * kMm, 1e-9);
    EXPECT_NEAR(2 * id1.top + 5 * id1.card_h, 297 * kMm, 1e-9);
}

TEST(CardQr, ACodeIsAVersionOneSymbolWithItsThreeFinderPatterns) {
    int side = 0;
    const auto m = paper::qr_modules("DV01", side);
    ASSERT_EQ(side, 21);  // version 1: 21 × 21 modules
    ASSERT_EQ(m.size(), 21u * 21u);
    auto at = [&](int r, int c) { return m[static_cast<std::size_t>(r * side + c)] != 0; };
    // A finder pattern: a dark 7 × 7 ring, a light ring, a dark 3 × 3 core.
    for (auto [r0, c0] : {std::pair{0, 0}, std::pair{0, 14}, std::pair{14, 0}})
        for (int r = 0; r < 7; ++r)
            for (int c = 0; c < 7; ++c) {
                const int ring = std::min({r, c, 6 - r, 6 - c});
                EXPECT_EQ(at(r0 + r, c0 + c), ring != 1) << r0 + r << "," << c0 + c;
            }
    // A longer code takes a larger symbol; a code is never truncated.
    int longer = 0;
    paper::qr_modules(std::string(60, 'X'), longer);
    EXPECT_GT(longer, 21);
}

TEST(Cards, AsManySheetsAsTheCardsNeedAndNoneForNoCard) {
    daihoi::test::ScratchDir dir;
    paper::write_cards(sheet(5), paper::CardSize::A6, dir.file("a6.pdf"));
    const std::string a6 = read_all(dir.file("a6.pdf"));
    EXPECT_EQ(a6.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(pages_of(a6), 2);
    paper::write_cards(sheet(10), paper::CardSize::Id1, dir.file("id1.pdf"));
    EXPECT_EQ(pages_of(read_all(dir.file("id1.pdf"))), 1);
    paper::write_cards(sheet(11), paper::CardSize::Id1, dir.file("id1b.pdf"));
    EXPECT_EQ(pages_of(read_all(dir.file("id1b.pdf"))), 2);
    EXPECT_THROW(paper::write_cards(sheet(0), paper::CardSize::A6, dir.file("none.pdf")), daihoi::Refused);
    EXPECT_FALSE(std::filesystem::exists(dir.file("none.pdf")));
}
