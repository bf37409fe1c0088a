// Reading one scanned ballot (SPEC §12). The page is found by its four
// fiducials, brought back onto the printed layout by the homography they
// give, identified by its code, and compared with the paper as printed: only
// the ink the paper does not explain is a voter's. Every row is clearly
// crossed, clearly kept, or doubtful; a page is accepted only when every row
// is certain and there is no other ink. What is not certain is held for a
// person — nothing is ever guessed.
#pragma once

#include "core/paper/ballot_paper.hpp"
#include "core/scan/image_io.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::scan {

using paper::GrayImage;

// The thresholds, in one place (daihoi-scan(1) documents them). A row's
// score is the share of the printed name's width under a stroke, 0…1000 ‰;
// a box's score is the share of its inside inked.
struct Thresholds {
    int crossed_min = 850;   // ‰ of the name struck through: crossed at or above
    int kept_max = 30;       // ‰: kept at or below, and …
    double kept_ink_mm2 = 0.05;  // … no more ink of the voter in the whole row than this speck
    int box_marked_min = 60; // ‰ of a box inked: marked at or above
    int box_empty_max = 8;   // ‰: empty at or below
    double stray_mm2 = 1.0;  // ink the paper does not explain, outside any stroke, above which a row or page is held
    double scale_tolerance = 0.03;  // ±3 % from the printed size
    double blank_ink = 0.0005;      // a page with less dark than this share is a blank back
    double registration_min = 0.85; // share of the printed lines found dark where the layout puts them
    int stamp_min = 30;             // ‰ of the stamp box inked (--stamp): stamped at or above
    int contrast_min = 40;          // grey levels between paper and the corner marks' ink, at least
    double code_dark = 0.6, code_light = 0.35;  // a code cell is set above, clear below (0 paper … 1 ink); between: unreadable
};
const Thresholds& default_thresholds();

enum class PageStatus { Accepted, Held, Rejected, Blank };
const char* code(PageStatus s);

struct RowReading {
    int position = 0;
    // cross form: crossed, kept, doubtful; agree form: agree, disagree, both, neither, doubtful
    std::string decision;
    int score = 0;                      // cross form: ‰ of the name struck
    int agree_score = 0, disagree_score = 0;  // agree form: ‰ of each box inked
    double stray_mm2 = 0;               // ink in the row outside the stroke and the boxes
    std::string why;                    // for a doubtful row: what made it so, for people
    // …and as a code: stray (ink that is no stroke), zigzag, faint, partial,
    // box (a box neither marked nor empty)
    std::string cause;
};

struct PageReading {
    PageStatus status = PageStatus::Held;
    // held: doubtful_row, writing, unreadable, streak, scale, no_stamp;
    // rejected (only a page whose code was read): other_election, other_round,
    // other_list; "" when accepted
    std::string reason;
    std::string detail;  // for people
    bool upside_down = false;
    double scale = 1;       // printed size over expected (1 when the file states no resolution: from the page width)
    double skew_deg = 0;
    std::optional<paper::BallotCode> code;
    std::vector<RowReading> rows;           // empty unless the page was identified
    std::vector<int> crossed;               // cross form
    std::vector<int> disagree, both, neither;  // agree form
    std::vector<int> doubtful;
    std::array<paper::Point, 4> fiducials{};  // where they were found, image pixels (tl, tr, br, bl of the paper)
    std::array<double, 9> homography{};       // layout points → image pixels
    double stray_page_mm2 = 0;                // other ink outside the rows
};

class Reader {
  public:
    Reader(const paper::BallotContent& content, const Thresholds& t = default_thresholds(), bool stamp = false);
    ~Reader();
    Reader(Reader&&) noexcept;
    Reader& operator=(Reader&&) noexcept;
    // `dpi`: what the file states, 0 when nothing (the page's width is then
    // taken as the sheet's width).
    PageReading read(const GrayImage& page, double dpi) const;
    const paper::BallotLayout& layout() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The page with what was read drawn on it (rows crossed, kept, doubtful; the
// fiducials found), in colour as RGB bytes when `rgb`, for `scan show` and
// `scan review`; `zoom_rows`: the doubtful rows enlarged under the page.
ColorImage annotate(const GrayImage& page, const PageReading& r, const paper::BallotLayout& l, bool zoom_rows);

}  // namespace daihoi::scan
