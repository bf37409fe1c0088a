// core/delegates/credentials: the credentials review statistics of RULES.md
// "Credentials review report", over a hand-built list whose every count is known.
#include "core/delegates/credentials.hpp"
#include "core/delegates/delegates.hpp"
#include "core/registry/members.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

using namespace daihoi;
namespace dl = daihoi::delegates;
using test::ScratchDir;

namespace {

// The congress opens on 15/07/2025 (test::sample_congress()). Ages then:
//   A01 70 (turns 70 that day)  A02 40 (turns 40 that day)  A03 39 (turns 40 the next day)
//   A04 25 (probationary)       A05 64                      A06 55 (ex-officio, absent all congress)
//   A07 46                      A08 45 (replaced by R01)    D09 (disqualified)
//   A10 80                      R01 35 (reserve, takes A08's place)   R02 (reserve, unused)
const char* kMembers =
    "code,full_name,gender,birth_date,ethnicity,religion,party_join_date,official_date,education,degree,theory\n"
    "A01,Nguyễn Văn An,M,1955-07-15,Kinh,,1975-07-16,1976-07-16,10/10,doctor,cao-cap\n"
    "A02,Trần Thị Bình,F,1985-07-15,Tày,Phật giáo,2010-07-15,2011-07-15,12/12,master,trung-cap\n"
    "A03,Lê Văn Cường,M,1985-07-16,Kinh,Không,2015-07-16,2016-07-16,12/12,bachelor,so-cap\n"
    "A04,Phạm Thị Dung,F,2000-01-01,Kinh,,,,12/12,college,\n"
    "A05,Hoàng Văn Em,M,1960-12-31,Mường,Công giáo,1990-05-19,1991-05-19,,,cu-nhan\n"
    "A06,Vũ Văn Phúc,M,1970-03-03,Kinh,,1994-01-01,1995-01-01,12/12,bachelor,cao-cap\n"
    "A07,Đặng Thị Giang,F,1978-08-20,Kinh,,2000-08-20,2001-08-20,12/12,bachelor,cao-cap\n"
    "A08,Bùi Văn Hải,M,1980-01-10,Kinh,Phật giáo,2005-01-10,2006-01-10,12/12,master,cao-cap\n"
    "D09,Lý Văn Lâm,M,1975-05-05,Kinh,,2000-01-01,2001-01-01,12/12,bachelor,trung-cap\n"
    "A10,Mai Thị Năm,F,1945-01-01,Kinh,,1965-01-01,1966-01-01,7/10,none,none\n"
    "R01,Ngô Thị Hoa,F,1990-06-01,Khmer,Phật giáo,2015-07-15,2016-07-15,12/12,bachelor,trung-cap\n"
    "R02,Đỗ Văn Khoa,M,1992-01-01,Kinh,,2018-01-01,2019-01-01,12/12,bachelor,so-cap\n";

const char* kDelegates =
    "code,kind,unit\n"
    "A01,elected,U1\nA02,elected,U1\nA03,elected,U1\nA04,elected,U2\nA05,ex-officio,\nA06,ex-officio,\n"
    "A07,appointed,\nA08,elected,U2\nD09,elected,U1\nA10,elected,U1\nR01,reserve,U2\nR02,reserve,U1\n";

struct Credentials : ::testing::Test {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    registry::ImportOptions opt{std::nullopt, false, nullptr};

    void SetUp() override {
        registry::import_members(ws, dir.write("m.csv", kMembers), opt);
        dl::import_units(ws, dir.write("u.csv", "code,name,members\nU1,Chi bộ 1,100\nU2,Chi bộ 2,50\n"), opt);
        dl::import_delegates(ws, dir.write("d.csv", kDelegates), opt);
        dl::disqualify(ws, "D09", "không đủ tư cách");
        dl::mark_absent(ws, "A06", true, "công tác nước ngoài");
        dl::replace_delegate(ws, "A08", "R01", "ốm nặng");
        dl::checkin(ws, {"A01", "A02", "A03", "A04", "A05", "R01"}, "1");
        dl::checkout(ws, {"A05"}, "1");
    }
    dl::Credentials get(const std::string& session = "1") { return dl::credentials(ws.db(), session); }
};

}  // namespace

TEST(CredentialsShares, PercentIsRoundedHalfUpWithIntegers) {
    EXPECT_EQ(dl::percent(3, 8), "37.50");
    EXPECT_EQ(dl::percent(1, 3), "33.33");
    EXPECT_EQ(dl::percent(2, 3), "66.67");
    EXPECT_EQ(dl::percent(1, 6), "16.67");
    EXPECT_EQ(dl::percent(1, 800), "0.13");  // 0.125 → half up
    EXPECT_EQ(dl::percent(8, 8), "100.00");
    EXPECT_EQ(dl::percent(0, 8), "0.00");
    EXPECT_EQ(dl::percent(0, 0), "0.00");
}

TEST(CredentialsShares, AverageAgeOneDecimalHalfUp) {
    dl::Credentials c;
    EXPECT_EQ(dl::average_age(c), "");  // no one seated
    c.seated = 4, c.age_sum = 161;        // 40.25
    EXPECT_EQ(dl::average_age(c), "40.3");
    c.seated = 3, c.age_sum = 121;  // 40.333…
    EXPECT_EQ(dl::average_age(c), "40.3");
    c.seated = 2, c.age_sum = 80;
    EXPECT_EQ(dl::average_age(c), "40.0");
}

TEST_F(Credentials, TotalsConvenedSeatedPresentByKind) {
    auto c = get();
    EXPECT_EQ(c.as_of, (text::Date{2025, 7, 15}));
    EXPECT_EQ(c.convened, 10);  // every official record, whatever became of it
    EXPECT_EQ(c.convened_by_kind.elected, 7);
    EXPECT_EQ(c.convened_by_kind.ex_officio, 2);
    EXPECT_EQ(c.convened_by_kind.appointed, 1);
    EXPECT_EQ(c.convened_by_kind.reserve_substituting, 0);
    EXPECT_EQ(c.convened_by_kind.member, 0);
    EXPECT_EQ(c.reserves, 2);
    EXPECT_EQ(c.disqualified, 1);
    EXPECT_EQ(c.absent_whole_congress, 2);  // A06, and A08 whom R01 replaced
    EXPECT_EQ(c.replaced, 1);
    EXPECT_EQ(c.seated, 8);
    EXPECT_EQ(c.seated, c.convened - c.disqualified - c.absent_whole_congress + c.seated_by_kind.reserve_substituting);
    EXPECT_EQ(c.seated_by_kind.elected, 5);
    EXPECT_EQ(c.seated_by_kind.ex_officio, 1);
    EXPECT_EQ(c.seated_by_kind.appointed, 1);
    EXPECT_EQ(c.seated_by_kind.reserve_substituting, 1);
    EXPECT_EQ(c.seated_by_kind.member, 0);
    EXPECT_EQ(c.present, 5);  // A05 checked out
    EXPECT_EQ(dl::percent(c.present, c.seated), "62.50");
    EXPECT_EQ(get("2").present, 0);
    EXPECT_EQ(c.probationary, 1);  // A04
    EXPECT_EQ(c.non_voting, 1);
}

TEST_F(Credentials, GenderOfTheSeated) {
    auto c = get();
    EXPECT_EQ(c.men, 3);  // A01 A03 A05 (A06, A08, D09, R02 are not seated)
    EXPECT_EQ(c.women, 5);
    EXPECT_EQ(dl::percent(c.men, c.seated), "37.50");
    EXPECT_EQ(dl::percent(c.women, c.seated), "62.50");
}

TEST_F(Credentials, AgeBandsAtTheCongressDate) {
    auto c = get();
    EXPECT_EQ(c.age_under_30, 1);  // A04 25
    EXPECT_EQ(c.age_30_39, 2);     // A03 39, R01 35
    EXPECT_EQ(c.age_40_49, 2);     // A02 40, A07 46
    EXPECT_EQ(c.age_50_59, 0);
    EXPECT_EQ(c.age_60_69, 1);     // A05 64
    EXPECT_EQ(c.age_70_over, 2);   // A01 70, A10 80
    EXPECT_EQ(c.age_sum, 70 + 40 + 39 + 25 + 64 + 46 + 80 + 35);
    EXPECT_EQ(dl::average_age(c), "49.9");  // 399 / 8 = 49.875
}

TEST_F(Credentials, TurningFortyOnTheCongressDateIsNotUnderForty) {
    auto c = get();
    EXPECT_EQ(c.under_40, 3);  // A04, A03 (40 only the day after), R01 — not A02
    EXPECT_EQ(dl::percent(c.under_40, c.seated), "37.50");
}

TEST_F(Credentials, OverSeventyMeansSeventyOrOlder) {
    auto c = get();
    EXPECT_EQ(c.over_70, 2);  // A01 turns 70 on the congress date, A10 is 80
    EXPECT_EQ(dl::percent(c.over_70, c.seated), "25.00");
}

TEST_F(Credentials, OldestAndYoungest) {
    auto c = get();
    ASSERT_TRUE(c.oldest && c.youngest);
    EXPECT_EQ(c.oldest->code, "A10");
    EXPECT_EQ(c.oldest->name, "Mai Thị Năm");
    EXPECT_EQ(c.oldest->date, (text::Date{1945, 1, 1}));
    EXPECT_EQ(c.oldest->years, 80);
    EXPECT_EQ(c.youngest->code, "A04");
    EXPECT_EQ(c.youngest->date, (text::Date{2000, 1, 1}));
    EXPECT_EQ(c.youngest->years, 25);
}

TEST_F(Credentials, EthnicityKinhAndMinorities) {
    auto c = get();
    EXPECT_EQ(c.kinh, 5);
    EXPECT_EQ(c.minorities, 3);
    EXPECT_EQ(dl::percent(c.minorities, c.seated), "37.50");
    ASSERT_EQ(c.ethnicities.size(), 4u);  // most frequent first, then Vietnamese order
    EXPECT_EQ(c.ethnicities[0].value, "Kinh");
    EXPECT_EQ(c.ethnicities[0].count, 5);
    EXPECT_EQ(c.ethnicities[1].value, "Khmer");
    EXPECT_EQ(c.ethnicities[2].value, "Mường");
    EXPECT_EQ(c.ethnicities[3].value, "Tày");
    EXPECT_EQ(c.ethnicities[3].count, 1);
}

TEST_F(Credentials, ReligionIgnoresKhong) {
    auto c = get();
    EXPECT_EQ(c.with_religion, 3);  // A02, A05, R01; A03's "Không" is no religion
    ASSERT_EQ(c.religions.size(), 2u);
    EXPECT_EQ(c.religions[0].value, "Phật giáo");
    EXPECT_EQ(c.religions[0].count, 2);
    EXPECT_EQ(c.religions[1].value, "Công giáo");
    EXPECT_EQ(c.religions[1].count, 1);
}

TEST_F(Credentials, GeneralEducationUnknownLast) {
    auto c = get();
    ASSERT_EQ(c.education.size(), 4u);
    EXPECT_EQ(c.education[0].value, "12/12");
    EXPECT_EQ(c.education[0].count, 5);
    EXPECT_EQ(c.education[1].value, "10/10");
    EXPECT_EQ(c.education[2].value, "7/10");
    EXPECT_EQ(c.education[3].value, "unknown");  // A05 has none recorded
    EXPECT_EQ(c.education[3].count, 1);
}

TEST_F(Credentials, DegreeAndPoliticalTheory) {
    auto c = get();
    EXPECT_EQ(c.degree_doctor, 1);
    EXPECT_EQ(c.degree_master, 1);  // A08's master's left with A08
    EXPECT_EQ(c.degree_bachelor, 3);
    EXPECT_EQ(c.degree_college, 1);
    EXPECT_EQ(c.degree_none, 1);
    EXPECT_EQ(c.degree_unknown, 1);
    EXPECT_EQ(dl::percent(c.degree_bachelor, c.seated), "37.50");
    EXPECT_EQ(c.theory_cu_nhan, 1);
    EXPECT_EQ(c.theory_cao_cap, 2);
    EXPECT_EQ(c.theory_trung_cap, 2);
    EXPECT_EQ(c.theory_so_cap, 1);
    EXPECT_EQ(c.theory_none, 1);
    EXPECT_EQ(c.theory_unknown, 1);
}

TEST_F(Credentials, YearsInTheParty) {
    auto c = get();
    EXPECT_EQ(c.party_under_10, 1);  // A03 9 (10 the next day)
    EXPECT_EQ(c.party_10_19, 2);     // A02 15 to the day, R01 10 to the day
    EXPECT_EQ(c.party_20_29, 1);     // A07 24 (25 in August)
    EXPECT_EQ(c.party_30_over, 3);   // A01 49 (50 the next day), A05 35, A10 60
    EXPECT_EQ(c.party_unknown, 1);   // A04, probationary, no admission date recorded
    ASSERT_TRUE(c.party_most && c.party_least);
    EXPECT_EQ(c.party_most->code, "A10");
    EXPECT_EQ(c.party_most->years, 60);
    EXPECT_EQ(c.party_most->date, (text::Date{1965, 1, 1}));
    EXPECT_EQ(c.party_least->code, "A03");
    EXPECT_EQ(c.party_least->years, 9);
    EXPECT_EQ(c.party_least->date, (text::Date{2015, 7, 16}));
}

TEST_F(Credentials, JsonFieldsAreStable) {
    auto j = dl::to_json(get());
    EXPECT_EQ(j["as_of"], "2025-07-15");
    EXPECT_EQ(j["totals"]["convened"], 10);
    EXPECT_EQ(j["totals"]["seated"], 8);
    EXPECT_EQ(j["totals"]["seated_by_kind"]["reserve_substituting"], 1);
    EXPECT_EQ(j["totals"]["absent_at_session"], 3);
    EXPECT_EQ(j["gender"]["women"]["percent"], 62.5);
    EXPECT_EQ(j["age"]["bands"]["70_and_over"]["count"], 2);
    EXPECT_EQ(j["age"]["under_40"]["percent"], 37.5);
    EXPECT_EQ(j["age"]["average"], 49.9);
    EXPECT_EQ(j["age"]["oldest"]["birth_date"], "1945-01-01");
    EXPECT_EQ(j["age"]["oldest"]["age"], 80);
    EXPECT_EQ(j["ethnicity"]["minorities"]["count"], 3);
    EXPECT_EQ(j["ethnicity"]["breakdown"][2]["value"], "Mường");
    EXPECT_EQ(j["education"][3]["value"], "unknown");
    EXPECT_EQ(j["theory"]["cu_nhan"]["count"], 1);
    EXPECT_EQ(j["party_years"]["least"]["party_join_date"], "2015-07-16");
    EXPECT_EQ(j["party_years"]["unknown"]["count"], 1);
    EXPECT_EQ(j["probationary"]["percent"], 12.5);
}

TEST(CredentialsEmpty, NoDelegatesNoDivisionByZero) {
    ScratchDir dir;
    auto ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    auto c = dl::credentials(ws.db(), "1");
    EXPECT_EQ(c.seated, 0);
    EXPECT_FALSE(c.oldest);
    auto j = dl::to_json(c);
    EXPECT_TRUE(j["age"]["average"].is_null());
    EXPECT_EQ(j["gender"]["men"]["percent"], 0.0);
}
