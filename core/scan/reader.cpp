// Reading one scanned ballot (reader.hpp). The steps, each of which can only
// hold a page, never guess it:
//   1. a blank page (the back of a duplex scan) is skipped;
//   2. the four fiducials are found, one in each corner, as solid squares of
//      the printed size; a corner without one holds the page (unreadable);
//   3. they give the homography from the printed layout to the image; the code
//      strip is read through it, the right way up or else upside down, and its
//      check (CRC) must pass; a code of another election, round or list
//      rejects the page;
//   4. the page is brought onto the layout at kWorkDpi, and the printed paper
//      must lie where the layout puts it (registration), else unreadable;
//   5. the ink the paper does not explain is found twice, dark (a stroke for
//      certain) and faint (anything a person might have meant), and every row
//      scored; a vertical streak down the whole page, ink outside the rows,
//      a doubtful row, each holds the page.
#include "core/scan/reader.hpp"

#include "core/base/i18n.hpp"

#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace daihoi::scan {

namespace {

// The resolution the page is read at, whatever it was scanned at: a pen
// stroke of 0.3 mm is still 2–3 pixels wide.
constexpr double kWorkDpi = 200;
constexpr double kPt = kWorkDpi / 72.0;    // work pixels a point
constexpr double kMm = kWorkDpi / 25.4;    // work pixels a millimetre
constexpr double kMm2 = kMm * kMm;         // work pixels a square millimetre
constexpr int kExplainRadius = 2;          // printed ink widened by this, for misregistration and blur
constexpr int kGridMargin = 4;             // pixels kept off a row's grid lines

cv::Rect to_work(const paper::Rect& r) {
    int x0 = static_cast<int>(std::floor(r.x * kPt)), y0 = static_cast<int>(std::floor(r.y * kPt));
    int x1 = static_cast<int>(std::ceil(r.right() * kPt)), y1 = static_cast<int>(std::ceil(r.bottom() * kPt));
    return {x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

cv::Rect shrink(cv::Rect r, int dx, int dy) {
    r.x += dx;
    r.y += dy;
    r.width = std::max(0, r.width - 2 * dx);
    r.height = std::max(0, r.height - 2 * dy);
    return r;
}

// A value of a histogram: the grey level below which `share` of the pixels lie.
int percentile(const cv::Mat& gray, double share) {
    int hist[256] = {0};
    for (int y = 0; y < gray.rows; ++y) {
        const std::uint8_t* p = gray.ptr<std::uint8_t>(y);
        for (int x = 0; x < gray.cols; ++x) ++hist[p[x]];
    }
    const double want = share * static_cast<double>(gray.total());
    double seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += hist[v];
        if (seen >= want) return v;
    }
    return 255;
}

struct Fiducial {
    bool found = false;
    cv::Point2d centre;
    double side = 0;
};

}  // namespace

const Thresholds& default_thresholds() {
    static const Thresholds t;
    return t;
}

const char* code(PageStatus s) {
    switch (s) {
        case PageStatus::Accepted: return "accepted";
        case PageStatus::Held: return "held";
        case PageStatus::Rejected: return "rejected";
        case PageStatus::Blank: return "blank";
    }
    return "held";
}

struct Reader::Impl {
    paper::BallotContent content;
    paper::BallotLayout layout;
    Thresholds t;
    bool stamp = false;
    cv::Size work;                 // the sheet at kWorkDpi
    cv::Mat printed;               // the paper as printed, grey, at kWorkDpi
    cv::Mat explained;             // printed ink widened: ink there is the paper's
    cv::Mat explained_wide;        // a pixel wider, for faint ink (the halo of a blurred or JPEG scan)
    cv::Mat lines;                 // the printed ink's core: where the scan must be dark (registration)
    int line_pixels = 0;
    std::array<cv::Point2d, 4> fid_work;  // fiducial centres, work pixels
    std::vector<cv::Rect> allowed;        // where a voter's ink may be (rows, boxes, stamp)

    void prepare() {
        layout = paper::layout(content);
        paper::GrayImage img = paper::render(content, layout, kWorkDpi);
        printed = cv::Mat(img.height, img.width, CV_8U, img.pixels.data()).clone();
        work = printed.size();
        cv::Mat ink = printed < 200;
        cv::dilate(ink, explained,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * kExplainRadius + 1, 2 * kExplainRadius + 1}));
        cv::dilate(ink, explained_wide,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * kExplainRadius + 3, 2 * kExplainRadius + 3}));
        // The core of the printed lines and letters: a scan that does not lie
        // on the layout misses them.
        cv::Mat core = printed < 60;
        cv::erode(core, lines, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
        line_pixels = cv::countNonZero(lines);
        for (int i = 0; i < 4; ++i)
            fid_work[i] = {layout.fiducials[i].x * kPt, layout.fiducials[i].y * kPt};
        const cv::Rect sheet({0, 0}, work);
        for (const auto& row : layout.rows) {
            allowed.push_back(shrink(to_work(row.row), 0, kGridMargin) & sheet);
        }
        allowed.push_back(to_work(layout.stamp) & sheet);
    }

    // ---- 2. the fiducials ------------------------------------------------------------

    // The fiducial of corner `corner` (0 tl, 1 tr, 2 br, 3 bl of the image),
    // searched in that corner of the image (22 % of its width, 16 % of its
    // height): the solid square of the printed size nearest where the layout
    // puts it.
    Fiducial find_fiducial(const cv::Mat& img, int corner, double px_per_pt) const {
        const double side = layout.fiducial * px_per_pt;
        const int rw = std::min(img.cols, static_cast<int>(img.cols * 0.22) + 1);
        const int rh = std::min(img.rows, static_cast<int>(img.rows * 0.16) + 1);
        const int x0 = (corner == 1 || corner == 2) ? img.cols - rw : 0;
        const int y0 = (corner == 2 || corner == 3) ? img.rows - rh : 0;
        cv::Mat roi = img(cv::Rect(x0, y0, rw, rh));
        cv::Mat bin;
        cv::threshold(roi, bin, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
        cv::Mat labels, stats, centroids;
        int n = cv::connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S);
        // Where the layout expects it, in this corner of the image.
        const paper::Point& p = layout.fiducials[corner];
        cv::Point2d expect(p.x * px_per_pt, p.y * px_per_pt);
        Fiducial best;
        double best_d = 1e18;
        for (int i = 1; i < n; ++i) {
            double area = stats.at<int>(i, cv::CC_STAT_AREA);
            double w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
            if (area < 0.7 * side * side || area > 1.35 * side * side) continue;
            if (w < 0.8 * side || h < 0.8 * side || w > 1.3 * side || h > 1.3 * side) continue;
            if (area < 0.78 * w * h) continue;  // solid, square (a square turned 3° fills 90 % of its box)
            cv::Point2d c(centroids.at<double>(i, 0) + x0, centroids.at<double>(i, 1) + y0);
            double d = cv::norm(c - expect);
            if (d < best_d) {
                best_d = d;
                best = {true, c, std::sqrt(area)};
            }
        }
        return best;
    }

    // ---- 3. the code ---------------------------------------------------------------

    // The code read through `h` (work pixels → image pixels); none when a
    // cell is neither clearly dark nor clearly light, or the check fails.
    std::optional<paper::BallotCode> read_code(const cv::Mat& img, const cv::Matx33d& h, double paper_level,
                                               double ink_level) const {
        std::vector<cv::Point2d> centres, mapped;
        for (const auto& c : layout.code_cells)
            centres.emplace_back((c.x + c.w / 2) * kPt, (c.y + c.h / 2) * kPt);
        cv::perspectiveTransform(centres, mapped, cv::Mat(h));
        const double cell_px = layout.code_cells[0].w * kPt * std::sqrt(std::abs(cv::determinant(h.get_minor<2, 2>(0, 0))));
        const int r = std::max(1, static_cast<int>(cell_px / 4));
        std::uint64_t bits = 0;
        for (int i = 0; i < paper::kCodeBits; ++i) {
            int cx = static_cast<int>(std::lround(mapped[i].x)), cy = static_cast<int>(std::lround(mapped[i].y));
            cv::Rect win(cx - r, cy - r, 2 * r + 1, 2 * r + 1);
            if ((win & cv::Rect(0, 0, img.cols, img.rows)) != win) return std::nullopt;
            double mean = cv::mean(img(win))[0];
            double level = (paper_level - mean) / std::max(1.0, paper_level - ink_level);  // 0 paper … 1 ink
            if (level > t.code_dark)
                bits |= std::uint64_t{1} << i;
            else if (level > t.code_light)
                return std::nullopt;  // neither: never a guessed bit
        }
        return paper::decode(bits);
    }

    // ---- 5. rows -------------------------------------------------------------------

    struct RowInk {
        int score = 0, faint_score = 0;
        bool wanders = false;  // the stroke runs up and down the name: a scribble, not a line
        double stray = 0;  // pixels
        double faint_total = 0;
    };

    // The share of the printed name's width under a stroke, and the ink of
    // the row that is no stroke. `dark`/`faint`: the voter's ink (the
    // paper's removed).
    //
    // Column by column across the row, the voter's ink is cut into vertical
    // runs. A column belongs to a stroke when it has one or two short runs
    // (a double stroke; three where a letter splits one), each centred
    // within the printed name's height, spanning at most 0.7 of the row; any
    // other ink (a run up and down the row: a tick, a circle's side, a
    // letter written in; a run above or below the name) is stray. Where
    // the stroke passes over printed letters it cannot be seen: a gap of at
    // most kBridge between two stroke columns is bridged when every column
    // of it has printed ink at the name's height (never across white paper).
    RowInk row_ink(const cv::Mat& dark, const cv::Mat& faint, const paper::RowGeometry& g) const {
        RowInk out;
        const cv::Rect sheet({0, 0}, work);
        const cv::Rect inner = shrink(to_work(g.row), 0, kGridMargin) & sheet;
        if (inner.empty()) return out;
        const cv::Rect text = to_work(g.text);
        const int w = inner.width, h = inner.height;
        // The printed name's height (its ink, the marks above the letters
        // included), in the row's pixels: a stroke through the name lies in
        // it; a circle's arcs, an underline or a mark above do not.
        const int zone0 = std::max(0, text.y - text.height / 8 - inner.y);
        const int zone1 = std::min(h - 1, text.y + text.height + text.height / 8 - inner.y);
        const int run_max = std::max(12, static_cast<int>(0.55 * h));
        std::vector<std::uint8_t> stroke(w, 0), stroke_dark(w, 0), hidden(w, 0);
        std::vector<double> centre(w, 0);
        std::vector<std::uint8_t> inked(w, 0);
        std::vector<int> top_of(w, -1);  // the first inked pixel of each column
        for (int x = 0; x < w; ++x) {
            int runs = 0, pixels = 0, first = -1, last = -1;
            bool ok = true, any_dark = false;
            int y = 0;
            while (y < h) {
                if (!faint.at<std::uint8_t>(inner.y + y, inner.x + x)) {
                    ++y;
                    continue;
                }
                const int start = y;
                bool dark_run = false;
                while (y < h && faint.at<std::uint8_t>(inner.y + y, inner.x + x)) {
                    dark_run = dark_run || dark.at<std::uint8_t>(inner.y + y, inner.x + x);
                    ++y;
                }
                const int len = y - start, mid = (start + y - 1) / 2;
                if (first < 0) first = start;
                if (top_of[x] < 0) top_of[x] = start;
                last = y - 1;
                ++runs;
                pixels += len;
                centre[x] += (start + y - 1) / 2.0 * len;
                any_dark = any_dark || dark_run;
                if (len > run_max || mid < zone0 || mid > zone1) ok = false;
            }
            out.faint_total += pixels;
            if (pixels) {
                centre[x] /= pixels;
                inked[x] = 1;
            }
            if (!runs) {
                for (int yy = zone0; yy <= zone1 && !hidden[x]; ++yy)
                    hidden[x] = explained.at<std::uint8_t>(inner.y + yy, inner.x + x);
                continue;
            }
            // One or two runs (a double stroke), or three where a letter
            // splits one of them, all within 0.7 of the row's height.
            if (ok && runs <= 3 && last - first + 1 <= static_cast<int>(0.7 * h)) {
                stroke[x] = 1;
                stroke_dark[x] = any_dark;
            } else {
                out.stray += pixels;
            }
        }
        const int bridge = static_cast<int>(8.0 * kMm);
        auto coverage = [&](const std::vector<std::uint8_t>& ink) {
            std::vector<std::uint8_t> cov(ink);
            int last = -1;
            for (int x = 0; x < w; ++x) {
                if (!ink[x]) continue;
                const int gap = x - last - 1;
                if (last >= 0 && gap > 0 && gap <= bridge) {
                    bool all_hidden = true;
                    for (int k = last + 1; k < x && all_hidden; ++k) all_hidden = hidden[k] || stroke[k];
                    if (all_hidden)
                        for (int k = last + 1; k < x; ++k) cov[k] = 1;
                }
                last = x;
            }
            return cov;
        };
        const auto cov_dark = coverage(stroke_dark), cov_faint = coverage(stroke);
        const int a = std::max(0, text.x - inner.x), b = std::min(w, text.x + text.width - inner.x);
        if (b > a) {
            int n_dark = 0, n_faint = 0;
            for (int x = a; x < b; ++x) {
                n_dark += cov_dark[x];
                n_faint += cov_faint[x];
            }
            out.score = static_cast<int>(1000L * n_dark / (b - a));
            out.faint_score = static_cast<int>(1000L * n_faint / (b - a));
            // A line through the name keeps to one height, give or take its
            // slant and a hand's wave; a zigzag or a scribble goes up and
            // down the name. Measured over windows of 6 mm: the middle half
            // of the heights of the ink in each column (so that a letter
            // hiding part of the stroke, or the two lines of a double stroke,
            // do not count), every inked column included — the peaks of a
            // zigzag that leave the name's height too.
            const int win = static_cast<int>(6 * kMm), step = static_cast<int>(kMm);
            std::vector<double> ranges, ys;
            for (int x0 = a; x0 + win <= b; x0 += step) {
                ys.clear();
                for (int x = x0; x < x0 + win; ++x)
                    if (inked[x]) ys.push_back(centre[x]);
                if (static_cast<int>(ys.size()) < win / 4) continue;
                std::sort(ys.begin(), ys.end());
                ranges.push_back(ys[ys.size() * 3 / 4] - ys[ys.size() / 4]);
            }
            if (!ranges.empty()) {
                std::nth_element(ranges.begin(), ranges.begin() + ranges.size() / 2, ranges.end());
                out.wanders = ranges[ranges.size() / 2] > 1.5 * kMm;
            }
            // And the upper edge of the ink, which follows the upper line of
            // a double stroke: over 8 mm its heights (10th to 90th
            // percentile) rise and fall less than 2.4 mm for a line, a
            // hand's wave (at most 1.4 mm) or a double stroke, and more for
            // a zigzag whose teeth are the name's height.
            const int win8 = static_cast<int>(8 * kMm);
            std::vector<double> spans;
            for (int x0 = a; x0 + win8 <= b; x0 += step) {
                ys.clear();
                for (int x = x0; x < x0 + win8; ++x)
                    if (top_of[x] >= 0) ys.push_back(top_of[x]);
                if (static_cast<int>(ys.size()) < win8 / 4) continue;
                std::sort(ys.begin(), ys.end());
                spans.push_back(ys[ys.size() * 9 / 10] - ys[ys.size() / 10]);
            }
            if (!spans.empty()) {
                std::nth_element(spans.begin(), spans.begin() + spans.size() / 2, spans.end());
                out.wanders = out.wanders || spans[spans.size() / 2] > 2.4 * kMm;
            }
        }
        // Stroke columns beside the name are its overhang when they continue
        // the stroke over the name; a separate mark is stray.
        int left = a, right = b - 1;
        if (b > a) {
            if (cov_faint[a])
                while (left > 0 && cov_faint[left - 1]) --left;
            if (cov_faint[b - 1])
                while (right + 1 < w && cov_faint[right + 1]) ++right;
        }
        for (int x = 0; x < w; ++x)
            if (stroke[x] && (x < left || x > right)) {
                int n = 0;
                for (int y = 0; y < h; ++y) n += faint.at<std::uint8_t>(inner.y + y, inner.x + x) != 0;
                out.stray += n;
            }
        return out;
    }

    // ‰ of a box's inside inked.
    static int box_score(const cv::Mat& ink, cv::Rect box) {
        if (box.area() <= 0) return 0;
        return static_cast<int>(1000L * cv::countNonZero(ink(box)) / box.area());
    }

    // The ink of `mask` outside every place a voter's ink may be.
    double page_stray(const cv::Mat& faint) const {
        cv::Mat outside = faint.clone();
        for (const auto& r : allowed) outside(r).setTo(0);
        // Nothing near the sheet's edges counts: a scanner's border, the
        // shadow of the paper's edge.
        const int edge = static_cast<int>(4 * kMm);
        outside.rowRange(0, edge).setTo(0);
        outside.rowRange(work.height - edge, work.height).setTo(0);
        outside.colRange(0, edge).setTo(0);
        outside.colRange(work.width - edge, work.width).setTo(0);
        return cv::countNonZero(outside);
    }

    // A dark line down the whole page (dirt on the scanner's glass): the
    // page is cut into slabs, and a near-vertical line of ink crosses them all.
    bool streak(const cv::Mat& faint) const {
        const int slabs = 10, slab_h = work.height / slabs;
        std::vector<std::vector<std::uint8_t>> full(slabs, std::vector<std::uint8_t>(work.width, 0));
        for (int s = 0; s < slabs; ++s) {
            cv::Mat col;
            cv::reduce(faint.rowRange(s * slab_h, (s + 1) * slab_h), col, 0, cv::REDUCE_SUM, CV_32S);
            // Ink down at least 40 % of the slab: the printed lines and
            // letters it crosses hide the rest.
            for (int x = 0; x < work.width; ++x) full[s][x] = col.at<int>(0, x) >= 255 * slab_h * 4 / 10;
        }
        // Up to 3° from the vertical: the slabs' x may drift by tan 3° a slab.
        const int reach = static_cast<int>(std::tan(3.5 * CV_PI / 180) * work.height) + 1;
        for (int x0 = 0; x0 < work.width; ++x0) {
            if (!full[0][x0] && !full[1][x0]) continue;
            for (int x1 = std::max(0, x0 - reach); x1 <= std::min(work.width - 1, x0 + reach); ++x1) {
                if (!full[slabs - 1][x1] && !full[slabs - 2][x1]) continue;
                int hits = 0;
                for (int s = 0; s < slabs; ++s) {
                    const double x = x0 + (x1 - x0) * static_cast<double>(s) / (slabs - 1);
                    bool hit = false;
                    for (int dx = -3; dx <= 3 && !hit; ++dx) {
                        const int xi = static_cast<int>(std::lround(x)) + dx;
                        hit = xi >= 0 && xi < work.width && full[s][xi];
                    }
                    hits += hit;
                }
                if (hits >= slabs - 2) return true;
            }
        }
        return false;
    }

    PageReading read(const GrayImage& page, double dpi) const;
};

Reader::Reader(const paper::BallotContent& content, const Thresholds& t, bool stamp) : impl_(std::make_unique<Impl>()) {
    impl_->content = content;
    impl_->t = t;
    impl_->stamp = stamp;
    impl_->prepare();
}
Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;
const paper::BallotLayout& Reader::layout() const { return impl_->layout; }
PageReading Reader::read(const GrayImage& page, double dpi) const { return impl_->read(page, dpi); }

PageReading Reader::Impl::read(const GrayImage& page, double dpi) const {
    PageReading r;
    auto hold = [&](std::string reason, std::string detail) {
        r.status = PageStatus::Held;
        r.reason = std::move(reason);
        r.detail = std::move(detail);
        return r;
    };
    if (page.width < 16 || page.height < 16)
        return hold("unreadable", _("the page is too small to be a ballot"));
    cv::Mat img(page.height, page.width, CV_8U, const_cast<std::uint8_t*>(page.pixels.data()));

    // 1. A blank page: almost nothing darker than the paper. A page dark all
    // over is no blank back but a scanner's fault (the lid open, the lamp):
    // held, not skipped.
    const int paper_raw = percentile(img, 0.5);
    if (paper_raw < 96)
        return hold("unreadable", _("the page is dark all over: no sheet of paper as a scanner sees one (the lid "
                                    "open, the lamp failing?)"));
    {
        cv::Mat dark = img < std::max(0, paper_raw - 70);
        if (cv::countNonZero(dark) <= t.blank_ink * static_cast<double>(img.total())) {
            r.status = PageStatus::Blank;
            r.reason = "blank";
            r.detail = _("a blank page (the back of a sheet): skipped");
            return r;
        }
    }

    // 2. The fiducials. The scale: the file's resolution, else the page's width as the sheet's.
    const double px_per_pt = dpi > 0 ? dpi / 72.0 : page.width / layout.page_w;
    std::array<Fiducial, 4> f;
    std::vector<std::string> missing;
    static const char* corner_names[4] = {N_("top left"), N_("top right"), N_("bottom right"), N_("bottom left")};
    int found = 0;
    for (int c = 0; c < 4; ++c) {
        f[c] = find_fiducial(img, c, px_per_pt);
        if (f[c].found)
            ++found;
        else
            missing.push_back(_(corner_names[c]));
    }
    // No corner mark at all: a sheet that is no ballot, or a ballot copied
    // or scanned at another size. Only a person can tell: held, never
    // rejected unread (a rejected ballot would not be counted).
    if (found == 0)
        return hold("unreadable", _("no corner mark of the ballot paper is found: not a ballot, or a ballot printed "
                                    "or scanned at another size, or not scanned whole"));
    if (found < 4)
        return hold("unreadable", _f("the corner mark is not found ({}): a folded or torn corner, or a page not "
                                     "fully scanned",
                                     fmt::join(missing, ", ")));
    for (int c = 0; c < 4; ++c) r.fiducials[c] = {f[c].centre.x, f[c].centre.y};

    // The four must make the printed rectangle: opposite sides equal, the
    // printed proportions (a page bent or a wrong mark picked up fails this).
    auto dist = [&](int a, int b) { return cv::norm(f[a].centre - f[b].centre); };
    const double top = dist(0, 1), bottom = dist(3, 2), left = dist(0, 3), right = dist(1, 2);
    const double lw = std::abs(layout.fiducials[1].x - layout.fiducials[0].x);
    const double lh = std::abs(layout.fiducials[3].y - layout.fiducials[0].y);
    if (std::abs(top - bottom) > 0.025 * top || std::abs(left - right) > 0.025 * left ||
        std::abs((top + bottom) / (left + right) - lw / lh) > 0.025 * lw / lh)
        return hold("unreadable", _("the corner marks do not make the printed rectangle: the page is bent, "
                                    "folded or not a whole ballot"));
    r.scale = ((top + bottom) / 2 / lw + (left + right) / 2 / lh) / 2 / px_per_pt;
    r.skew_deg = std::atan2(f[1].centre.y - f[0].centre.y, f[1].centre.x - f[0].centre.x) * 180 / CV_PI;

    // 3. The homography and the code, the right way up or else upside down.
    double ink_level = 0;
    for (int c = 0; c < 4; ++c) {
        int s = std::max(1, static_cast<int>(f[c].side / 4));
        cv::Rect win(static_cast<int>(f[c].centre.x) - s, static_cast<int>(f[c].centre.y) - s, 2 * s + 1, 2 * s + 1);
        win &= cv::Rect(0, 0, img.cols, img.rows);
        ink_level += cv::mean(img(win))[0] / 4;
    }
    const double paper_level = paper_raw;
    if (paper_level - ink_level < t.contrast_min)
        return hold("unreadable", _("the scan has too little contrast between paper and ink"));
    cv::Matx33d h;
    std::optional<paper::BallotCode> code;
    for (int turn = 0; turn < 2 && !code; ++turn) {
        std::vector<cv::Point2f> from, to;
        for (int c = 0; c < 4; ++c) {
            from.emplace_back(static_cast<float>(fid_work[c].x), static_cast<float>(fid_work[c].y));
            // Upside down, the paper's top-left mark is the image's bottom-right.
            const cv::Point2d& p = f[turn == 0 ? c : (c + 2) % 4].centre;
            to.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
        }
        h = cv::Matx33d(cv::getPerspectiveTransform(from, to));
        code = read_code(img, h, paper_level, ink_level);
        r.upside_down = turn == 1 && code.has_value();
    }
    {
        // layout points → image pixels: h × diag(kPt, kPt, 1).
        cv::Matx33d s(kPt, 0, 0, 0, kPt, 0, 0, 0, 1);
        cv::Matx33d hp = h * s;
        for (int i = 0; i < 9; ++i) r.homography[i] = hp.val[i];
    }
    if (r.upside_down) {
        for (int c = 0; c < 4; ++c) r.fiducials[c] = {f[(c + 2) % 4].centre.x, f[(c + 2) % 4].centre.y};
    }
    if (!code)
        return hold("unreadable", _("the code at the foot of the ballot cannot be read for certain"));
    r.code = code;
    if (code->election != content.code.election) {
        r.status = PageStatus::Rejected;
        r.reason = "other_election";
        r.detail = _("a ballot of another election");
        return r;
    }
    if (code->round != content.code.round) {
        r.status = PageStatus::Rejected;
        r.reason = "other_round";
        r.detail = _f("a ballot of round {}, not of round {}", code->round, content.code.round);
        return r;
    }
    if (code->list != content.code.list) {
        r.status = PageStatus::Rejected;
        r.reason = "other_list";
        r.detail = _("a ballot printed from another version of the list");
        return r;
    }
    if (std::abs(r.scale - 1) > t.scale_tolerance)
        // xgettext:no-c-format
        return hold("scale", _f("the ballot is {:.1f} % of its printed size (more than ±{:.0f} % off): printed "
                                "or scanned at the wrong scale",
                                r.scale * 100, t.scale_tolerance * 100));

    // 4. Onto the layout, and the printed paper where it belongs.
    cv::Mat warped;
    cv::warpPerspective(img, warped, cv::Mat(h), work, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT,
                        cv::Scalar(paper_level));
    cv::GaussianBlur(warped, warped, {3, 3}, 0);
    // Dark: a stroke for certain (a pale ballpoint is dark, the halo of a
    // JPEG is not). Faint: anything a person might see, just above the
    // paper's grain (measured in a margin of the page as read).
    const double contrast = paper_level - ink_level;
    double grain = 0;
    {
        const cv::Rect margin(static_cast<int>(fid_work[0].x + 8 * kMm), static_cast<int>(2 * kMm),
                              static_cast<int>(fid_work[1].x - fid_work[0].x - 16 * kMm), static_cast<int>(4 * kMm));
        // The median absolute deviation: a streak or a mark in the margin does not count.
        cv::Mat m = warped(margin & cv::Rect({0, 0}, work)).clone().reshape(1, 1);
        std::vector<std::uint8_t> v(m.begin<std::uint8_t>(), m.end<std::uint8_t>());
        if (!v.empty()) {
            std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
            const int med = v[v.size() / 2];
            std::vector<int> d;
            d.reserve(v.size());
            for (auto x : v) d.push_back(std::abs(x - med));
            std::nth_element(d.begin(), d.begin() + d.size() / 2, d.end());
            grain = 1.4826 * d[d.size() / 2];
        }
    }
    const double dark_at = paper_level - 0.35 * contrast;
    const double faint_at = paper_level - std::max({20.0, 6 * grain, 0.12 * contrast});
    {
        cv::Mat on_line = (warped < dark_at) & lines;
        const double share = line_pixels ? static_cast<double>(cv::countNonZero(on_line)) / line_pixels : 0;
        if (share < t.registration_min)
            // xgettext:no-c-format
            return hold("unreadable", _f("the printed paper is not where the corner marks put it ({:.0f} % of it "
                                         "found): a bent sheet or a ballot printed another way",
                                         share * 100));
    }
    cv::Mat dark = (warped < dark_at) & ~explained;
    cv::Mat faint = ((warped < faint_at) & ~explained_wide) | dark;

    // 5. The page's other ink, then every row.
    std::vector<std::string> problems;
    if (streak(faint))
        return hold("streak", _("a line runs down the whole page (dirt on the scanner's glass?): clean the glass "
                                "and scan it again, or decide it by eye"));
    r.stray_page_mm2 = page_stray(faint) / kMm2;

    const bool agree = content.agree;
    for (std::size_t i = 0; i < layout.rows.size(); ++i) {
        const auto& g = layout.rows[i];
        RowReading row;
        row.position = static_cast<int>(i) + 1;
        if (!agree) {
            RowInk ink = row_ink(dark, faint, g);
            row.score = ink.score;
            row.stray_mm2 = ink.stray / kMm2;
            if (ink.score >= t.crossed_min && row.stray_mm2 <= t.stray_mm2 && !ink.wanders) {
                row.decision = "crossed";
            } else if (ink.faint_score <= t.kept_max && ink.faint_total / kMm2 <= t.kept_ink_mm2) {
                // Kept only when the row holds no ink of the voter at all but
                // a speck: a small mark over the letters (a tick, a dot), most
                // of it hidden by the print, shows as a few pixels only.
                row.decision = "kept";
            } else {
                row.decision = "doubtful";
                if (ink.wanders) {
                    row.cause = "zigzag";
                    row.why = _("the stroke runs up and down the name, not through it (a scribble?)");
                } else if (row.stray_mm2 > t.stray_mm2) {
                    row.cause = "stray";
                    row.why = _f("ink that is not a stroke through the name ({:.1f} mm²)", row.stray_mm2);
                } else if (ink.score < t.crossed_min && ink.faint_score >= t.crossed_min) {
                    row.cause = "faint";
                    row.why = _f("a faint stroke ({} ‰ dark, {} ‰ faint)", ink.score, ink.faint_score);
                } else if (std::max(ink.score, ink.faint_score) <= t.kept_max) {
                    row.cause = "stray";
                    row.why = _f("a small mark in the row ({:.2f} mm² of ink beside the print)", ink.faint_total / kMm2);
                } else {
                    row.cause = "partial";
                    row.why = _f("the name is struck over {} ‰ of its width only", std::max(ink.score, ink.faint_score));
                }
            }
        } else {
            const int pad = kExplainRadius + 1;
            cv::Rect ab = shrink(to_work(g.agree), pad, pad), db = shrink(to_work(g.disagree), pad, pad);
            row.agree_score = box_score(dark, ab);
            row.disagree_score = box_score(dark, db);
            const int af = box_score(faint, ab), df = box_score(faint, db);
            // The rest of the row, the boxes taken out.
            cv::Rect inner = shrink(to_work(g.row), 0, kGridMargin) & cv::Rect({0, 0}, work);
            cv::Mat rest = faint(inner).clone();
            for (cv::Rect b : {to_work(g.agree), to_work(g.disagree)}) {
                b = shrink(b, -(kExplainRadius + 2), -(kExplainRadius + 2));
                b -= inner.tl();
                b &= cv::Rect({0, 0}, inner.size());
                rest(b).setTo(0);
            }
            row.stray_mm2 = cv::countNonZero(rest) / kMm2;
            auto state = [&](int d, int fa) { return d >= t.box_marked_min ? 1 : fa <= t.box_empty_max ? 0 : -1; };
            const int sa = state(row.agree_score, af), sd = state(row.disagree_score, df);
            // On an agree ballot nothing belongs outside the boxes: a quarter
            // of the stray allowance (a short stroke through a name is held).
            const bool stray = row.stray_mm2 > t.stray_mm2 / 4;
            if (sa < 0 || sd < 0 || stray) {
                row.decision = "doubtful";
                row.cause = stray ? "stray" : "box";
                row.why = stray
                              ? _f("ink outside the boxes ({:.1f} mm²)", row.stray_mm2)
                              : _f("a box neither clearly marked nor clearly empty ({} ‰ and {} ‰)",
                                   row.agree_score, row.disagree_score);
            } else {
                row.decision = sa && sd ? "both" : sa ? "agree" : sd ? "disagree" : "neither";
            }
        }
        if (row.decision == "doubtful") r.doubtful.push_back(row.position);
        if (row.decision == "crossed") r.crossed.push_back(row.position);
        if (row.decision == "disagree") r.disagree.push_back(row.position);
        if (row.decision == "both") r.both.push_back(row.position);
        if (row.decision == "neither") r.neither.push_back(row.position);
        r.rows.push_back(std::move(row));
    }
    if (stamp) {
        cv::Rect sb = shrink(to_work(layout.stamp), kExplainRadius + 2, kExplainRadius + 2) & cv::Rect({0, 0}, work);
        if (box_score(faint, sb) < t.stamp_min)
            return hold("no_stamp", _("the stamp box is empty: a ballot without the stamp of the counting board"));
    }
    if (r.stray_page_mm2 > t.stray_mm2)
        return hold("writing", _f("ink outside the list ({:.1f} mm²): something written on the ballot",
                                  r.stray_page_mm2));
    if (!r.doubtful.empty())
        return hold("doubtful_row", _fn("row {} is not certain", "rows {} are not certain", r.doubtful.size(),
                                        fmt::join(r.doubtful, ", ")));
    r.status = PageStatus::Accepted;
    return r;
}

}  // namespace daihoi::scan

namespace daihoi::scan {

ColorImage annotate(const GrayImage& page, const PageReading& r, const paper::BallotLayout& l, bool zoom_rows) {
    cv::Mat gray(page.height, page.width, CV_8U, const_cast<std::uint8_t*>(page.pixels.data()));
    cv::Mat rgb;
    cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
    const double scale = std::max(1.0, page.width / 1200.0);
    const int thin = std::max(1, static_cast<int>(2 * scale)), thick = std::max(2, static_cast<int>(4 * scale));
    const cv::Scalar red(200, 0, 0), green(0, 150, 0), orange(255, 140, 0), blue(0, 70, 220), magenta(200, 0, 200);
    for (const auto& f : r.fiducials)
        if (f.x != 0 || f.y != 0)
            cv::circle(rgb, {static_cast<int>(f.x), static_cast<int>(f.y)}, static_cast<int>(14 * scale), magenta, thin,
                       cv::LINE_AA);
    const bool placed = r.homography[8] != 0;
    cv::Matx33d h;
    for (int i = 0; i < 9; ++i) h.val[i] = r.homography[i];
    auto outline = [&](const paper::Rect& rect, const cv::Scalar& c, int width) {
        std::vector<cv::Point2d> pts{{rect.x, rect.y}, {rect.right(), rect.y}, {rect.right(), rect.bottom()},
                                     {rect.x, rect.bottom()}},
            mapped;
        cv::perspectiveTransform(pts, mapped, cv::Mat(h));
        std::vector<cv::Point> poly;
        for (const auto& p : mapped) poly.emplace_back(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
        cv::polylines(rgb, poly, true, c, width, cv::LINE_AA);
        return poly;
    };
    if (placed) {
        for (const auto& row : r.rows) {
            if (row.position < 1 || row.position > static_cast<int>(l.rows.size())) continue;
            const auto& g = l.rows[static_cast<std::size_t>(row.position) - 1];
            const std::string& d = row.decision;
            if (d == "doubtful") {
                auto poly = outline(g.row, orange, thick);
                cv::putText(rgb, "?", poly[1] + cv::Point(static_cast<int>(6 * scale), static_cast<int>(-4 * scale)),
                            cv::FONT_HERSHEY_SIMPLEX, 0.9 * scale, orange, thin, cv::LINE_AA);
            } else if (d == "crossed") {
                outline(g.text, red, thin);
            } else if (d == "kept") {
                outline(g.text, green, thin);
            } else {
                const bool a = d == "agree" || d == "both", b = d == "disagree" || d == "both";
                outline(g.agree, a ? blue : green, a ? thick : thin);
                outline(g.disagree, b ? blue : green, b ? thick : thin);
            }
        }
    }
    cv::Mat canvas = rgb;
    if (zoom_rows && placed && !r.doubtful.empty()) {
        // The doubtful rows upright and twice as large, under the page.
        constexpr double zoom_dpi = 2 * 200.0;
        const double k = zoom_dpi / 72.0;
        cv::Matx33d s(k, 0, 0, 0, k, 0, 0, 0, 1);
        cv::Matx33d to_page = h * s.inv();  // zoomed layout pixels → image pixels
        std::vector<cv::Mat> strips;
        int width = rgb.cols, height = rgb.rows;
        for (int pos : r.doubtful) {
            if (pos < 1 || pos > static_cast<int>(l.rows.size())) continue;
            const auto& g = l.rows[static_cast<std::size_t>(pos) - 1].row;
            const double margin = 6;
            cv::Rect area(static_cast<int>((g.x - margin) * k), static_cast<int>((g.y - margin) * k),
                          static_cast<int>((g.w + 2 * margin) * k), static_cast<int>((g.h + 2 * margin) * k));
            cv::Matx33d shift(1, 0, area.x, 0, 1, area.y, 0, 0, 1);
            cv::Mat strip;
            cv::warpPerspective(rgb, strip, cv::Mat(to_page * shift), area.size(),
                                cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(255, 255, 255));
            cv::putText(strip, std::to_string(pos), {8, strip.rows - 10}, cv::FONT_HERSHEY_SIMPLEX, 1.2, orange, 2,
                        cv::LINE_AA);
            strips.push_back(strip);
            width = std::max(width, strip.cols);
            height += strip.rows + 10;
        }
        canvas = cv::Mat(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
        rgb.copyTo(canvas(cv::Rect(0, 0, rgb.cols, rgb.rows)));
        int y = rgb.rows + 10;
        for (const auto& s2 : strips) {
            s2.copyTo(canvas(cv::Rect(0, y, s2.cols, s2.rows)));
            y += s2.rows + 10;
        }
    }
    ColorImage out;
    out.width = canvas.cols;
    out.height = canvas.rows;
    out.rgb.assign(canvas.data, canvas.data + canvas.total() * 3);
    if (!canvas.isContinuous()) {
        out.rgb.clear();
        for (int y = 0; y < canvas.rows; ++y) out.rgb.insert(out.rgb.end(), canvas.ptr(y), canvas.ptr(y) + canvas.cols * 3);
    }
    return out;
}

}  // namespace daihoi::scan
