// core/cli/table: the one table printer, collected or streamed.
#include "core/cli/table.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>

using daihoi::cli::TextTable;

namespace {

std::string printed(const std::function<void(std::FILE*)>& print) {
    std::FILE* f = std::tmpfile();
    print(f);
    std::fflush(f);
    std::string out(static_cast<std::size_t>(std::ftell(f)), '\0');
    std::rewind(f);
    EXPECT_EQ(std::fread(out.data(), 1, out.size(), f), out.size());
    std::fclose(f);
    return out;
}

// Rows streamed with their widths known in advance print exactly as the
// same rows collected and printed whole (Vietnamese letters one column).
TEST(TextTable, StreamedRowsPrintAsCollectedRows) {
    const std::vector<std::vector<std::string>> rows = {
        {"S01", "Nguyễn Văn An", "✓", "12", "có"},
        {"S0002", "Lê Thị Ánh", "✗", "7", "không"},
    };
    using A = TextTable::Align;
    const std::vector<A> align = {A::Left, A::Left, A::Left, A::Right, A::Left};
    const auto whole = printed([&](std::FILE* f) {
        TextTable t({"code", "full name", "age", "n", "passes"}, align);
        for (const auto& r : rows) t.add(r);
        t.print(f);
    });
    EXPECT_EQ(whole,
              "code   full name      age   n  passes\n"
              "-----  -------------  ---  --  ------\n"
              "S01    Nguyễn Văn An  ✓    12  có\n"
              "S0002  Lê Thị Ánh     ✗     7  không\n");
    const auto streamed = printed([&](std::FILE* f) {
        TextTable t({"code", "full name", "age", "n", "passes"}, align);
        t.begin_stream({5, 13, 1, 2, 5}, f);
        for (const auto& r : rows) t.stream({r[0], r[1], r[2], r[3], r[4]});
        t.end_stream();
    });
    EXPECT_EQ(streamed, whole);
}

// A width given too small is widened to the header's; a cell wider than its
// column pushes the rest of its row right rather than being cut.
TEST(TextTable, StreamedWidthsAreAtLeastTheHeadersAndCellsAreNeverCut) {
    const auto out = printed([](std::FILE* f) {
        TextTable t({"code", "name"});
        t.begin_stream({1, 1}, f);
        t.stream({"ABCDEFG", "x"});
        t.end_stream();
    });
    EXPECT_EQ(out,
              "code  name\n"
              "----  ----\n"
              "ABCDEFG  x\n");
}

}  // namespace
