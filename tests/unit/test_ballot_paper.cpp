// core/paper: the ballot paper — its code (every strip read wrong, upside
// down, empty or black fails the check), its layout (A5 when the names fit,
// else A4, else refused; rows high enough to cross out, nothing near the
// machine marks), its image for the scanner and its PDF — and its content
// from the workspace (report::ballot_paper).
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/paper/ballot_paper.hpp"
#include "core/registry/members.hpp"
#include "core/report/ballot_paper.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

using namespace daihoi;
using namespace daihoi::paper;
using test::ScratchDir;

namespace {

const char* kSurnames[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi"};
const char* kMiddles[] = {"Văn", "Thị", "Đức", "Thanh", "Minh", "Ngọc", "Quang", "Thị Thanh"};
const char* kGivens[] = {"An", "Bình", "Cường", "Dũng", "Hương", "Khánh", "Lan", "Nghĩa", "Phương", "Tuấn"};

std::vector<std::string> names(int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i)
        out.push_back(std::string(kSurnames[i % 10]) + " " + kMiddles[(i / 10 + i) % 8] + " " + kGivens[(i * 7) % 10]);
    return out;
}

BallotContent content(int n, bool agree = false) {
    BallotContent c;
    c.organization = "ĐẢNG BỘ XÃ TÂN LẬP";
    c.congress = "ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XV";
    c.party = "ĐẢNG CỘNG SẢN VIỆT NAM";
    c.title = "PHIẾU BẦU CỬ";
    c.election = "Bầu Ban Chấp hành Đảng bộ xã Tân Lập khóa XVI, nhiệm kỳ 2025 – 2030";
    c.count_line = "Số lượng bầu: 15 đồng chí";
    c.number_header = "STT";
    c.name_header = "Họ và tên";
    c.agree_header = "Đồng ý";
    c.disagree_header = "Không đồng ý";
    c.names = names(n);
    c.agree = agree;
    c.instruction = agree ? "Ở mỗi dòng, đánh dấu X vào một ô: “Đồng ý” hoặc “Không đồng ý”."
                          : "Gạch tên người không bầu. Phiếu để lại nhiều tên hơn số lượng bầu là phiếu không hợp lệ.";
    c.stamp_label = "Nơi đóng dấu";
    c.code = {1, hash20("Tân Lập\x1f" "bch"), hash20("list")};
    c.code_text = "bch · lần 1 · 12345-6789A";
    return c;
}

bool inside(const Rect& in, const Rect& out, double tol = 0.01) {
    return in.x >= out.x - tol && in.y >= out.y - tol && in.right() <= out.right() + tol &&
           in.bottom() <= out.bottom() + tol;
}
// Rects sharing an edge (rows between one grid line) do not overlap.
bool overlaps(const Rect& a, const Rect& b) {
    constexpr double e = 1e-6;
    return a.x < b.right() - e && b.x < a.right() - e && a.y < b.bottom() - e && b.y < a.bottom() - e;
}
Rect grown(const Rect& r, double by) { return {r.x - by, r.y - by, r.w + 2 * by, r.h + 2 * by}; }
Rect fiducial_rect(const BallotLayout& l, int i) {
    return {l.fiducials[i].x - l.fiducial / 2, l.fiducials[i].y - l.fiducial / 2, l.fiducial, l.fiducial};
}

std::uint64_t reversed(std::uint64_t b) {
    std::uint64_t r = 0;
    for (int k = 0; k < 64; ++k)
        if ((b >> k) & 1u) r |= std::uint64_t{1} << (63 - k);
    return r;
}

std::string run(const std::string& cmd) {
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        pclose(p);
    }
    return out;
}

// The checks every layout passes: the rows in their columns without
// overlapping, each name's ink in its cell, the marks inside the sheet with
// their margin and nothing printed within 3 mm of them.
void check_layout(const BallotContent& c, const BallotLayout& l) {
    const double quiet = 3 * 72 / 25.4;
    ASSERT_EQ(l.rows.size(), c.names.size());
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
        const RowGeometry& r = l.rows[i];
        EXPECT_GE(r.row.h, kMinRow) << i;
        EXPECT_TRUE(inside(r.text, r.name)) << "name " << i << " outside its cell";
        EXPECT_TRUE(inside(r.number, r.row)) << i;
        EXPECT_TRUE(inside(r.name, r.row)) << i;
        EXPECT_TRUE(inside(r.row, l.table)) << i;
        EXPECT_GT(r.text.w, 0) << i;
        // White above and below the name, to strike it through.
        EXPECT_GE(r.text.y - r.row.y, 2.5) << i;
        EXPECT_GE(r.row.bottom() - r.text.bottom(), 2.5) << i;
        if (c.agree) {
            for (const Rect& b : {r.agree, r.disagree}) {
                EXPECT_TRUE(inside(grown(b, 1), r.row)) << "box of row " << i;
                EXPECT_GE(b.w, 5 * 72 / 25.4 - 0.01);
                EXPECT_FALSE(overlaps(b, r.name));
            }
            EXPECT_FALSE(overlaps(r.agree, r.disagree));
        } else {
            EXPECT_EQ(r.agree.w, 0);
        }
        for (std::size_t j = 0; j < i; ++j) EXPECT_FALSE(overlaps(r.row, l.rows[j].row)) << i << " and " << j;
    }
    // Rows fill the first column first, in ballot order.
    for (std::size_t i = 1; i < l.rows.size(); ++i)
        EXPECT_TRUE(l.rows[i].row.x > l.rows[i - 1].row.x || l.rows[i].row.y > l.rows[i - 1].row.y) << i;
    const Rect sheet{0, 0, l.page_w, l.page_h};
    std::vector<Rect> marks;
    for (int i = 0; i < 4; ++i) {
        Rect f = fiducial_rect(l, i);
        EXPECT_TRUE(inside(grown(f, 5 * 72 / 25.4), sheet)) << "fiducial " << i;
        marks.push_back(grown(f, quiet - 0.01));
    }
    Rect strip{l.code_cells.front().x, l.code_cells.front().y, l.code_cells.back().right() - l.code_cells.front().x,
               l.code_cells.front().h};
    EXPECT_TRUE(inside(strip, sheet));
    for (int i = 0; i < 4; ++i) EXPECT_FALSE(overlaps(strip, marks[i])) << "code strip near fiducial " << i;
    marks.push_back(grown(strip, quiet - 0.01));
    for (const Rect& printed : {l.heading, l.table, l.instruction, l.stamp})
        for (std::size_t m = 0; m < marks.size(); ++m)
            EXPECT_FALSE(overlaps(printed, marks[m])) << "printed matter within 3 mm of mark " << m;
    EXPECT_TRUE(inside(l.stamp, l.heading));
    EXPECT_LT(l.stamp.x, l.page_w / 3);
    EXPECT_LT(l.stamp.y, l.page_h / 4);
    EXPECT_LE(l.heading.bottom(), l.table.y);
    EXPECT_LE(l.table.bottom(), l.instruction.y);
    for (int k = 1; k < kCodeBits; ++k) EXPECT_NEAR(l.code_cells[k].x, l.code_cells[k - 1].right(), 1e-9);
}

}  // namespace

TEST(BallotPaperCode, RoundTripsRandomCodes) {
    std::mt19937_64 rng(20250715);
    for (int i = 0; i < 20000; ++i) {
        BallotCode c{static_cast<int>(rng() % 15) + 1, static_cast<std::uint32_t>(rng() & 0xFFFFF),
                     static_cast<std::uint32_t>(rng() & 0xFFFFF)};
        auto back = decode(encode(c));
        ASSERT_TRUE(back) << i;
        EXPECT_EQ(*back, c);
    }
}

TEST(BallotPaperCode, RejectsEverySingleFlipTheReversedStripAndEmptyOrBlack) {
    EXPECT_FALSE(decode(0));
    EXPECT_FALSE(decode(~std::uint64_t{0}));
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        BallotCode c{static_cast<int>(rng() % 15) + 1, static_cast<std::uint32_t>(rng() & 0xFFFFF),
                     static_cast<std::uint32_t>(rng() & 0xFFFFF)};
        const std::uint64_t b = encode(c);
        if (i < 2000)
            for (int k = 0; k < kCodeBits; ++k) ASSERT_FALSE(decode(b ^ (std::uint64_t{1} << k))) << i << " bit " << k;
        ASSERT_FALSE(decode(reversed(b))) << "upside down: code " << i;
    }
}

TEST(BallotPaperCode, RejectsEveryDoubleFlip) {
    const std::uint64_t b = encode({2, 0x12345, 0xABCDE});
    for (int j = 0; j < kCodeBits; ++j)
        for (int k = j + 1; k < kCodeBits; ++k)
            ASSERT_FALSE(decode(b ^ (std::uint64_t{1} << j) ^ (std::uint64_t{1} << k))) << j << "," << k;
}

TEST(BallotPaperCode, Hash20IsTwentyBitsAndStable) {
    EXPECT_LE(hash20(""), 0xFFFFFu);
    EXPECT_EQ(hash20("bch"), hash20("bch"));
    EXPECT_NE(hash20("bch"), hash20("bcH"));
    // FNV-1a 64 of "" is 0xcbf29ce484222325, folded: h ^ h>>20 ^ h>>40, low 20 bits.
    const std::uint64_t h = 0xcbf29ce484222325ull;
    EXPECT_EQ(hash20(""), static_cast<std::uint32_t>((h ^ (h >> 20) ^ (h >> 40)) & 0xFFFFF));
}

TEST(BallotPaperLayout, ThirtyNamesCrossFormOnA5) {
    auto c = content(30);
    auto l = layout(c);
    EXPECT_FALSE(l.a4);
    EXPECT_NEAR(l.page_w, 419.53, 0.01);
    EXPECT_NEAR(l.page_h, 595.28, 0.01);
    EXPECT_GE(l.font_size, 11);
    EXPECT_LE(l.font_size, 14);
    check_layout(c, l);
}

TEST(BallotPaperLayout, FewNamesOneColumnLargeType) {
    auto c = content(7);
    auto l = layout(c);
    EXPECT_FALSE(l.a4);
    EXPECT_EQ(l.columns, 1);
    EXPECT_GE(l.font_size, 13);
    check_layout(c, l);
}

TEST(BallotPaperLayout, SixtyNamesOnA4) {
    auto c = content(60);
    auto l = layout(c);
    EXPECT_TRUE(l.a4);
    EXPECT_NEAR(l.page_w, 595.28, 0.01);
    EXPECT_NEAR(l.page_h, 841.89, 0.01);
    EXPECT_GE(l.columns, 2);
    check_layout(c, l);
}

TEST(BallotPaperLayout, TwoHundredNamesRefused) {
    EXPECT_THROW(layout(content(200)), Refused);
    // The longest list that fits is on A4 in three columns.
    int n = 60;
    while (n < 200) {
        try {
            (void)layout(content(n + 1));
        } catch (const Refused&) {
            break;
        }
        ++n;
    }
    EXPECT_GT(n, 80);
    auto c = content(n);
    auto l = layout(c);
    EXPECT_TRUE(l.a4);
    EXPECT_EQ(l.columns, 3);
    check_layout(c, l);
}

TEST(BallotPaperLayout, AgreeFormBoxesInTheirRows) {
    auto c = content(9, true);
    auto l = layout(c);
    check_layout(c, l);
    for (const auto& r : l.rows) {
        EXPECT_GT(r.agree.x, r.name.right());
        EXPECT_GT(r.disagree.x, r.agree.right());
        EXPECT_NEAR(r.agree.y + r.agree.h / 2, r.row.y + r.row.h / 2, 0.01);
    }
}

TEST(BallotPaperLayout, AgreeFormOfManyNamesOnA4) {
    auto c = content(40, true);
    auto l = layout(c);
    EXPECT_TRUE(l.a4);
    check_layout(c, l);
}

TEST(BallotPaperLayout, LongNameShrinksTheType) {
    auto c = content(5);
    c.names[2] = "Công Tằng Tôn Nữ Thị Phương Thảo Nguyên Khánh Linh";
    auto l = layout(c);
    check_layout(c, l);
}

TEST(BallotPaperRender, PixelSizeFiducialsAndCode) {
    auto c = content(30);
    c.code = {3, 0xF0F0F, 0x12345};
    auto l = layout(c);
    auto img = render(c, l, 200);
    EXPECT_NEAR(img.width, 1166, 1);
    EXPECT_NEAR(img.height, 1654, 1);
    ASSERT_EQ(img.pixels.size(), static_cast<std::size_t>(img.width) * img.height);
    const double s = 200.0 / 72;
    auto px = [&](double x, double y) { return img.at(static_cast<int>(x * s), static_cast<int>(y * s)); };
    for (const auto& f : l.fiducials) EXPECT_LT(px(f.x, f.y), 40);
    const std::uint64_t bits = encode(c.code);
    for (int k = 0; k < kCodeBits; ++k) {
        const Rect& r = l.code_cells[k];
        const int v = px(r.x + r.w / 2, r.y + r.h / 2);
        if ((bits >> k) & 1u)
            EXPECT_LT(v, 40) << "cell " << k;
        else
            EXPECT_GT(v, 215) << "cell " << k;
    }
    // The corners of the sheet are white, and so is the inside of the stamp's box below its label.
    EXPECT_EQ(img.at(2, 2), 255);
    EXPECT_GT(px(l.stamp.x + l.stamp.w / 2, l.stamp.bottom() - 8), 250);
    // A name is ink.
    const Rect& t = l.rows[0].text;
    int dark = 0;
    for (double x = t.x; x < t.right(); x += 0.5)
        for (double y = t.y; y < t.bottom(); y += 0.5) dark += px(x, y) < 128;
    EXPECT_GT(dark, 20);
}

TEST(BallotPaperPdf, TextSizeAndTwoUp) {
    ScratchDir dir;
    auto c = content(30);
    const std::string file = dir.file("phieu.pdf");
    write_pdf(c, file);
    const std::string text = run("pdftotext -layout '" + file + "' -");
    EXPECT_NE(text.find("PHIẾU BẦU CỬ"), std::string::npos) << text;
    for (const auto& n : c.names) EXPECT_NE(text.find(n), std::string::npos) << n;
    const std::string info = run("pdfinfo '" + file + "'");
    EXPECT_NE(info.find("Pages:           1"), std::string::npos) << info;
    EXPECT_NE(info.find("419.53 x 595.28"), std::string::npos) << info;

    const std::string two = dir.file("hai.pdf");
    write_pdf(c, two, true);
    const std::string info2 = run("pdfinfo '" + two + "'");
    EXPECT_NE(info2.find("841.89 x 595.28"), std::string::npos) << info2;
    const std::string text2 = run("pdftotext '" + two + "' -");
    std::size_t at = text2.find("PHIẾU BẦU CỬ");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(text2.find("PHIẾU BẦU CỬ", at + 1), std::string::npos);

    // An A4 ballot is not printed two a sheet; nothing is left behind.
    const std::string a4 = dir.file("a4.pdf");
    EXPECT_THROW(write_pdf(content(60), a4, true), Refused);
    EXPECT_FALSE(std::filesystem::exists(a4));
    EXPECT_THROW(write_pdf(c, dir.file("no/such/folder.pdf")), Refused);
}

TEST(BallotPaperContent, FromTheWorkspace) {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::import_members(ws, dir.write("m.csv", "code,full_name,gender,birth_date,party_join_date,official_date\n"
                                                    "A,Lê Văn An,M,1970-01-01,2000-01-01,2001-01-01\n"
                                                    "B,Trần Thị Bình,F,1971-01-01,2000-01-01,2001-01-01\n"
                                                    "C,Đặng Văn Cường,M,1972-01-01,2000-01-01,2001-01-01\n"),
                             {});
    namespace el = daihoi::election;
    el::create(ws, {"bch", "Bầu Ban Chấp hành", 2, 0, "committee", "convened"});
    el::add_candidates(ws, "bch", {"A", "B", "C"}, "committee");
    // In setup the positions are not assigned: no paper yet, as no .xlsx ballot.
    EXPECT_THROW(report::ballot_paper(ws.db(), "bch"), Refused);
    el::open(ws, "bch");
    auto c = report::ballot_paper(ws.db(), "bch");
    EXPECT_EQ(c.organization, "ĐẢNG BỘ XÃ TÂN LẬP");
    EXPECT_EQ(c.congress, "ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XV");
    EXPECT_EQ(c.party, "ĐẢNG CỘNG SẢN VIỆT NAM");
    EXPECT_EQ(c.title, "PHIẾU BẦU CỬ");
    EXPECT_EQ(c.election, "Bầu Ban Chấp hành");
    EXPECT_EQ(c.count_line, "Số lượng bầu: 2 đồng chí");
    EXPECT_EQ(c.round_line, "");
    EXPECT_FALSE(c.agree);
    EXPECT_EQ(c.number_header, "STT");
    EXPECT_FALSE(c.instruction.empty());
    EXPECT_FALSE(c.stamp_label.empty());
    ASSERT_EQ(c.names.size(), 3u);
    auto list = el::candidates(ws.db(), "bch");
    for (std::size_t i = 0; i < list.size(); ++i) EXPECT_EQ(c.names[i], list[i].name);
    EXPECT_EQ(c.code.round, 1);
    EXPECT_EQ(c.code.election, hash20(test::sample_congress().name + "\x1f" + "Đảng bộ xã Tân Lập" + "\x1f" + "bch"));
    EXPECT_EQ(c.code_text.find("bch · lần 1 · "), 0u) << c.code_text;
    EXPECT_EQ(report::ballot_paper(ws.db(), "bch").code, c.code);  // the same list, the same code
    auto l = layout(c);
    check_layout(c, l);

    el::create(ws, {"ubkt", "Bầu Ủy ban Kiểm tra", 3, 0, "inspection", "convened", "agree"});
    el::add_candidates(ws, "ubkt", {"A", "B", "C"}, "committee");
    el::open(ws, "ubkt");
    auto a = report::ballot_paper(ws.db(), "ubkt");
    EXPECT_TRUE(a.agree);
    EXPECT_EQ(a.agree_header, "Đồng ý");
    EXPECT_EQ(a.disagree_header, "Không đồng ý");
    EXPECT_NE(a.code.election, c.code.election);
    EXPECT_NE(a.code.list, c.code.list);
    EXPECT_THROW(report::ballot_paper(ws.db(), "nope"), InputError);
}
