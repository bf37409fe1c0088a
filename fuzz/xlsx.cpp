// The .xlsx reader (core/io/xlsx_reader.cpp) at the zip level: any bytes as
// an .xlsx file, the first sheet read to the end. (xlsx_parts.cpp reaches the
// XML behind a valid zip.)
#include "common.hpp"
#include "core/io/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    auto path = fuzz::as_file(data, size, "xlsx");
    fuzz::expect_clean([&] {
        io::XlsxReader reader(path, std::nullopt);
        io::Row row;
        while (reader.next(row))
            if (!row.fonts.empty() && row.fonts.size() != row.cells.size()) fuzz::finding("fonts and cells differ");
    });
    return 0;
}
