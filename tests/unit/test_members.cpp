// core/registry: member import (CSV), validation, upsert counts, order, records.
#include "core/base/i18n.hpp"
#include "core/delegates/delegates.hpp"
#include "core/error.hpp"
#include "core/registry/members.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <functional>

using namespace daihoi;
using test::ScratchDir;

namespace {

struct Members : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt{};

    db::ImportSummary import(const std::string& csv) {
        return registry::import_members(ws, dir.write("m.csv", csv), opt);
    }
    // The messages of the InputError `csv` raises; fails the test if it imports.
    std::vector<std::string> refused(const std::string& csv) {
        auto before_members = test::count(ws, "members"), before_audit = test::count(ws, "audit");
        std::vector<std::string> out;
        try {
            import(csv);
            ADD_FAILURE() << "imported a bad file";
        } catch (const InputError& e) {
            for (const auto& d : e.diagnostics()) out.push_back(d.to_string().substr(dir.file("").size()));
        }
        EXPECT_EQ(test::count(ws, "members"), before_members) << "a refused import changed members";
        EXPECT_EQ(test::count(ws, "audit"), before_audit) << "a refused import left an audit entry";
        return out;
    }
    std::vector<std::string> names() {
        std::vector<std::string> out;
        registry::for_each_member(ws.db(), {}, [&](const registry::Member& m) { out.push_back(m.full_name); });
        return out;
    }
};

const char* kHeader = "code,full_name,gender,birth_date\n";

}  // namespace

TEST_F(Members, ImportsBomCrlfQuotedAndVietnameseHeaders) {
    std::string csv = "\xEF\xBB\xBF" "Mã,Họ và tên,GIOI TINH,Ngày sinh,Chức vụ,Ngày vào Đảng,Ngày chính thức\r\n"
                      "A1,\"Nguyễn Văn An\",Nam,02/01/1970,\"Bí thư, chi bộ\",2000-01-01,2001-01-01\r\n"
                      "A2,Nguye\xCC\x82\xCC\x83n Thị Ân,Nữ,1980-06-05,\"Cán bộ \"\"trẻ\"\"\",,\r\n";
    auto r = import(csv);
    EXPECT_EQ(r.added, 2u);
    auto a1 = registry::find_member(ws.db(), "A1");
    ASSERT_TRUE(a1);
    EXPECT_EQ(a1->position, "Bí thư, chi bộ");
    EXPECT_FALSE(a1->probationary());
    auto a2 = registry::find_member(ws.db(), "A2");
    ASSERT_TRUE(a2);
    EXPECT_EQ(a2->full_name, "Nguyễn Thị Ân");  // decomposed input stored NFC
    EXPECT_EQ(a2->gender, registry::Gender::Female);
    EXPECT_EQ(a2->position, "Cán bộ \"trẻ\"");
    EXPECT_TRUE(a2->probationary());
}

TEST_F(Members, UpsertCountsAddedUpdatedUnchanged) {
    import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\nA2,Trần Thị Bình,F,1980-01-01\n");
    auto r = import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\nA2,Trần Thị Bình,F,1981-01-01\nA3,Hồ Văn Cường,M,1975-03-03\n");
    EXPECT_EQ(r.added, 1u);
    EXPECT_EQ(r.updated, 1u);
    EXPECT_EQ(r.unchanged, 1u);
    EXPECT_EQ(registry::find_member(ws.db(), "A2")->birth_date, (text::Date{1981, 1, 1}));
}

TEST_F(Members, DryRunWritesNothing) {
    opt.file.dry_run = true;
    auto r = import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\n");
    EXPECT_EQ(r.added, 1u);
    EXPECT_EQ(test::count(ws, "members"), 0);
    EXPECT_EQ(test::count(ws, "audit"), 1);
}

TEST_F(Members, EveryBadRowListedNothingImported) {
    auto errors = refused(std::string(kHeader) +
                          "A1,Lê Văn An,M,1970-01-02\n"
                          "A2,Trần Văn Bình,X,1970-01-02\n"
                          "A3,Hồ Văn Cường,M,31/02/1990\n"
                          "A4,,M,1970-01-02\n"
                          "A1,Lê Văn An,M,1970-01-02\n"
                          "A5,Bad\xFF,M,1970-01-02\n");
    std::vector<std::string> expected = {
        "m.csv:3:3: gender: unknown value 'X' (accepted: M, F)",
        "m.csv:4:4: birth_date: '31/02/1990' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
        "m.csv:5:2: full_name: required",
        "m.csv:6:1: code: 'A1' repeats line 2",
        "m.csv:7:2: full_name: invalid UTF-8 (byte 4 of the field)"};
    EXPECT_EQ(errors, expected);
}

TEST_F(Members, UnknownEnumValuesNamed) {
    auto errors = refused("code,full_name,gender,birth_date,degree,theory\n"
                          "A1,Lê Văn An,M,1970-01-02,phd,trung-cap\n"
                          "A2,Lê Văn Ba,M,1970-01-02,master,advanced\n");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "m.csv:2:5: degree: unknown value 'phd' (accepted: none, college, bachelor, master, doctor)");
    EXPECT_EQ(errors[1], "m.csv:3:6: theory: unknown value 'advanced' (accepted: none, so-cap, trung-cap, cao-cap, cu-nhan)");
}

TEST_F(Members, MissingRequiredColumnNamesUnrecognisedHeaders) {
    auto errors = refused("code,fulname,gender,birth_date\nA1,Lê Văn An,M,1970-01-02\n");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "m.csv:1: missing required column 'full_name' (unrecognised headers: 'fulname')");
}

TEST_F(Members, EmptyFileRefused) {
    auto errors = refused("");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "m.csv: the file is empty (expected a header row)");
}

TEST_F(Members, CrossFieldDates) {
    auto errors = refused("code,full_name,gender,birth_date,party_join_date,official_date\n"
                          "A1,Lê Văn An,M,1970-01-02,1969-01-01,\n"
                          "A2,Lê Văn Ba,M,1970-01-02,2000-01-01,1999-01-01\n");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "m.csv:2: party_join_date: on or before the birth date");
    EXPECT_EQ(errors[1], "m.csv:3: official_date: before party_join_date");
}

TEST_F(Members, ListedInVietnameseNameOrder) {
    import(std::string(kHeader) +
           "1,Đỗ Minh Đức,M,1970-01-01\n2,Phạm Dũng,M,1970-01-01\n3,Nguyễn Văn An,M,1970-01-01\n"
           "4,Lê Văn An,M,1970-01-01\n5,Đặng Văn Ân,M,1970-01-01\n6,Nguyễn Văn An,M,1960-01-01\n");
    std::vector<std::string> expected = {"Lê Văn An", "Nguyễn Văn An", "Nguyễn Văn An",
                                         "Đặng Văn Ân", "Phạm Dũng", "Đỗ Minh Đức"};
    EXPECT_EQ(names(), expected);
    std::vector<std::string> codes;
    registry::for_each_member(ws.db(), {}, [&](const registry::Member& m) { codes.push_back(m.code); });
    EXPECT_EQ(codes[1], "6");  // same name: the elder first
}

TEST_F(Members, AddEditRemove) {
    registry::add_member(ws, {{"code", "B1"}, {"full_name", "Vũ Thị Hoa"}, {"gender", "Nữ"}, {"birth_date", "1985-05-05"}});
    EXPECT_THROW(registry::add_member(ws, {{"code", "B2"}, {"full_name", "X"}}), InputError);
    EXPECT_THROW(registry::add_member(ws, {{"code", "B1"}, {"full_name", "Vũ Thị Hoa"}, {"gender", "F"},
                                           {"birth_date", "1985-05-05"}}), Refused);
    registry::edit_member(ws, "B1", {{"theory", "cao cấp"}});
    EXPECT_EQ(registry::find_member(ws.db(), "B1")->theory, registry::Theory::CaoCap);
    EXPECT_THROW(registry::edit_member(ws, "B1", {{"birth_date", "yesterday"}}), InputError);
    EXPECT_THROW(registry::edit_member(ws, "B9", {{"theory", "so-cap"}}), InputError);  // no such member
    registry::remove_members(ws, {"B1"});
    EXPECT_FALSE(registry::find_member(ws.db(), "B1"));
}

TEST_F(Members, EvaluationsAndDisciplineRecords) {
    import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\n");
    auto r = registry::import_evaluations(ws, dir.write("e.csv", "code,year,grade\nA1,2023,tot\nA1,2024,Hoàn thành xuất sắc nhiệm vụ\n"), opt);
    EXPECT_EQ(r.added, 2u);
    auto evals = registry::evaluations_of(ws.db(), "A1");
    ASSERT_EQ(evals.size(), 2u);
    EXPECT_EQ(evals[1].grade, registry::Grade::XuatSac);
    try {
        registry::import_evaluations(ws, dir.write("e2.csv", "code,year,grade\nZZ,2023,tot\nA1,20x3,tot\nA1,2022,great\n"), opt);
        FAIL();
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 3u);
        EXPECT_NE(e.diagnostics()[0].message.find("no member with code 'ZZ'"), std::string::npos);
        EXPECT_NE(e.diagnostics()[1].message.find("not a year"), std::string::npos);
        EXPECT_NE(e.diagnostics()[2].message.find("unknown value 'great'"), std::string::npos);
    }
    auto d = registry::import_discipline(ws, dir.write("d.csv", "code,date,form,until\nA1,2022-03-01,Khiển trách,2023-03-01\n"), opt);
    EXPECT_EQ(d.added, 1u);
    auto again = registry::import_discipline(ws, dir.file("d.csv"), opt);
    EXPECT_EQ(again.unchanged, 1u);
    EXPECT_EQ(registry::discipline_of(ws.db(), "A1").at(0).form, "Khiển trách");
}

TEST_F(Members, UpdateChangesOnlyTheColumnsInTheFile) {
    import("code,full_name,gender,birth_date,unit,party_join_date,official_date\n"
           "A1,Lê Văn An,M,1970-01-02,U01,2000-01-01,2001-01-01\n");
    auto r = import("code,full_name,gender,birth_date,position\nA1,Lê Văn An,M,1970-01-02,Bí thư\n");
    EXPECT_EQ(r.updated, 1u);
    auto m = registry::find_member(ws.db(), "A1");
    EXPECT_EQ(m->position, "Bí thư");
    EXPECT_EQ(m->unit, "U01");  // kept: not in the second file
    EXPECT_EQ(m->official_date, (text::Date{2001, 1, 1}));
    // A change that breaks a rule only together with the stored fields is refused too.
    auto errors = refused("code,full_name,gender,birth_date,official_date\nA1,Lê Văn An,M,1970-01-02,1999-01-01\n");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "m.csv:2: official_date: before party_join_date (with the registry's other fields)");
}

TEST_F(Members, FormulaGuardApostropheFromCsvExportIsDropped) {
    // The CSV export writes "=…" as "'=…" so no spreadsheet runs it; re-importing gives the text back.
    import("code,full_name,gender,birth_date,position\nA1,Lê Văn An,M,1970-01-02,'=SUM(A1:A9)\nA2,Lê Văn Ba,M,1970-01-02,'Bí thư\n");
    EXPECT_EQ(registry::find_member(ws.db(), "A1")->position, "=SUM(A1:A9)");
    EXPECT_EQ(registry::find_member(ws.db(), "A2")->position, "'Bí thư");  // an ordinary apostrophe stays
}

// ---- the value sets: codes, the reader's words, Vietnamese input -----------------------

TEST(MemberValues, GenderAcceptsCodesAndVietnameseWords) {
    using registry::Gender;
    for (const char* w : {"M", "m", "Nam", "NAM", "male"}) EXPECT_EQ(registry::parse_gender(w), Gender::Male) << w;
    for (const char* w : {"F", "Nữ", "nu", "NỮ", "female"}) EXPECT_EQ(registry::parse_gender(w), Gender::Female) << w;
    EXPECT_FALSE(registry::parse_gender("X"));
    EXPECT_FALSE(registry::parse_gender(""));
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(registry::genders().unknown("X"), "unknown value 'X' (accepted: M, F)");
    EXPECT_EQ(std::string(registry::genders().label(Gender::Female)), "female");
}

TEST(MemberValues, DegreeAcceptsVietnameseWords) {
    using registry::Degree;
    EXPECT_EQ(registry::parse_degree("thạc sĩ"), Degree::Master);
    EXPECT_EQ(registry::parse_degree("Thac si"), Degree::Master);
    EXPECT_EQ(registry::parse_degree("Tiến sĩ"), Degree::Doctor);
    EXPECT_EQ(registry::parse_degree("cao đẳng"), Degree::College);
    EXPECT_EQ(registry::parse_degree("Đại học"), Degree::Bachelor);
    EXPECT_EQ(registry::parse_degree("cử nhân"), Degree::Bachelor);
    EXPECT_EQ(registry::parse_degree("kỹ sư"), Degree::Bachelor);
    EXPECT_EQ(registry::parse_degree("không"), Degree::None);
    EXPECT_FALSE(registry::parse_degree("phd"));
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(registry::degrees().unknown("phd"), "unknown value 'phd' (accepted: none, college, bachelor, master, doctor)");
}

TEST(MemberValues, TheoryAcceptsVietnameseWords) {
    using registry::Theory;
    EXPECT_EQ(registry::parse_theory("sơ cấp"), Theory::SoCap);
    EXPECT_EQ(registry::parse_theory("Trung cấp"), Theory::TrungCap);
    EXPECT_EQ(registry::parse_theory("cao-cap"), Theory::CaoCap);
    EXPECT_EQ(registry::parse_theory("CỬ NHÂN"), Theory::CuNhan);
    EXPECT_EQ(registry::parse_theory("không"), Theory::None);
    EXPECT_FALSE(registry::parse_theory("advanced"));  // an English label is a phrase, not a bare adjective
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(registry::theories().unknown("x"),
              "unknown value 'x' (accepted: none, so-cap, trung-cap, cao-cap, cu-nhan)");
}

TEST(MemberValues, GradeAcceptsTheWordsOfTheYearlyReview) {
    using registry::Grade;
    EXPECT_EQ(registry::parse_grade("Hoàn thành xuất sắc nhiệm vụ"), Grade::XuatSac);
    EXPECT_EQ(registry::parse_grade("xuất sắc"), Grade::XuatSac);
    EXPECT_EQ(registry::parse_grade("Hoàn thành tốt nhiệm vụ"), Grade::Tot);
    EXPECT_EQ(registry::parse_grade("tốt"), Grade::Tot);
    EXPECT_EQ(registry::parse_grade("hoàn thành nhiệm vụ"), Grade::HoanThanh);
    EXPECT_EQ(registry::parse_grade("Hoàn thành"), Grade::HoanThanh);
    EXPECT_EQ(registry::parse_grade("Không hoàn thành nhiệm vụ"), Grade::KhongHoanThanh);
    EXPECT_EQ(registry::parse_grade("khong-hoan-thanh"), Grade::KhongHoanThanh);
    EXPECT_FALSE(registry::parse_grade("great"));
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(registry::grades().unknown("great"),
              "unknown value 'great' (accepted: khong-hoan-thanh, hoan-thanh, tot, xuat-sac)");
}

TEST(MemberValues, CodesAreStableAndReadBack) {
    for (const auto& c : registry::genders().all()) EXPECT_EQ(registry::parse_gender(c.code), c.value);
    for (const auto& c : registry::degrees().all()) EXPECT_EQ(registry::parse_degree(c.code), c.value);
    for (const auto& c : registry::theories().all()) EXPECT_EQ(registry::parse_theory(c.code), c.value);
    for (const auto& c : registry::grades().all()) EXPECT_EQ(registry::parse_grade(c.code), c.value);
    EXPECT_EQ(registry::code(registry::Gender::Female), "F");
    EXPECT_EQ(registry::code(registry::Degree::Bachelor), "bachelor");
    EXPECT_EQ(registry::code(registry::Theory::TrungCap), "trung-cap");
    EXPECT_EQ(registry::code(registry::Grade::XuatSac), "xuat-sac");
}

TEST(MemberValues, UnknownValueListsTheReadersWords) {
    i18n::init(i18n::Lang::Vi);
    // The reader's words: the labels in Vietnamese, not the codes M and F.
    EXPECT_EQ(registry::genders().unknown("X"), "giá trị 'X' không hợp lệ (chấp nhận: Nam, Nữ)");
    i18n::init(i18n::Lang::En);
}

TEST(MemberValues, ListOrderAcceptsVietnameseWords) {
    EXPECT_EQ(registry::member_orders().parse("ngày sinh"), registry::MemberOrder::Birth);
    EXPECT_EQ(registry::member_orders().parse("Tên"), registry::MemberOrder::Name);
    EXPECT_EQ(registry::member_orders().parse("code"), registry::MemberOrder::Code);
    EXPECT_FALSE(registry::member_orders().parse("age"));
}

// ---- codes that name nobody: the registry's one answer, exit 3, nothing changed ----------

TEST_F(Members, UnknownMemberCodesAnswerOnce) {
    i18n::init(i18n::Lang::En);
    import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\n");
    auto audit_before = test::count(ws, "audit");
    for (auto change : std::vector<std::function<void()>>{
             [&] { registry::edit_member(ws, "NOPE", {{"position", "Bí thư"}}); },
             [&] { registry::remove_members(ws, {"NOPE"}); },
             [&] { registry::require_member(ws.db(), "NOPE"); }}) {
        try {
            change();
            ADD_FAILURE() << "accepted an unknown code";
        } catch (const InputError& e) {
            EXPECT_EQ(e.code(), Exit::BadInput);
            ASSERT_EQ(e.diagnostics().size(), 1u);
            EXPECT_EQ(e.diagnostics()[0].message, "no member with code 'NOPE' in the registry");
        }
    }
    EXPECT_EQ(test::count(ws, "audit"), audit_before);
    EXPECT_EQ(test::count(ws, "members"), 1);
}

TEST_F(Members, AddingAKnownCodeIsRefusedAndChangesNothing) {
    import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\n");
    auto audit_before = test::count(ws, "audit");
    EXPECT_THROW(registry::add_member(ws, {{"code", "A1"}, {"full_name", "Lê Văn Ba"}, {"gender", "Nam"},
                                           {"birth_date", "1971-01-01"}}),
                 Refused);
    EXPECT_EQ(registry::find_member(ws.db(), "A1")->full_name, "Lê Văn An");
    EXPECT_EQ(test::count(ws, "audit"), audit_before);
    try {
        registry::add_member(ws, {{"code", "A2"}});
        FAIL();
    } catch (const InputError& e) {  // every missing field listed, each named
        ASSERT_EQ(e.diagnostics().size(), 3u);
        EXPECT_EQ(e.diagnostics()[0].to_string(), "full_name: required");
    }
    EXPECT_THROW(registry::edit_member(ws, "A1", {}), UsageError);
    EXPECT_THROW(registry::edit_member(ws, "A1", {{"code", "A9"}}), UsageError);
}

// ---- the values of real member lists ------------------------------------------------

// Lists keep dates as 05.03.1975 or 05-03-1975, and often only the year of
// birth: it is kept as a year, never made into 1 January.
TEST_F(Members, ImportsDatesAsListsWriteThemAndABirthYearAlone) {
    import("code,full_name,gender,birth_date,party_join_date,official_date\n"
           "A1,Lê Văn An,M,1968,05.03.1995,05-03-1996\n"
           "A2,Trần Thị Bình,F, 5/3/1975 ,,\n");
    auto a1 = registry::find_member(ws.db(), "A1");
    ASSERT_TRUE(a1);
    EXPECT_TRUE(a1->birth_date.is_year_only());
    EXPECT_EQ(a1->birth_date.iso(), "1968");
    EXPECT_EQ(a1->party_join_date, (text::Date{1995, 3, 5}));
    EXPECT_EQ(a1->official_date, (text::Date{1996, 3, 5}));
    EXPECT_EQ(registry::to_json(*a1)["birth_date"], "1968");
    EXPECT_EQ(registry::find_member(ws.db(), "A2")->birth_date, (text::Date{1975, 3, 5}));
    // Stored as "1968": read back the same, unchanged by a second import.
    auto again = import("code,full_name,gender,birth_date\nA1,Lê Văn An,M,1968\n");
    EXPECT_EQ(again.unchanged, 1u);
    // Sorted by birth: the year alone by its earliest day.
    import("code,full_name,gender,birth_date\nA3,Hồ Văn Cường,M,31/12/1967\nA4,Đỗ Văn Dũng,M,01/01/1968\n");
    std::vector<std::string> codes;
    registry::for_each_member(ws.db(), {std::nullopt, registry::MemberOrder::Birth},
                              [&](const registry::Member& m) { codes.push_back(m.code); });
    EXPECT_EQ(codes, (std::vector<std::string>{"A3", "A1", "A4", "A2"}));
}

TEST_F(Members, TwoDigitYearsAndFutureYearsAreRefusedWithTheirRow) {
    i18n::init(i18n::Lang::En);
    auto errors = refused("code,full_name,gender,birth_date,party_join_date\n"
                          "A1,Lê Văn An,M,05/03/75,\n"
                          "A2,Lê Văn Ba,M,2099,\n"
                          "A3,Lê Văn Cả,M,1968,1968-06-01\n"
                          "A4,Lê Văn Dư,M,1968,1967-12-31\n");
    EXPECT_EQ(errors, (std::vector<std::string>{
                          "m.csv:2:4: birth_date: '05/03/75': a two-digit year is ambiguous; write the year in full",
                          "m.csv:3:4: birth_date: 2099 is in the future",
                          "m.csv:5: party_join_date: on or before the birth date"}));
}

TEST_F(Members, EditAndAddTakeABirthYear) {
    import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\n");
    registry::edit_member(ws, "A1", {{"birth_date", "1968"}});
    EXPECT_EQ(registry::find_member(ws.db(), "A1")->birth_date, registry::BirthDate::year_only(1968));
    registry::add_member(ws, {{"code", "B1"}, {"full_name", "Vũ Thị Hoa"}, {"gender", "Nữ"}, {"birth_date", "1985"}});
    EXPECT_EQ(registry::find_member(ws.db(), "B1")->birth_date.iso(), "1985");
    EXPECT_THROW(registry::edit_member(ws, "A1", {{"birth_date", "68"}}), InputError);
}

// HTXSNV, HTTNV, HTNV, KHTNV as personnel offices write them, and the full phrases.
TEST_F(Members, GradeAbbreviationsAndPhrases) {
    import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\n");
    registry::import_evaluations(ws, dir.write("e.csv", "code,year,grade\nA1,2021,HTXSNV\nA1,2022,httnv\nA1,2023,HTNV\n"
                                                        "A1,2024,KHTNV\nA1,2020,Hoàn thành xuất sắc nhiệm vụ\n"),
                                 opt);
    auto e = registry::evaluations_of(ws.db(), "A1");
    ASSERT_EQ(e.size(), 5u);
    EXPECT_EQ(e[0].grade, registry::Grade::XuatSac);
    EXPECT_EQ(e[1].grade, registry::Grade::XuatSac);
    EXPECT_EQ(e[2].grade, registry::Grade::Tot);
    EXPECT_EQ(e[3].grade, registry::Grade::HoanThanh);
    EXPECT_EQ(e[4].grade, registry::Grade::KhongHoanThanh);
    EXPECT_FALSE(registry::parse_grade("HTX"));
}

TEST(Values, DegreeAndTheoryAbbreviations) {
    using registry::Degree, registry::Theory;
    EXPECT_EQ(registry::parse_degree("ĐH"), Degree::Bachelor);
    EXPECT_EQ(registry::parse_degree("dh"), Degree::Bachelor);
    EXPECT_EQ(registry::parse_degree("Cử nhân"), Degree::Bachelor);
    EXPECT_EQ(registry::parse_degree("CĐ"), Degree::College);
    EXPECT_EQ(registry::parse_degree("ThS"), Degree::Master);
    EXPECT_EQ(registry::parse_degree("TS"), Degree::Doctor);
    EXPECT_EQ(registry::parse_theory("CC"), Theory::CaoCap);
    EXPECT_EQ(registry::parse_theory("Cao cấp"), Theory::CaoCap);
    EXPECT_EQ(registry::parse_theory("TC"), Theory::TrungCap);
    EXPECT_EQ(registry::parse_theory("Trung cấp"), Theory::TrungCap);
    EXPECT_EQ(registry::parse_theory("SC"), Theory::SoCap);
    EXPECT_EQ(registry::parse_theory("CN"), Theory::CuNhan);
    EXPECT_FALSE(registry::parse_theory("ĐH"));
}

// A unit by code, or by its name ignoring case, diacritics and spaces; stored as its code.
TEST_F(Members, UnitByCodeOrNameStoredAsItsCode) {
    i18n::init(i18n::Lang::En);
    // Without units imported, the unit is free text, kept as written.
    import("code,full_name,gender,birth_date,unit\nA0,Lê Văn An,M,1970-01-02,Chi bộ 9\n");
    EXPECT_EQ(registry::find_member(ws.db(), "A0")->unit, "Chi bộ 9");
    delegates::import_units(ws, dir.write("u.csv", "code,name,members\nCB3,Chi bộ 3,10\nTHCS,Chi bộ Trường THCS,5\n"
                                                   "X1,Chi bộ Thôn 1,4\nX2,Chi bộ thôn 1,4\n"),
                            opt);
    import("code,full_name,gender,birth_date,unit\nA1,Lê Văn An,M,1970-01-02,CB3\nA2,Lê Văn Ba,M,1970-01-02,chi bo 3\n"
           "A3,Lê Văn Cả,M,1970-01-02,CHI BỘ TRƯỜNG THCS\nA4,Lê Văn Dư,M,1970-01-02,Chibộ3\n");
    for (const char* c : {"A1", "A2", "A4"}) EXPECT_EQ(registry::find_member(ws.db(), c)->unit, "CB3") << c;
    EXPECT_EQ(registry::find_member(ws.db(), "A3")->unit, "THCS");
    auto errors = refused("code,full_name,gender,birth_date,unit\nB1,Lê Văn An,M,1970-01-02,Chi bộ thôn 1\n"
                          "B2,Lê Văn Ba,M,1970-01-02,Chi bộ 7\nB3,Lê Văn Cả,M,1970-01-02,Trường\n");
    EXPECT_EQ(errors, (std::vector<std::string>{
                          "m.csv:2:5: unit: 'Chi bộ thôn 1' names 2 units: X1 (Chi bộ Thôn 1), X2 (Chi bộ thôn 1); "
                          "write the unit's code",
                          "m.csv:3:5: unit: no unit with code or name 'Chi bộ 7'",
                          "m.csv:4:5: unit: no unit with code or name 'Trường' (did you mean THCS (Chi bộ Trường THCS)?)"}));
    registry::edit_member(ws, "A0", {{"unit", "chi bộ trường thcs"}});
    EXPECT_EQ(registry::find_member(ws.db(), "A0")->unit, "THCS");
    EXPECT_THROW(registry::edit_member(ws, "A0", {{"unit", "Chi bộ 7"}}), InputError);
}

// Several codes in one transaction: all or none, every code that cannot go named.
TEST_F(Members, RemoveManyAllOrNothing) {
    i18n::init(i18n::Lang::En);
    import(std::string(kHeader) + "A1,Lê Văn An,M,1970-01-02\nA2,Lê Văn Ba,M,1970-01-02\nA3,Lê Văn Cả,M,1970-01-02\n"
                                  "A4,Lê Văn Dư,M,1970-01-02\n");
    delegates::import_delegates(ws, dir.write("d.csv", "code,kind\nA4,elected\n"), opt);
    auto audit = test::count(ws, "audit");
    try {
        registry::remove_members(ws, {"A1", "NOPE", "A4", "A2"});
        ADD_FAILURE() << "removed with an unknown code";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 2u);
        EXPECT_EQ(e.diagnostics()[0].message, "no member with code 'NOPE' in the registry");
        EXPECT_EQ(e.diagnostics()[1].message, "member A4 cannot be removed: still a delegate or a candidate");
    }
    try {
        registry::remove_members(ws, {"A1", "A4"});
        ADD_FAILURE() << "removed a delegate";
    } catch (const Refused& e) {
        EXPECT_STREQ(e.what(), "member A4 cannot be removed: still a delegate or a candidate");
    }
    EXPECT_EQ(test::count(ws, "members"), 4);
    EXPECT_EQ(test::count(ws, "audit"), audit);
    EXPECT_EQ(registry::remove_members(ws, {"A1", "A2", "A1", "A3"}), (std::vector<std::string>{"A1", "A2", "A3"}));
    EXPECT_EQ(test::count(ws, "members"), 1);
    EXPECT_EQ(test::count(ws, "audit"), audit + 1);
}
