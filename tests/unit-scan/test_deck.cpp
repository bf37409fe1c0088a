// The test deck (core/scan/deck): its truth file, its pages decoded, the
// same seed giving the same bytes, the shares of kinds as asked, and the
// pen's ink where the truth says it is — and nowhere else.
#include "core/scan/deck.hpp"

#include "core/error.hpp"
#include "core/scan/image_io.hpp"
#include "scratch.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

using namespace daihoi;
using namespace daihoi::scan;
using daihoi::test::read_all;
using daihoi::test::ScanScratch;

namespace {

paper::BallotContent deck_content(int names, bool agree) { return sample_content(names, agree, 5); }

std::vector<std::string> lines_of(const std::filesystem::path& f) {
    std::ifstream in(f);
    std::vector<std::string> lines;
    for (std::string s; std::getline(in, s);) lines.push_back(s);
    return lines;
}

std::vector<int> positions(const std::string& s) {
    std::vector<int> v;
    std::istringstream in(s);
    for (int p; in >> p;) v.push_back(p);
    return v;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out(1);
    for (char ch : s) {
        if (ch == ',') out.emplace_back();
        else out.back().push_back(ch);
    }
    return out;
}

Page only_page(const std::filesystem::path& f) {
    std::vector<Page> pages;
    for_each_page(f, [&](Page&& p) { pages.push_back(std::move(p)); });
    EXPECT_EQ(pages.size(), 1u);
    return pages.at(0);
}

// The mean of (sheet − page) over a rectangle in points: the ink added there.
double added_ink(const GrayImage& page, const GrayImage& sheet, const paper::Rect& r, double dpi) {
    const double s = dpi / 72;
    int x0 = std::max(0, int(r.x * s)), x1 = std::min(page.width, int(r.right() * s));
    int y0 = std::max(0, int(r.y * s)), y1 = std::min(page.height, int(r.bottom() * s));
    double sum = 0;
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x, ++n) sum += int(sheet.at(x, y)) - int(page.at(x, y));
    return n ? sum / n : 0;
}

}  // namespace

TEST(Deck, FortyPagesOfTheCrossFormWithTheirTruth) {
    ScanScratch dir;
    const auto c = deck_content(30, false);
    DeckOptions o;
    o.count = 40;
    o.seed = 11;
    o.dpi = 150;
    auto deck = make_deck(c, dir.path().string(), o);
    ASSERT_EQ(deck.size(), 40u);
    auto lines = lines_of(dir.file("truth.csv"));
    ASSERT_EQ(lines.size(), 41u);
    EXPECT_EQ(lines[0], "file,kind,fault,odd,expect,crossed,disagree,both,neither");
    const auto l = paper::layout(c);
    const auto sheet = paper::render(c, l, 150);
    std::map<std::string, int> kinds;
    for (std::size_t i = 0; i < deck.size(); ++i) {
        const auto& d = deck[i];
        SCOPED_TRACE(d.file);
        auto f = split(lines[i + 1]);
        ASSERT_EQ(f.size(), 9u);
        EXPECT_EQ(f[0], d.file);
        EXPECT_EQ(f[1], d.kind);
        EXPECT_EQ(f[2], d.fault);
        EXPECT_EQ(f[3], d.odd);
        EXPECT_EQ(f[4], d.expect);
        EXPECT_EQ(positions(f[5]), d.crossed);
        EXPECT_TRUE(f[6].empty() && f[7].empty() && f[8].empty());
        ++kinds[d.kind];
        const bool jpeg = d.fault.find("jpeg") != std::string::npos;
        EXPECT_EQ(d.file, fmt::format("{:05d}.{}", i + 1, jpeg ? "jpg" : "png"));
        Page p = only_page(dir.file(d.file));
        EXPECT_EQ(p.image.width, sheet.width);
        EXPECT_EQ(p.image.height, sheet.height);
        EXPECT_DOUBLE_EQ(p.dpi, 150);
        for (int pos : d.crossed) EXPECT_TRUE(pos >= 1 && pos <= 30);
        if (d.kind == "blank") {
            EXPECT_EQ(d.expect, "skipped");
        } else if (d.kind == "odd") {
            EXPECT_EQ(d.expect, "held");
        } else if (d.kind == "ordinary") {
            EXPECT_EQ(d.expect, "accepted");
        }
        if (d.kind == "fault") {
            bool held = false;
            for (const char* f : {"fold", "streak", "wrong_scale"}) held |= d.fault.find(f) != std::string::npos;
            EXPECT_EQ(d.expect, held ? "held" : "accepted");
        }
    }
    EXPECT_GE(kinds["ordinary"], 10);
    EXPECT_GE(kinds["fault"], 6);

    // A folder with files in it is refused.
    EXPECT_THROW(make_deck(c, dir.path().string(), o), Refused);
}

TEST(Deck, TheSameSeedGivesTheSameBytesAnotherSeedOthers) {
    ScanScratch a, b, other;
    const auto c = deck_content(30, false);
    DeckOptions o;
    o.count = 12;
    o.seed = 42;
    o.dpi = 100;
    o.faults = 60;
    make_deck(c, a.path().string(), o);
    make_deck(c, b.path().string(), o);
    for (const auto& e : std::filesystem::directory_iterator(a.path())) {
        SCOPED_TRACE(e.path().filename().string());
        EXPECT_EQ(read_all(e.path()), read_all(b.file(e.path().filename().string())));
    }
    o.seed = 43;
    make_deck(c, other.path().string(), o);
    EXPECT_NE(read_all(a.file("truth.csv")), read_all(other.file("truth.csv")));
    int same = 0;
    for (int n = 1; n <= 12; ++n) {
        auto name = fmt::format("{:05d}.png", n);
        if (std::filesystem::exists(other.file(name)) && std::filesystem::exists(a.file(name)))
            same += read_all(a.file(name)) == read_all(other.file(name));
    }
    EXPECT_EQ(same, 0);
}

TEST(Deck, SharesOfKindsAsAsked) {
    ScanScratch dir;
    DeckOptions o;
    o.count = 300;
    o.seed = 3;
    o.dpi = 72;
    o.faults = 40;
    o.odd = 10;
    o.blank = 5;
    auto deck = make_deck(deck_content(12, false), dir.path().string(), o);
    std::map<std::string, int> kinds, faults, odds;
    int combined = 0, none = 0, all = 0;
    for (const auto& d : deck) {
        ++kinds[d.kind];
        if (!d.fault.empty()) ++faults[d.fault];
        if (!d.odd.empty()) ++odds[d.odd];
        combined += d.fault.find('+') != std::string::npos;
        if (d.kind == "ordinary") {
            none += d.crossed.empty();
            all += d.crossed.size() == 12;
        }
    }
    EXPECT_NEAR(kinds["fault"], 120, 30);
    EXPECT_NEAR(kinds["odd"], 30, 15);
    EXPECT_NEAR(kinds["blank"], 15, 11);
    EXPECT_NEAR(kinds["ordinary"], 135, 30);
    EXPECT_GE(combined, 10);
    EXPECT_GE(faults.size(), 15u);  // the 13 kinds and some pairs
    EXPECT_EQ(odds.size(), 5u);
    EXPECT_GE(none, 3);
    EXPECT_GE(all, 1);
}

TEST(Deck, StrokesAndMarksLandWhereTheTruthSays) {
    for (bool agree : {false, true}) {
        SCOPED_TRACE(agree ? "agree form" : "cross form");
        ScanScratch dir;
        const auto c = deck_content(agree ? 10 : 30, agree);
        DeckOptions o;
        o.count = 40;
        o.seed = 7;
        o.dpi = 150;
        auto deck = make_deck(c, dir.path().string(), o);
        const auto l = paper::layout(c);
        const auto sheet = paper::render(c, l, o.dpi);
        int checked = 0, disagreeing = 0;
        for (const auto& d : deck) {
            if (agree) {
                EXPECT_TRUE(d.crossed.empty());
                disagreeing += static_cast<int>(d.disagree.size());
            }
            if (d.kind != "ordinary") continue;
            SCOPED_TRACE(d.file);
            ++checked;
            GrayImage page = only_page(dir.file(d.file)).image;
            auto has = [](const std::vector<int>& v, int p) { return std::find(v.begin(), v.end(), p) != v.end(); };
            for (int pos = 1; pos <= static_cast<int>(l.rows.size()); ++pos) {
                const auto& g = l.rows[pos - 1];
                if (!agree) {
                    // The name's middle band: darker when struck; the row untouched otherwise.
                    paper::Rect band{g.text.x, g.text.y + g.text.h * 0.2, g.text.w, g.text.h * 0.6};
                    if (has(d.crossed, pos)) {
                        EXPECT_GT(added_ink(page, sheet, band, o.dpi), 4) << pos;
                    } else {
                        // (the scanner's grain alone darkens a row by well under a grey level)
                        EXPECT_LT(added_ink(page, sheet, g.row, o.dpi), 1.0) << pos;
                    }
                } else {
                    bool both = has(d.both, pos), neither = has(d.neither, pos), no = has(d.disagree, pos);
                    double a = added_ink(page, sheet, g.agree, o.dpi), n = added_ink(page, sheet, g.disagree, o.dpi);
                    if (!neither && (both || !no)) {
                        EXPECT_GT(a, 4) << pos;
                    } else {
                        EXPECT_LT(a, 1.0) << pos;
                    }
                    if (!neither && (both || no)) {
                        EXPECT_GT(n, 4) << pos;
                    } else {
                        EXPECT_LT(n, 1.0) << pos;
                    }
                }
            }
        }
        EXPECT_GE(checked, 8);
        if (agree) {
            EXPECT_GE(disagreeing, 20);
        }
    }
}

TEST(Deck, AnotherScanOfTheSameStackKeepsItsBallotsNotItsImages) {
    // A second station's pass: the same sheets and strokes, other faults and grain.
    const auto c = deck_content(30, false);
    DeckOptions o;
    o.count = 60;
    o.seed = 77;
    const DeckMaker first(c, o);
    o.scan = 2;
    const DeckMaker second(c, o);
    int differing_images = 0;
    for (int n = 1; n <= o.count; ++n) {
        GrayImage a, b;
        int qa = 0, qb = 0;
        const DeckPage pa = first.page(n, a, qa), pb = second.page(n, b, qb);
        EXPECT_EQ(pa.crossed, pb.crossed) << n;
        EXPECT_EQ(pa.odd, pb.odd) << n;
        EXPECT_EQ(pa.kind == "blank", pb.kind == "blank") << n;
        EXPECT_EQ(pa.kind == "odd", pb.kind == "odd") << n;
        differing_images += a.pixels != b.pixels;
    }
    EXPECT_EQ(differing_images, o.count);
}
