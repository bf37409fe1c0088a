// Header finding and column mapping (core/io/columns.cpp): rows from the
// fuzzer's bytes (see memory_reader.hpp) against the members', candidates' or
// ballots' columns. The first byte picks the columns and the person's
// options (--header-row, --map); the rest is the table.
#include "common.hpp"
#include "memory_reader.hpp"

#include "core/election/election.hpp"
#include "core/io/columns.hpp"
#include "core/registry/members.hpp"
#include "core/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    if (size < 2) return 0;
    const std::uint8_t how = data[0], pick = data[1];
    const std::vector<io::ColumnSpec>& specs = (how & 3) == 0   ? registry::member_import_columns()
                                               : (how & 3) == 1 ? election::candidate_columns()
                                                                : election::ballot_columns();
    std::string_view text = fuzz::bytes(data + 2, size - 2);
    io::HeaderOptions options;
    if (how & 4) options.header_row = pick % 40;
    if (how & 8) {
        // The first cell of the text named by hand as one of the fields.
        std::string_view first = text.substr(0, text.find_first_of("\t\n"));
        options.mapping.emplace_back(std::string(first), specs[pick % specs.size()].name);
    }
    fuzz::MemoryReader reader(text);
    fuzz::expect_clean([&] {
        io::Table table(reader, specs, options);
        const io::ColumnMap& map = table.columns();
        if (map.cell.size() != specs.size()) fuzz::finding("a column map not the size of its specs");
        io::Row row;
        while (table.next(row)) {
            (void)map.shape_problem(row);
            for (std::size_t s = 0; s < specs.size(); ++s) {
                const std::string& cell = map.get(row, s);
                if (auto clean = text::clean(cell)) (void)io::looks_like_footer(*clean);
            }
        }
    });
    return 0;
}
