// A small streaming .xlsx reader on minizip + expat: shared and inline
// strings, rich-text runs, sparse cells, booleans, and dates recognised by
// their number format. Constant memory in the number of rows.
#pragma once

#include "core/io/table.hpp"

#include <memory>
#include <optional>
#include <string>

namespace daihoi::io {

class XlsxReader : public TableReader {
public:
    // Opens the workbook and the sheet named `sheet` (default: the first).
    // Throws InputError for a file that is not a readable .xlsx, a missing
    // sheet, or one whose parts would inflate beyond safe limits (zip bomb).
    XlsxReader(const std::string& path, const std::optional<std::string>& sheet);
    ~XlsxReader() override;

    // Cells as text: strings as written; numbers in their shortest exact
    // form ("12", "0.5"); booleans "1"/"0"; a number whose format is a date
    // as an ISO date ("1961-01-15"). Missing cells are empty strings.
    // Row::fonts tells each cell's font: the rich-text run's (the first run
    // that names one) or its style's.
    bool next(Row& row) override;
    bool knows_fonts() const override { return true; }

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace daihoi::io
