// Text in the old Vietnamese 8-bit encodings (TCVN3, VNI) becomes Unicode
// here, in one place, before anyone reads a row: the header rows too, so a
// TCVN3 header matches its alias. See docs/encodings.md.
//
// How the encoding of a cell is decided:
//   - said (--encoding): unicode converts nothing; tcvn3 or vni converts every
//     cell whose text can be 8-bit (in an .xlsx, a .VnTimeH cell still gives
//     capitals);
//   - .xlsx: the cell's font (.VnTime… → TCVN3, .VnTimeH… → TCVN3 capitals,
//     VNI-… → VNI), except that a cell whose text cannot come from 8-bit
//     codes, or reads as Vietnamese in Unicode and not in its font's encoding,
//     is Unicode (retyped in Unicode with the old font kept);
//   - CSV: one encoding for the whole file, from what its text reads as
//     (text::plausible_readings): the first cells that read as Vietnamese in
//     only one encoding decide; cells that cannot tell wait (up to a bound)
//     for one that can. A file whose cells do not agree is refused.
#pragma once

#include "core/error.hpp"
#include "core/io/table.hpp"
#include "core/text/legacy.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace daihoi::io {

class DecodingReader : public TableReader {
public:
    DecodingReader(std::unique_ptr<TableReader> inner, text::Encoding said);

    bool next(Row& row) override;
    bool fixed_width() const override { return inner_->fixed_width(); }
    bool knows_fonts() const override { return inner_->knows_fonts(); }

    // After the last row. "unicode", "tcvn3" or "vni": the encoding the
    // text was in (in an .xlsx with both, the one of more cells).
    std::string found() const;
    // The header texts (of the row at `header_line`) of the columns whose
    // text was converted in a row below it.
    std::vector<std::string> converted_columns(std::size_t header_line) const;
    // The problems of a CSV whose cells do not agree on an encoding: every
    // cell that reads only as a legacy encoding, after one line saying so.
    // Empty when the file is consistent.
    std::vector<Diagnostic> refusal() const;
    void throw_if_refused() const;  // InputError with refusal(), if any

    static constexpr std::size_t kHeldRows = 1000;  // rows waiting for a CSV's encoding at most

private:
    void decode_by_font(Row& row);
    // CSV: classifies the row's cells; true when the row must wait.
    bool classify(const Row& row);
    // text::plausible_readings of a cell, remembered for the texts a list
    // repeats on every row (a unit, a position, an ethnicity).
    std::uint8_t readings(const std::string& cell);
    void decide(std::uint8_t reading);
    void convert(Row& row, text::Encoding encoding);
    void note_converted(const Row& row, std::size_t column, text::Encoding encoding);
    void remember(const Row& row);

    std::unique_ptr<TableReader> inner_;
    text::Encoding said_;
    // CSV, not said: the readings every cell so far allows, and the decision.
    std::uint8_t allowed_ = text::kAnyReading;
    std::uint8_t decided_ = 0;  // 0: not yet; else one of text::kUnicode, kTcvn3, kVni
    bool ambiguous_ = false;    // cannot tell TCVN3 from VNI
    std::deque<Row> held_;
    bool ended_ = false;
    struct Seen {
        std::size_t line, column;
        std::string text;  // as shown (windows-1252 for 8-bit text)
        std::uint8_t readings;
    };
    std::vector<Seen> legacy_;  // cells that do not read as Unicode (the first ones)
    std::size_t legacy_total_ = 0;
    std::uint8_t only_ = 0;  // the readings decided by one cell alone (kUnicode, kTcvn3, kVni bits)
    std::optional<Seen> first_unicode_;
    // Non-ASCII cells that read as Vietnamese in no encoding: in a file
    // found legacy they would be garbled, so they are listed, not converted blindly.
    std::vector<Seen> unfit_;
    std::size_t unfit_total_ = 0;
    // What was converted.
    std::vector<std::size_t> converted_line_;  // per column: the last line converted (0: none)
    std::size_t tcvn3_cells_ = 0, vni_cells_ = 0;
    std::vector<Row> first_rows_;  // the first rows, as decoded: the header is among them
    std::unordered_map<std::string, std::uint8_t> readings_;  // see readings(); bounded
};

}  // namespace daihoi::io
