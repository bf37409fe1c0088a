// core/delegates/credentials: the credentials review statistics of RULES.md
// "Credentials review report", over a hand-built list whose every count is known.
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/delegates/credentials.hpp"
#include "core/delegates/delegates.hpp"
#include "core/registry/members.hpp"
#include "core/report/templates.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

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
    registry::ImportOptions opt{};

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
    EXPECT_EQ(number::percent(3, 8), "37.50");
    EXPECT_EQ(number::percent(1, 3), "33.33");
    EXPECT_EQ(number::percent(2, 3), "66.67");
    EXPECT_EQ(number::percent(1, 6), "16.67");
    EXPECT_EQ(number::percent(1, 800), "0.13");  // 0.125 → half up
    EXPECT_EQ(number::percent(8, 8), "100.00");
    EXPECT_EQ(number::percent(0, 8), "0.00");
    EXPECT_EQ(number::percent(0, 0), "");  // nothing to share
}

TEST(CredentialsShares, AverageAgeOneDecimalHalfUp) {
    EXPECT_EQ(number::average_tenths(0, 0), "");  // no one seated
    EXPECT_EQ(number::average_tenths(161, 4), "40.3");  // 40.25
    EXPECT_EQ(number::average_tenths(121, 3), "40.3");  // 40.333…
    EXPECT_EQ(number::average_tenths(80, 2), "40.0");
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
    EXPECT_EQ(number::percent(c.present, c.seated), "62.50");
    EXPECT_EQ(get("2").present, 0);
    EXPECT_EQ(c.probationary, 1);  // A04
    EXPECT_EQ(c.non_voting, 1);
}

TEST_F(Credentials, GenderOfTheSeated) {
    auto c = get();
    EXPECT_EQ(c.men, 3);  // A01 A03 A05 (A06, A08, D09, R02 are not seated)
    EXPECT_EQ(c.women, 5);
    EXPECT_EQ(number::percent(c.men, c.seated), "37.50");
    EXPECT_EQ(number::percent(c.women, c.seated), "62.50");
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
    EXPECT_EQ(number::average_tenths(c.age_sum, c.seated), "49.9");  // 399 / 8 = 49.875
}

TEST_F(Credentials, TurningFortyOnTheCongressDateIsNotUnderForty) {
    auto c = get();
    EXPECT_EQ(c.under_40, 3);  // A04, A03 (40 only the day after), R01 — not A02
    EXPECT_EQ(number::percent(c.under_40, c.seated), "37.50");
}

TEST_F(Credentials, OverSeventyMeansSeventyOrOlder) {
    auto c = get();
    EXPECT_EQ(c.over_70, 2);  // A01 turns 70 on the congress date, A10 is 80
    EXPECT_EQ(number::percent(c.over_70, c.seated), "25.00");
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
    EXPECT_EQ(number::percent(c.minorities, c.seated), "37.50");
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
    EXPECT_EQ(number::percent(c.degree_bachelor, c.seated), "37.50");
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
    EXPECT_EQ(j["age"]["oldest"]["full_name"], "Mai Thị Năm");  // a person is full_name everywhere
    EXPECT_FALSE(j["age"]["oldest"].contains("name"));
    EXPECT_EQ(j["party_years"]["most"]["full_name"], "Mai Thị Năm");
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

// ---- one layout for the terminal and the report ------------------------------------------

namespace {
const dl::CredentialsSection& section(const std::vector<dl::CredentialsSection>& ls, const std::string& key) {
    for (const auto& s : ls)
        if (s.key == key) return s;
    throw std::runtime_error("no section " + key);
}
const dl::CredentialsRow& row(const dl::CredentialsSection& s, const std::string& item) {
    for (const auto& r : s.rows)
        if (r.item == item || (r.item.empty() && r.value == item)) return r;
    throw std::runtime_error("no row " + item);
}
}  // namespace

TEST_F(Credentials, OneLayoutSectionsRowsAndShares) {
    auto layout = dl::credentials_layout(get());
    std::vector<std::string> keys;
    for (const auto& s : layout) keys.push_back(s.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"totals", "gender", "age", "ethnicity", "religion", "education", "degree",
                                              "theory", "party_years", "shares"}));
    const auto& totals = section(layout, "totals");
    std::vector<std::string> items;
    for (const auto& r : totals.rows) items.push_back(r.item);
    EXPECT_EQ(items, (std::vector<std::string>{"convened", "seated", "present", "elected", "ex_officio", "appointed",
                                               "reserve_substituting", "reserves", "disqualified",
                                               "absent_whole_congress", "replaced", "probationary"}));
    // Shares of the seated, except the rows about the convened, and none for the convened themselves.
    EXPECT_EQ(row(totals, "convened").percent(), "");
    EXPECT_EQ(row(totals, "seated").percent(), "80.00");  // 8 of 10 convened
    EXPECT_EQ(row(totals, "disqualified").percent(), "10.00");
    EXPECT_EQ(row(totals, "absent_whole_congress").percent(), "20.00");
    EXPECT_EQ(row(totals, "present").percent(), "62.50");  // 5 of 8 seated
    EXPECT_EQ(row(totals, "reserves").percent(), "");
    EXPECT_EQ(row(section(layout, "gender"), "women").count, 5);
    EXPECT_EQ(row(section(layout, "gender"), "women").percent(), "62.50");
    ASSERT_EQ(totals.above.size(), 1u);
    EXPECT_EQ(totals.above[0].kind, dl::CredentialsNoteKind::SharesOf);
    // The Kinh majority stands in its own row, not again among the recorded values.
    const auto& eth = section(layout, "ethnicity");
    std::vector<std::string> values;
    for (const auto& r : eth.rows) values.push_back(r.item.empty() ? r.value : r.item);
    EXPECT_EQ(values, (std::vector<std::string>{"kinh", "minorities", "Khmer", "Mường", "Tày"}));
    EXPECT_EQ(row(section(layout, "education"), "unknown").count, 1);  // a code, not a recorded value
    // The notes: oldest, youngest, average age; most and least years in the party.
    const auto& age = section(layout, "age");
    ASSERT_EQ(age.below.size(), 3u);
    EXPECT_EQ(age.below[0].who->code, "A10");
    EXPECT_EQ(age.below[2].average, "49.9");
    EXPECT_EQ(section(layout, "party_years").below.size(), 2u);
    EXPECT_EQ(row(section(layout, "shares"), "under_40").percent(), "37.50");
}

TEST_F(Credentials, OneLayoutInTheReadersWords) {
    i18n::init(i18n::Lang::En);
    auto layout = dl::credentials_layout(get());
    const auto& age = section(layout, "age");
    EXPECT_EQ(dl::credentials_note(age.below[0]), "oldest: A10 Mai Thị Năm, born 01/01/1945, 80 years old");
    EXPECT_EQ(dl::credentials_note(age.below[2]), "average age: 49.9");
    EXPECT_EQ(dl::credentials_row_label(row(section(layout, "totals"), "seated")), "delegates seated");
    EXPECT_EQ(dl::credentials_row_label(row(section(layout, "ethnicity"), "Tày")), "Tày");  // as recorded
    EXPECT_FALSE(dl::credentials_item_label("no_such_item"));
    // Every item has words at the terminal and in both report languages.
    for (const std::string lang : {"vi", "en"}) {
        auto words = report::Labels::load(lang).table("credentials.items");
        for (const auto& s : layout) {
            EXPECT_NO_THROW(report::Labels::load(lang).text("credentials.captions." + s.key)) << s.key;
            for (const auto& r : s.rows) {
                if (r.item.empty()) continue;
                EXPECT_TRUE(words.count(r.item)) << lang << ": " << r.item;
                EXPECT_TRUE(dl::credentials_item_label(r.item)) << r.item;
            }
        }
    }
}

TEST(CredentialsLayout, MembersCongressShowsItsMembers) {
    dl::Credentials c;
    c.convened = c.seated = c.age_known = 11;
    c.convened_by_kind.member = c.seated_by_kind.member = 11;
    const auto layout = dl::credentials_layout(c);
    std::vector<std::string> items;
    for (const auto& r : layout.front().rows) items.push_back(r.item);
    EXPECT_EQ(items, (std::vector<std::string>{"convened", "seated", "present", "member", "disqualified",
                                               "absent_whole_congress", "probationary"}));
    ASSERT_EQ(section(layout, "age").below.size(), 1u);  // no one recorded: only the average age
    EXPECT_EQ(section(layout, "age").below[0].kind, dl::CredentialsNoteKind::AverageAge);
}

// Only the year of birth: counted where every day of the year puts the
// person, else under "unknown" — never as born on 1 January. At 15/07/2025,
// born in 1985 is 39 or 40, in 1955 69 or 70, in 2001 23 or 24.
TEST_F(Credentials, BirthYearAloneCountedOnlyWhereTheWholeYearAgrees) {
    registry::edit_member(ws, "A07", {{"birth_date", "1985"}});
    registry::edit_member(ws, "A05", {{"birth_date", "1955"}});
    registry::edit_member(ws, "A04", {{"birth_date", "2001"}});
    auto c = get();
    EXPECT_EQ(c.age_under_30, 1);  // A04, 23 or 24
    EXPECT_EQ(c.age_30_39, 2);     // A03, R01
    EXPECT_EQ(c.age_40_49, 1);     // A02 (A07 now unknown)
    EXPECT_EQ(c.age_60_69, 0);     // (A05 now unknown)
    EXPECT_EQ(c.age_70_over, 2);
    EXPECT_EQ(c.age_unknown, 2);  // A07, A05
    EXPECT_EQ(c.under_40, 3);     // A04, A03, R01
    EXPECT_EQ(c.under_40_unknown, 1);
    EXPECT_EQ(c.over_70, 2);
    EXPECT_EQ(c.over_70_unknown, 1);
    EXPECT_EQ(c.age_known, 5);  // the average is of the exact ages only
    EXPECT_EQ(c.age_sum, 70 + 40 + 39 + 80 + 35);
    ASSERT_TRUE(c.youngest);
    EXPECT_EQ(c.youngest->code, "A04");
    EXPECT_TRUE(c.youngest->year_only);
    i18n::init(i18n::Lang::En);
    auto layout = dl::credentials_layout(c);
    const auto& age = section(layout, "age");
    EXPECT_EQ(row(age, "age_unknown").count, 2);
    EXPECT_EQ(dl::credentials_note(age.below[1]), "youngest: A04 Phạm Thị Dung, born in 2001, 23 or 24 years old");
    EXPECT_EQ(dl::credentials_note(age.below[2]), "average age: 52.8 (of the 5 delegates whose age is known)");
    EXPECT_EQ(row(section(layout, "shares"), "under_40_unknown").count, 1);
    auto j = dl::to_json(c);
    EXPECT_EQ(j["age"]["youngest"]["birth_date"], "2001");
    EXPECT_TRUE(j["age"]["youngest"]["age"].is_null());
    EXPECT_EQ(j["age"]["youngest"]["age_from"], 23);
    EXPECT_EQ(j["age"]["bands"]["unknown"]["count"], 2);
}
