// core/report: the report kinds of SPEC §8 beside members — delegates,
// apportionment, credentials, ballot, minutes, results, standards, structure
// — on a small congress built with the APIs, row by row; `report all`; and
// the framework's charts, running text, side margins and empty tables.
#include "core/delegates/delegates.hpp"
#include "core/election/election.hpp"
#include "core/election/motion.hpp"
#include "core/error.hpp"
#include "core/io/xlsx_reader.hpp"
#include "core/report/definitions.hpp"
#include "core/report/kinds.hpp"
#include "core/report/templates.hpp"
#include "core/report/writer.hpp"
#include "helpers.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

using namespace daihoi;
using namespace daihoi::report;
using test::ScratchDir;
namespace fs = std::filesystem;
namespace dl = daihoi::delegates;
namespace el = daihoi::election;

namespace {

std::vector<Row> rows_of(const Table& t) {
    std::vector<Row> out;
    t.rows([&](const Row& r) { out.push_back(r); });
    return out;
}

const Table& table(const Report& r, const std::string& key) {
    for (const auto& t : r.tables)
        if (t.key == key) return t;
    throw std::runtime_error("no table " + key);
}

std::vector<std::string> keys(const Report& r) {
    std::vector<std::string> out;
    for (const auto& t : r.tables) out.push_back(t.key);
    return out;
}

std::string text_of(const Value& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
    if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    if (auto* dt = std::get_if<text::Date>(&v)) return dt->iso();
    return "";
}

std::vector<std::string> column(const Table& t, const std::string& key) {
    std::size_t k = 0;
    while (k < t.columns.size() && t.columns[k].key != key) ++k;
    if (k == t.columns.size()) throw std::runtime_error("no column " + key);
    std::vector<std::string> out;
    for (const auto& r : rows_of(t)) out.push_back(text_of(r.cells[k]));
    return out;
}

bool any_line(const std::vector<Line>& lines, const std::string& needle) {
    return std::any_of(lines.begin(), lines.end(), [&](const Line& l) {
        return l.text.find(needle) != std::string::npos ||
               l.right.find(needle) != std::string::npos;
    });
}
bool any_line(const Report& r, const std::string& needle) {
    if (any_line(r.closing, needle)) return true;
    for (const auto& s : r.subtitle)
        if (s.find(needle) != std::string::npos) return true;
    for (const auto& t : r.tables)
        if (any_line(t.before, needle) || any_line(t.after, needle) ||
            t.caption.find(needle) != std::string::npos)
            return true;
    return false;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::vector<std::string>> read_xlsx(const std::string& path) {
    io::XlsxReader reader(path, std::nullopt);
    std::vector<std::vector<std::string>> rows;
    for (io::Row rw; reader.next(rw);) rows.push_back(rw.cells);
    return rows;
}

// A small delegates' congress: ten official delegates (D09 replaced by the
// reserve R01, so the base is 10 and a majority 6 votes), units U1 and U2,
// a saved apportionment, and election "e" (2 seats + 1 reserve) whose four
// candidates An, Bình, Cường, Dũng get 9, 7, 6, 6 votes: An and Bình are
// elected, Cường and Dũng tie at the reserve cut.
struct CongressReports : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt{};

    void SetUp() override {
        auto templates = fs::path(DAIHOI_TEST_DATA).parent_path().parent_path() / "templates";
        ::setenv("DAIHOI_TEMPLATES", templates.c_str(), 1);
        std::string csv =
            "code,full_name,gender,birth_date,ethnicity,religion,party_join_date,official_date,"
            "education,degree,theory,unit,incumbent\n"
            "D01,Lê Văn An,M,1970-03-01,Kinh,,1995-01-01,1996-01-01,12/12,master,cao-cap,U1,1\n"
            "D02,Lê Thị "
            "Bình,F,1985-06-01,Tày,,2010-01-01,2011-01-01,12/12,bachelor,trung-cap,U1,0\n"
            "D03,Lê Văn Cường,M,1990-01-01,Kinh,Phật "
            "giáo,2015-01-01,2016-01-01,12/12,bachelor,so-cap,U1,0\n"
            "D04,Lê Văn Dũng,M,1955-01-01,Kinh,,1980-01-01,1981-01-01,10/10,none,cu-nhan,U2,0\n";
        for (int i = 5; i <= 10; ++i)
            csv += fmt::format(
                "D{:02},Phạm Văn Số{},M,1975-01-01,Kinh,,2000-01-01,2001-01-01,12/12,"
                "bachelor,trung-cap,U2,0\n",
                i, i);
        csv +=
            "R01,Hà Thị Khuyết,F,1980-01-01,Kinh,,2005-01-01,2006-01-01,12/12,bachelor,"
            "trung-cap,U2,0\n";
        registry::import_members(ws, dir.write("m.csv", csv), opt);
        dl::import_units(
            ws, dir.write("u.csv", "code,name,members\nU1,Chi bộ Một,100\nU2,Chi bộ Hai,50\n"),
            opt);
        dl::ApportionRequest req;
        req.seats = 10;
        dl::save_apportionment(ws, req, dl::apportion_units(ws.db(), req));
        std::string rows = "code,kind,unit\n";
        for (int i = 1; i <= 9; ++i)
            rows += fmt::format("D{:02},elected,{}\n", i, i <= 4 ? "U1" : "U2");
        rows += "D10,ex-officio,\nR01,reserve,U2\n";
        dl::import_delegates(ws, dir.write("d.csv", rows), opt);
        dl::replace_delegate(ws, "D09", "R01", "ốm nặng");
        el::create(ws,
                   {"e", "Bầu đoàn đại biểu dự đại hội cấp trên", 2, 1, "delegation", "convened"});
        el::add_candidates(ws, "e", {"D04", "D03", "D02", "D01"}, "committee");
        el::open(ws, "e");  // positions in name order: An 1, Bình 2, Cường 3, Dũng 4
        el::import_ballots(
            ws, "e",
            dir.write("b.csv",
                      "serial,kept,flag\n"
                      "1,1 2 3,\n2,1 2 3,\n3,1 2 3,\n4,1 2 3,\n5,1 3 4,\n6,1 2 4,\n"
                      "7,1 2 4,\n8,1 2 4,\n9,1 3 4,\n10,4,\n11,1,torn\n12,1 2 3 4,\n"),
            {1, "", nullptr});
        el::record_counts(ws, "e", 12, 12);
        // Checked in after the count: twelve ballots from eight present would be refused
        // (a test of the reports, not of the count; see Election.IssuedOverVotingDelegatesCheckedInRefused).
        dl::checkin(ws, {"D01", "D02", "D03", "D04", "D05", "D06", "D07", "R01"}, "1");
        el::create(ws, {"later", "Bầu sau", 1, 0, "committee", "convened"});
    }
    void close_and_seal() {
        el::close(ws, "e");
        el::seal(ws, "e");
    }
    Report build(const std::string& kind, const Params& params = {},
                 const std::string& lang = "vi", Format format = Format::Xlsx) {
        Context ctx{ws.db(), Labels::load(lang), params, {2026, 1, 5}, format};
        return report_kind(kind).build(ctx);
    }
    std::string write(const std::string& kind, const std::string& name, const Params& params = {}) {
        std::string path = dir.file(name);
        write_kind(ws.db(), report_kind(kind), params, "vi", path, {});
        return path;
    }
};

}  // namespace

TEST(ReportKinds, EverySpecKindIsRegistered) {
    std::vector<std::string> names;
    for (const auto& k : report_kinds()) names.push_back(k.name);
    EXPECT_EQ(names,
              (std::vector<std::string>{"members", "delegates", "apportionment", "credentials", "cards",
                                        "ballot", "minutes", "results", "slides", "standards", "structure", "votes", "journal"}));
    EXPECT_EQ(split_many("A1\nA2\n\nA3"), (std::vector<std::string>{"A1", "A2", "A3"}));
    EXPECT_TRUE(split_many("").empty());
}

TEST(ReportKinds, EveryLanguageHasEveryLabelTheKindsUse) {
    // Building each kind in each language reads its labels: a missing one
    // throws InputError naming it. (The congress fixture does this per kind.)
    for (const auto& lang : report_languages()) {
        const Labels& l = Labels::load(lang);
        for (const char* table :
             {"values.candidate_status", "values.election_status", "values.invalid_reason",
              "values.delegate_kind", "values.delegate_status", "values.method",
              "values.check_result", "credentials.items", "minutes.items", "minutes.seat_noun",
              "minutes.reserve_noun", "structure.measures"})
            EXPECT_FALSE(l.table(table).empty()) << lang << ": " << table;
        EXPECT_EQ(l.table("values.candidate_status").size(), 5u) << lang;  // and ranked (consultative ballot)
        EXPECT_EQ(l.table("values.election_status").size(), 4u) << lang;
    }
}

// ---- delegates ---------------------------------------------------------------------------

TEST_F(CongressReports, DelegatesByUnitWithKindStatusReplacementAndPresence) {
    for (const std::string lang : {"vi", "en"}) {
        Report r = build("delegates", {}, lang, Format::Csv);
        const Table& t = table(r, "delegates");
        EXPECT_EQ(t.expected_rows, 11u);
        auto codes = column(t, "code");
        ASSERT_EQ(codes.size(), 11u);
        auto at = [&](const std::string& code) {
            return std::find(codes.begin(), codes.end(), code) - codes.begin();
        };
        auto status = column(t, "status"), kind = column(t, "kind"), present = column(t, "present");
        auto replacement = column(t, "replacement"), seated = column(t, "seated");
        EXPECT_EQ(kind[at("D10")], "ex-officio");
        EXPECT_EQ(kind[at("R01")], "reserve");
        EXPECT_EQ(column(t, "voting")[at("R01")], "true");  // a reserve in D09's place votes
        EXPECT_EQ(status[at("D09")], "absent_whole_congress");
        EXPECT_EQ(seated[at("D09")], "false");
        EXPECT_EQ(present[at("D09")], "");  // not seated: no presence
        EXPECT_EQ(present[at("R01")], "true");
        EXPECT_EQ(present[at("D08")], "false");
        // Codes in the cells (CSV, JSON); the sentences only where printed (.xlsx).
        EXPECT_EQ(replacement[at("D09")], "R01");
        EXPECT_EQ(replacement[at("R01")], "D09");
        if (lang == "vi") {
            const auto& words =
                std::find_if(t.columns.begin(), t.columns.end(), [](const Column& c) { return c.key == "replacement"; })
                    ->value_labels;
            EXPECT_EQ(words.at("R01"), "Được thay bởi đ/c Hà Thị Khuyết");
            EXPECT_EQ(words.at("D09"), "Thay đ/c Phạm Văn Số9");
        }
        // Grouped by unit: every U1 delegate before every U2 delegate.
        auto units = column(t, "unit");
        EXPECT_LT(at("D01"), at("D05"));
        EXPECT_TRUE(std::is_sorted(units.begin(), units.end()));
        EXPECT_TRUE(any_line(r, lang == "vi" ? "10 đại biểu chính thức" : "10 official"));
    }
    auto params = Params{{"session", "2"}};
    EXPECT_EQ(column(table(build("delegates", params, "vi", Format::Csv), "delegates"), "present")[0], "false");
}

// The printed list: unit names, not codes; a row "Cộng: N đại biểu" after
// each unit's delegates; the row number counts delegates only; signed by
// the standing committee.
TEST_F(CongressReports, DelegatesPrintedByUnitWithSubtotals) {
    Report r = build("delegates");
    const Table& t = table(r, "delegates");
    EXPECT_FALSE(t.numbered);
    EXPECT_EQ(t.columns.front().key, "number");
    EXPECT_EQ(t.columns.front().label, "STT");
    EXPECT_FALSE(std::any_of(t.columns.begin(), t.columns.end(), [](const Column& c) { return c.key == "unit"; }));
    auto number = column(t, "number"), name = column(t, "full_name"), unit = column(t, "unit_name");
    // D10 (no unit), then U1's four, then U2's six (R01 in D09's place among them).
    ASSERT_EQ(name.size(), 11u + 3u);
    EXPECT_EQ(name[1], "Cộng: 1 đại biểu");
    EXPECT_EQ(unit[0], "Không thuộc đơn vị");
    EXPECT_EQ(name[6], "Cộng: 4 đại biểu");
    EXPECT_EQ(unit[6], "Chi bộ Một");
    EXPECT_EQ(name[13], "Cộng: 6 đại biểu");
    EXPECT_EQ(unit[13], "Chi bộ Hai");
    EXPECT_EQ(number[0], "1");
    EXPECT_EQ(number[1], "");  // a subtotal has no number
    EXPECT_EQ(number[2], "2");
    EXPECT_EQ(number[12], "11");
    auto rows = rows_of(t);
    EXPECT_EQ(rows[6].marks[2], Mark::Bold);
    // D09's status stays marked, in its shifted column.
    std::size_t status = 0;
    while (t.columns[status].key != "status") ++status;
    auto d09 = std::find_if(rows.begin(), rows.end(), [](const Row& row) { return text_of(row.cells[1]) == "D09"; });
    ASSERT_NE(d09, rows.end());
    EXPECT_EQ(text_of(d09->cells[status]), "absent_whole_congress");
    EXPECT_EQ(d09->marks[status], Mark::Bold);
    EXPECT_TRUE(any_line(r.closing, "T/M BAN THƯỜNG VỤ"));
    // The subtotals are lines of the paper, not delegates: the count written is 11, in .xlsx and .pdf.
    EXPECT_TRUE(rows[1].aside);
    EXPECT_FALSE(rows[0].aside);
    for (const char* file : {"count.xlsx", "count.pdf"})
        EXPECT_EQ(write_kind(ws.db(), report_kind("delegates"), {}, "vi", dir.file(file), {}).rows, 11u) << file;
    // The .xlsx holds those rows.
    auto cells = read_xlsx(write("delegates", "d.xlsx"));
    EXPECT_TRUE(std::any_of(cells.begin(), cells.end(), [](const auto& rw) {
        return std::find(rw.begin(), rw.end(), "Cộng: 4 đại biểu") != rw.end() &&
               std::find(rw.begin(), rw.end(), "Chi bộ Một") != rw.end();
    }));
}

// ---- apportionment ---------------------------------------------------------------------

TEST_F(CongressReports, ApportionmentShowsMembersQuotasAndSeats) {
    Report r = build("apportionment");
    const Table& t = table(r, "apportionment");
    EXPECT_EQ(column(t, "code"), (std::vector<std::string>{"U1", "U2"}));
    EXPECT_EQ(column(t, "name"), (std::vector<std::string>{"Chi bộ Một", "Chi bộ Hai"}));
    EXPECT_EQ(column(t, "members"), (std::vector<std::string>{"100", "50"}));
    EXPECT_EQ(column(t, "seats"), (std::vector<std::string>{"7", "3"}));
    auto quota = rows_of(t);
    // Hamilton: 10 seats × 100/150 = 6.667, a number cell with 3 decimals.
    ASSERT_TRUE(std::holds_alternative<double>(quota[0].cells[3]));
    EXPECT_NEAR(std::get<double>(quota[0].cells[3]), 20.0 / 3, 1e-9);
    EXPECT_EQ(t.columns[3].decimals, 3);
    EXPECT_TRUE(any_line(r, "Hamilton"));
    EXPECT_TRUE(any_line(r, "150 đảng viên, 10 đại biểu"));
    EXPECT_TRUE(any_line(r, "Mỗi đơn vị ít nhất 1 đại biểu"));
    // A tie is saved only once broken, and the sheet says by which rule and to whom:
    // D'Hondt, 2 seats, no minimum: U1 first, then U1's 100/2 and U2's 50/1 tie.
    dl::ApportionRequest tied;
    tied.method = dl::Method::DHondt;
    tied.seats = 2;
    tied.min_seats = 0;
    tied.tie_break = dl::TieBreak::Membership;
    dl::save_apportionment(ws, tied, dl::apportion_units(ws.db(), tied));
    EXPECT_TRUE(any_line(build("apportionment"), "Bằng nhau giữa các đơn vị Chi bộ Một, Chi bộ Hai: theo quy tắc (nhiều "
                                                 "đảng viên hơn, rồi mã đơn vị) dành cho Chi bộ Một"));
    // The national formula states its numbers: 13 + 1 per 12,000 + 1 from 6,001.
    dl::ApportionRequest formula;
    formula.method = dl::Method::Formula;
    formula.base = 13;
    formula.per = 12000;
    formula.remainder = 6001;
    dl::save_apportionment(ws, formula, dl::apportion_units(ws.db(), formula));
    EXPECT_TRUE(any_line(build("apportionment"),
                         "Mỗi đơn vị 13 đại biểu, thêm 1 đại biểu cho mỗi 12.000 đảng viên, thêm 1 "
                         "đại biểu nếu số dư từ 6.001 đảng viên trở lên"));

    auto empty = registry::init_congress(dir.file("w2.db"), test::sample_congress());
    Context ctx{empty.db(), Labels::load("vi"), {}, {2026, 1, 5}};
    EXPECT_THROW(report_kind("apportionment").build(ctx), Refused);
}

// ---- credentials -------------------------------------------------------------------------

TEST_F(CongressReports, CredentialsTablesCountTheSeatedWithAnAgeChart) {
    Report r = build("credentials");
    EXPECT_EQ(keys(r),
              (std::vector<std::string>{"totals", "gender", "age", "ethnicity", "religion",
                                        "education", "degree", "theory", "party_years", "shares"}));
    const Table& totals = table(r, "totals");
    auto items = column(totals, "item"), counts = column(totals, "count");
    auto count_of = [&](const std::string& item) {
        return counts[static_cast<std::size_t>(std::find(items.begin(), items.end(), item) -
                                               items.begin())];
    };
    EXPECT_EQ(count_of("convened"), "10");
    EXPECT_EQ(count_of("seated"), "10");  // D09 away, R01 in his place
    EXPECT_EQ(count_of("present"), "8");
    EXPECT_EQ(count_of("reserve_substituting"), "1");
    EXPECT_EQ(column(totals, "percent")[2], "80");  // present: 8 of 10 seated

    std::int64_t sum = 0;
    for (const auto& c : column(table(r, "age"), "count")) sum += std::stoll(c);
    EXPECT_EQ(sum, 10);
    const Table& age = table(r, "age");
    ASSERT_TRUE(age.chart.has_value());
    EXPECT_EQ(age.chart->category, "item");
    EXPECT_EQ(age.chart->value, "count");
    EXPECT_EQ(r.memory, Memory::Normal);              // a chart needs the cells' values
    EXPECT_TRUE(any_line(age.after, "Lê Văn Dũng"));  // the oldest, born 1955
    // The Kinh majority is not listed again among the ethnicities.
    EXPECT_EQ(column(table(r, "ethnicity"), "item"),
              (std::vector<std::string>{"kinh", "minorities", "Tày"}));
    // One JSON object of tables; one CSV in long form, by table.
    auto j = nlohmann::json::parse(slurp(write("credentials", "c.json")));
    EXPECT_EQ(j["gender"][1]["item"], "women");
    EXPECT_EQ(j["gender"][1]["count"], 2);
    std::string csv = slurp(write("credentials", "c.csv"));
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "table,item,count,percent");
    EXPECT_NE(csv.find("\ngender,women,2,"), std::string::npos) << csv;
}

// ---- ballot ------------------------------------------------------------------------------

TEST_F(CongressReports, BallotListsTheNamesInBallotOrderWithoutVotes) {
    Report r = build("ballot", {{"ID", "e"}});
    const Table& t = table(r, "ballot");
    EXPECT_EQ(column(t, "position"), (std::vector<std::string>{"1", "2", "3", "4"}));
    EXPECT_EQ(column(t, "full_name"), (std::vector<std::string>{"Lê Văn An", "Lê Thị Bình",
                                                                "Lê Văn Cường", "Lê Văn Dũng"}));
    EXPECT_EQ(t.columns.size(), 2u);  // no votes on a ballot
    EXPECT_NE(r.title.find("PHIẾU BẦU"), std::string::npos);
    EXPECT_NE(r.title.find("Bầu đoàn đại biểu"), std::string::npos);
    EXPECT_TRUE(any_line(t.after, "Gạch tên người không bầu"));
    EXPECT_GT(r.font_size, 12);
    EXPECT_EQ(r.orientation, Orientation::Portrait);
    EXPECT_THROW(build("ballot", {{"ID", "later"}}), Refused);  // not open: no positions yet
    EXPECT_THROW(build("ballot", {{"ID", "nope"}}), Error);
}

// ---- minutes -------------------------------------------------------------------------------

TEST_F(CongressReports, MinutesInTheOrderOfTheDocument) {
    close_and_seal();
    Report r =
        build("minutes", {{"ID", "e"}, {"board", "Nguyễn Văn Trưởng;  Trần Thị Hai ; Lê Văn Ba"}});
    EXPECT_EQ(keys(r), (std::vector<std::string>{"list", "attendance", "ballots", "votes",
                                                 "elected", "reserves", "ties"}));
    EXPECT_EQ(column(table(r, "list"), "position"), (std::vector<std::string>{"1", "2", "3", "4"}));
    EXPECT_EQ(column(table(r, "attendance"), "count"),
              (std::vector<std::string>{"10", "10", "8", "2"}));
    const Table& ballots = table(r, "ballots");
    EXPECT_EQ(column(ballots, "item"),
              (std::vector<std::string>{"issued", "collected", "valid", "invalid",
                                        "invalid:over_vote", "invalid:torn"}));
    EXPECT_EQ(column(ballots, "count"),
              (std::vector<std::string>{"12", "12", "10", "2", "1", "1"}));
    EXPECT_EQ(ballots.columns[0].value_labels.at("invalid:torn"),
              "  trong đó: Phiếu bị rách, không xác định được");
    // Votes in ballot order, percent of the base (10).
    const Table& votes = table(r, "votes");
    EXPECT_EQ(column(votes, "position"), (std::vector<std::string>{"1", "2", "3", "4"}));
    EXPECT_EQ(column(votes, "votes"), (std::vector<std::string>{"9", "7", "6", "6"}));
    EXPECT_EQ(column(votes, "percent"), (std::vector<std::string>{"90", "70", "60", "60"}));
    // Then by votes: elected, no reserve (a tie at its cut), the tie.
    EXPECT_EQ(column(table(r, "elected"), "full_name"),
              (std::vector<std::string>{"Lê Văn An", "Lê Thị Bình"}));
    EXPECT_TRUE(column(table(r, "reserves"), "full_name").empty());
    EXPECT_FALSE(table(r, "reserves").if_empty.empty());
    EXPECT_EQ(column(table(r, "ties"), "full_name"),
              (std::vector<std::string>{"Lê Văn Cường", "Lê Văn Dũng"}));
    EXPECT_TRUE(any_line(r, "Còn thiếu 1 đại biểu dự khuyết do có số phiếu bằng nhau."));
    // The base in one plain sentence, without clauses about nobody.
    EXPECT_TRUE(any_line(r, "Căn cứ tính kết quả bầu cử là 10 đại biểu chính thức được triệu tập (kể cả 1 "
                            "đại biểu dự khuyết thay thế); người trúng cử phải được số phiếu bầu quá một nửa "
                            "so với 10, tức ít nhất 6 phiếu."));
    EXPECT_FALSE(any_line(r, " 0 đại biểu"));
    // The board: the head first; the signature block with the head on the right.
    EXPECT_TRUE(any_line(r, "1. Đồng chí Nguyễn Văn Trưởng – Trưởng ban"));
    EXPECT_TRUE(any_line(r, "3. Đồng chí Lê Văn Ba – Ủy viên"));
    auto head = std::find_if(r.closing.begin(), r.closing.end(),
                             [](const Line& l) { return l.right == "Nguyễn Văn Trưởng"; });
    ASSERT_NE(head, r.closing.end());
    EXPECT_TRUE(head->blocks);
    EXPECT_EQ(head->text, "Trần Thị Hai");
    EXPECT_TRUE(any_line(r.closing, "T/M BAN KIỂM PHIẾU"));  // the Party's form, not the state's "TM."
    EXPECT_TRUE(any_line(r.closing, "TRƯỞNG BAN"));
    // Sealed: the record hash in small print.
    std::string hash = el::require(ws.db(), "e").record_hash;
    ASSERT_EQ(hash.size(), 64u);
    auto last = r.closing.back();
    EXPECT_EQ(last.text, "Mã xác thực hồ sơ kiểm phiếu: " + hash);
    EXPECT_EQ(last.style, LineStyle::Small);
    // No software wording in a signed paper.
    for (const char* word : {"niêm phong", "daihoi", "SHA-256", "Tình trạng"}) EXPECT_FALSE(any_line(r, word)) << word;
    // The heading: the congress and its counting board; the opening and the closing sentences.
    EXPECT_EQ(r.heading.issuer, (std::vector<std::string>{"Đại hội đại biểu lần thứ XV", "Ban kiểm phiếu"}));
    EXPECT_TRUE(any_line(r, ", tại Tân Lập, Ban kiểm phiếu Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XV đã tiến "
                            "hành kiểm phiếu bầu đoàn đại biểu dự đại hội cấp trên. Kết quả như sau:"));
    EXPECT_TRUE(any_line(r, "Hình thức bầu cử: bỏ phiếu kín."));
    EXPECT_TRUE(any_line(r, "Số lượng bầu theo Nghị quyết của Đại hội: 2 đại biểu chính thức và 1 đại biểu dự khuyết."));
    EXPECT_TRUE(any_line(r.closing, "Biên bản lập xong hồi "));
    EXPECT_TRUE(any_line(r.closing, "và đã được thông qua trước Đại hội."));
}

// The date of the count: the day it was closed, or --date (the clock times
// are then left to fill by hand); never the day of printing.
TEST_F(CongressReports, MinutesAreDatedTheDayOfTheCount) {
    el::close(ws, "e");
    const std::string closed_at = el::require(ws.db(), "e").closed_at;
    auto closed = text::local_date_time(closed_at);
    ASSERT_TRUE(closed) << closed_at;
    Report r = build("minutes", {{"ID", "e"}});  // printed "on 5 January 2026" (the context's today)
    EXPECT_EQ(r.heading.place_date, place_date_line(Labels::load("vi"), "Tân Lập", closed->date));
    EXPECT_TRUE(any_line(r, fmt::format("Hồi {} giờ ", text::local_date_time(el::journal(ws.db(), "e").front().at)->hour)));
    EXPECT_FALSE(any_line(r, "Hồi …… giờ"));

    Report dated = build("minutes", {{"ID", "e"}, {"date", "2025-07-16"}});
    EXPECT_EQ(dated.heading.place_date, "Tân Lập, ngày 16 tháng 7 năm 2025");
    EXPECT_TRUE(any_line(dated, "Hồi …… giờ …… phút, ngày 16 tháng 07 năm 2025, tại Tân Lập"));
    EXPECT_TRUE(any_line(dated.closing, "Biên bản lập xong hồi …… giờ …… phút, ngày 16 tháng 07 năm 2025"));
    EXPECT_THROW(build("minutes", {{"ID", "e"}, {"date", "2025-02-30"}}), UsageError);

    // The results, signed with the minutes, carry the same date.
    EXPECT_EQ(build("results", {{"ID", "e"}}).heading.place_date, r.heading.place_date);
    EXPECT_EQ(build("results", {{"ID", "e"}, {"date", "2025-07-16"}}).heading.place_date,
              "Tân Lập, ngày 16 tháng 7 năm 2025");

    // Closed before the time was kept: the congress's date.
    ws.db().exec("UPDATE elections SET closed_at = NULL WHERE id = 'e'");
    EXPECT_EQ(build("minutes", {{"ID", "e"}}).heading.place_date, "Tân Lập, ngày 15 tháng 7 năm 2025");
}

// The board as the workspace keeps it (election board), --board over it.
TEST_F(CongressReports, MinutesNameTheStoredCountingBoard) {
    auto warnings = el::set_counting_board(ws, "e", {"Nguyễn Văn Trưởng", " Trần Thị Hai "});
    EXPECT_TRUE(warnings.empty());
    EXPECT_EQ(el::counting_board(ws.db(), "e"), (std::vector<std::string>{"Nguyễn Văn Trưởng", "Trần Thị Hai"}));
    Report r = build("minutes", {{"ID", "e"}});
    EXPECT_TRUE(any_line(r, "1. Đồng chí Nguyễn Văn Trưởng – Trưởng ban"));
    EXPECT_TRUE(any_line(r, "2. Đồng chí Trần Thị Hai – Ủy viên"));
    EXPECT_FALSE(any_line(r, "3. Đồng chí"));
    Report given = build("minutes", {{"ID", "e"}, {"board", "Lê Văn Khác"}});
    EXPECT_TRUE(any_line(given, "1. Đồng chí Lê Văn Khác – Trưởng ban"));
    EXPECT_FALSE(any_line(given, "Trần Thị Hai"));
    // Set again: replaced, not added to. A candidate of this election is warned about.
    warnings = el::set_counting_board(ws, "e", {"Lê Văn An", "Trần Thị Hai"});
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("Lê Văn An"), std::string::npos);
    EXPECT_EQ(el::counting_board(ws.db(), "e").size(), 2u);
    // Refused, nothing changed: no names, an empty name, a name twice, an unknown election.
    EXPECT_THROW(el::set_counting_board(ws, "e", {}), UsageError);
    EXPECT_THROW(el::set_counting_board(ws, "e", {"Lê Văn Ba", " "}), UsageError);
    EXPECT_THROW(el::set_counting_board(ws, "e", {"Lê Văn Ba", "Lê Văn Ba"}), UsageError);
    EXPECT_THROW(el::set_counting_board(ws, "nope", {"Lê Văn Ba"}), InputError);
    EXPECT_EQ(el::counting_board(ws.db(), "e"), (std::vector<std::string>{"Lê Văn An", "Trần Thị Hai"}));
}

// An election by another electorate (a fixed base, the committee electing
// its secretary) prints its own electorate, not the congress's attendance;
// the number to elect carries the congress's vote on it when recorded.
TEST_F(CongressReports, MinutesOfAnotherElectorateAndTheVotedNumber) {
    el::create(ws, {"bt", "Bầu Bí thư", 1, 0, "other", "9"});
    el::add_candidates(ws, "bt", {"D01"}, "committee");
    el::open(ws, "bt");
    el::import_ballots(ws, "bt", dir.write("bt.csv", "serial,kept,flag\n1,1,\n2,1,\n3,,\n"), {1, "", nullptr});
    el::record_counts(ws, "bt", 3, 3);
    Report r = build("minutes", {{"ID", "bt"}});
    EXPECT_EQ(column(table(r, "attendance"), "item"), (std::vector<std::string>{"electorate"}));
    EXPECT_EQ(column(table(r, "attendance"), "count"), (std::vector<std::string>{"9"}));
    EXPECT_TRUE(any_line(r, "III. SỐ NGƯỜI CÓ QUYỀN BẦU CỬ VÀ SỐ PHIẾU"));
    EXPECT_TRUE(any_line(r, "Căn cứ tính kết quả bầu cử là 9 người có quyền bầu cử"));
    EXPECT_TRUE(any_line(r, "kiểm phiếu bầu Bí thư."));

    el::MotionRequest m;
    m.subject = "seats";
    m.text = "Bầu 2 đại biểu chính thức và 1 dự khuyết";
    m.election = "e";
    m.votes_for = 7;
    m.present = 8;
    el::record_motion(ws, m);
    EXPECT_TRUE(any_line(build("minutes", {{"ID", "e"}}),
                         "1 đại biểu dự khuyết. (Đại hội biểu quyết: 7/8 đại biểu tán thành.)"));
}

TEST_F(CongressReports, MinutesWithoutABoardLeaveLinesToFillAndWorkWhileOpen) {
    Report r = build("minutes", {{"ID", "e"}});  // open: a provisional count
    EXPECT_TRUE(any_line(r, "1. Đồng chí …………………………………… – Trưởng ban"));
    EXPECT_TRUE(any_line(r, "3. Đồng chí …………………………………… – Ủy viên"));
    EXPECT_TRUE(any_line(r, "kết quả tạm thời"));
    EXPECT_FALSE(any_line(r, "SHA-256"));
    EXPECT_THROW(build("minutes", {{"ID", "later"}}), Refused);  // nothing to count yet
    EXPECT_THROW(build("minutes", {{"ID", "e"}, {"board", " ; "}}), UsageError);
    Report en = build("minutes", {{"ID", "e"}}, "en");
    EXPECT_TRUE(any_line(en, "1 reserve delegates still to elect because of a tie."));
}

TEST_F(CongressReports, PrintedResultsMustBeTheStoredOnes) {
    el::close(ws, "e");
    // Someone edits the stored result with the sqlite3 shell.
    ws.db().exec(
        "UPDATE elections SET result = replace(result, '\"votes\":9', '\"votes\":8') WHERE id = "
        "'e'");
    EXPECT_THROW(build("minutes", {{"ID", "e"}}), IntegrityError);
    EXPECT_THROW(build("results", {{"ID", "e"}}), IntegrityError);
}

// ---- results ---------------------------------------------------------------------------------

TEST_F(CongressReports, ResultsByVotesWithAChartAndTheMajorityLine) {
    close_and_seal();
    Report r = build("results", {{"ID", "e"}});
    const Table& t = table(r, "results");
    EXPECT_EQ(column(t, "votes"), (std::vector<std::string>{"9", "7", "6", "6"}));
    EXPECT_EQ(column(t, "status"), (std::vector<std::string>{"elected", "elected", "tie", "tie"}));
    EXPECT_EQ(column(t, "percent")[0], "90");
    ASSERT_TRUE(t.chart.has_value());
    EXPECT_EQ(t.chart->value, "votes");
    EXPECT_EQ(t.chart->category, "full_name");
    ASSERT_TRUE(t.chart->line.has_value());
    EXPECT_EQ(*t.chart->line, 6);  // more than half of 10
    EXPECT_NE(t.chart->line_label.find("6 phiếu"), std::string::npos);
    EXPECT_FALSE(t.chart->horizontal);
    // The .xlsx holds the chart, over number cells.
    std::string path = write("results", "r.xlsx", {{"ID", "e"}});
    EXPECT_NE(slurp(path).find("xl/charts/chart1.xml"), std::string::npos);
    auto rows = read_xlsx(path);
    auto an = std::find_if(rows.begin(), rows.end(),
                           [](const auto& rw) { return rw.size() > 1 && rw[1] == "Lê Văn An"; });
    ASSERT_NE(an, rows.end());
    EXPECT_EQ((*an)[3], "9");
    EXPECT_EQ((*an)[5], "Trúng cử");
}

// ---- standards and structure ------------------------------------------------------------------

TEST_F(CongressReports, StandardsMatrixWithFailuresMarked) {
    Report r = build("standards", {{"NAME", "cap-uy-2025"}, {"election", "e"}});
    const Table& t = table(r, "standards");
    EXPECT_EQ(t.columns.front().key, "code");
    EXPECT_EQ(t.columns[2].key, "age");
    EXPECT_EQ(t.columns[t.columns.size() - 2].key, "passes");
    EXPECT_EQ(t.columns.back().key, "reasons");
    EXPECT_EQ(r.orientation, Orientation::Landscape);
    auto rows = rows_of(t);
    ASSERT_EQ(rows.size(), 4u);
    // Vietnamese name order: by given name.
    EXPECT_EQ(column(t, "full_name"), (std::vector<std::string>{"Lê Văn An", "Lê Thị Bình",
                                                                "Lê Văn Cường", "Lê Văn Dũng"}));
    std::size_t theory = 0;
    while (t.columns[theory].key != "theory") ++theory;
    // Cường has only sơ cấp theory: a failure, marked, with its reason.
    const Row& cuong = rows[2];
    EXPECT_EQ(text_of(cuong.cells[theory]), "fail");
    ASSERT_EQ(cuong.marks.size(), t.columns.size());
    EXPECT_EQ(cuong.marks[theory], Mark::Alert);
    EXPECT_EQ(text_of(cuong.cells[t.columns.size() - 2]), "false");
    // The reason after the criterion's label: the check's own sentence, in
    // the language in force (here, before any is chosen, the English source
    // text). Failures first, then what is unknown.
    EXPECT_EQ(text_of(cuong.cells.back()),
              "Lý luận chính trị: theory so-cap, needs trung-cap; Xếp loại chất lượng (chưa rõ): no grade for "
              "2022, 2023, 2024");
    EXPECT_EQ(rows[0].marks[theory], Mark::None);  // An: cao cấp
    EXPECT_EQ(t.columns[theory].value_labels.at("fail"), "Không đạt");

    auto codes = build("standards", {{"NAME", "cap-uy-2025"}, {"CODE", "D01\nD02"}});
    EXPECT_EQ(rows_of(table(codes, "standards")).size(), 2u);
    EXPECT_THROW(build("standards", {{"NAME", "cap-uy-2025"}}), UsageError);
    EXPECT_THROW(build("standards", {{"NAME", "cap-uy-2025"}, {"election", "e"}, {"all", "1"}}),
                 UsageError);
    EXPECT_THROW(build("standards", {{"NAME", "cap-uy-2025"}, {"CODE", "NOBODY"}}), InputError);
    EXPECT_THROW(build("standards", {{"NAME", "no-such-set"}, {"all", "1"}}), InputError);
    EXPECT_THROW(build("standards", {{"NAME", "cap-uy-2025"}, {"all", "1"}, {"as-of", "31/02/2025"}}), UsageError);
    // Everyone, streamed.
    EXPECT_EQ(
        rows_of(table(build("standards", {{"NAME", "cap-uy-2025"}, {"all", "1"}}), "standards"))
            .size(),
        11u);
}

// CSV and JSON carry codes, never sentences: each criterion's result and
// reason code, the conclusion; no reasons column.
TEST_F(CongressReports, StandardsForScriptsAreCodes) {
    auto j = nlohmann::json::parse(slurp(write("standards", "s.json", {{"NAME", "cap-uy-2025"}, {"election", "e"}})));
    ASSERT_EQ(j.size(), 4u);
    const auto& cuong = j[2];
    EXPECT_EQ(cuong["full_name"], "Lê Văn Cường");
    EXPECT_EQ(cuong["theory"], "fail");
    EXPECT_EQ(cuong["theory_reason"], "theory_low");
    EXPECT_EQ(cuong["grades"], "unknown");
    EXPECT_EQ(cuong["grades_reason"], "no_grade");
    EXPECT_EQ(cuong["passes"], false);
    EXPECT_FALSE(cuong.contains("reasons"));
    std::string csv = slurp(write("standards", "s.csv", {{"NAME", "cap-uy-2025"}, {"election", "e"}}));
    std::string header = csv.substr(0, csv.find('\n'));
    EXPECT_EQ(header.substr(0, 19), "code,full_name,age,");
    EXPECT_NE(header.find(",age_reason,"), std::string::npos) << header;
    EXPECT_EQ(header.substr(header.size() - 7), ",passes");
}

// ---- what every paper shares ---------------------------------------------------------------

// The one signature block: "T/M …" in the Party's form, the role, the hint,
// room to sign, the name when known; a long title on lines of its own.
TEST(ReportSignature, TitleRoleHintRoomAndName) {
    const Labels& l = Labels::load("vi");
    auto lines = detail::signature(l, {"counting_board", "Nguyễn Văn An"});
    std::vector<std::string> right;
    for (const auto& line : lines) {
        EXPECT_TRUE(line.blocks || (line.text.empty() && line.right.empty()));
        EXPECT_EQ(line.text, "");  // nothing on the left
        right.push_back(line.right);
    }
    EXPECT_EQ(right, (std::vector<std::string>{"", "T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN", "(Ký, ghi rõ họ tên)", "", "",
                                               "", "Nguyễn Văn An"}));
    EXPECT_EQ(lines[1].right_style, LineStyle::Bold);
    EXPECT_EQ(lines[3].right_style, LineStyle::Italic);
    EXPECT_EQ(lines.back().right_style, LineStyle::Bold);
    // No name: the room stays, nothing printed under it.
    auto unnamed = detail::signature(l, {"standing_committee", {}});
    ASSERT_EQ(unnamed.size(), 7u);
    EXPECT_EQ(unnamed.back().right, "");
    EXPECT_EQ(unnamed[1].right, "T/M BAN THƯỜNG VỤ");
    EXPECT_EQ(unnamed[2].right, "BÍ THƯ");
    // A long body's name breaks between its phrases, as the labels say.
    auto credentials = detail::signature(l, {"credentials_board", {}});
    EXPECT_EQ(credentials[1].right, "T/M BAN THẨM TRA");
    EXPECT_EQ(credentials[2].right, "TƯ CÁCH ĐẠI BIỂU");
    EXPECT_EQ(credentials[3].right, "TRƯỞNG BAN");
    for (const auto& line : credentials) EXPECT_EQ(line.right.find("TM."), std::string::npos);
    // Two signers: both end on their name line, the shorter side starting lower.
    detail::Signer left{"counting_board", "Trần Thị Bình"};
    auto both = detail::signature(l, {"credentials_board", "Lê Văn Cường"}, &left);
    ASSERT_EQ(both.size(), 9u);
    EXPECT_EQ(both[1].text, "");
    EXPECT_EQ(both[1].right, "T/M BAN THẨM TRA");
    EXPECT_EQ(both[2].text, "T/M BAN KIỂM PHIẾU");
    EXPECT_EQ(both.back().text, "Trần Thị Bình");
    EXPECT_EQ(both.back().right, "Lê Văn Cường");
    EXPECT_THROW(detail::signature(l, {"nobody", {}}), InputError);  // a signer the labels do not know
    EXPECT_EQ(detail::signature(Labels::load("en"), {"counting_board", {}})[1].right, "FOR THE COUNTING BOARD");
}

TEST(ReportNumbers, RunningTextInTheLanguagesStyle) {
    const Labels& vi = Labels::load("vi");
    const Labels& en = Labels::load("en");
    EXPECT_EQ(detail::decimal(vi, "44.0"), "44,0");
    EXPECT_EQ(detail::decimal(en, "44.0"), "44.0");
    EXPECT_EQ(detail::decimal(vi, "37.50"), "37,50");
    EXPECT_EQ(detail::decimal(vi, "12345.5"), "12.345,5");
    EXPECT_EQ(detail::decimal(en, "12345.5"), "12,345.5");
    EXPECT_EQ(detail::decimal(vi, "-1234.25"), "-1.234,25");
    EXPECT_EQ(detail::decimal(vi, "7"), "7");
    EXPECT_EQ(detail::decimal(vi, ""), "");
    EXPECT_EQ(detail::whole(vi, 999), "999");
    EXPECT_EQ(detail::whole(vi, 1000), "1.000");
    EXPECT_EQ(detail::whole(vi, 1234567), "1.234.567");
    EXPECT_EQ(detail::whole(en, 1234567), "1,234,567");
    EXPECT_EQ(detail::whole(vi, 0), "0");
    EXPECT_EQ(detail::whole(vi, -12000), "-12.000");
}

// Every paper is dated as the congress dates it (15/07/2025) — the results
// of a count the day of the count — not the day it is printed (the
// context's today: 05/01/2026); signed where it is signed.
TEST_F(CongressReports, PapersCarryTheCongressDateAndTheirSignatures) {
    close_and_seal();
    const std::vector<std::pair<std::string, Params>> papers = {
        {"delegates", {}},
        {"apportionment", {}},
        {"credentials", {}},
        {"results", {{"ID", "e"}}},
        {"standards", {{"NAME", "cap-uy-2025"}, {"election", "e"}}},
        {"structure", {{"NAME", "cap-uy-2025"}, {"ID", "e"}}},
    };
    const std::map<std::string, std::string> signer = {
        {"delegates", "T/M BAN THƯỜNG VỤ"}, {"apportionment", "T/M BAN THƯỜNG VỤ"},
        {"credentials", "T/M BAN THẨM TRA"}, {"results", "T/M BAN KIỂM PHIẾU"},
        {"standards", "T/M BAN THƯỜNG VỤ"},  {"structure", "T/M BAN THƯỜNG VỤ"}};
    // The results are signed with the minutes: dated the day of the count (its close).
    const std::string counted = place_date_line(
        Labels::load("vi"), "Tân Lập", text::local_date_time(el::require(ws.db(), "e").closed_at)->date);
    for (const auto& [kind, params] : papers) {
        Report r = build(kind, params);
        EXPECT_EQ(r.heading.place_date, kind == "results" ? counted : "Tân Lập, ngày 15 tháng 7 năm 2025") << kind;
        EXPECT_TRUE(any_line(r.closing, signer.at(kind))) << kind;
        EXPECT_FALSE(any_line(r.closing, "TM. ")) << kind;  // the Party writes T/M
    }
    // No congress date recorded: today.
    ws.db().exec("UPDATE congress SET date = ''");
    EXPECT_EQ(build("delegates").heading.place_date, "Tân Lập, ngày 05 tháng 01 năm 2026");
}

// The standard set by its title, never its file name; a closed count says
// nothing of the program's phases.
TEST_F(CongressReports, PapersSpeakThePartysWords) {
    close_and_seal();
    Report s = build("standards", {{"NAME", "cap-uy-2025"}, {"election", "e"}});
    EXPECT_TRUE(any_line(s, "Tiêu chuẩn: Ủy viên ban chấp hành nhiệm kỳ 2025–2030"));
    EXPECT_FALSE(any_line(s, "cap-uy-2025"));
    Report st = build("structure", {{"NAME", "cap-uy-2025"}, {"ID", "e"}});
    EXPECT_FALSE(any_line(st, "cap-uy-2025"));
    Report r = build("results", {{"ID", "e"}});
    EXPECT_FALSE(any_line(r, "Tình trạng"));
    EXPECT_FALSE(any_line(r, "niêm phong"));
    EXPECT_EQ(Labels::load("vi").table("values.candidate_status").at("tie"), "Số phiếu bằng nhau");
}

TEST_F(CongressReports, MembersOfAnEmptyRegistryIsNothingToReport) {
    auto empty = registry::init_congress(dir.file("w2.db"), test::sample_congress());
    Context ctx{empty.db(), Labels::load("vi"), {}, {2026, 1, 5}};
    EXPECT_THROW(report_kind("members").build(ctx), Refused);
    Params unit{{"unit", "NO-SUCH-UNIT"}};
    Context filtered{ws.db(), Labels::load("vi"), unit, {2026, 1, 5}};
    EXPECT_THROW(report_kind("members").build(filtered), Refused);
    EXPECT_THROW(write_kind(empty.db(), report_kind("members"), {}, "vi", dir.file("m.xlsx"), {}), Refused);
    EXPECT_FALSE(fs::exists(dir.file("m.xlsx")));
}

TEST_F(CongressReports, StructureAgainstTheTargets) {
    Report r = build("structure", {{"NAME", "cap-uy-2025"}, {"ID", "e"}});
    const Table& t = table(r, "structure");
    EXPECT_EQ(column(t, "measure"),
              (std::vector<std::string>{"women", "young", "minority", "renewal"}));
    EXPECT_EQ(column(t, "count")[0], "1");    // Bình
    EXPECT_EQ(column(t, "share")[0], "25");   // of 4
    EXPECT_EQ(column(t, "target")[0], "15");  // women_min 0.15
    EXPECT_EQ(column(t, "met")[0], "true");
    EXPECT_EQ(t.columns[0].value_labels.at("young"), "Dưới 40 tuổi");
    EXPECT_THROW(build("structure", {{"NAME", "cap-uy-2025"}, {"ID", "e"}, {"elected", "1"}}),
                 Refused);
    close_and_seal();
    Report elected = build("structure", {{"NAME", "cap-uy-2025"}, {"ID", "e"}, {"elected", "1"}});
    EXPECT_EQ(column(table(elected, "structure"), "count")[0], "1");  // An and Bình: one woman
    EXPECT_EQ(elected.title, "CƠ CẤU NGƯỜI TRÚNG CỬ");
    // A target of 0 (minority_min = 0.0) is no target: "—", never "Đạt", and
    // a note says so; CSV and JSON keep the number.
    EXPECT_EQ(column(t, "target")[2], "—");
    EXPECT_EQ(column(t, "met")[2], "—");
    EXPECT_TRUE(any_line(r, "—: không đặt chỉ tiêu"));
    Report json = build("structure", {{"NAME", "cap-uy-2025"}, {"ID", "e"}}, "vi", Format::Json);
    const Table& data = table(json, "structure");
    EXPECT_EQ(column(data, "target")[2], "0");
    EXPECT_EQ(column(data, "met")[2], "true");
}

// ---- report all
// ----------------------------------------------------------------------------------

TEST_F(CongressReports, AllWritesOneFilePerReportAndElection) {
    auto names = [&](const std::vector<Written>& written) {
        std::vector<std::string> out;
        for (const auto& w : written) out.push_back(w.file.filename().string());
        return out;
    };
    // Open: a ballot and a live result; no minutes until the count is closed.
    // The papers that are signed also as .pdf, each beside its .xlsx.
    EXPECT_EQ(names(write_all(ws.db(), dir.file("out1"), "vi", {})),
              (std::vector<std::string>{"members.xlsx", "delegates.xlsx", "delegates.pdf",
                                        "apportionment.xlsx", "credentials.xlsx", "credentials.pdf",
                                        "ballot-e.xlsx", "results-e.xlsx", "results-e.pdf", "journal-e.xlsx"}));
    close_and_seal();
    auto written = write_all(ws.db(), dir.file("out2"), "en", {});
    EXPECT_EQ(names(written),
              (std::vector<std::string>{"members.xlsx", "delegates.xlsx", "delegates.pdf",
                                        "apportionment.xlsx", "credentials.xlsx", "credentials.pdf",
                                        "ballot-e.xlsx", "minutes-e.xlsx", "minutes-e.pdf",
                                        "results-e.xlsx", "results-e.pdf", "journal-e.xlsx"}));
    for (const auto& w : written) EXPECT_GT(fs::file_size(w.file), 0u) << w.file;
    EXPECT_NE(slurp(dir.file("out2/credentials.xlsx")).find("xl/charts/chart1.xml"),
              std::string::npos);
}

// ---- the framework: charts, lines, margins, empty tables
// ---------------------------------------------

namespace {

Report small_report() {
    Report r;
    r.kind = "test";
    r.sheet_name = "Kết quả";
    r.heading = {"Đảng bộ xã Tân Lập", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
                 "Tân Lập, ngày 05 tháng 02 năm 2026"};
    r.title = "KẾT QUẢ";
    Table t;
    t.key = "votes";
    Column name;
    name.key = "name";
    name.label = "Họ và tên";
    name.width = 30;
    Column votes;
    votes.key = "votes";
    votes.label = "Số phiếu";
    votes.type = ColumnType::Int;
    t.columns = {name, votes};
    t.expected_rows = 2;
    t.rows = [](const Emit& emit) {
        emit(Row{{std::string("Lê Văn An"), std::int64_t{9}}, {}});
        emit(Row{{std::string("Lê Thị Bình"), std::int64_t{4}}, {}});
    };
    Chart c;
    c.title = "Số phiếu";
    c.category = "name";
    c.value = "votes";
    c.line = 6;
    c.line_label = "Cần 6 phiếu";
    t.chart = c;
    r.tables.push_back(std::move(t));
    return r;
}

}  // namespace

TEST(ReportChart, WrittenOverTheTablesNumbersAndRefusedInConstantMemory) {
    ScratchDir dir;
    Report r = small_report();
    r.closing = {Line::two("", LineStyle::Plain, "TM. BAN KIỂM PHIẾU", LineStyle::Bold),
                 Line(std::string("Một dòng rất dài ").append(300, 'x'), LineStyle::Small)};
    std::string path = dir.file("c.xlsx");
    EXPECT_EQ(write_report(r, path, {}), 2u);
    std::string bytes = slurp(path);
    EXPECT_NE(bytes.find("xl/charts/chart1.xml"), std::string::npos);
    auto rows = read_xlsx(path);
    auto an = std::find_if(rows.begin(), rows.end(),
                           [](const auto& rw) { return rw.size() > 2 && rw[1] == "Lê Văn An"; });
    ASSERT_NE(an, rows.end());
    EXPECT_EQ((*an)[2], "9");
    bool closing = std::any_of(rows.begin(), rows.end(), [](const auto& rw) {
        return std::find(rw.begin(), rw.end(), "TM. BAN KIỂM PHIẾU") != rw.end();
    });
    EXPECT_TRUE(closing);

    Report constant = small_report();
    constant.memory = Memory::Constant;
    EXPECT_THROW(write_report(constant, dir.file("k.xlsx"), {}), std::logic_error);
    EXPECT_FALSE(fs::exists(dir.file("k.xlsx")));
    Report bad = small_report();
    bad.tables[0].chart->value = "nope";
    EXPECT_THROW(write_report(bad, dir.file("b.xlsx"), {}), std::logic_error);
    // CSV and JSON ignore the chart.
    EXPECT_EQ(write_report(small_report(), dir.file("c.csv"), {}), 2u);
    EXPECT_EQ(slurp(dir.file("c.csv")), "name,votes\nLê Văn An,9\nLê Thị Bình,4\n");
}

TEST(ReportLayout, SideMarginShiftsTheTableAndEmptyTablesSaySo) {
    ScratchDir dir;
    Report r = small_report();
    r.tables[0].chart.reset();
    r.side_margin = 10;
    r.font_size = 16;
    Table none = r.tables[0];
    none.key = "none";
    none.caption = "Dự khuyết";
    none.expected_rows = 0;
    none.rows = [](const Emit&) {};
    none.if_empty = "Không có.";
    none.before = {Line("Đoạn văn trước bảng.", LineStyle::Italic)};
    r.tables.push_back(none);
    std::string path = dir.file("m.xlsx");
    write_report(r, path, {});
    auto rows = read_xlsx(path);
    auto header = std::find_if(rows.begin(), rows.end(),
                               [](const auto& rw) { return rw.size() > 1 && rw[1] == "STT"; });
    ASSERT_NE(header, rows.end());  // the table starts in column B
    EXPECT_EQ((*header)[0], "");
    auto flat = [&](const std::string& s) {
        return std::find_if(
                   rows.begin(), rows.end(),
                   [&](const auto& rw) { return std::find(rw.begin(), rw.end(), s) != rw.end(); }) -
               rows.begin();
    };
    EXPECT_LT(flat("Đoạn văn trước bảng."), flat("Dự khuyết"));
    EXPECT_LT(flat("Dự khuyết"), flat("Không có."));
    EXPECT_EQ(std::count_if(rows.begin(), rows.end(),
                            [](const auto& rw) { return rw.size() > 1 && rw[1] == "STT"; }),
              1);  // the empty table prints no header
    // A source that emits despite expected_rows 0 is a programming error.
    r.tables[1].rows = r.tables[0].rows;
    EXPECT_THROW(write_report(r, dir.file("x.xlsx"), {}), std::logic_error);
}
