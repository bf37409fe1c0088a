// The one report writer: renders a Report (report.hpp) to .xlsx (print-ready,
// A4), .pdf (the papers that are signed, laid out once: pdf.cpp), .csv
// (RFC 4180, for scripts and re-import) or .json (an array of objects),
// choosing the format from the file's extension.
#pragma once

#include "core/base/progress.hpp"
#include "core/report/report.hpp"

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace daihoi::report {

enum class Format { Xlsx, Csv, Json, Pdf, Html };

// .xlsx, .csv, .json, .pdf or .html (any case); anything else is a usage error.
Format format_of(const std::filesystem::path& file);
std::string_view extension(Format f);  // ".xlsx"

// A report is written beside its target (so the final rename stays on one
// file system): refused (exit 1), naming both, when the target's folder
// does not exist.
void require_folder_of(const std::filesystem::path& file);

// Text as it stands in an HTML page (the slides, the board's page): & < > "
// escaped.
std::string html_escape(std::string_view s);

struct WriteOptions {
    Progress* progress = nullptr;  // null: none shown
};

// Writes `r` to `file` and returns the number of data rows written. The file
// appears complete or not at all: it is written beside the target and renamed
// into place, so a failure never leaves half a report.
std::size_t write_report(const Report& r, const std::filesystem::path& file,
                         const WriteOptions& opt = {});

// The formats one by one, onto an open stream (CSV/JSON) or a file name (.xlsx, .pdf).
std::size_t write_csv(const Report& r, std::FILE* out, const WriteOptions& opt = {});
std::size_t write_json(const Report& r, std::FILE* out, const WriteOptions& opt = {});
std::size_t write_xlsx(const Report& r, const std::filesystem::path& file,
                       const WriteOptions& opt = {});
// A4 pages drawn by pango and cairo in Liberation Serif (fonts embedded),
// the same content as the .xlsx, its page breaks by paginate.hpp.
std::size_t write_pdf(const Report& r, const std::filesystem::path& file,
                      const WriteOptions& opt = {});

// A CSV field as written: RFC 4180 quoting, and a leading apostrophe on text a
// spreadsheet would run as a formula (=, +, -, @, tab, CR), as OWASP advises.
std::string csv_text_field(std::string_view s);

// `s` cut to at most 32,767 UTF-16 code units (Excel's cell limit) at a
// character boundary; `s` itself when it fits.
std::string_view fit_excel_cell(std::string_view s);

}  // namespace daihoi::report
