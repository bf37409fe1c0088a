// Lists as personnel offices keep them (core/io/columns: the header found
// below title rows, two-row headers, column numbers, footers, --header-row,
// --map; the members kind's part columns; what a dry run shows), and the
// aliases of every import kind.
#include "core/db/import_engine.hpp"
#include "core/delegates/delegates.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/io/columns.hpp"
#include "core/io/csv.hpp"
#include "core/registry/members.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

using namespace daihoi;
using test::ScratchDir;

namespace {

const std::vector<io::ColumnSpec> kSpecs = {{"code", {"Mã", "Số thẻ"}, true},
                                            {"full_name", {"Họ và tên"}, true},
                                            {"birth_date", {"Ngày sinh", "Ngày, tháng, năm sinh"}, false}};

// The first diagnostic's "line: message" of what `f` throws, or "" when it does not throw.
template <class F>
std::string first_problem(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        const auto& d = e.diagnostics().front();
        return std::to_string(d.line) + ": " + d.message;
    }
    return "";
}

std::vector<std::string> all_problems(const std::function<void()>& f) {
    std::vector<std::string> out;
    try {
        f();
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) out.push_back(std::to_string(d.line) + ":" + d.field + ": " + d.message);
    }
    return out;
}

// The data rows of `csv` below its header, as "line:first cell".
std::vector<std::string> body(const std::string& csv, io::HeaderOptions options = {}, std::size_t* header = nullptr,
                              std::size_t* footer = nullptr) {
    ScratchDir d;
    io::CsvReader r(d.write("t.csv", csv));
    io::Table t(r, kSpecs, options);
    if (header) *header = t.columns().line;
    std::vector<std::string> out;
    io::Row row;
    while (t.next(row)) out.push_back(std::to_string(row.line) + ":" + row.cells[0]);
    if (footer) *footer = t.footer_line();
    return out;
}

}  // namespace

TEST(Header, FoldsCaseDiacriticsSpacesAndPunctuation) {
    EXPECT_EQ(io::fold_header("Ngày, tháng, năm sinh"), "ngaythangnamsinh");
    EXPECT_EQ(io::fold_header(" Số thẻ (ĐV) / mã:"), "sothedvma");
    EXPECT_EQ(io::match_column("ngay thang nam sinh", kSpecs), 2u);
    EXPECT_EQ(io::match_column("SO-THE", kSpecs), 0u);
    EXPECT_EQ(io::match_column("full-name", kSpecs), 1u);
}

TEST(Header, TitleRowsAboveAreSkippedAndEveryDataRowDelivered) {
    std::string csv = "DANH SÁCH ĐẢNG VIÊN,,\n,,\nKèm theo công văn số 12,,\nSố thẻ,Họ và tên,Ngày sinh\n";
    for (int i = 1; i <= 40; ++i) csv += "DV" + std::to_string(i) + ",Lê Văn An,1970-01-01\n";
    std::size_t header = 0;
    auto rows = body(csv, {}, &header);
    EXPECT_EQ(header, 4u);
    ASSERT_EQ(rows.size(), 40u);  // the rows read ahead and the rest, in order
    for (int i = 0; i < 40; ++i) EXPECT_EQ(rows[i], std::to_string(i + 5) + ":DV" + std::to_string(i + 1));
}

TEST(Header, ATwoRowHeaderWithMergedGroupsAndColumnNumbers) {
    std::vector<io::ColumnSpec> specs = registry::member_import_columns();
    ScratchDir d;
    io::CsvReader r(d.write("t.csv",
                            "Tiêu đề,,,,,,\n"
                            "STT,Mã,Họ và tên,,Ngày sinh,,Dân tộc\n"
                            ",,Họ và tên đệm,Tên,Nam,Nữ,\n"
                            "(1),(2),(3),(4),(5),(6),(7)\n"
                            "1,A1,Lê Văn,An,1970,,Kinh\n"));
    io::Table t(r, specs);
    const auto& m = t.columns();
    EXPECT_EQ(m.line, 3u);  // the last line of the header
    auto index = [&](const char* name) {
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (specs[i].name == name) return i;
        throw std::logic_error(name);
    };
    auto at = [&](const char* name) { return m.cell[index(name)]; };
    EXPECT_EQ(at("code"), 1);  // merged down both rows: the top cell's text
    EXPECT_EQ(at("family_middle"), 2);
    EXPECT_EQ(at("given_name"), 3);
    EXPECT_EQ(at("birth_male"), 4);
    EXPECT_EQ(at("birth_female"), 5);
    EXPECT_EQ(at("ethnicity"), 6);
    EXPECT_EQ(at("full_name"), -1);
    EXPECT_TRUE(m.ignored.empty()) << m.ignored.front();  // STT: row numbers, not even a note
    EXPECT_EQ(m.header[index("birth_female")], "Ngày sinh / Nữ");
    EXPECT_EQ(m.header[index("code")], "Mã");
    io::Row row;
    ASSERT_TRUE(t.next(row));  // the column numbers are skipped
    EXPECT_EQ(row.line, 5u);
}

TEST(Header, TheGroupOnlyOverCellsWithABottomText) {
    // "Ngày sinh" over the cells with a bottom text; "Mã" merged down.
    std::vector<io::ColumnSpec> specs = {{"code", {"Mã"}, true},
                                         {"male", {"Ngày sinh Nam"}, false},
                                         {"female", {"Ngày sinh Nữ"}, false},
                                         {"other", {"X"}, false}};
    ScratchDir d;
    io::CsvReader r(d.write("t.csv", "Mã,Ngày sinh,,\n,Nam,Nữ,X\nA1,1970,,\n"));
    io::Table t(r, specs);
    EXPECT_EQ(t.columns().cell, (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(t.columns().header[2], "Ngày sinh / Nữ");
    EXPECT_EQ(t.columns().header[3], "Ngày sinh / X");  // a CSV does not say where a merge ends
    io::CsvReader r2(d.write("t2.csv", "Mã,Ngày sinh,,,\n,Nam,Nữ,,\n,,,X\nA1,1970,,\n"));
    io::Table t2(r2, specs, {2, {}});
    EXPECT_EQ(t2.columns().header[0], "Mã");
    EXPECT_EQ(t2.columns().cell[3], -1);  // an empty bottom cell ends the group
}

TEST(Header, ARowOfNumbersIsDataUnlessItNumbersTheColumns) {
    EXPECT_EQ(body("Mã,Họ và tên,Ngày sinh\n1,2,3\n"), std::vector<std::string>{});
    EXPECT_EQ(body("Mã,Họ và tên,Ngày sinh\n(1),(2),(3)\n"), std::vector<std::string>{});
    EXPECT_EQ(body("Mã,Họ và tên,Ngày sinh\n7,2,3\n"), std::vector<std::string>{"2:7"});
    EXPECT_EQ(body("Mã,Họ và tên,\n1,2,\n"), std::vector<std::string>{"2:1"});
    // Column numbers number every column of the header, no more, no fewer.
    EXPECT_EQ(body("Mã,Họ và tên,\n1,2,3\n"), std::vector<std::string>{"2:1"});
    EXPECT_EQ(body("Mã,Họ và tên,Ngày sinh,\n1,2,3,4\n"), std::vector<std::string>{"2:1"});
}

TEST(Header, AFooterEndsTheTable) {
    std::size_t footer = 0;
    auto rows = body("Mã,Họ và tên,Ngày sinh\nA1,Lê Văn An,\n,Tổng cộng: 1,\nA2,Sau chân trang,\n", {}, nullptr, &footer);
    EXPECT_EQ(rows, std::vector<std::string>{"2:A1"});
    EXPECT_EQ(footer, 3u);
    // A row that fills its key is data, whatever its first cell says.
    rows = body("Họ và tên,Mã,\nCộng Văn A,A1,\nCộng,A2,\n", {}, nullptr, &footer);
    EXPECT_EQ(rows, (std::vector<std::string>{"2:Cộng Văn A", "3:Cộng"}));
    EXPECT_EQ(footer, 0u);
    // The footer a signature block starts, far below the last row.
    rows = body("Mã,Họ và tên,\nA1,Lê Văn An,\n,,\"Tân Lập, ngày 20 tháng 6 năm 2025\"\nA9,x,\n", {}, nullptr, &footer);
    EXPECT_EQ(rows, std::vector<std::string>{"2:A1"});
    EXPECT_EQ(footer, 3u);
}

TEST(Header, WhatLooksLikeAFooter) {
    for (const char* yes : {"Tổng cộng", "TỔNG CỘNG: 25 đảng viên", "Cộng", "Cộng: 3", "Tổng số 40", "Người lập biểu",
                            "NGƯỜI LẬP BẢNG", "T/M ĐẢNG ỦY", "TM. CHI ỦY", "Xác nhận của cấp ủy", "Thủ trưởng đơn vị",
                            "BÍ THƯ", "Hà Nội, ngày 5 tháng 6 năm 2025", "Ngày … tháng … năm 2025",
                            "KT. BÍ THƯ"})
        EXPECT_TRUE(io::looks_like_footer(yes)) << yes;
    for (const char* no : {"Công an xã", "Công đoàn", "Cộngđồng", "Tổng hợp", "Ngày sinh", "Lê Văn Tổng", "TMV", "Tân Lập"})
        EXPECT_FALSE(io::looks_like_footer(no)) << no;
}

TEST(Header, NoHeaderAnywhereNamesTheRowThatLookedBest) {
    EXPECT_EQ(first_problem([] { body("Danh sách,,\nMã số,Tên người,Ngày\nA1,Lê Văn An,1970\n"); }),
              "1: missing required column 'code' (unrecognised headers: 'Danh sách')");
    // The best row: more columns matched than the rows above and below it.
    EXPECT_EQ(first_problem([] { body("Danh sách,,\nMã,Tên người,Ngày sinh\nA1,Lê Văn An,1970\n"); }),
              "2: missing required column 'full_name' (unrecognised headers: 'Tên người')");
}

TEST(Header, APartColumnAloneDoesNotMakeADataRowAHeader) {
    // A gender "Nam" in a data row is a part ("Nam" | "Nữ") only beside its
    // other part: an unreadable header stays the row named, not the data.
    const std::vector<io::ColumnSpec> specs = {{"code", {"Mã"}, true},
                                               {"gender", {"Giới tính"}, false},
                                               {"birth_male", {"Nam"}, false, {"birth_date", "gender"}},
                                               {"birth_female", {"Nữ"}, false, {"birth_date", "gender"}}};
    ScratchDir d;
    std::string path = d.write("t.csv", "Sè thÎ,Giíi tÝnh\nDV001,Nam\n");
    EXPECT_EQ(first_problem([&] {
                  io::CsvReader r(path);
                  io::Table t(r, specs, {});
              }),
              "1: missing required column 'code' (unrecognised headers: 'Sè thÎ', 'Giíi tÝnh')");
}

TEST(Header, HeaderRowForcesTheLine) {
    std::size_t header = 0;
    // Line 1 would be the guess (it matches more); the person says line 3.
    auto rows = body("Mã,Họ và tên,Ngày sinh\nghi chú,,\nSố thẻ,Họ và tên,\nA1,Lê Văn An,\n", {3, {}}, &header);
    EXPECT_EQ(header, 3u);
    EXPECT_EQ(rows, std::vector<std::string>{"4:A1"});
    // A data row as the header: its cells are unrecognised headers.
    EXPECT_EQ(first_problem([] { body("Mã,Họ và tên,\nA1,Lê Văn An,\n", {2, {}}); }),
              "2: missing required column 'code' (unrecognised headers: 'A1', 'Lê Văn An')");
    EXPECT_EQ(first_problem([] { body("Mã,Họ và tên,\n\nA1,Lê Văn An,\n", {2, {}}); }),
              "2: --header-row 2: that line is empty or past the end of the file");
    EXPECT_EQ(first_problem([] { body("Mã,Họ và tên,\n", {9, {}}); }),
              "9: --header-row 9: that line is empty or past the end of the file");
}

TEST(Header, HeaderRowIsTheLastLineOfATwoRowHeader) {
    std::vector<io::ColumnSpec> specs = registry::member_import_columns();
    ScratchDir d;
    io::CsvReader r(d.write("t.csv", "Mã,Họ và tên,,Giới tính,Ngày sinh\n,Họ đệm,Tên,,\nA1,Lê Văn,An,M,1970-01-01\n"));
    io::Table t(r, specs, {2, {}});
    EXPECT_EQ(t.columns().line, 2u);
    EXPECT_EQ(t.columns().cell[0], 0);  // "Mã", from the row above
}

TEST(Header, MapWinsOverTheGuessAndIsChecked) {
    ScratchDir d;
    std::string csv = "Số thẻ,Tên người,Mã\nA1,Lê Văn An,x\n";
    io::CsvReader r(d.write("t.csv", csv));
    io::Table t(r, kSpecs, {std::nullopt, {{"tên người", "full_name"}, {"Mã", "birth_date"}}});
    EXPECT_EQ(t.columns().cell, (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(first_problem([&] {
                  io::CsvReader r2(d.write("t2.csv", csv));
                  io::Table(r2, kSpecs, {std::nullopt, {{"Tên người", "name"}}});
              }),
              "0: --map: 'name' is not a field of this list (fields: code, full_name, birth_date)");
    EXPECT_EQ(first_problem([&] {
                  io::CsvReader r2(d.write("t3.csv", "Số thẻ,Họ và tên\nA1,B\n"));
                  io::Table(r2, kSpecs, {std::nullopt, {{"Họ tên", "full_name"}}});
              }),
              "1: --map: no column 'Họ tên' in the header (line 1)");
}

TEST(Header, TwoHeadersForOneField) {
    EXPECT_EQ(first_problem([] { body("Mã,Số thẻ,Họ và tên\nA1,1,B\n"); }),
              "1: column 'code' appears twice (also column 1)");
}

// An alias that folds like another column's would make a header ambiguous.
TEST(Aliases, NoTwoColumnsOfAKindFoldAlike) {
    for (const auto* specs : {&registry::member_import_columns(), &registry::evaluation_columns(),
                              &registry::discipline_columns(), &delegates::unit_columns(),
                              &delegates::delegate_columns(), &election::candidate_columns(),
                              &election::ballot_columns()}) {
        auto clashes = io::alias_collisions(*specs);
        EXPECT_TRUE(clashes.empty()) << clashes.front();
    }
    auto clashes = io::alias_collisions({{"a", {"Họ tên"}}, {"b", {"ho-ten"}}});
    EXPECT_EQ(clashes, std::vector<std::string>{"'Họ tên' (a) and 'ho-ten' (b)"});
}

// ---- the members kind -------------------------------------------------------------

struct Shapes : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt;

    std::vector<std::string> stored() {
        std::vector<std::string> out;
        registry::for_each_member(ws.db(), {std::nullopt, registry::MemberOrder::Code},
                                  [&](const registry::Member& m) { out.push_back(registry::to_json(m).dump()); });
        return out;
    }
    std::vector<std::string> problems(const std::string& csv) {
        return all_problems([&] { registry::import_members(ws, dir.write("m.csv", csv), opt); });
    }
};

const std::vector<std::string> kShapesMembers = {
    R"({"code":"012345","full_name":"Nguyễn Văn An","gender":"M","birth_date":"1970-03-15","ethnicity":"Kinh","religion":"","party_join_date":"1995-05-10","official_date":"1996-05-10","education":"12/12","degree":"bachelor","theory":"trung-cap","position":"Bí thư chi bộ","unit":"CB01","incumbent":false})",
    R"({"code":"012346","full_name":"Lê Thị Bình","gender":"F","birth_date":"1985-09-02","ethnicity":"Tày","religion":"Phật giáo","party_join_date":"2010-02-03","official_date":"2011-02-03","education":"12/12","degree":"master","theory":"so-cap","position":"Đảng viên","unit":"CB02","incumbent":false})",
    R"({"code":"012347","full_name":"Trần Hoàng Cường","gender":"M","birth_date":"1978-11-20","ethnicity":"Kinh","religion":"","party_join_date":"2005-05-19","official_date":null,"education":"12/12","degree":"college","theory":null,"position":"","unit":"CB01","incumbent":false})",
    R"({"code":"012348","full_name":"Phạm Thị Thu Dung","gender":"F","birth_date":"1990-04-30","ethnicity":"Kinh","religion":"","party_join_date":null,"official_date":null,"education":"","degree":null,"theory":null,"position":"Phó Bí thư","unit":"CB02","incumbent":false})",
};

// The same list made by openpyxl, and saved by LibreOffice as .xlsx and as CSV.
TEST_F(Shapes, ARealListImportsAlikeFromEveryClient) {
    for (const char* file : {"openpyxl.xlsx", "libreoffice.xlsx", "libreoffice.csv"}) {
        SCOPED_TRACE(file);
        ws.db().exec("DELETE FROM members");
        auto s = registry::import_members(ws, std::string(DAIHOI_TEST_DATA) + "/shapes/" + file, opt);
        EXPECT_EQ(s.added, 4u);
        EXPECT_EQ(s.header_line, 7u);
        EXPECT_EQ(s.footer_line, 13u);
        EXPECT_EQ(s.footer, "Tổng cộng: 4 đảng viên");
        EXPECT_TRUE(s.ignored_columns.empty());
        ASSERT_EQ(s.mapping.size(), 14u);
        EXPECT_EQ(s.mapping[0].column, 2u);
        EXPECT_EQ(s.mapping[0].header, "Số thẻ đảng viên");
        EXPECT_EQ(s.mapping[0].field, "code");
        EXPECT_EQ(s.mapping[3].header, "Ngày sinh / Nam");
        EXPECT_EQ(s.mapping[3].field, "birth_male");
        EXPECT_EQ(s.mapping[11].header, "Trình độ / Lý luận chính trị");
        EXPECT_EQ(s.mapping[11].field, "theory");
        EXPECT_EQ(stored(), kShapesMembers);
    }
}

TEST_F(Shapes, ADryRunPreviewsTheRowsAsStored) {
    opt.file.dry_run = true;
    auto s = registry::import_members(ws, std::string(DAIHOI_TEST_DATA) + "/shapes/libreoffice.csv", opt);
    ASSERT_EQ(s.preview.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(s.preview[i].dump(), kShapesMembers[i]);
    EXPECT_TRUE(stored().empty());
    auto j = db::to_json(s);
    EXPECT_EQ(j["header_line"], 7);
    EXPECT_EQ(j["footer_line"], 13);
    EXPECT_EQ(j["mapping"][1].dump(), R"({"column":3,"header":"Họ và tên / Họ và tên đệm","field":"family_middle"})");
    EXPECT_EQ(j["preview"].size(), 4u);
    // At most five rows.
    std::string csv = "Mã,Họ tên,Giới,Năm sinh\n";
    for (int i = 1; i <= 9; ++i) csv.append("A").append(std::to_string(i)).append(",Lê Văn An,Nam,1970-01-01\n");
    s = registry::import_members(ws, dir.write("n.csv", csv), opt);
    EXPECT_EQ(s.preview.size(), 5u);
    EXPECT_FALSE(db::to_json(s)["footer_line"].is_number());
    opt.file.dry_run = false;
    EXPECT_FALSE(db::to_json(registry::import_members(ws, dir.write("n.csv", csv), opt)).contains("preview"));
}

TEST_F(Shapes, TheBirthDateUnderNamOrNuGivesTheGender) {
    auto r = registry::import_members(
        ws, dir.write("m.csv", "Mã,Họ tên,Nam,Nữ\nA1,Lê Văn An,1970-01-02,\nA2,Lê Thị Bé,,1980-03-04\n"), opt);
    EXPECT_EQ(r.added, 2u);
    auto a = registry::find_member(ws.db(), "A1"), b = registry::find_member(ws.db(), "A2");
    EXPECT_EQ(a->gender, registry::Gender::Male);
    EXPECT_EQ(a->birth_date.iso(), "1970-01-02");
    EXPECT_EQ(b->gender, registry::Gender::Female);
}

TEST_F(Shapes, BadRowsOfThePartColumns) {
    EXPECT_EQ(problems("Mã,Họ và đệm,Tên,Giới tính,Nam,Nữ\n"
                       "A1,Lê Văn,An,,1970-01-01,1970-01-01\n"
                       "A2,Lê Văn,An,,,\n"
                       "A3,,An,,1970-01-01,\n"
                       "A4,Lê Văn,,,1970-01-01,\n"
                       "A5,Lê Thị,Bé,Nam,,1980-01-01\n"
                       "A6,Lê Văn,An,Nam,1970-01-01,\n"),
              (std::vector<std::string>{"2:birth_date: the birth date is under both 'Nam' and 'Nữ'",
                                        "3:birth_date: required: a birth date under 'Nam' or under 'Nữ'",
                                        "4:family_middle: required (the name is in two columns)",
                                        "5:given_name: required (the name is in two columns)",
                                        "6:gender: 'Nam', but the birth date is under 'Nữ'"}));
}

TEST_F(Shapes, BadHeadersOfThePartColumns) {
    EXPECT_EQ(problems("Mã,Họ và tên,Tên,Họ đệm,Giới tính,Ngày sinh\n"),
              std::vector<std::string>{"1:: columns 'Họ và tên' and 'Tên' both give full_name"});
    EXPECT_EQ(problems("Mã,Họ và tên,Nam,Nữ,Ngày sinh\n"),
              std::vector<std::string>{"1:: columns 'Ngày sinh' and 'Nam' both give birth_date"});
    EXPECT_EQ(problems("Mã,Tên,Giới tính,Ngày sinh\n"),
              (std::vector<std::string>{"1:: missing required column 'full_name'",
                                        "1:: column 'given_name' needs a column 'family_middle' beside it"}));
}

TEST_F(Shapes, AnUpdateFromPartsKeepsWhatTheFileLacks) {
    registry::import_members(ws, dir.write("a.csv", "code,full_name,gender,birth_date,unit\nA1,Lê Văn An,M,1970-01-02,U1\n"),
                             opt);
    auto r = registry::import_members(ws, dir.write("b.csv", "Mã,Họ đệm,Tên,Nam,Nữ\nA1,Lê Văn,Ân,,1971-01-02\n"), opt);
    EXPECT_EQ(r.updated, 1u);
    auto m = registry::find_member(ws.db(), "A1");
    EXPECT_EQ(m->full_name, "Lê Văn Ân");
    EXPECT_EQ(m->gender, registry::Gender::Female);
    EXPECT_EQ(m->unit, "U1");
}

TEST_F(Shapes, ThePartsAreNotFieldsOfAMember) {
    EXPECT_THROW(registry::add_member(ws, {{"code", "A1"}, {"given_name", "An"}}), UsageError);
    EXPECT_EQ(registry::member_columns().size(), 14u);
    EXPECT_FALSE(registry::member_column("Tên"));
}
