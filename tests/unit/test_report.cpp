// core/report: the CSV and JSON writers (quoting, formula injection, nulls,
// dates), the format from the extension, Excel's cell limit, the producer
// thread, atomic files, the labels, and the members report end to end
// (CSV re-imports; .xlsx read back with the project's reader).
#include "core/error.hpp"
#include "core/io/xlsx_reader.hpp"
#include "core/registry/members.hpp"
#include "core/report/kinds.hpp"
#include "core/report/pipeline.hpp"
#include "core/report/templates.hpp"
#include "core/report/writer.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

using namespace daihoi;
using namespace daihoi::report;
using test::ScratchDir;
namespace fs = std::filesystem;

namespace {

// The labels under test are the ones in the source tree.
struct SourceTemplates : ::testing::Environment {
    void SetUp() override {
        auto dir = fs::path(DAIHOI_TEST_DATA).parent_path().parent_path() / "templates";
        ::setenv("DAIHOI_TEMPLATES", dir.c_str(), 1);
    }
};
const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new SourceTemplates);

Column col(std::string key, std::string label, ColumnType type) {
    Column c;
    c.key = std::move(key);
    c.label = std::move(label);
    c.type = type;
    return c;
}

Row row(std::vector<Value> cells) {
    return Row{std::move(cells), {}};
}

Report make_report(std::vector<Row> rows) {
    Report r;
    r.kind = "test";
    r.sheet_name = "Thử";
    r.heading = {"Đảng bộ xã Tân Lập", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
                 "Tân Lập, ngày 05 tháng 02 năm 2026"};
    r.title = "DANH SÁCH";
    Table t;
    t.key = "people";
    t.columns = {col("name", "Họ và tên", ColumnType::Text), col("n", "Số", ColumnType::Int),
                 col("d", "Ngày", ColumnType::Date), col("x", "Tỉ lệ", ColumnType::Number),
                 col("ok", "Đạt", ColumnType::Bool)};
    t.expected_rows = rows.size();
    t.rows = [rows = std::move(rows)](const Emit& emit) {
        for (const auto& r : rows) emit(r);
    };
    r.tables.push_back(std::move(t));
    return r;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

template <class F>
std::string to_string_via(F&& write) {
    std::FILE* f = std::tmpfile();
    write(f);
    std::rewind(f);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
    std::fclose(f);
    return out;
}

}  // namespace

// ---- CSV --------------------------------------------------------------------

TEST(ReportCsv, QuotesPerRfc4180) {
    EXPECT_EQ(csv_text_field("Nguyễn Văn An"), "Nguyễn Văn An");
    EXPECT_EQ(csv_text_field("Bí thư, chi bộ"), "\"Bí thư, chi bộ\"");
    EXPECT_EQ(csv_text_field("Cán bộ \"trẻ\""), "\"Cán bộ \"\"trẻ\"\"\"");
    EXPECT_EQ(csv_text_field("hai\ndòng"), "\"hai\ndòng\"");
    EXPECT_EQ(csv_text_field(""), "");
}

TEST(ReportCsv, FormulaInjectionGetsAnApostrophe) {
    EXPECT_EQ(csv_text_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csv_text_field("=1+2"), "'=1+2");
    EXPECT_EQ(csv_text_field("+84 912"), "'+84 912");
    EXPECT_EQ(csv_text_field("-5"), "'-5");
    EXPECT_EQ(csv_text_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csv_text_field("\tx"), "'\tx");
    EXPECT_EQ(csv_text_field("\rx"), "\"'\rx\"");
    EXPECT_EQ(csv_text_field("a=b"), "a=b");  // only a leading sign is dangerous
}

TEST(ReportCsv, WritesKeysIsoDatesNumbersAndEmptyCells) {
    Report r = make_report(
        {row({std::string("Lê Văn Ân"), std::int64_t{-3}, text::Date{1961, 1, 15}, 0.5, true}),
         row({std::string("=cmd|' /C calc'!A0"), std::int64_t{12}, std::monostate{},
              std::monostate{}, false}),
         row({std::string("Bí thư, \"chi bộ\""), std::monostate{}, text::Date{2026, 2, 5}, 2.25,
              std::monostate{}})});
    std::size_t rows = 0;
    std::string out = to_string_via([&](std::FILE* f) { rows = write_csv(r, f, {}); });
    EXPECT_EQ(rows, 3u);
    EXPECT_EQ(out,
              "name,n,d,x,ok\n"  // keys, no BOM, no row-number column
              "Lê Văn Ân,-3,1961-01-15,0.5,1\n"
              "'=cmd|' /C calc'!A0,12,,,0\n"
              "\"Bí thư, \"\"chi bộ\"\"\",,2026-02-05,2.25,\n");
}

// Several tables share one file in long form: the table's key first, then
// the union of the columns by key; a column a table lacks stays empty.
TEST(ReportCsv, SeveralTablesInLongFormWithTheUnionOfTheirColumns) {
    Report r = make_report({row({std::string("An"), std::int64_t{7}, std::monostate{}, 1.5, true})});
    Table counts;
    counts.key = "counts";
    counts.columns = {col("item", "Nội dung", ColumnType::Text), col("n", "Số", ColumnType::Int)};
    counts.rows = [](const Emit& emit) {
        Row x;
        x.cells = {std::string("=issued"), std::int64_t{120}};
        emit(x);
    };
    r.tables.push_back(counts);
    EXPECT_EQ(to_string_via([&](std::FILE* f) { write_csv(r, f, {}); }),
              "table,name,n,d,x,ok,item\n"
              "people,An,7,,1.5,1,\n"
              "counts,,120,,,,'=issued\n");
}

// ---- JSON -------------------------------------------------------------------

TEST(ReportJson, StreamsAnArrayOfObjects) {
    Report r = make_report({row({std::string("Trần \"Bình\"\n"), std::int64_t{7},
                                 text::Date{1970, 12, 31}, 1.5, true}),
                            row({std::string("=1+2"), std::monostate{}, std::monostate{},
                                 std::monostate{}, std::monostate{}})});
    std::string out = to_string_via([&](std::FILE* f) { write_json(r, f, {}); });
    // Laid out as every JSON document of daihoi (json::print of the whole array).
    nlohmann::ordered_json whole = nlohmann::ordered_json::array();
    whole.push_back({{"name", "Trần \"Bình\"\n"}, {"n", 7}, {"d", "1970-12-31"}, {"x", 1.5}, {"ok", true}});
    whole.push_back({{"name", "=1+2"}, {"n", nullptr}, {"d", nullptr}, {"x", nullptr}, {"ok", nullptr}});
    EXPECT_EQ(out, whole.dump(2) + "\n");
    auto j = nlohmann::json::parse(out);
    ASSERT_TRUE(j.is_array());
    EXPECT_EQ(j[0]["name"], "Trần \"Bình\"\n");
    EXPECT_TRUE(j[1]["d"].is_null());
}

TEST(ReportJson, EmptyTableIsAnEmptyArray) {
    Report r = make_report({});
    EXPECT_EQ(to_string_via([&](std::FILE* f) { write_json(r, f, {}); }), "[]\n");
    EXPECT_TRUE(nlohmann::json::parse("[]\n").is_array());
}

TEST(ReportJson, SeveralTablesMakeAnObject) {
    Report r =
        make_report({row({std::string("A"), std::int64_t{1}, std::monostate{}, 2.0, false})});
    r.tables.push_back(r.tables.front());
    r.tables.back().key = "others";
    auto j = nlohmann::json::parse(to_string_via([&](std::FILE* f) { write_json(r, f, {}); }));
    ASSERT_TRUE(j.is_object());
    EXPECT_EQ(j["people"].size(), 1u);
    EXPECT_EQ(j["others"][0]["n"], 1);
}

// ---- files ------------------------------------------------------------------

TEST(ReportFiles, FormatFromTheExtension) {
    EXPECT_EQ(format_of("a/members.xlsx"), Format::Xlsx);
    EXPECT_EQ(format_of("members.CSV"), Format::Csv);
    EXPECT_EQ(format_of("members.json"), Format::Json);
    EXPECT_THROW(format_of("members.xls"), UsageError);
    EXPECT_THROW(format_of("members.txt"), UsageError);
    EXPECT_THROW(format_of("members"), UsageError);
}

TEST(ReportFiles, AFailedReportLeavesNoFile) {
    ScratchDir dir;
    for (const char* name : {"out.csv", "out.json", "out.xlsx"}) {
        Report r = make_report({});
        r.tables.front().rows = [](const Emit& emit) {
            Row rw = row({std::string("a"), std::int64_t{1}, std::monostate{}, 1.0, true});
            for (int i = 0; i < 5000; ++i) emit(rw);
            throw std::runtime_error("database went away");
        };
        EXPECT_THROW(write_report(r, dir.file(name), {}), std::runtime_error) << name;
        EXPECT_TRUE(fs::is_empty(dir.file(""))) << name << ": left a file behind";
    }
}

TEST(ReportFiles, ReplacesAnExistingFileWhole) {
    ScratchDir dir;
    std::string path = dir.write("out.csv", "old\n");
    Report r = make_report({row({std::string("A"), std::int64_t{1}, std::monostate{}, 1.0, true})});
    EXPECT_EQ(write_report(r, path, {}), 1u);
    EXPECT_EQ(slurp(path), "name,n,d,x,ok\nA,1,,1,1\n");
}

TEST(ReportXlsx, CutsCellsAtExcelsLimitOnACharacterBoundary) {
    EXPECT_EQ(fit_excel_cell("Ân"), "Ân");
    std::string ascii(40000, 'a');
    EXPECT_EQ(fit_excel_cell(ascii).size(), 32767u);
    std::string viet;
    for (int i = 0; i < 40000; ++i) viet += "ễ";  // 3 bytes, one UTF-16 unit each
    auto cut = fit_excel_cell(viet);
    EXPECT_EQ(cut.size(), 32767u * 3);
    std::string emoji;
    for (int i = 0; i < 20000; ++i) emoji += "\xF0\x9F\x98\x80";  // two UTF-16 units each
    EXPECT_EQ(fit_excel_cell(emoji).size(), 16383u * 4);
}

TEST(ReportXlsx, WritesTextAsTextAndDatesAsDates) {
    ScratchDir dir;
    std::string huge(40000, 'x');
    Report r = make_report(
        {row({std::string("=1+2"), std::int64_t{42}, text::Date{1961, 1, 15}, 0.25, true}),
         row({huge, std::monostate{}, std::monostate{}, std::monostate{}, false})});
    std::string path = dir.file("t.xlsx");
    EXPECT_EQ(write_report(r, path, {}), 2u);
    io::XlsxReader reader(path, std::nullopt);
    std::vector<std::vector<std::string>> rows;
    for (io::Row rw; reader.next(rw);) rows.push_back(rw.cells);
    auto find = [&](const std::string& first) -> std::vector<std::string> {
        for (const auto& rw : rows)
            if (!rw.empty() && rw[0] == first) return rw;
        return {};
    };
    EXPECT_EQ(find("ĐẢNG BỘ XÃ TÂN LẬP").size() > 0, true) << "organization printed uppercase";
    auto header = find("STT");
    ASSERT_EQ(header.size(), 6u);
    EXPECT_EQ(header[1], "Họ và tên");
    auto first = find("1");
    ASSERT_EQ(first.size(), 6u);
    EXPECT_EQ(first[1], "=1+2");  // a string, not a formula
    EXPECT_EQ(first[2], "42");
    EXPECT_EQ(first[3], "1961-01-15");  // a date cell (number with a date format)
    EXPECT_EQ(first[4], "0.25");
    EXPECT_EQ(first[5], "1");
    auto second = find("2");
    ASSERT_GE(second.size(), 2u);
    EXPECT_EQ(second[1].size(), 32767u);
}

// ---- the producer thread --------------------------------------------------

TEST(ReportPipeline, KeepsOrderAcrossBatches) {
    std::int64_t expected = 0;
    bool in_order = true;
    pump_rows(
        [](const Emit& emit) {
            Row r = row({std::int64_t{0}});
            for (std::int64_t i = 0; i < 100000; ++i) {
                r.cells[0] = i;
                emit(r);
            }
        },
        [&](const Row& r) {
            in_order = in_order && std::get<std::int64_t>(r.cells[0]) == expected++;
        });
    EXPECT_TRUE(in_order);
    EXPECT_EQ(expected, 100000);
}

TEST(ReportPipeline, ErrorsCrossTheThreadBothWays) {
    EXPECT_THROW(pump_rows(
                     [](const Emit& emit) {
                         for (int i = 0; i < 3000; ++i) emit(row({std::int64_t{i}}));
                         throw InputError(Diagnostic{"x", 1, 0, "bad"});
                     },
                     [&](const Row&) {}),
                 InputError);
    // The consumer gives up: the producer (an endless source) must stop, not hang.
    EXPECT_THROW(pump_rows(
                     [](const Emit& emit) {
                         for (;;) emit(row({std::int64_t{1}}));
                     },
                     [&](const Row&) { throw Refused("disk full"); }),
                 Refused);
}

// ---- labels -----------------------------------------------------------------

TEST(ReportLabels, EveryLanguageLabelsEveryMemberColumnAndValue) {
    for (const auto& lang : report_languages()) {
        const Labels& l = Labels::load(lang);
        for (const auto& key : registry::member_columns())
            EXPECT_NO_THROW(l.text("members.columns." + key)) << lang << ": " << key;
        EXPECT_EQ(l.table("values.gender").size(), 2u) << lang;
        EXPECT_EQ(l.table("values.degree").size(), 5u) << lang;
        EXPECT_EQ(l.table("values.theory").size(), 5u) << lang;
        EXPECT_EQ(l.list("common.month_names").size(), 12u) << lang;
    }
    auto langs = report_languages();
    EXPECT_NE(std::find(langs.begin(), langs.end(), "vi"), langs.end());
    EXPECT_NE(std::find(langs.begin(), langs.end(), "en"), langs.end());
    EXPECT_THROW(Labels::load("fr"), UsageError);
}

TEST(ReportLabels, PlaceAndDateLine) {
    const Labels& vi = Labels::load("vi");
    const Labels& en = Labels::load("en");
    EXPECT_EQ(place_date_line(vi, "Hà Nội", {2026, 11, 22}), "Hà Nội, ngày 22 tháng 11 năm 2026");
    EXPECT_EQ(place_date_line(vi, "Hà Nội", {2026, 2, 5}), "Hà Nội, ngày 05 tháng 02 năm 2026");
    EXPECT_EQ(place_date_line(vi, "Huế", {2026, 3, 9}), "Huế, ngày 09 tháng 3 năm 2026");
    EXPECT_EQ(place_date_line(vi, "", {2026, 3, 9}), "Ngày 09 tháng 3 năm 2026");
    EXPECT_EQ(place_date_line(en, "Hanoi", {2026, 11, 22}), "Hanoi, 22 November 2026");
}

TEST(ReportLabels, MissingKeyNamesTheFile) {
    try {
        Labels::load("vi").text("members.no_such_label");
        FAIL() << "no error";
    } catch (const InputError& e) {
        ASSERT_FALSE(e.diagnostics().empty());
        EXPECT_NE(e.diagnostics()[0].to_string().find("labels.toml"), std::string::npos);
        EXPECT_NE(e.diagnostics()[0].to_string().find("members.no_such_label"), std::string::npos);
    }
}

// ---- the members report -------------------------------------------------------

namespace {

struct MembersReport : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());

    void SetUp() override {
        registry::ImportOptions opt{};
        registry::import_members(
            ws,
            dir.write(
                "in.csv",
                "code,full_name,gender,birth_date,ethnicity,religion,party_join_date,official_date,"
                "education,degree,theory,position,unit,incumbent\n"
                "A1,Nguyễn Văn An,M,1970-01-02,Kinh,,2000-01-01,2001-01-01,12/12,bachelor,cao-cap,"
                "\"Bí thư, chi bộ\",U1,1\n"
                "A2,Đặng Thị Ân,F,1985-05-05,Tày,Phật giáo,2010-03-04,,10/10,,,,U2,0\n"
                "A3,Lê Ánh,M,1990-12-31,,,,,,none,so-cap,Cán bộ \"trẻ\",U1,\n"),
            opt);
    }
    std::string write(const std::string& name, const Params& params = {},
                      const std::string& lang = "vi") {
        std::string path = dir.file(name);
        auto w = write_kind(ws.db(), report_kind("members"), params, lang, path, {});
        EXPECT_EQ(w.kind, "members");
        return path;
    }
};

std::vector<registry::Member> all_members(SQLite::Database& db) {
    std::vector<registry::Member> out;
    registry::for_each_member(db, {std::nullopt, registry::MemberOrder::Code},
                              [&](const registry::Member& m) { out.push_back(m); });
    return out;
}

}  // namespace

TEST_F(MembersReport, KeysAreTheImportColumns) {
    const Labels& l = Labels::load("vi");
    Params none;
    Context ctx{ws.db(), l, none, {2026, 1, 1}};
    Report r = report_kind("members").build(ctx);
    ASSERT_EQ(r.tables.size(), 1u);
    std::vector<std::string> keys;
    for (const auto& c : r.tables[0].columns) keys.push_back(c.key);
    EXPECT_EQ(keys, registry::member_columns());
    EXPECT_EQ(r.memory, Memory::Constant);
    EXPECT_EQ(r.orientation, Orientation::Landscape);
    EXPECT_EQ(r.heading.organization, "Đảng bộ xã Tân Lập");
    // Dated the congress's day (sample_congress: 15/07/2025), not the day it is printed.
    EXPECT_EQ(r.heading.place_date, "Tân Lập, ngày 15 tháng 7 năm 2025");
}

TEST_F(MembersReport, CsvExportImportsBackUnchanged) {
    std::string csv = write("members.csv");
    auto again = registry::init_congress(dir.file("w2.db"), test::sample_congress());
    auto r = registry::import_members(again, csv, {});
    EXPECT_EQ(r.added, 3u);
    EXPECT_TRUE(r.ignored_columns.empty());
    EXPECT_EQ(all_members(again.db()), all_members(ws.db()));
}

TEST_F(MembersReport, JsonMatchesMembersListJson) {
    auto j = nlohmann::ordered_json::parse(slurp(write("members.json", {{"sort", "code"}})));
    ASSERT_EQ(j.size(), 3u);
    auto members = all_members(ws.db());
    for (std::size_t i = 0; i < members.size(); ++i) EXPECT_EQ(j[i], registry::to_json(members[i]));
}

TEST_F(MembersReport, FiltersAndOrdersLikeMembersList) {
    auto j = nlohmann::json::parse(slurp(write("u1.json", {{"unit", "U1"}, {"sort", "birth"}})));
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["code"], "A1");
    EXPECT_EQ(j[1]["code"], "A3");
    // Default: Vietnamese name order by given name — An < Ánh < Ân (a before â).
    auto all = nlohmann::json::parse(slurp(write("all.json")));
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0]["full_name"], "Nguyễn Văn An");
    EXPECT_EQ(all[1]["full_name"], "Lê Ánh");
    EXPECT_EQ(all[2]["full_name"], "Đặng Thị Ân");
}

TEST_F(MembersReport, XlsxPrintsWordsForCodes) {
    for (const std::string lang : {"vi", "en"}) {
        io::XlsxReader reader(write("m-" + lang + ".xlsx", {{"sort", "code"}}, lang), std::nullopt);
        std::vector<std::vector<std::string>> rows;
        for (io::Row rw; reader.next(rw);) rows.push_back(rw.cells);
        std::vector<std::string> a2;
        for (const auto& rw : rows)
            if (rw.size() > 1 && rw[1] == "A2") a2 = rw;
        ASSERT_GE(a2.size(), 14u) << lang;
        EXPECT_EQ(a2[0], "2");
        EXPECT_EQ(a2[2], "Đặng Thị Ân");
        EXPECT_EQ(a2[3], lang == "vi" ? "Nữ" : "Female");
        EXPECT_EQ(a2[4], "1985-05-05");
        EXPECT_EQ(a2[8], "");  // probationary: no official date
    }
}

TEST_F(MembersReport, AllWritesMembersWhenThereAreMembers) {
    auto written = write_all(ws.db(), dir.file("out"), "vi", {});
    ASSERT_EQ(written.size(), 1u);
    EXPECT_EQ(written[0].file, fs::path(dir.file("out")) / "members.xlsx");
    EXPECT_EQ(written[0].rows, 3u);
    auto empty = registry::init_congress(dir.file("w3.db"), test::sample_congress());
    EXPECT_TRUE(write_all(empty.db(), dir.file("out3"), "vi", {}).empty());
}

TEST_F(MembersReport, UnknownKindSortOrLanguageIsAUsageError) {
    EXPECT_THROW(report_kind("nope"), UsageError);
    EXPECT_THROW(write("x.xlsx", {{"sort", "age"}}), UsageError);
    EXPECT_THROW(write("x.xlsx", {}, "fr"), UsageError);
    EXPECT_THROW(write("x.pdf"), UsageError);
}

TEST(ReportXlsx, SeveralTablesWithCaptionsAndClosingLines) {
    ScratchDir dir;
    Report r =
        make_report({row({std::string("An"), std::int64_t{1}, std::monostate{}, 1.0, true})});
    r.tables.front().caption = "I. Chính thức";
    r.tables.push_back(r.tables.front());
    r.tables.back().caption = "II. Dự khuyết";
    r.tables.back().numbered = false;
    r.closing = {"TM. BAN KIỂM PHIẾU"};
    r.memory = Memory::Constant;
    std::string path = dir.file("two.xlsx");
    EXPECT_EQ(write_report(r, path, {}), 2u);
    io::XlsxReader reader(path, std::nullopt);
    std::vector<std::string> firsts;
    for (io::Row rw; reader.next(rw);) firsts.push_back(rw.cells.empty() ? "" : rw.cells[0]);
    auto at = [&](const std::string& s) {
        return std::find(firsts.begin(), firsts.end(), s) - firsts.begin();
    };
    EXPECT_LT(at("I. Chính thức"), at("STT"));
    EXPECT_LT(at("STT"), at("II. Dự khuyết"));
    EXPECT_LT(at("II. Dự khuyết"), at("Họ và tên"));  // the unnumbered table's header
    EXPECT_LT(at("Họ và tên"), at("TM. BAN KIỂM PHIẾU"));
    EXPECT_LT(at("TM. BAN KIỂM PHIẾU"), static_cast<std::ptrdiff_t>(firsts.size()));
}
