// The CSV reader (core/io/csv.cpp): any bytes as a .csv file, read to the end.
#include "common.hpp"
#include "core/io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    auto path = fuzz::as_file(data, size, "csv");
    fuzz::expect_clean([&] {
        io::CsvReader reader(path);
        io::Row row;
        std::size_t last = 0;
        while (reader.next(row)) {
            if (row.line <= last) fuzz::finding("CSV rows out of order");
            last = row.line;
        }
    });
    return 0;
}
