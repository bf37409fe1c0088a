// A cell as printed: the words a column prints for a stored code
// (value_labels), and the whole printed text of a cell for writers that
// print text rather than typed cells (the PDF). One place, so that the
// .xlsx and the PDF print the same words for the same cell.
#pragma once

#include "core/report/report.hpp"

#include <string>
#include <string_view>

namespace daihoi::report {

// The column's printed word for `v` (looked up by its CSV form: "F", "3",
// true → "1"), or null when the column has none for it.
const std::string* value_label(const Column& c, const Value& v);

// `v` as printed in column `c`: its value label when there is one; dates
// DD/MM/YYYY; Number cells with the column's decimals, grouped in
// thousands, with the marks of `p` (44,0 in Vietnamese); Int cells as they
// are; booleans "x" or nothing; no value as nothing.
std::string printed_text(const Column& c, const Value& v, const PrintLabels& p);

// Where a column's cells sit: text left, words printed through value_labels
// ("Nữ", "Đạt") centred unless the column says otherwise, Int, Bool and
// Date cells centred, Number cells right.
enum class CellAlign : std::uint8_t { Left, Center, Right };
CellAlign cell_align(const Column& c);

// A number written with a dot ("-1234.5") in the marks of a language:
// "-1.234,5" in Vietnamese. The one grouping of digits, for cells and for
// running text.
std::string localize_number(std::string_view dot_decimal, const std::string& decimal,
                            const std::string& thousands);

// `s` in capitals, by the Vietnamese rules ("đảng bộ" → "ĐẢNG BỘ"): the
// heading's organization.
std::string upper_vi(const std::string& s);
// `s` with its first letter in capitals ("lý luận …" → "Lý luận …").
std::string upper_first(const std::string& s);

// `x` with `decimals` decimals, grouped in thousands with `thousands`,
// `decimal` before the decimals: 1234.5, 1 → "1.234,5" in Vietnamese.
std::string format_number(double x, int decimals, const std::string& decimal,
                          const std::string& thousands);

}  // namespace daihoi::report
