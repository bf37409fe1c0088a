// The ballot paper (phiếu bầu) as daihoi prints it and reads it back: one
// layout, measured by pango and drawn by cairo, to a PDF for print and to a
// grey image for the scanner's template and the test deck. Every length is in
// points (1/72 inch) from the sheet's top-left corner; an image at D dpi has
// D / 72 pixels a point.
//
// The machine marks disturb no reader: four solid squares in the corners (the
// fiducials, which give the scanner the page's position, skew and scale), and
// a strip of kCodeBits small cells along the foot between the lower two (the
// code: the election, its round and its list — never a serial, the ballots
// are anonymous).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;

namespace daihoi::paper {

struct Point {
    double x = 0, y = 0;
};
struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    double right() const { return x + w; }
    double bottom() const { return y + h; }
};

// ---- the code ---------------------------------------------------------------------
// 64 cells: 44 bits of content and a 20-bit check (CRC), so that a strip read
// wrong, read upside down or not there fails the check instead of naming
// another ballot.
inline constexpr int kCodeBits = 64;
struct BallotCode {
    int round = 1;                 // 1…15
    std::uint32_t election = 0;    // 20 bits: hash of the congress and the election's ID
    std::uint32_t list = 0;        // 20 bits: hash of the list as printed (names in order, form, places)
    bool operator==(const BallotCode&) const = default;
};
// The 64 bits printed, bit 0 the leftmost cell.
std::uint64_t encode(const BallotCode& c);
// The code read back; none when the check fails.
std::optional<BallotCode> decode(std::uint64_t bits);
// The 20-bit hash both sides use (FNV-1a folded to 20 bits).
std::uint32_t hash20(const std::string& s);

// ---- what is printed --------------------------------------------------------------
// The words are those of the paper (Vietnamese), ready to print.
struct BallotContent {
    std::string organization;  // left heading, upper case ("ĐẢNG BỘ XÃ …")
    std::string congress;      // left, bold, under it ("ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XV")
    std::string party;         // right, bold underlined ("ĐẢNG CỘNG SẢN VIỆT NAM")
    std::string title;         // "PHIẾU BẦU CỬ"
    std::string election;      // the election's title
    std::string count_line;    // "Số lượng bầu: …"
    std::string round_line;    // "Bầu lần thứ 2"; empty for a first round
    std::string number_header, name_header, agree_header, disagree_header;
    std::vector<std::string> names;  // in ballot order
    bool agree = false;              // the two boxes per row (agree/disagree ballot)
    std::string instruction;         // how to vote, under the list
    std::string stamp_label;         // small, inside the stamp box
    BallotCode code;
    std::string code_text;  // printed small beside the strip for people ("bch · lần 1 · 3F2A9-0C11B")
};

// ---- where everything is ----------------------------------------------------------
struct RowGeometry {
    Rect row;     // the row between its grid lines, across its column of the list
    Rect number;  // the STT cell
    Rect name;    // the name cell
    Rect text;    // the ink of the printed name (pango's ink extents)
    Rect agree, disagree;  // agree form: inside the two boxes; empty otherwise
};
struct BallotLayout {
    double page_w = 0, page_h = 0;  // A5 419.53 × 595.28 or A4 595.28 × 841.89, portrait
    bool a4 = false;
    int columns = 1;                 // the list wraps to more columns, never to a second sheet
    double font_size = 12;           // of the names
    double fiducial = 0;             // side of a fiducial square
    std::array<Point, 4> fiducials;  // centres: top-left, top-right, bottom-right, bottom-left
    std::array<Rect, kCodeBits> code_cells;  // left to right; a cell is filled when its bit is set
    Rect stamp;        // the box for the counting board's stamp, upper left
    Rect heading;      // everything printed above the list (heading, title, counts)
    Rect table;        // every column of the list
    Rect instruction;  // under the list
    std::vector<RowGeometry> rows;  // in ballot order
};

// The smallest paper that fits: A5 when the names fit in rows tall enough to
// cross out (at least kMinRow points), in one or two columns, else A4 in one,
// two or three columns; refused when even that does not fit.
inline constexpr double kMinRow = 17;  // 6 mm
BallotLayout layout(const BallotContent& c);
// Draws the paper with its top-left corner at the origin of `cr` (points).
void draw(cairo_t* cr, const BallotContent& c, const BallotLayout& l);
// The PDF for print, one ballot a sheet; `two_up`: two A5 ballots on an A4
// sheet (landscape), with a dashed cut line between them (refused for an A4 ballot).
void write_pdf(const BallotContent& c, const std::filesystem::path& file, bool two_up = false);

// A grey image, 0 black … 255 white, rows top to bottom, `width` bytes a row.
struct GrayImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
    std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};
// The paper drawn at `dpi`, as a grey image of the whole sheet.
GrayImage render(const BallotContent& c, const BallotLayout& l, double dpi);

}  // namespace daihoi::paper
