// The reader on pages drawn here, one rule at a time: a page is accepted
// only when every row is certain and nothing else is on it; everything
// else is held with its reason, or rejected when it is another ballot.
#include "core/paper/ballot_paper.hpp"
#include "core/scan/deck.hpp"
#include "core/scan/reader.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <random>
#include <string>
#include <vector>

namespace paper = daihoi::paper;
namespace sc = daihoi::scan;

namespace {

paper::BallotContent content(int names, bool agree = false, int round = 1) {
    static const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"};
    static const char* middle[] = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thu"};
    static const char* given[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Khoa", "Lan", "Phương Thảo", "Quân"};
    paper::BallotContent c;
    c.organization = "ĐẢNG BỘ XÃ TÂN LẬP";
    c.congress = "ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XV";
    c.party = "ĐẢNG CỘNG SẢN VIỆT NAM";
    c.title = "PHIẾU BẦU CỬ";
    c.election = "Bầu Ban Chấp hành Đảng bộ xã khóa XV, nhiệm kỳ 2025 – 2030";
    c.count_line = "Số lượng bầu: 15 người";
    c.round_line = round > 1 ? "Bầu lần thứ " + std::to_string(round) : "";
    c.number_header = "STT";
    c.name_header = "Họ và tên";
    c.agree_header = "Đồng ý";
    c.disagree_header = "Không đồng ý";
    for (int i = 0; i < names; ++i)
        c.names.push_back(std::string(family[i % 8]) + " " + middle[(i / 8) % 6] + " " + given[(i * 7) % 10]);
    c.agree = agree;
    c.instruction = agree ? "Đánh dấu X vào một ô của mỗi dòng." : "Gạch ngang cả họ và tên người không bầu.";
    c.stamp_label = "Dấu của Ban tổ chức";
    c.code = {round, paper::hash20("test-congress\x1f" "bch"), paper::hash20("list v1")};
    c.code_text = "bch · lần 1";
    return c;
}

struct Sheet {
    paper::BallotLayout layout;
    cv::Mat img;  // CV_8U, 200 dpi
};

constexpr double kDpi = 200, kPx = kDpi / 72;

Sheet sheet(const paper::BallotContent& c) {
    Sheet s;
    s.layout = paper::layout(c);
    auto g = paper::render(c, s.layout, kDpi);
    s.img = cv::Mat(g.height, g.width, CV_8U, g.pixels.data()).clone();
    return s;
}

sc::GrayImage gray(const cv::Mat& m) {
    sc::GrayImage g;
    g.width = m.cols;
    g.height = m.rows;
    cv::Mat c = m.isContinuous() ? m : m.clone();
    g.pixels.assign(c.data, c.data + c.total());
    return g;
}

// A pen stroke through the printed name of row `pos` (1-based), from
// `from` to `to` of its width (0…1), `dy` of the text's height off its middle.
void strike(Sheet& s, int pos, double from = -0.05, double to = 1.05, double dy = 0, int grey = 30, double mm = 0.5) {
    const auto& t = s.layout.rows[static_cast<std::size_t>(pos) - 1].text;
    const double y = (t.y + t.h / 2 + dy * t.h) * kPx;
    const double x0 = (t.x + from * t.w) * kPx, x1 = (t.x + to * t.w) * kPx;
    cv::line(s.img, {static_cast<int>(x0), static_cast<int>(y)}, {static_cast<int>(x1), static_cast<int>(y + 2)},
             cv::Scalar(grey), std::max(1, static_cast<int>(mm * kDpi / 25.4)), cv::LINE_AA);
}

void mark_box(Sheet& s, const paper::Rect& b) {
    cv::Point a(static_cast<int>((b.x + 1) * kPx), static_cast<int>((b.y + 1) * kPx));
    cv::Point z(static_cast<int>((b.right() - 1) * kPx), static_cast<int>((b.bottom() - 1) * kPx));
    cv::line(s.img, a, z, cv::Scalar(20), 4, cv::LINE_AA);
    cv::line(s.img, {a.x, z.y}, {z.x, a.y}, cv::Scalar(20), 4, cv::LINE_AA);
}

sc::PageReading read(const paper::BallotContent& c, const cv::Mat& img, double dpi = kDpi) {
    return sc::Reader(c).read(gray(img), dpi);
}

}  // namespace

TEST(Reader, StruckNamesAreReadAndNothingElse) {
    auto c = content(30);
    auto s = sheet(c);
    for (int pos : {2, 5, 17, 30}) strike(s, pos);
    auto r = read(c, s.img);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_EQ(r.crossed, (std::vector<int>{2, 5, 17, 30}));
    EXPECT_TRUE(r.doubtful.empty());
    ASSERT_EQ(r.rows.size(), 30u);
    EXPECT_EQ(r.rows[1].score, 1000);
    EXPECT_EQ(r.rows[0].score, 0);
    EXPECT_FALSE(r.upside_down);
}

TEST(Reader, AnUntouchedBallotKeepsEveryName) {
    auto c = content(12);
    auto s = sheet(c);
    auto r = read(c, s.img);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_TRUE(r.crossed.empty());
}

TEST(Reader, StrokesAboveOrBelowTheMiddleAndPaleInkStillCount) {
    auto c = content(20);
    auto s = sheet(c);
    strike(s, 3, -0.1, 1.1, -0.25);
    strike(s, 4, 0.0, 1.0, 0.25, 90, 0.35);
    auto r = read(c, s.img);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_EQ(r.crossed, (std::vector<int>{3, 4}));
}

TEST(Reader, APartialStrokeIsHeldNeverGuessed) {
    auto c = content(20);
    auto s = sheet(c);
    strike(s, 1);
    strike(s, 6, 0.1, 0.5);  // half the name
    auto r = read(c, s.img);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "doubtful_row");
    EXPECT_EQ(r.doubtful, (std::vector<int>{6}));
    EXPECT_EQ(r.crossed, (std::vector<int>{1}));
}

TEST(Reader, AFaintStrokeIsHeld) {
    auto c = content(20);
    auto s = sheet(c);
    strike(s, 7, -0.05, 1.05, 0, 205);  // barely darker than the paper
    auto r = read(c, s.img);
    EXPECT_EQ(r.status, sc::PageStatus::Held) << r.detail;
    EXPECT_EQ(r.doubtful, (std::vector<int>{7}));
}

TEST(Reader, ACircleOrATickIsHeld) {
    auto c = content(20);
    {
        auto s = sheet(c);
        const auto& t = s.layout.rows[4].text;
        cv::ellipse(s.img, {static_cast<int>((t.x + t.w / 2) * kPx), static_cast<int>((t.y + t.h / 2) * kPx)},
                    {static_cast<int>((t.w / 2 + 6) * kPx), static_cast<int>((t.h / 2 + 2) * kPx)}, 0, 0, 360,
                    cv::Scalar(30), 3, cv::LINE_AA);
        auto r = read(c, s.img);
        EXPECT_EQ(r.status, sc::PageStatus::Held);
        EXPECT_FALSE(r.doubtful.empty());
    }
    {
        auto s = sheet(c);
        const auto& t = s.layout.rows[8].text;
        cv::Point a(static_cast<int>((t.right() + 4) * kPx), static_cast<int>((t.y + t.h * 0.5) * kPx));
        cv::line(s.img, a, a + cv::Point(8, 12), cv::Scalar(30), 3, cv::LINE_AA);
        cv::line(s.img, a + cv::Point(8, 12), a + cv::Point(26, -16), cv::Scalar(30), 3, cv::LINE_AA);
        auto r = read(c, s.img);
        EXPECT_EQ(r.status, sc::PageStatus::Held);
        EXPECT_EQ(r.doubtful, (std::vector<int>{9}));
    }
}

// A page the accuracy benchmark found accepted (seed 20261209, chunk 138,
// page 60): a small pale tick over the letters of row 12, most of it hidden
// by the print, a few pixels showing, read as kept while a kept row could
// hold up to 1 mm² of ink. A row is kept only when it holds no ink of the
// voter but a speck.
TEST(Reader, ASmallTickOverTheLettersIsHeld) {
    const auto c = sc::sample_content(55, false, 1);
    sc::DeckOptions o;
    o.count = 400;
    o.seed = 20261209ULL * 1'000'003 + 138;
    const sc::DeckMaker maker(c, o);
    sc::GrayImage img;
    int quality = 0;
    const sc::DeckPage d = maker.page(60, img, quality);
    ASSERT_EQ(d.odd, "tick");
    ASSERT_EQ(quality, 0);
    const auto r = sc::Reader(c).read(img, o.dpi);
    ASSERT_EQ(r.status, sc::PageStatus::Held) << r.detail;
    ASSERT_EQ(r.doubtful, (std::vector<int>{12}));
    EXPECT_EQ(r.rows[11].cause, "stray") << r.rows[11].why;
    // With the old allowance the same row is read as kept: the page still
    // tests the speck.
    sc::Thresholds loose = sc::default_thresholds();
    loose.kept_ink_mm2 = loose.stray_mm2;
    EXPECT_EQ(sc::Reader(c, loose).read(img, o.dpi).status, sc::PageStatus::Accepted);
}

TEST(Reader, WritingOutsideTheListIsHeld) {
    auto c = content(20);
    auto s = sheet(c);
    strike(s, 2);
    const auto& l = s.layout;
    const int y = static_cast<int>((l.instruction.bottom() + 12) * kPx);
    const int x = static_cast<int>(l.table.x * kPx);
    for (int k = 0; k < 6; ++k)
        cv::line(s.img, {x + k * 30, y}, {x + k * 30 + 15, y - 25}, cv::Scalar(40), 3, cv::LINE_AA);
    auto r = read(c, s.img);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "writing");
}

TEST(Reader, UpsideDownIsReadTheRightWayUp) {
    auto c = content(25);
    auto s = sheet(c);
    strike(s, 3);
    strike(s, 24);
    cv::Mat turned;
    cv::rotate(s.img, turned, cv::ROTATE_180);
    auto r = read(c, turned);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_TRUE(r.upside_down);
    EXPECT_EQ(r.crossed, (std::vector<int>{3, 24}));
}

TEST(Reader, SkewShiftAndSmallScaleAreCorrected) {
    auto c = content(30);
    auto s = sheet(c);
    strike(s, 10);
    strike(s, 11);
    // Turned 2.5°, 2 % larger, moved left and up: every corner mark stays on the image.
    cv::Mat m = cv::getRotationMatrix2D({s.img.cols / 2.0f, s.img.rows / 2.0f}, 2.5, 1.02);
    m.at<double>(0, 2) -= 10;
    m.at<double>(1, 2) -= 12;
    cv::Mat moved;
    cv::warpAffine(s.img, moved, m, s.img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    auto r = read(c, moved);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_EQ(r.crossed, (std::vector<int>{10, 11}));
    EXPECT_NEAR(r.skew_deg, -2.5, 0.2);
    EXPECT_NEAR(r.scale, 1.02, 0.005);
    EXPECT_EQ(r.rows[9].score, 1000);
}

TEST(Reader, AWrongScaleIsHeld) {
    auto c = content(30);
    auto s = sheet(c);
    cv::Mat m = cv::getRotationMatrix2D({s.img.cols / 2.0f, s.img.rows / 2.0f}, 0, 0.95);
    cv::Mat small;
    cv::warpAffine(s.img, small, m, s.img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    auto r = read(c, small);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "scale");
}

TEST(Reader, AStreakDownThePageIsHeld) {
    auto c = content(30);
    auto s = sheet(c);
    strike(s, 4);
    const int x = static_cast<int>((s.layout.rows[0].text.x + 20) * kPx);
    cv::line(s.img, {x, 0}, {x, s.img.rows - 1}, cv::Scalar(90), 2);
    auto r = read(c, s.img);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "streak");
}

TEST(Reader, AFoldedCornerHidingAMarkIsHeld) {
    auto c = content(30);
    auto s = sheet(c);
    const int leg = static_cast<int>(25 * kDpi / 25.4);
    std::vector<cv::Point> tri{{s.img.cols - leg, 0}, {s.img.cols - 1, 0}, {s.img.cols - 1, leg}};
    cv::fillConvexPoly(s.img, tri, cv::Scalar(225));
    auto r = read(c, s.img);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "unreadable");
}

TEST(Reader, ABlankBackIsSkipped) {
    auto c = content(10);
    cv::Mat blank(1654, 1166, CV_8U, cv::Scalar(248));
    cv::Mat noise(blank.size(), CV_8U);
    cv::randn(noise, 0, 3);
    blank -= noise;
    EXPECT_EQ(read(c, blank).status, sc::PageStatus::Blank);
}

// A page dark all over (a scanner's lid open, its lamp failing; SANE's test
// backend feeds such pages) is held, never skipped as a blank back.
TEST(Reader, APageDarkAllOverIsHeldNotSkipped) {
    auto c = content(12);
    auto s = sheet(c);
    cv::Mat black(s.img.size(), CV_8U, cv::Scalar(0)), grey(s.img.size(), CV_8U, cv::Scalar(80));
    for (const cv::Mat& m : {black, grey}) {
        auto r = read(c, m);
        EXPECT_EQ(r.status, sc::PageStatus::Held);
        EXPECT_EQ(r.reason, "unreadable") << r.detail;
    }
    cv::Mat white(s.img.size(), CV_8U, cv::Scalar(250));
    EXPECT_EQ(read(c, white).status, sc::PageStatus::Blank);
}

TEST(Reader, AnotherElectionRoundOrListIsRejected) {
    auto c = content(15);
    auto other = c;
    other.code.round = 2;
    auto s = sheet(other);
    auto r = read(c, s.img);
    EXPECT_EQ(r.status, sc::PageStatus::Rejected);
    EXPECT_EQ(r.reason, "other_round");
    other = c;
    other.code.list ^= 1;
    EXPECT_EQ(read(c, sheet(other).img).reason, "other_list");
    other = c;
    other.code.election ^= 0x80;
    EXPECT_EQ(read(c, sheet(other).img).reason, "other_election");
}

TEST(Reader, APageWithoutCornerMarksIsHeldNotRejected) {
    // A sheet that is no ballot, or a ballot enlarged until its corner marks
    // fall off the page: only a person can tell, and a ballot rejected unread
    // would not be counted.
    auto c = content(10);
    cv::Mat page(1654, 1166, CV_8U, cv::Scalar(250));
    cv::putText(page, "Minutes of the meeting", {100, 400}, cv::FONT_HERSHEY_SIMPLEX, 2, cv::Scalar(0), 3);
    auto r = read(c, page);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "unreadable");
    auto s = sheet(c);
    cv::Mat m = cv::getRotationMatrix2D({s.img.cols / 2.0f, s.img.rows / 2.0f}, 0, 1.12);
    cv::Mat big;
    cv::warpAffine(s.img, big, m, s.img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    r = read(c, big);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "unreadable");
}

TEST(Reader, AgreeBoxesAreReadAndAnUnclearBoxHeld) {
    auto c = content(8, true);
    auto s = sheet(c);
    mark_box(s, s.layout.rows[0].agree);
    mark_box(s, s.layout.rows[1].disagree);
    mark_box(s, s.layout.rows[2].agree);
    mark_box(s, s.layout.rows[2].disagree);
    for (int i = 4; i < 8; ++i) mark_box(s, s.layout.rows[static_cast<std::size_t>(i)].agree);
    auto r = read(c, s.img);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_EQ(r.disagree, (std::vector<int>{2}));
    EXPECT_EQ(r.both, (std::vector<int>{3}));
    EXPECT_EQ(r.neither, (std::vector<int>{4}));
    // A dot in a box: neither marked nor empty.
    const auto& b = s.layout.rows[3].agree;
    cv::circle(s.img, {static_cast<int>((b.x + b.w / 2) * kPx), static_cast<int>((b.y + b.h / 2) * kPx)}, 3,
               cv::Scalar(30), -1);
    auto r2 = read(c, s.img);
    EXPECT_EQ(r2.status, sc::PageStatus::Held);
    EXPECT_EQ(r2.doubtful, (std::vector<int>{4}));
}

TEST(Reader, NoiseBlurAndADarkScanDoNotChangeTheReading) {
    auto c = content(30);
    auto s = sheet(c);
    for (int pos : {1, 8, 9, 22}) strike(s, pos, -0.02, 1.02, 0.1, 60, 0.4);
    cv::Mat img;
    cv::GaussianBlur(s.img, img, {0, 0}, 1.0);
    img.convertTo(img, CV_8U, 0.75, 10);  // dark paper (about 200), ink a little lighter
    cv::Mat noise(img.size(), CV_16S);
    cv::randn(noise, 0, 8);
    cv::Mat wide;
    img.convertTo(wide, CV_16S);
    wide += noise;
    wide.convertTo(img, CV_8U);
    auto r = read(c, img);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_EQ(r.crossed, (std::vector<int>{1, 8, 9, 22}));
}

TEST(Reader, WithStampAnEmptyStampBoxIsHeld) {
    auto c = content(12);
    auto s = sheet(c);
    strike(s, 4);
    const sc::Reader stamped(c, sc::default_thresholds(), true);
    auto r = stamped.read(gray(s.img), kDpi);
    EXPECT_EQ(r.status, sc::PageStatus::Held);
    EXPECT_EQ(r.reason, "no_stamp");
    // The counting board's round stamp, in grey as a red stamp scans.
    const auto& b = s.layout.stamp;
    const cv::Point centre(static_cast<int>((b.x + b.w / 2) * kPx), static_cast<int>((b.y + b.h / 2) * kPx));
    cv::circle(s.img, centre, static_cast<int>(b.h * 0.4 * kPx), cv::Scalar(120), 4, cv::LINE_AA);
    cv::circle(s.img, centre, static_cast<int>(b.h * 0.25 * kPx), cv::Scalar(120), 3, cv::LINE_AA);
    r = stamped.read(gray(s.img), kDpi);
    ASSERT_EQ(r.status, sc::PageStatus::Accepted) << r.reason << ": " << r.detail;
    EXPECT_EQ(r.crossed, (std::vector<int>{4}));
    // Without --stamp the box is not looked at, and a stamp there is no writing.
    EXPECT_EQ(read(c, s.img).status, sc::PageStatus::Accepted);
}
