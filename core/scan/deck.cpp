// The test deck (deck.hpp). The paper is rendered once; each page then takes
// its own random stream (the seed and the page's number), so that a page is
// the same whatever the count, chooses what it is, draws the voter's pen on
// the paper with cairo and suffers the scanner's faults with OpenCV.
//
// Ink is drawn as darkness on an A8 surface (255 − grey): cairo's OVER on
// alpha multiplies what shows through, as a ballpoint over print does — the
// printed name stays black under a blue stroke.
//
// The random numbers are made here from the generator's raw output (not by
// the standard distributions, whose results differ between libraries), so a
// seed gives the same deck wherever it is built.
#include "core/scan/deck.hpp"

#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/scan/image_io.hpp"

#include <cairo.h>
#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <optional>
#include <cmath>
#include <filesystem>
#include <memory>
#include <random>

namespace daihoi::scan {

namespace fs = std::filesystem;
using paper::Rect;
using paper::RowGeometry;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kPtPerMm = 72 / 25.4;

class Random {
public:
    Random(std::uint64_t seed, std::uint32_t page) {
        std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32), page, 0x64656b63u};
        g_.seed(seq);
    }
    double u() { return static_cast<double>(g_() >> 11) * 0x1.0p-53; }  // [0, 1)
    double u(double a, double b) { return a + (b - a) * u(); }
    int i(int a, int b) { return a + static_cast<int>(g_() % static_cast<std::uint64_t>(b - a + 1)); }  // [a, b]
    bool chance(double p) { return u() < p; }
    double sign() { return chance(0.5) ? 1 : -1; }
    double normal() {
        double a = std::max(u(), 1e-300), b = u();
        return std::sqrt(-2 * std::log(a)) * std::cos(2 * kPi * b);
    }
    std::uint64_t raw() { return g_(); }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(i(0, static_cast<int>(v.size()) - 1))]; }

private:
    std::mt19937_64 g_;
};

// ---- the voter's pen --------------------------------------------------------------

struct Pen {
    double width = 1;  // points
    double dark = 1;   // 1 − grey / 255
};

Pen choose_pen(Random& r) {
    Pen p;
    p.width = r.u(0.3, 0.9) * kPtPerMm;
    // Black, blue and red ballpoint as a grey scanner sees them.
    const int kind = r.i(0, 2);
    double grey = kind == 0 ? r.u(0, 40) : kind == 1 ? r.u(40, 90) : r.u(80, 110);
    p.dark = 1 - grey / 255;
    return p;
}

void use(cairo_t* cr, const Pen& p) {
    cairo_set_source_rgba(cr, 0, 0, 0, p.dark);
    cairo_set_line_width(cr, p.width);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

void polyline(cairo_t* cr, const Pen& pen, const std::vector<paper::Point>& pts) {
    if (pts.size() < 2) return;
    use(cr, pen);
    cairo_move_to(cr, pts[0].x, pts[0].y);
    for (std::size_t k = 1; k < pts.size(); ++k) cairo_line_to(cr, pts[k].x, pts[k].y);
    cairo_stroke(cr);
}

// A stroke from x0 to x1 about the height yc, sloped by `angle` (radians),
// bowed a little as a hand does, and waved (amplitude, wavelength) for a wavy one.
void stroke_line(cairo_t* cr, const Pen& pen, double x0, double x1, double yc, double angle, double bow,
                 double amplitude, double wavelength, double phase) {
    const double xm = (x0 + x1) / 2, half = std::max((x1 - x0) / 2, 1e-6);
    const int n = std::max(2, static_cast<int>((x1 - x0) / 0.75) + 1);
    std::vector<paper::Point> pts;
    for (int k = 0; k < n; ++k) {
        double x = x0 + (x1 - x0) * k / (n - 1);
        double t = (x - xm) / half;
        double y = yc + (x - xm) * std::tan(angle) + bow * (1 - t * t);
        if (amplitude > 0) y += amplitude * std::sin(2 * kPi * (x - x0) / wavelength + phase);
        pts.push_back({x, y});
    }
    polyline(cr, pen, pts);
}

// A struck row: straight, wavy or double, through the whole printed name.
void strike(cairo_t* cr, Random& r, const Pen& pen, const RowGeometry& g) {
    const Rect& t = g.text;
    const double lo = g.name.x + 0.5, hi = g.name.right() - 0.5;
    double x0 = t.x - r.u(0, 6) * kPtPerMm, x1 = t.right() + r.u(0, 6) * kPtPerMm;
    if (r.chance(0.12)) x0 = r.u(lo, t.x);  // a long overhang, up to the cell's edge
    if (r.chance(0.12)) x1 = r.u(t.right(), hi);
    x0 = std::min(std::max(x0, lo), t.x);
    x1 = std::max(std::min(x1, hi), t.right());
    double yc = t.y + t.h / 2 + r.u(-0.15, 0.15) * t.h;
    double angle = r.u(-1.2, 1.2) * kPi / 180;
    double bow = r.u(-0.25, 0.25) * kPtPerMm;
    const int style = r.chance(0.6) ? 0 : r.chance(0.6) ? 1 : 2;  // straight, wavy, double
    double amplitude = style == 1 ? r.u(0.25, 0.7) * kPtPerMm : 0;
    double wavelength = r.u(3, 8) * kPtPerMm, phase = r.u(0, 2 * kPi);
    double gap = style == 2 ? r.u(0.8, 1.5) * kPtPerMm : 0;
    // Never into another row: what leaves the row is taken from the slope, the bow, the wave, the gap.
    const double room = std::min(yc - g.row.y, g.row.bottom() - yc) - pen.width / 2 - 1;
    double need = std::abs((x1 - x0) / 2 * std::tan(angle)) + std::abs(bow) + amplitude + gap / 2;
    if (need > room && need > 0) {
        double f = std::max(room, 0.0) / need;
        angle = std::atan(std::tan(angle) * f), bow *= f, amplitude *= f, gap *= f;
    }
    if (style == 2) {
        stroke_line(cr, pen, x0, x1, yc - gap / 2, angle, bow, 0, 1, 0);
        stroke_line(cr, pen, x0 + r.u(-1, 1) * kPtPerMm, x1 + r.u(-1, 1) * kPtPerMm, yc + gap / 2, angle,
                    bow * r.u(0.5, 1.5), 0, 1, 0);
    } else {
        stroke_line(cr, pen, x0, x1, yc, angle, bow, amplitude, wavelength, phase);
    }
}

// A box marked: an X (two diagonals) or a check, filling most of it.
void mark_box(cairo_t* cr, Random& r, const Pen& pen, const Rect& b) {
    auto j = [&](double v, double size) { return v + r.u(-0.05, 0.05) * size; };
    if (r.chance(0.6)) {
        double in = r.u(0.05, 0.18);
        polyline(cr, pen, {{j(b.x + in * b.w, b.w), j(b.y + in * b.h, b.h)},
                           {j(b.right() - in * b.w, b.w), j(b.bottom() - in * b.h, b.h)}});
        polyline(cr, pen, {{j(b.right() - in * b.w, b.w), j(b.y + in * b.h, b.h)},
                           {j(b.x + in * b.w, b.w), j(b.bottom() - in * b.h, b.h)}});
    } else {
        polyline(cr, pen, {{j(b.x + 0.12 * b.w, b.w), j(b.y + 0.55 * b.h, b.h)},
                           {j(b.x + 0.4 * b.w, b.w), j(b.y + 0.88 * b.h, b.h)},
                           {j(b.x + 0.92 * b.w, b.w), j(b.y + 0.08 * b.h, b.h)}});
    }
}

// ---- what a voter did, and odd marks ----------------------------------------------

struct Truth {
    std::vector<int> crossed, disagree, both, neither;
};

Truth choose_truth(Random& r, const paper::BallotContent& c, int rows, int places) {
    Truth t;
    if (c.agree) {
        for (int p = 1; p <= rows; ++p) {
            double u = r.u();
            if (u < 0.70) continue;  // agree
            (u < 0.96 ? t.disagree : u < 0.98 ? t.both : t.neither).push_back(p);
        }
        return t;
    }
    const double u = r.u();
    for (int p = 1; p <= rows; ++p)
        if (u >= 0.08 && (u < 0.13 || r.chance(0.3))) t.crossed.push_back(p);  // 8 % none, 5 % all
    // With the places known, most voters keep no more names than there are
    // places: more names are crossed at random until they do (the 8 % who
    // cross none and a few others stay over the limit, as ballots are).
    if (places > 0 && u >= 0.13 && r.chance(0.9)) {
        std::vector<int> kept;
        for (int p = 1; p <= rows; ++p)
            if (!std::binary_search(t.crossed.begin(), t.crossed.end(), p)) kept.push_back(p);
        while (static_cast<int>(kept.size()) > places) {
            const std::size_t k = static_cast<std::size_t>(r.i(0, static_cast<int>(kept.size()) - 1));
            t.crossed.insert(std::lower_bound(t.crossed.begin(), t.crossed.end(), kept[k]), kept[k]);
            kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(k));
        }
    }
    return t;
}

void draw_truth(cairo_t* cr, Random& r, const Pen& pen, const paper::BallotContent& c, const paper::BallotLayout& l,
                const Truth& t) {
    auto has = [](const std::vector<int>& v, int p) { return std::find(v.begin(), v.end(), p) != v.end(); };
    for (int p = 1; p <= static_cast<int>(l.rows.size()); ++p) {
        const RowGeometry& g = l.rows[static_cast<std::size_t>(p) - 1];
        if (!c.agree) {
            if (has(t.crossed, p)) strike(cr, r, pen, g);
            continue;
        }
        bool both = has(t.both, p), neither = has(t.neither, p), disagree = has(t.disagree, p);
        if (neither) continue;
        if (both || !disagree) mark_box(cr, r, pen, g.agree);
        if (both || disagree) mark_box(cr, r, pen, g.disagree);
    }
}

// Cursive-looking writing: loops along a baseline, in words.
void write_scribble(cairo_t* cr, Random& r, const Pen& pen, const Rect& area) {
    const double h = std::min(area.h * 0.7, r.u(3, 5) * kPtPerMm);
    double x = area.x + r.u(0, 0.2) * area.w;
    const double base = area.y + area.h / 2 + h / 2;
    const int words = r.i(2, 3);
    for (int w = 0; w < words && x < area.right() - h; ++w) {
        const int letters = r.i(3, 7);
        std::vector<paper::Point> pts;
        const double advance = h * r.u(0.45, 0.7);
        for (int k = 0; k < letters * 12 && x < area.right(); ++k) {
            double phase = 2 * kPi * k / 12;
            double tall = (k / 12) % 3 == 0 ? r.u(0.9, 1.2) : r.u(0.45, 0.65);
            pts.push_back({x + advance * 0.5 * std::cos(phase + kPi) * 0.6, base - h * tall * 0.5 * (1 - std::cos(phase))});
            x += advance / 12;
        }
        polyline(cr, pen, pts);
        x += h * r.u(0.8, 1.4);
    }
}

// An odd page: one mark a correct reader must hold for a person. The row it
// is on is left unstruck, so that the mark is the only thing there.
std::string draw_odd(cairo_t* cr, Random& r, const Pen& pen, const paper::BallotContent& c,
                     const paper::BallotLayout& l, Truth& t) {
    static const std::vector<std::string> kinds = {"partial", "tick", "circle", "written", "scribble"};
    const std::string kind = r.pick(kinds);
    const int p = r.i(1, static_cast<int>(l.rows.size()));
    const RowGeometry& g = l.rows[static_cast<std::size_t>(p) - 1];
    t.crossed.erase(std::remove(t.crossed.begin(), t.crossed.end(), p), t.crossed.end());
    draw_truth(cr, r, pen, c, l, t);
    const Rect& tx = g.text;
    const double yc = tx.y + tx.h / 2 + r.u(-0.15, 0.15) * tx.h;
    if (kind == "partial") {
        double share = r.u(0.2, 0.5);
        double x0 = tx.x + r.u(0, 1 - share) * tx.w;
        stroke_line(cr, pen, x0, x0 + share * tx.w, yc, r.u(-1.5, 1.5) * kPi / 180, r.u(-0.3, 0.3) * kPtPerMm, 0, 1, 0);
    } else if (kind == "tick") {
        double s = std::min(r.u(3, 5) * kPtPerMm, g.row.h * 0.8);
        double x = tx.right() + r.u(1, 4) * kPtPerMm;
        if (x + s > g.name.right() - 1 || r.chance(0.3)) x = tx.x + r.u(0, std::max(0.0, tx.w - s));
        double cy = g.row.y + g.row.h / 2;
        polyline(cr, pen, {{x, cy + 0.05 * s}, {x + 0.35 * s, cy + 0.4 * s}, {x + s, cy - 0.45 * s}});
    } else if (kind == "circle") {
        double rx = tx.w / 2 + r.u(1.5, 4) * kPtPerMm, ry = tx.h / 2 + r.u(1, 2.5) * kPtPerMm;
        double start = r.u(0, 2 * kPi);
        cairo_save(cr);
        cairo_translate(cr, tx.x + tx.w / 2, tx.y + tx.h / 2);
        cairo_rotate(cr, r.u(-3, 3) * kPi / 180);
        cairo_scale(cr, rx, ry);
        cairo_arc(cr, 0, 0, 1, start, start + 2 * kPi * r.u(1.02, 1.1));
        cairo_restore(cr);
        use(cr, pen);
        cairo_stroke(cr);
    } else if (kind == "written") {
        // Below the list (after the instruction, or before it) when there is
        // room, else up a side margin between the fiducials, written sideways.
        const double mm = kPtPerMm;
        Rect below{l.table.x, l.instruction.bottom() + 1.5 * mm, l.table.w * 0.8, 0};
        below.h = std::min(10 * mm, l.code_cells[0].y - 1.5 * mm - below.y);
        Rect between{l.table.x, l.table.bottom() + 1.5 * mm, l.table.w * 0.8, l.instruction.y - l.table.bottom() - 3 * mm};
        const Rect* space = between.h >= 4 * mm ? &between : below.h >= 4 * mm ? &below : nullptr;
        if (space && r.chance(0.7)) {
            write_scribble(cr, r, pen, *space);
        } else {
            const bool left = r.chance(0.5);
            const double x0 = left ? 2 * mm : l.table.right() + 1.5 * mm;
            const double x1 = left ? l.table.x - 1.5 * mm : l.page_w - 2 * mm;
            const double top = l.fiducials[0].y + l.fiducial / 2 + 4 * mm;
            const double bottom = l.fiducials[3].y - l.fiducial / 2 - 4 * mm;
            const double length = std::min(bottom - top, r.u(35, 70) * mm);
            const double start = bottom - r.u(0, bottom - top - length);
            cairo_save(cr);
            cairo_translate(cr, (x0 + x1) / 2, start);
            cairo_rotate(cr, -kPi / 2);  // reading upwards, as along a margin
            write_scribble(cr, r, pen, Rect{0, -(x1 - x0) / 2, length, x1 - x0});
            cairo_restore(cr);
        }
    } else {  // scribble: a messy zigzag over the row
        const double cy = g.row.y + g.row.h / 2;
        double x = std::max(g.name.x + 1, tx.x - r.u(0, 3) * kPtPerMm);
        const double end = std::min(g.name.right() - 1, tx.x + r.u(0.3, 1) * tx.w);
        const int n = r.i(6, 14);
        std::vector<paper::Point> pts;
        for (int k = 0; k <= n; ++k) {
            pts.push_back({x, cy + (k % 2 ? 1 : -1) * r.u(0.2, 0.42) * g.row.h});
            x += (end - x) / std::max(1, n - k) * r.u(0.7, 1.3);
        }
        polyline(cr, pen, pts);
    }
    return kind;
}

// ---- the scanner's faults ---------------------------------------------------------

const std::vector<std::string> kGeometric = {"skew", "shift", "scale", "perspective", "upside_down"};
const std::vector<std::string> kPhotometric = {"blur", "noise", "jpeg", "dark", "light"};
const std::vector<std::string> kAll = {"skew", "shift",       "scale", "perspective", "blur",  "noise",      "jpeg",
                                       "dark", "light", "upside_down", "fold",        "streak", "wrong_scale"};

bool holds(const std::string& fault) { return fault == "fold" || fault == "streak" || fault == "wrong_scale"; }

void warp(cv::Mat& img, const cv::Mat& m) {
    cv::Mat out;
    cv::warpAffine(img, out, m, img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    img = out;
}

void scale_about_centre(cv::Mat& img, double s) {
    warp(img, cv::getRotationMatrix2D(cv::Point2f(img.cols / 2.0f, img.rows / 2.0f), 0, s));
}

void add_noise(cv::Mat& img, Random& r, double sigma) {
    cv::Mat noise(img.size(), CV_16S), wide;
    cv::RNG cvr(r.raw());
    cvr.fill(noise, cv::RNG::NORMAL, 0, sigma);
    img.convertTo(wide, CV_16S);
    wide += noise;
    wide.convertTo(img, CV_8U);
}

// Applies one fault; returns the JPEG quality when the fault is jpeg.
int apply(const std::string& f, cv::Mat& img, Random& r, double dpi, const paper::BallotLayout& l) {
    const double px_mm = dpi / 25.4;
    const cv::Point2f centre(img.cols / 2.0f, img.rows / 2.0f);
    if (f == "skew") {
        warp(img, cv::getRotationMatrix2D(centre, r.sign() * r.u(0.5, 3), 1));
    } else if (f == "shift") {
        double dx = r.sign() * r.u(2, 6) * px_mm, dy = r.sign() * r.u(2, 6) * px_mm;
        if (r.chance(0.3)) dx = 0;
        else if (r.chance(0.3)) dy = 0;
        warp(img, (cv::Mat_<double>(2, 3) << 1, 0, dx, 0, 1, dy));
    } else if (f == "scale") {
        scale_about_centre(img, 1 + r.sign() * r.u(0.005, 0.025));
    } else if (f == "wrong_scale") {
        scale_about_centre(img, 1 + r.sign() * r.u(0.04, 0.06));
    } else if (f == "perspective") {
        const float w = static_cast<float>(img.cols), h = static_cast<float>(img.rows);
        cv::Point2f from[4] = {{0, 0}, {w, 0}, {w, h}, {0, h}}, to[4];
        for (int k = 0; k < 4; ++k)
            to[k] = from[k] + cv::Point2f(static_cast<float>(r.u(-0.01, 0.01) * w), static_cast<float>(r.u(-0.01, 0.01) * h));
        cv::Mat out;
        cv::warpPerspective(img, out, cv::getPerspectiveTransform(from, to), img.size(), cv::INTER_LINEAR,
                            cv::BORDER_CONSTANT, cv::Scalar(255));
        img = out;
    } else if (f == "blur") {
        double sigma = r.u(0.5, 1.2);
        cv::GaussianBlur(img, img, cv::Size(0, 0), sigma);
    } else if (f == "noise") {
        add_noise(img, r, r.u(4, 12));
    } else if (f == "jpeg") {
        return r.i(55, 90);
    } else if (f == "dark") {
        img.convertTo(img, CV_8U, r.u(170, 200) / 255.0);  // the paper darker; black stays black
    } else if (f == "light") {
        double ink = r.u(90, 120);
        img.convertTo(img, CV_8U, (255 - ink) / 255.0, ink);  // black becomes `ink`; white stays white
    } else if (f == "upside_down") {
        cv::rotate(img, img, cv::ROTATE_180);
    } else if (f == "fold") {
        // A corner folded under: the paper's back (light grey, nothing printed)
        // in a triangle, its edge a darker line.
        // Legs of 15-30 mm, long enough to hide the corner's fiducial whole.
        const int corner = r.i(0, 3);
        const double cx = (corner == 1 || corner == 2) ? img.cols : 0, cy = corner >= 2 ? img.rows : 0;
        const double s = dpi / 72;
        const paper::Point fc = l.fiducials[static_cast<std::size_t>(corner)];
        const double fx = (std::abs(fc.x * s - cx) + l.fiducial * s / 2) / px_mm + 0.5;  // mm from the corner
        const double fy = (std::abs(fc.y * s - cy) + l.fiducial * s / 2) / px_mm + 0.5;
        double a = 30, b = 30;
        for (int k = 0; k < 50; ++k) {
            double ta = r.u(15, 30), tb = r.u(15, 30);
            if (fx / ta + fy / tb <= 1) {
                a = ta, b = tb;
                break;
            }
        }
        a *= px_mm, b *= px_mm;
        const double sx = cx ? -1 : 1, sy = cy ? -1 : 1;
        cv::Point p0(cvRound(cx), cvRound(cy)), p1(cvRound(cx + sx * a), cvRound(cy)), p2(cvRound(cx), cvRound(cy + sy * b));
        cv::Point tri[3] = {p0, p1, p2};
        cv::fillConvexPoly(img, tri, 3, cv::Scalar(r.u(215, 238)), cv::LINE_AA);
        cv::line(img, p1, p2, cv::Scalar(r.u(110, 170)), r.i(1, 2), cv::LINE_AA);
    } else if (f == "streak") {
        const double scale = dpi / 72;
        const int w = r.i(1, 3), grey = r.i(40, 120);
        int x = static_cast<int>(r.u(l.table.x, l.table.right()) * scale);
        x = std::clamp(x, 0, img.cols - w);
        cv::Mat band = img.colRange(x, x + w);
        cv::min(band, cv::Scalar(grey), band);
    }
    return 0;
}

// The white back of a duplex scan: nothing printed, a faint grain.
cv::Mat blank_page(Random& r, int w, int h) {
    cv::Mat img(h, w, CV_8U, cv::Scalar(r.i(247, 252)));
    add_noise(img, r, r.u(0.8, 1.8));
    return img;
}

std::string joined(const std::vector<int>& v) {
    std::string s;
    for (int p : v) {
        if (!s.empty()) s += ' ';
        s += std::to_string(p);
    }
    return s;
}

}  // namespace

struct DeckMaker::Impl {
    paper::BallotContent c;
    DeckOptions o;
    paper::BallotLayout l;
    paper::GrayImage sheet;
};

DeckMaker::DeckMaker(const paper::BallotContent& c, const DeckOptions& o) : impl_(std::make_unique<Impl>()) {
    if (o.count < 1 || o.count > 1000000) throw UsageError(_("a deck has 1 to 1,000,000 pages"));
    if (!(o.dpi >= 72 && o.dpi <= 600)) throw UsageError(_("a deck is made at 72 to 600 dpi"));
    if (o.faults < 0 || o.odd < 0 || o.blank < 0 || o.faults + o.odd + o.blank > 100)
        throw UsageError(_("the shares of faulty, odd and blank pages are percentages adding up to 100 at most"));
    impl_->c = c;
    impl_->o = o;
    impl_->l = paper::layout(c);
    impl_->sheet = paper::render(c, impl_->l, o.dpi);
}

DeckMaker::~DeckMaker() = default;

const paper::BallotLayout& DeckMaker::layout() const { return impl_->l; }

DeckPage DeckMaker::page(int n, GrayImage& image, int& quality) const {
    const auto& c = impl_->c;
    const auto& o = impl_->o;
    const auto& l = impl_->l;
    const auto& sheet = impl_->sheet;
    const int W = sheet.width, H = sheet.height;
    const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, W);
    Random r(o.seed, static_cast<std::uint32_t>(n));
    DeckPage d;
    const double u = r.u() * 100;
    d.kind = u < o.blank ? "blank" : u < o.blank + o.odd ? "odd" : u < o.blank + o.odd + o.faults ? "fault" : "ordinary";
    // Another scan of the same stack: the same sheets and pen strokes (from
    // the seed), the scanner's faults and grain drawn anew.
    std::optional<Random> rescan;
    if (o.scan > 1) {
        rescan.emplace(o.seed ^ (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(o.scan)), static_cast<std::uint32_t>(n));
        if (d.kind == "fault" || d.kind == "ordinary")
            d.kind = rescan->u() * (100 - o.blank - o.odd) < o.faults ? "fault" : "ordinary";
    }
    Random& scanner = rescan ? *rescan : r;
    cv::Mat img;
    quality = 0;
    if (d.kind == "blank") {
        d.expect = "skipped";
        img = blank_page(scanner, W, H);
    } else {
        std::vector<unsigned char> ink(static_cast<std::size_t>(stride) * H);
        Truth t = choose_truth(r, c, static_cast<int>(l.rows.size()), o.places);
        const Pen pen = choose_pen(r);
        // The paper as darkness, the pen drawn on it in points.
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x)
                ink[static_cast<std::size_t>(y) * stride + x] = 255 - sheet.pixels[static_cast<std::size_t>(y) * W + x];
        std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface(
            cairo_image_surface_create_for_data(ink.data(), CAIRO_FORMAT_A8, W, H, stride), cairo_surface_destroy);
        std::unique_ptr<cairo_t, void (*)(cairo_t*)> cr(cairo_create(surface.get()), cairo_destroy);
        cairo_scale(cr.get(), o.dpi / 72, o.dpi / 72);
        if (d.kind == "odd") d.odd = draw_odd(cr.get(), r, pen, c, l, t);
        else draw_truth(cr.get(), r, pen, c, l, t);
        cr.reset();
        cairo_surface_flush(surface.get());
        img.create(H, W, CV_8U);
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x)
                img.at<std::uint8_t>(y, x) = 255 - ink[static_cast<std::size_t>(y) * stride + x];
        if (d.kind == "fault") {
            std::vector<std::string> faults;
            if (scanner.chance(0.25)) faults = {scanner.pick(kGeometric), scanner.pick(kPhotometric)};
            else faults = {scanner.pick(kAll)};
            for (const auto& f : faults) {
                if (int q = apply(f, img, scanner, o.dpi, l)) quality = q;
                d.fault += (d.fault.empty() ? "" : "+") + f;
            }
            d.expect = std::any_of(faults.begin(), faults.end(), holds) ? "held" : "accepted";
        } else {
            d.expect = d.kind == "odd" ? "held" : "accepted";
        }
        d.crossed = t.crossed, d.disagree = t.disagree, d.both = t.both, d.neither = t.neither;
        // Every scanner's sensor has its grain: no two scans of a sheet are
        // the same image, even of two ballots marked alike.
        add_noise(img, scanner, scanner.u(1.0, 2.5));
    }
    image.width = W;
    image.height = H;
    image.pixels.assign(img.datastart, img.dataend);
    d.file = fmt::format("{:05d}.{}", n, quality ? "jpg" : "png");
    return d;
}

std::vector<DeckPage> make_deck(const paper::BallotContent& c, const std::string& dir, const DeckOptions& o) {
    const DeckMaker maker(c, o);
    make_empty_folder(dir);
    std::vector<DeckPage> deck;
    GrayImage out;
    for (int n = 1; n <= o.count; ++n) {
        int quality = 0;
        DeckPage d = maker.page(n, out, quality);
        write_file(fs::path(dir) / d.file, quality ? encode_jpeg(out, quality, o.dpi) : encode_png(out, o.dpi));
        deck.push_back(std::move(d));
    }

    std::string csv = "file,kind,fault,odd,expect,crossed,disagree,both,neither\n";
    for (const auto& d : deck)
        csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", d.file, d.kind, d.fault, d.odd, d.expect, joined(d.crossed),
                           joined(d.disagree), joined(d.both), joined(d.neither));
    write_file_atomically(fs::path(dir) / "truth.csv", csv);
    return deck;
}

paper::BallotContent sample_content(int names, bool agree, int variant) {
    static const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi",
                                   "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh"};
    static const char* middle[] = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Thanh", "Quang", "Hoàng Anh"};
    static const char* given[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Khoa", "Lan", "Phương Thảo",
                                  "Quân", "Tuấn", "Yến", "Xuân", "Nghĩa", "Trường", "Huyền"};
    paper::BallotContent c;
    c.organization = "ĐẢNG BỘ TỈNH THÁI NGUYÊN";
    c.congress = "ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XXI";
    c.party = "ĐẢNG CỘNG SẢN VIỆT NAM";
    c.title = "PHIẾU BẦU CỬ";
    c.election = agree ? "Bầu Bí thư Tỉnh ủy khóa XXI" : "Bầu Ban Chấp hành Đảng bộ tỉnh khóa XXI, nhiệm kỳ 2025 – 2030";
    c.count_line = "Số lượng bầu: " + std::to_string(std::max(1, names * 3 / 4)) + " đồng chí";
    c.number_header = "STT";
    c.name_header = "Họ và tên";
    c.agree_header = "Đồng ý";
    c.disagree_header = "Không đồng ý";
    for (int i = 0; i < names; ++i) {
        const int k = i * 7 + variant * 13;
        c.names.push_back(std::string(family[k % 16]) + " " + middle[(k / 3) % 10] + " " + given[(k * 5 + i) % 16]);
    }
    c.agree = agree;
    c.instruction = agree ? "Đánh dấu X vào ô «Đồng ý» hoặc «Không đồng ý» của mỗi dòng."
                          : "Gạch ngang cả họ và tên người không bầu.";
    c.stamp_label = "Nơi đóng dấu";
    c.code = {1, paper::hash20("bench" + std::to_string(variant)), paper::hash20("list" + std::to_string(names))};
    c.code_text = "bench";
    return c;
}

}  // namespace daihoi::scan
