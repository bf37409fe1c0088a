// core/io: the CSV reader, header matching, duplicate-key detection.
#include "core/error.hpp"
#include "core/io/columns.hpp"
#include "core/io/csv.hpp"
#include "core/io/pipeline.hpp"
#include "core/io/seen_keys.hpp"
#include "core/io/table.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <random>

using namespace daihoi;
using test::ScratchDir;

namespace {
std::vector<io::Row> read_all(const std::string& path) {
    io::CsvReader r(path);
    std::vector<io::Row> rows;
    io::Row row;
    while (r.next(row)) rows.push_back(row);
    return rows;
}
}  // namespace

TEST(Csv, Rfc4180QuotingBomCrlfAndLineNumbers) {
    ScratchDir d;
    auto rows = read_all(d.write("a.csv", "\xEF\xBB\xBF" "a,b,c\r\n"
                                          "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                                          "\r\n"
                                          "2,\"two\nlines\",\r\n"
                                          "3,,last"));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
    EXPECT_EQ(rows[2].line, 4u);  // the blank line 3 is skipped but counted
    EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"2", "two\nlines", ""}));
    EXPECT_EQ(rows[3].line, 6u);  // after a field spanning two lines
    EXPECT_EQ(rows[3].cells, (std::vector<std::string>{"3", "", "last"}));
}

TEST(Csv, MalformedQuotingNamesTheLine) {
    ScratchDir d;
    try {
        read_all(d.write("b.csv", "a,b\n1,\"open\n2,3\n"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics()[0].to_string(), d.file("b.csv") + ":2:2: quoted field is never closed");
    }
    try {
        read_all(d.write("c.csv", "a,b\n1,\"x\"y\n"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(e.diagnostics()[0].message.find("after the closing quote"), std::string::npos);
    }
}

namespace {

// RFC 4180 as the reader first read it, a byte at a time: the reference the
// reader must agree with wherever its 64 KB buffer happens to end.
std::vector<io::Row> reference_rows(const std::string& text) {
    std::vector<io::Row> rows;
    std::size_t i = 0, line = 1;
    auto at_end = [&] { return i >= text.size(); };
    while (!at_end()) {
        io::Row row;
        row.line = line;
        bool any = false;
        for (;;) {
            std::string field;
            int c = at_end() ? EOF : static_cast<unsigned char>(text[i++]);
            if (c == '"') {
                for (;;) {
                    c = static_cast<unsigned char>(text.at(i++));
                    if (c == '"') {
                        if (i < text.size() && text[i] == '"') {
                            ++i;
                            field += '"';
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') ++line;
                    field += static_cast<char>(c);
                }
                c = at_end() ? EOF : static_cast<unsigned char>(text[i++]);
                if (c == '\r' && i < text.size() && text[i] == '\n') c = text[i++];
            } else {
                while (c != ',' && c != '\n' && c != EOF) {
                    if (c == '\r' && i < text.size() && text[i] == '\n') {
                        c = text[i++];
                        break;
                    }
                    field += static_cast<char>(c);
                    c = at_end() ? EOF : static_cast<unsigned char>(text[i++]);
                }
            }
            if (!field.empty()) any = true;
            row.cells.push_back(field);
            if (c == ',') continue;
            if (c == '\n') ++line;
            break;
        }
        if (any) rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST(Csv, AgreesWithTheByteAtATimeReadingAcrossItsBuffer) {
    // Random lists of about 300 KB (fixed seeds): plain and quoted fields of
    // every length up to a few hundred bytes, "" inside quotes, line ends
    // inside quotes, CRLF and LF, a lone CR in a field, blank lines, so that
    // every kind of byte falls at the end of a 64 KB read somewhere.
    ScratchDir d;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        std::string text;
        while (text.size() < 300'000) {
            int fields = 1 + pick(14);
            for (int f = 0; f < fields; ++f) {
                if (f) text += ',';
                int len = pick(5) == 0 ? pick(400) : pick(20);
                if (pick(3) == 0) {
                    text += '"';
                    for (int k = 0; k < len; ++k) {
                        int r = pick(40);
                        text += r == 0 ? std::string("\"\"") : r == 1 ? std::string("\n") : r == 2 ? std::string("\r\n")
                              : r == 3 ? std::string(",") : std::string(1, static_cast<char>('a' + pick(26)));
                    }
                    text += '"';
                } else {
                    for (int k = 0; k < len; ++k) text += pick(50) == 0 ? '\r' : static_cast<char>('a' + pick(26));
                }
            }
            text += pick(2) ? "\r\n" : "\n";
            if (pick(30) == 0) text += "\n";
        }
        auto rows = read_all(d.write("r.csv", text));
        auto want = reference_rows(text);
        ASSERT_EQ(rows.size(), want.size()) << "seed " << seed;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            ASSERT_EQ(rows[r].line, want[r].line) << "seed " << seed << " row " << r;
            ASSERT_EQ(rows[r].cells, want[r].cells) << "seed " << seed << " line " << want[r].line;
        }
    }
}

TEST(Columns, AliasesAndDuplicates) {
    std::vector<io::ColumnSpec> specs = {{"code", {"Mã"}, true}, {"full_name", {"Họ và tên"}, true}};
    EXPECT_EQ(io::match_column("MA", specs), 0u);
    EXPECT_EQ(io::match_column("ho va ten", specs), 1u);
    EXPECT_EQ(io::match_column("Full Name", specs), 1u);
    EXPECT_FALSE(io::match_column("phone", specs));
    ScratchDir d;
    io::CsvReader r(d.write("h.csv", "code,Mã,full_name\n"));
    try {
        io::read_header(r, specs);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(e.diagnostics()[0].message.find("appears twice"), std::string::npos);
    }
}

TEST(SeenKeys, ReportsTheEarlierLineAcrossGrowth) {
    io::SeenKeys seen;
    for (std::size_t i = 1; i <= 100000; ++i) ASSERT_FALSE(seen.insert("DV" + std::to_string(i), i));
    EXPECT_EQ(seen.insert("DV77", 200000), 77u);
    EXPECT_EQ(seen.insert("DV100000", 200001), 100000u);
    EXPECT_FALSE(seen.insert("DV0", 200002));
    EXPECT_EQ(seen.size(), 100001u);
}

TEST(Pipeline, DeliversEveryBatchInOrderAndPropagatesErrors) {
    int next = 0;
    std::vector<int> got;
    io::pipelined<int>(
        [&](std::vector<int>& b) {
            for (int i = 0; i < 10 && next < 1000; ++i) b.push_back(next++);
            return next < 1000;
        },
        [&](std::vector<int>& b) { got.insert(got.end(), b.begin(), b.end()); });
    ASSERT_EQ(got.size(), 1000u);
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(got[i], i);
    EXPECT_THROW(io::pipelined<int>([](std::vector<int>&) -> bool { throw std::runtime_error("bad"); },
                                    [](std::vector<int>&) {}),
                 std::runtime_error);
    EXPECT_THROW(io::pipelined<int>(
                     [](std::vector<int>& b) { b.push_back(1); return true; },
                     [](std::vector<int>&) { throw std::runtime_error("disk full"); }),
                 std::runtime_error);
}

TEST(SeenKeys, KeysTakenBeforeTheFileAreToldApart) {
    io::SeenKeys seen;
    seen.take("7");
    EXPECT_EQ(seen.insert("7", 2), io::SeenKeys::kTaken);
    EXPECT_FALSE(seen.insert("8", 3));
    EXPECT_EQ(seen.insert("8", 4), 3u);
    EXPECT_THROW(seen.insert("9", io::SeenKeys::kTaken), std::invalid_argument);  // a line is never "taken"
}

TEST(Columns, TheHeaderLineAndTheShapeOfARow) {
    ScratchDir d;
    io::CsvReader r(d.write("s.csv", "\n\na,b\n1,2,3\n1\n"));
    std::vector<io::ColumnSpec> specs = {{"a", {}, true}, {"b", {}, true}};
    io::Table t(r, specs);
    const auto& cols = t.columns();
    EXPECT_EQ(cols.line, 3u);
    io::Row row;
    ASSERT_TRUE(t.next(row));
    EXPECT_EQ(cols.shape_problem(row), "3 fields where the header has 2 (a comma in a field that is not quoted?)");
    ASSERT_TRUE(t.next(row));
    EXPECT_EQ(cols.shape_problem(row), "1 field where the header has 2");
}

TEST(Table, UnreadableFilesSayWhy) {
    ScratchDir d;
    std::filesystem::create_directory(d.file("dir.csv"));
    try {
        io::open_table(d.file("dir.csv"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().at(0).message, "cannot be read: it is a folder, not a file");
    }
    EXPECT_EQ(io::cannot_read(EACCES), "cannot be read: permission denied");
    try {
        io::open_table(d.file("none.csv"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().at(0).to_string(), d.file("none.csv") + ": no such file");
    }
}
