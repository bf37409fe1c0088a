// The limits on hostile input (core/io/limits.hpp, docs/limits.md): lines,
// fields and columns of a CSV file, an endless stream, control characters
// and byte order marks in text fields, the years of dates (files and
// standard sets), the row numbers SeenKeys can hold, and the ballot line and
// serial typed at a terminal. Each meets its limit with one message.
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/io/csv.hpp"
#include "core/io/limits.hpp"
#include "core/io/seen_keys.hpp"
#include "core/standards/standard_set.hpp"
#include "core/text/date.hpp"
#include "core/text/utf8.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace daihoi;
using test::ScratchDir;

namespace {

// The diagnostics the CSV file `path` raises when read to its end, as
// "line: message"; fails the test if it reads without one.
std::vector<std::string> csv_problems(const std::string& path) {
    std::vector<std::string> out;
    try {
        io::CsvReader reader(path);
        io::Row row;
        while (reader.next(row)) {
        }
        ADD_FAILURE() << "read without a problem";
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) out.push_back(std::to_string(d.line) + ": " + d.message);
    }
    return out;
}

std::optional<text::TextFault> fault_of(std::string_view s) {
    std::string out;
    return text::clean_field(s, out);
}

std::string cleaned(std::string_view s) {
    std::string out;
    EXPECT_FALSE(text::clean_field(s, out)) << s;
    return out;
}

}  // namespace

// ---- CSV ------------------------------------------------------------------------

TEST(CsvLimits, AnEndlessLineStopsAtTheLineLimitWithOneMessage) {
    ScratchDir dir;
    std::string path = dir.write("long.csv", "code,full_name\nA1," + std::string(10'000'000, 'x') + "\nA2,B\n");
    auto errors = csv_problems(path);
    EXPECT_EQ(errors, (std::vector<std::string>{"2: the line is longer than 64 KB; no list has lines so long"}));
}

TEST(CsvLimits, ALineWithNoEndIsOneMessage) {
    ScratchDir dir;
    std::string path = dir.write("wall.csv", std::string(10'000'000, 'y'));
    auto errors = csv_problems(path);
    EXPECT_EQ(errors, (std::vector<std::string>{"1: the line is longer than 64 KB; no list has lines so long"}));
}

TEST(CsvLimits, AQuotedFieldAcrossLinesCountsForItsRow) {
    ScratchDir dir;
    std::string lines;
    while (lines.size() <= io::kMaxLineBytes) lines += "a line of a note\n";
    std::string path = dir.write("quoted.csv", "code,note\nA1,\"" + lines + "\"\n");
    auto errors = csv_problems(path);
    EXPECT_EQ(errors, (std::vector<std::string>{"2: the line is longer than 64 KB; no list has lines so long"}));
    // "" escapes count too
    std::string quotes(2 * io::kMaxLineBytes + 4, '"');
    errors = csv_problems(dir.write("quotes.csv", "code\n\"" + quotes + "\"\n"));
    EXPECT_EQ(errors, (std::vector<std::string>{"2: the line is longer than 64 KB; no list has lines so long"}));
}

TEST(CsvLimits, ALineOfTheLimitIsReadAndOneByteMoreIsNot) {
    ScratchDir dir;
    std::string field(io::kMaxLineBytes - 4, 'z');  // "A1," + field + "\n": the limit exactly
    io::CsvReader reader(dir.write("edge.csv", "A1," + field + "\n"));
    io::Row row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.cells.at(1), field);
    EXPECT_EQ(csv_problems(dir.write("over.csv", "A1," + field + "z\n")),
              (std::vector<std::string>{"1: the line is longer than 64 KB; no list has lines so long"}));
}

TEST(CsvLimits, AMillionColumnsAreRefusedAtTheColumnLimit) {
    ScratchDir dir;
    std::string wide(20000, ',');
    auto errors = csv_problems(dir.write("wide.csv", "a" + wide + "\n"));
    EXPECT_EQ(errors, (std::vector<std::string>{"1: the line has more than 16384 fields"}));
}

TEST(CsvLimits, LinesBeyondTheLastALineCanHaveAreRefused) {
    ScratchDir dir;
    std::string path = dir.write("many.csv", std::string(io::kMaxCsvLines, '\n') + "a\nb\n");
    EXPECT_EQ(csv_problems(path), (std::vector<std::string>{"5000001: the file has more than 5000000 lines"}));
    io::CsvReader reader(dir.write("last.csv", std::string(io::kMaxCsvLines - 1, '\n') + "a\n"));
    io::Row row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.line, io::kMaxCsvLines);
}

TEST(CsvLimits, DevZeroIsRefusedPromptlyNotReadUntilMemoryRunsOut) {
    auto start = std::chrono::steady_clock::now();
    auto errors = csv_problems("/dev/zero");
    EXPECT_EQ(errors, (std::vector<std::string>{"1: the line is longer than 64 KB; no list has lines so long"}));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// ---- text fields ------------------------------------------------------------------

TEST(TextFields, ControlCharactersAreRefusedWithTheirPlace) {
    using K = text::TextFault::Kind;
    struct Case {
        std::string text;
        std::size_t at;
        char32_t cp;
        std::string message;
    };
    std::vector<Case> cases = {
        {std::string("A\0B", 3), 1, 0, "control character U+0000 at character 2: a field holds no control characters"},
        {"M\x1b[31m01", 1, 0x1B, "control character U+001B at character 2: a field holds no control characters"},
        {"AB\bC", 2, 0x08, "control character U+0008 at character 3: a field holds no control characters"},
        {"Nguyễn\x7f", 8, 0x7F, "control character U+007F at character 7: a field holds no control characters"},
        {"A\nB", 1, '\n', "a line break at character 2: a field is one line of text"},
        {"Lê\r\nVăn", 3, '\r', "a line break at character 3: a field is one line of text"},
        {"Lê\tVăn", 3, '\t', "a tab at character 3: a field holds no tabs"},
        {"Ti\xC2\x85n", 2, 0x85, "control character U+0085 at character 3: a field holds no control characters"},
    };
    for (const auto& c : cases) {
        auto f = fault_of(c.text);
        ASSERT_TRUE(f) << c.text;
        EXPECT_EQ(f->kind, K::Control) << c.text;
        EXPECT_EQ(f->at, c.at) << c.text;
        EXPECT_EQ(f->code_point, c.cp) << c.text;
        EXPECT_EQ(f->message(c.text), c.message);
    }
}

TEST(TextFields, WhiteSpaceAroundIsTrimmedNotRefused) {
    EXPECT_EQ(cleaned("\t A1 \r\n"), "A1");
    EXPECT_EQ(cleaned("  Nguye\xCC\x82\xCC\x83n Văn An\t"), "Nguyễn Văn An");
}

TEST(TextFields, InvalidUtf8IsStillTold) {
    auto f = fault_of("A\xff");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->kind, text::TextFault::Kind::InvalidUtf8);
    EXPECT_EQ(f->message("A\xff"), "invalid UTF-8 (byte 2 of the field)");
}

TEST(TextFields, AByteOrderMarkIsNeverStoredInsideAField) {
    EXPECT_EQ(cleaned("\xEF\xBB\xBF" "M001"), "M001");
    EXPECT_EQ(cleaned("\xEF\xBB\xBF M001"), "M001");
    EXPECT_EQ(cleaned("M0\xEF\xBB\xBF" "01"), "M001");
    EXPECT_EQ(text::clean("\xEF\xBB\xBF M001").value(), "M001");
}

// ---- dates ----------------------------------------------------------------------------

TEST(DateRange, YearsOutside1900To2100AreRefusedWithTheirReason) {
    EXPECT_TRUE(text::parse_date("1900-01-01"));
    EXPECT_TRUE(text::parse_date("31/12/2100"));
    for (const char* s : {"01/01/9999", "9999-12-31", "1899-12-31", "0000-01-01", "01/01/2101"}) {
        EXPECT_FALSE(text::parse_date(s)) << s;
        EXPECT_EQ(text::not_a_date(s), fmt::format("'{}': the year is outside 1900–2100", s));
    }
    EXPECT_EQ(text::not_a_date("31/02/1990"), "'31/02/1990' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
    // a year alone, as a birth year is written
    EXPECT_EQ(text::not_a_date("2999"), "'2999': the year is outside 1900–2100");
    EXPECT_EQ(text::not_a_date("1968"), "'1968' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
}

TEST(DateRange, AStandardSetsAsOfIsHeldToTheRangeToo) {
    for (const char* as_of : {"0000-01-01", "\"0000-01-01\"", "9999-12-31"}) {
        std::string toml = std::string("name = \"x\"\ntitle = \"X\"\nas_of = ") + as_of +
                           "\n\n[[criterion]]\nid = \"party\"\nkind = \"party_years_min\"\nmin = 5\n";
        try {
            standards::parse_standard_set(toml, "bad.toml");
            ADD_FAILURE() << "accepted as_of = " << as_of;
        } catch (const InputError& e) {
            ASSERT_FALSE(e.diagnostics().empty());
            const auto& d = e.diagnostics().front();
            EXPECT_EQ(d.file, "bad.toml");
            EXPECT_EQ(d.line, 3u);
            EXPECT_EQ(d.field, "as_of");
            EXPECT_NE(d.message.find("the year is outside 1900–2100"), std::string::npos) << d.message;
        }
    }
}

// ---- row numbers -----------------------------------------------------------------------

TEST(SeenKeysLimits, NoRowCanBeMistakenForAKeyInTheWorkspace) {
    io::SeenKeys seen;
    seen.take("5");
    EXPECT_EQ(seen.insert("5", 7), io::SeenKeys::kTaken);
    EXPECT_THROW(seen.insert("6", io::SeenKeys::kTaken), std::invalid_argument);
    // the readers stop far below it
    EXPECT_LT(io::kMaxSheetRows, io::SeenKeys::kTaken);
    EXPECT_LT(io::kMaxCsvLines, io::SeenKeys::kTaken);
}

// ---- the ballot line typed at a terminal ----------------------------------------------------

namespace {
std::vector<std::string> entry_problems(const std::string& line, int count = 10) {
    std::vector<std::string> out;
    try {
        election::parse_entry(line, count);
        ADD_FAILURE() << "accepted: " << line.substr(0, 80);
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) out.push_back(d.message);
    }
    return out;
}
}  // namespace

TEST(EntryLimits, ASerialBeyondTheBoundIsBadInput) {
    EXPECT_EQ(entry_problems("9223372036854775807: 1"),
              (std::vector<std::string>{
                  "'9223372036854775807' is not a ballot number: ballot numbers run from 1 to 999999999"}));
    EXPECT_EQ(entry_problems("99999999999999999999999: 1").size(), 1u);
    EXPECT_EQ(election::parse_entry("999999999: 1", 10).serial, 999'999'999);
}

TEST(EntryLimits, AMillionNumbersOnOneLineAreOneMessage) {
    std::string line;
    for (int i = 1; i <= 1'000'000; ++i) line += std::to_string(i) + ' ';
    EXPECT_EQ(entry_problems(line),
              (std::vector<std::string>{"the line is longer than 4096 characters; a ballot's line is far shorter"}));
}

TEST(EntryLimits, ManyWrongNumbersAreAFewMessagesAndACount) {
    std::string line;
    for (int i = 11; i <= 500; ++i) line += std::to_string(i) + ' ';
    auto problems = entry_problems(line);
    ASSERT_EQ(problems.size(), election::kEntryProblemsShown + 1);
    EXPECT_EQ(problems.front(), "crossed: '11' is not a ballot position (1 to 10)");
    EXPECT_EQ(problems.back(), "… and 480 more problems on this line");
}

TEST(EntryLimits, ControlCharactersTypedAreRefused) {
    EXPECT_EQ(entry_problems("3 \x1b[A 7"),
              (std::vector<std::string>{
                  "control character U+001B at character 3: a field holds no control characters"}));
}
