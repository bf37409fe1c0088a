// Chooses the reader by file extension.
#include "core/io/table.hpp"

#include "core/error.hpp"
#include "core/io/csv.hpp"
#include "core/io/xlsx_reader.hpp"
#include "core/text/utf8.hpp"

#include <filesystem>

namespace daihoi::io {

std::unique_ptr<TableReader> open_table(const std::string& path,
                                        const std::optional<std::string>& sheet) {
    if (path == "-") return std::make_unique<CsvReader>(path);
    std::string ext = text::fold(std::filesystem::path(path).extension().string());
    if (!std::filesystem::exists(path))
        throw InputError(Diagnostic{path, 0, 0, "no such file"});
    if (ext == ".csv" || ext == ".txt") {
        if (sheet) throw InputError(Diagnostic{path, 0, 0, "--sheet applies to .xlsx files only"});
        return std::make_unique<CsvReader>(path);
    }
    if (ext == ".xlsx") return std::make_unique<XlsxReader>(path, sheet);
    throw InputError(Diagnostic{path, 0, 0, "unknown file type (expected .csv or .xlsx)"});
}

}  // namespace daihoi::io
